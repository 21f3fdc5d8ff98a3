//! Fine-tuning the tagger: every window of every training document, in length-bucketed batches
//! in a seeded order, AdamW with a linear warm-up and a linear decay to zero, the gradient's norm
//! clipped; after each epoch the development documents are tagged and scored by the caller, and
//! the weights of the best epoch are kept (training stops when `patience` epochs in a row bring
//! no better score).

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use quotewire_core::seeded::shuffle;
use tch::{Device, Kind, Reduction, Tensor, nn, nn::OptimizerConfig};

use super::{Result, Tagger, TaggerError, window_targets};
use crate::tagging::{LABELS, RoleSpan, Windows, piece_labels};

/// One training document: its text and its gold spans (byte spans, any order, overlaps allowed:
/// see [`piece_labels`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// Gold spans of each role.
    pub spans: Vec<RoleSpan>,
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
    /// How documents are windowed.
    pub windows: Windows,
    /// Windows per batch when tagging the development documents.
    pub eval_batch: usize,
    /// Stops after this many steps in all (for smoke runs); the schedule is laid out for them.
    pub max_steps: Option<usize>,
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

/// A trained tagger and how training went.
#[derive(Debug)]
pub struct Trained {
    /// The tagger with the weights of the best epoch.
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
}

/// Batches per group of a length bucket: windows are shuffled, cut into groups of this many
/// batches, each group sorted by length and cut into batches, and the batches shuffled.
const BUCKET_BATCHES: usize = 32;

