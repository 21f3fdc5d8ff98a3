use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Span;

/// One news story: an id, its text (unmodified apart from decoding to UTF-8) and what ingestion
/// found out about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Document id: the path relative to the input root, a JSON Lines id, or `<file>:<line>`.
    pub id: String,
    /// The text every span points into.
    pub text: String,
    /// How the text was obtained.
    pub encoding: Encoding,
    /// The format the document was read from.
    pub format: SourceFormat,
    /// Headline, dateline, byline, credit, boilerplate and paragraphs.
    pub layout: Layout,
}

impl Document {
    /// A plain UTF-8 text document with an empty layout.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            encoding: Encoding::Utf8,
            format: SourceFormat::Text,
            layout: Layout::default(),
        }
    }

    /// Whether the record must carry the text because spans do not point into the input bytes.
    pub fn text_differs_from_input(&self) -> bool {
        self.encoding != Encoding::Utf8 || self.format == SourceFormat::Html
    }
}

/// How the input bytes became the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// The input was valid UTF-8 and is used as is.
    #[serde(rename = "utf-8")]
    Utf8,
    /// The input was not valid UTF-8 and was decoded as Windows-1252; spans refer to the decoded text.
    #[serde(rename = "windows-1252")]
    Windows1252,
}

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// Plain text.
    Text,
    /// HTML, reduced to its readable text (boilerplate removed); spans refer to that text.
    Html,
    /// A JSON Lines record or an object of a JSON file; spans refer to its text field.
    Jsonl,
}

/// The parts of a wire story, as spans into the document text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Layout {
    /// The title given apart from the text (a JSON `title` or `headline` field, or
    /// `--title-field`), as given: a string, not a span, since the text does not hold it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The date given apart from the text (a JSON `date`, `published`, `published_at`,
    /// `publish_date`, `pub_date` or `datetime` field, or `--date-field`), trimmed, as given: a
    /// string, since sources write dates in many ways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The headline (a short first line without a closing full stop).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<Span>,
    /// The dateline that opens the story (`SEOUL, Nov. 17 (Yonhap) --`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// The byline (`By Jane Doe`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<Span>,
    /// The credited agency or source (`Yonhap News Agency` in `Source: Yonhap News Agency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Span>,
    /// Trailing boilerplate (`You may also like...`, `Read the rest here.`, `(END)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boilerplate: Vec<Span>,
    /// Paragraphs of the story body, in order; the first starts after the dateline.
    pub paragraphs: Vec<Span>,
}

/// A dateline such as `SEOUL, Nov. 17 (Yonhap) --`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Dateline {
    /// The whole dateline including its closing dash.
    pub span: Span,
    /// The place (`SEOUL`).
    pub place: Span,
    /// The date, when given (`Nov. 17`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Span>,
    /// The agency in parentheses, when given (`Yonhap`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Span>,
}
