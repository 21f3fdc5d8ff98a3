//! Unit tests: multi-byte text, bad input, CSV quoting, Parquet read back, rankings.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

use arrow_array::{Array, BooleanArray, Float64Array, StringArray, UInt64Array};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use quotewire_core::{Record, Span};
use quotewire_pipeline::index::SpeakerIndex;
use serde_json::{Value, json};

use crate::*;

/// A text in four scripts, each quote's words a run of multi-byte characters.
const TEXT: &str = "Élise Borne: « C’est inévitable », a-t-elle dit.\n\n\
                    “東京は遺憾だ,” said Ko Min-jung. Ногу свело, said Ivan Petrov.";

fn span(text: &str, part: &str) -> Value {
    let start = text
        .find(part)
        .unwrap_or_else(|| panic!("{part:?} not in text"));
    json!({"start": start, "end": start + part.len()})
}

/// A record of [`TEXT`] with three quotes, the second in two fragments, with stances toward an
/// issue (`EU`) and a speaker.
fn record(doc: &str) -> Value {
    let t = TEXT;
    json!({
        "doc": doc, "text": t, "encoding": "utf-8", "format": "jsonl",
        "meta": {"headline": span(t, "Élise Borne: « C’est inévitable », a-t-elle dit."), "paragraphs": []},
        "sentences": [span(t, "Élise Borne: « C’est inévitable », a-t-elle dit."), span(t, "“東京は遺憾だ,” said Ko Min-jung."), span(t, "Ногу свело, said Ivan Petrov.")],
        "sentence_sentiment": [{"compound": 0.1, "pos": 0.2, "neu": 0.8, "neg": 0.0}],
        "quotes": [
            {"kind": "direct", "content": [span(t, "« C’est inévitable »")], "cue": span(t, "dit"),
             "source": span(t, "Élise Borne"), "speaker": "s1", "confidence": 0.9,
             "sentiment": {"compound": -0.25, "pos": 0.0, "neu": 0.75, "neg": 0.25},
             "stance": [{"target": "EU", "label": "against", "score": 0.5, "kind": "issue"},
                        {"target": "Ivan Petrov", "label": "negative", "score": 0.25, "kind": "entity"}]},
            {"kind": "direct", "content": [span(t, "“東京は"), span(t, "遺憾だ,”")], "cue": span(t, "said"),
             "source": span(t, "Ko Min-jung"), "speaker": "s2", "confidence": 0.7,
             "sentiment": {"compound": 0.5, "pos": 0.5, "neu": 0.5, "neg": 0.0},
             "stance": [{"target": "EU", "label": "favor", "score": 0.75, "kind": "issue"}]},
            {"kind": "indirect", "content": [span(t, "Ногу свело")], "cue": null,
             "source": null, "speaker": null, "confidence": 0.3}
        ],
        "speakers": [
            {"id": "s1", "name": "Élise Borne", "aliases": [], "kind": "person", "mentions": [span(t, "Élise Borne")]},
            {"id": "s2", "name": "Ko Min-jung", "aliases": [], "kind": "person", "mentions": [span(t, "Ko Min-jung")]}
        ]
    })
}

fn text_record(doc: &str) -> (Record, String) {
    let mut record: Record = serde_json::from_value(record(doc)).unwrap();
    let text = record.text.take().unwrap();
    (record, text)
}

