//! The stages of `quotewire run` composed for one document, for the binary and the benchmarks.
//!
//! ```
//! use quotewire_cli::pipeline::Pipeline;
//! use quotewire_ingest::{RawDocument, SourceKind};
//!
//! let doc = RawDocument::new("d.txt", SourceKind::Text, b"Talks fail\n\nSEOUL (Yonhap) -- It ended. Jeong left.".to_vec())
//!     .parse()
//!     .unwrap();
//! let record = Pipeline::new(false).analyse(doc);
//! assert_eq!(record.sentences.unwrap().len(), 3);
//! ```
#![deny(missing_docs)]

pub mod index;
pub mod pipeline;
pub mod related;
