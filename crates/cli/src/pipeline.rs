//! The analysis stages composed for one document.

use quotewire_attrib::Attributor;
use quotewire_core::{Document, Record, Span};
use quotewire_segment::Segmenter;

/// The stages of `quotewire run`, built once and shared by the workers.
#[derive(Debug)]
pub struct Pipeline {
    /// Whether every record carries its text.
    pub with_text: bool,
    segmenter: Segmenter,
    attributor: Attributor,
}

impl Pipeline {
    /// The pipeline; `with_text` puts each document's text in its record.
    pub fn new(with_text: bool) -> Self {
        Pipeline {
            with_text,
            segmenter: Segmenter::new(),
            attributor: Attributor::new(),
        }
    }

    /// Runs every stage on one document: sentences (the headline as a sentence of its own, then
    /// each body paragraph's), then quotes and speakers.
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
        let found =
            self.attributor
                .attribute(&doc.text, doc.layout.headline, &paragraphs, &sentences);
        let mut record = Record::from_document(doc, self.with_text);
        record.sentences = Some(sentences);
        record.quotes = Some(found.quotes);
        record.speakers = Some(found.speakers);
        record
    }
}
