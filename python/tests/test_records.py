"""`analyse` and `pipe` give exactly the records `quotewire run` writes for the same documents."""

import json

import quotewire
from conftest import GSOMIA, SEED


def test_analyse_of_the_seed_story_is_the_cli_record(run_cli, seed_text):
    (expected,), _ = run_cli(SEED)
    record = quotewire.Pipeline().analyse(seed_text, id=expected["doc"])
    assert len(record["quotes"]) == 20
    assert record == expected


def test_options_are_the_cli_options(run_cli, seed_text):
    (expected,), _ = run_cli(SEED, "--with-text", "--rules", "--target", GSOMIA)
    pipeline = quotewire.Pipeline(targets=[GSOMIA], with_text=True, rules=True)
    record = pipeline.analyse(seed_text, id=expected["doc"])
    assert record["text"] == seed_text and record["quotes"][0]["rule"]
    assert any(s["target"] == "GSOMIA" for q in record["quotes"] for s in q.get("stance", []))
    assert record == expected
    # The same target as a dict of aliases.
    name, aliases = GSOMIA.split("=")
    as_dict = quotewire.Pipeline(targets={name: aliases.split("|")}, with_text=True, rules=True)
    assert as_dict.analyse(seed_text, id=expected["doc"]) == expected


def test_no_scoring_is_the_cli_no_scoring(run_cli, seed_text):
    (expected,), _ = run_cli(SEED, "--no-scoring")
    record = quotewire.Pipeline(scoring=False).analyse(seed_text, id=expected["doc"])
    assert "sentence_sentiment" not in record and "sentiment" not in record["quotes"][0]
    assert record == expected


def test_a_headline_is_the_title_of_a_json_line(run_cli, seed_text, tmp_path):
    path = tmp_path / "titled.jsonl"
    path.write_text(json.dumps({"id": "seed", "text": seed_text, "title": "  Intel pact \n"}) + "\n")
    (expected,), _ = run_cli(path)
    assert expected["meta"]["title"] == "Intel pact"
    pipeline = quotewire.Pipeline()
    # A dict is read as the JSON line is, a str with its headline as a text file with a title.
    assert pipeline.analyse({"id": "seed", "text": seed_text, "title": "  Intel pact \n"}) == expected
    record = pipeline.analyse(seed_text, id="seed", headline="  Intel pact \n")
    assert record == dict(expected, format="text")


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
    assert [cp1252, page] == expected


def test_pipe_over_1000_bbc_stories_is_the_cli_run(run_cli, bbc_lines, tmp_path):
    lines = bbc_lines[:1000]
    path = tmp_path / "bbc1000.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected, _ = run_cli(path, "--threads", "2")
    assert len(expected) == 1000
    records = list(quotewire.Pipeline().pipe((json.loads(line) for line in lines), threads=2))
    assert [r["doc"] for r in records] == [r["doc"] for r in expected]
    assert sum(len(r["quotes"]) for r in records) > 5000
    assert records == expected


def test_pipe_order_does_not_depend_on_threads_or_batches(bbc_lines):
    texts = [json.loads(line)["text"] for line in bbc_lines[1000:1150]]
    pipeline = quotewire.Pipeline()
    one = list(pipeline.pipe(texts, threads=1, batch_size=1))
    many = list(pipeline.pipe(iter(texts), threads=2, batch_size=7))
    assert [r["doc"] for r in one] == [str(i) for i in range(len(texts))]
    assert one == many
    lines = list(pipeline.pipe(texts[:5], as_json=True))
    assert [json.loads(line) for line in lines] == one[:5]
    # One document alone is one document, not its characters.
    assert list(pipeline.pipe(texts[0])) == [one[0]]


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
    assert records == expected
