//! Conformance with the reference Python vaderSentiment 3.3.2 on sentences written to exercise
//! every rule (negation, `no`, `least`, boosters, capitals, `but`, idioms, `!`/`?`, emoticons,
//! emoji). `reference_scores.jsonl` holds the reference's own output, made by
//! `../shared/peers/run_vader.py FILE --json` (benches/vader_conformance.py checks 1,000 more).

use quotewire_score::Vader;

#[test]
fn scores_equal_the_reference_implementation() {
    let vader = Vader::new();
    let mut checked = 0;
    for line in include_str!("reference_scores.jsonl").lines() {
        let reference: serde_json::Value = serde_json::from_str(line).unwrap();
        let field = |name: &str| reference[name].as_f64().unwrap();
        let text = reference["text"].as_str().unwrap();
        let s = vader.polarity(text);
        assert_eq!(s.compound, field("compound"), "compound of {text:?}");
        for (name, ours) in [("pos", s.pos), ("neu", s.neu), ("neg", s.neg)] {
            assert!(
                (ours - field(name)).abs() < 1.5e-3,
                "{name} of {text:?}: {ours}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 40);
}
