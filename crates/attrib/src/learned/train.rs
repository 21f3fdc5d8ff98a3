//! Fine-tuning the tagger: every window of every training document, in length-bucketed batches
//! in a seeded order, AdamW with a linear warm-up and a linear decay to zero, the gradient's norm
//! clipped; after each epoch the development documents are tagged and scored by the caller, and
//! the weights of the best epoch are kept (training stops when `patience` epochs in a row bring
//! no better score).
//!
//! After each epoch the whole state (weights, AdamW's moments, the batch order's generator, the
//! best epoch's weights and every epoch's figures) can be written to a checkpoint folder, and a
//! run started again with [`TrainOptions::resume`] goes on from there as if never stopped: each
//! epoch seeds libtorch's generator (dropout) from the seed and its number.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use quotewire_minilm::train::{AdamW, clip_grad_norm, plan_batches, schedule};
use serde_json::{Value, json};
use tch::{Device, Reduction, Tensor};

use super::{Result, Tagger, TaggerError, window_targets};
use quotewire_core::Span;

use crate::tagging::{LABELS, RoleSpan, Windows, piece_labels};

/// One training document: its text, its sentences and its gold spans (byte spans, any order,
/// overlaps allowed: see [`piece_labels`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// Its sentences, in order (for [`TrainOptions::packed`]; none: the text as one sentence).
    pub sentences: Vec<Span>,
    /// Gold spans of each role.
    pub spans: Vec<RoleSpan>,
}

/// A development document: its text and its sentences (in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevDoc<'a> {
    /// The text.
    pub text: &'a str,
    /// Its sentences.
    pub sentences: &'a [Span],
}

/// How to train.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training windows, at most.
    pub epochs: usize,
    /// Windows per step.
    pub batch_size: usize,
    /// The peak learning rate.
    pub learning_rate: f64,
    /// AdamW's decoupled weight decay (on every parameter).
    pub weight_decay: f64,
    /// The share of all steps over which the learning rate rises from zero to its peak.
    pub warmup: f64,
    /// The largest L2 norm of the whole gradient (clipped above it).
    pub clip_norm: f64,
    /// Epochs without a better development score after which training stops.
    pub patience: usize,
    /// Seeds libtorch (head initialisation, dropout) and the order of the batches.
    pub seed: u64,
    /// Where to train.
    pub device: Device,
    /// How documents are windowed: `size` pieces a window; with `packed`, whole sentences up to
    /// `size` pieces with no context, else each window `stride` pieces after the one before.
    pub windows: Windows,
    /// Windows that keep sentences whole ([`Windows::packed`], no context), in training and when
    /// the development documents are tagged: as the bundled tagger reads.
    pub packed: bool,
    /// Windows per batch when tagging the development documents.
    pub eval_batch: usize,
    /// Stops after this many steps in all (for smoke runs); the schedule is laid out for them.
    pub max_steps: Option<usize>,
    /// Keeps MiniLM's word-piece embeddings as published (half of its parameters): they are
    /// neither trained nor saved, and come from the MiniLM folder when the tagger is loaded.
    pub freeze_word_embeddings: bool,
    /// A folder to write the whole training state to after every epoch.
    pub checkpoint: Option<PathBuf>,
    /// A checkpoint folder to go on from (written by a run with the same options and data).
    pub resume: Option<PathBuf>,
    /// Stops after this many epochs in all, the plan unchanged (to go on later from the
    /// checkpoint).
    pub stop_after: Option<usize>,
    /// After the last epoch, scores the best epoch's weights and the mean of them and the last
    /// epoch's, both read as `run` reads (whole sentences, [`Windows::packed`]), and keeps the
    /// higher (checkpoint averaging: the two ends of one run lie in one basin, and their mean
    /// often generalises better than either).
    pub average: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 6,
            batch_size: 16,
            learning_rate: 8e-5,
            weight_decay: 0.01,
            warmup: 0.06,
            clip_norm: 1.0,
            patience: 2,
            seed: 20_261_201,
            device: Device::Cpu,
            windows: Windows::default(),
            eval_batch: 32,
            max_steps: None,
            freeze_word_embeddings: true,
            packed: false,
            checkpoint: None,
            resume: None,
            stop_after: None,
            average: true,
        }
    }
}

