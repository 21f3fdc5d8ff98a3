//! Related stories: the documents of a corpus that report the same event, found by the similarity
//! of their headline and lead (TF-IDF cosine of their words, or the cosine of MiniLM sentence
//! embeddings in transformer builds), and the quotations several of them report, which also join
//! their stories.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use quotewire_core::{QuoteKind, Record, Span};
use serde::Serialize;

use crate::index::QuoteRef;

/// `data/stopwords.txt`, read once.
static STOPWORDS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/stopwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});
/// Words of the lead (after the headline) that describe a story.
const LEAD_WORDS: usize = 80;
/// A quotation this many words long or more, reported word for word by two stories, joins them.
const QUOTE_WORDS: usize = 6;
/// Bytes of headline and lead kept for an embedding (MiniLM reads 256 tokens at most).
const LEAD_BYTES: usize = 1000;

/// What one story contributes: the words of its headline and lead, and its quotations.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryProfile {
    doc: String,
    /// Lowercase words and how often they occur.
    terms: BTreeMap<String, u32>,
    /// The headline and lead as written, up to [`LEAD_BYTES`].
    lead: String,
    /// (quote position, normalised text) of its direct and mixed quotations.
    quotes: Vec<(usize, String)>,
}

impl StoryProfile {
    /// The profile of one analysed document (`text` is what its spans point into).
    pub fn of(record: &Record, text: &str) -> Self {
        let mut terms = BTreeMap::new();
        let parts = || {
            record
                .meta
                .headline
                .iter()
                .chain(&record.meta.paragraphs)
                .filter_map(|s| s.slice(text))
        };
        let mut lead = String::new();
        for part in parts() {
            if lead.len() >= LEAD_BYTES {
                break;
            }
            lead.push_str(part);
            lead.push('\n');
        }
        let mut cut = LEAD_BYTES.min(lead.len());
        while !lead.is_char_boundary(cut) {
            cut -= 1;
        }
        lead.truncate(cut);
        for word in parts().flat_map(words).take(LEAD_WORDS) {
            if word.len() > 2
                && !STOPWORDS.contains(word.as_str())
                && !word.chars().all(|c| c.is_ascii_digit())
            {
                *terms.entry(word).or_insert(0) += 1;
            }
        }
        let quotes = record
            .quotes
            .iter()
            .flatten()
            .enumerate()
            .filter(|(_, q)| q.kind != QuoteKind::Indirect)
            .filter_map(|(i, q)| {
                let said: Vec<String> = q
                    .content
                    .iter()
                    .filter_map(|s: &Span| s.slice(text))
                    .flat_map(words)
                    .collect();
                (said.len() >= QUOTE_WORDS).then(|| (i, said.join(" ")))
            })
            .collect();
        StoryProfile {
            doc: record.doc.clone(),
            terms,
            lead,
            quotes,
        }
    }

    /// The headline and lead, as written (the first [`LEAD_BYTES`] bytes or so).
    pub fn lead(&self) -> &str {
        &self.lead
    }
}

/// How similar two stories' headline and lead are, and how similar is the same event.
#[derive(Debug, Clone, Copy)]
pub enum Similarity<'a> {
    /// TF-IDF cosine of their words, at least this (0 to 1).
    Words(f64),
    /// Cosine of their embeddings (one per profile, unit length), at least this.
    Embeddings(&'a [Vec<f32>], f64),
}

/// The related stories of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Related {
    /// Groups of two or more stories, largest first.
    pub groups: Vec<StoryGroup>,
}

/// Stories that report the same event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryGroup {
    /// Document ids, sorted.
    pub documents: Vec<String>,
    /// The words that weigh most in what the stories share.
    pub shared_terms: Vec<String>,
    /// Quotations reported by more than one of them, word for word.
    pub quotes: Vec<SharedQuote>,
}

/// One quotation reported by several stories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedQuote {
    /// What was said, lowercased, in words.
    pub text: String,
    /// Where each story reports it.
    pub reported_by: Vec<QuoteRef>,
}