/// Writes lines to a file of a temporary folder.
fn file(dir: &tempfile::TempDir, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.path().join(name);
    let mut f = File::create(&path).unwrap();
    for line in lines {
        writeln!(f, "{line}").unwrap();
    }
    path
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn quote_words_are_exactly_the_text_under_their_spans() {
    let (record, text) = text_record("d1");
    let table = QuoteTable::new(vec!["EU".into()]);
    let rows = table.rows(&record, &text).unwrap();
    assert_eq!(rows.len(), 3);
    let quotes = record.quotes.as_ref().unwrap();
    let columns = table.columns();
    let at = |name: &str| columns.iter().position(|c| c.name == name).unwrap();
    for (row, quote) in rows.iter().zip(quotes) {
        let words: Vec<&str> = quote.content.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(row[at("text")], Cell::text(words.join(" … ")));
        assert_eq!(
            row[at("source")],
            Cell::Text(quote.source.map(|s| text[s.range()].to_string()))
        );
    }
    assert_eq!(rows[0][at("text")], Cell::text("« C’est inévitable »"));
    assert_eq!(rows[1][at("text")], Cell::text("“東京は … 遺憾だ,”"));
    assert_eq!(rows[2][at("text")], Cell::text("Ногу свело"));
    assert_eq!(rows[0][at("cue")], Cell::text("dit"));
    assert_eq!(rows[0][at("speaker")], Cell::text("Élise Borne"));
    assert_eq!(rows[0][at("stance:EU")], Cell::text("against"));
    assert_eq!(rows[1][at("stance_score:EU")], Cell::Real(Some(0.75)));
    assert_eq!(
        rows[0][at("speaker_stance")],
        Cell::text("Ivan Petrov=negative")
    );
    assert_eq!(rows[2][at("speaker")], Cell::Text(None));
    assert_eq!(
        rows[0][at("confidence")],
        Cell::Real(Some(0.9)),
        "as written, not f32 noise"
    );
    assert_eq!(
        rows[0][at("headline")],
        Cell::text("Élise Borne: « C’est inévitable », a-t-elle dit.")
    );
}

#[test]
fn a_span_inside_a_character_is_an_error_not_a_panic() {
    let (mut record, text) = text_record("d1");
    let start = text.find('東').unwrap();
    record.quotes.as_mut().unwrap()[0].content = vec![Span::new(start + 1, start + 3)];
    let err = QuoteTable::default().rows(&record, &text).unwrap_err();
    assert!(matches!(err, ExportError::Span { .. }), "{err}");
    record.quotes.as_mut().unwrap()[0].content = vec![Span::new(0, text.len() + 1)];
    assert!(QuoteTable::default().rows(&record, &text).is_err());
}

#[test]
fn csv_quotes_commas_quotation_marks_and_line_breaks() {
    let columns = vec![
        Column::required("text", ColumnType::Text),
        Column::optional("score", ColumnType::Real),
    ];
    let mut out = Vec::new();
    let mut table = TableWriter::new(Format::Csv, columns, &mut out).unwrap();
    let tricky = "\"Yes,\" she said,\nthen « non »";
    table
        .write(vec![Cell::text(tricky), Cell::Real(None)])
        .unwrap();
    table
        .write(vec![Cell::text("plain"), Cell::Real(Some(-0.5))])
        .unwrap();
    assert!(
        table.write(vec![Cell::text("short")]).is_err(),
        "a row must fit"
    );
    assert_eq!(table.finish().unwrap(), 2);
    let (header, rows) = csv_rows(&out);
    assert_eq!(header, ["text", "score"]);
    assert_eq!(
        rows,
        [
            vec![tricky.to_string(), String::new()],
            vec!["plain".into(), "-0.5".into()]
        ]
    );
}

#[test]
fn bad_lines_and_error_records_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let good = record("d1").to_string();
    let truncated = good[..good.len() / 2].to_string();
    let error = json!({"doc": "x", "error": "empty document", "kind": "empty"}).to_string();
    let path = file(
        &dir,
        "r.jsonl",
        &[
            good.clone(),
            truncated,
            String::new(),
            error,
            "[1, 2]".into(),
            record("d2").to_string(),
        ],
    );
    // A line that is not UTF-8, then a record: the reading goes on after it.
    File::options()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(
            &[
                b"{\"doc\": \"\xff\"}\n",
                format!("{}\n", record("d3")).as_bytes(),
            ]
            .concat(),
        )
        .unwrap();
    let mut out = Vec::new();
    let done = export(TableKind::Quotes, &[path], Format::Csv, &mut out).unwrap();
    assert_eq!((done.records, done.rows), (3, 9));
    assert_eq!(done.skipped.bad, 3);
    assert_eq!(done.skipped.errors(), 1);
    let message = done.to_string();
    assert!(message.contains("9 rows from 3 records"), "{message}");
    assert!(
        message.contains("skipped 1 error record (empty 1)"),
        "{message}"
    );
    assert!(message.contains("r.jsonl:2: "), "{message}");
    assert!(
        message.contains("r.jsonl:7: stream did not contain valid UTF-8"),
        "{message}"
    );
    assert!(message.contains("3 lines that are no record"), "{message}");
    let (header, rows) = csv_rows(&out);
    assert!(
        header.contains(&"stance:EU".to_string()),
        "the targets found in a first pass"
    );
    assert_eq!(rows.len(), 9);
}

