//! The speaker index, and the quote and speaker tables of `quotewire export` (crate
//! `quotewire-export`) as columns for pandas.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use quotewire_core::{OutputLine, Record};
use quotewire_export::{Cell, Column, QuoteTable, Row, SpeakerTable};
use quotewire_pipeline::index::{Aliases, SpeakerIndex as RustIndex};

use crate::errors::value_error;
use crate::pipe::loads;

/// Python's `json.dumps`.
static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The corpus speaker index (`quotewire run --index`): every speaker across the documents, the
/// same person joined across them, with their quotes, mean sentiment and stance per target.
///
/// Fill it with `add(record, text)`, with `Pipeline.pipe(..., index=index)` (which needs no
/// text in the records), or from JSON (`from_json`); `merge` joins indexes of separate runs, in
/// any order. `to_json()` is the file `--index` writes (joined and summed up first).
#[pyclass(module = "quotewire")]
#[derive(Default)]
pub struct SpeakerIndex {
    index: RustIndex,
}

impl SpeakerIndex {
    /// Adds one document's part (made by a `pipe` worker).
    pub fn merge_part(&mut self, part: RustIndex) {
        self.index.merge(part);
    }

    /// The index joined and summed up, as `run --index` writes it, with an aliases file's
    /// corrections.
    fn finished(&self, aliases: Option<&str>) -> PyResult<RustIndex> {
        let aliases = match aliases {
            Some(text) => Aliases::parse(text).map_err(value_error)?,
            None => Aliases::default(),
        };
        let mut index = self.index.clone();
        index.finish_with(&aliases);
        Ok(index)
    }
}

#[pymethods]
impl SpeakerIndex {
    #[new]
    fn new() -> Self {
        SpeakerIndex::default()
    }

    /// Adds the speakers and quotes of one record (a dict as `analyse` and `pipe` give it);
    /// `text` is the text its spans point into, needed unless the record carries it. An error
    /// record, and a document already in the index, are left out.
    #[pyo3(signature = (record, text=None))]
    fn add(&mut self, record: &Bound<'_, PyAny>, text: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        if let Some((record, text)) = record_with_text(record, text)? {
            self.index.add(&record, &text);
        }
        Ok(())
    }

    /// Adds another index (of other documents) to this one; a document both hold is counted
    /// once, as this one has it.
    fn merge(&mut self, other: &Bound<'_, SpeakerIndex>) -> PyResult<()> {
        let theirs = other.try_borrow()?.index.clone();
        self.index.merge(theirs);
        Ok(())
    }

    /// Joins names across the documents and sums up each speaker's quotes (what `to_json` and
    /// the speaker table do by themselves); `aliases` is the text of an aliases file
    /// (`--aliases`: `merge`, `split`, `rename`, `kind` lines).
    #[pyo3(signature = (aliases=None))]
    fn finish(&mut self, aliases: Option<&str>) -> PyResult<()> {
        self.index = self.finished(aliases)?;
        Ok(())
    }

    /// The index as `quotewire run --index` writes it (pretty JSON, joined and summed up).
    #[pyo3(signature = (aliases=None))]
    fn to_json(&self, aliases: Option<&str>) -> PyResult<String> {
        serde_json::to_string_pretty(&self.finished(aliases)?).map_err(value_error)
    }

    /// `to_json()` parsed: `{"speakers": {key: entry}}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        loads(py, &self.to_json(None)?)
    }

    /// The index a `--index` file (or `to_json`) holds.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<SpeakerIndex> {
        let index = serde_json::from_str(json)
            .map_err(|e| value_error(format!("not a speaker index: {e}")))?;
        Ok(SpeakerIndex { index })
    }

    /// The number of speakers.
    fn __len__(&self) -> usize {
        self.index.speakers.len()
    }

    fn __repr__(&self) -> String {
        format!("SpeakerIndex({} speakers)", self.index.speakers.len())
    }
}

