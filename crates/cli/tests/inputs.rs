//! What is a document: which files of a directory are read, JSON and gzip, JSON fields, saved
//! HTML pages.

use std::fs;
use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::util::{quotewire, records, root, slice};

fn put(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn ids(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["doc"].as_str().unwrap()).collect()
}

fn speakers(record: &Value) -> Vec<&str> {
    record["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

#[test]
fn a_directory_is_read_for_its_news_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    put(
        d,
        "README.md",
        b"# Corpus\n\nContact: \"Write to us,\" the team said.\n",
    );
    put(d, "SOURCE.md", b"Source: an invented corpus.\n");
    put(d, "notes", b"Corpus notes.\n");
    put(d, "data.zip", b"PK\x03\x04\x14\x00\x00\x00");
    put(d, ".hidden.txt", b"Not read.");
    put(
        d,
        "array.json",
        br#"[
  {"id": "a1", "title": "Ferry fares frozen",
   "text": "ORLIK -- \"Fares stay where they are,\" Mayor Anna Belk said."},
  {"id": "a2", "text": "The ferry runs twice a day."}
]
"#,
    );
    put(
        d,
        "one.json",
        b"{\n  \"id\": \"o1\",\n  \"body\": \"Rain is due on Sunday, forecasters said.\"\n}\n",
    );
    put(
        d,
        "wire/stories.jsonl.gz",
        &gzip(b"{\"id\": \"g1\", \"text\": \"Markets rose.\"}\n{\"id\": \"g2\", \"text\": \"Markets fell.\"}\n"),
    );
    put(
        d,
        "wire/story.TXT.gz",
        &gzip("Storm warning.\n\nIt “will pass,” she said.".as_bytes()),
    );
    let summary = d.join("summary.json");
    let output = quotewire(
        &[
            "run",
            d.to_str().unwrap(),
            "--summary-json",
            summary.to_str().unwrap(),
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "skipped files are no failures: {stderr}"
    );
    let found = records(&output);
    assert_eq!(
        ids(&found),
        ["a1", "a2", "o1", "g1", "g2", "wire/story.TXT.gz"]
    );
    assert!(found.iter().all(|r| r.get("error").is_none()));
    for record in &found {
        for name in speakers(record) {
            assert!(!["Corpus", "Contact"].contains(&name), "{name} in {record}");
        }
    }
    // The pretty-printed JSON was read as JSON: spans point into the text field.
    let text = "ORLIK -- \"Fares stay where they are,\" Mayor Anna Belk said.";
    assert_eq!(slice(text, &found[0]["meta"]["dateline"]["place"]), "ORLIK");
    assert_eq!(speakers(&found[0]), ["Anna Belk"]);
    assert_eq!(found[0]["meta"]["title"], "Ferry fares frozen");
    assert!(
        stderr.contains("4 files skipped (not news: README.md, SOURCE.md, data.zip, notes"),
        "{stderr}"
    );
    let summary: Value = serde_json::from_str(&fs::read_to_string(summary).unwrap()).unwrap();
    assert_eq!(summary["skipped"], 4);
    assert_eq!(summary["failed"], 0);

    // --glob replaces the news extensions, --exclude leaves files and folders out.
    let path = d.to_str().unwrap();
    let output = quotewire(
        &["run", path, "--glob", "*.md", "--exclude", "SOURCE*", "-q"],
        b"",
    );
    assert_eq!(ids(&records(&output)), ["README.md"]);
    let output = quotewire(
        &[
            "run",
            path,
            "--exclude",
            "wire",
            "--exclude",
            "*.json",
            "-q",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(records(&output).is_empty());
    let output = quotewire(&["run", path, "--glob", "a[", "-q"], b"");
    assert_eq!(output.status.code(), Some(2));
    // A file named on the command line is read whatever its extension.
    let readme = d.join("README.md");
    let output = quotewire(&["run", readme.to_str().unwrap(), "-q"], b"");
    assert_eq!(records(&output).len(), 1);
}

#[test]
fn gzip_bombs_broken_gzip_and_truncated_json_cost_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    put(d, "a_bomb.txt.gz", &gzip(&vec![b'x'; 1 << 20]));
    let broken = gzip(b"{\"text\": \"Whole.\"}\n{\"text\": \"Also whole.\"}\n");
    put(d, "b_broken.jsonl.gz", &broken[..broken.len() - 12]);
    put(
        d,
        "c_garbled.txt.gz",
        b"\x1f\x8b\x08\x00garbage that is not deflate",
    );
    put(
        d,
        "d_truncated.json",
        b"[{\"id\": \"t1\", \"text\": \"Kept.\"}, {\"id\": \"t2\", \"text\": \"Cut o",
    );
    put(d, "e_text.json", b"Plain text in a .json file.");
    put(d, "f_fine.txt", b"Still read.");
    let output = quotewire(
        &["run", d.to_str().unwrap(), "--max-doc-bytes", "64K", "-q"],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let got: Vec<String> = records(&output)
        .iter()
        .map(|r| match r.get("kind") {
            Some(kind) => format!("{} {}", r["doc"].as_str().unwrap(), kind.as_str().unwrap()),
            None => format!("{} ok", r["doc"].as_str().unwrap()),
        })
        .collect();
    assert_eq!(
        got,
        [
            "a_bomb.txt.gz too-large",
            "b_broken.jsonl.gz:1 ok",
            "b_broken.jsonl.gz:2 io",
            "c_garbled.txt.gz io",
            "t1 ok",
            "d_truncated.json:2 json",
            "d_truncated.json:3 json",
            "e_text.json:1 json",
            "f_fine.txt ok"
        ]
    );
    let errors: Vec<String> = records(&output)
        .iter()
        .filter_map(|r| r.get("error").map(|e| e.as_str().unwrap().to_string()))
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("the array is not closed")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("not a JSON array or object")),
        "{errors:?}"
    );
}

#[test]
fn json_text_under_another_usual_name_is_read_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.jsonl");
    let text = "LISBON -- \"We will appeal,\" lawyer Rui Tavares said.";
    let line = serde_json::json!({"id": "c1", "content": text, "lang": "en"});
    fs::write(&data, format!("{line}\n")).unwrap();
    let output = quotewire(&["run", data.to_str().unwrap(), "--no-scoring"], b"");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("note: ").count(),
        1,
        "said once per file: {stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "note: {}: reading text from \"content\"",
            data.display()
        )),
        "{stderr}"
    );
    let record = &records(&output)[0];
    assert_eq!(record["doc"], "c1");
    assert_eq!(
        slice(text, &record["quotes"][0]["content"][0]),
        "\"We will appeal,\""
    );
    assert_eq!(speakers(record), ["Rui Tavares"]);
}

