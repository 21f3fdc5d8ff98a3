//! Lookups in a slice of spans sorted by start that do not overlap (sentences, paragraphs,
//! tokens, mentions): which one holds an offset, which lie inside or overlap a region. Each is a
//! binary search.

use std::ops::Range;

use crate::Span;

/// Something that covers a [`Span`] of the text: a span itself, a token, a `(key, span)` pair.
pub trait HasSpan {
    /// The span it covers.
    fn span(&self) -> Span;
}

impl HasSpan for Span {
    #[inline]
    fn span(&self) -> Span {
        *self
    }
}

impl<K> HasSpan for (K, Span) {
    #[inline]
    fn span(&self) -> Span {
        self.1
    }
}

/// Lookups in a slice sorted by span start whose spans do not overlap (so their ends are sorted
/// too). On a slice that is not sorted the answers are unspecified but never out of bounds.
///
/// ```
/// use quotewire_core::Span;
/// use quotewire_core::text::SortedSpans;
///
/// let text = "Séoul a dit « non ». Tokyo aussi.";
/// let sentences = [Span::new(0, 22), Span::new(23, text.len())];
/// let at = text.find("Tokyo").unwrap();
/// assert_eq!(sentences.containing(at), Some(1));
/// assert_eq!(sentences.containing(22), None, "the space between them");
/// assert_eq!(sentences.last_starting_at_or_before(22), Some(0));
/// let words = [Span::new(0, 6), Span::new(7, 8), Span::new(9, 12), Span::new(13, 15)];
/// assert_eq!(&text[words[0].range()], "Séoul");
/// assert_eq!(words.overlapping(Span::new(5, 8)), 0..2);
/// assert_eq!(words.within(Span::new(5, 12)), 1..3);
/// ```
pub trait SortedSpans {
    /// The index of the span that holds byte `at` (`start <= at < end`).
    fn containing(&self, at: usize) -> Option<usize>;

    /// The index of the last span that starts at or before byte `at`, whether or not it reaches
    /// `at` (the paragraph or sentence an offset between two of them belongs to).
    fn last_starting_at_or_before(&self, at: usize) -> Option<usize>;

    /// The indices of the spans that lie wholly inside `region`.
    fn within(&self, region: Span) -> Range<usize>;

    /// The indices of the spans that share at least one byte with `region` (an empty region
    /// strictly inside a span gives that span).
    fn overlapping(&self, region: Span) -> Range<usize>;
}

impl<T: HasSpan> SortedSpans for [T] {
    #[inline]
    fn containing(&self, at: usize) -> Option<usize> {
        self.last_starting_at_or_before(at)
            .filter(|&i| at < self[i].span().end)
    }

    #[inline]
    fn last_starting_at_or_before(&self, at: usize) -> Option<usize> {
        self.partition_point(|s| s.span().start <= at)
            .checked_sub(1)
    }

    #[inline]
    fn within(&self, region: Span) -> Range<usize> {
        let first = self.partition_point(|s| s.span().start < region.start);
        let end = self.partition_point(|s| s.span().end <= region.end);
        first..end.max(first)
    }

    #[inline]
    fn overlapping(&self, region: Span) -> Range<usize> {
        let first = self.partition_point(|s| s.span().end <= region.start);
        let end = self.partition_point(|s| s.span().start < region.end);
        first..end.max(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_on_multibyte_text() {
        let text = "“Non,” dit-il. « Jamais » répéta-t-il.";
        let words: Vec<Span> = {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        out.push(Span::new(s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        let slice =
            |r: Range<usize>| -> Vec<&str> { words[r].iter().map(|w| &text[w.range()]).collect() };
        let jamais = text.find("Jamais").unwrap();
        let i = words.containing(jamais + 2).unwrap();
        assert_eq!(&text[words[i].range()], "Jamais");
        assert_eq!(words.containing(text.find('«').unwrap()), None);
        let quote = Span::new(
            text.find('«').unwrap(),
            text.find('»').unwrap() + '»'.len_utf8(),
        );
        assert_eq!(&text[quote.range()], "« Jamais »");
        assert_eq!(slice(words.within(quote)), ["Jamais"]);
        assert_eq!(slice(words.overlapping(Span::new(1, 5))), ["Non"]);
        assert_eq!(slice(words.overlapping(Span::new(4, 4))), ["Non"]);
        assert_eq!(
            slice(words.overlapping(Span::new(3, 3))),
            Vec::<&str>::new()
        );
        assert_eq!(
            slice(words.within(Span::new(0, text.len()))).len(),
            words.len()
        );
        assert_eq!(words.last_starting_at_or_before(0), None);
    }

    #[test]
    fn pairs_and_empty_slices() {
        let mentions = [(7usize, Span::new(2, 4)), (3, Span::new(6, 9))];
        assert_eq!(mentions.containing(6), Some(1));
        assert_eq!(mentions.within(Span::new(0, 5)), 0..1);
        let none: [Span; 0] = [];
        assert_eq!(none.containing(0), None);
        assert_eq!(none.within(Span::new(0, 9)), 0..0);
        assert_eq!(none.overlapping(Span::new(0, 9)), 0..0);
    }
}
