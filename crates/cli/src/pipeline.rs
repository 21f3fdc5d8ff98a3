//! The analysis stages composed for one document.

use quotewire_core::{Document, Record};

/// Options of the analysis.
#[derive(Debug, Clone, Copy)]
pub struct Pipeline {
    /// Whether every record carries its text.
    pub with_text: bool,
}

impl Pipeline {
    /// Runs every stage on one document.
    pub fn analyse(&self, doc: Document) -> Record {
        Record::from_document(doc, self.with_text)
    }
}
