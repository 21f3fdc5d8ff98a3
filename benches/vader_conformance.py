#!/usr/bin/env python3
"""`quotewire sentiment` against the reference vaderSentiment (../shared/peers/run_vader.py) on the
same 1,000 sentences: how many compound scores agree within 1e-3, every difference listed, and the
CPU-time ratio. Sentences: NYT editorial dev, tweets, movie and product reviews (the VADER ground
truth files) and BBC news sentences (split by `quotewire segment`), the first ones of each.

Usage: benches/vader_conformance.py [--data ../shared/data] [--venv .peers-venv] [--json FILE]
"""
import argparse
import json
import subprocess
import sys
import tempfile

sys.path.insert(0, "benches")
from benchmarks import QW, timed  # noqa: E402

SAMPLE = [("nytEditorialSnippets_GroundTruth.dev.txt", 300), ("tweets_GroundTruth.txt", 200),
          ("movieReviewSnippets_GroundTruth.txt", 100), ("amazonReviewSnippets_GroundTruth.txt", 100)]
BBC_SENTENCES = 300


def sentences(data):
    out = []
    for name, n in SAMPLE:
        with open(f"{data}/vader/{name}", encoding="utf-8") as f:
            rows = [l.rstrip("\n").split("\t", 2) for l in f if l.strip()]
        out += [r[2] for r in rows[:n]]
    bbc = []
    with open(f"{data}/bbc_news/bbc_news.jsonl", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text", "")
            seg = subprocess.run([QW, "segment", "--format", "lines"], input=text, capture_output=True,
                                 text=True, check=True)
            bbc += [s for s in seg.stdout.splitlines() if s.strip()]
            if len(bbc) >= BBC_SENTENCES:
                break
    return out + bbc[:BBC_SENTENCES]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--venv", default=".peers-venv")
    ap.add_argument("--json")
    args = ap.parse_args()
    peers = f"{args.data}/../peers"
    with tempfile.TemporaryDirectory() as work:
        path = f"{work}/sentences.txt"
        sample = sentences(args.data)
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(s.replace("\n", " ") + "\n" for s in sample))
        _, _, _, err, rc = timed([f"{args.venv}/bin/python", f"{peers}/run_vader.py", path, "--json",
                                  "--keep-blank"], f"{work}/ref.jsonl")
        assert rc == 0, err
        ref = [json.loads(l) for l in open(f"{work}/ref.jsonl")]
        # Timed on copies of the file, so that start-up and CPU-time resolution do not count.
        py_copies, copies = 10, 100
        for n, name in [(py_copies, "py_copies.txt"), (copies, "copies.txt")]:
            with open(f"{work}/{name}", "w", encoding="utf-8") as f:
                f.write(open(path, encoding="utf-8").read() * n)
        _, py_cpu, _, err, rc = timed([f"{args.venv}/bin/python", f"{peers}/run_vader.py",
                                       f"{work}/py_copies.txt", "--keep-blank"], f"{work}/py.txt")
        assert rc == 0, err
        py_cpu /= py_copies
        _, qw_cpu, _, err, rc = timed([QW, "sentiment", f"{work}/copies.txt"], f"{work}/ours.jsonl")
        assert rc == 0, err
        ours = [json.loads(l) for l in open(f"{work}/ours.jsonl")][: len(sample)]
        size = len(open(path, "rb").read())
    diffs = [(i, r["compound"], o["compound"], r["text"]) for i, (r, o) in enumerate(zip(ref, ours))
             if abs(r["compound"] - o["compound"]) > 1e-3]
    agree = len(sample) - len(diffs)
    qw_cpu /= copies
    print(f"sentences: {len(sample)} ({size} bytes)")
    print(f"compound within 1e-3 of vaderSentiment: {agree}/{len(sample)} ({100 * agree / len(sample):.1f}%)")
    for i, r, o, text in diffs:
        print(f"  #{i + 1}: reference {r:+.4f}, quotewire {o:+.4f}: {text[:160]}")
    print(f"CPU s: vaderSentiment {py_cpu:.2f} ({size / 1e6 / py_cpu:.3f} MB/s), quotewire {qw_cpu:.4f} "
          f"({size / 1e6 / qw_cpu:.1f} MB/s); ratio {py_cpu / qw_cpu:.0f}x")
    if args.json:
        json.dump({"sentences": len(sample), "agree": agree, "differences": [
            {"index": i, "reference": r, "quotewire": o, "text": t} for i, r, o, t in diffs],
            "python_cpu_s": py_cpu, "quotewire_cpu_s": qw_cpu, "ratio": py_cpu / qw_cpu}, open(args.json, "w"))


if __name__ == "__main__":
    main()
