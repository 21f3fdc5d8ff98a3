//! The sentence scanner: one pass over a paragraph, judging each candidate boundary (`.`, `?`, `!`,
//! `…`, list markers, bullets) from a bounded window of text around it.

use quotewire_core::Span;
use quotewire_core::text::{QuoteSet, Style};

use crate::rules::{Class, Rules};

/// How far back a word is looked for before a period, in bytes.
const MAX_WORD_BACK: usize = 64;
/// How far ahead the words after a quotation are read for an attribution clause, in bytes.
const MAX_LOOKAHEAD: usize = 160;

/// Where the next of three bytes stands, found with `memchr3` and remembered: the scanner asks
/// for positions in increasing order, so a text is read once however the two kinds of stops
/// interleave.
#[derive(Debug, Clone)]
struct NextOf {
    needles: [u8; 3],
    /// No needle stands in `from..at`; one stands at `at` (or `at` is the end).
    from: usize,
    at: usize,
}

impl NextOf {
    const fn new(needles: [u8; 3]) -> Self {
        NextOf {
            needles,
            from: usize::MAX,
            at: 0,
        }
    }

    /// The first position at or after `i` (before `end`) holding a needle, else `end`.
    fn next(&mut self, bytes: &[u8], i: usize, end: usize) -> usize {
        if i < self.from || i > self.at {
            let [a, b, c] = self.needles;
            self.from = i;
            self.at = memchr::memchr3(a, b, c, &bytes[i..end]).map_or(end, |k| i + k);
        }
        self.at
    }
}

const BULLETS: &[char] = &['•', '⁃', '◦', '▪', '●', '‣', '∙'];
/// The quotation marks around sentences: straight, English curly, and double guillemets.
const QUOTE_MARKS: QuoteSet = QuoteSet::ALL
    .styles(&[Style::Straight, Style::Curly])
    .union(QuoteSet::ALL.styles(&[Style::Guillemet]).double());
const OPENING_QUOTES: QuoteSet = QUOTE_MARKS.opening();
const CLOSING_QUOTES: QuoteSet = QUOTE_MARKS.closing();

/// A closing quotation mark or bracket, which a sentence's terminator may be followed by.
fn is_closer(c: char) -> bool {
    CLOSING_QUOTES.contains(c) || matches!(c, ')' | ']')
}

/// An opening quotation mark or bracket, which a sentence may start with.
fn is_opener(c: char) -> bool {
    OPENING_QUOTES.contains(c) || matches!(c, '(' | '[')
}

/// What to do at a candidate.
enum Step {
    /// The sentence ends at `end`; the next one starts at `next` (> the sentence start).
    Break { end: usize, next: usize },
    /// No boundary: go on scanning at this byte.
    Go(usize),
}

/// Iterator over the sentences of one region, from [`crate::Segmenter::sentences_in`].
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    rules: &'a Rules,
    line_breaks: bool,
    text: &'a str,
    pos: usize,
    end: usize,
    /// Value of the last list marker (`1.`, `b)`) that opened a sentence.
    last_marker: Option<u32>,
    /// Bytes at which the scanner stops to look: terminators; and `)` (list markers), line
    /// breaks and the lead byte of `…` and bullets.
    terminators: NextOf,
    others: NextOf,
}

impl<'a> Sentences<'a> {
    pub(crate) fn new(rules: &'a Rules, line_breaks: bool, text: &'a str, region: Span) -> Self {
        let (pos, end) = match region.slice(text) {
            Some(_) => (region.start, region.end),
            None => (0, 0),
        };
        Sentences {
            rules,
            line_breaks,
            text,
            pos,
            end,
            last_marker: None,
            terminators: NextOf::new([b'.', b'?', b'!']),
            others: NextOf::new([b')', b'\n', 0xE2]),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            None
        } else {
            self.text[i..self.end].chars().next()
        }
    }

