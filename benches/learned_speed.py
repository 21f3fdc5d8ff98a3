#!/usr/bin/env python3
"""The learned attribution path against spaCy + textacy, side by side in one run, on PolNeAR dev's
84 articles (one .txt file each): CPU seconds (user + system of the whole process, less the time
to load the models, as for spaCy), MB per CPU-second, documents per second and peak RSS, for
`quotewire run --no-scoring` with `--attributor rules|learned|hybrid` on 1 and 2 threads.

Needs the transformer build (`eval "$(bash models/setup.sh)"`, then `cargo build --release -p
quotewire-cli --features transformer`) and the peers' venv (`../shared/peers/setup.sh`). Prints a
Markdown table; `benchmarks.py` puts it in BENCHMARKS.md.

Usage: benches/learned_speed.py [--data DIR] [--venv .peers-venv] [--quotewire BIN] [--repeat 3]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

QW = "target/release/quotewire"


def measured(cmd):
    """(CPU s, wall s, peak RSS MB, exit status, stderr) of one run, from the kernel's accounting."""
    with tempfile.TemporaryFile() as err:
        start = os.times().elapsed
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = os.times().elapsed - start
        err.seek(0)
        return (usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024,
                os.waitstatus_to_exitcode(status), err.read().decode(errors="replace"))


def quotewire_rows(qw, folder, mb, docs, repeat):
    """The rows of quotewire: each attributor on 1 and 2 threads, best of `repeat`, less the
    CPU time of the same command on one short document (loading the models)."""
    rows = []
    with tempfile.TemporaryDirectory() as tiny:
        with open(os.path.join(tiny, "one.txt"), "w") as f:
            f.write("“We tried,” the minister said.\n")
        for attributor in ("rules", "learned", "hybrid"):
            for threads in (1, 2):
                base = [qw, "run", "-q", "--no-scoring", "--threads", str(threads), "--attributor", attributor,
                        "-o", os.devnull]
                load = min(measured(base + [tiny])[0] for _ in range(repeat))
                runs = [measured(base + [folder]) for _ in range(repeat)]
                for r in runs:
                    if r[3] != 0:
                        sys.exit(f"{' '.join(base)} {folder} failed: {r[4][-500:]}")
                cpu, wall, rss = min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)
                work = max(cpu - load, 1e-9)
                rows.append({"system": f"quotewire --attributor {attributor}", "threads": threads, "cpu_s": work,
                             "load_cpu_s": load, "mb_per_cpu_s": mb / work, "docs_per_s": docs / wall,
                             "rss_mb": rss})
    return rows


def textacy_row(venv, peers, folder, repeat):
    """spaCy en_core_web_sm + textacy on the same files: its own CPU count with the model load
    left out (benches/peers/textacy_records.py), best of `repeat`."""
    best = None
    for _ in range(repeat):
        cpu, wall, rss, status, err = measured([f"{venv}/bin/python", "benches/peers/textacy_records.py", peers, folder])
        if status != 0:
            sys.exit(f"textacy failed: {err[-500:]}")
        stats = json.loads(next(l for l in err.splitlines() if l.startswith("#stats"))[7:])
        if best is None or stats["cpu_s"] < best[0]["cpu_s"]:
            best = (stats, rss)
    stats, rss = best
    mb = stats["bytes"] / 1e6
    return mb, {"system": "spaCy en_core_web_sm + textacy", "threads": 1, "cpu_s": stats["cpu_s"],
                "load_cpu_s": None, "mb_per_cpu_s": mb / stats["cpu_s"], "docs_per_s": None, "rss_mb": rss}


def table(rows, peer):
    out = ["| system | threads | CPU s (model load excluded) | MB per CPU-s | documents/s | peak RSS MB | per CPU-s against textacy |",
           "|---|---|---|---|---|---|---|"]
    for r in rows + [peer]:
        load = f" (+{r['load_cpu_s']:.1f} load)" if r["load_cpu_s"] else ""
        docs = f"{r['docs_per_s']:.1f}" if r["docs_per_s"] else ""
        out.append(f"| {r['system']} | {r['threads']} | {r['cpu_s']:.2f}{load} | {r['mb_per_cpu_s']:.4f} | {docs} "
                   f"| {r['rss_mb']:.0f} | {r['mb_per_cpu_s'] / peer['mb_per_cpu_s']:.2f}x |")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.environ.get("QUOTEWIRE_DATA", "../shared/data"))
    ap.add_argument("--venv", default=os.environ.get("PEERS_VENV", ".peers-venv"))
    ap.add_argument("--quotewire", default=QW)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folder = f"{args.data}/polnear/data/dev/text"
    peers = os.path.join(os.path.dirname(os.path.abspath(args.data)), "peers")
    docs = len([n for n in os.listdir(folder) if n.endswith(".txt")])
    mb, peer = textacy_row(args.venv, peers, folder, args.repeat)
    rows = quotewire_rows(args.quotewire, folder, mb, docs, args.repeat)
    print("\n".join(table(rows, peer)))


if __name__ == "__main__":
    main()
