//! Scoring never panics on arbitrary text and spans, and its figures stay in range.

use proptest::prelude::*;
use quotewire_core::Span;
use quotewire_score::{LexiconScorer, SentimentScorer, StanceScorer, TargetKind, Vader};

fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("good ".to_string()),
            Just("NOT ".to_string()),
            Just("but ".to_string()),
            Just("no ".to_string()),
            Just("kind of ".to_string()),
            Just("« très » ".to_string()),
            Just("😁".to_string()),
            Just("!?".to_string()),
            "\\PC{0,8}",
            "[ \\t\\n\u{1c}\u{a0}]{1,3}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn sentiment_is_in_range(text in texty()) {
        let s = Vader::new().sentiment(&text);
        prop_assert!((-1.0..=1.0).contains(&s.compound));
        for share in [s.pos, s.neu, s.neg] {
            prop_assert!((0.0..=1.0).contains(&share));
        }
        let total = s.pos + s.neu + s.neg;
        prop_assert!(total == 0.0 || (total - 1.0).abs() < 2e-3);
    }

    #[test]
    fn stance_takes_any_span(text in texty(), start in 0usize..200, len in 0usize..40) {
        let scorer = LexiconScorer::new();
        let span = Span::new(start, start + len);
        match scorer.stance(&text, span, TargetKind::Entity) {
            Ok(stance) => {
                prop_assert!(span.slice(&text).is_some() && !span.is_empty());
                prop_assert!((0.0..=1.0).contains(&stance.score));
            }
            Err(_) => prop_assert!(span.slice(&text).is_none() || span.is_empty()),
        }
    }
}

/// Spans of `text` from pairs of numbers: most on character boundaries, some not, some past
/// the end.
fn spans_of(text: &str, cuts: &[(usize, usize)]) -> Vec<Span> {
    let at = |n: usize| {
        let mut at = n % (text.len() + 2);
        while n % 5 != 0 && at > 0 && !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    cuts.iter()
        .map(|&(a, b)| Span::new(at(a).min(at(b)), at(a).max(at(b))))
        .collect()
}

proptest! {
    #[test]
    fn passages_score_as_their_joined_text(
        text in texty(),
        cuts in prop::collection::vec((0usize..400, 0usize..400), 0..4),
    ) {
        let vader = Vader::new();
        let regions = spans_of(&text, &cuts);
        let joined: String = regions
            .iter()
            .flat_map(|r| [r.slice(&text).unwrap_or(""), " "])
            .collect();
        let one: Vec<&[Span]> = regions.iter().map(std::slice::from_ref).collect();
        let all = [&regions[..]];
        let passages: Vec<&[Span]> = one.iter().copied().chain(all).collect();
        let scores = vader.passages(&text, passages.iter().copied());
        for (region, score) in regions.iter().zip(&scores) {
            prop_assert_eq!(*score, vader.polarity(region.slice(&text).unwrap_or("")));
        }
        prop_assert_eq!(scores[regions.len()], vader.polarity(&joined));
    }
}
