use std::path::PathBuf;

use crate::FieldRole;

/// Why a document could not be ingested.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The document holds no text (or only whitespace).
    #[error("empty document")]
    Empty,
    /// The document holds NUL bytes: a binary file (or UTF-16, which is not supported).
    #[error("binary content: NUL byte at offset {offset}")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The document is larger than the configured limit.
    #[error("document of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Size in bytes (for a truncated read, at least this).
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// A JSON Lines line is not a valid JSON object.
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A JSON Lines object lacks the text field, or it is not a string.
    #[error("no string field {field:?} in JSON object")]
    MissingField {
        /// The field looked for.
        field: String,
    },
    /// A JSON file's first object lacks a field the run needs: the text field (none of the usual
    /// names, or not the one named), or a named id or title field. This stops the run.
    #[error(
        "{file}: {} in the first JSON object; its fields: {}{}",
        no_field(*.role, .wanted),
        .present.join(", "),
        if *.role == FieldRole::Text && .wanted.len() > 1 {
            ". Name the text field with --text-field"
        } else {
            ""
        }
    )]
    NoField {
        /// The file (or stdin's name).
        file: String,
        /// The field's role.
        role: FieldRole,
        /// The names looked for.
        wanted: Vec<String>,
        /// The fields the object has.
        present: Vec<String>,
    },
    /// A `--glob` or `--exclude` pattern is not a valid glob.
    #[error("bad glob: {0}")]
    Glob(#[from] globset::Error),
    /// Reading failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl IngestError {
    /// A short machine-readable name of the error, for error records.
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Empty => "empty",
            IngestError::Binary { .. } => "binary",
            IngestError::TooLarge { .. } => "too-large",
            IngestError::Json(_) => "json",
            IngestError::MissingField { .. } => "missing-field",
            IngestError::NoField { .. } => "missing-field",
            IngestError::Glob(_) => "glob",
            IngestError::Io { .. } => "io",
        }
    }
}

/// An error that belongs to one document (or one unreadable input), with its id.
#[derive(Debug, thiserror::Error)]
#[error("{id}: {error}")]
pub struct DocError {
    /// The document id, or `<file>:<line>` for a JSON Lines line without a readable id.
    pub id: String,
    /// What went wrong.
    #[source]
    pub error: IngestError,
}

fn no_field(role: FieldRole, wanted: &[String]) -> String {
    match wanted {
        [name] => format!("no field {name:?} ({})", role.flag()),
        names => format!("no text field ({})", names.join(", ")),
    }
}
