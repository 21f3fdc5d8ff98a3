//! The tables `quotewire eval` prints: precision, recall and F1 per role, and the worst misses.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::attribution::AttributionScores;
use crate::prf::Counts;

/// Precision, recall and F1 of each role (exact and token), of attributions and of each kind,
/// and speaker accuracy: one row each, under a header.
pub fn attribution(s: &AttributionScores) -> String {
    let mut t = format!(
        "  {:<22} {:>7} {:>7} {:>7}   {:>6} {:>6}\n",
        "", "P", "R", "F1", "pred", "gold"
    );
    for (role, counts) in [
        ("source", &s.source),
        ("cue", &s.cue),
        ("content", &s.content),
    ] {
        t += &row(&format!("{role} exact"), &counts.exact);
        t += &row(&format!("{role} token"), &counts.token);
    }
    t += &row("attribution (match)", &s.attribution);
    for (kind, counts) in &s.by_kind {
        t += &row(&format!("  kind {kind}"), counts);
    }
    t += &format!(
        "  speaker accuracy on matched: {:.4} ({}/{})\n",
        s.speaker_accuracy(),
        s.speaker_correct,
        s.speaker_total
    );
    t
}

/// For each kind of miss (`missed`, `spurious`, `wrong-speaker`), how many, and the `n` with
/// the longest content; nothing when `n` is 0.
pub fn misses(scores: &AttributionScores, n: usize) -> String {
    let mut text = String::new();
    if n == 0 {
        return text;
    }
    for kind in ["missed", "spurious", "wrong-speaker"] {
        let mut misses: Vec<_> = scores.misses.iter().filter(|m| m.kind == kind).collect();
        let total = misses.len();
        // The longest first: they weigh most in token recall and precision.
        misses.sort_by_key(|m| std::cmp::Reverse(m.content.len()));
        let _ = writeln!(text, "  {kind}: {total}");
        // Which rules made them, most first.
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for rule in misses.iter().filter_map(|m| m.rule.as_deref()) {
            *by_rule.entry(rule).or_default() += 1;
        }
        let mut by_rule: Vec<(&str, usize)> = by_rule.into_iter().collect();
        by_rule.sort_by_key(|&(rule, n)| (std::cmp::Reverse(n), rule));
        if !by_rule.is_empty() {
            let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
            let _ = writeln!(text, "    by rule: {}", rules.join(", "));
        }
        for m in misses.into_iter().take(n) {
            let _ = writeln!(
                text,
                "    [{}] {:?}\n        {}",
                m.doc, m.content, m.detail
            );
        }
    }
    text
}

fn row(name: &str, c: &Counts) -> String {
    format!(
        "  {name:<22} {:>7.4} {:>7.4} {:>7.4}   {:>6} {:>6}\n",
        c.precision(),
        c.recall(),
        c.f1(),
        c.predicted,
        c.gold
    )
}