/// Fine-tunes MiniLM from `minilm` on `train`; after each epoch, `after_epoch` gets the tagged
/// `dev` documents and returns their score (higher is better), which picks the epoch whose
/// weights are kept.
pub fn train_tagger(
    minilm: &Path,
    train: &[TrainDoc],
    dev: &[&str],
    options: &TrainOptions,
    mut progress: impl FnMut(Progress),
    mut after_epoch: impl FnMut(&EpochReport) -> f64,
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
    let tagger = Tagger::untrained(minilm, options.device)?.with_windows(options.windows);
    let windows = tagger.windows();
    let mut examples: Vec<(Vec<i64>, Vec<i64>)> = Vec::new();
    for doc in train {
        let pieces = tagger.pieces(&doc.text)?;
        let labels = piece_labels(&pieces.spans, &doc.spans);
        for range in windows.over(pieces.ids.len()) {
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
    let mut rng = options.seed;
    let per_epoch = plan_batches(&lengths, options.batch_size, &mut rng.clone()).len();
    let planned = options.epochs * per_epoch;
    let total = options.max_steps.map_or(planned, |m| m.min(planned));
    let warmup = ((options.warmup * total as f64).ceil() as usize).min(total);
    progress(Progress::Ready {
        windows: examples.len(),
        steps: per_epoch,
    });

    let mut optimizer = nn::AdamW {
        wd: options.weight_decay,
        ..Default::default()
    }
    .build(&tagger.vs, options.learning_rate)?;
    let parameters = tagger.vs.trainable_variables();
    let mut best: Option<(usize, f64, HashMap<String, Tensor>)> = None;
    let mut step = 0;
    let mut epochs_run = 0;
    for epoch in 1..=options.epochs {
        if step >= total {
            break;
        }
        let started = Instant::now();
        let mut loss_sum = 0.0;
        let mut steps = 0;
        for batch in plan_batches(&lengths, options.batch_size, &mut rng) {
            if step >= total {
                break;
            }
            optimizer.set_lr(options.learning_rate * schedule(step, warmup, total));
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
            optimizer.zero_grad();
            loss.f_backward()?;
            clip_grad_norm(&parameters, options.clip_norm)?;
            optimizer.step();
            let loss = loss.f_double_value(&[])?;
            loss_sum += loss;
            steps += 1;
            step += 1;
            progress(Progress::Step {
                epoch,
                step: steps,
                loss,
            });
        }
        let train_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let tagged = tagger.tag(dev, options.eval_batch)?;
        let report = EpochReport {
            epoch,
            loss: loss_sum / steps.max(1) as f64,
            steps,
            train_seconds,
            dev_seconds: started.elapsed().as_secs_f64(),
            dev: &tagged,
        };
        let score = after_epoch(&report);
        epochs_run = epoch;
        let better = best.as_ref().is_none_or(|(_, s, _)| score > *s);
        if better {
            best = Some((epoch, score, snapshot(&tagger.vs)?));
        } else if best
            .as_ref()
            .is_some_and(|(e, _, _)| epoch - e >= options.patience.max(1))
        {
            break;
        }
    }
    let Some((best_epoch, best_score, weights)) = best else {
        return Err(TaggerError::Train("no epoch was run".into()));
    };
    let mut variables = tagger.vs.variables();
    for (name, saved) in &weights {
        if let Some(target) = variables.get_mut(name) {
            tch::no_grad(|| target.f_copy_(saved))?;
        }
    }
    Ok(Trained {
        tagger,
        best_epoch,
        best_score,
        epochs_run,
        windows: examples.len(),
        steps: step,
    })
}

/// The learning rate's factor at `step` (0-based) of `total`: up from 0 over `warmup` steps, then
/// down to 0 at `total`.
fn schedule(step: usize, warmup: usize, total: usize) -> f64 {
    if step < warmup {
        (step + 1) as f64 / warmup as f64
    } else {
        (total - step) as f64 / (total - warmup).max(1) as f64
    }
}

/// A copy of every parameter, on the CPU.
fn snapshot(vs: &nn::VarStore) -> Result<HashMap<String, Tensor>> {
    vs.variables()
        .into_iter()
        .map(|(name, t)| {
            let copy = tch::no_grad(|| t.f_detach_copy()?.f_to_device(Device::Cpu))?;
            Ok((name, copy))
        })
        .collect()
}

/// Scales the gradients so that their joint L2 norm is at most `max`; returns the norm before.
fn clip_grad_norm(parameters: &[Tensor], max: f64) -> Result<f64> {
    tch::no_grad(|| {
        let grads: Vec<Tensor> = parameters
            .iter()
            .map(Tensor::grad)
            .filter(Tensor::defined)
            .collect();
        if grads.is_empty() {
            return Ok(0.0);
        }
        let norms = grads
            .iter()
            .map(|g| g.f_norm())
            .collect::<Result<Vec<_>, _>>()?;
        let norm = Tensor::f_stack(&norms, 0)?
            .f_norm()?
            .f_to_kind(Kind::Double)?
            .f_double_value(&[])?;
        let coefficient = max / (norm + 1e-6);
        if coefficient < 1.0 {
            for mut g in grads {
                let _ = g.f_mul_scalar_(coefficient)?;
            }
        }
        Ok(norm)
    })
}

/// Windows shuffled, cut into groups of [`BUCKET_BATCHES`] batches, each sorted by length and
/// cut into batches of `batch` (so a batch holds windows of about one length), then the batches
/// shuffled: the same plan for the same generator state on every machine.
fn plan_batches(lengths: &[usize], batch: usize, state: &mut u64) -> Vec<Vec<usize>> {
    let batch = batch.max(1);
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    shuffle(&mut order, state);
    let mut batches = Vec::new();
    for group in order.chunks(batch * BUCKET_BATCHES) {
        let mut group = group.to_vec();
        group.sort_by_key(|&i| lengths[i]);
        batches.extend(group.chunks(batch).map(<[usize]>::to_vec));
    }
    shuffle(&mut batches, state);
    batches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_warms_up_then_decays_to_zero() {
        let f: Vec<f64> = (0..10).map(|s| schedule(s, 2, 10)).collect();
        assert_eq!(f[0], 0.5);
        assert_eq!(f[1], 1.0);
        assert_eq!(f[2], 1.0);
        assert!(f.windows(2).skip(2).all(|w| w[1] < w[0]));
        assert!((f[9] - 0.125).abs() < 1e-12);
        assert_eq!(schedule(0, 0, 1), 1.0);
    }

    #[test]
    fn batches_hold_every_window_once_in_length_buckets_and_repeat_by_seed() {
        let lengths: Vec<usize> = (0..1000).map(|i| (i * 7919) % 254 + 1).collect();
        let plan = plan_batches(&lengths, 16, &mut 7);
        let mut all: Vec<usize> = plan.iter().flatten().copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..1000).collect::<Vec<_>>());
        // Groups of 512 windows: 32 batches, then 488 in 31.
        assert_eq!(plan.len(), 63);
        // Within a batch the lengths are close: much closer than over all windows.
        let spread: usize = plan
            .iter()
            .map(|b| {
                let (lo, hi) = b.iter().fold((usize::MAX, 0), |(lo, hi), &i| {
                    (lo.min(lengths[i]), hi.max(lengths[i]))
                });
                hi - lo
            })
            .sum();
        assert!(spread / plan.len() < 40, "{}", spread / plan.len());
        assert_eq!(plan, plan_batches(&lengths, 16, &mut 7));
        assert_ne!(plan, plan_batches(&lengths, 16, &mut 8));
    }
}
