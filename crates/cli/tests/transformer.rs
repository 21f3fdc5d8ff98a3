//! `--scorer transformer` (feature `transformer`; needs `eval "$(bash models/setup.sh)"`).

use serde_json::Value;

use crate::eval::report;
use crate::util::{quotewire, records, shared_data};

fn have_minilm() -> bool {
    let set = std::env::var_os("QUOTEWIRE_MINILM").is_some();
    if !set {
        eprintln!("SKIPPED: QUOTEWIRE_MINILM not set (eval \"$(bash models/setup.sh)\")");
    }
    set
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn transformer_stance_meets_the_gate_on_the_newsmtsc_holdout() {
    let Some(data) = shared_data() else { return };
    if !have_minilm() {
        return;
    }
    let data = data.to_str().unwrap();
    let args = ["eval", "--task", "stance", "--data", data, "--scorer"];
    let learned = report(&[&args[..], &["transformer"]].concat());
    assert_eq!(learned["targets"], 859);
    assert!(learned["macro_f1"].as_f64().unwrap() >= 0.70, "{learned}");
    let lexicon = report(&[&args[..], &["lexicon"]].concat());
    assert!(learned["macro_f1"].as_f64() > lexicon["macro_f1"].as_f64());
}

#[test]
fn run_scores_the_seed_with_the_transformer() {
    if !have_minilm() {
        return;
    }
    let output = quotewire(
        &[
            "run",
            "corpus/stories",
            "-",
            "-q",
            "--threads",
            "2",
            "--scorer",
            "transformer",
            "--target",
            "GSOMIA=intel-sharing pact|pact",
        ],
        b"{\"id\": \"empty\", \"text\": \"\"}\n{\"id\": \"marks\", \"text\": \"\\\"\\\"\\\" \\u201c\\u201c Jeong said.\"}\n",
    );
    assert_eq!(output.status.code(), Some(1), "the empty document fails");
    let records = records(&output);
    let seed = records
        .iter()
        .find(|r| r["doc"].as_str().unwrap().ends_with(".txt"))
        .unwrap();
    let stances: Vec<&Value> = seed["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| q["stance"].as_array().into_iter().flatten())
        .collect();
    assert!(stances.len() > 10, "{stances:?}");
    for s in &stances {
        let label = s["label"].as_str().unwrap();
        let issue = s["target"] == "GSOMIA";
        let allowed: &[&str] = if issue {
            &["favor", "against", "neutral"]
        } else {
            &["positive", "negative", "neutral"]
        };
        assert!(allowed.contains(&label), "{s}");
        assert!((0.0..=1.0).contains(&s["score"].as_f64().unwrap()), "{s}");
    }
    assert!(stances.iter().any(|s| s["target"] == "GSOMIA"));
    let empty = records.iter().find(|r| r["doc"] == "empty").unwrap();
    assert!(empty["error"].is_string(), "{empty}");
    assert!(
        records
            .iter()
            .any(|r| r["doc"] == "marks" && r["error"].is_null())
    );
}

#[test]
fn stance_command_answers_each_line_with_the_transformer() {
    if !have_minilm() {
        return;
    }
    let input = "{\"text\": \"Critics said Müller betrayed the voters.\", \"target\": {\"start\": 13, \"end\": 20}, \"kind\": \"entity\"}\n\
                 {\"text\": \"short\", \"target\": {\"start\": 3, \"end\": 99}}\n\
                 {\"text\": \"truncated";
    let output = quotewire(&["stance", "--scorer", "transformer"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["label"], "negative", "{}", lines[0]);
    assert!(lines[1]["error"].is_string() && lines[2]["error"].is_string());
}

#[test]
fn a_missing_minilm_folder_stops_the_run_with_a_clear_error() {
    let output = quotewire(
        &[
            "run",
            "corpus/stories",
            "-q",
            "--scorer",
            "transformer",
            "--minilm",
            "/nonexistent/minilm",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/minilm"), "{stderr}");
}

/// The same stories group by MiniLM embeddings of headline and lead as by their words: the seven
/// WorldCom-trial stories, the five Mac mini stories, apart; the seed joins none.
#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn related_stories_by_embeddings_group_reports_of_one_event() {
    if !have_minilm() {
        return;
    }
    crate::shared_data::check_related_groups(&["--related-by", "minilm"]);
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn train_attribution_smoke_run_writes_weights_and_an_account_that_load_back() {
    let Some(data) = shared_data() else { return };
    if !have_minilm() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let weights = dir.path().join("tagger.safetensors");
    let output = quotewire(
        &[
            "train",
            "attribution",
            "--data",
            data.to_str().unwrap(),
            "--limit-docs",
            "2",
            "--limit-dev-docs",
            "1",
            "--max-steps",
            "1",
            "--batch-size",
            "2",
            "--threads",
            "2",
            "-o",
            weights.to_str().unwrap(),
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let account: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("tagger.json")).unwrap())
            .unwrap();
    let bytes = std::fs::read(&weights).unwrap();
    use sha2::Digest;
    let sha256 = format!("{:x}", sha2::Sha256::digest(&bytes));
    assert_eq!(account["weights"]["sha256"], sha256.as_str());
    assert_eq!(account["weights"]["bytes"], bytes.len());
    assert!(bytes.len() < 50_000_000, "{}", bytes.len());
    assert_eq!(account["data"]["train_articles"], 2);
    assert_eq!(account["data"]["dev_articles"], 1);
    assert_eq!(account["data"]["train"]["file"], "polnear_train.jsonl");
    assert_eq!(
        account["data"]["train"]["sha256"].as_str().unwrap().len(),
        64
    );
    assert_eq!(account["steps"], 1);
    assert_eq!(account["best_epoch"], 1);
    let epoch = &account["epochs"][0];
    for role in ["source", "cue", "content"] {
        let f1 = epoch["exact"][role]["f1"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&f1), "{epoch}");
        assert!(
            epoch["begin"][role]["gold"].as_u64().unwrap() > 0,
            "{epoch}"
        );
        assert!(account["saved_weights_dev"]["exact"][role]["f1"].is_number());
    }
    assert_eq!(account["hardware"]["device"], "cpu");
    assert_eq!(account["hardware"]["libtorch_threads"], 2);
    assert!(
        account["command"]
            .as_str()
            .unwrap()
            .starts_with("quotewire train attribution")
    );
    // A corrupted copy is refused by name.
    let mut corrupt = bytes.clone();
    corrupt[bytes.len() / 3] ^= 1;
    std::fs::write(&weights, corrupt).unwrap();
    let err = quotewire_attrib::learned::Tagger::load_account(
        std::env::var_os("QUOTEWIRE_MINILM").unwrap().as_ref(),
        &dir.path().join("tagger.json"),
        quotewire_attrib::learned::Device::Cpu,
    )
    .unwrap_err();
    assert!(err.to_string().contains("tagger.safetensors"), "{err}");
}
