use std::fs;

use serde_json::Value;

use crate::util::{quotewire, records, root, slice};

const GSOMIA: &str =
    "GSOMIA=General Security of Military Information Agreement|intel-sharing pact|pact";

#[test]
fn seed_article_speaker_index_has_sentiment_and_stance() {
    let seed = fs::read_to_string(root().join("corpus/stories/000_9bb8d9a62761c524.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let index_path = dir.path().join("index.json");
    let index_arg = index_path.to_str().unwrap();
    let output = quotewire(
        &[
            "run",
            "corpus/stories",
            "-q",
            "--target",
            GSOMIA,
            "--index",
            index_arg,
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let record = &records(&output)[0];
    let sentences = record["sentences"].as_array().unwrap();
    let sentiment = record["sentence_sentiment"].as_array().unwrap();
    assert_eq!(
        sentences.len(),
        sentiment.len(),
        "one sentiment per sentence"
    );
    let hope = sentences
        .iter()
        .position(|s| slice(&seed, s).starts_with("\"I hope such an unfortunate"))
        .unwrap();
    assert!(sentiment[hope]["compound"].as_f64().unwrap() < 0.0);
    let quotes = record["quotes"].as_array().unwrap();
    assert!(quotes.iter().all(|q| q["sentiment"]["compound"].is_f64()));
    // "... pressuring both S. Korea, Japan to renew intel-sharing pact": for the pact.
    let headline = &quotes[0];
    assert_eq!(
        slice(&seed, &headline["content"][0]),
        "U.S. pressuring both S. Korea, Japan to renew intel-sharing pact"
    );
    assert_eq!(headline["stance"][0]["target"], "GSOMIA");
    assert_eq!(headline["stance"][0]["label"], "favor");

    let index: Value = serde_json::from_str(&fs::read_to_string(&index_path).unwrap()).unwrap();
    let speaker = |key: &str| &index["speakers"][key];
    for key in ["jeong kyeong-doo", "ko min-jung", "mark esper"] {
        let entry = speaker(key);
        assert!(
            !entry["quotes"].as_array().unwrap().is_empty(),
            "{key} has quotes"
        );
        assert!(
            entry["summary"]["mean_sentiment"].is_f64(),
            "{key} has a mean sentiment"
        );
    }
    // The user's target under `stance`, the other speakers under `speaker_stance`.
    let jeong = &speaker("jeong kyeong-doo")["summary"];
    assert_eq!(jeong["stance"]["GSOMIA"]["labels"]["favor"][0]["quote"], 0);
    assert!(
        jeong["speaker_stance"]["Japan"]["quotes"].as_u64().unwrap() >= 1,
        "Jeong on Japan: {jeong}"
    );
    let ko = &speaker("ko min-jung")["summary"];
    assert!(
        ko["stance"]["GSOMIA"]["quotes"].as_u64() == Some(1)
            && ko["speaker_stance"]["Japan"]["quotes"].as_u64() == Some(1)
    );
    assert!(speaker("mark esper")["summary"]["speaker_stance"]["Japan"].is_object());
    assert_eq!(headline["stance"][0]["kind"], "issue");
    // South Korea's decision to end the pact: against it.
    let ended = quotes
        .iter()
        .position(|q| {
            slice(&seed, &q["content"][0]).contains("decision to end the three-year-old pact")
        })
        .unwrap();
    assert_eq!(
        speaker("south korea")["summary"]["stance"]["GSOMIA"]["labels"]["against"][0]["quote"],
        ended
    );
}

#[test]
fn sentiment_command_scores_each_line() {
    let input = b"The book was good.\n\nVADER is not smart, handsome, nor funny.\n\xff\xfe bad bytes\r\nCatch utf-8 emoji such as \xf0\x9f\x98\x81\n";
    let output = quotewire(&["sentiment"], input);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a line that is not UTF-8 fails"
    );
    let lines = records(&output);
    assert_eq!(lines.len(), 5, "one line out per line in");
    assert_eq!(lines[0]["compound"], 0.4404);
    assert_eq!(
        (lines[0]["pos"].as_f64(), lines[0]["neu"].as_f64()),
        (Some(0.492), Some(0.508))
    );
    assert_eq!(lines[1]["compound"], 0.0);
    assert_eq!(lines[2]["compound"], -0.7424);
    assert!(
        lines[3]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 4: not valid UTF-8")
    );
    assert!(
        lines[4]["compound"].as_f64().unwrap() > 0.0,
        "the emoji counts"
    );
}

#[test]
fn stance_command_scores_spans_and_reports_bad_lines() {
    let text = "Seoul urged Tokyo to renew the pact, but Tokyo rejected the pact.";
    let first = text.find("pact").unwrap();
    let second = text.rfind("pact").unwrap();
    let line = |t: &str, s: usize, e: usize| {
        serde_json::json!({"text": t, "target": {"start": s, "end": e}}).to_string()
    };
    let input = [
        line(text, first, first + 4),
        line(text, second, second + 4),
        line("« Très » bien", 1, 3),
        r#"{"text": "Kim praised Lee.", "target": {"start": 12, "end": 15}, "kind": "entity"}"#
            .into(),
        r#"{"text": "trunc"#.into(),
    ]
    .join("\n");
    let output = quotewire(&["stance", "--input", "-"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let lines = records(&output);
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["label"], "favor");
    assert_eq!(lines[1]["label"], "against");
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("not a non-empty span")
    );
    assert_eq!(lines[3]["label"], "positive");
    assert!(lines[4]["error"].as_str().unwrap().starts_with("line 5:"));
}

#[test]
fn index_merge_of_parts_equals_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let stories = [
        (
            "a.txt",
            "SEOUL -- “We will renew the pact,” Defense Minister Jeong Kyeong-doo said. Tokyo disagreed, Japanese officials said.",
        ),
        (
            "b.txt",
            "“No cool answers were there,” Jeong said. Experts said the pact would end.",
        ),
        (
            "c.txt",
            "WASHINGTON -- Defense Secretary Mark Esper said the pact matters. “Japan and Korea must talk,” Esper said.",
        ),
    ];
    let mut paths = Vec::new();
    for (name, text) in stories {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let index = |name: &str, inputs: &[String]| {
        let path = dir.path().join(name).to_str().unwrap().to_string();
        let mut args = vec![
            "run",
            "-q",
            "-o",
            "/dev/null",
            "--target",
            GSOMIA,
            "--index",
            &path,
        ];
        args.extend(inputs.iter().map(String::as_str));
        assert_eq!(quotewire(&args, b"").status.code(), Some(0));
        path
    };
    let whole = index("whole.json", &paths);
    let part1 = index("p1.json", &paths[..1]);
    let part2 = index("p2.json", &paths[1..]);
    let merged = dir.path().join("merged.json").to_str().unwrap().to_string();
    let output = quotewire(&["index", "merge", &part2, &part1, "-o", &merged], b"");
    assert_eq!(output.status.code(), Some(0));
    let read =
        |p: &str| -> Value { serde_json::from_str(&fs::read_to_string(p).unwrap()).unwrap() };
    let whole = read(&whole);
    assert_eq!(read(&merged), whole);
    let jeong = &whole["speakers"]["jeong kyeong-doo"];
    assert_eq!(
        jeong["summary"]["quotes"], 2,
        "Jeong joined across stories: {jeong}"
    );
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"speakers\": ").unwrap();
    let output = quotewire(
        &["index", "merge", bad.to_str().unwrap(), "-o", &merged],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a speaker index"));
}
