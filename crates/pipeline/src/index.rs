//! The corpus speaker index: every speaker across the stories of a run, the same person joined
//! across stories (`Jeong Kyeong-doo` in one, `Jeong` in another), with their quotes, and what
//! they said summed up: mean sentiment and stance per target, with the quotes behind each figure.
//!
//! Indexes of separate runs merge into the index one run over all their documents gives
//! ([`SpeakerIndex::merge`] then [`SpeakerIndex::finish`]), so a corpus can be indexed in parts.

use std::collections::{BTreeMap, BTreeSet};

use quotewire_core::{EntityKind, QuoteKind, Record, Stance, StanceLabel};
use serde::{Deserialize, Serialize};

/// One quote in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedQuote {
    /// Document id.
    pub doc: String,
    /// Position of the quote in the document's record.
    pub quote: usize,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// What was said (the content fragments joined by ` … `).
    pub text: String,
    /// Compound sentiment of what was said, when scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<f64>,
    /// Stance toward targets, when scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stance: Vec<Stance>,
}

/// Where a quote is: document id and position in the document's record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QuoteRef {
    /// Document id.
    pub doc: String,
    /// Position of the quote in the document's record.
    pub quote: usize,
}

/// What a speaker said about one target, across the corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetSummary {
    /// Quotes that take a stance toward the target (any label).
    pub quotes: usize,
    /// Mean compound sentiment of those quotes.
    pub mean_sentiment: Option<f64>,
    /// The quotes behind each label (`favor`, `against`, `positive`, `negative`, `neutral`).
    pub labels: BTreeMap<StanceLabel, Vec<QuoteRef>>,
}

/// Figures over all of a speaker's quotes (its own and those of the names joined to it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpeakerSummary {
    /// Number of quotes.
    pub quotes: usize,
    /// Mean compound sentiment of the scored quotes.
    pub mean_sentiment: Option<f64>,
    /// Stance per target.
    pub stance: BTreeMap<String, TargetSummary>,
}

/// One speaker of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Canonical name.
    pub name: String,
    /// Person, organisation, government, group.
    pub kind: EntityKind,
    /// Every other name used for the speaker in any story.
    pub aliases: BTreeSet<String>,
    /// Documents the speaker is quoted in.
    pub documents: BTreeSet<String>,
    /// The quotes, by document id and position.
    pub quotes: Vec<IndexedQuote>,
    /// People known by one name only in some stories (`Jeong`), joined to this one as they were.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub joined: BTreeMap<String, IndexEntry>,
    /// Figures over the quotes here and in `joined` (made by [`SpeakerIndex::finish`]).
    #[serde(default)]
    pub summary: SpeakerSummary,
}

/// The speaker index of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpeakerIndex {
    /// Speakers by lowercase canonical name.
    pub speakers: BTreeMap<String, IndexEntry>,
}

