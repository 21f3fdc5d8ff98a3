//! The passes over a whole document, in one place: each sentence's attributions, then those
//! only the whole document shows (quotations signed with a dash, cue-less continuations), then
//! continuations joined to the quotation they go on, and cue colons.

use quotewire_core::text::SortedSpans;
use quotewire_core::{QuoteKind, Span};

use crate::candidate::{Candidate, Rule, Selector};
use crate::extract::Extractor;

/// The attributions of a document, in text order.
pub(crate) fn attributions(
    extractor: &Extractor,
    selector: &dyn Selector,
    paragraphs: &[Span],
    sentences: &[Span],
) -> Vec<Candidate> {
    let mut found = Vec::new();
    for sentence in sentences {
        found.extend(extractor.sentence(*sentence, selector));
    }
    in_text_order(&mut found);
    found.dedup_by(|a, b| a.content == b.content && a.cue == b.cue);
    // The same content read by two cues, one with no source (`X says she was told: “...”`):
    // the reading with the source stays (in `b`, the one `dedup_by` keeps).
    found.dedup_by(|a, b| {
        let one_unsourced = a.content == b.content && (a.source.is_none() != b.source.is_none());
        if one_unsourced && b.source.is_none() {
            std::mem::swap(a, b);
        }
        one_unsourced
    });
    let signed = dash_signatures(extractor, &found);
    found.extend(signed);
    in_text_order(&mut found);
    let continuations = continuations(extractor, sentences, &found);
    let mut found = merge_continuations(found, continuations, paragraphs, sentences);
    colons_join_cues(extractor.text(), &mut found);
    found
}

/// By content, then cue.
pub(crate) fn in_text_order(found: &mut [Candidate]) {
    found.sort_by_key(|f| (f.content.first().map(|c| c.start), f.cue.map(|c| c.start)));
}

