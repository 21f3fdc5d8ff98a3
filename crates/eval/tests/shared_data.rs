//! The gold readers on the real data in the shared folder (`QUOTEWIRE_DATA`): readers agree with
//! each other, and every gold set scored against itself gives 1 everywhere.

use std::collections::HashMap;
use std::path::PathBuf;

use quotewire_eval::attribution::{AttributionScores, Subset, score};
use quotewire_eval::gold::GoldDoc;
use quotewire_eval::{gum, instances, polnear};

fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("QUOTEWIRE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: shared data not found at {} (set QUOTEWIRE_DATA)",
            dir.display()
        );
        None
    }
}

fn assert_perfect(name: &str, scores: &AttributionScores) {
    for (role, counts) in [
        ("source", scores.source),
        ("cue", scores.cue),
        ("content", scores.content),
    ] {
        assert_eq!(counts.exact.f1(), 1.0, "{name} {role} exact");
        assert_eq!(counts.token.f1(), 1.0, "{name} {role} token");
    }
    assert_eq!(scores.attribution.f1(), 1.0, "{name} attribution");
    assert_eq!(scores.speaker_accuracy(), 1.0, "{name} speaker");
}

fn self_score(name: &str, gold: &[GoldDoc]) {
    let itself: HashMap<String, _> = gold
        .iter()
        .map(|d| (d.id.clone(), d.quotes.clone()))
        .collect();
    for subset in [Subset::All, Subset::Quoted] {
        assert_perfect(name, &score(gold, &itself, subset));
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn polnear_brat_and_derived_agree_and_score_perfectly_against_themselves() {
    let Some(data) = shared_data() else { return };
    let brat = polnear::read_brat_split(&data.join("polnear/data/dev")).unwrap();
    let derived = polnear::read_derived(&data.join("polnear/derived/polnear_dev.jsonl")).unwrap();
    assert_eq!(brat.len(), 84);
    let derived: HashMap<_, _> = derived.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut attributions = 0;
    for doc in &brat {
        let other = derived[doc.id.as_str()];
        assert_eq!(doc.text, other.text, "{}", doc.id);
        let mut a = doc.quotes.clone();
        let mut b = other.quotes.clone();
        let key = |q: &quotewire_eval::gold::Attribution| {
            (q.content.clone(), q.cue.clone(), q.source.clone())
        };
        a.sort_by_key(key);
        b.sort_by_key(key);
        assert_eq!(a, b, "{}", doc.id);
        attributions += a.len();
    }
    assert!(attributions > 2000, "{attributions} attributions");
    self_score("polnear dev", &brat);
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn multi_annotated_articles_are_read_once_from_the_first_annotator() {
    let Some(data) = shared_data() else { return };
    let ann_files = std::fs::read_dir(data.join("polnear/data/dev/attributions"))
        .unwrap()
        .count();
    let docs = polnear::read_brat_split(&data.join("polnear/data/dev")).unwrap();
    assert!(
        ann_files > docs.len(),
        "dev has articles with several annotators"
    );
    let mut ids: Vec<_> = docs.iter().map(|d| &d.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), docs.len());
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn gum_attributions_score_perfectly_against_themselves() {
    let Some(data) = shared_data() else { return };
    for genre in ["news", "interview"] {
        let gold =
            gum::read_attribution(&data.join(format!("gum/derived/gum_{genre}_attribution.jsonl")))
                .unwrap();
        assert!(
            gold.iter().map(|d| d.quotes.len()).sum::<usize>() > 150,
            "{genre}"
        );
        for doc in &gold {
            for q in &doc.quotes {
                for s in q.content.iter().chain(&q.cue).chain(&q.source) {
                    assert!(s.slice(&doc.text).is_some(), "{}: {s:?}", doc.id);
                }
            }
        }
        self_score(genre, &gold);
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn the_speaker_gold_fits_its_stories() {
    let Some(data) = shared_data() else { return };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/gold/speakers/bbc_reuters.jsonl");
    // Every span is checked against its hash as it is read.
    let docs = quotewire_eval::speakers::read_speaker_gold(&path, &data).unwrap();
    let quotes: usize = docs.iter().map(|d| d.quotes.len()).sum();
    assert!(
        docs.len() >= 20 && quotes >= 150,
        "{} stories, {quotes} attributions",
        docs.len()
    );
    for doc in &docs {
        for q in &doc.quotes {
            for span in q.content.iter().chain(&q.source) {
                assert!(
                    doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end)
                );
            }
        }
    }
}

/// The literature's metric on the dev instances: every annotation of the brat dev gold, put
/// through the conversion of predictions to tags, gives back the instances' own tags (exact F1
/// at least 0.99 on every role).
#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs the shared data (../shared/data or QUOTEWIRE_DATA when the tests are built)"
)]
fn dev_gold_through_the_instance_conversion_gives_the_instance_tags() {
    let Some(data) = shared_data() else { return };
    let found = instances::read_instances(&data.join(instances::DEV_INSTANCES)).unwrap();
    let gold = polnear::read_brat_annotations(&data.join("polnear/data/dev")).unwrap();
    assert_eq!((found.len(), gold.len()), (1925, 94));
    let by_annotation: HashMap<&str, &[_]> = gold
        .iter()
        .map(|d| (d.id.as_str(), d.quotes.as_slice()))
        .collect();
    let scores = instances::score(&found, |i| by_annotation[i.annotated_as.as_str()]);
    println!("gold as prediction on the dev instances: {scores:?}");
    assert_eq!((scores.articles, scores.annotations), (84, 94));
    for (role, exact, begin) in [
        ("source", scores.exact.source, scores.begin.source),
        ("cue", scores.exact.cue, scores.begin.cue),
        ("content", scores.exact.content, scores.begin.content),
    ] {
        println!(
            "{role}: exact P {:.4} R {:.4} F1 {:.4}; begin F1 {:.4}",
            exact.precision(),
            exact.recall(),
            exact.f1(),
            begin.f1()
        );
        assert!(exact.f1() >= 0.99, "{role} exact F1 {}", exact.f1());
    }
}