#[test]
fn json_without_the_fields_named_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.jsonl");
    fs::write(
        &data,
        "{\"uid\": 1, \"html\": \"<p>x</p>\", \"summary\": \"s\"}\n",
    )
    .unwrap();
    let output = quotewire(&["run", data.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no missing-field record per line");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("quotewire: error: "), "{stderr}");
    assert!(
        stderr.contains("no text field") && stderr.contains("html, summary, uid"),
        "{stderr}"
    );
    assert!(stderr.contains("--text-field"), "{stderr}");

    fs::write(
        &data,
        "{\"id\": 1, \"text\": \"Fine.\", \"title\": \"T\"}\n",
    )
    .unwrap();
    for (flag, name) in [
        ("--id-field", "nope"),
        ("--title-field", "headline"),
        ("--text-field", "body"),
    ] {
        let output = quotewire(&["run", data.to_str().unwrap(), flag, name], b"");
        assert_eq!(output.status.code(), Some(2), "{flag}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("no field \"{name}\" ({flag})"))
                && stderr.contains("id, text, title"),
            "{stderr}"
        );
    }
}

#[test]
fn a_separate_title_goes_to_meta_title_and_spans_stay_in_the_text() {
    let text = "BERN -- Voters backed the rail plan, officials said.";
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "t1", "title": " Voters back rail plan ", "text": text}),
        serde_json::json!({"id": "t2", "headline": "Second story", "text": text}),
    );
    let output = quotewire(&["run", "-", "-q"], input.as_bytes());
    let found = records(&output);
    assert_eq!(found[0]["meta"]["title"], "Voters back rail plan");
    assert_eq!(found[1]["meta"]["title"], "Second story");
    for record in &found {
        assert!(
            record.get("text").is_none(),
            "spans point into the text field"
        );
        assert_eq!(slice(text, &record["meta"]["dateline"]["place"]), "BERN");
    }
    let input = serde_json::json!({"id": "t3", "hed": "Own field", "text": text}).to_string();
    let output = quotewire(
        &["run", "-", "-q", "--title-field", "hed"],
        input.as_bytes(),
    );
    assert_eq!(records(&output)[0]["meta"]["title"], "Own field");
}