/// A record dict as the Rust record, with the text its spans point into; `None` for an error
/// record.
fn record_with_text(
    record: &Bound<'_, PyAny>,
    text: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<(Record, String)>> {
    let py = record.py();
    let json = DUMPS.import(py, "json", "dumps")?.call1((record,))?;
    let json: String = json.extract()?;
    let line: OutputLine = serde_json::from_str(&json)
        .map_err(|e| value_error(format!("not a quotewire record: {e}")))?;
    let OutputLine::Record(mut record) = line else {
        return Ok(None);
    };
    let text = match (record.text.take(), text) {
        (Some(own), _) => own,
        (None, Some(text)) if text.is_instance_of::<PyString>() => text.extract()?,
        (None, Some(text)) if text.is_instance_of::<PyBytes>() => {
            String::from_utf8(text.extract()?).map_err(|e| {
                value_error(format!("the text of {:?} is not UTF-8: {e}", record.doc))
            })?
        }
        (None, Some(text)) if !text.is_none() => {
            return Err(PyTypeError::new_err("a record's text is a str"));
        }
        (None, _) => {
            return Err(value_error(format!(
                "record {:?} has no `text`: the words under its spans need the text they point \
                 into; make the records with Pipeline(with_text=True), or pass the documents' \
                 texts (texts=[...], in the order of the records)",
                record.doc
            )));
        }
    };
    Ok(Some((*record, text)))
}

/// The records of `records` that are no error records, each with its text (its own, else the
/// one of `texts` at its position).
fn records_with_texts(
    records: &Bound<'_, PyAny>,
    texts: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(Record, String)>> {
    let mut texts = texts.map(|t| t.try_iter()).transpose()?;
    let mut found = Vec::new();
    for record in records.try_iter()? {
        let text = texts.as_mut().and_then(|t| t.next()).transpose()?;
        found.extend(record_with_text(&record?, text.as_ref())?);
    }
    Ok(found)
}

/// The columns of a table: their names, and each column's cells (a list per column).
type Columns<'py> = (Vec<String>, Vec<Bound<'py, PyList>>);

/// The quote table of `quotewire export quotes` of these records: one row per quote, the
/// columns `export` writes (a `stance:T`/`stance_score:T` pair per issue target the records take
/// a stance toward).
#[pyfunction]
#[pyo3(signature = (records, texts=None))]
pub fn quotes_table<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    texts: Option<&Bound<'py, PyAny>>,
) -> PyResult<Columns<'py>> {
    let records = records_with_texts(records, texts)?;
    let table = QuoteTable::of_records(records.iter().map(|(record, _)| record));
    let mut rows = Vec::new();
    for (record, text) in &records {
        rows.extend(table.rows(record, text).map_err(value_error)?);
    }
    columns(py, &table.columns(), rows)
}

/// The speaker table of `quotewire export speakers`: one row per speaker, most quoted first,
/// of a `SpeakerIndex`, of a speaker index as `json.load` reads a `--index` file, or of records
/// (indexed as `export` does).
#[pyfunction]
#[pyo3(signature = (source, texts=None))]
pub fn speakers_table<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    texts: Option<&Bound<'py, PyAny>>,
) -> PyResult<Columns<'py>> {
    let index = if let Ok(index) = source.cast::<SpeakerIndex>() {
        index.try_borrow()?.finished(None)?
    } else if source
        .cast::<PyDict>()
        .is_ok_and(|d| d.contains("speakers").unwrap_or(false))
    {
        let json: String = DUMPS
            .import(py, "json", "dumps")?
            .call1((source,))?
            .extract()?;
        SpeakerIndex::from_json(&json)?.index
    } else {
        let mut index = RustIndex::default();
        for (record, text) in records_with_texts(source, texts)? {
            index.add(&record, &text);
        }
        index.finish();
        index
    };
    let table = SpeakerTable::of(&index);
    let rows = table.rows(&index);
    columns(py, &table.columns(), rows)
}

/// Rows as Python lists, one per column: text as `str` (`None` when empty), counts as `int`,
/// scores as `float` (NaN when empty, as pandas reads an empty CSV cell), flags as `bool`.
fn columns<'py>(py: Python<'py>, columns: &[Column], rows: Vec<Row>) -> PyResult<Columns<'py>> {
    let lists: Vec<Bound<'py, PyList>> = columns.iter().map(|_| PyList::empty(py)).collect();
    for row in rows {
        for (cell, list) in row.into_iter().zip(&lists) {
            match cell {
                Cell::Text(v) => list.append(v)?,
                Cell::Count(v) => list.append(v)?,
                Cell::Real(v) => list.append(v.unwrap_or(f64::NAN))?,
                Cell::Flag(v) => list.append(v)?,
            }
        }
    }
    let names = columns.iter().map(|c| c.name.clone()).collect();
    Ok((names, lists))
}