    fn skip_whitespace(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if !c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Where the sentence starting at `start` ends, and where the next one starts.
    fn find_end(&mut self, start: usize) -> (usize, usize) {
        let bytes = self.bytes();
        let mut i = start;
        let end = self.end;
        while i < end {
            i = (self.terminators.next(bytes, i, end)).min(self.others.next(bytes, i, end));
            if i == end {
                break;
            }
            let step = match bytes[i] {
                b'.' | b'?' | b'!' => self.terminator(start, i, 1),
                b')' => self.parenthesis_marker(start, i),
                b'\n' if self.line_breaks => Step::Break {
                    end: i,
                    next: i + 1,
                },
                0xE2 => match self.char_at(i) {
                    Some('…') => self.terminator(start, i, '…'.len_utf8()),
                    Some(c) if BULLETS.contains(&c) && i > start => Step::Break { end: i, next: i },
                    Some(c) => Step::Go(i + c.len_utf8()),
                    None => Step::Go(self.end),
                },
                _ => Step::Go(i + 1),
            };
            match step {
                Step::Break { end, next } => return (end, next),
                Step::Go(next) => i = next.max(i + 1),
            }
        }
        (self.end, self.end)
    }

    /// Judges the run of terminators starting at `i` (whose first char is `width` bytes).
    fn terminator(&mut self, start: usize, i: usize, width: usize) -> Step {
        let bytes = self.bytes();
        let (mut dots, mut marks, mut ellipsis, mut spaced) = (0, false, false, false);
        let mut j = i;
        loop {
            match bytes.get(j).filter(|_| j < self.end) {
                Some(b'.') => {
                    dots += 1;
                    j += 1;
                }
                Some(b'?' | b'!') => {
                    marks = true;
                    j += 1;
                }
                Some(0xE2) if self.text[j..].starts_with('…') => {
                    ellipsis = true;
                    j += '…'.len_utf8();
                }
                // Spaced dots: `. . .`
                Some(b' ') if dots > 0 && !marks && self.spaced_dot_at(j + 1) => {
                    spaced = true;
                    j += 1;
                }
                _ => break,
            }
        }
        debug_assert!(j >= i + width);
        let run_end = j;
        // `[...]` marks an omission, never an end.
        if i > start
            && bytes[i - 1] == b'['
            && bytes.get(run_end) == Some(&b']')
            && run_end < self.end
        {
            return Step::Go(run_end + 1);
        }
        let mut after = run_end;
        let mut closed_quote = false;
        while let Some(c) = self.char_at(after) {
            if is_closer(c) {
                closed_quote |= CLOSING_QUOTES.contains(c);
                after += c.len_utf8();
            } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}')
                && self.char_at(after + c.len_utf8()) == Some('»')
            {
                // French spacing: `fini. »`
                after += c.len_utf8();
            } else {
                break;
            }
        }
        let single_period = dots == 1 && !marks && !ellipsis && !spaced;
        if single_period {
            if let Some(step) = self.list_marker(start, i, after) {
                return step;
            }
        }
        let Some(c) = self.char_at(after) else {
            return Step::Break {
                end: after,
                next: after,
            };
        };
        if !c.is_whitespace() {
            let glued = single_period && after == run_end && self.glued_boundary(start, i);
            return if glued {
                Step::Break {
                    end: after,
                    next: after,
                }
            } else {
                Step::Go(after)
            };
        }
        let next = self.skip_whitespace(after);
        let Some(first) = self.char_at(next) else {
            return Step::Break { end: after, next };
        };
        let boundary = if spaced {
            let attached = i > start && !bytes[i - 1].is_ascii_whitespace();
            if dots >= 4 && attached && first.is_uppercase() {
                // `compounds. . . . The`: a full stop, then an ellipsis opening the next sentence.
                return Step::Break {
                    end: i + 1,
                    next: i + 1,
                };
            }
            dots >= 4 && first.is_uppercase()
        } else if ellipsis || dots >= 3 {
            first.is_uppercase() || is_opener(first)
        } else if marks {
            starts_sentence(first)
        } else {
            self.after_period(start, i, next, first)
        };
        if boundary && closed_quote && self.attribution_follows(next) {
            return Step::Go(after);
        }
        if boundary {
            Step::Break { end: after, next }
        } else {
            Step::Go(after)
        }
    }

    fn spaced_dot_at(&self, k: usize) -> bool {
        let bytes = self.bytes();
        k < self.end
            && bytes[k] == b'.'
            && (k + 1 >= self.end
                || matches!(bytes[k + 1], b' ' | b'.')
                || self.char_at(k + 1).is_some_and(is_closer))
    }

