//! The one reader of quotewire's word-list files (`data/*.txt` beside each crate).
//!
//! The format: one entry per line, surrounding whitespace trimmed; blank lines and lines starting
//! with `#` are left out; a `[name]` line starts a section, and in a file with sections every
//! entry belongs to one. What an entry holds (a word, a word with its forms, a phrase,
//! `word<TAB>value`) is up to the list: [`Entry::words`] splits it at whitespace and
//! [`Entry::error`] reports a malformed one.
//!
//! ```
//! use quotewire_core::lexicon::{self, LexiconError};
//!
//! let text = "# Stance cues\n[favor]\nsupport supports\n\n[against]\noppose opposes\n";
//! let entries = lexicon::parse_sections(text, &["favor", "against"]).unwrap();
//! assert_eq!(entries[1].section, "against");
//! assert_eq!(entries[1].words().collect::<Vec<_>>(), ["oppose", "opposes"]);
//! assert_eq!(entries[1].line, 6);
//!
//! let error = lexicon::parse_sections("[favour]\nsupport\n", &["favor", "against"]).unwrap_err();
//! assert_eq!(error, LexiconError { line: 1, message: "unknown section [favour] (expected [favor], [against])".into() });
//! // Without sections, a list is its lines.
//! let phrases = lexicon::parse_sections("You may also like\nRead more\n", &[]).unwrap();
//! assert_eq!(phrases[0].text, "You may also like");
//! ```

/// The sentence starters (`data/sentence_starters.txt`): words that commonly begin an English
/// sentence, lowercase, one per line. Segmentation and attribution both read them.
pub const SENTENCE_STARTERS: &str = include_str!("../data/sentence_starters.txt");

/// A malformed line of a word list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One entry of a word list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// 1-based line number.
    pub line: usize,
    /// The section it is in (one of those named to [`parse_sections`]), or `""` in a file without
    /// sections.
    pub section: &'a str,
    /// The line, trimmed.
    pub text: &'a str,
}

impl<'a> Entry<'a> {
    /// The whitespace-separated words of the entry.
    pub fn words(&self) -> std::str::SplitWhitespace<'a> {
        self.text.split_whitespace()
    }

    /// An error about this entry.
    pub fn error(&self, message: impl Into<String>) -> LexiconError {
        LexiconError {
            line: self.line,
            message: message.into(),
        }
    }
}

/// The entries of a word list whose sections are `sections`, in order; with no `sections`, a
/// file without `[name]` lines.
///
/// An entry before the first section, an unknown section, or a `[name]` line in a list without
/// sections is an error.
pub fn parse_sections<'a>(
    text: &'a str,
    sections: &[&'a str],
) -> Result<Vec<Entry<'a>>, LexiconError> {
    let mut entries = Vec::new();
    let mut section = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |message: String| LexiconError {
            line: i + 1,
            message,
        };
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if sections.is_empty() {
                return Err(error(format!("a [{name}] line in a list without sections")));
            }
            section = Some(*sections.iter().find(|s| **s == name).ok_or_else(|| {
                let expected: Vec<String> = sections.iter().map(|s| format!("[{s}]")).collect();
                error(format!(
                    "unknown section [{name}] (expected {})",
                    expected.join(", ")
                ))
            })?);
            continue;
        }
        let section = match section {
            Some(s) => s,
            None if sections.is_empty() => "",
            None => {
                let expected: Vec<String> = sections.iter().map(|s| format!("[{s}]")).collect();
                return Err(error(format!(
                    "an entry before any section ({})",
                    expected.join(", ")
                )));
            }
        };
        entries.push(Entry {
            line: i + 1,
            section,
            text: line,
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blanks_and_sections() {
        let text = "# head\n\n  [title]  \n  Mr \n# note\nMme\n[other]\nn°\n";
        let entries = parse_sections(text, &["title", "other"]).unwrap();
        let seen: Vec<(usize, &str, &str)> = entries
            .iter()
            .map(|e| (e.line, e.section, e.text))
            .collect();
        assert_eq!(
            seen,
            [(4, "title", "Mr"), (6, "title", "Mme"), (8, "other", "n°")]
        );
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse_sections("mr\n", &["title"]).unwrap_err().line, 1);
        assert_eq!(
            parse_sections("# x\n[titles]\n", &["title"])
                .unwrap_err()
                .line,
            2
        );
        assert_eq!(parse_sections("a\n[b]\n", &[]).unwrap_err().line, 2);
        let e = parse_sections("heart 3.2\n", &[]).unwrap()[0].error("expected a tab");
        assert_eq!(e.to_string(), "line 1: expected a tab");
    }

    #[test]
    fn bundled_starters() {
        let entries = parse_sections(SENTENCE_STARTERS, &[]).unwrap();
        assert!(entries.iter().any(|e| e.text == "according"));
        assert!(entries.iter().all(|e| e.words().count() == 1));
    }
}
