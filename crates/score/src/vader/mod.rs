//! Sentiment by the VADER method (Hutto & Gilbert 2014), step for step as the reference Python
//! `vaderSentiment` 3.3.2 computes it: a valence lexicon, boosters and dampeners, negation in a
//! three-word window, `no`, `least`, idioms, capitals emphasis, the contrastive `but`, and `!`/`?`
//! emphasis, normalised to a compound score with pos/neu/neg proportions.
//!
//! The lexicon is the original word list and emoji descriptions as the `vader_sentiment` crate
//! 0.1.1 carries them (`data/vader_lexicon.txt`, its words and mean valences, and
//! `data/emoji_utf8_lexicon.txt`; MIT, C.J. Hutto), plus the two entries `vaderSentiment` 3.3.2
//! added after that copy was taken (`data/vader_additions.txt`).
//! Scoring reuses per-thread buffers: nothing is allocated per token. A document's passages
//! (sentences, quotations) are scored from one reading of its tokens ([`reading`]).

mod reading;
mod words;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

use quotewire_core::lexicon;
use quotewire_core::text::HasSpan;
use quotewire_core::{Sentiment, Span};
use rustc_hash::FxHashMap;

use crate::ScoreError;

const LEXICON: &str = include_str!("../../data/vader_lexicon.txt");
const EMOJI: &str = include_str!("../../data/emoji_utf8_lexicon.txt");
const ADDITIONS: &str = include_str!("../../data/vader_additions.txt");

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;
const ALPHA: f64 = 15.0;

const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

const BOOSTERS_UP: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];

const BOOSTERS_DOWN: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sorta",
    "sortof",
    "sort-of",
];

/// Two-word dampeners (`kind of`), matched on the words before a lexicon word.
const BOOSTER_BIGRAMS: &[[&str; 2]] = &[["just", "enough"], ["kind", "of"], ["sort", "of"]];

/// Idioms whose valence replaces the lexicon word's.
const SPECIAL_CASES: &[(&[&str], f64)] = &[
    (&["the", "shit"], 3.0),
    (&["the", "bomb"], 3.0),
    (&["bad", "ass"], 1.5),
    (&["bus", "stop"], 0.0),
    (&["yeah", "right"], -2.0),
    (&["kiss", "of", "death"], -1.5),
    (&["to", "die", "for"], 3.0),
    (&["beating", "heart"], 3.5),
];

/// What the lexicons say of one lowercase word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Word {
    valence: Option<f64>,
    booster: Option<f64>,
    negation: bool,
    /// Which of the rules' function words it is (one bit of [`FUNCTION_WORDS`] each).
    tags: u16,
}

/// The words VADER's rules look for, tagged once in the lexicon map instead of compared per token.
const FUNCTION_WORDS: &[&str] = &[
    "no", "or", "nor", "kind", "of", "least", "at", "very", "never", "so", "this", "without",
    "doubt", "but",
];
const NO: u16 = 1 << 0;
const OR: u16 = 1 << 1;
const NOR: u16 = 1 << 2;
const KIND: u16 = 1 << 3;
const OF: u16 = 1 << 4;
const LEAST: u16 = 1 << 5;
const AT: u16 = 1 << 6;
const VERY: u16 = 1 << 7;
const NEVER: u16 = 1 << 8;
const SO: u16 = 1 << 9;
const THIS: u16 = 1 << 10;
const WITHOUT: u16 = 1 << 11;
const DOUBT: u16 = 1 << 12;
const BUT: u16 = 1 << 13;
const IDIOM_START: u16 = 1 << FUNCTION_WORDS.len();

/// One whitespace-separated token, stripped of surrounding punctuation as VADER does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Where it stands in the analysed text.
    pub span: Span,
    /// Where its lowercase stands in the reading's `lower`.
    lower: Span,
    word: Word,
    upper: bool,
    /// Whether it is a negation: one of the lexicon's or a word with `n't`.
    negated: bool,
    /// Whether it has a character of the emoji lexicon.
    emoji: bool,
    /// Its `!` and its `?`, each counted up to four (VADER's emphasis counts no more).
    marks: Marks,
}

/// A count of `!` and one of `?`, each up to four.
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    exclamations: u8,
    questions: u8,
}

