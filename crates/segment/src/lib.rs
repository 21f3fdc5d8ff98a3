#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod rules;
mod scanner;

use quotewire_core::{Span, paragraphs};

pub use rules::Rules;
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
