//! Stance toward a target from the words around it: the VADER valence of each word, stance cues
//! from `data/stance.txt` (`support`, `oppose`, `renew`, `scrap`) in their place, a negation
//! before a cue turning it over, and every word weighted down by its distance from the target and
//! by the clause boundaries (`;`, `:`, `but`, a dash) between them.

use std::ops::Range;

use quotewire_core::lexicon;
use quotewire_core::text::SortedSpans;
use quotewire_core::{Span, StanceLabel};
use rustc_hash::FxHashMap;

use crate::vader::{Analysis, Vader};
use crate::{ScoreError, check_target, span_error};

const CUES: &str = include_str!("../data/stance.txt");

/// Valence of a stance cue, on VADER's -4..4 scale.
const CUE_VALENCE: f64 = 2.0;
const N_SCALAR: f64 = -0.74;
/// Weight lost per word of distance from the target.
const DISTANCE_DECAY: f64 = 0.3;
/// Weight kept across a comma, and across a clause boundary.
const COMMA: f64 = 0.8;
const CLAUSE: f64 = 0.4;
/// Words read on each side of a target: past them a word's weight is under a twentieth, and
/// the cost of a stance stays bounded however long the fragment (a quotation may run for pages).
const WINDOW: usize = 64;
/// Normalised lean beyond which a stance is taken (tuned on NewsMTSC train, hold-out kept out).
pub(crate) const THRESHOLD: f64 = 0.1;

/// What a target is: an issue (favour/against) or a person or organisation (positive/negative).
pub use quotewire_core::TargetKind;

/// The stance of a text toward one target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetStance {
    /// Favor/against (issue) or positive/negative (entity), or neutral.
    pub label: StanceLabel,
    /// Strength of the lean, 0 to 1.
    pub score: f64,
    /// The signed lean, -1 to 1, before the label was chosen.
    pub lean: f64,
}

impl TargetStance {
    /// The stance a signed lean (-1 to 1) gives.
    pub fn from_lean(lean: f64, kind: TargetKind) -> Self {
        let label = match (kind, lean) {
            (TargetKind::Issue, l) if l > THRESHOLD => StanceLabel::Favor,
            (TargetKind::Issue, l) if l < -THRESHOLD => StanceLabel::Against,
            (TargetKind::Entity, l) if l > THRESHOLD => StanceLabel::Positive,
            (TargetKind::Entity, l) if l < -THRESHOLD => StanceLabel::Negative,
            _ => StanceLabel::Neutral,
        };
        TargetStance {
            label,
            score: lean.abs(),
            lean,
        }
    }
}

/// The stance cue words, read from `data/stance.txt`.
#[derive(Debug, Clone)]
pub struct StanceCues {
    words: FxHashMap<Box<str>, f64>,
}

impl Default for StanceCues {
    fn default() -> Self {
        Self::new()
    }
}

impl StanceCues {
    /// The bundled cues.
    pub fn new() -> Self {
        Self::parse(CUES).expect("the bundled stance cues are well formed")
    }

    /// Cues from text in the format of `data/stance.txt`.
    pub fn parse(text: &str) -> Result<Self, ScoreError> {
        let mut words = FxHashMap::default();
        for entry in lexicon::parse_sections(text, &["favor", "against"])? {
            let sign = if entry.section == "favor" { 1.0 } else { -1.0 };
            for word in entry.words() {
                words.insert(word.to_lowercase().into(), sign * CUE_VALENCE);
            }
        }
        Ok(StanceCues { words })
    }

    /// The signed lean (-1 to 1) of `text` toward the words at `target`.
    pub(crate) fn lean(&self, vader: &Vader, text: &str, target: Span) -> Result<f64, ScoreError> {
        self.leans(vader, text, Span::new(0, text.len()), [target])
            .remove(0)
    }

    /// The lean of the passage `within` of `text` toward each target (a span of `text` inside
    /// it), the passage analysed once and read as its own text would be.
    pub(crate) fn leans(
        &self,
        vader: &Vader,
        text: &str,
        within: Span,
        targets: impl IntoIterator<Item = Span>,
    ) -> Vec<Result<f64, ScoreError>> {
        let targets: Vec<Span> = targets.into_iter().collect();
        vader.with_passage(text, within, |a| {
            targets
                .iter()
                .map(|&target| {
                    check_target(text, target)?;
                    if target.start < within.start || target.end > within.end {
                        return Err(span_error(text, target));
                    }
                    Ok(self.lean_in(a, text, within.end, target))
                })
                .collect()
        })
    }

    /// The lean toward `target` from the analysis of a passage of `text` that ends at `end`.
    fn lean_in(&self, a: &Analysis, text: &str, end: usize, target: Span) -> f64 {
        let tokens = &a.tokens;
        let Range {
            start: first,
            end: last,
        } = tokens.overlapping(target);
        let mut sum = 0.0;
        let mut weight = 1.0;
        for j in (first.saturating_sub(WINDOW)..first).rev() {
            weight *= boundary_weight(a, text, end, j, j + 1);
            sum += weight * self.value(a, j) / distance(first - j);
        }
        weight = 1.0;
        for j in last..tokens.len().min(last + WINDOW) {
            if let Some(left) = j.checked_sub(1) {
                weight *= boundary_weight(a, text, end, left, j);
            }
            sum += weight * self.value(a, j) / distance(j + 1 - last);
        }
        sum / (sum * sum + 15.0).sqrt()
    }

