//! The quote table: one row per quotation of the records, with its words, its cue and source as
//! they stand in the text, its speaker, confidence, sentiment and stance per target.

use std::collections::BTreeSet;

use quotewire_core::{Record, TargetKind};

use crate::ExportError;
use crate::spans::{self, kind_name, label_name, quote_kind, target_kind};
use crate::table::{Cell, Column, ColumnType, Row};

/// The quote table of a set of issue targets (each has a `stance:T` and a `stance_score:T`
/// column); stances toward the story's speakers are in one `speaker_stance` column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteTable {
    targets: Vec<String>,
}

impl QuoteTable {
    /// The table with a stance column pair per issue target, in this order.
    pub fn new(targets: Vec<String>) -> Self {
        QuoteTable { targets }
    }

    /// With a file to write to (`run --export-quotes FILE`): the table of these targets and the
    /// file, started (CSV, or Parquet when its name says so).
    pub fn create(
        path: Option<&std::path::Path>,
        targets: Vec<String>,
    ) -> Result<Option<(QuoteTable, crate::sink::TableFile)>, ExportError> {
        let Some(path) = path else { return Ok(None) };
        let table = QuoteTable::new(targets);
        let file = crate::sink::create(path, table.columns())?;
        Ok(Some((table, file)))
    }

    /// The table of the issue targets these records' quotes take a stance toward, in name order:
    /// the columns `quotewire export quotes` gives the same records.
    pub fn of_records<'r>(records: impl IntoIterator<Item = &'r Record>) -> Self {
        let mut targets = BTreeSet::new();
        for record in records {
            QuoteTable::targets_of(record, &mut targets);
        }
        QuoteTable::new(targets.into_iter().collect())
    }

    /// The issue targets the records' quotes take a stance toward, in name order (what
    /// [`QuoteTable::new`] takes when the targets of a run are not known).
    pub fn targets_of(record: &Record, into: &mut BTreeSet<String>) {
        let stances = record.quotes.iter().flatten().flat_map(|q| &q.stance);
        into.extend(
            stances
                .filter(|s| target_kind(s) == TargetKind::Issue)
                .map(|s| s.target.clone()),
        );
    }

    /// The columns: `doc`, `quote` (position in the record), `start`, `end` (bytes of the
    /// content), `headline`, `kind`, `text`, `cue`, `source`, `speaker_id`, `speaker`,
    /// `speaker_kind`, `confidence`, `rule`, `sentiment` (compound), `pos`, `neu`, `neg`, then
    /// `stance:T` and `stance_score:T` per target, then `speaker_stance`
    /// (`Name=label; Name=label`).
    pub fn columns(&self) -> Vec<Column> {
        use ColumnType::*;
        let mut columns = vec![
            Column::required("doc", Text),
            Column::required("quote", Count),
            Column::required("start", Count),
            Column::required("end", Count),
            Column::optional("headline", Text),
            Column::required("kind", Text),
            Column::required("text", Text),
            Column::optional("cue", Text),
            Column::optional("source", Text),
            Column::optional("speaker_id", Text),
            Column::optional("speaker", Text),
            Column::optional("speaker_kind", Text),
            Column::required("confidence", Real),
            Column::optional("rule", Text),
            Column::optional("sentiment", Real),
            Column::optional("pos", Real),
            Column::optional("neu", Real),
            Column::optional("neg", Real),
        ];
        for target in &self.targets {
            columns.push(Column::optional(format!("stance:{target}"), Text));
            columns.push(Column::optional(format!("stance_score:{target}"), Real));
        }
        columns.push(Column::optional("speaker_stance", Text));
        columns
    }

    /// The rows of one record's quotes (`text` is what its spans point into), in text order.
    pub fn rows(&self, record: &Record, text: &str) -> Result<Vec<Row>, ExportError> {
        let headline = spans::headline(record, text)?;
        let speakers = record.speakers.as_deref().unwrap_or_default();
        let mut rows = Vec::new();
        for (i, quote) in record.quotes.iter().flatten().enumerate() {
            let speaker = quote
                .speaker
                .as_ref()
                .and_then(|id| speakers.iter().find(|s| &s.id == id));
            let sentiment = |f: fn(&quotewire_core::Sentiment) -> f64| {
                Cell::Real(quote.sentiment.as_ref().map(f))
            };
            let (start, end) = match (quote.content.first(), quote.content.last()) {
                (Some(first), Some(last)) => (first.start, last.end),
                _ => (0, 0),
            };
            let mut row = vec![
                Cell::text(&record.doc),
                Cell::count(i),
                Cell::count(start),
                Cell::count(end),
                Cell::Text(headline.clone()),
                Cell::text(quote_kind(quote.kind)),
                Cell::text(spans::content(text, &quote.content)?),
                Cell::Text(spans::optional(text, quote.cue)?),
                Cell::Text(spans::optional(text, quote.source)?),
                Cell::Text(quote.speaker.clone()),
                Cell::Text(speaker.map(|s| s.name.clone())),
                Cell::Text(speaker.map(|s| kind_name(s.kind))),
                Cell::Real(Some(decimal(quote.confidence))),
                Cell::Text(quote.rule.clone()),
                sentiment(|s| s.compound),
                sentiment(|s| s.pos),
                sentiment(|s| s.neu),
                sentiment(|s| s.neg),
            ];
            for target in &self.targets {
                let stance = quote
                    .stance
                    .iter()
                    .find(|s| &s.target == target && target_kind(s) == TargetKind::Issue);
                row.push(Cell::Text(stance.map(|s| label_name(s.label))));
                row.push(Cell::Real(stance.map(|s| s.score)));
            }
            let toward: Vec<String> = quote
                .stance
                .iter()
                .filter(|s| target_kind(s) == TargetKind::Entity)
                .map(|s| format!("{}={}", s.target, label_name(s.label)))
                .collect();
            row.push(Cell::Text((!toward.is_empty()).then(|| toward.join("; "))));
            rows.push(row);
        }
        Ok(rows)
    }
}

/// An `f32` as the decimal it was written as (`0.9`, not `0.8999999761581421`).
fn decimal(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(f64::from(value))
}
