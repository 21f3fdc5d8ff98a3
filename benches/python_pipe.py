#!/usr/bin/env python3
"""The Python package against the binary: `Pipeline.pipe` over BBC News (2,225 stories) against
`quotewire run --threads 2` on the same JSON Lines, release builds, in the same run, best of N.

Run it with an interpreter that has the package (`pip install ./python`, a release build) and a
release binary (`cargo build --release -p quotewire-cli`):

    .venv/bin/python benches/python_pipe.py [--data DIR] [--quotewire BIN] [--runs 5] [--threads 2]

The binary's time is the wall time of the whole process (reading the file, writing the records
to a file); the package's is the wall time of `pipe` over the stories already in memory as dicts
(as `json.loads` reads the lines), every record handed out as a dict (or, `as_json=True`, as its
JSON line), from the first document in to the last record out. Prints Markdown; `benchmarks.py`
puts it in BENCHMARKS.md. With --check, exit status 1 when `pipe` is more than 15% slower than the
binary.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import quotewire


def best(f, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=os.environ.get("QUOTEWIRE_DATA", "../shared/data"))
    p.add_argument("--quotewire", default="target/release/quotewire")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--check", action="store_true", help="fail when pipe is over 15%% slower")
    a = p.parse_args()
    path = os.path.join(a.data, "bbc_news", "bbc_news.jsonl")
    with open(path, encoding="utf-8") as f:
        documents = [json.loads(line) for line in f if line.strip()]
    mb = os.path.getsize(path) / 1e6
    pipeline = quotewire.Pipeline()
    out = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name

    def cli():
        subprocess.run([a.quotewire, "run", path, "--threads", str(a.threads), "--quiet", "-o", out], check=True)

    def pipe(as_json):
        def run():
            quotes = 0
            for record in pipeline.pipe(documents, threads=a.threads, as_json=as_json):
                quotes += 1 if as_json else len(record.get("quotes", ()))
            return quotes

        return run

    # The same records first (the tests check it in full; here the document ids and quote counts).
    with open(out, "w"):
        pass
    cli()
    with open(out, encoding="utf-8") as f:
        expected = [json.loads(line) for line in f]
    records = list(pipeline.pipe(documents, threads=a.threads))
    assert records == expected, "pipe's records differ from the binary's"
    quotes = sum(len(r.get("quotes", ())) for r in records)

    # Interleaved, so that the machine's noise falls on all three alike.
    timings = {"cli": [], "dicts": [], "json": []}
    for _ in range(a.runs):
        timings["cli"].append(best(cli, 1))
        timings["dicts"].append(best(pipe(False), 1))
        timings["json"].append(best(pipe(True), 1))
    cli_s, dicts_s, json_s = (min(timings[k]) for k in ("cli", "dicts", "json"))
    os.unlink(out)
    ratio = dicts_s / cli_s
    print(f"BBC News: {len(documents)} stories, {mb:.1f} MB of JSON Lines, {quotes} quotes; "
          f"{a.threads} threads, best of {a.runs} (interleaved); Python {sys.version.split()[0]}, "
          f"quotewire {quotewire.__version__}.")
    print()
    print("| what | wall s | MB/s | vs `run` |")
    print("|---|---|---|---|")
    print(f"| `quotewire run --threads {a.threads}` (file in, records to a file) | {cli_s:.2f} | {mb / cli_s:.1f} | 1.00x |")
    print(f"| `Pipeline.pipe(dicts, threads={a.threads})`, records as dicts | {dicts_s:.2f} | {mb / dicts_s:.1f} | {ratio:.2f}x |")
    print(f"| `Pipeline.pipe(dicts, threads={a.threads}, as_json=True)`, JSON lines | {json_s:.2f} | {mb / json_s:.1f} | {json_s / cli_s:.2f}x |")
    print()
    verdict = "within" if ratio <= 1.15 else "NOT within"
    print(f"`pipe` takes **{ratio:.2f}x** the binary's time: {verdict} the 15% bar.")
    if a.check and ratio > 1.15:
        sys.exit(1)


if __name__ == "__main__":
    main()
