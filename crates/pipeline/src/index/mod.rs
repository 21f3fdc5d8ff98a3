//! The corpus speaker index: every speaker across the stories of a run, the same entity joined
//! across stories, with their quotes, and what they said summed up: mean sentiment and stance
//! per target, with the quotes behind each figure.
//!
//! Names are joined by full name (`Tony Blair` in every story), by a story's own full names (a
//! `Blair` of a story that names Tony Blair), by the name that heads a name with stray words
//! (`Monday Tony Blair`, `Mr Kennedy used a speech to`), and a short name of stories that give no
//! full name to the one person whose full name holds it when there is exactly one and it is seen
//! in as many stories ([`join`]). Generic nominals (`the company`, `analysts`) stay one story's
//! ([`names::is_generic`]). An aliases file ([`Aliases`]) corrects what is joined by hand.
//!
//! Indexes of separate runs merge into the index one run over all their documents gives
//! ([`SpeakerIndex::merge`] then [`SpeakerIndex::finish`]), in any order: what `finish` joins is
//! a function of the documents' parts alone. A document already in the index is not added again.

mod aliases;
mod join;
mod names;
mod summary;

use std::collections::{BTreeMap, BTreeSet};

use quotewire_core::{EntityKind, KindEvidence, QuoteKind, Record, Stance, StanceLabel};
use serde::{Deserialize, Serialize};

pub use aliases::{AliasError, Aliases};

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
    /// Stance per target the user named (issues: `favor`, `against`, `neutral`).
    pub stance: BTreeMap<String, TargetSummary>,
    /// Stance toward the other speakers of the stories (entities: `positive`, `negative`,
    /// `neutral`), apart from `stance` so that a name never mixes the two label sets.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub speaker_stance: BTreeMap<String, TargetSummary>,
}

/// One speaker of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Canonical name.
    pub name: String,
    /// Person, organisation, government, group, outlet, document or unknown.
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
    /// Whether the name is one story's own although it is no generic nominal by itself: a name
    /// other stories write as one (`Ministers` where stories also have `ministers`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub story_only: bool,
    /// For a name of one word (`Blair`): how each story writes it with other names around it
    /// (`prime minister tony blair`, `cherie blair`), lowercase, by document; what joins it to
    /// the person the story names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub story_names: BTreeMap<String, BTreeSet<String>>,
    /// Where the kind was read (absent in indexes written before it was kept: then the first
    /// document's, on other evidence than the name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_from: Option<KindSource>,
}

/// The story a speaker's kind was read from, and whether from its capitalised name words alone.
/// Across stories a kind read from other evidence (`oil firm Yukos`) wins over one read from a
/// bare name (`Yukos said`); between equals, the first story's (by id): so the kind is the
/// same whatever the order of merging.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct KindSource {
    /// Read from the name words alone (`Yukos`, `Tony Blair`), no title, word or list.
    pub name_only: bool,
    /// The story.
    pub doc: String,
}

/// The speaker index of a corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SpeakerIndex {
    /// Speakers by lowercase canonical name; a generic nominal, one story's own, by lowercase
    /// name, ` @ ` and document id (`the company @ business/001`).
    pub speakers: BTreeMap<String, IndexEntry>,
    /// The documents added (made again from `speakers` when read from a file).
    #[serde(skip)]
    held: BTreeSet<String>,
}

impl PartialEq for SpeakerIndex {
    fn eq(&self, other: &Self) -> bool {
        self.speakers == other.speakers
    }
}

