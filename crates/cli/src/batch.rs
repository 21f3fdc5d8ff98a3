//! `quotewire run`: streams documents through the pipeline in bounded memory.
//!
//! One thread reads the inputs in order and hands each raw document to the rayon workers, which
//! parse, analyse and serialise it; the main thread writes the records in input order as soon
//! as each one's predecessors are done, and flushes at least every second, so a slow document
//! holds back only the records after it, and a stopped run keeps what it finished. Memory is
//! bounded by the documents in flight (read but not yet written).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::mpsc::{SyncSender, TryRecvError, channel, sync_channel};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use quotewire_core::OutputLine;
use quotewire_export::{ExportError, QuoteTable, Row};
use quotewire_ingest::{
    DocError, FieldNames, FileFilter, IngestError, Input, RawDocument, Reader, ReaderOptions,
    Skipped,
};
use quotewire_pipeline::index::SpeakerIndex;
use quotewire_pipeline::related::{Related, Similarity, StoryProfile, group};
use quotewire_pipeline::{DocumentIds, Failure, InFlight, Outcome, Pipeline, RunSummary};
use quotewire_score::{Target, TargetFinder};
use rayon::prelude::*;

use crate::args::{RelatedBy, RunArgs, StdinFormat};
use crate::report::Progress;

/// Documents read but not yet written stay under these (one document is always let in).
const IN_FLIGHT_BYTES: usize = 64 << 20;
const IN_FLIGHT_DOCS: usize = 4096;
/// The reader hands documents to the workers in batches of at most this many documents or
/// bytes, or of what has arrived when a stream has nothing more for now.
const BATCH_DOCS: usize = 64;
const BATCH_BYTES: usize = 1 << 20;
/// Written records reach the output at least this often.
const FLUSH_EVERY: Duration = Duration::from_secs(1);
/// How long the writer sleeps when no record is ready (it polls, so that the workers never
/// have to wake it).
const POLL: Duration = Duration::from_millis(2);

type Item = Result<RawDocument, DocError>;
type Batch = Vec<(usize, Item)>;
/// What the reader thread ends with: the files it skipped, and the error that stopped it.
type ReaderEnd = (Skipped, Option<IngestError>);

/// What came of one document, ready to be written.
struct Processed {
    /// The document's id.
    doc: String,
    line: String,
    /// The document's part of the speaker index, when one is built.
    index: Option<SpeakerIndex>,
    /// The document's profile for related stories, when they are asked for.
    profile: Option<StoryProfile>,
    /// The document's rows of the quote table, when one is written.
    rows: Option<Result<Vec<Row>, ExportError>>,
    bytes: usize,
    quotes: Option<usize>,
    failure: Option<Failure>,
}

