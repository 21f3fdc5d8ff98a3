//! Attributions from a learned tagger's spans: the seam between the rules and a model.
//!
//! A [`SpanTagger`] reads a whole document and gives source, cue and content spans (byte spans,
//! in text order, not overlapping: what [`crate::tagging`] decodes). [`group`] joins them into
//! attributions, one per cue: the nearest source of the cue's sentence, and every content span
//! whose sentences hold that cue as their nearest (a content span with no cue in its sentences
//! goes to the nearest cue one sentence away, else stands alone as more of what the speaker
//! before said). [`Agreement`] is the hybrid's [`Selector`]: among a cue's readings by the rules
//! it takes the one whose spans agree best with the tagger's; [`hybrid`] then keeps the readings
//! the tagger supports and adds the tagged attributions that no rule reads.

use quotewire_core::{QuoteKind, Span};

use crate::candidate::{Candidate, Reading, Rule, Selector};
use crate::passes::in_text_order;
use crate::tagging::{Role, RoleSpan};

/// How an [`crate::Attributor`] finds attributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// The rules alone (no model).
    #[default]
    Rules,
    /// The tagger's spans grouped into attributions.
    Learned,
    /// The rules' readings chosen by agreement with the tagger, and the tagger's attributions
    /// that no rule reads.
    Hybrid,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 3] = [Method::Rules, Method::Learned, Method::Hybrid];

    /// `rules`, `learned` or `hybrid`.
    pub fn id(self) -> &'static str {
        match self {
            Method::Rules => "rules",
            Method::Learned => "learned",
            Method::Hybrid => "hybrid",
        }
    }

    /// The method with this id.
    pub fn from_id(id: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.id() == id)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A model that tags the source, cue and content spans of a whole document.
pub trait SpanTagger: Send + Sync {
    /// The spans of `text`, whose sentences are `sentences` (byte spans, in order; a tagger may
    /// read by them): byte spans into it, in text order, not overlapping.
    fn tag(&self, text: &str, sentences: &[Span]) -> Result<Vec<RoleSpan>, TagError>;
}

/// A tagger failed on a document (the model could not run).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("attribution tagger: {0}")]
pub struct TagError(pub String);

/// The confidence of an attribution that the tagger reads and no rule does.
pub const TAGGED_CONFIDENCE: f32 = 0.6;

/// The spans a tagger gave, checked: those that fit `text` (in bounds, on character
/// boundaries, not empty), in text order, none overlapping the one before.
pub(crate) fn checked(text: &str, mut spans: Vec<RoleSpan>) -> Vec<RoleSpan> {
    spans.retain(|s| !s.span.is_empty() && s.span.slice(text).is_some());
    spans.sort_by_key(|s| (s.span.start, s.span.end));
    let mut end = 0;
    spans.retain(|s| {
        let keep = s.span.start >= end;
        if keep {
            end = s.span.end;
        }
        keep
    });
    spans
}

/// Where spans lie among the sentences: the sentence holding a byte, or the nearest after it.
struct Sentences<'a>(&'a [Span]);

impl Sentences<'_> {
    /// The sentence holding byte `at` (the one after, between sentences; the last, past them).
    fn of(&self, at: usize) -> usize {
        self.0
            .partition_point(|s| s.end <= at)
            .min(self.0.len().saturating_sub(1))
    }

    /// The first and last sentence a span touches.
    fn range(&self, span: Span) -> (usize, usize) {
        let first = self.of(span.start);
        (
            first,
            self.of(span.end.saturating_sub(1).max(span.start))
                .max(first),
        )
    }
}

