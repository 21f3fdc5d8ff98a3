//! Throughput and peak memory of the MiniLM stance model (feature `transformer`): sentences per
//! second at batch 1 and 32, on 1 and 2 threads, both ways of using two threads (one model
//! shared by libtorch's own threads, or one model per worker thread). Each setting runs in a
//! process of its own so that its peak RSS is its own.
//!
//! `cargo bench -p quotewire-benches --features transformer --bench stance_throughput`
//! (needs `eval "$(bash models/setup.sh)"` and the shared data); prints one JSON line per setting.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use quotewire_core::Span;
use quotewire_eval::newsmtsc::read_newsmtsc;
use quotewire_score::transformer::{StanceModel, set_torch_threads};

/// Sentences per setting: NewsMTSC sentences, each with its first target.
const SENTENCES: usize = 640;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--setting") {
        let [threads, batch, models] = [1, 2, 3].map(|k| args[i + k].parse::<usize>().unwrap());
        measure(threads, batch, models);
        return;
    }
    let Some(data) = quotewire_benches::shared_data() else {
        eprintln!("SKIPPED: shared data not found (set QUOTEWIRE_DATA)");
        return;
    };
    if std::env::var_os("QUOTEWIRE_MINILM").is_none() {
        eprintln!("SKIPPED: QUOTEWIRE_MINILM not set (eval \"$(bash models/setup.sh)\")");
        return;
    }
    let _ = data;
    // (threads, batch, models): two threads either inside one model or one model each.
    for (threads, batch, models) in [
        (1, 1, 1),
        (1, 32, 1),
        (2, 1, 1),
        (2, 32, 1),
        (2, 1, 2),
        (2, 32, 2),
    ] {
        let status = Command::new(std::env::current_exe().unwrap())
            .args([
                "--setting",
                &threads.to_string(),
                &batch.to_string(),
                &models.to_string(),
            ])
            .status()
            .expect("run a setting");
        assert!(
            status.success(),
            "setting {threads} {batch} {models} failed"
        );
    }
}

fn sentences(data: &Path) -> Vec<(String, Span)> {
    read_newsmtsc(&data.join("newsmtsc/train.jsonl"))
        .expect("NewsMTSC")
        .into_iter()
        .filter_map(|targets| targets.into_iter().next())
        .take(SENTENCES)
        .map(|e| (e.text, e.target))
        .collect()
}

/// Runs the sentences through `models` models on as many worker threads (libtorch threads
/// `threads / models` each), `batch` sentences per forward pass.
fn measure(threads: usize, batch: usize, models: usize) {
    let data = quotewire_benches::shared_data().unwrap();
    let minilm = std::path::PathBuf::from(std::env::var_os("QUOTEWIRE_MINILM").unwrap());
    let sentences = sentences(&data);
    set_torch_threads(threads / models);
    let loaded: Vec<StanceModel> = (0..models)
        .map(|_| StanceModel::bundled(&minilm).unwrap())
        .collect();
    let run = |model: &StanceModel, part: &[(String, Span)]| {
        for chunk in part.chunks(batch) {
            let spans: Vec<[Span; 1]> = chunk.iter().map(|(_, s)| [*s]).collect();
            let items: Vec<(&str, &[Span])> = chunk
                .iter()
                .zip(&spans)
                .map(|((t, _), s)| (t.as_str(), &s[..]))
                .collect();
            model.probabilities(&items).unwrap();
        }
    };
    run(&loaded[0], &sentences[..batch.min(sentences.len())]); // warm-up
    let started = Instant::now();
    let per_model = sentences.len().div_ceil(models);
    std::thread::scope(|scope| {
        for (model, part) in loaded.into_iter().zip(sentences.chunks(per_model)) {
            // Each worker owns its model.
            scope.spawn(move || run(&model, part));
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({
            "threads": threads, "batch": batch, "models": models,
            "sentences": sentences.len(),
            "sentences_per_s": (sentences.len() as f64 / seconds * 10.0).round() / 10.0,
            "peak_rss_mb": peak_kib / 1024,
        })
    );
}
