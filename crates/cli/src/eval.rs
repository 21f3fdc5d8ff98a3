//! `quotewire eval`: accuracy against gold, as a table and as JSON.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use quotewire_core::{Document, Span};
use quotewire_eval::attribution::{self, AttributionScores, Prediction, Subset};
use quotewire_eval::gold::Attribution;
use quotewire_eval::gold::{GoldDoc, read_project_gold_dir};
use quotewire_eval::prf::{Counts, round};
use quotewire_eval::sentiment::{Polarity, accuracy, macro_f1, pearson, read_vader_ground_truth};
use quotewire_eval::{gum, polnear, sbd};
use quotewire_ingest::find_layout;
use quotewire_segment::Segmenter;
use serde_json::{Value, json};

use crate::args::{EvalArgs, EvalTask, Split};
use quotewire_cli::pipeline::Pipeline;
use quotewire_eval::newsmtsc::{holdout_split, read_newsmtsc};
use quotewire_score::{SentimentScorer, TargetKind, Vader};

/// Neutral band of the human mean rating (-4..4) for sentiment classes.
const GOLD_NEUTRAL_BAND: f64 = 0.5;
/// Neutral band of a compound score (-1..1), VADER's own.
const COMPOUND_NEUTRAL_BAND: f64 = 0.05;

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let data = data_dir(args.data.as_deref());
    let (report, text) = match args.task {
        EvalTask::Attribution => attribution_report(args, &data)?,
        EvalTask::Sbd => sbd_report(args, &data)?,
        EvalTask::Sentiment => sentiment_report(args, &data)?,
        EvalTask::Stance => stance_report(args, &data)?,
    };
    print!("{text}");
    if let Some(path) = &args.baseline {
        let before: Value = serde_json::from_str(
            &std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?,
        )
        .with_context(|| format!("{} is not a JSON report", path.display()))?;
        print!("{}", deltas(&before, &report));
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

/// The shared data folder: the one given, else $QUOTEWIRE_DATA, else `../shared/data`.
pub fn data_dir(given: Option<&Path>) -> PathBuf {
    given
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("QUOTEWIRE_DATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/data"))
}

/// The first non-blank line of a file, as JSON.
fn first_json_line(path: &Path) -> anyhow::Result<Value> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let line = data.lines().find(|l| !l.trim().is_empty()).unwrap_or("{}");
    serde_json::from_str(line).with_context(|| format!("{}: not JSON Lines", path.display()))
}

fn read_attribution_gold(path: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    Ok(if path.is_dir() {
        if path.join("attributions").is_dir() {
            polnear::read_brat_split(path)?
        } else {
            read_project_gold_dir(path)?
        }
    } else {
        let first = first_json_line(path)?;
        if first.get("all_annotators").is_some() {
            polnear::read_derived(path)?
        } else if first.get("attributions").is_some() {
            gum::read_attribution(path)?
        } else {
            bail!("{}: not PolNeAR, GUM or quotewire gold", path.display())
        }
    })
}