    /// A single period after a word, followed by whitespace and `first` at `next`.
    fn after_period(&self, start: usize, i: usize, next: usize, first: char) -> bool {
        let word = &self.bytes()[self.word_start(start, i)..i];
        let class = self.classify(word);
        if !starts_sentence(first) {
            // `eHow was`, `iPhone sales`: a capital inside the next word still opens a sentence.
            return class.is_none() && first.is_lowercase() && self.camel_case_at(next);
        }
        match class {
            None => true,
            Some(Class::Title) => false,
            Some(Class::Number) => !first.is_ascii_digit() && self.starter_at(next),
            Some(Class::Time) if word.iter().any(u8::is_ascii_uppercase) => first.is_uppercase(),
            Some(Class::Time | Class::Other) => self.starter_at(next),
        }
    }

    /// The abbreviation class of the word before a period, if it is one.
    fn classify(&self, word: &[u8]) -> Option<Class> {
        if let Some(class) = self.rules.abbreviation(word) {
            return Some(class);
        }
        let dotted_initials = word.len() >= 3
            && word.len() % 2 == 1
            && word.iter().enumerate().all(|(k, b)| {
                if k % 2 == 0 {
                    b.is_ascii_alphabetic()
                } else {
                    *b == b'.'
                }
            });
        let initial = word.len() == 1 && word[0].is_ascii_alphabetic();
        (dotted_initials || initial).then_some(Class::Other)
    }

    /// Whether a sentence starter (`The`, `It`, an opening quote) is at `next`.
    fn starter_at(&self, next: usize) -> bool {
        match self.char_at(next) {
            Some(c) if OPENING_QUOTES.contains(c) => true,
            Some(c) if c.is_uppercase() => self.rules.is_starter(self.word_at(next)),
            _ => false,
        }
    }

