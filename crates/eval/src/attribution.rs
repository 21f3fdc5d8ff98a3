//! Attribution scoring: per role (source, cue, content) exact-span and token-overlap P/R/F1, each
//! role's spans on their own; attribution-level matching (content token overlap of at least 0.5
//! both ways) with speaker accuracy on matched quotes; breakdowns by kind.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use quotewire_core::text::SortedSpans;
use quotewire_core::{Quote, QuoteKind, Span, Speaker};
use serde::Deserialize;

use crate::gold::{Attribution, GoldDoc, QUOTE_MARKS};
use crate::prf::Counts;
use crate::{EvalError, read_to_string};

/// Minimum share of content tokens two quotes must share, both ways, to be the same attribution.
pub const MATCH_OVERLAP: f64 = 0.5;

/// The predicted quotes of one document.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Prediction {
    /// Quotes.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Speakers the quotes refer to.
    #[serde(default)]
    pub speakers: Vec<Speaker>,
}

#[derive(Deserialize)]
struct PredictionLine {
    doc: String,
    #[serde(default)]
    error: Option<String>,
    #[serde(flatten)]
    prediction: Prediction,
}

impl Prediction {
    /// The quotes as attributions, speakers resolved to their names.
    pub fn attributions(&self) -> Vec<Attribution> {
        self.quotes
            .iter()
            .map(|q| Attribution {
                kind: q.kind,
                content: q.content.clone(),
                cue: q.cue.into_iter().collect(),
                source: q.source.into_iter().collect(),
                speaker: q
                    .speaker
                    .as_ref()
                    .and_then(|id| self.speakers.iter().find(|s| &s.id == id))
                    .map(|s| s.name.clone()),
                rule: q.rule.clone(),
            })
            .collect()
    }
}

/// Predicted attributions by document id from `quotewire run` output (or any JSON Lines of
/// records with `doc`, `quotes` and `speakers`), and how many error records it held.
pub fn read_predictions(
    path: &Path,
) -> Result<(HashMap<String, Vec<Attribution>>, usize), EvalError> {
    let data = read_to_string(path)?;
    let mut predictions = HashMap::new();
    let mut errors = 0;
    for (i, line) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line: PredictionLine =
            serde_json::from_str(line).map_err(|source| EvalError::Json {
                path: path.into(),
                line: i + 1,
                source,
            })?;
        if line.error.is_some() {
            errors += 1;
        } else {
            predictions.insert(
                doc_key(&line.doc).to_string(),
                line.prediction.attributions(),
            );
        }
    }
    Ok((predictions, errors))
}

/// Which attributions are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subset {
    /// Every attribution.
    All,
    /// Attributions whose content holds quotation marks, gold and predicted alike (direct and mixed).
    Quoted,
}

/// Exact-span and token-overlap counts of one role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleCounts {
    /// Fragments equal after trimming whitespace.
    pub exact: Counts,
    /// Word tokens covered.
    pub token: Counts,
}

/// A miss, for `--errors`.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// `missed` (gold not found), `spurious` (predicted, not in gold) or `wrong-speaker`.
    pub kind: &'static str,
    /// Document id.
    pub doc: String,
    /// The content.
    pub content: String,
    /// Source and speaker, gold and predicted.
    pub detail: String,
    /// The rule that read the predicted attribution, when the prediction names it; for a missed
    /// attribution, once [`name_needed_rules`] has run, the rule that would have been needed
    /// (`none` when no rule reads it).
    pub rule: Option<String>,
    /// A missed attribution's gold content.
    pub gold_content: Vec<Span>,
}

/// Each document's readings by the rules, chosen or not: content spans and rule id, by document
/// key.
pub type Readings = HashMap<String, Vec<(Vec<Span>, String)>>;

/// Names, for each missed gold attribution of `scores`, the rule that would have been needed:
/// the rule of the reading (chosen or not) whose content covers most of the gold content, at
/// least half of it; `none` when no reading does.
pub fn name_needed_rules(scores: &mut AttributionScores, readings: &Readings) {
    let covered = |gold: &[Span], content: &[Span]| -> usize {
        let overlap = |g: &Span, c: &Span| c.end.min(g.end).saturating_sub(c.start.max(g.start));
        gold.iter()
            .map(|g| content.iter().map(|c| overlap(g, c)).sum::<usize>())
            .sum()
    };
    for miss in scores.misses.iter_mut().filter(|m| m.kind == "missed") {
        let gold_bytes: usize = miss.gold_content.iter().map(Span::len).sum();
        // The first of equals, in rule order.
        let best = (readings.get(doc_key(&miss.doc)).into_iter().flatten().rev())
            .map(|(content, rule)| (covered(&miss.gold_content, content), rule))
            .filter(|(bytes, _)| *bytes * 2 >= gold_bytes.max(1))
            .max_by_key(|(bytes, _)| *bytes);
        miss.rule = Some(best.map_or("none", |(_, rule)| rule.as_str()).to_string());
    }
}

