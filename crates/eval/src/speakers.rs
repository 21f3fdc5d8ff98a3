//! The speaker gold (`corpus/gold/speakers/`): who said what in wire stories of the shared
//! corpora, annotated from the text alone, kept as byte spans and hash prefixes only (no news
//! text), and its scores: quote found, speaker right, speaker kind right.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use quotewire_core::{QuoteKind, Record, Span};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::EvalError;

/// One gold attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerAttribution {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// What is said: byte spans into the story.
    pub content: Vec<Span>,
    /// The speaker mention, when the attribution has one.
    pub source: Option<Span>,
    /// The speaker's canonical name.
    pub speaker: String,
    /// `person`, `organisation`, `government`, `group`, `outlet`, `document` or `unknown`.
    pub speaker_kind: String,
}

/// A gold story with its text (read from the shared corpus it comes from).
#[derive(Debug, Clone)]
pub struct SpeakerGoldDoc {
    /// `bbc_news` or `reuters21578`.
    pub corpus: String,
    /// The story's id, as `quotewire run` names it.
    pub id: String,
    /// The story's text, as `quotewire run` reads it.
    pub text: String,
    /// Its attributions, in text order.
    pub quotes: Vec<SpeakerAttribution>,
}

#[derive(Deserialize)]
struct Line {
    corpus: String,
    doc: String,
    kind: QuoteKind,
    content: Vec<HashedSpan>,
    #[serde(default)]
    source: Option<HashedSpan>,
    speaker: String,
    speaker_kind: String,
}

#[derive(Deserialize)]
struct HashedSpan {
    start: usize,
    end: usize,
    /// The first 12 hex digits of the SHA-256 of the covered bytes.
    sha256: String,
}

/// Where a corpus of the shared data holds its stories, and which fields are the id and text.
fn corpus_file(data: &Path, corpus: &str) -> Option<(PathBuf, &'static str, &'static str)> {
    match corpus {
        "bbc_news" => Some((data.join("bbc_news/bbc_news.jsonl"), "id", "text")),
        "reuters21578" => Some((
            data.join("reuters21578/derived/reuters21578.jsonl"),
            "newid",
            "body",
        )),
        _ => None,
    }
}

/// Reads the speaker gold at `path`, with the stories' texts from the shared `data` folder;
/// every span is checked against its hash, so the gold cannot drift from the text.
pub fn read_speaker_gold(path: &Path, data: &Path) -> Result<Vec<SpeakerGoldDoc>, EvalError> {
    let lines: Vec<Line> = crate::read_jsonl(path)?;
    let mut docs: Vec<SpeakerGoldDoc> = Vec::new();
    let mut wanted: HashMap<String, HashSet<String>> = HashMap::new();
    for (n, line) in lines.iter().enumerate() {
        if corpus_file(data, &line.corpus).is_none() {
            return Err(EvalError::Format {
                path: path.into(),
                line: n + 1,
                message: format!("unknown corpus {:?}", line.corpus),
            });
        }
        wanted
            .entry(line.corpus.clone())
            .or_default()
            .insert(line.doc.clone());
    }
    let texts = read_texts(data, &wanted)?;
    for line in lines {
        let key = (line.corpus.clone(), line.doc.clone());
        let text = texts.get(&key).ok_or_else(|| EvalError::Span {
            doc: line.doc.clone(),
            start: 0,
            end: 0,
            problem: format!("names a story not in {}", line.corpus),
        })?;
        let check = |s: &HashedSpan| -> Result<Span, EvalError> {
            let span = Span::new(s.start, s.end);
            let problem = match span.slice(text) {
                None => Some("does not fit the text".to_string()),
                Some(covered) => {
                    let hash = format!("{:x}", Sha256::digest(covered.as_bytes()));
                    (!hash.starts_with(&s.sha256))
                        .then(|| format!("covers text whose hash is not {}", s.sha256))
                }
            };
            match problem {
                Some(problem) => Err(EvalError::Span {
                    doc: line.doc.clone(),
                    start: s.start,
                    end: s.end,
                    problem,
                }),
                None => Ok(span),
            }
        };
        let quote = SpeakerAttribution {
            kind: line.kind,
            content: line.content.iter().map(check).collect::<Result<_, _>>()?,
            source: line.source.as_ref().map(check).transpose()?,
            speaker: line.speaker,
            speaker_kind: line.speaker_kind,
        };
        match docs.last_mut() {
            Some(doc) if doc.corpus == line.corpus && doc.id == line.doc => doc.quotes.push(quote),
            _ => docs.push(SpeakerGoldDoc {
                corpus: line.corpus,
                id: line.doc,
                text: text.clone(),
                quotes: vec![quote],
            }),
        }
    }
    Ok(docs)
}