#[test]
fn a_record_with_a_span_off_its_text_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut broken = record("d1");
    broken["quotes"][0]["content"][0]["end"] = json!(10_000);
    let path = file(
        &dir,
        "r.jsonl",
        &[broken.to_string(), record("d2").to_string()],
    );
    let done = export(TableKind::Quotes, &[path], Format::Csv, Vec::new()).unwrap();
    assert_eq!((done.records, done.rows, done.skipped.bad), (1, 3, 1));
    assert!(
        done.skipped.to_string().contains("\"d1\": span"),
        "{}",
        done.skipped
    );
}

#[test]
fn records_without_text_ask_for_with_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut plain = record("d1");
    plain.as_object_mut().unwrap().remove("text");
    let path = file(&dir, "r.jsonl", &[plain.to_string()]);
    let err = export(TableKind::Quotes, &[path], Format::Csv, Vec::new()).unwrap_err();
    assert!(matches!(err, ExportError::NoText { .. }));
    assert!(
        err.to_string().contains("quotewire run --with-text"),
        "{err}"
    );
}

#[test]
fn parquet_reads_back_with_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    let records = file(
        &dir,
        "r.jsonl",
        &[record("d1").to_string(), record("d2").to_string()],
    );
    let out = dir.path().join("q.parquet");
    let done = export(
        TableKind::Quotes,
        std::slice::from_ref(&records),
        Format::Parquet,
        File::create(&out).unwrap(),
    )
    .unwrap();
    assert_eq!(done.rows, 6);
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&out).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 6);
    let batch = &batches[0];
    let schema = batch.schema();
    let ty = |name: &str| schema.field_with_name(name).unwrap().data_type().clone();
    assert_eq!(ty("text"), DataType::Utf8);
    assert_eq!(ty("quote"), DataType::UInt64);
    assert_eq!(ty("confidence"), DataType::Float64);
    assert_eq!(ty("stance:EU"), DataType::Utf8);
    let column = |name: &str| batch.column(schema.index_of(name).unwrap()).clone();
    let text = column("text");
    let text = text.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!(text.value(1), "“東京は … 遺憾だ,”");
    let quote = column("quote");
    assert_eq!(
        quote
            .as_any()
            .downcast_ref::<UInt64Array>()
            .unwrap()
            .values(),
        &[0, 1, 2, 0, 1, 2]
    );
    let sentiment = column("sentiment");
    let sentiment = sentiment.as_any().downcast_ref::<Float64Array>().unwrap();
    assert_eq!((sentiment.value(0), sentiment.is_null(2)), (-0.25, true));

    let out = dir.path().join("s.parquet");
    export(
        TableKind::Sentences,
        &[records],
        Format::Parquet,
        File::create(&out).unwrap(),
    )
    .unwrap();
    let mut reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&out).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batch = reader.next().unwrap().unwrap();
    let headline = batch
        .column(batch.schema().index_of("headline").unwrap())
        .clone();
    let headline = headline.as_any().downcast_ref::<BooleanArray>().unwrap();
    assert_eq!((headline.value(0), headline.value(1)), (true, false));
    let words = batch
        .column(batch.schema().index_of("text").unwrap())
        .clone();
    assert_eq!(
        words
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap()
            .value(2),
        "Ногу свело, said Ivan Petrov."
    );
}

/// An index of two stories: Élise Borne quoted in both, Ko Min-jung in one.
fn index() -> SpeakerIndex {
    let mut index = SpeakerIndex::default();
    for doc in ["d1", "d2"] {
        let (record, text) = text_record(doc);
        index.add(&record, &text);
    }
    let (mut record, text) = text_record("d3");
    record
        .quotes
        .as_mut()
        .unwrap()
        .retain(|q| q.speaker.as_deref() == Some("s1"));
    record.speakers.as_mut().unwrap().retain(|s| s.id == "s1");
    index.add(&record, &text);
    index.finish();
    index
}

