//! `quotewire eval`: accuracy against gold, as a table and as JSON.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use quotewire_core::{OutputLine, Record, Span};
use quotewire_eval::attribution::{self, Prediction, Subset};
use quotewire_eval::formats;
use quotewire_eval::gold::{Attribution, GoldDoc};
use quotewire_eval::newsmtsc::{holdout_split, read_newsmtsc};
use quotewire_eval::report::{AttributionReport, Report, SpeakerReport, changes};
use quotewire_eval::sentiment::{Polarity, read_vader_ground_truth, score_sentiment, score_stance};
use quotewire_eval::speakers::{predicted_quotes, read_speaker_gold, score_speakers};
use quotewire_eval::{sbd, tables};
use quotewire_ingest::{RawDocument, SourceKind};
use quotewire_pipeline::Pipeline;
use quotewire_score::{SentimentScorer, TargetKind, Vader};
use quotewire_segment::Segmenter;
use rayon::prelude::*;
use serde_json::Value;

use crate::args::{EvalArgs, EvalTask, Split};

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let data = quotewire_eval::data_dir(args.data.as_deref());
    let (report, text) = match args.task {
        EvalTask::Attribution => attribution_report(args, &data)?,
        EvalTask::Sbd => sbd_report(args, &data)?,
        EvalTask::Sentiment => sentiment_report(args, &data)?,
        EvalTask::Stance => stance_report(args, &data)?,
        EvalTask::Speakers => speakers_report(args, &data)?,
    };
    print!("{text}");
    // Through a `Value`, so that the keys come out in order.
    let report = serde_json::to_value(&report)?;
    if let Some(path) = &args.baseline {
        let before: Value = serde_json::from_str(
            &std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?,
        )
        .with_context(|| format!("{} is not a JSON report", path.display()))?;
        println!("\nchange against the baseline:");
        for c in changes(&before, &report) {
            let (key, before, after) = (c.key, c.before, c.after);
            println!("  {key}: {before} -> {after} ({:+.4})", after - before);
        }
    }
    if let Some(path) = &args.json {
        std::fs::write(path, format!("{report:#}\n"))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn defaults(args: &EvalArgs, fallback: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let gold = if args.gold.is_empty() {
        fallback.to_vec()
    } else {
        args.gold.clone()
    };
    for path in &gold {
        if !path.exists() {
            bail!(
                "gold {} not found (set --data or QUOTEWIRE_DATA for the default gold)",
                path.display()
            );
        }
    }
    Ok(gold)
}

/// Predictions from a file, or this build's pipeline run over the gold texts.
fn predictions(
    args: &EvalArgs,
    gold: &[GoldDoc],
) -> anyhow::Result<(HashMap<String, Vec<Attribution>>, usize)> {
    if let Some(path) = &args.pred {
        return Ok(attribution::read_predictions(path)?);
    }
    let docs: Vec<(&str, &str)> = gold.iter().map(|d| (&d.id[..], &d.text[..])).collect();
    let mut out = HashMap::new();
    for (doc, record) in gold.iter().zip(pipeline_records(args, &docs)?) {
        let Some(quotes) = record.quotes else {
            bail!("this build has no attribution stage yet: score a predictions file with --pred");
        };
        let prediction = Prediction {
            quotes,
            speakers: record.speakers.unwrap_or_default(),
        };
        out.insert(
            attribution::doc_key(&doc.id).to_string(),
            prediction.attributions(),
        );
    }
    Ok((out, 0))
}

/// The records of this build's pipeline (attribution only, the `--attributor` chosen) for gold
/// texts `(id, text)`, read as `quotewire run` reads a text file; in parallel, in order.
fn pipeline_records(args: &EvalArgs, docs: &[(&str, &str)]) -> anyhow::Result<Vec<Record>> {
    let threads = crate::score::cores(None);
    let attributor =
        crate::score::attributor(&args.attributor, args.scorer.minilm.as_deref(), threads)?;
    let pipeline = Pipeline::new(false, None)
        .with_rules(true)
        .with_attributor(attributor);
    docs.par_iter()
        .map(|&(id, text)| {
            let raw = RawDocument::new(id.to_string(), SourceKind::Text, text.as_bytes().to_vec());
            match pipeline.process(raw).line {
                OutputLine::Record(record) => Ok(*record),
                OutputLine::Error(e) => bail!("gold document {id}: {}", e.error),
            }
        })
        .collect()
}

/// Each gold document's readings by the rules, chosen or not (content and rule), by key.
fn readings(gold: &[GoldDoc]) -> anyhow::Result<attribution::Readings> {
    let pipeline = Pipeline::new(false, None);
    let mut out = HashMap::new();
    for doc in gold {
        let raw = RawDocument::new(doc.id.clone(), SourceKind::Text, doc.text.clone().into());
        let (_, candidates) = pipeline.candidates(raw)?;
        let readings = candidates
            .into_iter()
            .map(|c| (c.content, c.rule.id().to_string()));
        out.insert(
            attribution::doc_key(&doc.id).to_string(),
            readings.collect(),
        );
    }
    Ok(out)
}

fn attribution_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Report, String)> {
    let gold_paths = defaults(args, &[data.join("polnear/derived/polnear_dev.jsonl")])?;
    let mut gold = Vec::new();
    for path in &gold_paths {
        gold.extend(formats::read_attribution_gold(path)?);
    }
    let (predictions, error_records) = predictions(args, &gold)?;
    let known: std::collections::HashSet<&str> =
        gold.iter().map(|d| attribution::doc_key(&d.id)).collect();
    let unmatched = predictions
        .keys()
        .filter(|k| !known.contains(k.as_str()))
        .count();
    let mut all = attribution::score(&gold, &predictions, Subset::All);
    let mut quoted = attribution::score(&gold, &predictions, Subset::Quoted);
    if args.errors > 0 && args.pred.is_none() {
        let readings = readings(&gold)?;
        attribution::name_needed_rules(&mut all, &readings);
        attribution::name_needed_rules(&mut quoted, &readings);
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "attribution: {} gold documents from {}",
        gold.len(),
        tables::paths(&gold_paths)
    );
    if let Some(pred) = &args.pred {
        let _ = writeln!(
            text,
            "predictions: {} ({} documents, {} error records, {} not in gold)",
            pred.display(),
            predictions.len(),
            error_records,
            unmatched
        );
    }
    for (name, scores) in [
        ("all attributions", &all),
        ("quoted content only (direct + mixed)", &quoted),
    ] {
        let _ = writeln!(text, "\n{name}");
        text.push_str(&tables::attribution(scores));
        text.push_str(&tables::misses(scores, args.errors));
    }
    let instances = quotewire_eval::instances::score_dev(data, &gold, &predictions)?;
    if let Some(found) = &instances {
        text.push_str(&tables::instances(found));
    }
    let report = Report::Attribution(Box::new(AttributionReport {
        gold: gold_paths,
        pred: args.pred.clone(),
        documents: gold.len(),
        all: (&all).into(),
        quoted: (&quoted).into(),
        instances: instances.as_ref().map(Into::into),
    }));
    Ok((report, text))
}

