#!/usr/bin/env python3
"""Throughput of the Spark job in local mode next to a plain `quotewire run` on the same input:
Reuters and BBC stories repeated to about --mb MB. The Spark figure is also given without its
fixed start-up cost (JVM, context), measured on a one-document input in the same session.

Usage: .spark-venv/bin/python scale/spark/throughput.py [--mb 120] [--cores 2] [--partitions 16]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

QW = os.path.abspath("target/release/quotewire")
JOB = os.path.abspath("scale/spark/quotewire_spark.py")


def timed(cmd):
    started = time.time()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - started


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("QUOTEWIRE_DATA", "../shared/data"))
    ap.add_argument("--mb", type=float, default=120)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=16)
    args = ap.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    with tempfile.TemporaryDirectory(prefix="quotewire-spark-bench-") as work:
        corpus, one = f"{work}/corpus.jsonl", f"{work}/one.jsonl"
        lines = []
        for name in ["reuters21578/derived/reuters21578.jsonl", "bbc_news/bbc_news.jsonl"]:
            lines += [l for l in open(f"{args.data}/{name}", encoding="utf-8") if l.strip()]
        with open(corpus, "w", encoding="utf-8") as f:
            while f.tell() < args.mb * 1e6:
                f.writelines(lines)
        with open(one, "w", encoding="utf-8") as f:
            f.write(lines[0])
        size = os.path.getsize(corpus) / 1e6
        plain = timed([QW, "run", corpus, "-q", "--threads", str(args.cores), "-o", "/dev/null",
                       "--index", f"{work}/plain.json"])

        def spark(path, name):
            return timed([sys.executable, JOB, "--master", f"local[{args.cores}]", "--input", f"file://{path}",
                          "--partitions", str(args.partitions), "--output", f"{work}/{name}",
                          "--index", f"{work}/{name}.json", "--quotewire", QW])
        startup = spark(one, "one")
        total = spark(corpus, "all")
        print(f"input: {size:.1f} MB ({args.cores} cores)")
        print(f"plain run, {args.cores} threads: {plain:.1f} s, {size / plain:.2f} MB/s")
        print(f"Spark local[{args.cores}], {args.partitions} partitions: {total:.1f} s, {size / total:.2f} MB/s; "
              f"start-up {startup:.1f} s, without it {size / (total - startup):.2f} MB/s")


if __name__ == "__main__":
    main()
