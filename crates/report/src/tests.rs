//! Unit tests: escaping, every chart drawn from its data (and absent without it), the story's
//! marks, bad input.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

use quotewire_core::Record;
use quotewire_pipeline::index::SpeakerIndex;
use serde_json::{Value, json};

use crate::*;

/// A story of our own with markup in a name, a quotation and a target: every one of them must
/// reach the page escaped.
const TEXT: &str = "Talks <b>end</b>\n\n\
                    \"We <script>alert(1)</script> will not sign,\" said Ana O'Neil & Co. \
                    Bo Lind said the \"pact\" was dead. Ana O'Neil & Co said Bo Lind had failed.";

fn span(text: &str, part: &str) -> Value {
    let start = text
        .find(part)
        .unwrap_or_else(|| panic!("{part:?} not in text"));
    json!({"start": start, "end": start + part.len()})
}

/// A record of [`TEXT`]: three quotes by two speakers, stances toward the issue `<EU>` and
/// toward each other.
fn record(doc: &str, date: Option<&str>) -> Value {
    let t = TEXT;
    let mut meta = json!({"headline": span(t, "Talks <b>end</b>"), "paragraphs": []});
    if let Some(date) = date {
        meta["date"] = json!(date);
    }
    json!({
        "doc": doc, "text": t, "encoding": "utf-8", "format": "jsonl", "meta": meta,
        "quotes": [
            {"kind": "direct", "content": [span(t, "\"We <script>alert(1)</script> will not sign,\"")],
             "cue": span(t, "said Ana"), "source": span(t, "Ana O'Neil & Co"), "speaker": "s1",
             "confidence": 0.9, "sentiment": {"compound": -0.5, "pos": 0.0, "neu": 0.5, "neg": 0.5},
             "stance": [{"target": "<EU>", "label": "against", "score": 0.5, "kind": "issue"}]},
            {"kind": "mixed", "content": [span(t, "the \"pact\" was dead")], "cue": span(t, "said the"),
             "source": span(t, "Bo Lind"), "speaker": "s2", "confidence": 0.8,
             "sentiment": {"compound": -0.6, "pos": 0.0, "neu": 0.4, "neg": 0.6},
             "stance": [{"target": "<EU>", "label": "favor", "score": 0.5, "kind": "issue"}]},
            {"kind": "indirect", "content": [span(t, "Bo Lind had failed")], "cue": span(t, "said Bo"),
             "source": span(t, "Ana O'Neil & Co said"), "speaker": "s1", "confidence": 0.7,
             "sentiment": {"compound": -0.5, "pos": 0.0, "neu": 0.5, "neg": 0.5},
             "stance": [{"target": "Bo Lind", "label": "negative", "score": 0.5, "kind": "entity"}]}
        ],
        "speakers": [
            {"id": "s1", "name": "Ana O'Neil & Co", "aliases": [], "kind": "organisation", "mentions": []},
            {"id": "s2", "name": "Bo Lind", "aliases": [], "kind": "person", "mentions": []}
        ]
    })
}

fn index_of(records: &[Value]) -> SpeakerIndex {
    let mut index = SpeakerIndex::default();
    for value in records {
        let mut record: Record = serde_json::from_value(value.clone()).unwrap();
        let text = record.text.take().unwrap();
        index.add(&record, &text);
    }
    index.finish();
    index
}

fn file(dir: &tempfile::TempDir, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.path().join(name);
    let mut f = File::create(&path).unwrap();
    for line in lines {
        writeln!(f, "{line}").unwrap();
    }
    path
}

/// The SVG element of a chart.
fn svg_of<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("<svg id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = start + html[start..].find("</svg>").unwrap();
    &html[start..end]
}

/// The `y` and `width` of each `<rect>` of an SVG.
fn rects(svg: &str) -> Vec<(i64, i64)> {
    let number = |tag: &str, name: &str| -> i64 {
        let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    svg.split("<rect")
        .skip(1)
        .map(|tag| (number(tag, "y"), number(tag, "width")))
        .collect()
}

fn chart<'r>(report: &'r Report, id: &str) -> &'r Chart {
    report.charts.iter().find(|c| c.id == id).unwrap()
}

