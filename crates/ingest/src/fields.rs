//! Which JSON fields hold a document's id, text, title and date: the fields the user named, else the
//! usual names, checked for each file on its first object.

use std::fmt;

use serde_json::{Map, Value};

use crate::IngestError;

/// The usual names of the id field, in order of preference.
pub const USUAL_ID_FIELDS: &[&str] = &["id", "doc_id", "newid"];
/// The usual names of the text field, in order of preference.
pub const USUAL_TEXT_FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "story",
    "full_text",
    "fulltext",
    "maintext",
    "article_text",
    "body_text",
];
/// The usual names of the title field, in order of preference.
pub const USUAL_TITLE_FIELDS: &[&str] = &["title", "headline"];
/// The usual names of the date field, in order of preference.
pub const USUAL_DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "pub_date",
    "datetime",
];

/// The JSON fields the user named (`--id-field`, `--text-field`, `--title-field`, `--date-field`); `None` takes
/// the usual names. A named field must be in the first object of every JSON file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldNames {
    /// The id field.
    pub id: Option<String>,
    /// The text field.
    pub text: Option<String>,
    /// The title field.
    pub title: Option<String>,
    /// The date field.
    pub date: Option<String>,
}

/// Which JSON fields hold a document's id, text, title and date; for each, the first present one is
/// used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFields {
    /// Candidate id fields (string or number).
    pub id: Vec<String>,
    /// Candidate text fields (string).
    pub text: Vec<String>,
    /// Candidate title fields (string).
    pub title: Vec<String>,
    /// Candidate date fields (string).
    pub date: Vec<String>,
}

impl Default for JsonFields {
    /// The usual names.
    fn default() -> Self {
        JsonFields {
            id: owned(USUAL_ID_FIELDS),
            text: owned(USUAL_TEXT_FIELDS),
            title: owned(USUAL_TITLE_FIELDS),
            date: owned(USUAL_DATE_FIELDS),
        }
    }
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Something the reader tells the user once, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A JSON file's text is read from a field other than `text`, found among the usual names.
    TextField {
        /// The file (or stdin's name).
        file: String,
        /// The field used.
        field: String,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::TextField { file, field } => write!(
                f,
                "{file}: reading text from {field:?} (name another field with --text-field)"
            ),
        }
    }
}

/// Which role a field plays, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// The document id.
    Id,
    /// The document text.
    Text,
    /// The title.
    Title,
    /// The date.
    Date,
}

impl FieldRole {
    /// The option that names the field.
    pub fn flag(self) -> &'static str {
        match self {
            FieldRole::Id => "--id-field",
            FieldRole::Text => "--text-field",
            FieldRole::Title => "--title-field",
            FieldRole::Date => "--date-field",
        }
    }
}

impl FieldNames {
    /// The candidates before a first object decides them: each named field, else the usual
    /// names.
    pub fn unresolved(&self) -> JsonFields {
        let pick = |name: &Option<String>, usual: &[&str]| match name {
            Some(name) => vec![name.clone()],
            None => owned(usual),
        };
        JsonFields {
            id: pick(&self.id, USUAL_ID_FIELDS),
            text: pick(&self.text, USUAL_TEXT_FIELDS),
            title: pick(&self.title, USUAL_TITLE_FIELDS),
            date: pick(&self.date, USUAL_DATE_FIELDS),
        }
    }

    /// The fields of one file, checked on its first object (`first`): a named field must be there,
    /// and some usual text field must hold a string (the note names it when it is not `text`).
    /// Each object then takes the first usual name it has, in the usual order, so a file that mixes
    /// sources (`text` in some objects, `body` in others) reads each object as it would alone, and
    /// a part of a file (a Spark partition) reads as the whole file does.
    pub fn resolve(
        &self,
        file: &str,
        first: &Map<String, Value>,
    ) -> Result<(JsonFields, Option<Notice>), IngestError> {
        let missing = |role: FieldRole, wanted: Vec<String>| IngestError::NoField {
            file: file.to_string(),
            role,
            wanted,
            present: first.keys().cloned().collect(),
        };
        let named = |role: FieldRole, name: &Option<String>, usual: &[&str]| match name {
            Some(name) if first.contains_key(name) => Ok(vec![name.clone()]),
            Some(name) => Err(missing(role, vec![name.clone()])),
            None => Ok(owned(usual)),
        };
        let id = named(FieldRole::Id, &self.id, USUAL_ID_FIELDS)?;
        let title = named(FieldRole::Title, &self.title, USUAL_TITLE_FIELDS)?;
        let date = named(FieldRole::Date, &self.date, USUAL_DATE_FIELDS)?;
        let is_text = |name: &str| first.get(name).is_some_and(Value::is_string);
        let (text, notice) = match &self.text {
            Some(name) if is_text(name) => (vec![name.clone()], None),
            Some(name) => return Err(missing(FieldRole::Text, vec![name.clone()])),
            None => {
                let Some(chosen) = USUAL_TEXT_FIELDS.iter().find(|name| is_text(name)) else {
                    return Err(missing(FieldRole::Text, owned(USUAL_TEXT_FIELDS)));
                };
                let notice = (*chosen != USUAL_TEXT_FIELDS[0]).then(|| Notice::TextField {
                    file: file.to_string(),
                    field: chosen.to_string(),
                });
                (owned(USUAL_TEXT_FIELDS), notice)
            }
        };
        Ok((
            JsonFields {
                id,
                text,
                title,
                date,
            },
            notice,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn usual_text_field_is_found_and_announced() {
        let first = object(r#"{"id": 1, "content": "Story.", "text": null}"#);
        let (fields, notice) = FieldNames::default().resolve("a.jsonl", &first).unwrap();
        // Each object takes the first usual name holding a string (here `content`: `text` is
        // null), in the usual order.
        assert_eq!(fields.text, owned(USUAL_TEXT_FIELDS));
        assert_eq!(
            notice.unwrap().to_string(),
            "a.jsonl: reading text from \"content\" (name another field with --text-field)"
        );
        let first = object(r#"{"text": "Story."}"#);
        let (_, notice) = FieldNames::default().resolve("a.jsonl", &first).unwrap();
        assert_eq!(notice, None, "`text` needs no word");
    }

    #[test]
    fn no_text_field_names_the_fields_present() {
        let first = object(r#"{"id": 1, "html": "<p>x</p>", "summary": "s"}"#);
        let error = FieldNames::default()
            .resolve("a.jsonl", &first)
            .unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("a.jsonl: no text field"), "{message}");
        assert!(
            message.contains("html, id, summary") && message.contains("--text-field"),
            "{message}"
        );
    }

    #[test]
    fn named_fields_must_be_present() {
        let first = object(r#"{"id": 1, "text": "Story."}"#);
        let names = FieldNames {
            id: Some("nope".into()),
            ..Default::default()
        };
        let message = names.resolve("a.json", &first).unwrap_err().to_string();
        assert_eq!(
            message,
            "a.json: no field \"nope\" (--id-field) in the first JSON object; its fields: id, text"
        );
        let names = FieldNames {
            title: Some("headline".into()),
            ..Default::default()
        };
        let error = names.resolve("a.json", &first).unwrap_err();
        assert!(error.to_string().contains("--title-field"), "{error}");
    }
}
