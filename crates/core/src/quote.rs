use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Sentiment, Span, Stance};

/// How a quotation reports what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Whole sentences inside quotation marks.
    Direct,
    /// A quoted fragment inside reported speech.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

/// One attributed quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// What was said, as one or more fragments (a quotation interrupted by its cue has two).
    pub content: Vec<Span>,
    /// The speech or cognition cue (`said`, `according to`), when there is one.
    pub cue: Option<Span>,
    /// The source mention as it stands in the text (`the minister`, `he`).
    pub source: Option<Span>,
    /// The resolved speaker: an id from the record's `speakers`.
    pub speaker: Option<String>,
    /// Confidence of the attribution, 0 to 1.
    pub confidence: f32,
    /// The id of the rule that read the attribution (`inversion`, `reported-after-cue`, ...),
    /// when asked for (`quotewire run --rules`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Sentiment of the content, when scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Sentiment>,
    /// Stance toward targets, when scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stance: Vec<Stance>,
}

/// What kind of entity a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named or described person.
    Person,
    /// A company, ministry, party or other organisation.
    Organisation,
    /// A government referred to by its country or capital (`Tokyo`).
    Government,
    /// An unnamed group (`experts`, `officials`).
    Group,
    /// Not determined.
    Unknown,
    /// A news outlet or agency as a speaker (`Reuters`, `the official news agency INA`).
    Outlet,
    /// A document speaking for its authors (`a new study`, `the survey`, `figures from X`).
    Document,
}

impl EntityKind {
    /// The names of the kinds, as records write them.
    pub const NAMES: &'static str =
        "person, organisation, government, group, outlet, document or unknown";

    /// The kind a record names (`person`, `organisation`, ...), in any case.
    pub fn from_name(name: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(name.to_lowercase())).ok()
    }
}

/// What a speaker's kind was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KindEvidence {
    /// A title before the name (`Minister Jeong`, `Senator Bill Bradley`).
    Title,
    /// An honorific before the name (`Mr Blair`, `Dr Tamimi`).
    Honorific,
    /// A role noun (`the minister`, `an analyst`, `one trader`).
    Role,
    /// Capitalised name words with no other evidence: a person's name.
    Name,
    /// An organisation word in the name (`Multiplex Group`, `Bank of England`, `the firm`).
    OrgWord,
    /// The list of known organisations and parties (`Microsoft`, `Labour`).
    OrgList,
    /// An all-capitals name (`TWA`, `IFPI`).
    Acronym,
    /// A single proper name after `the` (`the Halifax`): no person's name takes an article.
    Article,
    /// The list of news outlets, or a news word before the name (`news agency INA`).
    OutletList,
    /// A capital or country used for its government (`Tokyo`, `Washington`).
    Place,
    /// A plural group noun (`analysts`, `some traders`, `MPs`).
    GroupWord,
    /// A document noun (`a report`, `the survey`, `figures`).
    DocumentWord,
    /// None: a phrase that is no name and holds no word of the lists.
    None,
}

/// A speaker (entity) of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// Id unique within the document, used by [`Quote::speaker`].
    pub id: String,
    /// Canonical name (`Jeong Kyeong-doo`).
    pub name: String,
    /// Other names and descriptions used for it (`Minister Jeong`, `the minister`).
    pub aliases: Vec<String>,
    /// Person, organisation, government, group, outlet, document or unknown.
    pub kind: EntityKind,
    /// What the kind was read from (absent in records written before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_evidence: Option<KindEvidence>,
    /// Every mention in the text.
    pub mentions: Vec<Span>,
}
