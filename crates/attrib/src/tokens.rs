//! Words and punctuation of a region, as byte spans, with the quotation marks paired.

use std::borrow::Cow;

use quotewire_core::Span;
use quotewire_core::text::{HasSpan, QuoteMark, QuoteSet, Role, SortedSpans, Style};

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    pub word: bool,
    /// Whether it is all ASCII.
    pub ascii: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.range()]
    }
}

/// The tokens of a text's sentences, with the text in ASCII lowercase to read words from
/// without allocating.
pub(crate) struct Tokens {
    pub list: Vec<Token>,
    lower: String,
}

impl Tokens {
    /// The tokens of each region (in text order, not overlapping), one list: a token never
    /// crosses from one region into the next (`twice.The` split by the segmenter stays two).
    pub fn new(text: &str, regions: &[Span]) -> Self {
        let bytes: usize = regions.iter().map(|r| r.len()).sum();
        let mut list = Vec::with_capacity(bytes / 5 + 1);
        for region in regions {
            tokenize_into(text, *region, &mut list);
        }
        Tokens {
            list,
            lower: text.to_ascii_lowercase(),
        }
    }

    /// Token `t` of `text` in lowercase.
    pub fn lower<'s>(&'s self, text: &str, t: &Token) -> Cow<'s, str> {
        match t.ascii {
            true => Cow::Borrowed(&self.lower[t.span.range()]),
            false => Cow::Owned(t.text(text).to_lowercase()),
        }
    }
}

/// Letters and digits, joined by inner `-`, `'`, `’`, `.` and `&` (`Kyeong-doo`, `Seoul's`,
/// `U.S.`); every other non-space char is a token of its own.
pub(crate) fn tokenize(text: &str, region: Span) -> Vec<Token> {
    // About one token per five bytes of news text.
    let mut tokens = Vec::with_capacity(region.len() / 5 + 1);
    tokenize_into(text, region, &mut tokens);
    tokens
}

fn tokenize_into(text: &str, region: Span, tokens: &mut Vec<Token>) {
    if region.slice(text).is_none() {
        return;
    }
    let bytes = text.as_bytes();
    let char_at = |i: usize| char_at(text, region.end, i);
    let mut i = region.start;
    while let Some((c, len)) = char_at(i) {
        let start = i;
        i += len;
        let (space, alphanumeric) = match len {
            1 => (
                ASCII_SPACE[usize::from(bytes[start])],
                ASCII_ALNUM[usize::from(bytes[start])],
            ),
            _ => (c.is_whitespace(), c.is_alphanumeric()),
        };
        if space {
            continue;
        }
        if !alphanumeric {
            tokens.push(Token {
                span: Span::new(start, i),
                word: false,
                ascii: len == 1,
            });
            continue;
        }
        let mut ascii = len == 1;
        loop {
            // A run of ASCII letters and digits without decoding.
            i += bytes[i..region.end]
                .iter()
                .position(|&b| !ASCII_ALNUM[usize::from(b)])
                .unwrap_or(region.end - i);
            let Some((d, len)) = char_at(i) else {
                break;
            };
            let joins = matches!(d, '-' | '\'' | '’' | '.' | '&')
                && char_at(i + len).is_some_and(|(after, _)| after.is_alphanumeric());
            if d.is_alphanumeric() || joins {
                ascii &= len == 1;
                i += len;
            } else {
                break;
            }
        }
        // Initials keep their final period: `U.S.`, `S.`
        if i < region.end && bytes.get(i) == Some(&b'.') {
            let word = &text[start..i];
            if word
                .split('.')
                .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
            {
                i += 1;
            }
        }
        tokens.push(Token {
            span: Span::new(start, i),
            word: true,
            ascii,
        });
    }
}

/// Whether each byte is ASCII whitespace (the ASCII chars `char::is_whitespace` takes).
const ASCII_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = matches!(b as u8, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
        b += 1;
    }
    table
};

/// Whether each byte is an ASCII letter or digit.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The char at `i` (before `end`) and its length; ASCII without decoding.
#[inline(always)]
fn char_at(text: &str, end: usize, i: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(i) {
        _ if i >= end => None,
        Some(&b) if b < 0x80 => Some((b as char, 1)),
        _ => text[i..end].chars().next().map(|c| (c, c.len_utf8())),
    }
}

impl HasSpan for Token {
    fn span(&self) -> Span {
        self.span
    }
}

