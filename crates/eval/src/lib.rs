//! Accuracy evaluation for quotewire, the harness behind `quotewire eval`.
//!
//! - Gold readers: PolNeAR brat standoff ([`polnear::read_brat_split`], code points converted to
//!   bytes, discontinuous spans, one annotator per article) and derived JSON Lines
//!   ([`polnear::read_derived`]), GUM attributions and sentences ([`gum`]), and the project's own
//!   gold format ([`gold::read_project_gold`], `corpus/gold/`).
//! - Attribution metrics ([`attribution::score`]): per role exact-span and token-overlap P/R/F1,
//!   attribution-level matching with speaker accuracy, by kind and for quoted content only.
//! - Speakers ([`speakers`]): the project's speaker gold of BBC and Reuters stories (spans and
//!   hashes, no text), scored by quote found, speaker right and speaker kind right.
//! - Sentence boundaries ([`sbd`]), sentiment ([`sentiment`]) and target-dependent sentiment
//!   ([`newsmtsc`], with its fixed hold-out split).
//! - Gold and prediction files recognised by their shape ([`formats`]), and the reports of each
//!   task as `quotewire eval --json` writes them ([`report`]) and prints them ([`tables`]).
//!
//! ```
//! use std::collections::HashMap;
//! use quotewire_core::{QuoteKind, Span};
//! use quotewire_eval::attribution::{score, Subset};
//! use quotewire_eval::gold::{Attribution, GoldDoc};
//!
//! let text = "“No cool answers,” Jeong said.";
//! let quote = Attribution {
//!     kind: QuoteKind::Direct,
//!     content: vec![Span::new(0, 24)],
//!     cue: vec![Span::new(31, 35)],
//!     source: vec![Span::new(25, 30)],
//!     speaker: None,
//! };
//! let gold = vec![GoldDoc { id: "d".into(), text: text.into(), quotes: vec![quote] }];
//! // Nothing predicted: recall 0.
//! let scores = score(&gold, &HashMap::new(), Subset::All);
//! assert_eq!(scores.content.exact.recall(), 0.0);
//! // The gold as its own prediction: 1 everywhere.
//! let itself = HashMap::from([("d".to_string(), gold[0].quotes.clone())]);
//! let scores = score(&gold, &itself, Subset::All);
//! assert_eq!((scores.content.exact.f1(), scores.attribution.f1()), (1.0, 1.0));
//! ```
#![deny(missing_docs)]

pub mod attribution;
mod error;
pub mod formats;
pub mod gold;
pub mod gum;
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
