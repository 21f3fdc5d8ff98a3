"""Spans are byte ranges; `Text` gives `str` indices and the words, right on multi-byte text."""

import pytest

import quotewire

STORY = (
    "Zoë Åberg says Café Müller talks failed\n\n"
    "PARIS -- “We will not give in to pressure,” said Zoë Åberg, the Swedish minister.\n\n"
    "José Núñez, a spokesman for the Café Müller group, said the talks would “go on until "
    "there is a deal”. «Nous ne céderons pas», a déclaré François Lefèvre."
)


def spans_of(record):
    for quote in record["quotes"]:
        yield from quote["content"]
        yield from (quote[k] for k in ("cue", "source") if quote.get(k))
    for speaker in record["speakers"]:
        yield from speaker["mentions"]


def test_spans_as_str_indices_on_multibyte_text():
    assert len(STORY.encode()) > len(STORY)
    record = quotewire.Pipeline().analyse(STORY)
    names = {s["name"] for s in record["speakers"]}
    assert "Zoë Åberg" in names
    text = quotewire.Text(STORY)
    assert len(text) == len(STORY) and str(text) == STORY
    raw = STORY.encode()
    spans = list(spans_of(record))
    assert len(spans) >= 6
    shifted = 0
    for span in spans:
        start, end = text.char_span(span)
        words = raw[span["start"] : span["end"]].decode()
        assert STORY[start:end] == words == text.span_text(span)
        assert quotewire.char_span(STORY, span) == (start, end)
        assert quotewire.span_text(STORY, (span["start"], span["end"])) == words
        assert text.byte_span(start, end) == {"start": span["start"], "end": span["end"]}
        shifted += start != span["start"]
    assert shifted, "the spans after the first non-ASCII character differ from str indices"
    quote = next(q for q in record["quotes"] if q["content"][0]["start"] > 40)
    assert text.span_text(quote["content"][0]).startswith("“We will not give in")


def test_a_span_off_the_text_is_a_value_error():
    text = quotewire.Text("Zoë")  # Z, o, then ë in two bytes
    assert text.char_span({"start": 2, "end": 4}) == (2, 3)
    for span in [(3, 4), (0, 9), (3, 1)]:
        with pytest.raises(ValueError, match="not on the text"):
            text.span_text(span)
    with pytest.raises(ValueError):
        text.byte_span(0, 4)
    with pytest.raises(TypeError):
        text.char_span("0:2")