fn sbd_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Report, String)> {
    let gold_paths = defaults(
        args,
        &[
            data.join("sbd/golden_rules_en.jsonl"),
            data.join("gum/derived/gum_news_sbd.jsonl"),
            data.join("gum/derived/gum_interview_sbd.jsonl"),
        ],
    )?;
    // Another segmenter's sentences, by text, or this build's segmenter.
    let predicted: Option<HashMap<String, Vec<Span>>> = args
        .pred
        .as_deref()
        .map(formats::read_sentence_predictions)
        .transpose()?;
    let segmenter = Segmenter::new();
    let segment = |text: &str| -> Vec<Span> {
        match &predicted {
            Some(by_text) => by_text.get(text).cloned().unwrap_or_default(),
            None => segmenter.sentences(text).collect(),
        }
    };
    let (report, text) = sbd::evaluate(&gold_paths, segment, args.errors)?;
    Ok((Report::Sbd(report), text))
}

fn sentiment_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Report, String)> {
    let gold_paths = defaults(
        args,
        &[data.join("vader/nytEditorialSnippets_GroundTruth.dev.txt")],
    )?;
    let mut gold = Vec::new();
    for path in &gold_paths {
        gold.extend(read_vader_ground_truth(path)?);
    }
    let compound: Vec<f64> = match &args.pred {
        Some(pred) => formats::read_compound_predictions(pred)?,
        None => {
            let scorer = Vader::new();
            gold.iter()
                .map(|g| scorer.sentiment(&g.text).compound)
                .collect()
        }
    };
    let report = score_sentiment(gold_paths, args.pred.clone(), &gold, &compound)?;
    Ok((
        Report::Sentiment(report.clone()),
        tables::sentiment(&report),
    ))
}

fn stance_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Report, String)> {
    let gold_paths = defaults(args, &[data.join("newsmtsc/train.jsonl")])?;
    let mut examples = Vec::new();
    for path in &gold_paths {
        let sentences = read_newsmtsc(path)?;
        let part = match args.split {
            Split::Holdout => holdout_split(sentences).1,
            Split::Train => holdout_split(sentences).0,
            Split::All => sentences,
        };
        examples.extend(part.into_iter().flatten());
    }
    let labels: Vec<Polarity> = match &args.pred {
        Some(pred) => formats::read_label_predictions(pred)?,
        None => {
            let scorer = crate::score::scorer(&args.scorer, 1)?;
            examples
                .iter()
                .map(|e| {
                    let stance = scorer
                        .stance
                        .stance(&e.text, e.target, TargetKind::Entity)?;
                    Ok(Polarity::from(stance.label))
                })
                .collect::<anyhow::Result<_>>()?
        }
    };
    let gold: Vec<Polarity> = examples.iter().map(|e| e.polarity).collect();
    let split = format!("{:?}", args.split).to_lowercase();
    let report = score_stance(gold_paths, split, args.pred.clone(), &gold, &labels)?;
    Ok((Report::Stance(report.clone()), tables::stance(&report)))
}

/// Quotes found and their speakers against the speaker gold, the stories read from the data.
fn speakers_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Report, String)> {
    let gold_path = match args.gold.as_slice() {
        [] => PathBuf::from("corpus/gold/speakers/bbc_reuters.jsonl"),
        [one] => one.clone(),
        _ => bail!("speakers: give one gold file"),
    };
    if !gold_path.exists() {
        bail!(
            "speaker gold {} not found (run from the repository root or pass --gold)",
            gold_path.display()
        );
    }
    let gold = read_speaker_gold(&gold_path, data)?;
    let records: Vec<Record> = match &args.pred {
        Some(path) => formats::read_records(path)?,
        None => {
            let docs: Vec<(&str, &str)> = gold.iter().map(|d| (&d.id[..], &d.text[..])).collect();
            pipeline_records(args, &docs)?
        }
    };
    let predicted = predicted_quotes(records);
    let scores = score_speakers(&gold, &predicted);
    let mut text = format!(
        "speakers: {} attributions in {} stories of {}\n",
        scores.gold,
        gold.len(),
        gold_path.display()
    );
    text.push_str(&tables::speakers(&scores, args.errors));
    let report = SpeakerReport::new(gold_path, args.pred.clone(), gold.len(), &scores);
    Ok((Report::Speakers(report), text))
}
