//! The transformer build (feature `transformer`): `--scorer transformer`, `--attributor
//! learned|hybrid` and `train`. The tests that run MiniLM need `eval "$(bash models/setup.sh)"`
//! before the tests are built; without it they are listed as ignored.

use serde_json::Value;

use crate::eval::report;
use crate::util::{quotewire, records, shared_data};

#[test]
#[cfg_attr(
    not(all(shared_data, minilm)),
    ignore = "needs the shared data and MiniLM: QUOTEWIRE_DATA and QUOTEWIRE_MINILM when the tests are built"
)]
fn transformer_stance_meets_the_gate_on_the_newsmtsc_holdout() {
    let Some(data) = shared_data() else { return };
    let data = data.to_str().unwrap();
    let args = ["eval", "--task", "stance", "--data", data, "--scorer"];
    let learned = report(&[&args[..], &["transformer"]].concat());
    assert_eq!(learned["targets"], 859);
    assert!(learned["macro_f1"].as_f64().unwrap() >= 0.70, "{learned}");
    let lexicon = report(&[&args[..], &["lexicon"]].concat());
    assert!(learned["macro_f1"].as_f64() > lexicon["macro_f1"].as_f64());
}

#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn run_scores_the_seed_with_the_transformer() {
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
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn stance_command_answers_each_line_with_the_transformer() {
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
    not(all(shared_data, minilm)),
    ignore = "needs the shared data and MiniLM: QUOTEWIRE_DATA and QUOTEWIRE_MINILM when the tests are built"
)]
fn related_stories_by_embeddings_group_reports_of_one_event() {
    crate::shared_data::check_related_groups(&["--related-by", "minilm"]);
}

#[test]
#[cfg_attr(
    not(all(shared_data, minilm)),
    ignore = "needs the shared data and MiniLM: QUOTEWIRE_DATA and QUOTEWIRE_MINILM when the tests are built"
)]
fn train_attribution_smoke_run_writes_weights_and_an_account_that_load_back() {
    let Some(data) = shared_data() else { return };
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
            "--checkpoint",
            dir.path().join("checkpoint").to_str().unwrap(),
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

/// `eval --task attribution` over PolNeAR dev with one attributor: the report.
fn dev_report(data: &str, attributor: &str) -> Value {
    report(&[
        "eval",
        "--task",
        "attribution",
        "--data",
        data,
        "--attributor",
        attributor,
    ])
}

/// The gates of the learned attribution (issue #27) on PolNeAR dev, for the attributors the
/// README recommends: the learned one's exact F1 on the literature's instances, per role; the
/// hybrid's quoted attributions found and their speakers; each role above the rules' for both.
#[test]
#[cfg_attr(
    not(all(shared_data, minilm)),
    ignore = "needs the shared data and MiniLM: QUOTEWIRE_DATA and QUOTEWIRE_MINILM when the tests are built"
)]
fn learned_and_hybrid_attribution_meet_the_gates_on_polnear_dev() {
    let Some(data) = shared_data() else { return };
    let data = data.to_str().unwrap();
    let rules = dev_report(data, "rules");
    let learned = dev_report(data, "learned");
    let hybrid = dev_report(data, "hybrid");
    let exact = |r: &Value, role: &str| r["instances"]["exact"][role]["f1"].as_f64().unwrap();
    for (role, gate) in GATES {
        let (l, h, r) = (
            exact(&learned, role),
            exact(&hybrid, role),
            exact(&rules, role),
        );
        assert!(
            l >= gate && l > r,
            "{role}: learned {l}, gate {gate}, rules {r}"
        );
        assert!(h > r, "{role}: hybrid {h}, rules {r}");
    }
    let quoted = &hybrid["quoted"];
    let found = quoted["attribution"]["f1"].as_f64().unwrap();
    let speakers = quoted["speaker_accuracy"].as_f64().unwrap();
    assert!(found >= 0.88, "quoted attribution F1 {found}");
    assert!(speakers >= 0.93, "quoted speaker accuracy {speakers}");
}

/// Exact F1 on PolNeAR dev's instances that `--attributor learned` must reach, per role.
const GATES: [(&str, f64); 3] = [("source", 0.78), ("cue", 0.71), ("content", 0.64)];

