//! `quotewire`: who said what, how, and about whom, for whole news corpora.

mod args;
mod batch;
mod eval;
mod files;
mod merge;
mod report;
mod score;
mod segment;
#[cfg(feature = "transformer")]
mod train;

use std::process::ExitCode;

use clap::Parser;

use quotewire_export::{show, top};

use crate::args::{Args, Command, IndexCommand};

// Documents are analysed in many small allocations on every worker thread: mimalloc's
// thread-local free lists make them cheap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("quotewire: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    match Args::parse().command {
        Command::Run(run) => batch::run(&run),
        Command::Segment(segment) => segment::run(&segment),
        Command::Sentiment(args) => score::sentiment(&args),
        Command::Stance(args) => score::stance(&args),
        Command::Eval(eval) => eval::run(&eval),
        Command::Index(IndexCommand::Merge(args)) => merge::run(&args),
        Command::Index(IndexCommand::Top(a)) => {
            print(top::answer(&a.file.index, &a.options(), a.file.csv))
        }
        Command::Index(IndexCommand::Show(a)) => {
            print(show::answer(&a.file.index, &a.name, a.file.csv))
        }
        Command::Export(a) => {
            let done =
                quotewire_export::export_to(a.table, &a.inputs, a.format, a.output.as_deref())?;
            eprintln!("quotewire: {done}");
            Ok(ExitCode::from(u8::from(done.skipped.bad > 0)))
        }
        Command::Report(a) => {
            let written = quotewire_report::write_report(
                &a.index,
                a.records.as_deref(),
                &a.options(),
                &a.output,
            )?;
            eprintln!("quotewire: {written}");
            Ok(ExitCode::from(u8::from(written.skipped.bad > 0)))
        }
        #[cfg(feature = "transformer")]
        Command::Train(args::TrainCommand::Stance(args)) => train::stance(&args),
        #[cfg(feature = "transformer")]
        Command::Train(args::TrainCommand::Attribution(args)) => train::attribution(&args),
        #[cfg(not(feature = "transformer"))]
        Command::Train(_) => Err(score::needs_transformer("quotewire train")),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&quotewire_core::output_schema())?
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints an answer of `index top` or `index show`.
fn print(answer: Result<String, quotewire_export::ExportError>) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    std::io::stdout().lock().write_all(answer?.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