/// Scores of one subset.
#[derive(Debug, Clone, Default)]
pub struct AttributionScores {
    /// Documents scored.
    pub docs: usize,
    /// Source spans.
    pub source: RoleCounts,
    /// Cue spans.
    pub cue: RoleCounts,
    /// Content spans.
    pub content: RoleCounts,
    /// Attribution-level matching.
    pub attribution: Counts,
    /// Matched quotes whose speaker is right.
    pub speaker_correct: usize,
    /// Matched quotes.
    pub speaker_total: usize,
    /// Per kind: recall over gold of that kind, precision over predictions of that kind.
    pub by_kind: BTreeMap<&'static str, Counts>,
    /// Misses, in document order.
    pub misses: Vec<Miss>,
}

impl AttributionScores {
    /// Speaker accuracy on matched quotes.
    pub fn speaker_accuracy(&self) -> f64 {
        if self.speaker_total == 0 {
            0.0
        } else {
            self.speaker_correct as f64 / self.speaker_total as f64
        }
    }
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}

/// Scores predicted attributions against gold. Gold documents without predictions count as
/// found nothing; gold given as its own prediction scores 1 everywhere.
pub fn score(
    gold: &[GoldDoc],
    predictions: &HashMap<String, Vec<Attribution>>,
    subset: Subset,
) -> AttributionScores {
    let empty = Vec::new();
    let mut scores = AttributionScores::default();
    for doc in gold {
        let prediction = predictions.get(doc_key(&doc.id)).unwrap_or(&empty);
        score_doc(doc, prediction, subset, &mut scores);
    }
    scores
}

/// The id by which gold and predictions are paired: a file name's `.txt` is dropped, so
/// `quotewire run` over a folder of `<article>.txt` pairs with gold named `<article>`.
pub fn doc_key(id: &str) -> &str {
    id.strip_suffix(".txt").unwrap_or(id)
}

/// One role of an attribution: its source, cue or content.
type Role = fn(&Attribution) -> &[Span];

fn quoted(text: &str, content: &[Span]) -> bool {
    content
        .iter()
        .filter_map(|s| s.slice(text))
        .any(|t| t.contains(|c| QUOTE_MARKS.contains(c)))
}

