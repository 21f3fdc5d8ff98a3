//! Sentiment and stance of news quotations.
//!
//! The default [`LexiconScorer`] scores sentiment by the VADER method ([`Vader`], the
//! reference implementation's figures to the fourth decimal) and stance toward a target from the
//! words around it (`models/stance.txt`). Any other backend implements [`Scorer`]: with the
//! `transformer` feature, `transformer::TransformerScorer` reads stance with MiniLM (rust-bert,
//! libtorch; assets from `models/setup.sh`) and a head trained on NewsMTSC.
//! [`score_document`] puts both on an analysed document's quotations and sentences.
//!
//! ```
//! use quotewire_core::{Span, StanceLabel};
//! use quotewire_score::{LexiconScorer, Scorer, TargetKind};
//!
//! let scorer = LexiconScorer::new();
//! assert!(scorer.sentiment("A great, welcome result.").compound > 0.5);
//! let text = "Tokyo rejected the pact outright.";
//! let stance = scorer.stance(text, Span::new(19, 23), TargetKind::Issue).unwrap();
//! assert_eq!(&text[19..23], "pact");
//! assert_eq!(stance.label, StanceLabel::Against);
//! ```
#![deny(missing_docs)]

mod document;
mod stance;
mod targets;
#[cfg(feature = "transformer")]
pub mod transformer;
mod vader;

use quotewire_core::{Sentiment, Span};

pub use document::score_document;
pub use stance::{StanceCues, TargetKind, TargetStance};
pub use targets::{Target, TargetFinder};
pub use vader::Vader;

/// What can go wrong when scoring.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    /// A target span that is empty, out of the text or not on character boundaries.
    #[error("target span {start}..{end} is not a non-empty span of the {len}-byte text")]
    Span {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// Length of the text.
        len: usize,
    },
    /// A malformed line in a lexicon file.
    #[error("lexicon line {line}: {message}")]
    Lexicon {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A target that cannot be used.
    #[error("target: {0}")]
    Target(String),
    /// A learned backend failed on this text.
    #[error("model: {0}")]
    Model(String),
}

/// A target must be a non-empty span of `text` on character boundaries.
pub(crate) fn check_target(text: &str, target: Span) -> Result<(), ScoreError> {
    if target.is_empty() || target.slice(text).is_none() {
        return Err(ScoreError::Span {
            start: target.start,
            end: target.end,
            len: text.len(),
        });
    }
    Ok(())
}

/// A sentiment and stance backend: the lexicon default here, a transformer elsewhere.
pub trait Scorer: Send + Sync {
    /// The sentiment of `text`.
    fn sentiment(&self, text: &str) -> Sentiment;

    /// The stance of `text` toward what lies at `target` (a byte span of `text`).
    fn stance(
        &self,
        text: &str,
        target: Span,
        kind: TargetKind,
    ) -> Result<TargetStance, ScoreError>;

    /// The stance of `text` toward each of several targets (a backend that reads the text once
    /// for all of them overrides this).
    fn stances(
        &self,
        text: &str,
        targets: &[(Span, TargetKind)],
    ) -> Vec<Result<TargetStance, ScoreError>> {
        targets
            .iter()
            .map(|&(target, kind)| self.stance(text, target, kind))
            .collect()
    }
}

/// The default scorer: VADER sentiment and target-local lexicon stance.
#[derive(Debug, Clone, Default)]
pub struct LexiconScorer {
    vader: Vader,
    cues: StanceCues,
}

impl LexiconScorer {
    /// The scorer with the bundled lexicons.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Scorer for LexiconScorer {
    fn sentiment(&self, text: &str) -> Sentiment {
        self.vader.polarity(text)
    }

    fn stance(
        &self,
        text: &str,
        target: Span,
        kind: TargetKind,
    ) -> Result<TargetStance, ScoreError> {
        let lean = self.cues.lean(&self.vader, text, target)?;
        Ok(TargetStance::from_lean(lean, kind))
    }

    fn stances(
        &self,
        text: &str,
        targets: &[(Span, TargetKind)],
    ) -> Vec<Result<TargetStance, ScoreError>> {
        let leans = self
            .cues
            .leans(&self.vader, text, targets.iter().map(|(span, _)| *span));
        leans
            .into_iter()
            .zip(targets)
            .map(|(lean, (_, kind))| lean.map(|l| TargetStance::from_lean(l, *kind)))
            .collect()
    }
}
