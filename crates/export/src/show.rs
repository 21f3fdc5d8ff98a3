//! `index show NAME`: a speaker of the index and what it said, in which documents. The index
//! holds each quote's words, so the index alone answers.

use quotewire_pipeline::index::{IndexEntry, IndexedQuote, SpeakerIndex};

use crate::ExportError;
use crate::spans::{kind_name, label_name, quote_kind};
use crate::speakers::documents;
use crate::table::{Cell, Column, ColumnType, Row};

/// `index show`: the speaker `name` of the index in the file `index` and its quotes, as text
/// (CSV, or a heading and aligned columns).
pub fn answer(index: &std::path::Path, name: &str, csv: bool) -> Result<String, ExportError> {
    let index = crate::read_index(index)?;
    let (key, entry) = find(&index, name)?;
    let heading = if csv {
        String::new()
    } else {
        heading(key, entry)
    };
    crate::sink::to_text(columns(), rows(entry), csv, &heading)
}

/// Finds a speaker: by its key, else by its name, else by a name joined to it or an alias, any
/// case. A name several speakers share (a generic nominal of many stories: `the company`) is
/// an error naming their keys.
pub fn find<'i>(
    index: &'i SpeakerIndex,
    asked: &str,
) -> Result<(&'i str, &'i IndexEntry), ExportError> {
    let lower = asked.to_lowercase();
    if let Some((key, entry)) = index.speakers.get_key_value(&lower) {
        return Ok((key, entry));
    }
    let by = |test: &dyn Fn(&IndexEntry) -> bool| -> Vec<(&'i str, &'i IndexEntry)> {
        index
            .speakers
            .iter()
            .filter(|(_, e)| test(e))
            .map(|(k, e)| (k.as_str(), e))
            .collect()
    };
    let same = |name: &str| name.to_lowercase() == lower;
    for found in [
        by(&|e| same(&e.name)),
        by(&|e| e.joined.values().any(|j| same(&j.name))),
        by(&|e| e.aliases.iter().any(|a| same(a))),
    ] {
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                let mut keys: Vec<&str> = many.iter().map(|(k, _)| *k).take(10).collect();
                if many.len() > keys.len() {
                    keys.push("...");
                }
                return Err(ExportError::AmbiguousSpeaker {
                    name: asked.to_string(),
                    candidates: keys.join(", "),
                });
            }
        }
    }
    Err(ExportError::UnknownSpeaker(asked.to_string()))
}

/// A speaker's quotes, its own and those of the names joined to it, by document and position,
/// each with the name it was quoted under.
pub fn quotes(entry: &IndexEntry) -> Vec<(&str, &IndexedQuote)> {
    let mut all: Vec<(&str, &IndexedQuote)> = std::iter::once(entry)
        .chain(entry.joined.values())
        .flat_map(|e| e.quotes.iter().map(move |q| (e.name.as_str(), q)))
        .collect();
    all.sort_by(|a, b| (&a.1.doc, a.1.quote).cmp(&(&b.1.doc, b.1.quote)));
    all
}

/// The columns of the quote list: `doc`, `quote` (position in the record), `kind`, `as` (the
/// name in that story), `sentiment`, `stance` (`T=label; ...`), `text`.
pub fn columns() -> Vec<Column> {
    use ColumnType::*;
    vec![
        Column::required("doc", Text),
        Column::required("quote", Count),
        Column::required("kind", Text),
        Column::required("as", Text),
        Column::optional("sentiment", Real),
        Column::optional("stance", Text),
        Column::required("text", Text),
    ]
}

/// The rows of the quote list.
pub fn rows(entry: &IndexEntry) -> Vec<Row> {
    quotes(entry)
        .into_iter()
        .map(|(name, q)| {
            let stance: Vec<String> = q
                .stance
                .iter()
                .map(|s| format!("{}={}", s.target, label_name(s.label)))
                .collect();
            vec![
                Cell::text(&q.doc),
                Cell::count(q.quote),
                Cell::text(quote_kind(q.kind)),
                Cell::text(name),
                Cell::Real(q.sentiment),
                Cell::Text((!stance.is_empty()).then(|| stance.join("; "))),
                Cell::text(&q.text),
            ]
        })
        .collect()
}

/// The heading of `index show`: name, kind, figures, the names joined and the aliases.
pub fn heading(key: &str, entry: &IndexEntry) -> String {
    let mut out = format!(
        "{} ({}, key {key:?}): {} quotes in {} documents, mean sentiment {}\n",
        entry.name,
        kind_name(entry.kind),
        entry.summary.quotes,
        documents(entry).len(),
        entry
            .summary
            .mean_sentiment
            .map_or("-".to_string(), |m| m.to_string()),
    );
    if !entry.joined.is_empty() {
        let joined: Vec<&str> = entry.joined.values().map(|j| j.name.as_str()).collect();
        out += &format!("joined: {}\n", joined.join("; "));
    }
    if !entry.aliases.is_empty() {
        let aliases: Vec<&str> = entry.aliases.iter().map(String::as_str).collect();
        out += &format!("aliases: {}\n", aliases.join("; "));
    }
    out
}
