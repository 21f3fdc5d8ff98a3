#!/usr/bin/env python3
"""Two builds of the Python package against each other and the binary: `Pipeline.pipe` over BBC
News (records as dicts, and as JSON lines) in interpreters that have one build each, against
`quotewire run --threads 2`, each measurement a process of its own, in rounds interleaved so that a
shared machine's noise falls on all alike. Prints the best and the median of each, and the best
against the binary's best.

    python3 benches/python_pipe_ab.py --python base=/tmp/base-venv/bin/python \\
        --python new=.venv/bin/python [--data DIR] [--quotewire BIN] [--rounds 20]

Each package measurement is the best of two `pipe` runs in one process, over the stories read as
dicts (as `benches/python_pipe.py` times them); the binary runs twice a round.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

# What each interpreter runs: the wall time of `pipe` over the stories, best of two.
ONE = """
import json, sys, time, quotewire
documents = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
pipeline, as_json, best = quotewire.Pipeline(), sys.argv[2] == "json", None
for _ in range(2):
    t, quotes = time.perf_counter(), 0
    for record in pipeline.pipe(documents, threads=int(sys.argv[3]), as_json=as_json):
        quotes += 1 if as_json else len(record.get("quotes", ()))
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(best)
"""


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--python", action="append", required=True, metavar="NAME=PYTHON")
    p.add_argument("--data", default=os.environ.get("QUOTEWIRE_DATA", "../shared/data"))
    p.add_argument("--quotewire", default="target/release/quotewire")
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    builds = dict(spec.split("=", 1) for spec in a.python)
    path = os.path.join(a.data, "bbc_news", "bbc_news.jsonl")
    out = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name
    times = {"cli": []}
    for _ in range(a.rounds):
        for _ in range(2):
            t = time.perf_counter()
            subprocess.run([a.quotewire, "run", path, "--threads", str(a.threads), "--quiet", "-o", out], check=True)
            times["cli"].append(time.perf_counter() - t)
        for mode in ("dicts", "json"):
            for name, python in builds.items():
                done = subprocess.run([python, "-c", ONE, path, mode, str(a.threads)], check=True,
                                      capture_output=True, text=True, cwd=tempfile.gettempdir())
                times.setdefault(f"{name} {mode}", []).append(float(done.stdout))
    os.unlink(out)
    cli = min(times["cli"])
    print(f"BBC News, {a.threads} threads, {a.rounds} rounds; load average {os.getloadavg()[0]:.1f} at the end.")
    print()
    print("| what | best s | median s | best vs `run`'s best |")
    print("|---|---|---|---|")
    for what, ts in times.items():
        label = f"`quotewire run --threads {a.threads}`" if what == "cli" else f"{what.split()[0]}: `pipe`, {'records as dicts' if what.endswith('dicts') else 'JSON lines'}"
        print(f"| {label} | {min(ts):.3f} | {statistics.median(ts):.3f} | {min(ts) / cli:.2f}x |")


if __name__ == "__main__":
    sys.exit(main())
