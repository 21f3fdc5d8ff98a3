//! The parts of a wire story: headline, byline, dateline, paragraphs, credit and trailing
//! boilerplate, all as byte spans into the text.

use std::sync::LazyLock;

use quotewire_core::lexicon;
use quotewire_core::text::{QuoteSet, Style};
use quotewire_core::{Dateline, Layout, Span, paragraphs};
use regex::Regex;

const BOILERPLATE: &str = include_str!("../data/wire_boilerplate.txt");
const CREDITS: &str = include_str!("../data/wire_credits.txt");

/// Longest first line taken for a headline, in bytes.
const MAX_HEADLINE: usize = 250;
/// Longest paragraph taken for a byline or a credit, in bytes.
const MAX_SIGNATURE: usize = 120;
/// How many trailing paragraphs are looked at for credits and boilerplate.
const MAX_TRAILER: usize = 6;
/// Closing quotation marks a quoted headline may end with.
const CLOSING_QUOTES: QuoteSet = QuoteSet::ALL
    .styles(&[Style::Straight, Style::Curly])
    .union(QuoteSet::ALL.styles(&[Style::Guillemet]).double())
    .closing();

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<place>\p{Lu}(?:[\p{Lu}.'’]|-\p{Lu})+(?:[\ /]\p{Lu}(?:[\p{Lu}.'’]|-\p{Lu})*){0,4})
        (?:,\s*\p{Lu}[\p{L}.]*(?:\ \p{Lu}[\p{L}.]*)?)??             # region: `Calif.`
        (?:,?\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}))?
        (?:\s*\((?P<agency>[^()\n]{1,40})\))?
        \s*(?:--|—|–|-)\s+",
    )
    .expect("dateline pattern is valid")
});

static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by)\s+(\p{Lu}.*)$").expect("byline pattern is valid"));

/// Finds the parts of a wire story in `text`.
///
/// ```
/// let text = "Pact to expire\n\nSEOUL, Nov. 17 (Yonhap) -- The pact ends, he said.\n\n(END)";
/// let layout = quotewire_ingest::find_layout(text);
/// assert_eq!(&text[layout.headline.unwrap().range()], "Pact to expire");
/// let dateline = layout.dateline.unwrap();
/// assert_eq!(&text[dateline.place.range()], "SEOUL");
/// assert_eq!(&text[dateline.agency.unwrap().range()], "Yonhap");
/// assert_eq!(&text[layout.paragraphs[0].range()], "The pact ends, he said.");
/// assert_eq!(&text[layout.boilerplate[0].range()], "(END)");
/// ```
pub fn find_layout(text: &str) -> Layout {
    let mut paragraphs = paragraphs(text);
    let mut layout = Layout::default();
    let mut first = 0;

    // A headline stands alone: a short line, then a blank line (not just an indented one).
    if paragraphs.len() > 1
        && text[paragraphs[0].end..paragraphs[1].start]
            .matches('\n')
            .count()
            >= 2
        && is_headline(&text[paragraphs[0].range()])
    {
        layout.headline = Some(paragraphs[0]);
        first = 1;
    }
    if let Some(&p) = paragraphs.get(first) {
        let para = &text[p.range()];
        if para.len() <= MAX_SIGNATURE && !para.contains('\n') {
            if let Some(name) = BYLINE.captures(para).and_then(|c| c.get(1)) {
                layout.byline = Some(Span::new(p.start + name.start(), p.start + name.end()));
                first += 1;
            }
        }
    }
    let mut last = paragraphs.len();
    let mut boilerplate = Vec::new();
    while last > first && paragraphs.len() - last < MAX_TRAILER {
        let p = paragraphs[last - 1];
        let para = &text[p.range()];
        if is_boilerplate(para) {
            boilerplate.push(p);
        } else if let Some(credit) = layout.credit.is_none().then(|| credit(para)).flatten() {
            layout.credit = Some(Span::new(p.start + credit.start, p.start + credit.end));
        } else {
            break;
        }
        last -= 1;
    }
    // `(END)` and similar closing marks often end the last paragraph itself.
    if last > first {
        let p = &mut paragraphs[last - 1];
        if let Some(stripped) = text[p.range()].strip_suffix("(END)") {
            let kept = stripped.trim_end().len();
            boilerplate.push(Span::new(p.end - "(END)".len(), p.end));
            p.end = p.start + kept;
            if kept == 0 {
                last -= 1;
            }
        }
    }
    boilerplate.sort();
    layout.boilerplate = boilerplate;

    if let Some(p) = paragraphs.get_mut(first).filter(|_| first < last) {
        if let Some((dateline, body_start)) = find_dateline(text, *p) {
            p.start = body_start;
            layout.dateline = Some(dateline);
        }
    }
    layout.paragraphs = paragraphs[first..last]
        .iter()
        .copied()
        .filter(|p| !p.is_empty())
        .collect();
    layout
}

