//! The top-level values of a `.json` file, one at a time and each bounded by a size limit: the
//! elements of an array (`[{...}, {...}]`), or a sequence of objects (one object, pretty-printed
//! or not, or JSON Lines). Values are cut out by their brackets and strings, not parsed: each is
//! parsed as a document later, so a broken one costs that document only.

use std::io::{self, BufRead};

/// What [`JsonValues::next`] read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ValueRead {
    /// A value, now in the buffer (truncated at the end of the file when it was not closed).
    Value,
    /// The value was longer than the limit (its length); it was read past.
    TooLong(u64),
    /// The file is not JSON of that shape, or the array is not closed; reading stops.
    Bad(&'static str),
    /// The end.
    End,
}

/// Where a `.json` file is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonValues {
    /// Nothing read yet.
    #[default]
    Start,
    /// Inside a top-level array.
    Array,
    /// Reading a sequence of top-level objects.
    Objects,
    /// Done.
    Done,
}

impl JsonValues {
    /// Reads the next top-level value into `buf` (cleared first), keeping at most `limit` bytes.
    pub(crate) fn next(
        &mut self,
        reader: &mut dyn BufRead,
        limit: u64,
        buf: &mut Vec<u8>,
    ) -> io::Result<ValueRead> {
        buf.clear();
        if *self == JsonValues::Done {
            return Ok(ValueRead::End);
        }
        if *self == JsonValues::Start {
            skip(reader, |b| b.is_ascii_whitespace() || b >= 0x80)?; // a BOM too
            *self = match peek(reader)? {
                Some(b'[') => {
                    reader.consume(1);
                    JsonValues::Array
                }
                Some(b'{') => JsonValues::Objects,
                None => JsonValues::Done,
                Some(_) => {
                    *self = JsonValues::Done;
                    return Ok(ValueRead::Bad("not a JSON array or object"));
                }
            };
        }
        match self {
            JsonValues::Array => skip(reader, |b| b.is_ascii_whitespace() || b == b',')?,
            JsonValues::Objects => skip(reader, |b| b.is_ascii_whitespace())?,
            _ => {}
        }
        match (*self, peek(reader)?) {
            (JsonValues::Done | JsonValues::Start, _) => Ok(ValueRead::End),
            (JsonValues::Array, Some(b']')) | (JsonValues::Objects, None) => {
                *self = JsonValues::Done;
                Ok(ValueRead::End)
            }
            (JsonValues::Array, None) => {
                *self = JsonValues::Done;
                Ok(ValueRead::Bad("truncated JSON: the array is not closed"))
            }
            (_, Some(_)) => {
                let size = value(reader, limit, buf)?;
                Ok(if size > limit {
                    buf.clear();
                    ValueRead::TooLong(size)
                } else {
                    ValueRead::Value
                })
            }
        }
    }
}

fn peek(reader: &mut dyn BufRead) -> io::Result<Option<u8>> {
    Ok(reader.fill_buf()?.first().copied())
}

/// Consumes bytes while `skip` holds.
fn skip(reader: &mut dyn BufRead, skip: impl Fn(u8) -> bool) -> io::Result<()> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(());
        }
        let n = available.iter().take_while(|&&b| skip(b)).count();
        let done = n < available.len();
        reader.consume(n);
        if done {
            return Ok(());
        }
    }
}

/// Reads one value (an object, an array, a string or a scalar) into `buf` while it is within
/// `limit`; returns its length.
fn value(reader: &mut dyn BufRead, limit: u64, buf: &mut Vec<u8>) -> io::Result<u64> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut size = 0u64;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(size); // truncated: parsing it says so
        }
        let mut end = None;
        for (i, &b) in available.iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                    if depth == 0 {
                        end = Some(i + 1);
                        break;
                    }
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i + 1);
                        break;
                    }
                }
                // A scalar ends before the next delimiter.
                b'}' | b']' | b',' if depth == 0 => {
                    end = Some(i);
                    break;
                }
                b if depth == 0 && b.is_ascii_whitespace() => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let used = end.unwrap_or(available.len());
        size += used as u64;
        if size <= limit {
            buf.extend_from_slice(&available[..used]);
        }
        reader.consume(used);
        if end.is_some() {
            return Ok(size);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(json: &str, limit: u64) -> Vec<String> {
        // A tiny buffer so that values straddle reads.
        let mut reader = io::BufReader::with_capacity(3, json.as_bytes());
        let mut state = JsonValues::default();
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match state.next(&mut reader, limit, &mut buf).unwrap() {
                ValueRead::Value => out.push(String::from_utf8(buf.clone()).unwrap()),
                ValueRead::TooLong(n) => out.push(format!("too long {n}")),
                ValueRead::Bad(why) => out.push(format!("bad: {why}")),
                ValueRead::End => return out,
            }
        }
    }

    #[test]
    fn array_elements_objects_and_json_lines() {
        let array =
            "\u{feff} [\n {\"text\": \"a ] } \\\" ,\"},\n {\"b\": [1, {\"c\": 2}]} , 3, \"s\"]";
        assert_eq!(
            values(array, 100),
            [
                "{\"text\": \"a ] } \\\" ,\"}",
                "{\"b\": [1, {\"c\": 2}]}",
                "3",
                "\"s\""
            ]
        );
        let pretty = "{\n  \"text\": \"One.\",\n  \"id\": 1\n}\n";
        assert_eq!(values(pretty, 100), [pretty.trim_end()]);
        assert_eq!(
            values("{\"a\": 1}\n\n{\"a\": 2}\n", 100),
            ["{\"a\": 1}", "{\"a\": 2}"]
        );
        assert_eq!(values("  ", 100), Vec::<String>::new());
        assert_eq!(values("[]", 100), Vec::<String>::new());
    }

    #[test]
    fn truncated_long_and_foreign_input() {
        assert_eq!(
            values("[{\"a\": 1}, {\"a\": ", 100),
            [
                "{\"a\": 1}",
                "{\"a\": ",
                "bad: truncated JSON: the array is not closed"
            ]
        );
        assert_eq!(
            values("[{\"a\": \"0123456789\"}, {\"a\": 2}]", 12),
            ["too long 19", "{\"a\": 2}"]
        );
        assert_eq!(
            values("Plain text.", 100),
            ["bad: not a JSON array or object"]
        );
    }
}
