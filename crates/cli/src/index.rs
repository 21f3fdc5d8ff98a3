//! The corpus speaker index: every speaker across the stories of a run, the same person joined
//! across stories (`Jeong Kyeong-doo` in one, `Jeong` in another), with their quotes.

use std::collections::{BTreeMap, BTreeSet};

use quotewire_core::{EntityKind, QuoteKind, Record};
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
    /// The quotes, in input order.
    pub quotes: Vec<IndexedQuote>,
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
            let key = speaker.name.to_lowercase();
            let entry = self.speakers.entry(key).or_insert_with(|| IndexEntry {
                name: speaker.name.clone(),
                kind: speaker.kind,
                aliases: BTreeSet::new(),
                documents: BTreeSet::new(),
                quotes: Vec::new(),
            });
            entry.aliases.extend(
                speaker
                    .aliases
                    .iter()
                    .filter(|a| **a != entry.name)
                    .cloned(),
            );
            entry.documents.insert(record.doc.clone());
            for (i, quote) in quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.speaker.as_ref() == Some(&speaker.id))
            {
                let parts: Vec<&str> = quote.content.iter().filter_map(|s| s.slice(text)).collect();
                entry.quotes.push(IndexedQuote {
                    doc: record.doc.clone(),
                    quote: i,
                    kind: quote.kind,
                    text: parts.join(" … "),
                });
            }
        }
    }

    /// Adds another index (of other documents) to this one.
    pub fn merge(&mut self, other: SpeakerIndex) {
        for (key, entry) in other.speakers {
            match self.speakers.get_mut(&key) {
                Some(mine) => {
                    mine.aliases.extend(entry.aliases);
                    mine.documents.extend(entry.documents);
                    mine.quotes.extend(entry.quotes);
                }
                None => {
                    self.speakers.insert(key, entry);
                }
            }
        }
    }

    /// Joins a person known by one name only (`Jeong`) to the one person whose full name holds
    /// it (`Jeong Kyeong-doo`), when there is exactly one.
    pub fn join_short_names(&mut self) {
        let short: Vec<String> = self
            .speakers
            .iter()
            .filter(|(_, e)| e.kind == EntityKind::Person && !e.name.contains(' '))
            .map(|(k, _)| k.clone())
            .collect();
        for key in short {
            let word = key.as_str();
            let mut holders = self.speakers.iter().filter(|(k, e)| {
                e.kind == EntityKind::Person
                    && k.as_str() != word
                    && k.split_whitespace().any(|w| w == word)
            });
            let (Some((full, _)), None) = (holders.next(), holders.next()) else {
                continue;
            };
            let full = full.clone();
            if let Some(entry) = self.speakers.remove(&key) {
                if let Some(target) = self.speakers.get_mut(&full) {
                    target.aliases.insert(entry.name);
                    target.aliases.extend(entry.aliases);
                    target.documents.extend(entry.documents);
                    target.quotes.extend(entry.quotes);
                }
            }
        }
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
        index.merge(other);
        index.join_short_names();
        assert_eq!(index.speakers.len(), 1);
        let entry = &index.speakers["jeong kyeong-doo"];
        assert_eq!(entry.documents.iter().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(
            entry
                .quotes
                .iter()
                .map(|q| q.text.as_str())
                .collect::<Vec<_>>(),
            ["“Yes,”", "“Non,”"]
        );
        assert!(entry.aliases.contains("Minister Jeong") && entry.aliases.contains("Jeong"));
    }
}
