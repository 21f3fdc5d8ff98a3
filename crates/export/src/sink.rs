//! Writing a table as CSV (RFC 4180, UTF-8, a header row) or as Parquet (typed columns, Snappy).

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::ExportError;
use crate::table::{Cell, Column, ColumnType, Row};

/// Rows held before they are written as one Parquet record batch.
const BATCH_ROWS: usize = 8192;

/// The file format of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Comma-separated values, RFC 4180, UTF-8, with a header row.
    #[default]
    Csv,
    /// Apache Parquet with typed columns (text, unsigned 64-bit counts, 64-bit floats, booleans).
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = String;

    /// `csv` or `parquet`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            _ => Err(format!("no {s:?} format: csv or parquet")),
        }
    }
}

impl Format {
    /// The format a file name says: `.parquet` (or `.pq`) is Parquet, anything else CSV.
    pub fn of_path(path: &std::path::Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("parquet") || e.eq_ignore_ascii_case("pq") => {
                Format::Parquet
            }
            _ => Format::Csv,
        }
    }
}

/// A table being written, row by row, in bounded memory.
pub struct TableWriter<W: Write + Send> {
    columns: Vec<Column>,
    rows: usize,
    out: Out<W>,
}

enum Out<W: Write + Send> {
    Csv(Box<csv::Writer<W>>),
    Parquet {
        writer: Box<ArrowWriter<W>>,
        schema: SchemaRef,
        held: Vec<Row>,
    },
}

impl<W: Write + Send> TableWriter<W> {
    /// Starts a table of these columns in `format` (the CSV header is written at once).
    pub fn new(format: Format, columns: Vec<Column>, out: W) -> Result<Self, ExportError> {
        let out = match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(columns.iter().map(|c| c.name.as_str()))?;
                Out::Csv(Box::new(writer))
            }
            Format::Parquet => {
                let schema = Arc::new(arrow_schema(&columns));
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .build();
                let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
                Out::Parquet {
                    writer: Box::new(writer),
                    schema,
                    held: Vec::new(),
                }
            }
        };
        Ok(TableWriter {
            columns,
            rows: 0,
            out,
        })
    }

    /// The columns of the table.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Writes one row; its cells must fit the columns.
    pub fn write(&mut self, row: Row) -> Result<(), ExportError> {
        check(&self.columns, &row)?;
        self.rows += 1;
        match &mut self.out {
            Out::Csv(writer) => writer.write_record(row.iter().map(Cell::to_field))?,
            Out::Parquet {
                writer,
                schema,
                held,
            } => {
                held.push(row);
                if held.len() >= BATCH_ROWS {
                    let batch = batch(&self.columns, schema, std::mem::take(held))?;
                    writer.write(&batch)?;
                }
            }
        }
        Ok(())
    }

    /// Writes rows, in order.
    pub fn write_all(&mut self, rows: impl IntoIterator<Item = Row>) -> Result<(), ExportError> {
        rows.into_iter().try_for_each(|row| self.write(row))
    }

    /// Writes what is held and closes the table (the Parquet footer); gives the rows written.
    pub fn finish(self) -> Result<usize, ExportError> {
        match self.out {
            Out::Csv(mut writer) => writer.flush()?,
            Out::Parquet {
                mut writer,
                schema,
                held,
            } => {
                if !held.is_empty() {
                    writer.write(&batch(&self.columns, &schema, held)?)?;
                }
                writer.close()?;
            }
        }
        Ok(self.rows)
    }
}

/// The Arrow schema of the columns.
fn arrow_schema(columns: &[Column]) -> Schema {
    Schema::new(
        columns
            .iter()
            .map(|c| {
                let ty = match c.ty {
                    ColumnType::Text => DataType::Utf8,
                    ColumnType::Count => DataType::UInt64,
                    ColumnType::Real => DataType::Float64,
                    ColumnType::Flag => DataType::Boolean,
                };
                Field::new(&c.name, ty, c.nullable)
            })
            .collect::<Vec<_>>(),
    )
}

/// Whether the row has a fitting cell per column.
fn check(columns: &[Column], row: &Row) -> Result<(), ExportError> {
    let misfit = |column: String| ExportError::Row {
        cells: row.len(),
        columns: columns.len(),
        column,
    };
    if row.len() != columns.len() {
        return Err(misfit(String::new()));
    }
    match columns.iter().zip(row).find(|(c, cell)| !cell.fits(c)) {
        Some((c, _)) => Err(misfit(c.name.clone())),
        None => Ok(()),
    }
}

/// The rows as one Arrow record batch, column by column.
fn batch(
    columns: &[Column],
    schema: &SchemaRef,
    rows: Vec<Row>,
) -> Result<RecordBatch, ExportError> {
    let arrays: Vec<ArrayRef> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| -> ArrayRef {
            let cells = rows.iter().map(|row| &row[i]);
            match column.ty {
                ColumnType::Text => {
                    let mut b = StringBuilder::new();
                    for cell in cells {
                        b.append_option(match cell {
                            Cell::Text(v) => v.as_deref(),
                            _ => None,
                        });
                    }
                    Arc::new(b.finish())
                }
                ColumnType::Count => {
                    let mut b = UInt64Builder::with_capacity(rows.len());
                    for cell in cells {
                        b.append_option(match cell {
                            Cell::Count(v) => *v,
                            _ => None,
                        });
                    }
                    Arc::new(b.finish())
                }
                ColumnType::Real => {
                    let mut b = Float64Builder::with_capacity(rows.len());
                    for cell in cells {
                        b.append_option(match cell {
                            Cell::Real(v) => *v,
                            _ => None,
                        });
                    }
                    Arc::new(b.finish())
                }
                ColumnType::Flag => {
                    let mut b = BooleanBuilder::with_capacity(rows.len());
                    for cell in cells {
                        b.append_option(match cell {
                            Cell::Flag(v) => *v,
                            _ => None,
                        });
                    }
                    Arc::new(b.finish())
                }
            }
        })
        .collect();
    Ok(RecordBatch::try_new(schema.clone(), arrays)?)
}

/// A table written to a file.
pub type TableFile = TableWriter<std::io::BufWriter<std::fs::File>>;

/// Starts a table in the file `path`, in the format its name says.
pub fn create(path: &std::path::Path, columns: Vec<Column>) -> Result<TableFile, ExportError> {
    let file = std::fs::File::create(path).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    TableWriter::new(
        Format::of_path(path),
        columns,
        std::io::BufWriter::new(file),
    )
}

/// A table as text for a terminal: CSV, or aligned columns after `heading`.
pub fn to_text(
    columns: Vec<Column>,
    rows: Vec<Row>,
    csv: bool,
    heading: &str,
) -> Result<String, ExportError> {
    if !csv {
        return Ok(heading.to_string() + &crate::top::render(&columns, &rows));
    }
    let mut out = Vec::new();
    let mut table = TableWriter::new(Format::Csv, columns, &mut out)?;
    table.write_all(rows)?;
    table.finish()?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
