#!/usr/bin/env python3
"""Checks that the Spark job gives exactly what a plain `quotewire run` gives on the same documents:
the same records (order aside) and the same speaker index, with bad documents among them, and that
a document on which the binary dies is reported (kind `crash`) without losing the others or
failing the job. Prints both runs' throughput.

Usage (from the repository root, after scale/spark/setup.sh and a release build):
    .spark-venv/bin/python scale/spark/check.py [--data ../shared/data] [--docs 600] [--partitions 4]
        [--quotewire target/release/quotewire]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

QW = os.path.abspath("target/release/quotewire")  # --quotewire changes it
JOB = os.path.abspath("scale/spark/quotewire_spark.py")
TARGET = "--target=GSOMIA=intel-sharing pact"

# Documents that fail, each in its own way (ids given so that both runs name them alike).
BAD = [
    json.dumps({"id": "bad-empty", "text": ""}),
    json.dumps({"id": "bad-binary", "text": "PNG\u0000\u0001"}),
    json.dumps({"id": "bad-no-text", "title": "a headline only"}),
    json.dumps({"id": "bad-unbalanced", "text": "He said “this never closes. And ” « nor this"}),
    '{"id": "bad-truncated", "text": "cut',
]


def corpus(data, n, path):
    """n Reuters and BBC stories, alternately while both last, with the bad documents."""
    sources = [open(f"{data}/reuters21578/derived/reuters21578.jsonl", encoding="utf-8"),
               open(f"{data}/bbc_news/bbc_news.jsonl", encoding="utf-8")]
    lines = []
    while len(lines) < n and sources:
        for s in list(sources):
            line = s.readline().strip()
            if not line:
                sources.remove(s)
            elif len(lines) < n:
                lines.append(line)
    for i, bad in enumerate(BAD):
        lines.insert(1 + i * len(lines) // len(BAD), bad)
    # The same documents again, later: each later copy is a `duplicate-id` error record.
    lines.insert(len(lines) // 2, lines[3])
    lines.append(lines[2])
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


def records_by_doc(lines):
    out = {}
    for line in lines:
        record = json.loads(line)
        if record.get("kind") == "duplicate-id":  # the later copy of a document
            record["doc"] += " (later copy)"
        if record.get("kind") == "json":  # an unreadable line is named by its position
            record["doc"] = "unreadable line"
            record["error"] = record["error"].split(": ", 1)[-1]
        assert record["doc"] not in out, f"two records for {record['doc']}"
        out[record["doc"]] = record
    return out


# Corrections of the speaker index by hand, applied alike by both runs.
ALIASES = """merge Tony Blair = Blair
split Parry
kind EU = organisation
rename Lib Dems = Liberal Democrats
"""


def spark_job(work, name, inputs, binary, partitions, extra=()):
    out = f"{work}/{name}"
    started = time.time()
    subprocess.run([sys.executable, JOB, "--master", "local[2]", "--input", f"file://{inputs}",
                    "--partitions", str(partitions), "--output", out, "--index", f"{out}.index.json",
                    "--quotewire", binary, f"--run-arg={TARGET}", *extra], check=True)
    seconds = time.time() - started
    lines = []
    for part in sorted(os.listdir(out)):
        if part.startswith("part-"):
            lines += open(f"{out}/{part}", encoding="utf-8").read().splitlines()
    return lines, json.load(open(f"{out}.index.json")), seconds


CRASHER = r'''#!/usr/bin/env python3
"""quotewire, except that it dies (abort) on a document holding CRASH-ME."""
import os, sys
real = sys.argv[1]
args = sys.argv[2:]
if args[:1] != ["run"]:
    os.execv(real, [real, *args])
data = sys.stdin.buffer.read()
if b"CRASH-ME" in data:
    os.abort()
r, w = os.pipe()
if os.fork() == 0:
    os.close(r)
    os.write(w, data)
    os._exit(0)
os.close(w)
os.dup2(r, 0)
os.execv(real, [real, *args])
'''


def main():
    global QW
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("QUOTEWIRE_DATA", "../shared/data"))
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--quotewire", default=QW, help="the binary to check (default: the release build)")
    args = ap.parse_args()
    QW = os.path.abspath(args.quotewire)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    with tempfile.TemporaryDirectory(prefix="quotewire-spark-check-") as work:
        inputs = f"{work}/corpus.jsonl"
        n = corpus(args.data, args.docs, inputs)
        size = os.path.getsize(inputs)
        started = time.time()
        aliases = f"{work}/aliases.txt"
        with open(aliases, "w", encoding="utf-8") as f:
            f.write(ALIASES)
        plain = subprocess.run([QW, "run", inputs, "-q", "--threads", "2", "--index", f"{work}/plain.index.json",
                                "--aliases", aliases, TARGET], capture_output=True, text=True)
        plain_seconds = time.time() - started
        assert plain.returncode == 1, f"bad documents make the exit status 1: {plain.stderr}"
        plain_records = records_by_doc(plain.stdout.splitlines())
        plain_index = json.load(open(f"{work}/plain.index.json"))

        lines, index, spark_seconds = spark_job(work, "spark", inputs, QW, args.partitions,
                                                ["--aliases", aliases])
        spark_records = records_by_doc(lines)
        assert len(plain_records) == n, (len(plain_records), n)
        assert spark_records.keys() == plain_records.keys(), set(spark_records) ^ set(plain_records)
        different = [d for d in plain_records if plain_records[d] != spark_records[d]]
        assert not different, f"records differ: {different[:5]}"
        differing = [k for k in set(index["speakers"]) | set(plain_index["speakers"])
                     if index["speakers"].get(k) != plain_index["speakers"].get(k)]
        assert not differing, f"the merged speaker index differs from the plain run's: {differing[:5]} " \
            f"{[(index['speakers'].get(k), plain_index['speakers'].get(k)) for k in differing[:1]]}"
        failed = sum("error" in r for r in plain_records.values())
        twice = sum(r.get("kind") == "duplicate-id" for r in plain_records.values())
        assert twice == 2, f"two later copies reported as duplicate-id, not {twice}"
        print(f"same records: {n} documents ({failed} error records, {twice} of them later copies of a document), same speaker index "
              f"({len(index['speakers'])} speakers), {args.partitions} partitions")

        crasher = f"{work}/crasher.py"
        with open(crasher, "w") as f:
            f.write(CRASHER)
        wrapper = f"{work}/quotewire-crashing"
        with open(wrapper, "w") as f:
            f.write(f"#!/bin/sh\nexec {sys.executable} {crasher} {QW} \"$@\"\n")
        os.chmod(wrapper, 0o755)
        crash_inputs = f"{work}/crash.jsonl"
        with open(inputs, encoding="utf-8") as f:
            docs = f.read().splitlines()[:40]
        docs.insert(17, json.dumps({"id": "dies", "text": "CRASH-ME, he said."}))
        with open(crash_inputs, "w", encoding="utf-8") as f:
            f.write("\n".join(docs) + "\n")
        lines, _, _ = spark_job(work, "crash", crash_inputs, wrapper, 2)
        crashed = records_by_doc(lines)
        assert len(crashed) == len(docs), (len(crashed), len(docs))
        assert crashed["dies"]["kind"] == "crash", crashed["dies"]
        assert all(crashed[d] == plain_records[d] for d in crashed if d != "dies")
        print(f"a document that kills the binary: reported as `crash`, the other {len(docs) - 1} kept")

        print(f"throughput on {size / 1e6:.2f} MB: plain run (2 threads) {plain_seconds:.2f} s "
              f"({size / 1e6 / plain_seconds:.2f} MB/s); Spark local[2], {args.partitions} partitions "
              f"{spark_seconds:.2f} s ({size / 1e6 / spark_seconds:.2f} MB/s, JVM start included)")


if __name__ == "__main__":
    main()
