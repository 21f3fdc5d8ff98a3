use super::*;
use quotewire_core::{Document, Quote, Sentiment, Span, Speaker, TargetKind};

/// One story: its text and its speakers as `(name, kind, aliases, quotes)`, each quote the
/// first ten bytes of the text.
fn story(doc: &str, text: &str, speakers: &[(&str, EntityKind, &[&str], usize)]) -> Record {
    let mut record = Record::from_document(Document::new(doc, text), true);
    let mut quotes = Vec::new();
    let mut people = Vec::new();
    for (i, (name, kind, aliases, n)) in speakers.iter().enumerate() {
        let id = format!("s{i}");
        people.push(Speaker {
            id: id.clone(),
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            kind: *kind,
            kind_evidence: None,
            mentions: vec![],
        });
        for _ in 0..*n {
            quotes.push(Quote {
                kind: QuoteKind::Direct,
                content: vec![Span::new(0, 10.min(text.len()))],
                cue: None,
                source: None,
                speaker: Some(id.clone()),
                confidence: 1.0,
                rule: None,
                sentiment: None,
                stance: vec![],
            });
        }
    }
    record.speakers = Some(people);
    record.quotes = Some(quotes);
    record
}

const P: EntityKind = EntityKind::Person;
const O: EntityKind = EntityKind::Organisation;

/// The index of `records` merged one part per record in the order given, each part finished
/// first as a run writes it.
fn index_of(records: &[(Record, String)], order: &[usize], aliases: &Aliases) -> SpeakerIndex {
    let mut index = SpeakerIndex::default();
    for &i in order {
        let mut part = SpeakerIndex::default();
        part.add(&records[i].0, &records[i].1);
        part.finish_with(aliases);
        index.merge(part);
    }
    index.finish_with(aliases);
    index
}

fn corpus() -> Vec<(Record, String)> {
    [
        story(
            "a",
            "Prime Minister Tony Blair spoke. Mr Blair said so.",
            &[
                ("Tony Blair", P, &["Mr Blair"], 2),
                ("the company", O, &[], 1),
            ],
        ),
        story(
            "b",
            "“Yes,” said Tony Blair on Monday. Later Blair left.",
            &[("Blair", P, &[], 1), ("the company", O, &["it"], 2)],
        ),
        story(
            "c",
            "“No,” said Blair. Cherie Blair and Tony Blair left.",
            &[("Blair", P, &[], 3), ("Cherie Blair", P, &[], 1)],
        ),
        story(
            "d",
            "On Monday Tony Blair said no.",
            &[
                ("Monday Tony Blair", P, &[], 1),
                ("Mr Kennedy used a speech to", EntityKind::Unknown, &[], 1),
            ],
        ),
        story(
            "e",
            "Charles Kennedy spoke. Mr Kennedy said so.",
            &[("Charles Kennedy", P, &["Mr Kennedy"], 1)],
        ),
        story(
            "f",
            "Mr Kennedy used a speech to say so. Charles Kennedy left.",
            &[("Mr Kennedy used a speech to", EntityKind::Unknown, &[], 2)],
        ),
        story("g", "“Up,” Parry said.", &[("Parry", P, &[], 1)]),
        story("h", "“Down,” Parry said.", &[("Parry", P, &[], 1)]),
        story(
            "i",
            "“Flat,” said Rick Parry, and Parry left.",
            &[("Rick Parry", P, &["Parry"], 1)],
        ),
        story(
            "j",
            "“Fine,” said the Tories.",
            &[("Tories", P, &["the Tories"], 1)],
        ),
        story(
            "k",
            "“Fine,” said the Tories.",
            &[("Tories", P, &["the Tories"], 1)],
        ),
        story(
            "l",
            "“Bad,” Senior Tories said.",
            &[("Senior Tories", P, &[], 1)],
        ),
        story(
            "m",
            "“Yes,” Ian Blair said.",
            &[("Sir Ian Blair", P, &[], 1)],
        ),
        story("n", "“Maybe,” Blair said.", &[("Blair", P, &[], 1)]),
    ]
    .into_iter()
    .map(|mut r| {
        let text = r.text.take().unwrap_or_default();
        (r, text)
    })
    .collect()
}

