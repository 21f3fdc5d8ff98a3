//! Evaluation reports as `quotewire eval --json` writes them, and the change of one against an
//! earlier one (`--baseline`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

use crate::attribution::{AttributionScores, RoleCounts};
use crate::instances::{InstanceScores, MAX_TOKENS, PerRole};
use crate::prf::{Figures, round};

/// The report of one task; its JSON names the task in `task`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "task", rename_all = "lowercase")]
pub enum Report {
    /// Quotation extraction and attribution.
    Attribution(Box<AttributionReport>),
    /// Sentence boundaries.
    Sbd(SbdReport),
    /// Sentence sentiment.
    Sentiment(SentimentReport),
    /// Sentiment toward a target.
    Stance(StanceReport),
    /// Quotes found and their speakers right, against the speaker gold.
    Speakers(SpeakerReport),
}

/// Speakers against the speaker gold (`corpus/gold/speakers/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerReport {
    /// The gold file.
    pub gold: PathBuf,
    /// The predictions file, when not this build's pipeline.
    pub pred: Option<PathBuf>,
    /// Gold stories.
    pub documents: usize,
    /// Gold attributions.
    pub attributions: usize,
    /// Share of gold attributions found.
    pub found: f64,
    /// Share found with the right speaker.
    pub speaker_right: f64,
    /// Share found with a speaker of the right kind.
    pub kind_right: f64,
    /// Direct and mixed gold attributions.
    pub quoted_attributions: usize,
    /// Share of them found.
    pub quoted_found: f64,
    /// Share of them found with the right speaker.
    pub quoted_speaker_right: f64,
}

impl SpeakerReport {
    /// The report of `scores`.
    pub fn new(
        gold: PathBuf,
        pred: Option<PathBuf>,
        documents: usize,
        scores: &crate::speakers::SpeakerScores,
    ) -> Self {
        SpeakerReport {
            gold,
            pred,
            documents,
            attributions: scores.gold,
            found: round(scores.found_rate()),
            speaker_right: round(scores.speaker_accuracy()),
            kind_right: round(scores.kind_accuracy()),
            quoted_attributions: scores.quoted,
            quoted_found: round(scores.quoted_found_rate()),
            quoted_speaker_right: round(scores.quoted_speaker_accuracy()),
        }
    }
}

/// Attribution against gold, for all attributions and for quoted content only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionReport {
    /// The gold files.
    pub gold: Vec<PathBuf>,
    /// The predictions file, when not this build's pipeline.
    pub pred: Option<PathBuf>,
    /// Gold documents.
    pub documents: usize,
    /// Every attribution.
    pub all: AttributionFigures,
    /// Direct and mixed quotations only.
    pub quoted: AttributionFigures,
    /// The literature's metric on the PolNeAR dev instances, when the gold is PolNeAR dev.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instances: Option<InstanceReport>,
}

/// Attribution on instances, CofeNet's protocol (see [`crate::instances`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstanceReport {
    /// The instances file.
    pub gold: PathBuf,
    /// Instances scored.
    pub instances: usize,
    /// Articles they come from.
    pub articles: usize,
    /// Annotations (article and annotator) they come from.
    pub annotations: usize,
    /// Tokens of an instance that are scored.
    pub max_tokens: usize,
    /// Instances longer than that.
    pub cut: usize,
    /// Same role, same first and last token.
    pub exact: InstanceRoles,
    /// Same role, same first token.
    pub begin: InstanceRoles,
}

/// The figures of one instance measure, per role.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InstanceRoles {
    /// Source spans.
    pub source: Figures,
    /// Cue spans.
    pub cue: Figures,
    /// Content spans.
    pub content: Figures,
}

impl From<PerRole> for InstanceRoles {
    fn from(r: PerRole) -> Self {
        InstanceRoles {
            source: r.source.into(),
            cue: r.cue.into(),
            content: r.content.into(),
        }
    }
}

impl From<&(PathBuf, InstanceScores)> for InstanceReport {
    fn from((gold, s): &(PathBuf, InstanceScores)) -> Self {
        InstanceReport {
            gold: gold.clone(),
            instances: s.instances,
            articles: s.articles,
            annotations: s.annotations,
            max_tokens: MAX_TOKENS,
            cut: s.cut,
            exact: s.exact.into(),
            begin: s.begin.into(),
        }
    }
}

/// The figures of one subset of attributions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionFigures {
    /// Documents scored.
    pub documents: usize,
    /// Source spans.
    pub source: RoleFigures,
    /// Cue spans.
    pub cue: RoleFigures,
    /// Content spans.
    pub content: RoleFigures,
    /// Attribution-level matching.
    pub attribution: Figures,
    /// Speaker accuracy on matched quotes.
    pub speaker_accuracy: f64,
    /// Matched quotes whose speaker is right.
    pub speaker_correct: usize,
    /// Matched quotes.
    pub speaker_matched: usize,
    /// Per quotation kind.
    pub by_kind: BTreeMap<&'static str, Figures>,
    /// Misses by kind (`missed`, `spurious`, `wrong-speaker`).
    pub misses: BTreeMap<&'static str, usize>,
}

