//! The words under a record's spans, exactly `&text[span]`.

use quotewire_core::{Record, Span, Stance, TargetKind};

use crate::ExportError;

/// The text under a span: `&text[span.start..span.end]`, or an error when the span is off the
/// text or not on character boundaries.
pub fn slice(text: &str, span: Span) -> Result<&str, ExportError> {
    span.slice(text).ok_or(ExportError::Span {
        start: span.start,
        end: span.end,
        len: text.len(),
    })
}

/// The words of a quotation: its content fragments, joined by ` … ` as the speaker index joins
/// them (one fragment: exactly the text under it).
pub fn content(text: &str, spans: &[Span]) -> Result<String, ExportError> {
    let parts = spans
        .iter()
        .map(|s| slice(text, *s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(parts.join(" … "))
}

/// The text under an optional span.
pub fn optional(text: &str, span: Option<Span>) -> Result<Option<String>, ExportError> {
    span.map(|s| slice(text, s).map(str::to_string)).transpose()
}

/// The story's headline: the headline the layout found in the text, else the title given apart
/// from it (a JSON `title`).
pub fn headline(record: &Record, text: &str) -> Result<Option<String>, ExportError> {
    Ok(optional(text, record.meta.headline)?.or_else(|| record.meta.title.clone()))
}

/// What a stance is toward: as the record says, else as its label says (a `neutral` of records
/// that do not say: an issue), as the speaker index decides it.
pub fn target_kind(stance: &Stance) -> TargetKind {
    stance
        .kind
        .or_else(|| stance.label.target_kind())
        .unwrap_or(TargetKind::Issue)
}

/// A label's name as records write it (`favor`, `negative`).
pub fn label_name(label: quotewire_core::StanceLabel) -> String {
    name_of(&label)
}

/// A speaker kind's name as records write it (`person`).
pub fn kind_name(kind: quotewire_core::EntityKind) -> String {
    name_of(&kind)
}

/// A quotation kind's name as records write it (`direct`).
pub fn quote_kind(kind: quotewire_core::QuoteKind) -> String {
    name_of(&kind)
}

/// The name serde gives a unit variant, so that a table names a kind or label exactly as the
/// records do, whatever kinds core adds.
fn name_of(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
