//! The learned attribution tagger (feature `transformer`): MiniLM (sentence-transformers
//! all-MiniLM-L6-v2, through rust-bert and libtorch), fine-tuned whole, with a linear head over
//! the seven BIO labels of source, cue and content ([`crate::tagging`]).
//!
//! A document is read in overlapping windows of word pieces ([`Windows`], 254 pieces with a
//! stride of 128 by default); each piece takes its scores from the window in which it is most
//! central, the labels of the whole document are decoded at once over legal transitions only
//! ([`decode`]), and the spans they give are byte spans of the input text.
//!
//! The encoder's configuration and tokenizer come from the MiniLM folder that `models/setup.sh`
//! unpacks (`QUOTEWIRE_MINILM`); the tuned weights (encoder and head) from a safetensors file in
//! half precision that [`Tagger::save`] writes and [`Tagger::load`] reads back, checking its
//! SHA-256. [`train_tagger`] trains one.
//!
//! ```no_run
//! use quotewire_attrib::learned::{Device, Tagger};
//!
//! let minilm = std::env::var("QUOTEWIRE_MINILM").unwrap();
//! let account = "models/attribution-minilm.json";
//! let tagger = Tagger::load_account(minilm.as_ref(), account.as_ref(), Device::Cpu).unwrap();
//! let text = "The minister said the talks had failed.";
//! let spans = tagger.tag(&[text], 16).unwrap().remove(0);
//! for s in &spans {
//!     println!("{}: {}", s.role.name(), &text[s.span.range()]);
//! }
//! ```

mod pool;
mod train;

use std::path::{Path, PathBuf};

use quotewire_core::Span;
use quotewire_minilm::inference;
use quotewire_minilm::{HIDDEN, LAYER_NORM_EPS, MiniLm, MiniLmError};
use rust_bert::bert::{BertEmbeddings, BertModel};
use sha2::{Digest, Sha256};
use tch::{Kind, Tensor, nn};

use crate::tagging::{LABELS, Label, RoleSpan, Window, Windows, decode, spans_of};
pub use pool::{BUNDLED_ACCOUNT, Reading, TaggerPool};
pub use quotewire_minilm::inference::Precision;
pub use quotewire_minilm::{Device, set_torch_threads};
pub use train::{
    Average, DevDoc, EpochReport, EpochScore, Progress, Scored, TrainDoc, TrainOptions, Trained,
    train_tagger,
};

/// Where the head's parameters live in the `VarStore`.
const HEAD: &str = "attribution_head";
/// MiniLM's word-piece embeddings in the `VarStore` (what [`Tagger::freeze_word_embeddings`]
/// keeps as published).
const WORD_EMBEDDINGS: &str = "embeddings.word_embeddings.weight";
/// Dropout on the token states before the head, while training.
const HEAD_DROPOUT: f64 = 0.1;