pub fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let inputs: Vec<Input> = args
        .inputs
        .iter()
        .map(|s| Input::from(s.as_str()))
        .collect();
    let options = reader_options(args)?;
    let aliases = crate::files::read_aliases(args.aliases.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let scorer = match args.no_scoring {
        true => None,
        false => Some(crate::score::scorer(
            &args.scorer,
            pool.current_num_threads(),
        )?),
    };
    let targets = targets(args)?;
    let names = targets.targets().iter().map(|t| t.name.clone()).collect();
    let (quote_table, mut quote_rows) =
        QuoteTable::create(args.export_quotes.as_deref(), names)?.unzip();
    let attributor = crate::score::attributor(
        &args.attributor,
        args.scorer.minilm.as_deref(),
        pool.current_num_threads(),
    )?;
    let pipeline = Pipeline::new(args.with_text, scorer)
        .with_attributor(attributor)
        .with_targets(targets)
        .with_text_apart(quote_table.is_some())
        .with_speaker_index(args.index.is_some())
        .with_story_profiles(args.related.is_some())
        .with_rules(args.rules);
    let mut out: Box<dyn Write> = match args.output.as_str() {
        "-" => Box::new(BufWriter::with_capacity(1 << 16, io::stdout())),
        path => Box::new(BufWriter::with_capacity(
            1 << 16,
            File::create(path).with_context(|| format!("cannot create {path}"))?,
        )),
    };
    let progress = Progress::new(&inputs, args.quiet);
    let mut summary = RunSummary::start();
    let mut index = SpeakerIndex::default();
    let mut profiles = Vec::new();
    let mut ids = DocumentIds::default();

    let in_flight = InFlight::new(IN_FLIGHT_DOCS, IN_FLIGHT_BYTES);
    let (work, batches) = sync_channel::<Batch>(2 * pool.current_num_threads());
    let (done, outcomes) = channel::<(usize, Processed)>();
    let quiet = args.quiet;
    // `None` when the reader of our output has gone; else what the reader thread ends with: the
    // files it skipped, and the error that stopped it, if any.
    let ended = thread::scope(|scope| -> anyhow::Result<Option<ReaderEnd>> {
        let in_flight = &in_flight;
        let reader = scope.spawn(move || {
            let mut documents = Reader::new(inputs, options);
            read_in_batches(&mut documents, &work, in_flight, quiet);
            (documents.skipped().clone(), documents.take_fatal())
        });
        let (pool, pipeline, table) = (&pool, &pipeline, quote_table.as_ref());
        scope.spawn(move || {
            pool.install(|| {
                batches
                    .into_iter()
                    .par_bridge()
                    .for_each_with(done, |done, batch| {
                        // Each record goes as soon as it is made: the ones before a slow document
                        // of the batch are written while it is worked on.
                        for (seq, item) in batch {
                            let _ = done.send((seq, process(item, pipeline, table)));
                        }
                    })
            })
        });

        // Outcomes arrive in any order; each is written once all before it are.
        let mut waiting: BTreeMap<usize, Processed> = BTreeMap::new();
        let mut next = 0;
        let mut unflushed: Option<Instant> = None;
        let mut shown = Instant::now();
        loop {
            let mut idle = false;
            let mut arrived = false;
            loop {
                match outcomes.try_recv() {
                    Ok((seq, outcome)) => {
                        waiting.insert(seq, outcome);
                        arrived = true;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) if arrived => break,
                    Err(TryRecvError::Disconnected) => {
                        let end = reader
                            .join()
                            .map_err(|_| anyhow::anyhow!("the input reader crashed"))?;
                        return Ok(flush(&mut out)?.then_some(end));
                    }
                }
            }
            if !arrived {
                thread::sleep(POLL);
            }
            while let Some(mut outcome) = waiting.remove(&next) {
                next += 1;
                // The later copy of an id is reported, and left out of the corpus stages.
                if let Some(error) = ids.repeated(&outcome.doc) {
                    outcome = Processed::of(OutputLine::Error(error), outcome.bytes);
                }
                summary.add(outcome.bytes, outcome.quotes, outcome.failure);
                if let Some(part) = outcome.index {
                    index.merge(part);
                }
                profiles.extend(outcome.profile);
                if let (Some(table), Some(rows)) = (quote_rows.as_mut(), outcome.rows) {
                    table.write_all(rows?)?;
                }
                if !write_line(&mut out, &outcome.line)? {
                    in_flight.cancel();
                    return Ok(None);
                }
                unflushed.get_or_insert_with(Instant::now);
                idle = in_flight.written(outcome.bytes) == 0;
            }
            // Out at least every second, and at once when nothing else is being worked on (a
            // stream waiting for its next document).
            if unflushed.is_some_and(|since| idle || since.elapsed() >= FLUSH_EVERY) {
                if !flush(&mut out)? {
                    in_flight.cancel();
                    return Ok(None);
                }
                unflushed = None;
            }
            if shown.elapsed() >= Duration::from_millis(100) {
                progress.update(&summary);
                shown = Instant::now();
            }
        }
    })?;
    // The reader of our output has gone (`quotewire run ... | head`): nothing more to do.
    let Some((skipped, fatal)) = ended else {
        return Ok(ExitCode::SUCCESS);
    };
    progress.finish();
    if let Some(fatal) = fatal {
        return Err(fatal.into());
    }
    summary.skipped(skipped);
    if let Some(table) = quote_rows {
        table.finish()?;
    }
    if let Some(path) = &args.index {
        index.finish_with(&aliases);
        crate::files::write_json(&index, path)?;
    }
    if let Some(path) = &args.related {
        let related = related_stories(&profiles, args)?;
        crate::files::write_json(&related, path)?;
    }
    crate::report::finish(&summary, args.quiet, args.summary_json.as_deref())?;
    Ok(if summary.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Hands the documents to the workers in batches, as [`InFlight`] lets them in, until the
/// inputs end, the run is cancelled or the workers have gone.
fn read_in_batches(
    documents: &mut Reader,
    work: &SyncSender<Batch>,
    in_flight: &InFlight,
    quiet: bool,
) {
    let mut batch: Batch = Vec::new();
    let mut bytes = 0;
    for seq in 0.. {
        // A stream (stdin) hands over what has arrived instead of waiting for more.
        if !batch.is_empty() && documents.waits_for_input() {
            if work.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
            bytes = 0;
        }
        let item = documents.next();
        for notice in documents.take_notices() {
            if !quiet {
                eprintln!("quotewire: note: {notice}");
            }
        }
        let Some(item) = item else { break };
        let size = item.as_ref().map_or(0, |raw| raw.bytes.len());
        if !in_flight.admit(size) {
            return;
        }
        batch.push((seq, item));
        bytes += size;
        if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
            if work.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
            bytes = 0;
        }
    }
    let _ = work.send(batch);
}

/// Writes one record line; false when the reader of the output has gone.
fn write_line(out: &mut dyn Write, line: &str) -> anyhow::Result<bool> {
    still_open(writeln!(out, "{line}"))
}

/// Flushes the output; false when its reader has gone.
fn flush(out: &mut dyn Write) -> anyhow::Result<bool> {
    still_open(out.flush())
}

/// Whether a write reached the output: false when its reader has gone (a broken pipe, as
/// with `quotewire run ... | head`), an error for anything else.
fn still_open(written: io::Result<()>) -> anyhow::Result<bool> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        other => other.context("cannot write output").map(|()| true),
    }
}