/// Bytes between two spans (0 when they touch or overlap).
fn gap(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The tagger's spans as attributions, in text order (see the module documentation), among
/// the quotations' `fragments` (sorted by start, disjoint: the extractor's).
pub(crate) fn group(
    text: &str,
    spans: &[RoleSpan],
    sentences: &[Span],
    fragments: &[(Span, usize)],
) -> Vec<Candidate> {
    let at = Sentences(sentences);
    let of_role = |role: Role| spans.iter().filter(move |s| s.role == role).map(|s| s.span);
    // Both in text order, so by sentence too.
    let cues: Vec<(Span, usize)> = of_role(Role::Cue).map(|c| (c, at.of(c.start))).collect();
    let sources: Vec<(Span, usize)> = of_role(Role::Source).map(|s| (s, at.of(s.start))).collect();
    let in_sentences = |list: &'_ [(Span, usize)], lo: usize, hi: usize| {
        let first = list.partition_point(|(_, s)| *s < lo);
        let last = list.partition_point(|(_, s)| *s <= hi);
        first..last
    };
    // Each cue's content spans.
    let mut contents: Vec<Vec<Span>> = vec![Vec::new(); cues.len()];
    let mut alone: Vec<Span> = Vec::new();
    for content in of_role(Role::Content) {
        let (first, last) = at.range(content);
        let nearest = |lo: usize, hi: usize| {
            in_sentences(&cues, lo, hi).min_by_key(|&i| gap(cues[i].0, content))
        };
        match nearest(first, last).or_else(|| nearest(first.saturating_sub(1), last + 1)) {
            Some(i) => contents[i].push(content),
            None => alone.push(content),
        }
    }
    let mut out: Vec<Candidate> = Vec::new();
    for ((cue, sentence), content) in cues.iter().zip(contents) {
        if content.is_empty() {
            continue;
        }
        let source = sources[in_sentences(&sources, *sentence, *sentence)]
            .iter()
            .min_by_key(|(s, _)| gap(*s, *cue))
            .map(|(s, _)| *s);
        out.push(tagged(
            text,
            fragments,
            content,
            Some(*cue),
            source,
            source.is_none(),
        ));
    }
    out.extend(
        alone
            .into_iter()
            .map(|c| tagged(text, fragments, vec![c], None, None, true)),
    );
    in_text_order(&mut out);
    out
}

/// A tagged attribution.
fn tagged(
    text: &str,
    fragments: &[(Span, usize)],
    content: Vec<Span>,
    cue: Option<Span>,
    source: Option<Span>,
    inherits: bool,
) -> Candidate {
    let kind = kind(text, &content, fragments);
    Candidate::new(
        Rule::Tagged,
        kind,
        content,
        cue,
        source,
        inherits,
        TAGGED_CONFIDENCE,
    )
}

/// Direct when every word of the content lies inside quotation marks (`fragments`: sorted by
/// start, disjoint), mixed when some do, indirect when none.
fn kind(text: &str, content: &[Span], fragments: &[(Span, usize)]) -> QuoteKind {
    let (mut quoted, mut unquoted) = (false, false);
    for c in content {
        let mut at = c.start;
        // Disjoint and sorted by start, so by end too: the ones overlapping `c` lie together.
        let first = fragments.partition_point(|(f, _)| f.end <= c.start);
        let overlapping = fragments[first..]
            .iter()
            .map(|(f, _)| f)
            .take_while(|f| f.start < c.end);
        for f in overlapping {
            unquoted |= has_word(text, at, f.start.max(at).min(c.end));
            quoted = true;
            at = at.max(f.end);
        }
        unquoted |= has_word(text, at, c.end);
    }
    match (quoted, unquoted) {
        (true, false) => QuoteKind::Direct,
        (true, true) => QuoteKind::Mixed,
        (false, _) => QuoteKind::Indirect,
    }
}

/// Whether `text[start..end]` holds a letter or digit (false for an empty or reversed range).
fn has_word(text: &str, start: usize, end: usize) -> bool {
    start < end
        && text
            .get(start..end)
            .is_some_and(|s| s.chars().any(char::is_alphanumeric))
}

/// The hybrid's selector: the reading whose spans agree best with the tagger's, the rules'
/// order deciding between equals (so with no tagged span near the cue it is the rules' choice).
pub(crate) struct Agreement<'a> {
    /// The tagger's spans, in text order, not overlapping.
    pub spans: &'a [RoleSpan],
}