impl Marks {
    /// The marks of a token's bytes.
    fn of(bytes: &[u8]) -> Marks {
        let count = |mark: u8| bytes.iter().filter(|&&b| b == mark).count().min(4) as u8;
        Marks {
            exclamations: count(b'!'),
            questions: count(b'?'),
        }
    }

    fn add(self, other: Marks) -> Marks {
        Marks {
            exclamations: (self.exclamations + other.exclamations).min(4),
            questions: (self.questions + other.questions).min(4),
        }
    }
}

impl HasSpan for Token {
    #[inline]
    fn span(&self) -> Span {
        self.span
    }
}

/// The tokens of one passage of a text and the valence VADER gives each.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// The tokens of the whole text.
    reading: reading::Reading,
    pub tokens: Vec<Token>,
    pub valences: Vec<f64>,
    cap_diff: bool,
    but_index: BTreeSet<(u64, usize)>,
    replaced: String,
}

impl Analysis {
    /// Token `i` lowercased.
    pub fn lower(&self, i: usize) -> &str {
        &self.reading.lower[self.tokens[i].lower.range()]
    }

    /// Whether token `i` is the function word tagged `tag` (`NO`, `BUT`, ...).
    fn is(&self, i: usize, tag: u16) -> bool {
        self.tokens[i].word.tags & tag != 0
    }

    /// Whether `len` words from `i` on may be an idiom or a two-word booster: they are in the
    /// text and the first starts one.
    fn may_start_idiom(&self, i: usize, len: usize) -> bool {
        i + len <= self.tokens.len() && self.tokens[i].word.tags & IDIOM_START != 0
    }

    /// Whether the words from `i` on are `words` (an idiom or a two-word booster).
    fn seq(&self, i: usize, words: &[&str]) -> bool {
        self.may_start_idiom(i, words.len())
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| self.lower(i + k) == *w)
    }

    /// Whether token `i` is a negation (`not`, `never`, `isn't`).
    pub fn negated(&self, i: usize) -> bool {
        self.tokens[i].negated
    }
}

thread_local! {
    static SCRATCH: RefCell<Analysis> = RefCell::new(Analysis::default());
}

/// Runs `f` on this thread's reusable buffers (fresh ones in the unlikely case they are in use).
fn with_scratch<T>(f: impl FnOnce(&mut Analysis) -> T) -> T {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut analysis) => f(&mut analysis),
        Err(_) => f(&mut Analysis::default()),
    })
}

/// The VADER sentiment scorer.
///
/// ```
/// use quotewire_score::Vader;
///
/// let vader = Vader::new();
/// let good = vader.polarity("The book was good.");
/// assert!((good.compound - 0.4404).abs() < 1e-9);
/// assert!(vader.polarity("The book was not good.").compound < 0.0);
/// ```
#[derive(Debug, Clone)]
pub struct Vader {
    /// Which lexicon this is (a clone shares it): a thread's reading of a text is reused by the
    /// scorer that made it.
    lexicon: u64,
    words: words::Words,
    emoji: FxHashMap<char, &'static str>,
}

impl Default for Vader {
    fn default() -> Self {
        Self::new()
    }
}

impl Vader {
    /// The scorer with the original lexicon.
    pub fn new() -> Self {
        Self::with_additions(ADDITIONS).expect("the bundled lexicon additions are well formed")
    }

