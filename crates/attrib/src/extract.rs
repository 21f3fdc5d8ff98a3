//! Finding attributions: cues, their sources and their content, sentence by sentence, with the
//! quotations of the whole document paired first so that a quotation over several sentences or
//! paragraphs is one content.

use std::borrow::Cow;
use std::cell::OnceCell;

mod content;
mod sources;
pub(crate) mod words;

use quotewire_core::text::SortedSpans;
use quotewire_core::{QuoteKind, Span};
use rustc_hash::FxHashSet;

use crate::candidate::{Candidate, Features, Reading, Rule, Selector};
use crate::lexicon::Lexicon;
use crate::tokens::{Quotation, Token, Tokens, within};
use words::*;

/// The words of a document that may be titles, and the tokens of the sentences they stand in;
/// the words that may name an organisation.
pub(crate) struct Titles<'x> {
    /// Tokens of every sentence that holds a title word (and of others).
    pub tokens: &'x Tokens,
    /// Byte offsets of the title words, in order.
    pub at: &'x [usize],
    /// Byte offsets of the organisation words (`Group`, `Inc`), in order.
    pub orgs: &'x [usize],
}

/// The rules tried for a cue, in order: the first of all rules, before the sentence and document
/// rules.
const CUE_RULES: &[Rule] = Rule::ALL.split_at(12).0;

/// A cue in its sentence, and what the rules work out about it once for all of them.
pub(crate) struct Cue<'t> {
    /// The sentence's tokens.
    tokens: &'t [Token],
    sentence: Span,
    /// The token where the cue finder found it.
    at: usize,
    /// The cue's tokens, auxiliaries and adverbs included (`has long said`).
    k0: usize,
    k1: usize,
    kind: CueKind,
    span: Span,
    /// The speech verb's lemma (`say`), empty for a phrase.
    lemma: String,
    verb: OnceCell<VerbSide>,
    subject: OnceCell<Option<(usize, usize)>>,
    source: OnceCell<Option<Source>>,
}

/// Around a verb cue: where its source side ends and what follows it.
struct VerbSide {
    /// One past the source side (adverbs before the cue left out).
    s_end: usize,
    /// Past the addressee of `tell`/`ask`, else the cue's end.
    after_addressee: usize,
    /// The cue (with its addressee) ends the clause.
    at_end: bool,
    /// A participle cue with no subject of its own.
    ing: bool,
}

/// The source before a verb cue.
#[derive(Clone, Copy)]
struct Source {
    /// Its first token.
    s0: usize,
    span: Span,
    confidence: f32,
    /// `that`, a colon or a quotation follows the cue.
    introduces: bool,
    /// A quotation closes right before the source.
    quoted: bool,
}

/// The readings of one cue, made as they are asked for.
pub(crate) struct Readings<'e, 'a, 't> {
    extractor: &'e Extractor<'a>,
    cue: Cue<'t>,
    next: usize,
}

impl Iterator for Readings<'_, '_, '_> {
    type Item = Reading;

    fn next(&mut self) -> Option<Reading> {
        while let Some(&rule) = CUE_RULES.get(self.next) {
            self.next += 1;
            if let Some(candidate) = self.extractor.read(rule, &self.cue) {
                return Some(Reading { rule, candidate });
            }
        }
        None
    }
}

/// The most sentences a `Speaker:` label's words run for, its own included.
const LABEL_TURN: usize = 30;

pub(crate) struct Extractor<'a> {
    lex: &'a Lexicon,
    /// Capitalised sentence openers that are no names (`But`, `When`).
    starters: &'static FxHashSet<&'static str>,
    text: &'a str,
    quotations: &'a [Quotation],
    paragraphs: &'a [Span],
    /// Every quotation fragment with its quotation's index, by start.
    fragments: Vec<(Span, usize)>,
    /// Byte offsets of the words that may be cues (a sentence without one is skipped).
    cue_words: Vec<usize>,
    /// Byte offsets of the words that may be titles (`Minister`, `Sen`).
    title_words: Vec<usize>,
    org_words: Vec<usize>,
    sentences: &'a [Span],
    headline: Option<Span>,
    /// The tokens of the sentences that may hold a cue or a title, made when first needed.
    tokens: OnceCell<Tokens>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CueKind {
    /// The source follows (`according to`).
    After,
    /// A verb or phrase: the source precedes, or follows in inversion (`said Kim`).
    Verb,
}

impl<'a> Extractor<'a> {
    pub fn new(
        lex: &'a Lexicon,
        text: &'a str,
        quotations: &'a [Quotation],
        paragraphs: &'a [Span],
        sentences: &'a [Span],
        headline: Option<Span>,
    ) -> Self {
        let mut fragments: Vec<(Span, usize)> = quotations
            .iter()
            .enumerate()
            .flat_map(|(i, q)| q.fragments.iter().map(move |f| (*f, i)))
            .collect();
        fragments.sort();
        // Cue words and titles as whole words: what the automaton finds between non-letters.
        let bytes = text.as_bytes();
        let (mut cue_words, mut title_words, mut org_words) = (Vec::new(), Vec::new(), Vec::new());
        for m in lex.word_finder.find_iter(text) {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            if before.is_some_and(|b| b.is_ascii_alphanumeric())
                || after.is_some_and(|b| b.is_ascii_alphanumeric())
            {
                continue;
            }
            let pattern = m.pattern().as_usize();
            if pattern < lex.cue_patterns {
                cue_words.push(m.start());
            }
            if lex.title_patterns[pattern] {
                title_words.push(m.start());
            }
            if lex.org_patterns[pattern] {
                org_words.push(m.start());
            }
        }
        Extractor {
            lex,
            cue_words,
            title_words,
            org_words,
            headline,
            starters: &SENTENCE_OPENERS,
            text,
            quotations,
            paragraphs,
            fragments,
            sentences,
            tokens: OnceCell::new(),
        }
    }

