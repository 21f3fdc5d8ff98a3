//! An entry's figures: how many quotes, their mean sentiment, and stance per target, the user's
//! targets (issues) apart from the other speakers (entities).

use std::collections::BTreeMap;

use quotewire_core::{Stance, TargetKind};

use super::{IndexEntry, IndexedQuote, QuoteRef, SpeakerSummary, TargetSummary};

/// The figures of an entry over its own quotes and its joined entries'.
pub(super) fn summarise(entry: &IndexEntry) -> SpeakerSummary {
    let mut quotes: Vec<&IndexedQuote> = entry
        .quotes
        .iter()
        .chain(entry.joined.values().flat_map(|e| &e.quotes))
        .collect();
    quotes.sort_by(|a, b| (&a.doc, a.quote).cmp(&(&b.doc, b.quote)));
    type Sums = BTreeMap<String, (Vec<f64>, TargetSummary)>;
    let (mut issues, mut entities): (Sums, Sums) = Default::default();
    for quote in &quotes {
        for s in &quote.stance {
            let sums = match target_kind(s) {
                TargetKind::Issue => &mut issues,
                TargetKind::Entity => &mut entities,
            };
            let (sentiments, summary) = sums.entry(s.target.clone()).or_default();
            summary.quotes += 1;
            sentiments.extend(quote.sentiment);
            summary.labels.entry(s.label).or_default().push(QuoteRef {
                doc: quote.doc.clone(),
                quote: quote.quote,
            });
        }
    }
    let finish = |sums: Sums| -> BTreeMap<String, TargetSummary> {
        sums.into_iter()
            .map(|(target, (sentiments, mut summary))| {
                summary.mean_sentiment = mean(sentiments.into_iter());
                (target, summary)
            })
            .collect()
    };
    SpeakerSummary {
        quotes: quotes.len(),
        mean_sentiment: mean(quotes.iter().filter_map(|q| q.sentiment)),
        stance: finish(issues),
        speaker_stance: finish(entities),
    }
}

/// What a stance is toward: as the record says, else as its label says (`neutral` of records
/// that do not say: an issue).
fn target_kind(stance: &Stance) -> TargetKind {
    stance
        .kind
        .or_else(|| stance.label.target_kind())
        .unwrap_or(TargetKind::Issue)
}

/// The mean, to four decimals; `None` without values.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| (sum / n as f64 * 1e4).round() / 1e4)
}
