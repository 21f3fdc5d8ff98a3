//! Attribution candidates: every reading the rules give of a cue, each named by the rule that
//! made it, and the [`Selector`] that chooses among them.

use quotewire_core::{QuoteKind, Span};

/// The rule that read an attribution, by a stable id (`inversion`, `quotation-after-cue`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `According to X, ...`: the source after the cue, the content after the source.
    AccordingToOpening,
    /// `..., according to X`: the content before the cue.
    AccordingToClosing,
    /// `“...,” said Jeong.`: the source after the cue, the content before it.
    Inversion,
    /// `Nabisco is expected to cut jobs`: a passive cue with no source, its subject part of the
    /// content.
    PassiveRaising,
    /// `Ko said in an interview, “If we ...”`: the quotation after the cue.
    QuotationAfterCue,
    /// `“A,” he said.`, `A, she said.`: the content before the source.
    ContentBeforeSource,
    /// `Caddell continued:` closing its paragraph: the quotation opening the next one.
    ColonNextParagraph,
    /// `Jeong said the pact ...`: reported speech after the cue.
    ReportedAfterCue,
    /// A source and cue closing the clause with no content to take: no attribution.
    SourceWithoutContent,
    /// `Asked why he ..., Sanders said`: the question of an unnamed asker.
    Asked,
    /// `..., adding that ...`, `and called for ...`: a participle or second verb of the
    /// sentence's subject.
    ParticipleAfterComma,
    /// `Noting that ..., Jeong said`: an opening participle clause, the source after its comma.
    ParticipleOpening,
    /// `WALLACE: Let's start ...`: a speaker label.
    SpeakerLabel,
    /// `Talks fail: defense minister`: a headline `content: source`.
    Headline,
    /// `“We deserve better.” ― Carla Sanchez`: a quotation signed with a dash.
    DashSignature,
    /// A whole-sentence quotation of no attribution: more of what the speaker before said.
    Continuation,
    /// An attribution the learned tagger reads and no rule does (`--attributor learned`, or
    /// added by `hybrid`).
    Tagged,
}

impl Rule {
    /// Every rule: the twelve tried for each cue in this order, then the sentence and document
    /// rules, then the learned tagger's.
    pub const ALL: [Rule; 17] = [
        Rule::AccordingToOpening,
        Rule::AccordingToClosing,
        Rule::Inversion,
        Rule::PassiveRaising,
        Rule::QuotationAfterCue,
        Rule::ContentBeforeSource,
        Rule::ColonNextParagraph,
        Rule::ReportedAfterCue,
        Rule::SourceWithoutContent,
        Rule::Asked,
        Rule::ParticipleAfterComma,
        Rule::ParticipleOpening,
        Rule::SpeakerLabel,
        Rule::Headline,
        Rule::DashSignature,
        Rule::Continuation,
        Rule::Tagged,
    ];

    /// The stable id, as in `quotewire eval --errors` and a record's `rule`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::AccordingToOpening => "according-to-opening",
            Rule::AccordingToClosing => "according-to-closing",
            Rule::Inversion => "inversion",
            Rule::PassiveRaising => "passive-raising",
            Rule::QuotationAfterCue => "quotation-after-cue",
            Rule::ContentBeforeSource => "content-before-source",
            Rule::ColonNextParagraph => "colon-next-paragraph",
            Rule::ReportedAfterCue => "reported-after-cue",
            Rule::SourceWithoutContent => "source-without-content",
            Rule::Asked => "asked",
            Rule::ParticipleAfterComma => "participle-after-comma",
            Rule::ParticipleOpening => "participle-opening",
            Rule::SpeakerLabel => "speaker-label",
            Rule::Headline => "headline",
            Rule::DashSignature => "dash-signature",
            Rule::Continuation => "continuation",
            Rule::Tagged => "tagged",
        }
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What a selector may weigh besides the spans: facts the rules looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Features {
    /// The cue opens its sentence (`According to ...`, `Noting that ...`).
    pub cue_opens_sentence: bool,
    /// The source is a pronoun (`he`, `they`).
    pub pronoun_source: bool,
    /// The cue is a strong speech verb (`said`, `told`) or a verb phrase.
    pub strong_cue: bool,
    /// The content holds a quotation.
    pub quoted: bool,
}

/// One reading of an attribution: what is said, by whom, through which cue, and the rule that
/// read it. Spans are byte ranges into the document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The content fragments, in order.
    pub content: Vec<Span>,
    /// The cue (`said`, `according to`, a label's colon).
    pub cue: Option<Span>,
    /// The source mention as written.
    pub source: Option<Span>,
    /// No source of its own: the speaker is that of the attribution before it.
    pub inherits: bool,
    /// The rule's confidence in this reading, 0 to 1.
    pub confidence: f32,
    /// The rule that read it.
    pub rule: Rule,
    /// What the rule saw.
    pub features: Features,
}

impl Candidate {
    /// A candidate with the features its spans show (the sentence and document rules).
    pub fn new(
        rule: Rule,
        kind: QuoteKind,
        content: Vec<Span>,
        cue: Option<Span>,
        source: Option<Span>,
        inherits: bool,
        confidence: f32,
    ) -> Self {
        Candidate {
            kind,
            content,
            cue,
            source,
            inherits,
            confidence,
            rule,
            features: Features {
                quoted: kind != QuoteKind::Indirect,
                ..Features::default()
            },
        }
    }
}

/// A rule that applies to a cue, and what it reads there: a candidate, or `None` where the
/// rule finds that the cue attributes nothing (`source-without-content`, or content that is
/// empty once trimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The rule that applies.
    pub rule: Rule,
    /// What it reads.
    pub candidate: Option<Candidate>,
}

/// Chooses a cue's attribution among its readings, which come in rule order and are read
/// lazily: a selector that takes the first reads no more rules than it needs.
pub trait Selector: Send + Sync {
    /// The attribution of one cue, if any.
    fn select(&self, readings: &mut dyn Iterator<Item = Reading>) -> Option<Candidate>;
}

/// The rules' own order: the first rule that applies decides.
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleOrder;

impl Selector for RuleOrder {
    fn select(&self, readings: &mut dyn Iterator<Item = Reading>) -> Option<Candidate> {
        readings.next().and_then(|r| r.candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_round_trip() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        for rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
        assert_eq!(Rule::from_id("no-such-rule"), None);
    }

    fn reading(rule: Rule, candidate: bool) -> Reading {
        Reading {
            rule,
            candidate: candidate.then(|| Candidate {
                kind: QuoteKind::Indirect,
                content: vec![Span::new(0, 4)],
                cue: None,
                source: None,
                inherits: false,
                confidence: 0.5,
                rule,
                features: Features::default(),
            }),
        }
    }

    #[test]
    fn rule_order_takes_the_first_reading_and_reads_no_further() {
        let mut read = 0;
        let mut readings = [
            reading(Rule::Inversion, true),
            reading(Rule::ReportedAfterCue, true),
        ]
        .into_iter()
        .inspect(|_| read += 1);
        let chosen = RuleOrder.select(&mut readings).unwrap();
        assert_eq!(chosen.rule, Rule::Inversion);
        drop(readings);
        assert_eq!(read, 1);
    }

    #[test]
    fn rule_order_keeps_a_reading_of_nothing() {
        // The first rule that applies says the cue attributes nothing: no later rule is taken.
        let mut readings = [
            reading(Rule::SourceWithoutContent, false),
            reading(Rule::Asked, true),
        ]
        .into_iter();
        assert_eq!(RuleOrder.select(&mut readings), None);
        assert!(RuleOrder.select(&mut std::iter::empty()).is_none());
    }
}
