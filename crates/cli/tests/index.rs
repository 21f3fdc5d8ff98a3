//! The corpus speaker index across stories: names joined and kept apart, documents counted
//! once, the aliases file. The stories are made up for these tests.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::{quotewire, records};

/// Writes each `(name, text)` into `dir` and gives the paths.
fn stories(dir: &Path, stories: &[(&str, &str)]) -> Vec<String> {
    stories
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect()
}

/// Runs `quotewire run` on `inputs` with `--index` (and `extra`), and reads the index back.
fn run_index(
    dir: &Path,
    name: &str,
    inputs: &[String],
    extra: &[&str],
) -> (Value, Vec<Value>, i32) {
    let path = dir.join(name);
    let mut args = vec!["run", "-q", "--index", path.to_str().unwrap()];
    args.extend(extra);
    args.extend(inputs.iter().map(String::as_str));
    let output = quotewire(&args, b"");
    let code = output.status.code().unwrap_or(-1);
    let index =
        serde_json::from_str(&fs::read_to_string(&path).unwrap_or_default()).unwrap_or(Value::Null);
    (index, records(&output), code)
}

fn documents(entry: &Value) -> Vec<&str> {
    entry["documents"]
        .as_array()
        .map(|d| d.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

const VELL: &[(&str, &str)] = &[
    (
        "a.txt",
        "“We will open the new plant in spring,” said Tomas Vell, head of the builder Norrik.",
    ),
    (
        "b.txt",
        "Anna Vell, the mayor of Dunmere, opened the bridge. “It took ten years,” Anna Vell said.",
    ),
    ("c.txt", "“The budget is fine,” Vell said on Tuesday."),
    (
        "d.txt",
        "Tomas Vell was praised for the plan. “It works and it is cheap,” Vell said.",
    ),
];

#[test]
fn a_surname_several_full_names_share_joins_only_in_the_story_that_names_one() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = stories(dir.path(), VELL);
    let (index, _, code) = run_index(dir.path(), "ix.json", &inputs, &[]);
    assert_eq!(code, 0);
    let speakers = &index["speakers"];
    let tomas = &speakers["tomas vell"];
    let tomas_docs: Vec<&str> = documents(tomas)
        .into_iter()
        .chain(
            tomas["joined"]
                .as_object()
                .into_iter()
                .flat_map(|j| j.values().flat_map(documents)),
        )
        .map(|d| d.rsplit('/').next().unwrap())
        .collect();
    assert!(
        tomas_docs.contains(&"a.txt") && tomas_docs.contains(&"d.txt"),
        "d names Tomas Vell: its Vell is his ({tomas})"
    );
    assert_eq!(tomas["summary"]["quotes"], 2);
    assert_eq!(speakers["anna vell"]["summary"]["quotes"], 1);
    let vell = &speakers["vell"];
    assert_eq!(
        documents(vell).len(),
        1,
        "c names no one in full and two full names hold Vell: {speakers}"
    );
    assert!(documents(vell)[0].ends_with("c.txt"));
}

#[test]
fn a_short_name_of_many_stories_is_not_absorbed_by_a_person_of_one() {
    let dir = tempfile::tempdir().unwrap();
    let quill = [
        (
            "e.txt",
            "“We won the cup,” said Mara Quill, the club chief.",
        ),
        ("f.txt", "“Prices will rise,” Quill said."),
        ("g.txt", "“Costs will fall,” Quill said."),
    ];
    let inputs = stories(dir.path(), &quill);
    let (index, _, _) = run_index(dir.path(), "ix.json", &inputs, &[]);
    let speakers = &index["speakers"];
    assert_eq!(documents(&speakers["quill"]).len(), 2, "{speakers}");
    assert!(speakers["mara quill"]["joined"].is_null());
    // Seen in as many stories as the short name, the one Quill of the corpus takes it.
    let more = stories(
        dir.path(),
        &[("h.txt", "“The season starts well,” said Mara Quill.")],
    );
    let all: Vec<String> = inputs.iter().chain(&more).cloned().collect();
    let (index, _, _) = run_index(dir.path(), "ix2.json", &all, &[]);
    let mara = &index["speakers"]["mara quill"];
    assert_eq!(mara["summary"]["quotes"], 4, "{mara}");
    assert!(index["speakers"]["quill"].is_null());
}

#[test]
fn generic_nominals_stay_in_their_story() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = stories(
        dir.path(),
        &[
            ("h.txt", "“Sales rose,” the company said."),
            ("i.txt", "“Sales fell,” the company said."),
        ],
    );
    let (index, _, _) = run_index(dir.path(), "ix.json", &inputs, &[]);
    let keys: Vec<&String> = index["speakers"].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(
        keys.iter().all(|k| k.starts_with("the company @ ")),
        "{keys:?}"
    );
}

