use std::fs;

use crate::util::{quotewire, records, root, slice};

#[test]
fn seed_article_layout() {
    let seed = fs::read_to_string(root().join("corpus/stories/000_9bb8d9a62761c524.txt")).unwrap();
    let output = quotewire(&["run", "corpus/stories", "--quiet"], b"");
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["doc"], "000_9bb8d9a62761c524.txt");
    assert_eq!(record["encoding"], "utf-8");
    assert!(
        record.get("text").is_none(),
        "spans point into the file itself"
    );
    let meta = &record["meta"];
    assert_eq!(
        slice(&seed, &meta["headline"]),
        "U.S. pressuring both S. Korea, Japan to renew intel-sharing pact: defense minister"
    );
    assert_eq!(slice(&seed, &meta["dateline"]["place"]), "BANGKOK");
    assert_eq!(slice(&seed, &meta["dateline"]["span"]), "BANGKOK--");
    assert_eq!(slice(&seed, &meta["credit"]), "Yonhap News Agency");
    let boilerplate: Vec<_> = meta["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&seed, s))
        .collect();
    assert_eq!(boilerplate, ["You may also like..."]);
    let paragraphs: Vec<_> = meta["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&seed, s))
        .collect();
    assert_eq!(paragraphs.len(), 16);
    assert!(paragraphs[0].starts_with("The United States has been pressuring both South Korea"));
    assert!(paragraphs[0].ends_with("Seoul's defense minister has said."));
    assert_eq!(
        paragraphs[7],
        "\"I hope such an unfortunate situation will not occur. But I don't see any specific \
         changes as of now,\" he stated. The pact is to expire on Saturday."
    );
    assert!(paragraphs[15].starts_with("In his opening remarks of the trilateral meeting"));
    assert!(paragraphs[15].ends_with("\"play into the hands of Pyongyang and Beijing.\""));
}

#[test]
fn bad_input_gets_error_records_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, bytes: &[u8]| fs::write(dir.path().join(name), bytes).unwrap();
    put(
        "a_good.txt",
        "Seoul — “We remain far apart,” the minister said.".as_bytes(),
    );
    put("b_empty.txt", b"");
    put("c_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    put("d_cp1252.txt", b"\x93Caf\xe9 talks failed,\x94 Jeong said.");
    put(
        "e_docs.jsonl",
        b"{\"id\": \"j1\", \"text\": \"It is \\\"fine,\\\" he said.\"}\n{\"id\": \"j2\", \"te",
    );
    put("f_huge.txt", &vec![b'x'; 5000]);
    put(
        "g_unbalanced.txt",
        "He said “this never closes. And ” « nor this".as_bytes(),
    );
    let path = dir.path().to_str().unwrap();
    let output = quotewire(
        &["run", path, "--max-doc-bytes", "4K", "--threads", "2"],
        b"",
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failed document makes the exit code 1"
    );
    let records = records(&output);
    let summary: Vec<String> = records
        .iter()
        .map(|r| match r.get("error") {
            Some(_) => format!(
                "{} error {}",
                r["doc"].as_str().unwrap(),
                r["kind"].as_str().unwrap()
            ),
            None => format!(
                "{} ok {}",
                r["doc"].as_str().unwrap(),
                r["encoding"].as_str().unwrap()
            ),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "a_good.txt ok utf-8",
            "b_empty.txt error empty",
            "c_binary.txt error binary",
            "d_cp1252.txt ok windows-1252",
            "j1 ok utf-8",
            "e_docs.jsonl:2 error json",
            "f_huge.txt error too-large",
            "g_unbalanced.txt ok utf-8",
        ]
    );
    let cp1252 = &records[3];
    let text = cp1252["text"]
        .as_str()
        .expect("a decoded document carries its text");
    assert_eq!(text, "“Café talks failed,” Jeong said.");
    assert_eq!(slice(text, &cp1252["meta"]["paragraphs"][0]), text);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("8 documents (4 failed)"),
        "summary: {stderr}"
    );
}