/// The seed story: all 17 attributions of our gold found, each with the right speaker, and the
/// speaker gold no lower than the rules'.
#[test]
#[cfg_attr(
    not(all(shared_data, minilm)),
    ignore = "needs the shared data and MiniLM: QUOTEWIRE_DATA and QUOTEWIRE_MINILM when the tests are built"
)]
fn hybrid_attribution_reads_the_seed_and_the_speaker_gold() {
    let Some(data) = shared_data() else { return };
    let data = data.to_str().unwrap();
    let seed = report(&[
        "eval",
        "--task",
        "attribution",
        "--gold",
        "corpus/gold",
        "--attributor",
        "hybrid",
    ]);
    let all = &seed["all"];
    assert_eq!(all["attribution"]["gold"], 17, "{all}");
    assert_eq!(all["attribution"]["gold_found"], 17, "{all}");
    assert_eq!(all["speaker_correct"], 17, "{all}");
    let speakers = |attributor: &str| {
        report(&[
            "eval",
            "--task",
            "speakers",
            "--data",
            data,
            "--attributor",
            attributor,
        ])
    };
    let (rules, hybrid) = (speakers("rules"), speakers("hybrid"));
    for figure in SPEAKER_FIGURES {
        let (h, r) = (hybrid[figure].as_f64(), rules[figure].as_f64());
        assert!(h >= r, "{figure}: hybrid {h:?}, rules {r:?}");
    }
}

/// The speaker gold's figures (`eval --task speakers --json`).
const SPEAKER_FIGURES: [&str; 5] = [
    "found",
    "speaker_right",
    "kind_right",
    "quoted_found",
    "quoted_speaker_right",
];

/// Bad input through the learned path: an empty document, a 50,000-word sentence, control
/// characters and unbalanced marks each get a record or a clear error record, never a panic; every
/// span of every record is in bounds and each quote's content in order.
#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn the_learned_path_survives_bad_input() {
    let long = format!("The minister said {}.", "very ".repeat(50_000));
    let lines = [
        serde_json::json!({"id": "empty", "text": ""}),
        serde_json::json!({"id": "long", "text": long}),
        serde_json::json!({"id": "control", "text": "\u{1}\u{7}“We\u{1b} said\u{7f} no,” Zoë Müller said.\u{c}"}),
        serde_json::json!({"id": "marks", "text": "“ “ ” \" ' « Jeong said “it ended. »"}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    for attributor in ["learned", "hybrid"] {
        let output = quotewire(
            &[
                "run",
                "-",
                "-q",
                "--threads",
                "2",
                "--with-text",
                "--attributor",
                attributor,
            ],
            input.as_bytes(),
        );
        assert_eq!(output.status.code(), Some(1), "the empty document fails");
        let records = records(&output);
        assert_eq!(records.len(), 4);
        for record in &records {
            if record["doc"] == "empty" {
                assert!(record["error"].is_string(), "{record}");
                continue;
            }
            assert!(record["error"].is_null(), "{record}");
            let text = record["text"].as_str().unwrap();
            for quote in record["quotes"].as_array().unwrap() {
                let spans = quote["content"].as_array().unwrap();
                let mut end = 0;
                for span in spans {
                    let (s, e) = (
                        span["start"].as_u64().unwrap(),
                        span["end"].as_u64().unwrap(),
                    );
                    assert!(s >= end && s < e, "{quote}");
                    assert!(text.get(s as usize..e as usize).is_some(), "{quote}");
                    end = e;
                }
                for key in ["cue", "source"] {
                    if let Some(span) = quote.get(key).filter(|s| !s.is_null()) {
                        crate::util::slice(text, span);
                    }
                }
            }
        }
        let long = records.iter().find(|r| r["doc"] == "long").unwrap();
        assert!(
            !long["quotes"].as_array().unwrap().is_empty(),
            "{attributor}"
        );
    }
}

/// The seed story through `run --attributor hybrid`: the quotes of "Jeong said", "the minister
/// said", "he stated" and the cue-less continuation go to Jeong Kyeong-doo, spans exact in bytes.
#[test]
#[cfg_attr(
    not(minilm),
    ignore = "needs MiniLM: QUOTEWIRE_MINILM when the tests are built (eval \"$(bash models/setup.sh)\")"
)]
fn run_attributes_the_seed_with_the_hybrid() {
    let output = quotewire(
        &[
            "run",
            "corpus/stories",
            "-",
            "-q",
            "--with-text",
            "--attributor",
            "hybrid",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output);
    let seed = &records[0];
    let text = seed["text"].as_str().unwrap();
    let speakers = seed["speakers"].as_array().unwrap();
    let jeong = speakers
        .iter()
        .find(|s| s["name"] == "Jeong Kyeong-doo")
        .expect("Jeong is a speaker");
    let by_jeong: Vec<&Value> = seed["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["speaker"] == jeong["id"])
        .collect();
    let sources: Vec<&str> = by_jeong
        .iter()
        .filter_map(|q| q.get("source").filter(|s| !s.is_null()))
        .map(|s| crate::util::slice(text, s))
        .collect();
    for source in ["Jeong", "the minister", "he"] {
        assert!(sources.contains(&source), "{sources:?}");
    }
}
