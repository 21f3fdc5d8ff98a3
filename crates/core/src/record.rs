use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::json_line::LineFormatter;
use crate::{Document, Encoding, Layout, Quote, Sentiment, SourceFormat, Span, Speaker};

/// The output record of one document: one JSON line of `quotewire run`.
///
/// This is a public contract: fields are only ever added. A stage that did not run leaves its
/// field out (`sentences` is absent, not empty, when no segmenter ran).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// The document id.
    pub doc: String,
    /// The decoded text, present when spans do not point into the input bytes as given
    /// (Windows-1252 input, HTML) or when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// How the input bytes were decoded.
    pub encoding: Encoding,
    /// The format the document was read from.
    pub format: SourceFormat,
    /// Headline, dateline, byline, credit, boilerplate and paragraphs.
    pub meta: Layout,
    /// Sentences, when segmentation ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<Span>>,
    /// Sentiment of each sentence, in the order of `sentences`, when scoring ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_sentiment: Option<Vec<Sentiment>>,
    /// Quotations, when attribution ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<Quote>>,
    /// Speakers of the quotations, when attribution ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speakers: Option<Vec<Speaker>>,
}

impl Record {
    /// The record of a freshly ingested document, before any analysis stage.
    pub fn from_document(doc: Document, with_text: bool) -> Self {
        let text = (with_text || doc.text_differs_from_input()).then_some(doc.text);
        Record {
            doc: doc.id,
            text,
            encoding: doc.encoding,
            format: doc.format,
            meta: doc.layout,
            sentences: None,
            sentence_sentiment: None,
            quotes: None,
            speakers: None,
        }
    }
}

/// The record of a document that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorRecord {
    /// The document id (for a JSON Lines line that could not be read: `<file>:<line>`).
    pub doc: String,
    /// What went wrong, for people.
    pub error: String,
    /// What went wrong, for programs: `empty`, `binary`, `too-large`, `json`, `io`,
    /// `duplicate-id` (an earlier document of the run has the id), ...
    pub kind: String,
}

/// One line of `quotewire run` output: a record, or an error record for a broken document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OutputLine {
    /// A processed document.
    Record(Box<Record>),
    /// A document that failed.
    Error(ErrorRecord),
}

impl OutputLine {
    /// The line as `quotewire run` writes it: compact JSON, without the newline. A record that
    /// cannot be serialised (which a record of this crate's types never is) becomes an
    /// `internal` error line, so that a front end always has a line to write.
    pub fn to_json_line(&self) -> String {
        let mut out = Vec::with_capacity(4096);
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, LineFormatter);
        match self.serialize(&mut serializer) {
            // serde_json writes UTF-8.
            Ok(()) => String::from_utf8(out)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            Err(e) => {
                format!(r#"{{"doc":"?","error":"cannot serialise record: {e}","kind":"internal"}}"#)
            }
        }
    }
}

/// The JSON Schema of an output line, as shipped in `docs/record.schema.json`.
pub fn output_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(OutputLine)).expect("a schema is plain JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_schema_is_up_to_date() {
        let shipped: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/record.schema.json")).unwrap();
        assert_eq!(
            shipped,
            output_schema(),
            "docs/record.schema.json is stale: run `quotewire schema > docs/record.schema.json`"
        );
    }

    #[test]
    fn absent_stages_leave_their_fields_out() {
        let record = Record::from_document(Document::new("d", "Text."), false);
        let json = serde_json::to_value(OutputLine::Record(Box::new(record))).unwrap();
        assert_eq!(json["doc"], "d");
        assert!(
            json.get("text").is_none()
                && json.get("quotes").is_none()
                && json.get("sentences").is_none()
        );
        let error = ErrorRecord {
            doc: "x".into(),
            error: "empty document".into(),
            kind: "empty".into(),
        };
        let back: OutputLine =
            serde_json::from_value(serde_json::to_value(&error).unwrap()).unwrap();
        assert_eq!(back, OutputLine::Error(error));
    }
}
