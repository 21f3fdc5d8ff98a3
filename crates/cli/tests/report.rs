//! `quotewire report`: the seed story's report with every chart its data allows, dated stories
//! with a time line, and bad input named.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{quotewire, root};

const SEED: &str = "corpus/stories/000_9bb8d9a62761c524.txt";
const GSOMIA: &str =
    "GSOMIA=General Security of Military Information Agreement|intel-sharing pact|pact";

fn qw(args: &[&str]) -> (i32, String) {
    let output = quotewire(args, b"");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `run --with-text --index` over `input`: the records and the index.
fn run(dir: &Path, input: &str, extra: &[&str]) -> (PathBuf, PathBuf) {
    let [records, index] = ["records.jsonl", "index.json"].map(|f| dir.join(f));
    let mut args = vec![
        "run",
        "-q",
        "--with-text",
        input,
        "-o",
        records.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ];
    args.extend(extra);
    let (code, err) = qw(&args);
    assert_eq!(code, 0, "{err}");
    (records, index)
}

/// `report INDEX --records RECORDS -o report.html`: the page and stderr.
fn report(dir: &Path, index: &Path, records: &Path) -> (String, String) {
    let html = dir.join("report.html");
    let (code, err) = qw(&[
        "report",
        index.to_str().unwrap(),
        "--records",
        records.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    (fs::read_to_string(html).unwrap(), err)
}

/// The `<svg>` element of a chart, when the page has it.
fn svg<'h>(html: &'h str, id: &str) -> Option<&'h str> {
    let start = html.find(&format!("<svg id=\"{id}\""))?;
    Some(&html[start..start + html[start..].find("</svg>")?])
}

#[test]
fn report_of_the_seed_story() {
    let dir = tempfile::tempdir().unwrap();
    let (records, index) = run(dir.path(), "corpus/stories", &["--target", GSOMIA]);
    let (html, err) = report(dir.path(), &index, &records);
    assert!(
        err.contains(
            "speakers 6 bars, stance 4 cells, network 5 nodes, time absent; 1 record read, 1 story"
        ),
        "{err}"
    );
    let index: Value = serde_json::from_str(&fs::read_to_string(&index).unwrap()).unwrap();
    let speakers = index["speakers"].as_object().unwrap();
    // A bar per speaker of the index.
    let bars = svg(&html, "speakers").expect("bar chart");
    assert_eq!(bars.matches("<rect").count(), speakers.len());
    for entry in speakers.values() {
        let name = entry["name"].as_str().unwrap().replace('\'', "&apos;");
        assert!(bars.contains(&format!("\n{name}\n")), "{name} has no bar");
    }
    // A cell per speaker taking a stance toward GSOMIA.
    let toward = speakers
        .values()
        .filter(|e| e["summary"]["stance"]["GSOMIA"]["quotes"].as_u64() > Some(0))
        .count();
    assert!(toward > 0);
    assert_eq!(
        svg(&html, "stance").unwrap().matches("<rect").count(),
        toward
    );
    // A node per speaker with a stance toward another, or spoken about.
    assert!(svg(&html, "network").unwrap().matches("<circle").count() >= 2);
    // The seed story has no date: the time line is absent, with a note.
    assert!(svg(&html, "time").is_none());
    assert!(html.contains("id=\"note-time\""));
    // The story: every quotation of the record marked, the speaker on hover.
    let record: Value = serde_json::from_str(&fs::read_to_string(&records).unwrap()).unwrap();
    let quotes = record["quotes"].as_array().unwrap().len();
    let article = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
    let marked: BTreeSet<usize> = article
        .split("data-q=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(marked, (0..quotes).collect());
    assert!(html.contains("title=\"Jeong Kyeong-doo (person) · direct quotation"));
    // Self-contained: nothing fetched.
    for off in ["src=", "<link rel=\"stylesheet\"", "href=\"http", "url("] {
        assert!(!html.contains(off), "{off}");
    }
}

#[test]
fn dated_stories_get_a_time_line() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fs::read_to_string(root().join(SEED)).unwrap();
    let lines: Vec<String> = [("a", "2019-11-17"), ("b", "19-NOV-2019 10:00"), ("c", "")]
        .iter()
        .map(|(id, date)| serde_json::json!({"id": id, "date": date, "text": seed}).to_string())
        .collect();
    let input = dir.path().join("dated.jsonl");
    fs::write(&input, lines.join("\n") + "\n").unwrap();
    let (records, index) = run(dir.path(), input.to_str().unwrap(), &[]);
    let dates: Vec<Value> = fs::read_to_string(&records)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["meta"]["date"].clone())
        .collect();
    assert_eq!(
        dates,
        [
            Value::from("2019-11-17"),
            Value::from("19-NOV-2019 10:00"),
            Value::Null
        ]
    );
    let (html, err) = report(dir.path(), &index, &records);
    assert!(err.contains("time 2 bars"), "{err}");
    assert_eq!(svg(&html, "time").unwrap().matches("<rect").count(), 2);
    assert!(html.contains("Quotes of 2 dated records by the day of their date, 2019-11-17 to 2019-11-19; 1 record carries no date."));
}

#[test]
fn report_names_bad_files_and_counts_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let out = path("report.html");
    let (code, err) = qw(&["report", &path("nope.json"), "-o", &out]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.json"), "{err}");
    fs::write(path("broken.json"), "{\"speakers\": {").unwrap();
    let (code, err) = qw(&["report", &path("broken.json"), "-o", &out]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.json is not a speaker index"), "{err}");

    let (records, index) = run(dir.path(), "corpus/stories", &[]);
    let index = index.to_str().unwrap();
    let mut damaged = fs::read_to_string(&records).unwrap();
    damaged += "{\"doc\": \"cut off\n{\"doc\": \"x\", \"error\": \"empty\", \"kind\": \"empty\"}\n";
    fs::write(path("damaged.jsonl"), damaged).unwrap();
    let (code, err) = qw(&[
        "report",
        index,
        "--records",
        &path("damaged.jsonl"),
        "-o",
        &out,
    ]);
    assert_eq!(code, 1, "a line that is no record: {err}");
    assert!(
        err.contains("1 record read, 1 story; skipped 1 error record (empty 1); skipped 1 line that is no record (")
            && err.contains("damaged.jsonl:2: "),
        "{err}"
    );
    let html = fs::read_to_string(&out).unwrap();
    assert!(svg(&html, "speakers").is_some());

    let (code, err) = qw(&["report", index, "--records", index, "-o", &out]);
    assert_eq!(code, 2);
    assert!(err.contains("is a speaker index, not records"), "{err}");
    let (code, err) = qw(&["report", index, "--story", "x", "-o", &out]);
    assert_eq!(code, 2);
    assert!(err.contains("needs the records"), "{err}");
    let (code, err) = qw(&[
        "report",
        index,
        "--records",
        records.to_str().unwrap(),
        "--story",
        "elsewhere.txt",
        "-o",
        &out,
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no record of document \"elsewhere.txt\""),
        "{err}"
    );
}
