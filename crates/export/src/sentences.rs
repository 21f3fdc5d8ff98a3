//! The sentence table: one row per sentence of the records, with its words, its sentiment and
//! how many quotations it holds part of.

use quotewire_core::Record;

use crate::ExportError;
use crate::spans;
use crate::table::{Cell, Column, ColumnType, Row};

/// The columns: `doc`, `sentence` (position in the record), `start`, `end` (bytes), `text`,
/// `headline` (whether the sentence is the headline), `sentiment` (compound), `pos`, `neu`,
/// `neg`, and `quotes` (the quotations whose content overlaps it).
pub fn columns() -> Vec<Column> {
    use ColumnType::*;
    vec![
        Column::required("doc", Text),
        Column::required("sentence", Count),
        Column::required("start", Count),
        Column::required("end", Count),
        Column::required("text", Text),
        Column::required("headline", Flag),
        Column::optional("sentiment", Real),
        Column::optional("pos", Real),
        Column::optional("neu", Real),
        Column::optional("neg", Real),
        Column::required("quotes", Count),
    ]
}

/// The rows of one record's sentences (`text` is what its spans point into).
pub fn rows(record: &Record, text: &str) -> Result<Vec<Row>, ExportError> {
    let sentiment = record.sentence_sentiment.as_deref().unwrap_or_default();
    let quotes = record.quotes.as_deref().unwrap_or_default();
    let mut rows = Vec::new();
    for (i, sentence) in record.sentences.iter().flatten().enumerate() {
        let score = sentiment.get(i);
        let real = |f: fn(&quotewire_core::Sentiment) -> f64| Cell::Real(score.map(f));
        let holds = quotes
            .iter()
            .filter(|q| q.content.iter().any(|c| c.overlaps(sentence)))
            .count();
        rows.push(vec![
            Cell::text(&record.doc),
            Cell::count(i),
            Cell::count(sentence.start),
            Cell::count(sentence.end),
            Cell::text(spans::slice(text, *sentence)?),
            Cell::Flag(Some(record.meta.headline == Some(*sentence))),
            real(|s| s.compound),
            real(|s| s.pos),
            real(|s| s.neu),
            real(|s| s.neg),
            Cell::count(holds),
        ]);
    }
    Ok(rows)
}
