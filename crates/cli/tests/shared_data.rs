//! Runs over the real wire corpora in the shared data folder (`QUOTEWIRE_DATA`).

use crate::util::{quotewire, records, shared_data};

/// Every line of each corpus comes out as a record or an error record, in order, without a panic.
#[test]
fn reuters_and_bbc_corpora_process_without_panic() {
    let Some(data) = shared_data() else { return };
    for (file, failures) in [
        ("reuters21578/derived/reuters21578.jsonl", true),
        ("bbc_news/bbc_news.jsonl", false),
    ] {
        let path = data.join(file);
        let input = std::fs::read_to_string(&path).unwrap();
        let output = quotewire(&["run", path.to_str().unwrap(), "-q"], b"");
        let records = records(&output);
        assert_eq!(
            records.len(),
            input.lines().filter(|l| !l.trim().is_empty()).count(),
            "{file}"
        );
        let errors: Vec<_> = records
            .iter()
            .filter(|r| r.get("error").is_some())
            .collect();
        // Reuters stories without a body have no text field: the only failures allowed.
        assert!(
            errors.iter().all(|r| r["kind"] == "missing-field"),
            "{file}: {errors:?}"
        );
        assert_eq!(!errors.is_empty(), failures, "{file}");
        assert_eq!(output.status.code(), Some(i32::from(failures)), "{file}");
    }
}
