//! `index top`: the most quoted speakers of an index, with their stance toward a target.

use std::collections::BTreeSet;

use quotewire_core::{EntityKind, StanceLabel, TargetKind};
use quotewire_pipeline::index::{IndexEntry, SpeakerIndex, TargetSummary};

use crate::ExportError;
use crate::spans::{kind_name, label_name};
use crate::speakers::documents;
use crate::table::{Cell, Column, ColumnType, Row};

/// What speakers are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankBy {
    /// Their quotes (then documents).
    #[default]
    Quotes,
    /// The documents they are quoted in (then quotes).
    Documents,
}

impl std::str::FromStr for RankBy {
    type Err = String;

    /// `quotes` or `documents`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "quotes" => Ok(RankBy::Quotes),
            "documents" => Ok(RankBy::Documents),
            _ => Err(format!("cannot rank by {s:?}: quotes or documents")),
        }
    }
}

/// A speaker kind by its name in records (`person`, `organisation`, `government`, `group`,
/// `outlet`, `document`, `unknown`).
pub fn parse_kind(s: &str) -> Result<EntityKind, String> {
    EntityKind::from_name(s).ok_or_else(|| format!("no speaker kind {s:?}: {}", EntityKind::NAMES))
}

/// What `index top` is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopOptions {
    /// What to rank by.
    pub by: RankBy,
    /// A stance target (an issue of `--target`, else another speaker), any case.
    pub target: Option<String>,
    /// Only speakers of this kind.
    pub kind: Option<EntityKind>,
    /// How many speakers.
    pub n: usize,
}

impl Default for TopOptions {
    fn default() -> Self {
        TopOptions {
            by: RankBy::Quotes,
            target: None,
            kind: None,
            n: 20,
        }
    }
}

/// The target of a ranking: its name as the index has it, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The name (`EU`).
    pub name: String,
    /// An issue (`favor`, `against`, `neutral`) or another speaker (`positive`, `negative`,
    /// `neutral`).
    pub kind: TargetKind,
}

impl Target {
    /// The labels counted for the target.
    pub fn labels(&self) -> [StanceLabel; 3] {
        match self.kind {
            TargetKind::Issue => [
                StanceLabel::Favor,
                StanceLabel::Against,
                StanceLabel::Neutral,
            ],
            TargetKind::Entity => [
                StanceLabel::Positive,
                StanceLabel::Negative,
                StanceLabel::Neutral,
            ],
        }
    }
}

/// One speaker of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct TopRow {
    /// The speaker's key in the index.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Its quotes (with the names joined to it).
    pub quotes: usize,
    /// The documents it is quoted in.
    pub documents: usize,
    /// The mean compound sentiment of its quotes.
    pub mean_sentiment: Option<f64>,
    /// Toward the target: quotes taking a stance, their mean sentiment, and the quotes of each
    /// label of [`Target::labels`], in that order.
    pub toward: Option<(usize, Option<f64>, [usize; 3])>,
}

/// The ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Top {
    /// The target asked for, as the index names it.
    pub target: Option<Target>,
    /// The speakers, first the most quoted.
    pub rows: Vec<TopRow>,
}

/// `index top`: the ranking of the index in the file `index`, as text (CSV or aligned columns).
pub fn answer(
    index: &std::path::Path,
    options: &TopOptions,
    csv: bool,
) -> Result<String, ExportError> {
    let top = top(&crate::read_index(index)?, options)?;
    crate::sink::to_text(top.columns(), top.table_rows(), csv, "")
}

/// Ranks the speakers of a (finished) index.
pub fn top(index: &SpeakerIndex, options: &TopOptions) -> Result<Top, ExportError> {
    let target = options
        .target
        .as_deref()
        .map(|t| find_target(index, t))
        .transpose()?;
    let mut rows: Vec<TopRow> = index
        .speakers
        .iter()
        .filter(|(_, e)| options.kind.is_none_or(|k| e.kind == k))
        .map(|(key, entry)| row(key, entry, target.as_ref()))
        .collect();
    rows.sort_by(|a, b| {
        let rank = |r: &TopRow| match options.by {
            RankBy::Quotes => (r.quotes, r.documents),
            RankBy::Documents => (r.documents, r.quotes),
        };
        rank(b).cmp(&rank(a)).then_with(|| a.key.cmp(&b.key))
    });
    rows.truncate(options.n);
    Ok(Top { target, rows })
}

