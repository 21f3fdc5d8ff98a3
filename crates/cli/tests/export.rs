//! Tables and answers (`export`, `run --export-quotes`, `index top`, `index show`) on the seed
//! story, on bad input, and on BBC News: one row per quote, CSV and Parquet read back, and
//! `index top --target EU` against figures worked out from the records.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use arrow_array::{Array, Float64Array, StringArray, UInt64Array};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

use crate::util::{quotewire, shared_data, slice};

const GSOMIA: &str =
    "GSOMIA=General Security of Military Information Agreement|intel-sharing pact|pact";

/// Runs `quotewire` and gives exit status, stdout and stderr.
fn qw(args: &[&str]) -> (i32, String, String) {
    let output = quotewire(args, b"");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `run --with-text --index --export-quotes` over `input` into `dir`: the records file, the
/// index and the quote CSV of the same pass.
fn run(dir: &Path, input: &str, target: &str) -> (PathBuf, PathBuf, PathBuf) {
    let [records, index, quotes] =
        ["records.jsonl", "index.json", "run-quotes.csv"].map(|f| dir.join(f));
    let (code, _, err) = qw(&[
        "run",
        "-q",
        "--with-text",
        "--target",
        target,
        input,
        "-o",
        records.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--export-quotes",
        quotes.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    (records, index, quotes)
}

/// The records of a records file, by document id, in order.
fn read_records(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn csv_table(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    (header, reader.records().map(Result::unwrap).collect())
}

/// Every quote of the records with its words: content fragments joined by ` … `.
fn quote_words(records: &[Value]) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for record in records.iter().filter(|r| r.get("error").is_none()) {
        let text = record["text"].as_str().expect("--with-text");
        for quote in record["quotes"].as_array().unwrap() {
            let parts: Vec<&str> = quote["content"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| slice(text, s))
                .collect();
            all.push((
                record["doc"].as_str().unwrap().to_string(),
                parts.join(" … "),
            ));
        }
    }
    all
}

/// Checks the quote CSV and Parquet of `records` against them: one row per quote, in order, with
/// the words under the spans; the CSV of `run --export-quotes` the same bytes; typed Parquet
/// columns holding what the CSV holds.
fn check_quote_tables(dir: &Path, records_path: &Path, run_csv: &Path, target: &str) -> usize {
    let records = read_records(records_path);
    let quotes = quote_words(&records);
    let csv_path = dir.join("quotes.csv");
    let (code, _, err) = qw(&[
        "export",
        "quotes",
        records_path.to_str().unwrap(),
        "-o",
        csv_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("{} rows from", quotes.len())),
        "{err}"
    );
    assert_eq!(
        fs::read(&csv_path).unwrap(),
        fs::read(run_csv).unwrap(),
        "export = run --export-quotes"
    );
    let (header, rows) = csv_table(&csv_path);
    assert_eq!(rows.len(), quotes.len(), "one CSV row per quote");
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} in {header:?}"))
    };
    let (doc, text) = (col("doc"), col("text"));
    for (row, (d, words)) in rows.iter().zip(&quotes) {
        assert_eq!((&row[doc], &row[text]), (d.as_str(), words.as_str()));
    }
    col(&format!("stance:{target}"));

    let parquet = dir.join("quotes.parquet");
    let (code, _, err) = qw(&[
        "export",
        "quotes",
        records_path.to_str().unwrap(),
        "-o",
        parquet.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let reader = ParquetRecordBatchReaderBuilder::try_new(fs::File::open(&parquet).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut n = 0;
    for batch in reader {
        let batch = batch.unwrap();
        let column = |name: &str| batch.column(batch.schema().index_of(name).unwrap()).clone();
        let texts = column("text");
        let texts = texts
            .as_any()
            .downcast_ref::<StringArray>()
            .expect("text: Utf8");
        let positions = column("quote");
        let positions = positions
            .as_any()
            .downcast_ref::<UInt64Array>()
            .expect("quote: UInt64");
        let confidence = column("confidence");
        let confidence = confidence
            .as_any()
            .downcast_ref::<Float64Array>()
            .expect("confidence: Float64");
        let sentiment = column("sentiment");
        let sentiment = sentiment
            .as_any()
            .downcast_ref::<Float64Array>()
            .expect("sentiment: Float64");
        let stance = column(&format!("stance:{target}"));
        let stance = stance
            .as_any()
            .downcast_ref::<StringArray>()
            .expect("stance: Utf8");
        for i in 0..batch.num_rows() {
            let row = &rows[n + i];
            assert_eq!(texts.value(i), &row[text]);
            assert_eq!(positions.value(i).to_string(), row[col("quote")]);
            assert_eq!(confidence.value(i).to_string(), row[col("confidence")]);
            let sentiment = (!sentiment.is_null(i)).then(|| sentiment.value(i).to_string());
            assert_eq!(sentiment.unwrap_or_default(), row[col("sentiment")]);
            let stance = (!stance.is_null(i)).then(|| stance.value(i));
            assert_eq!(
                stance.unwrap_or_default(),
                &row[col(&format!("stance:{target}"))]
            );
        }
        n += batch.num_rows();
    }
    assert_eq!(n, quotes.len(), "one Parquet row per quote");
    n
}

#[test]
fn tables_and_answers_of_the_seed_story() {
    let dir = tempfile::tempdir().unwrap();
    let (records, index, run_csv) = run(dir.path(), "corpus/stories", GSOMIA);
    assert_eq!(
        check_quote_tables(dir.path(), &records, &run_csv, "GSOMIA"),
        20
    );

    let index = index.to_str().unwrap();
    let (code, out, err) = qw(&[
        "index", "top", "-i", index, "--target", "gsomia", "--kind", "person", "-n", "2",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains("GSOMIA:favor"), "{out}");
    let first: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        first[..7],
        ["1", "Jeong", "Kyeong-doo", "person", "10", "1", "0.0337"],
        "{out}"
    );
    let (_, csv, _) = qw(&["index", "top", "-i", index, "--csv", "-n", "1"]);
    assert_eq!(
        csv,
        "rank,speaker,kind,quotes,documents,mean_sentiment\n1,Jeong Kyeong-doo,person,10,1,0.0337\n"
    );

    let (code, out, err) = qw(&["index", "show", "-i", index, "Minister Jeong"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Jeong Kyeong-doo (person"), "{out}");
    assert!(
        out.contains("\"No cool answers were there (from Kono), though we've tried very hard,\""),
        "{out}"
    );
    let (code, _, err) = qw(&["index", "show", "-i", index, "Nobody Here"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no speaker of the index is called \"Nobody Here\""),
        "{err}"
    );
    let (code, _, err) = qw(&["index", "top", "-i", index, "--target", "NATO"]);
    assert_eq!(code, 2);
    assert!(err.contains("targets: GSOMIA"), "{err}");

    for (table, rows) in [("speakers", 6), ("sentences", 22)] {
        let (code, out, err) = qw(&[
            "export",
            table,
            if table == "speakers" {
                index
            } else {
                records.to_str().unwrap()
            },
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().count(), rows + 1, "{table}: {out}");
    }
    let (code, _, err) = qw(&[
        "export",
        "quotes",
        records.to_str().unwrap(),
        "--format",
        "parquet",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("-o FILE"), "{err}");
}

#[test]
fn export_asks_for_the_text_and_skips_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.jsonl");
    let (code, _, err) = qw(&["run", "-q", "corpus/stories", "-o", plain.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = qw(&["export", "quotes", plain.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("has no `text` field") && err.contains("quotewire run --with-text"),
        "{err}"
    );

    let (records, _, _) = run(dir.path(), "corpus/stories", GSOMIA);
    let good = fs::read_to_string(&records).unwrap();
    let damaged = dir.path().join("damaged.jsonl");
    let error = r#"{"doc": "x.txt", "error": "empty document", "kind": "empty"}"#;
    fs::write(
        &damaged,
        format!("{good}{error}\n{}\n", &good[..good.len() / 3]),
    )
    .unwrap();
    let (code, out, err) = qw(&["export", "quotes", damaged.to_str().unwrap()]);
    assert_eq!(code, 1, "a line that is no record: exit status 1");
    assert_eq!(out.lines().count(), 21);
    assert!(err.contains("20 rows from 1 record; skipped 1 error record (empty 1); skipped 1 line that is no record (")
        && err.contains("damaged.jsonl:3: "), "{err}");
}

/// BBC News: the quote CSV and Parquet have exactly one row per quote of the records (and read
/// back: the CSV with the `csv` crate, the Parquet with the `parquet` crate's reader, typed).
#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn bbc_quote_tables_have_one_row_per_quote() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let bbc = data.join("bbc_news/bbc_news.jsonl");
    let (records, _, run_csv) = run(dir.path(), bbc.to_str().unwrap(), "EU=European Union");
    let rows = check_quote_tables(dir.path(), &records, &run_csv, "EU");
    println!("BBC News: {rows} quotes, {rows} CSV rows, {rows} Parquet rows");
    assert!(rows > 10_000, "{rows}");
}

/// BBC News: `index top --target EU` gives the figures worked out from the records: each
/// speaker's quotes are found in the records by the index's (document, position) references
/// and counted there (quotes, documents, mean compound sentiment, EU labels), every quote with a
/// speaker is some index entry's, and the ranking is the same.
#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn bbc_index_top_eu_is_what_the_records_say() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let bbc = data.join("bbc_news/bbc_news.jsonl");
    let (records, index_path, _) = run(dir.path(), bbc.to_str().unwrap(), "EU=European Union");
    let records: HashMap<String, Value> = read_records(&records)
        .into_iter()
        .map(|r| (r["doc"].as_str().unwrap().to_string(), r))
        .collect();
    let index: Value = serde_json::from_str(&fs::read_to_string(&index_path).unwrap()).unwrap();

    type Figures = (
        String,
        String,
        usize,
        usize,
        String,
        usize,
        String,
        [usize; 3],
    );
    let mut by_hand: Vec<(String, Figures)> = Vec::new();
    let mut indexed = 0;
    for (key, entry) in index["speakers"].as_object().unwrap() {
        let mut refs: Vec<(String, usize)> = Vec::new();
        for e in std::iter::once(entry).chain(
            entry["joined"]
                .as_object()
                .into_iter()
                .flat_map(|j| j.values()),
        ) {
            for q in e["quotes"].as_array().unwrap() {
                refs.push((
                    q["doc"].as_str().unwrap().to_string(),
                    q["quote"].as_u64().unwrap() as usize,
                ));
            }
        }
        indexed += refs.len();
        let mut docs = BTreeSet::new();
        let (mut sentiments, mut eu_sentiments) = (Vec::new(), Vec::new());
        let mut labels: BTreeMap<String, usize> = BTreeMap::new();
        for (doc, position) in &refs {
            let quote = &records[doc]["quotes"][*position];
            assert!(quote["speaker"].is_string(), "{doc} #{position}");
            docs.insert(doc.clone());
            let compound = quote["sentiment"]["compound"].as_f64();
            sentiments.extend(compound);
            for s in quote["stance"].as_array().into_iter().flatten() {
                if s["target"] == "EU" && s["kind"] == "issue" {
                    *labels
                        .entry(s["label"].as_str().unwrap().to_string())
                        .or_default() += 1;
                    eu_sentiments.extend(compound);
                }
            }
        }
        let mean = |v: &[f64]| match v.len() {
            0 => "-".to_string(),
            n => ((v.iter().sum::<f64>() / n as f64 * 1e4).round() / 1e4).to_string(),
        };
        let count = |l: &str| labels.get(l).copied().unwrap_or(0);
        let eu = labels.values().sum();
        by_hand.push((
            key.clone(),
            (
                entry["name"].as_str().unwrap().to_string(),
                entry["kind"].as_str().unwrap().to_string(),
                refs.len(),
                docs.len(),
                mean(&sentiments),
                eu,
                mean(&eu_sentiments),
                [count("favor"), count("against"), count("neutral")],
            ),
        ));
    }
    let attributed: usize = records
        .values()
        .flat_map(|r| r["quotes"].as_array().into_iter().flatten())
        .filter(|q| q["speaker"].is_string())
        .count();
    assert_eq!(
        indexed, attributed,
        "every attributed quote is one index entry's"
    );
    by_hand.sort_by(|a, b| {
        (b.1.2, b.1.3)
            .cmp(&(a.1.2, a.1.3))
            .then_with(|| a.0.cmp(&b.0))
    });

    let (code, out, err) = qw(&[
        "index",
        "top",
        "-i",
        index_path.to_str().unwrap(),
        "--target",
        "EU",
        "-n",
        "30",
        "--csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "rank",
            "speaker",
            "kind",
            "quotes",
            "documents",
            "mean_sentiment",
            "EU:quotes",
            "EU:sentiment",
            "EU:favor",
            "EU:against",
            "EU:neutral"
        ]
    );
    let shown: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(shown.len(), 30);
    let or_dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    for (i, (row, (_, f))) in shown.iter().zip(&by_hand).enumerate() {
        let expected = vec![
            (i + 1).to_string(),
            f.0.clone(),
            f.1.clone(),
            f.2.to_string(),
            f.3.to_string(),
            f.4.clone(),
            f.5.to_string(),
            f.6.clone(),
            f.7[0].to_string(),
            f.7[1].to_string(),
            f.7[2].to_string(),
        ];
        let got: Vec<String> = row.iter().map(or_dash).collect();
        assert_eq!(got, expected, "rank {}", i + 1);
        println!("{}", got.join("\t"));
    }
    let eu: usize = by_hand.iter().map(|(_, f)| f.5).sum();
    assert!(eu > 0, "speakers take a stance toward the EU");
}
