//! Attribution patterns on small texts, checked by slicing the text with the spans found.

use quotewire_attrib::Attributor;
use quotewire_core::Span;

/// (content fragments, cue, source, speaker name) of each quote; `paragraphs` split on blank
/// lines, each paragraph's sentences given by `sentence_ends` (texts that end a sentence).
fn attributions(text: &str, sentence_ends: &[&str]) -> Vec<(Vec<String>, String, String, String)> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Span::new(start, start + part.len()));
        start += part.len() + 2;
    }
    let mut sentences = Vec::new();
    for p in &paragraphs {
        let mut at = p.start;
        for end in sentence_ends {
            if let Some(i) = text[at..p.end].find(end) {
                let stop = at + i + end.len();
                sentences.push(Span::new(at, stop));
                at = stop + text[stop..p.end].len() - text[stop..p.end].trim_start().len();
            }
        }
        if at < p.end {
            sentences.push(Span::new(at, p.end));
        }
    }
    let found = Attributor::new()
        .attribute(text, None, &paragraphs, &sentences)
        .expect("the rules never fail");
    let slice = |s: Option<Span>| s.map_or(String::new(), |s| text[s.range()].to_string());
    found
        .quotes
        .iter()
        .map(|q| {
            let speaker = found
                .speakers
                .iter()
                .find(|s| Some(&s.id) == q.speaker.as_ref());
            (
                q.content
                    .iter()
                    .map(|c| text[c.range()].to_string())
                    .collect(),
                slice(q.cue),
                slice(q.source),
                speaker.map_or(String::new(), |s| s.name.clone()),
            )
        })
        .collect()
}

#[test]
fn a_quotation_signed_with_a_dash_and_a_name() {
    let text = "“Fear. I am truly afraid.”\u{a0}― Karen Bobadilla.\n“He can’t even answer.” — José Raúl Gómez";
    let found = attributions(text, &["afraid.”", "Bobadilla.", "answer.”"]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, ["“Fear. I am truly afraid.”"]);
    assert_eq!(
        (found[0].1.as_str(), found[0].2.as_str()),
        ("―", "Karen Bobadilla")
    );
    assert_eq!(
        (found[1].1.as_str(), found[1].2.as_str()),
        ("—", "José Raúl Gómez")
    );
}

#[test]
fn an_interrupted_quotation_with_an_addressee() {
    let text = "“Now that I don’t have to be careful,” he told the host, “it was demoralizing.”";
    let found = attributions(text, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].0,
        [
            "“Now that I don’t have to be careful,”",
            "“it was demoralizing.”"
        ]
    );
    assert_eq!((found[0].1.as_str(), found[0].2.as_str()), ("told", "he"));
}

#[test]
fn a_continuation_joins_the_quoted_attribution_of_its_sentence() {
    let text = "“You can’t talk about change,” Ava DuVernay said, emphasizing why our past matters. \
                “What we need to change is our thinking.”\n\nThe agency may act soon, Schiff said. \
                “The other factor is the appearance.”";
    let found = attributions(text, &["matters.", "thinking.”", "said."]);
    let duvernay = found
        .iter()
        .find(|q| q.1 == "said" && q.2 == "Ava DuVernay")
        .unwrap();
    assert_eq!(
        duvernay.0,
        [
            "“You can’t talk about change,”",
            "“What we need to change is our thinking.”"
        ]
    );
    // After reported speech in its paragraph the quotation is more of it, as news annotation
    // counts it.
    let schiff = found.iter().find(|q| q.2 == "Schiff").unwrap();
    assert_eq!(
        schiff.0,
        [
            "The agency may act soon",
            "“The other factor is the appearance.”"
        ]
    );
}

#[test]
fn sources_with_a_party_and_state_and_a_trailing_phrase() {
    let text = "“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus.\n\n\
                “They would just go get them,” Rep. Jim Jordan (R-Ohio), an oversight panel member, \
                said in a phone interview.\n\n“The impact is still small,” wrote Cameron Easley for \
                Morning Consult.";
    let found = attributions(text, &["caucus.", "interview.", "Consult."]);
    let sources: Vec<(&str, &str)> = found.iter().map(|q| (q.2.as_str(), q.3.as_str())).collect();
    assert_eq!(
        sources,
        [
            (
                "Rep. G.K. Butterfield (D-N.C.), head of the caucus",
                "G.K. Butterfield"
            ),
            (
                "Rep. Jim Jordan (R-Ohio), an oversight panel member,",
                "Jim Jordan"
            ),
            ("Cameron Easley", "Cameron Easley"),
        ]
    );
}

