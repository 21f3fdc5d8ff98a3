//! A story as it was written, with every quotation, cue and source mention marked and the
//! speaker on hover: the text cut where any span starts or ends, each piece one `<span>` with
//! the classes of the spans over it, so that overlapping spans need no nesting.

use quotewire_core::{QuoteKind, Record, Span};
use quotewire_export::TextRecord;
use quotewire_export::spans::{headline, kind_name, quote_kind};

use crate::escape::{self, push_html};

/// What a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Content(QuoteKind),
    Cue,
    Source,
}

/// A marked span: its place, role and quotation (position in the record's `quotes`).
#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    role: Role,
    quote: usize,
}

/// The `<article>` of one story (`story-{n}`); `shown` is whether it is the one shown first.
pub fn article(story: &TextRecord, n: usize, shown: bool) -> String {
    let (record, text) = (&story.record, story.text.as_str());
    let mut out = format!(
        "<article class=\"story\" id=\"story-{n}\" data-doc=\"{}\"{}>\n",
        escape::html(&record.doc),
        if shown { "" } else { " hidden" }
    );
    let title = headline(record, text).ok().flatten();
    out += &format!(
        "<h3>{}</h3>\n<p class=\"meta\">{}{} · {} quotations · {} speakers</p>\n",
        escape::html(title.as_deref().unwrap_or(&record.doc)),
        escape::html(&record.doc),
        record
            .meta
            .date
            .as_deref()
            .map(|d| format!(" · {}", escape::html(d)))
            .unwrap_or_default(),
        record.quotes.as_ref().map_or(0, Vec::len),
        record.speakers.as_ref().map_or(0, Vec::len),
    );
    out += "<div class=\"text\">";
    marked_text(&mut out, record, text);
    out += "</div>\n</article>\n";
    out
}

/// The text with its marks, escaped.
fn marked_text(out: &mut String, record: &Record, text: &str) {
    let marks = marks(record, text);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in &marks {
        cuts.extend([m.span.start, m.span.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let over: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.span.start <= a && m.span.end >= b)
            .collect();
        if over.is_empty() {
            push_html(out, piece);
            continue;
        }
        // The innermost mark says whose words these are.
        let inner = over
            .iter()
            .min_by_key(|m| (m.span.end - m.span.start, m.quote))
            .copied();
        let mut classes: Vec<&str> = over.iter().map(|m| class(m.role)).collect();
        classes.sort_unstable();
        classes.dedup();
        out.push_str("<span class=\"");
        out.push_str(&classes.join(" "));
        out.push('"');
        if let Some(m) = inner {
            out.push_str(&format!(" data-q=\"{}\" title=\"", m.quote));
            push_html(out, &hover(record, m));
            out.push('"');
        }
        out.push('>');
        push_html(out, piece);
        out.push_str("</span>");
    }
}

/// Every span of every quotation that lies on the text.
fn marks(record: &Record, text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (i, quote) in record.quotes.iter().flatten().enumerate() {
        let spans = quote
            .content
            .iter()
            .map(|s| (*s, Role::Content(quote.kind)))
            .chain(quote.cue.map(|s| (s, Role::Cue)))
            .chain(quote.source.map(|s| (s, Role::Source)));
        for (span, role) in spans {
            if span.start < span.end && text.get(span.start..span.end).is_some() {
                marks.push(Mark {
                    span,
                    role,
                    quote: i,
                });
            }
        }
    }
    marks
}

fn class(role: Role) -> &'static str {
    match role {
        Role::Content(QuoteKind::Direct) => "q direct",
        Role::Content(QuoteKind::Mixed) => "q mixed",
        Role::Content(QuoteKind::Indirect) => "q indirect",
        Role::Cue => "cue",
        Role::Source => "source",
    }
}

/// What the hover says: the speaker, the role of the words, and the quotation's scores.
fn hover(record: &Record, mark: &Mark) -> String {
    let Some(quote) = record.quotes.as_ref().and_then(|q| q.get(mark.quote)) else {
        return String::new();
    };
    let speaker = quote
        .speaker
        .as_ref()
        .and_then(|id| record.speakers.iter().flatten().find(|s| s.id == *id))
        .map_or("no speaker found".to_string(), |s| {
            format!("{} ({})", s.name, kind_name(s.kind))
        });
    let role = match mark.role {
        Role::Content(kind) => format!("{} quotation", quote_kind(kind)),
        Role::Cue => "cue".to_string(),
        Role::Source => "source".to_string(),
    };
    let mut said = format!("{speaker} · {role} #{}", mark.quote + 1);
    if let Some(s) = quote.sentiment {
        said += &format!(" · sentiment {:.2}", s.compound);
    }
    let stances: Vec<String> = quote
        .stance
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s.target,
                quotewire_export::spans::label_name(s.label)
            )
        })
        .collect();
    if !stances.is_empty() {
        said += &format!(" · stance: {}", stances.join(", "));
    }
    said
}
