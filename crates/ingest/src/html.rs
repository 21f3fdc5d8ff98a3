//! HTML to readable story text: the article as Mozilla's Readability finds it (`dom_smoothie`, a
//! port of Readability.js: cookie banners, breadcrumbs, share links, advertisements, newsletter
//! boxes and reader comments are left out), then its blocks as paragraphs with a real HTML
//! parser (html5ever through `scraper`).
//!
//! The text is the headline (`og:title`, else the page's title or `h1`), the byline as
//! `By NAME` when Readability finds one, then one paragraph per block element of the article,
//! joined by blank lines so the layout finder sees them. A page Readability finds no article in
//! is read whole, minus navigation, scripts, styles, forms, page headers and footers.

use scraper::{ElementRef, Html, Node};

/// Elements whose content is never story text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button",
    "template", "select", "head", "menu", "dialog", "canvas", "video", "audio", "object",
];

/// Page furniture that Readability keeps when it sits inside the story: newsletter boxes, sign-up
/// and subscription promotions, "Read more" links (by their class or id).
const FURNITURE: &str = "[class*=newsletter], [id*=newsletter], [class*=signup], [id*=signup], \
    [class*=sign-up], [class*=subscribe], [class*=promo], [class*=read-more], [class*=readmore]";

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "article",
    "section",
    "br",
    "tr",
    "pre",
    "figcaption",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
    "main",
    "header",
    "hr",
];

/// The readable text of an HTML page: headline, byline, then the article's paragraphs,
/// separated by blank lines.
pub fn html_to_text(html: &str) -> String {
    article_text(html).unwrap_or_else(|| page_text(html))
}

/// The article Readability finds, with its headline and byline; `None` when it finds none.
fn article_text(html: &str) -> Option<String> {
    let page = dom_query::Document::from(html);
    let h1 = page.select("h1");
    let h1 = (h1.length() == 1).then(|| collapse(&h1.text()));
    page.select(FURNITURE).remove();
    let mut readability = dom_smoothie::Readability::with_document(page, None, None).ok()?;
    let page_title = collapse(&readability.get_article_title());
    let article = readability.parse().ok()?;
    let mut out = Extractor::default();
    out.walk(Html::parse_fragment(&article.content).root_element(), true);
    out.end_block();
    let mut blocks = out.blocks;
    if blocks.is_empty() {
        return None;
    }
    // The title of the page's metadata (`og:title`, JSON-LD), else its one `h1`, else the
    // `<title>` as Readability trims it.
    let title = collapse(&article.title);
    let headline = match h1 {
        Some(h1) if title == page_title && !h1.is_empty() => h1,
        _ => title.clone(),
    };
    let byline = (article.byline.as_deref().map(collapse)).filter(|b| !b.is_empty());
    // Readability keeps an `h1` (as `h2`) that differs a little from the title, and a byline it
    // did not take out of the article.
    blocks.retain(|b| {
        *b != headline
            && *b != title
            && byline
                .as_ref()
                .is_none_or(|by| b != by && *b != format!("By {by}"))
    });
    let mut text = Vec::new();
    text.extend((!headline.is_empty()).then_some(headline));
    if let Some(byline) = byline {
        let by = byline
            .get(..3)
            .is_some_and(|b| b.eq_ignore_ascii_case("by "));
        text.push(if by { byline } else { format!("By {byline}") });
    }
    text.extend(blocks);
    Some(text.join("\n\n"))
}

/// Runs of whitespace as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The readable text of a whole page: the `<title>` when the body has no `<h1>`, then one
/// paragraph per block element outside navigation and page furniture.
fn page_text(html: &str) -> String {
    let page = Html::parse_document(html);
    let mut out = Extractor::default();
    let root = page.root_element();
    let has_h1 = root
        .descendants()
        .any(|n| n.value().as_element().is_some_and(|e| e.name() == "h1"));
    if !has_h1 {
        let title = root
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "title");
        if let Some(title) = title {
            out.push_text(&title.text().collect::<String>());
            out.end_block();
        }
    }
    out.walk(root, false);
    out.end_block();
    out.blocks.join("\n\n")
}

#[derive(Default)]
struct Extractor {
    blocks: Vec<String>,
    current: String,
}

impl Extractor {
    fn walk(&mut self, element: ElementRef<'_>, in_article: bool) {
        let name = element.value().name();
        // A page header is boilerplate, an article's header holds its headline.
        if SKIPPED.contains(&name) || (name == "header" && !in_article) {
            return;
        }
        let in_article = in_article || name == "article" || name == "main";
        let block = BLOCKS.contains(&name);
        if block {
            self.end_block();
        }
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.push_text(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.walk(child, in_article);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.end_block();
        }
    }

    /// Appends text with runs of whitespace collapsed to one space.
    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split_whitespace().enumerate() {
            let glue = i > 0 || text.starts_with(char::is_whitespace);
            if glue && !self.current.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !self.current.is_empty() {
            self.current.push(' ');
        }
    }

    fn end_block(&mut self) {
        let block = self.current.trim();
        if !block.is_empty() {
            self.blocks.push(block.to_string());
        }
        self.current.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_story_and_drops_boilerplate() {
        let html = r#"<!DOCTYPE html><html><head><title>Site | Story</title>
            <script>var x = "not text";</script><style>p{}</style></head>
            <body><header><nav><a href="/">Home</a> <a href="/w">World</a></nav></header>
            <article><header><h1>Minister “hopes” for deal</h1></header>
            <p>SEOUL --  The   minister <b>said</b> it was <i>“inevitable.”</i></p>
            <p>Talks went on.<br>Nothing changed.</p></article>
            <footer>© 2019 Example News. All rights reserved.</footer></body></html>"#;
        assert_eq!(
            html_to_text(html),
            "Minister “hopes” for deal\n\nSEOUL -- The minister said it was “inevitable.”\n\n\
             Talks went on.\n\nNothing changed."
        );
    }

    #[test]
    fn title_stands_in_for_a_missing_h1() {
        let html =
            "<html><head><title>Pact expires</title></head><body><p>It did.</p></body></html>";
        assert_eq!(html_to_text(html), "Pact expires\n\nIt did.");
    }
}