/// What an epoch came to, for the caller to score.
#[derive(Debug)]
pub struct EpochReport<'a> {
    /// 1-based.
    pub epoch: usize,
    /// Mean training loss over the epoch's steps.
    pub loss: f64,
    /// Steps in this epoch.
    pub steps: usize,
    /// Seconds the epoch's training took (the development tagging not counted).
    pub train_seconds: f64,
    /// Seconds the development documents took to tag.
    pub dev_seconds: f64,
    /// The spans tagged in each development document, in the order given.
    pub dev: &'a [Vec<RoleSpan>],
    /// Which weights were scored.
    pub weights: Scored,
}

/// The weights an [`EpochReport`] scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scored {
    /// The weights at the end of the epoch, the development documents read as in training.
    Epoch,
    /// After training ([`TrainOptions::average`]), read as `run` reads: the best epoch's
    /// weights (`epoch` is that epoch).
    Best,
    /// After training, read as `run` reads: the mean of epoch `best`'s weights and the last
    /// epoch's (`epoch` is the last).
    Average {
        /// The best epoch.
        best: usize,
    },
}

/// What the caller made of an epoch: its score (higher is better; it picks the epoch kept) and
/// the figures to keep in the training's account (and in checkpoints).
#[derive(Debug, Clone, PartialEq)]
pub struct EpochScore {
    /// The development score.
    pub score: f64,
    /// Anything to report of the epoch.
    pub figures: Value,
}

/// Progress, for a display.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// The training windows are ready: how many, and steps per epoch.
    Ready {
        /// Training windows.
        windows: usize,
        /// Steps per epoch.
        steps: usize,
    },
    /// Training goes on from a checkpoint after this many epochs.
    Resumed {
        /// Epochs done.
        epochs: usize,
    },
    /// The state after an epoch was written to the checkpoint folder.
    Checkpoint {
        /// 1-based epoch.
        epoch: usize,
    },
    /// A step is done.
    Step {
        /// 1-based epoch.
        epoch: usize,
        /// 1-based step within the epoch.
        step: usize,
        /// Its loss.
        loss: f64,
    },
}

/// The mean of two epochs' weights beside the best epoch's, as [`TrainOptions::average`]
/// scored them.
#[derive(Debug, Clone, PartialEq)]
pub struct Average {
    /// The best epoch and the last one (1-based).
    pub of: (usize, usize),
    /// What the caller made of the best epoch's weights.
    pub best: EpochScore,
    /// What the caller made of the mean.
    pub mean: EpochScore,
    /// The mean scored higher, so the tagger has its weights.
    pub kept: bool,
}

/// A trained tagger and how training went.
#[derive(Debug)]
pub struct Trained {
    /// The tagger with the weights of the best epoch (or their [`Average`] with the last one's,
    /// when it was kept).
    pub tagger: Tagger,
    /// That epoch (1-based).
    pub best_epoch: usize,
    /// Its development score.
    pub best_score: f64,
    /// Epochs run (fewer than asked for when stopped early).
    pub epochs_run: usize,
    /// Training windows.
    pub windows: usize,
    /// Steps taken in all.
    pub steps: usize,
    /// What the caller made of each epoch run, in order (those before a resume included).
    pub epochs: Vec<EpochScore>,
    /// The best and the last epoch's weights averaged ([`TrainOptions::average`], when they
    /// are two epochs).
    pub average: Option<Average>,
}