/// The texts of the wanted stories of each corpus, by (corpus, id).
fn read_texts(
    data: &Path,
    wanted: &HashMap<String, HashSet<String>>,
) -> Result<HashMap<(String, String), String>, EvalError> {
    let mut texts = HashMap::new();
    for (corpus, ids) in wanted {
        let Some((file, id_field, text_field)) = corpus_file(data, corpus) else {
            continue;
        };
        let stories: Vec<serde_json::Map<String, serde_json::Value>> = crate::read_jsonl(&file)?;
        for story in stories {
            let id = match story.get(id_field) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => continue,
            };
            if let (true, Some(text)) = (
                ids.contains(&id),
                story.get(text_field).and_then(|t| t.as_str()),
            ) {
                texts.insert((corpus.clone(), id), text.to_string());
            }
        }
    }
    Ok(texts)
}

/// A predicted quote as the speaker scores need it.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictedQuote {
    /// Content spans.
    pub content: Vec<Span>,
    /// The resolved speaker's canonical name, if any.
    pub speaker: Option<String>,
    /// The resolved speaker's kind (`person`, ...), if any.
    pub speaker_kind: Option<String>,
}

/// The quotes of each record with their resolved speakers, by document id.
pub fn predicted_quotes(records: Vec<Record>) -> HashMap<String, Vec<PredictedQuote>> {
    let quotes_of = |r: Record| {
        let speakers = r.speakers.unwrap_or_default();
        let quotes = (r.quotes.unwrap_or_default().into_iter())
            .map(|q| {
                let speaker = (q.speaker).and_then(|id| speakers.iter().find(|s| s.id == id));
                let kind = speaker.and_then(|s| serde_json::to_value(s.kind).ok());
                PredictedQuote {
                    content: q.content,
                    speaker: speaker.map(|s| s.name.clone()),
                    speaker_kind: kind.and_then(|k| k.as_str().map(str::to_string)),
                }
            })
            .collect();
        (r.doc, quotes)
    };
    records.into_iter().map(quotes_of).collect()
}

/// The speaker scores: counts, and the misses for `--errors`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpeakerScores {
    /// Gold attributions.
    pub gold: usize,
    /// Of them, found (a predicted quote's content overlaps it by half of the shorter).
    pub found: usize,
    /// Of them, found with the right speaker.
    pub speaker_right: usize,
    /// Of them, found with a speaker of the right kind.
    pub kind_right: usize,
    /// Direct and mixed gold attributions (content with quotation marks).
    pub quoted: usize,
    /// Of them, found.
    pub quoted_found: usize,
    /// Of them, found with the right speaker.
    pub quoted_speaker_right: usize,
    /// Gold attributions missed or given a wrong speaker, for a report.
    #[serde(skip)]
    pub misses: Vec<SpeakerMiss>,
}

/// A gold attribution not found, or found with another speaker.
#[derive(Debug, Clone)]
pub struct SpeakerMiss {
    /// The story.
    pub doc: String,
    /// The gold content's first span.
    pub content: Span,
    /// The gold speaker and kind.
    pub gold: (String, String),
    /// The predicted speaker and kind (`None`: not found).
    pub predicted: Option<(String, String)>,
}

impl SpeakerScores {
    /// Share of gold attributions found.
    pub fn found_rate(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    /// Share of gold attributions found with the right speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.gold)
    }
    /// Share of gold attributions found with a speaker of the right kind.
    pub fn kind_accuracy(&self) -> f64 {
        ratio(self.kind_right, self.gold)
    }
    /// Share of direct and mixed gold attributions found.
    pub fn quoted_found_rate(&self) -> f64 {
        ratio(self.quoted_found, self.quoted)
    }
    /// Share of direct and mixed gold attributions found with the right speaker.
    pub fn quoted_speaker_accuracy(&self) -> f64 {
        ratio(self.quoted_speaker_right, self.quoted)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// A canonical name compared loosely: case, a leading `the` and spacing aside.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let lower = s.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let words = match words.first() {
            Some(&"the") => &words[1..],
            _ => &words[..],
        };
        words.join(" ")
    };
    norm(a) == norm(b)
}

fn bytes(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.end.saturating_sub(s.start)).sum()
}

