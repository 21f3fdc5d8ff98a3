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

/// The BBC News speaker index: Tony Blair, Gordon Brown, Michael Howard and Charles Kennedy are
/// each one person entry holding at least 95% of their quotes. Their quotes are those of every
/// story's speaker named with the full name (`Tony Blair`, `Monday Tony Blair`, `Tony Blair
/// himself`), or with the surname alone or after an honorific (`Blair`, `Mr Kennedy used a
/// speech to`) in a story that writes the full name; possessives (`Gordon Brown's decision`)
/// are not theirs. The 50 speakers with the most quotes are real speakers of the right kind
/// (`--nocapture` prints them).
#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn bbc_party_leaders_are_one_entry_each() {
    use std::collections::BTreeSet;
    let Some(data) = shared_data() else { return };
    let bbc = data.join("bbc_news/bbc_news.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let index_path = dir.path().join("index.json");
    let output = quotewire(
        &[
            "run",
            "-q",
            "--no-scoring",
            "--index",
            index_path.to_str().unwrap(),
            bbc.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output);
    let texts: std::collections::HashMap<String, String> = std::fs::read_to_string(&bbc)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["body"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(&index_path).unwrap()).unwrap();
    let speakers = index["speakers"].as_object().unwrap();
    let mut top: Vec<(&String, &Value)> = speakers.iter().collect();
    top.sort_by_key(|(key, e)| (std::cmp::Reverse(e["summary"]["quotes"].as_u64()), *key));
    for (rank, (_, e)) in top.iter().take(50).enumerate() {
        println!(
            "{:2} {:4} {:13} {}",
            rank + 1,
            e["summary"]["quotes"],
            e["kind"],
            e["name"]
        );
    }
    // The 50 with the most quotes are real speakers of their kind: people, parties and firms,
    // governments, outlets (checked by hand against the stories; a name new to the top 50 is
    // checked and added here).
    let organisations = [
        "Tories",
        "Microsoft",
        "Labour",
        "Yukos",
        "Lib Dems",
        "Liberal Democrats",
        "Conservatives",
        "IBM",
        "EU",
        "BT",
        "Deutsche Bank",
        "European Commission",
        "Apple",
        "Sony",
        "Electoral Commission",
    ];
    let people = [
        "Tony Blair",
        "Michael Howard",
        "Gordon Brown",
        "Charles Kennedy",
        "Charles Clarke",
        "Jack Straw",
        "Liam Fox",
        "Oliver Letwin",
        "Rick Parry",
        "Alan Milburn",
        "Mark Oaten",
        "Lord Falconer",
        "David Davis",
        "Ed Balls",
        "Ian Fogg",
        "Robert Kilroy-Silk",
        "Andy Robinson",
        "Michael Ancram",
        "Sir Alex Ferguson",
        "Roger Knapman",
        "Arsene Wenger",
        "Jack McConnell",
        "David Blunkett",
        "Clive Woodward",
        "John Prescott",
        "Jose Mourinho",
        "Vince Cable",
        "Alex Kapranos",
        "Rafael Benitez",
        "Ken Livingstone",
        "Lord Goldsmith",
        "Michael Bjorn",
        "Steven Gerrard",
        "Ellen Simonetti",
        "William Hague",
        "Marat Safin",
        "Nicholas Negroponte",
        "Matthew Taylor",
        "Robin Cook",
        "Scott Sullivan",
        "Menzies Campbell",
        "Mike Ruddock",
        "Alan Greenspan",
        "Malcolm Seagrave",
    ];
    let kind_of = |name: &str| match name {
        "United States" | "United Kingdom" => Some("government"),
        "Financial Times" => Some("outlet"),
        _ if organisations.contains(&name) => Some("organisation"),
        _ if people.contains(&name) => Some("person"),
        _ => None,
    };
    for (_, e) in top.iter().take(50) {
        let name = e["name"].as_str().unwrap();
        assert_eq!(kind_of(name), e["kind"].as_str(), "{name}: {}", e["kind"]);
    }
    let words = |name: &str| -> Vec<String> {
        name.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                    .to_string()
            })
            .collect()
    };
    for full in [
        "Tony Blair",
        "Gordon Brown",
        "Michael Howard",
        "Charles Kennedy",
    ] {
        let (given, surname) = full.split_once(' ').unwrap();
        let theirs = |name: &str, doc: &str| {
            let w = words(name);
            if w.iter().any(|w| w.ends_with("'s")) {
                return false;
            }
            if w.windows(2).any(|p| p[0] == given && p[1] == surname) {
                return true;
            }
            let Some(at) = w.iter().position(|w| w == surname) else {
                return false;
            };
            let bare = at == 0 || ["Mr", "Mr."].contains(&w[at - 1].as_str());
            bare && texts.get(doc).is_some_and(|t| t.contains(full))
        };
        let mut their_quotes: BTreeSet<(String, u64)> = BTreeSet::new();
        for record in &records {
            let doc = record["doc"].as_str().unwrap();
            let ids: BTreeSet<&str> = record["speakers"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| theirs(s["name"].as_str().unwrap(), doc))
                .map(|s| s["id"].as_str().unwrap())
                .collect();
            for (i, quote) in record["quotes"].as_array().unwrap().iter().enumerate() {
                if quote["speaker"].as_str().is_some_and(|s| ids.contains(s)) {
                    their_quotes.insert((doc.to_string(), i as u64));
                }
            }
        }
        let entry = &speakers[&full.to_lowercase()];
        assert_eq!(entry["kind"], "person", "{full}");
        let held: BTreeSet<(String, u64)> = std::iter::once(entry)
            .chain(
                entry["joined"]
                    .as_object()
                    .into_iter()
                    .flat_map(|j| j.values()),
            )
            .flat_map(|e| e["quotes"].as_array().unwrap())
            .map(|q| {
                (
                    q["doc"].as_str().unwrap().to_string(),
                    q["quote"].as_u64().unwrap(),
                )
            })
            .collect();
        let share = their_quotes.intersection(&held).count() as f64 / their_quotes.len() as f64;
        println!(
            "{full}: {} of {} quotes in one entry ({:.1}%)",
            their_quotes.intersection(&held).count(),
            their_quotes.len(),
            100.0 * share
        );
        assert!(their_quotes.len() >= 100, "{full}: {}", their_quotes.len());
        assert!(
            share >= 0.95,
            "{full}: {share:.3} of their quotes in one entry"
        );
    }
}