#[test]
fn streams_json_lines_from_stdin() {
    let input = "{\"id\": \"s1\", \"text\": \"TOKYO (Kyodo) - Talks ended.\"}\nnot json\n\n{\"id\": \"s2\", \"text\": \"Fine.\"}\n";
    let output = quotewire(&["run", "-", "-q"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty(), "--quiet prints nothing");
    let records = records(&output);
    let ids: Vec<_> = records.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(ids, ["s1", "stdin:2", "s2"]);
    let text = "TOKYO (Kyodo) - Talks ended.";
    assert_eq!(
        slice(text, &records[0]["meta"]["dateline"]["agency"]),
        "Kyodo"
    );
    assert_eq!(
        slice(text, &records[0]["meta"]["paragraphs"][0]),
        "Talks ended."
    );
}

#[test]
fn plain_text_on_stdin_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let summary = dir.path().join("summary.json");
    let output = quotewire(
        &[
            "run",
            "-",
            "--stdin-format",
            "text",
            "-o",
            out.to_str().unwrap(),
            "--summary-json",
            summary.to_str().unwrap(),
            "--with-text",
        ],
        "Ünïcode headline\n\nBody “quoted” text.".as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let record: serde_json::Value =
        serde_json::from_str(fs::read_to_string(out).unwrap().trim()).unwrap();
    let text = record["text"].as_str().unwrap();
    assert_eq!(slice(text, &record["meta"]["headline"]), "Ünïcode headline");
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(summary).unwrap()).unwrap();
    assert_eq!(
        (summary["documents"].as_u64(), summary["failed"].as_u64()),
        (Some(1), Some(0))
    );
}

#[test]
fn html_page_is_read_without_its_boilerplate() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("story.html");
    fs::write(
        &page,
        "<html><head><script>track()</script></head><body><nav>Home | World</nav>\
         <article><h1>Pact set to expire</h1><p>SEOUL (Yonhap) -- “No,” he said.</p></article>\
         <footer>Copyright</footer></body></html>",
    )
    .unwrap();
    let output = quotewire(&["run", page.to_str().unwrap(), "-q"], b"");
    assert_eq!(output.status.code(), Some(0));
    let record = &records(&output)[0];
    assert_eq!(record["format"], "html");
    let text = record["text"].as_str().unwrap();
    assert_eq!(
        text,
        "Pact set to expire\n\nSEOUL (Yonhap) -- “No,” he said."
    );
    assert_eq!(
        slice(text, &record["meta"]["paragraphs"][0]),
        "“No,” he said."
    );
}

#[test]
fn missing_input_is_an_error_record_and_usage_errors_exit_2() {
    let output = quotewire(&["run", "no/such/file.txt", "-q"], b"");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(records(&output)[0]["kind"], "io");
    let output = quotewire(&["run", "x", "--max-doc-bytes", "lots"], b"");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn schema_command_prints_the_shipped_schema() {
    let output = quotewire(&["schema"], b"");
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let shipped: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("docs/record.schema.json")).unwrap())
            .unwrap();
    assert_eq!(printed, shipped);
}

