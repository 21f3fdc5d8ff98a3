//! PolNeAR readers: brat standoff (`.txt` + `.ann`, code-point offsets) and the derived JSON Lines
//! (byte offsets). Articles annotated by several annotators are read once, from the first
//! annotator that `metadata.tsv` lists (or the first `.ann` by name without it).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use quotewire_core::Span;
use quotewire_core::text::CharOffsets;
use serde::Deserialize;

use crate::gold::{Attribution, ByteSpan, GoldDoc, byte_spans, kind_of};
use crate::{EvalError, read_jsonl, read_to_string};

/// Reads a PolNeAR split directory holding `text/` and `attributions/` (e.g. `data/dev`).
pub fn read_brat_split(split: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let order = annotator_order(split);
    let mut docs = Vec::new();
    for (article, files) in annotation_files(split)? {
        let preferred = order
            .get(&article)
            .and_then(|list| list.iter().find_map(|a| files.iter().find(|(f, _)| f == a)));
        let (_, ann) = preferred.unwrap_or(&files[0]);
        docs.push(read_annotation(split, article, ann)?);
    }
    Ok(docs)
}

/// Reads every annotation of a PolNeAR split directory, an article annotated by several
/// annotators once per annotator, each named `<article>_<annotator>` as its `.ann` file is.
pub fn read_brat_annotations(split: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let mut docs = Vec::new();
    for (article, files) in annotation_files(split)? {
        for (annotator, ann) in &files {
            let mut doc = read_annotation(split, article.clone(), ann)?;
            doc.id = format!("{article}_{annotator}");
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// `article -> [(annotator, .ann path)]` of a split, sorted by article and by annotator.
fn annotation_files(split: &Path) -> Result<BTreeMap<String, Vec<(String, PathBuf)>>, EvalError> {
    let ann_dir = split.join("attributions");
    let entries = std::fs::read_dir(&ann_dir).map_err(|source| EvalError::Io {
        path: ann_dir.clone(),
        source,
    })?;
    let mut anns: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(stem) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|_| path.extension().is_some_and(|e| e == "ann"))
        else {
            continue;
        };
        if let Some((article, annotator)) = stem.rsplit_once('_') {
            anns.entry(article.to_string())
                .or_default()
                .push((annotator.to_string(), path.clone()));
        }
    }
    anns.values_mut().for_each(|files| files.sort());
    Ok(anns)
}

/// One `.ann` file over its article's text, named by the article.
fn read_annotation(split: &Path, article: String, ann: &Path) -> Result<GoldDoc, EvalError> {
    let text = read_to_string(&split.join("text").join(format!("{article}.txt")))?;
    let quotes = parse_ann(&read_to_string(ann)?, &text, ann)?;
    Ok(GoldDoc {
        id: article,
        text,
        quotes,
    })
}

/// `article -> annotators` from `metadata.tsv` beside the split directory, when present.
fn annotator_order(split: &Path) -> HashMap<String, Vec<String>> {
    let Some(tsv) = split.parent().map(|d| d.join("metadata.tsv")) else {
        return HashMap::new();
    };
    let Ok(data) = std::fs::read_to_string(tsv) else {
        return HashMap::new();
    };
    data.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Some((
                cols.get(1)?.to_string(),
                cols.get(3)?.split('|').map(str::to_string).collect(),
            ))
        })
        .collect()
}

/// Parses a brat `.ann` of attribution relations over `text` (offsets in code points).
pub fn parse_ann(ann: &str, text: &str, path: &Path) -> Result<Vec<Attribution>, EvalError> {
    let offsets = CharOffsets::new(text);
    let error = |line: usize, message: String| EvalError::Format {
        path: path.into(),
        line,
        message,
    };
    let mut spans: HashMap<&str, Vec<Span>> = HashMap::new();
    let mut relations = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') && id[1..].chars().all(|c| c.is_ascii_digit()) {
            let (_label, ranges) = body
                .split_once(' ')
                .ok_or_else(|| error(i + 1, format!("no offsets in {body:?}")))?;
            let mut fragments = Vec::new();
            for range in ranges.split(';') {
                let (a, b) = range
                    .split_once(' ')
                    .ok_or_else(|| error(i + 1, format!("bad range {range:?}")))?;
                let (a, b): (usize, usize) = (
                    a.parse()
                        .map_err(|_| error(i + 1, format!("bad offset {a:?}")))?,
                    b.parse()
                        .map_err(|_| error(i + 1, format!("bad offset {b:?}")))?,
                );
                let span = offsets
                    .span(a..b)
                    .ok_or_else(|| error(i + 1, format!("offsets {a}..{b} beyond the text")))?;
                fragments.push(span);
            }
            spans.insert(id, fragments);
        } else if id.starts_with('E') {
            relations.push((i + 1, body));
        }
    }
    let mut quotes = Vec::new();
    for (line, body) in relations {
        let mut quote = Attribution {
            kind: quotewire_core::QuoteKind::Indirect,
            content: vec![],
            cue: vec![],
            source: vec![],
            speaker: None,
            rule: None,
        };
        for arg in body.split_whitespace() {
            let (role, target) = arg
                .split_once(':')
                .ok_or_else(|| error(line, format!("bad argument {arg:?}")))?;
            let fragments = spans
                .get(target)
                .ok_or_else(|| error(line, format!("unknown span {target}")))?;
            match role {
                "Source" => quote.source.extend(fragments),
                "Cue" => quote.cue.extend(fragments),
                r if r.starts_with("Content") => quote.content.extend(fragments),
                _ => {}
            }
        }
        quote.content.sort();
        quote.kind = kind_of(text, &quote.content);
        quotes.push(quote);
    }
    Ok(quotes)
}