#[test]
fn after_a_quotation_only_a_quotation_goes_on() {
    let text = "“The cause has not been determined,” said O'Neill, on what was his first full day.\n\n\
                The talks, Jeong said, failed again on Sunday in Seoul.";
    let found = attributions(text, &["day."]);
    assert_eq!(found[0].0, ["“The cause has not been determined,”"]);
    assert_eq!(found[0].2, "O'Neill");
    // Reported speech interrupted by its attribution keeps both parts.
    assert_eq!(found[1].0, ["The talks", "failed again on Sunday in Seoul"]);
}

#[test]
fn a_cue_with_a_colon_takes_the_quotation_of_the_next_paragraph() {
    let text = "On July 6, Sanders made the following comment:\n\n“For young people, the rate is 33 percent.”\n\n\
                Caddell added:\n\n\"The health issue is very much a partisan issue.\"";
    let found = attributions(text, &[]);
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|q| (q.0[0].as_str(), q.1.as_str(), q.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "“For young people, the rate is 33 percent.”",
                "made the following comment:",
                "Sanders"
            ),
            (
                "\"The health issue is very much a partisan issue.\"",
                "added:",
                "Caddell"
            ),
        ]
    );
}

#[test]
fn phrases_between_source_cue_and_quotation() {
    let text = "Democratic nominee Hillary Clinton, at a later press gaggle, said, “I have been briefed.”\n\n\
                \"Holt will be very fair,\" Trump said during a rally in Kenansville, N.C., \"but people will watch.\"";
    let found = attributions(text, &["briefed.”"]);
    assert_eq!(found[0].2, "Democratic nominee Hillary Clinton");
    assert_eq!(
        found[1].0,
        ["\"Holt will be very fair,\"", "\"but people will watch.\""]
    );
    assert_eq!(found[1].2, "Trump");
}

#[test]
fn appositives_between_source_and_cue() {
    let text = "The state campaign chairman, Phil Lovas, said he cannot comment on the letter.\n\n\
                Senator Dianne Feinstein, Democrat of California, said the program sent a bad message.\n\n\
                Trump, speaking to a veterans group in Virginia, said he would order a review.\n\n\
                In Washington, on Tuesday, the president said the talks would go on.";
    let found = attributions(text, &[]);
    let got: Vec<(&str, &str)> = found.iter().map(|q| (q.2.as_str(), q.3.as_str())).collect();
    assert_eq!(
        got,
        [
            ("The state campaign chairman, Phil Lovas,", "Phil Lovas"),
            (
                "Senator Dianne Feinstein, Democrat of California,",
                "Dianne Feinstein"
            ),
            ("Trump", "Trump"),
            ("the president", "president"),
        ]
    );
}

#[test]
fn sources_with_a_quantifier() {
    let text = "Several cast members said Trump had one contestant twirl before him.\n\n\
                Six million American jobs depend on exports to Mexico, one slide says.";
    let found = attributions(text, &[]);
    let got: Vec<(&str, &str)> = found.iter().map(|q| (q.2.as_str(), q.1.as_str())).collect();
    assert_eq!(
        got,
        [("Several cast members", "said"), ("one slide", "says")]
    );
}

#[test]
fn reported_speech_closed_by_a_source_telling_someone() {
    let text = "Trump could embrace clean energy if convinced it is a good deal, \
                Sen. Lindsey Graham (R-S.C.) told The Huffington Post on Thursday.";
    let found = attributions(text, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].0,
        ["Trump could embrace clean energy if convinced it is a good deal"]
    );
    assert_eq!(
        (found[0].1.as_str(), found[0].3.as_str()),
        ("told", "Lindsey Graham")
    );
}

#[test]
fn a_speaker_label_speaks_for_a_turn_not_a_whole_feed() {
    // A transcript label, then far more sentences in one paragraph than a turn holds.
    let mut text = String::from("Ana Lindqvist: We will keep talking to both sides this week.");
    let mut sentences = vec![Span::new(0, text.len())];
    for k in 0..60 {
        let start = text.len() + 1;
        text.push_str(&format!(
            " Point {k} was raised again by the delegates on Friday."
        ));
        sentences.push(Span::new(start, text.len()));
    }
    let found = Attributor::new()
        .attribute(&text, None, &[Span::new(0, text.len())], &sentences)
        .expect("the rules never fail");
    let label = found
        .quotes
        .iter()
        .find(|q| q.cue.is_some_and(|c| &text[c.range()] == ":"))
        .expect("the label is an attribution");
    let content = label.content[0];
    assert!(text[content.range()].starts_with("We will keep talking"));
    // The label's own sentence and the next 29.
    assert_eq!(content.end, sentences[29].end);
    assert!(
        text[content.range()].ends_with("Point 28 was raised again by the delegates on Friday.")
    );
}