    /// The original lexicon plus `additions`: lines `word<TAB>valence`, `#` comments.
    pub fn with_additions(additions: &str) -> Result<Self, ScoreError> {
        // The lexicon's 7,518 words and the rules' few more.
        let mut words = words::Words::with_capacity(8_192);
        let mut lower = String::new();
        for (word, valence) in raw_pairs(LEXICON) {
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            words.entry(&lower).valence = valence.parse().ok();
        }
        for entry in lexicon::parse_sections(additions, &[])? {
            let valence = entry
                .text
                .split_once('\t')
                .and_then(|(word, value)| Some((word, value.trim().parse::<f64>().ok()?)));
            let Some((word, valence)) = valence else {
                return Err(entry
                    .error(format!(
                        "expected `word<TAB>valence`, found {:?}",
                        entry.text
                    ))
                    .into());
            };
            words.entry(word).valence = Some(valence);
        }
        for (list, value) in [(BOOSTERS_UP, B_INCR), (BOOSTERS_DOWN, B_DECR)] {
            for word in list {
                words.entry(word).booster = Some(value);
            }
        }
        for word in NEGATE {
            words.entry(word).negation = true;
        }
        for (i, word) in FUNCTION_WORDS.iter().enumerate() {
            words.entry(word).tags |= 1 << i;
        }
        let idioms = SPECIAL_CASES.iter().map(|(w, _)| *w);
        for first in idioms
            .chain(BOOSTER_BIGRAMS.iter().map(|w| &w[..]))
            .map(|w| w[0])
        {
            words.entry(first).tags |= IDIOM_START;
        }
        let emoji = raw_pairs(EMOJI)
            .filter_map(|(key, description)| {
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, description)),
                    _ => None,
                }
            })
            .collect();
        static LEXICONS: AtomicU64 = AtomicU64::new(0);
        let lexicon = LEXICONS.fetch_add(1, Ordering::Relaxed);
        Ok(Vader {
            lexicon,
            words,
            emoji,
        })
    }

    /// The sentiment of `text`.
    pub fn polarity(&self, text: &str) -> Sentiment {
        with_scratch(|analysis| self.polarity_with(text, analysis))
    }

    /// The sentiment of each passage of `text`, its tokens read once for all: a passage is one
    /// or more byte spans of the text, scored as their text joined by spaces would be (a span
    /// out of the text or off character boundaries counts as empty).
    ///
    /// ```
    /// use quotewire_core::Span;
    /// use quotewire_score::Vader;
    ///
    /// let vader = Vader::new();
    /// let text = "The plan was good. It was not.";
    /// let (first, second) = (Span::new(0, 18), Span::new(19, text.len()));
    /// let scores = vader.passages(text, [&[first][..], &[second, first][..]]);
    /// assert_eq!(scores[0], vader.polarity("The plan was good."));
    /// assert_eq!(scores[1], vader.polarity("It was not. The plan was good. "));
    /// ```
    pub fn passages<'p>(
        &self,
        text: &str,
        passages: impl IntoIterator<Item = &'p [Span]>,
    ) -> Vec<Sentiment> {
        with_scratch(|analysis| {
            self.read(text, Span::new(0, text.len()), &mut analysis.reading);
            passages
                .into_iter()
                .map(|regions| {
                    if self.passage(text, regions, analysis) {
                        // Emoji are read as their descriptions: the passage's own text is.
                        let joined = joined(text, regions);
                        return self.polarity_with(&joined, &mut Analysis::default());
                    }
                    self.weigh(analysis);
                    score(&analysis.valences, punctuation_emphasis(&analysis.tokens))
                })
                .collect()
        })
    }

    fn polarity_with(&self, text: &str, analysis: &mut Analysis) -> Sentiment {
        let whole = [Span::new(0, text.len())];
        self.read(text, whole[0], &mut analysis.reading);
        if !self.passage(text, &whole, analysis) {
            self.weigh(analysis);
            return score(&analysis.valences, punctuation_emphasis(&analysis.tokens));
        }
        let mut replaced = std::mem::take(&mut analysis.replaced);
        self.describe_emoji(text, &mut replaced);
        let whole = [Span::new(0, replaced.len())];
        self.read(&replaced, whole[0], &mut analysis.reading);
        self.passage(&replaced, &whole, analysis);
        self.weigh(analysis);
        let sentiment = score(&analysis.valences, punctuation_emphasis(&analysis.tokens));
        analysis.replaced = replaced;
        sentiment
    }

    /// Runs `f` on the analysis of the passage `region` of `text` (its tokens and their
    /// valences, spans into `text`), from this thread's reading of `text` where it has one.
    pub(crate) fn with_passage<T>(
        &self,
        text: &str,
        region: Span,
        f: impl FnOnce(&Analysis) -> T,
    ) -> T {
        with_scratch(|analysis| {
            self.read(text, region, &mut analysis.reading);
            self.passage(text, &[region], analysis);
            self.weigh(analysis);
            f(analysis)
        })
    }

    /// Emoji replaced by their descriptions, as VADER reads them.
    fn describe_emoji(&self, text: &str, out: &mut String) {
        out.clear();
        let mut prev_space = true;
        for c in text.chars() {
            match self.emoji.get(&c) {
                Some(description) => {
                    if !prev_space {
                        out.push(' ');
                    }
                    out.push_str(description);
                    prev_space = false;
                }
                None => {
                    out.push(c);
                    prev_space = c == ' ';
                }
            }
        }
    }

    /// The valence of each of the passage's tokens.
    fn weigh(&self, a: &mut Analysis) {
        let n = a.tokens.len();
        a.valences.clear();
        a.valences.resize(n, 0.0);
        let upper_count = a.tokens.iter().filter(|t| t.upper).count();
        a.cap_diff = upper_count > 0 && upper_count < n;
        // Only a lexicon word has a valence, and not a booster nor the `kind` of `kind of`.
        for i in 0..n {
            let word = a.tokens[i].word;
            if word.valence.is_some()
                && word.booster.is_none()
                && !(i + 1 < n && a.is(i, KIND) && a.is(i + 1, OF))
            {
                a.valences[i] = self.valence(a, i);
            }
        }
        but_check(a);
    }

    fn valence(&self, a: &Analysis, i: usize) -> f64 {
        let t = &a.tokens;
        let n = t.len();
        let Some(lexical) = t[i].word.valence else {
            return 0.0;
        };
        let mut valence = lexical;
        if a.is(i, NO) && i != n - 1 && t[i + 1].word.valence.is_some() {
            valence = 0.0;
        }
        if (i > 0 && a.is(i - 1, NO))
            || (i > 1 && a.is(i - 2, NO))
            || (i > 2 && a.is(i - 3, NO) && (a.is(i - 1, OR) || a.is(i - 1, NOR)))
        {
            valence = lexical * N_SCALAR;
        }
        if t[i].upper && a.cap_diff {
            valence += if valence > 0.0 { C_INCR } else { -C_INCR };
        }
        for start in 0..3 {
            let j = match i.checked_sub(start + 1) {
                Some(j) if t[j].word.valence.is_none() => j,
                _ => continue,
            };
            let mut s = scalar_inc_dec(t[j], valence, a.cap_diff);
            if start == 1 && s != 0.0 {
                s *= 0.95;
            }
            if start == 2 && s != 0.0 {
                s *= 0.9;
            }
            valence += s;
            valence = negation_check(a, valence, start, i);
            if start == 2 {
                valence = special_idioms_check(a, valence, i);
            }
        }
        least_check(a, valence, i)
    }
}

