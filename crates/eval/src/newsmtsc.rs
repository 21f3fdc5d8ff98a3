//! NewsMTSC (Hamborg & Donnay 2021): sentiment toward a target person in news sentences, and the
//! fixed 10% hold-out of its train file that quotewire reports on and never tunes on.

use std::path::Path;

use quotewire_core::Span;
use quotewire_core::text::CharOffsets;
use serde::Deserialize;

use crate::sentiment::Polarity;
use crate::{EvalError, read_jsonl};

/// The seed of the hold-out split.
pub const HOLDOUT_SEED: u64 = 20_211_128;
/// One in this many sentences is held out.
pub const HOLDOUT_EVERY: usize = 10;

/// One target in one sentence, with the sentiment toward it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetExample {
    /// The sentence id (`primary_gid`).
    pub sentence: String,
    /// The sentence.
    pub text: String,
    /// The target mention, in bytes.
    pub target: Span,
    /// Sentiment toward the target.
    pub polarity: Polarity,
}

#[derive(Deserialize)]
struct Line {
    primary_gid: String,
    sentence_normalized: String,
    targets: Vec<LineTarget>,
}

#[derive(Deserialize)]
struct LineTarget {
    from: usize,
    to: usize,
    polarity: f64,
}

/// Reads a NewsMTSC JSON Lines file: the targets of each sentence, sentence by sentence
/// (character offsets converted to bytes; 2 negative, 4 neutral, 6 positive).
pub fn read_newsmtsc(path: &Path) -> Result<Vec<Vec<TargetExample>>, EvalError> {
    let lines: Vec<Line> = read_jsonl(path)?;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let bad = |message: String| EvalError::Format {
                path: path.into(),
                line: i + 1,
                message,
            };
            let text = &line.sentence_normalized;
            let offsets = CharOffsets::new(text);
            let byte = |c: usize| {
                offsets
                    .byte(c)
                    .ok_or_else(|| bad(format!("offset {c} past the sentence")))
            };
            line.targets
                .iter()
                .map(|t| {
                    let polarity = match t.polarity {
                        p if p < 3.0 => Polarity::Negative,
                        p if p > 5.0 => Polarity::Positive,
                        _ => Polarity::Neutral,
                    };
                    Ok(TargetExample {
                        sentence: line.primary_gid.clone(),
                        text: text.clone(),
                        target: Span::new(byte(t.from)?, byte(t.to)?),
                        polarity,
                    })
                })
                .collect()
        })
        .collect()
}

/// Splits sentences into (train, hold-out): one in [`HOLDOUT_EVERY`] by a seeded shuffle, each
/// part in file order. The same input always gives the same split.
pub fn holdout_split<T>(sentences: Vec<T>) -> (Vec<T>, Vec<T>) {
    let n = sentences.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = HOLDOUT_SEED;
    for i in (1..n).rev() {
        let j = (splitmix64(&mut state) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    let mut held = vec![false; n];
    for &i in &order[..n.div_ceil(HOLDOUT_EVERY)] {
        held[i] = true;
    }
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for (sentence, held) in sentences.into_iter().zip(held) {
        if held {
            test.push(sentence)
        } else {
            train.push(sentence)
        }
    }
    (train, test)
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_character_offsets_as_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.jsonl");
        let line = r#"{"primary_gid": "g", "sentence_normalized": "“Très” bien, Müller said.", "targets": [{"from": 13, "to": 19, "polarity": 6.0}]}"#;
        std::fs::write(&path, format!("{line}\n")).unwrap();
        let read = read_newsmtsc(&path).unwrap();
        let example = &read[0][0];
        assert_eq!(&example.text[example.target.range()], "Müller");
        assert_eq!(example.polarity, Polarity::Positive);
        let bad = r#"{"primary_gid": "g", "sentence_normalized": "ab", "targets": [{"from": 1, "to": 9, "polarity": 2.0}]}"#;
        std::fs::write(&path, format!("{bad}\n")).unwrap();
        assert!(matches!(
            read_newsmtsc(&path),
            Err(EvalError::Format { line: 1, .. })
        ));
    }

    #[test]
    fn holdout_is_a_fixed_tenth() {
        let (train, test) = holdout_split((0..1000).collect::<Vec<_>>());
        assert_eq!((train.len(), test.len()), (900, 100));
        assert!(test.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(holdout_split((0..1000).collect::<Vec<_>>()).1, test);
        assert_ne!(test, (0..100).collect::<Vec<_>>());
    }
}
