//! The bundled tagger, one copy per worker thread, as the attribution seam takes it
//! ([`SpanTagger`]).

use std::path::Path;

use quotewire_minilm::Pool;

use super::{Precision, Result, Tagger, TaggerError};
use crate::tagged::{SpanTagger, TagError};
use crate::tagging::{RoleSpan, Windows};
use quotewire_core::Span;
use tch::Device;

/// The trained weights bundled with this build (`models/attribution-minilm.safetensors`: the head
/// and every MiniLM tensor training changed, in half precision).
const BUNDLED: &[u8] = include_bytes!("../../../../models/attribution-minilm.safetensors");
/// Their account (`models/attribution-minilm.json`), which holds their SHA-256.
pub const BUNDLED_ACCOUNT: &str = include_str!("../../../../models/attribution-minilm.json");

/// Windows per batch when tagging a document.
const BATCH: usize = 16;

/// How a pool's taggers read documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The windows, by [`Windows::packed`]: `stride` pieces of whole sentences labelled in each,
    /// read with `size - stride` pieces of context.
    pub windows: Windows,
    /// The dense layers' arithmetic.
    pub precision: Precision,
}

impl Default for Reading {
    /// Whole sentences up to 254 pieces a window, no context (each piece read once), in 8-bit
    /// integers: as fast as spaCy + textacy per CPU-second on PolNeAR dev (BENCHMARKS.md).
    fn default() -> Self {
        Reading {
            windows: Windows::default().without_context(),
            precision: Precision::Int8,
        }
    }
}

impl Tagger {
    /// The bundled tagger (weights built into this binary, checked against their account's
    /// SHA-256) on MiniLM from `minilm`.
    pub fn bundled(minilm: &Path, device: Device) -> Result<Self> {
        let name = Path::new("models/attribution-minilm.safetensors");
        let account: serde_json::Value =
            serde_json::from_str(BUNDLED_ACCOUNT).map_err(|source| TaggerError::Config {
                path: "models/attribution-minilm.json".into(),
                source,
            })?;
        let expected = account["weights"]["sha256"].as_str().unwrap_or_default();
        Self::from_bytes(minilm, BUNDLED, name, expected, device)
    }
}

/// Taggers for `copies` threads at once (libtorch's own threads: [`super::set_torch_threads`]).
#[derive(Debug)]
pub struct TaggerPool {
    taggers: Pool<Tagger>,
}

impl TaggerPool {
    /// The bundled tagger on MiniLM from `minilm`, `copies` times (at least once), on the CPU,
    /// reading as `reading` says.
    pub fn bundled(minilm: &Path, copies: usize, reading: Reading) -> Result<Self> {
        Self::of(copies, || Tagger::bundled(minilm, Device::Cpu), reading)
    }

    /// The tagger of a training account (as [`Tagger::load_account`] reads it), `copies` times
    /// (at least once), on the CPU, reading as `reading` says.
    pub fn from_account(
        minilm: &Path,
        account: &Path,
        copies: usize,
        reading: Reading,
    ) -> Result<Self> {
        Self::of(
            copies,
            || Tagger::load_account(minilm, account, Device::Cpu),
            reading,
        )
    }

    fn of(copies: usize, load: impl Fn() -> Result<Tagger>, reading: Reading) -> Result<Self> {
        let taggers = Pool::new(copies, || {
            load()?
                .with_windows(reading.windows)
                .with_precision(reading.precision)
        })?;
        Ok(TaggerPool { taggers })
    }
}

impl SpanTagger for TaggerPool {
    fn tag(&self, text: &str, sentences: &[Span]) -> std::result::Result<Vec<RoleSpan>, TagError> {
        self.taggers
            .with(|tagger| tagger.tag_sentences(text, sentences, BATCH))
            .map_err(|e| TagError(e.to_string()))?
            .map_err(|e| TagError(e.to_string()))
    }
}
