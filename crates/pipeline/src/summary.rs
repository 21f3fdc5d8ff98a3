//! What a batch run did: documents, bytes, quotes, failures by kind with the first few, files
//! skipped; as lines for a person and as figures for a program.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

use quotewire_core::ErrorRecord;
use quotewire_ingest::Skipped;
use serde::Serialize;

/// How many failures of each kind the summary names.
const FAILURES_SHOWN: usize = 3;

/// One document that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    kind: String,
    doc: String,
    message: String,
}

impl Failure {
    /// The failure an error record tells of.
    pub fn of(error: &ErrorRecord) -> Self {
        Failure {
            kind: error.kind.clone(),
            doc: error.doc.clone(),
            message: error.error.clone(),
        }
    }
}

/// Failures of one kind: how many, and the first few.
#[derive(Debug, Default)]
struct FailureKind {
    count: u64,
    first: Vec<Failure>,
}

/// The counts of a run, kept as its documents are written.
///
/// ```
/// use quotewire_core::ErrorRecord;
/// use quotewire_pipeline::{Failure, RunSummary};
///
/// let mut summary = RunSummary::start();
/// summary.add(1_000, Some(3), None);
/// let error = ErrorRecord {
///     doc: "b.txt".into(),
///     kind: "encoding".into(),
///     error: "not text".into(),
/// };
/// summary.add(10, None, Some(Failure::of(&error)));
/// assert_eq!((summary.documents(), summary.failed(), summary.quotes()), (2, 1, Some(3)));
/// assert!(summary.report().contains("1 failed with encoding:\n    b.txt: not text"));
/// assert_eq!(summary.figures().failures["encoding"], 1);
/// ```
#[derive(Debug)]
pub struct RunSummary {
    started: Instant,
    documents: u64,
    failed: u64,
    bytes: u64,
    quotes: Option<u64>,
    failures: BTreeMap<String, FailureKind>,
    skipped: Skipped,
}

/// The figures of a run, as `quotewire run --summary-json` writes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryFigures {
    /// Input bytes read.
    pub bytes: u64,
    /// Documents written (records and error records).
    pub documents: u64,
    /// Documents per second of the run.
    pub documents_per_s: f64,
    /// Documents that failed.
    pub failed: u64,
    /// Failed documents by error kind.
    pub failures: BTreeMap<String, u64>,
    /// Decimal megabytes per second.
    pub mb_per_s: f64,
    /// Quotes found (none when no stage finds quotes).
    pub quotes: Option<u64>,
    /// Seconds since the start.
    pub seconds: f64,
    /// Files of directories that were not read.
    pub skipped: u64,
}

impl RunSummary {
    /// A summary of nothing yet, its clock started.
    pub fn start() -> Self {
        RunSummary {
            started: Instant::now(),
            documents: 0,
            failed: 0,
            bytes: 0,
            quotes: None,
            failures: BTreeMap::new(),
            skipped: Skipped::default(),
        }
    }

    /// Counts one document of `bytes`, with its quotes or its failure.
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

    /// Documents so far.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Documents that failed so far.
    pub fn failed(&self) -> u64 {
        self.failed
    }

    /// Input bytes so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Quotes so far.
    pub fn quotes(&self) -> Option<u64> {
        self.quotes
    }

    /// The figures, timed now.
    pub fn figures(&self) -> SummaryFigures {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        SummaryFigures {
            bytes: self.bytes,
            documents: self.documents,
            documents_per_s: self.documents as f64 / seconds,
            failed: self.failed,
            failures: (self.failures.iter())
                .map(|(kind, f)| (kind.clone(), f.count))
                .collect(),
            mb_per_s: self.bytes as f64 / 1e6 / seconds,
            quotes: self.quotes,
            seconds,
            skipped: self.skipped.count,
        }
    }

    /// The summary for a person: totals and speed, each kind of failure with its first few
    /// documents, the files skipped.
    pub fn report(&self) -> String {
        let f = self.figures();
        let quotes = (self.quotes)
            .map(|q| format!(", {q} quotes"))
            .unwrap_or_default();
        let mut text = format!(
            "quotewire: {} documents ({} failed), {:.1} MB{quotes} in {:.2} s: {:.1} MB/s, {:.0} documents/s\n",
            f.documents,
            f.failed,
            f.bytes as f64 / 1e6,
            f.seconds,
            f.mb_per_s,
            f.documents_per_s
        );
        for (kind, failures) in &self.failures {
            let _ = writeln!(text, "  {} failed with {kind}:", failures.count);
            for f in &failures.first {
                let _ = writeln!(text, "    {}: {}", f.doc, f.message);
            }
            let more = failures.count - failures.first.len() as u64;
            if more > 0 {
                let _ = writeln!(
                    text,
                    "    ... and {more} more (their error records are in the output)"
                );
            }
        }
        let skipped = &self.skipped;
        if skipped.count > 0 {
            let more = match skipped.count as usize > skipped.examples.len() {
                true => " ...",
                false => "",
            };
            let _ = writeln!(
                text,
                "quotewire: {} files skipped (not news: {}{more}; --glob and --exclude choose)",
                skipped.count,
                skipped.examples.join(", ")
            );
        }
        text
    }
}
