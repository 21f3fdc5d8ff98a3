//! Text primitives every stage shares: the quotation marks and their roles, lookups in sorted
//! spans, and character offsets converted to bytes in one pass.

mod char_offsets;
mod quote_marks;
mod sorted_spans;

pub use char_offsets::CharOffsets;
pub use quote_marks::{Level, QUOTE_MARKS, QuoteMark, QuoteSet, Role, Style};
pub use sorted_spans::{HasSpan, SortedSpans};
