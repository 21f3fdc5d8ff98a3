//! Finding attributions: cues, their sources and their content, sentence by sentence, with the
//! quotations of the whole document paired first so that a quotation over several sentences or
//! paragraphs is one content.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use quotewire_core::{QuoteKind, Span};
use rustc_hash::FxHashSet;

use crate::lexicon::Lexicon;
use crate::tokens::{Quotation, Token, Tokens, within};

const STARTERS: &str = include_str!("../../../models/sentence_starters.txt");
/// The sentence starters that are no determiners.
static SENTENCE_OPENERS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    STARTERS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !DETERMINERS.contains(l))
        .collect()
});
/// Words that may open a source noun phrase although they start sentences.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "this", "these", "those", "our", "my", "one",
    "two", "three", "several", "some", "many", "other", "another",
];
/// Lowercase modifiers inside a source noun phrase (`senior officials`, `a former aide`).
const MODIFIERS: &[&str] = &[
    "senior",
    "former",
    "top",
    "chief",
    "deputy",
    "defense",
    "defence",
    "foreign",
    "national",
    "security",
    "campaign",
    "presidential",
    "longtime",
    "local",
    "state",
    "federal",
    "military",
    "government",
    "administration",
    "party",
    "press",
    "white",
    "house",
    "health",
    "finance",
    "trade",
    "justice",
    "economic",
    "political",
    "independent",
    "unnamed",
    "anonymous",
    "informed",
    "knowledgeable",
    "familiar",
    "new",
    "interim",
    "acting",
    "vice",
    "prime",
    "executive",
    "general",
    "legal",
    "public",
    "private",
    "u.s.",
    "korean",
    "japanese",
    "american",
    "chinese",
    "russian",
    "british",
    "european",
    "republican",
    "democratic",
    "conservative",
    "liberal",
    "police",
    "company",
    "ministry",
    "department",
    "industry",
    "market",
    "bank",
    "union",
    "county",
    "city",
    "school",
    "team",
];
/// Words in `-ly` that are no adverbs.
const NOT_ADVERBS: &[&str] = &[
    "family", "rally", "ally", "assembly", "supply", "reply", "monopoly", "anomaly", "bully",
    "july", "italy", "belly", "homily", "fly", "apply", "comply", "imply",
];
/// Forms of `be`: before a participle cue, a passive (`is expected`).
const BE: &[&str] = &["is", "are", "was", "were", "be", "been"];
/// Words that open the reported clause after a cue and its addressee.
const COMPLEMENTIZERS: &[&str] = &[
    "that", "how", "what", "why", "whether", "if", "when", "where", "who", "which", "to",
];
/// Prepositions of a phrase between a cue and its `that` clause.
const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "during", "last", "this", "earlier", "late", "after", "before", "to", "with",
    "from", "for", "amid", "despite", "over", "under", "by", "of", "about", "against", "into",
    "through", "between", "among",
];
/// Words that start a clause: the subject of a cue follows them.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "that", "because", "while", "when", "as", "if", "although", "though", "since",
    "after", "before", "where", "so", "or", "whom", "than",
];
/// Labels before a colon that name no speaker.
const NOT_SPEAKERS: &[&str] = &[
    "source",
    "sources",
    "note",
    "update",
    "updated",
    "watch",
    "photo",
    "photos",
    "video",
    "read",
    "related",
    "editor",
    "correction",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "q",
    "a",
    "warning",
    "credit",
    "see",
    "also",
    "subscribe",
    "click",
    "listen",
    "transcript",
    "full",
    "bottom",
    "line",
    "the",
    "this",
    "why",
    "how",
    "what",
    "here",
    "update",
    "live",
    "poll",
];
/// Time words that may stand between a subject and its cue.
const TIME_WORDS: &[&str] = &[
    "just",
    "this",
    "last",
    "month",
    "week",
    "year",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "in",
    "on",
];
/// Finite verbs and auxiliaries: a phrase with one is a clause, not a subject.
const FINITE: &[&str] = &[
    "is", "was", "were", "are", "am", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "do", "did", "does", "not", "who", "which",
    "it", "there", "i", "we", "you", "they", "he", "she",
];
/// Sentence-initial connectives left out of content.
const CONNECTIVES: &[&str] = &[
    "but",
    "and",
    "so",
    "yet",
    "however",
    "meanwhile",
    "still",
    "also",
    "now",
    "instead",
    "moreover",
    "indeed",
];
/// Words that open an appositive or relative clause after a source name.
const APPOSITIVE: &[&str] = &[
    "who",
    "whose",
    "which",
    "the",
    "a",
    "an",
    "one",
    "its",
    "his",
    "her",
    "their",
    "president",
    "director",
    "chief",
    "head",
    "chairman",
    "executive",
];
/// Lemmas that name or describe (`called Trump a “spoiled brat”`): their content ends with the
/// quoted name when an adjunct follows it (`... “crazy system” during a campaign stop`).
const NAMING: &[&str] = &["call", "describe", "refer", "label", "dub", "brand"];
/// Words that open an adjunct after a quoted name.
const ADJUNCTS: &[&str] = &[
    "after",
    "before",
    "during",
    "when",
    "while",
    "because",
    "since",
    "but",
    "in",
    "on",
    "at",
    "amid",
    "despite",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "—",
    "–",
    "-",
];
/// Longest source noun phrase, in tokens.
const MAX_SOURCE: usize = 12;

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
        let first_cue = self.cue_words.partition_point(|&at| at < sentence.start);
        let cue_word = holds(&self.cue_words, sentence);
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
        let cue_words = &self.cue_words[first_cue..];
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
        (self.lex.verbs.contains_key(self.lower(&tokens[i]).as_ref())
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

    /// Content after the cue: a quotation that opens there (`said: “...”`), else the rest of the
    /// sentence (a quotation that runs on past the sentence is taken whole).
    fn content_after(&self, tokens: &[Token], sentence: Span, mut from: usize) -> Vec<Span> {
        // `said on Tuesday that ...`, `said in a statement that ...`: the clause starts at `that`.
        if tokens
            .get(from)
            .is_some_and(|t| t.word && PREPOSITIONS.contains(&self.lower(t).as_ref()))
        {
            if let Some(that) =
                (from + 1..tokens.len().min(from + 8)).find(|&j| self.lower(&tokens[j]) == "that")
            {
                from = that;
            }
        }
        while tokens
            .get(from)
            .is_some_and(|t| self.is_punct(t, ",") || self.is_punct(t, ":"))
        {
            from += 1;
        }
        let Some(first) = tokens.get(from) else {
            return Vec::new();
        };
        if let Some(q) = self.quotation_at(first.span.start) {
            let quotation = &self.quotations[q];
            if quotation.fragments[0].start == first.span.start
                && quotation
                    .fragments
                    .last()
                    .is_some_and(|f| f.end + 2 >= self.trimmed_end(tokens, sentence))
            {
                return quotation.fragments.clone();
            }
        }
        let mut end = self.trimmed_end(tokens, sentence);
        // The clause ends before `, according to ...`, `, but ...` and `;`, unless a quotation
        // goes on past them, and before a cue with content of its own, whatever follows: a
        // participle (`, saying that ...`) or a second verb of the subject (`and called for`).
        let cue_word = |t: &Token| t.word && self.lex.verbs.contains_key(self.lower(t).as_ref());
        let stop = (from + 1..tokens.len()).find_map(|j| {
            let t = &tokens[j];
            if self.quotation_at(t.span.start).is_some() {
                return None;
            }
            let next = tokens.get(j + 1);
            let participle = self.is_punct(t, ",")
                && next.is_some_and(|n| cue_word(n) && self.lower(n).ends_with("ing"));
            let second_verb = t.word
                && self.lower(t) == "and"
                && next.is_some_and(|n| cue_word(n) && !self.lower(n).ends_with("ing"));
            if participle || second_verb {
                return Some((j, true));
            }
            let breaks = self.is_punct(t, ";")
                || self.is_punct(t, ",")
                    && next.is_some_and(|n| {
                        matches!(
                            self.lower(n).as_ref(),
                            "according" | "but" | "while" | "though" | "although"
                        )
                    });
            breaks.then_some((j, false))
        });
        if let Some((j, own_cue)) = stop {
            let quoted_beyond = tokens[j..]
                .iter()
                .any(|t| self.quotation_at(t.span.start).is_some());
            if own_cue || !quoted_beyond {
                return vec![Span::new(first.span.start, tokens[j - 1].span.end)];
            }
        }
        // A quotation opened inside the content and still open at the sentence end runs on.
        if let Some(q) = tokens
            .iter()
            .rev()
            .find_map(|t| self.quotation_at(t.span.start))
        {
            let quotation = &self.quotations[q];
            if quotation.fragments.len() == 1 && quotation.fragments[0].start >= first.span.start {
                end = end.max(quotation.fragments[0].end);
            } else if quotation.fragments[0].start >= first.span.start {
                let mut spans = vec![Span::new(first.span.start, quotation.fragments[0].end)];
                spans.extend(&quotation.fragments[1..]);
                return spans;
            }
        }
        vec![Span::new(first.span.start, end)]
    }

    /// Where the content `span` ends when it names or describes: after the first quotation that
    /// an adjunct follows (`as a “disgrace” after she attacked ...`), else where it ends. It
    /// names with a naming cue (`call`) or with `as` before the quotation (`criticized the
    /// law as a “crazy system”`).
    fn quoted_name_end(&self, tokens: &[Token], span: Span, naming: bool) -> usize {
        let inside = within(tokens, span);
        for (close, mark) in inside.iter().enumerate() {
            if !self.is_closing_mark(mark) {
                continue;
            }
            let Some(q) = self.quotation_at(mark.span.start) else {
                continue;
            };
            let open =
                inside.partition_point(|t| t.span.start < self.quotations[q].fragments[0].start);
            let as_before = inside[open.saturating_sub(4)..open]
                .iter()
                .any(|t| self.lower(t) == "as");
            let mut next = close + 1;
            if inside.get(next).is_some_and(|t| self.is_punct(t, ",")) {
                next += 1;
            }
            let adjunct = inside
                .get(next)
                .is_some_and(|t| ADJUNCTS.contains(&self.lower(t).as_ref()));
            if adjunct && (naming || as_before) {
                return mark.span.end;
            }
        }
        span.end
    }

    /// The end of the sentence without its closing full stop (kept inside a quotation).
    fn trimmed_end(&self, tokens: &[Token], sentence: Span) -> usize {
        match tokens.last() {
            Some(t)
                if !t.word
                    && matches!(t.text(self.text), "." | "!" | "?" | ";")
                    && self.quotation_at(t.span.start).is_none() =>
            {
                tokens
                    .len()
                    .checked_sub(2)
                    .map_or(t.span.start, |i| tokens[i].span.end)
            }
            Some(t) => t.span.end,
            None => sentence.end,
        }
    }

    /// Content before token `k` (a comma or a closing mark): the quotation that closes there, or
    /// the sentence up to the comma.
    fn content_before(&self, tokens: &[Token], k: usize) -> Vec<Span> {
        let mut k = k;
        if self.is_punct(&tokens[k], ",") && k > 0 && self.is_closing_mark(&tokens[k - 1]) {
            k -= 1;
        }
        if self.is_closing_mark(&tokens[k]) {
            if let Some(q) = self.quotation_at(tokens[k].span.start) {
                return self.quotations[q].fragments.clone();
            }
        }
        if k == 0 {
            return Vec::new();
        }
        let end = tokens[k - 1].span.end;
        // `However, growth slowed, the IMF said`: the connective is not what was said.
        let mut first = 0;
        if tokens[0].word && CONNECTIVES.contains(&self.lower(&tokens[0]).as_ref()) {
            first = 1 + usize::from(tokens.get(1).is_some_and(|t| self.is_punct(t, ",")));
        }
        match tokens.get(first) {
            Some(t) if first < k => vec![Span::new(t.span.start, end)],
            _ => Vec::new(),
        }
    }

    /// A quotation opening after a comma or colon within a few tokens of the cue and running to
    /// the sentence's end.
    fn quotation_follows(&self, tokens: &[Token], sentence: Span, k1: usize) -> Option<Vec<Span>> {
        let end = self.trimmed_end(tokens, sentence);
        for j in k1..tokens.len().min(k1 + 10) {
            let t = &tokens[j];
            if self.quotation_at(t.span.start).is_some() {
                return None;
            }
            if j + 1 < tokens.len() && (self.is_punct(t, ",") || self.is_punct(t, ":")) {
                let q = self.quotation_at(tokens[j + 1].span.start)?;
                let quotation = &self.quotations[q];
                let runs_to_end = quotation.fragments.last().is_some_and(|f| f.end + 2 >= end);
                return (quotation.fragments[0].start == tokens[j + 1].span.start && runs_to_end)
                    .then(|| quotation.fragments.clone());
            }
        }
        None
    }

    /// The quotation that opens the paragraph after the one holding `sentence`, when the
    /// sentence ends its paragraph.
    fn quotation_opening_next_paragraph(&self, sentence: Span) -> Option<Vec<Span>> {
        let p = self
            .paragraphs
            .partition_point(|p| p.start <= sentence.start);
        let this = self.paragraphs.get(p.checked_sub(1)?)?;
        let next = self.paragraphs.get(p)?;
        if this.trim(self.text).end > sentence.end {
            return None;
        }
        let at = next.trim(self.text).start;
        let q = self.quotation_at(at)?;
        let quotation = &self.quotations[q];
        (quotation.fragments[0].start == at).then(|| quotation.fragments.clone())
    }

    /// The rest of a sentence interrupted by its attribution (`“A,” Obama said, “is that ...”`,
    /// `Though it went well, he said, replacing her would be hard.`), starting after token `j`;
    /// with `quotation_only`, only a quotation.
    fn interjected(
        &self,
        tokens: &[Token],
        sentence: Span,
        j: usize,
        quotation_only: bool,
    ) -> Vec<Span> {
        if !tokens.get(j).is_some_and(|t| self.is_punct(t, ",")) {
            return Vec::new();
        }
        let Some(next) = tokens.get(j + 1) else {
            return Vec::new();
        };
        if let Some(q) = self.quotation_at(next.span.start) {
            let quotation = &self.quotations[q];
            return if quotation.fragments[0].start == next.span.start {
                quotation.fragments.clone()
            } else {
                Vec::new()
            };
        }
        // `“A,” he said, but “B.”`, `..., Jordan said, and still “got to ...”`: the
        // conjunction and what follows it up to the quotation's end.
        if next.word && matches!(self.lower(next).as_ref(), "but" | "and") {
            let opening = tokens[j + 2..tokens.len().min(j + 5)].iter().find_map(|t| {
                let q = self.quotation_at(t.span.start)?;
                (self.quotations[q].fragments[0].start == t.span.start).then_some(q)
            });
            if let Some(q) = opening {
                let mut fragments = self.quotations[q].fragments.clone();
                fragments[0].start = next.span.start;
                return fragments;
            }
        }
        if quotation_only {
            return Vec::new();
        }
        let rest = &tokens[j + 1..];
        let cue_next = next.word && self.lex.verbs.contains_key(self.lower(next).as_ref());
        if rest.len() < 4
            || cue_next
            || rest
                .iter()
                .any(|t| self.quotation_at(t.span.start).is_some())
        {
            return Vec::new();
        }
        vec![Span::new(
            next.span.start,
            self.trimmed_end(tokens, sentence),
        )]
    }

    /// Whether an appositive follows the source at token `j`: `, a retired general ...`.
    fn appositive_follows(&self, tokens: &[Token], j: usize) -> bool {
        tokens.get(j).is_some_and(|t| self.is_punct(t, ","))
            && tokens.get(j + 1).is_some_and(|t| {
                t.word && (APPOSITIVE.contains(&self.lower(t).as_ref()) || self.np_word(t))
            })
            && tokens[j + 1..]
                .iter()
                .all(|t| self.quotation_at(t.span.start).is_none())
            && tokens.len() - j <= 30
    }

    /// A source with appositives or a relative clause before its cue: `Derek Mitchell, who
    /// served as ambassador, said ...`, `Megan Hester, senior associate at ..., said`, `Donna
    /// Rawlings, 59, of Ashton, Md., who watched ..., said` (the closing comma included).
    fn appositive_left(&self, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
        if end < 3 || !self.is_punct(&tokens[end - 1], ",") {
            return None;
        }
        let floor = end.saturating_sub(40);
        let comma = |k: usize| self.is_punct(&tokens[k], ",");
        let mut close = end - 1;
        let mut source = None;
        // Back over the comma-separated phrases, to the name the first one follows.
        for _ in 0..4 {
            let Some(open) = (floor..close).rev().find(|&k| comma(k)) else {
                break;
            };
            let phrase = &tokens[open + 1..close];
            let Some(opener) = phrase.first() else {
                break;
            };
            if !opener.word
                || phrase
                    .iter()
                    .any(|t| self.quotation_at(t.span.start).is_some())
            {
                break;
            }
            let text = opener.text(self.text);
            let lower = self.lower(opener);
            // `Trump, speaking to a veterans group, said`, `Clinton, at a press gaggle, said`:
            // the phrase is no part of the source.
            if close == end - 1
                && (PREPOSITIONS.contains(&lower.as_ref()) || lower.ends_with("ing"))
                && end - open <= 12
            {
                return self.np_left(tokens, open);
            }
            // `, who served ...,`, `, Phil Lovas,`, `, Democrat of California,`, `, 59,`,
            // `, of Ashton,`, `, senior associate ...,`.
            let appositive = APPOSITIVE.contains(&lower.as_ref())
                || text.chars().next().is_some_and(char::is_uppercase)
                || text.chars().all(|c| c.is_ascii_digit())
                || lower == "of"
                || self.np_word(opener)
                // `, ranking member of the committee,`
                || phrase.iter().take(3).any(|t| {
                    t.word && self.lex.roles.contains(self.lower(t).trim_end_matches('s'))
                });
            if !appositive {
                break;
            }
            if let Some((start, _)) = self.np_left(tokens, open) {
                source = Some((start, end));
                // A name itself after a comma (`Md.` in `of Ashton, Md.,`) is one more phrase.
                let after_comma = start > 0 && comma(start - 1)
                    || start > 1 && self.lower(&tokens[start - 1]) == "of" && comma(start - 2);
                if !after_comma {
                    break;
                }
            }
            close = open;
        }
        source
    }

    /// Whether `t` is an adverb in `-ly` (`reportedly`, not `family`).
    fn is_adverb(&self, t: &Token) -> bool {
        let lower = self.lower(t);
        t.word
            && lower.len() >= 4
            && lower.ends_with("ly")
            && t.text(self.text).starts_with(|c: char| c.is_lowercase())
            && !NOT_ADVERBS.contains(&lower.as_ref())
    }

    fn is_name_word(&self, t: &Token) -> bool {
        t.word
            && t.text(self.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Whether token `t` may be part of a source noun phrase.
    fn np_word(&self, t: &Token) -> bool {
        if !t.word {
            return false;
        }
        let lower = self.lower(t);
        if self.is_name_word(t) {
            // Capitalised sentence openers (`But`, `When`) are no names; `The` opens a noun phrase.
            return DETERMINERS.contains(&lower.as_ref())
                || !self.starters.contains(lower.as_ref());
        }
        DETERMINERS.contains(&lower.as_ref())
            || MODIFIERS.contains(&lower.as_ref())
            || self.lex.roles.contains(lower.trim_end_matches('s'))
            || self.lex.roles.contains(lower.as_ref())
            || self.lex.groups.contains(lower.as_ref())
            || self.lex.titles.contains(lower.as_ref())
            || lower == "of"
            || lower == "percent"
            || lower
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            // `Air Force 1st Lt. Tyler Livingston`
            || lower.starts_with(|c: char| c.is_ascii_digit())
                && ["st", "nd", "rd", "th"].iter().any(|s| lower.ends_with(s))
    }

    fn has_head(&self, tokens: &[Token]) -> bool {
        tokens.iter().any(|t| {
            let lower = self.lower(t);
            self.is_name_word(t) && !DETERMINERS.contains(&lower.as_ref())
                || lower == "percent"
                || self.lex.roles.contains(lower.trim_end_matches('s'))
                || self.lex.groups.contains(lower.as_ref())
                || self.lex.pronouns.contains(lower.as_ref())
        })
    }

    /// The subject noun phrase that opens the sentence, after an opening adverbial phrase
    /// (`On Thursday, however, Trump spoke ...`), when it comes before token `before`.
    fn sentence_subject(&self, tokens: &[Token], before: usize) -> Option<Span> {
        let mut j = 0;
        while j < before {
            let first = self.lower(&tokens[j]);
            let adverbial =
                PREPOSITIONS.contains(&first.as_ref()) || CONNECTIVES.contains(&first.as_ref());
            if !adverbial {
                break;
            }
            let comma = (j..before).find(|&k| self.is_punct(&tokens[k], ","))?;
            j = comma + 1;
        }
        let (a, b) = self.np_right(tokens, j)?;
        (b < before).then(|| self.span_of(tokens, a, b))
    }

    /// The subject of the cue's clause: everything from the clause's start (the sentence start,
    /// a comma, a closing quotation mark, a conjunction) to the cue, when it reads as a noun
    /// phrase: `Republican vice-presidential nominee Gov. Mike Pence (R-IN) said`,
    /// `advisers to Mr. Obama say`.
    fn clause_subject(&self, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
        // `federal prosecutors in April said`, `Wells Fargo just this month said`: time words
        // between the subject and its cue are neither.
        let mut end = end;
        while end > 1
            && tokens[end - 1].word
            && TIME_WORDS.contains(&self.lower(&tokens[end - 1]).as_ref())
        {
            end -= 1;
        }
        let mut start = end;
        // Where the phrase would start if `and` joined two nouns (`Mr. Grassley and Mr. Leahy`).
        let mut before_and = None;
        while start > 0 && end - start < MAX_SOURCE + 3 {
            let t = &tokens[start - 1];
            let text = t.text(self.text);
            if t.word && text == "and" && before_and.is_none() && start < end {
                before_and = Some(start);
                start -= 1;
                continue;
            }
            if t.word && CLAUSE_OPENERS.contains(&text) {
                break;
            }
            if !t.word && !matches!(text, "." | "(" | ")" | "’" | "'" | "-" | "&") {
                break;
            }
            if self.quotation_at(t.span.start).is_some() {
                break;
            }
            start -= 1;
        }
        // With `and` inside: the whole phrase when it reads as a noun phrase, else what follows `and`.
        let whole = self.subject_phrase(tokens, start, end);
        match before_and {
            Some(after_and) if whole.is_none() => self.subject_phrase(tokens, after_and, end),
            _ => whole,
        }
    }

    /// `tokens[start..end]` when it reads as the subject noun phrase of a cue.
    fn subject_phrase(&self, tokens: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end || end - start > MAX_SOURCE + 2 {
            return None;
        }
        let phrase = &tokens[start..end];
        let first = self.lower(&phrase[0]);
        let clean = phrase.iter().all(|t| {
            let lower = self.lower(t);
            !t.word
                || !(self.lex.verbs.contains_key(lower.as_ref())
                    || FINITE.contains(&lower.as_ref())
                    || lower.ends_with("ly"))
        });
        let opens = phrase[0].word
            && !PREPOSITIONS.contains(&first.as_ref())
            && !self.starters.contains(first.as_ref())
            || DETERMINERS.contains(&first.as_ref());
        let balanced = phrase.iter().filter(|t| t.text(self.text) == "(").count()
            == phrase.iter().filter(|t| t.text(self.text) == ")").count();
        let last_ok = phrase
            .last()
            .is_some_and(|t| t.word && self.lower(t) != "and" || t.text(self.text) == ")");
        (clean && opens && balanced && last_ok && self.has_head(phrase)).then_some((start, end))
    }

    /// The source noun phrase ending right before token `end`.
    fn np_left(&self, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
        // A party and state after a name belong to the source: `Rep. Jim Jordan (R-Ohio)`.
        if tokens
            .get(end.checked_sub(1)?)
            .is_some_and(|t| self.is_punct(t, ")"))
        {
            let open = (end.saturating_sub(8)..end - 1)
                .rev()
                .find(|&k| self.is_punct(&tokens[k], "("))?;
            let (start, _) = self.np_left(tokens, open)?;
            return Some((start, end));
        }
        let last = tokens.get(end.checked_sub(1)?)?;
        if last.word && self.lex.pronouns.contains(self.lower(last).as_ref()) {
            return Some((end - 1, end));
        }
        let mut start = end;
        while start > 0 && end - start < MAX_SOURCE {
            let t = &tokens[start - 1];
            // Abbreviated titles keep their period (`Sen. Graham`), and so do short
            // abbreviations after a name (`James B. Comey Jr.`, `of Ashton, Md.`).
            let title_dot = self.is_punct(t, ".")
                && start >= 2
                && (self
                    .lex
                    .titles
                    .contains(self.lower(&tokens[start - 2]).as_ref())
                    || start == end
                        && self.is_name_word(&tokens[start - 2])
                        && tokens[start - 2].span.len() <= 3);
            if !(title_dot || self.np_word(t)) || self.lex.pronouns.contains(self.lower(t).as_ref())
            {
                break;
            }
            start -= 1;
        }
        while start < end
            && (self.lower(&tokens[start]) == "of" || self.is_punct(&tokens[start], "."))
        {
            start += 1;
        }
        if start < end && self.has_head(&tokens[start..end]) {
            return Some((start, end));
        }
        // `The network said`, `several cast members said`: a determiner and one or two nouns.
        let nouns = (1..=2).find(|&n| {
            end > n
                && tokens[end - n..end]
                    .iter()
                    // `the ad’s narrator`: a possessive too.
                    .all(|t| {
                        t.word
                            && t.text(self.text)
                                .chars()
                                .all(|c| c.is_lowercase() || c == '’' || c == '\'')
                    })
                && matches!(
                    self.lower(&tokens[end - n - 1]).as_ref(),
                    "the"
                        | "a"
                        | "an"
                        | "this"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "one"
                        | "another"
                        | "several"
                        | "some"
                        | "many"
                        | "two"
                        | "three"
                        | "each"
                        | "every"
                        | "neither"
                        | "either"
                        | "both"
                        | "most"
                        | "few"
                )
        })?;
        let last = self.lower(&tokens[end - 1]);
        (!self.lex.verbs.contains_key(last.as_ref()) && !last.ends_with("ly"))
            .then_some((end - nouns - 1, end))
    }

    /// The source noun phrase starting at token `start`.
    fn np_right(&self, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
        let first = tokens.get(start)?;
        if first.word && self.lex.pronouns.contains(self.lower(first).as_ref()) {
            return Some((start, start + 1));
        }
        let mut end = start;
        while end < tokens.len() && end - start < MAX_SOURCE {
            let t = &tokens[end];
            let title_dot = self.is_punct(t, ".")
                && end > start
                && self
                    .lex
                    .titles
                    .contains(self.lower(&tokens[end - 1]).as_ref())
                && end + 1 < tokens.len();
            if !(title_dot || self.np_word(t)) {
                break;
            }
            end += 1;
        }
        while end > start && (self.lower(&tokens[end - 1]) == "of" || !tokens[end - 1].word) {
            end -= 1;
        }
        if end == start || !self.has_head(&tokens[start..end]) {
            return None;
        }
        // A party and state after a name: `Rep. G.K. Butterfield (D-N.C.)`.
        if tokens.get(end).is_some_and(|t| self.is_punct(t, "(")) {
            if let Some(close) =
                (end + 1..tokens.len().min(end + 8)).find(|&k| self.is_punct(&tokens[k], ")"))
            {
                end = close + 1;
            }
        }
        Some((start, end))
    }

    /// Direct when the content is quotation marks around all of it, mixed when around a part.
    fn kind_of(&self, content: &[Span]) -> QuoteKind {
        // The last fragment starting before the span's end: the only one that can overlap it
        // (fragments are sorted and disjoint).
        let fragment_at = |s: &Span| {
            let i = self.fragments.partition_point(|(f, _)| f.start < s.end);
            i.checked_sub(1).map(|i| self.fragments[i].0)
        };
        let whole = content.iter().all(|s| fragment_at(s) == Some(*s));
        let quoted = content
            .iter()
            .any(|s| fragment_at(s).is_some_and(|f| f.overlaps(s)));
        match (whole, quoted) {
            (true, _) => QuoteKind::Direct,
            (false, true) => QuoteKind::Mixed,
            _ => QuoteKind::Indirect,
        }
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
        // What follows a label is all the speaker says: to the end of the paragraph.
        let paragraph = self
            .paragraphs
            .partition_point(|p| p.start <= sentence.start);
        let end = paragraph
            .checked_sub(1)
            .map(|p| self.paragraphs[p].trim(self.text).end)
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
/// Whether one of the sorted offsets `at` lies in `span`.
fn holds(at: &[usize], span: Span) -> bool {
    let first = at.partition_point(|&a| a < span.start);
    at.get(first).is_some_and(|&a| a < span.end)
}

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