impl SpeakerIndex {
    /// Adds the speakers and quotes of one document (`text` is what its spans point into). A
    /// document already added is left out.
    pub fn add(&mut self, record: &Record, text: &str) {
        self.refresh_held();
        if !self.held.insert(record.doc.clone()) {
            return;
        }
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
            let aliases: BTreeSet<String> = speaker
                .aliases
                .iter()
                .filter(|a| **a != speaker.name)
                .cloned()
                .collect();
            let mut story_names = BTreeMap::new();
            let short = matches!(speaker.kind, EntityKind::Person | EntityKind::Unknown)
                && !names::is_generic(&speaker.name, speaker.kind, &aliases);
            if let Some(head) = names::head(&speaker.name).filter(|h| short && !h.contains(' ')) {
                let found = names::story_runs(&head, text);
                if !found.is_empty() {
                    story_names.insert(record.doc.clone(), found);
                }
            }
            self.insert(IndexEntry {
                name: speaker.name.clone(),
                kind: speaker.kind,
                aliases,
                documents: BTreeSet::from([record.doc.clone()]),
                quotes,
                joined: BTreeMap::new(),
                summary: SpeakerSummary::default(),
                story_only: false,
                story_names,
                kind_from: Some(KindSource {
                    name_only: speaker.kind_evidence == Some(KindEvidence::Name),
                    doc: record.doc.clone(),
                }),
            });
        }
    }

    /// Adds another index (of other documents) to this one. Call [`SpeakerIndex::finish`] once
    /// everything is merged: the result is then the index of one run over all the documents. A
    /// document both hold is counted once, as this index has it.
    pub fn merge(&mut self, other: SpeakerIndex) {
        self.refresh_held();
        let mut entries: Vec<IndexEntry> = Vec::new();
        for (_, mut entry) in other.speakers {
            let joined = std::mem::take(&mut entry.joined);
            entries.push(entry);
            entries.extend(joined.into_values());
        }
        let theirs: BTreeSet<String> = entries
            .iter()
            .flat_map(|e| e.documents.iter().cloned())
            .collect();
        let twice: BTreeSet<String> = theirs.intersection(&self.held).cloned().collect();
        self.held.extend(theirs);
        for mut entry in entries {
            if !twice.is_empty() {
                entry.take_documents(&twice);
                if entry.documents.is_empty() {
                    continue;
                }
            }
            self.insert(entry);
        }
    }

    /// Joins names across stories, orders every speaker's quotes and sums them up.
    pub fn finish(&mut self) {
        self.finish_with(&Aliases::default());
    }

    /// [`SpeakerIndex::finish`] with the corrections of an aliases file: renames and kinds first,
    /// then the joins, the aliases' merges and splits over the index's own.
    pub fn finish_with(&mut self, aliases: &Aliases) {
        self.refresh_held();
        self.unjoin();
        self.rename(aliases);
        for entry in self.speakers.values_mut() {
            if let Some(kind) = aliases.kind.get(&entry.name.to_lowercase()) {
                entry.kind = *kind;
            }
        }
        self.localise();
        join::join(&mut self.speakers, aliases);
        for entry in self.speakers.values_mut() {
            let by_place =
                |a: &IndexedQuote, b: &IndexedQuote| (&a.doc, a.quote).cmp(&(&b.doc, b.quote));
            entry.quotes.sort_by(by_place);
            for joined in entry.joined.values_mut() {
                joined.quotes.sort_by(by_place);
                joined.summary = summary::summarise(joined);
            }
            entry.summary = summary::summarise(entry);
        }
    }

    /// The documents held, made again from the entries when the index was read from a file.
    fn refresh_held(&mut self) {
        if self.held.is_empty() {
            self.held = self
                .speakers
                .values()
                .flat_map(|e| std::iter::once(e).chain(e.joined.values()))
                .flat_map(|e| e.documents.iter().cloned())
                .collect();
        }
    }

    fn insert(&mut self, entry: IndexEntry) {
        match self.speakers.get_mut(&entry.key()) {
            Some(mine) => mine.absorb(entry),
            None => {
                self.speakers.insert(entry.key(), entry);
            }
        }
    }

    /// Puts every entry back as [`SpeakerIndex::add`] made it: joined entries at the top level,
    /// names made one story's own by [`SpeakerIndex::localise`] together again.
    fn unjoin(&mut self) {
        let mut entries: Vec<IndexEntry> = self
            .speakers
            .values_mut()
            .flat_map(|e| std::mem::take(&mut e.joined).into_values())
            .collect();
        let local: Vec<String> = self
            .speakers
            .iter()
            .filter(|(_, e)| e.story_only)
            .map(|(k, _)| k.clone())
            .collect();
        entries.extend(local.iter().filter_map(|k| self.speakers.remove(k)));
        for mut entry in entries {
            entry.story_only = false;
            self.insert(entry);
        }
    }

    /// Makes each story's own a name that other stories write as a generic nominal (`Ministers`
    /// and `ministers`, `Critics` and `critics`).
    fn localise(&mut self) {
        let generic: BTreeSet<String> = self
            .speakers
            .values()
            .filter(|e| names::is_generic(&e.name, e.kind, &e.aliases))
            .map(|e| e.name.to_lowercase())
            .collect();
        let keys: Vec<String> = self
            .speakers
            .iter()
            .filter(|(k, _)| generic.contains(k.as_str()))
            .map(|(k, _)| k.clone())
            .collect();
        for key in keys {
            let Some(mut entry) = self.speakers.remove(&key) else {
                continue;
            };
            for doc in entry.documents.clone() {
                let mut part = entry.take_documents(&BTreeSet::from([doc]));
                part.story_only = true;
                self.insert(part);
            }
        }
    }

    /// Names the speakers an aliases file renames so, the old name kept as an alias.
    fn rename(&mut self, aliases: &Aliases) {
        if aliases.rename.is_empty() {
            return;
        }
        let keys: Vec<String> = self
            .speakers
            .iter()
            .filter(|(_, e)| aliases.rename.contains_key(&e.name.to_lowercase()))
            .map(|(k, _)| k.clone())
            .collect();
        for key in keys {
            if let Some(mut entry) = self.speakers.remove(&key) {
                if let Some(new) = aliases.rename.get(&entry.name.to_lowercase()) {
                    let old = std::mem::replace(&mut entry.name, new.clone());
                    entry.aliases.insert(old);
                    entry.aliases.remove(new);
                }
                self.insert(entry);
            }
        }
    }
}