    /// The ASCII letters of the word at `k`.
    fn word_at(&self, k: usize) -> &'a [u8] {
        let bytes = &self.bytes()[k..self.end];
        let len = bytes
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        &bytes[..len]
    }

    /// Where the word ending at `i` starts: after whitespace, an opening mark or a non-ASCII char
    /// (but `N°` is one word), at most [`MAX_WORD_BACK`] bytes back and not before the sentence `start`.
    fn word_start(&self, start: usize, i: usize) -> usize {
        let bytes = self.bytes();
        let floor = i.saturating_sub(MAX_WORD_BACK).max(start);
        let mut k = i;
        while k > floor {
            let b = bytes[k - 1];
            if b.is_ascii_whitespace() || b"([{\"'".contains(&b) {
                break;
            }
            if !b.is_ascii() {
                if b == 0xB0 && k >= 2 && bytes[k - 2] == 0xC2 {
                    k -= 2;
                    continue;
                }
                break;
            }
            k -= 1;
        }
        while !self.text.is_char_boundary(k) {
            k += 1;
        }
        k
    }

    /// `world.Today`, `1,000.That`: a period between a word and a capitalised word with no space,
    /// outside e-mail addresses, URLs and abbreviations.
    fn camel_case_at(&self, next: usize) -> bool {
        let word = &self.bytes()[next..self.end.min(next + 16)];
        let len = word.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        word[..len].iter().skip(1).any(u8::is_ascii_uppercase)
    }

    fn glued_boundary(&self, start: usize, i: usize) -> bool {
        let bytes = self.bytes();
        let next = &bytes[i + 1..self.end.min(i + 1 + MAX_WORD_BACK)];
        if !(next.len() >= 2 && next[0].is_ascii_uppercase() && next[1].is_ascii_lowercase()) {
            return false;
        }
        let start = self.word_start(start, i);
        let word = &bytes[start..i];
        let plain = (word.len() >= 2 && word.iter().all(u8::is_ascii_alphabetic))
            || (!word.is_empty() && word.iter().all(|b| b.is_ascii_digit() || *b == b','));
        let token_end = next
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(next.len());
        let web = next[..token_end]
            .iter()
            .any(|b| matches!(b, b'@' | b'/' | b':'));
        plain && !web && self.classify(word).is_none()
    }

    /// A list marker (`1.`, `b.`, `2.)`) ending at the period `i`: it opens its sentence, or
    /// starts the next item of the list (a new sentence before it).
    fn list_marker(&mut self, start: usize, i: usize, after: usize) -> Option<Step> {
        let word_start = self.word_start(start, i);
        let value = marker_value(&self.bytes()[word_start..i])?;
        if !self.char_at(after).is_some_and(char::is_whitespace) {
            return None;
        }
        self.marker(start, word_start, value, after)
    }

    /// `2)` in `1) The first item 2) The second item`.
    fn parenthesis_marker(&mut self, start: usize, i: usize) -> Step {
        let word_start = self.word_start(start, i);
        let word = &self.bytes()[word_start..i];
        let is_marker = !word.is_empty() && word.len() <= 2 && word.iter().all(u8::is_ascii_digit);
        let followed = self.char_at(i + 1).is_some_and(char::is_whitespace);
        match (is_marker && followed)
            .then(|| marker_value(word))
            .flatten()
        {
            Some(value) => self
                .marker(start, word_start, value, i + 1)
                .unwrap_or(Step::Go(i + 1)),
            None => Step::Go(i + 1),
        }
    }

    fn marker(
        &mut self,
        start: usize,
        word_start: usize,
        value: u32,
        after: usize,
    ) -> Option<Step> {
        let opens = self.text[start..word_start]
            .chars()
            .all(|c| c.is_whitespace() || BULLETS.contains(&c));
        if opens {
            self.last_marker = Some(value);
            Some(Step::Go(after))
        } else if self.last_marker.is_some_and(|last| last + 1 == value) {
            Some(Step::Break {
                end: word_start,
                next: word_start,
            })
        } else {
            None
        }
    }

    /// Whether an attribution clause follows a quotation that closed with its own full stop:
    /// `"We won." Smith said.`, `"No." said Kim Jong-un,`, `"Yes." The minister said.`
    fn attribution_follows(&self, next: usize) -> bool {
        let bytes = &self.bytes()[next..self.end.min(next + MAX_LOOKAHEAD)];
        let mut words = bytes.split(|b| *b == b' ');
        for _ in 0..5 {
            let Some(word) = words.next() else {
                return false;
            };
            let letters = word
                .iter()
                .take_while(|b| b.is_ascii_alphabetic() || **b == b'-')
                .count();
            if letters == 0 {
                return false;
            }
            if self.rules.is_attribution_verb(&word[..letters]) {
                return closes_clause(&word[letters..], words);
            }
            if letters != word.len() {
                return false;
            }
        }
        false
    }
}

/// After an attribution verb: the clause ends now (`said.`, `said,`) or after capitalised names
/// (`said Jeong Kyeong-doo.`).
fn closes_clause<'b>(rest: &[u8], mut words: impl Iterator<Item = &'b [u8]>) -> bool {
    if matches!(rest.first(), Some(b'.' | b',' | b';')) {
        return true;
    }
    if !rest.is_empty() {
        return false;
    }
    for _ in 0..4 {
        let Some(word) = words.next() else {
            return true;
        };
        if !word.first().is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        if matches!(word.last(), Some(b'.' | b',')) {
            return true;
        }
    }
    false
}

/// Whether text starting with `c` can open a sentence after a terminator.
fn starts_sentence(c: char) -> bool {
    !(c.is_lowercase() || ",;:)]}-–—".contains(c))
}

