//! The analysis stages composed for one document.

use quotewire_attrib::Attributor;
use quotewire_core::{Document, Record, Span};
use quotewire_score::{Scorers, TargetFinder};
use quotewire_segment::Segmenter;

/// The stages of `quotewire run`, built once and shared by the workers.
pub struct Pipeline {
    /// Whether every record carries its text.
    pub with_text: bool,
    segmenter: Segmenter,
    attributor: Attributor,
    /// `None`: no sentiment or stance.
    scorer: Option<Scorers>,
    targets: TargetFinder,
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
        }
    }

    /// Scores each quotation's stance toward these targets too (besides the speakers).
    pub fn with_targets(mut self, targets: TargetFinder) -> Self {
        self.targets = targets;
        self
    }

    /// Runs every stage on one document: sentences (the headline as a sentence of its own, then
    /// each body paragraph's), then quotes and speakers, then sentiment and stance (with a
    /// scorer).
    pub fn analyse(&self, doc: Document) -> Record {
        let paragraphs: Vec<Span> = doc
            .layout
            .headline
            .iter()
            .chain(&doc.layout.paragraphs)
            .copied()
            .collect();
        let sentences: Vec<Span> = paragraphs
            .iter()
            .flat_map(|p| self.segmenter.sentences_in(&doc.text, *p))
            .collect();
        let mut found =
            self.attributor
                .attribute(&doc.text, doc.layout.headline, &paragraphs, &sentences);
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
        let mut record = Record::from_document(doc, self.with_text);
        record.sentences = Some(sentences);
        record.sentence_sentiment = sentiment;
        record.quotes = Some(found.quotes);
        record.speakers = Some(found.speakers);
        record
    }
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("with_text", &self.with_text)
            .field("targets", &self.targets)
            .finish_non_exhaustive()
    }
}