/// Exact-span and token-overlap figures of one role.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RoleFigures {
    /// Fragments equal after trimming whitespace.
    pub exact: Figures,
    /// Word tokens covered.
    pub token: Figures,
}

impl From<RoleCounts> for RoleFigures {
    fn from(r: RoleCounts) -> Self {
        RoleFigures {
            exact: r.exact.into(),
            token: r.token.into(),
        }
    }
}

impl From<&AttributionScores> for AttributionFigures {
    fn from(s: &AttributionScores) -> Self {
        let mut misses: BTreeMap<&'static str, usize> = BTreeMap::new();
        for m in &s.misses {
            *misses.entry(m.kind).or_default() += 1;
        }
        AttributionFigures {
            documents: s.docs,
            source: s.source.into(),
            cue: s.cue.into(),
            content: s.content.into(),
            attribution: s.attribution.into(),
            speaker_accuracy: round(s.speaker_accuracy()),
            speaker_correct: s.speaker_correct,
            speaker_matched: s.speaker_total,
            by_kind: s.by_kind.iter().map(|(k, c)| (*k, (*c).into())).collect(),
            misses,
        }
    }
}

/// Sentence boundaries against each gold set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SbdReport {
    /// One entry per gold file.
    pub sets: Vec<SbdSet>,
    /// Boundaries over all gold sentence sets, when there are several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boundaries: Option<Figures>,
}

/// The figures of one sentence gold file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SbdSet {
    /// Golden Rules test cases.
    GoldenRules {
        /// The gold file.
        gold: PathBuf,
        /// The cases passed.
        golden_rules: GoldenRulesFigures,
    },
    /// Documents with gold sentences.
    Boundaries {
        /// The gold file.
        gold: PathBuf,
        /// Documents.
        documents: usize,
        /// Sentence boundaries.
        boundaries: Figures,
    },
}

/// How many Golden Rules passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldenRulesFigures {
    /// Cases passed.
    pub passed: usize,
    /// Cases.
    pub total: usize,
    /// `passed / total`, rounded.
    pub rate: f64,
    /// Ids of the cases failed.
    pub failed: Vec<String>,
}

/// Sentence sentiment against human ratings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentimentReport {
    /// The gold files.
    pub gold: Vec<PathBuf>,
    /// The predictions file, when not this build's scorer.
    pub pred: Option<PathBuf>,
    /// Gold sentences.
    pub sentences: usize,
    /// Pearson correlation with the human mean rating.
    pub pearson_r: f64,
    /// 3-class macro-F1.
    pub macro_f1: f64,
}

/// Sentiment toward targets against gold labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceReport {
    /// The gold files.
    pub gold: Vec<PathBuf>,
    /// The split scored (`holdout`, `train`, `all`).
    pub split: String,
    /// The predictions file, when not this build's scorer.
    pub pred: Option<PathBuf>,
    /// Gold targets.
    pub targets: usize,
    /// 3-class macro-F1.
    pub macro_f1: f64,
    /// Accuracy.
    pub accuracy: f64,
}

/// A figure that changed against a baseline report.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Where the figure is (`all.attribution.f1`, `sets[0].golden_rules.rate`).
    pub key: String,
    /// The baseline's figure.
    pub before: f64,
    /// This report's figure.
    pub after: f64,
}

/// Every number of `after` that `before` also has and that differs, by key.
pub fn changes(before: &Value, after: &Value) -> Vec<Change> {
    let (mut old, mut new) = (BTreeMap::new(), BTreeMap::new());
    flatten("", before, &mut old);
    flatten("", after, &mut new);
    new.into_iter()
        .filter_map(|(key, after)| {
            let before = *old.get(&key)?;
            ((after - before).abs() > 1e-12).then_some(Change { key, before, after })
        })
        .collect()
}

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, f64>) {
    match value {
        Value::Number(n) => {
            out.insert(prefix.to_string(), n.as_f64().unwrap_or(0.0));
        }
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            let dot = if prefix.is_empty() { "" } else { "." };
            flatten(&format!("{prefix}{dot}{k}"), v, out)
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| flatten(&format!("{prefix}[{i}]"), v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_its_task_and_changes_are_found_by_key() {
        let report = |f1: f64| {
            serde_json::to_value(Report::Sentiment(SentimentReport {
                gold: vec!["g.txt".into()],
                pred: None,
                sentences: 3,
                pearson_r: 0.5,
                macro_f1: f1,
            }))
            .unwrap()
        };
        let before = report(0.5);
        assert_eq!(before["task"], "sentiment");
        assert_eq!(before["pred"], Value::Null);
        let found = changes(&before, &report(1.0));
        assert_eq!(
            found,
            [Change {
                key: "macro_f1".into(),
                before: 0.5,
                after: 1.0
            }]
        );
    }
}
