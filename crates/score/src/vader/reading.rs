//! VADER's tokens, read once per text in one scan of each token's bytes: where the token ends
//! (Python's `str.split()`), its punctuation stripped (`_strip_punc_if_word`), its lowercase, its
//! lexicon entry and its capitals (`str.isupper()`). A passage of the text (a sentence, a
//! quotation's fragments) then takes its tokens from the reading, reading again only a token it
//! cuts.

use quotewire_core::Span;

use super::{Analysis, Marks, Token, Vader};

/// Classes of the bytes: whitespace to Python (ASCII, with the separators 0x1C–0x1F),
/// punctuation (`string.punctuation`), capitals, small letters, the bytes of other characters,
/// and, with `PUNCT`, the marks VADER counts (`!`, `?`) and the apostrophe (of `n't`).
const SPACE: u8 = 1;
const PUNCT: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
const WIDE: u8 = 16;
const MARK: u8 = 32;
const APOSTROPHE: u8 = 64;

static CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            WIDE
        } else if matches!(
            byte,
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f
        ) {
            SPACE
        } else if byte == b'!' || byte == b'?' {
            PUNCT | MARK
        } else if byte == b'\'' {
            PUNCT | APOSTROPHE
        } else if byte.is_ascii_punctuation() {
            PUNCT
        } else if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_lowercase() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The tokens of a whole text, with their lowercase.
#[derive(Debug, Default)]
pub(super) struct Reading {
    /// Each token, its span in the text.
    tokens: Vec<Token>,
    /// Each token's extent between whitespace, before its punctuation was stripped.
    raw: Vec<Span>,
    /// The text with its ASCII letters lowercased (an ASCII token's lowercase has the token's
    /// span), then the lowercase of the tokens with other characters.
    pub lower: String,
    /// The length of `lower` that the whole text's tokens take.
    text_lower: usize,
    /// Whether a token has a character of the emoji lexicon.
    emoji: bool,
    /// The text read, and by which lexicon ([`Vader::lexicon`]): read again, it is not re-read.
    source: String,
    lexicon: Option<u64>,
}

