//! Reads news stories for quotewire: plain text, HTML (the article as Mozilla's Readability finds
//! it), JSON Lines and JSON, gzip of each, directory trees (news files only) and stdin, and finds the parts of a wire story (headline,
//! dateline, byline, paragraphs, credit, trailing boilerplate) as byte spans.
//!
//! Reading is split in two so a batch can run it in parallel: [`Reader`] walks the inputs in
//! order and yields [`RawDocument`]s (bytes, bounded by a size limit); [`RawDocument::parse`]
//! decodes, extracts and lays out one document.
//!
//! ```
//! use quotewire_ingest::{RawDocument, SourceKind};
//!
//! let bytes = b"Talks fail\n\nBANGKOK-- \"No cool answers,\" Jeong said.\n\nYou may also like...";
//! let doc = RawDocument::new("seed.txt", SourceKind::Text, bytes.to_vec()).parse().unwrap();
//! let layout = &doc.layout;
//! assert_eq!(&doc.text[layout.headline.unwrap().range()], "Talks fail");
//! assert_eq!(&doc.text[layout.dateline.unwrap().place.range()], "BANGKOK");
//! assert_eq!(&doc.text[layout.paragraphs[0].range()], "\"No cool answers,\" Jeong said.");
//! ```
#![deny(missing_docs)]

mod decode;
mod error;
mod fields;
mod html;
mod json_values;
mod jsonl;
mod layout;
mod reader;
mod select;

pub use decode::decode;
pub use error::{DocError, IngestError};
pub use fields::{
    FieldNames, FieldRole, JsonFields, Notice, USUAL_ID_FIELDS, USUAL_TEXT_FIELDS,
    USUAL_TITLE_FIELDS,
};
pub use html::html_to_text;
pub use layout::find_layout;
pub use reader::{
    Input, LineRead, RawDocument, Reader, ReaderOptions, SourceKind, read_line_bounded,
};
pub use select::{FileFilter, NEWS_GLOBS, Skipped};

/// Result alias of this crate.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;
