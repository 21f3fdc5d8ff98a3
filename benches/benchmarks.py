#!/usr/bin/env python3
"""Runs quotewire and the peers on the same inputs and writes BENCHMARKS.md (see benchmarks.sh)."""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

import growth

QW = "target/release/quotewire"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd, stdout_path=None):
    """Runs cmd under /usr/bin/time: (wall s, CPU s, peak RSS MB, stderr)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        out = open(stdout_path, "w") if stdout_path else subprocess.DEVNULL
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name] + cmd,
                           stdout=out, stderr=subprocess.PIPE, text=True)
        if stdout_path:
            out.close()
        wall, user, sys_, rss = t.read().split()[-4:]
        return float(wall), float(user) + float(sys_), int(rss) / 1024, p.stderr, p.returncode


def instructions(cmd):
    """The instructions `cmd` executes, counted by `valgrind --tool=callgrind`."""
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={d}/callgrind.out"] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        refs = re.search(r"refs:\s+([\d,]+)", p.stderr)
        if p.returncode not in (0, 1) or not refs:
            sys.exit(f"callgrind failed on {' '.join(cmd)}: {p.stderr[-500:]}")
        return int(refs.group(1).replace(",", ""))


def eval_json(args):
    with tempfile.NamedTemporaryFile("r", suffix=".json") as f:
        p = subprocess.run([QW, "eval", "--json", f.name] + args, capture_output=True, text=True)
        if p.returncode != 0:
            return None, (p.stderr.strip().splitlines() or ["failed"])[-1].replace("quotewire: error: ", "")
        return json.load(open(f.name)), None


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    rustc = sh(["rustc", "--version"]).stdout.strip()
    return f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem} GiB RAM, {platform.system()} {platform.release()}; {rustc}; Python {platform.python_version()}"


def wire_text(data, mb, path):
    """Reuters bodies and BBC stories alternately, joined by blank lines, about `mb` MB."""
    budget = int(float(mb) * 1e6)
    out = []
    for text in growth.stories(data):
        if budget <= 0:
            break
        text = text.strip()
        if text:
            out.append(text)
            budget -= len(text.encode())
    open(path, "w").write("\n\n".join(out) + "\n")


def repeat(src, dst, n):
    body = open(src).read()
    with open(dst, "w") as f:
        for _ in range(n):
            f.write(body + "\n\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--venv", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    data, py = a.data, os.path.join(a.venv, "bin", "python")
    peers = os.path.join(os.path.dirname(os.path.abspath(data)), "peers")
    work = tempfile.mkdtemp()
    md = ["# Benchmarks", "",
          f"Written by `benches/benchmarks.sh` on {datetime.date.today().isoformat()}.", "",
          f"Machine: {machine()}.", "",
          "Peers from `../shared/peers/setup.sh`: "
          + sh([py, "-c", "import spacy, textacy, pysbd, vaderSentiment, importlib.metadata as m; "
                "print(', '.join(f'{p} {m.version(p)}' for p in ['spacy', 'textacy', 'pysbd', 'vaderSentiment']))"]).stdout.strip()
          + ". Every accuracy figure comes from `quotewire eval`, the same metric code for every system; "
          "CPU time is user + system time of the whole process on the same input.", ""]

    # --- Sentence boundaries ----------------------------------------------------------------
    gold = [f"{data}/sbd/golden_rules_en.jsonl", f"{data}/gum/derived/gum_news_sbd.jsonl",
            f"{data}/gum/derived/gum_interview_sbd.jsonl"]
    pysbd_pred = os.path.join(work, "pysbd.jsonl")
    with open(pysbd_pred, "w") as f:
        subprocess.run([py, "benches/peers/pysbd_sentences.py"] + gold, stdout=f, check=True)
    ours, _ = eval_json(["--task", "sbd", "--data", data])
    theirs, _ = eval_json(["--task", "sbd", "--data", data, "--pred", pysbd_pred])

    def sbd_row(name, r):
        g = r["sets"][0]["golden_rules"]
        return f"| {name} | {g['passed']}/{g['total']} ({100 * g['rate']:.1f}%) | {r['boundaries']['p']:.4f} | {r['boundaries']['r']:.4f} | {r['boundaries']['f1']:.4f} |"

    md += ["## Sentence boundaries", "",
           "Golden Rules (pragmatic_segmenter's 52 + pySBD's 48 English rules) and boundary P/R/F1 on GUM news + interview gold sentences.", "",
           "| system | Golden Rules | GUM P | GUM R | GUM F1 |", "|---|---|---|---|---|",
           sbd_row("quotewire segment", ours), sbd_row("pySBD 0.3.4 (clean=False)", theirs), ""]
    text = os.path.join(work, "wire.txt")
    wire_text(data, 1, text)
    copies = os.path.join(work, "wire100.txt")
    repeat(text, copies, 100)
    _, q_cpu, q_rss, _, _ = timed([QW, "segment", copies])
    _, p_cpu, p_rss, _, _ = timed([py, f"{peers}/run_pysbd.py", text])
    size = os.path.getsize(text) / 1e6
    q_cpu /= 100
    md += [f"Speed on {size:.2f} MB of Reuters + BBC wire text (quotewire timed on 100 copies, divided by 100):", "",
           "| system | CPU s | MB per CPU-s | peak RSS MB |", "|---|---|---|---|",
           f"| quotewire segment | {q_cpu:.4f} | {size / q_cpu:.1f} | {q_rss:.0f} (100 copies) |",
           f"| pySBD | {p_cpu:.2f} | {size / p_cpu:.3f} | {p_rss:.0f} |", "",
           f"CPU-time ratio pySBD / quotewire: **{p_cpu / q_cpu:.0f}x**.", ""]

    # --- Attribution ---------------------------------------------------------------------------
    dev_text = f"{data}/polnear/data/dev/text"
    textacy_dev = os.path.join(work, "textacy_dev.jsonl")
    _, t_cpu, t_rss, t_err, _ = timed([py, "benches/peers/textacy_records.py", peers, dev_text], textacy_dev)
    textacy_seed = os.path.join(work, "textacy_seed.jsonl")
    subprocess.run([py, "benches/peers/textacy_records.py", peers, "corpus/stories"], stdout=open(textacy_seed, "w"),
                   stderr=subprocess.DEVNULL, check=True)
    refused = sum(1 for l in t_err.splitlines() if l.startswith("#refused"))
    t_stats = json.loads(next(l for l in t_err.splitlines() if l.startswith("#stats"))[7:])
    rows = []
    seed_gold = 0
    for name, pred_dev, pred_seed in [("textacy 0.13 direct quotations", textacy_dev, textacy_seed), ("quotewire", None, None)]:
        dev, why = eval_json(["--task", "attribution", "--data", data] + (["--pred", pred_dev] if pred_dev else []))
        seed, _ = eval_json(["--task", "attribution", "--gold", "corpus/gold"] + (["--pred", pred_seed] if pred_seed else []))
        if dev is None:
            rows.append(f"| {name} | not yet: {why} | | | | | | |")
            continue
        al, qu = dev["all"], dev["quoted"]
        seed_gold = seed["all"]["attribution"]["gold"]
        rows.append(f"| {name} | {al['source']['exact']['f1']:.4f} | {al['cue']['exact']['f1']:.4f} | {al['content']['exact']['f1']:.4f} "
                    f"| {qu['attribution']['f1']:.4f} | {qu['speaker_accuracy']:.4f} "
                    f"| {seed['all']['attribution']['gold_found']}/{seed['all']['attribution']['gold']} "
                    f"| {seed['all']['speaker_correct']} |")
    md += ["## Quote attribution", "",
           "PolNeAR dev (84 articles, first annotator): exact-span F1 per role over all attributions; attribution F1 and speaker "
           "accuracy on the quoted-content subset (gold content with quotation marks). Seed article: our gold in `corpus/gold/` "
           f"({seed_gold} attributions).", "",
           "| system | source F1 | cue F1 | content F1 | quoted: attribution F1 | quoted: speaker acc. | seed: found | seed: right speaker |",
           "|---|---|---|---|---|---|---|---|"] + rows + ["",
           f"textacy refused {refused} of 84 dev articles outright (an odd number of quotation marks) and found nothing in them.", ""]
    # The same text for both: textacy's CPU time on it, quotewire's on 50 copies (divided by 50, one
    # thread), with every stage and with the stages textacy has (`--no-scoring`: ingest,
    # segmentation, attribution).
    def speed_rows(folder, textacy_cpu, textacy_rss, mb):
        copies = os.path.join(work, os.path.basename(folder) + "50")
        os.makedirs(copies)
        for i in range(50):
            shutil.copytree(folder, os.path.join(copies, str(i)))
        rows, ratios = [], []
        for label, extra in [("quotewire run --no-scoring", ["--no-scoring"]), ("quotewire run (with sentiment and stance)", [])]:
            cpu, rss = min((timed([QW, "run", "--threads", "1", "-q", copies, "-o", "/dev/null"] + extra)[1:3] for _ in range(3)))
            cpu /= 50
            rows.append(f"| {label} | {cpu:.4f} | {mb / cpu:.2f} | {rss:.0f} |")
            ratios.append(textacy_cpu / cpu)
        rows.append(f"| spaCy en_core_web_sm + textacy (model load excluded) | {textacy_cpu:.2f} | {mb / textacy_cpu:.4f} | {textacy_rss:.0f} |")
        return rows, ratios

    dev_bytes = t_stats["bytes"] / 1e6
    rows, ratios = speed_rows(dev_text, t_stats["cpu_s"], t_rss, dev_bytes)
    md += [f"Speed on the same {dev_bytes:.2f} MB (84 PolNeAR dev articles; quotewire best of 3 on 50 copies, divided by 50, one thread):", "",
           "| system | CPU s | MB per CPU-s | peak RSS MB |", "|---|---|---|---|"] + rows + ["",
           f"CPU-time ratio textacy / quotewire: **{ratios[0]:.0f}x** without scoring, {ratios[1]:.0f}x with it.", ""]

    # Wire stories: a sample of Reuters and BBC stories, one file each, for textacy (about 0.02
    # MB per CPU-second) and quotewire alike; then quotewire alone over both whole corpora.
    sample = os.path.join(work, "wire_sample")
    os.makedirs(sample)
    budget = int(0.5e6)
    streams = [open(c) for c in (f"{data}/reuters21578/derived/reuters21578.jsonl", f"{data}/bbc_news/bbc_news.jsonl")]
    n = 0
    while budget > 0:
        for s_ in streams:
            d = json.loads(s_.readline())
            body = (d.get("text") or d.get("body") or "").strip()
            if body:
                open(os.path.join(sample, f"{n:05}.txt"), "w").write(body + "\n")
                budget -= len(body.encode()) + 1
                n += 1
    textacy_wire = os.path.join(work, "textacy_wire.jsonl")
    _, _, w_rss, w_err, _ = timed([py, "benches/peers/textacy_records.py", peers, sample], textacy_wire)
    w_stats = json.loads(next(l for l in w_err.splitlines() if l.startswith("#stats"))[7:])
    wire_mb = w_stats["bytes"] / 1e6
    rows, ratios = speed_rows(sample, w_stats["cpu_s"], w_rss, wire_mb)
    md += [f"Speed on {wire_mb:.2f} MB of wire stories ({n} Reuters-21578 and BBC News stories alternately, one file each; same method):", "",
           "| system | CPU s | MB per CPU-s | peak RSS MB |", "|---|---|---|---|"] + rows + ["",
           f"CPU-time ratio textacy / quotewire: **{ratios[0]:.0f}x** without scoring, {ratios[1]:.0f}x with it.", ""]
    corpora = [("Reuters-21578", f"{data}/reuters21578/derived/reuters21578.jsonl"), ("BBC News", f"{data}/bbc_news/bbc_news.jsonl")]
    md += ["The whole corpora (JSON Lines; MB of input; one thread, best of 3; `quotewire run --threads 1 --no-scoring`, "
           "and with scoring; the cost of scoring is the ratio of the two):", "",
           "| corpus | MB | CPU s | MB per CPU-s | CPU s with scoring | MB per CPU-s with scoring | with / without |",
           "|---|---|---|---|---|---|---|"]
    runs = {name: [[QW, "run", "--threads", "1", "-q", path, "-o", "/dev/null"] + extra for extra in (["--no-scoring"], [])]
            for name, path in corpora}
    for name, path in corpora:
        mb = os.path.getsize(path) / 1e6
        cpu = [min(timed(cmd)[1] for _ in range(3)) for cmd in runs[name]]
        md.append(f"| {name} | {mb:.1f} | {cpu[0]:.2f} | {mb / cpu[0]:.1f} | {cpu[1]:.2f} | {mb / cpu[1]:.1f} | {cpu[1] / cpu[0]:.2f}x |")
    if shutil.which("valgrind"):
        md += ["", "CPU time on this shared machine moves by tens of percent from one run to the next, and the ratio with it; "
               "the instructions executed do not (`valgrind --tool=callgrind`, the same runs, once each):", "",
               "| corpus | G instructions | G instructions with scoring | with / without |", "|---|---|---|---|"]
        for name, _ in corpora:
            counts = [instructions(cmd) for cmd in runs[name]]
            md.append(f"| {name} | {counts[0] / 1e9:.3f} | {counts[1] / 1e9:.3f} | {counts[1] / counts[0]:.3f}x |")
    md += ["", "Library-level speed of the same stages: `cargo bench -p quotewire-benches --bench run` "
           "(`run/reuters+bbc/no_scoring` and `run/reuters+bbc`).", ""]

    # --- Sentiment -----------------------------------------------------------------------------
    nyt = f"{data}/vader/nytEditorialSnippets_GroundTruth.dev.txt"
    sentences = os.path.join(work, "nyt.txt")
    with open(sentences, "w") as f:
        for line in open(nyt, encoding="utf-8"):
            if line.strip():
                f.write(line.rstrip("\r\n").split("\t", 2)[2].replace("\n", " ") + "\n")
    vader_pred = os.path.join(work, "vader.jsonl")
    _, v_cpu, v_rss, _, _ = timed([py, f"{peers}/run_vader.py", sentences, "--json", "--keep-blank"], vader_pred)
    vader, _ = eval_json(["--task", "sentiment", "--data", data, "--pred", vader_pred])
    ours, _ = eval_json(["--task", "sentiment", "--data", data])
    nyt_copies = os.path.join(work, "nyt100.txt")
    with open(nyt_copies, "w") as f:
        f.write(open(sentences, encoding="utf-8").read() * 100)
    _, s_cpu, s_rss, _, _ = timed([QW, "sentiment", nyt_copies])
    s_cpu /= 100
    conformance = os.path.join(work, "conformance.json")
    subprocess.run([sys.executable, "benches/vader_conformance.py", "--data", data, "--venv", a.venv, "--json", conformance],
                   check=True, capture_output=True)
    conf = json.load(open(conformance))
    nyt_mb = os.path.getsize(sentences) / 1e6
    md += ["## Sentiment", "",
           "NYT editorial sentences (VADER ground truth, dev half): Pearson r with the human mean and 3-class macro-F1; "
           "CPU time of the whole process on the sentences (quotewire timed on 100 copies, divided by 100).", "",
           "| system | Pearson r | macro-F1 | CPU s | MB per CPU-s | peak RSS MB |", "|---|---|---|---|---|---|",
           f"| vaderSentiment 3.3.2 (Python) | {vader['pearson_r']:.4f} | {vader['macro_f1']:.4f} | {v_cpu:.2f} | {nyt_mb / v_cpu:.2f} | {v_rss:.0f} |",
           f"| quotewire sentiment | {ours['pearson_r']:.4f} | {ours['macro_f1']:.4f} | {s_cpu:.4f} | {nyt_mb / s_cpu:.1f} | {s_rss:.0f} (100 copies) |", "",
           f"CPU-time ratio vaderSentiment / quotewire: **{v_cpu / s_cpu:.0f}x** (start-up included on both sides). "
           f"Conformance (`benches/vader_conformance.py`): {conf['agree']}/{conf['sentences']} compound scores within 1e-3 "
           "of the reference on 1,000 NYT, tweet, review and BBC sentences. Library speed: `cargo bench -p quotewire-benches --bench score`.", ""]
    stance, _ = eval_json(["--task", "stance", "--data", data])
    md += ["## Stance (sentiment toward a target)", "",
           "NewsMTSC train, the fixed 10% hold-out (`quotewire eval --task stance`; never tuned on): 3-class macro-F1.", "",
           "| system | targets | macro-F1 | accuracy |", "|---|---|---|---|",
           f"| quotewire lexicon stance | {stance['targets']} | {stance['macro_f1']:.4f} | {stance['accuracy']:.4f} |"]
    if os.environ.get("QUOTEWIRE_MINILM"):  # benchmarks.sh built the binary with the transformer feature
        learned, _ = eval_json(["--task", "stance", "--data", data, "--scorer", "transformer"])
        md += [f"| quotewire `--scorer transformer` (MiniLM + trained head) | {learned['targets']} | {learned['macro_f1']:.4f} | {learned['accuracy']:.4f} |"]
    md += ["| fine-tuned RoBERTa (Hamborg & Donnay 2021, published, on their test set) | | 0.83 | |", ""]
    if os.environ.get("QUOTEWIRE_MINILM"):
        bench = sh(["cargo", "bench", "-q", "-p", "quotewire-benches", "--features", "transformer",
                    "--bench", "stance_throughput"]).stdout
        rows = [json.loads(l) for l in bench.splitlines() if l.startswith("{")]
        md += ["MiniLM stance throughput (`cargo bench -p quotewire-benches --features transformer --bench stance_throughput`): "
               "NewsMTSC sentences with one target each; two threads either inside one model (libtorch's threads) or one model per worker thread.", "",
               "| threads | batch | models | sentences/s | peak RSS MB |", "|---|---|---|---|---|"] + \
              [f"| {r['threads']} | {r['batch']} | {r['models']} | {r['sentences_per_s']:.1f} | {r['peak_rss_mb']} |" for r in rows] + [""]

    # --- Scaling -----------------------------------------------------------------------------
    corpora = [f"{data}/reuters21578/derived/reuters21578.jsonl", f"{data}/bbc_news/bbc_news.jsonl"]
    size = sum(os.path.getsize(c) for c in corpora) / 1e6
    md += ["## Scaling", "", f"`quotewire run` over Reuters-21578 + BBC News JSON Lines ({size:.1f} MB), best of 3:", "",
           "| threads | wall s | CPU s | MB/s (wall) | peak RSS MB |", "|---|---|---|---|---|"]
    walls = {}
    for threads in (1, 2):
        best = min((timed([QW, "run", "--threads", str(threads), "-q", "-o", "/dev/null"] + corpora) for _ in range(3)), key=lambda r: r[0])
        walls[threads] = best[0]
        md.append(f"| {threads} | {best[0]:.2f} | {best[1]:.2f} | {size / best[0]:.0f} | {best[2]:.0f} |")
    md += ["", f"Speed-up from 1 to 2 threads: {walls[1] / walls[2]:.2f}x.", ""]

    # --- Growth of one document ----------------------------------------------------------------
    table, worst = growth.table(data, [1, 2, 4, 8], repeat=5)
    md += ["## One document, growing", "",
           "`benches/growth.py`: CPU s of `quotewire run --threads 1` on one document of Reuters and BBC paragraphs "
           "(a live blog or concatenated feed), joined by blank lines, by line breaks, or on one line; least of 5 runs (a 1 MB run is a tenth of a second, where this machine's noise is large). "
           "Linear time doubles; the bar is 2.3x per doubling.", "", table, "",
           f"Worst doubling: **{worst:.2f}x**.", ""]

    # --- Spark ---------------------------------------------------------------------------------
    spark_py = os.path.join(".spark-venv", "bin", "python")
    if os.path.exists(spark_py):
        out = sh([spark_py, "scale/spark/throughput.py", "--data", data, "--mb", "60"]).stdout.strip().splitlines()
        md += ["## Spark (local mode)", "", "`scale/spark/throughput.py --mb 60` (Reuters + BBC repeated):", ""] + \
              [f"- {line}" for line in out] + [""]
    # --- the Python package ----------------------------------------------------------------------
    # An interpreter with the package installed from a release build (`pip install ./python`):
    # $QUOTEWIRE_PYTHON, else .python-venv's.
    package_py = os.environ.get("QUOTEWIRE_PYTHON", os.path.join(".python-venv", "bin", "python"))
    if os.path.exists(package_py):
        out = sh([package_py, "benches/python_pipe.py", "--data", data, "--runs", "5"]).stdout.strip()
        md += ["## Python package", "",
               "`benches/python_pipe.py`: `quotewire.Pipeline.pipe` over BBC News against the binary on the same stories.",
               "", out, ""]
    open(a.out, "w").write("\n".join(md))


if __name__ == "__main__":
    main()