/// Predictions from a file, or this build's pipeline run over the gold texts.
fn predictions(
    args: &EvalArgs,
    gold: &[GoldDoc],
) -> anyhow::Result<(HashMap<String, Vec<Attribution>>, usize)> {
    if let Some(path) = &args.pred {
        return Ok(attribution::read_predictions(path)?);
    }
    let pipeline = Pipeline::new(false, None);
    let mut out = HashMap::new();
    for doc in gold {
        let mut document = Document::new(doc.id.clone(), doc.text.clone());
        document.layout = find_layout(&doc.text);
        let record = pipeline.analyse(document);
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

fn attribution_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Value, String)> {
    let gold_paths = defaults(args, &[data.join("polnear/derived/polnear_dev.jsonl")])?;
    let mut gold = Vec::new();
    for path in &gold_paths {
        gold.extend(read_attribution_gold(path)?);
    }
    let (predictions, error_records) = predictions(args, &gold)?;
    let known: std::collections::HashSet<&str> =
        gold.iter().map(|d| attribution::doc_key(&d.id)).collect();
    let unmatched = predictions
        .keys()
        .filter(|k| !known.contains(k.as_str()))
        .count();
    let all = attribution::score(&gold, &predictions, Subset::All);
    let quoted = attribution::score(&gold, &predictions, Subset::Quoted);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "attribution: {} gold documents from {}",
        gold.len(),
        join_paths(&gold_paths)
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
        text.push_str(&attribution_table(scores));
        print_misses(&mut text, scores, args.errors);
    }
    let report = json!({
        "task": "attribution",
        "gold": gold_paths, "pred": args.pred, "documents": gold.len(),
        "all": attribution_json(&all), "quoted": attribution_json(&quoted),
    });
    Ok((report, text))
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn prf_row(name: &str, c: &Counts) -> String {
    format!(
        "  {name:<22} {:>7.4} {:>7.4} {:>7.4}   {:>6} {:>6}\n",
        c.precision(),
        c.recall(),
        c.f1(),
        c.predicted,
        c.gold
    )
}

fn attribution_table(s: &AttributionScores) -> String {
    let mut t = format!(
        "  {:<22} {:>7} {:>7} {:>7}   {:>6} {:>6}\n",
        "", "P", "R", "F1", "pred", "gold"
    );
    for (role, counts) in [
        ("source", &s.source),
        ("cue", &s.cue),
        ("content", &s.content),
    ] {
        t += &prf_row(&format!("{role} exact"), &counts.exact);
        t += &prf_row(&format!("{role} token"), &counts.token);
    }
    t += &prf_row("attribution (match)", &s.attribution);
    for (kind, counts) in &s.by_kind {
        t += &prf_row(&format!("  kind {kind}"), counts);
    }
    t += &format!(
        "  speaker accuracy on matched: {:.4} ({}/{})\n",
        s.speaker_accuracy(),
        s.speaker_correct,
        s.speaker_total
    );
    t
}

fn print_misses(text: &mut String, scores: &AttributionScores, n: usize) {
    if n == 0 {
        return;
    }
    for kind in ["missed", "spurious", "wrong-speaker"] {
        let mut misses: Vec<_> = scores.misses.iter().filter(|m| m.kind == kind).collect();
        let total = misses.len();
        // The longest first: they weigh most in token recall and precision.
        misses.sort_by_key(|m| std::cmp::Reverse(m.content.len()));
        let _ = writeln!(text, "  {kind}: {total}");
        for m in misses.into_iter().take(n) {
            let _ = writeln!(
                text,
                "    [{}] {:?}\n        {}",
                m.doc, m.content, m.detail
            );
        }
    }
}

fn attribution_json(s: &AttributionScores) -> Value {
    let role = |r: &attribution::RoleCounts| json!({"exact": r.exact.to_json(), "token": r.token.to_json()});
    let kinds: BTreeMap<&str, Value> = s.by_kind.iter().map(|(k, c)| (*k, c.to_json())).collect();
    let mut misses: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &s.misses {
        *misses.entry(m.kind).or_default() += 1;
    }
    json!({
        "documents": s.docs,
        "source": role(&s.source), "cue": role(&s.cue), "content": role(&s.content),
        "attribution": s.attribution.to_json(),
        "speaker_accuracy": round(s.speaker_accuracy()), "speaker_correct": s.speaker_correct, "speaker_matched": s.speaker_total,
        "by_kind": kinds, "misses": misses,
    })
}

fn sbd_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Value, String)> {
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
        .map(read_sentence_predictions)
        .transpose()?;
    let segmenter = Segmenter::new();
    let segment = |text: &str| -> Vec<Span> {
        match &predicted {
            Some(by_text) => by_text.get(text).cloned().unwrap_or_default(),
            None => segmenter.sentences(text).collect(),
        }
    };
    let mut text = String::new();
    let mut sets = Vec::new();
    let (mut all_boundaries, mut boundary_sets) = (Counts::default(), 0);
    for path in &gold_paths {
        let first = first_json_line(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if first.get("expected").is_some() {
            let cases = sbd::read_golden_rules(path)?;
            let failures = sbd::golden_rules(&cases, segment);
            let passed = cases.len() - failures.len();
            let rate = passed as f64 / cases.len().max(1) as f64;
            let _ = writeln!(
                text,
                "{name}: Golden Rules {passed}/{} passed = {:.2}%",
                cases.len(),
                rate * 100.0
            );
            for f in failures.iter().take(if args.errors > 0 {
                args.errors
            } else {
                usize::MAX
            }) {
                let _ = writeln!(
                    text,
                    "  FAIL {}: expected {:?}\n       got {:?}",
                    f.id, f.expected, f.got
                );
            }
            let failed: Vec<&str> = failures.iter().map(|f| f.id.as_str()).collect();
            sets.push(json!({"gold": path, "golden_rules": {"passed": passed, "total": cases.len(), "rate": round(rate), "failed": failed}}));
        } else if first.get("sentences").is_some() {
            let docs = gum::read_sentences(path)?;
            let (counts, misses) = sbd::boundaries(&docs, segment);
            all_boundaries.add(counts);
            boundary_sets += 1;
            let _ = writeln!(
                text,
                "{name}: {} documents, boundaries P {:.4} R {:.4} F1 {:.4} ({} predicted, {} gold)",
                docs.len(),
                counts.precision(),
                counts.recall(),
                counts.f1(),
                counts.predicted,
                counts.gold
            );
            for m in misses.iter().take(args.errors) {
                let _ = writeln!(text, "  {m}");
            }
            sets.push(
                json!({"gold": path, "documents": docs.len(), "boundaries": counts.to_json()}),
            );
        } else {
            bail!(
                "{}: neither Golden Rules nor gold sentences",
                path.display()
            );
        }
    }
    let mut report = json!({"task": "sbd", "sets": sets});
    if boundary_sets > 1 {
        let c = all_boundaries;
        let _ = writeln!(
            text,
            "all gold sentence sets: boundaries P {:.4} R {:.4} F1 {:.4}",
            c.precision(),
            c.recall(),
            c.f1()
        );
        report["boundaries"] = c.to_json();
    }
    Ok((report, text))
}

/// `{"text": ..., "sentences": [{"start", "end"}]}` lines: another segmenter's output.
fn read_sentence_predictions(path: &Path) -> anyhow::Result<HashMap<String, Vec<Span>>> {
    #[derive(serde::Deserialize)]
    struct Line {
        text: String,
        sentences: Vec<Span>,
    }
    let lines: Vec<Line> = quotewire_eval::read_jsonl(path)?;
    Ok(lines.into_iter().map(|l| (l.text, l.sentences)).collect())
}

fn sentiment_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Value, String)> {
    let gold_paths = defaults(
        args,
        &[data.join("vader/nytEditorialSnippets_GroundTruth.dev.txt")],
    )?;
    let mut gold = Vec::new();
    for path in &gold_paths {
        gold.extend(read_vader_ground_truth(path)?);
    }
    let compound: Vec<f64> = match &args.pred {
        Some(pred) => predicted(pred, "compound", |v| v.as_f64())?,
        None => {
            let scorer = Vader::new();
            gold.iter()
                .map(|g| scorer.sentiment(&g.text).compound)
                .collect()
        }
    };
    if compound.len() != gold.len() {
        bail!(
            "{} predictions for {} gold sentences",
            compound.len(),
            gold.len()
        );
    }
    let means: Vec<f64> = gold.iter().map(|g| g.mean).collect();
    let r = pearson(&means, &compound);
    let gold_classes: Vec<Polarity> = means
        .iter()
        .map(|m| Polarity::of(*m, GOLD_NEUTRAL_BAND))
        .collect();
    let pred_classes: Vec<Polarity> = compound
        .iter()
        .map(|c| Polarity::of(*c, COMPOUND_NEUTRAL_BAND))
        .collect();
    let f1 = macro_f1(&gold_classes, &pred_classes);
    let text = format!(
        "sentiment: {} sentences from {}\n  Pearson r with the human mean: {r:.4}\n  3-class macro-F1: {f1:.4} (gold neutral band ±{GOLD_NEUTRAL_BAND} on -4..4, predicted ±{COMPOUND_NEUTRAL_BAND})\n",
        gold.len(),
        join_paths(&gold_paths)
    );
    Ok((
        json!({"task": "sentiment", "gold": gold_paths, "pred": args.pred, "sentences": gold.len(), "pearson_r": round(r), "macro_f1": round(f1)}),
        text,
    ))
}

