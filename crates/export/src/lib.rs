#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod error;
mod export;
pub mod quotes;
mod read;
pub mod sentences;
pub mod show;
mod sink;
pub mod spans;
pub mod speakers;
mod table;
pub mod top;

pub use error::ExportError;
pub use export::{Exported, TableKind, export, export_to};
pub use quotes::QuoteTable;
pub use read::{InputKind, Skipped, TextRecord, each_record, input_kind, read_index};
pub use sink::{Format, TableFile, TableWriter};
pub use speakers::SpeakerTable;
pub use table::{Cell, Column, ColumnType, Row};
pub use top::{RankBy, Top, TopOptions, top};

#[cfg(test)]
mod tests;