/// The tokens (in text order) that lie wholly inside `region`.
pub(crate) fn within(tokens: &[Token], region: Span) -> &[Token] {
    &tokens[tokens.within(region)]
}

/// The double quotation marks that pair into quotations: straight, curly (English, and German
/// low ones) and guillemets.
const MARKS: QuoteSet = QuoteSet::ALL.double().styles(&[
    Style::Straight,
    Style::Curly,
    Style::LowCurly,
    Style::Guillemet,
]);

/// The double quotation mark starting `s` and its length: opening, closing, or straight (either).
/// Two apostrophes (`''`, the New York Times style) are a straight mark.
fn mark(s: &str) -> Option<(Mark, usize)> {
    let c = s.chars().next()?;
    if c == '\'' {
        return s[1..].starts_with('\'').then_some((Mark::Straight, 2));
    }
    let m = QuoteMark::of(c).filter(|_| MARKS.contains(c))?;
    let role = match m.role {
        Role::Opening => Mark::Open,
        Role::Closing => Mark::Close,
        Role::Either => Mark::Straight,
    };
    Some((role, c.len_utf8()))
}

/// The style of the mark `s` starts with: straight, curly (English or German) or guillemets.
fn style(s: &str) -> Option<Style> {
    let c = s.chars().next()?;
    if c == '\'' {
        return Some(Style::Straight);
    }
    let m = QuoteMark::of(c).filter(|_| MARKS.contains(c))?;
    Some(match m.style {
        Style::LowCurly => Style::Curly,
        other => other,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Straight,
}

/// A quotation: one fragment per paragraph it runs through, marks included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quotation {
    pub fragments: Vec<Span>,
    /// Whether it closed with a closing mark (an unclosed one runs to its paragraph's end).
    pub closed: bool,
}

/// Where a quotation mark may start in `bytes`, in order: at `"`, `''` and the first byte of
/// `“”„` and `«»` (never a byte inside a char, so each is a char boundary).
fn mark_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut single = memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes).peekable();
    let mut double = memchr::memmem::find_iter(bytes, b"''").peekable();
    std::iter::from_fn(move || match (single.peek(), double.peek()) {
        (Some(a), Some(b)) if b < a => double.next(),
        (Some(_), _) => single.next(),
        (None, _) => double.next(),
    })
}

