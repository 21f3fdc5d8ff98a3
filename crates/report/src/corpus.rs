//! What the report takes from records (`quotewire run --with-text`): the quotes of each day,
//! from the documents' dates, and the stories to show, those with the most quotes. Records are
//! read once, in bounded memory: only the stories shown are kept.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quotewire_export::spans::slice;
use quotewire_export::{ExportError, InputKind, Skipped, TextRecord, each_record, input_kind};

use crate::ReportError;
use crate::date::{self, Day};

/// What the records give the report.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The records file.
    pub path: PathBuf,
    /// Records read.
    pub records: usize,
    /// Lines that are no record, records with a span off their text, and error records.
    pub skipped: Skipped,
    /// Quotes by the day of their document, for documents with a date this crate reads.
    pub quotes_by_day: BTreeMap<Day, usize>,
    /// Records with a date that was read.
    pub dated: usize,
    /// Records with a date that was not read, and the first such date.
    pub unread_dates: (usize, Option<String>),
    /// The stories to show, the most quoted first (the one asked for first of all).
    pub stories: Vec<TextRecord>,
}

/// Reads the records file: dates and the `stories` most quoted stories, and `story` (a document
/// id) whatever its quotes.
pub fn read(path: &Path, stories: usize, story: Option<&str>) -> Result<Corpus, ReportError> {
    if input_kind(path)? == InputKind::Index {
        return Err(ReportError::IndexAsRecords {
            path: path.to_path_buf(),
        });
    }
    let mut corpus = Corpus {
        path: path.to_path_buf(),
        ..Corpus::default()
    };
    let mut asked: Option<TextRecord> = None;
    // The most quoted stories so far with their quotes, ties in the order of the file.
    let mut best: Vec<(usize, TextRecord)> = Vec::new();
    let mut skipped = Skipped::default();
    corpus.records = each_record(&[path.to_path_buf()], &mut skipped, |r| {
        check_spans(&r)?;
        let quotes = r.record.quotes.as_ref().map_or(0, Vec::len);
        if let Some(given) = &r.record.meta.date {
            match date::parse(given) {
                Some(day) => {
                    corpus.dated += 1;
                    *corpus.quotes_by_day.entry(day).or_default() += quotes;
                }
                None => {
                    corpus.unread_dates.0 += 1;
                    corpus.unread_dates.1.get_or_insert_with(|| given.clone());
                }
            }
        }
        if story == Some(r.record.doc.as_str()) && asked.is_none() {
            asked = Some(r);
            return Ok(());
        }
        let ranks_in = best.len() < stories || best.last().is_some_and(|(q, _)| quotes > *q);
        if quotes > 0 && stories > 0 && ranks_in {
            let place = best.partition_point(|(q, _)| *q >= quotes);
            best.insert(place, (quotes, r));
            best.truncate(stories);
        }
        Ok(())
    })?;
    corpus.skipped = skipped;
    if let Some(doc) = story {
        let Some(asked) = asked else {
            return Err(ReportError::UnknownStory {
                path: path.to_path_buf(),
                doc: doc.to_string(),
            });
        };
        corpus.stories.push(asked);
        best.truncate(stories.saturating_sub(1));
    }
    corpus.stories.extend(best.into_iter().map(|(_, r)| r));
    Ok(corpus)
}

/// Every span the story view marks must be on the record's text: a record with one off it is
/// skipped and counted, as the tables skip it.
fn check_spans(r: &TextRecord) -> Result<(), ExportError> {
    for quote in r.record.quotes.iter().flatten() {
        for span in quote.content.iter().chain(&quote.cue).chain(&quote.source) {
            slice(&r.text, *span)?;
        }
    }
    if let Some(headline) = r.record.meta.headline {
        slice(&r.text, headline)?;
    }
    Ok(())
}