#[test]
fn joins_by_full_name_and_by_the_storys_own_names() {
    let records = corpus();
    let all: Vec<usize> = (0..records.len()).collect();
    let index = index_of(&records, &all, &Aliases::default());
    let blair = &index.speakers["tony blair"];
    // b names Tony Blair alone: its Blair joins; c also names Cherie Blair; n names no one.
    assert_eq!(
        blair.joined["blair"].documents.iter().collect::<Vec<_>>(),
        ["b"]
    );
    assert!(
        blair.joined.contains_key("monday tony blair"),
        "stray words left off"
    );
    assert_eq!(blair.summary.quotes, 2 + 1 + 1);
    let short = &index.speakers["blair"];
    assert_eq!(
        short.documents.iter().collect::<Vec<_>>(),
        ["c", "n"],
        "a surname three full names share is joined by no story that does not say which"
    );
    // Stray words after an honorific and a surname: joined in f, which names Charles Kennedy;
    // d names no Kennedy, and a person of one story absorbs no name of two.
    let kennedy = &index.speakers["charles kennedy"];
    assert_eq!(kennedy.summary.quotes, 1 + 2, "{kennedy:?}");
    assert_eq!(
        index.speakers["mr kennedy used a speech to"]
            .documents
            .iter()
            .collect::<Vec<_>>(),
        ["d"]
    );
}

#[test]
fn a_short_name_of_many_stories_is_never_absorbed_by_a_name_of_one() {
    let records = corpus();
    let all: Vec<usize> = (0..records.len()).collect();
    let index = index_of(&records, &all, &Aliases::default());
    // Rick Parry is seen in one story: the Parry of two others stays apart; Parry of i is his.
    assert_eq!(
        index.speakers["parry"].documents.iter().collect::<Vec<_>>(),
        ["g", "h"]
    );
    assert!(index.speakers["rick parry"].joined.is_empty());
    assert_eq!(index.speakers["tories"].documents.len(), 2);
    assert!(index.speakers["senior tories"].joined.is_empty());
}

#[test]
fn generic_nominals_never_merge_across_stories() {
    let records = corpus();
    let all: Vec<usize> = (0..records.len()).collect();
    let index = index_of(&records, &all, &Aliases::default());
    assert!(!index.speakers.contains_key("the company"));
    assert_eq!(index.speakers["the company @ a"].summary.quotes, 1);
    assert_eq!(index.speakers["the company @ b"].summary.quotes, 2);
}

#[test]
fn merging_parts_in_any_order_gives_the_whole_runs_index() {
    let records = corpus();
    let n = records.len();
    let aliases =
        Aliases::parse("kind Tories = organisation\nrename Lib Dems = Liberal Democrats\n")
            .unwrap();
    let forward: Vec<usize> = (0..n).collect();
    let whole = {
        let mut index = SpeakerIndex::default();
        for (record, text) in &records {
            index.add(record, text);
        }
        index.finish_with(&aliases);
        index
    };
    assert_eq!(index_of(&records, &forward, &aliases), whole);
    let backward: Vec<usize> = (0..n).rev().collect();
    assert_eq!(index_of(&records, &backward, &aliases), whole);
    // A shuffle, and parts of several documents merged pairwise.
    let shuffled: Vec<usize> = (0..n).map(|i| (i * 5 + 3) % n).collect();
    assert_eq!(index_of(&records, &shuffled, &aliases), whole);
    let half = |range: std::ops::Range<usize>| {
        let mut part = SpeakerIndex::default();
        for (record, text) in &records[range] {
            part.add(record, text);
        }
        part.finish_with(&aliases);
        part
    };
    let mut pairwise = half(n / 2..n);
    pairwise.merge(half(0..n / 2));
    pairwise.finish_with(&aliases);
    assert_eq!(pairwise, whole);
    // Finishing again changes nothing; nor does merging a finished index into an empty one.
    let mut again = whole.clone();
    again.finish_with(&aliases);
    assert_eq!(again, whole);
    let mut copy = SpeakerIndex::default();
    copy.merge(whole.clone());
    copy.finish_with(&aliases);
    assert_eq!(copy, whole);
}

#[test]
fn a_document_is_counted_once() {
    let records = corpus();
    let mut index = SpeakerIndex::default();
    index.add(&records[0].0, &records[0].1);
    index.add(&records[0].0, &records[0].1);
    let mut part = SpeakerIndex::default();
    part.add(&records[0].0, &records[0].1);
    part.add(&records[4].0, &records[4].1);
    index.merge(part);
    index.finish();
    assert_eq!(index.speakers["tony blair"].summary.quotes, 2);
    assert_eq!(index.speakers["charles kennedy"].summary.quotes, 1);
    // Read back from a file, the index still knows its documents.
    let json = serde_json::to_string(&index).unwrap();
    let mut read: SpeakerIndex = serde_json::from_str(&json).unwrap();
    let mut part = SpeakerIndex::default();
    part.add(&records[0].0, &records[0].1);
    read.merge(part);
    read.finish();
    assert_eq!(read, index);
}