impl Agreement<'_> {
    /// The tagged spans of `role` overlapping `span`, each with its intersection over union.
    fn overlapping(&self, role: Role, span: Span) -> impl Iterator<Item = (Span, f64)> + '_ {
        let first = self.spans.partition_point(|s| s.span.end <= span.start);
        self.spans[first..]
            .iter()
            .take_while(move |s| s.span.start < span.end)
            .filter(move |s| s.role == role)
            .map(move |s| {
                let inter = s.span.end.min(span.end) - s.span.start.max(span.start);
                let union = s.span.end.max(span.end) - s.span.start.min(span.start);
                (s.span, inter as f64 / union.max(1) as f64)
            })
    }

    /// How much of `span` the tagger gives the same role, over the bytes of both (the best
    /// overlapping tagged span's intersection over union).
    fn agreement(&self, role: Role, span: Span) -> f64 {
        self.overlapping(role, span)
            .map(|(_, iou)| iou)
            .fold(0.0, f64::max)
    }

    /// The tagged span of `role` overlapping `span` that lies nearest `cue` (as [`group`] links
    /// a cue to its nearest source: `The chairman of the committee, Sher Khan, said`, two tagged
    /// sources, gives `Sher Khan`), or without a cue the one that agrees best with it.
    fn nearest(&self, role: Role, span: Span, cue: Option<Span>) -> Option<Span> {
        let overlapping = self.overlapping(role, span);
        match cue {
            Some(cue) => overlapping
                .min_by_key(|(s, _)| gap(*s, cue))
                .map(|(s, _)| s),
            None => overlapping
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(s, _)| s),
        }
    }

    /// A reading's agreement: each of its spans' agreement, summed.
    fn score(&self, c: &Candidate) -> f64 {
        let content: f64 = c
            .content
            .iter()
            .map(|s| self.agreement(Role::Content, *s))
            .sum();
        let cue = c.cue.map_or(0.0, |s| self.agreement(Role::Cue, s));
        let source = c.source.map_or(0.0, |s| self.agreement(Role::Source, s));
        content + cue + source
    }
}

impl Selector for Agreement<'_> {
    fn select(&self, readings: &mut dyn Iterator<Item = Reading>) -> Option<Candidate> {
        let mut best: Option<(f64, Option<Candidate>)> = None;
        for reading in readings {
            let score = reading.candidate.as_ref().map_or(0.0, |c| self.score(c));
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, reading.candidate));
            }
        }
        best.and_then(|(_, c)| c)
    }
}

/// The hybrid's attributions from the rules' readings chosen by [`Agreement`] (`found`) and the
/// tagger's grouped attributions (`grouped`) of `text`: the readings the tagger supports (some
/// span of theirs overlaps one of the tagger's of the same role), each with the tagger's source
/// where the two overlap (the tagger learned where PolNeAR's sources start and end: `Minister
/// Jeong`, not `Jeong`; of several, the one nearest the cue), and the tagged attributions that no
/// reading reads with a source that names someone (not opening with one of `relatives`:
/// `which has predicted`). On PolNeAR dev each step measured better than its absence
/// (BENCHMARKS.md).
pub(crate) fn hybrid<S: std::hash::BuildHasher>(
    text: &str,
    found: Vec<Candidate>,
    grouped: Vec<Candidate>,
    spans: &[RoleSpan],
    relatives: &std::collections::HashSet<String, S>,
) -> Vec<Candidate> {
    let agreement = Agreement { spans };
    let mut out: Vec<Candidate> = found
        .into_iter()
        .filter(|f| agreement.score(f) > 0.0)
        .map(|mut f| {
            if let Some(source) = f.source {
                let tagged = agreement.nearest(Role::Source, source, f.cue);
                f.source = Some(tagged.unwrap_or(source));
            }
            f
        })
        .collect();
    let names_someone = |source: Span| {
        let first = text[source.range()]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default();
        !relatives.contains(&first.to_lowercase())
    };
    let unread: Vec<Candidate> = unread(grouped, &out)
        .into_iter()
        .filter(|t| t.source.is_some_and(names_someone))
        .collect();
    out.extend(unread);
    out
}

