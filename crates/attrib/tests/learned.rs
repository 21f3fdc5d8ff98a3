//! The learned tagger (feature `transformer`; needs `eval "$(bash models/setup.sh)"`): word
//! pieces map to exact bytes, a tiny training run saves and loads through its checksum, and a
//! missing or corrupt weights file is an error naming it.
#![cfg(feature = "transformer")]

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use quotewire_attrib::learned::{
    DevDoc, Device, EpochReport, EpochScore, Tagger, TaggerError, TrainDoc, TrainOptions,
    train_tagger,
};
use quotewire_attrib::tagging::{Role, RoleSpan, Windows, piece_labels, spans_of};
use quotewire_core::Span;

/// libtorch's random generator is the process's: tests that make or train models take turns, so
/// that one's seeded run is not disturbed by another's initialisation.
static TORCH: Mutex<()> = Mutex::new(());

/// The MiniLM folder, and the turn to use libtorch (the tests that call this are ignored
/// unless QUOTEWIRE_MINILM was set when they were built).
fn minilm() -> (PathBuf, MutexGuard<'static, ()>) {
    let turn = TORCH.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::var_os("QUOTEWIRE_MINILM")
        .map(PathBuf::from)
        .expect("QUOTEWIRE_MINILM: eval \"$(bash models/setup.sh)\"");
    (dir, turn)
}

fn find(text: &str, part: &str) -> Span {
    let start = text.find(part).unwrap();
    Span::new(start, start + part.len())
}

