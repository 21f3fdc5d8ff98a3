#!/usr/bin/env python3
"""Growth of one document: CPU time of `quotewire run` on single documents of real wire text
(Reuters and BBC stories joined) of 1, 2, 4 and 8 MB, in three shapes, with and without scoring.

A linear-time pipeline costs about 2x per doubling; the bar is 2.3x. Prints a Markdown table;
`benchmarks.py` puts it in BENCHMARKS.md. Usage: benches/growth.py [--data DIR] [--sizes 1,2,4,8]
[--shapes "one paragraph"] [--scoring no] [--attributor learned] (the learned attributors need the
transformer build)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

QW = "target/release/quotewire"

# How the stories' paragraphs are joined into one document.
SHAPES = {
    "paragraphs": "\n\n",  # a live blog or concatenated feed: blank lines between paragraphs
    "one paragraph": "\n",  # a wrapped block: line breaks, no blank line
    "one line": " ",  # everything on one line (a pasted feed, a JSON field)
}


def stories(data):
    """The texts of Reuters and BBC stories, alternately while both last, then the rest."""
    streams = [open(f"{data}/reuters21578/derived/reuters21578.jsonl", encoding="utf-8"),
               open(f"{data}/bbc_news/bbc_news.jsonl", encoding="utf-8")]
    while streams:
        for s in list(streams):
            line = s.readline()
            if not line:
                streams.remove(s)
                continue
            d = json.loads(line)
            yield d.get("text") or d.get("body") or ""


def paragraphs(data):
    """Paragraphs of Reuters and BBC stories, alternately, forever (the corpora repeat)."""
    while True:
        for text in stories(data):
            yield from (p.strip() for p in text.split("\n\n") if p.strip())


def document(data, mb, joiner):
    budget = int(mb * 1e6)
    parts, size = [], 0
    for p in paragraphs(data):
        p = " ".join(p.split()) if joiner != "\n\n" else p
        parts.append(p)
        size += len(p.encode()) + len(joiner)
        if size >= budget:
            break
    return joiner.join(parts) + "\n"


def cpu_seconds(cmd):
    """CPU seconds (user + system, from the kernel's accounting) of one run, and its exit status."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def table(data, sizes, repeat=1, quotewire=QW, shapes=tuple(SHAPES), scorings=(True, False), attributor="rules"):
    rows = ["| shape | scoring | " + " | ".join(f"{s:g} MB" for s in sizes) + " | worst doubling |",
            "|---|---|" + "---|" * (len(sizes) + 1)]
    worst_all = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for shape, joiner in ((s, SHAPES[s]) for s in shapes):
            files = []
            for mb in sizes:
                path = os.path.join(tmp, f"{shape.replace(' ', '_')}_{mb:g}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(document(data, mb, joiner))
                files.append(path)
            for scoring in scorings:
                flags = ([] if scoring else ["--no-scoring"]) + ["--attributor", attributor]
                times = []
                for path in files:
                    runs = [cpu_seconds([quotewire, "run", path, "--threads", "1", "-q", "-o", "/dev/null"] + flags)
                            for _ in range(repeat)]
                    if any(rc != 0 for _, rc in runs):
                        sys.exit(f"quotewire failed on {path}")
                    times.append(min(t for t, _ in runs))
                ratios = [b / a for a, b in zip(times, times[1:]) if a > 0]
                worst = max(ratios, default=0.0)
                worst_all = max(worst_all, worst)
                rows.append(f"| {shape} | {'yes' if scoring else 'no'} | "
                            + " | ".join(f"{t:.3f} s" for t in times) + f" | {worst:.2f}x |")
                print(rows[-1], file=sys.stderr)
    return "\n".join(rows), worst_all


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("QUOTEWIRE_DATA", "../shared/data"))
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the least CPU time is kept")
    ap.add_argument("--quotewire", default=QW, help="the binary to measure")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="of: " + ", ".join(SHAPES))
    ap.add_argument("--scoring", default="yes,no", help="yes, no or both")
    ap.add_argument("--attributor", default="rules", help="rules, learned or hybrid")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = [s.strip() for s in args.shapes.split(",")]
    if unknown := [s for s in shapes if s not in SHAPES]:
        sys.exit(f"unknown shapes {unknown}: of {list(SHAPES)}")
    scorings = [s.strip() == "yes" for s in args.scoring.split(",")]
    text, worst = table(args.data, sizes, args.repeat, args.quotewire, shapes, scorings, args.attributor)
    print(text)
    print(f"\nworst doubling: {worst:.2f}x")


if __name__ == "__main__":
    main()
