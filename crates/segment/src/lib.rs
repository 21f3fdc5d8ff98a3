//! Sentence segmentation of English news text.
//!
//! Sentences come out as byte [`Span`]s into the original text, without allocating per sentence:
//! abbreviations and titles (`U.S.`, `S. Korea`, `Gen.`, `Nov. 17`, `No. 2`), initials, numbers,
//! ellipses, lists, parentheses, e-mail addresses and URLs, and quotation marks of every style are
//! handled by rules whose word lists live in `models/` (embedded at build time). A quotation that
//! ends a sentence stays with its attribution clause when one follows (`"... now," he stated.`).
//! Every decision looks at a bounded window around a candidate, so time is linear in the input.
//!
//! ```
//! use quotewire_segment::Segmenter;
//!
//! let text = "“I hope it will not occur. But I don't see changes,” he stated. \
//!             The U.S. Secretary of Defense Mark Esper met Gen. Lee on Nov. 17.";
//! let segmenter = Segmenter::new();
//! let sentences: Vec<&str> = segmenter.sentences(text).map(|s| &text[s.range()]).collect();
//! assert_eq!(sentences, [
//!     "“I hope it will not occur.",
//!     "But I don't see changes,” he stated.",
//!     "The U.S. Secretary of Defense Mark Esper met Gen. Lee on Nov. 17.",
//! ]);
//! ```
#![deny(missing_docs)]

mod rules;
mod scanner;

use quotewire_core::{Span, paragraphs};

pub use rules::{Rules, RulesError};
pub use scanner::Sentences;

/// Splits text into paragraphs and sentences. Build one and reuse it: it is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Segmenter {
    rules: Rules,
    line_breaks: bool,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter with the bundled rules and default options.
    pub fn new() -> Self {
        Segmenter::builder().build()
    }

    /// A builder to change rules or options.
    pub fn builder() -> SegmenterBuilder {
        SegmenterBuilder {
            rules: None,
            line_breaks: false,
        }
    }

    /// The sentences of `text`, paragraph by paragraph ([`paragraphs`] finds the paragraphs).
    pub fn sentences<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Span> + 'a {
        paragraphs(text)
            .into_iter()
            .flat_map(move |p| self.sentences_in(text, p))
    }

    /// The sentences of one region of `text` (a paragraph), as spans into `text`.
    ///
    /// A region that is out of bounds or not on char boundaries yields nothing.
    pub fn sentences_in<'a>(&'a self, text: &'a str, region: Span) -> Sentences<'a> {
        Sentences::new(&self.rules, self.line_breaks, text, region)
    }

    /// The paragraphs of `text` (blank lines, or deeper indentation, separate them).
    pub fn paragraphs(&self, text: &str) -> Vec<Span> {
        paragraphs(text)
    }
}

/// Builds a [`Segmenter`].
#[derive(Debug, Clone)]
pub struct SegmenterBuilder {
    rules: Option<Rules>,
    line_breaks: bool,
}

impl SegmenterBuilder {
    /// Use these rules instead of the bundled ones.
    pub fn rules(mut self, rules: Rules) -> Self {
        self.rules = Some(rules);
        self
    }

    /// Whether a single line break ends a sentence (lists, headings, lines of verse). Off by
    /// default: wire copy is hard-wrapped, so a line break inside a paragraph is a space.
    pub fn line_breaks(mut self, yes: bool) -> Self {
        self.line_breaks = yes;
        self
    }

    /// The segmenter.
    pub fn build(self) -> Segmenter {
        Segmenter {
            rules: self.rules.unwrap_or_else(Rules::bundled),
            line_breaks: self.line_breaks,
        }
    }
}
