//! Runs over the real wire corpora in the shared data folder (`QUOTEWIRE_DATA`).

use serde_json::Value;

use crate::util::{quotewire, records, shared_data};

/// Every line of each corpus comes out as a record or an error record, in order, without a panic.
#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
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

/// Related stories on BBC News plus the seed: stories whose relation is plain from their titles
/// are grouped (the WorldCom fraud trial: "Ebbers denies WorldCom fraud", "WorldCom director
/// admits lying", "Worldcom director ends evidence", "Ebbers 'aware' of WorldCom fraud",
/// "WorldCom trial starts in New York", "Worldcom ex-boss launches defence", "Worldcom boss
/// 'left books alone'"; Apple's Mac mini: "Apple unveils low-cost 'Mac mini'"
/// twice, "Apple Mac mini gets warm welcome", "Rivals of the £400 Apple...", "Mac Mini heralds
/// mini revolution"), apart from each other, and the Yonhap seed story has no relative there.
#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn related_stories_group_reports_of_one_event() {
    check_related_groups(&[]);
}

/// Runs `--related` with `extra` arguments on BBC News and the seed, and checks the groups above.
pub fn check_related_groups(extra: &[&str]) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("related.json");
    let bbc = data.join("bbc_news/bbc_news.jsonl");
    let mut args = vec![
        "run",
        "-q",
        "-o",
        "/dev/null",
        "--related",
        path.to_str().unwrap(),
        bbc.to_str().unwrap(),
        "corpus/stories",
    ];
    args.extend(extra);
    let output = quotewire(&args, b"");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let related: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let group_of = |doc: &str| -> Vec<String> {
        related["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["documents"].as_array().unwrap().iter().any(|d| d == doc))
            .map(|g| {
                g["documents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let worldcom = group_of("business/100");
    for doc in [
        "business/059",
        "business/087",
        "business/114",
        "business/196",
        "business/246",
        "business/465",
    ] {
        assert!(
            worldcom.contains(&doc.to_string()),
            "{doc} not with business/100: {worldcom:?}"
        );
    }
    let mac = group_of("tech/260");
    for doc in ["tech/297", "tech/300", "tech/301", "tech/336"] {
        assert!(
            mac.contains(&doc.to_string()),
            "{doc} not with tech/260: {mac:?}"
        );
    }
    assert!(!mac.contains(&"business/100".to_string()));
    assert!(group_of("000_9bb8d9a62761c524.txt").is_empty());
}