/// The `field` of each line of a predictions file, in order.
fn predicted<T>(
    pred: &Path,
    field: &str,
    read: impl Fn(&Value) -> Option<T>,
) -> anyhow::Result<Vec<T>> {
    let lines: Vec<Value> = quotewire_eval::read_jsonl(pred)?;
    lines
        .iter()
        .enumerate()
        .map(|(i, v)| {
            read(&v[field]).with_context(|| {
                format!(
                    "{}: prediction {} has no usable {field}",
                    pred.display(),
                    i + 1
                )
            })
        })
        .collect()
}

fn stance_report(args: &EvalArgs, data: &Path) -> anyhow::Result<(Value, String)> {
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
        Some(pred) => predicted(pred, "label", |v| match v.as_str()? {
            "positive" | "favor" => Some(Polarity::Positive),
            "negative" | "against" => Some(Polarity::Negative),
            "neutral" => Some(Polarity::Neutral),
            _ => None,
        })?,
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
    if labels.len() != examples.len() {
        bail!(
            "{} predictions for {} gold targets",
            labels.len(),
            examples.len()
        );
    }
    let gold: Vec<Polarity> = examples.iter().map(|e| e.polarity).collect();
    let f1 = macro_f1(&gold, &labels);
    let accuracy = accuracy(&gold, &labels);
    let split = format!("{:?}", args.split).to_lowercase();
    let text = format!(
        "stance (sentiment toward a target): {} targets, {split} split of {}\n  macro-F1: {f1:.4}\n  accuracy: {accuracy:.4}\n",
        gold.len(),
        join_paths(&gold_paths)
    );
    Ok((
        json!({"task": "stance", "gold": gold_paths, "split": split, "pred": args.pred, "targets": gold.len(), "macro_f1": round(f1), "accuracy": round(accuracy)}),
        text,
    ))
}

/// Every number of `after` that `before` also has, with its change.
fn deltas(before: &Value, after: &Value) -> String {
    let (mut old, mut new) = (BTreeMap::new(), BTreeMap::new());
    flatten("", before, &mut old);
    flatten("", after, &mut new);
    let mut out = String::from("\nchange against the baseline:\n");
    for (key, value) in &new {
        if let Some(previous) = old.get(key) {
            if (value - previous).abs() > 1e-12 {
                let _ = writeln!(
                    out,
                    "  {key}: {previous} -> {value} ({:+.4})",
                    value - previous
                );
            }
        }
    }
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, f64>) {
    match value {
        Value::Number(n) => {
            out.insert(prefix.to_string(), n.as_f64().unwrap_or(0.0));
        }
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            flatten(
                &format!("{prefix}{}{k}", if prefix.is_empty() { "" } else { "." }),
                v,
                out,
            )
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| flatten(&format!("{prefix}[{i}]"), v, out)),
        _ => {}
    }
}
