//! Sentiment evaluation: Pearson correlation with human ratings and 3-class macro-F1.

use std::path::{Path, PathBuf};

use quotewire_core::StanceLabel;

use crate::prf::round;
use crate::report::{SentimentReport, StanceReport};
use crate::{EvalError, read_to_string};

/// Neutral band of the human mean rating (-4..4) for sentiment classes.
pub const GOLD_NEUTRAL_BAND: f64 = 0.5;
/// Neutral band of a compound score (-1..1), VADER's own.
pub const COMPOUND_NEUTRAL_BAND: f64 = 0.05;

/// Sentence sentiment against the human ratings: one `compound` score per `gold` sentence, read
/// from `pred` or scored by this build.
pub fn score_sentiment(
    gold_files: Vec<PathBuf>,
    pred: Option<PathBuf>,
    gold: &[Rated],
    compound: &[f64],
) -> Result<SentimentReport, EvalError> {
    same_length(
        pred.as_deref(),
        compound.len(),
        gold.len(),
        "gold sentences",
    )?;
    let means: Vec<f64> = gold.iter().map(|g| g.mean).collect();
    let classes = |scores: &[f64], band| -> Vec<Polarity> {
        scores.iter().map(|s| Polarity::of(*s, band)).collect()
    };
    let f1 = macro_f1(
        &classes(&means, GOLD_NEUTRAL_BAND),
        &classes(compound, COMPOUND_NEUTRAL_BAND),
    );
    Ok(SentimentReport {
        gold: gold_files,
        pred,
        sentences: gold.len(),
        pearson_r: round(pearson(&means, compound)),
        macro_f1: round(f1),
    })
}

/// Sentiment toward targets against their gold labels, on `split`.
pub fn score_stance(
    gold_files: Vec<PathBuf>,
    split: String,
    pred: Option<PathBuf>,
    gold: &[Polarity],
    labels: &[Polarity],
) -> Result<StanceReport, EvalError> {
    same_length(pred.as_deref(), labels.len(), gold.len(), "gold targets")?;
    Ok(StanceReport {
        gold: gold_files,
        split,
        pred,
        targets: gold.len(),
        macro_f1: round(macro_f1(gold, labels)),
        accuracy: round(accuracy(gold, labels)),
    })
}

/// An error unless there are as many predictions as gold items.
fn same_length(pred: Option<&Path>, n: usize, gold: usize, what: &str) -> Result<(), EvalError> {
    if n == gold {
        return Ok(());
    }
    Err(EvalError::Mismatch {
        path: pred.map(Path::to_path_buf).unwrap_or_default(),
        problem: format!("{n} predictions for {gold} {what}"),
    })
}

/// A sentence with its mean human rating (VADER ground truth: -4 to 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Rated {
    /// Sentence id.
    pub id: String,
    /// Mean rating.
    pub mean: f64,
    /// The sentence.
    pub text: String,
}

/// Reads a VADER `*_GroundTruth*.txt` file: `id<TAB>mean<TAB>text` per line.
pub fn read_vader_ground_truth(path: &Path) -> Result<Vec<Rated>, EvalError> {
    let data = read_to_string(path)?;
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let mut cols = line.trim_end_matches('\r').splitn(3, '\t');
            let bad = || EvalError::Format {
                path: path.into(),
                line: i + 1,
                message: "expected id<TAB>mean<TAB>text".into(),
            };
            let id = cols.next().ok_or_else(bad)?.to_string();
            let mean = cols
                .next()
                .and_then(|m| m.trim().parse().ok())
                .ok_or_else(bad)?;
            let text = cols.next().ok_or_else(bad)?.to_string();
            Ok(Rated { id, mean, text })
        })
        .collect()
}

/// Pearson's r (0 when either side is constant or the lengths differ).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    if x.len() != y.len() || x.is_empty() {
        return 0.0;
    }
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Negative, neutral or positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// Negative.
    Negative,
    /// Neutral.
    Neutral,
    /// Positive.
    Positive,
}

impl Polarity {
    /// The class of a score with a neutral band of `±band` (VADER's compound uses 0.05).
    pub fn of(score: f64, band: f64) -> Self {
        if score >= band {
            Polarity::Positive
        } else if score <= -band {
            Polarity::Negative
        } else {
            Polarity::Neutral
        }
    }
}

impl From<StanceLabel> for Polarity {
    /// Favor counts as positive and against as negative.
    fn from(label: StanceLabel) -> Self {
        match label {
            StanceLabel::Positive | StanceLabel::Favor => Polarity::Positive,
            StanceLabel::Negative | StanceLabel::Against => Polarity::Negative,
            StanceLabel::Neutral => Polarity::Neutral,
        }
    }
}

/// The share of predictions equal to gold (0 for no gold).
pub fn accuracy(gold: &[Polarity], predicted: &[Polarity]) -> f64 {
    let correct = gold.iter().zip(predicted).filter(|(g, p)| g == p).count();
    correct as f64 / gold.len().max(1) as f64
}

/// Mean F1 over the three classes (a class absent from gold and prediction is left out).
pub fn macro_f1(gold: &[Polarity], predicted: &[Polarity]) -> f64 {
    let classes = [Polarity::Negative, Polarity::Neutral, Polarity::Positive];
    let f1s: Vec<f64> = classes
        .iter()
        .filter(|c| gold.contains(c) || predicted.contains(c))
        .map(|c| {
            let tp = gold
                .iter()
                .zip(predicted)
                .filter(|(g, p)| *g == c && *p == c)
                .count() as f64;
            let p = predicted.iter().filter(|p| *p == c).count() as f64;
            let g = gold.iter().filter(|g| *g == c).count() as f64;
            if tp == 0.0 { 0.0 } else { 2.0 * tp / (p + g) }
        })
        .collect();
    if f1s.is_empty() {
        0.0
    } else {
        f1s.iter().sum::<f64>() / f1s.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_known_values() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]) - 0.8).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn macro_f1_known_values() {
        use Polarity::*;
        assert_eq!(
            macro_f1(
                &[Positive, Negative, Neutral],
                &[Positive, Negative, Neutral]
            ),
            1.0
        );
        // positive: tp 1, p 2, g 1 -> 2/3; negative: tp 1, p 1, g 2 -> 2/3; neutral absent.
        let f = macro_f1(
            &[Positive, Negative, Negative],
            &[Positive, Positive, Negative],
        );
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Polarity::from(StanceLabel::Favor), Positive);
        assert_eq!(Polarity::from(StanceLabel::Against), Negative);
        assert_eq!(
            accuracy(
                &[Positive, Neutral, Negative],
                &[Positive, Negative, Negative]
            ),
            2.0 / 3.0
        );
        assert_eq!(accuracy(&[], &[]), 0.0);
        assert_eq!(Polarity::of(0.05, 0.05), Positive);
        assert_eq!(Polarity::of(-0.01, 0.05), Neutral);
    }
}
