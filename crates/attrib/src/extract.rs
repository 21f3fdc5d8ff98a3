//! Finding attributions: cues, their sources and their content, sentence by sentence, with the
//! quotations of the whole document paired first so that a quotation over several sentences or
//! paragraphs is one content.

use std::borrow::Cow;
use std::cell::OnceCell;

mod content;
mod sources;
mod words;

use quotewire_core::{QuoteKind, Span};
use rustc_hash::FxHashSet;

use crate::lexicon::Lexicon;
use crate::tokens::{Quotation, Token, Tokens, within};
use words::*;

/// An attribution as found, before speakers are resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub kind: QuoteKind,
    pub content: Vec<Span>,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    /// No source of its own: the speaker is that of the attribution before it.
    pub inherits: bool,
    pub confidence: f32,
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
    pub title_words: Vec<usize>,
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
        let (mut cue_words, mut title_words) = (Vec::new(), Vec::new());
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
        }
        Extractor {
            lex,
            cue_words,
            title_words,
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

    /// The tokens of the sentences that may hold a cue or a title, in order (tokenized once,
    /// on first use).
    pub fn tokens(&self) -> &Tokens {
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
            self.text[sentence.range()]
                .char_indices()
                .take_while(|(i, _)| *i < 48)
                .any(|(_, c)| c == ':')
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

    /// Attributions in one sentence (the story's headline is read as `content: source`).
    pub fn sentence(&self, sentence: Span) -> Vec<Found> {
        if !self.may_attribute(sentence) {
            return Vec::new();
        }
        let headline = Some(sentence) == self.headline;
        let cue_words =
            &self.cue_words[self.cue_words.partition_point(|&at| at < sentence.start)..];
        let cue_word = cue_words.first().is_some_and(|&at| at < sentence.end);
        let tokens = within(&self.tokens().list, sentence);
        let mut found = Vec::new();
        if let Some(f) = self.speaker_label(tokens, sentence) {
            found.push(f);
        } else if headline {
            found.extend(self.headline(tokens));
        }
        if headline || !cue_word {
            return found;
        }
        // `Lindsey Graham Says Trump Could ...`: a headline in title case capitalises its verbs.
        let words = tokens.iter().filter(|t| t.word);
        let capitalised = words.clone().filter(|t| self.is_name_word(t)).count();
        let title_case = capitalised >= 3 && capitalised * 10 >= words.count() * 7;
        // A cue starts at a cue word, or a phrase's length before one (its longest word).
        let mut next_cue_word = 0;
        let mut i = 0;
        while i < tokens.len() {
            let start = tokens[i].span.start;
            while cue_words.get(next_cue_word).is_some_and(|&at| at < start) {
                next_cue_word += 1;
            }
            let near_cue_word = cue_words.get(next_cue_word).is_some_and(|&at| {
                let ahead = &tokens[i..tokens.len().min(i + self.lex.longest_phrase)];
                ahead.iter().any(|t| t.span.start == at)
            });
            if !near_cue_word || !tokens[i].word || self.quotation_at(start).is_some() {
                i += 1;
                continue;
            }
            match self.cue_at(tokens, i, title_case) {
                Some((len, kind)) => {
                    if let Some(mut f) = self.attribution(tokens, sentence, i, i + len, kind) {
                        // `..., Anderson said, adding that ...`: the same source; `Trump spoke
                        // on Thursday, promising ...`: the subject of the sentence.
                        if f.inherits && f.cue.is_some_and(|c| c.start > tokens[0].span.start) {
                            let previous = found.last().and_then(|p: &Found| p.source);
                            if let Some(source) =
                                previous.or_else(|| self.sentence_subject(tokens, i))
                            {
                                f.source = Some(source);
                                f.inherits = false;
                            }
                        }
                        found.push(f);
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }

    /// The cue starting at token `i`: its length in tokens and kind.
    fn cue_at(&self, tokens: &[Token], i: usize, title_case: bool) -> Option<(usize, CueKind)> {
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
            && (lowercase || title_case || self.opens_sentence(tokens, i)))
        .then_some((1, CueKind::Verb))
    }

    fn attribution(
        &self,
        tokens: &[Token],
        sentence: Span,
        k0: usize,
        k1: usize,
        kind: CueKind,
    ) -> Option<Found> {
        // Auxiliaries and adverbs join the cue: `has long said`, `cynically dismissed`.
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
        let cue = Span::new(tokens[k0].span.start, tokens[k1 - 1].span.end);
        let lemma = self
            .lex
            .verbs
            .get(self.lower(&tokens[k1 - 1]).as_ref())
            .cloned()
            .unwrap_or_default();
        let found = |content: Vec<Span>,
                     source: Option<Span>,
                     inherits: bool,
                     confidence: f32|
         -> Option<Found> {
            let mut content: Vec<Span> = content
                .into_iter()
                .map(|s| s.trim(self.text))
                .filter(|s| !s.is_empty())
                .collect();
            if content.is_empty() {
                return None;
            }
            if let [only] = content.as_mut_slice() {
                only.end = self.quoted_name_end(tokens, *only, NAMING.contains(&lemma.as_str()));
            }
            Some(Found {
                kind: self.kind_of(&content),
                content,
                cue: Some(cue),
                source,
                inherits,
                confidence,
            })
        };

        if kind == CueKind::After {
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
                return None;
            }
            let source = Some(self.span_of(tokens, s0, s1));
            return if self.opens_sentence(tokens, k0) {
                let from = if tokens.get(s1).is_some_and(|t| self.is_punct(t, ",")) {
                    s1 + 1
                } else {
                    s1
                };
                found(
                    self.content_after(tokens, sentence, from),
                    source,
                    false,
                    0.7,
                )
            } else {
                // `..., according to X`: the content ends before the comma.
                let end = if k0 > 0 && self.is_punct(&tokens[k0 - 1], ",") {
                    k0 - 1
                } else {
                    k0
                };
                found(self.content_before(tokens, end), source, false, 0.7)
            };
        }

        // Skip adverbs between the source and the cue: `Tokyo reportedly made it clear`.
        let mut s_end = k0;
        while s_end > 0 && self.is_adverb(&tokens[s_end - 1]) {
            s_end -= 1;
        }
        // Past the addressee of `tell`/`ask` (`told The Huffington Post`), else `k1` itself.
        let after_addressee = self.skip_addressee(tokens, k1, &lemma);
        // `..., Graham told The Huffington Post on Thursday.`: the addressee ends the clause too.
        let at_end = self.clause_ends(tokens, k1)
            || after_addressee != k1
                && tokens
                    .get(after_addressee)
                    .is_some_and(|t| self.is_punct(t, "."))
                && after_addressee + 1 >= tokens.len();
        // Inversion: `..., said Jeong.`, `“...,” said the minister.`
        if s_end > 0
            && (self.is_punct(&tokens[s_end - 1], ",") || self.is_closing_mark(&tokens[s_end - 1]))
        {
            if let Some((s0, s1)) = self.np_right(tokens, k1) {
                // `“A,” said Carly Fiorina during the debate.`: after a quotation, a phrase may
                // follow the source.
                let after_quotation = self.is_closing_mark(&tokens[s_end - 1])
                    || s_end >= 2 && self.is_closing_mark(&tokens[s_end - 2]);
                let adjunct = tokens
                    .get(s1)
                    .is_some_and(|t| t.word && PREPOSITIONS.contains(&self.lower(t).as_ref()));
                if self.clause_ends(tokens, s1) || after_quotation && adjunct {
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
                    return found(content, Some(source), false, 0.85);
                }
            }
        }
        // A participle (`citing`, `adding`) has no subject of its own next to it, unless a name
        // stands right before it and a quotation follows (`footage of Clinton asking, “Why ...”`).
        let ing = k1 - k0 == 1
            && self.lower(&tokens[k0]).ends_with("ing")
            && !(s_end > 0
                && !self.is_punct(&tokens[s_end - 1], ",")
                && self.quotation_follows(tokens, sentence, k1).is_some());
        let subject = if ing {
            None
        } else {
            self.clause_subject(tokens, s_end)
                .or_else(|| self.np_left(tokens, s_end))
        };
        // `Nabisco is expected to cut jobs`: a passive before `to` names no source; its subject
        // is part of what is expected.
        let passive = tokens[k0..k1 - 1]
            .iter()
            .any(|t| BE.contains(&self.lower(t).as_ref()))
            && tokens.get(k1).is_some_and(|t| self.lower(t) == "to");
        if let (true, Some((s0, s1))) = (passive, subject) {
            let mut content = vec![self.span_of(tokens, s0, s1)];
            content.extend(self.content_after(tokens, sentence, k1));
            return found(content, None, false, 0.6);
        }
        if let Some((s0, s1)) = subject.or_else(|| {
            if ing {
                None
            } else {
                self.appositive_left(tokens, s_end)
            }
        }) {
            let source = Some(self.span_of(tokens, s0, s1));
            let pronoun =
                s1 - s0 == 1 && self.lex.pronouns.contains(self.lower(&tokens[s0]).as_ref());
            let confidence = if pronoun { 0.8 } else { 0.9 };
            let strong =
                self.lex.strong.contains(&lemma) || kind == CueKind::Verb && lemma.is_empty();
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
            // `Ko said in a radio interview, “If we ...”`: the quotation after the cue is the
            // content (with the one before the source: `“A,” he told the host, “B.”`).
            if let Some(quotation) = self.quotation_follows(tokens, sentence, k1) {
                let mut content = if quoted {
                    self.content_before(tokens, s0 - 1)
                } else {
                    Vec::new()
                };
                content.extend(quotation);
                return found(content, source, false, confidence);
            }
            if s0 > 0 && !introduces {
                let before = &tokens[s0 - 1];
                // `“A,” he told the host, “B.”`: after a quotation, or past an addressee, only a
                // quotation goes on.
                let mut after_cue = after_addressee;
                if quoted
                    && self
                        .interjected(tokens, sentence, after_cue, true)
                        .is_empty()
                {
                    // `“A,” Trump said during a rally in Kenansville, N.C., “but B.”`, `“A,”
                    // Tester said, referring to the excuse, “B.”`
                    let reach = tokens.len().min(k1 + 14);
                    if let Some(comma) = (k1..reach).find(|&c| {
                        self.is_punct(&tokens[c], ",")
                            && tokens
                                .get(c + 1)
                                .is_some_and(|t| self.quotation_at(t.span.start).is_some())
                    }) {
                        after_cue = comma;
                    }
                }
                let interjected =
                    self.interjected(tokens, sentence, after_cue, quoted || after_cue != k1);
                if quoted
                    || (self.is_punct(before, ",") && (at_end || !interjected.is_empty()) && strong)
                {
                    let mut content = self.content_before(tokens, s0 - 1);
                    content.extend(interjected);
                    return found(content, source, false, confidence);
                }
            }
            // `Caddell continued:` closing its paragraph, the quotation opening the next one.
            let colon_ends = |k: usize| k + 1 == tokens.len() && self.is_punct(&tokens[k], ":");
            if colon_ends(k1) || colon_ends(k1 - 1) {
                if let Some(quotation) = self.quotation_opening_next_paragraph(sentence) {
                    return found(quotation, source, false, confidence);
                }
            }
            if !at_end {
                return found(
                    self.content_after(tokens, sentence, after_addressee),
                    source,
                    false,
                    confidence - 0.1,
                );
            }
            return None;
        }
        // `Asked why he ..., Sanders said`, `..., she said when asked whether ...`: the question
        // of an unnamed asker, up to the comma.
        let when = |k: usize| matches!(self.lower(&tokens[k]).as_ref(), "when" | "if" | "after");
        let asked_opens = self.opens_sentence(tokens, k0) || k0 > 0 && when(k0 - 1);
        let asked = tokens[k0..k1].iter().any(|t| self.lower(t) == "asked");
        if asked && asked_opens && k1 < tokens.len() {
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
            return (start < end)
                .then(|| found(vec![Span::new(start, end)], None, false, 0.6))
                .flatten();
        }
        // A participle with no source: `..., adding that ...`; `Noting that ..., Jeong said ...`.
        let participle = self.lower(&tokens[k1 - 1]).ends_with("ing")
            || tokens[k1 - 1].text(self.text).ends_with(':');
        // A second verb of the subject: `She called it “outrageous” and called for ...`,
        // `Comey called it “careless,” but said ...`.
        let coordinated = k0 > 0
            && tokens[k0 - 1].word
            && matches!(self.lower(&tokens[k0 - 1]).as_ref(), "and" | "but");
        // `..., saying, “...”`: a comma before a quotation ends no clause.
        let quotation_next = self.quotation_follows(tokens, sentence, k1).is_some();
        if (participle || coordinated) && (!at_end || quotation_next) {
            // After a comma, also one inside a closing quotation (`“New York values,” saying`).
            let after_comma = k0 > 0 && self.is_punct(&tokens[k0 - 1], ",")
                || k0 > 1
                    && self.is_closing_mark(&tokens[k0 - 1])
                    && self.is_punct(&tokens[k0 - 2], ",");
            if after_comma || coordinated {
                return found(self.content_after(tokens, sentence, k1), None, true, 0.6);
            }
            if self.opens_sentence(tokens, k0) {
                // The clause runs to the first comma; the subject after it is the source.
                // `Calling the decision “inevitable,” Ko said`: a comma closing a quotation ends it too.
                let comma = (k1..tokens.len()).find(|&j| {
                    self.is_punct(&tokens[j], ",")
                        && self.quotation_at(tokens[j].span.start).is_none()
                        || self.is_closing_mark(&tokens[j])
                            && j > 0
                            && self.is_punct(&tokens[j - 1], ",")
                })?;
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
                return found(content, source, source.is_none(), 0.6);
            }
        }
        None
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
        plural_noun
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

    /// A speaker label opening the sentence: `WALLACE: Let's start ...` in a transcript,
    /// `Pat Caddell: Democrat voters worried ...` in a headline. The colon is the cue.
    fn speaker_label(&self, tokens: &[Token], sentence: Span) -> Option<Found> {
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
        if !named || tokens.len() < colon + 4 {
            return None;
        }
        // What follows a label is all the speaker says: to the end of the paragraph, within a
        // speaker's turn of sentences (a paragraph can be a whole feed).
        let paragraph = self
            .paragraphs
            .partition_point(|p| p.start <= sentence.start);
        let turn = self
            .sentences
            .partition_point(|s| s.start <= sentence.start)
            + LABEL_TURN
            - 1;
        let turn_end = self.sentences[..turn.min(self.sentences.len())]
            .last()
            .map_or(sentence.end, |s| s.trim(self.text).end);
        let end = paragraph
            .checked_sub(1)
            .map(|p| self.paragraphs[p].trim(self.text).end.min(turn_end))
            .filter(|&end| end >= sentence.end)
            .unwrap_or_else(|| self.trimmed_end(tokens, sentence));
        let content = vec![Span::new(tokens[colon + 1].span.start, end)];
        Some(Found {
            kind: self.kind_of(&content),
            content,
            cue: Some(tokens[colon].span),
            source: Some(self.span_of(tokens, start, colon)),
            inherits: false,
            confidence: 0.6,
        })
    }

    /// A headline `content: source` (`Talks fail: defense minister`).
    fn headline(&self, tokens: &[Token]) -> Option<Found> {
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
        Some(Found {
            kind: self.kind_of(&content),
            content,
            cue: None,
            source: Some(source),
            inherits: false,
            confidence: 0.5,
        })
    }

    /// Quotations that are whole sentences and belong to no attribution: a cue-less continuation
    /// of the speaker before them (`“The U.S. has continued to deliver messages to Japan.”`).
    pub fn continuations(&self, sentences: &[Span], found: &[Found]) -> Vec<Found> {
        let covered = self.covered(found);
        self.quotations
            .iter()
            .zip(&covered)
            .filter(|(q, covered)| q.closed && !**covered)
            .map(|(q, _)| q)
            .filter(|q| {
                let first = q.fragments[0];
                sentences
                    .binary_search_by_key(&first.start, |s| s.start)
                    .is_ok()
            })
            .map(|q| Found {
                kind: QuoteKind::Direct,
                content: q.fragments.clone(),
                cue: None,
                source: None,
                inherits: true,
                confidence: 0.6,
            })
            .collect()
    }

    /// Which quotations the attributions found hold some content of.
    fn covered(&self, found: &[Found]) -> Vec<bool> {
        let mut covered = vec![false; self.quotations.len()];
        for c in found.iter().flat_map(|f| &f.content) {
            // The fragments overlapping the content (fragments are sorted and disjoint).
            let first = self.fragments.partition_point(|(f, _)| f.end <= c.start);
            for (f, q) in self.fragments[first..]
                .iter()
                .take_while(|(f, _)| f.start < c.end)
            {
                covered[*q] |= f.overlaps(c);
            }
        }
        covered
    }

    /// Quotations signed with a dash and a name, as in vox pops and epigraphs:
    /// `“We deserve better.” ― Carla Sanchez` (the dash is the cue, the name the source).
    pub fn dash_attributions(&self, found: &[Found]) -> Vec<Found> {
        let covered = self.covered(found);
        self.quotations
            .iter()
            .zip(&covered)
            .filter(|(q, covered)| q.closed && !**covered)
            .filter_map(|(q, _)| {
                let end = q.fragments.last()?.end;
                let (cue, source) = dash_signature(self.text, end)?;
                Some(Found {
                    kind: QuoteKind::Direct,
                    content: q.fragments.clone(),
                    cue: Some(cue),
                    source: Some(source),
                    inherits: false,
                    confidence: 0.8,
                })
            })
            .collect()
    }
}

/// A dash and a name right after `at` on the same line: the dash's span and the name's.
fn dash_signature(text: &str, at: usize) -> Option<(Span, Span)> {
    let blank = |c: char| c == ' ' || c == '\u{a0}' || c == '\t';
    let rest = text.get(at..)?;
    let dash_at = at + (rest.len() - rest.trim_start_matches(blank).len());
    let dash = ["―", "—", "–", "--"]
        .iter()
        .find(|d| text[dash_at..].starts_with(**d))?;
    let cue = Span::new(dash_at, dash_at + dash.len());
    let after = &text[cue.end..];
    let name_at = cue.end + (after.len() - after.trim_start_matches(blank).len());
    // Capitalised words (initials and accented letters too), up to six, on this line.
    let line = text[name_at..].split(['\n', '\r']).next().unwrap_or("");
    let mut end = name_at;
    let mut words = 0;
    for word in line.split([' ', '\u{a0}']) {
        let letters = word.trim_end_matches([',', '.', ';']);
        let first = letters.chars().next();
        if words == 6
            || !first.is_some_and(char::is_uppercase)
            || !letters
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        {
            break;
        }
        end = name_at + (word.as_ptr() as usize - line.as_ptr() as usize) + letters.len();
        words += 1;
        if letters.len() < word.len() {
            break;
        }
    }
    let name = text[name_at..end].trim_end_matches('.');
    (words > 0 && name.chars().count() > 1).then(|| (cue, Span::new(name_at, name_at + name.len())))
}

/// Whether one of the sorted offsets `at` lies in `span`.
fn holds(at: &[usize], span: Span) -> bool {
    let first = at.partition_point(|&a| a < span.start);
    at.get(first).is_some_and(|&a| a < span.end)
}