fn overlap(a: &[Span], b: &[Span]) -> usize {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (x, y)))
        .map(|(x, y)| x.end.min(y.end).saturating_sub(x.start.max(y.start)))
        .sum()
}

/// The fragments of a predicted quote's `content` not yet `used` that overlap `gold`, and how
/// many bytes they overlap it by.
fn open_fragments(gold: &[Span], content: &[Span], used: &[bool]) -> (Vec<usize>, usize) {
    let fragments: Vec<usize> = (0..content.len())
        .filter(|&f| !used[f] && overlap(gold, &content[f..=f]) > 0)
        .collect();
    let bytes = fragments
        .iter()
        .map(|&f| overlap(gold, &content[f..=f]))
        .sum();
    (fragments, bytes)
}

/// Scores `predicted` quotes (by document id) against the speaker gold. Each gold attribution
/// takes the predicted quote whose unused content fragments overlap it most, if that overlap is
/// at least half of the shorter of the gold content and those fragments. A predicted quote
/// that joins a cue-less continuation to the quotation before it (`“A,” she said. “B.”`, one
/// quote with two fragments, as PolNeAR counts it) answers for both gold attributions the
/// speaker gold makes of it, each by its own fragment.
pub fn score_speakers(
    gold: &[SpeakerGoldDoc],
    predicted: &HashMap<String, Vec<PredictedQuote>>,
) -> SpeakerScores {
    let mut scores = SpeakerScores::default();
    let none = Vec::new();
    for doc in gold {
        let quotes = predicted.get(&doc.id).unwrap_or(&none);
        let mut used: Vec<Vec<bool>> = quotes
            .iter()
            .map(|q| vec![false; q.content.len()])
            .collect();
        for g in &doc.quotes {
            let quoted = g.kind != QuoteKind::Indirect;
            scores.gold += 1;
            scores.quoted += usize::from(quoted);
            let best = quotes
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let (fragments, o) = open_fragments(&g.content, &p.content, &used[i]);
                    let spans: Vec<Span> = fragments.iter().map(|&f| p.content[f]).collect();
                    (o, i, fragments, bytes(&spans))
                })
                .filter(|(o, _, _, len)| *o > 0 && 2 * o >= bytes(&g.content).min(*len))
                .max_by_key(|(o, i, _, _)| (*o, *i));
            let Some((_, i, fragments, _)) = best else {
                scores.misses.push(SpeakerMiss {
                    doc: doc.id.clone(),
                    content: g.content.first().copied().unwrap_or(Span::new(0, 0)),
                    gold: (g.speaker.clone(), g.speaker_kind.clone()),
                    predicted: None,
                });
                continue;
            };
            for f in fragments {
                used[i][f] = true;
            }
            let p = &quotes[i];
            scores.found += 1;
            scores.quoted_found += usize::from(quoted);
            // `unknown` (kind `unknown`): no speaker can be named (`researchers were told`),
            // and none is right.
            let unnamed = g.speaker == "unknown" && g.speaker_kind == "unknown";
            let right = match p.speaker.as_deref() {
                None => unnamed,
                Some(s) => !unnamed && same_name(s, &g.speaker),
            };
            let kind_right = match p.speaker_kind.as_deref() {
                None => unnamed,
                Some(kind) => kind == g.speaker_kind,
            };
            scores.speaker_right += usize::from(right);
            scores.quoted_speaker_right += usize::from(right && quoted);
            scores.kind_right += usize::from(kind_right);
            if !right {
                scores.misses.push(SpeakerMiss {
                    doc: doc.id.clone(),
                    content: g.content.first().copied().unwrap_or(Span::new(0, 0)),
                    gold: (g.speaker.clone(), g.speaker_kind.clone()),
                    predicted: Some((
                        p.speaker.clone().unwrap_or_default(),
                        p.speaker_kind.clone().unwrap_or_default(),
                    )),
                });
            }
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(quotes: Vec<SpeakerAttribution>) -> SpeakerGoldDoc {
        SpeakerGoldDoc {
            corpus: "bbc_news".into(),
            id: "d".into(),
            text: String::new(),
            quotes,
        }
    }

    fn gold(
        start: usize,
        end: usize,
        kind: QuoteKind,
        speaker: &str,
        sk: &str,
    ) -> SpeakerAttribution {
        SpeakerAttribution {
            kind,
            content: vec![Span::new(start, end)],
            source: None,
            speaker: speaker.into(),
            speaker_kind: sk.into(),
        }
    }

    fn pred(start: usize, end: usize, speaker: &str, kind: &str) -> PredictedQuote {
        PredictedQuote {
            content: vec![Span::new(start, end)],
            speaker: Some(speaker.into()),
            speaker_kind: Some(kind.into()),
        }
    }

    #[test]
    fn quotes_are_matched_once_by_overlap_and_names_loosely() {
        let gold = [doc(vec![
            gold(0, 100, QuoteKind::Direct, "Ivo Geijsen", "person"),
            gold(200, 300, QuoteKind::Indirect, "the company", "organisation"),
            gold(400, 500, QuoteKind::Mixed, "Tony Blair", "person"),
        ])];
        let predicted = HashMap::from([(
            "d".to_string(),
            vec![
                pred(0, 98, "Bloomberg", "person"),
                pred(210, 290, "Company", "organisation"),
                pred(480, 600, "Tony Blair", "person"),
            ],
        )]);
        let s = score_speakers(&gold, &predicted);
        // The third overlaps by 20 bytes: less than half of either; not found.
        assert_eq!(
            (s.gold, s.found, s.speaker_right, s.kind_right),
            (3, 2, 1, 2)
        );
        assert_eq!(
            (s.quoted, s.quoted_found, s.quoted_speaker_right),
            (2, 1, 0)
        );
        assert_eq!(s.misses.len(), 2);
        assert_eq!(s.misses[0].predicted.as_ref().unwrap().0, "Bloomberg");
        assert!(s.misses[1].predicted.is_none());
    }

    #[test]
    fn a_continuation_fragment_answers_for_its_own_gold_attribution() {
        let gold = [doc(vec![
            gold(0, 50, QuoteKind::Direct, "Ana Lindqvist", "person"),
            gold(70, 120, QuoteKind::Direct, "Ana Lindqvist", "person"),
            gold(130, 140, QuoteKind::Direct, "Ana Lindqvist", "person"),
        ])];
        let mut joined = pred(0, 50, "Ana Lindqvist", "person");
        joined.content.push(Span::new(70, 120));
        let predicted = HashMap::from([("d".to_string(), vec![joined])]);
        let s = score_speakers(&gold, &predicted);
        // Each fragment is used once: the third gold attribution overlaps none.
        assert_eq!((s.gold, s.found, s.speaker_right), (3, 2, 2));
    }

    #[test]
    fn an_unknown_speaker_is_right_only_when_none_is_predicted() {
        let gold = [doc(vec![
            gold(0, 50, QuoteKind::Indirect, "unknown", "unknown"),
            gold(100, 150, QuoteKind::Indirect, "unknown", "unknown"),
        ])];
        let mut unnamed = pred(0, 50, "", "");
        (unnamed.speaker, unnamed.speaker_kind) = (None, None);
        let predicted = HashMap::from([(
            "d".to_string(),
            vec![unnamed, pred(100, 150, "researchers", "group")],
        )]);
        let s = score_speakers(&gold, &predicted);
        assert_eq!((s.found, s.speaker_right, s.kind_right), (2, 1, 1));
    }

    #[test]
    fn spans_are_checked_against_their_hash() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        std::fs::create_dir_all(data.join("bbc_news")).unwrap();
        let body = "“Très bien,” Ana Lindqvist said.";
        std::fs::write(
            data.join("bbc_news/bbc_news.jsonl"),
            serde_json::json!({"id": "x/1", "text": body}).to_string() + "\n",
        )
        .unwrap();
        let end = body.find(" Ana").unwrap();
        let hash = format!("{:x}", Sha256::digest(&body.as_bytes()[..end]));
        let line = |h: &str| {
            format!(
                r#"{{"corpus": "bbc_news", "doc": "x/1", "kind": "direct", "content": [{{"start": 0, "end": {end}, "sha256": "{h}"}}], "speaker": "Ana Lindqvist", "speaker_kind": "person"}}"#
            )
        };
        let path = data.join("gold.jsonl");
        std::fs::write(&path, line(&hash[..12]) + "\n").unwrap();
        let docs = read_speaker_gold(&path, data).unwrap();
        assert_eq!(
            &docs[0].text[docs[0].quotes[0].content[0].range()],
            "“Très bien,”"
        );
        std::fs::write(&path, line("000000000000") + "\n").unwrap();
        assert!(matches!(
            read_speaker_gold(&path, data),
            Err(EvalError::Span { .. })
        ));
    }
}
