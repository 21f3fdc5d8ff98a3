//! The analysis stages composed for one document.

use quotewire_core::{Document, Record, Span};
use quotewire_segment::Segmenter;

/// The stages of `quotewire run`, built once and shared by the workers.
#[derive(Debug)]
pub struct Pipeline {
    /// Whether every record carries its text.
    pub with_text: bool,
    segmenter: Segmenter,
}

impl Pipeline {
    /// The pipeline; `with_text` puts each document's text in its record.
    pub fn new(with_text: bool) -> Self {
        Pipeline {
            with_text,
            segmenter: Segmenter::new(),
        }
    }

    /// Runs every stage on one document.
    pub fn analyse(&self, doc: Document) -> Record {
        let sentences = self.sentences(&doc);
        let mut record = Record::from_document(doc, self.with_text);
        record.sentences = Some(sentences);
        record
    }

    /// The headline as a sentence of its own, then the sentences of each body paragraph.
    fn sentences(&self, doc: &Document) -> Vec<Span> {
        let layout = &doc.layout;
        let paragraphs = layout.headline.iter().chain(&layout.paragraphs);
        paragraphs
            .flat_map(|p| self.segmenter.sentences_in(&doc.text, *p))
            .collect()
    }
}
