//! Quotation extraction and speaker attribution for news text.
//!
//! An [`Attributor`] finds every attribution of a story: direct quotations, mixed ones (a quoted
//! fragment inside reported speech) and reported speech without quotation marks, each with its
//! cue (`said`, `according to`, `voiced hope`), its source as written (`the minister`, `he`) and
//! a resolved speaker with a canonical name. It works from rules and word lists in `models/`
//! (`cues.txt`, `speakers.txt`); no model is needed.
//!
//! ```
//! use quotewire_attrib::Attributor;
//! use quotewire_core::{QuoteKind, Span};
//!
//! let text = "Minister Jeong Kyeong-doo met Kono. “No cool answers were there,” Jeong said. \
//!             “We remain far apart,” the minister said.";
//! let paragraphs = [Span::new(0, text.len())];
//! let sentences = [Span::new(0, 35), Span::new(36, 77), Span::new(78, text.len())];
//! let found = Attributor::new().attribute(text, None, &paragraphs, &sentences);
//! assert_eq!(found.quotes.len(), 2);
//! let quote = &found.quotes[1];
//! assert_eq!(quote.kind, QuoteKind::Direct);
//! assert_eq!(&text[quote.content[0].range()], "“We remain far apart,”");
//! assert_eq!(&text[quote.source.unwrap().range()], "the minister");
//! let speaker = found.speakers.iter().find(|s| Some(&s.id) == quote.speaker.as_ref()).unwrap();
//! assert_eq!(speaker.name, "Jeong Kyeong-doo");
//! ```
#![deny(missing_docs)]

mod extract;
mod lexicon;
mod speakers;
mod tokens;

use quotewire_core::{Quote, QuoteKind, Span, Speaker};

pub use lexicon::{Lexicon, LexiconError};

/// Adds the cue-less quotations to the attributions, in one pass in text order. One right after
/// a quoted attribution (in its paragraph or the next) is more of what that speaker said: a
/// further content fragment, as news annotation counts it (`“A,” she said. “B.”`). Elsewhere it
/// stands alone, with the previous speaker.
fn merge_continuations(
    found: Vec<extract::Found>,
    continuations: Vec<extract::Found>,
    paragraphs: &[Span],
    sentences: &[Span],
) -> Vec<extract::Found> {
    let paragraph_of = |at: usize| paragraphs.partition_point(|p| p.start <= at).checked_sub(1);
    let start_of = |f: &extract::Found| f.content.first().map_or(0, |c| c.start);
    let mut all: Vec<(bool, extract::Found)> = found
        .into_iter()
        .map(|f| (false, f))
        .chain(continuations.into_iter().map(|c| (true, c)))
        .collect();
    all.sort_by_key(|(_, f)| start_of(f));
    let mut out: Vec<extract::Found> = Vec::with_capacity(all.len());
    for (continuation, f) in all {
        if continuation {
            let start = start_of(&f);
            let end_of = |p: &extract::Found| p.content.iter().map(|c| c.end).max().unwrap_or(0);
            let near = |p: &extract::Found| match (paragraph_of(end_of(p)), paragraph_of(start)) {
                (Some(a), Some(b)) => (b == a || b == a + 1) && end_of(p) <= start,
                _ => false,
            };
            // The last attribution and those of its sentence: a quoted one among them takes the
            // continuation (`“A,” she said, adding that B. “C.”`).
            let sentence_of = |f: &extract::Found| {
                let at = f.cue.map_or(start_of(f), |c| c.start);
                sentences.partition_point(|s| s.start <= at)
            };
            let last = out.last().map(sentence_of);
            let group = out
                .iter()
                .rev()
                .take_while(|p| Some(sentence_of(p)) == last && near(p))
                .count();
            let quoted = (out.len() - group..out.len())
                .rev()
                .find(|&i| out[i].kind != QuoteKind::Indirect);
            if let Some(i) = quoted {
                out[i].content.extend(f.content);
                continue;
            }
        }
        out.push(f);
    }
    out
}

/// The quotes and speakers of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attributions {
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// Their speakers.
    pub speakers: Vec<Speaker>,
}

/// Finds attributions. Build one and share it: it is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Attributor {
    lexicon: Lexicon,
}

impl Default for Attributor {
    fn default() -> Self {
        Attributor::new()
    }
}

impl Attributor {
    /// An attributor with the bundled lexicon.
    pub fn new() -> Self {
        Attributor {
            lexicon: Lexicon::bundled(),
        }
    }

    /// An attributor with another lexicon.
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        Attributor { lexicon }
    }

    /// The attributions of `text`, given its headline, paragraphs and sentences (byte spans into
    /// `text`, in order). Spans that do not fit the text are ignored.
    pub fn attribute(
        &self,
        text: &str,
        headline: Option<Span>,
        paragraphs: &[Span],
        sentences: &[Span],
    ) -> Attributions {
        let fits = |s: &&Span| s.slice(text).is_some();
        let paragraphs: Vec<Span> = paragraphs.iter().filter(fits).copied().collect();
        let sentences: Vec<Span> = sentences.iter().filter(fits).copied().collect();
        let quotations = tokens::quotations(text, &paragraphs);
        let headline = headline.filter(|h| h.slice(text).is_some());
        let extractor = extract::Extractor::new(
            &self.lexicon,
            text,
            &quotations,
            &paragraphs,
            &sentences,
            headline,
        );
        let mut found = Vec::new();
        for sentence in &sentences {
            found.extend(extractor.sentence(*sentence));
        }
        found.sort_by_key(|f| (f.content.first().map(|c| c.start), f.cue.map(|c| c.start)));
        found.dedup_by(|a, b| a.content == b.content && a.cue == b.cue);
        let signed = extractor.dash_attributions(&found);
        found.extend(signed);
        found.sort_by_key(|f| (f.content.first().map(|c| c.start), f.cue.map(|c| c.start)));
        let continuations = extractor.continuations(&sentences, &found);
        let found = merge_continuations(found, continuations, &paragraphs, &sentences);

        if found.is_empty() {
            return Attributions::default();
        }
        let mut resolver = speakers::Resolver::new(
            &self.lexicon,
            text,
            extractor.tokens(),
            &extractor.title_words,
            &sentences,
        );
        let entities: Vec<Option<usize>> = found
            .iter()
            .map(|f| resolver.resolve(f.source, f.inherits))
            .collect();
        let (speakers, ids) = resolver.speakers();
        let quotes = found
            .into_iter()
            .zip(entities)
            .map(|(f, e)| Quote {
                kind: f.kind,
                content: f.content,
                // `added:` — a colon right after the cue belongs to it, as news annotation has it.
                cue: f.cue.map(|c| match text[c.end..].starts_with(':') {
                    true if c.end > c.start && !text[c.range()].ends_with(':') => {
                        Span::new(c.start, c.end + 1)
                    }
                    _ => c,
                }),
                source: f.source,
                speaker: e.and_then(|e| ids[e].clone()),
                confidence: f.confidence,
                sentiment: None,
                stance: vec![],
            })
            .collect();
        Attributions { quotes, speakers }
    }
}
