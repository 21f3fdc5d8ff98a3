//! The page: the charts, their notes and legends, the stories, and the little CSS and script
//! that go with them, in one self-contained HTML file (nothing is fetched).

use quotewire_export::spans::kind_name;
use quotewire_pipeline::index::SpeakerIndex;

use crate::charts::{Chart, hex, kind_colour, stance_colour};
use crate::corpus::Corpus;
use crate::escape::{html, shorten};
use crate::{count, story};

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// What goes on the page.
pub struct Parts<'a> {
    /// The index's name, for the heading.
    pub index_name: &'a str,
    /// The index.
    pub index: &'a SpeakerIndex,
    /// What the records gave, when given.
    pub corpus: Option<&'a Corpus>,
    /// The bar charts (all kinds first, then one per kind).
    pub bars: &'a [Chart],
    /// The heatmap.
    pub stance: &'a Chart,
    /// The network.
    pub network: &'a Chart,
    /// The time line.
    pub time: &'a Chart,
}

/// The HTML of the page.
pub fn render(parts: &Parts<'_>) -> String {
    let mut out = String::with_capacity(256 * 1024);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
            <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
            <link rel=\"icon\" href=\"data:,\">\n<title>quotewire report</title>\n<style>\n";
    out += STYLE;
    out += "</style>\n</head>\n<body>\n<header>\n<h1>quotewire report</h1>\n";
    out += &format!("<p class=\"summary\">{}</p>\n", summary(parts));
    out += "<nav><a href=\"#speakers\">Most quoted</a> <a href=\"#stance\">Stance by target</a> \
            <a href=\"#network\">Who speaks about whom</a> <a href=\"#time\">Over time</a> \
            <a href=\"#story\">A story</a></nav>\n</header>\n<main>\n";
    speakers(&mut out, parts.bars);
    section(
        &mut out,
        "stance",
        "Stance toward each target by speaker",
        parts.stance,
        &stance_legend(),
    );
    section(
        &mut out,
        "network",
        "Who speaks about whom",
        parts.network,
        &format!("{}{}", kind_legend(parts.index), edge_legend()),
    );
    section(&mut out, "time", "Quotes over time", parts.time, "");
    stories(&mut out, parts.corpus);
    out += "</main>\n<footer>Written by quotewire ";
    out += env!("CARGO_PKG_VERSION");
    out += "; charts drawn by plotters (MIT). Everything is in this file: nothing is fetched.</footer>\n<script>\n";
    out += SCRIPT;
    out += "</script>\n</body>\n</html>\n";
    out
}

/// `6 speakers · 20 quotes · 1 document in index.json; 1 record read from records.jsonl`.
fn summary(parts: &Parts<'_>) -> String {
    let index = parts.index;
    let quotes: usize = index.speakers.values().map(|e| e.summary.quotes).sum();
    let documents = index
        .speakers
        .values()
        .flat_map(|e| std::iter::once(e).chain(e.joined.values()))
        .flat_map(|e| e.documents.iter())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mut out = format!(
        "{} · {} · {} in <code>{}</code>",
        count(index.speakers.len(), "speaker", "speakers"),
        count(quotes, "quote", "quotes"),
        count(documents, "document", "documents"),
        html(parts.index_name)
    );
    if let Some(corpus) = parts.corpus {
        out += &format!(
            "; {} read from <code>{}</code>",
            count(corpus.records, "record", "records"),
            html(&corpus.path.display().to_string())
        );
        if !corpus.skipped.is_empty() {
            out += &format!(" ({})", html(&corpus.skipped.to_string()));
        }
    }
    out
}

/// A chart's section: heading, the SVG or the note saying why it is absent, the legend.
fn section(out: &mut String, id: &str, heading: &str, chart: &Chart, legend: &str) {
    *out += &format!("<section id=\"{id}\">\n<h2>{}</h2>\n", html(heading));
    figure(out, chart, legend, false);
    *out += "</section>\n";
}

fn figure(out: &mut String, chart: &Chart, legend: &str, hidden: bool) {
    match &chart.svg {
        Some(svg) => {
            *out += &format!(
                "<figure data-chart=\"{}\"{}>\n",
                html(&chart.id),
                if hidden { " hidden" } else { "" }
            );
            *out += svg;
            if !legend.is_empty() {
                *out += &format!("<figcaption>{legend}</figcaption>\n");
            }
            if let Some(note) = &chart.note {
                *out += &format!("<p class=\"note\">{}</p>\n", html(note));
            }
            *out += "</figure>\n";
        }
        None => {
            *out += &format!(
                "<p class=\"note absent\" id=\"note-{}\">{}</p>\n",
                html(&chart.id),
                html(chart.note.as_deref().unwrap_or("No data for this chart."))
            );
        }
    }
}

