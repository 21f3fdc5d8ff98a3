//! `Pipeline`: the stages built once; `analyse` for one document, `pipe` for many, in parallel
//! on a rayon pool with the GIL released, in input order.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString, PyTuple};
use quotewire_core::{ErrorRecord, OutputLine};
use quotewire_ingest::{JsonFields, ReaderOptions};
use quotewire_pipeline::DocumentIds;
use quotewire_pipeline::index::SpeakerIndex as RustIndex;
use quotewire_score::{Scorers, Target, TargetFinder};
use rayon::prelude::*;

use crate::errors::{error_of, value_error};
use crate::input::{Input, Reading};
use crate::objects::{Shared, to_python};
use crate::tables::SpeakerIndex;

/// The documents of a `pipe` handed to the workers at once stop at this many bytes (as
/// `quotewire run`'s batches do).
const BATCH_BYTES: usize = 1 << 20;

/// Python's `json.loads`.
static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A JSON text as Python objects (`json.loads`).
pub fn loads<'py>(py: Python<'py>, line: &str) -> PyResult<Bound<'py, PyAny>> {
    LOADS.import(py, "json", "loads")?.call1((line,))
}

/// The quotewire pipeline: segmentation, quotation attribution, sentiment and stance, built
/// once (word lists and rules are read at construction) and shared by every call; thread-safe.
///
/// `scoring=False` stops after attribution (no sentiment, no stance: `quotewire run
/// --no-scoring`). `targets` are stance targets besides the speakers: spec strings as
/// `--target` takes them (`"GSOMIA=General Security of Military Information
/// Agreement|intel-sharing pact"`), or a dict of names to lists of aliases. `attributor` is the
/// attribution method (`--attributor`): `"rules"`, or `"learned"` and `"hybrid"` in a build with
/// the `transformer` feature. `with_text` puts each document's text in its
/// record (`--with-text`), `rules` each quote's rule id (`--rules`); `max_doc_bytes` is the size
/// limit of a document in UTF-8 bytes (`--max-doc-bytes`, 32 MiB by default).
#[pyclass(frozen, module = "quotewire")]
pub struct Pipeline {
    pipeline: Arc<quotewire_pipeline::Pipeline>,
    reading: Reading,
    description: String,
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (scoring=true, targets=None, attributor="rules", with_text=false, rules=false, max_doc_bytes=None))]
    fn new(
        scoring: bool,
        targets: Option<&Bound<'_, PyAny>>,
        attributor: &str,
        with_text: bool,
        rules: bool,
        max_doc_bytes: Option<u64>,
    ) -> PyResult<Self> {
        let attributor_choice = attributor;
        let attributor = crate::attributor::attributor(attributor)?;
        let targets = match targets {
            Some(targets) => parse_targets(targets)?,
            None => Vec::new(),
        };
        let names: Vec<String> = targets.iter().map(|t| t.name.clone()).collect();
        let finder = TargetFinder::new(targets).map_err(value_error)?;
        let max_doc_bytes = max_doc_bytes.unwrap_or(ReaderOptions::default().max_doc_bytes);
        let pipeline = quotewire_pipeline::Pipeline::new(with_text, scoring.then(Scorers::lexicon))
            .with_attributor(attributor)
            .with_targets(finder)
            .with_rules(rules)
            // The text of a record without it, for the speaker index of `pipe(index=...)`.
            .with_text_apart(true);
        Ok(Pipeline {
            pipeline: Arc::new(pipeline),
            reading: Reading {
                max_doc_bytes,
                fields: Arc::new(JsonFields::default()),
            },
            description: format!(
                "Pipeline(scoring={}, targets={names:?}, attributor='{attributor_choice}', \
                 with_text={}, rules={}, max_doc_bytes={max_doc_bytes})",
                py_bool(scoring),
                py_bool(with_text),
                py_bool(rules),
            ),
        })
    }

    fn __repr__(&self) -> String {
        self.description.clone()
    }

    /// The record of one document, as `quotewire run` writes it (parsed JSON: a dict).
    ///
    /// `text` is a `str` (read as a UTF-8 text file is: HTML recognised by its opening tag),
    /// `bytes` (UTF-8, else Windows-1252) or a dict (read as a JSON Lines line: its `id`, text and
    /// `title` fields by their usual names). `id` is the record's `doc` (default `"doc"`, unless a
    /// dict has one); `headline` is a title given apart from the text (`meta.title`). Spans are
    /// byte offsets into the text (`Text` gives `str` indices). A document that cannot be
    /// analysed raises the `QuotewireError` of its error record's kind.
    #[pyo3(signature = (text, id=None, headline=None))]
    fn analyse<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<String>,
        headline: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut input = self
            .reading
            .input(text, id.unwrap_or_else(|| "doc".into()))?;
        input.title = headline;
        let pipeline = &self.pipeline;
        let line = py.detach(move || input.process(pipeline).line);
        match line {
            OutputLine::Error(error) => Err(error_of(py, &error)),
            record => to_python(py, &mut Shared::default(), &record),
        }
    }

    /// The records of many documents, in input order, as an iterator: analysed in parallel on
    /// `threads` worker threads (default: one per core) with the GIL released, `batch_size`
    /// documents handed to the workers at a time.
    ///
    /// Each document is a `str`, `bytes` or dict, as `analyse` takes them (one of them alone is
    /// one document); a document without an id of its own gets its position (`"0"`, `"1"`, ...).
    /// A document that cannot be analysed gives its error record (`{"doc", "error", "kind"}`, as
    /// `quotewire run` writes it), or with `errors="raise"` raises its `QuotewireError`; a later
    /// copy of an id gets a `duplicate-id` error. `index`, a `SpeakerIndex`, gets each document's
    /// speakers (`run --index`). `as_json=True` yields the JSON lines themselves (str). An item
    /// of another type raises `TypeError` once the records before it are out.
    #[pyo3(signature = (texts, threads=None, batch_size=64, errors="record", index=None, as_json=false))]
    #[allow(clippy::too_many_arguments)]
    fn pipe(
        &self,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        batch_size: usize,
        errors: &str,
        index: Option<Py<SpeakerIndex>>,
        as_json: bool,
    ) -> PyResult<Pipe> {
        let raise = match errors {
            "record" => false,
            "raise" => true,
            other => {
                return Err(value_error(format!(
                    "errors={other:?}: \"record\" (error records) or \"raise\""
                )));
            }
        };
        if batch_size == 0 {
            return Err(value_error("batch_size must be at least 1"));
        }
        if threads == Some(0) {
            return Err(value_error(
                "threads must be at least 1 (None: one per core)",
            ));
        }
        let py = texts.py();
        let one = texts.is_instance_of::<PyString>()
            || texts.is_instance_of::<PyBytes>()
            || texts.is_instance_of::<PyDict>();
        let source = match one {
            true => PyTuple::new(py, [texts])?.try_iter()?,
            false => texts.try_iter().map_err(|_| {
                PyTypeError::new_err("pipe takes an iterable of str, bytes or dict documents")
            })?,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start worker threads: {e}")))?;
        let depth = 2 * pool.current_num_threads();
        Ok(Pipe {
            pipeline: self.pipeline.clone(),
            reading: self.reading.clone(),
            pool,
            source: Some(source.unbind()),
            read: 0,
            batch_size,
            depth,
            in_flight: VecDeque::new(),
            ready: VecDeque::new(),
            ids: DocumentIds::default(),
            failure: None,
            raise,
            as_json,
            shared: Shared::default(),
            index,
        })
    }
}