/// The tagged attributions that no attribution of `found` reads: none of their content
/// overlaps a found one's, and their cue is none of the found cues.
fn unread(tagged: Vec<Candidate>, found: &[Candidate]) -> Vec<Candidate> {
    let contents = Overlaps::new(found.iter().flat_map(|f| f.content.iter().copied()));
    let cues = Overlaps::new(found.iter().filter_map(|f| f.cue));
    tagged
        .into_iter()
        .filter(|t| {
            !t.content.iter().any(|c| contents.any(*c)) && !t.cue.is_some_and(|c| cues.any(c))
        })
        .collect()
}

/// Spans that may overlap each other, sorted for asking whether any overlaps a span.
struct Overlaps {
    spans: Vec<Span>,
    /// The largest end among the spans up to each one.
    reach: Vec<usize>,
}

impl Overlaps {
    fn new(spans: impl Iterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_by_key(|s| s.start);
        let reach = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        Overlaps { spans, reach }
    }

    /// Whether any span overlaps `span`.
    fn any(&self, span: Span) -> bool {
        let before = self.spans.partition_point(|s| s.start < span.end);
        (0..before)
            .rev()
            .take_while(|&i| self.reach[i] > span.start)
            .any(|i| self.spans[i].overlaps(&span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::quotations;

    /// The quotations' fragments of `text`, sorted as the extractor keeps them.
    fn fragments(text: &str) -> Vec<(Span, usize)> {
        let mut fragments: Vec<(Span, usize)> = quotations(text, &[Span::new(0, text.len())])
            .iter()
            .enumerate()
            .flat_map(|(i, q)| q.fragments.iter().map(move |f| (*f, i)))
            .collect();
        fragments.sort();
        fragments
    }

    fn find(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap();
        Span::new(start, start + part.len())
    }

    fn spans(text: &str, parts: &[(Role, &str)]) -> Vec<RoleSpan> {
        parts
            .iter()
            .map(|(role, part)| RoleSpan::new(*role, find(text, part)))
            .collect()
    }

    /// Sentences split by hand at `. ` (enough for these texts).
    fn sentences(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            out.push(Span::new(start, i + 1));
            start = i + 2;
        }
        out.push(Span::new(start, text.len()));
        out
    }

    fn grouped(text: &str, parts: &[(Role, &str)]) -> Vec<Candidate> {
        group(
            text,
            &checked(text, spans(text, parts)),
            &sentences(text),
            &fragments(text),
        )
    }

    #[test]
    fn each_cue_takes_its_sentence_source_and_content() {
        let text = "“Wir bleiben hart,” sagte Jürgen Müller. Später erklärte Ōno, die Gespräche seien gescheitert.";
        let found = grouped(
            text,
            &[
                (Role::Content, "“Wir bleiben hart,”"),
                (Role::Cue, "sagte"),
                (Role::Source, "Jürgen Müller"),
                (Role::Cue, "erklärte"),
                (Role::Source, "Ōno"),
                (Role::Content, "die Gespräche seien gescheitert"),
            ],
        );
        assert_eq!(found.len(), 2);
        let [first, second] = &found[..] else {
            unreachable!()
        };
        assert_eq!(&text[first.cue.unwrap().range()], "sagte");
        assert_eq!(&text[first.source.unwrap().range()], "Jürgen Müller");
        assert_eq!(&text[first.content[0].range()], "“Wir bleiben hart,”");
        assert_eq!(first.kind, QuoteKind::Direct);
        assert_eq!(&text[second.source.unwrap().range()], "Ōno");
        assert_eq!(
            &text[second.content[0].range()],
            "die Gespräche seien gescheitert"
        );
        assert_eq!(second.kind, QuoteKind::Indirect);
        assert!(found.iter().all(|f| f.rule == Rule::Tagged && !f.inherits));
    }

    #[test]
    fn content_a_sentence_away_joins_the_cue_and_content_far_away_stands_alone() {
        let text = "Kōno said the pact would end. It was “a mistake” for Seoul. The weather was fine. \
                    “We will wait.”";
        let found = grouped(
            text,
            &[
                (Role::Source, "Kōno"),
                (Role::Cue, "said"),
                (Role::Content, "the pact would end"),
                (Role::Content, "It was “a mistake” for Seoul"),
                (Role::Content, "“We will wait.”"),
            ],
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].content.len(), 2);
        assert_eq!(
            &text[found[0].content[1].range()],
            "It was “a mistake” for Seoul"
        );
        assert_eq!(found[0].kind, QuoteKind::Mixed);
        let alone = &found[1];
        assert_eq!(
            (alone.cue, alone.source, alone.inherits),
            (None, None, true)
        );
        assert_eq!(alone.kind, QuoteKind::Direct);
    }

    #[test]
    fn a_cue_with_no_content_attributes_nothing_and_bad_spans_are_dropped() {
        let text = "The minister said.";
        let mut parts = spans(text, &[(Role::Source, "The minister"), (Role::Cue, "said")]);
        parts.push(RoleSpan::new(Role::Content, Span::new(5, 400)));
        parts.push(RoleSpan::new(Role::Content, Span::new(3, 3)));
        let checked = checked(text, parts);
        assert_eq!(checked.len(), 2);
        assert!(group(text, &checked, &sentences(text), &[]).is_empty());
        // Overlapping spans: the first in text order stays.
        let overlapping = vec![
            RoleSpan::new(Role::Content, Span::new(4, 12)),
            RoleSpan::new(Role::Source, Span::new(0, 12)),
        ];
        assert_eq!(
            checked_spans(text, overlapping),
            vec![RoleSpan::new(Role::Source, Span::new(0, 12))]
        );
        // A span inside a multi-byte character is not one of the text's.
        let text = "Zoë said so.";
        let inside = vec![RoleSpan::new(Role::Source, Span::new(0, 3))];
        assert!(checked_spans(text, inside).is_empty());
    }

    fn checked_spans(text: &str, spans: Vec<RoleSpan>) -> Vec<RoleSpan> {
        checked(text, spans)
    }

    fn candidate(rule: Rule, text: &str, content: &str, source: Option<&str>) -> Candidate {
        Candidate::new(
            rule,
            QuoteKind::Indirect,
            vec![find(text, content)],
            None,
            source.map(|s| find(text, s)),
            false,
            0.8,
        )
    }

    #[test]
    fn agreement_takes_the_reading_the_tagger_agrees_with_else_the_rules_order() {
        let text = "Asked about Tokyo, Jeong said the pact would lapse, adding it was final.";
        let first = candidate(Rule::ReportedAfterCue, text, "it was final", Some("Jeong"));
        let second = candidate(
            Rule::ParticipleAfterComma,
            text,
            "the pact would lapse",
            Some("Jeong"),
        );
        let readings = || {
            [first.clone(), second.clone()].map(|c| Reading {
                rule: c.rule,
                candidate: Some(c),
            })
        };
        let tagged = spans(
            text,
            &[
                (Role::Source, "Jeong"),
                (Role::Content, "the pact would lapse"),
            ],
        );
        let agreement = Agreement { spans: &tagged };
        let chosen = agreement.select(&mut readings().into_iter()).unwrap();
        assert_eq!(chosen.rule, Rule::ParticipleAfterComma);
        // No tagged span near: the rules' first reading.
        let none = Agreement { spans: &[] };
        let chosen = none.select(&mut readings().into_iter()).unwrap();
        assert_eq!(chosen.rule, Rule::ReportedAfterCue);
        assert!(none.select(&mut std::iter::empty()).is_none());
    }

    #[test]
    fn unread_keeps_the_tagged_attributions_no_rule_reads() {
        let text = "Kim said talks ended. Lee warned of costs.";
        let found = [candidate(
            Rule::ReportedAfterCue,
            text,
            "talks ended",
            Some("Kim"),
        )];
        let tagged = vec![
            candidate(Rule::Tagged, text, "talks", Some("Kim")),
            candidate(Rule::Tagged, text, "of costs", Some("Lee")),
        ];
        let unread = unread(tagged, &found);
        assert_eq!(unread.len(), 1);
        assert_eq!(&text[unread[0].content[0].range()], "of costs");
    }

    #[test]
    fn the_hybrid_keeps_supported_readings_with_the_tagger_source_and_adds_sourced_ones() {
        let text = "Defense Minister Jeong said talks ended. Fans cheered loudly. Lee warned of costs. \
                    Prices rose, it was reported.";
        let supported = candidate(Rule::ReportedAfterCue, text, "talks ended", Some("Jeong"));
        let unsupported = candidate(Rule::ReportedAfterCue, text, "Fans cheered", None);
        let spans = checked(
            text,
            spans(
                text,
                &[
                    (Role::Source, "Defense Minister Jeong"),
                    (Role::Cue, "said"),
                    (Role::Content, "talks ended"),
                    (Role::Source, "Lee"),
                    (Role::Cue, "warned"),
                    (Role::Content, "of costs"),
                    (Role::Content, "Prices rose"),
                    (Role::Cue, "reported"),
                ],
            ),
        );
        let grouped = group(text, &spans, &sentences(text), &[]);
        assert_eq!(grouped.len(), 3);
        let relatives = std::collections::HashSet::from(["which".to_string()]);
        let found = hybrid(
            text,
            vec![supported, unsupported],
            grouped,
            &spans,
            &relatives,
        );
        let contents: Vec<&str> = found.iter().map(|f| &text[f.content[0].range()]).collect();
        // `Fans cheered` has no support; `Prices rose` has no source.
        assert_eq!(contents, ["talks ended", "of costs"]);
        assert_eq!(
            &text[found[0].source.unwrap().range()],
            "Defense Minister Jeong"
        );
        assert_eq!(found[0].rule, Rule::ReportedAfterCue);
        assert_eq!(found[1].rule, Rule::Tagged);
    }

    #[test]
    fn the_hybrid_takes_the_tagged_source_nearest_the_cue_and_no_relative_pronoun_source() {
        let text = "The chairman of the ethics committee, Jane Okafor, said the vote was fair. \
                    Northwind Ltd, which has predicted falls before, expects growth in Zürich.";
        let read = Candidate {
            cue: Some(find(text, "said")),
            ..candidate(
                Rule::ReportedAfterCue,
                text,
                "the vote was fair",
                Some("The chairman of the ethics committee, Jane Okafor,"),
            )
        };
        let spans = checked(
            text,
            spans(
                text,
                &[
                    (Role::Source, "The chairman of the ethics committee,"),
                    (Role::Source, "Jane Okafor,"),
                    (Role::Cue, "said"),
                    (Role::Content, "the vote was fair"),
                    (Role::Source, "which"),
                    (Role::Cue, "expects"),
                    (Role::Content, "growth in Zürich"),
                ],
            ),
        );
        let grouped = group(text, &spans, &sentences(text), &[]);
        assert_eq!(grouped.len(), 2);
        let relatives = std::collections::HashSet::from(["which", "who"].map(String::from));
        let found = hybrid(text, vec![read], grouped, &spans, &relatives);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].source.unwrap().range()], "Jane Okafor,");
    }

    #[test]
    fn methods_round_trip_by_id() {
        for m in Method::ALL {
            assert_eq!(Method::from_id(m.id()), Some(m));
        }
        assert_eq!(Method::from_id("neural"), None);
        assert_eq!(Method::default(), Method::Rules);
    }
}
