//! Training the stance head: MiniLM reads every example once (its weights stay as published), then
//! the linear head learns from those features with AdamW, dropout on the features and a fixed
//! seed for initialisation, dropout and the order of the examples.

use std::path::Path;

use quotewire_core::seeded::shuffle;
use quotewire_core::{Span, StanceLabel};
use tch::{Kind, Tensor, nn, nn::OptimizerConfig};

use super::{ModelError, StanceModel};
use crate::check_target;

/// One example: a text, a target in it, and the sentiment toward the target.
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// The target mention, in bytes.
    pub target: Span,
    /// `Negative`/`Against`, `Neutral`, or `Positive`/`Favor`.
    pub label: StanceLabel,
}

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: usize,
    /// AdamW's learning rate.
    pub learning_rate: f64,
    /// Examples per step.
    pub batch_size: usize,
    /// AdamW's decoupled weight decay.
    pub weight_decay: f64,
    /// Seeds libtorch (initialisation, dropout) and the shuffle.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 30,
            learning_rate: 1e-3,
            batch_size: 32,
            weight_decay: 0.01,
            seed: 20_211_128,
        }
    }
}

/// What one epoch came to.
#[derive(Debug, Clone)]
pub struct Epoch {
    /// 1-based.
    pub epoch: usize,
    /// Mean training loss.
    pub loss: f64,
    /// The label predicted for each hold-out example, in order (`Negative`, `Neutral`,
    /// `Positive`).
    pub holdout: Vec<StanceLabel>,
}

/// Progress, for a display.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// MiniLM has read this many of all the examples.
    Read(usize, usize),
    /// An epoch of the head's training is done.
    Trained(usize),
}

fn class(label: StanceLabel) -> i64 {
    match label {
        StanceLabel::Negative | StanceLabel::Against => 0,
        StanceLabel::Neutral => 1,
        StanceLabel::Positive | StanceLabel::Favor => 2,
    }
}

fn label(class: i64) -> StanceLabel {
    match class {
        0 => StanceLabel::Negative,
        2 => StanceLabel::Positive,
        _ => StanceLabel::Neutral,
    }
}

/// Trains the stance head on MiniLM from `minilm`; after each epoch, `after_epoch` gets the mean
/// loss and the predictions for `holdout` (never trained on). Returns the trained model (save it
/// with [`StanceModel::save_tuned`]).
pub fn train_stance(
    minilm: &Path,
    examples: &[Example],
    holdout: &[Example],
    options: &TrainOptions,
    mut progress: impl FnMut(Progress),
    mut after_epoch: impl FnMut(Epoch),
) -> Result<StanceModel, ModelError> {
    if examples.is_empty() || options.batch_size == 0 || options.epochs == 0 {
        return Err(ModelError::Train(
            "needs examples, a batch size and epochs".into(),
        ));
    }
    for e in examples.iter().chain(holdout) {
        check_target(&e.text, e.target)
            .map_err(|err| ModelError::Train(format!("{err}: {:?}", e.text)))?;
    }
    tch::manual_seed(options.seed as i64);
    let mut model = StanceModel::untrained(minilm)?;
    let total = examples.len() + holdout.len();
    let mut read = 0;
    let mut features_of = |part: &[Example]| -> Result<Tensor, ModelError> {
        let mut rows = Vec::new();
        for chunk in part.chunks(64) {
            let spans: Vec<[Span; 1]> = chunk.iter().map(|e| [e.target]).collect();
            let batch: Vec<(&str, &[Span])> = chunk
                .iter()
                .zip(&spans)
                .map(|(e, span)| (e.text.as_str(), &span[..]))
                .collect();
            rows.push(model.features(&batch)?);
            read += chunk.len();
            progress(Progress::Read(read, total));
        }
        Ok(Tensor::cat(&rows, 0))
    };
    let train_features = features_of(examples)?;
    let holdout_features = if holdout.is_empty() {
        None
    } else {
        Some(features_of(holdout)?)
    };
    let gold = Tensor::from_slice(&examples.iter().map(|e| class(e.label)).collect::<Vec<_>>());

    model.vs.freeze();
    let head: Vec<Tensor> = model
        .vs
        .variables()
        .into_iter()
        .filter(|(name, _)| super::is_tuned(name))
        .map(|(_, t)| t)
        .collect();
    for t in &head {
        let _ = t.set_requires_grad(true);
    }
    let mut optimizer = nn::AdamW {
        wd: options.weight_decay,
        ..Default::default()
    }
    .build(&model.vs, options.learning_rate)?;
    let mut order: Vec<i64> = (0..examples.len() as i64).collect();
    let mut rng = options.seed;
    for epoch in 1..=options.epochs {
        shuffle(&mut order, &mut rng);
        let mut loss_sum = 0.0;
        for chunk in order.chunks(options.batch_size) {
            let index = Tensor::from_slice(chunk);
            let logits = model.logits(&train_features.index_select(0, &index), true);
            let loss = logits.cross_entropy_for_logits(&gold.index_select(0, &index));
            optimizer.backward_step(&loss);
            loss_sum += loss.double_value(&[]) * chunk.len() as f64;
        }
        let predicted = match &holdout_features {
            Some(features) => {
                let best = tch::no_grad(|| model.logits(features, false)).argmax(-1, false);
                Vec::<i64>::try_from(best.to_kind(Kind::Int64))?
                    .into_iter()
                    .map(label)
                    .collect()
            }
            None => Vec::new(),
        };
        progress(Progress::Trained(epoch));
        after_epoch(Epoch {
            epoch,
            loss: loss_sum / examples.len() as f64,
            holdout: predicted,
        });
    }
    model.vs.freeze();
    Ok(model)
}
