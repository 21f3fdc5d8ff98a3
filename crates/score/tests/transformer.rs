//! The MiniLM stance scorer (feature `transformer`; needs `eval "$(bash models/setup.sh)"`).
#![cfg(feature = "transformer")]

use std::path::PathBuf;

use quotewire_core::{Span, StanceLabel};
use quotewire_score::transformer::{ModelError, StanceModel, TransformerScorer};
use quotewire_score::{ScoreError, StanceScorer, TargetKind};

/// The MiniLM folder (the tests that call this are ignored unless it was set at build time).
fn minilm() -> PathBuf {
    std::env::var_os("QUOTEWIRE_MINILM")
        .map(PathBuf::from)
        .expect("QUOTEWIRE_MINILM: eval \"$(bash models/setup.sh)\"")
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap();
    Span::new(start, start + needle.len())
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn reads_each_target_of_a_multibyte_sentence() {
    let minilm = minilm();
    let scorer = TransformerScorer::load(&minilm, 1).unwrap();
    let text = "“Söderström betrayed the voters,” said Müller, who praised Nuñez for her courage.";
    let targets = [
        (span_of(text, "Söderström"), TargetKind::Entity),
        (span_of(text, "Nuñez"), TargetKind::Entity),
        (Span::new(1, 3), TargetKind::Entity), // inside the 3-byte quotation mark
    ];
    assert_eq!(&text[targets[0].0.range()], "Söderström");
    assert_eq!(&text[targets[1].0.range()], "Nuñez");
    let stances = scorer.stances(text, &targets);
    assert_eq!(stances.len(), 3);
    assert_eq!(stances[0].as_ref().unwrap().label, StanceLabel::Negative);
    assert!(matches!(stances[2], Err(ScoreError::Span { .. })));
    // One target at a time reads the same as all together.
    let alone = scorer
        .stance(text, targets[1].0, TargetKind::Entity)
        .unwrap();
    let together = stances[1].as_ref().unwrap();
    assert_eq!(alone.label, together.label);
    assert!((alone.score - together.score).abs() < 1e-4);
    assert!(alone.score > 0.0 && alone.score <= 1.0 && alone.lean.abs() <= 1.0);
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn probabilities_sum_to_one_for_each_target_of_a_batch() {
    let minilm = minilm();
    let model = StanceModel::bundled(&minilm).unwrap();
    let a = "Tokyo rejected the pact outright.";
    let b = "Jeong said Seoul would keep talking with Tokyo and Washington.";
    let a_targets = [span_of(a, "Tokyo")];
    let b_targets = [span_of(b, "Seoul"), span_of(b, "Washington")];
    let p = model
        .probabilities(&[(a, &a_targets[..]), (b, &b_targets[..])])
        .unwrap();
    assert_eq!(p.len(), 3);
    for triple in &p {
        assert!(
            (triple.iter().sum::<f32>() - 1.0).abs() < 1e-4,
            "{triple:?}"
        );
    }
    // A batch gives what each text gives alone.
    let alone = model.probabilities(&[(b, &b_targets[..])]).unwrap();
    for (x, y) in alone.iter().flatten().zip(p[1..].iter().flatten()) {
        assert!((x - y).abs() < 1e-4);
    }
    assert!(model.probabilities(&[(a, &[][..])]).unwrap().is_empty());
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn long_and_odd_texts_are_read_without_panic() {
    let minilm = minilm();
    let scorer = TransformerScorer::load(&minilm, 1).unwrap();
    // Far past the 256-token window: a target beyond it still gets an answer.
    let long = format!("{} Müller was praised.", "word ".repeat(5_000));
    let target = span_of(&long, "Müller");
    assert!(scorer.stance(&long, target, TargetKind::Entity).is_ok());
    for text in ["\u{0}\u{1}\u{2}", "🙂🙂🙂", "\"\"\"\"", "\u{200b}"] {
        let all = Span::new(0, text.len());
        assert!(
            scorer.stance(text, all, TargetKind::Entity).is_ok(),
            "{text:?}"
        );
    }
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn bad_tuned_parameters_and_folders_are_typed_errors() {
    let minilm = minilm();
    let mut model = StanceModel::untrained(&minilm).unwrap();
    assert!(matches!(
        model.load_tuned(b"not safetensors"),
        Err(ModelError::Load(_))
    ));
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        StanceModel::untrained(empty.path()),
        Err(ModelError::Load(_))
    ));
    // A folder with a config but no weights.
    std::fs::copy(minilm.join("config.json"), empty.path().join("config.json")).unwrap();
    std::fs::copy(
        minilm.join("tokenizer.json"),
        empty.path().join("tokenizer.json"),
    )
    .unwrap();
    assert!(matches!(
        StanceModel::untrained(empty.path()),
        Err(ModelError::Load(_))
    ));
}
