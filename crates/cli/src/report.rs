//! Progress bar and end-of-run summary.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotewire_core::ErrorRecord;
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

    pub fn update(&self, summary: &Summary) {
        if let Some(bar) = &self.0 {
            bar.set_position(summary.bytes);
            let quotes = summary
                .quotes
                .map(|q| format!(", {q} quotes"))
                .unwrap_or_default();
            bar.set_message(format!(
                "{} documents ({} failed){quotes}",
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

/// One document that failed.
pub struct Failure {
    kind: String,
    doc: String,
    message: String,
}

impl Failure {
    pub fn of(error: &ErrorRecord) -> Self {
        Failure {
            kind: error.kind.clone(),
            doc: error.doc.clone(),
            message: error.error.clone(),
        }
    }
}

/// Failures of one kind: how many, and the first few.
#[derive(Default)]
struct FailureKind {
    count: u64,
    first: Vec<Failure>,
}

/// How many failures of each kind the summary names.
const FAILURES_SHOWN: usize = 3;

/// Counts of a run.
pub struct Summary {
    started: Instant,
    documents: u64,
    failed: u64,
    bytes: u64,
    quotes: Option<u64>,
    failures: BTreeMap<String, FailureKind>,
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
            failures: BTreeMap::new(),
            skipped: Skipped::default(),
        }
    }

    pub fn add(&mut self, bytes: usize, quotes: Option<usize>, failure: Option<Failure>) {
        self.documents += 1;
        self.bytes += bytes as u64;
        if let Some(q) = quotes {
            *self.quotes.get_or_insert(0) += q as u64;
        }
        if let Some(failure) = failure {
            self.failed += 1;
            let kind = self.failures.entry(failure.kind.clone()).or_default();
            kind.count += 1;
            if kind.first.len() < FAILURES_SHOWN {
                kind.first.push(failure);
            }
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
            for (kind, failures) in &self.failures {
                eprintln!("  {} failed with {kind}:", failures.count);
                for f in &failures.first {
                    eprintln!("    {}: {}", f.doc, f.message);
                }
                if failures.count > failures.first.len() as u64 {
                    let more = failures.count - failures.first.len() as u64;
                    eprintln!("    ... and {more} more (their error records are in the output)");
                }
            }
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
                "failures": self.failures.iter().map(|(kind, f)| (kind.clone(), f.count)).collect::<BTreeMap<_, _>>(),
            });
            std::fs::write(path, format!("{value:#}\n"))
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}
