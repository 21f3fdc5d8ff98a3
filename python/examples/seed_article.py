"""quotewire on the seed story (corpus/stories), step by step: run it as a script, or cell by cell.

    pip install ./python pandas
    python python/examples/seed_article.py
"""

# %% The pipeline, built once: rules, lexicons and a stance target with its aliases.
import pathlib

import quotewire

story = pathlib.Path(__file__).resolve().parents[2] / "corpus" / "stories" / "000_9bb8d9a62761c524.txt"
text = story.read_text(encoding="utf-8")
pipeline = quotewire.Pipeline(
    targets=["GSOMIA=General Security of Military Information Agreement|intel-sharing pact|pact"]
)

# %% One record: exactly the line `quotewire run` writes for the story, as a dict.
record = pipeline.analyse(text, id=story.name)
print(f"{len(record['sentences'])} sentences, {len(record['quotes'])} quotes, {len(record['speakers'])} speakers")

# %% Spans are UTF-8 byte offsets; Text gives str indices and the words under them.
words = quotewire.Text(text)
speakers = {s["id"]: s["name"] for s in record["speakers"]}
for quote in record["quotes"][:5]:
    start, end = words.char_span(quote["content"][0])
    said = words.span_text(quote["content"][0])
    assert text[start:end] == said
    print(f"{speakers.get(quote.get('speaker'), '?'):>18} [{start}:{end}] {said[:70]}")

# %% Who takes which stance toward the pact.
for quote in record["quotes"]:
    for stance in quote.get("stance", []):
        if stance["target"] == "GSOMIA":
            print(f"{speakers.get(quote.get('speaker'), '?')}: {stance['label']} ({stance['score']})")

# %% Tables as pandas DataFrames (pandas optional): one row per quote, one per speaker.
try:
    quotes = quotewire.quotes_frame([record], texts=[text])
    print(quotes[["speaker", "kind", "sentiment", "stance:GSOMIA", "text"]].head(10).to_string())
    index = quotewire.SpeakerIndex()
    index.add(record, text)
    print(quotewire.speakers_frame(index)[["name", "kind", "quotes", "mean_sentiment"]].to_string())
except ImportError as e:
    print(e)

# %% Many documents: pipe runs them in parallel in Rust, records in input order.
for out in pipeline.pipe([text, "“We will not give in,” said Zoë Åberg, the minister."], threads=2):
    print(out["doc"], [s["name"] for s in out["speakers"]])