/// `True`/`False`, as Python writes them.
fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Stance targets: an iterable of `--target` specs, or a dict of names to aliases (a list of
/// strings, or one string).
fn parse_targets(targets: &Bound<'_, PyAny>) -> PyResult<Vec<Target>> {
    if let Ok(dict) = targets.cast::<PyDict>() {
        let mut parsed = Vec::with_capacity(dict.len());
        for (name, aliases) in dict.iter() {
            let name: String = name.extract()?;
            let aliases: Vec<String> = match aliases.cast::<PyString>() {
                Ok(one) => vec![one.to_cow()?.into_owned()],
                Err(_) if aliases.is_none() => Vec::new(),
                Err(_) => aliases.extract()?,
            };
            let mut target = Target::parse(&name).map_err(value_error)?;
            target.aliases.extend(
                aliases
                    .iter()
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty()),
            );
            parsed.push(target);
        }
        return Ok(parsed);
    }
    if targets.is_instance_of::<PyString>() {
        let spec: String = targets.extract()?;
        return Ok(vec![Target::parse(&spec).map_err(value_error)?]);
    }
    let mut parsed = Vec::new();
    for spec in targets.try_iter()? {
        let spec: String = spec?.extract()?;
        parsed.push(Target::parse(&spec).map_err(value_error)?);
    }
    Ok(parsed)
}