/// The bar charts, with a choice of speaker kind when there are several.
fn speakers(out: &mut String, bars: &[Chart]) {
    *out += "<section id=\"speakers\">\n<h2>Most quoted speakers</h2>\n";
    let drawn: Vec<&Chart> = bars.iter().filter(|c| c.svg.is_some()).collect();
    if drawn.len() > 1 {
        *out += "<label>Kind of speaker <select id=\"kind-select\">";
        for chart in &drawn {
            let name = chart.id.strip_prefix("speakers-").unwrap_or("every kind");
            *out += &format!(
                "<option value=\"{}\">{}</option>",
                html(&chart.id),
                html(name)
            );
        }
        *out += "</select></label>\n";
    }
    let legend: String = drawn
        .iter()
        .filter_map(|c| c.id.strip_prefix("speakers-"))
        .map(|kind| swatch(&hex(kind_colour(kind)), kind))
        .collect();
    for (i, chart) in bars.iter().enumerate() {
        figure(out, chart, if i == 0 { &legend } else { "" }, i > 0);
    }
    *out += "</section>\n";
}

fn swatch(colour: &str, name: &str) -> String {
    format!(
        "<span class=\"key\"><i style=\"background:{colour}\"></i>{}</span>",
        html(name)
    )
}

fn kind_legend(index: &SpeakerIndex) -> String {
    let mut kinds: Vec<String> = index.speakers.values().map(|e| kind_name(e.kind)).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .iter()
        .map(|k| swatch(&hex(kind_colour(k)), k))
        .collect()
}

fn stance_legend() -> String {
    [
        (1.0, "all in favour"),
        (0.5, "more in favour"),
        (0.0, "neutral or even"),
        (-0.5, "more against"),
        (-1.0, "all against"),
    ]
    .iter()
    .map(|(net, name)| swatch(&hex(stance_colour(*net)), name))
    .collect::<String>()
        + "<span class=\"key\">the number in a cell: quotes with a stance toward the target</span>"
}

fn edge_legend() -> String {
    [
        (1.0, "mostly positive"),
        (0.0, "neutral or mixed"),
        (-1.0, "mostly negative"),
    ]
    .iter()
    .map(|(net, name)| swatch(&hex(stance_colour(*net)), name))
    .collect()
}

/// The stories, with a choice among them.
fn stories(out: &mut String, corpus: Option<&Corpus>) {
    *out += "<section id=\"story\">\n<h2>A story</h2>\n";
    let Some(corpus) = corpus.filter(|c| !c.stories.is_empty()) else {
        let why = if corpus.is_some() {
            "No record has a quotation to show."
        } else {
            "The stories come from the records: give them with --records FILE (written with \
             `quotewire run --with-text`)."
        };
        *out += &format!("<p class=\"note absent\" id=\"note-story\">{why}</p>\n</section>\n");
        return;
    };
    *out += "<label>Story <select id=\"story-select\">";
    for (i, s) in corpus.stories.iter().enumerate() {
        let quotes = s.record.quotes.as_ref().map_or(0, Vec::len);
        let title = quotewire_export::spans::headline(&s.record, &s.text)
            .ok()
            .flatten()
            .map(|t| format!(": {}", shorten(&t, 60)))
            .unwrap_or_default();
        *out += &format!(
            "<option value=\"story-{i}\">{}{} ({quotes} quotations)</option>",
            html(&s.record.doc),
            html(&title)
        );
    }
    *out += "</select></label>\n<p class=\"legend\">";
    *out += "<span class=\"q direct\">direct quotation</span> \
             <span class=\"q mixed\">mixed</span> \
             <span class=\"q indirect\">reported speech</span> \
             <span class=\"cue\">cue</span> <span class=\"source\">source</span> \
             — hover over a quotation for its speaker</p>\n";
    for (i, s) in corpus.stories.iter().enumerate() {
        *out += &story::article(s, i, i == 0);
    }
    *out += "</section>\n";
}