/// Accents, curly quotes, CJK, an emoji, a combining mark, a letter whose lower case is longer
/// (İ), a control character and a no-break space.
const TEXT: &str = "“Nous n’irons pas à Séoul,” a déclaré Zoë Müller-Łukasiewicz à Tōkyō 東京 🙂. \
                    İstanbul’s mayor said cafe\u{301} prices\u{7} rose\u{a0}again.";

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn word_pieces_are_exact_bytes_of_multibyte_text() {
    let (minilm, _turn) = minilm();
    let tagger = Tagger::untrained(&minilm, Device::Cpu).unwrap();
    let pieces = tagger.pieces(TEXT).unwrap();
    assert_eq!(pieces.ids.len(), pieces.spans.len());
    assert_eq!(pieces.ids.len(), pieces.continues.len());
    let mut end = 0;
    for span in &pieces.spans {
        let piece = span.slice(TEXT).expect("a piece on character boundaries");
        assert!(!piece.trim().is_empty(), "{span:?}");
        assert!(span.start >= end, "pieces in order, not overlapping");
        end = span.end;
    }
    let words: Vec<&str> = pieces.spans.iter().map(|s| &TEXT[s.range()]).collect();
    for expected in ["“", "Séoul", "東", "京", "🙂", "’"] {
        assert!(
            words
                .iter()
                .any(|w| *w == expected || w.starts_with(expected)),
            "{expected:?} in {words:?}"
        );
    }
    // Gold spans become labels over the real pieces and come back as the same bytes.
    let gold = [
        RoleSpan::new(Role::Content, find(TEXT, "“Nous n’irons pas à Séoul,”")),
        RoleSpan::new(Role::Cue, find(TEXT, "a déclaré")),
        RoleSpan::new(Role::Source, find(TEXT, "Zoë Müller-Łukasiewicz")),
        RoleSpan::new(Role::Source, find(TEXT, "İstanbul’s mayor")),
        RoleSpan::new(Role::Cue, find(TEXT, "said")),
        RoleSpan::new(
            Role::Content,
            find(TEXT, "cafe\u{301} prices\u{7} rose\u{a0}again"),
        ),
    ];
    let labels = piece_labels(&pieces.spans, &gold);
    let read: Vec<(Role, &str)> = spans_of(&labels, &pieces.spans)
        .iter()
        .map(|s| (s.role, &TEXT[s.span.range()]))
        .collect();
    assert_eq!(
        read,
        [
            (Role::Content, "“Nous n’irons pas à Séoul,”"),
            (Role::Cue, "a déclaré"),
            (Role::Source, "Zoë Müller-Łukasiewicz"),
            (Role::Source, "İstanbul’s mayor"),
            (Role::Cue, "said"),
            (Role::Content, "cafe\u{301} prices\u{7} rose\u{a0}again"),
        ]
    );
    // The pieces of one word: the first starts it, the others continue it.
    for word in ["Łukasiewicz", "Nous", "irons"] {
        let w = find(TEXT, word);
        let inside: Vec<bool> = pieces
            .spans
            .iter()
            .zip(&pieces.continues)
            .filter(|(s, _)| w.start <= s.start && s.end <= w.end)
            .map(|(_, c)| *c)
            .collect();
        assert!(inside.len() > 1, "{word} in {words:?}");
        assert!(
            !inside[0] && inside[1..].iter().all(|c| *c),
            "{word}: {inside:?}"
        );
    }
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn any_text_is_tagged_into_ordered_spans_in_bounds() {
    let (minilm, _turn) = minilm();
    let tagger = Tagger::untrained(&minilm, Device::Cpu)
        .unwrap()
        .with_windows(Windows {
            size: 16,
            stride: 8,
        });
    let long = "Officials said the talks would go on. ".repeat(20);
    let texts = ["", " \n\t", "\u{0}\u{1}\u{7f}", TEXT, &long];
    let tagged = tagger.tag(&texts, 4).unwrap();
    assert_eq!(tagged.len(), texts.len());
    assert!(tagged[0].is_empty() && tagged[1].is_empty());
    for (text, spans) in texts.iter().zip(&tagged) {
        let mut end = 0;
        for s in spans {
            assert!(s.span.slice(text).is_some(), "{s:?} in {text:?}");
            assert!(s.span.start >= end && s.span.start < s.span.end);
            end = s.span.end;
        }
    }
    // Windows of 16 pieces, one text at a time or all together, read the same.
    let alone = tagger.tag(&[&long], 1).unwrap();
    assert_eq!(alone[0], tagged[4]);
}

fn tiny_corpus() -> Vec<TrainDoc> {
    let texts = [
        "Kōno said the talks had failed. “We remain far apart,” the minister said.",
        "According to Séoul officials, the pact expires on Friday.",
        "Ms. Müller told reporters she would not resign.",
    ];
    let gold: [&[(Role, &str)]; 3] = [
        &[
            (Role::Source, "Kōno"),
            (Role::Cue, "said"),
            (Role::Content, "the talks had failed"),
            (Role::Content, "“We remain far apart,”"),
            (Role::Source, "the minister"),
        ],
        &[
            (Role::Cue, "According to"),
            (Role::Source, "Séoul officials"),
            (Role::Content, "the pact expires on Friday"),
        ],
        &[
            (Role::Source, "Ms. Müller"),
            (Role::Cue, "told"),
            (Role::Content, "she would not resign"),
        ],
    ];
    texts
        .iter()
        .zip(gold)
        .map(|(text, spans)| TrainDoc {
            text: text.to_string(),
            sentences: Vec::new(),
            spans: spans
                .iter()
                .map(|(role, part)| RoleSpan::new(*role, find(text, part)))
                .collect(),
        })
        .collect()
}

fn smoke_options(seed: u64) -> TrainOptions {
    TrainOptions {
        epochs: 1,
        batch_size: 2,
        max_steps: Some(1),
        seed,
        windows: Windows {
            size: 12,
            stride: 6,
        },
        ..TrainOptions::default()
    }
}

fn train_once(minilm: &Path, seed: u64, dir: &Path, name: &str) -> (PathBuf, String, usize) {
    let corpus = tiny_corpus();
    let dev = [DevDoc {
        text: "The senator said he was tired.",
        sentences: &[],
    }];
    let mut reports = Vec::new();
    let trained = train_tagger(
        minilm,
        &corpus,
        &dev,
        &smoke_options(seed),
        |_| {},
        |r: &EpochReport| {
            reports.push((r.epoch, r.steps, r.loss, r.dev.len()));
            EpochScore {
                score: 1.0,
                figures: serde_json::json!({"epoch": r.epoch}),
            }
        },
    )
    .unwrap();
    assert_eq!(
        (trained.best_epoch, trained.epochs_run, trained.steps),
        (1, 1, 1)
    );
    assert_eq!(reports.len(), 1);
    let (epoch, steps, loss, dev_docs) = reports[0];
    assert_eq!((epoch, steps, dev_docs), (1, 1, 1));
    // An untrained head over 7 labels starts near ln 7.
    assert!(loss > 0.5 && loss < 4.0, "{loss}");
    let path = dir.join(name);
    let (sha256, bytes) = trained.tagger.save(&path).unwrap();
    assert_eq!(bytes, std::fs::metadata(&path).unwrap().len());
    (path, sha256, bytes as usize)
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn a_tiny_training_run_saves_and_loads_through_its_checksum() {
    let (minilm, _turn) = minilm();
    let dir = tempfile::tempdir().unwrap();
    let (path, sha256, bytes) = train_once(&minilm, 7, dir.path(), "a.safetensors");
    // MiniLM-L6 less its word-piece embeddings, and the head, in half precision: about 22 MB.
    assert!(bytes > 20_000_000 && bytes < 25_000_000, "{bytes}");
    let loaded = Tagger::load(&minilm, &path, &sha256, Device::Cpu).unwrap();
    let spans = loaded.tag(&[TEXT], 8).unwrap();
    assert_eq!(spans.len(), 1);
    // Half-precision weights read back and written again are the same bytes.
    let again = dir.path().join("b.safetensors");
    assert_eq!(loaded.save(&again).unwrap().0, sha256);
    // The same seed trains the same weights; another seed others.
    let (_, same, _) = train_once(&minilm, 7, dir.path(), "c.safetensors");
    assert_eq!(same, sha256);
    let (_, other, _) = train_once(&minilm, 8, dir.path(), "d.safetensors");
    assert_ne!(other, sha256);
    // The account's way: the file beside it, by name and SHA-256.
    let account = dir.path().join("a.json");
    std::fs::write(
        &account,
        format!(r#"{{"weights": {{"file": "a.safetensors", "sha256": "{sha256}"}}}}"#),
    )
    .unwrap();
    Tagger::load_account(&minilm, &account, Device::Cpu).unwrap();
}

/// Two epochs of a tiny run, the figures each epoch reported and the weights' SHA-256; with
/// `resume_after_one`, the first epoch's checkpoint is resumed by a second run for the rest.
fn two_epochs(minilm: &Path, dir: &Path, resume_after_one: bool) -> (Vec<f64>, String) {
    let corpus = tiny_corpus();
    let dev = [DevDoc {
        text: "The senator said he was tired.",
        sentences: &[],
    }];
    let checkpoint = dir.join(if resume_after_one { "cut" } else { "whole" });
    let options = TrainOptions {
        epochs: 2,
        max_steps: None,
        patience: 5,
        checkpoint: Some(checkpoint.clone()),
        ..smoke_options(11)
    };
    let score = |r: &EpochReport| EpochScore {
        score: r.epoch as f64,
        figures: serde_json::json!({"loss": r.loss}),
    };
    let trained = if resume_after_one {
        let first = TrainOptions {
            stop_after: Some(1),
            ..options.clone()
        };
        let cut = train_tagger(minilm, &corpus, &dev, &first, |_| {}, score).unwrap();
        assert_eq!(cut.epochs_run, 1);
        let resumed = TrainOptions {
            resume: Some(checkpoint.clone()),
            ..options.clone()
        };
        train_tagger(minilm, &corpus, &dev, &resumed, |_| {}, score).unwrap()
    } else {
        train_tagger(minilm, &corpus, &dev, &options, |_| {}, score).unwrap()
    };
    assert_eq!((trained.epochs_run, trained.best_epoch), (2, 2));
    let losses = trained
        .epochs
        .iter()
        .map(|e| e.figures["loss"].as_f64().unwrap())
        .collect();
    let (sha256, _) = trained.tagger.save(&dir.join("w.safetensors")).unwrap();
    (losses, sha256)
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn a_run_resumed_from_its_checkpoint_trains_the_same_weights() {
    let (minilm, _turn) = minilm();
    let dir = tempfile::tempdir().unwrap();
    let (whole_losses, whole) = two_epochs(&minilm, dir.path(), false);
    let (cut_losses, cut) = two_epochs(&minilm, dir.path(), true);
    assert_eq!(whole_losses.len(), 2);
    // The first epoch's loss came back through the checkpoint's JSON: equal to its last bits.
    for (whole, cut) in whole_losses.iter().zip(&cut_losses) {
        assert!(
            (whole - cut).abs() < 1e-12,
            "{whole_losses:?} {cut_losses:?}"
        );
    }
    assert_eq!(whole, cut);
    // A checkpoint of other options is refused, naming the file.
    let other = TrainOptions {
        epochs: 3,
        resume: Some(dir.path().join("whole")),
        ..smoke_options(11)
    };
    let err = train_tagger(
        &minilm,
        &tiny_corpus(),
        &[DevDoc {
            text: "x",
            sentences: &[],
        }],
        &other,
        |_| {},
        |_| EpochScore {
            score: 0.0,
            figures: serde_json::Value::Null,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("state.json"), "{err}");
    assert!(err.to_string().contains("another run"), "{err}");
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn a_missing_corrupt_or_foreign_weights_file_is_an_error_naming_it() {
    let (minilm, _turn) = minilm();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.safetensors");
    let err = Tagger::load(&minilm, &missing, "00", Device::Cpu).unwrap_err();
    assert!(
        matches!(err, TaggerError::Io { ref path, .. } if *path == missing),
        "{err}"
    );
    assert!(err.to_string().contains("none.safetensors"), "{err}");

    // A real weights file with one byte changed.
    let tagger = Tagger::untrained(&minilm, Device::Cpu).unwrap();
    let good = dir.path().join("good.safetensors");
    let (sha256, _) = tagger.save(&good).unwrap();
    let mut bytes = std::fs::read(&good).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    let corrupt = dir.path().join("corrupt.safetensors");
    std::fs::write(&corrupt, &bytes).unwrap();
    let err = Tagger::load(&minilm, &corrupt, &sha256, Device::Cpu).unwrap_err();
    match &err {
        TaggerError::Checksum {
            path,
            expected,
            found,
        } => {
            assert_eq!(path, &corrupt);
            assert_eq!(expected, &sha256);
            assert_ne!(found, &sha256);
        }
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains("corrupt.safetensors"), "{err}");

    // Bytes that are no safetensors file, and one that lacks a parameter, each with a matching
    // checksum: errors naming the file, not panics.
    let junk = dir.path().join("junk.safetensors");
    std::fs::write(&junk, b"not a tensor file").unwrap();
    let junk_sha = quotewire_attrib::learned::sha256_hex(b"not a tensor file");
    let err = Tagger::load(&minilm, &junk, &junk_sha, Device::Cpu).unwrap_err();
    assert!(matches!(err, TaggerError::Safetensors { .. }), "{err}");
    assert!(err.to_string().contains("junk.safetensors"), "{err}");
    let partial = dir.path().join("partial.safetensors");
    let one = tch::Tensor::zeros([384], (tch::Kind::Half, tch::Device::Cpu));
    tch::Tensor::write_safetensors(&[("embeddings.LayerNorm.bias", &one)], &partial).unwrap();
    let partial_sha = quotewire_attrib::learned::sha256_hex(&std::fs::read(&partial).unwrap());
    let err = Tagger::load(&minilm, &partial, &partial_sha, Device::Cpu).unwrap_err();
    assert!(
        matches!(err, TaggerError::Mismatch { ref problem, .. } if problem.starts_with("no parameter")),
        "{err}"
    );

    // An account naming another file's checksum.
    let account = dir.path().join("account.json");
    std::fs::write(
        &account,
        format!(r#"{{"weights": {{"file": "corrupt.safetensors", "sha256": "{sha256}"}}}}"#),
    )
    .unwrap();
    let err = Tagger::load_account(&minilm, &account, Device::Cpu).unwrap_err();
    assert!(matches!(err, TaggerError::Checksum { .. }), "{err}");
    std::fs::write(&account, "{}").unwrap();
    let err = Tagger::load_account(&minilm, &account, Device::Cpu).unwrap_err();
    assert!(err.to_string().contains("no weights.file"), "{err}");
}

/// The bundled tagger through the attributor, learned and hybrid, on arbitrary text: never a
/// panic, every span in bounds, on character boundaries and in order within its quote, every
/// speaker a quote names among the speakers.
#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn the_learned_attributors_give_spans_in_bounds_on_any_text() {
    use proptest::prelude::*;
    use quotewire_attrib::learned::TaggerPool;
    use quotewire_attrib::{Attributor, Method};
    use std::sync::Arc;

    let (minilm, _turn) = minilm();
    let pool: Arc<TaggerPool> =
        Arc::new(TaggerPool::bundled(&minilm, 1, Default::default()).unwrap());
    let attributors =
        [Method::Learned, Method::Hybrid].map(|m| Attributor::new().with_tagger(pool.clone(), m));
    let check = |text: &str| {
        let whole = [Span::new(0, text.len())];
        let sentences = quotewire_segment::Segmenter::new()
            .sentences_in(text, whole[0])
            .collect::<Vec<_>>();
        for attributor in &attributors {
            let found = attributor
                .attribute(text, None, &whole, &sentences)
                .unwrap();
            for q in &found.quotes {
                assert!(!q.content.is_empty());
                for s in q.content.iter().chain(&q.cue).chain(&q.source) {
                    assert!(
                        s.start < s.end && s.slice(text).is_some(),
                        "{s:?} in {text:?}"
                    );
                }
                for pair in q.content.windows(2) {
                    assert!(pair[0].end <= pair[1].start, "{pair:?}");
                }
                if let Some(id) = &q.speaker {
                    assert!(found.speakers.iter().any(|s| &s.id == id));
                }
            }
        }
    };
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(48));
    runner
        .run(&"\\PC{0,200}", |text| {
            check(&text);
            Ok(())
        })
        .unwrap();
    runner
        .run(
            &"((“|”|\"|, |\\. |\n\n| )|(said|told|according to|he|Minister Jeong|Zoë|we|will|東京)){0,50}",
            |text| {
                check(&text);
                Ok(())
            },
        )
        .unwrap();
    // A sentence of 50,000 words, control characters, only marks.
    let long = format!("The minister said {}.", "very ".repeat(50_000));
    for text in [
        long.as_str(),
        "\u{0}\u{7}“We\u{1b} said\u{7f} no,” he said.",
        "“”“”\"\"«»",
        "",
    ] {
        check(text);
    }
}
