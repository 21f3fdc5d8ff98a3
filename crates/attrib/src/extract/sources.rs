//! Who says it: the source noun phrase of a cue, before it, after it, or at the sentence start.

use quotewire_core::Span;

use super::Extractor;
use super::words::*;
use crate::tokens::Token;

impl Extractor<'_> {
    /// Whether an appositive follows the source at token `j`: `, a retired general ...`.
    pub(super) fn appositive_follows(&self, tokens: &[Token], j: usize) -> bool {
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
    pub(super) fn appositive_left(&self, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
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
                let start = self.role_before_preposition(tokens, start).unwrap_or(start);
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

    /// A role and its preposition before the organisation phrase at `start`: `His former
    /// partner at` before `Lenox, Lawrence Cummings,`, `a spokesman for` before `the ministry`.
    fn role_before_preposition(&self, tokens: &[Token], start: usize) -> Option<usize> {
        let preposition = tokens.get(start.checked_sub(1)?)?;
        if !matches!(
            self.lower(preposition).as_ref(),
            "at" | "for" | "with" | "from" | "of"
        ) {
            return None;
        }
        let (mut role_start, _) = self.np_left(tokens, start - 1)?;
        if !tokens[role_start..start - 1]
            .iter()
            .any(|t| t.word && self.lex.roles.contains(self.lower(t).as_ref()))
        {
            return None;
        }
        // Its modifiers, back to a determiner: `His former business partner`.
        let modifiers = (role_start.saturating_sub(3)..role_start)
            .rev()
            .take_while(|&k| tokens[k].word)
            .find(|&k| {
                matches!(
                    self.lower(&tokens[k]).as_ref(),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its"
                )
            });
        if let Some(k) = modifiers {
            role_start = k;
        }
        Some(role_start)
    }

    /// Whether `t` is an adverb in `-ly` (`reportedly`, not `family`).
    pub(super) fn is_adverb(&self, t: &Token) -> bool {
        let lower = self.lower(t);
        t.word
            && lower.len() >= 4
            && lower.ends_with("ly")
            && t.text(self.text).starts_with(|c: char| c.is_lowercase())
            && !NOT_ADVERBS.contains(&lower.as_ref())
    }

    pub(super) fn is_name_word(&self, t: &Token) -> bool {
        t.word
            && t.text(self.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Whether token `t` may be part of a source noun phrase.
    pub(super) fn np_word(&self, t: &Token) -> bool {
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

    pub(super) fn has_head(&self, tokens: &[Token]) -> bool {
        tokens.iter().any(|t| {
            let lower = self.lower(t);
            self.is_name_word(t) && !DETERMINERS.contains(&lower.as_ref())
                || lower == "percent"
                || self.lex.roles.contains(lower.trim_end_matches('s'))
                || self.lex.groups.contains(lower.as_ref())
                // `a statement on her website`
                || self.lex.documents.contains(lower.as_ref())
                || self.lex.pronouns.contains(lower.as_ref())
        })
    }

    /// The subject noun phrase that opens the sentence, after an opening adverbial phrase
    /// (`On Thursday, however, Trump spoke ...`), when it comes before token `before`.
    pub(super) fn sentence_subject(&self, tokens: &[Token], before: usize) -> Option<Span> {
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
    pub(super) fn clause_subject(&self, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
        // `federal prosecutors in April said`, `Wells Fargo just this month said`: time words
        // between the subject and its cue are neither.
        let mut end = end;
        while end > 1
            && tokens[end - 1].word
            && [TIME_WORDS, WEEKDAYS]
                .iter()
                .any(|words| words.contains(&self.lower(&tokens[end - 1]).as_ref()))
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
    pub(super) fn subject_phrase(
        &self,
        tokens: &[Token],
        start: usize,
        end: usize,
    ) -> Option<(usize, usize)> {
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
    pub(super) fn np_left(&self, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
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
        // `The network said`, `several cast members said`: a determiner and one or two nouns;
        // `the MCB's public affairs committee`, `one of Mumbai's main Catholic organisations`: a
        // possessive name and up to three words ending in an organisation word.
        let possessive = |t: &Token| {
            let text = t.text(self.text);
            self.is_name_word(t) && (text.ends_with("'s") || text.ends_with("’s"))
        };
        let org_word = |t: &Token| {
            let lower = self.lower(t);
            self.lex.orgs.contains(lower.as_ref())
                || self.lex.orgs.contains(lower.trim_end_matches('s'))
        };
        let after_possessive = (1..=3).find(|&n| {
            end > n
                && tokens[end - n..end].iter().all(|t| {
                    t.word && !possessive(t) && !self.lex.verbs.contains_key(self.lower(t).as_ref())
                })
                && possessive(&tokens[end - n - 1])
                && org_word(&tokens[end - 1])
        });
        if let Some(n) = after_possessive {
            // With what stands before the possessive: `The chairman of the MCB's ...`.
            let (start, _) = self
                .np_left(tokens, end - n)
                .unwrap_or((end - n - 1, end - n));
            return Some((start, end));
        }
        let nouns = (1..=2).find(|&n| {
            end > n
                && tokens[end - n..end]
                    .iter()
                    // `the ad’s narrator`: a possessive too.
                    .all(|t| {
                        t.word
                            && !matches!(self.lower(t).as_ref(), "and" | "or" | "but" | "nor")
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

    /// Where a source phrase `start..end` ends before its first preposition (`analyst Jo Berg
    /// of the firm's sale`), when what stands before it has a head; else `end`.
    pub(super) fn before_inner_preposition(
        &self,
        tokens: &[Token],
        start: usize,
        end: usize,
    ) -> usize {
        let at = (start + 1..end)
            .find(|&k| tokens[k].word && PREPOSITIONS.contains(&self.lower(&tokens[k]).as_ref()));
        match at {
            Some(k) if self.has_head(&tokens[start..k]) => k,
            _ => end,
        }
    }

    /// The source noun phrase starting at token `start`.
    pub(super) fn np_right(&self, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
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
        // `..., said Tuesday.`: a day or a month is no source.
        let time_only = tokens[start..end]
            .iter()
            .all(|t| !t.word || self.lex.time_words.contains(self.lower(t).as_ref()));
        if time_only {
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
}