/// What came of one document of a `pipe`.
struct Done {
    /// Its record, or its error record.
    line: OutputLine,
    /// The line as `quotewire run` writes it, when the caller takes JSON (written on the worker).
    json: Option<String>,
    /// Its part of the speaker index, when one is built.
    index: Option<RustIndex>,
}

impl Done {
    /// Analyses one document (on a worker).
    fn of(input: Input, pipeline: &quotewire_pipeline::Pipeline, index: bool, json: bool) -> Done {
        let outcome = input.process(pipeline);
        let part = outcome
            .record_and_text()
            .filter(|_| index)
            .map(|(record, text)| {
                let mut part = RustIndex::default();
                part.add(record, text);
                part
            });
        Done {
            json: json.then(|| outcome.line.to_json_line()),
            line: outcome.line,
            index: part,
        }
    }

    fn failed(error: ErrorRecord, json: bool) -> Done {
        let line = OutputLine::Error(error);
        Done {
            json: json.then(|| line.to_json_line()),
            line,
            index: None,
        }
    }

    /// The document's id.
    fn doc(&self) -> &str {
        match &self.line {
            OutputLine::Record(record) => &record.doc,
            OutputLine::Error(error) => &error.doc,
        }
    }

    /// Its error record, when it failed.
    fn error(&self) -> Option<&ErrorRecord> {
        match &self.line {
            OutputLine::Record(_) => None,
            OutputLine::Error(error) => Some(error),
        }
    }
}

/// The records of `Pipeline.pipe`, in input order: an iterator. Documents are read from the
/// input as the workers need them (a few batches ahead), so memory stays bounded on a long
/// stream.
#[pyclass(module = "quotewire")]
pub struct Pipe {
    pipeline: Arc<quotewire_pipeline::Pipeline>,
    reading: Reading,
    pool: rayon::ThreadPool,
    /// The documents not yet read; `None` once they have ended or failed.
    source: Option<Py<PyIterator>>,
    /// How many documents have been read.
    read: usize,
    batch_size: usize,
    /// Batches handed to the workers at most at once.
    depth: usize,
    /// The batches being analysed, oldest first (each in a mutex only because a Python object
    /// is shared between threads: the iterator is used by one at a time).
    in_flight: VecDeque<Mutex<Receiver<Vec<Done>>>>,
    /// Records made, not yet handed out (or the exception of one, with `errors="raise"`).
    ready: VecDeque<PyResult<Py<PyAny>>>,
    ids: DocumentIds,
    /// What stopped the reading, raised once the records before it are out.
    failure: Option<PyErr>,
    raise: bool,
    as_json: bool,
    /// The Python objects the records share (their keys, ints, ...), made once.
    shared: Shared,
    index: Option<Py<SpeakerIndex>>,
}