/// The first two tab-separated fields of each non-empty line of a bundled word list.
/// (The lists have some 11,000 lines: they are split with `memchr`, a few times faster than
/// `str::lines` and `str::split` on them.)
fn raw_pairs(list: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    let field = |line: &'static str| match memchr::memchr(b'\t', line.as_bytes()) {
        Some(tab) => (&line[..tab], &line[tab + 1..]),
        None => (line, ""),
    };
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', list.as_bytes()).chain(std::iter::once(list.len()));
    ends.filter_map(move |end| {
        let line = list[start..end]
            .strip_suffix('\r')
            .unwrap_or(&list[start..end]);
        start = end + 1;
        let (first, rest) = field(line);
        (!line.is_empty()).then(|| (first, field(rest).0))
    })
}

fn scalar_inc_dec(token: Token, valence: f64, cap_diff: bool) -> f64 {
    let Some(booster) = token.word.booster else {
        return 0.0;
    };
    let mut scalar = if valence < 0.0 { -booster } else { booster };
    if token.upper && cap_diff {
        scalar += if valence > 0.0 { C_INCR } else { -C_INCR };
    }
    scalar
}

fn negation_check(a: &Analysis, valence: f64, start: usize, i: usize) -> f64 {
    let so_or_this = |j: usize| a.is(j, SO) || a.is(j, THIS);
    match start {
        0 if a.negated(i - 1) => valence * N_SCALAR,
        1 if a.is(i - 2, NEVER) && so_or_this(i - 1) => valence * 1.25,
        1 if a.is(i - 2, WITHOUT) && a.is(i - 1, DOUBT) => valence,
        1 if a.negated(i - 2) => valence * N_SCALAR,
        2 if (a.is(i - 3, NEVER) && so_or_this(i - 2)) || so_or_this(i - 1) => valence * 1.25,
        2 if a.is(i - 3, WITHOUT) && (a.is(i - 2, DOUBT) || a.is(i - 1, DOUBT)) => valence,
        2 if a.negated(i - 3) => valence * N_SCALAR,
        _ => valence,
    }
}

