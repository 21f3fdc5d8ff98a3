//! Shared helpers of the benchmarks: the real wire corpora from the shared data folder.

use std::path::PathBuf;

/// The shared data folder (`QUOTEWIRE_DATA`, default `../shared/data` beside the repository).
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("QUOTEWIRE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    dir.is_dir().then_some(dir)
}

/// The texts of a JSON Lines file: the `text` field, else `body`; lines without either are skipped.
pub fn jsonl_texts(path: &std::path::Path) -> Vec<String> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            v.get("text")
                .or_else(|| v.get("body"))
                .and_then(|t| t.as_str())
                .map(str::to_string)
        })
        .collect()
}

/// Reuters-21578 bodies and BBC News stories, or `None` (with a note) without the shared data.
pub fn wire_corpus() -> Option<Vec<String>> {
    let Some(data) = shared_data() else {
        eprintln!(
            "SKIPPED: shared data not found (set QUOTEWIRE_DATA): wire-corpus benchmarks not run"
        );
        return None;
    };
    let mut texts = jsonl_texts(&data.join("reuters21578/derived/reuters21578.jsonl"));
    texts.extend(jsonl_texts(&data.join("bbc_news/bbc_news.jsonl")));
    Some(texts)
}

/// Total bytes of the texts.
pub fn total_bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}
