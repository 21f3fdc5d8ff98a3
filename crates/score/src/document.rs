//! Scoring one analysed document: the sentiment of each sentence and quotation, and each
//! quotation's stance toward the user's targets and toward the document's other speakers.

use quotewire_core::{Quote, Sentiment, Span, Speaker, Stance};

use crate::{Scorer, Target, TargetFinder, TargetKind, TargetStance};

/// Quotation marks left out when a quotation's content is scored.
const QUOTE_MARKS: &[char] = &[
    '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '\'', '‘', '’', '‚',
];

/// Fills in each quote's `sentiment` and `stance`, and returns the sentiment of each sentence.
///
/// ```
/// use quotewire_core::{Quote, QuoteKind, Span, StanceLabel};
/// use quotewire_score::{LexiconScorer, Target, TargetFinder, score_document};
///
/// let text = "“We will gladly renew GSOMIA,” Jeong said.";
/// let quoted = Span::new(0, text.find(" Jeong").unwrap());
/// let mut quotes = vec![Quote {
///     kind: QuoteKind::Direct,
///     content: vec![quoted],
///     cue: None, source: None, speaker: None, confidence: 1.0,
///     sentiment: None, stance: vec![],
/// }];
/// let targets = TargetFinder::new(vec![Target::parse("GSOMIA").unwrap()]).unwrap();
/// let sentences = score_document(&LexiconScorer::new(), &targets, text, &[Span::new(0, text.len())], &mut quotes, &[]);
/// assert!(sentences[0].compound > 0.0);
/// assert_eq!(quotes[0].stance[0].target, "GSOMIA");
/// assert_eq!(quotes[0].stance[0].label, StanceLabel::Favor);
/// ```
pub fn score_document(
    scorer: &dyn Scorer,
    targets: &TargetFinder,
    text: &str,
    sentences: &[Span],
    quotes: &mut [Quote],
    speakers: &[Speaker],
) -> Vec<Sentiment> {
    let mut joined = String::new();
    for quote in quotes.iter_mut() {
        let fragments: Vec<Span> = quote
            .content
            .iter()
            .filter_map(|s| trim_quote_marks(text, *s))
            .collect();
        quote.sentiment = Some(match fragments.as_slice() {
            [one] => scorer.sentiment(&text[one.range()]),
            many => {
                joined.clear();
                for s in many {
                    joined.push_str(&text[s.range()]);
                    joined.push(' ');
                }
                scorer.sentiment(&joined)
            }
        });
        quote.stance = stances(scorer, targets, text, &fragments, quote, speakers);
    }
    sentences
        .iter()
        .map(|s| scorer.sentiment(s.slice(text).unwrap_or("")))
        .collect()
}

/// The mean lean toward each target mentioned in the fragments, in order of first mention:
/// the user's targets (issues) and the document's other speakers (entities), found by their
/// names and the aliases that are names (`Tokyo` for Japan; not `he` or `the minister`).
fn stances(
    scorer: &dyn Scorer,
    targets: &TargetFinder,
    text: &str,
    fragments: &[Span],
    quote: &Quote,
    speakers: &[Speaker],
) -> Vec<Stance> {
    let others: Vec<&Speaker> = speakers
        .iter()
        .filter(|s| quote.speaker.as_ref() != Some(&s.id))
        .collect();
    let named = others.iter().map(|s| Target {
        name: s.name.clone(),
        aliases: s.aliases.iter().filter(|a| is_name(a)).cloned().collect(),
    });
    let entities = TargetFinder::new(named.collect()).unwrap_or_default();
    // (name, kind, sum of leans, mentions)
    let mut found: Vec<(&str, TargetKind, f64, usize)> = Vec::new();
    for fragment in fragments {
        let issues = targets
            .find(text, *fragment)
            .map(|(t, span)| (targets.targets()[t].name.as_str(), TargetKind::Issue, span));
        let people = entities.find(text, *fragment).map(|(t, span)| {
            (
                entities.targets()[t].name.as_str(),
                TargetKind::Entity,
                span,
            )
        });
        let local = &text[fragment.range()];
        for (name, kind, span) in issues.chain(people) {
            let relative = Span::new(span.start - fragment.start, span.end - fragment.start);
            let Ok(stance) = scorer.stance(local, relative, kind) else {
                continue;
            };
            match found.iter_mut().find(|f| f.0 == name && f.1 == kind) {
                Some(entry) => {
                    entry.2 += stance.lean;
                    entry.3 += 1;
                }
                None => found.push((name, kind, stance.lean, 1)),
            }
        }
    }
    found
        .into_iter()
        .map(|(name, kind, sum, n)| {
            let stance = TargetStance::from_lean(sum / n as f64, kind);
            Stance {
                target: name.to_string(),
                label: stance.label,
                score: (stance.score * 1e4).round() / 1e4,
            }
        })
        .collect()
}

/// Whether an alias is a name (`Tokyo`, `Minister Jeong`) rather than a pronoun or description.
fn is_name(alias: &str) -> bool {
    alias.chars().next().is_some_and(char::is_uppercase)
        && !matches!(alias, "He" | "She" | "They" | "It" | "We" | "I")
}

/// The span without the quotation marks and whitespace at its ends; `None` when nothing is left
/// or the span is not in the text.
fn trim_quote_marks(text: &str, span: Span) -> Option<Span> {
    let inner = span.slice(text)?;
    let start = span.start
        + (inner.len()
            - inner
                .trim_start_matches(|c: char| QUOTE_MARKS.contains(&c) || c.is_whitespace())
                .len());
    let rest = &text[start..span.end];
    let end = start
        + rest
            .trim_end_matches(|c: char| QUOTE_MARKS.contains(&c) || c.is_whitespace())
            .len();
    (end > start).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_marks_are_trimmed_on_char_boundaries() {
        let text = "« Très bien » and “ ”";
        let inner = trim_quote_marks(text, Span::new(0, text.find(" and").unwrap())).unwrap();
        assert_eq!(&text[inner.range()], "Très bien");
        let empty = Span::new(text.find('“').unwrap(), text.len());
        assert_eq!(trim_quote_marks(text, empty), None);
        assert_eq!(trim_quote_marks(text, Span::new(1, 4)), None);
    }
}