fn reader_options(args: &RunArgs) -> anyhow::Result<ReaderOptions> {
    Ok(ReaderOptions {
        max_doc_bytes: args.max_doc_bytes,
        fields: FieldNames {
            id: args.id_field.clone(),
            text: args.text_field.clone(),
            title: args.title_field.clone(),
            date: args.date_field.clone(),
        },
        files: FileFilter::new(&args.globs, &args.excludes)?,
        stdin_jsonl: args.stdin_format == StdinFormat::Jsonl,
        stdin_name: args.stdin_name.clone(),
    })
}

/// The stance targets of `--target` and `--targets-file`.
fn targets(args: &RunArgs) -> anyhow::Result<TargetFinder> {
    let mut targets = args
        .targets
        .iter()
        .map(|spec| Target::parse(spec))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(path) = &args.targets_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        targets
            .extend(Target::parse_list(&text).with_context(|| format!("in {}", path.display()))?);
    }
    Ok(TargetFinder::new(targets)?)
}

/// Groups the stories as `--related-by` and `--related-threshold` say.
fn related_stories(profiles: &[StoryProfile], args: &RunArgs) -> anyhow::Result<Related> {
    Ok(match args.related_by {
        RelatedBy::Words => group(
            profiles,
            Similarity::Words(args.related_threshold.unwrap_or(0.4)),
        ),
        #[cfg(not(feature = "transformer"))]
        RelatedBy::Minilm => return Err(crate::score::needs_transformer("--related-by minilm")),
        #[cfg(feature = "transformer")]
        RelatedBy::Minilm => {
            use quotewire_score::transformer::{SentenceEncoder, set_torch_threads};
            let minilm = crate::score::minilm_dir(args.scorer.minilm.as_deref())?;
            let encoder = SentenceEncoder::load(&minilm)
                .with_context(|| format!("MiniLM from {}", minilm.display()))?;
            set_torch_threads(crate::score::cores(args.threads));
            let mut embeddings = Vec::with_capacity(profiles.len());
            for chunk in profiles.chunks(32) {
                let leads: Vec<&str> = chunk.iter().map(StoryProfile::lead).collect();
                embeddings.extend(encoder.embed(&leads)?);
            }
            let threshold = args.related_threshold.unwrap_or(0.7);
            group(profiles, Similarity::Embeddings(&embeddings, threshold))
        }
    })
}

/// Analyses and serialises one document; a failure becomes its error record.
fn process(item: Item, pipeline: &Pipeline, quotes: Option<&QuoteTable>) -> Processed {
    let bytes = item.as_ref().map_or(0, |raw| raw.bytes.len());
    let outcome = match item {
        Ok(raw) => pipeline.process(raw),
        Err(e) => Outcome::from(e),
    };
    let rows = quotes.zip(outcome.record_and_text());
    let rows = rows.map(|(table, (record, text))| table.rows(record, text));
    let mut processed = Processed::of(outcome.line, bytes);
    processed.rows = rows;
    processed.index = outcome.index;
    processed.profile = outcome.profile;
    processed
}

impl Processed {
    /// A document's line, serialised, without its corpus parts.
    fn of(line: OutputLine, bytes: usize) -> Self {
        let (doc, quotes, failure) = match &line {
            OutputLine::Record(record) => (
                record.doc.clone(),
                record.quotes.as_ref().map(Vec::len),
                None,
            ),
            OutputLine::Error(e) => (e.doc.clone(), None, Some(Failure::of(e))),
        };
        let line = line.to_json_line();
        Processed {
            doc,
            line,
            index: None,
            profile: None,
            rows: None,
            bytes,
            quotes,
            failure,
        }
    }
}