#[test]
fn whoever_is_told_is_never_the_source() {
    let text = "“Cutting jobs makes sense,” Ana Berg, an analyst with Bank Lindqvist & Cho, \
                told Bloomberg.";
    let found = attributions(text, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "told");
    assert_ne!(found[0].2, "Bloomberg");
    assert!(found[0].2.starts_with("Ana Berg"), "{found:?}");
}

#[test]
fn names_lose_parties_possessives_and_titles_and_gain_the_story_full_name() {
    let text = "Pollster Jon Curtis spoke after the vote. Labour's Ana Berg said the plan works. \
                Liberal Democrat Sara Tell said it fails. Professor Curtis said turnout fell. \
                Rita Blair and Tom Blair met. Blair said no.";
    let found = attributions(text, &[]);
    let speakers: Vec<&str> = found.iter().map(|q| q.3.as_str()).collect();
    // `Blair` stays as written: two full names in the story share it.
    assert_eq!(speakers, ["Ana Berg", "Sara Tell", "Jon Curtis", "Blair"]);
}

#[test]
fn the_firm_is_the_organisation_named_before() {
    let text =
        "Australian builder Lindqvist Group lost money on the stadium. The firm said costs rose.";
    let found = attributions(text, &["stadium."]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].2.as_str(), found[0].3.as_str()),
        ("The firm", "Lindqvist Group")
    );
}

#[test]
fn a_quotation_after_nested_reported_speech_is_the_outer_speaker_s() {
    let text = "Zoë Brandt said she was glad that Tom Reyes had admitted some errors. \
                “One letter is not enough.”";
    let found = attributions(text, &["errors."]);
    let letter = found
        .iter()
        .find(|q| q.0.iter().any(|c| c == "“One letter is not enough.”"));
    assert_eq!(
        letter.map(|q| q.3.as_str()),
        Some("Zoë Brandt"),
        "{found:?}"
    );
}

#[test]
fn a_role_at_an_organisation_before_the_name() {
    let text = "His former business partner at Lenfield, Lars Øberg, said the deals were sound.\n\n\
                A spokesman for the ministry, Ali Hassan, said the talks would go on.";
    let found = attributions(text, &[]);
    let got: Vec<(&str, &str)> = found.iter().map(|q| (q.2.as_str(), q.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                "His former business partner at Lenfield, Lars Øberg,",
                "Lars Øberg"
            ),
            ("A spokesman for the ministry, Ali Hassan,", "Ali Hassan"),
        ]
    );
}

#[test]
fn a_document_reads() {
    let text = "“We see schools offering hope to our children,” the letter reads.";
    let found = attributions(text, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].1.as_str(), found[0].2.as_str()),
        ("reads", "the letter")
    );
}

#[test]
fn a_second_verb_of_the_subject_keeps_its_source() {
    let text = "Iva Trnková's brief said that was not her view and dismissed the reports as \
                “misinterpreted statements.”";
    let found = attributions(text, &[]);
    let got: Vec<(&str, &str)> = found.iter().map(|q| (q.1.as_str(), q.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("said", "Iva Trnková's brief"),
            ("dismissed", "Iva Trnková's brief")
        ]
    );
}

#[test]
fn a_noun_after_a_capitalised_modifier_is_no_cue() {
    let text =
        "The site rated 32% of Republican claims as “false,” compared to 11% of Democratic claims.";
    let found = attributions(text, &[]);
    assert!(found.iter().all(|q| q.1 != "claims"), "{found:?}");
}

#[test]
fn a_quotation_after_another_cue_is_that_cue_s() {
    let text = "“We can’t afford this,” Anaïs Roy said, adding later, “It costs a fortune.”";
    let found = attributions(text, &[]);
    let got: Vec<(Vec<&str>, &str)> = found
        .iter()
        .map(|q| (q.0.iter().map(String::as_str).collect(), q.1.as_str()))
        .collect();
    assert_eq!(
        got[0],
        (vec!["“We can’t afford this,”"], "said"),
        "{found:?}"
    );
    assert_eq!(got[1].1, "adding", "{found:?}");
    assert!(got[1].0.concat().ends_with("“It costs a fortune.”"));
}