type Page = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// Saved pages of invented stories: (file, headline, byline, dateline place, story phrases,
/// speakers, page furniture and commenters that must not be there).
const PAGES: &[Page] = &[
    (
        "port_strike.html",
        "Velmora dockworkers end 11-day strike after pay deal",
        "Marta Quell",
        "VELMORA",
        &[
            "returned to work on Monday",
            "brought them back to the table on Saturday",
        ],
        &["Oskar Brenner", "Ilse Vandermeer"],
        &[
            "cookies",
            "Accept all",
            "Breadcrumb",
            "Shipping",
            "Advertisement",
            "Share on",
            "Morning Briefing",
            "newsletter",
            "Comments",
            "Bricklayer88",
            "HarbourMum",
            "Tomasz",
            "Related stories",
            "All rights reserved",
        ],
    ),
    (
        "tram_line.html",
        "Council approves riverside tram line",
        "Ben Achterberg",
        "LINDENFORD",
        &[
            "voted 31 to 17 on Friday night",
            "four districts it crosses",
        ],
        &["Renate Olsberg"],
        &[
            "cookies",
            "Subscribe",
            "Home",
            "Share this",
            "Twitter",
            "Related",
            "thoughts on",
            "Gerrit Haan",
            "Lotte",
            "Leave a Reply",
            "Most read",
            "Proudly powered",
        ],
    ),
    (
        "clinic.html",
        "Twelve rural clinics in Nordvale to get night nurses",
        "Sunniva Rask",
        "NORDVALE",
        &["staffed by nurses around the clock", "the rest by June"],
        &["Ingrid Fosse"],
        &[
            "privacy",
            "partners",
            "Front page",
            "Advertisement",
            "winter tyres",
            "Read more",
            "LinkedIn",
            "Subscribe",
            "Arne_T",
            "election bait",
            "Trending",
            "Harbour Street",
        ],
    ),
];

#[test]
fn saved_news_pages_give_the_story_without_the_page() {
    let fixtures = root().join("crates/ingest/tests/fixtures/html");
    for (file, headline, byline, place, story, said, junk) in PAGES {
        let output = quotewire(
            &[
                "run",
                fixtures.join(file).to_str().unwrap(),
                "-q",
                "--no-scoring",
            ],
            b"",
        );
        assert_eq!(output.status.code(), Some(0), "{file}");
        let record = &records(&output)[0];
        assert_eq!(record["format"], "html");
        let text = record["text"].as_str().unwrap();
        let meta = &record["meta"];
        assert_eq!(slice(text, &meta["headline"]), *headline, "{file}");
        assert_eq!(slice(text, &meta["byline"]), *byline, "{file}");
        assert_eq!(slice(text, &meta["dateline"]["place"]), *place, "{file}");
        for phrase in *story {
            assert!(
                text.contains(phrase),
                "{file}: {phrase:?} missing from {text}"
            );
        }
        for phrase in *junk {
            assert!(!text.contains(phrase), "{file}: {phrase:?} kept in {text}");
        }
        let names = speakers(record);
        for name in *said {
            assert!(
                names.contains(name),
                "{file}: {name} not a speaker: {names:?}"
            );
        }
        assert!(
            names.iter().all(|n| !junk.contains(n)),
            "{file}: a commenter became a speaker: {names:?}"
        );
    }
}
