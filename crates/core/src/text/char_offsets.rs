//! Character (code point) offsets, as Python and brat count them, converted to byte offsets.

use std::ops::Range;

use crate::Span;

/// The byte offset of every character of a text, found in one pass, so that any number of
/// character offsets convert to bytes (and back) without rescanning the text.
///
/// ```
/// use quotewire_core::text::CharOffsets;
///
/// let text = "Jeong: « inévitable »";
/// let offsets = CharOffsets::new(text);
/// let span = offsets.span(7..21).unwrap();
/// assert_eq!(&text[span.range()], "« inévitable »");
/// assert_eq!(offsets.char_range(span), Some(7..21));
/// assert_eq!(offsets.byte(22), None, "past the end");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharOffsets {
    /// The byte where each character starts, then the text's length.
    bytes: Vec<usize>,
}

impl CharOffsets {
    /// The offsets of `text`'s characters.
    pub fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend(text.char_indices().map(|(b, _)| b));
        bytes.push(text.len());
        CharOffsets { bytes }
    }

    /// The number of characters.
    pub fn chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The byte offset of character `c` (the text's length for `c` = the number of characters).
    pub fn byte(&self, c: usize) -> Option<usize> {
        self.bytes.get(c).copied()
    }

    /// The byte span of the characters `chars`.
    pub fn span(&self, chars: Range<usize>) -> Option<Span> {
        Some(Span::new(self.byte(chars.start)?, self.byte(chars.end)?))
    }

    /// The character offset of byte `b`, when `b` is a character boundary.
    pub fn char(&self, b: usize) -> Option<usize> {
        self.bytes.binary_search(&b).ok()
    }

    /// The characters of the byte span `span`, when both ends are character boundaries.
    pub fn char_range(&self, span: Span) -> Option<Range<usize>> {
        Some(self.char(span.start)?..self.char(span.end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_span_char_range() {
        let text = "“Non,” dit-il — 日本 ❤ ok";
        let offsets = CharOffsets::new(text);
        assert_eq!(offsets.chars(), text.chars().count());
        for (c, (b, ch)) in text.char_indices().enumerate() {
            let span = Span::new(b, b + ch.len_utf8());
            assert_eq!(offsets.span(c..c + 1), Some(span));
            assert_eq!(offsets.char_range(span), span.char_range(text));
        }
        assert_eq!(offsets.char(1), None, "inside `“`");
        assert_eq!(offsets.byte(offsets.chars()), Some(text.len()));
        assert_eq!(CharOffsets::new("").span(0..0), Some(Span::new(0, 0)));
    }
}
