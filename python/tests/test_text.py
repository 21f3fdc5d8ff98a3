"""`segment` and `sentiment` are `quotewire segment` and `quotewire sentiment`."""

import json
import subprocess

import quotewire
from conftest import SEED


def test_segment_is_the_cli_segment(quotewire_bin, seed_text):
    for flags, line_breaks in (([], False), (["--line-breaks"], True)):
        done = subprocess.run(
            [str(quotewire_bin), "segment", str(SEED), *flags], capture_output=True, text=True, check=True
        )
        expected = [json.loads(line) for line in done.stdout.splitlines()]
        assert quotewire.segment(seed_text, line_breaks=line_breaks) == expected
    assert len(expected) > 20


def test_sentiment_is_the_cli_sentiment(quotewire_bin, seed_text):
    lines = [line for line in seed_text.splitlines() if line.strip()] + ["I love this café!", "This is awful :("]
    done = subprocess.run(
        [str(quotewire_bin), "sentiment", "-"], input="\n".join(lines) + "\n",
        capture_output=True, text=True, check=True,
    )
    expected = [json.loads(line) for line in done.stdout.splitlines()]
    assert [quotewire.sentiment(line) for line in lines] == expected
    assert expected[-2]["compound"] > 0.5 > -0.5 > expected[-1]["compound"]