#[test]
fn seed_article_sentences() {
    let seed = fs::read_to_string(root().join("corpus/stories/000_9bb8d9a62761c524.txt")).unwrap();
    let output = quotewire(&["run", "corpus/stories", "--quiet"], b"");
    let record = &records(&output)[0];
    let sentences: Vec<_> = record["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&seed, s))
        .collect();
    assert_eq!(sentences.len(), 22);
    assert_eq!(
        sentences[0],
        "U.S. pressuring both S. Korea, Japan to renew intel-sharing pact: defense minister"
    );
    assert!(
        sentences[1].starts_with("The United States has been pressuring"),
        "the dateline is not in it"
    );
    assert!(sentences.contains(&"\"I hope such an unfortunate situation will not occur."));
    assert!(sentences.contains(&"But I don't see any specific changes as of now,\" he stated."));
    assert!(sentences.contains(&"\"The U.S. has continued to deliver messages to Japan.\""));
    assert!(sentences[2].ends_with("the U.S. Secretary of Defense Mark Esper."));
    assert!(sentences[21].ends_with("\"play into the hands of Pyongyang and Beijing.\""));
}

#[test]
fn segment_command_gives_byte_spans_and_lines() {
    let text = "Ko Min-jung (고민정) said “inevitable.” Tokyo’s move was seen\nas retaliation. End";
    let output = quotewire(&["segment"], text.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let got: Vec<_> = records(&output)
        .iter()
        .map(|s| slice(text, s).to_string())
        .collect();
    assert_eq!(
        got,
        [
            "Ko Min-jung (고민정) said “inevitable.”",
            "Tokyo’s move was seen\nas retaliation.",
            "End"
        ]
    );
    let output = quotewire(&["segment", "-", "--format", "lines"], text.as_bytes());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Ko Min-jung (고민정) said “inevitable.”\nTokyo’s move was seen as retaliation.\nEnd\n"
    );
    let output = quotewire(&["segment"], b"caf\xe9");
    assert_eq!(output.status.code(), Some(2), "offsets need UTF-8 input");
}

#[test]
fn speaker_index_joins_names_and_lists_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let index_path = dir.path().join("index.json");
    let output = quotewire(
        &[
            "run",
            "corpus/stories",
            "-q",
            "-o",
            "/dev/null",
            "--index",
            index_path.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let index: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(index_path).unwrap()).unwrap();
    let jeong = &index["speakers"]["jeong kyeong-doo"];
    assert_eq!(jeong["name"], "Jeong Kyeong-doo");
    assert_eq!(jeong["kind"], "person");
    let aliases: Vec<&str> = jeong["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    for alias in ["Minister Jeong", "Jeong", "the minister", "he"] {
        assert!(aliases.contains(&alias), "{alias} in {aliases:?}");
    }
    let quotes: Vec<&str> = jeong["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert!(
        quotes.iter().any(|q| q.starts_with("\"No cool answers")),
        "{quotes:?}"
    );
    assert_eq!(index["speakers"]["japan"]["kind"], "government");
    assert_eq!(index["speakers"]["ko min-jung"]["name"], "Ko Min-jung");
    assert_eq!(index["speakers"]["mark esper"]["aliases"][0], "Esper");
}

/// `quotewire run -` as a stream filter (what Spark's `rdd.pipe` needs): each record comes out
/// before the next document goes in, a bad line gets its error record and the stream goes on.
#[test]
fn stdin_stream_answers_each_document_as_it_comes() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(["run", "-", "-q", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    // A stream that waits for a full chunk would hang here: end it after a minute instead.
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        let _ = Command::new("kill").arg(&pid).status();
    });
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut answer = |line: &str| -> serde_json::Value {
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        let mut out = String::new();
        stdout.read_line(&mut out).unwrap();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out:?}"))
    };
    let first = answer(r#"{"id": "a", "text": "“Très bien,” Jeong said."}"#);
    assert_eq!(
        (first["doc"].as_str(), first["quotes"][0]["kind"].as_str()),
        (Some("a"), Some("direct"))
    );
    let bad = answer(r#"{"id": "b", "text": "trunc"#);
    assert_eq!(
        (bad["doc"].as_str(), bad["kind"].as_str()),
        (Some("stdin:2"), Some("json"))
    );
    assert_eq!(answer(r#"{"id": "c", "text": "Fine."}"#)["doc"], "c");
    drop(stdin);
    assert_eq!(
        child.wait().unwrap().code(),
        Some(1),
        "a failed document makes the exit code 1"
    );
    drop(watchdog);
}