fn score_doc(
    doc: &GoldDoc,
    prediction: &[Attribution],
    subset: Subset,
    scores: &mut AttributionScores,
) {
    let text = doc.text.as_str();
    let keep = |content: &[Span]| subset == Subset::All || quoted(text, content);
    let gold: Vec<&Attribution> = doc.quotes.iter().filter(|q| keep(&q.content)).collect();
    let predicted: Vec<&Attribution> = prediction
        .iter()
        .filter(|q| q.content.iter().all(|s| s.slice(text).is_some()) && keep(&q.content))
        .collect();
    scores.docs += 1;
    let tokens = Tokens::new(text);

    let roles: [(&mut RoleCounts, Role); 3] = [
        (&mut scores.source, |q| &q.source),
        (&mut scores.cue, |q| &q.cue),
        (&mut scores.content, |q| &q.content),
    ];
    for (counts, role) in roles {
        let gold_spans: Vec<&[Span]> = gold.iter().map(|q| role(q)).collect();
        let predicted_spans: Vec<&[Span]> = predicted.iter().map(|q| role(q)).collect();
        counts
            .exact
            .add(exact_counts(text, &gold_spans, &predicted_spans));
        counts
            .token
            .add(token_counts(&tokens, &gold_spans, &predicted_spans));
    }

    // Attribution-level matching, greedily by overlap.
    let gold_tokens: Vec<BTreeSet<usize>> =
        gold.iter().map(|q| tokens.covered(&q.content)).collect();
    let predicted_tokens: Vec<BTreeSet<usize>> = predicted
        .iter()
        .map(|q| tokens.covered(&q.content))
        .collect();
    let mut pairs = Vec::new();
    for (g, gt) in gold_tokens.iter().enumerate() {
        for (p, pt) in predicted_tokens.iter().enumerate() {
            let shared = gt.intersection(pt).count() as f64;
            let (a, b) = (
                shared / gt.len().max(1) as f64,
                shared / pt.len().max(1) as f64,
            );
            // Content without word tokens (a lone quotation mark) matches only the same spans.
            let wordless =
                gt.is_empty() && pt.is_empty() && gold[g].content == predicted[p].content;
            if wordless || (shared > 0.0 && a >= MATCH_OVERLAP && b >= MATCH_OVERLAP) {
                pairs.push((if wordless { 2.0 } else { a + b }, g, p));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut gold_match, mut predicted_match) =
        (vec![None; gold.len()], vec![false; predicted.len()]);
    for (_, g, p) in pairs {
        if gold_match[g].is_none() && !predicted_match[p] {
            gold_match[g] = Some(p);
            predicted_match[p] = true;
        }
    }
    let matched = gold_match.iter().flatten().count();
    scores
        .attribution
        .add(Counts::matched(matched, predicted.len(), gold.len()));

    let snippet = |spans: &[Span]| -> String {
        let joined: Vec<&str> = spans.iter().filter_map(|s| s.slice(text)).collect();
        let mut s: String = joined
            .join(" … ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if s.len() > 160 {
            let mut cut = 157;
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s.truncate(cut);
            s.push_str("...");
        }
        s
    };
    for (g, quote) in gold.iter().enumerate() {
        let by_kind = scores.by_kind.entry(kind_name(quote.kind)).or_default();
        by_kind.gold += 1;
        let Some(p) = gold_match[g] else {
            scores.misses.push(Miss {
                kind: "missed",
                doc: doc.id.clone(),
                content: snippet(&quote.content),
                detail: format!("gold source {:?}", snippet(&quote.source)),
                rule: None,
                gold_content: quote.content.clone(),
            });
            continue;
        };
        by_kind.gold_found += 1;
        let p = predicted[p];
        let name = p.speaker.as_deref();
        let source_ok = match (p.source.is_empty(), quote.source.is_empty()) {
            (true, true) => true,
            (false, false) => quote
                .source
                .iter()
                .any(|g| p.source.iter().any(|s| g.overlaps(s))),
            _ => false,
        };
        let name_ok = quote
            .speaker
            .as_ref()
            .is_none_or(|gold_name| name.is_some_and(|n| same_name(n, gold_name)));
        scores.speaker_total += 1;
        if source_ok && name_ok {
            scores.speaker_correct += 1;
        } else {
            scores.misses.push(Miss {
                kind: "wrong-speaker",
                doc: doc.id.clone(),
                content: snippet(&quote.content),
                detail: format!(
                    "gold source {:?} speaker {:?}; predicted source {:?} speaker {:?}{}",
                    snippet(&quote.source),
                    quote.speaker.as_deref().unwrap_or("-"),
                    snippet(&p.source),
                    name.unwrap_or("-"),
                    rule_of(p)
                ),
                rule: p.rule.clone(),
                gold_content: Vec::new(),
            });
        }
    }
    for (p, quote) in predicted.iter().enumerate() {
        let by_kind = scores.by_kind.entry(kind_name(quote.kind)).or_default();
        by_kind.predicted += 1;
        if predicted_match[p] {
            by_kind.predicted_correct += 1;
        } else {
            scores.misses.push(Miss {
                kind: "spurious",
                doc: doc.id.clone(),
                content: snippet(&quote.content),
                detail: format!(
                    "predicted source {:?}{}",
                    snippet(&quote.source),
                    rule_of(quote)
                ),
                rule: quote.rule.clone(),
                gold_content: Vec::new(),
            });
        }
    }
}

/// `, rule inversion` for a prediction that names its rule.
fn rule_of(quote: &Attribution) -> String {
    quote
        .rule
        .as_ref()
        .map(|r| format!(", rule {r}"))
        .unwrap_or_default()
}

fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// Exact matches between gold and predicted role spans, as a multiset intersection. As CofeNet
/// scores PolNeAR, every fragment of a discontinuous span is a span of its own; fragments are
/// compared after trimming whitespace, and empty ones (no source, no cue) do not count.
fn exact_counts(text: &str, gold: &[&[Span]], predicted: &[&[Span]]) -> Counts {
    let count = |spans: &[&[Span]]| -> BTreeMap<Span, usize> {
        let mut map = BTreeMap::new();
        for fragment in spans
            .iter()
            .flat_map(|s| s.iter())
            .map(|s| s.trim(text))
            .filter(|s| !s.is_empty())
        {
            *map.entry(fragment).or_insert(0) += 1;
        }
        map
    };
    let (g, p) = (count(gold), count(predicted));
    let matched = p
        .iter()
        .map(|(span, n)| (*n).min(g.get(span).copied().unwrap_or(0)))
        .sum();
    Counts::matched(matched, p.values().sum(), g.values().sum())
}

/// Word tokens covered by gold and by predicted spans of a role.
fn token_counts(tokens: &Tokens, gold: &[&[Span]], predicted: &[&[Span]]) -> Counts {
    let g: BTreeSet<usize> = gold.iter().flat_map(|s| tokens.covered(s)).collect();
    let p: BTreeSet<usize> = predicted.iter().flat_map(|s| tokens.covered(s)).collect();
    let shared = g.intersection(&p).count();
    Counts {
        predicted_correct: shared,
        predicted: p.len(),
        gold_found: shared,
        gold: g.len(),
    }
}

/// The word tokens (runs of letters and digits) of a text.
struct Tokens(Vec<Span>);

impl Tokens {
    fn new(text: &str) -> Self {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    tokens.push(Span::new(s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push(Span::new(s, text.len()));
        }
        Tokens(tokens)
    }

    /// Indices of the tokens that overlap any of the spans.
    fn covered(&self, spans: &[Span]) -> BTreeSet<usize> {
        let mut set = BTreeSet::new();
        for span in spans {
            set.extend(self.0.overlapping(*span));
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“We remain far apart,” the minister said. Séoul said it would end the pact. “No,” he said.";

    fn find(s: &str) -> Span {
        let start = TEXT.find(s).unwrap();
        Span::new(start, start + s.len())
    }

    fn gold() -> GoldDoc {
        let q = |content: &str, cue: &str, source: &str, kind, speaker: &str| Attribution {
            kind,
            content: vec![find(content)],
            cue: vec![find(cue)],
            source: vec![find(source)],
            speaker: Some(speaker.into()),
            rule: None,
        };
        GoldDoc {
            id: "d".into(),
            text: TEXT.into(),
            quotes: vec![
                q(
                    "“We remain far apart,”",
                    "said",
                    "the minister",
                    QuoteKind::Direct,
                    "Jeong Kyeong-doo",
                ),
                q(
                    "it would end the pact",
                    "said it",
                    "Séoul",
                    QuoteKind::Indirect,
                    "South Korea",
                ),
            ],
        }
    }

    fn predicted(quotes: Vec<(&str, &str, &str)>) -> HashMap<String, Vec<Attribution>> {
        let speakers = vec![Speaker {
            id: "s1".into(),
            name: "Jeong Kyeong-doo".into(),
            aliases: vec![],
            kind: quotewire_core::EntityKind::Person,
            kind_evidence: None,
            mentions: vec![],
        }];
        let quotes = quotes
            .into_iter()
            .map(|(content, cue, source)| Quote {
                kind: if content.contains('“') {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Indirect
                },
                content: vec![find(content)],
                cue: Some(find(cue)),
                source: Some(find(source)),
                speaker: Some("s1".into()),
                confidence: 1.0,
                rule: None,
                sentiment: None,
                stance: vec![],
            })
            .collect();
        HashMap::from([(
            "d".to_string(),
            Prediction { quotes, speakers }.attributions(),
        )])
    }

    #[test]
    fn gold_against_itself_is_perfect() {
        let doc = gold();
        let itself = HashMap::from([("d".to_string(), doc.quotes.clone())]);
        let scores = score(std::slice::from_ref(&doc), &itself, Subset::All);
        assert_eq!(scores.attribution.f1(), 1.0);
        assert_eq!(scores.speaker_accuracy(), 1.0);
        for role in [scores.source, scores.cue, scores.content] {
            assert_eq!((role.exact.f1(), role.token.f1()), (1.0, 1.0));
        }
    }

    #[test]
    fn quotes_resolve_speaker_names() {
        let doc = gold();
        let as_prediction: Vec<(&str, &str, &str)> = vec![
            ("“We remain far apart,”", "said", "the minister"),
            ("it would end the pact", "said it", "Séoul"),
        ];
        let scores = score(&[doc], &predicted(as_prediction), Subset::All);
        for role in [scores.source, scores.cue, scores.content] {
            assert_eq!((role.exact.f1(), role.token.f1()), (1.0, 1.0));
        }
        assert_eq!(scores.attribution.f1(), 1.0);
        // The second quote's speaker is South Korea, not the predicted s1.
        assert_eq!((scores.speaker_correct, scores.speaker_total), (1, 2));
    }

    #[test]
    fn known_precision_and_recall() {
        // One right quote with a partly right content span, one spurious, one gold missed.
        let scores = score(
            &[gold()],
            &predicted(vec![
                ("We remain far apart", "said", "the minister"),
                ("“No,”", "said.", "he"),
            ]),
            Subset::All,
        );
        assert_eq!(scores.content.exact, Counts::matched(0, 2, 2));
        // content tokens: gold {We remain far apart} + {it would end the pact}; predicted {We remain far apart} + {No}
        assert_eq!(
            scores.content.token,
            Counts {
                predicted_correct: 4,
                predicted: 5,
                gold_found: 4,
                gold: 9
            }
        );
        assert_eq!(scores.source.exact, Counts::matched(1, 2, 2));
        assert_eq!(scores.attribution, Counts::matched(1, 2, 2));
        assert_eq!(scores.speaker_accuracy(), 1.0);
        let kinds: Vec<_> = scores.misses.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ["missed", "spurious"]);
        // The first prediction has no quotation marks: an indirect prediction matching direct gold.
        assert_eq!(
            scores.by_kind["indirect"],
            Counts {
                predicted_correct: 1,
                predicted: 1,
                gold_found: 0,
                gold: 1
            }
        );
        assert_eq!(
            scores.by_kind["direct"],
            Counts {
                predicted_correct: 0,
                predicted: 1,
                gold_found: 1,
                gold: 1
            }
        );
    }

    #[test]
    fn a_missed_attribution_names_the_rule_that_reads_it() {
        // The second gold quote is missed; one reading covers most of it, another a little.
        let mut scores = score(
            &[gold()],
            &predicted(vec![("“We remain far apart,”", "said", "the minister")]),
            Subset::All,
        );
        let missed = |s: &AttributionScores| {
            let m = s.misses.iter().find(|m| m.kind == "missed").unwrap();
            (
                m.rule.clone(),
                m.gold_content.iter().map(|c| &TEXT[c.range()]).collect(),
            )
        };
        assert_eq!(missed(&scores), (None, vec!["it would end the pact"]));
        let readings = |spans: Vec<(&str, &str)>| {
            let list = spans
                .into_iter()
                .map(|(content, rule)| (vec![find(content)], rule.to_string()))
                .collect();
            HashMap::from([("d".to_string(), list)])
        };
        name_needed_rules(&mut scores, &readings(vec![("pact", "inversion")]));
        assert_eq!(missed(&scores).0.as_deref(), Some("none"));
        let both = vec![
            ("pact", "inversion"),
            ("it would end the", "reported-after-cue"),
        ];
        name_needed_rules(&mut scores, &readings(both));
        assert_eq!(missed(&scores).0.as_deref(), Some("reported-after-cue"));
    }

    #[test]
    fn quoted_subset_keeps_quotation_marks_only() {
        let scores = score(
            &[gold()],
            &predicted(vec![("“We remain far apart,”", "said", "the minister")]),
            Subset::Quoted,
        );
        assert_eq!(scores.attribution, Counts::matched(1, 1, 1));
        assert_eq!(scores.content.exact.f1(), 1.0);
    }

    #[test]
    fn discontinuous_fragments_are_spans_of_their_own() {
        let text = "“Yes,” he said, “we will.”";
        let gold: &[&[Span]] = &[&[Span::new(0, 10), Span::new(20, 34)]];
        // One predicted quote per fragment: both exact; one joined span: no match.
        let split: &[&[Span]] = &[&[Span::new(0, 10)], &[Span::new(19, 34)]];
        assert_eq!(exact_counts(text, gold, split), Counts::matched(2, 2, 2));
        let joined: &[&[Span]] = &[&[Span::new(0, 34)]];
        assert_eq!(exact_counts(text, gold, joined), Counts::matched(0, 1, 2));
    }
}
