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
