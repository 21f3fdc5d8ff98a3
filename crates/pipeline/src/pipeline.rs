//! The analysis stages composed for one document.

use std::panic::AssertUnwindSafe;

use quotewire_attrib::{Attributor, Candidate, TagError};
use quotewire_core::{Document, ErrorRecord, OutputLine, Record, Span};
use quotewire_ingest::{DocError, RawDocument};
use quotewire_score::{Scorers, TargetFinder};
use quotewire_segment::Segmenter;

use crate::index::SpeakerIndex;
use crate::related::StoryProfile;

/// The stages of `quotewire run`, built once and shared by the workers (`Send + Sync`).
pub struct Pipeline {
    with_text: bool,
    segmenter: Segmenter,
    attributor: Attributor,
    /// `None`: no sentiment or stance.
    scorer: Option<Scorers>,
    targets: TargetFinder,
    speaker_index: bool,
    story_profiles: bool,
    rules: bool,
    text_apart: bool,
}

/// What came of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The document's record, or its error record.
    pub line: OutputLine,
    /// The document's part of the speaker index, when the pipeline makes them
    /// ([`Pipeline::with_speaker_index`]); merge them with [`SpeakerIndex::merge`].
    pub index: Option<SpeakerIndex>,
    /// The document's profile for related stories, when the pipeline makes them
    /// ([`Pipeline::with_story_profiles`]); group them with [`crate::related::group`].
    pub profile: Option<StoryProfile>,
    /// The text the record's spans point into when the record does not carry it and the
    /// pipeline was asked for it ([`Pipeline::with_text_apart`]).
    pub text: Option<String>,
}

impl Outcome {
    /// The outcome of a document that failed.
    pub fn error(error: ErrorRecord) -> Self {
        Outcome {
            line: OutputLine::Error(error),
            index: None,
            profile: None,
            text: None,
        }
    }

    /// The record, when the document did not fail.
    pub fn record(&self) -> Option<&Record> {
        match &self.line {
            OutputLine::Record(record) => Some(record),
            OutputLine::Error(_) => None,
        }
    }

    /// The record and the text its spans point into (its own, or [`Outcome::text`]), when the
    /// document did not fail and the text is at hand.
    pub fn record_and_text(&self) -> Option<(&Record, &str)> {
        let record = self.record()?;
        let text = record.text.as_deref().or(self.text.as_deref())?;
        Some((record, text))
    }
}

impl From<DocError> for Outcome {
    /// A document that could not be read or decoded: its error record.
    fn from(e: DocError) -> Self {
        Outcome::error(ErrorRecord {
            doc: e.id,
            kind: e.error.kind().to_string(),
            error: e.error.to_string(),
        })
    }
}

impl Pipeline {
    /// The pipeline; `with_text` puts each document's text in its record. Sentiment and stance
    /// come from `scorer` (`Scorers::lexicon` is the default of `quotewire run`); without one the
    /// pipeline stops after attribution.
    pub fn new(with_text: bool, scorer: Option<Scorers>) -> Self {
        Pipeline {
            with_text,
            segmenter: Segmenter::new(),
            attributor: Attributor::new(),
            scorer,
            targets: TargetFinder::default(),
            speaker_index: false,
            story_profiles: false,
            rules: false,
            text_apart: false,
        }
    }

    /// Whether each outcome carries the document's text in [`Outcome::text`] when its record
    /// does not (for a caller's own corpus stage that reads the words under the spans).
    pub fn with_text_apart(mut self, yes: bool) -> Self {
        self.text_apart = yes;
        self
    }

    /// Finds attributions with `attributor` (a learned or hybrid one: see
    /// [`Attributor::with_tagger`]) instead of the rules alone.
    pub fn with_attributor(mut self, attributor: Attributor) -> Self {
        self.attributor = attributor;
        self
    }

    /// Whether each quote names the rule that read it (`rule`, as `quotewire eval --errors` shows
    /// them).
    pub fn with_rules(mut self, yes: bool) -> Self {
        self.rules = yes;
        self
    }

    /// Scores each quotation's stance toward these targets too (besides the speakers).
    pub fn with_targets(mut self, targets: TargetFinder) -> Self {
        self.targets = targets;
        self
    }

    /// Whether each outcome carries the document's part of the corpus speaker index.
    pub fn with_speaker_index(mut self, yes: bool) -> Self {
        self.speaker_index = yes;
        self
    }

    /// Whether each outcome carries the document's profile for related stories.
    pub fn with_story_profiles(mut self, yes: bool) -> Self {
        self.story_profiles = yes;
        self
    }

    /// Parses and analyses one document: its record, or its error record when it cannot be
    /// read. A bug in a stage costs this document only: its panic becomes an `internal` error
    /// record.
    pub fn process(&self, raw: RawDocument) -> Outcome {
        match raw.parse() {
            Ok(doc) => self.process_document(doc),
            Err(e) => e.into(),
        }
    }

