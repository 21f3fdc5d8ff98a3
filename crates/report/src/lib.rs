#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod charts;
pub mod corpus;
pub mod date;
mod error;
pub mod escape;
mod page;
mod story;

use std::path::{Path, PathBuf};

use quotewire_export::{Skipped, read_index};
use quotewire_pipeline::index::SpeakerIndex;

pub use charts::Chart;
pub use corpus::Corpus;
pub use error::ReportError;

/// What the report shows, and how much of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// Speakers in the bar charts and the heatmap, nodes of the network (at least 1).
    pub top: usize,
    /// Stories to choose among (the most quoted).
    pub stories: usize,
    /// The story shown first (a document id of the records), else the most quoted.
    pub story: Option<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            top: 25,
            stories: 10,
            story: None,
        }
    }
}

/// A report: the page and its charts, for the caller to say what was drawn.
#[derive(Debug, Clone)]
pub struct Report {
    /// The HTML page.
    pub html: String,
    /// Every chart, drawn or absent: bars (all kinds, then each kind), heatmap, network, time.
    pub charts: Vec<Chart>,
    /// Stories on the page.
    pub stories: usize,
}

/// What [`write_report`] did.
#[derive(Debug, Clone)]
pub struct Written {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
    /// The charts, drawn or absent.
    pub charts: Vec<Chart>,
    /// Stories on the page.
    pub stories: usize,
    /// Records read (none without `--records`).
    pub records: usize,
    /// What was left out of the records.
    pub skipped: Skipped,
}

impl std::fmt::Display for Written {
    /// `wrote report.html (42 kB): speakers 6 bars, stance 4 cells, ...; 1 record read, 1 story`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let charts: Vec<String> = self
            .charts
            .iter()
            .filter(|c| c.id == "speakers" || !c.id.starts_with("speakers-"))
            .map(|c| match (&c.svg, c.id.as_str()) {
                (None, id) => format!("{id} absent"),
                (Some(_), id @ ("speakers" | "time")) => format!("{id} {} bars", c.items),
                (Some(_), id @ "stance") => format!("{id} {} cells", c.items),
                (Some(_), id) => format!("{id} {} nodes", c.items),
            })
            .collect();
        write!(
            f,
            "wrote {} ({} kB): {}; {} read, {}",
            self.path.display(),
            self.bytes.div_ceil(1000),
            charts.join(", "),
            count(self.records, "record", "records"),
            count(self.stories, "story", "stories"),
        )?;
        if !self.skipped.is_empty() {
            write!(f, "; {}", self.skipped)?;
        }
        Ok(())
    }
}

/// `1 story`, `2 stories`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `quotewire report`: the report of the speaker index `index` (and the records `records`, for
/// the time line and the stories), written to `output`.
pub fn write_report(
    index: &Path,
    records: Option<&Path>,
    options: &ReportOptions,
    output: &Path,
) -> Result<Written, ReportError> {
    let speakers = read_index(index)?;
    let corpus = match records {
        Some(path) => Some(corpus::read(
            path,
            options.stories,
            options.story.as_deref(),
        )?),
        None => match &options.story {
            Some(doc) => return Err(ReportError::StoryWithoutRecords(doc.clone())),
            None => None,
        },
    };
    let name = index.display().to_string();
    let report = render(&speakers, &name, corpus.as_ref(), options)?;
    std::fs::write(output, &report.html).map_err(|source| ReportError::Write {
        path: output.to_path_buf(),
        source,
    })?;
    Ok(Written {
        path: output.to_path_buf(),
        bytes: report.html.len(),
        charts: report.charts,
        stories: report.stories,
        records: corpus.as_ref().map_or(0, |c| c.records),
        skipped: corpus.map(|c| c.skipped).unwrap_or_default(),
    })
}

/// The report of a (finished) speaker index called `index_name`, with what records gave.
pub fn render(
    index: &SpeakerIndex,
    index_name: &str,
    corpus: Option<&Corpus>,
    options: &ReportOptions,
) -> Result<Report, ReportError> {
    let top = options.top.max(1);
    let bars = charts::bars::charts(index, top)?;
    let stance = charts::heatmap::chart(index, top)?;
    let network = charts::network::chart(index, top)?;
    let time = charts::timeline::chart(corpus)?;
    let html = page::render(&page::Parts {
        index_name,
        index,
        corpus,
        bars: &bars,
        stance: &stance,
        network: &network,
        time: &time,
    });
    let mut all = bars;
    all.extend([stance, network, time]);
    Ok(Report {
        html,
        charts: all,
        stories: corpus.map_or(0, |c| c.stories.len()),
    })
}

#[cfg(test)]
mod tests;