/// A report of records `records` written to a file and read back as the CLI does.
fn report_of(records: &[Value], options: &ReportOptions) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    let path = file(&dir, "records.jsonl", &lines);
    let corpus = corpus::read(&path, options.stories, options.story.as_deref()).unwrap();
    render(&index_of(records), "index.json", Some(&corpus), options).unwrap()
}

#[test]
fn names_words_and_targets_are_escaped_in_html_and_svg() {
    let report = report_of(&[record("a", None)], &ReportOptions::default());
    let html = &report.html;
    for raw in ["<b>", "<script>alert", "<EU>", "O'Neil & Co"] {
        assert!(!html.contains(raw), "{raw:?} unescaped");
    }
    assert!(html.contains("Talks &lt;b&gt;end&lt;/b&gt;"), "headline");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "quote"
    );
    assert!(
        svg_of(html, "stance").contains("&lt;EU&gt;"),
        "target in SVG"
    );
    assert!(
        svg_of(html, "speakers").contains("Ana O&apos;Neil &amp; Co"),
        "name in SVG"
    );
    // The one script is ours.
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn every_chart_is_drawn_from_its_data() {
    let records = [
        record("a", Some("2019-11-17")),
        record("b", Some("18 Nov 2019")),
        record("c", Some("2019-11-18T09:00:00Z")),
        record("d", Some("next Tuesday")),
    ];
    let report = report_of(&records, &ReportOptions::default());
    let html = &report.html;
    // Two speakers: a bar each, in the chart of all kinds and in one per kind.
    let bars = chart(&report, "speakers");
    assert_eq!(bars.items, 2);
    assert_eq!(svg_of(html, "speakers").matches("<rect").count(), 2);
    assert_eq!(svg_of(html, "speakers-person").matches("<rect").count(), 1);
    assert_eq!(
        svg_of(html, "speakers-organisation")
            .matches("<rect")
            .count(),
        1
    );
    // The top bar is the most quoted, Ana O'Neil & Co (8 quotes), twice as long as Bo Lind's
    // (4).
    let speakers = svg_of(html, "speakers");
    assert!(speakers.contains(">\n 8\n</text>") && speakers.contains(">\n 4\n</text>"));
    let bars = rects(speakers);
    assert!(bars[0].0 < bars[1].0, "{bars:?}");
    assert!(bars[0].1.abs_diff(2 * bars[1].1) <= 2, "{bars:?}");
    // Both speak about `<EU>`, one in favour and one against: two cells.
    assert_eq!(chart(&report, "stance").items, 2);
    assert_eq!(svg_of(html, "stance").matches("<rect").count(), 2);
    // Ana speaks about Bo: two nodes, one arrow.
    assert_eq!(chart(&report, "network").items, 2);
    assert_eq!(svg_of(html, "network").matches("<circle").count(), 2);
    // Dates on two days (the 17th and the 18th); one that cannot be read is said.
    let time = chart(&report, "time");
    assert_eq!(time.items, 2);
    assert_eq!(svg_of(html, "time").matches("<rect").count(), 2);
    let note = time.note.as_deref().unwrap();
    assert!(note.contains("Quotes of 3 dated records by the day of their date, 2019-11-17 to 2019-11-18; 0 records carry no date."), "{note}");
    assert!(
        note.contains("1 record has a date that could not be read (such as \"next Tuesday\")"),
        "{note}"
    );
    // The stories: four, the first shown, the others hidden.
    assert_eq!(report.stories, 4);
    assert_eq!(html.matches("<article class=\"story\"").count(), 4);
    assert_eq!(html.matches("\" hidden>\n<h3>").count(), 3);
}

