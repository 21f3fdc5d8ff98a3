//! Scoring one analysed document: the sentiment of each sentence and quotation, and each
//! quotation's stance toward the user's targets and toward the document's other speakers.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use quotewire_core::text::{QuoteSet, SortedSpans, Style};
use quotewire_core::{Quote, Sentiment, Span, Speaker, Stance};
use rustc_hash::FxHashMap;

use crate::{Scorers, StanceScorer, TargetFinder, TargetKind, TargetStance};

/// Quotation marks left out when a quotation's content is scored: all but the prime.
const QUOTE_MARKS: QuoteSet = QuoteSet::ALL.without(QuoteSet::ALL.styles(&[Style::Prime]));

/// Fills in each quote's `sentiment` and `stance`, and returns the sentiment of each sentence.
///
/// ```
/// use quotewire_core::{Quote, QuoteKind, Span, StanceLabel};
/// use quotewire_score::{Scorers, Target, TargetFinder, score_document};
///
/// let text = "“We will gladly renew GSOMIA,” Jeong said.";
/// let quoted = Span::new(0, text.find(" Jeong").unwrap());
/// let mut quotes = vec![Quote {
///     kind: QuoteKind::Direct,
///     content: vec![quoted],
///     cue: None, source: None, speaker: None, confidence: 1.0, rule: None,
///     sentiment: None, stance: vec![],
/// }];
/// let targets = TargetFinder::new(vec![Target::parse("GSOMIA").unwrap()]).unwrap();
/// let sentences = score_document(&Scorers::lexicon(), &targets, text, &[Span::new(0, text.len())], &mut quotes, &[]);
/// assert!(sentences[0].compound > 0.0);
/// assert_eq!(quotes[0].stance[0].target, "GSOMIA");
/// assert_eq!(quotes[0].stance[0].label, StanceLabel::Favor);
/// ```
pub fn score_document(
    scorers: &Scorers,
    targets: &TargetFinder,
    text: &str,
    sentences: &[Span],
    quotes: &mut [Quote],
    speakers: &[Speaker],
) -> Vec<Sentiment> {
    let names = SpeakerNames::new(speakers, text);
    // Each speaker's index by id; the first where ids repeat.
    let mut speaker_at: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, s) in speakers.iter().enumerate() {
        speaker_at.entry(s.id.as_str()).or_insert(i);
    }
    let fragments: Vec<Vec<Span>> = quotes
        .iter()
        .map(|quote| {
            let content = quote.content.iter();
            content.filter_map(|s| trim_quote_marks(text, *s)).collect()
        })
        .collect();
    // The quotations' passages, then the sentences': the text is read once for all.
    let passages: Vec<&[Span]> = fragments
        .iter()
        .map(Vec::as_slice)
        .chain(sentences.iter().map(std::slice::from_ref))
        .collect();
    let mut sentiments = scorers.sentiment.passages(text, &passages);
    let sentence_sentiments = sentiments.split_off(quotes.len());
    for ((quote, fragments), sentiment) in quotes.iter_mut().zip(&fragments).zip(sentiments) {
        quote.sentiment = Some(sentiment);
        let own = quote
            .speaker
            .as_deref()
            .and_then(|id| speaker_at.get(id).copied());
        quote.stance = stances(
            scorers.stance.as_ref(),
            targets,
            &names,
            speakers,
            own,
            text,
            fragments,
        );
    }
    sentence_sentiments
}

/// Up to this many speaker names are searched one at a time (a pass over the text each).
const FEW_NAMES: usize = 32;

/// Where the document names its speakers: their names and the aliases that are names (`Tokyo`
/// for Japan; not `he` or `the minister`), found as written, whole words, the longest where they
/// overlap. The cost is at most a few passes over the text, however many speakers it has.
struct SpeakerNames {
    /// (speaker index, mention), by start.
    mentions: Vec<(usize, Span)>,
}

