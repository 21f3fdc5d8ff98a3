//! On arbitrary text the attributor never panics, and every span it gives is in bounds, on char
//! boundaries and ordered within its quote; the speakers quotes refer to exist.

use proptest::prelude::*;
use quotewire_attrib::Attributor;
use quotewire_core::{Span, paragraphs};

fn check(text: &str) {
    let paras = paragraphs(text);
    // Crude sentences: each paragraph cut once at its first `. `.
    let mut sentences = Vec::new();
    for p in &paras {
        match text[p.range()].find(". ") {
            Some(i) => {
                sentences.push(Span::new(p.start, p.start + i + 1));
                sentences.push(Span::new(p.start + i + 2, p.end));
            }
            None => sentences.push(*p),
        }
    }
    let found = Attributor::new()
        .attribute(text, paras.first().copied(), &paras, &sentences)
        .expect("the rules never fail");
    for q in &found.quotes {
        assert!(!q.content.is_empty());
        for s in q.content.iter().chain(&q.cue).chain(&q.source) {
            assert!(
                s.start < s.end && s.slice(text).is_some(),
                "{s:?} in {text:?}"
            );
        }
        for pair in q.content.windows(2) {
            assert!(
                pair[0].end <= pair[1].start,
                "content out of order: {pair:?}"
            );
        }
        if let Some(id) = &q.speaker {
            assert!(found.speakers.iter().any(|s| &s.id == id));
        }
        assert!((0.0..=1.0).contains(&q.confidence));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_text(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn news_like_text(text in "((“|”|\"|''|«|»|, |\\. |: |\n\n| )|(said|says|told|according to|adding that|he|she|the minister|Minister Jeong|Tokyo|experts|Ko Min-jung|we|will|go|é)){0,60}") {
        check(&text);
    }
}

#[test]
fn pathological_inputs_do_not_blow_up() {
    let long_quote = format!("“{}”", "word said ".repeat(100_000));
    let marks = "“”\"«»''".repeat(10_000);
    let nested = "“a ‘b “c ‘d ".repeat(5_000);
    let no_break = "he said that ".repeat(50_000);
    for text in [long_quote, marks, nested, no_break] {
        check(&text);
    }
}

#[test]
fn multibyte_text_around_the_speaker_label_window() {
    // Multi-byte characters at every offset around the 48-byte look-ahead for `Speaker:` labels.
    for pad in 0..8 {
        let text = format!(
            "{}Stealth Over Health: Hillary Clinton’s team “kept” details — he said: «non».",
            "é".repeat(pad)
        );
        check(&text);
        let text = format!(
            "{}WALLACE: Let’s start with breaking news, said Séoul’s “minister”.",
            "’".repeat(pad)
        );
        check(&text);
    }
}