impl SpeakerIndex {
    /// Adds the speakers and quotes of one document (`text` is what its spans point into).
    pub fn add(&mut self, record: &Record, text: &str) {
        let (Some(quotes), Some(speakers)) = (&record.quotes, &record.speakers) else {
            return;
        };
        for speaker in speakers {
            let quotes = quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.speaker.as_ref() == Some(&speaker.id))
                .map(|(i, quote)| {
                    let parts: Vec<&str> =
                        quote.content.iter().filter_map(|s| s.slice(text)).collect();
                    IndexedQuote {
                        doc: record.doc.clone(),
                        quote: i,
                        kind: quote.kind,
                        text: parts.join(" … "),
                        sentiment: quote.sentiment.map(|s| s.compound),
                        stance: quote.stance.clone(),
                    }
                })
                .collect();
            self.insert(IndexEntry {
                name: speaker.name.clone(),
                kind: speaker.kind,
                aliases: speaker
                    .aliases
                    .iter()
                    .filter(|a| **a != speaker.name)
                    .cloned()
                    .collect(),
                documents: BTreeSet::from([record.doc.clone()]),
                quotes,
                joined: BTreeMap::new(),
                summary: SpeakerSummary::default(),
            });
        }
    }

    /// Adds another index (of other documents) to this one. Call [`SpeakerIndex::finish`] once
    /// everything is merged: the result is then the index of one run over all the documents.
    pub fn merge(&mut self, other: SpeakerIndex) {
        // Joined entries come back to the top level; this index's own are unjoined by `finish`.
        for (_, entry) in other.speakers {
            let mut entry = entry;
            let joined = std::mem::take(&mut entry.joined);
            self.insert(entry);
            joined.into_values().for_each(|e| self.insert(e));
        }
    }

    /// Joins short names to full ones, orders every speaker's quotes and sums them up.
    pub fn finish(&mut self) {
        self.unjoin();
        self.join_short_names();
        for entry in self.speakers.values_mut() {
            let by_place =
                |a: &IndexedQuote, b: &IndexedQuote| (&a.doc, a.quote).cmp(&(&b.doc, b.quote));
            entry.quotes.sort_by(by_place);
            for joined in entry.joined.values_mut() {
                joined.quotes.sort_by(by_place);
                joined.summary = summarise(joined);
            }
            entry.summary = summarise(entry);
        }
    }

    fn insert(&mut self, entry: IndexEntry) {
        let key = entry.name.to_lowercase();
        match self.speakers.get_mut(&key) {
            Some(mine) => {
                // The name and kind as the first document (by id) has them, whatever the order
                // of merging; the other spelling stays an alias.
                mine.aliases.extend(entry.aliases);
                mine.aliases.insert(entry.name.clone());
                mine.aliases.insert(mine.name.clone());
                if entry.documents.first() < mine.documents.first() {
                    mine.name = entry.name;
                    mine.kind = entry.kind;
                }
                mine.aliases.remove(&mine.name);
                mine.documents.extend(entry.documents);
                mine.quotes.extend(entry.quotes);
            }
            None => {
                self.speakers.insert(key, entry);
            }
        }
    }

    /// Puts every joined entry back at the top level, as [`SpeakerIndex::add`] made it.
    fn unjoin(&mut self) {
        let joined: Vec<IndexEntry> = self
            .speakers
            .values_mut()
            .flat_map(|e| std::mem::take(&mut e.joined).into_values())
            .collect();
        joined.into_iter().for_each(|e| self.insert(e));
    }

    /// Joins a person known by one name only (`Jeong`) to the one person whose full name holds
    /// it (`Jeong Kyeong-doo`), when there is exactly one.
    fn join_short_names(&mut self) {
        let person = |e: &IndexEntry| e.kind == EntityKind::Person;
        // Every word of a full person name, with the names that hold it.
        let mut holders: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
        for (key, _) in self.speakers.iter().filter(|(_, e)| person(e)) {
            let mut words: Vec<&str> = key.split_whitespace().collect();
            words.sort_unstable();
            words.dedup();
            if words.len() > 1 {
                for word in words {
                    holders.entry(word).or_default().push(key);
                }
            }
        }
        let joins: Vec<(String, String)> = self
            .speakers
            .iter()
            .filter(|(key, e)| person(e) && !key.contains(char::is_whitespace))
            .filter_map(|(key, _)| match holders.get(key.as_str())?.as_slice() {
                [full] => Some((key.clone(), (*full).clone())),
                _ => None,
            })
            .collect();
        for (short, full) in joins {
            if let Some(entry) = self.speakers.remove(&short) {
                if let Some(target) = self.speakers.get_mut(&full) {
                    target.joined.insert(short, entry);
                }
            }
        }
    }
}

