//! Accuracy gates on the shared gold data (`QUOTEWIRE_DATA`): the English Golden Rules and GUM
//! news and interview sentences. They print their figures and fail on a regression.

use std::collections::BTreeSet;
use std::path::PathBuf;

use quotewire_segment::Segmenter;
use serde_json::Value;

fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("QUOTEWIRE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: shared data not found at {} (set QUOTEWIRE_DATA)",
            dir.display()
        );
        None
    }
}

fn jsonl(path: PathBuf) -> Vec<Value> {
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// pragmatic_segmenter's newline cleaning, for the rules that ask for it: a line break after
/// whitespace and before a lowercase letter or `(` is dropped.
fn clean_newlines(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut chars = sentence.chars().peekable();
    while let Some(c) = chars.next() {
        let drop = c == '\n'
            && out.ends_with(char::is_whitespace)
            && chars.peek().is_some_and(|n| n.is_lowercase() || *n == '(');
        if !drop {
            out.push(c);
        }
    }
    out
}

#[test]
fn golden_rules() {
    let Some(data) = shared_data() else { return };
    let segmenter = Segmenter::new();
    let cases = jsonl(data.join("sbd/golden_rules_en.jsonl"));
    let mut failures = Vec::new();
    for case in &cases {
        let input = case["input"].as_str().unwrap();
        let cleaning = case["options"].get("note").is_some();
        let got: Vec<String> = segmenter
            .sentences(input)
            .map(|s| &input[s.range()])
            .map(|s| {
                if cleaning {
                    clean_newlines(s)
                } else {
                    s.to_string()
                }
            })
            .collect();
        let expected: Vec<&str> = case["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        if got != expected {
            failures.push(format!(
                "{}: expected {expected:?}\n    got {got:?}",
                case["id"]
            ));
        }
    }
    let passed = cases.len() - failures.len();
    let rate = passed as f64 / cases.len() as f64;
    println!(
        "Golden Rules: {passed}/{} = {:.2}%",
        cases.len(),
        rate * 100.0
    );
    for failure in &failures {
        println!("  FAIL {failure}");
    }
    assert!(rate >= 0.98, "Golden Rules pass rate {rate:.4} < 0.98");
}

/// Boundary precision, recall and F1: a boundary is the end of a sentence that is not the last
/// of its document.
fn boundary_scores(docs: &[Value], segmenter: &Segmenter) -> (f64, f64, f64, Vec<String>) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for doc in docs {
        let text = doc["text"].as_str().unwrap();
        let gold: BTreeSet<usize> = doc["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["bend"].as_u64().unwrap() as usize)
            .collect();
        let predicted: BTreeSet<usize> = segmenter.sentences(text).map(|s| s.end).collect();
        let last = text.trim_end().len();
        for b in predicted.iter().filter(|b| **b != last) {
            if gold.contains(b) {
                tp += 1;
            } else {
                fp += 1;
                misses.push(format!("FP {}: {:?}", doc["doc_id"], context(text, *b)));
            }
        }
        for b in gold
            .iter()
            .filter(|b| **b != last && !predicted.contains(b))
        {
            fn_ += 1;
            misses.push(format!("FN {}: {:?}", doc["doc_id"], context(text, *b)));
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(f64::EPSILON), misses)
}

fn context(text: &str, at: usize) -> String {
    let mut a = at.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}|{}", &text[a..at], &text[at..b])
}

#[test]
fn gum_news_and_interviews() {
    let Some(data) = shared_data() else { return };
    let segmenter = Segmenter::new();
    let mut docs = jsonl(data.join("gum/derived/gum_news_sbd.jsonl"));
    docs.extend(jsonl(data.join("gum/derived/gum_interview_sbd.jsonl")));
    let (p, r, f, misses) = boundary_scores(&docs, &segmenter);
    println!(
        "GUM news+interview boundaries ({} docs): P {p:.4} R {r:.4} F1 {f:.4}",
        docs.len()
    );
    for miss in misses.iter().take(200) {
        println!("  {miss}");
    }
    assert!(f >= 0.97, "GUM boundary F1 {f:.4} < 0.97");
}