/// Which quotations the attributions found hold some content of.
fn covered(extractor: &Extractor, found: &[Candidate]) -> Vec<bool> {
    let fragments = extractor.fragments();
    let mut covered = vec![false; extractor.quotations().len()];
    for c in found.iter().flat_map(|f| &f.content) {
        // The fragments overlapping the content (fragments are sorted and disjoint).
        let first = fragments.partition_point(|(f, _)| f.end <= c.start);
        for (f, q) in fragments[first..]
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
fn dash_signatures(extractor: &Extractor, found: &[Candidate]) -> Vec<Candidate> {
    let covered = covered(extractor, found);
    extractor
        .quotations()
        .iter()
        .zip(&covered)
        .filter(|(q, covered)| q.closed && !**covered)
        .filter_map(|(q, _)| {
            let end = q.fragments.last()?.end;
            let (cue, source) = dash_signature(extractor.text(), end)?;
            Some(Candidate::new(
                Rule::DashSignature,
                QuoteKind::Direct,
                q.fragments.clone(),
                Some(cue),
                Some(source),
                false,
                0.8,
            ))
        })
        .collect()
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

/// Quotations that are whole sentences and belong to no attribution: a cue-less continuation
/// of the speaker before them (`“The U.S. has continued to deliver messages to Japan.”`).
fn continuations(extractor: &Extractor, sentences: &[Span], found: &[Candidate]) -> Vec<Candidate> {
    let covered = covered(extractor, found);
    extractor
        .quotations()
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
        .map(|q| {
            let content = q.fragments.clone();
            Candidate::new(
                Rule::Continuation,
                QuoteKind::Direct,
                content,
                None,
                None,
                true,
                0.6,
            )
        })
        .collect()
}

/// Adds the cue-less quotations to the attributions, in one pass in text order. One right after
/// a quoted attribution (in its paragraph or the next) is more of what that speaker said: a
/// further content fragment, as news annotation counts it (`“A,” she said. “B.”`); so is one
/// right after reported speech with a source in its paragraph (`A, Schiff said. “B.”`), which
/// then is mixed. Elsewhere it stands alone, with the previous speaker.
fn merge_continuations(
    found: Vec<Candidate>,
    continuations: Vec<Candidate>,
    paragraphs: &[Span],
    sentences: &[Span],
) -> Vec<Candidate> {
    let paragraph_of = |at: usize| paragraphs.last_starting_at_or_before(at);
    let start_of = |f: &Candidate| f.content.first().map_or(0, |c| c.start);
    let mut all: Vec<(bool, Candidate)> = found
        .into_iter()
        .map(|f| (false, f))
        .chain(continuations.into_iter().map(|c| (true, c)))
        .collect();
    all.sort_by_key(|(_, f)| start_of(f));
    let mut out: Vec<Candidate> = Vec::with_capacity(all.len());
    for (continuation, f) in all {
        if continuation {
            let start = start_of(&f);
            let end_of = |p: &Candidate| p.content.iter().map(|c| c.end).max().unwrap_or(0);
            let near = |p: &Candidate| match (paragraph_of(end_of(p)), paragraph_of(start)) {
                (Some(a), Some(b)) => (b == a || b == a + 1) && end_of(p) <= start,
                _ => false,
            };
            // The last attribution and those of its sentence: a quoted one among them takes the
            // continuation (`“A,” she said, adding that B. “C.”`).
            let sentence_of = |f: &Candidate| {
                let at = f.cue.map_or(start_of(f), |c| c.start);
                sentences.last_starting_at_or_before(at)
            };
            let last = out.last().map(sentence_of);
            let group = out
                .iter()
                .rev()
                .take_while(|p| Some(sentence_of(p)) == last && near(p))
                .count();
            let quoted = (out.len() - group..out.len())
                .rev()
                .find(|&i| out[i].kind != QuoteKind::Indirect)
                .or_else(|| {
                    (out.len() - group..out.len())
                        .filter(|&i| {
                            out[i].source.is_some()
                                && paragraph_of(end_of(&out[i])) == paragraph_of(start)
                        })
                        .min_by_key(|&i| start_of(&out[i]))
                });
            if let Some(i) = quoted {
                if out[i].kind == QuoteKind::Indirect {
                    out[i].kind = QuoteKind::Mixed;
                }
                out[i].content.extend(f.content);
                continue;
            }
        }
        out.push(f);
    }
    out
}

/// `added:` — a colon right after the cue belongs to it, as news annotation has it.
fn colons_join_cues(text: &str, found: &mut [Candidate]) {
    for f in found {
        if let Some(c) = &mut f.cue {
            if text[c.end..].starts_with(':') && c.end > c.start && !text[c.range()].ends_with(':')
            {
                c.end += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of the first `w` in `text`.
    fn span(text: &str, w: &str) -> Span {
        let at = text.find(w).unwrap();
        Span::new(at, at + w.len())
    }

    #[test]
    fn a_dash_and_a_name_sign_a_quotation() {
        let text = "“We deserve better.” ― Carla Sánchez, of Ashton\nNext line";
        let at = text.find(" ―").unwrap();
        let (cue, source) = dash_signature(text, at).unwrap();
        assert_eq!(&text[cue.range()], "―");
        assert_eq!(&text[source.range()], "Carla Sánchez");
        assert_eq!(dash_signature("“Yes.” said Jo", 8), None);
        assert_eq!(dash_signature("“Yes.” — a", 8), None);
    }

    #[test]
    fn a_colon_after_a_cue_joins_it() {
        let text = "Jeong added: “No.” Kim said: fine";
        let cue = |w: &str| span(text, w);
        let mut found = vec![
            Candidate::new(
                Rule::Inversion,
                QuoteKind::Direct,
                vec![cue("“No.”")],
                Some(cue("added")),
                None,
                false,
                0.9,
            ),
            Candidate::new(
                Rule::Inversion,
                QuoteKind::Indirect,
                vec![cue("fine")],
                Some(cue("said:")),
                None,
                false,
                0.9,
            ),
        ];
        colons_join_cues(text, &mut found);
        assert_eq!(&text[found[0].cue.unwrap().range()], "added:");
        assert_eq!(&text[found[1].cue.unwrap().range()], "said:");
    }

    #[test]
    fn a_continuation_right_after_a_quotation_is_more_of_it() {
        let text = "“A,” she said. “B.” Later, he left. “C.”";
        let span = |w: &str| span(text, w);
        let paragraphs = [Span::new(0, text.len())];
        let sentences = [
            span("“A,” she said."),
            span("“B.”"),
            span("Later, he left."),
            span("“C.”"),
        ];
        let quote = Candidate::new(
            Rule::ContentBeforeSource,
            QuoteKind::Direct,
            vec![span("“A,”")],
            Some(span("said")),
            Some(span("she")),
            false,
            0.8,
        );
        let b = Candidate::new(
            Rule::Continuation,
            QuoteKind::Direct,
            vec![span("“B.”")],
            None,
            None,
            true,
            0.6,
        );
        let merged = merge_continuations(vec![quote], vec![b], &paragraphs, &sentences);
        assert_eq!(merged.len(), 1);
        let content: Vec<&str> = merged[0].content.iter().map(|c| &text[c.range()]).collect();
        assert_eq!(content, ["“A,”", "“B.”"]);
    }
}
