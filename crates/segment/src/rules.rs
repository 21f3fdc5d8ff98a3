//! Word lists that drive segmentation: abbreviations by class, sentence starters, attribution verbs.

use std::collections::{HashMap, HashSet};

const ABBREVIATIONS: &str = include_str!("../../../models/abbreviations.txt");
const STARTERS: &str = include_str!("../../../models/sentence_starters.txt");
const ATTRIBUTION_VERBS: &str = include_str!("../../../models/attribution_verbs.txt");

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

/// A rule file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// A word appears before any `[class]` line, or under an unknown class.
    #[error("line {line}: {message}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The word lists of a [`crate::Segmenter`].
#[derive(Debug, Clone)]
pub struct Rules {
    abbreviations: HashMap<Box<[u8]>, Class>,
    starters: HashSet<Box<[u8]>>,
    attribution_verbs: HashSet<Box<[u8]>>,
}

impl Rules {
    /// The lists bundled from `models/`.
    pub fn bundled() -> Self {
        Rules::parse(ABBREVIATIONS, STARTERS, ATTRIBUTION_VERBS)
            .expect("bundled rule files are valid")
    }

    /// Rules from the texts of the three files, in the format of the bundled ones:
    /// `models/abbreviations.txt`, `models/sentence_starters.txt`, `models/attribution_verbs.txt`.
    pub fn parse(abbreviations: &str, starters: &str, verbs: &str) -> Result<Self, RulesError> {
        let mut map = HashMap::new();
        let mut class = None;
        for (i, line) in abbreviations.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                class = Some(match name {
                    "title" => Class::Title,
                    "number" => Class::Number,
                    "time" => Class::Time,
                    "other" => Class::Other,
                    _ => {
                        return Err(RulesError::Syntax {
                            line: i + 1,
                            message: format!("unknown class [{name}]"),
                        });
                    }
                });
                continue;
            }
            let Some(class) = class else {
                return Err(RulesError::Syntax {
                    line: i + 1,
                    message: "word before any [class] line".into(),
                });
            };
            map.insert(line.to_lowercase().into_bytes().into_boxed_slice(), class);
        }
        Ok(Rules {
            abbreviations: map,
            starters: word_set(starters),
            attribution_verbs: word_set(verbs),
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

fn word_set(text: &str) -> HashSet<Box<[u8]>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.to_lowercase().into_bytes().into_boxed_slice())
        .collect()
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
            Err(RulesError::Syntax { line: 1, .. })
        ));
        assert!(matches!(
            Rules::parse("[titles]\nmr\n", "", ""),
            Err(RulesError::Syntax { line: 1, .. })
        ));
    }
}
