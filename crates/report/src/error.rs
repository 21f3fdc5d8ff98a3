//! What can go wrong making a report.

use std::path::PathBuf;

use quotewire_export::ExportError;

/// An error of the report: the command stops with it (a bad line of the records file is no
/// error: it is skipped and counted, as `quotewire export` does).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The index or records file could not be read, or is not what it should be (the message
    /// names the file).
    #[error(transparent)]
    Read(ExportError),
    /// The file given as records is a speaker index.
    #[error("{} is a speaker index, not records: give the records of `quotewire run` with --records", path.display())]
    IndexAsRecords {
        /// The file.
        path: PathBuf,
    },
    /// A record has no `text`, which the story view needs.
    #[error(
        "{}: record {doc:?} has no `text` field: the report shows stories with their quotations \
         marked, which needs the text their spans point into; write the records with \
         `quotewire run --with-text`",
        path.display()
    )]
    NoText {
        /// The records file.
        path: PathBuf,
        /// The record's document id.
        doc: String,
    },
    /// The story asked for is not among the records.
    #[error("{}: no record of document {doc:?} (--story)", path.display())]
    UnknownStory {
        /// The records file.
        path: PathBuf,
        /// The document asked for.
        doc: String,
    },
    /// A story was asked for without records to find it in.
    #[error("--story {0:?} needs the records the story is in (--records FILE)")]
    StoryWithoutRecords(String),
    /// A chart could not be drawn.
    #[error("cannot draw the {chart} chart: {reason}")]
    Chart {
        /// The chart's id.
        chart: String,
        /// What the plotting library said.
        reason: String,
    },
    /// The report could not be written.
    #[error("cannot write the report to {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl From<ExportError> for ReportError {
    fn from(error: ExportError) -> Self {
        match error {
            ExportError::NoText { path, doc } => ReportError::NoText { path, doc },
            other => ReportError::Read(other),
        }
    }
}
