#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod candidate;
mod extract;
#[cfg(feature = "transformer")]
pub mod learned;
mod lexicon;
mod passes;
mod speakers;
mod tagged;
pub mod tagging;
mod tokens;

use std::sync::Arc;

use quotewire_core::{Quote, Span, Speaker};

pub use candidate::{Candidate, Features, Reading, Rule, RuleOrder, Selector};
pub use lexicon::{Lexicon, LexiconError};
pub use tagged::{Method, SpanTagger, TAGGED_CONFIDENCE, TagError};

/// The quotes and speakers of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attributions {
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// The rule that read each quote, in the same order.
    pub rules: Vec<Rule>,
    /// Their speakers.
    pub speakers: Vec<Speaker>,
}

/// Finds attributions. Build one and share it: it is `Send + Sync`.
#[derive(Clone)]
pub struct Attributor {
    lexicon: Lexicon,
    selector: Arc<dyn Selector>,
    /// The method and, for `learned` and `hybrid`, the tagger.
    method: Method,
    tagger: Option<Arc<dyn SpanTagger>>,
}

impl std::fmt::Debug for Attributor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attributor").finish_non_exhaustive()
    }
}

impl Default for Attributor {
    fn default() -> Self {
        Attributor::new()
    }
}

impl Attributor {
    /// An attributor with the bundled lexicon.
    pub fn new() -> Self {
        Attributor::with_lexicon(Lexicon::bundled())
    }

    /// An attributor with another lexicon.
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        Attributor {
            lexicon,
            selector: Arc::new(RuleOrder),
            method: Method::Rules,
            tagger: None,
        }
    }

    /// Finds attributions with a learned tagger: `Method::Learned` groups its spans into
    /// attributions; `Method::Hybrid` chooses each cue's reading by the rules that agrees best
    /// with them (the rules' order between equals) and adds the tagged attributions that no rule
    /// reads; `Method::Rules` leaves the tagger unused. Speakers are resolved the same way
    /// whatever the method.
    pub fn with_tagger(mut self, tagger: Arc<dyn SpanTagger>, method: Method) -> Self {
        self.tagger = Some(tagger);
        self.method = method;
        self
    }

    /// How attributions are found.
    pub fn method(&self) -> Method {
        match self.tagger {
            Some(_) => self.method,
            None => Method::Rules,
        }
    }

    /// Chooses each cue's attribution with `selector` instead of the rules' order.
    pub fn with_selector(mut self, selector: impl Selector + 'static) -> Self {
        self.selector = Arc::new(selector);
        self
    }

    /// Every reading the rules give of `text`, sentence by sentence, before any is chosen: for
    /// each cue the candidate of every rule that applies (in rule order), with each sentence's
    /// own (a speaker label, the headline's `content: source`). For inspecting the rules and for
    /// training a [`Selector`]; [`Attributor::attribute`] is what a run uses.
    pub fn candidates(
        &self,
        text: &str,
        headline: Option<Span>,
        paragraphs: &[Span],
        sentences: &[Span],
    ) -> Vec<Candidate> {
        self.with_extractor(
            text,
            headline,
            paragraphs,
            sentences,
            |extractor, _, sentences| {
                sentences
                    .iter()
                    .flat_map(|s| extractor.sentence_readings(*s))
                    .collect()
            },
        )
    }

    /// Runs `f` on the document's extractor (its quotation marks paired), with the paragraphs
    /// and sentences that fit the text.
    fn with_extractor<T>(
        &self,
        text: &str,
        headline: Option<Span>,
        paragraphs: &[Span],
        sentences: &[Span],
        f: impl FnOnce(&extract::Extractor, &[Span], &[Span]) -> T,
    ) -> T {
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
        f(&extractor, &paragraphs, &sentences)
    }

    /// The attributions of `text`, given its headline, paragraphs and sentences (byte spans into
    /// `text`, in order). Spans that do not fit the text are ignored. Only a tagger can fail
    /// (with the rules alone the result is always `Ok`).
    pub fn attribute(
        &self,
        text: &str,
        headline: Option<Span>,
        paragraphs: &[Span],
        sentences: &[Span],
    ) -> Result<Attributions, TagError> {
        let tagged = match (&self.tagger, self.method()) {
            (Some(tagger), Method::Learned | Method::Hybrid) => {
                let fits = |s: &&Span| s.slice(text).is_some();
                let sentences: Vec<Span> = sentences.iter().filter(fits).copied().collect();
                Some(tagged::checked(text, tagger.tag(text, &sentences)?))
            }
            _ => None,
        };
        Ok(self.with_extractor(
            text,
            headline,
            paragraphs,
            sentences,
            |extractor, paragraphs, sentences| {
                let found = match (self.method(), &tagged) {
                    (Method::Learned, Some(spans)) => {
                        tagged::group(text, spans, sentences, extractor.fragments())
                    }
                    (Method::Hybrid, Some(spans)) => {
                        let agreement = tagged::Agreement { spans };
                        let found =
                            passes::attributions(extractor, &agreement, paragraphs, sentences);
                        let grouped = tagged::group(text, spans, sentences, extractor.fragments());
                        let mut found =
                            tagged::hybrid(text, found, grouped, spans, &self.lexicon.relatives);
                        passes::in_text_order(&mut found);
                        found
                    }
                    _ => passes::attributions(
                        extractor,
                        self.selector.as_ref(),
                        paragraphs,
                        sentences,
                    ),
                };
                if found.is_empty() {
                    return Attributions::default();
                }
                let mut resolver =
                    speakers::Resolver::new(&self.lexicon, text, extractor.titles(), sentences);
                let entities: Vec<Option<usize>> = found
                    .iter()
                    .enumerate()
                    .map(|(i, f)| resolver.resolve(f.source, f.inherits, nested(&found, i)))
                    .collect();
                let (speakers, ids) = resolver.speakers();
                let rules = found.iter().map(|f| f.rule).collect();
                let quotes = found
                    .into_iter()
                    .zip(entities)
                    .map(|(f, e)| Quote {
                        kind: f.kind,
                        content: f.content,
                        cue: f.cue,
                        source: f.source,
                        speaker: e.and_then(|e| ids[e].clone()),
                        confidence: f.confidence,
                        rule: None,
                        sentiment: None,
                        stance: vec![],
                    })
                    .collect();
                Attributions {
                    quotes,
                    rules,
                    speakers,
                }
            },
        ))
    }
}

/// How many attributions before one are searched for a content holding its cue.
const NESTING_REACH: usize = 8;

/// Whether the cue of `found[i]` stands inside the content of an attribution before it (`Byrd
/// said he was heartened that Reagan had acknowledged his mistakes`): speech reported inside
/// what another says. (`found` is in text order; the nearest few are searched.)
fn nested(found: &[candidate::Candidate], i: usize) -> bool {
    let Some(cue) = found[i].cue else {
        return false;
    };
    found[i.saturating_sub(NESTING_REACH)..i]
        .iter()
        .flat_map(|p| &p.content)
        .any(|c| c.start <= cue.start && cue.end <= c.end)
}
