"""`analyse` and `pipe` give exactly the records `quotewire run` writes for the same documents: the
dicts `json.loads` makes of its lines, compared strictly (`assert_same`: key order, types and float
bits too)."""

import json

import quotewire
from conftest import GSOMIA, SEED, assert_same, difference


def test_analyse_of_the_seed_story_is_the_cli_record(run_cli, seed_text):
    (expected,), _ = run_cli(SEED)
    record = quotewire.Pipeline().analyse(seed_text, id=expected["doc"])
    assert len(record["quotes"]) == 20
    assert_same(record, expected)


def test_options_are_the_cli_options(run_cli, seed_text):
    (expected,), _ = run_cli(SEED, "--with-text", "--rules", "--target", GSOMIA)
    pipeline = quotewire.Pipeline(targets=[GSOMIA], with_text=True, rules=True)
    record = pipeline.analyse(seed_text, id=expected["doc"])
    assert record["text"] == seed_text and record["quotes"][0]["rule"]
    assert any(s["target"] == "GSOMIA" for q in record["quotes"] for s in q.get("stance", []))
    assert_same(record, expected)
    # The same target as a dict of aliases.
    name, aliases = GSOMIA.split("=")
    as_dict = quotewire.Pipeline(targets={name: aliases.split("|")}, with_text=True, rules=True)
    assert_same(as_dict.analyse(seed_text, id=expected["doc"]), expected)


def test_no_scoring_is_the_cli_no_scoring(run_cli, seed_text):
    (expected,), _ = run_cli(SEED, "--no-scoring")
    record = quotewire.Pipeline(scoring=False).analyse(seed_text, id=expected["doc"])
    assert "sentence_sentiment" not in record and "sentiment" not in record["quotes"][0]
    assert_same(record, expected)


def test_a_headline_is_the_title_of_a_json_line(run_cli, seed_text, tmp_path):
    path = tmp_path / "titled.jsonl"
    path.write_text(json.dumps({"id": "seed", "text": seed_text, "title": "  Intel pact \n"}) + "\n")
    (expected,), _ = run_cli(path)
    assert expected["meta"]["title"] == "Intel pact"
    pipeline = quotewire.Pipeline()
    # A dict is read as the JSON line is, a str with its headline as a text file with a title.
    assert_same(pipeline.analyse({"id": "seed", "text": seed_text, "title": "  Intel pact \n"}), expected)
    record = pipeline.analyse(seed_text, id="seed", headline="  Intel pact \n")
    assert_same(record, dict(expected, format="text"))


def test_bytes_and_html_are_read_as_files_are(run_cli, tmp_path):
    (tmp_path / "cp1252.txt").write_bytes(b"\x93Caf\xe9 prices will rise,\x94 said Jos\xe9 Mart\xednez.\n")
    (tmp_path / "page.txt").write_text(
        "<!DOCTYPE html><html><head><title>Talks</title></head><body><article><p>"
        "\u201cWe tried very hard,\u201d said Jeong Kyeong-doo, the minister.</p></article></body></html>"
    )
    expected, _ = run_cli(tmp_path)
    assert [r["encoding"] for r in expected] == ["windows-1252", "utf-8"]
    assert expected[1]["format"] == "html"
    pipeline = quotewire.Pipeline()
    cp1252 = pipeline.analyse((tmp_path / "cp1252.txt").read_bytes(), id="cp1252.txt")
    page = pipeline.analyse((tmp_path / "page.txt").read_text(), id="page.txt")
    assert_same([cp1252, page], expected)


def test_pipe_over_1000_bbc_stories_is_the_cli_run(run_cli, bbc_lines, tmp_path):
    lines = bbc_lines[:1000]
    path = tmp_path / "bbc1000.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected, _ = run_cli(path, "--threads", "2")
    assert len(expected) == 1000
    records = list(quotewire.Pipeline().pipe((json.loads(line) for line in lines), threads=2))
    assert [r["doc"] for r in records] == [r["doc"] for r in expected]
    assert sum(len(r["quotes"]) for r in records) > 5000
    assert_same(records, expected)


