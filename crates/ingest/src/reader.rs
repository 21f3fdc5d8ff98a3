//! Walking the inputs in order, with every document bounded by a size limit.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quotewire_core::{Document, SourceFormat};
use serde_json::Value;

use crate::json_values::{JsonValues, ValueRead};
use crate::{
    DocError, FieldNames, FileFilter, IngestError, JsonFields, Notice, Skipped, decode,
    find_layout, html_to_text,
};

/// One input given by the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file (text, HTML, JSON Lines, JSON by extension, gzipped or not) or a directory tree.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl From<&str> for Input {
    /// `-` is stdin, anything else a path.
    fn from(arg: &str) -> Self {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(arg.into())
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    /// Documents (files, JSON lines, decompressed) larger than this many bytes are errors.
    pub max_doc_bytes: u64,
    /// The JSON fields the user named.
    pub fields: FieldNames,
    /// Which files of a directory tree are read.
    pub files: FileFilter,
    /// Whether stdin holds JSON Lines (else one plain-text document).
    pub stdin_jsonl: bool,
    /// What stdin is called in document ids: `stdin:3` is its third line, when the line has no
    /// id of its own.
    pub stdin_name: String,
}

impl Default for ReaderOptions {
    /// 32 MiB per document, the usual JSON fields, the news files of a directory, JSON Lines on
    /// stdin.
    fn default() -> Self {
        ReaderOptions {
            max_doc_bytes: 32 << 20,
            fields: FieldNames::default(),
            files: FileFilter::default(),
            stdin_jsonl: true,
            stdin_name: "stdin".into(),
        }
    }
}

/// How a raw document's bytes are to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// Plain text (HTML is recognised by its opening tag).
    Text,
    /// HTML.
    Html,
    /// One JSON object: a JSON Lines line or a value of a JSON file.
    JsonLine(Arc<JsonFields>),
}

/// A document as read, not yet decoded: cheap to produce in order, parsed in parallel.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// The id (for a JSON object, the fallback `<file>:<n>` used when it names none).
    pub id: String,
    /// How to read the bytes.
    pub kind: SourceKind,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl RawDocument {
    /// A raw document.
    pub fn new(id: impl Into<String>, kind: SourceKind, bytes: Vec<u8>) -> Self {
        RawDocument {
            id: id.into(),
            kind,
            bytes,
        }
    }

    /// Decodes, extracts and lays out the document, with a title given apart from it (as a
    /// front end that holds the title as a value passes it): the title is read as a JSON
    /// object's title field is, trimmed, and left out when empty; a JSON object's own title
    /// field comes first.
    pub fn parse_with_title(self, title: Option<&str>) -> Result<Document, DocError> {
        let mut doc = self.parse()?;
        if doc.layout.title.is_none() {
            doc.layout.title = title.and_then(title_of);
        }
        Ok(doc)
    }

    /// Decodes, extracts and lays out the document.
    pub fn parse(self) -> Result<Document, DocError> {
        let RawDocument { id, kind, bytes } = self;
        let (text, encoding) = match decode(bytes) {
            Ok(decoded) => decoded,
            Err(error) => return Err(DocError { id, error }),
        };
        let (mut title, mut date) = (None, None);
        let (id, text, format) = match kind {
            SourceKind::JsonLine(fields) => match json_document(&text, &fields) {
                Ok(found) => {
                    title = found.title;
                    date = found.date;
                    (found.id.unwrap_or(id), found.text, SourceFormat::Jsonl)
                }
                Err((doc_id, error)) => {
                    return Err(DocError {
                        id: doc_id.unwrap_or(id),
                        error,
                    });
                }
            },
            SourceKind::Html => (id, html_to_text(&text), SourceFormat::Html),
            SourceKind::Text if looks_like_html(&text) => {
                (id, html_to_text(&text), SourceFormat::Html)
            }
            SourceKind::Text => (id, text, SourceFormat::Text),
        };
        if let Err(error) = crate::decode::check_text(&text) {
            return Err(DocError { id, error });
        }
        let mut layout = find_layout(&text);
        layout.title = title;
        layout.date = date;
        Ok(Document {
            id,
            text,
            encoding,
            format,
            layout,
        })
    }
}

fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let head = &head.as_bytes()[..head.len().min(15)];
    head.len() >= 5
        && (head.eq_ignore_ascii_case(b"<!doctype html")
            || head[..5].eq_ignore_ascii_case(b"<html")
            || head.to_ascii_lowercase().starts_with(b"<!doctype html"))
}

/// A title or date as the record holds it: trimmed, none when empty.
fn title_of(title: &str) -> Option<String> {
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// What a JSON object holds.
struct JsonDocument {
    id: Option<String>,
    text: String,
    title: Option<String>,
    date: Option<String>,
}

/// The id (when one of the id fields is present), text, title and date of a JSON object.
fn json_document(
    line: &str,
    fields: &JsonFields,
) -> Result<JsonDocument, (Option<String>, IngestError)> {
    let found = crate::jsonl::read(line, fields).map_err(|e| (None, e.into()))?;
    let id = found.ids.into_iter().flatten().find_map(|v| match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let string = |v| match v {
        Value::String(s) => Some(s),
        _ => None,
    };
    let first_given = |values: Vec<Option<Value>>| {
        values
            .into_iter()
            .flatten()
            .filter_map(string)
            .find_map(|t| title_of(&t))
    };
    let title = first_given(found.titles);
    let date = first_given(found.dates);
    match found.texts.into_iter().flatten().find_map(string) {
        Some(text) => Ok(JsonDocument {
            id,
            text,
            title,
            date,
        }),
        None => Err((
            id,
            IngestError::MissingField {
                field: fields.text.join("|"),
            },
        )),
    }
}

/// Yields every document of the inputs, in order: files, directory trees (sorted by name, ids
/// relative to the given directory, symbolic links followed, loops reported as errors, only the
/// files the [`FileFilter`] selects), JSON Lines (one document per non-blank line), JSON files
/// (an array of objects, or objects one after the other), gzip of each, and stdin.
///
/// Reading stops early when a JSON file's first object lacks the fields the run needs:
/// [`Reader::take_fatal`] says why.
pub struct Reader {
    options: ReaderOptions,
    /// The fields of a JSON object read before its file's first object decided them.
    unresolved: Arc<JsonFields>,
    inputs: VecDeque<Input>,
    walk: Option<(PathBuf, walkdir::IntoIter)>,
    json: Option<JsonSource>,
    skipped: Skipped,
    notices: Vec<Notice>,
    fatal: Option<IngestError>,
}

/// Hidden files and folders (`.git`, `.DS_Store`) are not documents.
fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// A file (or stdin) of JSON objects.
struct JsonSource {
    name: String,
    reader: Box<dyn LineSource>,
    /// `None`: JSON Lines.
    values: Option<JsonValues>,
    number: usize,
    stdin: bool,
    /// The fields, once an object has decided them.
    fields: Option<Arc<JsonFields>>,
    /// What was read before the fields were decided, and why the first object did not decide.
    held: VecDeque<Result<RawDocument, DocError>>,
    undecided: Option<IngestError>,
}

/// How many objects of a JSON source are read, at most, before one must decide its fields.
const UNDECIDED: usize = 16;

/// A buffered line source that says how much it holds without reading more.
trait LineSource: BufRead + Send {
    fn buffered(&self) -> usize;
}

impl<R: Read + Send> LineSource for BufReader<R> {
    fn buffered(&self) -> usize {
        self.buffer().len()
    }
}

impl Reader {
    /// A reader over `inputs`.
    pub fn new(inputs: impl IntoIterator<Item = Input>, options: ReaderOptions) -> Self {
        Reader {
            unresolved: Arc::new(options.fields.unresolved()),
            options,
            inputs: inputs.into_iter().collect(),
            walk: None,
            json: None,
            skipped: Skipped::default(),
            notices: Vec::new(),
            fatal: None,
        }
    }

    /// Whether the next document may have to wait for input: JSON Lines on stdin with nothing
    /// buffered. A streaming caller processes what it has before asking for more.
    pub fn waits_for_input(&self) -> bool {
        self.json
            .as_ref()
            .is_some_and(|l| l.stdin && l.reader.buffered() == 0)
    }

    /// The files of directory trees left out so far (not news, or excluded).
    pub fn skipped(&self) -> &Skipped {
        &self.skipped
    }

    /// What the reader has to tell since the last call (a JSON file's text field found among
    /// the usual names).
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// The error that stopped reading before the end of the inputs, if any: the run cannot go on.
    pub fn take_fatal(&mut self) -> Option<IngestError> {
        self.fatal.take()
    }

    fn too_large(&self, size: u64) -> IngestError {
        IngestError::TooLarge {
            size,
            limit: self.options.max_doc_bytes,
        }
    }

    /// Opens a file: a JSON Lines or JSON file becomes the JSON source, anything else one
    /// document. A `.gz` file is decompressed, and read as what its name says without `.gz`.
    fn open_file(&mut self, path: &Path, id: String) -> Option<Result<RawDocument, DocError>> {
        let io_error = |source| DocError {
            error: IngestError::Io {
                path: path.into(),
                source,
            },
            id: id.clone(),
        };
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) => return Some(Err(io_error(e))),
        };
        let (extension, gzipped) = extension(path);
        let input: Box<dyn Read + Send> = match gzipped {
            true => Box::new(flate2::read::MultiGzDecoder::new(file)),
            false => Box::new(file),
        };
        if matches!(extension.as_str(), "jsonl" | "ndjson" | "json") {
            self.json = Some(JsonSource {
                name: id,
                reader: Box::new(BufReader::with_capacity(1 << 16, input)),
                values: (extension == "json").then(JsonValues::default),
                number: 0,
                stdin: false,
                fields: None,
                held: VecDeque::new(),
                undecided: None,
            });
            return None;
        }
        let kind = if matches!(extension.as_str(), "html" | "htm" | "xhtml") {
            SourceKind::Html
        } else {
            SourceKind::Text
        };
        Some(match read_bounded(input, self.options.max_doc_bytes) {
            Ok(Ok(bytes)) => Ok(RawDocument::new(id, kind, bytes)),
            Ok(Err(size)) => Err(DocError {
                error: self.too_large(size),
                id,
            }),
            Err(e) => Err(io_error(e)),
        })
    }

    /// The next document of the JSON source. Until an object decides the file's fields, what is
    /// read is held back (at most [`UNDECIDED`] objects), so that one bad object at the start
    /// of a file or stream costs only itself; when none of them decides, the run stops.
    fn next_json(&mut self) -> Option<Result<RawDocument, DocError>> {
        loop {
            let source = self.json.as_mut()?;
            if source.fields.is_some() {
                if let Some(item) = source.held.pop_front() {
                    return Some(item);
                }
            }
            let Some(item) = self.read_json() else {
                let source = self.json.as_mut()?;
                if source.fields.is_none() {
                    if let Some(fatal) = source.undecided.take() {
                        self.stop(fatal);
                        return None;
                    }
                }
                if let Some(item) = source.held.pop_front() {
                    return Some(item);
                }
                self.json = None;
                return None;
            };
            let source = self.json.as_mut()?;
            if source.fields.is_some() {
                return Some(item);
            }
            if let Ok(raw) = &item {
                if let Ok(first) = serde_json::from_str(&String::from_utf8_lossy(&raw.bytes)) {
                    match self.options.fields.resolve(&source.name, &first) {
                        Ok((fields, notice)) => {
                            let fields = Arc::new(fields);
                            for held in source.held.iter_mut().flatten() {
                                held.kind = SourceKind::JsonLine(fields.clone());
                            }
                            source.fields = Some(fields.clone());
                            self.notices.extend(notice);
                            let item = item.map(|raw| RawDocument {
                                kind: SourceKind::JsonLine(fields),
                                ..raw
                            });
                            source.held.push_back(item);
                            continue;
                        }
                        Err(error) => {
                            source.undecided.get_or_insert(error);
                        }
                    }
                }
            }
            source.held.push_back(item);
            if source.held.len() >= UNDECIDED {
                if let Some(fatal) = source.undecided.take() {
                    self.stop(fatal);
                    return None;
                }
            }
        }
    }

    /// Reads the next object of the JSON source as it comes; `None` at its end.
    fn read_json(&mut self) -> Option<Result<RawDocument, DocError>> {
        let limit = self.options.max_doc_bytes;
        loop {
            let source = self.json.as_mut()?;
            source.number += 1;
            let id = format!("{}:{}", source.name, source.number);
            let mut bytes = Vec::new();
            let read = match &mut source.values {
                None => read_line_bounded(&mut source.reader, limit, &mut bytes).map(|r| match r {
                    LineRead::Line => ValueRead::Value,
                    LineRead::TooLong(size) => ValueRead::TooLong(size),
                    LineRead::End => ValueRead::End,
                }),
                Some(values) => values.next(&mut source.reader, limit, &mut bytes),
            };
            return match read {
                Ok(ValueRead::End) => None,
                Ok(ValueRead::TooLong(size)) => Some(Err(DocError {
                    error: self.too_large(size),
                    id,
                })),
                Ok(ValueRead::Bad(why)) => {
                    let error = <serde_json::Error as serde::de::Error>::custom(why);
                    Some(Err(DocError {
                        id,
                        error: error.into(),
                    }))
                }
                Ok(ValueRead::Value) if bytes.trim_ascii().is_empty() => continue,
                Ok(ValueRead::Value) => {
                    let fields = source.fields.as_ref().unwrap_or(&self.unresolved).clone();
                    Some(Ok(RawDocument::new(
                        id,
                        SourceKind::JsonLine(fields),
                        bytes,
                    )))
                }
                Err(error) => {
                    let path = PathBuf::from(&source.name);
                    // Nothing more can be read from it.
                    source.values = Some(JsonValues::Done);
                    Some(Err(DocError {
                        id,
                        error: IngestError::Io {
                            path,
                            source: error,
                        },
                    }))
                }
            };
        }
    }

    /// Ends reading: nothing more is yielded.
    fn stop(&mut self, fatal: IngestError) {
        self.fatal = Some(fatal);
        self.json = None;
        self.walk = None;
        self.inputs.clear();
    }

    fn next_walked(&mut self) -> Option<Result<RawDocument, DocError>> {
        loop {
            let (root, walk) = self.walk.as_mut()?;
            let entry = match walk.next() {
                None => {
                    self.walk = None;
                    return None;
                }
                Some(Err(e)) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let id = relative_id(root, &path);
                    let source = io::Error::other(e.to_string());
                    return Some(Err(DocError {
                        id,
                        error: IngestError::Io { path, source },
                    }));
                }
                Some(Ok(entry)) => entry,
            };
            if is_hidden(&entry) {
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            let id = relative_id(root, entry.path());
            if entry.file_type().is_dir() {
                if self.options.files.excludes_dir(&id) {
                    walk.skip_current_dir();
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            if !self.options.files.selects(&id) {
                self.skipped.add(id);
                continue;
            }
            if let Some(item) = self.open_file(&entry.into_path(), id) {
                return Some(item);
            }
            if let Some(item) = self.next_json() {
                return Some(item);
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Result<RawDocument, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.next_json() {
                return Some(item);
            }
            if let Some(item) = self.next_walked() {
                return Some(item);
            }
            match self.inputs.pop_front()? {
                Input::Stdin if self.options.stdin_jsonl => {
                    let reader = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
                    self.json = Some(JsonSource {
                        name: self.options.stdin_name.clone(),
                        reader,
                        values: None,
                        number: 0,
                        stdin: true,
                        fields: None,
                        held: VecDeque::new(),
                        undecided: None,
                    });
                }
                Input::Stdin => {
                    let id = self.options.stdin_name.clone();
                    return Some(
                        match read_bounded(io::stdin(), self.options.max_doc_bytes) {
                            Ok(Ok(bytes)) => Ok(RawDocument::new(id, SourceKind::Text, bytes)),
                            Ok(Err(size)) => Err(DocError {
                                error: self.too_large(size),
                                id,
                            }),
                            Err(source) => Err(DocError {
                                id,
                                error: IngestError::Io {
                                    path: "-".into(),
                                    source,
                                },
                            }),
                        },
                    );
                }
                Input::Path(path) if path.is_dir() => {
                    let walk = walkdir::WalkDir::new(&path)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter();
                    self.walk = Some((path, walk));
                }
                Input::Path(path) => {
                    let id = path.to_string_lossy().into_owned();
                    if let Some(item) = self.open_file(&path, id) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

/// The lowercase extension of a file, without a `.gz` (then `true`): `jsonl` for `a.JSONL.gz`.
fn extension(path: &Path) -> (String, bool) {
    let lower = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    match lower(path).as_str() {
        "gz" => (lower(&path.with_extension("")), true),
        extension => (extension.to_string(), false),
    }
}

/// The id of a file under a directory: its path relative to the directory, with `/` separators.
fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// Reads at most `limit` bytes: `Ok(Err(size))` when there are more (size is then a lower bound).
fn read_bounded(reader: impl Read, limit: u64) -> io::Result<Result<Vec<u8>, u64>> {
    let mut bytes = Vec::new();
    let read = reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)? as u64;
    Ok(if read > limit { Err(read) } else { Ok(bytes) })
}

/// What [`read_line_bounded`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRead {
    /// A line, now in the buffer.
    Line,
    /// The line was longer than the limit (its length); it was skipped.
    TooLong(u64),
    /// The end of the input.
    End,
}

/// Reads one line (without its `\n`) into `buf`, keeping memory bounded by `limit`: a longer
/// line is read past, not kept.
pub fn read_line_bounded(
    reader: &mut dyn BufRead,
    limit: u64,
    buf: &mut Vec<u8>,
) -> io::Result<LineRead> {
    let mut size = 0u64;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        size += chunk.len() as u64;
        if size <= limit {
            buf.extend_from_slice(chunk);
        } else {
            buf.clear();
        }
        let used = chunk.len() + usize::from(done);
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (any, size > limit) {
        (false, _) => LineRead::End,
        (true, true) => LineRead::TooLong(size),
        (true, false) => LineRead::Line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_core::Encoding;

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn read_all(inputs: Vec<Input>, options: ReaderOptions) -> Vec<Result<Document, DocError>> {
        Reader::new(inputs, options)
            .map(|r| r.and_then(RawDocument::parse))
            .collect()
    }

    #[test]
    fn directory_tree_ids_and_errors_in_order() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "dev/text/a.txt", "Séoul said “yes”.".as_bytes());
        write(dir.path(), "dev/text/b.txt", b"");
        write(
            dir.path(),
            "dev/text/c.html",
            b"<html><body><p>Hi there.</p></body></html>",
        );
        write(dir.path(), "dev/.hidden", b"skip me");
        write(
            dir.path(),
            "dev/d.jsonl",
            b"{\"id\": 7, \"text\": \"One.\"}\n\n{\"id\": \"x\", \"te\n{\"body\": \"Two.\"}\n",
        );
        write(dir.path(), "e.txt", &[b'a'; 100]);
        let options = ReaderOptions {
            max_doc_bytes: 64,
            ..Default::default()
        };
        let got: Vec<_> = read_all(vec![Input::Path(dir.path().into())], options)
            .into_iter()
            .map(|r| match r {
                Ok(d) => format!("{} ok {}", d.id, d.text),
                Err(e) => format!("{} {}", e.id, e.error.kind()),
            })
            .collect();
        assert_eq!(
            got,
            [
                "dev/d.jsonl:1 ok One.".to_string(),
                "7 ok One.".into(),
                "dev/d.jsonl:3 json".into(),
                "dev/d.jsonl:4 ok Two.".into(),
                "dev/text/a.txt ok Séoul said “yes”.".into(),
                "dev/text/b.txt empty".into(),
                "dev/text/c.html ok Hi there.".into(),
                "e.txt too-large".into(),
            ][1..]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_folders_are_read_and_loops_reported() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "real/a.txt", b"One story.");
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("linked")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("real/loop")).unwrap();
        let got: Vec<String> = read_all(
            vec![Input::Path(dir.path().into())],
            ReaderOptions::default(),
        )
        .into_iter()
        .map(|r| match r {
            Ok(d) => d.id,
            Err(e) => format!("{} {}", e.id, e.error.kind()),
        })
        .collect();
        assert!(
            got.contains(&"linked/a.txt".to_string()) && got.contains(&"real/a.txt".to_string()),
            "{got:?}"
        );
        assert!(
            got.iter().any(|g| g.ends_with(" io")),
            "the loop is an error record: {got:?}"
        );
    }

    #[test]
    fn a_title_given_apart_is_read_as_a_json_title_field() {
        let text = |title| {
            RawDocument::new("t", SourceKind::Text, b"Body text.".to_vec())
                .parse_with_title(title)
                .unwrap()
                .layout
                .title
        };
        assert_eq!(
            text(Some("  Talks fail \n")),
            Some("Talks fail".to_string())
        );
        assert_eq!(text(Some(" ")), None);
        assert_eq!(text(None), None);
        let fields = Arc::new(JsonFields::default());
        let line = br#"{"text": "Body.", "title": "Own title"}"#.to_vec();
        let doc = RawDocument::new("j", SourceKind::JsonLine(fields), line)
            .parse_with_title(Some("Given"))
            .unwrap();
        assert_eq!(doc.layout.title.as_deref(), Some("Own title"));
        assert_eq!(doc.format, SourceFormat::Jsonl);
    }

    #[test]
    fn long_json_line_is_skipped_and_reading_goes_on() {
        let mut data = b"{\"text\": \"".to_vec();
        data.extend(std::iter::repeat_n(b'a', 5000));
        data.extend(b"\"}\n{\"id\": \"ok\", \"text\": \"Fine.\"}");
        let mut reader = io::Cursor::new(data);
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_bounded(&mut reader, 100, &mut buf).unwrap(),
            LineRead::TooLong(5012)
        ));
        buf.clear();
        assert!(matches!(
            read_line_bounded(&mut reader, 100, &mut buf).unwrap(),
            LineRead::Line
        ));
        assert_eq!(buf, b"{\"id\": \"ok\", \"text\": \"Fine.\"}");
        assert!(matches!(
            read_line_bounded(&mut reader, 100, &mut buf).unwrap(),
            LineRead::End
        ));
    }

    #[test]
    fn the_date_field_is_kept_as_given() {
        let parse = |fields: JsonFields, line: &str| {
            RawDocument::new("f:1", SourceKind::JsonLine(Arc::new(fields)), line.into())
                .parse()
                .unwrap()
                .layout
                .date
        };
        let line = r#"{"text": "Hi.", "date": " 26-FEB-1987 15:01:01.79 ", "published": "x"}"#;
        assert_eq!(
            parse(JsonFields::default(), line).as_deref(),
            Some("26-FEB-1987 15:01:01.79"),
            "the first usual name, trimmed"
        );
        let named = FieldNames {
            date: Some("published".into()),
            ..FieldNames::default()
        };
        assert_eq!(parse(named.unresolved(), line).as_deref(), Some("x"));
        for line in [
            r#"{"text": "Hi.", "date": 1987}"#,
            r#"{"text": "Hi.", "date": "  "}"#,
            r#"{"text": "Hi."}"#,
        ] {
            assert_eq!(parse(JsonFields::default(), line), None, "{line}");
        }
    }

    #[test]
    fn json_fields_are_configurable() {
        let fields = Arc::new(JsonFields {
            id: vec!["newid".into()],
            text: vec!["story".into()],
            title: vec![],
            date: vec![],
        });
        let raw = RawDocument::new(
            "f:1",
            SourceKind::JsonLine(fields.clone()),
            br#"{"newid": 5, "story": "Hi."}"#.to_vec(),
        );
        assert_eq!(raw.parse().unwrap().id, "5");
        let raw = RawDocument::new(
            "f:2",
            SourceKind::JsonLine(fields),
            br#"{"newid": 6, "text": "Hi."}"#.to_vec(),
        );
        let err = raw.parse().unwrap_err();
        assert_eq!((err.id.as_str(), err.error.kind()), ("6", "missing-field"));
    }

    #[test]
    fn a_bad_first_object_costs_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.jsonl",
            b"{\"id\": \"x\", \"title\": \"no text\"}\n{\"id\": \"y\", \"content\": \"One.\"}\n",
        );
        write(
            dir.path(),
            "b.jsonl",
            b"{\"id\": \"z\", \"html\": \"<p>\"}\n",
        );
        let mut reader = Reader::new([Input::Path(dir.path().into())], ReaderOptions::default());
        let got: Vec<String> = reader
            .by_ref()
            .map(|r| match r.and_then(RawDocument::parse) {
                Ok(d) => format!("{} ok {}", d.id, d.text),
                Err(e) => format!("{} {}", e.id, e.error.kind()),
            })
            .collect();
        assert_eq!(got, ["x missing-field", "y ok One."]);
        assert_eq!(reader.take_notices().len(), 1);
        let fatal = reader.take_fatal().expect("b.jsonl has no text field");
        assert!(
            fatal.to_string().starts_with("b.jsonl: no text field"),
            "{fatal}"
        );
    }

    #[test]
    fn windows_1252_file_is_flagged() {
        let doc = RawDocument::new("w.txt", SourceKind::Text, b"Caf\xe9 \x93quote\x94".to_vec())
            .parse()
            .unwrap();
        assert_eq!(doc.encoding, Encoding::Windows1252);
        assert_eq!(doc.text, "Café “quote”");
    }
}