/// `1`..`99` or `a`..`z` as a list position.
fn marker_value(word: &[u8]) -> Option<u32> {
    match word {
        [d @ b'0'..=b'9'] => Some(u32::from(d - b'0')),
        [d1 @ b'0'..=b'9', d2 @ b'0'..=b'9'] => {
            Some(u32::from(d1 - b'0') * 10 + u32::from(d2 - b'0'))
        }
        [c @ b'a'..=b'z'] => Some(u32::from(c - b'a') + 1),
        _ => None,
    }
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            let start = self.skip_whitespace(self.pos);
            if start >= self.end {
                self.pos = self.end;
                return None;
            }
            let (end, next) = self.find_end(start);
            self.pos = next.max(start + 1).min(self.end);
            while !self.text.is_char_boundary(self.pos) {
                self.pos += 1;
            }
            let sentence = Span::new(start, end.max(start)).trim(self.text);
            if !sentence.is_empty() {
                return Some(sentence);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NextOf;
    use crate::Segmenter;

    #[test]
    fn next_of_finds_each_stop_in_order_and_the_end() {
        let text = "Kim (the envoy) said so. Then…\nNo.".as_bytes();
        let mut stops = NextOf::new([b'.', b'?', b'!']);
        let found: Vec<usize> =
            std::iter::successors(Some(stops.next(text, 0, text.len())), |&at| {
                (at < text.len()).then(|| stops.next(text, at + 1, text.len()))
            })
            .collect();
        assert_eq!(found, [23, 35, 36]);
        // Asked again from earlier, it reads again.
        assert_eq!(stops.next(text, 0, text.len()), 23);
        assert_eq!(stops.next(text, 24, 30), 30);
    }

    fn split(text: &str) -> Vec<&str> {
        Segmenter::new()
            .sentences(text)
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn news_abbreviations_and_titles() {
        assert_eq!(
            split(
                "Defense Sec. Esper met Gen. Mark Milley on Nov. 17 in S. Korea. It was the No. 2 item."
            ),
            [
                "Defense Sec. Esper met Gen. Mark Milley on Nov. 17 in S. Korea.",
                "It was the No. 2 item."
            ]
        );
        assert_eq!(
            split("Shares of Acme Inc. rose. Acme Inc. The firm said."),
            ["Shares of Acme Inc. rose.", "Acme Inc.", "The firm said."]
        );
    }

    #[test]
    fn quotations_stay_with_their_attribution() {
        assert_eq!(
            split("“We won.” Smith said. “Great.” She left."),
            ["“We won.” Smith said.", "“Great.”", "She left."]
        );
        assert_eq!(
            split("« C'est fini. » Il est parti."),
            ["« C'est fini. »", "Il est parti."]
        );
        assert_eq!(
            split("'Why?' he asked. 'Because!' she said."),
            ["'Why?' he asked.", "'Because!' she said."]
        );
        assert_eq!(
            split("“Why is it so big?” Vitter demanded. It was."),
            ["“Why is it so big?” Vitter demanded.", "It was."]
        );
        assert_eq!(
            split("\"I hope not. But I see no changes,\" he stated. The pact ends."),
            [
                "\"I hope not.",
                "But I see no changes,\" he stated.",
                "The pact ends."
            ]
        );
    }

    #[test]
    fn multibyte_spans_are_exact() {
        let text = "Ko Min-jung (고민정) said “inevitable…” Then Séoul replied… Fine.";
        let spans: Vec<_> = Segmenter::new().sentences(text).collect();
        assert_eq!(
            &text[spans[0].range()],
            "Ko Min-jung (고민정) said “inevitable…”"
        );
        assert_eq!(&text[spans[1].range()], "Then Séoul replied…");
        assert_eq!(&text[spans[2].range()], "Fine.");
        assert_eq!(spans[1].char_range(text), Some(37..56));
    }

    #[test]
    fn urls_emails_and_numbers() {
        assert_eq!(
            split("See www.yna.co.kr/view. Mail ko@cwd.go.kr. It cost $1.5 bln. Up 3.2 pct."),
            [
                "See www.yna.co.kr/view.",
                "Mail ko@cwd.go.kr.",
                "It cost $1.5 bln.",
                "Up 3.2 pct."
            ]
        );
    }

    #[test]
    fn line_breaks_option() {
        let text = "features\ncontact manager\nevents, activities\n";
        assert_eq!(
            split(text),
            ["features\ncontact manager\nevents, activities"]
        );
        let lines: Vec<_> = Segmenter::builder()
            .line_breaks(true)
            .build()
            .sentences(text)
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(lines, ["features", "contact manager", "events, activities"]);
    }

    #[test]
    fn region_out_of_bounds_yields_nothing() {
        let segmenter = Segmenter::new();
        assert_eq!(
            segmenter
                .sentences_in("é", quotewire_core::Span::new(1, 2))
                .count(),
            0
        );
        assert_eq!(
            segmenter
                .sentences_in("abc", quotewire_core::Span::new(2, 9))
                .count(),
            0
        );
    }
}