    /// Analyses one document already read (by [`RawDocument::parse`] or
    /// [`RawDocument::parse_with_title`]): its record, or an `internal` error record when a stage
    /// panics (a bug: it costs this document only).
    pub fn process_document(&self, doc: Document) -> Outcome {
        let id = doc.id.clone();
        std::panic::catch_unwind(AssertUnwindSafe(|| self.analyse(doc))).unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Outcome::error(ErrorRecord {
                doc: id,
                kind: "internal".into(),
                error: format!(
                    "internal error while analysing the document (please report it): {message}"
                ),
            })
        })
    }

    /// Every reading the attribution rules give of one document before any is chosen (see
    /// [`Attributor::candidates`]), with the text their spans point into.
    pub fn candidates(&self, raw: RawDocument) -> Result<(String, Vec<Candidate>), DocError> {
        let doc = raw.parse()?;
        let (blocks, sentences) = self.blocks_and_sentences(&doc);
        let headline = doc.layout.headline;
        let candidates = (self.attributor).candidates(&doc.text, headline, &blocks, &sentences);
        Ok((doc.text, candidates))
    }

    /// The headline, then the body paragraphs: the blocks that are segmented and searched for
    /// quotations (the attributor is told which of them is the headline); and their sentences.
    fn blocks_and_sentences(&self, doc: &Document) -> (Vec<Span>, Vec<Span>) {
        let blocks: Vec<Span> = (doc.layout.headline.iter())
            .chain(&doc.layout.paragraphs)
            .copied()
            .collect();
        let sentences: Vec<Span> = blocks
            .iter()
            .flat_map(|block| self.segmenter.sentences_in(&doc.text, *block))
            .collect();
        (blocks, sentences)
    }

    /// Runs every stage on one document, then the corpus stages asked for on its record.
    fn analyse(&self, doc: Document) -> Outcome {
        let carries_text = self.with_text || doc.text_differs_from_input();
        let id = doc.id.clone();
        let (mut record, text) = match self.record(doc) {
            Ok(done) => done,
            Err(e) => {
                return Outcome::error(ErrorRecord {
                    doc: id,
                    kind: "attribution".into(),
                    error: e.to_string(),
                });
            }
        };
        let index = self.speaker_index.then(|| {
            let mut part = SpeakerIndex::default();
            part.add(&record, &text);
            part
        });
        let profile = self
            .story_profiles
            .then(|| StoryProfile::of(&record, &text));
        let (in_record, apart) = match (carries_text, self.text_apart) {
            (true, _) => (Some(text), None),
            (false, true) => (None, Some(text)),
            (false, false) => (None, None),
        };
        record.text = in_record;
        Outcome {
            line: OutputLine::Record(Box::new(record)),
            index,
            profile,
            text: apart,
        }
    }

    /// The record of one document without its text, and the text its spans point into:
    /// sentences (the headline as a sentence of its own, then each body paragraph's), then
    /// quotes and speakers, then sentiment and stance (with a scorer).
    fn record(&self, mut doc: Document) -> Result<(Record, String), TagError> {
        let (blocks, sentences) = self.blocks_and_sentences(&doc);
        let mut found =
            self.attributor
                .attribute(&doc.text, doc.layout.headline, &blocks, &sentences)?;
        let sentiment = self.scorer.as_ref().map(|scorer| {
            quotewire_score::score_document(
                scorer,
                &self.targets,
                &doc.text,
                &sentences,
                &mut found.quotes,
                &found.speakers,
            )
        });
        let text = std::mem::take(&mut doc.text);
        let mut record = Record::from_document(doc, false);
        record.text = None;
        record.sentences = Some(sentences);
        record.sentence_sentiment = sentiment;
        if self.rules {
            for (quote, rule) in found.quotes.iter_mut().zip(&found.rules) {
                quote.rule = Some(rule.id().to_string());
            }
        }
        record.quotes = Some(found.quotes);
        record.speakers = Some(found.speakers);
        Ok((record, text))
    }
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("with_text", &self.with_text)
            .field("targets", &self.targets)
            .field("speaker_index", &self.speaker_index)
            .field("story_profiles", &self.story_profiles)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_ingest::{IngestError, SourceKind};

    fn raw(text: &str) -> RawDocument {
        RawDocument::new("d.txt", SourceKind::Text, text.as_bytes().to_vec())
    }

    #[test]
    fn a_record_with_its_corpus_parts() {
        let text =
            "Talks fail\n\nSEOUL -- \"We tried very hard to end it,\" Jeong Kyeong-doo said.";
        let pipeline = Pipeline::new(false, None)
            .with_speaker_index(true)
            .with_story_profiles(true);
        let outcome = pipeline.process(raw(text));
        let record = outcome.record().expect("a record");
        assert_eq!(record.text, None, "spans point into the input");
        assert_eq!(record.quotes.as_ref().map(Vec::len), Some(1));
        let index = outcome.index.expect("an index part");
        assert!(index.speakers.contains_key("jeong kyeong-doo"));
        assert!(
            outcome
                .profile
                .expect("a profile")
                .lead()
                .starts_with("Talks fail")
        );
    }

    #[test]
    fn with_text_the_record_carries_it() {
        let text = "It ended. Jeong left.";
        let outcome = Pipeline::new(true, None).process(raw(text));
        let record = outcome.record().expect("a record");
        assert_eq!(record.text.as_deref(), Some(text));
        assert_eq!(outcome.index, None);
    }

    #[test]
    fn a_document_that_cannot_be_read_gets_its_error_record() {
        let outcome = Pipeline::new(false, None).process(raw("  \n"));
        let OutputLine::Error(error) = outcome.line else {
            panic!("an error record");
        };
        assert_eq!(error.kind, IngestError::Empty.kind());
        assert_eq!(error.doc, "d.txt");
    }
}
