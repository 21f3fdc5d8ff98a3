#![doc = include_str!("../README.md")]
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
    FieldNames, FieldRole, JsonFields, Notice, USUAL_DATE_FIELDS, USUAL_ID_FIELDS,
    USUAL_TEXT_FIELDS, USUAL_TITLE_FIELDS,
};
pub use html::html_to_text;
pub use layout::find_layout;
pub use reader::{
    Input, LineRead, RawDocument, Reader, ReaderOptions, SourceKind, read_line_bounded,
};
pub use select::{FileFilter, NEWS_GLOBS, Skipped};

/// Result alias of this crate.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;
