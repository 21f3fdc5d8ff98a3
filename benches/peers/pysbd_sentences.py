#!/usr/bin/env python3
"""pySBD's sentences for the gold texts of `quotewire eval --task sbd`, as
{"text": <input>, "sentences": [{"start", "end"}]} JSON Lines with UTF-8 byte offsets.

Usage: .peers-venv/bin/python benches/peers/pysbd_sentences.py GOLD.jsonl... > pred.jsonl
GOLD files are the Golden Rules (`input`) or GUM sentence files (`text`). pySBD runs as in
../shared/peers/run_pysbd.py (language en, clean=False, char_span=True) on each whole text.
"""
import json
import sys

import pysbd

seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            text = d.get("input", d.get("text"))
            spans = []
            for sp in seg.segment(text):
                s = sp.sent.rstrip()
                lead = len(s) - len(s.lstrip())
                start, end = sp.start + lead, sp.start + len(s)
                if end > start:
                    spans.append({"start": len(text[:start].encode()), "end": len(text[:end].encode())})
            print(json.dumps({"text": text, "sentences": spans}, ensure_ascii=False))
