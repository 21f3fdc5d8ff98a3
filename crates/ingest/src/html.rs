//! HTML to readable story text with a real HTML parser (html5ever through `scraper`).
//!
//! Navigation, scripts, styles, forms, page headers and footers are dropped; every block element
//! becomes a paragraph, and paragraphs are joined by a blank line so the layout finder sees them.

use scraper::{ElementRef, Html, Node};

/// Elements whose content is never story text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button",
    "template", "select", "head", "menu", "dialog", "canvas", "video", "audio", "object",
];

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

/// The readable text of an HTML page: the `<title>` when the body has no `<h1>`, then one
/// paragraph per block element, separated by blank lines.
pub fn html_to_text(html: &str) -> String {
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
