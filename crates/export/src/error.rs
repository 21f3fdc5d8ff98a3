//! What can go wrong reading records and indexes and writing tables.

use std::path::PathBuf;

/// An error of the export crate: the command stops with it (a bad line of a records file is no
/// error: it is skipped and counted in [`crate::Skipped`]).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Writing the table failed.
    #[error("cannot write the table: {0}")]
    Write(#[from] std::io::Error),
    /// A record has no `text` field, so the words under its spans cannot be read.
    #[error(
        "{}: record {doc:?} has no `text` field: the table needs the text its spans point into; \
         write the records with `quotewire run --with-text`",
        path.display()
    )]
    NoText {
        /// The records file.
        path: PathBuf,
        /// The record's document id.
        doc: String,
    },
    /// A file given as a speaker index is not one.
    #[error("{} is not a speaker index (`quotewire run --index FILE`): {source}", path.display())]
    NotAnIndex {
        /// The file.
        path: PathBuf,
        /// What the JSON reader said.
        source: serde_json::Error,
    },
    /// Parquet asked for without a file to write it to.
    #[error("Parquet is written to a file: give -o FILE")]
    ParquetToStdout,
    /// A table that is made from records was given a speaker index.
    #[error(
        "{}: the {table} table is made from records (`quotewire run --with-text`), not from a \
         speaker index",
        path.display()
    )]
    IndexGiven {
        /// The file.
        path: PathBuf,
        /// The table asked for.
        table: &'static str,
    },
    /// A span of a record is not on the record's text.
    #[error("span {start}..{end} is not on the text ({len} bytes, or not on a character boundary)")]
    Span {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// Length of the text.
        len: usize,
    },
    /// No speaker of the index takes a stance toward the target asked for.
    #[error("no speaker of the index takes a stance toward {target:?}; targets: {known}")]
    UnknownTarget {
        /// The target asked for.
        target: String,
        /// The targets the index has, for the message.
        known: String,
    },
    /// No speaker of the index has the name asked for.
    #[error("no speaker of the index is called {0:?}")]
    UnknownSpeaker(String),
    /// Several speakers have the name asked for.
    #[error("{name:?} names several speakers: {candidates}; ask for one by its key")]
    AmbiguousSpeaker {
        /// The name asked for.
        name: String,
        /// Their keys, for the message.
        candidates: String,
    },
    /// CSV writing failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Parquet writing failed.
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Arrow could not build a batch of rows.
    #[error("cannot build Arrow arrays: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A row does not fit the table's columns (a bug of this crate).
    #[error(
        "row of {cells} cells for a table of {columns} columns, or a cell of the wrong type in column {column:?}"
    )]
    Row {
        /// The cells of the row.
        cells: usize,
        /// The columns of the table.
        columns: usize,
        /// The column where it went wrong.
        column: String,
    },
}
