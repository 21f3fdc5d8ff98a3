//! GUM readers: attribution relations and gold sentences (`derived/gum_*_{attribution,sbd}.jsonl`).

use std::path::Path;

use quotewire_core::Span;
use serde::Deserialize;

use crate::gold::{Attribution, ByteSpan, GoldDoc, byte_spans, kind_of};
use crate::{EvalError, read_jsonl};

#[derive(Debug, Deserialize)]
struct AttributionLine {
    doc_id: String,
    text: String,
    attributions: Vec<GumAttribution>,
}

#[derive(Debug, Deserialize)]
struct GumAttribution {
    #[serde(default)]
    content_with_same_unit: Vec<ByteSpan>,
    #[serde(default)]
    source_spans: Vec<ByteSpan>,
    #[serde(default)]
    cue_spans: Vec<ByteSpan>,
}

/// Reads GUM attribution relations: content (the RST head unit and its same-unit continuations),
/// gold source tokens and cue tokens.
pub fn read_attribution(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let docs: Vec<AttributionLine> = read_jsonl(path)?;
    Ok(docs
        .into_iter()
        .map(|d| {
            let quotes = d
                .attributions
                .iter()
                .map(|a| {
                    let content = byte_spans(&a.content_with_same_unit);
                    Attribution {
                        kind: kind_of(&d.text, &content),
                        content,
                        cue: byte_spans(&a.cue_spans),
                        source: byte_spans(&a.source_spans),
                        speaker: None,
                        rule: None,
                    }
                })
                .collect();
            GoldDoc {
                id: d.doc_id,
                text: d.text,
                quotes,
            }
        })
        .collect())
}

/// A text with its gold sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceDoc {
    /// Document id.
    pub id: String,
    /// The text.
    pub text: String,
    /// Gold sentences, as byte spans.
    pub sentences: Vec<Span>,
}

#[derive(Debug, Deserialize)]
struct SbdLine {
    doc_id: String,
    text: String,
    sentences: Vec<ByteSpan>,
}

/// Reads GUM gold sentences (`derived/gum_<genre>_sbd.jsonl`).
pub fn read_sentences(path: &Path) -> Result<Vec<SentenceDoc>, EvalError> {
    let docs: Vec<SbdLine> = read_jsonl(path)?;
    Ok(docs
        .into_iter()
        .map(|d| SentenceDoc {
            id: d.doc_id,
            sentences: byte_spans(&d.sentences),
            text: d.text,
        })
        .collect())
}
