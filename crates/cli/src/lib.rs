//! The stages of `quotewire run` composed for one document, for the binary and the benchmarks.
//!
//! ```
//! use quotewire_cli::pipeline::Pipeline;
//! use quotewire_ingest::{RawDocument, SourceKind};
//!
//! let doc = RawDocument::new("d.txt", SourceKind::Text, b"Talks fail\n\nSEOUL (Yonhap) -- It ended. Jeong left.".to_vec())
//!     .parse()
//!     .unwrap();
//! let scorer = quotewire_score::Scorers::lexicon();
//! let record = Pipeline::new(false, Some(scorer)).analyse(doc);
//! assert_eq!(record.sentences.unwrap().len(), 3);
//! assert_eq!(record.sentence_sentiment.unwrap().len(), 3);
//! ```
#![deny(missing_docs)]

pub mod index;
pub mod pipeline;
pub mod related;
