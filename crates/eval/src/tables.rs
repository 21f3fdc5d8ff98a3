//! The tables `quotewire eval` prints: precision, recall and F1 per role, and the worst misses.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::attribution::AttributionScores;
use crate::instances::{InstanceScores, MAX_TOKENS};
use crate::prf::Counts;
use crate::report::{SentimentReport, StanceReport};
use crate::sentiment::{COMPOUND_NEUTRAL_BAND, GOLD_NEUTRAL_BAND};

/// Precision, recall and F1 of each role (exact and token), of attributions and of each kind,
/// and speaker accuracy: one row each, under a header.
pub fn attribution(s: &AttributionScores) -> String {
    let mut t = header();
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

/// The instance figures (exact and begin-match per role) under a line naming the instances.
pub fn instances((path, s): &(PathBuf, InstanceScores)) -> String {
    let mut t = format!(
        "\nPolNeAR dev instances (CofeNet's protocol): {} instances of {} articles ({} annotations), \
         first {MAX_TOKENS} tokens, from {}\n",
        s.instances,
        s.articles,
        s.annotations,
        path.display()
    );
    t += &header();
    for (measure, counts) in [("exact", &s.exact), ("begin", &s.begin)] {
        for (role, c) in [
            ("source", &counts.source),
            ("cue", &counts.cue),
            ("content", &counts.content),
        ] {
            t += &row(&format!("{role} {measure}"), c);
        }
    }
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
        // For a missed attribution, the rule that would have read it.
        let (by, needed) = match kind {
            "missed" => ("by rule needed (none: no rule reads it)", ", rule needed "),
            _ => ("by rule", ""),
        };
        if !by_rule.is_empty() {
            let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
            let _ = writeln!(text, "    {by}: {}", rules.join(", "));
        }
        for m in misses.into_iter().take(n) {
            let rule = match (&m.rule, needed.is_empty()) {
                (Some(rule), false) => format!("{needed}{rule}"),
                _ => String::new(),
            };
            let _ = writeln!(
                text,
                "    [{}] {:?}\n        {}{rule}",
                m.doc, m.content, m.detail
            );
        }
    }
    text
}

fn header() -> String {
    format!(
        "  {:<22} {:>7} {:>7} {:>7}   {:>6} {:>6}\n",
        "", "P", "R", "F1", "pred", "gold"
    )
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

/// The speaker scores as a table, with the first `n` misses.
pub fn speakers(scores: &crate::speakers::SpeakerScores, n: usize) -> String {
    let mut t = String::new();
    let line = |t: &mut String, name: &str, share: f64, of: usize, total: usize| {
        let _ = writeln!(t, "  {name:<26} {share:>7.4}   ({of}/{total})");
    };
    line(
        &mut t,
        "found",
        scores.found_rate(),
        scores.found,
        scores.gold,
    );
    line(
        &mut t,
        "speaker right",
        scores.speaker_accuracy(),
        scores.speaker_right,
        scores.gold,
    );
    line(
        &mut t,
        "kind right",
        scores.kind_accuracy(),
        scores.kind_right,
        scores.gold,
    );
    let quoted = scores.quoted;
    line(
        &mut t,
        "quoted: found",
        scores.quoted_found_rate(),
        scores.quoted_found,
        quoted,
    );
    let right = scores.quoted_speaker_right;
    line(
        &mut t,
        "quoted: speaker right",
        scores.quoted_speaker_accuracy(),
        right,
        quoted,
    );
    if n > 0 {
        let _ = writeln!(t, "  misses: {}", scores.misses.len());
        for m in scores.misses.iter().take(n) {
            let got = match &m.predicted {
                Some((name, kind)) => format!("predicted {name:?} ({kind})"),
                None => "not found".to_string(),
            };
            let (start, end) = (m.content.start, m.content.end);
            let (name, kind) = (&m.gold.0, &m.gold.1);
            let _ = writeln!(
                t,
                "    [{}] {start}..{end}: gold {name:?} ({kind}), {got}",
                m.doc
            );
        }
    }
    t
}

/// The sentiment figures, a line each.
pub fn sentiment(r: &SentimentReport) -> String {
    format!(
        "sentiment: {} sentences from {}\n  Pearson r with the human mean: {:.4}\n  3-class macro-F1: {:.4} (gold neutral band ±{GOLD_NEUTRAL_BAND} on -4..4, predicted ±{COMPOUND_NEUTRAL_BAND})\n",
        r.sentences,
        paths(&r.gold),
        r.pearson_r,
        r.macro_f1
    )
}

/// The stance figures, a line each.
pub fn stance(r: &StanceReport) -> String {
    format!(
        "stance (sentiment toward a target): {} targets, {} split of {}\n  macro-F1: {:.4}\n  accuracy: {:.4}\n",
        r.targets,
        r.split,
        paths(&r.gold),
        r.macro_f1,
        r.accuracy
    )
}

/// Paths joined by commas.
pub fn paths(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}