def test_pipe_order_does_not_depend_on_threads_or_batches(bbc_lines):
    texts = [json.loads(line)["text"] for line in bbc_lines[1000:1150]]
    pipeline = quotewire.Pipeline()
    one = list(pipeline.pipe(texts, threads=1, batch_size=1))
    many = list(pipeline.pipe(iter(texts), threads=2, batch_size=7))
    assert [r["doc"] for r in one] == [str(i) for i in range(len(texts))]
    assert_same(one, many)
    lines = list(pipeline.pipe(texts[:5], as_json=True))
    assert_same([json.loads(line) for line in lines], one[:5])
    # One document alone is one document, not its characters.
    assert_same(list(pipeline.pipe(texts[0])), [one[0]])


def test_bad_documents_and_repeated_ids_are_the_cli_error_records(run_cli, tmp_path):
    documents = [
        {"id": "a", "text": "\u201cWe will win,\u201d said Ana Silva."},
        {"id": "a", "text": "A later copy of the id."},
        {"id": "blank", "text": "  \n "},
        {"id": "nul", "text": "bin\u0000ary"},
        {"id": "no-text", "body": 5},
        {"id": 7, "content": "An id that is a number, the text in `content`."},
        {"text": "No id: the CLI names it by its line."},
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in documents))
    expected, _ = run_cli(path)
    assert [r.get("kind") for r in expected] == [None, "duplicate-id", "empty", "binary", "missing-field", None, None]
    records = list(quotewire.Pipeline().pipe(documents))
    # The CLI names an id-less line `FILE:LINE`, pipe by its position.
    assert records[6]["doc"] == "6" and expected[6]["doc"].endswith("bad.jsonl:7")
    records[6]["doc"] = expected[6]["doc"]
    assert_same(records, expected)


def test_the_strict_comparison_tells_what_equality_does_not():
    record = {"doc": "0", "quotes": [{"start": 1, "end": 2, "confidence": 0.8}]}
    assert difference(record, json.loads(json.dumps(record))) is None
    equal = [
        {"quotes": [{"start": 1, "end": 2, "confidence": 0.8}], "doc": "0"},  # key order
        {"doc": "0", "quotes": [{"start": 1.0, "end": 2, "confidence": 0.8}]},  # 1.0 for 1
        {"doc": "0", "quotes": [{"start": True, "end": 2, "confidence": 0.8}]},  # True for 1
    ]
    for changed in equal:
        assert changed == record and difference(changed, record) is not None
    assert difference(-0.0, 0.0) is not None
    # An f32 score widened (0.800000011920929) is not the 0.8 the CLI writes.
    widened = {"doc": "0", "quotes": [{"start": 1, "end": 2, "confidence": float(0.800000011920929)}]}
    assert difference(widened, record) is not None


def test_records_share_no_dict_or_list(bbc_lines):
    # The records are built in Rust with their keys, small ints and some floats shared (immutable,
    # as Python's own small ints are); a dict or list must be each record's own, so that changing
    # one record changes no other.
    texts = [json.loads(line)["text"] for line in bbc_lines[:60]]
    pipeline = quotewire.Pipeline()
    records = list(pipeline.pipe(texts, threads=2)) + [pipeline.analyse(texts[0])]
    seen = set()

    def walk(value):
        if isinstance(value, (dict, list)):
            assert id(value) not in seen
            seen.add(id(value))
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    walk(records)
    first = records[0]["quotes"][0]
    first["content"][0]["start"] = -1
    first["confidence"] = 2.0
    again = list(pipeline.pipe(texts[:1]))[0]["quotes"][0]
    assert again["content"][0]["start"] != -1 and again["confidence"] != 2.0
