//! MiniLM (sentence-transformers all-MiniLM-L6-v2) through rust-bert: a sentence's token states
//! from its last two layers, each pooled over the whole sentence and over each target's tokens.

use std::path::Path;

use quotewire_core::Span;
use quotewire_minilm::MiniLm;
use rust_bert::bert::{BertEmbeddings, BertModel};
use tch::{Device, Kind, Tensor, nn};
use tokenizers::TruncationParams;

use super::ModelError;

/// Tokens read from one text (the model's own limit is 512; its training used 256).
pub const MAX_TOKENS: usize = 256;
/// Width of a pooled feature: for each of the last two layers (last first), the sentence's mean
/// state and the target's mean state.
pub const FEATURES: i64 = 4 * HIDDEN;
pub use quotewire_minilm::HIDDEN;

/// The MiniLM encoder and its tokenizer, its weights in a `VarStore` that a stance head shares.
pub struct Encoder {
    minilm: MiniLm,
    model: BertModel<BertEmbeddings>,
}

/// One tokenised text: token ids and, per token, its byte span in the text (`None` for the
/// special tokens).
struct Tokens {
    ids: Vec<i64>,
    spans: Vec<Option<Span>>,
}

impl Encoder {
    /// Builds the encoder under `root` and reads the MiniLM folder's tokenizer (the weights are
    /// loaded into the `VarStore` by the caller).
    pub fn new(root: nn::Path, minilm: &Path) -> Result<Self, ModelError> {
        let mut minilm = MiniLm::open(minilm).map_err(|e| ModelError::Load(e.to_string()))?;
        minilm
            .tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| ModelError::Load(e.to_string()))?;
        minilm.config.output_hidden_states = Some(true);
        let model = minilm.encoder(root);
        Ok(Encoder { minilm, model })
    }

    /// Reads MiniLM's published weights into `vs`, where the encoder was built: every variable
    /// but those under `own` (a head's path).
    pub fn read_weights(&self, vs: &mut nn::VarStore, own: Option<&str>) -> Result<(), ModelError> {
        self.minilm
            .read_weights(vs, own)
            .map_err(|e| ModelError::Load(e.to_string()))
    }

    fn tokenize(&self, text: &str) -> Result<Tokens, ModelError> {
        let encoding = self
            .minilm
            .tokenizer
            .encode(text, true)
            .map_err(|e| ModelError::Run(e.to_string()))?;
        let ids = encoding.get_ids().iter().map(|&id| i64::from(id)).collect();
        let spans = encoding
            .get_offsets()
            .iter()
            .zip(encoding.get_special_tokens_mask())
            .map(|(&(start, end), &special)| {
                (special == 0 && end > start).then(|| Span::new(start, end))
            })
            .collect();
        Ok(Tokens { ids, spans })
    }

    /// The pooled features (`[targets, FEATURES]`) of each text's targets, texts read in one
    /// padded batch.
    pub fn features(
        &self,
        batch: &[(&str, &[Span])],
        device: Device,
    ) -> Result<Tensor, ModelError> {
        let tokens = batch
            .iter()
            .map(|(text, _)| self.tokenize(text))
            .collect::<Result<Vec<_>, _>>()?;
        let width = tokens.iter().map(|t| t.ids.len()).max().unwrap_or(0).max(1);
        let rows = batch.len();
        let mut ids = vec![0i64; rows * width];
        let mut mask = vec![0i64; rows * width];
        // One weight row per target: 1/n on the n tokens that overlap it.
        let targets: usize = batch.iter().map(|(_, t)| t.len()).sum();
        let mut pool = vec![0f32; targets * rows * width];
        let mut target_row = 0;
        for (row, (tokens, (_, spans))) in tokens.iter().zip(batch).enumerate() {
            let base = row * width;
            ids[base..base + tokens.ids.len()].copy_from_slice(&tokens.ids);
            mask[base..base + tokens.ids.len()].fill(1);
            for target in spans.iter() {
                let inside: Vec<usize> = tokens
                    .spans
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| {
                        s.filter(|s| s.start < target.end && s.end > target.start)
                            .map(|_| i)
                    })
                    .collect();
                let weights = &mut pool[target_row * rows * width..][..rows * width];
                for i in &inside {
                    weights[base + i] = 1.0 / inside.len() as f32;
                }
                target_row += 1;
            }
        }
        let shape = [rows as i64, width as i64];
        let ids = Tensor::from_slice(&ids).view(shape).to(device);
        let mask = Tensor::from_slice(&mask).view(shape).to(device);
        let output = self
            .model
            .forward_t(Some(&ids), Some(&mask), None, None, None, None, None, false)
            .map_err(|e| ModelError::Run(e.to_string()))?;
        let layers = output.all_hidden_states.unwrap_or_default();
        let [.., before_last, _] = layers.as_slice() else {
            return Err(ModelError::Run("the encoder gave no layer states".into()));
        };
        let mask = mask.to_kind(Kind::Float);
        let counts = mask.sum_dim_intlist(1, true, Kind::Float).clamp_min(1.0);
        let pool = Tensor::from_slice(&pool)
            .view([targets as i64, (rows * width) as i64])
            .to(device);
        let owners: Vec<i64> = batch
            .iter()
            .enumerate()
            .flat_map(|(row, (_, spans))| std::iter::repeat_n(row as i64, spans.len()))
            .collect();
        let owners = Tensor::from_slice(&owners).to(device);
        let mut features = Vec::with_capacity(4);
        for states in [&output.hidden_state, before_last] {
            // [rows, width, hidden] -> mean over each row's real tokens.
            let summed = (states * mask.unsqueeze(-1)).sum_dim_intlist(1, false, Kind::Float);
            features.push((summed / &counts).index_select(0, &owners));
            // Each target: its weights over all (row, token) cells times the flattened states.
            features.push(pool.matmul(&states.reshape([(rows * width) as i64, HIDDEN])));
        }
        Ok(Tensor::cat(&features, 1))
    }
}
