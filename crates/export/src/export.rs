//! `quotewire export`: the quote, speaker or sentence table of records files and speaker indexes.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use quotewire_core::Record;
use quotewire_pipeline::index::SpeakerIndex;

use crate::read::{InputKind, Skipped, each_record, input_kind, read_index};
use crate::sink::{Format, TableWriter};
use crate::speakers::SpeakerTable;
use crate::table::{Column, Row};
use crate::{ExportError, QuoteTable, sentences};

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// One row per quotation ([`QuoteTable`]), from records.
    Quotes,
    /// One row per speaker ([`SpeakerTable`]), from a speaker index or from records.
    Speakers,
    /// One row per sentence ([`sentences::columns`]), from records.
    Sentences,
}

impl std::fmt::Display for Exported {
    /// `17255 rows from 2225 records`, `5993 rows from 1 speaker index`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut from = Vec::new();
        if self.records > 0 || self.indexes == 0 {
            from.push(count(self.records, "record"));
        }
        if self.indexes > 0 {
            from.push(count(self.indexes, "speaker index"));
        }
        write!(f, "{} from {}", count(self.rows, "row"), from.join(" and "))?;
        if !self.skipped.is_empty() {
            write!(f, "; {}", self.skipped)?;
        }
        Ok(())
    }
}

fn count(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (_, "speaker index") => format!("{n} speaker indexes"),
        _ => format!("{n} {what}s"),
    }
}

impl std::str::FromStr for TableKind {
    type Err = String;

    /// `quotes`, `speakers` or `sentences`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "quotes" => Ok(TableKind::Quotes),
            "speakers" => Ok(TableKind::Speakers),
            "sentences" => Ok(TableKind::Sentences),
            _ => Err(format!("no {s:?} table: quotes, speakers or sentences")),
        }
    }
}

impl TableKind {
    fn name(self) -> &'static str {
        match self {
            TableKind::Quotes => "quotes",
            TableKind::Speakers => "speakers",
            TableKind::Sentences => "sentences",
        }
    }
}

/// What an export wrote and what it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    /// Rows written.
    pub rows: usize,
    /// Records read.
    pub records: usize,
    /// Speaker indexes read.
    pub indexes: usize,
    /// Lines that are no record and error records, left out.
    pub skipped: Skipped,
}

/// Writes the table of the inputs to the file `output` (in the format its name says, unless
/// `format` is given), or to stdout (CSV only).
pub fn export_to(
    table: TableKind,
    inputs: &[PathBuf],
    format: Option<Format>,
    output: Option<&Path>,
) -> Result<Exported, ExportError> {
    let format = format.unwrap_or(output.map_or(Format::Csv, Format::of_path));
    match output {
        Some(path) => {
            let file = File::create(path).map_err(|source| ExportError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            export(table, inputs, format, BufWriter::new(file))
        }
        None if format == Format::Parquet => Err(ExportError::ParquetToStdout),
        None => export(table, inputs, format, std::io::stdout()),
    }
}

/// Writes the table of the inputs to `out`.
///
/// Quotes and sentences are read from records written with `quotewire run --with-text` (the
/// text their spans point into); the quote table has a stance column pair per issue target
/// the records take a stance toward (a first pass finds them). Speakers are read from one
/// speaker index as it is, or from records (indexed as `run --index` does, without an aliases
/// file), or several indexes and records merged as `index merge` does.
pub fn export<W: Write + Send>(
    table: TableKind,
    inputs: &[PathBuf],
    format: Format,
    out: W,
) -> Result<Exported, ExportError> {
    let mut kinds = Vec::with_capacity(inputs.len());
    for path in inputs {
        kinds.push((path.clone(), input_kind(path)?));
    }
    let records: Vec<PathBuf> = kinds
        .iter()
        .filter(|(_, k)| *k == InputKind::Records)
        .map(|(p, _)| p.clone())
        .collect();
    if table == TableKind::Speakers {
        return speakers(&kinds, &records, format, out);
    }
    if let Some((path, _)) = kinds.iter().find(|(_, k)| *k == InputKind::Index) {
        return Err(ExportError::IndexGiven {
            path: path.clone(),
            table: table.name(),
        });
    }
    if table == TableKind::Sentences {
        return write_records(&records, format, sentences::columns(), out, sentences::rows);
    }
    let mut targets = BTreeSet::new();
    each_record(&records, &mut Skipped::default(), |r| {
        QuoteTable::targets_of(&r.record, &mut targets);
        Ok(())
    })?;
    let quotes = QuoteTable::new(targets.into_iter().collect());
    write_records(&records, format, quotes.columns(), out, |record, text| {
        quotes.rows(record, text)
    })
}

/// Writes the rows `rows` makes of each record.
fn write_records<W: Write + Send>(
    paths: &[PathBuf],
    format: Format,
    columns: Vec<Column>,
    out: W,
    rows: impl Fn(&Record, &str) -> Result<Vec<Row>, ExportError>,
) -> Result<Exported, ExportError> {
    let mut writer = TableWriter::new(format, columns, out)?;
    let mut done = Exported::default();
    done.records = each_record(paths, &mut done.skipped, |r| {
        // All of a record's rows are made before any is written: a broken record adds none.
        for row in rows(&r.record, &r.text)? {
            writer.write(row)?;
        }
        Ok(())
    })?;
    done.rows = writer.finish()?;
    Ok(done)
}

/// The speaker table: one index as it is; else the indexes merged and the records indexed.
fn speakers<W: Write + Send>(
    kinds: &[(PathBuf, InputKind)],
    records: &[PathBuf],
    format: Format,
    out: W,
) -> Result<Exported, ExportError> {
    let mut done = Exported {
        indexes: kinds.iter().filter(|(_, k)| *k == InputKind::Index).count(),
        ..Exported::default()
    };
    let index = match kinds {
        [(path, InputKind::Index)] => read_index(path)?,
        _ => {
            let mut index = SpeakerIndex::default();
            for (path, kind) in kinds {
                if *kind == InputKind::Index {
                    index.merge(read_index(path)?);
                }
            }
            done.records = each_record(records, &mut done.skipped, |r| {
                index.add(&r.record, &r.text);
                Ok(())
            })?;
            index.finish();
            index
        }
    };
    let table = SpeakerTable::of(&index);
    let mut writer = TableWriter::new(format, table.columns(), out)?;
    for row in table.rows(&index) {
        writer.write(row)?;
    }
    done.rows = writer.finish()?;
    Ok(done)
}
