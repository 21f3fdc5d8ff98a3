//! Gold and prediction files recognised by their shape, so `quotewire eval --gold` and `--pred`
//! take any of the formats quotewire reads without being told which.

use std::collections::HashMap;
use std::path::Path;

use quotewire_core::Span;
use serde_json::Value;

use crate::gold::{GoldDoc, read_project_gold_dir};
use crate::gum::SentenceDoc;
use crate::sbd::GoldenCase;
use crate::sentiment::Polarity;
use crate::{EvalError, gum, polnear, read_jsonl, read_to_string, sbd};

/// Attribution gold, in whichever format `path` holds: a PolNeAR brat split (a folder with
/// `attributions/`), a folder of quotewire gold (`corpus/gold`), PolNeAR derived JSON Lines
/// (lines with `all_annotators`) or GUM attributions (lines with `attributions`).
pub fn read_attribution_gold(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    if path.is_dir() {
        return match path.join("attributions").is_dir() {
            true => polnear::read_brat_split(path),
            false => read_project_gold_dir(path),
        };
    }
    let first = first_json_line(path)?;
    if first.get("all_annotators").is_some() {
        polnear::read_derived(path)
    } else if first.get("attributions").is_some() {
        gum::read_attribution(path)
    } else {
        Err(unrecognised(path, "not PolNeAR, GUM or quotewire gold"))
    }
}

/// Sentence-boundary gold: test cases or documents with their sentences.
#[derive(Debug, Clone, PartialEq)]
pub enum SentenceGold {
    /// The Golden Rules (lines with `expected`).
    GoldenRules(Vec<GoldenCase>),
    /// Documents with their gold sentences (lines with `sentences`, as GUM's are derived).
    Sentences(Vec<SentenceDoc>),
}

/// Sentence-boundary gold, in whichever format `path` holds.
pub fn read_sentence_gold(path: &Path) -> Result<SentenceGold, EvalError> {
    let first = first_json_line(path)?;
    if first.get("expected").is_some() {
        Ok(SentenceGold::GoldenRules(sbd::read_golden_rules(path)?))
    } else if first.get("sentences").is_some() {
        Ok(SentenceGold::Sentences(gum::read_sentences(path)?))
    } else {
        Err(unrecognised(
            path,
            "neither Golden Rules nor gold sentences",
        ))
    }
}

/// Another segmenter's sentences, by text: lines `{"text", "sentences": [{"start", "end"}]}`.
pub fn read_sentence_predictions(path: &Path) -> Result<HashMap<String, Vec<Span>>, EvalError> {
    #[derive(serde::Deserialize)]
    struct Line {
        text: String,
        sentences: Vec<Span>,
    }
    let lines: Vec<Line> = read_jsonl(path)?;
    Ok(lines.into_iter().map(|l| (l.text, l.sentences)).collect())
}

/// Predicted sentiment, one line per gold sentence in order: the `compound` of each line (as
/// `quotewire sentiment` writes them).
pub fn read_compound_predictions(path: &Path) -> Result<Vec<f64>, EvalError> {
    predicted(path, "compound", Value::as_f64)
}

/// Predicted stance, one line per gold target in order: the `label` of each line (`positive` or
/// `favor`, `negative` or `against`, `neutral`; as `quotewire stance` writes them).
pub fn read_label_predictions(path: &Path) -> Result<Vec<Polarity>, EvalError> {
    predicted(path, "label", |v| match v.as_str()? {
        "positive" | "favor" => Some(Polarity::Positive),
        "negative" | "against" => Some(Polarity::Negative),
        "neutral" => Some(Polarity::Neutral),
        _ => None,
    })
}

/// The `field` of each line of a predictions file, in order.
fn predicted<T>(
    path: &Path,
    field: &str,
    read: impl Fn(&Value) -> Option<T>,
) -> Result<Vec<T>, EvalError> {
    let lines: Vec<Value> = read_jsonl(path)?;
    lines
        .iter()
        .enumerate()
        .map(|(i, v)| {
            read(&v[field]).ok_or_else(|| EvalError::Format {
                path: path.into(),
                line: i + 1,
                message: format!("prediction {} has no usable {field}", i + 1),
            })
        })
        .collect()
}

/// The first non-blank line of a file, as JSON (`{}` when there is none).
fn first_json_line(path: &Path) -> Result<Value, EvalError> {
    let data = read_to_string(path)?;
    let Some((i, line)) = data.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return Ok(Value::Object(Default::default()));
    };
    serde_json::from_str(line).map_err(|source| EvalError::Json {
        path: path.into(),
        line: i + 1,
        source,
    })
}

fn unrecognised(path: &Path, problem: &'static str) -> EvalError {
    EvalError::Unrecognised {
        path: path.into(),
        problem,
    }
}

/// The records of a `quotewire run` output (error records left out).
pub fn read_records(path: &Path) -> Result<Vec<quotewire_core::Record>, EvalError> {
    let lines: Vec<quotewire_core::OutputLine> = crate::read_jsonl(path)?;
    Ok(lines
        .into_iter()
        .filter_map(|line| match line {
            quotewire_core::OutputLine::Record(record) => Some(*record),
            quotewire_core::OutputLine::Error(_) => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_is_recognised_by_its_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let rules = dir.path().join("rules.jsonl");
        std::fs::write(
            &rules,
            "\n{\"id\": \"1\", \"input\": \"A. B.\", \"expected\": [\"A.\", \"B.\"]}\n",
        )
        .unwrap();
        let other = dir.path().join("other.jsonl");
        std::fs::write(&other, "{\"text\": \"A.\"}\n").unwrap();
        assert!(matches!(
            read_sentence_gold(&rules),
            Ok(SentenceGold::GoldenRules(cases)) if cases.len() == 1
        ));
        let error = read_attribution_gold(&other).unwrap_err();
        assert!(matches!(error, EvalError::Unrecognised { .. }));
        assert!(
            error
                .to_string()
                .ends_with("other.jsonl: not PolNeAR, GUM or quotewire gold")
        );
    }

    #[test]
    fn a_prediction_without_its_field_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let pred = dir.path().join("pred.jsonl");
        std::fs::write(&pred, "{\"label\": \"favor\"}\n{\"label\": 3}\n").unwrap();
        let error = read_label_predictions(&pred).unwrap_err();
        assert!(
            matches!(error, EvalError::Format { line: 2, .. }),
            "{error}"
        );
    }
}