/// The figures of an entry over its own quotes and its joined entries'.
fn summarise(entry: &IndexEntry) -> SpeakerSummary {
    let mut quotes: Vec<&IndexedQuote> = entry
        .quotes
        .iter()
        .chain(entry.joined.values().flat_map(|e| &e.quotes))
        .collect();
    quotes.sort_by(|a, b| (&a.doc, a.quote).cmp(&(&b.doc, b.quote)));
    let mean = |values: &mut dyn Iterator<Item = f64>| {
        let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
        (n > 0).then(|| (sum / n as f64 * 1e4).round() / 1e4)
    };
    let mut stance: BTreeMap<String, (Vec<f64>, TargetSummary)> = BTreeMap::new();
    for quote in &quotes {
        for s in &quote.stance {
            let (sentiments, summary) = stance.entry(s.target.clone()).or_default();
            summary.quotes += 1;
            sentiments.extend(quote.sentiment);
            summary.labels.entry(s.label).or_default().push(QuoteRef {
                doc: quote.doc.clone(),
                quote: quote.quote,
            });
        }
    }
    SpeakerSummary {
        quotes: quotes.len(),
        mean_sentiment: mean(&mut quotes.iter().filter_map(|q| q.sentiment)),
        stance: stance
            .into_iter()
            .map(|(target, (sentiments, mut summary))| {
                summary.mean_sentiment = mean(&mut sentiments.into_iter());
                (target, summary)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_core::{Document, Quote, Span, Speaker};

    fn record(doc: &str, text: &str, name: &str, alias: &str) -> Record {
        let mut record = Record::from_document(Document::new(doc, text), false);
        record.speakers = Some(vec![Speaker {
            id: "s1".into(),
            name: name.into(),
            aliases: vec![alias.into()],
            kind: EntityKind::Person,
            mentions: vec![],
        }]);
        record.quotes = Some(vec![Quote {
            kind: QuoteKind::Direct,
            content: vec![Span::new(0, 10)],
            cue: None,
            source: None,
            speaker: Some("s1".into()),
            confidence: 1.0,
            rule: None,
            sentiment: None,
            stance: vec![],
        }]);
        record
    }

    #[test]
    fn joins_people_across_stories() {
        let mut index = SpeakerIndex::default();
        index.add(
            &record("a", "“Yes,” he said.", "Jeong Kyeong-doo", "Minister Jeong"),
            "“Yes,” he said.",
        );
        let mut other = SpeakerIndex::default();
        other.add(
            &record("b", "“Non,” dit Jeong.", "Jeong", "Jeong"),
            "“Non,” dit Jeong.",
        );
        let whole = {
            let mut both = index.clone();
            both.add(
                &record("b", "“Non,” dit Jeong.", "Jeong", "Jeong"),
                "“Non,” dit Jeong.",
            );
            both.finish();
            both
        };
        other.finish();
        index.finish();
        index.merge(other);
        index.finish();
        assert_eq!(
            index, whole,
            "merging finished parts gives the whole run's index"
        );
        assert_eq!(index.speakers.len(), 1);
        let entry = &index.speakers["jeong kyeong-doo"];
        assert_eq!(entry.documents.iter().collect::<Vec<_>>(), ["a"]);
        assert_eq!(entry.quotes[0].text, "“Yes,”");
        assert_eq!(entry.joined["jeong"].quotes[0].text, "“Non,”");
        assert_eq!(entry.summary.quotes, 2);
        assert!(entry.aliases.contains("Minister Jeong"));
        // A second full name with `Jeong` in it makes the short name ambiguous: unjoined again.
        let mut third = SpeakerIndex::default();
        third.add(&record("c", "“Oui.”", "Jeong Min", "Jeong Min"), "“Oui.”");
        index.merge(third);
        index.finish();
        assert_eq!(index.speakers.len(), 3);
    }

    #[test]
    fn the_order_of_merging_does_not_matter() {
        let parts = [
            record("b", "“Up,” it said.", "the government", "it"),
            record("a", "“Down,” it said.", "The government", "It"),
            record("c", "“Flat,” it said.", "THE GOVERNMENT", "it"),
        ];
        let index_of = |order: [usize; 3]| {
            let mut index = SpeakerIndex::default();
            for i in order {
                let mut part = SpeakerIndex::default();
                part.add(&parts[i], "“Up,” it said.");
                part.finish();
                index.merge(part);
            }
            index.finish();
            index
        };
        let first = index_of([0, 1, 2]);
        assert_eq!(first, index_of([2, 1, 0]));
        assert_eq!(first, index_of([1, 2, 0]));
        let entry = &first.speakers["the government"];
        assert_eq!(
            entry.name, "The government",
            "named as in the first document, a"
        );
        assert!(
            entry.aliases.contains("the government") && entry.aliases.contains("THE GOVERNMENT")
        );
    }

    #[test]
    fn sums_up_sentiment_and_stance_with_the_quotes_behind_them() {
        let mut a = record(
            "a",
            "“We back the pact,” he said.",
            "Jeong Kyeong-doo",
            "Jeong",
        );
        let quote = &mut a.quotes.as_mut().unwrap()[0];
        quote.sentiment = Some(quotewire_core::Sentiment {
            compound: 0.5,
            pos: 0.5,
            neu: 0.5,
            neg: 0.0,
        });
        quote.stance = vec![Stance {
            target: "GSOMIA".into(),
            label: StanceLabel::Favor,
            score: 0.4,
        }];
        let mut index = SpeakerIndex::default();
        index.add(&a, "“We back the pact,” he said.");
        index.finish();
        let summary = &index.speakers["jeong kyeong-doo"].summary;
        assert_eq!(summary.mean_sentiment, Some(0.5));
        let gsomia = &summary.stance["GSOMIA"];
        assert_eq!(
            gsomia.labels[&StanceLabel::Favor],
            [QuoteRef {
                doc: "a".into(),
                quote: 0
            }]
        );
    }
}
