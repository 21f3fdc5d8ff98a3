//! `quotewire._quotewire`: the quotewire pipeline for Python, thin over the Rust crates.
//!
//! A record handed to Python is the line `quotewire run` writes ([`OutputLine::to_json_line`]) as
//! Python's `json.loads` parses it, built straight from the Rust record (`objects`: no JSON
//! written or parsed); a document is read as the CLI reads a text file (a `str` or `bytes`) or a
//! JSON Lines line (a `dict`). The pure
//! Python package `quotewire` around this module only re-exports it and makes pandas
//! DataFrames of the tables built here.
//!
//! [`OutputLine::to_json_line`]: quotewire_core::OutputLine::to_json_line

use pyo3::prelude::*;

mod attributor;
mod errors;
mod input;
mod objects;
mod pipe;
mod tables;
mod text;

/// Rust's allocations as the `quotewire` binary makes them (Python's own objects keep Python's
/// allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The extension module.
#[pymodule]
fn _quotewire(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "DEFAULT_MAX_DOC_BYTES",
        quotewire_ingest::ReaderOptions::default().max_doc_bytes,
    )?;
    m.add_class::<pipe::Pipeline>()?;
    m.add_class::<pipe::Pipe>()?;
    m.add_class::<tables::SpeakerIndex>()?;
    m.add_class::<text::Text>()?;
    m.add_function(wrap_pyfunction!(text::segment, m)?)?;
    m.add_function(wrap_pyfunction!(text::sentiment, m)?)?;
    m.add_function(wrap_pyfunction!(text::char_span, m)?)?;
    m.add_function(wrap_pyfunction!(text::span_text, m)?)?;
    m.add_function(wrap_pyfunction!(tables::quotes_table, m)?)?;
    m.add_function(wrap_pyfunction!(tables::speakers_table, m)?)?;
    errors::add(m)?;
    Ok(())
}
