//! Progress bar and end-of-run summary.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotewire_ingest::{Input, Skipped};

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
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed_precise} {bytes} {bytes_per_sec} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        Progress(Some(bar))
    }

    pub fn update(&self, summary: &Summary) {
        if let Some(bar) = &self.0 {
            bar.set_position(summary.bytes);
            bar.set_message(format!(
                "{} docs, {} failed",
                summary.documents, summary.failed
            ));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Counts of a run.
pub struct Summary {
    started: Instant,
    documents: u64,
    failed: u64,
    bytes: u64,
    quotes: Option<u64>,
    skipped: Skipped,
}

impl Summary {
    pub fn start() -> Self {
        Summary {
            started: Instant::now(),
            documents: 0,
            failed: 0,
            bytes: 0,
            quotes: None,
            skipped: Skipped::default(),
        }
    }

    pub fn add(&mut self, bytes: usize, quotes: Option<usize>, failed: bool) {
        self.documents += 1;
        self.failed += u64::from(failed);
        self.bytes += bytes as u64;
        if let Some(q) = quotes {
            *self.quotes.get_or_insert(0) += q as u64;
        }
    }

    /// The files of directories that were not read (not news, or excluded).
    pub fn skipped(&mut self, skipped: Skipped) {
        self.skipped = skipped;
    }

    pub fn failed(&self) -> u64 {
        self.failed
    }

    /// Prints the summary on stderr (unless quiet) and writes it as JSON when asked.
    pub fn finish(&self, quiet: bool, json: Option<&Path>) -> anyhow::Result<()> {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        if !quiet {
            let quotes = self
                .quotes
                .map(|q| format!(", {q} quotes"))
                .unwrap_or_default();
            eprintln!(
                "quotewire: {} documents ({} failed), {:.1} MB{quotes} in {:.2} s: {:.1} MB/s, {:.0} documents/s",
                self.documents,
                self.failed,
                mb,
                seconds,
                mb / seconds,
                self.documents as f64 / seconds
            );
            if self.skipped.count > 0 {
                let more = if self.skipped.count as usize > self.skipped.examples.len() {
                    " ..."
                } else {
                    ""
                };
                eprintln!(
                    "quotewire: {} files skipped (not news: {}{more}; --glob and --exclude choose)",
                    self.skipped.count,
                    self.skipped.examples.join(", ")
                );
            }
        }
        if let Some(path) = json {
            let value = serde_json::json!({
                "documents": self.documents,
                "failed": self.failed,
                "bytes": self.bytes,
                "quotes": self.quotes,
                "skipped": self.skipped.count,
                "seconds": seconds,
                "mb_per_s": mb / seconds,
                "documents_per_s": self.documents as f64 / seconds,
            });
            std::fs::write(path, format!("{value:#}\n"))
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}