/// Groups stories whose headline and lead are similar enough, or that report the same quotation;
/// groups are the connected stories.
pub fn group(profiles: &[StoryProfile], similarity: Similarity) -> Related {
    let n = profiles.len();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for p in profiles {
        for term in p.terms.keys() {
            *df.entry(term).or_insert(0) += 1;
        }
    }
    let idf = |t: &str| ((n as f64 + 1.0) / (df[t] as f64 + 1.0)).ln() + 1.0;
    let vectors: Vec<BTreeMap<&str, f64>> = profiles
        .iter()
        .map(|p| {
            let v: BTreeMap<&str, f64> = p
                .terms
                .iter()
                .map(|(t, c)| (t.as_str(), *c as f64 * idf(t)))
                .collect();
            let norm = v
                .values()
                .map(|w| w * w)
                .sum::<f64>()
                .sqrt()
                .max(f64::MIN_POSITIVE);
            v.into_iter().map(|(t, w)| (t, w / norm)).collect()
        })
        .collect();
    // Similarity over the words few stories have: words in one story in a hundred or more (a
    // wire's templates, `shr cts net revs`) would tie every earnings report to every other.
    let distinctive = (n / 100).max(50);
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        for t in v.keys().filter(|t| df[**t] <= distinctive) {
            postings.entry(t).or_default().push(i);
        }
    }
    let mut sets = UnionFind::new(n);
    match similarity {
        Similarity::Words(threshold) => {
            for (i, v) in vectors.iter().enumerate() {
                let mut dots: HashMap<usize, f64> = HashMap::new();
                for (t, w) in v {
                    for &j in postings.get(t).into_iter().flatten().filter(|&&j| j > i) {
                        *dots.entry(j).or_insert(0.0) += w * vectors[j][t];
                    }
                }
                for (j, dot) in dots {
                    if dot >= threshold {
                        sets.join(i, j);
                    }
                }
            }
        }
        Similarity::Embeddings(embeddings, threshold) => {
            for (i, a) in embeddings.iter().enumerate().take(n) {
                for (j, b) in embeddings.iter().enumerate().take(n).skip(i + 1) {
                    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                    if f64::from(dot) >= threshold {
                        sets.join(i, j);
                    }
                }
            }
        }
    }
    let mut said: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (i, p) in profiles.iter().enumerate() {
        for (q, text) in &p.quotes {
            said.entry(text.as_str()).or_default().push((i, *q));
        }
    }
    for reports in said.values() {
        for pair in reports.windows(2) {
            sets.join(pair[0].0, pair[1].0);
        }
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        members.entry(sets.root(i)).or_default().push(i);
    }
    let mut groups: Vec<StoryGroup> = members
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|m| {
            let mut weight: BTreeMap<&str, f64> = BTreeMap::new();
            for &i in &m {
                for (t, w) in &vectors[i] {
                    if m.iter().filter(|&&j| vectors[j].contains_key(t)).count() > 1 {
                        *weight.entry(t).or_insert(0.0) += w;
                    }
                }
            }
            let mut terms: Vec<(&str, f64)> = weight.into_iter().collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            let in_group: BTreeSet<usize> = m.iter().copied().collect();
            let mut quotes: Vec<SharedQuote> = said
                .iter()
                .filter(|(_, r)| r.len() > 1 && in_group.contains(&r[0].0))
                .map(|(text, r)| SharedQuote {
                    text: text.to_string(),
                    reported_by: r
                        .iter()
                        .map(|&(i, q)| QuoteRef {
                            doc: profiles[i].doc.clone(),
                            quote: q,
                        })
                        .collect(),
                })
                .collect();
            quotes.sort_by(|a, b| a.text.cmp(&b.text));
            let mut documents: Vec<String> = m.iter().map(|&i| profiles[i].doc.clone()).collect();
            documents.sort();
            StoryGroup {
                documents,
                shared_terms: terms
                    .into_iter()
                    .take(8)
                    .map(|(t, _)| t.to_string())
                    .collect(),
                quotes,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(a.documents.cmp(&b.documents))
    });
    Related { groups }
}

/// Lowercase words of letters and digits (apostrophes and hyphens inside kept).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_core::{Document, Quote};

    fn profile(doc: &str, text: &str, quote: Option<&str>) -> StoryProfile {
        let mut record = Record::from_document(Document::new(doc, text), false);
        record.meta.paragraphs = quotewire_core::paragraphs(text);
        record.quotes = Some(
            quote
                .map(|q| {
                    let start = text.find(q).unwrap();
                    Quote {
                        kind: QuoteKind::Direct,
                        content: vec![Span::new(start, start + q.len())],
                        cue: None,
                        source: None,
                        speaker: None,
                        confidence: 1.0,
                        rule: None,
                        sentiment: None,
                        stance: vec![],
                    }
                })
                .into_iter()
                .collect(),
        );
        StoryProfile::of(&record, text)
    }

    #[test]
    fn similar_leads_and_shared_quotations_group_stories() {
        let profiles = [
            profile(
                "a",
                "Seoul to end GSOMIA intelligence pact with Tokyo over export curbs.",
                None,
            ),
            profile(
                "b",
                "South Korea ends GSOMIA intelligence pact with Tokyo, citing export curbs.",
                None,
            ),
            profile(
                "c",
                "Wheat prices rose in Minneapolis.\n\n“We will not retract the curbs, whatever Seoul does,” he said.",
                Some("“We will not retract the curbs, whatever Seoul does,”"),
            ),
            profile(
                "d",
                "Markets in Tokyo were calm.\n\nAn official said: “We will not retract the curbs, whatever Seoul does,”",
                Some("“We will not retract the curbs, whatever Seoul does,”"),
            ),
            profile("e", "Ferruzzi may float its Paris sugar unit.", None),
        ];
        let related = group(&profiles, Similarity::Words(0.5));
        let docs: Vec<Vec<&str>> = related
            .groups
            .iter()
            .map(|g| g.documents.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(docs, [vec!["a", "b"], vec!["c", "d"]]);
        assert!(
            related.groups[0]
                .shared_terms
                .contains(&"gsomia".to_string())
        );
        let shared = &related.groups[1].quotes[0];
        assert_eq!(
            shared.text,
            "we will not retract the curbs whatever seoul does"
        );
        assert_eq!(shared.reported_by.len(), 2);
    }
}
