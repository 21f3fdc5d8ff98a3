//! The lexicon's words, looked up by a token's lowercase: a word of up to seven bytes by one
//! number (its bytes and its length), so that the lookup of most tokens hashes and compares one
//! integer; longer words by their text. The entries sit apart from the tables, packed. A bit set
//! indexed by a hash of the number (for a longer word: of its first seven bytes and its length)
//! turns most words that are not in the lexicon away before any table is probed.

use quotewire_core::Span;
use rustc_hash::FxHashMap;

use super::Word;

/// The longest word looked up by number.
const SHORT: usize = 7;

/// The bits of [`Words::filter`]: 2^16 (8 KiB), about nine for each word of the lexicon.
const FILTER_BITS: u32 = 16;

/// What the lexicons say of each word.
#[derive(Debug, Clone)]
pub(super) struct Words {
    short: FxHashMap<u64, u32>,
    long: FxHashMap<Box<str>, u32>,
    entries: Vec<Word>,
    /// The bits of the words' [`filter_key`]s: a word whose bit is clear is not in the lexicon.
    filter: Box<[u64]>,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            entries: Vec::new(),
            filter: vec![0; 1 << (FILTER_BITS - 6)].into_boxed_slice(),
        }
    }
}

/// A word of up to [`SHORT`] bytes as one number, its key in the short table: its bytes from the
/// lowest, its length in the highest byte. For a longer word, the same of its first seven bytes
/// with its length (at most 255): a key of the filter only.
#[inline]
fn filter_key(word: &[u8]) -> u64 {
    let first = &word[..word.len().min(SHORT)];
    let packed = first
        .iter()
        .enumerate()
        .fold(0, |key, (i, &b)| key | u64::from(b) << (8 * i));
    packed | (word.len().min(255) as u64) << 56
}

/// The bit of [`Words::filter`] for a filter key.
#[inline]
fn filter_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS)) as usize
}

impl Words {
    /// Room for `words` words without growing.
    pub fn with_capacity(words: usize) -> Self {
        let mut table = Words::default();
        table.short.reserve(words);
        table.entries.reserve(words);
        table
    }

    /// The entry of `word`, made empty where there is none.
    pub fn entry(&mut self, word: &str) -> &mut Word {
        let filter = filter_key(word.as_bytes());
        let bit = filter_bit(filter);
        self.filter[bit / 64] |= 1 << (bit % 64);
        let next = self.entries.len() as u32;
        let at = match (word.len() <= SHORT).then_some(filter) {
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
        let filter = filter_key(word.as_bytes());
        if !self.may_have(filter) {
            return Word::default();
        }
        // A short word's filter key is its key.
        self.find((word.len() <= SHORT).then_some(filter), word)
    }

    /// Whether a word of this [`filter_key`] may be in the lexicon.
    #[inline]
    fn may_have(&self, key: u64) -> bool {
        let bit = filter_bit(key);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// [`Words::get`] of the word at `span` of `text`: the filter key is made from the eight
    /// bytes there in one load where the text has them.
    #[inline(always)]
    pub fn get_in(&self, text: &str, span: Span) -> Word {
        let len = span.len();
        let bytes = text.as_bytes();
        let filter = match bytes.get(span.start..span.start + 8) {
            Some(eight) => {
                let eight: [u8; 8] = eight.try_into().unwrap_or_default();
                let kept = len.min(SHORT);
                let packed = u64::from_le_bytes(eight) & ((1u64 << (8 * kept)) - 1);
                packed | (len.min(255) as u64) << 56
            }
            None => filter_key(bytes.get(span.range()).unwrap_or_default()),
        };
        if !self.may_have(filter) {
            return Word::default();
        }
        // A short word's filter key is its key.
        let key = (len <= SHORT).then_some(filter);
        self.find(key, text.get(span.range()).unwrap_or_default())
    }

    #[inline(never)]
    fn find(&self, key: Option<u64>, word: &str) -> Word {
        debug_assert!(
            key.is_none_or(|key| word.len() <= SHORT && key == filter_key(word.as_bytes()))
        );
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
        // Words the filter lets through or turns away are found as the tables have them.
        let mut many = Words::with_capacity(10_000);
        let word = |k: usize| format!("w{k}{}", "x".repeat(k % 12));
        for k in (0..20_000).step_by(2) {
            many.entry(&word(k)).tags = 1;
        }
        for k in 0..20_000 {
            let (w, found) = (word(k), k % 2 == 0);
            assert_eq!(many.get(&w).tags == 1, found, "{w}");
            let text = format!("{w} tail");
            let span = Span::new(0, w.len());
            assert_eq!(many.get_in(&text, span).tags == 1, found, "{w}");
            assert_eq!(many.get_in(&w, span).tags == 1, found, "{w} at the end");
        }
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