/// Whether the mark at `i` (of `len` bytes) opens a new sentence of a quotation already open:
/// after sentence-final punctuation and a space, before a letter (`club. "I've`).
fn reopens(slice: &str, i: usize, len: usize) -> bool {
    let before = &slice[..i];
    let trimmed = before.trim_end();
    trimmed.len() < before.len()
        && trimmed.ends_with(['.', '?', '!'])
        && slice[i + len..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Pairs the double quotation marks of each paragraph. A paragraph that ends inside a quotation
/// continues it when the next paragraph opens with a quotation mark (the news convention for a
/// quotation over several paragraphs); otherwise the quotation runs to its paragraph's end. A
/// second opening mark before a closing one restarts the quotation there, so an unbalanced mark
/// only affects its own paragraph.
pub(crate) fn quotations(text: &str, paragraphs: &[Span]) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut carried: Option<Quotation> = None;
    for (p, para) in paragraphs.iter().enumerate() {
        let Some(slice) = para.slice(text) else {
            continue;
        };
        let mut open: Option<usize> = None;
        let bytes = slice.as_bytes();
        let mut past = 0;
        for i in mark_starts(bytes) {
            if i < past {
                continue;
            }
            let Some((m, len)) = mark(&slice[i..]) else {
                continue;
            };
            past = i + len;
            let at = para.start + i;
            match (open, m) {
                (None, Mark::Open | Mark::Straight) => open = Some(at),
                // A closing mark typed where an opening one belongs: at a word's start
                // (`\n”Fear. I am afraid.”`), it opens.
                (None, Mark::Close) => {
                    let before = slice[..i].chars().next_back();
                    let after = slice[i + len..].chars().next();
                    if before.is_none_or(char::is_whitespace)
                        && after.is_some_and(char::is_alphanumeric)
                    {
                        open = Some(at);
                    }
                }
                // `club. "I've`: a mark that opens a sentence while a quotation is open
                // goes on with it (paragraphs run together, each opening with a mark).
                (Some(start), Mark::Straight | Mark::Open) if reopens(slice, i, len) => {
                    let end = para.start + slice[..i].trim_end().len();
                    carried
                        .get_or_insert_with(|| Quotation {
                            fragments: vec![],
                            closed: true,
                        })
                        .fragments
                        .push(Span::new(start, end));
                    open = Some(at);
                }
                (Some(start), Mark::Close | Mark::Straight) => {
                    let mut quote = carried.take().unwrap_or(Quotation {
                        fragments: vec![],
                        closed: true,
                    });
                    quote.fragments.push(Span::new(start, at + len));
                    out.push(quote);
                    open = None;
                }
                (Some(_), Mark::Open) => {
                    // Unbalanced: the earlier mark opened nothing.
                    if let Some(q) = carried.take() {
                        out.push(Quotation { closed: false, ..q });
                    }
                    open = Some(at);
                }
            }
        }
        if let Some(start) = open {
            let fragment = Span::new(start, para.end);
            // The next paragraph goes on with it when it opens with a mark of the same style:
            // a story quoting an excerpt in straight marks keeps its own curly ones apart.
            let next_opens = paragraphs
                .get(p + 1)
                .and_then(|n| n.slice(text))
                .is_some_and(|n| {
                    matches!(mark(n), Some((Mark::Open | Mark::Straight, _)))
                        && style(n) == style(&text[start..])
                });
            let mut quote = carried.take().unwrap_or(Quotation {
                fragments: vec![],
                closed: true,
            });
            quote.fragments.push(fragment);
            if next_opens {
                carried = Some(quote);
            } else {
                out.push(Quotation {
                    closed: false,
                    ..quote
                });
            }
        } else if let Some(q) = carried.take() {
            out.push(Quotation { closed: false, ..q });
        }
    }
    out.extend(carried);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_tables_agree_with_char() {
        for b in 0..128u8 {
            let c = b as char;
            assert_eq!(ASCII_SPACE[usize::from(b)], c.is_whitespace(), "{b}");
            assert_eq!(ASCII_ALNUM[usize::from(b)], c.is_alphanumeric(), "{b}");
        }
    }

    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn tokens_keep_names_and_initials() {
        assert_eq!(
            words("Seoul's U.S. envoy Ko Min-jung said: “don’t.”"),
            [
                "Seoul's", "U.S.", "envoy", "Ko", "Min-jung", "said", ":", "“", "don’t", ".", "”"
            ]
        );
    }

    #[test]
    fn a_closing_mark_at_a_word_start_opens() {
        let text = "Photo.\n\n”Fear. I am afraid.” ― Karen\n”Hope.” and he said” so.";
        let paragraphs = quotewire_core::paragraphs(text);
        let quotes: Vec<&str> = quotations(text, &paragraphs)
            .iter()
            .map(|q| &text[q.fragments[0].range()])
            .collect();
        assert_eq!(quotes, ["”Fear. I am afraid.”", "”Hope.”"]);
    }

    #[test]
    fn a_mark_opening_a_sentence_goes_on_with_the_open_quotation() {
        let text = "Zoë said: \"Ça va bien. \"Über alles, merci.\" Then.";
        let quotes: Vec<Vec<&str>> = quotations(text, &[Span::new(0, text.len())])
            .iter()
            .map(|q| q.fragments.iter().map(|s| &text[s.range()]).collect())
            .collect();
        assert_eq!(
            quotes,
            vec![vec!["\"Ça va bien.", "\"Über alles, merci.\""]]
        );
    }

    #[test]
    fn quotations_over_paragraphs_and_unbalanced() {
        let text = "“One,” he said. “Two\n\n“Three.”\n\nA “stray one\n\nEnd « fin » here.";
        let paragraphs = quotewire_core::paragraphs(text);
        let quotes: Vec<Vec<&str>> = quotations(text, &paragraphs)
            .iter()
            .map(|q| q.fragments.iter().map(|s| &text[s.range()]).collect())
            .collect();
        assert_eq!(
            quotes,
            vec![
                vec!["“One,”"],
                vec!["“Two", "“Three.”"],
                vec!["“stray one"],
                vec!["« fin »"]
            ]
        );
        let text = "''It was,'' he said, ''a stone.'' Don't.";
        let quotes: Vec<&str> = quotations(text, &[Span::new(0, text.len())])
            .iter()
            .map(|q| &text[q.fragments[0].range()])
            .collect();
        assert_eq!(quotes, ["''It was,''", "''a stone.''"]);
    }
}
