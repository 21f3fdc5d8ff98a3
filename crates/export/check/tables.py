#!/usr/bin/env python3
"""The quote, speaker and sentence tables of BBC News load in Python as they are meant to.

Runs `quotewire run --with-text --target EU=... --index` on BBC News, exports the quote table as
CSV and Parquet, and checks: Python's csv module reads the CSV with one row per quote of the
records, each row's text the words under its spans; with pandas (and pyarrow), `read_csv` and
`read_parquet` read the same rows, the Parquet columns typed (text as strings, counts as
unsigned integers, scores as floats); the speaker table has one row per index entry.
Usage: tables.py --data SHARED_DATA --quotewire BINARY
"""

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--quotewire", required=True)
    args = parser.parse_args()
    bbc = args.data / "bbc_news" / "bbc_news.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        records, index = tmp / "records.jsonl", tmp / "index.json"
        run = [args.quotewire, "run", "-q", "--with-text", "--target", "EU=European Union",
               str(bbc), "-o", str(records), "--index", str(index)]
        subprocess.run(run, check=True)
        tables = {}
        for table, name, source in [("quotes", "quotes.csv", records), ("quotes", "quotes.parquet", records),
                                    ("speakers", "speakers.csv", index), ("speakers", "speakers.parquet", index)]:
            tables[name] = tmp / name
            subprocess.run([args.quotewire, "export", table, str(source), "-o", str(tables[name])], check=True)

        words = []
        for line in records.open(encoding="utf-8"):
            record = json.loads(line)
            text = record.get("text", "").encode("utf-8")
            for quote in record.get("quotes", []):
                parts = [text[s["start"]:s["end"]].decode("utf-8") for s in quote["content"]]
                words.append((record["doc"], " … ".join(parts)))
        with tables["quotes.csv"].open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        check(len(rows) == len(words), f"csv module: {len(rows)} rows for {len(words)} quotes")
        check([(r["doc"], r["text"]) for r in rows] == words, "csv module: the words under the spans, in order")
        print(f"csv module: {len(rows)} rows, {len(words)} quotes in the records")
        speakers = len(json.loads(index.read_text(encoding="utf-8"))["speakers"])

        try:
            import pandas as pd
            import pyarrow  # noqa: F401  (read_parquet's engine)
        except ImportError:
            print("pandas or pyarrow not installed: the CSV was checked with the csv module only")
            return
        quotes = pd.read_csv(tables["quotes.csv"], keep_default_na=False)
        check(len(quotes) == len(words), f"pandas read_csv: {len(quotes)} rows")
        parquet = pd.read_parquet(tables["quotes.parquet"])
        check(len(parquet) == len(words), f"pandas read_parquet: {len(parquet)} rows")
        check(list(parquet["text"]) == [w for _, w in words], "read_parquet: the words under the spans")
        check(list(parquet["text"]) == list(quotes["text"]), "read_parquet and read_csv: the same text")
        types = {c: str(t) for c, t in parquet.dtypes.items()}
        for column, kind in [("quote", "uint64"), ("start", "uint64"), ("confidence", "float64"),
                             ("sentiment", "float64"), ("stance_score:EU", "float64")]:
            check(types[column] == kind, f"read_parquet: {column} is {types[column]}, not {kind}")
        check(parquet["stance:EU"].notna().sum() > 0, "read_parquet: stances toward the EU")
        for name in ["speakers.csv", "speakers.parquet"]:
            table = pd.read_csv(tables[name]) if name.endswith(".csv") else pd.read_parquet(tables[name])
            check(len(table) == speakers, f"{name}: {len(table)} rows for {speakers} index entries")
        print(f"pandas {pd.__version__}: read_csv {len(quotes)} rows, read_parquet {len(parquet)} rows "
              f"(typed: {', '.join(f'{c} {types[c]}' for c in ['doc', 'quote', 'confidence'])}); "
              f"speakers {speakers} rows")


def check(ok, message):
    if not ok:
        sys.exit(f"tables.py: {message}")


if __name__ == "__main__":
    main()