/// Fine-tunes MiniLM from `minilm` on `train`; after each epoch, `after_epoch` gets the tagged
/// `dev` documents and returns their score (higher is better), which picks the epoch whose
/// weights are kept.
pub fn train_tagger(
    minilm: &Path,
    train: &[TrainDoc],
    dev: &[DevDoc],
    options: &TrainOptions,
    mut progress: impl FnMut(Progress),
    mut after_epoch: impl FnMut(&EpochReport) -> EpochScore,
) -> Result<Trained> {
    if train.is_empty() || options.batch_size == 0 || options.epochs == 0 {
        return Err(TaggerError::Train(
            "needs training documents, a batch size and epochs".into(),
        ));
    }
    if options.max_steps == Some(0) {
        return Err(TaggerError::Train(
            "at most 0 steps: nothing to train".into(),
        ));
    }
    for (i, doc) in train.iter().enumerate() {
        if let Some(s) = doc.spans.iter().find(|s| s.span.slice(&doc.text).is_none()) {
            return Err(TaggerError::Train(format!(
                "training document {i}: span {}..{} is not in its text",
                s.span.start, s.span.end
            )));
        }
    }
    tch::manual_seed(options.seed as i64);
    let mut tagger = Tagger::untrained(minilm, options.device)?.with_windows(options.windows);
    if options.freeze_word_embeddings {
        tagger.freeze_word_embeddings()?;
    }
    let windows = tagger.windows();
    let packed = windows.without_context();
    let mut examples: Vec<(Vec<i64>, Vec<i64>)> = Vec::new();
    for doc in train {
        let pieces = tagger.pieces(&doc.text)?;
        let labels = piece_labels(&pieces.spans, &doc.spans);
        let ranges = match options.packed {
            true => packed
                .packed(&pieces.spans, &doc.sentences)
                .into_iter()
                .map(|w| w.read)
                .collect(),
            false => windows.over(pieces.ids.len()),
        };
        for range in ranges {
            examples.push((
                pieces.ids[range.clone()].to_vec(),
                window_targets(&labels[range]),
            ));
        }
    }
    if examples.is_empty() {
        return Err(TaggerError::Train(
            "the training documents have no word pieces".into(),
        ));
    }
    let lengths: Vec<usize> = examples.iter().map(|(ids, _)| ids.len()).collect();
    let per_epoch = plan_batches(&lengths, options.batch_size, &mut options.seed.clone()).len();
    let planned = options.epochs * per_epoch;
    let total = options.max_steps.map_or(planned, |m| m.min(planned));
    let warmup = ((options.warmup * total as f64).ceil() as usize).min(total);
    progress(Progress::Ready {
        windows: examples.len(),
        steps: per_epoch,
    });

    let mut optimizer = AdamW::new(tagger.trained_variables(), options.weight_decay)?;
    let parameters = optimizer.tensors();
    let fingerprint = fingerprint(options, &examples);
    let mut state = match &options.resume {
        Some(dir) => {
            let state = Checkpoint::read(dir, &fingerprint, &mut tagger, &mut optimizer)?;
            progress(Progress::Resumed {
                epochs: state.epoch,
            });
            state
        }
        None => Checkpoint {
            epoch: 0,
            step: 0,
            rng: options.seed,
            best: None,
            epochs: Vec::new(),
        },
    };
    let last = options.epochs.min(options.stop_after.unwrap_or(usize::MAX));
    let mut stopped = state.epoch >= last || state.patience_spent(options.patience);
    while !stopped && state.step < total {
        let epoch = state.epoch + 1;
        tch::manual_seed(options.seed.wrapping_add(epoch as u64) as i64);
        let started = Instant::now();
        let mut loss_sum = 0.0;
        let mut steps = 0;
        for batch in plan_batches(&lengths, options.batch_size, &mut state.rng) {
            if state.step >= total {
                break;
            }
            let lr = options.learning_rate * schedule(state.step, warmup, total);
            let slices: Vec<&[i64]> = batch.iter().map(|&i| &examples[i].0[..]).collect();
            let logits = tagger.logits(&slices, true)?;
            let width = logits.size()[1] as usize;
            let mut targets = vec![-100i64; batch.len() * width];
            for (row, &i) in batch.iter().enumerate() {
                let t = &examples[i].1;
                targets[row * width..][..t.len()].copy_from_slice(t);
            }
            let targets = Tensor::from_slice(&targets).f_to(options.device)?;
            let loss = logits
                .f_view([-1, LABELS as i64])?
                .f_cross_entropy_loss::<Tensor>(&targets, None, Reduction::Mean, -100, 0.0)?;
            optimizer.zero_grad()?;
            loss.f_backward()?;
            clip_grad_norm(&parameters, options.clip_norm)?;
            optimizer.step(lr)?;
            let loss = loss.f_double_value(&[])?;
            loss_sum += loss;
            steps += 1;
            state.step += 1;
            progress(Progress::Step {
                epoch,
                step: steps,
                loss,
            });
        }
        let train_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let tagged = tagger.tag_dev(dev, options.packed, options.eval_batch)?;
        let report = EpochReport {
            epoch,
            loss: loss_sum / steps.max(1) as f64,
            steps,
            train_seconds,
            dev_seconds: started.elapsed().as_secs_f64(),
            dev: &tagged,
            weights: Scored::Epoch,
        };
        let scored = after_epoch(&report);
        state.epoch = epoch;
        if state
            .best
            .as_ref()
            .is_none_or(|(_, s, _)| scored.score > *s)
        {
            state.best = Some((epoch, scored.score, snapshot(&tagger)?));
        }
        state.epochs.push(scored);
        stopped = state.epoch >= last || state.patience_spent(options.patience);
        if let Some(dir) = &options.checkpoint {
            state.write(dir, &fingerprint, &tagger, &optimizer)?;
            progress(Progress::Checkpoint { epoch });
        }
    }
    let Some((best_epoch, best_score, weights)) = state.best else {
        return Err(TaggerError::Train("no epoch was run".into()));
    };
    let average = match options.average && best_epoch < state.epoch {
        true => {
            let mut score = |weights: Scored| -> Result<EpochScore> {
                let started = Instant::now();
                let tagged = tagger.tag_dev(dev, true, options.eval_batch)?;
                Ok(after_epoch(&EpochReport {
                    epoch: match weights {
                        Scored::Best => best_epoch,
                        _ => state.epoch,
                    },
                    loss: f64::NAN,
                    steps: 0,
                    train_seconds: 0.0,
                    dev_seconds: started.elapsed().as_secs_f64(),
                    dev: &tagged,
                    weights,
                }))
            };
            let last = snapshot(&tagger)?;
            copy_into(&tagger, &weights)?;
            let best = score(Scored::Best)?;
            average_into(&tagger, &last)?;
            let mean = score(Scored::Average { best: best_epoch })?;
            let kept = mean.score > best.score;
            Some(Average {
                of: (best_epoch, state.epoch),
                best,
                mean,
                kept,
            })
        }
        false => None,
    };
    if !average.as_ref().is_some_and(|a| a.kept) {
        copy_into(&tagger, &weights)?;
    }
    Ok(Trained {
        tagger,
        best_epoch,
        best_score,
        epochs_run: state.epoch,
        windows: examples.len(),
        steps: state.step,
        epochs: state.epochs,
        average,
    })
}

