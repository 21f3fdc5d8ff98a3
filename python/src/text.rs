//! Spans as Python `str` indices and the words under them; sentences and sentiment of a text.

use std::sync::OnceLock;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use quotewire_core::Span;
use quotewire_core::text::CharOffsets;
use quotewire_score::{SentimentScorer, Vader};
use quotewire_segment::Segmenter;

use crate::errors::value_error;

/// A text whose byte spans (the spans of records) are turned into `str` indices and words.
///
/// Spans are byte ranges into the UTF-8 text; Python's `str` counts code points. `Text(text)`
/// reads the text once, so that many spans are cheap. A span is a dict `{"start": b, "end": b}`
/// (as records hold them) or a pair `(start, end)`. The text a record's spans point into is the
/// document as given, or the record's own `text` where it has one (HTML, Windows-1252 input).
#[pyclass(frozen, module = "quotewire")]
pub struct Text {
    text: String,
    offsets: CharOffsets,
}

impl Text {
    fn of(text: &Bound<'_, PyString>) -> PyResult<Self> {
        let text = text.to_cow()?.into_owned();
        let offsets = CharOffsets::new(&text);
        Ok(Text { text, offsets })
    }

    fn check(&self, span: Span) -> PyResult<Span> {
        match span.slice(&self.text) {
            Some(_) => Ok(span),
            None => Err(value_error(format!(
                "span {}..{} is not on the text ({} bytes, or not on a character boundary)",
                span.start,
                span.end,
                self.text.len()
            ))),
        }
    }
}

#[pymethods]
impl Text {
    #[new]
    fn new(text: &Bound<'_, PyString>) -> PyResult<Self> {
        Text::of(text)
    }

    /// The `str` indices `(start, end)` of a byte span: `text[start:end]` is its words.
    fn char_span(&self, span: &Bound<'_, PyAny>) -> PyResult<(usize, usize)> {
        let span = self.check(span_of(span)?)?;
        let chars = self.offsets.char_range(span).ok_or_else(|| {
            value_error(format!(
                "span {}..{} is not on character boundaries",
                span.start, span.end
            ))
        })?;
        Ok((chars.start, chars.end))
    }

    /// The words under a byte span.
    fn span_text(&self, span: &Bound<'_, PyAny>) -> PyResult<&str> {
        let span = self.check(span_of(span)?)?;
        Ok(&self.text[span.range()])
    }

    /// The byte span `{"start", "end"}` of the `str` indices `start:end`.
    fn byte_span<'py>(
        &self,
        py: Python<'py>,
        start: usize,
        end: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let span = self
            .offsets
            .span(start..end)
            .filter(|s| s.start <= s.end)
            .ok_or_else(|| {
                value_error(format!(
                    "{start}:{end} is not a range of the text's {} characters",
                    self.offsets.chars()
                ))
            })?;
        span_dict(py, span)
    }

    /// The text's length in characters, as `len(str)`.
    fn __len__(&self) -> usize {
        self.offsets.chars()
    }

    fn __str__(&self) -> &str {
        &self.text
    }

    fn __repr__(&self) -> String {
        format!(
            "Text({} characters, {} bytes)",
            self.offsets.chars(),
            self.text.len()
        )
    }
}

/// The `str` indices `(start, end)` of the byte span `span` of `text`.
#[pyfunction]
pub fn char_span(text: &Bound<'_, PyString>, span: &Bound<'_, PyAny>) -> PyResult<(usize, usize)> {
    Text::of(text)?.char_span(span)
}

/// The words under the byte span `span` of `text`.
#[pyfunction]
pub fn span_text(text: &Bound<'_, PyString>, span: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(Text::of(text)?.span_text(span)?.to_string())
}

/// A span given as `{"start", "end"}` or `(start, end)`.
fn span_of(span: &Bound<'_, PyAny>) -> PyResult<Span> {
    if let Ok(dict) = span.cast::<PyDict>() {
        let get = |key: &str| -> PyResult<usize> {
            dict.get_item(key)?
                .ok_or_else(|| PyTypeError::new_err(format!("a span dict has {key:?}")))?
                .extract()
        };
        return Ok(Span::new(get("start")?, get("end")?));
    }
    let (start, end): (usize, usize) = span.extract().map_err(|_| {
        PyTypeError::new_err("a span is {\"start\": b, \"end\": b} or (start, end), in bytes")
    })?;
    Ok(Span::new(start, end))
}

fn span_dict<'py>(py: Python<'py>, span: Span) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("start", span.start)?;
    dict.set_item("end", span.end)?;
    Ok(dict)
}

/// The sentences of `text`, as `quotewire segment` gives them: a list of byte spans
/// `{"start", "end"}`. `line_breaks=True` also ends a sentence at each line break
/// (`--line-breaks`).
#[pyfunction]
#[pyo3(signature = (text, line_breaks=false))]
pub fn segment<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    line_breaks: bool,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    static PLAIN: OnceLock<Segmenter> = OnceLock::new();
    static BY_LINE: OnceLock<Segmenter> = OnceLock::new();
    let text = text.to_cow()?;
    let cell = if line_breaks { &BY_LINE } else { &PLAIN };
    let text_ref: &str = &text;
    let spans: Vec<Span> = py.detach(|| {
        let segmenter = cell.get_or_init(|| Segmenter::builder().line_breaks(line_breaks).build());
        segmenter.sentences(text_ref).collect()
    });
    spans.into_iter().map(|s| span_dict(py, s)).collect()
}

/// The VADER sentiment of `text`, as `quotewire sentiment` scores a line: a dict
/// `{"compound", "pos", "neu", "neg"}`.
#[pyfunction]
pub fn sentiment<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyDict>> {
    static VADER: OnceLock<Vader> = OnceLock::new();
    let text = text.to_cow()?;
    let text_ref: &str = &text;
    let s = py.detach(|| VADER.get_or_init(Vader::new).sentiment(text_ref));
    let dict = PyDict::new(py);
    dict.set_item("compound", s.compound)?;
    dict.set_item("pos", s.pos)?;
    dict.set_item("neu", s.neu)?;
    dict.set_item("neg", s.neg)?;
    Ok(dict)
}