fn special_idioms_check(a: &Analysis, mut valence: f64, i: usize) -> f64 {
    // Every idiom and two-word booster checked starts at one of the three words before `i` or
    // at `i` itself: where none of them starts one, nothing below can match.
    if !a.tokens[i - 3..=i]
        .iter()
        .any(|t| t.word.tags & IDIOM_START != 0)
    {
        return valence;
    }
    let n = a.tokens.len();
    let idiom = |from: usize, len: usize| {
        a.may_start_idiom(from, len).then_some(())?;
        SPECIAL_CASES
            .iter()
            .find(|(words, _)| words.len() == len && a.seq(from, words))
            .map(|(_, v)| *v)
    };
    // onezero, twoonezero, twoone, threetwoone, threetwo: the first that is an idiom.
    let before = [(i - 1, 2), (i - 2, 3), (i - 2, 2), (i - 3, 3), (i - 3, 2)];
    if let Some(v) = before.iter().find_map(|&(from, len)| idiom(from, len)) {
        valence = v;
    }
    if n - 1 > i {
        if let Some(v) = idiom(i, 2) {
            valence = v;
        }
    }
    if n - 1 > i + 1 {
        if let Some(v) = idiom(i, 3) {
            valence = v;
        }
    }
    for from in [i - 3, i - 2] {
        if a.may_start_idiom(from, 2) && BOOSTER_BIGRAMS.iter().any(|words| a.seq(from, words)) {
            valence += B_DECR;
        }
    }
    valence
}

fn least_check(a: &Analysis, valence: f64, i: usize) -> f64 {
    let least_before = i > 0 && a.tokens[i - 1].word.valence.is_none() && a.is(i - 1, LEAST);
    if least_before && (i == 1 || !(a.is(i - 2, AT) || a.is(i - 2, VERY))) {
        valence * N_SCALAR
    } else {
        valence
    }
}

/// VADER's contrastive `but`: valences before the first `but` halved, after it increased by half.
///
/// The reference finds each value's position with `list.index(value)`, which gives the first
/// equal value's position, not its own; repeated valences therefore change the result, and this
/// keeps that behaviour (an ordered set of `(value, position)` finds the first equal value).
fn but_check(a: &mut Analysis) {
    let Some(bi) = a.tokens.iter().position(|t| t.word.tags & BUT != 0) else {
        return;
    };
    let index = &mut a.but_index;
    index.clear();
    for k in 0..a.valences.len() {
        let v = a.valences[k];
        if v == 0.0 {
            continue;
        }
        let bits = v.to_bits();
        let si = index
            .range((bits, 0)..(bits, k))
            .next()
            .map_or(k, |&(_, j)| j);
        let updated = match si.cmp(&bi) {
            std::cmp::Ordering::Less => v * 0.5,
            std::cmp::Ordering::Greater => v * 1.5,
            std::cmp::Ordering::Equal => v,
        };
        if si != k {
            index.remove(&(bits, si));
            index.insert((a.valences[k].to_bits(), k));
        }
        a.valences[si] = updated;
        index.insert((updated.to_bits(), si));
    }
}

/// VADER's compound score and proportions from the valences and the emphasis of `!` and `?`.
fn score(valences: &[f64], emphasis: f64) -> Sentiment {
    if valences.is_empty() {
        return Sentiment {
            compound: 0.0,
            pos: 0.0,
            neu: 0.0,
            neg: 0.0,
        };
    }
    let mut sum: f64 = valences.iter().sum();
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0);
    // Most tokens are neutral: they are counted, the others summed.
    let (mut pos_sum, mut neg_sum, mut neutral) = (0.0, 0.0, 0_usize);
    for &v in valences {
        if v == 0.0 {
            neutral += 1;
        } else if v > 0.0 {
            pos_sum += v + 1.0;
        } else if v < 0.0 {
            neg_sum += v - 1.0;
        }
    }
    let neu_count = neutral as f64;
    if pos_sum > neg_sum.abs() {
        pos_sum += emphasis;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= emphasis;
    }
    let total = pos_sum + neg_sum.abs() + neu_count;
    Sentiment {
        compound: round(compound, 1e4),
        pos: round((pos_sum / total).abs(), 1e3),
        neu: round((neu_count / total).abs(), 1e3),
        neg: round((neg_sum / total).abs(), 1e3),
    }
}

