//! Progress bar and end-of-run summary.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotewire_ingest::Input;
use quotewire_pipeline::RunSummary;

/// A progress bar on stderr when it is a terminal, else nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new(inputs: &[Input], quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        // A byte total is known when every input is a plain file.
        let total: Option<u64> = inputs
            .iter()
            .map(|input| match input {
                Input::Path(p) => std::fs::metadata(p)
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len()),
                Input::Stdin => None,
            })
            .sum();
        // The same units as the summary: decimal MB, documents, quotes.
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec}, ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        Progress(Some(bar))
    }

    pub fn update(&self, summary: &RunSummary) {
        if let Some(bar) = &self.0 {
            bar.set_position(summary.bytes());
            let quotes = summary
                .quotes()
                .map(|q| format!(", {q} quotes"))
                .unwrap_or_default();
            bar.set_message(format!(
                "{} documents ({} failed){quotes}",
                summary.documents(),
                summary.failed()
            ));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Prints the summary on stderr (unless quiet) and writes its figures as JSON when asked.
pub fn finish(summary: &RunSummary, quiet: bool, json: Option<&Path>) -> anyhow::Result<()> {
    if !quiet {
        eprint!("{}", summary.report());
    }
    if let Some(path) = json {
        let figures = serde_json::to_string_pretty(&summary.figures())?;
        std::fs::write(path, figures + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
