//! Properties on arbitrary text: never panics; spans are in bounds, on char boundaries, ordered,
//! non-overlapping, trimmed, and cover every non-whitespace character.

use proptest::prelude::*;
use quotewire_segment::Segmenter;

fn check(segmenter: &Segmenter, text: &str) {
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for s in segmenter.sentences(text) {
        let sentence = s
            .slice(text)
            .unwrap_or_else(|| panic!("{s:?} out of bounds or off a char boundary"));
        assert!(
            s.start >= last_end,
            "overlapping or unordered: {s:?} after {last_end}"
        );
        assert!(
            !sentence.is_empty() && sentence.trim() == sentence,
            "untrimmed {sentence:?}"
        );
        covered[s.range()].iter_mut().for_each(|c| *c = true);
        last_end = s.end;
    }
    for (i, c) in text.char_indices() {
        assert!(
            c.is_whitespace() || c == '\u{feff}' || covered[i],
            "{c:?} at {i} is in no sentence of {text:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_unicode(text in "\\PC{0,200}") {
        check(&Segmenter::new(), &text);
    }

    #[test]
    fn sentence_like(text in "([A-Za-z]{1,8}|[0-9]{1,3}|[.?!…]{1,4}| {1,2}|\n{1,2}|[\"'“”‘’«»()\\[\\]]|U\\.S\\.|Mr\\.|No\\.|[a-c1-3][.)]|•|⁃|é){0,60}") {
        check(&Segmenter::new(), &text);
        check(&Segmenter::builder().line_breaks(true).build(), &text);
    }
}

#[test]
fn pathological_inputs_are_linear() {
    let segmenter = Segmenter::new();
    // Long inputs with no break, only quote marks, only terminators: each must still be covered.
    for text in [
        "word ".repeat(50_000),
        "\"".repeat(10_000) + &"“ ".repeat(10_000),
        ". ".repeat(20_000),
        "U.S. ".repeat(20_000),
        "1. a 2. b ".repeat(5_000),
    ] {
        check(&segmenter, &text);
    }
}
