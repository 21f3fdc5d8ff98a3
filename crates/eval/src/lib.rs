#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod attribution;
mod error;
pub mod formats;
pub mod gold;
pub mod gum;
pub mod instances;
pub mod newsmtsc;
pub mod polnear;
pub mod prf;
pub mod report;
pub mod sbd;
pub mod sentiment;
pub mod speakers;
pub mod tables;

use std::path::{Path, PathBuf};

pub use error::EvalError;

/// The shared research data folder: the one given, else `$QUOTEWIRE_DATA`, else
/// `../shared/data`.
pub fn data_dir(given: Option<&Path>) -> PathBuf {
    given
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("QUOTEWIRE_DATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/data"))
}

/// Reads a whole UTF-8 file.
pub(crate) fn read_to_string(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.into(),
        source,
    })
}

/// Reads a JSON Lines file, one value per non-blank line.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, EvalError> {
    let data = read_to_string(path)?;
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| EvalError::Json {
                path: path.into(),
                line: i + 1,
                source,
            })
        })
        .collect()
}
