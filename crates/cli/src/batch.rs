//! `quotewire run`: streams documents through the pipeline in bounded memory.
//!
//! One thread reads the inputs in order and hands over chunks of raw documents (a few MB each)
//! through a channel of two; a rayon pool parses, analyses and serialises a chunk in parallel,
//! and the records are written in input order. Memory is bounded by a few chunks, whatever the
//! size of the corpus.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::thread;

use anyhow::Context;
use quotewire_core::{ErrorRecord, OutputLine};
use quotewire_ingest::{
    DocError, FieldNames, FileFilter, Input, RawDocument, Reader, ReaderOptions,
};
use rayon::prelude::*;

use crate::args::{RelatedBy, RunArgs, StdinFormat};
use crate::report::{Progress, Summary};
use quotewire_cli::index::SpeakerIndex;
use quotewire_cli::pipeline::Pipeline;
use quotewire_cli::related::{Related, Similarity, StoryProfile, group};
use quotewire_score::{Target, TargetFinder};

/// A chunk is handed to the workers once it holds this many bytes or documents.
const CHUNK_BYTES: usize = 4 << 20;
const CHUNK_DOCS: usize = 2048;

type Item = Result<RawDocument, DocError>;

/// What came of one document.
struct Outcome {
    line: String,
    /// The document's part of the speaker index, when one is built.
    index: Option<SpeakerIndex>,
    /// The document's profile for related stories, when they are asked for.
    profile: Option<StoryProfile>,
    bytes: usize,
    quotes: Option<usize>,
    failed: bool,
}

pub fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let inputs: Vec<Input> = args
        .inputs
        .iter()
        .map(|s| Input::from(s.as_str()))
        .collect();
    let options = reader_options(args)?;
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
    let pipeline = Pipeline::new(args.with_text, scorer).with_targets(targets(args)?);
    let mut out: Box<dyn Write> = match args.output.as_str() {
        "-" => Box::new(BufWriter::with_capacity(1 << 16, io::stdout())),
        path => Box::new(BufWriter::with_capacity(
            1 << 16,
            File::create(path).with_context(|| format!("cannot create {path}"))?,
        )),
    };
    let progress = Progress::new(&inputs, args.quiet);
    let mut summary = Summary::start();
    let mut index = SpeakerIndex::default();
    let mut profiles = Vec::new();

    let (sender, chunks) = sync_channel::<Vec<Item>>(2);
    let quiet = args.quiet;
    // The reader thread ends with what it skipped and the error that stopped it, if any.
    let reader = thread::spawn(move || {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        let mut documents = Reader::new(inputs, options);
        loop {
            // A stream (stdin) gets what has arrived at once instead of when a chunk is full,
            // so that records come out as documents go in.
            if !chunk.is_empty() && documents.waits_for_input() {
                if sender.send(std::mem::take(&mut chunk)).is_err() {
                    break;
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
            bytes += item.as_ref().map_or(0, |raw| raw.bytes.len());
            chunk.push(item);
            if bytes >= CHUNK_BYTES || chunk.len() >= CHUNK_DOCS {
                if sender.send(std::mem::take(&mut chunk)).is_err() {
                    break;
                }
                bytes = 0;
            }
        }
        let _ = sender.send(chunk);
        (documents.skipped().clone(), documents.take_fatal())
    });

    for chunk in chunks {
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|item| process(item, &pipeline, args))
                .collect()
        });
        for outcome in outcomes {
            summary.add(outcome.bytes, outcome.quotes, outcome.failed);
            if let Some(part) = outcome.index {
                index.merge(part);
            }
            profiles.extend(outcome.profile);
            match writeln!(out, "{}", outcome.line) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                other => other.context("cannot write output")?,
            }
        }
        match out.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            other => other.context("cannot write output")?,
        }
        progress.update(&summary);
    }
    let (skipped, fatal) = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the input reader crashed"))?;
    progress.finish();
    if let Some(fatal) = fatal {
        return Err(fatal.into());
    }
    summary.skipped(skipped);
    if let Some(path) = &args.index {
        index.finish();
        write_json(&index, path)?;
    }
    if let Some(path) = &args.related {
        let related = related_stories(&profiles, args)?;
        write_json(&related, path)?;
    }
    summary.finish(args.quiet, args.summary_json.as_deref())?;
    Ok(if summary.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn reader_options(args: &RunArgs) -> anyhow::Result<ReaderOptions> {
    Ok(ReaderOptions {
        max_doc_bytes: args.max_doc_bytes,
        fields: FieldNames {
            id: args.id_field.clone(),
            text: args.text_field.clone(),
            title: args.title_field.clone(),
        },
        files: FileFilter::new(&args.globs, &args.excludes)?,
        stdin_jsonl: args.stdin_format == StdinFormat::Jsonl,
        stdin_name: args.stdin_name.clone(),
    })
}

/// Writes a speaker index or related stories as pretty JSON.
pub fn write_json(value: &impl serde::Serialize, path: &std::path::Path) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(value)
        .with_context(|| format!("cannot serialise {}", path.display()))?;
    std::fs::write(path, json + "\n").with_context(|| format!("cannot write {}", path.display()))
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
        #[cfg(feature = "transformer")]
        RelatedBy::Minilm => {
            use quotewire_score::transformer::{StanceModel, set_torch_threads};
            let minilm = crate::score::minilm_dir(args.scorer.minilm.as_deref())?;
            let model = StanceModel::untrained(&minilm)
                .with_context(|| format!("MiniLM from {}", minilm.display()))?;
            set_torch_threads(crate::score::cores(args.threads));
            let mut embeddings = Vec::with_capacity(profiles.len());
            for chunk in profiles.chunks(32) {
                let leads: Vec<&str> = chunk.iter().map(StoryProfile::lead).collect();
                embeddings.extend(model.embeddings(&leads)?);
            }
            let threshold = args.related_threshold.unwrap_or(0.7);
            group(profiles, Similarity::Embeddings(&embeddings, threshold))
        }
    })
}

