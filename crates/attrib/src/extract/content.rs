//! What is said: the content of an attribution around its cue, and its kind.

use quotewire_core::text::SortedSpans;
use quotewire_core::{QuoteKind, Span};

use super::Extractor;
use super::words::*;
use crate::tokens::{Token, within};

impl Extractor<'_> {
    /// Content after the cue: a quotation that opens there (`said: “...”`), else the rest of the
    /// sentence (a quotation that runs on past the sentence is taken whole).
    pub(super) fn content_after(
        &self,
        tokens: &[Token],
        sentence: Span,
        mut from: usize,
    ) -> Vec<Span> {
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
    pub(super) fn quoted_name_end(&self, tokens: &[Token], span: Span, naming: bool) -> usize {
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
            let adjunct = inside.get(next).is_some_and(|t| {
                let lower = self.lower(t);
                ADJUNCTS.contains(&lower.as_ref()) || WEEKDAYS.contains(&lower.as_ref())
            });
            if adjunct && (naming || as_before) {
                return mark.span.end;
            }
        }
        span.end
    }

    /// The end of the sentence without its closing full stop (kept inside a quotation).
    pub(super) fn trimmed_end(&self, tokens: &[Token], sentence: Span) -> usize {
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
    pub(super) fn content_before(&self, tokens: &[Token], k: usize) -> Vec<Span> {
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
    pub(super) fn quotation_follows(
        &self,
        tokens: &[Token],
        sentence: Span,
        k1: usize,
    ) -> Option<Vec<Span>> {
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
    pub(super) fn quotation_opening_next_paragraph(&self, sentence: Span) -> Option<Vec<Span>> {
        let p = self.paragraphs.last_starting_at_or_before(sentence.start)?;
        let (this, next) = (&self.paragraphs[p], self.paragraphs.get(p + 1)?);
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
    pub(super) fn interjected(
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

    /// Direct when the content is quotation marks around all of it, mixed when around a part.
    pub(super) fn kind_of(&self, content: &[Span]) -> QuoteKind {
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
}