#[derive(Debug, Deserialize)]
struct DerivedLine {
    article: String,
    annotator: String,
    all_annotators: Vec<String>,
    text: String,
    attributions: Vec<DerivedAttribution>,
}

#[derive(Debug, Deserialize)]
struct DerivedAttribution {
    #[serde(default)]
    source: Vec<ByteSpan>,
    #[serde(default)]
    cue: Vec<ByteSpan>,
    #[serde(default)]
    content: Vec<ByteSpan>,
}

/// Reads PolNeAR's derived JSON Lines (`derived/polnear_<split>.jsonl`), one annotator per article.
pub fn read_derived(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let lines: Vec<DerivedLine> = read_jsonl(path)?;
    let mut docs = Vec::new();
    for d in lines {
        if d.all_annotators
            .first()
            .is_some_and(|first| *first != d.annotator)
        {
            continue;
        }
        let quotes = d
            .attributions
            .iter()
            .map(|a| {
                let mut content = byte_spans(&a.content);
                content.sort();
                Attribution {
                    kind: kind_of(&d.text, &content),
                    content,
                    cue: byte_spans(&a.cue),
                    source: byte_spans(&a.source),
                    speaker: None,
                    rule: None,
                }
            })
            .collect();
        docs.push(GoldDoc {
            id: d.article,
            text: d.text,
            quotes,
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Séoul’s “minister” said: “No cool answers,” he added\nlater.";

    #[test]
    fn brat_code_points_become_bytes_and_discontinuous_spans_are_kept() {
        // Code points: `Séoul’s` is 7 chars (10 bytes); the quote “No cool answers,” is chars 25..42.
        let ann = "T1\tSource 0 18\tSéoul’s “minister”\nT2\tCue 19 23\tsaid\nT3\tContent 25 43;44 46\t“No cool answers,” he\n\
                   T4\tAttribution 19 23\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n";
        let quotes = parse_ann(ann, TEXT, Path::new("x.ann")).unwrap();
        let q = &quotes[0];
        assert_eq!(&TEXT[q.source[0].range()], "Séoul’s “minister”");
        assert_eq!(&TEXT[q.cue[0].range()], "said");
        let content: Vec<_> = q.content.iter().map(|s| &TEXT[s.range()]).collect();
        assert_eq!(content, ["“No cool answers,”", "he"]);
        assert_eq!(q.kind, quotewire_core::QuoteKind::Mixed);
    }

    #[test]
    fn brat_errors_name_the_line() {
        let err = parse_ann("T1\tSource 0 999\tx\n", TEXT, Path::new("x.ann")).unwrap_err();
        assert!(err.to_string().contains("x.ann:1"), "{err}");
        let err = parse_ann(
            "T1\tSource 0 3\tSéo\nE1\tAttribution:T9\n",
            TEXT,
            Path::new("x.ann"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown span T9"), "{err}");
    }

    #[test]
    fn derived_keeps_the_first_annotator() {
        let dir = tempfile::tempdir().unwrap();
        let line = |who: &str| {
            format!(
                r#"{{"article": "a1", "annotator": "{who}", "all_annotators": ["x", "y"], "text": "He said so.",
                "attributions": [{{"source": [{{"bstart": 0, "bend": 2}}], "cue": [{{"bstart": 3, "bend": 7}}], "content": [{{"bstart": 8, "bend": 10}}]}}]}}"#
            )
            .replace('\n', " ")
        };
        let path = dir.path().join("d.jsonl");
        std::fs::write(&path, format!("{}\n{}\n", line("y"), line("x"))).unwrap();
        let docs = read_derived(&path).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(&docs[0].text[docs[0].quotes[0].content[0].range()], "so");
    }
}