impl SpeakerNames {
    fn new(speakers: &[Speaker], text: &str) -> Self {
        // Each distinct name once, with the first speaker that bears it.
        let mut named: Vec<(&str, usize)> = Vec::new();
        for (speaker, s) in speakers.iter().enumerate() {
            let aliases = s.aliases.iter().filter(|a| is_name(a));
            for name in std::iter::once(&s.name).chain(aliases) {
                if !name.is_empty() {
                    named.push((name, speaker));
                }
            }
        }
        named.sort_unstable();
        named.dedup_by_key(|(name, _)| *name);
        let (names, owner): (Vec<&str>, Vec<usize>) = named.into_iter().unzip();
        let mut mentions: Vec<(usize, Span)> = Vec::new();
        let mut push = |name: usize, at: usize, end: usize| {
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                mentions.push((owner[name], Span::new(at, end)));
            }
        };
        // A few names are searched one by one (no automaton to build); many in one pass.
        if names.len() <= FEW_NAMES {
            for (i, name) in names.iter().enumerate() {
                for at in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
                    push(i, at, at + name.len());
                }
            }
        } else if let Ok(automaton) = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(&names)
        {
            for m in automaton.find_overlapping_iter(text) {
                push(m.pattern().as_usize(), m.start(), m.end());
            }
        }
        // The first speaker first where two mentions are the same span.
        mentions.sort_by_key(|&(speaker, s)| (s.start, std::cmp::Reverse(s.end), speaker));
        let mut end = 0;
        mentions.retain(|(_, s)| {
            let keep = s.start >= end;
            end = end.max(s.end);
            keep
        });
        SpeakerNames { mentions }
    }

    /// The mentions inside `region`: the speaker's index and the mention's span.
    fn find(&self, region: Span) -> &[(usize, Span)] {
        &self.mentions[self.mentions.within(region)]
    }
}

/// The mean lean toward each target mentioned in the fragments, in order of first mention: the
/// user's targets (issues) and the document's speakers but the quote's own (`own`), as entities.
fn stances(
    scorer: &dyn StanceScorer,
    targets: &TargetFinder,
    names: &SpeakerNames,
    speakers: &[Speaker],
    own: Option<usize>,
    text: &str,
    fragments: &[Span],
) -> Vec<Stance> {
    // (name, kind, sum of leans, mentions), in order of first mention, and where each is.
    let mut found: Vec<(&str, TargetKind, f64, usize)> = Vec::new();
    let mut slot: FxHashMap<(&str, TargetKind), usize> = FxHashMap::default();
    for fragment in fragments {
        let issues = targets
            .find(text, *fragment)
            .map(|(t, span)| (targets.targets()[t].name.as_str(), TargetKind::Issue, span));
        let people = names
            .find(*fragment)
            .iter()
            .filter(|(i, _)| Some(*i) != own)
            .map(|&(i, span)| (speakers[i].name.as_str(), TargetKind::Entity, span));
        let mentions: Vec<(&str, TargetKind, Span)> = issues.chain(people).collect();
        if mentions.is_empty() {
            continue;
        }
        let at: Vec<(Span, TargetKind)> = mentions.iter().map(|(_, k, span)| (*span, *k)).collect();
        for ((name, kind, _), stance) in mentions
            .iter()
            .zip(scorer.stances_within(text, *fragment, &at))
        {
            let (name, kind) = (*name, *kind);
            let Ok(stance) = stance else {
                continue;
            };
            let i = *slot.entry((name, kind)).or_insert_with(|| {
                found.push((name, kind, 0.0, 0));
                found.len() - 1
            });
            found[i].2 += stance.lean;
            found[i].3 += 1;
        }
    }
    found
        .into_iter()
        .map(|(name, kind, sum, n)| {
            let stance = TargetStance::from_lean(sum / n as f64, kind);
            Stance {
                target: name.to_string(),
                label: stance.label,
                score: (stance.score * 1e4).round() / 1e4,
                kind: Some(kind),
            }
        })
        .collect()
}

