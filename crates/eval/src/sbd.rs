//! Sentence-boundary evaluation: the Golden Rules pass rate and boundary P/R/F1 against gold
//! sentence spans. The segmenter is passed in as a function, so any segmenter can be scored.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quotewire_core::Span;
use serde::Deserialize;

use crate::formats::{SentenceGold, read_sentence_gold};
use crate::gum::SentenceDoc;
use crate::prf::{Counts, round};
use crate::report::{GoldenRulesFigures, SbdReport, SbdSet};
use crate::{EvalError, read_jsonl};

/// Scores `segment` on each sentence gold file (Golden Rules or gold sentences), and over all
/// gold sentence sets when there are several; with the figures as lines of text, each set
/// followed by its failures (all Golden Rules failures, the first `errors` boundary misses).
pub fn evaluate(
    gold_files: &[PathBuf],
    segment: impl Fn(&str) -> Vec<Span>,
    errors: usize,
) -> Result<(SbdReport, String), EvalError> {
    let mut text = String::new();
    let mut report = SbdReport {
        sets: Vec::new(),
        boundaries: None,
    };
    let (mut all, mut boundary_sets) = (Counts::default(), 0);
    for path in gold_files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match read_sentence_gold(path)? {
            SentenceGold::GoldenRules(cases) => {
                let failures = golden_rules(&cases, &segment);
                let (passed, total) = (cases.len() - failures.len(), cases.len());
                let rate = passed as f64 / total.max(1) as f64;
                let _ = writeln!(
                    text,
                    "{name}: Golden Rules {passed}/{total} passed = {:.2}%",
                    rate * 100.0
                );
                let shown = if errors > 0 { errors } else { usize::MAX };
                for f in failures.iter().take(shown) {
                    let (id, expected, got) = (&f.id, &f.expected, &f.got);
                    let _ = writeln!(
                        text,
                        "  FAIL {id}: expected {expected:?}\n       got {got:?}"
                    );
                }
                report.sets.push(SbdSet::GoldenRules {
                    gold: path.clone(),
                    golden_rules: GoldenRulesFigures {
                        passed,
                        total,
                        rate: round(rate),
                        failed: failures.into_iter().map(|f| f.id).collect(),
                    },
                });
            }
            SentenceGold::Sentences(docs) => {
                let (counts, misses) = boundaries(&docs, &segment);
                all.add(counts);
                boundary_sets += 1;
                let _ = writeln!(
                    text,
                    "{name}: {} documents, boundaries {} ({} predicted, {} gold)",
                    docs.len(),
                    prf(&counts),
                    counts.predicted,
                    counts.gold
                );
                for m in misses.iter().take(errors) {
                    let _ = writeln!(text, "  {m}");
                }
                report.sets.push(SbdSet::Boundaries {
                    gold: path.clone(),
                    documents: docs.len(),
                    boundaries: counts.into(),
                });
            }
        }
    }
    if boundary_sets > 1 {
        let _ = writeln!(text, "all gold sentence sets: boundaries {}", prf(&all));
        report.boundaries = Some(all.into());
    }
    Ok((report, text))
}

/// `P p R r F1 f`.
fn prf(c: &Counts) -> String {
    format!(
        "P {:.4} R {:.4} F1 {:.4}",
        c.precision(),
        c.recall(),
        c.f1()
    )
}

/// One Golden Rule.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldenCase {
    /// Rule id.
    pub id: String,
    /// Input text.
    pub input: String,
    /// Expected sentences, whitespace-trimmed.
    pub expected: Vec<String>,
    /// Options; a `note` marks the rules that expect newline cleaning.
    #[serde(default)]
    pub options: serde_json::Map<String, serde_json::Value>,
}

impl GoldenCase {
    /// Whether the rule expects pragmatic_segmenter's newline cleaning.
    pub fn cleaning(&self) -> bool {
        self.options.contains_key("note")
    }
}

/// Reads `golden_rules_en.jsonl`.
pub fn read_golden_rules(path: &Path) -> Result<Vec<GoldenCase>, EvalError> {
    read_jsonl(path)
}

/// pragmatic_segmenter's newline cleaning, applied to predicted sentences of the rules that ask
/// for it: a line break after whitespace and before a lowercase letter or `(` is dropped.
pub fn clean_newlines(sentence: &str) -> String {
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

/// A rule the segmenter got wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldenFailure {
    /// Rule id.
    pub id: String,
    /// Expected sentences.
    pub expected: Vec<String>,
    /// What the segmenter gave.
    pub got: Vec<String>,
}