#[test]
fn top_ranks_speakers_and_counts_stance_toward_a_target() {
    let index = index();
    let options = TopOptions {
        target: Some("eu".into()),
        ..TopOptions::default()
    };
    let top = top::top(&index, &options).unwrap();
    let target = top.target.as_ref().unwrap();
    assert_eq!(target.name, "EU");
    let rows: Vec<(&str, usize, usize)> = top
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.quotes, r.documents))
        .collect();
    assert_eq!(rows, [("Élise Borne", 3, 3), ("Ko Min-jung", 2, 2)]);
    assert_eq!(top.rows[0].toward, Some((3, Some(-0.25), [0, 3, 0])));
    assert_eq!(top.rows[1].toward, Some((2, Some(0.5), [2, 0, 0])));
    assert_eq!(top.columns().len(), top.table_rows()[0].len());
    let text = top::render(&top.columns(), &top.table_rows());
    assert!(
        text.lines().next().unwrap().contains("EU:against"),
        "{text}"
    );

    let toward_speaker = TopOptions {
        target: Some("Ivan Petrov".into()),
        n: 1,
        ..TopOptions::default()
    };
    let top = top::top(&index, &toward_speaker).unwrap();
    assert_eq!(top.rows.len(), 1);
    assert_eq!(
        top.rows[0].toward,
        Some((3, Some(-0.25), [0, 3, 0])),
        "positive, negative, neutral"
    );
    let unknown = TopOptions {
        target: Some("NATO".into()),
        ..TopOptions::default()
    };
    let err = top::top(&index, &unknown).unwrap_err();
    assert!(err.to_string().contains("targets: EU"), "{err}");
}

#[test]
fn show_finds_a_speaker_by_any_name_and_lists_its_quotes() {
    let index = index();
    let (key, entry) = show::find(&index, "élise borne").unwrap();
    assert_eq!(key, "élise borne");
    let rows = show::rows(entry);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][6], Cell::text("« C’est inévitable »"));
    assert_eq!(rows[0][0], Cell::text("d1"));
    assert!(show::heading(key, entry).contains("3 quotes in 3 documents"));
    assert!(matches!(
        show::find(&index, "Nobody"),
        Err(ExportError::UnknownSpeaker(_))
    ));
}

#[test]
fn speakers_from_records_are_the_speakers_of_their_index() {
    let dir = tempfile::tempdir().unwrap();
    let records = file(
        &dir,
        "r.jsonl",
        &[record("d1").to_string(), record("d2").to_string()],
    );
    let mut from_records = Vec::new();
    let done = export(
        TableKind::Speakers,
        std::slice::from_ref(&records),
        Format::Csv,
        &mut from_records,
    )
    .unwrap();
    assert_eq!((done.records, done.rows), (2, 2));
    let mut index = SpeakerIndex::default();
    for doc in ["d1", "d2"] {
        let (record, text) = text_record(doc);
        index.add(&record, &text);
    }
    index.finish();
    let index_path = dir.path().join("index.json");
    std::fs::write(&index_path, serde_json::to_string_pretty(&index).unwrap()).unwrap();
    assert_eq!(input_kind(&index_path).unwrap(), InputKind::Index);
    let mut from_index = Vec::new();
    let done = export(
        TableKind::Speakers,
        std::slice::from_ref(&index_path),
        Format::Csv,
        &mut from_index,
    )
    .unwrap();
    assert_eq!((done.indexes, done.records), (1, 0));
    assert_eq!(from_records, from_index);
    let (header, rows) = csv_rows(&from_index);
    assert_eq!(&header[..3], ["key", "name", "kind"]);
    assert!(header.contains(&"stance:EU:against".to_string()));
    // Two quotes each: in key order.
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["Ko Min-jung", "Élise Borne"]);
    let err = export(TableKind::Quotes, &[index_path], Format::Csv, Vec::new()).unwrap_err();
    assert!(matches!(err, ExportError::IndexGiven { .. }), "{err}");
}

#[test]
fn names_parse_as_the_command_line_gives_them() {
    assert_eq!("parquet".parse(), Ok(Format::Parquet));
    assert_eq!(
        Format::of_path(std::path::Path::new("a/q.PARQUET")),
        Format::Parquet
    );
    assert_eq!(Format::of_path(std::path::Path::new("q.csv")), Format::Csv);
    assert_eq!("sentences".parse(), Ok(TableKind::Sentences));
    assert!("tables".parse::<TableKind>().is_err());
    assert_eq!("documents".parse(), Ok(RankBy::Documents));
    assert_eq!(
        top::parse_kind("Person"),
        Ok(quotewire_core::EntityKind::Person)
    );
    assert!(top::parse_kind("robot").is_err());
}
