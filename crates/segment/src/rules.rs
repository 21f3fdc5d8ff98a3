//! Word lists that drive segmentation: abbreviations by class, sentence starters, attribution verbs.

use std::collections::{HashMap, HashSet};

use quotewire_core::lexicon::{self, LexiconError, SENTENCE_STARTERS};

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const ATTRIBUTION_VERBS: &str = include_str!("../data/attribution_verbs.txt");

/// Longest word looked up, in bytes; longer words are in no list.
const MAX_WORD: usize = 24;

/// How a period after an abbreviation is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Precedes a name: never ends a sentence.
    Title,
    /// Precedes a number: no boundary before a digit, else as `Other`.
    Number,
    /// `a.m.`/`p.m.`: in capitals a boundary before any capital, else as `Other`.
    Time,
    /// Ends a sentence only before a sentence starter.
    Other,
}

/// The word lists of a [`crate::Segmenter`].
#[derive(Debug, Clone)]
pub struct Rules {
    abbreviations: HashMap<Box<[u8]>, Class>,
    starters: HashSet<Box<[u8]>>,
    attribution_verbs: HashSet<Box<[u8]>>,
}

impl Rules {
    /// The bundled lists: `data/abbreviations.txt`, `data/attribution_verbs.txt`, and the
    /// sentence starters of `quotewire-core` ([`SENTENCE_STARTERS`]).
    pub fn bundled() -> Self {
        Rules::parse(ABBREVIATIONS, SENTENCE_STARTERS, ATTRIBUTION_VERBS)
            .expect("bundled rule files are valid")
    }

    /// Rules from the texts of the three lists, in the format of the bundled ones (read by
    /// [`lexicon::parse_sections`]): abbreviations under `[title]`, `[number]`, `[time]` and
    /// `[other]`, then sentence starters and attribution verbs, one word per line.
    pub fn parse(abbreviations: &str, starters: &str, verbs: &str) -> Result<Self, LexiconError> {
        let mut map = HashMap::new();
        for entry in lexicon::parse_sections(abbreviations, &["title", "number", "time", "other"])?
        {
            let class = match entry.section {
                "title" => Class::Title,
                "number" => Class::Number,
                "time" => Class::Time,
                _ => Class::Other,
            };
            map.insert(lowercase(entry.text), class);
        }
        Ok(Rules {
            abbreviations: map,
            starters: word_set(starters)?,
            attribution_verbs: word_set(verbs)?,
        })
    }

    pub(crate) fn abbreviation(&self, word: &[u8]) -> Option<Class> {
        with_lowercase(word, |w| self.abbreviations.get(w).copied()).flatten()
    }

    pub(crate) fn is_starter(&self, word: &[u8]) -> bool {
        with_lowercase(word, |w| self.starters.contains(w)).unwrap_or(false)
    }

    pub(crate) fn is_attribution_verb(&self, word: &[u8]) -> bool {
        with_lowercase(word, |w| self.attribution_verbs.contains(w)).unwrap_or(false)
    }
}

fn word_set(text: &str) -> Result<HashSet<Box<[u8]>>, LexiconError> {
    Ok(lexicon::parse_sections(text, &[])?
        .iter()
        .map(|e| lowercase(e.text))
        .collect())
}

fn lowercase(word: &str) -> Box<[u8]> {
    word.to_lowercase().into_bytes().into_boxed_slice()
}

/// Calls `f` with the ASCII-lowercased word, from a stack buffer (no allocation).
fn with_lowercase<T>(word: &[u8], f: impl FnOnce(&[u8]) -> T) -> Option<T> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    Some(f(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists() {
        let rules = Rules::bundled();
        assert_eq!(rules.abbreviation(b"Mr"), Some(Class::Title));
        assert_eq!(rules.abbreviation(b"NOV"), Some(Class::Number));
        assert_eq!(rules.abbreviation("n°".as_bytes()), Some(Class::Number));
        assert_eq!(rules.abbreviation(b"Inc"), Some(Class::Other));
        assert_eq!(rules.abbreviation(b"house"), None);
        assert!(rules.is_starter(b"The") && !rules.is_starter(b"Government"));
        assert!(rules.is_attribution_verb(b"said"));
    }

    #[test]
    fn syntax_errors() {
        assert!(matches!(
            Rules::parse("mr\n", "", ""),
            Err(LexiconError { line: 1, .. })
        ));
        assert!(matches!(
            Rules::parse("[titles]\nmr\n", "", ""),
            Err(LexiconError { line: 1, .. })
        ));
    }
}
