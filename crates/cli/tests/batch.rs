//! How a batch tells the user what happened: failures on stderr, records out while a slow
//! document is worked on, options of other builds explained.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{quotewire, records, root};

#[test]
fn failures_are_summarised_by_kind_on_stderr() {
    let input = concat!(
        "{\"id\": \"ok\", \"text\": \"“We will talk,” the minister said.\"}\n",
        "{\"id\": \"no-text\", \"headline\": \"A title only\"}\n",
        "{\"id\": \"truncated\", \"text\": \"Cut off\n",
        "{\"id\": \"blank\", \"text\": \"   \"}\n",
    );
    let output = quotewire(&["run", "-"], input.as_bytes());
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failed document gives exit 1"
    );
    let ids: Vec<String> = records(&output)
        .iter()
        .map(|r| r["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["ok", "no-text", "stdin:3", "blank"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("4 documents (3 failed)"),
        "the summary counts: {stderr}"
    );
    // Each kind with its count and the documents, with the reason.
    assert!(stderr.contains("1 failed with json:"), "{stderr}");
    assert!(stderr.contains("stdin:3: invalid JSON"), "{stderr}");
    assert!(stderr.contains("1 failed with empty:"), "{stderr}");
    assert!(stderr.contains("no-text: "), "{stderr}");
}

#[test]
fn many_failures_of_a_kind_show_the_first_few() {
    let input = "not json\n".repeat(7);
    let output = quotewire(&["run", "-"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("7 failed with json:"), "{stderr}");
    assert!(stderr.contains("stdin:1: ") && stderr.contains("stdin:3: "));
    assert!(
        !stderr.contains("stdin:4: "),
        "only the first three: {stderr}"
    );
    assert!(stderr.contains("and 4 more"), "{stderr}");
}

#[test]
fn summary_json_counts_failures_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.json");
    let input = "not json\n{\"text\": \"Fine.\"}\n";
    let output = quotewire(
        &[
            "run",
            "-",
            "-q",
            "--summary-json",
            summary.to_str().unwrap(),
        ],
        input.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(summary["documents"], 2);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["failures"]["json"], 1);
}

/// A story of made-up wire text, about `bytes` long, as one paragraph.
fn long_story(bytes: usize) -> String {
    let sentence = "“We will keep talking to every side until the deal is done,” \
                    Minister Ana Lindqvist told reporters on Tuesday. ";
    sentence.repeat(bytes / sentence.len() + 1)
}

#[test]
fn records_before_a_slow_document_are_written_while_it_is_worked_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("a.txt"), "“Yes,” Lindqvist said.").unwrap();
    // Several seconds of work however fast the machine: a.txt's record must be flushed (at
    // least every second) while b.txt is still worked on.
    std::fs::write(inputs.join("b.txt"), long_story(24 << 20)).unwrap();
    std::fs::write(inputs.join("c.txt"), "“No,” Lindqvist said.").unwrap();
    let out = dir.path().join("out.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(["run", "-q", "--threads", "1", "-o"])
        .arg(&out)
        .arg(&inputs)
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut first_seen_while_running = false;
    while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(120) {
        let written = std::fs::read_to_string(&out).unwrap_or_default();
        if written.lines().count() == 1 && written.ends_with('\n') {
            first_seen_while_running = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let written = std::fs::read_to_string(&out).unwrap();
    let ids: Vec<&str> = written
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            if v["doc"] == "a.txt" {
                "a"
            } else if v["doc"] == "b.txt" {
                "b"
            } else {
                "c"
            }
        })
        .collect();
    assert_eq!(ids, ["a", "b", "c"], "records in input order");
    assert!(
        first_seen_while_running,
        "a.txt's record is out before b.txt is done"
    );
}

#[test]
fn version_names_the_program() {
    let output = quotewire(&["--version"], b"");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("quotewire "), "{stdout}");
    assert!(stdout.trim_end().ends_with(env!("CARGO_PKG_VERSION")));
}

#[cfg(not(feature = "transformer"))]
#[test]
fn options_of_the_transformer_build_say_how_to_get_it() {
    let related = tempfile::tempdir().unwrap();
    let related = related.path().join("related.json");
    for args in [
        vec!["run", "corpus/stories", "--scorer", "transformer"],
        vec![
            "run",
            "corpus/stories",
            "--related",
            related.to_str().unwrap(),
            "--related-by",
            "minilm",
        ],
        vec!["train", "stance"],
        vec!["eval", "--task", "stance", "--scorer", "transformer"],
    ] {
        let output = quotewire(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("needs the transformer build")
                && stderr.contains("models/setup.sh")
                && stderr.contains("--features transformer"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn rules_are_named_in_the_record_only_when_asked() {
    let story =
        "“We will keep talking,” Ana Lindqvist said. Cho Min-ji said the talks would go on.";
    let with = quotewire(
        &["run", "-", "--stdin-format", "text", "-q", "--rules"],
        story.as_bytes(),
    );
    let record = &records(&with)[0];
    let rules: Vec<&str> = record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["content-before-source", "reported-after-cue"]);
    let without = quotewire(
        &["run", "-", "--stdin-format", "text", "-q"],
        story.as_bytes(),
    );
    let record = &records(&without)[0];
    assert!(record["quotes"][0].get("rule").is_none());
}

#[test]
fn eval_errors_count_the_misses_by_rule() {
    let output = quotewire(
        &[
            "eval",
            "--task",
            "attribution",
            "--gold",
            "corpus/gold",
            "--errors",
            "2",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The seed article has predictions beyond our gold: each is named by its rule.
    assert!(stdout.contains("spurious:"), "{stdout}");
    assert!(stdout.contains("by rule: "), "{stdout}");
    assert!(stdout.contains(", rule "), "{stdout}");
}

#[test]
fn eval_errors_name_the_rule_a_missed_attribution_needed() {
    // Two attributions: `said` the rules read; a view in a possessive no rule reads.
    let text = "“Ça suffit,” Kim said. In Kim’s view, the plan will fail.";
    let span = |part: &str| {
        let start = text.find(part).unwrap();
        serde_json::json!({"start": start, "end": start + part.len(), "text": part})
    };
    let gold = serde_json::json!({"doc": "s.txt", "story": "s.txt", "quotes": [
        {"kind": "direct", "content": [span("“Ça suffit,”")], "cue": span("said"),
         "source": span("Kim"), "speaker": "Kim"},
        {"kind": "indirect", "content": [span("the plan will fail")], "cue": span("view"),
         "source": span("Kim’s"), "speaker": "Kim"}]});
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.txt"), text).unwrap();
    std::fs::write(dir.path().join("s.json"), gold.to_string()).unwrap();
    let gold_dir = dir.path().to_str().unwrap();
    let output = quotewire(
        &[
            "eval",
            "--task",
            "attribution",
            "--gold",
            gold_dir,
            "--errors",
            "5",
        ],
        b"",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("missed: 1"), "{stdout}");
    assert!(
        stdout.contains("by rule needed (none: no rule reads it): none 1"),
        "{stdout}"
    );
    assert!(stdout.contains("rule needed none"), "{stdout}");
}
