//! Shared vocabulary of quotewire: documents, byte spans, the parts of a wire story, quotations,
//! speakers, sentiment and stance, and the output record that `quotewire run` writes.
//!
//! Every [`Span`] is a byte range into the document's original text (after decoding to UTF-8), so
//! `&text[span.range()]` is the annotated text itself.
//!
//! ```
//! use quotewire_core::{Document, Span};
//!
//! let doc = Document::new("seoul-1", "Minister Jeong Kyeong-doo said “no cool answers” came.");
//! let name = Span::new(9, 25);
//! assert_eq!(name.slice(&doc.text), Some("Jeong Kyeong-doo"));
//! // Character offsets are computed on demand: the curly quote is 3 bytes but 1 character.
//! let quote = Span::new(31, 52);
//! assert_eq!(quote.slice(&doc.text), Some("“no cool answers”"));
//! assert_eq!(quote.char_range(&doc.text), Some(31..48));
//! ```
#![deny(missing_docs)]

mod document;
mod paragraph;
mod quote;
mod record;
mod score;
mod span;

pub use document::{Dateline, Document, Encoding, Layout, SourceFormat};
pub use paragraph::paragraphs;
pub use quote::{EntityKind, Quote, QuoteKind, Speaker};
pub use record::{ErrorRecord, OutputLine, Record, output_schema};
pub use score::{Sentiment, Stance, StanceLabel};
pub use span::Span;