/// Parses, analyses and serialises one document; a failure becomes its error record.
fn process(item: Item, pipeline: &Pipeline, args: &RunArgs) -> Outcome {
    let bytes = item.as_ref().map_or(0, |raw| raw.bytes.len());
    let mut index = None;
    let mut profile = None;
    let line = match item.and_then(RawDocument::parse) {
        Ok(doc) => {
            let id = doc.id.clone();
            let text = (args.index.is_some() || args.related.is_some()).then(|| doc.text.clone());
            // A bug in a stage must cost one document, not the batch: it becomes an error record.
            match std::panic::catch_unwind(AssertUnwindSafe(|| pipeline.analyse(doc))) {
                Ok(record) => {
                    if let Some(text) = text {
                        if args.index.is_some() {
                            let mut part = SpeakerIndex::default();
                            part.add(&record, &text);
                            index = Some(part);
                        }
                        if args.related.is_some() {
                            profile = Some(StoryProfile::of(&record, &text));
                        }
                    }
                    OutputLine::Record(Box::new(record))
                }
                Err(panic) => {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    OutputLine::Error(ErrorRecord {
                        doc: id,
                        kind: "internal".into(),
                        error: format!(
                            "internal error while analysing the document (please report it): {message}"
                        ),
                    })
                }
            }
        }
        Err(e) => OutputLine::Error(ErrorRecord {
            doc: e.id,
            kind: e.error.kind().to_string(),
            error: e.error.to_string(),
        }),
    };
    let (quotes, failed) = match &line {
        OutputLine::Record(record) => (record.quotes.as_ref().map(Vec::len), false),
        OutputLine::Error(_) => (None, true),
    };
    let line = serde_json::to_string(&line).unwrap_or_else(|e| {
        format!(r#"{{"doc":"?","error":"cannot serialise record: {e}","kind":"internal"}}"#)
    });
    Outcome {
        line,
        index,
        profile,
        bytes,
        quotes,
        failed,
    }
}