/// The length of the character at `at` (a character boundary of `text`, past its ASCII
/// whitespace) when it is whitespace to Python.
fn wide_space_at(text: &str, at: usize) -> Option<usize> {
    let c = text.get(at..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// Where the run of ASCII bytes that are not whitespace from `start` ends (at `end` at most),
/// and the union of their classes.
#[inline(always)]
fn ascii_run(bytes: &[u8], start: usize, end: usize) -> (usize, u8) {
    let (mut at, mut classes) = (start, 0);
    while let Some(&b) = bytes[..end].get(at) {
        let class = CLASS[usize::from(b)];
        if class & (SPACE | WIDE) != 0 {
            break;
        }
        classes |= class;
        at += 1;
    }
    (at, classes)
}

/// Whether a (short) word has `n't`.
fn has_nt(word: &str) -> bool {
    word.as_bytes().windows(3).any(|w| w == b"n't")
}

impl Vader {
    /// Reads every token of `text` into `reading`, unless it holds this lexicon's reading of a
    /// text of the same length with the same bytes in `region`, the part to be scored: a token
    /// there depends on those bytes only (one that `region` cuts is read again from `text`), so
    /// the check costs the region's length, not the text's (stance reads a document's
    /// quotations one by one).
    pub(super) fn read(&self, text: &str, region: Span, reading: &mut Reading) {
        let same_region = |old: &str| {
            let end = region.end.min(text.len());
            let range = region.start.min(end)..end;
            old.as_bytes().get(range.clone()) == text.as_bytes().get(range)
        };
        if reading.lexicon == Some(self.lexicon)
            && reading.source.len() == text.len()
            && same_region(&reading.source)
        {
            return;
        }
        reading.lexicon = Some(self.lexicon);
        reading.source.clear();
        reading.source.push_str(text);
        reading.tokens.clear();
        reading.raw.clear();
        reading.lower.clear();
        reading.lower.push_str(text);
        reading.lower.make_ascii_lowercase();
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            while at < bytes.len() && CLASS[usize::from(bytes[at])] == SPACE {
                at += 1;
            }
            if at == bytes.len() {
                break;
            }
            let start = at;
            // An ASCII token is read here; one with other characters by `read_token`.
            let classes;
            (at, classes) = ascii_run(bytes, start, bytes.len());
            if bytes.get(at).is_some_and(|b| !b.is_ascii()) {
                if at == start {
                    if let Some(len) = wide_space_at(text, at) {
                        at += len;
                        continue;
                    }
                }
                let within = Span::new(start, text.len());
                at = self.read_token(text, within, &mut reading.lower, &mut reading.tokens);
            } else {
                let token = self.ascii_token(bytes, &reading.lower, Span::new(start, at), classes);
                reading.tokens.push(token);
            }
            reading.raw.push(Span::new(start, at));
        }
        reading.text_lower = reading.lower.len();
        reading.emoji = reading.tokens.iter().any(|t| t.emoji);
    }

    /// Sets `a.tokens` to the tokens of the passage `regions` of the text `a.reading` has read:
    /// the tokens of each region in turn, as if the regions' text were joined by spaces (a region
    /// out of the text or off character boundaries has none). Returns whether one has an emoji.
    pub(super) fn passage(&self, text: &str, regions: &[Span], a: &mut Analysis) -> bool {
        a.tokens.clear();
        let Reading {
            tokens,
            raw,
            lower,
            text_lower,
            emoji,
            ..
        } = &mut a.reading;
        lower.truncate(*text_lower);
        for region in regions {
            if region.is_empty() || region.slice(text).is_none() {
                continue;
            }
            // The tokens it overlaps: the first and the last may be cut, those between are whole.
            let first = raw.partition_point(|r| r.end <= region.start);
            let end = first + raw[first..].partition_point(|r| r.start < region.end);
            if first == end {
                continue;
            }
            let cut = |k: usize, lower: &mut String, out: &mut Vec<Token>| {
                let within = Span::new(raw[k].start.max(region.start), raw[k].end.min(region.end));
                self.read_token(text, within, lower, out);
            };
            let mut whole = first..end;
            if raw[first].start < region.start {
                cut(first, lower, &mut a.tokens);
                whole.start += 1;
            }
            let last_cut = raw[end - 1].end > region.end && whole.start < end;
            if last_cut {
                whole.end -= 1;
            }
            a.tokens.extend_from_slice(&tokens[whole]);
            if last_cut {
                cut(end - 1, lower, &mut a.tokens);
            }
        }
        *emoji && a.tokens.iter().any(|t| t.emoji)
    }

    /// Reads the token that starts at `within.start` (not whitespace) and runs to the next
    /// whitespace or `within.end` into `out`; returns its end. `lower` is the text lowercased as
    /// [`Reading::lower`] is; the lowercase of a token with other than ASCII is appended to it.
    fn read_token(
        &self,
        text: &str,
        within: Span,
        lower: &mut String,
        out: &mut Vec<Token>,
    ) -> usize {
        let bytes = text.as_bytes();
        let (at, classes) = ascii_run(bytes, within.start, within.end);
        if at < within.end && CLASS[usize::from(bytes[at])] == WIDE {
            return self.read_wide_token(text, within, lower, out);
        }
        out.push(self.ascii_token(bytes, lower, Span::new(within.start, at), classes));
        at
    }

    /// The token of the ASCII bytes `raw` of the text `bytes` (no whitespace; `classes` the union
    /// of their classes), its lowercase in `lower` (the text lowercased, as [`Reading::lower`]).
    #[inline(always)]
    fn ascii_token(&self, bytes: &[u8], lower: &str, raw: Span, classes: u8) -> Token {
        let mut span = raw;
        if classes & PUNCT != 0 {
            // Stripped of its punctuation, a token of three characters or more is read stripped.
            let token = &bytes[raw.range()];
            let kept_start = token.iter().position(|b| !b.is_ascii_punctuation());
            let kept_end = token.iter().rposition(|b| !b.is_ascii_punctuation());
            if let (Some(from), Some(to)) = (kept_start, kept_end) {
                if to + 1 - from > 2 {
                    span = Span::new(raw.start + from, raw.start + to + 1);
                }
            }
        }
        let word = self.words.get_in(lower, span);
        let marks = match classes & MARK {
            0 => Marks::default(),
            _ => Marks::of(&bytes[raw.range()]),
        };
        let apostrophe = classes & APOSTROPHE != 0 && has_nt(&lower[span.range()]);
        Token {
            span,
            lower: span,
            word,
            // Punctuation has no case: the stripped token has the capitals of the whole.
            upper: classes & UPPER != 0 && classes & LOWER == 0,
            negated: word.negation || apostrophe,
            emoji: false,
            marks,
        }
    }

    /// [`Vader::read_token`] for a token with other than ASCII, in one scan of its characters.
    fn read_wide_token(
        &self,
        text: &str,
        within: Span,
        lower: &mut String,
        out: &mut Vec<Token>,
    ) -> usize {
        let bytes = text.as_bytes();
        let start = within.start;
        let mut at = start;
        // The bytes left when ASCII punctuation is stripped from both ends.
        let (mut kept_start, mut kept_end) = (usize::MAX, start);
        let (mut classes, mut chars, mut emoji) = (0, 0, false);
        while at < within.end {
            let class = CLASS[usize::from(bytes[at])];
            if class == WIDE {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if c.is_whitespace() {
                    break;
                }
                kept_start = kept_start.min(at);
                at += c.len_utf8();
                kept_end = at;
                if c.is_lowercase() {
                    classes |= LOWER;
                } else if c.is_uppercase() {
                    classes |= UPPER;
                }
                emoji |= self.emoji.contains_key(&c);
            } else {
                if class == SPACE {
                    break;
                }
                if class & PUNCT == 0 {
                    kept_start = kept_start.min(at);
                    kept_end = at + 1;
                }
                classes |= class;
                at += 1;
            }
            chars += 1;
        }
        // Punctuation is one byte a character.
        let stripped = kept_end.saturating_sub(kept_start);
        let span = if chars - (at - start - stripped) > 2 {
            Span::new(kept_start, kept_end)
        } else {
            Span::new(start, at)
        };
        let lower_start = lower.len();
        lower.extend(text[span.range()].chars().flat_map(char::to_lowercase));
        let word = self.words.get(&lower[lower_start..]);
        out.push(Token {
            span,
            lower: Span::new(lower_start, lower.len()),
            word,
            upper: classes & UPPER != 0 && classes & LOWER == 0,
            negated: word.negation || has_nt(&lower[lower_start..]),
            emoji,
            marks: Marks::of(&bytes[start..at]),
        });
        at
    }
}