#[pymethods]
impl Pipe {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            if let Some(record) = self.ready.pop_front() {
                return record.map(|r| Some(r.into_bound(py)));
            }
            self.fill(py);
            let Some(batch) = self.in_flight.pop_front() else {
                return match self.failure.take() {
                    Some(e) => Err(e),
                    None => Ok(None),
                };
            };
            let batch = batch
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let analysed = py.detach(move || batch.recv());
            let analysed = analysed.map_err(|_| {
                PyRuntimeError::new_err("a quotewire worker thread stopped (please report it)")
            })?;
            // The workers go on with the next batches while these are made into records.
            self.fill(py);
            self.make_records(py, analysed)?;
        }
    }
}

impl Pipe {
    /// Reads documents and hands them to the workers until `depth` batches are in flight or
    /// the input ends; what stops the reading is kept in `failure`.
    fn fill(&mut self, py: Python<'_>) {
        while self.in_flight.len() < self.depth {
            let Some(source) = &self.source else { return };
            let mut source = source.bind(py).clone();
            let mut batch = Vec::with_capacity(self.batch_size);
            let mut bytes = 0;
            while batch.len() < self.batch_size && bytes < BATCH_BYTES {
                let value = match source.next() {
                    None => {
                        self.source = None;
                        break;
                    }
                    Some(Err(e)) => {
                        self.stop(e);
                        break;
                    }
                    Some(Ok(value)) => value,
                };
                match self.reading.input(&value, self.read.to_string()) {
                    Ok(input) => {
                        bytes += input.bytes();
                        batch.push(input);
                        self.read += 1;
                    }
                    Err(e) => {
                        let at = format!("document {} of the input: ", self.read);
                        self.stop(prefixed(py, e, &at));
                        break;
                    }
                }
            }
            if batch.is_empty() {
                return;
            }
            let (done, analysed) = sync_channel(1);
            let pipeline = self.pipeline.clone();
            let index = self.index.is_some();
            let json = self.as_json;
            self.pool.spawn(move || {
                let batch: Vec<Done> = batch
                    .into_par_iter()
                    .map(|input| Done::of(input, &pipeline, index, json))
                    .collect();
                let _ = done.send(batch);
            });
            self.in_flight.push_back(Mutex::new(analysed));
        }
    }

    fn stop(&mut self, e: PyErr) {
        self.source = None;
        self.failure = Some(e);
    }

    /// A batch's records as Python objects, in input order. The cyclic garbage collector is
    /// paused meanwhile (as it was, after): records are trees of fresh objects with no cycles to
    /// collect, and a collection every few hundred of them would cost as much as making them.
    fn make_records(&mut self, py: Python<'_>, mut batch: Vec<Done>) -> PyResult<()> {
        let gc = py.import("gc")?;
        let enabled: bool = gc.call_method0("isenabled")?.extract()?;
        if enabled {
            gc.call_method0("disable")?;
        }
        for done in &mut batch {
            let record = self.hand_out(py, done).map(Bound::unbind);
            self.ready.push_back(record);
        }
        if enabled {
            gc.call_method0("enable")?;
        }
        // The Rust records are freed on a worker, not on the thread that holds the GIL.
        self.pool.spawn(move || drop(batch));
        Ok(())
    }

    /// One outcome as the caller gets it, in input order: a later copy of an id is an error, the
    /// document's speakers go into the index.
    fn hand_out<'py>(&mut self, py: Python<'py>, done: &mut Done) -> PyResult<Bound<'py, PyAny>> {
        if let Some(error) = self.ids.repeated(done.doc()) {
            *done = Done::failed(error, self.as_json);
        }
        if let (Some(index), Some(part)) = (&self.index, done.index.take()) {
            index.borrow_mut(py).merge_part(part);
        }
        if let (true, Some(error)) = (self.raise, done.error()) {
            return Err(error_of(py, error));
        }
        match &done.json {
            Some(line) => Ok(PyString::new(py, line).into_any()),
            None => to_python(py, &mut self.shared, &done.line),
        }
    }
}

/// The same exception, its message prefixed with where it happened.
fn prefixed(py: Python<'_>, e: PyErr, at: &str) -> PyErr {
    if e.is_instance_of::<PyTypeError>(py) {
        return PyTypeError::new_err(format!("{at}{}", e.value(py)));
    }
    e
}
