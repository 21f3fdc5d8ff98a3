//! Error records as Python exceptions: one class per kind of `quotewire run`'s error records,
//! all under `QuotewireError`, each with the record's `doc`, `kind` and `error`.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use quotewire_core::ErrorRecord;
use quotewire_pipeline::DUPLICATE_ID;

create_exception!(
    quotewire,
    QuotewireError,
    PyException,
    "A document that could not be analysed: the error record `quotewire run` writes for it, as \
     an exception. `doc` is the document id, `kind` the record's kind (`empty`, `binary`, \
     `too-large`, `json`, `missing-field`, `duplicate-id`, `internal`), `error` the reason."
);
create_exception!(
    quotewire,
    EmptyDocumentError,
    QuotewireError,
    "The document holds no text, or only whitespace (kind `empty`)."
);
create_exception!(
    quotewire,
    BinaryDocumentError,
    QuotewireError,
    "The document holds a NUL character: binary content (kind `binary`)."
);
create_exception!(
    quotewire,
    DocumentTooLargeError,
    QuotewireError,
    "The document is larger than the pipeline's `max_doc_bytes` (kind `too-large`)."
);
create_exception!(
    quotewire,
    InvalidJsonError,
    QuotewireError,
    "A JSON document that is not a valid JSON object (kind `json`)."
);
create_exception!(
    quotewire,
    MissingFieldError,
    QuotewireError,
    "A dict or JSON object without a string text field (kind `missing-field`)."
);
create_exception!(
    quotewire,
    DuplicateIdError,
    QuotewireError,
    "A document whose id an earlier document of the same `pipe` has (kind `duplicate-id`)."
);
create_exception!(
    quotewire,
    InternalError,
    QuotewireError,
    "A bug in a stage of the pipeline, caught: only this document is lost (kind `internal`)."
);

/// Adds the exception classes to the module.
pub fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("QuotewireError", py.get_type::<QuotewireError>())?;
    m.add("EmptyDocumentError", py.get_type::<EmptyDocumentError>())?;
    m.add("BinaryDocumentError", py.get_type::<BinaryDocumentError>())?;
    m.add(
        "DocumentTooLargeError",
        py.get_type::<DocumentTooLargeError>(),
    )?;
    m.add("InvalidJsonError", py.get_type::<InvalidJsonError>())?;
    m.add("MissingFieldError", py.get_type::<MissingFieldError>())?;
    m.add("DuplicateIdError", py.get_type::<DuplicateIdError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}

/// The exception of an error record: the class of its kind (`QuotewireError` itself for a kind
/// without one of its own), with `doc`, `kind` and `error` set.
pub fn error_of(py: Python<'_>, record: &ErrorRecord) -> PyErr {
    let message = format!("{}: {}", record.doc, record.error);
    let err = match record.kind.as_str() {
        "empty" => EmptyDocumentError::new_err(message),
        "binary" => BinaryDocumentError::new_err(message),
        "too-large" => DocumentTooLargeError::new_err(message),
        "json" => InvalidJsonError::new_err(message),
        "missing-field" => MissingFieldError::new_err(message),
        "internal" => InternalError::new_err(message),
        kind if kind == DUPLICATE_ID => DuplicateIdError::new_err(message),
        _ => QuotewireError::new_err(message),
    };
    let value = err.value(py);
    let set = value
        .setattr("doc", &record.doc)
        .and_then(|()| value.setattr("kind", &record.kind))
        .and_then(|()| value.setattr("error", &record.error));
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A `ValueError` saying what is wrong.
pub fn value_error(why: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(why.to_string())
}
