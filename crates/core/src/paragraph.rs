use crate::Span;

/// Splits text into paragraphs: runs of lines ended by a blank line, or by a line indented more
/// than the one before it (the hard-wrapped, indented style of old wire copy). Spans are trimmed
/// of whitespace (and a leading byte-order mark) and never empty.
///
/// ```
/// let text = "First line\nstill first.\n\nSecond.\n    Third, indented.";
/// let spans = quotewire_core::paragraphs(text);
/// let texts: Vec<_> = spans.iter().map(|s| &text[s.range()]).collect();
/// assert_eq!(texts, ["First line\nstill first.", "Second.", "Third, indented."]);
/// ```
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Span> = None;
    let mut previous_indent = 0;
    let mut offset = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    // Each line with its line break; the last may have none (or be empty).
    let first = offset;
    let line_ends = memchr::memchr_iter(b'\n', &text.as_bytes()[first..])
        .map(|k| first + k + 1)
        .chain(std::iter::once(text.len()));
    for end in line_ends {
        let line = &text[offset..end];
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let span = Span::new(offset + indent, offset + indent + body.trim_end().len());
        offset = end;
        if span.is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        match current.as_mut() {
            Some(p) if indent <= previous_indent => p.end = span.end,
            _ => {
                paragraphs.extend(current.take());
                current = Some(span);
            }
        }
        previous_indent = indent;
    }
    paragraphs.extend(current);
    paragraphs
}