/// The emphasis of the `!` and `?` of a passage's tokens (all there are of them in its text:
/// what is not in a token is whitespace).
fn punctuation_emphasis(tokens: &[Token]) -> f64 {
    let marks = tokens
        .iter()
        .fold(Marks::default(), |sum, t| sum.add(t.marks));
    let questions = usize::from(marks.questions);
    let question_emphasis = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    f64::from(marks.exclamations) * 0.292 + question_emphasis
}

/// The text of the regions of `text`, each followed by a space (those out of it empty).
fn joined(text: &str, regions: &[Span]) -> String {
    let mut joined = String::new();
    for region in regions {
        joined.push_str(region.slice(text).unwrap_or(""));
        joined.push(' ');
    }
    joined
}

fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use quotewire_core::lexicon::LexiconError;

    use super::*;

    fn compound(text: &str) -> f64 {
        Vader::new().polarity(text).compound
    }

    /// Values printed by the reference `vaderSentiment` 3.3.2 for its own examples.
    #[test]
    fn reference_examples() {
        let cases = [
            ("VADER is smart, handsome, and funny.", 0.8316),
            ("VADER is smart, handsome, and funny!", 0.8439),
            ("VADER is very smart, handsome, and funny.", 0.8545),
            ("VADER is VERY SMART, handsome, and FUNNY.", 0.9227),
            ("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342),
            (
                "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
                0.9469,
            ),
            ("VADER is not smart, handsome, nor funny.", -0.7424),
            ("The book was good.", 0.4404),
            ("At least it isn't a horrible book.", 0.431),
            ("The book was only kind of good.", 0.3832),
            (
                "The plot was good, but the characters are uncompelling and the dialog is not great.",
                -0.7042,
            ),
            ("Today SUX!", -0.5461),
            ("Today only kinda sux! But I'll get by, lol", 0.5249),
            ("Make sure you :) or :D today!", 0.8633),
            ("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875),
            ("Not bad at all", 0.431),
        ];
        for (text, expected) in cases {
            assert!(
                (compound(text) - expected).abs() < 1e-9,
                "{text}: {} != {expected}",
                compound(text)
            );
        }
    }

    #[test]
    fn proportions_sum_to_one_and_empty_text_is_neutral_zero() {
        let s = Vader::new().polarity("The plot was good, but the dialog is not great.");
        assert!((s.pos + s.neu + s.neg - 1.0).abs() < 2e-3);
        let empty = Vader::new().polarity("  ");
        assert_eq!(empty.compound, 0.0);
        assert_eq!(empty.neu, 0.0);
    }

    #[test]
    fn token_spans_point_into_the_text() {
        let text = "“Très bien!” — c'est «good», he said.";
        Vader::new().with_passage(text, Span::new(0, text.len()), |a| {
            let words: Vec<&str> = a.tokens.iter().map(|t| &text[t.span.range()]).collect();
            assert_eq!(
                words,
                ["“Très", "bien!”", "—", "c'est", "«good»", "he", "said"]
            );
        });
    }

    #[test]
    fn bundled_word_lists_are_well_formed() {
        assert_eq!(raw_pairs(LEXICON).count(), 7518);
        for (word, valence) in raw_pairs(LEXICON) {
            assert!(
                !word.is_empty() && valence.parse::<f64>().is_ok(),
                "{word:?}"
            );
        }
        assert!(
            raw_pairs(EMOJI).all(|(key, description)| !key.is_empty() && !description.is_empty())
        );
    }

    #[test]
    fn additions_are_checked() {
        assert!(matches!(
            Vader::with_additions("heart 3.2"),
            Err(ScoreError::Lexicon(LexiconError { line: 1, .. }))
        ));
        assert!(compound("A heart of gold.") > 0.0);
    }
}
