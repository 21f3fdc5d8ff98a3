#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg(feature = "transformer")]

pub mod inference;
mod pool;
pub mod train;

use std::path::{Path, PathBuf};

use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use tch::nn;
use tokenizers::Tokenizer;

pub use pool::{Poisoned, Pool};
pub use tch::Device;

/// Width of MiniLM-L6's token states.
pub const HIDDEN: i64 = 384;
/// The epsilon of BERT's layer norms (rust-bert's, as MiniLM was trained).
pub const LAYER_NORM_EPS: f64 = 1e-12;

/// What can go wrong reading the MiniLM folder.
#[derive(Debug, thiserror::Error)]
pub enum MiniLmError {
    /// A file could not be read (missing, unreadable).
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// `config.json` is not a BERT configuration.
    #[error("{path}: not a BERT configuration: {source}")]
    Config {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// The tokenizer could not be read or set up.
    #[error("{path}: not a tokenizer: {source}")]
    Tokenizer {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: tokenizers::Error,
    },
    /// The folder holds another model (another width, a weight missing).
    #[error("{path}: {problem}")]
    Mismatch {
        /// The file.
        path: PathBuf,
        /// What does not fit.
        problem: String,
    },
}

/// Sets how many threads libtorch uses inside one operation (for the whole process).
pub fn set_torch_threads(threads: usize) {
    tch::set_num_threads(threads.max(1) as i32);
}

/// The MiniLM folder (`config.json`, `tokenizer.json`, `model.safetensors`), its configuration
/// and tokenizer read.
pub struct MiniLm {
    /// The encoder's configuration.
    pub config: BertConfig,
    /// The word-piece tokenizer, with no padding and no truncation.
    pub tokenizer: Tokenizer,
    dir: PathBuf,
}

impl std::fmt::Debug for MiniLm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MiniLm")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl MiniLm {
    /// Reads the folder's configuration (MiniLM-L6's width, [`HIDDEN`], or an error) and
    /// tokenizer.
    pub fn open(dir: &Path) -> Result<Self, MiniLmError> {
        let path = dir.join("config.json");
        let json = std::fs::read_to_string(&path).map_err(|source| MiniLmError::Io {
            path: path.clone(),
            source,
        })?;
        let config: BertConfig =
            serde_json::from_str(&json).map_err(|source| MiniLmError::Config {
                path: path.clone(),
                source,
            })?;
        if config.hidden_size != HIDDEN {
            return Err(MiniLmError::Mismatch {
                path,
                problem: format!(
                    "hidden size {} is not MiniLM-L6's {HIDDEN}",
                    config.hidden_size
                ),
            });
        }
        let path = dir.join("tokenizer.json");
        let tokenizer_error = |source| MiniLmError::Tokenizer {
            path: path.clone(),
            source,
        };
        let mut tokenizer = Tokenizer::from_file(&path).map_err(tokenizer_error)?;
        // The packaged tokenizer pads and cuts at 128 tokens; callers window or cut themselves.
        tokenizer.with_padding(None);
        tokenizer.with_truncation(None).map_err(tokenizer_error)?;
        Ok(MiniLm {
            config,
            tokenizer,
            dir: dir.to_path_buf(),
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The id of a special token (`[CLS]`, `[SEP]`).
    pub fn special(&self, name: &str) -> Result<i64, MiniLmError> {
        self.tokenizer
            .token_to_id(name)
            .map(i64::from)
            .ok_or_else(|| MiniLmError::Mismatch {
                path: self.dir.join("tokenizer.json"),
                problem: format!("no {name} token"),
            })
    }

    /// The encoder (no pooler) under `root`, its weights not yet read.
    pub fn encoder(&self, root: nn::Path) -> BertModel<BertEmbeddings> {
        BertModel::new_with_optional_pooler(root, &self.config, false)
    }

    /// Reads the published weights (`model.safetensors`) into `vs`: every variable must be
    /// found there but those under `own` (a head's path, which the caller fills).
    pub fn read_weights(
        &self,
        vs: &mut nn::VarStore,
        own: Option<&str>,
    ) -> Result<(), MiniLmError> {
        let path = self.dir.join("model.safetensors");
        if let Err(source) = std::fs::metadata(&path) {
            return Err(MiniLmError::Io { path, source });
        }
        let missing = vs.load_partial(&path).map_err(|e| MiniLmError::Mismatch {
            path: path.clone(),
            problem: e.to_string(),
        })?;
        if let Some(name) = missing
            .iter()
            .find(|n| !own.is_some_and(|own| n.starts_with(own)))
        {
            return Err(MiniLmError::Mismatch {
                path,
                problem: format!("no {name}: not a BERT/MiniLM checkpoint"),
            });
        }
        Ok(())
    }
}