/// Whether an alias is a name (`Tokyo`, `Minister Jeong`) rather than a pronoun or description.
fn is_name(alias: &str) -> bool {
    alias.chars().next().is_some_and(char::is_uppercase)
        && !matches!(alias, "He" | "She" | "They" | "It" | "We" | "I")
}

/// The span without the quotation marks and whitespace at its ends; `None` when nothing is left
/// or the span is not in the text.
fn trim_quote_marks(text: &str, span: Span) -> Option<Span> {
    let inner = span.slice(text)?;
    let start = span.start
        + (inner.len()
            - inner
                .trim_start_matches(|c: char| QUOTE_MARKS.contains(c) || c.is_whitespace())
                .len());
    let rest = &text[start..span.end];
    let end = start
        + rest
            .trim_end_matches(|c: char| QUOTE_MARKS.contains(c) || c.is_whitespace())
            .len();
    (end > start).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_names_are_found_whole_and_longest() {
        let speaker = |name: &str, aliases: &[&str]| Speaker {
            id: name.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            kind: quotewire_core::EntityKind::Person,
            kind_evidence: None,
            mentions: vec![],
        };
        let speakers = [
            speaker("Jeong Kyeong-doo", &["Jeong", "the minister", "he"]),
            speaker("Japan", &["Tokyo"]),
        ];
        let text =
            "« Jeong Kyeong-doo » told Tokyo and Japanese he, the minister, and Jeong agreed.";
        let names = SpeakerNames::new(&speakers, text);
        let found: Vec<(usize, &str)> = names
            .find(Span::new(0, text.len()))
            .iter()
            .map(|(i, s)| (*i, &text[s.range()]))
            .collect();
        assert_eq!(found, [(0, "Jeong Kyeong-doo"), (1, "Tokyo"), (0, "Jeong")]);
        let later = Span::new(text.find("Tokyo").unwrap(), text.len());
        assert_eq!(names.find(later).len(), 2);
    }

    #[test]
    fn many_speaker_names_are_found_as_few_are() {
        let speaker = |name: String, aliases: Vec<String>| Speaker {
            id: name.clone(),
            name,
            aliases,
            kind: quotewire_core::EntityKind::Person,
            kind_evidence: None,
            mentions: vec![],
        };
        let text = "Ana Berg met Berg Ltd; Cho Min-ji, then Ana and Cho spoke. Bergen stayed.";
        // The same three speakers first, then enough others to take the automaton.
        let few = vec![
            speaker("Ana Berg".into(), vec!["Berg".into(), "Ana".into()]),
            speaker("Berg Ltd".into(), vec![]),
            speaker("Cho Min-ji".into(), vec!["Cho".into(), "he".into()]),
        ];
        let mut many = few.clone();
        many.extend((0..FEW_NAMES).map(|k| speaker(format!("Person {k}"), vec![])));
        let found = |speakers: &[Speaker]| {
            let names = SpeakerNames::new(speakers, text);
            names
                .find(Span::new(0, text.len()))
                .iter()
                .map(|(i, s)| (*i, &text[s.range()]))
                .collect::<Vec<_>>()
        };
        let expected = [
            (0, "Ana Berg"),
            (1, "Berg Ltd"),
            (2, "Cho Min-ji"),
            (0, "Ana"),
            (2, "Cho"),
        ];
        assert_eq!(found(&few), expected);
        assert_eq!(found(&many), expected);
    }

    #[test]
    fn quote_marks_are_trimmed_on_char_boundaries() {
        let text = "« Très bien » and “ ”";
        let inner = trim_quote_marks(text, Span::new(0, text.find(" and").unwrap())).unwrap();
        assert_eq!(&text[inner.range()], "Très bien");
        let empty = Span::new(text.find('“').unwrap(), text.len());
        assert_eq!(trim_quote_marks(text, empty), None);
        assert_eq!(trim_quote_marks(text, Span::new(1, 4)), None);
    }
}
