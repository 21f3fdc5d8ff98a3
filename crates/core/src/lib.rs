#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod bio;
mod document;
mod json_line;
pub mod lexicon;
mod paragraph;
mod quote;
mod record;
mod score;
pub mod seeded;
mod span;
pub mod text;

pub use document::{Dateline, Document, Encoding, Layout, SourceFormat};
pub use paragraph::paragraphs;
pub use quote::{EntityKind, KindEvidence, Quote, QuoteKind, Speaker};
pub use record::{ErrorRecord, OutputLine, Record, output_schema};
pub use score::{Sentiment, Stance, StanceLabel, TargetKind};
pub use span::Span;
