use std::ops::Range;

use schemars::JsonSchema;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// A half-open byte range `start..end` into a document's text.
///
/// Serialised as `{"start": b, "end": b}` in UTF-8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The byte range, for slicing: `&text[span.range()]`.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text under the span, or `None` when it is out of bounds or not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.range())
    }

    /// The span in Unicode scalar values (code points), as Python slicing counts them.
    pub fn char_range(&self, text: &str) -> Option<Range<usize>> {
        self.slice(text)?;
        let start = text[..self.start].chars().count();
        Some(start..start + text[self.range()].chars().count())
    }

    /// This span with leading and trailing whitespace of `text` removed.
    pub fn trim(&self, text: &str) -> Span {
        let Some(inner) = self.slice(text) else {
            return *self;
        };
        let start = self.start + (inner.len() - inner.trim_start().len());
        let end = start + inner.trim().len();
        Span { start, end }
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// As the derive would write it, but inlined: records hold many spans.
impl Serialize for Span {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut span = serializer.serialize_struct("Span", 2)?;
        span.serialize_field("start", &self.start)?;
        span.serialize_field("end", &self.end)?;
        span.end()
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_multibyte_text() {
        let text = "Ko Min-jung: « inévitable »";
        let s = Span::new(13, 30);
        assert_eq!(s.slice(text), Some("« inévitable »"));
        assert_eq!(s.char_range(text), Some(13..27));
        assert_eq!(
            Span::new(14, 15).slice(text),
            None,
            "inside a multi-byte char"
        );
        assert_eq!(Span::new(10, 99).slice(text), None, "out of bounds");
    }

    #[test]
    fn trims_whitespace() {
        let text = "  “Jeong said”\n";
        let s = Span::new(0, text.len()).trim(text);
        assert_eq!(s.slice(text), Some("“Jeong said”"));
        assert_eq!(Span::new(0, 2).trim(text).len(), 0);
    }

    #[test]
    fn serialises_as_start_end() {
        let json = serde_json::to_string(&Span::new(3, 9)).unwrap();
        assert_eq!(json, r#"{"start":3,"end":9}"#);
        assert!(Span::new(0, 4).overlaps(&Span::new(3, 5)));
        assert!(!Span::new(0, 3).overlaps(&Span::new(3, 5)));
    }
}
