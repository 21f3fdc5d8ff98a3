use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Sentiment of a piece of text, VADER style.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sentiment {
    /// Normalised score from -1 (most negative) to 1 (most positive).
    pub compound: f64,
    /// Proportion of positive text.
    pub pos: f64,
    /// Proportion of neutral text.
    pub neu: f64,
    /// Proportion of negative text.
    pub neg: f64,
}

/// Where a quotation stands toward a target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum StanceLabel {
    /// In favour of a target issue.
    Favor,
    /// Against a target issue.
    Against,
    /// Positive toward a person or organisation.
    Positive,
    /// Negative toward a person or organisation.
    Negative,
    /// Neither.
    Neutral,
}

/// Stance of one quotation toward one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stance {
    /// The target's canonical name.
    pub target: String,
    /// The label.
    pub label: StanceLabel,
    /// Strength, 0 to 1.
    pub score: f64,
}
