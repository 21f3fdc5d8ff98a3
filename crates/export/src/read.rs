//! Reading what `quotewire run` writes: records (JSON Lines) and speaker indexes (JSON). A line
//! that is no record (truncated, not JSON) and an error record are skipped and counted, never a
//! reason to stop.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use quotewire_core::{OutputLine, Record};
use quotewire_pipeline::index::SpeakerIndex;

use crate::ExportError;

/// What was left out of the input, with the reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Lines that are no record: where (`FILE:LINE`) and why, the first few of them.
    pub bad_lines: Vec<String>,
    /// How many such lines in all.
    pub bad: usize,
    /// Error records (documents the run could not process), by their `kind`.
    pub error_records: BTreeMap<String, usize>,
}

/// The bad lines named one by one in [`Skipped::bad_lines`]; the rest are counted.
const NAMED: usize = 5;

impl Skipped {
    /// Whether nothing was skipped.
    pub fn is_empty(&self) -> bool {
        self.bad == 0 && self.error_records.is_empty()
    }

    /// Error records skipped, all kinds together.
    pub fn errors(&self) -> usize {
        self.error_records.values().sum()
    }

    fn bad_line(&mut self, at: String, why: impl fmt::Display) {
        self.bad += 1;
        if self.bad_lines.len() < NAMED {
            self.bad_lines.push(format!("{at}: {why}"));
        }
    }
}

impl fmt::Display for Skipped {
    /// `skipped 2 error records (json 1, empty 1); skipped 1 line that is no record (a.jsonl:3: ...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.error_records.is_empty() {
            let kinds: Vec<String> = self
                .error_records
                .iter()
                .map(|(kind, n)| format!("{kind} {n}"))
                .collect();
            let n = self.errors();
            parts.push(format!(
                "skipped {n} error record{} ({})",
                plural(n),
                kinds.join(", ")
            ));
        }
        if self.bad > 0 {
            let more = self.bad - self.bad_lines.len();
            let more = if more > 0 {
                format!("; {more} more")
            } else {
                String::new()
            };
            parts.push(format!(
                "skipped {} line{} that {} no record ({}{more})",
                self.bad,
                plural(self.bad),
                if self.bad == 1 { "is" } else { "are" },
                self.bad_lines.join("; ")
            ));
        }
        f.write_str(&parts.join("; "))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Records, one JSON object per line (`quotewire run`).
    Records,
    /// A speaker index (`quotewire run --index FILE`, `quotewire index merge`).
    Index,
}

/// Whether the file is a speaker index (pretty JSON whose first line is `{`, or an object that
/// opens with `"speakers"`) or records.
pub fn input_kind(path: &Path) -> Result<InputKind, ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BufReader::new(File::open(path).map_err(io)?);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(io)? == 0 {
            return Ok(InputKind::Records);
        }
        let first = line.trim();
        if first.is_empty() {
            continue;
        }
        let compact: String = first.chars().filter(|c| !c.is_whitespace()).collect();
        return Ok(if first == "{" || compact.starts_with("{\"speakers\"") {
            InputKind::Index
        } else {
            InputKind::Records
        });
    }
}

/// Reads a speaker index.
pub fn read_index(path: &Path) -> Result<SpeakerIndex, ExportError> {
    let file = File::open(path).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_reader(BufReader::new(file)).map_err(|source| ExportError::NotAnIndex {
        path: path.to_path_buf(),
        source,
    })
}

/// A record and the text its spans point into.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRecord {
    /// The record, without its `text`.
    pub record: Record,
    /// The text.
    pub text: String,
}

/// Reads the records of JSON Lines files in order, calling `each` with every record and its
/// text; gives the records read. Lines that are no record, records with a span off their text
/// (`each` gives [`ExportError::Span`]) and error records are skipped and counted; a record
/// without `text` stops the reading ([`ExportError::NoText`]), as does another error of `each`.
pub fn each_record(
    paths: &[PathBuf],
    skipped: &mut Skipped,
    mut each: impl FnMut(TextRecord) -> Result<(), ExportError>,
) -> Result<usize, ExportError> {
    let mut records = 0;
    for path in paths {
        let io = |source| ExportError::Io {
            path: path.clone(),
            source,
        };
        let mut reader = BufReader::new(File::open(path).map_err(io)?);
        let mut line = String::new();
        for number in 1.. {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => {}
                // Not UTF-8: the line is no record; the reader is at the next line.
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    skipped.bad_line(format!("{}:{number}", path.display()), e);
                    continue;
                }
                Err(e) => return Err(io(e)),
            }
            if line.trim().is_empty() {
                continue;
            }
            let at = || format!("{}:{number}", path.display());
            let mut record = match serde_json::from_str::<OutputLine>(&line) {
                Ok(OutputLine::Record(record)) => *record,
                Ok(OutputLine::Error(error)) => {
                    *skipped.error_records.entry(error.kind).or_default() += 1;
                    continue;
                }
                Err(e) => {
                    skipped.bad_line(at(), e);
                    continue;
                }
            };
            let Some(text) = record.text.take() else {
                return Err(ExportError::NoText {
                    path: path.clone(),
                    doc: record.doc,
                });
            };
            let doc = record.doc.clone();
            match each(TextRecord { record, text }) {
                // A span off the text: this record is broken, not the reading.
                Err(e @ ExportError::Span { .. }) => {
                    skipped.bad_line(at(), format!("{doc:?}: {e}"))
                }
                other => {
                    other?;
                    records += 1;
                }
            }
        }
    }
    Ok(records)
}
