//! The lexicon's words, looked up by a token's lowercase: a word of up to seven bytes by one
//! number (its bytes and its length), so that the lookup of most tokens hashes and compares one
//! integer; longer words by their text. The entries sit apart from the tables, packed.

use quotewire_core::Span;
use rustc_hash::FxHashMap;

use super::Word;

/// The longest word looked up by number.
const SHORT: usize = 7;

/// What the lexicons say of each word.
#[derive(Debug, Clone, Default)]
pub(super) struct Words {
    short: FxHashMap<u64, u32>,
    long: FxHashMap<Box<str>, u32>,
    entries: Vec<Word>,
}

/// `word` as one number, when it has at most [`SHORT`] bytes: the bytes from the lowest, the
/// length in the highest byte.
#[inline]
fn short_key(word: &[u8]) -> Option<u64> {
    let len = word.len();
    if len > SHORT {
        return None;
    }
    let packed = word
        .iter()
        .enumerate()
        .fold(0, |key, (i, &b)| key | u64::from(b) << (8 * i));
    Some(packed | (len as u64) << 56)
}

impl Words {
    /// The entry of `word`, made empty where there is none.
    pub fn entry(&mut self, word: &str) -> &mut Word {
        let next = self.entries.len() as u32;
        let at = match short_key(word.as_bytes()) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => *self.long.entry(word.into()).or_insert(next),
        };
        if at == next {
            self.entries.push(Word::default());
        }
        &mut self.entries[at as usize]
    }

    /// What the lexicons say of `word` (nothing where it is not in them).
    #[inline]
    pub fn get(&self, word: &str) -> Word {
        self.find(short_key(word.as_bytes()), word)
    }

    /// [`Words::get`] of the word at `span` of `text`: a short word's key is made from the eight
    /// bytes there in one load where the text has them.
    #[inline]
    pub fn get_in(&self, text: &str, span: Span) -> Word {
        let len = span.len();
        let word = &text[span.range()];
        let eight = text.as_bytes().get(span.start..span.start + 8);
        let key = match eight.and_then(|bytes| <[u8; 8]>::try_from(bytes).ok()) {
            Some(bytes) if len <= SHORT => {
                let packed = u64::from_le_bytes(bytes) & ((1u64 << (8 * len)) - 1);
                Some(packed | (len as u64) << 56)
            }
            _ => short_key(word.as_bytes()),
        };
        debug_assert_eq!(key, short_key(word.as_bytes()));
        self.find(key, word)
    }

    #[inline]
    fn find(&self, key: Option<u64>, word: &str) -> Word {
        let at = match key {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        at.and_then(|&at| self.entries.get(at as usize))
            .copied()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_by_their_whole_text() {
        let mut words = Words::default();
        words.entry("good").negation = true;
        words.entry("wonderful").negation = true;
        words.entry("good").tags = 1;
        for (word, found) in [
            ("good", true),
            ("good\0", false),
            ("goo", false),
            ("wonderful", true),
            ("wonderfu", false),
            ("", false),
        ] {
            assert_eq!(words.get(word).negation, found, "{word:?}");
        }
        assert_eq!(words.get("good").tags, 1);
        let text = "good goods wonderful good";
        for (span, found) in [
            ((0, 4), true),
            ((5, 10), false),
            ((11, 20), true),
            ((21, 25), true),
        ] {
            let span = Span::new(span.0, span.1);
            assert_eq!(words.get_in(text, span).negation, found, "{span:?}");
        }
    }
}
