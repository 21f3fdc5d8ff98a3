//! The speaker table: one row per speaker of a speaker index, with its names, documents,
//! quotes, mean sentiment and how many quotes take each stance toward each issue target.

use std::collections::BTreeSet;

use quotewire_core::StanceLabel;
use quotewire_pipeline::index::{IndexEntry, SpeakerIndex};

use crate::spans::{kind_name, label_name};
use crate::table::{Cell, Column, ColumnType, Row};

/// The labels counted per issue target.
const ISSUE_LABELS: [StanceLabel; 3] = [
    StanceLabel::Favor,
    StanceLabel::Against,
    StanceLabel::Neutral,
];

/// The speaker table of an index: the issue targets its speakers take a stance toward, in name
/// order, each with `stance:T:favor`, `stance:T:against`, `stance:T:neutral` count columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerTable {
    targets: Vec<String>,
}

impl SpeakerTable {
    /// The table of this index's targets.
    pub fn of(index: &SpeakerIndex) -> Self {
        let targets: BTreeSet<&String> = index
            .speakers
            .values()
            .flat_map(|e| e.summary.stance.keys())
            .collect();
        SpeakerTable {
            targets: targets.into_iter().cloned().collect(),
        }
    }

    /// The columns: `key` (the index's), `name`, `kind`, `aliases` and `joined` (the names joined
    /// to it, `; `-separated), `documents`, `quotes`, `mean_sentiment`, then the stance counts
    /// per target.
    pub fn columns(&self) -> Vec<Column> {
        use ColumnType::*;
        let mut columns = vec![
            Column::required("key", Text),
            Column::required("name", Text),
            Column::required("kind", Text),
            Column::required("aliases", Text),
            Column::required("joined", Text),
            Column::required("documents", Count),
            Column::required("quotes", Count),
            Column::optional("mean_sentiment", Real),
        ];
        for target in &self.targets {
            for label in ISSUE_LABELS {
                columns.push(Column::required(
                    format!("stance:{target}:{}", label_name(label)),
                    Count,
                ));
            }
        }
        columns
    }

    /// The rows, most quoted first (then by key).
    pub fn rows(&self, index: &SpeakerIndex) -> Vec<Row> {
        let mut entries: Vec<(&String, &IndexEntry)> = index.speakers.iter().collect();
        entries.sort_by_key(|(key, e)| (std::cmp::Reverse(e.summary.quotes), *key));
        entries
            .into_iter()
            .map(|(key, entry)| {
                let joined: Vec<&str> = entry.joined.values().map(|j| j.name.as_str()).collect();
                let aliases: Vec<&str> = entry.aliases.iter().map(String::as_str).collect();
                let mut row = vec![
                    Cell::text(key),
                    Cell::text(&entry.name),
                    Cell::text(kind_name(entry.kind)),
                    Cell::text(aliases.join("; ")),
                    Cell::text(joined.join("; ")),
                    Cell::count(documents(entry).len()),
                    Cell::count(entry.summary.quotes),
                    Cell::Real(entry.summary.mean_sentiment),
                ];
                for target in &self.targets {
                    let summary = entry.summary.stance.get(target);
                    for label in ISSUE_LABELS {
                        let n = summary
                            .and_then(|s| s.labels.get(&label))
                            .map_or(0, Vec::len);
                        row.push(Cell::count(n));
                    }
                }
                row
            })
            .collect()
    }
}

/// The documents a speaker is quoted in: its own and those of the names joined to it.
pub fn documents(entry: &IndexEntry) -> BTreeSet<&str> {
    std::iter::once(entry)
        .chain(entry.joined.values())
        .flat_map(|e| e.documents.iter().map(String::as_str))
        .collect()
}