    /// The words that may be titles (`Minister`, `Sen`), with the tokens of their sentences,
    /// for speaker resolution.
    pub fn titles(&self) -> Titles<'_> {
        Titles {
            tokens: self.tokens(),
            at: &self.title_words,
            orgs: &self.org_words,
        }
    }

    /// The tokens of the sentences that may hold a cue or a title, in order (tokenized once,
    /// on first use).
    fn tokens(&self) -> &Tokens {
        self.tokens.get_or_init(|| {
            let needed: Vec<Span> = (self.sentences.iter().copied())
                .filter(|s| self.may_attribute(*s) || holds(&self.title_words, *s))
                .collect();
            Tokens::new(self.text, &needed)
        })
    }

    /// Whether `sentence` may hold an attribution: the headline, a sentence with a cue word, or
    /// one opening with a `Speaker:` label (`WALLACE: Let's start ...`).
    fn may_attribute(&self, sentence: Span) -> bool {
        let label = || {
            let head = sentence.start..sentence.end.min(sentence.start + 48);
            self.text
                .as_bytes()
                .get(head)
                .is_some_and(|b| b.contains(&b':'))
        };
        Some(sentence) == self.headline || holds(&self.cue_words, sentence) || label()
    }

    /// The quotation whose fragment holds byte `at`.
    fn quotation_at(&self, at: usize) -> Option<usize> {
        let i = self.fragments.partition_point(|(f, _)| f.start <= at);
        let (f, q) = self.fragments.get(i.checked_sub(1)?)?;
        (at < f.end).then_some(*q)
    }

    /// The token in lowercase, allocating only when it is not ASCII.
    fn lower(&self, t: &Token) -> Cow<'_, str> {
        self.tokens().lower(self.text, t)
    }

    fn is_punct(&self, t: &Token, p: &str) -> bool {
        !t.word && t.text(self.text) == p
    }

    /// Whether `t` is the mark that closes a quotation (or one of its fragments).
    fn is_closing_mark(&self, t: &Token) -> bool {
        !t.word
            && matches!(t.text(self.text), "”" | "»" | "\"" | "'")
            && self.quotation_at(t.span.start).is_some_and(|q| {
                self.quotations[q]
                    .fragments
                    .iter()
                    .any(|f| f.end == t.span.end)
            })
    }

    /// Attributions in one sentence (the story's headline is read as `content: source`), each
    /// cue's chosen among its readings by `selector`.
    pub fn sentence(&self, sentence: Span, selector: &dyn Selector) -> Vec<Candidate> {
        let (mut found, cues) = self.cues(sentence);
        for cue in cues {
            let (tokens, at) = (cue.tokens, cue.at);
            if let Some(mut f) = selector.select(&mut self.readings(cue)) {
                // `..., Anderson said, adding that ...`: the same source; `Trump spoke on
                // Thursday, promising ...`: the subject of the sentence.
                if f.inherits && f.cue.is_some_and(|c| c.start > tokens[0].span.start) {
                    let previous = found.last().and_then(|p: &Candidate| p.source);
                    if let Some(source) = previous.or_else(|| self.sentence_subject(tokens, at)) {
                        f.source = Some(source);
                        f.inherits = false;
                    }
                }
                found.push(f);
            }
        }
        found
    }

    /// Every reading of one sentence: its own attribution (a speaker label, a headline) and the
    /// candidates of every rule that applies to each of its cues.
    pub fn sentence_readings(&self, sentence: Span) -> Vec<Candidate> {
        let (mut found, cues) = self.cues(sentence);
        for cue in cues {
            found.extend(self.readings(cue).filter_map(|r| r.candidate));
        }
        found
    }

    /// The cue finder: a sentence's own attribution (a `Speaker:` label, or the headline's
    /// `content: source`), and its cues in order. Sentences with no cue word have none.
    fn cues(&self, sentence: Span) -> (Vec<Candidate>, Vec<Cue<'_>>) {
        if !self.may_attribute(sentence) {
            return (Vec::new(), Vec::new());
        }
        let headline = Some(sentence) == self.headline;
        let cue_words =
            &self.cue_words[self.cue_words.partition_point(|&at| at < sentence.start)..];
        let cue_word = cue_words.first().is_some_and(|&at| at < sentence.end);
        let tokens = within(&self.tokens().list, sentence);
        let mut own = Vec::new();
        if let Some(f) = self.speaker_label(tokens, sentence) {
            own.push(f);
        } else if headline {
            own.extend(self.headline(tokens));
        }
        let mut cues = Vec::new();
        if headline || !cue_word {
            return (own, cues);
        }
        // `Lindsey Graham Says Trump Could ...`: a headline in title case capitalises its verbs
        // (worked out when a capitalised cue word needs it).
        let title_case = OnceCell::new();
        let title_case = || {
            *title_case.get_or_init(|| {
                let words = tokens.iter().filter(|t| t.word);
                let capitalised = words.clone().filter(|t| self.is_name_word(t)).count();
                capitalised >= 3 && capitalised * 10 >= words.count() * 7
            })
        };
        // A cue starts at a cue word, or a phrase's length before one (its longest word): the
        // token of the next cue word, when one stands there.
        let mut next_cue_word = 0;
        let mut cue_token = None;
        let mut i = 0;
        while i < tokens.len() {
            let start = tokens[i].span.start;
            while cue_words.get(next_cue_word).is_some_and(|&at| at < start) {
                next_cue_word += 1;
                cue_token = None;
            }
            let Some(&at) = cue_words
                .get(next_cue_word)
                .filter(|&&at| at < sentence.end)
            else {
                break;
            };
            let k = *cue_token
                .get_or_insert_with(|| i + tokens[i..].partition_point(|t| t.span.start < at));
            let near_cue_word = tokens.get(k).is_some_and(|t| t.span.start == at)
                && k < i + self.lex.longest_phrase;
            if !near_cue_word || !tokens[i].word || self.quotation_at(start).is_some() {
                i += 1;
                continue;
            }
            match self.cue_at(tokens, i, &title_case) {
                Some((len, kind)) => {
                    cues.push(self.cue(tokens, sentence, i, i + len, kind));
                    i += len;
                }
                None => i += 1,
            }
        }
        (own, cues)
    }

    /// The cue starting at token `i`: its length in tokens and kind.
    fn cue_at(
        &self,
        tokens: &[Token],
        i: usize,
        title_case: &dyn Fn() -> bool,
    ) -> Option<(usize, CueKind)> {
        let first = self.lower(&tokens[i]);
        let starts = self.lex.phrase_starts.get(first.as_ref());
        if starts.is_none() && !self.lex.verbs.contains_key(first.as_ref()) {
            return None;
        }
        let words_match = |phrase: &[String]| {
            phrase.len() <= tokens.len() - i
                && phrase
                    .iter()
                    .zip(&tokens[i..])
                    .all(|(w, t)| t.word && t.text(self.text).eq_ignore_ascii_case(w))
        };
        if let Some((after, phrases)) = starts {
            if let Some(p) = after
                .iter()
                .map(|&k| &self.lex.after[k])
                .find(|p| words_match(p))
            {
                return Some((p.len(), CueKind::After));
            }
            if let Some(p) = phrases
                .iter()
                .map(|&k| &self.lex.phrases[k])
                .filter(|p| words_match(p))
                .max_by_key(|p| p.len())
            {
                return Some((p.len(), CueKind::Verb));
            }
        }
        // `the remarks`, `Washington's repeated expression`, `his opening remarks`: nouns and
        // adjectives, not cue verbs.
        if i > 0 && self.noun_use(tokens, i) {
            return None;
        }
        // A verb cue is lowercase, unless it opens the sentence (`Noting that ...`): not `United States`.
        let lowercase = tokens[i]
            .text(self.text)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        (self.lex.verbs.contains_key(first.as_ref())
            && (lowercase || title_case() || self.opens_sentence(tokens, i)))
        .then_some((1, CueKind::Verb))
    }

    /// What the rules know of the cue at tokens `k0..k1` of `sentence` before any is tried.
    fn cue<'t>(
        &self,
        tokens: &'t [Token],
        sentence: Span,
        k0: usize,
        k1: usize,
        kind: CueKind,
    ) -> Cue<'t> {
        // Auxiliaries and adverbs join the cue: `has long said`, `cynically dismissed`.
        let at = k0;
        let mut k0 = k0;
        while k0 > 0
            && (self.lex.aux.contains(self.lower(&tokens[k0 - 1]).as_ref())
                || self.is_adverb(&tokens[k0 - 1]))
        {
            k0 -= 1;
        }
        let mut k1 = k1;
        if tokens.get(k1).is_some_and(|t| self.is_punct(t, ":")) {
            k1 += 1;
        }
        let span = Span::new(tokens[k0].span.start, tokens[k1 - 1].span.end);
        let lemma = self
            .lex
            .verbs
            .get(self.lower(&tokens[k1 - 1]).as_ref())
            .cloned()
            .unwrap_or_default();
        Cue {
            tokens,
            sentence,
            at,
            k0,
            k1,
            kind,
            span,
            lemma,
            verb: OnceCell::new(),
            subject: OnceCell::new(),
            source: OnceCell::new(),
        }
    }

    /// The readings of a cue, in rule order, each rule tried only when asked for.
    pub(crate) fn readings<'e, 't>(&'e self, cue: Cue<'t>) -> Readings<'e, 'a, 't> {
        Readings {
            extractor: self,
            cue,
            next: 0,
        }
    }

    /// The candidate a rule makes of `content` (trimmed; `None` when nothing is left).
    fn candidate(
        &self,
        cue: &Cue,
        rule: Rule,
        content: Vec<Span>,
        source: Option<Span>,
        inherits: bool,
        confidence: f32,
    ) -> Option<Candidate> {
        let mut content: Vec<Span> = content
            .into_iter()
            .map(|s| s.trim(self.text))
            .filter(|s| !s.is_empty())
            .collect();
        if content.is_empty() {
            return None;
        }
        if let [only] = content.as_mut_slice() {
            let naming = NAMING.contains(&cue.lemma.as_str());
            only.end = self.quoted_name_end(cue.tokens, *only, naming);
        }
        let kind = self.kind_of(&content);
        let features = Features {
            cue_opens_sentence: self.opens_sentence(cue.tokens, cue.k0),
            pronoun_source: source.is_some_and(|s| {
                let word = &self.text[s.range()];
                word.len() <= 4
                    && self
                        .lex
                        .pronouns
                        .iter()
                        .any(|p| p.eq_ignore_ascii_case(word))
            }),
            strong_cue: self.strong(cue),
            quoted: kind != QuoteKind::Indirect,
        };
        Some(Candidate {
            kind,
            content,
            cue: Some(cue.span),
            source,
            inherits,
            confidence,
            rule,
            features,
        })
    }

    /// What `rule` reads at `cue`: `None` when it does not apply, `Some(None)` when it applies
    /// and finds that the cue attributes nothing.
    fn read(&self, rule: Rule, cue: &Cue) -> Option<Option<Candidate>> {
        let (tokens, sentence, k0, k1) = (cue.tokens, cue.sentence, cue.k0, cue.k1);
        let after = cue.kind == CueKind::After;
        match rule {
            Rule::AccordingToOpening | Rule::AccordingToClosing => {
                let opening = self.opens_sentence(tokens, k0);
                if !after || opening != (rule == Rule::AccordingToOpening) {
                    return None;
                }
                // `according to the post-debate analysis`: the source runs to the next comma.
                let s0 = k1;
                let mut s1 = (k1..tokens.len())
                    .find(|&j| {
                        self.is_punct(&tokens[j], ",")
                            || self.quotation_at(tokens[j].span.start).is_some()
                    })
                    .unwrap_or(tokens.len());
                while s1 > s0 && !tokens[s1 - 1].word && tokens[s1 - 1].text(self.text) != ")" {
                    s1 -= 1;
                }
                if s1 == s0 || s1 - s0 > MAX_SOURCE * 2 {
                    return Some(None);
                }
                let source = Some(self.span_of(tokens, s0, s1));
                let content = if opening {
                    let from = if tokens.get(s1).is_some_and(|t| self.is_punct(t, ",")) {
                        s1 + 1
                    } else {
                        s1
                    };
                    self.content_after(tokens, sentence, from)
                } else {
                    // `..., according to X`: the content ends before the comma.
                    let end = if k0 > 0 && self.is_punct(&tokens[k0 - 1], ",") {
                        k0 - 1
                    } else {
                        k0
                    };
                    self.content_before(tokens, end)
                };
                Some(self.candidate(cue, rule, content, source, false, 0.7))
            }
            _ if after => None,
            Rule::Inversion => {
                // Inversion: `..., said Jeong.`, `“...,” said the minister.`
                let s_end = self.verb_side(cue).s_end;
                if s_end == 0
                    || !(self.is_punct(&tokens[s_end - 1], ",")
                        || self.is_closing_mark(&tokens[s_end - 1]))
                {
                    return None;
                }
                // `..., an analyst, told Bloomberg.`: who is told is never the source.
                if cue.lemma == "tell" {
                    return None;
                }
                let (s0, s1) = self.np_right(tokens, k1)?;
                // `“A,” said Carly Fiorina during the debate.`: after a quotation, a phrase may
                // follow the source.
                let after_quotation = self.is_closing_mark(&tokens[s_end - 1])
                    || s_end >= 2 && self.is_closing_mark(&tokens[s_end - 2]);
                let s1 = match after_quotation && !self.clause_ends(tokens, s1) {
                    true => self.before_inner_preposition(tokens, s0, s1),
                    false => s1,
                };
                let adjunct = tokens
                    .get(s1)
                    .is_some_and(|t| t.word && PREPOSITIONS.contains(&self.lower(t).as_ref()));
                if !(self.clause_ends(tokens, s1) || after_quotation && adjunct) {
                    return None;
                }
                let mut content = self.content_before(tokens, s_end - 1);
                let mut source = self.span_of(tokens, s0, s1);
                if self.appositive_follows(tokens, s1) {
                    // `said Jo Coelbart, a retired Belgian general who works on ...`
                    source.end = self.trimmed_end(tokens, sentence);
                } else {
                    // `“A,” said O'Neill, on his first day`: after a quotation only a
                    // quotation goes on.
                    content.extend(self.interjected(tokens, sentence, s1, after_quotation));
                }
                Some(self.candidate(cue, rule, content, Some(source), false, 0.85))
            }
            Rule::PassiveRaising => {
                // `Nabisco is expected to cut jobs`: a passive before `to` names no source; its
                // subject is part of what is expected.
                let passive = tokens[k0..k1 - 1]
                    .iter()
                    .any(|t| BE.contains(&self.lower(t).as_ref()))
                    && tokens.get(k1).is_some_and(|t| self.lower(t) == "to");
                let (s0, s1) = self.subject(cue).filter(|_| passive)?;
                let mut content = vec![self.span_of(tokens, s0, s1)];
                content.extend(self.content_after(tokens, sentence, k1));
                Some(self.candidate(cue, rule, content, None, false, 0.6))
            }
            Rule::QuotationAfterCue => {
                // `Ko said in a radio interview, “If we ...”`: the quotation after the cue is
                // the content (with the one before the source: `“A,” he told the host, “B.”`).
                let source = self.source(cue)?;
                let quotation = self.quotation_follows(tokens, sentence, k1)?;
                let mut content = if source.quoted {
                    self.content_before(tokens, source.s0 - 1)
                } else {
                    Vec::new()
                };
                content.extend(quotation);
                let (source, confidence) = self.speaking_subject(cue, source);
                Some(self.candidate(cue, rule, content, source, false, confidence))
            }
            Rule::ContentBeforeSource => {
                let source = self.source(cue)?;
                let s0 = source.s0;
                if s0 == 0 || source.introduces {
                    return None;
                }
                let before = &tokens[s0 - 1];
                let verb = self.verb_side(cue);
                // `“A,” he told the host, “B.”`: after a quotation, or past an addressee, only
                // a quotation goes on.
                let mut after_cue = verb.after_addressee;
                if source.quoted
                    && self
                        .interjected(tokens, sentence, after_cue, true)
                        .is_empty()
                {
                    // `“A,” Trump said during a rally in Kenansville, N.C., “but B.”`, `“A,”
                    // Tester said, referring to the excuse, “B.”`
                    let reach = tokens.len().min(k1 + 14);
                    // Not past a cue of its own: `“A,” Trump said, adding later, “B.”`.
                    let own_cue =
                        |t: &Token| t.word && self.lex.verbs.contains_key(self.lower(t).as_ref());
                    let reach = (k1..reach).find(|&c| own_cue(&tokens[c])).unwrap_or(reach);
                    if let Some(comma) = (k1..reach).find(|&c| {
                        self.is_punct(&tokens[c], ",")
                            && tokens
                                .get(c + 1)
                                .is_some_and(|t| self.quotation_at(t.span.start).is_some())
                    }) {
                        after_cue = comma;
                    }
                }
                let interjected = self.interjected(
                    tokens,
                    sentence,
                    after_cue,
                    source.quoted || after_cue != k1,
                );
                if !(source.quoted
                    || (self.is_punct(before, ",")
                        && (verb.at_end || !interjected.is_empty())
                        && (self.strong(cue) || self.document_finds(cue, source))))
                {
                    return None;
                }
                let mut content = self.content_before(tokens, s0 - 1);
                content.extend(interjected);
                let (source, confidence) = self.speaking_subject(cue, source);
                Some(self.candidate(cue, rule, content, source, false, confidence))
            }
            Rule::ColonNextParagraph => {
                // `Caddell continued:` closing its paragraph, the quotation opening the next one.
                let source = self.source(cue)?;
                let colon_ends = |k: usize| k + 1 == tokens.len() && self.is_punct(&tokens[k], ":");
                if !(colon_ends(k1) || colon_ends(k1 - 1)) {
                    return None;
                }
                let quotation = self.quotation_opening_next_paragraph(sentence)?;
                let confidence = source.confidence;
                Some(self.candidate(cue, rule, quotation, Some(source.span), false, confidence))
            }
            Rule::ReportedAfterCue => {
                let source = self.source(cue)?;
                let verb = self.verb_side(cue);
                if verb.at_end {
                    return None;
                }
                let content = self.content_after(tokens, sentence, verb.after_addressee);
                let (source, confidence) = self.speaking_subject(cue, source);
                Some(self.candidate(cue, rule, content, source, false, confidence - 0.1))
            }
            Rule::SourceWithoutContent => self.source(cue).map(|_| None),
            Rule::Asked => {
                // `Asked why he ..., Sanders said`, `..., she said when asked whether ...`: the
                // question of an unnamed asker, up to the comma.
                let when =
                    |k: usize| matches!(self.lower(&tokens[k]).as_ref(), "when" | "if" | "after");
                let asked_opens = self.opens_sentence(tokens, k0) || k0 > 0 && when(k0 - 1);
                let asked = tokens[k0..k1].iter().any(|t| self.lower(t) == "asked");
                if !(asked && asked_opens && k1 < tokens.len()) {
                    return None;
                }
                let end = (k1..tokens.len())
                    .find(|&j| {
                        self.is_punct(&tokens[j], ",")
                            && self.quotation_at(tokens[j].span.start).is_none()
                    })
                    .map_or_else(
                        || self.trimmed_end(tokens, sentence),
                        |j| tokens[j - 1].span.end,
                    );
                let start = tokens[k1].span.start;
                Some(
                    (start < end)
                        .then(|| {
                            self.candidate(cue, rule, vec![Span::new(start, end)], None, false, 0.6)
                        })
                        .flatten(),
                )
            }
            Rule::ParticipleAfterComma | Rule::ParticipleOpening => {
                // A participle with no source: `..., adding that ...`; `Noting that ..., Jeong
                // said ...`.
                let participle = self.lower(&tokens[k1 - 1]).ends_with("ing")
                    || tokens[k1 - 1].text(self.text).ends_with(':');
                // A second verb of the subject: `She called it “outrageous” and called for
                // ...`, `Comey called it “careless,” but said ...`.
                let coordinated = k0 > 0
                    && tokens[k0 - 1].word
                    && matches!(self.lower(&tokens[k0 - 1]).as_ref(), "and" | "but");
                // `..., saying, “...”`: a comma before a quotation ends no clause.
                let quotation_next = self.quotation_follows(tokens, sentence, k1).is_some();
                if !((participle || coordinated) && (!self.verb_side(cue).at_end || quotation_next))
                {
                    return None;
                }
                // After a comma, also one inside a closing quotation (`“New York values,” saying`).
                let after_comma = k0 > 0 && self.is_punct(&tokens[k0 - 1], ",")
                    || k0 > 1
                        && self.is_closing_mark(&tokens[k0 - 1])
                        && self.is_punct(&tokens[k0 - 2], ",");
                if rule == Rule::ParticipleAfterComma {
                    return (after_comma || coordinated).then(|| {
                        let content = self.content_after(tokens, sentence, k1);
                        self.candidate(cue, rule, content, None, true, 0.6)
                    });
                }
                if after_comma || coordinated || !self.opens_sentence(tokens, k0) {
                    return None;
                }
                // The clause runs to the first comma; the subject after it is the source.
                // `Calling the decision “inevitable,” Ko said`: a comma closing a quotation
                // ends it too.
                let Some(comma) = (k1..tokens.len()).find(|&j| {
                    self.is_punct(&tokens[j], ",")
                        && self.quotation_at(tokens[j].span.start).is_none()
                        || self.is_closing_mark(&tokens[j])
                            && j > 0
                            && self.is_punct(&tokens[j - 1], ",")
                }) else {
                    return Some(None);
                };
                let content_end = if self.is_closing_mark(&tokens[comma]) {
                    tokens[comma].span.end
                } else {
                    tokens[comma - 1].span.end
                };
                let content = vec![Span::new(tokens[k1].span.start, content_end)];
                let mut j = comma + 1;
                // `, however,`
                if tokens.get(j + 1).is_some_and(|t| self.is_punct(t, ",")) {
                    j += 2;
                }
                let source = self
                    .np_right(tokens, j)
                    .map(|(a, b)| self.span_of(tokens, a, b));
                Some(self.candidate(cue, rule, content, source, source.is_none(), 0.6))
            }
            Rule::SpeakerLabel
            | Rule::Headline
            | Rule::DashSignature
            | Rule::Continuation
            | Rule::Tagged => None,
        }
    }

    /// Whether the cue reports speech on its own, without `that`, a colon or a quotation: a
    /// strong speech verb (`said`, `told`) or a verb phrase.
    fn strong(&self, cue: &Cue) -> bool {
        self.lex.strong.contains(&cue.lemma) || cue.kind == CueKind::Verb && cue.lemma.is_empty()
    }

    /// Whether a document reports a finding: `..., a new study shows.`, `..., the survey
    /// suggests.` (a finding verb after a source headed by a document noun).
    fn document_finds(&self, cue: &Cue, source: Source) -> bool {
        let finding = matches!(
            cue.lemma.as_str(),
            "show" | "suggest" | "find" | "conclude" | "reveal" | "indicate"
        );
        let head = (cue.tokens[source.s0..self.verb_side(cue).s_end]
            .iter()
            .rev())
        .find(|t| t.word)
        .map(|t| self.lower(t));
        finding && head.is_some_and(|h| self.lex.documents.contains(h.as_ref()))
    }

    /// Where the source side of a verb cue ends, and what follows the cue.
    fn verb_side<'c>(&self, cue: &'c Cue) -> &'c VerbSide {
        cue.verb.get_or_init(|| {
            let (tokens, k0, k1) = (cue.tokens, cue.k0, cue.k1);
            // Skip adverbs between the source and the cue: `Tokyo reportedly made it clear`.
            let mut s_end = k0;
            while s_end > 0 && self.is_adverb(&tokens[s_end - 1]) {
                s_end -= 1;
            }
            // Past the addressee of `tell`/`ask` (`told The Huffington Post`), else `k1` itself.
            let after_addressee = self.skip_addressee(tokens, k1, &cue.lemma);
            // `..., Graham told The Huffington Post on Thursday.`: the addressee ends the
            // clause too.
            let at_end = self.clause_ends(tokens, k1)
                || after_addressee != k1
                    && tokens
                        .get(after_addressee)
                        .is_some_and(|t| self.is_punct(t, "."))
                    && after_addressee + 1 >= tokens.len();
            // A participle (`citing`, `adding`) has no subject of its own next to it, unless a
            // name stands right before it and a quotation follows (`footage of Clinton asking,
            // “Why ...”`).
            let ing = k1 - k0 == 1
                && self.lower(&tokens[k0]).ends_with("ing")
                && !(s_end > 0
                    && !self.is_punct(&tokens[s_end - 1], ",")
                    && self.quotation_follows(tokens, cue.sentence, k1).is_some());
            VerbSide {
                s_end,
                after_addressee,
                at_end,
                ing,
            }
        })
    }

    /// The subject before a verb cue (tokens `s0..s1`).
    fn subject(&self, cue: &Cue) -> Option<(usize, usize)> {
        *cue.subject.get_or_init(|| {
            let verb = self.verb_side(cue);
            if verb.ing {
                return None;
            }
            self.clause_subject(cue.tokens, verb.s_end)
                .or_else(|| self.np_left(cue.tokens, verb.s_end))
        })
    }

    /// The source before a verb cue: its subject, else an appositive (`..., a senator, said`).
    fn source(&self, cue: &Cue) -> Option<Source> {
        *cue.source.get_or_init(|| {
            let tokens = cue.tokens;
            let verb = self.verb_side(cue);
            let (s0, s1) = self.subject(cue).or_else(|| {
                if verb.ing {
                    None
                } else {
                    self.appositive_left(tokens, verb.s_end)
                }
            })?;
            let pronoun =
                s1 - s0 == 1 && self.lex.pronouns.contains(self.lower(&tokens[s0]).as_ref());
            let k1 = cue.k1;
            let introduces = tokens.get(k1).is_some_and(|t| {
                matches!(self.lower(t).as_ref(), "that")
                    || self.is_punct(t, ":")
                    || self.quotation_at(t.span.start).is_some()
            }) || tokens[k1 - 1].text(self.text).ends_with(':');
            // `“...,” Jeong said when asked ...`: the quotation closing before the source.
            let quoted = s0 > 0 && {
                let before = &tokens[s0 - 1];
                self.is_closing_mark(before)
                    || self.is_punct(before, ",")
                        && s0 >= 2
                        && self.is_closing_mark(&tokens[s0 - 2])
            };
            Some(Source {
                s0,
                span: self.span_of(tokens, s0, s1),
                confidence: if pronoun { 0.8 } else { 0.9 },
                introduces,
                quoted,
            })
        })
    }

    /// The source of a reading and its confidence: none for a passive cue, whose subject is
    /// spoken of or to (`Researchers were told ...`, `The album was hailed as ...`).
    fn speaking_subject(&self, cue: &Cue, source: Source) -> (Option<Span>, f32) {
        match self.passive(cue) {
            true => (None, 0.5),
            false => (Some(source.span), source.confidence),
        }
    }

    /// Whether a verb cue is passive (`was hailed`, `has been described as`, `were told`): its
    /// subject is what is spoken of or to, not who speaks.
    fn passive(&self, cue: &Cue) -> bool {
        let words = &cue.tokens[cue.k0..cue.k1];
        words.windows(2).any(|pair| {
            let be = self.lower(&pair[0]);
            let next = self.lower(&pair[1]);
            (BE.contains(&be.as_ref()) || be == "being")
                && pair[1].word
                && !next.ends_with("ing")
                && !BE.contains(&next.as_ref())
                && self.lex.verbs.contains_key(next.as_ref())
        })
    }

    /// Whether the cue-like word at `i` is used as a noun, adjective or naming participle: after
    /// a determiner or a possessive, or (for forms that are also plural nouns, `remarks`,
    /// `plans`) after a lowercase word that is no subject; `called` naming what precedes it.
    fn noun_use(&self, tokens: &[Token], i: usize) -> bool {
        let prev = &tokens[i - 1];
        let lower = self.lower(prev);
        // `a group called Lashkar-e-Taiba`, `The program, called EB-5,`: a participle that
        // names; `Having said that`.
        let naming = matches!(
            self.lower(&tokens[i]).as_ref(),
            "called" | "dubbed" | "named"
        );
        // The name, then a comma or the sentence's end: `called EB-5,` (not `called Mr.
        // Obama's remarks ...`).
        let name_end = (i + 1..tokens.len())
            .find(|&j| !self.is_name_word(&tokens[j]))
            .unwrap_or(tokens.len());
        let before_name = name_end > i + 1
            && tokens
                .get(name_end)
                .is_none_or(|t| self.is_punct(t, ",") || self.is_punct(t, "."));
        if naming
            && before_name
            && (self.is_punct(prev, ",")
                || prev.word
                    && prev.text(self.text).chars().all(char::is_lowercase)
                    && !self.lex.pronouns.contains(lower.as_ref())
                    && !self.lex.groups.contains(lower.as_ref())
                    && !self.lex.roles.contains(lower.trim_end_matches('s'))
                    && !self.lex.aux.contains(lower.as_ref())
                    && !CLAUSE_OPENERS.contains(&lower.as_ref())
                    && !lower.ends_with("ly"))
            || lower == "having"
        {
            return true;
        }
        if !prev.word {
            return false;
        }
        if matches!(
            lower.as_ref(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "this"
                | "these"
                | "those"
        ) || lower.ends_with("'s")
            || lower.ends_with("’s")
        {
            return true;
        }
        let word = self.lower(&tokens[i]);
        let plural_noun = self.lex.nouns.contains(word.as_ref());
        // `TV shows`, `reality TV show`
        if plural_noun && self.lex.compounds.contains(lower.as_ref()) {
            return true;
        }
        // `32% of Republican claims`: one capitalised word after a preposition modifies the noun.
        let modifier_after_preposition = i >= 2
            && self.is_name_word(prev)
            && tokens[i - 2].word
            && PREPOSITIONS.contains(&self.lower(&tokens[i - 2]).as_ref())
            && !self.lex.titles.contains(lower.as_ref());
        plural_noun && modifier_after_preposition
            || plural_noun
                && !BE.contains(&lower.as_ref())
                && !self.is_name_word(prev)
                && !self.lex.pronouns.contains(lower.as_ref())
                && !self.lex.groups.contains(lower.as_ref())
    }

    fn span_of(&self, tokens: &[Token], a: usize, b: usize) -> Span {
        Span::new(tokens[a].span.start, tokens[b - 1].span.end)
    }

    /// Whether only opening punctuation stands before token `k` in the sentence.
    fn opens_sentence(&self, tokens: &[Token], k: usize) -> bool {
        tokens[..k].iter().all(|t| !t.word)
    }

    /// Whether the clause ends at token `k`: the sentence's end, a comma, or a closing full stop.
    fn clause_ends(&self, tokens: &[Token], k: usize) -> bool {
        match tokens.get(k) {
            None => true,
            Some(t) if !t.word => matches!(
                t.text(self.text),
                "." | "," | ";" | "!" | "?" | ")" | "—" | "–"
            ),
            // `said on Sunday.`, `wrote for Morning Consult.`: a short tail without a clause.
            Some(_) => {
                let rest = &tokens[k..];
                rest.len() <= 5
                    && rest.first().is_some_and(|t| {
                        matches!(
                            self.lower(t).as_ref(),
                            "on" | "in"
                                | "at"
                                | "for"
                                | "during"
                                | "last"
                                | "this"
                                | "yesterday"
                                | "today"
                                | "recently"
                                | "earlier"
                                | "later"
                        )
                    })
                    && rest
                        .iter()
                        .all(|t| t.word || matches!(t.text(self.text), "." | ","))
            }
        }
    }

    /// For `tell` and `ask`, the addressee between the cue and the reported clause is skipped.
    fn skip_addressee(&self, tokens: &[Token], k1: usize, lemma: &str) -> usize {
        if !matches!(lemma, "tell" | "ask") {
            return k1;
        }
        (k1..tokens.len().min(k1 + 10))
            .find(|&j| {
                let t = &tokens[j];
                (t.word && COMPLEMENTIZERS.contains(&self.lower(t).as_ref()))
                    || (!t.word && t.text(self.text) != "'")
            })
            .unwrap_or(k1)
    }

    /// Whether `tokens` (what follows a label's colon) list names, as a team sheet does (`Subs:
    /// Howard, Giggs, Smith.`): three or more items between commas, each one to three
    /// capitalised words.
    fn names_listed(&self, tokens: &[Token]) -> bool {
        let words: Vec<&Token> = tokens
            .iter()
            .filter(|t| t.word || self.is_punct(t, ","))
            .collect();
        let items: Vec<&[&Token]> = words.split(|t| !t.word).collect();
        items.len() >= 3
            && items.iter().all(|item| {
                (1..=3).contains(&item.len()) && item.iter().all(|t| self.is_name_word(t))
            })
    }

    /// A speaker label opening the sentence: `WALLACE: Let's start ...` in a transcript,
    /// `Pat Caddell: Democrat voters worried ...` in a headline. The colon is the cue.
    fn speaker_label(&self, tokens: &[Token], sentence: Span) -> Option<Candidate> {
        let start = tokens.iter().position(|t| t.word)?;
        if start > 1 {
            return None;
        }
        let colon =
            (start..tokens.len().min(start + 6)).find(|&k| self.is_punct(&tokens[k], ":"))?;
        let label = &tokens[start..colon];
        // Names, with titles' periods (`Dr. Ben Carson:`); `Judicial Watch:` names a speaker,
        // `Watch:` and `Breaking News:` do not.
        let title_dot = |k: usize| {
            self.is_punct(&tokens[k], ".")
                && k > start
                && self
                    .lex
                    .titles
                    .contains(self.lower(&tokens[k - 1]).as_ref())
        };
        let named = label.first().is_some_and(|t| {
            self.is_name_word(t) && !NOT_SPEAKERS.contains(&self.lower(t).as_ref())
        }) && (start..colon).all(|k| self.is_name_word(&tokens[k]) || title_dot(k));
        if !named || tokens.len() < colon + 4 || self.names_listed(&tokens[colon + 1..]) {
            return None;
        }
        // What follows a label is all the speaker says: to the end of the paragraph, within a
        // speaker's turn of sentences (a paragraph can be a whole feed).
        let paragraph = self.paragraphs.last_starting_at_or_before(sentence.start);
        let turn = self
            .sentences
            .partition_point(|s| s.start <= sentence.start)
            + LABEL_TURN
            - 1;
        let turn_end = self.sentences[..turn.min(self.sentences.len())]
            .last()
            .map_or(sentence.end, |s| s.trim(self.text).end);
        let end = paragraph
            .map(|p| self.paragraphs[p].trim(self.text).end.min(turn_end))
            .filter(|&end| end >= sentence.end)
            .unwrap_or_else(|| self.trimmed_end(tokens, sentence));
        let content = vec![Span::new(tokens[colon + 1].span.start, end)];
        Some(Candidate::new(
            Rule::SpeakerLabel,
            self.kind_of(&content),
            content,
            Some(tokens[colon].span),
            Some(self.span_of(tokens, start, colon)),
            false,
            0.6,
        ))
    }

    /// A headline `content: source` (`Talks fail: defense minister`).
    fn headline(&self, tokens: &[Token]) -> Option<Candidate> {
        let colon = tokens.iter().rposition(|t| self.is_punct(t, ":"))?;
        let source = &tokens[colon + 1..];
        if colon == 0
            || source.is_empty()
            || source.len() > 5
            || !source.iter().all(|t| t.word)
            || !self.has_head(source)
        {
            return None;
        }
        let content = vec![Span::new(tokens[0].span.start, tokens[colon - 1].span.end)];
        let source = Span::new(source[0].span.start, source[source.len() - 1].span.end);
        Some(Candidate::new(
            Rule::Headline,
            self.kind_of(&content),
            content,
            None,
            Some(source),
            false,
            0.5,
        ))
    }

    /// The quotations of the document.
    pub fn quotations(&self) -> &[Quotation] {
        self.quotations
    }

    /// The quotations' fragments with their quotation's index, by start.
    pub fn fragments(&self) -> &[(Span, usize)] {
        &self.fragments
    }

    /// The document's text.
    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// Whether one of the sorted offsets `at` lies in `span`.
fn holds(at: &[usize], span: Span) -> bool {
    let first = at.partition_point(|&a| a < span.start);
    at.get(first).is_some_and(|&a| a < span.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidate::RuleOrder;
    use crate::tokens::quotations;

    /// Runs `f` on the extractor of `text` as one paragraph of the given sentences.
    fn with_extractor<T>(
        text: &str,
        sentences: &[&str],
        f: impl FnOnce(&Extractor, &[Span]) -> T,
    ) -> T {
        let lex = Lexicon::bundled();
        let paragraphs = [Span::new(0, text.len())];
        let spans: Vec<Span> = sentences
            .iter()
            .map(|s| {
                let at = text.find(s).unwrap();
                Span::new(at, at + s.len())
            })
            .collect();
        let quotations = quotations(text, &paragraphs);
        let extractor = Extractor::new(&lex, text, &quotations, &paragraphs, &spans, None);
        f(&extractor, &spans)
    }

    #[test]
    fn the_cue_finder_finds_verbs_and_phrases_not_nouns() {
        let text = "Jeong said the remarks were wrong, according to Kim. His remarks differ.";
        let sentences = [
            "Jeong said the remarks were wrong, according to Kim.",
            "His remarks differ.",
        ];
        with_extractor(text, &sentences, |x, spans| {
            let (own, cues) = x.cues(spans[0]);
            assert!(own.is_empty());
            let found: Vec<&str> = cues.iter().map(|c| &text[c.span.range()]).collect();
            assert_eq!(found, ["said", "according to"]);
            assert!(cues[1].kind == CueKind::After);
            // `remarks` after a determiner or a possessive is a noun: that sentence has no cue.
            assert!(x.cues(spans[1]).1.is_empty());
        });
    }

    #[test]
    fn the_cue_rules_are_the_first_twelve_and_end_with_the_participles() {
        assert_eq!(CUE_RULES.len(), 12);
        assert_eq!(CUE_RULES.last(), Some(&Rule::ParticipleOpening));
        assert!(!CUE_RULES.contains(&Rule::SpeakerLabel));
    }

    #[test]
    fn each_applying_rule_gives_a_reading_in_order() {
        let text = "“We tried hard,” said Jeong Kyeong-doo.";
        with_extractor(text, &[text], |x, spans| {
            let (_, mut cues) = x.cues(spans[0]);
            let readings: Vec<Reading> = x.readings(cues.remove(0)).collect();
            let rules: Vec<Rule> = readings.iter().map(|r| r.rule).collect();
            assert_eq!(rules[0], Rule::Inversion);
            let first = readings[0].candidate.as_ref().unwrap();
            assert_eq!(&text[first.content[0].range()], "“We tried hard,”");
            assert_eq!(&text[first.source.unwrap().range()], "Jeong Kyeong-doo");
            assert_eq!(&text[first.cue.unwrap().range()], "said");
            assert!(first.features.strong_cue && first.features.quoted);
            // Rule order is kept, and no reading comes twice.
            let mut sorted = rules.clone();
            sorted.sort_by_key(|r| CUE_RULES.iter().position(|c| c == r));
            sorted.dedup();
            assert_eq!(sorted, rules);
        });
    }

    #[test]
    fn a_source_closing_the_clause_attributes_nothing_in_rule_order() {
        // `the minister said.` closing a sentence with nothing before it to take.
        let text = "Then the minister said.";
        with_extractor(text, &[text], |x, spans| {
            let (_, mut cues) = x.cues(spans[0]);
            let mut readings = x.readings(cues.remove(0));
            let first = readings.next().unwrap();
            assert_eq!(first.rule, Rule::SourceWithoutContent);
            assert!(first.candidate.is_none());
            assert!(x.sentence(spans[0], &RuleOrder).is_empty());
        });
    }

    #[test]
    fn a_label_and_a_participle_clause_are_read() {
        let text = "Noting that the pact ends soon, Jeong urged talks.";
        with_extractor(text, &[text], |x, spans| {
            let found = x.sentence(spans[0], &RuleOrder);
            let f = &found[0];
            assert_eq!(f.rule, Rule::ParticipleOpening);
            assert_eq!(&text[f.content[0].range()], "that the pact ends soon");
            assert_eq!(&text[f.source.unwrap().range()], "Jeong");
        });
        let text = "KO MIN-JUNG: We will decide by Friday, after the talks.";
        with_extractor(text, &[text], |x, spans| {
            let (own, _) = x.cues(spans[0]);
            assert_eq!(own[0].rule, Rule::SpeakerLabel);
            assert_eq!(&text[own[0].source.unwrap().range()], "KO MIN-JUNG");
        });
    }
}
