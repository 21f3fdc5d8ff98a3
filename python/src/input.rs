//! Python values as the documents `quotewire run` reads: a `str` or `bytes` as a text file, a
//! `dict` as a JSON Lines line.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyString};
use quotewire_ingest::{DocError, IngestError, JsonFields, RawDocument, SourceKind};
use quotewire_pipeline::{Outcome, Pipeline};
use serde_json::{Map, Number, Value};

/// How documents are read: the size limit, and the JSON fields of a dict.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Documents larger than this many bytes (UTF-8) are `too-large` errors.
    pub max_doc_bytes: u64,
    /// The fields of a dict: the usual names, as `quotewire run` reads JSON.
    pub fields: Arc<JsonFields>,
}

/// One document, read but not yet parsed: what a worker analyses.
pub struct Input {
    /// The raw document, or why it cannot be one (too large).
    pub item: Result<RawDocument, DocError>,
    /// The title given apart (`analyse(headline=...)`).
    pub title: Option<String>,
}

impl Input {
    /// The document's size in bytes.
    pub fn bytes(&self) -> usize {
        self.item.as_ref().map_or(0, |raw| raw.bytes.len())
    }

    /// The document analysed: its record, or its error record.
    pub fn process(self, pipeline: &Pipeline) -> Outcome {
        let parsed = self
            .item
            .and_then(|raw| raw.parse_with_title(self.title.as_deref()));
        match parsed {
            Ok(doc) => pipeline.process_document(doc),
            Err(e) => Outcome::from(e),
        }
    }
}

impl Reading {
    /// The document `value` is: a `str` (UTF-8) or `bytes` (UTF-8, else Windows-1252) is read as
    /// a text file is, HTML recognised by its opening tag; a `dict` as a JSON Lines line is (its
    /// `id`, text and `title` fields by the usual names). `id` is its id unless a dict names one.
    /// A value of any other type is a `TypeError`, a `str` with lone surrogates a
    /// `UnicodeEncodeError`.
    pub fn input(&self, value: &Bound<'_, PyAny>, id: String) -> PyResult<Input> {
        let (kind, bytes) = if let Ok(text) = value.cast::<PyString>() {
            (SourceKind::Text, text.encode_utf8()?.as_bytes().to_vec())
        } else if let Ok(bytes) = value.cast::<PyBytes>() {
            (SourceKind::Text, bytes.as_bytes().to_vec())
        } else if let Ok(dict) = value.cast::<PyDict>() {
            let line = json_line(dict, &self.fields)?;
            (SourceKind::JsonLine(self.fields.clone()), line)
        } else {
            return Err(PyTypeError::new_err(format!(
                "a document is a str, bytes or dict, not {}",
                value.get_type().name()?
            )));
        };
        let size = bytes.len() as u64;
        let item = if size > self.max_doc_bytes {
            Err(DocError {
                id,
                error: IngestError::TooLarge {
                    size,
                    limit: self.max_doc_bytes,
                },
            })
        } else {
            Ok(RawDocument::new(id, kind, bytes))
        };
        Ok(Input { item, title: None })
    }
}

/// The JSON object of a dict's id, text and title fields (the others are never read): the line
/// `quotewire run` would read those fields from.
fn json_line(dict: &Bound<'_, PyDict>, fields: &JsonFields) -> PyResult<Vec<u8>> {
    let mut object = Map::new();
    for name in fields.id.iter().chain(&fields.text).chain(&fields.title) {
        if object.contains_key(name) {
            continue;
        }
        if let Some(value) = dict.get_item(name)? {
            object.insert(name.clone(), json_value(&value)?);
        }
    }
    serde_json::to_vec(&object).map_err(crate::errors::value_error)
}

/// A field's value as JSON. Only strings (ids, texts, titles) and numbers (ids) are read from
/// fields, so any other value is `null`: read as any other non-string value is.
fn json_value(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Value::String(text.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(value.extract()?));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::from(n));
        }
        // As serde_json reads an integer past 64 bits: a float.
        let n: f64 = value.extract()?;
        return Ok(Number::from_f64(n).map_or(Value::Null, Value::Number));
    }
    if value.is_instance_of::<PyFloat>() {
        let n: f64 = value.extract()?;
        return Ok(Number::from_f64(n).map_or(Value::Null, Value::Number));
    }
    Ok(Value::Null)
}
