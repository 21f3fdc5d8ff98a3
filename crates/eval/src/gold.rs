//! Gold documents and the project's own gold format (`corpus/gold/*.json`).

use std::path::Path;

use quotewire_core::text::QuoteSet;
use quotewire_core::{QuoteKind, Span};
use serde::Deserialize;

use crate::{EvalError, read_to_string};

/// One document with its gold attributions.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// Document id, as the predictions name it.
    pub id: String,
    /// The text the spans point into.
    pub text: String,
    /// Gold attributions.
    pub quotes: Vec<Attribution>,
}

/// One attribution, gold or predicted: source, cue and content, each a list of fragments.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// Content fragments.
    pub content: Vec<Span>,
    /// Cue fragments (empty when there is no cue).
    pub cue: Vec<Span>,
    /// Source fragments (empty when there is no source).
    pub source: Vec<Span>,
    /// The canonical speaker name, when known.
    pub speaker: Option<String>,
    /// The rule that read a predicted attribution, when the prediction names it (never in gold).
    pub rule: Option<String>,
}

/// Quotation marks that make content "quoted": the double ones (a single mark is as often an
/// apostrophe).
pub const QUOTE_MARKS: QuoteSet = QuoteSet::ALL.double();

/// The kind of a gold attribution from its content: quotation marks around all of it (direct),
/// around part of it (mixed), or none (indirect).
pub fn kind_of(text: &str, content: &[Span]) -> QuoteKind {
    let joined: Vec<&str> = content.iter().filter_map(|s| s.slice(text)).collect();
    let all = joined.join(" ");
    let trimmed = all.trim().trim_end_matches(['.', ',', ';', ':', ' ']);
    let mark = |c| QUOTE_MARKS.contains(c);
    if !all.contains(mark) {
        QuoteKind::Indirect
    } else if trimmed.starts_with(mark) && trimmed.ends_with(mark) {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    }
}

/// A span of the derived PolNeAR and GUM files: `bstart`/`bend` are UTF-8 byte offsets.
#[derive(Debug, Deserialize)]
pub(crate) struct ByteSpan {
    bstart: usize,
    bend: usize,
}

/// Byte spans as [`Span`]s.
pub(crate) fn byte_spans(list: &[ByteSpan]) -> Vec<Span> {
    list.iter().map(|s| Span::new(s.bstart, s.bend)).collect()
}

/// A span in the project's gold format, with the text it covers for checking.
#[derive(Debug, Deserialize)]
struct TextSpan {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Debug, Deserialize)]
struct GoldFile {
    doc: String,
    story: String,
    quotes: Vec<GoldFileQuote>,
}

#[derive(Debug, Deserialize)]
struct GoldFileQuote {
    kind: QuoteKind,
    content: Vec<TextSpan>,
    #[serde(default)]
    cue: Option<TextSpan>,
    #[serde(default)]
    source: Option<TextSpan>,
    speaker: Option<String>,
}

/// Reads a gold file in the project's format (see `corpus/README.md`): the story it annotates is
/// `story`, relative to the gold file, and every span's `text` must equal the story's bytes.
pub fn read_project_gold(path: &Path) -> Result<GoldDoc, EvalError> {
    let json = read_to_string(path)?;
    let file: GoldFile = serde_json::from_str(&json).map_err(|source| EvalError::Json {
        path: path.into(),
        line: source.line(),
        source,
    })?;
    let story = path.parent().unwrap_or(Path::new(".")).join(&file.story);
    let text = read_to_string(&story)?;
    let check = |s: &TextSpan| -> Result<Span, EvalError> {
        let span = Span::new(s.start, s.end);
        match span.slice(&text) {
            Some(t) if t == s.text => Ok(span),
            found => Err(EvalError::Span {
                doc: file.doc.clone(),
                start: s.start,
                end: s.end,
                problem: format!("covers {found:?}, the gold says {:?}", s.text),
            }),
        }
    };
    let mut quotes = Vec::new();
    for q in &file.quotes {
        quotes.push(Attribution {
            kind: q.kind,
            content: q.content.iter().map(check).collect::<Result<_, _>>()?,
            cue: q.cue.iter().map(check).collect::<Result<_, _>>()?,
            source: q.source.iter().map(check).collect::<Result<_, _>>()?,
            speaker: q.speaker.clone(),
            rule: None,
        });
    }
    Ok(GoldDoc {
        id: file.doc,
        text,
        quotes,
    })
}

/// Reads every `*.json` gold file of a directory, sorted by name.
pub fn read_project_gold_dir(dir: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
        path: dir.into(),
        source,
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|p| read_project_gold(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_quotation_marks() {
        let text = "“We won,” he said that it was “such tremendous efforts.” It rained.";
        assert_eq!(kind_of(text, &[Span::new(0, 13)]), QuoteKind::Direct);
        assert_eq!(kind_of(text, &[Span::new(23, 64)]), QuoteKind::Mixed);
        assert_eq!(kind_of(text, &[Span::new(66, 75)]), QuoteKind::Indirect);
    }

    #[test]
    fn project_gold_checks_span_texts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("s.txt"), "“Non,” dit Séoul.").unwrap();
        let gold = r#"{"doc": "s.txt", "story": "s.txt", "quotes": [{"kind": "direct",
            "content": [{"start": 0, "end": 10, "text": "“Non,”"}], "cue": {"start": 11, "end": 14, "text": "dit"},
            "source": {"start": 15, "end": 21, "text": "Séoul"}, "speaker": "Seoul"}]}"#;
        std::fs::write(dir.path().join("s.json"), gold).unwrap();
        let doc = read_project_gold(&dir.path().join("s.json")).unwrap();
        assert_eq!(&doc.text[doc.quotes[0].source[0].range()], "Séoul");
        std::fs::write(
            dir.path().join("s.json"),
            gold.replace("\"Séoul\"", "\"Seoul\""),
        )
        .unwrap();
        assert!(matches!(
            read_project_gold(&dir.path().join("s.json")),
            Err(EvalError::Span { .. })
        ));
    }
}