#[test]
fn the_time_line_counts_quotes_per_period() {
    use crate::charts::timeline::{Period, buckets};
    use crate::date::parse;
    let days = [("1987-02-26", 3), ("1987-03-02", 1), ("1987-10-20", 2)];
    let by_day = days.iter().map(|(d, q)| (parse(d).unwrap(), *q)).collect();
    let (period, bars) = buckets(&by_day).unwrap();
    assert_eq!(period, Period::Week);
    assert_eq!(bars.first().unwrap().0.iso(), "1987-02-23");
    assert_eq!(bars[0].1, 3);
    assert_eq!(bars[1].1, 1, "the week from Monday 2 March");
    assert_eq!(bars.last().unwrap(), &(parse("1987-10-19").unwrap(), 2));
    assert_eq!(bars.iter().map(|b| b.1).sum::<usize>(), 6);
    assert_eq!(bars.len(), 35, "every week from the first to the last");
}

#[test]
fn an_empty_index_gives_a_valid_page_with_notes() {
    let report = render(
        &SpeakerIndex::default(),
        "empty.json",
        None,
        &ReportOptions::default(),
    )
    .unwrap();
    let html = &report.html;
    assert!(report.charts.iter().all(|c| c.svg.is_none()));
    assert!(!html.contains("<svg"));
    for id in ["speakers", "stance", "network", "time", "story"] {
        assert!(
            html.contains(&format!("id=\"note-{id}\"")),
            "no note for {id}"
        );
    }
    for tag in [
        "section", "article", "figure", "p", "span", "select", "html", "body",
    ] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(
            open,
            html.matches(&format!("</{tag}>")).count(),
            "unbalanced {tag}"
        );
    }
}

#[test]
fn records_without_dates_or_quotes_give_no_time_line() {
    let report = report_of(&[record("a", None)], &ReportOptions::default());
    let time = chart(&report, "time");
    assert!(time.svg.is_none());
    assert!(
        time.note
            .as_deref()
            .unwrap()
            .contains("No record carries a date")
    );
    assert!(!report.html.contains("<svg id=\"time\""));
    let mut quiet = record("q", Some("2019-11-17"));
    quiet["quotes"] = json!([]);
    let report = report_of(&[quiet, record("a", None)], &ReportOptions::default());
    let note = chart(&report, "time").note.clone().unwrap();
    assert_eq!(
        note,
        "The dated records (1) have no quotation, so there is no time line."
    );
    assert!(!report.html.contains("<svg id=\"time\""));
}

