"""The pandas tables are `quotewire export`'s: one row per quote, one per speaker."""

import subprocess
import sys

import pytest

import quotewire
from conftest import GSOMIA, SEED

pd = pytest.importorskip("pandas")


def csv_frame(quotewire_bin, table, path):
    done = subprocess.run(
        [str(quotewire_bin), "export", table, str(path), "-o", str(path.parent / f"{table}.csv")],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    return pd.read_csv(path.parent / f"{table}.csv", keep_default_na=False, na_values=[""])


def same(frame, csv):
    """Equal as pandas reads the CSV: an empty cell (no value, or an empty string) NA."""
    assert list(frame.columns) == list(csv.columns)
    assert len(frame) == len(csv)
    for name in frame.columns:
        ours = [None if pd.isna(v) or v == "" else v for v in frame[name]]
        theirs = [None if pd.isna(v) or v == "" else v for v in csv[name]]
        assert ours == theirs, name


def test_the_quote_table_has_a_row_per_quote(run_cli, quotewire_bin, seed_text):
    (expected,), out = run_cli(SEED, "--with-text", "--target", GSOMIA)
    pipeline = quotewire.Pipeline(targets=[GSOMIA])
    record = pipeline.analyse(seed_text, id=expected["doc"])
    frame = quotewire.quotes_frame([record], texts=[seed_text])
    assert len(frame) == len(record["quotes"]) == 20
    assert "stance:GSOMIA" in frame.columns
    same(frame, csv_frame(quotewire_bin, "quotes", out / "records.jsonl"))
    # Records that carry their text need no texts.
    with_text = quotewire.Pipeline(targets=[GSOMIA], with_text=True).analyse(seed_text, id=expected["doc"])
    same(quotewire.quotes_frame([with_text]), frame)


def test_many_records_and_error_records(bbc_lines, run_cli, quotewire_bin, tmp_path):
    path = tmp_path / "bbc.jsonl"
    path.write_text("\n".join(bbc_lines[:60] + ['{"id": "empty", "text": " "}']) + "\n")
    expected, out = run_cli(path, "--with-text")
    records = list(quotewire.Pipeline(with_text=True).pipe(expected_dicts(path)))
    frame = quotewire.quotes_frame(records)
    assert len(frame) == sum(len(r.get("quotes", [])) for r in records) > 100
    same(frame, csv_frame(quotewire_bin, "quotes", out / "records.jsonl"))
    speakers = quotewire.speakers_frame(records)
    same(speakers, csv_frame(quotewire_bin, "speakers", out / "records.jsonl"))


def expected_dicts(path):
    import json

    return [json.loads(line) for line in path.read_text().splitlines()]


def test_the_speaker_table_of_an_index(run_cli, quotewire_bin, seed_text):
    (expected,), out = run_cli(SEED, "--target", GSOMIA, index=True)
    index = quotewire.SpeakerIndex()
    list(quotewire.Pipeline(targets=[GSOMIA]).pipe([{"id": expected["doc"], "text": seed_text}], index=index))
    frame = quotewire.speakers_frame(index)
    assert len(frame) == len(index) == 6
    same(frame, csv_frame(quotewire_bin, "speakers", out / "index.json"))
    import json

    same(quotewire.speakers_frame(json.loads((out / "index.json").read_text())), frame)


def test_records_without_their_text_say_how_to_get_it(seed_text):
    record = quotewire.Pipeline().analyse(seed_text)
    with pytest.raises(ValueError, match="with_text=True"):
        quotewire.quotes_frame([record])


def test_without_pandas_the_error_says_so(monkeypatch, seed_text):
    monkeypatch.setitem(sys.modules, "pandas", None)
    record = quotewire.Pipeline(with_text=True).analyse(seed_text)
    with pytest.raises(ImportError, match="quotes_frame needs pandas"):
        quotewire.quotes_frame([record])
    with pytest.raises(ImportError, match="speakers_frame needs pandas"):
        quotewire.speakers_frame([record])