impl IndexEntry {
    /// The entry's key in the index: its lowercase name, and for a generic nominal its story too.
    pub fn key(&self) -> String {
        let name = self.name.to_lowercase();
        match self.documents.first() {
            Some(doc)
                if self.story_only || names::is_generic(&self.name, self.kind, &self.aliases) =>
            {
                format!("{name} @ {doc}")
            }
            _ => name,
        }
    }

    /// Where the kind was read ([`KindSource`]).
    fn kind_source(&self) -> Option<KindSource> {
        self.kind_from.clone().or_else(|| {
            (self.documents.first()).map(|doc| KindSource {
                name_only: false,
                doc: doc.clone(),
            })
        })
    }

    /// Adds another entry of the same name: the name as the first document (by id) has it and
    /// the kind as [`KindSource`] orders them, whatever the order of merging; the other spelling
    /// stays an alias.
    fn absorb(&mut self, entry: IndexEntry) {
        if entry.kind_source() < self.kind_source() {
            self.kind = entry.kind;
            self.kind_from = entry.kind_source();
        }
        self.aliases.extend(entry.aliases);
        self.aliases.insert(entry.name.clone());
        self.aliases.insert(self.name.clone());
        if entry.documents.first() < self.documents.first() {
            self.name = entry.name;
        }
        self.aliases.remove(&self.name);
        self.documents.extend(entry.documents);
        self.quotes.extend(entry.quotes);
        for (doc, names) in entry.story_names {
            self.story_names.entry(doc).or_default().extend(names);
        }
        for (key, joined) in entry.joined {
            match self.joined.get_mut(&key) {
                Some(mine) => mine.absorb(joined),
                None => {
                    self.joined.insert(key, joined);
                }
            }
        }
    }

    /// Takes the part of the entry in `docs` out of it: the same name, kind and aliases, with
    /// those documents' quotes.
    fn take_documents(&mut self, docs: &BTreeSet<String>) -> IndexEntry {
        let (taken, kept): (Vec<IndexedQuote>, Vec<IndexedQuote>) =
            std::mem::take(&mut self.quotes)
                .into_iter()
                .partition(|q| docs.contains(&q.doc));
        self.quotes = kept;
        let documents: BTreeSet<String> = self.documents.intersection(docs).cloned().collect();
        self.documents.retain(|d| !docs.contains(d));
        let story_names = documents
            .iter()
            .filter_map(|d| self.story_names.remove_entry(d))
            .collect();
        IndexEntry {
            name: self.name.clone(),
            kind: self.kind,
            aliases: self.aliases.clone(),
            documents,
            quotes: taken,
            joined: BTreeMap::new(),
            summary: SpeakerSummary::default(),
            story_only: self.story_only,
            story_names,
            kind_from: self.kind_from.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
