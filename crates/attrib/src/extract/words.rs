//! The word lists of extraction (besides the lexicon's cues and speaker words in `data/`).

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

const STARTERS: &str = quotewire_core::lexicon::SENTENCE_STARTERS;
/// The sentence starters that are no determiners.
pub(crate) static SENTENCE_OPENERS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    STARTERS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !DETERMINERS.contains(l))
        .collect()
});
/// Words that may open a source noun phrase although they start sentences.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "this", "these", "those", "our", "my", "one",
    "two", "three", "several", "some", "many", "other", "another",
];
/// Lowercase modifiers inside a source noun phrase (`senior officials`, `a former aide`).
pub(super) const MODIFIERS: &[&str] = &[
    "senior",
    "former",
    "top",
    "chief",
    "deputy",
    "defense",
    "defence",
    "foreign",
    "national",
    "security",
    "campaign",
    "presidential",
    "longtime",
    "local",
    "state",
    "federal",
    "military",
    "government",
    "administration",
    "party",
    "press",
    "white",
    "house",
    "health",
    "finance",
    "trade",
    "justice",
    "economic",
    "political",
    "independent",
    "unnamed",
    "anonymous",
    "informed",
    "knowledgeable",
    "familiar",
    "new",
    "interim",
    "acting",
    "vice",
    "prime",
    "executive",
    "general",
    "legal",
    "public",
    "private",
    "u.s.",
    "korean",
    "japanese",
    "american",
    "chinese",
    "russian",
    "british",
    "european",
    "republican",
    "democratic",
    "conservative",
    "liberal",
    "police",
    "company",
    "ministry",
    "department",
    "industry",
    "market",
    "bank",
    "union",
    "county",
    "city",
    "school",
    "team",
];
/// Words in `-ly` that are no adverbs.
pub(super) const NOT_ADVERBS: &[&str] = &[
    "family", "rally", "ally", "assembly", "supply", "reply", "monopoly", "anomaly", "bully",
    "july", "italy", "belly", "homily", "fly", "apply", "comply", "imply",
];
/// Forms of `be`: before a participle cue, a passive (`is expected`).
pub(super) const BE: &[&str] = &["is", "are", "was", "were", "be", "been"];
/// Words that open the reported clause after a cue and its addressee.
pub(super) const COMPLEMENTIZERS: &[&str] = &[
    "that", "how", "what", "why", "whether", "if", "when", "where", "who", "which", "to",
];
/// Prepositions of a phrase between a cue and its `that` clause.
pub(super) const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "during", "last", "this", "earlier", "late", "after", "before", "to", "with",
    "from", "for", "amid", "despite", "over", "under", "by", "of", "about", "against", "into",
    "through", "between", "among",
];
/// Words that start a clause: the subject of a cue follows them.
pub(super) const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "that", "because", "while", "when", "as", "if", "although", "though", "since",
    "after", "before", "where", "so", "or", "whom", "than",
];
/// Labels before a colon that name no speaker.
pub(super) const NOT_SPEAKERS: &[&str] = &[
    "source",
    "sources",
    "note",
    "update",
    "updated",
    "watch",
    "photo",
    "photos",
    "video",
    "read",
    "related",
    "editor",
    "correction",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "q",
    "a",
    "warning",
    "credit",
    "see",
    "also",
    "subscribe",
    "click",
    "listen",
    "transcript",
    "full",
    "bottom",
    "line",
    "the",
    "this",
    "why",
    "how",
    "what",
    "here",
    "update",
    "live",
    "poll",
];
/// Time words that may stand between a subject and its cue (with [`WEEKDAYS`]).
pub(super) const TIME_WORDS: &[&str] = &[
    "just",
    "this",
    "last",
    "month",
    "week",
    "year",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "in",
    "on",
];
/// Finite verbs and auxiliaries: a phrase with one is a clause, not a subject.
pub(super) const FINITE: &[&str] = &[
    "is", "was", "were", "are", "am", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "do", "did", "does", "not", "who", "which",
    "it", "there", "i", "we", "you", "they", "he", "she",
];
/// Sentence-initial connectives left out of content.
pub(super) const CONNECTIVES: &[&str] = &[
    "but",
    "and",
    "so",
    "yet",
    "however",
    "meanwhile",
    "still",
    "also",
    "now",
    "instead",
    "moreover",
    "indeed",
];
/// Words that open an appositive or relative clause after a source name.
pub(super) const APPOSITIVE: &[&str] = &[
    "who",
    "whose",
    "which",
    "the",
    "a",
    "an",
    "one",
    "its",
    "his",
    "her",
    "their",
    "president",
    "director",
    "chief",
    "head",
    "chairman",
    "executive",
];
/// Lemmas that name or describe (`called Trump a “spoiled brat”`): their content ends with the
/// quoted name when an adjunct follows it (`... “crazy system” during a campaign stop`).
pub(super) const NAMING: &[&str] = &["call", "describe", "refer", "label", "dub", "brand"];
/// Days of the week: time words, and adjuncts after a quoted name (`... Wednesday`).
pub(super) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Words that open an adjunct after a quoted name (`“a disgrace” after ...`), besides
/// [`WEEKDAYS`].
pub(super) const ADJUNCTS: &[&str] = &[
    "after", "before", "during", "when", "while", "because", "since", "but", "in", "on", "at",
    "amid", "despite", "—", "–", "-",
];
/// Longest source noun phrase, in tokens.
pub(super) const MAX_SOURCE: usize = 12;
