"""The speaker index is the one `quotewire run --index` writes."""

import json

import quotewire
from conftest import SEED


def test_the_index_of_a_pipe_is_the_cli_index(run_cli, bbc_lines, seed_text, tmp_path):
    lines = [json.dumps({"id": "seed", "text": seed_text})] + bbc_lines[:150]
    path = tmp_path / "some.jsonl"
    path.write_text("\n".join(lines) + "\n")
    _, out = run_cli(path, "--target", "EU=European Union", index=True)
    expected = json.loads((out / "index.json").read_text())
    pipeline = quotewire.Pipeline(targets=["EU=European Union"])
    index = quotewire.SpeakerIndex()
    documents = [json.loads(line) for line in lines]
    records = list(pipeline.pipe(documents, index=index))
    assert json.loads(index.to_json()) == expected == index.to_dict()
    assert any(len(e["documents"]) > 1 for e in expected["speakers"].values())

    # The same from records and their texts, and from two halves merged in any order.
    texts = [d["text"] for d in documents]
    added = quotewire.SpeakerIndex()
    for record, text in zip(records, texts):
        added.add(record, text)
    assert json.loads(added.to_json()) == expected
    first, second = quotewire.SpeakerIndex(), quotewire.SpeakerIndex()
    list(pipeline.pipe(documents[:70], index=first))
    list(pipeline.pipe(documents[70:], index=second))
    second.merge(first)
    assert json.loads(second.to_json()) == expected
    again = quotewire.SpeakerIndex.from_json(index.to_json())
    assert json.loads(again.to_json()) == expected


def test_aliases_correct_the_index(seed_text):
    index = quotewire.SpeakerIndex()
    index.add(quotewire.Pipeline(with_text=True).analyse(seed_text, id=SEED.name))
    renamed = json.loads(index.to_json(aliases="rename Jeong Kyeong-doo = Minister Jeong\n"))
    assert "minister jeong" in renamed["speakers"]
    assert "jeong kyeong-doo" in index.to_dict()["speakers"]