    /// A cue's valence (turned over after a negation), else the word's VADER valence.
    fn value(&self, a: &Analysis, j: usize) -> f64 {
        match self.words.get(a.lower(j)) {
            Some(&cue) if (j.saturating_sub(3)..j).any(|k| a.negated(k)) => cue * N_SCALAR,
            Some(&cue) => cue,
            None => a.valences[j],
        }
    }
}

fn distance(words: usize) -> f64 {
    1.0 + DISTANCE_DECAY * (words.saturating_sub(1)) as f64
}

/// The weight kept between token `left` and the token after it, `right` (the passage's `end`
/// where `left` is its last).
fn boundary_weight(a: &Analysis, text: &str, end: usize, left: usize, right: usize) -> f64 {
    let Some(left_token) = a.tokens.get(left) else {
        return 1.0;
    };
    let between = &text[left_token.span.end..a.tokens.get(right).map_or(end, |t| t.span.start)];
    let ends = text[left_token.span.range()].chars().last();
    let clause = matches!(ends, Some(';' | ':'))
        || between.contains([';', ':', '—', '–'])
        || matches!(
            a.lower(right.min(a.tokens.len() - 1)),
            "but" | "however" | "although" | "while" | "whereas" | "--" | "—" | "–"
        );
    if clause {
        CLAUSE
    } else if ends == Some(',') || between.contains(',') {
        COMMA
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lean(text: &str, target: &str) -> f64 {
        let start = text.find(target).unwrap();
        StanceCues::new()
            .lean(&Vader::new(), text, Span::new(start, start + target.len()))
            .unwrap()
    }

    #[test]
    fn cues_take_a_side_and_negation_turns_them() {
        assert!(lean("We strongly support GSOMIA.", "GSOMIA") > THRESHOLD);
        assert!(lean("We oppose GSOMIA.", "GSOMIA") < -THRESHOLD);
        assert!(lean("We do not support GSOMIA.", "GSOMIA") < 0.0);
        assert!(
            lean(
                "Seoul urged Tokyo to renew GSOMIA before it ends.",
                "GSOMIA"
            ) > THRESHOLD
        );
    }

    #[test]
    fn one_reading_for_many_targets_gives_the_same_leans() {
        let text = "Seoul urged Tokyo to renew the pact, but Tokyo rejected the pact.";
        let (cues, vader) = (StanceCues::new(), Vader::new());
        let targets: Vec<Span> = text
            .match_indices("pact")
            .chain(text.match_indices("Tokyo"))
            .map(|(at, w)| Span::new(at, at + w.len()))
            .chain([Span::new(3, 3)])
            .collect();
        let whole = Span::new(0, text.len());
        let together = cues.leans(&vader, text, whole, targets.iter().copied());
        for (target, lean) in targets.iter().zip(together) {
            match cues.lean(&vader, text, *target) {
                Ok(alone) => assert_eq!(lean.unwrap(), alone),
                Err(_) => assert!(lean.is_err()),
            }
        }
    }

    #[test]
    fn a_passage_leans_as_its_own_text_does() {
        let text = "He said: “Critics blasted Smith, but we support Smith”; it ended.";
        let (cues, vader) = (StanceCues::new(), Vader::new());
        let start = text.find("Critics").unwrap();
        let within = Span::new(start, text.find("”;").unwrap());
        let local = &text[within.range()];
        let targets: Vec<Span> = text
            .match_indices("Smith")
            .map(|(at, w)| Span::new(at, at + w.len()))
            .collect();
        let leans = cues.leans(&vader, text, within, targets.iter().copied());
        for (target, lean) in targets.iter().zip(leans) {
            let relative = Span::new(target.start - start, target.end - start);
            assert_eq!(lean.unwrap(), cues.lean(&vader, local, relative).unwrap());
        }
        let outside = Span::new(0, 2);
        assert!(cues.leans(&vader, text, within, [outside])[0].is_err());
    }

    #[test]
    fn far_and_other_clause_words_count_less() {
        let near = lean("Critics blasted Smith, a senator.", "Smith");
        let far = lean(
            "Critics blasted the plan; Smith, a senator, spoke.",
            "Smith",
        );
        assert!(near < -THRESHOLD && far.abs() < near.abs());
    }

    #[test]
    fn words_past_the_window_do_not_count() {
        // A strong word beyond the window, with neutral words between, leaves the lean as is.
        let filler = "and then the group met again ".repeat(WINDOW / 6 + 1);
        let near = format!("Critics blasted Smith {filler}");
        let far = format!("Smith {filler} and critics blasted everyone");
        assert!(lean(&near, "Smith") < -THRESHOLD);
        assert_eq!(lean(&far, "Smith"), 0.0);
    }

    #[test]
    fn targets_out_of_the_text_are_errors() {
        let cues = StanceCues::new();
        let vader = Vader::new();
        assert!(cues.lean(&vader, "Très", Span::new(1, 3)).is_err());
        assert!(cues.lean(&vader, "abc", Span::new(2, 9)).is_err());
        assert!(cues.lean(&vader, "abc", Span::new(1, 1)).is_err());
        // A target before the first word (blank space) has words on its right only.
        assert!(cues.lean(&vader, "  good plan", Span::new(0, 1)).unwrap() > 0.0);
        assert!(StanceCues::parse("support").is_err());
    }
}