/// The text of a story's marked-up `<div class="text">`, tags taken out and references read.
fn plain(article: &str) -> String {
    let start = article.find("<div class=\"text\">").unwrap() + "<div class=\"text\">".len();
    let end = article.rfind("</div>").unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in article[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_story_keeps_its_text_and_marks_every_span() {
    let value = record("a", None);
    let mut record: Record = serde_json::from_value(value).unwrap();
    let text = record.text.take().unwrap();
    let story = quotewire_export::TextRecord { record, text };
    let html = story::article(&story, 0, true);
    assert_eq!(plain(&html), TEXT);
    // Each quotation's pieces carry its number and speaker; the source of the third overlaps
    // its cue (`said`), and both are marked.
    assert!(html.contains("<span class=\"q direct\" data-q=\"0\" title=\"Ana O&#39;Neil &amp; Co (organisation) · direct quotation #1"));
    assert!(html.contains("class=\"q mixed\" data-q=\"1\" title=\"Bo Lind (person)"));
    assert!(html.contains("class=\"q indirect\" data-q=\"2\""));
    assert!(html.contains("<span class=\"cue source\" data-q=\"2\""));
    assert!(html.contains("stance: &lt;EU&gt; against"));
}

#[test]
fn bad_lines_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut off = record("off", None);
    off["quotes"][0]["content"][0] = json!({"start": 5, "end": 50_000});
    let path = file(
        &dir,
        "records.jsonl",
        &[
            record("a", None).to_string(),
            "{\"doc\": \"trunc".into(),
            json!({"doc": "x", "error": "empty", "kind": "empty"}).to_string(),
            off.to_string(),
        ],
    );
    let corpus = corpus::read(&path, 10, None).unwrap();
    assert_eq!(corpus.records, 1);
    assert_eq!(corpus.skipped.bad, 2, "{:?}", corpus.skipped);
    assert_eq!(corpus.skipped.errors(), 1);
    assert_eq!(corpus.stories.len(), 1);
}

#[test]
fn bad_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let missing = dir.path().join("missing.json");
    let error = write_report(&missing, None, &ReportOptions::default(), &out).unwrap_err();
    assert!(error.to_string().contains("missing.json"), "{error}");
    let corrupt = file(&dir, "corrupt.json", &["{\"speakers\": {\"x\": ".into()]);
    let error = write_report(&corrupt, None, &ReportOptions::default(), &out).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("corrupt.json") && message.contains("not a speaker index"),
        "{message}"
    );
    let index = file(
        &dir,
        "index.json",
        &[serde_json::to_string(&index_of(&[record("a", None)])).unwrap()],
    );
    let error = write_report(&index, Some(&index), &ReportOptions::default(), &out).unwrap_err();
    assert!(
        matches!(error, ReportError::IndexAsRecords { .. }),
        "{error}"
    );
    let mut bare = record("a", None);
    bare.as_object_mut().unwrap().remove("text");
    let records = file(&dir, "bare.jsonl", &[bare.to_string()]);
    let error = write_report(&index, Some(&records), &ReportOptions::default(), &out).unwrap_err();
    assert!(error.to_string().contains("--with-text"), "{error}");
    let records = file(&dir, "records.jsonl", &[record("a", None).to_string()]);
    let options = ReportOptions {
        story: Some("nope".into()),
        ..ReportOptions::default()
    };
    let error = write_report(&index, Some(&records), &options, &out).unwrap_err();
    assert!(matches!(error, ReportError::UnknownStory { .. }), "{error}");
    assert!(!out.exists(), "nothing written on error");
    let written = write_report(&index, Some(&records), &ReportOptions::default(), &out).unwrap();
    assert_eq!(written.bytes as u64, std::fs::metadata(&out).unwrap().len());
}

#[test]
fn the_story_asked_for_comes_first_and_the_most_quoted_follow() {
    let mut few = record("few", None);
    few["quotes"].as_array_mut().unwrap().truncate(1);
    let records = [few, record("many", None), record("also", None)];
    let options = ReportOptions {
        stories: 2,
        ..ReportOptions::default()
    };
    let docs = |report: &Report| -> Vec<String> {
        report
            .html
            .match_indices("data-doc=\"")
            .map(|(i, m)| {
                let rest = &report.html[i + m.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect()
    };
    assert_eq!(docs(&report_of(&records, &options)), ["many", "also"]);
    let asked = ReportOptions {
        story: Some("few".into()),
        ..options
    };
    assert_eq!(docs(&report_of(&records, &asked)), ["few", "many"]);
}

#[test]
fn the_network_keeps_the_strongest_ties_within_its_nodes() {
    use crate::charts::network::graph;
    let mut other = record("b", None);
    other["quotes"][2]["stance"] = json!([
        {"target": "Nobody Known", "label": "positive", "score": 0.5, "kind": "entity"}
    ]);
    let index = index_of(&[record("a", None), other]);
    let (nodes, edges) = graph(&index, 3);
    let names: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["Ana O'Neil & Co", "Bo Lind", "Nobody Known"]);
    assert_eq!(edges[0].2.quotes, 1);
    assert_eq!((edges[0].0, edges[0].1, edges[0].2.negative), (0, 1, 1));
    assert_eq!((edges[1].0, edges[1].1, edges[1].2.positive), (0, 2, 1));
    // With room for two nodes, the tie to a target that is no speaker is left out.
    let (nodes, edges) = graph(&index, 2);
    assert_eq!((nodes.len(), edges.len()), (2, 1));
}
