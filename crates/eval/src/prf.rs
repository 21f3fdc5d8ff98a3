//! Precision, recall and F1 from counts.

use serde::{Deserialize, Serialize};

/// Counts behind a precision/recall/F1 figure. Precision and recall have their own numerators
/// because token overlap counts predicted and gold tokens separately.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Predicted items that are right.
    pub predicted_correct: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items that were found.
    pub gold_found: usize,
    /// Gold items.
    pub gold: usize,
}

impl Counts {
    /// Counts where one matching relation gives both numerators.
    pub fn matched(matched: usize, predicted: usize, gold: usize) -> Self {
        Counts {
            predicted_correct: matched,
            predicted,
            gold_found: matched,
            gold,
        }
    }

    /// Adds another set of counts.
    pub fn add(&mut self, other: Counts) {
        self.predicted_correct += other.predicted_correct;
        self.predicted += other.predicted;
        self.gold_found += other.gold_found;
        self.gold += other.gold;
    }

    /// Precision (1 when nothing was predicted and nothing was to be found, else 0 without predictions).
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_correct, self.predicted, self.gold == 0)
    }

    /// Recall (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold, true)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Counts with their precision, recall and F1 (rounded by [`round`]), as reports give them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figures {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
    /// Predicted items that are right.
    pub predicted_correct: usize,
    /// Gold items that were found.
    pub gold_found: usize,
}

impl From<Counts> for Figures {
    fn from(c: Counts) -> Self {
        Figures {
            p: round(c.precision()),
            r: round(c.recall()),
            f1: round(c.f1()),
            predicted: c.predicted,
            gold: c.gold,
            predicted_correct: c.predicted_correct,
            gold_found: c.gold_found,
        }
    }
}

fn ratio(num: usize, den: usize, empty: bool) -> f64 {
    if den == 0 {
        f64::from(u8::from(empty))
    } else {
        num as f64 / den as f64
    }
}

/// Rounds a figure to 4 decimals for reports.
pub fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_precision_and_recall() {
        let c = Counts::matched(3, 4, 6);
        assert_eq!((c.precision(), c.recall()), (0.75, 0.5));
        assert!((c.f1() - 0.6).abs() < 1e-12);
        assert_eq!(Counts::matched(0, 0, 0).f1(), 1.0);
        assert_eq!(Counts::matched(0, 0, 5).precision(), 0.0);
        assert_eq!(Counts::matched(0, 3, 0).recall(), 1.0);
        assert_eq!(Counts::matched(0, 3, 0).precision(), 0.0);
    }
}
