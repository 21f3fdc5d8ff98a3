//! Sentence embeddings from MiniLM, a pipeline of their own (no stance head).

use std::path::Path;

use quotewire_core::Span;
use tch::{Device, nn};

use super::{ModelError, encoder};

/// MiniLM sentence embeddings, as sentence-transformers makes them with all-MiniLM-L6-v2: the
/// mean of the last layer's token states, at unit length. Tensors are not `Sync`: one encoder
/// per thread.
///
/// ```no_run
/// use quotewire_score::transformer::SentenceEncoder;
///
/// let minilm = std::env::var("QUOTEWIRE_MINILM").unwrap();
/// let encoder = SentenceEncoder::load(minilm.as_ref()).unwrap();
/// let [a, b] = <[Vec<f32>; 2]>::try_from(
///     encoder.embed(&["Seoul ends the pact.", "South Korea ends GSOMIA."]).unwrap(),
/// )
/// .unwrap();
/// let cosine: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
/// assert!(cosine > 0.5);
/// ```
pub struct SentenceEncoder {
    vs: nn::VarStore,
    encoder: encoder::Encoder,
}

impl SentenceEncoder {
    /// MiniLM from its folder (`model.safetensors`, `config.json`, `tokenizer.json`).
    pub fn load(minilm: &Path) -> Result<Self, ModelError> {
        let mut vs = nn::VarStore::new(Device::Cpu);
        let encoder = encoder::Encoder::new(vs.root(), minilm)?;
        encoder.read_weights(&mut vs, None)?;
        Ok(SentenceEncoder { vs, encoder })
    }

    /// One embedding (unit length, 384 numbers) per text, the texts read in one batch (each
    /// cut at [`MAX_TOKENS`](super::MAX_TOKENS) tokens).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let whole: Vec<[Span; 1]> = texts.iter().map(|t| [Span::new(0, t.len())]).collect();
        let batch: Vec<(&str, &[Span])> = texts
            .iter()
            .zip(&whole)
            .map(|(text, span)| (*text, &span[..]))
            .collect();
        // The features start with the last layer's sentence mean.
        let features = tch::no_grad(|| self.encoder.features(&batch, self.vs.device()))?;
        let mean = features.narrow(1, 0, encoder::HIDDEN);
        let norm = mean
            .norm_scalaropt_dim(2, [1i64].as_slice(), true)
            .clamp_min(1e-12);
        let flat = Vec::<f32>::try_from((mean / norm).flatten(0, -1))?;
        Ok(flat
            .chunks_exact(encoder::HIDDEN as usize)
            .map(<[f32]>::to_vec)
            .collect())
    }
}
