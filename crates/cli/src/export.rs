//! `quotewire export`, `index top` and `index show`: the tables and answers of quotewire-export.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use quotewire_export::{Column, Format, Row, TableWriter, TopOptions, read_index, show};

use crate::args::{ExportArgs, IndexShowArgs, IndexTopArgs};

pub fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let by_name = args.output.as_deref().map_or(Format::Csv, Format::of_path);
    let format = args.format.unwrap_or(by_name);
    let done = match &args.output {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            quotewire_export::export(args.table, &args.inputs, format, BufWriter::new(file))?
        }
        None if format == Format::Parquet => anyhow::bail!("Parquet is written to a file: -o FILE"),
        None => quotewire_export::export(args.table, &args.inputs, format, io::stdout())?,
    };
    eprintln!("quotewire: {done}");
    Ok(ExitCode::from(u8::from(done.skipped.bad > 0)))
}

pub fn top(args: &IndexTopArgs) -> anyhow::Result<ExitCode> {
    let index = read_index(&args.index)?;
    let options = TopOptions {
        by: args.by,
        target: args.target.clone(),
        kind: args.kind,
        n: args.n,
    };
    let top = quotewire_export::top(&index, &options)?;
    print(top.columns(), top.table_rows(), args.csv, "")
}

pub fn show(args: &IndexShowArgs) -> anyhow::Result<ExitCode> {
    let index = read_index(&args.index)?;
    let (key, entry) = show::find(&index, &args.name)?;
    let heading = if args.csv {
        String::new()
    } else {
        show::heading(key, entry)
    };
    print(show::columns(), show::rows(entry), args.csv, &heading)
}

/// Prints a table to stdout, as CSV or aligned text after `heading`.
fn print(
    columns: Vec<Column>,
    rows: Vec<Row>,
    csv: bool,
    heading: &str,
) -> anyhow::Result<ExitCode> {
    if csv {
        let mut table = TableWriter::new(Format::Csv, columns, io::stdout())?;
        for row in rows {
            table.write(row)?;
        }
        table.finish()?;
    } else {
        let text = heading.to_string() + &quotewire_export::top::render(&columns, &rows);
        io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .context("cannot write output")?;
    }
    Ok(ExitCode::SUCCESS)
}