/// What can go wrong loading, running or training the tagger.
#[derive(Debug, thiserror::Error)]
pub enum TaggerError {
    /// A file could not be read (missing, unreadable).
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: tch::TchError,
    },
    /// A JSON file (an account, a checkpoint's state) could not be read.
    #[error("{path}: not valid JSON: {source}")]
    Config {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// The MiniLM folder could not be read, or holds another model.
    #[error(transparent)]
    MiniLm(#[from] MiniLmError),
    /// The weights file is not the one its account names: its SHA-256 differs.
    #[error("{path}: SHA-256 {found}, expected {expected}: the file is corrupt or another one")]
    Checksum {
        /// The file.
        path: PathBuf,
        /// The SHA-256 expected (hex).
        expected: String,
        /// The file's (hex).
        found: String,
    },
    /// The weights file is not a safetensors file.
    #[error("{path}: not a safetensors file: {source}")]
    Safetensors {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: safetensors::SafeTensorError,
    },
    /// A file does not fit the model (another architecture, a parameter missing or misshapen, an
    /// account without the weights' name).
    #[error("{path}: {problem}")]
    Mismatch {
        /// The file.
        path: PathBuf,
        /// What does not fit.
        problem: String,
    },
    /// The tokenizer failed on a text.
    #[error("tokenizing: {0}")]
    Tokenize(#[source] tokenizers::Error),
    /// The encoder failed.
    #[error("the encoder: {0}")]
    Encoder(#[from] rust_bert::RustBertError),
    /// libtorch failed.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// Training cannot start or go on.
    #[error("training: {0}")]
    Train(String),
}

/// `Result` with [`TaggerError`].
pub type Result<T, E = TaggerError> = std::result::Result<T, E>;

/// The word pieces of one text: ids, byte spans and whether each continues the word of the one
/// before. Pieces whose offsets cover no bytes of the text are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pieces {
    /// Vocabulary ids.
    pub ids: Vec<i64>,
    /// Byte spans into the text.
    pub spans: Vec<Span>,
    /// `true` where a piece is part of the same word as the piece before it.
    pub continues: Vec<bool>,
}

/// MiniLM and the tagging head, their weights in one `VarStore`. `Send`, not `Sync`: one per
/// thread.
pub struct Tagger {
    vs: nn::VarStore,
    minilm: MiniLm,
    bert: BertModel<BertEmbeddings>,
    head: nn::Linear,
    cls: i64,
    sep: i64,
    windows: Windows,
    /// Parameters kept as MiniLM publishes them: not trained, not saved.
    frozen: Vec<String>,
    /// The encoder for reading, when set ([`Tagger::with_precision`]).
    reader: Option<inference::Encoder>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("device", &self.vs.device())
            .field("windows", &self.windows)
            .finish_non_exhaustive()
    }
}

/// The CUDA devices libtorch sees (0 with a CPU-only libtorch).
pub fn cuda_devices() -> usize {
    usize::try_from(tch::Cuda::device_count()).unwrap_or(0)
}

/// The first CUDA device when libtorch sees one, else the CPU.
pub fn cuda_if_available() -> Device {
    Device::cuda_if_available()
}

/// The SHA-256 of bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

impl Tagger {
    /// The encoder's structure, configuration and tokenizer from the MiniLM folder, with
    /// weights not yet read.
    fn structure(minilm: &Path, device: Device) -> Result<Self> {
        let minilm = MiniLm::open(minilm)?;
        let (cls, sep) = (minilm.special("[CLS]")?, minilm.special("[SEP]")?);
        let vs = nn::VarStore::new(device);
        let bert = minilm.encoder(vs.root());
        let head = nn::linear(vs.root() / HEAD, HIDDEN, LABELS as i64, Default::default());
        Ok(Tagger {
            vs,
            minilm,
            bert,
            head,
            cls,
            sep,
            windows: Windows::default(),
            frozen: Vec::new(),
            reader: None,
        })
    }

    /// MiniLM as published (`model.safetensors` of the folder) with a head not yet trained
    /// (initialised from libtorch's generator: seed it with `tch::manual_seed`).
    pub fn untrained(minilm: &Path, device: Device) -> Result<Self> {
        let mut tagger = Self::structure(minilm, device)?;
        tagger.read_published()?;
        Ok(tagger)
    }

    /// Reads MiniLM's published weights (`model.safetensors` of its folder) into the encoder.
    fn read_published(&mut self) -> Result<()> {
        Ok(self.minilm.read_weights(&mut self.vs, Some(HEAD))?)
    }

    /// Keeps MiniLM's word-piece embeddings as published: no gradient flows into them, training
    /// leaves them alone and [`Tagger::save`] does not write them (loading takes them from the
    /// MiniLM folder).
    pub fn freeze_word_embeddings(&mut self) -> Result<()> {
        let variables = self.vs.variables();
        let Some(embeddings) = variables.get(WORD_EMBEDDINGS) else {
            return Err(TaggerError::Train(format!(
                "no {WORD_EMBEDDINGS} to freeze"
            )));
        };
        let _ = embeddings.set_requires_grad(false);
        if !self.frozen.iter().any(|n| n == WORD_EMBEDDINGS) {
            self.frozen.push(WORD_EMBEDDINGS.to_string());
        }
        Ok(())
    }

    /// The parameters that training changes (every one not frozen), sorted by name.
    pub(crate) fn trained_variables(&self) -> Vec<(String, Tensor)> {
        let mut variables: Vec<(String, Tensor)> = self
            .vs
            .variables()
            .into_iter()
            .filter(|(name, _)| !self.frozen.contains(name))
            .collect();
        variables.sort_by(|a, b| a.0.cmp(&b.0));
        variables
    }

    /// The tuned tagger: MiniLM's structure, tokenizer and published weights from its folder, then
    /// the tuned weights from `weights` (as [`Tagger::save`] writes it: the head and every tensor
    /// training changed), whose SHA-256 must be `sha256` (hex).
    pub fn load(minilm: &Path, weights: &Path, sha256: &str, device: Device) -> Result<Self> {
        let bytes = std::fs::read(weights).map_err(|source| TaggerError::Io {
            path: weights.into(),
            source,
        })?;
        Self::from_bytes(minilm, &bytes, weights, sha256, device)
    }

    /// [`Tagger::load`] of weights already read (`bytes`, from the file `path`).
    fn from_bytes(
        minilm: &Path,
        bytes: &[u8],
        path: &Path,
        sha256: &str,
        device: Device,
    ) -> Result<Self> {
        let found = sha256_hex(bytes);
        if !found.eq_ignore_ascii_case(sha256.trim()) {
            return Err(TaggerError::Checksum {
                path: path.into(),
                expected: sha256.trim().to_lowercase(),
                found,
            });
        }
        let mut tagger = Self::structure(minilm, device)?;
        tagger.read_published()?;
        tagger.read_weights(bytes, path)?;
        Ok(tagger)
    }

    /// [`Tagger::load`] with the weights' file and SHA-256 read from a training account (the JSON
    /// that `quotewire train attribution` writes: `"weights": {"file", "sha256"}`, the file
    /// beside the account).
    pub fn load_account(minilm: &Path, account: &Path, device: Device) -> Result<Self> {
        let json = std::fs::read_to_string(account).map_err(|source| TaggerError::Io {
            path: account.into(),
            source,
        })?;
        let value: serde_json::Value =
            serde_json::from_str(&json).map_err(|source| TaggerError::Config {
                path: account.into(),
                source,
            })?;
        let field = |name: &str| {
            value["weights"][name]
                .as_str()
                .ok_or_else(|| TaggerError::Mismatch {
                    path: account.into(),
                    problem: format!("no weights.{name}"),
                })
        };
        let file = account
            .parent()
            .unwrap_or(Path::new("."))
            .join(field("file")?);
        Self::load(minilm, &file, field("sha256")?, device)
    }

    /// Copies parameters from safetensors bytes over the published ones: every name must be a
    /// parameter of the tagger, of its shape, and the head must be there. The ones the file
    /// leaves out stay frozen, so that [`Tagger::save`] writes back the same tensors.
    fn read_weights(&mut self, bytes: &[u8], path: &Path) -> Result<()> {
        let mismatch = |problem: String| TaggerError::Mismatch {
            path: path.into(),
            problem,
        };
        let file = safetensors::SafeTensors::deserialize(bytes).map_err(|source| {
            TaggerError::Safetensors {
                path: path.into(),
                source,
            }
        })?;
        let mut variables = self.vs.variables();
        if let Some(extra) = file
            .names()
            .into_iter()
            .find(|n| !variables.contains_key(*n))
        {
            return Err(mismatch(format!("{extra} is no parameter of the tagger")));
        }
        for (name, target) in variables.iter_mut() {
            let view = match file.tensor(name) {
                Ok(view) => view,
                Err(_) if !name.starts_with(HEAD) => {
                    // Not in the file: the published tensor, as training left it.
                    if !self.frozen.contains(name) {
                        self.frozen.push(name.clone());
                    }
                    continue;
                }
                Err(_) => return Err(mismatch(format!("no parameter {name}"))),
            };
            let source = Tensor::try_from(view)?;
            if source.size() != target.size() {
                return Err(mismatch(format!(
                    "{name} has shape {:?}, the tagger {:?}",
                    source.size(),
                    target.size()
                )));
            }
            tch::no_grad(|| target.f_copy_(&source))?;
        }
        Ok(())
    }

    /// Writes every parameter but the frozen ones in half precision (safetensors, names sorted)
    /// and returns the file's SHA-256 (hex) and size in bytes.
    pub fn save(&self, path: &Path) -> Result<(String, u64)> {
        let tensors: Vec<(String, Tensor)> = self
            .trained_variables()
            .into_iter()
            .map(|(name, t)| {
                let half = t.f_to_kind(Kind::Half)?.f_to_device(Device::Cpu)?;
                Ok((name, half.f_contiguous()?))
            })
            .collect::<Result<_, tch::TchError>>()?;
        Tensor::write_safetensors(&tensors, path).map_err(|source| TaggerError::Write {
            path: path.into(),
            source,
        })?;
        let bytes = std::fs::read(path).map_err(|source| TaggerError::Io {
            path: path.into(),
            source,
        })?;
        Ok((sha256_hex(&bytes), bytes.len() as u64))
    }

    /// The device the weights are on.
    pub fn device(&self) -> Device {
        self.vs.device()
    }

    /// How documents are windowed.
    pub fn windows(&self) -> Windows {
        self.windows
    }

    /// Reads documents in other windows (training and tagging alike).
    pub fn with_windows(mut self, windows: Windows) -> Self {
        self.windows = Windows {
            size: windows.size.max(1),
            stride: windows.stride.clamp(1, windows.size.max(1)),
        };
        self
    }

    /// The word pieces of `text`, with exact byte spans (pieces the tokenizer maps to no bytes of
    /// the text, or to bytes off its character boundaries, are left out).
    pub fn pieces(&self, text: &str) -> Result<Pieces> {
        let encoding = self
            .minilm
            .tokenizer
            .encode(text, false)
            .map_err(TaggerError::Tokenize)?;
        let mut pieces = Pieces::default();
        let mut previous_word = None;
        for ((&id, &(start, end)), &word) in encoding
            .get_ids()
            .iter()
            .zip(encoding.get_offsets())
            .zip(encoding.get_word_ids())
        {
            let span = Span::new(start, end);
            if span.is_empty() || span.slice(text).is_none() {
                continue;
            }
            pieces.ids.push(i64::from(id));
            pieces.spans.push(span);
            pieces
                .continues
                .push(word.is_some() && word == previous_word);
            previous_word = word;
        }
        Ok(pieces)
    }

    /// The logits (`[rows, width, LABELS]`) of a batch of windows, each a slice of piece ids, read
    /// between `[CLS]` and `[SEP]`.
    fn logits(&self, windows: &[&[i64]], train: bool) -> Result<Tensor> {
        let width = windows.iter().map(|w| w.len()).max().unwrap_or(0) + 2;
        let rows = windows.len();
        let mut ids = vec![0i64; rows * width];
        let mut mask = vec![0i64; rows * width];
        for (row, window) in windows.iter().enumerate() {
            let cells = &mut ids[row * width..][..window.len() + 2];
            cells[0] = self.cls;
            cells[1..=window.len()].copy_from_slice(window);
            cells[window.len() + 1] = self.sep;
            mask[row * width..][..window.len() + 2].fill(1);
        }
        let device = self.vs.device();
        let shape = [rows as i64, width as i64];
        let ids = Tensor::from_slice(&ids).f_view(shape)?.f_to(device)?;
        let mask = Tensor::from_slice(&mask).f_view(shape)?.f_to(device)?;
        let states = match (&self.reader, train) {
            (Some(reader), false) => reader.forward(&ids, &mask)?,
            _ => {
                self.bert
                    .forward_t(Some(&ids), Some(&mask), None, None, None, None, None, train)?
                    .hidden_state
            }
        };
        Ok(states.f_dropout(HEAD_DROPOUT, train)?.apply(&self.head))
    }

    /// Reads (tags) with MiniLM's encoder written out for reading only, its dense layers in
    /// `precision` (`Int8`: 8-bit weights, faster on the CPU); training is unchanged.
    pub fn with_precision(mut self, precision: Precision) -> Result<Self> {
        let config = &self.minilm.config;
        let reader = inference::Encoder::new(
            &self.vs,
            config.num_attention_heads,
            LAYER_NORM_EPS,
            precision,
        )
        .map_err(|problem| TaggerError::Mismatch {
            path: self.minilm.dir().join("model.safetensors"),
            problem,
        })?;
        self.reader = Some(reader);
        Ok(self)
    }

    /// The spans of each text, its windows read `batch` at a time (longest first).
    pub fn tag(&self, texts: &[&str], batch: usize) -> Result<Vec<Vec<RoleSpan>>> {
        let docs = texts
            .iter()
            .map(|t| {
                let pieces = self.pieces(t)?;
                let windows = self.windows.labelled(pieces.ids.len());
                Ok((pieces, windows))
            })
            .collect::<Result<Vec<_>>>()?;
        self.read(&docs, batch)
    }

    /// The spans of `text`, read in windows that keep its `sentences` (byte spans, in order)
    /// whole ([`Windows::packed`]): each piece read once, `batch` windows at a time.
    pub fn tag_sentences(
        &self,
        text: &str,
        sentences: &[Span],
        batch: usize,
    ) -> Result<Vec<RoleSpan>> {
        let pieces = self.pieces(text)?;
        let windows = self.windows.packed(&pieces.spans, sentences);
        Ok(self
            .read(&[(pieces, windows)], batch)?
            .pop()
            .unwrap_or_default())
    }

    /// The spans of development documents, read in windows that keep their sentences whole (no
    /// context: as training with [`TrainOptions::packed`] reads) or, without `packed`, in the
    /// tagger's windows over the whole text.
    pub fn tag_dev(
        &self,
        dev: &[DevDoc],
        packed: bool,
        batch: usize,
    ) -> Result<Vec<Vec<RoleSpan>>> {
        let whole = self.windows.without_context();
        let docs = dev
            .iter()
            .map(|d| {
                let pieces = self.pieces(d.text)?;
                let windows = match packed {
                    true => whole.packed(&pieces.spans, d.sentences),
                    false => self.windows.labelled(pieces.ids.len()),
                };
                Ok((pieces, windows))
            })
            .collect::<Result<Vec<_>>>()?;
        self.read(&docs, batch)
    }

    /// The spans of documents read in the windows given.
    fn read(&self, docs: &[(Pieces, Vec<Window>)], batch: usize) -> Result<Vec<Vec<RoleSpan>>> {
        let scores = self.scores(docs, batch)?;
        Ok(docs
            .iter()
            .zip(scores)
            .map(|((p, _), s)| spans_of(&decode(&s, &p.continues), &p.spans))
            .collect())
    }

    /// Per document, each piece's log-probabilities from the window that labels it.
    fn scores(
        &self,
        docs: &[(Pieces, Vec<Window>)],
        batch: usize,
    ) -> Result<Vec<Vec<[f32; LABELS]>>> {
        let mut out: Vec<Vec<[f32; LABELS]>> = docs
            .iter()
            .map(|(d, _)| vec![[0.0; LABELS]; d.ids.len()])
            .collect();
        let mut windows: Vec<(usize, &Window)> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, (_, windows))| windows.iter().map(move |w| (d, w)))
            .collect();
        windows.sort_by_key(|(_, w)| std::cmp::Reverse(w.read.len()));
        for chunk in windows.chunks(batch.max(1)) {
            let slices: Vec<&[i64]> = chunk
                .iter()
                .map(|(d, w)| &docs[*d].0.ids[w.read.clone()])
                .collect();
            let logits = tch::no_grad(|| self.logits(&slices, false))?;
            let width = logits.size()[1] as usize;
            let flat: Vec<f32> = Vec::try_from(
                logits
                    .f_log_softmax(-1, Kind::Float)?
                    .f_to_device(Device::Cpu)?
                    .f_flatten(0, -1)?,
            )?;
            for (row, (d, w)) in chunk.iter().enumerate() {
                for piece in w.labels.clone() {
                    let at = (row * width + piece - w.read.start + 1) * LABELS;
                    out[*d][piece].copy_from_slice(&flat[at..at + LABELS]);
                }
            }
        }
        Ok(out)
    }
}

/// The label indices a window is trained on: `-100` (ignored) for `[CLS]` and `[SEP]`.
fn window_targets(labels: &[Label]) -> Vec<i64> {
    std::iter::once(-100)
        .chain(labels.iter().map(|l| l.index() as i64))
        .chain(std::iter::once(-100))
        .collect()
}