/// Runs every rule through `segment`; returns the failures.
pub fn golden_rules(
    cases: &[GoldenCase],
    segment: impl Fn(&str) -> Vec<Span>,
) -> Vec<GoldenFailure> {
    cases
        .iter()
        .filter_map(|case| {
            let got: Vec<String> = segment(&case.input)
                .iter()
                .filter_map(|s| s.slice(&case.input))
                .map(|s| {
                    if case.cleaning() {
                        clean_newlines(s.trim())
                    } else {
                        s.trim().to_string()
                    }
                })
                .collect();
            (got != case.expected).then(|| GoldenFailure {
                id: case.id.clone(),
                expected: case.expected.clone(),
                got,
            })
        })
        .collect()
}

/// Boundary counts over documents: a boundary is the end of a sentence that is not the end of
/// the text; sentence ends are compared after trimming whitespace. Returns the misses with context.
pub fn boundaries(
    docs: &[SentenceDoc],
    segment: impl Fn(&str) -> Vec<Span>,
) -> (Counts, Vec<String>) {
    let mut counts = Counts::default();
    let mut misses = Vec::new();
    for doc in docs {
        let text = doc.text.as_str();
        let last = text.trim_end().len();
        let end = |s: &Span| s.trim(text).end;
        let gold: BTreeSet<usize> = doc
            .sentences
            .iter()
            .map(end)
            .filter(|b| *b != last)
            .collect();
        let predicted: BTreeSet<usize> = segment(text)
            .iter()
            .map(end)
            .filter(|b| *b != last)
            .collect();
        let found = gold.intersection(&predicted).count();
        counts.add(Counts::matched(found, predicted.len(), gold.len()));
        misses.extend(
            predicted
                .difference(&gold)
                .map(|b| format!("spurious {}: {}", doc.id, context(text, *b))),
        );
        misses.extend(
            gold.difference(&predicted)
                .map(|b| format!("missed {}: {}", doc.id, context(text, *b))),
        );
    }
    (counts, misses)
}

/// Forty bytes either side of `at`, with `|` at the boundary.
fn context(text: &str, at: usize) -> String {
    let mut a = at.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{:?}", format!("{}|{}", &text[a..at], &text[at..b]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_full_stops(text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            spans.push(Span::new(start, i + 1));
            start = i + 2;
        }
        spans.push(Span::new(start, text.len()));
        spans
    }

    #[test]
    fn golden_rules_with_and_without_cleaning() {
        let case = |id: &str, input: &str, expected: &[&str], note: bool| GoldenCase {
            id: id.into(),
            input: input.into(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
            options: if note {
                serde_json::json!({"note": "x"})
                    .as_object()
                    .unwrap()
                    .clone()
            } else {
                Default::default()
            },
        };
        let cases = [
            case(
                "a",
                "Hello World. My name is Jonas.",
                &["Hello World.", "My name is Jonas."],
                false,
            ),
            case(
                "b",
                "I live in the U.S. How about you?",
                &["I live in the U.S.", "How about you?"],
                false,
            ),
            case("c", "Mr. Smith went.", &["Mr. Smith went."], false),
            case(
                "d",
                "It was a cold \nnight.",
                &["It was a cold night."],
                true,
            ),
        ];
        let failures = golden_rules(&cases, by_full_stops);
        assert_eq!(
            failures.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["c"]
        );
        assert_eq!(failures[0].got, ["Mr.", "Smith went."]);
    }

    #[test]
    fn boundary_counts() {
        let text = "One. Two. Three Four. Five.";
        let doc = SentenceDoc {
            id: "d".into(),
            text: text.into(),
            sentences: vec![
                Span::new(0, 4),
                Span::new(5, 9),
                Span::new(10, 21),
                Span::new(22, 27),
            ],
        };
        let (counts, misses) = boundaries(std::slice::from_ref(&doc), by_full_stops);
        assert_eq!(counts, Counts::matched(3, 3, 3));
        assert!(misses.is_empty());
        let (counts, misses) =
            boundaries(&[doc], |t| vec![Span::new(0, 9), Span::new(10, t.len())]);
        assert_eq!(counts, Counts::matched(1, 1, 3));
        assert_eq!(misses.len(), 2);
    }
}
