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
    /// What the target is: `issue` (a target the user named: `favor`/`against`) or `entity`
    /// (another speaker of the document: `positive`/`negative`). Absent in records written before
    /// it was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TargetKind>,
}

/// What a stance target is: an issue (favour/against) or a person or organisation
/// (positive/negative).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// A policy, agreement or proposal: `favor` or `against`.
    #[default]
    Issue,
    /// A person, organisation or government: `positive` or `negative`.
    Entity,
}

impl StanceLabel {
    /// The kind of target a label is given for; `None` for `neutral`, given for both.
    pub fn target_kind(self) -> Option<TargetKind> {
        match self {
            StanceLabel::Favor | StanceLabel::Against => Some(TargetKind::Issue),
            StanceLabel::Positive | StanceLabel::Negative => Some(TargetKind::Entity),
            StanceLabel::Neutral => None,
        }
    }
}