#[test]
fn the_aliases_file_merges_splits_renames_and_sets_kinds() {
    let records = corpus();
    let all: Vec<usize> = (0..records.len()).collect();
    let aliases = Aliases::parse(
        "# by hand\n\
         merge Tony Blair = Blair\n\
         split Rick Parry = Parry\n\
         split Charles Kennedy\n\
         rename Tories = Conservative Party\n\
         merge Rick Parry = the company\n\
         kind Conservative Party = organisation\n",
    )
    .unwrap();
    let index = index_of(&records, &all, &aliases);
    let blair = &index.speakers["tony blair"];
    assert_eq!(
        blair.joined["blair"].documents.len(),
        3,
        "every Blair, as the file says"
    );
    assert!(!index.speakers.contains_key("blair"));
    assert_eq!(index.speakers["parry"].documents.len(), 2);
    assert!(
        index.speakers["charles kennedy"].joined.is_empty(),
        "split: joins nothing"
    );
    let tories = &index.speakers["conservative party"];
    assert_eq!(tories.name, "Conservative Party");
    assert_eq!(tories.kind, EntityKind::Organisation);
    assert!(tories.aliases.contains("Tories"));
    assert!(!index.speakers.contains_key("tories"));
    let parry = &index.speakers["rick parry"];
    assert!(
        parry.joined.contains_key("the company @ a")
            && parry.joined.contains_key("the company @ b")
    );
}

#[test]
fn an_aliases_file_with_a_mistake_names_its_line() {
    for (text, line) in [
        ("merge A = B\njoin A = B\n", 2),
        ("kind EU = country\n", 1),
        ("rename A = B | C\n", 1),
        ("merge A\n", 1),
        ("merge A = B\nmerge C = B\n", 2),
    ] {
        let error = Aliases::parse(text).unwrap_err();
        assert_eq!(error.line, line, "{text:?}: {error}");
    }
    assert!(Aliases::parse("merge A = B\nsplit A = B\n").is_err());
    assert!(Aliases::parse("\n# nothing\n").unwrap().is_empty());
}

#[test]
fn stance_toward_issues_and_toward_speakers_stay_apart() {
    let mut a = story(
        "a",
        "“We back the pact and Japan,” Jeong Kyeong-doo said.",
        &[("Jeong Kyeong-doo", P, &["Jeong"], 1)],
    );
    let quote = &mut a.quotes.as_mut().unwrap()[0];
    quote.sentiment = Some(Sentiment {
        compound: 0.5,
        pos: 0.5,
        neu: 0.5,
        neg: 0.0,
    });
    let stance = |target: &str, label, kind| Stance {
        target: target.into(),
        label,
        score: 0.4,
        kind,
    };
    quote.stance = vec![
        stance("GSOMIA", StanceLabel::Favor, Some(TargetKind::Issue)),
        // A target that is also a speaker: the same name, both label sets.
        stance("Japan", StanceLabel::Neutral, Some(TargetKind::Issue)),
        stance("Japan", StanceLabel::Positive, Some(TargetKind::Entity)),
        // Written before stances said their kind: as the label says.
        stance("Tokyo", StanceLabel::Negative, None),
    ];
    let text = a.text.take().unwrap_or_default();
    let mut index = SpeakerIndex::default();
    index.add(&a, &text);
    index.finish();
    let summary = &index.speakers["jeong kyeong-doo"].summary;
    assert_eq!(summary.mean_sentiment, Some(0.5));
    let at = [QuoteRef {
        doc: "a".into(),
        quote: 0,
    }];
    assert_eq!(summary.stance["GSOMIA"].labels[&StanceLabel::Favor], at);
    assert_eq!(
        summary.stance["Japan"].labels.keys().collect::<Vec<_>>(),
        [&StanceLabel::Neutral]
    );
    assert_eq!(
        summary.speaker_stance["Japan"]
            .labels
            .keys()
            .collect::<Vec<_>>(),
        [&StanceLabel::Positive]
    );
    assert!(summary.speaker_stance.contains_key("Tokyo"));
    for (targets, labels) in [
        (
            &summary.stance,
            [StanceLabel::Positive, StanceLabel::Negative],
        ),
        (
            &summary.speaker_stance,
            [StanceLabel::Favor, StanceLabel::Against],
        ),
    ] {
        assert!(
            targets
                .values()
                .all(|t| labels.iter().all(|l| !t.labels.contains_key(l)))
        );
    }
}

#[test]
fn a_kind_read_from_evidence_wins_over_a_bare_name_in_any_order() {
    let named = |doc: &str, kind, evidence| {
        let text = "Vållö said so.";
        let mut record = story(doc, text, &[("Vållö", kind, &[], 1)]);
        record.speakers.as_mut().unwrap()[0].kind_evidence = Some(evidence);
        (record, text.to_string())
    };
    let records = [
        named("a", P, KindEvidence::Name),
        named("b", O, KindEvidence::OrgWord),
        named("c", P, KindEvidence::Name),
    ];
    for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
        let index = index_of(&records, &order, &Aliases::default());
        let entry = &index.speakers["vållö"];
        assert_eq!((entry.kind, entry.documents.len()), (O, 3), "{order:?}");
        assert_eq!(entry.kind_from.as_ref().map(|k| k.doc.as_str()), Some("b"));
    }
}
