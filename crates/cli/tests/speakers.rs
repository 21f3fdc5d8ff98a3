//! Issue 17's in-story examples, through the binary: who speaks, of what kind, on what evidence.

use serde_json::Value;

use crate::util::{quotewire, records, slice};

/// The record of one text given on stdin.
fn record_of(text: &str) -> Value {
    let output = quotewire(
        &[
            "run",
            "-",
            "--stdin-format",
            "text",
            "--no-scoring",
            "--quiet",
        ],
        text.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    records(&output).remove(0)
}

/// Each quote's source as written and its speaker's name, kind and evidence.
fn attributions(text: &str) -> Vec<(String, String, String, String)> {
    let record = record_of(text);
    let speakers = record["speakers"].as_array().cloned().unwrap_or_default();
    let quotes = record["quotes"].as_array().cloned().unwrap_or_default();
    quotes
        .iter()
        .map(|q| {
            let s = speakers.iter().find(|s| s["id"] == q["speaker"]).unwrap();
            let str_of = |v: &Value| v.as_str().unwrap_or_default().to_string();
            (
                slice(text, &q["source"]).to_string(),
                str_of(&s["name"]),
                str_of(&s["kind"]),
                str_of(&s["kind_evidence"]),
            )
        })
        .collect()
}

#[test]
fn the_addressee_of_told_is_no_speaker() {
    let text =
        "“Cutting staff makes sense,” Ivo Geijsen, an analyst with Bank Øster, told Bloomberg.";
    let found = attributions(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "Ivo Geijsen, an analyst with Bank Øster,");
    assert_eq!(found[0].1, "Ivo Geijsen");
    assert_eq!(found[0].2, "person");
}

#[test]
fn acronyms_outlets_and_documents_get_their_kind() {
    let text = "TWA said it would bid. The Financial Times said the talks had stalled. \
                A new poll shows the lead is narrowing in Zürich.";
    let found = attributions(text);
    let kinds: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|(_, n, k, e)| (n.as_str(), k.as_str(), e.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("TWA", "organisation", "acronym"),
            ("Financial Times", "outlet", "outlet-list"),
            ("A new poll", "document", "document-word"),
        ]
    );
}

#[test]
fn a_time_word_before_a_name_is_none_of_it() {
    let text = "On Monday Tony Blair said the plan was “a good one” for Köln.";
    let found = attributions(text);
    assert_eq!(found[0].0, "Monday Tony Blair");
    assert_eq!(found[0].1, "Tony Blair");
}

#[test]
fn a_capital_speaks_for_its_government() {
    let text = "Washington said the talks in Genève would go on.";
    let found = attributions(text);
    assert_eq!(found[0].1, "United States");
    assert_eq!(
        (found[0].2.as_str(), found[0].3.as_str()),
        ("government", "place")
    );
}