#[test]
fn the_same_document_id_twice_is_reported_and_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = VELL
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n")
        .collect();
    let file = dir.path().join("a.jsonl");
    fs::write(&file, &lines).unwrap();
    let file = file.to_str().unwrap().to_string();
    let (once, _, code) = run_index(dir.path(), "once.json", std::slice::from_ref(&file), &[]);
    assert_eq!(code, 0);
    let summary = dir.path().join("summary.json");
    let (twice, records, code) = run_index(
        dir.path(),
        "twice.json",
        &[file.clone(), file],
        &["--summary-json", summary.to_str().unwrap()],
    );
    assert_eq!(code, 1, "a duplicate is a failed document");
    assert_eq!(records.len(), 2 * VELL.len());
    for (first, later) in records[..VELL.len()].iter().zip(&records[VELL.len()..]) {
        assert!(first["error"].is_null());
        assert_eq!(later["kind"], "duplicate-id", "{later}");
        assert_eq!(later["doc"], first["doc"]);
    }
    assert_eq!(twice, once, "the later copies are not counted");
    let summary: Value = serde_json::from_str(&fs::read_to_string(summary).unwrap()).unwrap();
    assert_eq!(summary["failed"], VELL.len(), "{summary}");
}

#[test]
fn the_aliases_file_is_applied_alike_by_run_and_index_merge() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = stories(dir.path(), VELL);
    let aliases = dir.path().join("aliases.txt");
    fs::write(
        &aliases,
        "# Vell of c is Tomas Vell; Anna Vell is a government here, and renamed.\n\
         merge Tomas Vell = Vell\n\
         kind Anna Vell = government\n\
         rename Anna Vell = Mayor Anna Vell\n",
    )
    .unwrap();
    let aliases = aliases.to_str().unwrap();
    let (whole, _, code) = run_index(dir.path(), "whole.json", &inputs, &["--aliases", aliases]);
    assert_eq!(code, 0);
    let speakers = &whole["speakers"];
    assert_eq!(speakers["tomas vell"]["summary"]["quotes"], 3, "{speakers}");
    assert!(speakers["vell"].is_null());
    let anna = &speakers["mayor anna vell"];
    assert_eq!(anna["name"], "Mayor Anna Vell");
    assert_eq!(anna["kind"], "government");
    // Parts indexed without the file, merged with it in any order: the same index.
    let part = |name: &str, inputs: &[String]| {
        let (_, _, code) = run_index(dir.path(), name, inputs, &[]);
        assert_eq!(code, 0);
        dir.path().join(name).to_str().unwrap().to_string()
    };
    let (p1, p2) = (part("p1.json", &inputs[..2]), part("p2.json", &inputs[2..]));
    let merged = dir.path().join("merged.json");
    let merged = merged.to_str().unwrap();
    for order in [[&p1, &p2], [&p2, &p1]] {
        let output = quotewire(
            &[
                "index",
                "merge",
                order[0],
                order[1],
                "--aliases",
                aliases,
                "-o",
                merged,
            ],
            b"",
        );
        assert_eq!(output.status.code(), Some(0));
        let read: Value = serde_json::from_str(&fs::read_to_string(merged).unwrap()).unwrap();
        assert_eq!(read, whole);
    }
    // A mistake in the file stops the run, naming its line.
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, "merge Tomas Vell = Vell\nkind Vell = planet\n").unwrap();
    let output = quotewire(
        &[
            "index",
            "merge",
            &p1,
            "--aliases",
            bad.to_str().unwrap(),
            "-o",
            merged,
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
}