/// Sets the tagger's parameters to `weights` (by name).
fn copy_into(tagger: &Tagger, weights: &HashMap<String, Tensor>) -> Result<()> {
    let mut variables = tagger.vs.variables();
    for (name, saved) in weights {
        if let Some(target) = variables.get_mut(name) {
            tch::no_grad(|| target.f_copy_(saved))?;
        }
    }
    Ok(())
}

/// Sets each of the tagger's parameters to the mean of its value and `weights`' (by name).
fn average_into(tagger: &Tagger, weights: &HashMap<String, Tensor>) -> Result<()> {
    let mut variables = tagger.vs.variables();
    for (name, saved) in weights {
        if let Some(target) = variables.get_mut(name) {
            let saved = saved.f_to_device(target.device())?;
            tch::no_grad(|| -> tch::Result<()> {
                let _ = target.f_add_(&saved)?.f_mul_scalar_(0.5)?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// What a checkpoint must agree with to be resumed: every option that shapes the run, and the
/// training windows themselves (a hash of their ids and labels).
fn fingerprint(options: &TrainOptions, examples: &[(Vec<i64>, Vec<i64>)]) -> Value {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (ids, labels) in examples {
        for x in ids.iter().chain(labels) {
            hash.update(x.to_le_bytes());
        }
        hash.update(u64::MAX.to_le_bytes());
    }
    json!({
        "epochs": options.epochs,
        "batch_size": options.batch_size,
        "learning_rate": options.learning_rate,
        "weight_decay": options.weight_decay,
        "warmup": options.warmup,
        "clip_norm": options.clip_norm,
        "seed": options.seed,
        "window": options.windows.size,
        "stride": options.windows.stride,
        "packed": options.packed,
        "max_steps": options.max_steps,
        "freeze_word_embeddings": options.freeze_word_embeddings,
        "windows_sha256": format!("{:x}", hash.finalize()),
    })
}

/// Where training stands after an epoch.
struct Checkpoint {
    /// Epochs done.
    epoch: usize,
    /// Steps done, in all.
    step: usize,
    /// The batch order's generator.
    rng: u64,
    /// The best epoch so far, its score and weights.
    best: Option<(usize, f64, HashMap<String, Tensor>)>,
    /// Each epoch's score and figures.
    epochs: Vec<EpochScore>,
}

/// The checkpoint folder's files: the state in JSON, the tensors in safetensors.
const STATE_JSON: &str = "state.json";
const STATE_TENSORS: &str = "state.safetensors";

impl Checkpoint {
    /// `patience` epochs in a row have brought no better score than the best.
    fn patience_spent(&self, patience: usize) -> bool {
        self.best
            .as_ref()
            .is_some_and(|(e, _, _)| self.epoch - e >= patience.max(1))
    }

    /// Writes the state into `dir` (made when missing), replacing what was there only once both
    /// files are complete.
    fn write(&self, dir: &Path, fingerprint: &Value, tagger: &Tagger, adam: &AdamW) -> Result<()> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| TaggerError::Io { path, source }
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let mut tensors: Vec<(String, Tensor)> = tagger
            .trained_variables()
            .into_iter()
            .map(|(name, t)| Ok((format!("weight.{name}"), t.f_detach_copy()?)))
            .collect::<Result<_, tch::TchError>>()?;
        tensors.extend(adam.state()?);
        if let Some((_, _, best)) = &self.best {
            for (name, t) in best {
                tensors.push((format!("best.{name}"), t.shallow_clone()));
            }
        }
        tensors.sort_by(|a, b| a.0.cmp(&b.0));
        let part = dir.join(format!("{STATE_TENSORS}.part"));
        Tensor::write_safetensors(&tensors, &part).map_err(|source| TaggerError::Write {
            path: part.clone(),
            source,
        })?;
        let state = json!({
            "fingerprint": fingerprint,
            "epoch": self.epoch,
            "step": self.step,
            "rng": self.rng.to_string(),
            "best": self.best.as_ref().map(|(e, s, _)| json!({"epoch": e, "score": s})),
            "epochs": self.epochs.iter().map(|e| json!({"score": e.score, "figures": e.figures})).collect::<Vec<_>>(),
        });
        let json_part = dir.join(format!("{STATE_JSON}.part"));
        std::fs::write(&json_part, state.to_string() + "\n").map_err(io(&json_part))?;
        let tensors_path = dir.join(STATE_TENSORS);
        std::fs::rename(&part, &tensors_path).map_err(io(&tensors_path))?;
        let json_path = dir.join(STATE_JSON);
        std::fs::rename(&json_part, &json_path).map_err(io(&json_path))?;
        Ok(())
    }

    /// Reads the state from `dir` into the tagger and the optimiser; the checkpoint must have been
    /// written by a run of the same `fingerprint`.
    fn read(
        dir: &Path,
        fingerprint: &Value,
        tagger: &mut Tagger,
        adam: &mut AdamW,
    ) -> Result<Self> {
        let json_path = dir.join(STATE_JSON);
        let mismatch = |path: &Path, problem: String| TaggerError::Mismatch {
            path: path.into(),
            problem,
        };
        let text = std::fs::read_to_string(&json_path).map_err(|source| TaggerError::Io {
            path: json_path.clone(),
            source,
        })?;
        let state: Value = serde_json::from_str(&text).map_err(|source| TaggerError::Config {
            path: json_path.clone(),
            source,
        })?;
        // Checkpoints written before `packed` existed were not packed.
        let mut written = state["fingerprint"].clone();
        if let Some(map) = written.as_object_mut() {
            map.entry("packed").or_insert(json!(false));
        }
        if &written != fingerprint {
            return Err(mismatch(
                &json_path,
                format!(
                    "written by another run: {} here, {} now (resume with the same options and data)",
                    state["fingerprint"], fingerprint
                ),
            ));
        }
        let number = |key: &str| {
            state[key]
                .as_u64()
                .map(|n| n as usize)
                .ok_or_else(|| mismatch(&json_path, format!("no {key}")))
        };
        let (epoch, step) = (number("epoch")?, number("step")?);
        let rng = state["rng"]
            .as_str()
            .and_then(|r| r.parse().ok())
            .ok_or_else(|| mismatch(&json_path, "no rng".into()))?;
        let epochs: Vec<EpochScore> = state["epochs"]
            .as_array()
            .ok_or_else(|| mismatch(&json_path, "no epochs".into()))?
            .iter()
            .map(|e| EpochScore {
                score: e["score"].as_f64().unwrap_or(f64::NEG_INFINITY),
                figures: e["figures"].clone(),
            })
            .collect();
        let tensors_path = dir.join(STATE_TENSORS);
        let saved: HashMap<String, Tensor> = Tensor::read_safetensors(&tensors_path)
            .map_err(|e| mismatch(&tensors_path, e.to_string()))?
            .into_iter()
            .collect();
        let mut best = HashMap::new();
        let mut optimizer = HashMap::new();
        let mut weights = HashMap::new();
        for (name, t) in saved {
            if let Some(n) = name.strip_prefix("best.") {
                best.insert(n.to_string(), t);
            } else if let Some(n) = name.strip_prefix("weight.") {
                weights.insert(n.to_string(), t);
            } else {
                optimizer.insert(name, t);
            }
        }
        for (name, mut target) in tagger.trained_variables() {
            let source = weights
                .get(&name)
                .ok_or_else(|| mismatch(&tensors_path, format!("no weight.{name}")))?;
            tch::no_grad(|| target.f_copy_(source))?;
        }
        adam.restore(&optimizer)
            .map_err(|problem| mismatch(&tensors_path, problem))?;
        let best = match &state["best"] {
            Value::Null => None,
            b => Some((
                b["epoch"].as_u64().unwrap_or(0) as usize,
                b["score"].as_f64().unwrap_or(f64::NEG_INFINITY),
                best,
            )),
        };
        Ok(Checkpoint {
            epoch,
            step,
            rng,
            best,
            epochs,
        })
    }
}

/// A copy of every parameter that training changes, on the CPU.
fn snapshot(tagger: &Tagger) -> Result<HashMap<String, Tensor>> {
    tagger
        .trained_variables()
        .into_iter()
        .map(|(name, t)| {
            let copy = tch::no_grad(|| t.f_detach_copy()?.f_to_device(Device::Cpu))?;
            Ok((name, copy))
        })
        .collect()
}
