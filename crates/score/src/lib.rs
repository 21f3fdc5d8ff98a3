#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod document;
mod stance;
mod targets;
#[cfg(feature = "transformer")]
pub mod transformer;
mod vader;

use std::sync::Arc;

use quotewire_core::lexicon::LexiconError;
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
    #[error("lexicon {0}")]
    Lexicon(#[from] LexiconError),
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
        return Err(span_error(text, target));
    }
    Ok(())
}

/// A sentiment backend: [`Vader`] here.
pub trait SentimentScorer: Send + Sync {
    /// The sentiment of `text`.
    fn sentiment(&self, text: &str) -> Sentiment;

    /// The sentiment of each passage of `text`: one or more byte spans of it, scored as their
    /// text joined by spaces (a span out of the text counts as empty). A backend that reads the
    /// text once for all of them overrides this.
    fn passages(&self, text: &str, passages: &[&[Span]]) -> Vec<Sentiment> {
        passages
            .iter()
            .map(|regions| match regions {
                [one] => self.sentiment(one.slice(text).unwrap_or("")),
                many => {
                    let joined: String = many
                        .iter()
                        .flat_map(|r| [r.slice(text).unwrap_or(""), " "])
                        .collect();
                    self.sentiment(&joined)
                }
            })
            .collect()
    }
}

impl<T: SentimentScorer + ?Sized> SentimentScorer for Arc<T> {
    fn sentiment(&self, text: &str) -> Sentiment {
        (**self).sentiment(text)
    }

    fn passages(&self, text: &str, passages: &[&[Span]]) -> Vec<Sentiment> {
        (**self).passages(text, passages)
    }
}

impl SentimentScorer for Vader {
    fn sentiment(&self, text: &str) -> Sentiment {
        self.polarity(text)
    }

    fn passages(&self, text: &str, passages: &[&[Span]]) -> Vec<Sentiment> {
        Vader::passages(self, text, passages.iter().copied())
    }
}

/// A stance backend: [`LexiconScorer`] here, `transformer::TransformerScorer` with the
/// `transformer` feature.
pub trait StanceScorer: Send + Sync {
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

    /// The stance of the passage `within` of `text` toward each target (a span of `text` inside
    /// it; one outside it is an error), as [`StanceScorer::stances`] of the passage's own text
    /// gives it. A backend that reuses a reading of the whole text overrides this.
    fn stances_within(
        &self,
        text: &str,
        within: Span,
        targets: &[(Span, TargetKind)],
    ) -> Vec<Result<TargetStance, ScoreError>> {
        let inside = |t: &Span| within.start <= t.start && t.end <= within.end;
        let local = within.slice(text).unwrap_or("");
        let relative: Vec<(Span, TargetKind)> = targets
            .iter()
            .filter(|(t, _)| inside(t))
            .map(|&(t, kind)| {
                (
                    Span::new(t.start - within.start, t.end - within.start),
                    kind,
                )
            })
            .collect();
        let mut stances = self.stances(local, &relative).into_iter();
        targets
            .iter()
            .map(|(t, _)| {
                let stance = inside(t).then(|| stances.next()).flatten();
                stance.unwrap_or_else(|| Err(span_error(text, *t)))
            })
            .collect()
    }
}

/// The error of a target that is not a span of the text or passage scored.
pub(crate) fn span_error(text: &str, target: Span) -> ScoreError {
    ScoreError::Span {
        start: target.start,
        end: target.end,
        len: text.len(),
    }
}

/// The two backends [`score_document`] uses: one for sentiment, one for stance.
pub struct Scorers {
    /// Sentiment of sentences and quotations.
    pub sentiment: Box<dyn SentimentScorer>,
    /// Stance of quotations toward targets and speakers.
    pub stance: Box<dyn StanceScorer>,
}

impl Scorers {
    /// VADER sentiment and the lexicon stance, sharing one VADER lexicon.
    pub fn lexicon() -> Self {
        let vader = Arc::new(Vader::new());
        Scorers {
            sentiment: Box::new(Arc::clone(&vader)),
            stance: Box::new(LexiconScorer::with_vader(vader)),
        }
    }

    /// VADER sentiment and `stance`.
    pub fn with_stance(stance: Box<dyn StanceScorer>) -> Self {
        Scorers {
            sentiment: Box::new(Vader::new()),
            stance,
        }
    }
}

impl Default for Scorers {
    fn default() -> Self {
        Scorers::lexicon()
    }
}

impl std::fmt::Debug for Scorers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scorers").finish_non_exhaustive()
    }
}

/// The default stance scorer: target-local lexicon stance over VADER valences.
#[derive(Debug, Clone, Default)]
pub struct LexiconScorer {
    vader: Arc<Vader>,
    cues: StanceCues,
}

impl LexiconScorer {
    /// The scorer with the bundled lexicons.
    pub fn new() -> Self {
        Self::default()
    }

    /// The scorer with the bundled stance cues over the valences of `vader`.
    pub fn with_vader(vader: Arc<Vader>) -> Self {
        LexiconScorer {
            vader,
            cues: StanceCues::default(),
        }
    }
}

impl StanceScorer for LexiconScorer {
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
        self.stances_within(text, Span::new(0, text.len()), targets)
    }

    fn stances_within(
        &self,
        text: &str,
        within: Span,
        targets: &[(Span, TargetKind)],
    ) -> Vec<Result<TargetStance, ScoreError>> {
        let spans = targets.iter().map(|(span, _)| *span);
        let leans = self.cues.leans(&self.vader, text, within, spans);
        leans
            .into_iter()
            .zip(targets)
            .map(|(lean, (_, kind))| lean.map(|l| TargetStance::from_lean(l, *kind)))
            .collect()
    }
}
