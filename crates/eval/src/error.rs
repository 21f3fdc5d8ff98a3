use std::path::PathBuf;

/// Why gold or predictions could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSON line or file is malformed.
    #[error("{path}:{line}: invalid JSON: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line (1 for a whole-file JSON document).
        line: usize,
        /// The underlying error.
        source: serde_json::Error,
    },
    /// A line of a brat annotation or tab-separated gold file is malformed.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A gold span does not fit its text, or its text differs from what the gold says.
    #[error("{doc}: gold span {start}..{end} {problem}")]
    Span {
        /// The document.
        doc: String,
        /// Byte start.
        start: usize,
        /// Byte end.
        end: usize,
        /// What is wrong.
        problem: String,
    },
    /// Predictions that do not pair with the gold.
    #[error("{path}: {problem}")]
    Mismatch {
        /// The predictions file.
        path: PathBuf,
        /// How they differ.
        problem: String,
    },
    /// A gold file in none of the formats quotewire reads.
    #[error("{path}: {problem}")]
    Unrecognised {
        /// The file.
        path: PathBuf,
        /// What it is not.
        problem: &'static str,
    },
}