fn row(key: &str, entry: &IndexEntry, target: Option<&Target>) -> TopRow {
    let toward = target.map(|t| {
        let summaries = match t.kind {
            TargetKind::Issue => &entry.summary.stance,
            TargetKind::Entity => &entry.summary.speaker_stance,
        };
        let summary = summaries.get(&t.name);
        let count = |label| {
            summary
                .and_then(|s| s.labels.get(&label))
                .map_or(0, Vec::len)
        };
        let [a, b, c] = t.labels();
        (
            summary.map_or(0, |s| s.quotes),
            summary.and_then(|s| s.mean_sentiment),
            [count(a), count(b), count(c)],
        )
    });
    TopRow {
        key: key.to_string(),
        name: entry.name.clone(),
        kind: entry.kind,
        quotes: entry.summary.quotes,
        documents: documents(entry).len(),
        mean_sentiment: entry.summary.mean_sentiment,
        toward,
    }
}

/// The target by its name in any case: an issue when a speaker takes a stance toward an issue
/// so named, else a speaker so named.
fn find_target(index: &SpeakerIndex, asked: &str) -> Result<Target, ExportError> {
    let names = |pick: fn(&IndexEntry) -> &std::collections::BTreeMap<String, TargetSummary>| {
        index
            .speakers
            .values()
            .flat_map(move |e| pick(e).keys())
            .collect::<BTreeSet<&String>>()
    };
    let issues = names(|e| &e.summary.stance);
    let find = |set: &BTreeSet<&String>| {
        set.iter()
            .find(|n| n.as_str() == asked)
            .or_else(|| set.iter().find(|n| n.eq_ignore_ascii_case(asked)))
            .map(|n| n.to_string())
    };
    if let Some(name) = find(&issues) {
        return Ok(Target {
            name,
            kind: TargetKind::Issue,
        });
    }
    if let Some(name) = find(&names(|e| &e.summary.speaker_stance)) {
        return Ok(Target {
            name,
            kind: TargetKind::Entity,
        });
    }
    let known: Vec<&str> = issues.iter().map(|s| s.as_str()).collect();
    Err(ExportError::UnknownTarget {
        target: asked.to_string(),
        known: if known.is_empty() {
            "none (give them with `quotewire run --target`)".into()
        } else {
            known.join(", ")
        },
    })
}

impl Top {
    /// The columns: `rank`, `speaker`, `kind`, `quotes`, `documents`, `mean_sentiment`, and
    /// with a target T, `T:quotes`, `T:sentiment` and a count per label (`T:favor`, ...).
    pub fn columns(&self) -> Vec<Column> {
        use ColumnType::*;
        let mut columns = vec![
            Column::required("rank", Count),
            Column::required("speaker", Text),
            Column::required("kind", Text),
            Column::required("quotes", Count),
            Column::required("documents", Count),
            Column::optional("mean_sentiment", Real),
        ];
        if let Some(t) = &self.target {
            columns.push(Column::required(format!("{}:quotes", t.name), Count));
            columns.push(Column::optional(format!("{}:sentiment", t.name), Real));
            for label in t.labels() {
                columns.push(Column::required(
                    format!("{}:{}", t.name, label_name(label)),
                    Count,
                ));
            }
        }
        columns
    }

    /// The rows of the table, in the order of [`Top::columns`].
    pub fn table_rows(&self) -> Vec<Row> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut row = vec![
                    Cell::count(i + 1),
                    Cell::text(&r.name),
                    Cell::text(kind_name(r.kind)),
                    Cell::count(r.quotes),
                    Cell::count(r.documents),
                    Cell::Real(r.mean_sentiment),
                ];
                if let Some((quotes, sentiment, labels)) = r.toward {
                    row.push(Cell::count(quotes));
                    row.push(Cell::Real(sentiment));
                    row.extend(labels.into_iter().map(Cell::count));
                }
                row
            })
            .collect()
    }
}

/// A table as aligned text for a terminal: text left, numbers right, `-` for no value.
pub fn render(columns: &[Column], rows: &[Row]) -> String {
    let fields: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c.to_field() {
                    f if f.is_empty() => "-".to_string(),
                    f => f.replace(['\n', '\r'], " "),
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            fields
                .iter()
                .map(|r| r.get(i).map_or(0, |f| f.chars().count()))
                .chain([c.name.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(columns.iter().zip(&widths))
            .map(|(f, (c, w))| match c.ty {
                ColumnType::Text => format!("{f:<w$}"),
                _ => format!("{f:>w$}"),
            })
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(columns.iter().map(|c| c.name.as_str()).collect());
    for row in &fields {
        out += &line(row.iter().map(String::as_str).collect());
    }
    out
}
