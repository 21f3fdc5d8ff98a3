//! Text put into the page: names and quotations come from arbitrary news text, so every piece
//! of it is escaped before it goes into HTML or SVG.

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references: safe in element
/// content and in quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_html(&mut out, text);
    out
}

/// Appends `text`, escaped as [`html`] does, to `out`.
pub fn push_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than line breaks and tabs are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// At most `max` characters of `text`, with `…` in place of the rest: for chart labels.
pub fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        let mut head: String = head.chars().take(max.saturating_sub(1)).collect();
        head.push('…');
        head
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            html(r#"<script>alert("x's")</script> & co"#),
            "&lt;script&gt;alert(&quot;x&#39;s&quot;)&lt;/script&gt; &amp; co"
        );
        assert_eq!(
            html("Jeong Kyeong-doo said: “no”"),
            "Jeong Kyeong-doo said: “no”"
        );
        assert_eq!(html("a\u{0}b\nc"), "a\u{fffd}b\nc");
    }

    #[test]
    fn long_labels_are_shortened_by_characters() {
        assert_eq!(shorten("Tony Blair", 20), "Tony Blair");
        assert_eq!(shorten("Jeong Kyeong-doo", 6), "Jeong…");
        assert_eq!(shorten("éééé", 3), "éé…");
    }
}
