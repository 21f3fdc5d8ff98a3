//! The document ids of a run: the same id twice is reported, never counted twice.

use quotewire_core::ErrorRecord;
use rustc_hash::FxHashSet;

/// The error kind of a document whose id an earlier document of the run has.
pub const DUPLICATE_ID: &str = "duplicate-id";

/// The ids seen so far in a run, in input order.
///
/// ```
/// use quotewire_pipeline::DocumentIds;
///
/// let mut ids = DocumentIds::default();
/// assert!(ids.repeated("a.txt").is_none());
/// let error = ids.repeated("a.txt").expect("the second a.txt is reported");
/// assert_eq!(error.kind, "duplicate-id");
/// ```
#[derive(Debug, Default)]
pub struct DocumentIds {
    seen: FxHashSet<String>,
}

impl DocumentIds {
    /// Notes a document's id; for an id seen before, the later copy's error record.
    pub fn repeated(&mut self, doc: &str) -> Option<ErrorRecord> {
        if !self.seen.insert(doc.to_string()) {
            return Some(ErrorRecord {
                doc: doc.to_string(),
                error: format!(
                    "document id {doc:?} is an earlier document's of this run: this copy is left out \
                     (records, index and related stories); give documents unique ids"
                ),
                kind: DUPLICATE_ID.to_string(),
            });
        }
        None
    }
}