fn is_headline(para: &str) -> bool {
    if para.len() > MAX_HEADLINE || para.contains('\n') || DATELINE.is_match(para) {
        return false;
    }
    let unquoted = para.trim_end_matches(|c| CLOSING_QUOTES.contains(c));
    !unquoted.ends_with(['.', ',', ';', ':']) && para.split_whitespace().count() <= 30
}

/// The dateline opening a paragraph, and where the story text after it starts.
fn find_dateline(text: &str, para: Span) -> Option<(Dateline, usize)> {
    let caps = DATELINE.captures(&text[para.range()])?;
    let at = |m: regex::Match<'_>| Span::new(para.start + m.start(), para.start + m.end());
    let whole = at(caps.get(0)?);
    let dateline = Dateline {
        span: whole.trim(text),
        place: at(caps.name("place")?),
        date: caps.name("date").map(at),
        agency: caps.name("agency").map(|m| at(m).trim(text)),
    };
    Some((dateline, whole.end))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The rules of a `data/` list: its entries, one per line.
fn rules(data: &'static str) -> Vec<&'static str> {
    lexicon::parse_sections(data, &[])
        .expect("the bundled wire lists are well formed")
        .iter()
        .map(|e| e.text)
        .collect()
}

static BOILERPLATE_RULES: LazyLock<Vec<&'static str>> = LazyLock::new(|| rules(BOILERPLATE));
static CREDIT_RULES: LazyLock<Vec<&'static str>> = LazyLock::new(|| rules(CREDITS));

fn is_boilerplate(para: &str) -> bool {
    para.len() <= MAX_SIGNATURE * 4
        && BOILERPLATE_RULES
            .iter()
            .any(|p| starts_with_ignore_case(para, p))
}

/// The credited part of a credit paragraph, as a range within it.
fn credit(para: &str) -> Option<std::ops::Range<usize>> {
    if para.len() > MAX_SIGNATURE || para.contains('\n') {
        return None;
    }
    CREDIT_RULES
        .iter()
        .find_map(|rule| match rule.strip_suffix('*') {
            Some(prefix) if starts_with_ignore_case(para, prefix) => {
                let rest = &para[prefix.len()..];
                let start = prefix.len() + (rest.len() - rest.trim_start().len());
                let end = para.trim_end_matches([')', '.', ' ']).len();
                (start < end).then_some(start..end)
            }
            None if para.eq_ignore_ascii_case(rule) => Some(0..para.len()),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
        spans.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn reuters_indented_paragraphs_and_signature() {
        let text = "Showers continued in\nthe zone, a trader said.\n    The dry period means\nlate crops.\n Reuter\n";
        let layout = find_layout(text);
        assert_eq!(
            texts(text, &layout.paragraphs),
            [
                "Showers continued in\nthe zone, a trader said.",
                "The dry period means\nlate crops."
            ]
        );
        assert_eq!(&text[layout.credit.unwrap().range()], "Reuter");
        assert_eq!(layout.headline, None);
    }

    #[test]
    fn table_line_is_not_a_headline() {
        let text = "Shr 12 cts vs 10 cts
    Net 1.2 mln vs 1.0 mln
    Revs 10 mln vs 9 mln
";
        let layout = find_layout(text);
        assert_eq!(layout.headline, None);
        assert_eq!(
            layout.paragraphs.len(),
            2,
            "equally indented lines stay together"
        );
    }

    #[test]
    fn datelines_of_several_agencies() {
        for (text, place, date, agency, rest) in [
            (
                "WASHINGTON (Reuters) - The Pentagon said so.",
                "WASHINGTON",
                None,
                Some("Reuters"),
                "The Pentagon said so.",
            ),
            (
                "SEOUL, Nov. 17 (Yonhap) -- Talks end.",
                "SEOUL",
                Some("Nov. 17"),
                Some("Yonhap"),
                "Talks end.",
            ),
            (
                "BANGKOK-- The minister said.",
                "BANGKOK",
                None,
                None,
                "The minister said.",
            ),
            (
                "LOS ANGELES, Calif. (AP) — Fires spread.",
                "LOS ANGELES",
                None,
                Some("AP"),
                "Fires spread.",
            ),
            (
                "SÃO PAULO, Feb 26 - Prices rose.",
                "SÃO PAULO",
                Some("Feb 26"),
                None,
                "Prices rose.",
            ),
        ] {
            let layout = find_layout(text);
            let d = layout
                .dateline
                .unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(&text[d.place.range()], place);
            assert_eq!(d.date.map(|s| &text[s.range()]), date);
            assert_eq!(d.agency.map(|s| &text[s.range()]), agency);
            assert_eq!(texts(text, &layout.paragraphs), [rest]);
        }
    }

    #[test]
    fn no_dateline_in_ordinary_openings() {
        for text in [
            "The U.S. - Japan talks ended.",
            "US-Korea ties - a review.",
            "I - and he - agreed.",
        ] {
            assert_eq!(find_layout(text).dateline, None, "{text}");
        }
    }

    #[test]
    fn byline_credit_and_boilerplate() {
        let text = "Ministers meet in Bangkok\n\nBy Jane Doe\n\nTOKYO (AFP) - They met.\n\nSource: Kyodo News\n\nRead the rest here.\n\nYou may also like...";
        let layout = find_layout(text);
        assert_eq!(
            &text[layout.headline.unwrap().range()],
            "Ministers meet in Bangkok"
        );
        assert_eq!(&text[layout.byline.unwrap().range()], "Jane Doe");
        assert_eq!(&text[layout.credit.unwrap().range()], "Kyodo News");
        assert_eq!(
            texts(text, &layout.boilerplate),
            ["Read the rest here.", "You may also like..."]
        );
        assert_eq!(texts(text, &layout.paragraphs), ["They met."]);
    }

    #[test]
    fn sentence_first_line_is_not_a_headline() {
        let text = "It rained.\n\nThen it stopped.";
        let layout = find_layout(text);
        assert_eq!(layout.headline, None);
        assert_eq!(
            texts(text, &layout.paragraphs),
            ["It rained.", "Then it stopped."]
        );
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}Héadline here\r\n\r\nBody “one”.\r\nStill one.\r\n";
        let layout = find_layout(text);
        assert_eq!(&text[layout.headline.unwrap().range()], "Héadline here");
        assert_eq!(
            texts(text, &layout.paragraphs),
            ["Body “one”.\r\nStill one."]
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn check(text: &str) {
        let layout = find_layout(text);
        let mut spans: Vec<Span> = layout.paragraphs.clone();
        spans.extend(layout.headline);
        spans.extend(layout.byline);
        spans.extend(layout.credit);
        spans.extend(layout.boilerplate.iter().copied());
        if let Some(d) = layout.dateline {
            spans.extend([d.span, d.place]);
            spans.extend(d.date);
            spans.extend(d.agency);
        }
        for s in &spans {
            assert!(
                s.start <= s.end && s.slice(text).is_some(),
                "{s:?} out of bounds or off char boundary"
            );
        }
        for pair in layout.paragraphs.windows(2) {
            assert!(
                pair[0].end <= pair[1].start,
                "paragraphs out of order: {pair:?}"
            );
        }
        assert!(layout.paragraphs.iter().all(|p| !p.is_empty()));
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_sound(text in "\\PC*") {
            check(&text);
        }

        #[test]
        fn wire_like_text(text in "([A-Z]{2,8}( \\([A-Za-z]{1,6}\\))? ?(--|-|—) )?([a-zA-Zé“”\"' .,]{0,30}(\n|\n\n|\n    | \r\n)){0,12}(Source: [A-Za-z ]{0,10}|\\(END\\)|Reuter)?") {
            check(&text);
        }
    }
}
