"""Bad input raises Python exceptions of the error records' kinds; it never crashes."""

import json

import pytest

import quotewire


@pytest.fixture(scope="module")
def pipeline():
    return quotewire.Pipeline()


@pytest.mark.parametrize("value", [5, None, 3.5, ["a list"], object()])
def test_a_document_that_is_no_str_is_a_type_error(pipeline, value):
    with pytest.raises(TypeError, match="str, bytes or dict"):
        pipeline.analyse(value)
    with pytest.raises(TypeError):
        quotewire.segment(value)
    with pytest.raises(TypeError):
        quotewire.sentiment(value)


def test_pipe_raises_a_type_error_after_the_records_before_it(pipeline):
    out = []
    with pytest.raises(TypeError, match="document 2 of the input"):
        for record in pipeline.pipe(["First story.", b"Second story.", 42, "never read"]):
            out.append(record["doc"])
    assert out == ["0", "1"]
    with pytest.raises(TypeError, match="iterable"):
        pipeline.pipe(42)


def test_a_100_mb_string_is_over_the_limit(pipeline):
    huge = "word " * (20 << 20)  # 100 MiB
    with pytest.raises(quotewire.DocumentTooLargeError) as raised:
        pipeline.analyse(huge, id="huge")
    error = raised.value
    assert isinstance(error, quotewire.QuotewireError)
    assert (error.kind, error.doc) == ("too-large", "huge")
    assert f"exceeds the limit of {quotewire.DEFAULT_MAX_DOC_BYTES} bytes" in str(error)
    records = list(pipeline.pipe(["A story.", huge]))
    assert records[1]["kind"] == "too-large" and "quotes" in records[0]
    # The interpreter and the pipeline go on.
    assert pipeline.analyse("It ended, he said.")["doc"] == "doc"


def test_the_limit_is_the_pipeline_s():
    small = quotewire.Pipeline(max_doc_bytes=10)
    with pytest.raises(quotewire.DocumentTooLargeError, match="11 bytes exceeds the limit of 10"):
        small.analyse("é" * 5 + "a")  # 11 bytes in UTF-8
    assert small.analyse("é" * 5)["doc"] == "doc"


def test_errors_have_the_cli_kinds(pipeline, run_cli, tmp_path):
    (tmp_path / "a_blank.txt").write_text("  \n\t")
    (tmp_path / "b_nul.txt").write_bytes(b"PK\x03\x04\x00\x00")
    expected, _ = run_cli(tmp_path)
    kinds = [(r["doc"], r["kind"]) for r in expected]
    assert kinds == [("a_blank.txt", "empty"), ("b_nul.txt", "binary")]
    with pytest.raises(quotewire.EmptyDocumentError) as empty:
        pipeline.analyse("  \n\t", id="a_blank.txt")
    with pytest.raises(quotewire.BinaryDocumentError) as binary:
        pipeline.analyse(b"PK\x03\x04\x00\x00", id="b_nul.txt")
    raised = [empty.value, binary.value]
    assert [(e.doc, e.kind) for e in raised] == kinds
    assert [e.error for e in raised] == [r["error"] for r in expected]
    assert list(pipeline.pipe(["  \n\t", b"PK\x03\x04\x00\x00"])) == [
        dict(r, doc=str(i)) for i, r in enumerate(expected)
    ]


def test_pipe_can_raise_instead_of_giving_error_records(pipeline):
    out = []
    with pytest.raises(quotewire.MissingFieldError) as raised:
        for record in pipeline.pipe([{"text": "Fine."}, {"id": "x", "title": "no text"}], errors="raise"):
            out.append(record["doc"])
    assert out == ["0"] and raised.value.kind == "missing-field" and raised.value.doc == "x"
    with pytest.raises(quotewire.DuplicateIdError):
        list(pipeline.pipe([{"id": "d", "text": "One."}, {"id": "d", "text": "Two."}], errors="raise"))


def test_bad_options_are_value_errors():
    with pytest.raises(ValueError, match='attributor "learned" is not available'):
        quotewire.Pipeline(attributor="learned")
    with pytest.raises(ValueError, match='attributor "neural" is not one of'):
        quotewire.Pipeline(attributor="neural")
    with pytest.raises(ValueError, match="no name"):
        quotewire.Pipeline(targets=["=alias"])
    pipeline = quotewire.Pipeline(scoring=False)
    for options in ({"errors": "ignore"}, {"batch_size": 0}, {"threads": 0}):
        with pytest.raises(ValueError):
            pipeline.pipe(["text"], **options)


def test_strings_that_are_no_unicode_are_errors_too(pipeline):
    with pytest.raises(UnicodeEncodeError):
        pipeline.analyse("lone \ud800 surrogate")
    with pytest.raises(UnicodeEncodeError):
        list(pipeline.pipe([{"text": "lone \udfff surrogate"}]))


def test_a_record_that_is_none_is_a_value_error():
    with pytest.raises(ValueError, match="not a quotewire record"):
        quotewire.SpeakerIndex().add({"doc": "x"})
    with pytest.raises(ValueError, match="not a speaker index"):
        quotewire.SpeakerIndex.from_json(json.dumps({"speakers": 3}))
