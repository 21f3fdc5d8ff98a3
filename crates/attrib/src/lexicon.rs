//! The word lists behind attribution, read from `data/cues.txt` and `data/speakers.txt`.

use quotewire_core::lexicon::parse_sections;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const CUES: &str = include_str!("../data/cues.txt");
const SPEAKERS: &str = include_str!("../data/speakers.txt");

/// The sections of the cue and speaker files.
const SECTIONS: &[&str] = &[
    "verb",
    "after",
    "phrase",
    "aux",
    "strong",
    "noun",
    "compound",
    "title",
    "role",
    "group",
    "org",
    "party",
    "pronoun",
    "relative",
    "place",
    "honorific",
    "document",
    "outlet",
    "known-org",
    "legal",
    "time",
];

/// A lexicon file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A line outside any section, an unknown section, or a malformed `[place]` line.
    #[error(transparent)]
    Syntax(#[from] quotewire_core::lexicon::LexiconError),
    /// The automaton over the cue words and titles could not be built.
    #[error("cannot index the cue words and titles: {0}")]
    CueWords(#[from] aho_corasick::BuildError),
}

/// Cue and speaker word lists.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Verb form -> lemma.
    pub(crate) verbs: HashMap<String, String>,
    /// Cues whose source follows (`according to`), as word lists.
    pub(crate) after: Vec<Vec<String>>,
    /// Multi-word cues, as word lists.
    pub(crate) phrases: Vec<Vec<String>>,
    /// First word -> the `after` and the multi-word cues it starts (indices into each list).
    pub(crate) phrase_starts: HashMap<String, (Vec<usize>, Vec<usize>)>,
    /// Words in the longest `after` or multi-word cue (1 without any).
    pub(crate) longest_phrase: usize,
    /// Finds every cue word (verb form or longest word of a phrase), title and organisation
    /// word in a text, ignoring case: patterns below `cue_patterns` are cue words.
    pub(crate) word_finder: aho_corasick::AhoCorasick,
    /// How many of `word_finder`'s patterns are cue words.
    pub(crate) cue_patterns: usize,
    /// Whether each of `word_finder`'s patterns is a title (a cue word may be one too).
    pub(crate) title_patterns: Vec<bool>,
    /// Whether each of `word_finder`'s patterns is an organisation word (`group`, `inc.`).
    pub(crate) org_patterns: Vec<bool>,
    /// Words that join a verb cue from the left.
    pub(crate) aux: HashSet<String>,
    /// Cue forms that are also plural nouns (`remarks`, `plans`).
    pub(crate) nouns: HashSet<String>,
    /// Words that make a [noun] cue form after them a compound noun (`TV shows`), lowercase.
    pub(crate) compounds: HashSet<String>,
    /// Lemmas that report speech without `that`, a colon or a quotation.
    pub(crate) strong: HashSet<String>,
    pub(crate) titles: HashSet<String>,
    pub(crate) roles: HashSet<String>,
    pub(crate) groups: HashSet<String>,
    pub(crate) orgs: HashSet<String>,
    /// Parties and their members' words, before a name (`Liberal Democrat Sarah Teather`).
    pub(crate) parties: HashSet<String>,
    /// Capitalised words that are no part of a person's name, lowercase: titles, roles, party
    /// and group words, determiners and sentence starters (`Then`).
    pub(crate) not_names: HashSet<String>,
    pub(crate) pronouns: HashSet<String>,
    /// Relative pronouns (`which`, `who`): a source that opens with one names nobody itself.
    pub(crate) relatives: HashSet<String>,
    /// Place (as written) -> country.
    pub(crate) places: HashMap<String, String>,
    /// Titles of address (`mr`, `dr`): evidence that a name is a person's.
    pub(crate) honorifics: HashSet<String>,
    /// Nouns for documents that speak for their authors (`report`, `survey`).
    pub(crate) documents: HashSet<String>,
    /// News outlets and agencies, as written (`Reuters`, `Financial Times`).
    pub(crate) outlets: HashSet<String>,
    /// Organisations and parties known by a name no word marks (`Microsoft`), as written.
    pub(crate) known_orgs: HashSet<String>,
    /// Legal suffixes left out of an organisation's canonical name (`inc`), lowercase.
    pub(crate) legal: HashSet<String>,
    /// Capitalised time words that are no part of a name (`Monday`), lowercase.
    pub(crate) time_words: HashSet<String>,
}

/// An automaton that finds any of `words`, ignoring ASCII case, longest first.
fn word_finder(words: Vec<&String>) -> Result<aho_corasick::AhoCorasick, LexiconError> {
    Ok(aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)?)
}

fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_lowercase).collect()
}

impl Lexicon {
    /// The lexicon bundled from `data/`.
    pub fn bundled() -> Self {
        Lexicon::parse(CUES, SPEAKERS).expect("bundled lexicon files are valid")
    }

    /// A lexicon from the texts of a cue file and a speaker file in the bundled format.
    pub fn parse(cues: &str, speakers: &str) -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon {
            verbs: HashMap::default(),
            after: Vec::new(),
            phrases: Vec::new(),
            phrase_starts: HashMap::default(),
            longest_phrase: 1,
            word_finder: word_finder(Vec::new())?,
            cue_patterns: 0,
            title_patterns: Vec::new(),
            org_patterns: Vec::new(),
            aux: HashSet::default(),
            strong: HashSet::default(),
            nouns: HashSet::default(),
            compounds: HashSet::default(),
            titles: HashSet::default(),
            roles: HashSet::default(),
            groups: HashSet::default(),
            orgs: HashSet::default(),
            parties: HashSet::default(),
            not_names: HashSet::default(),
            pronouns: HashSet::default(),
            relatives: HashSet::default(),
            places: HashMap::default(),
            honorifics: HashSet::default(),
            documents: HashSet::default(),
            outlets: HashSet::default(),
            known_orgs: HashSet::default(),
            legal: HashSet::default(),
            time_words: HashSet::default(),
        };
        let entries = parse_sections(cues, SECTIONS)?
            .into_iter()
            .chain(parse_sections(speakers, SECTIONS)?);
        for e in entries {
            let (section, entry) = (e.section, e.text);
            let lower = entry.to_lowercase();
            match section {
                "verb" => {
                    let forms = words(entry);
                    for form in &forms {
                        lexicon.verbs.insert(form.clone(), forms[0].clone());
                    }
                }
                "after" => lexicon.after.push(words(entry)),
                "phrase" => lexicon.phrases.push(words(entry)),
                "aux" => drop(lexicon.aux.insert(lower)),
                "strong" => drop(lexicon.strong.insert(lower)),
                "noun" => drop(lexicon.nouns.insert(lower)),
                "compound" => drop(lexicon.compounds.insert(lower)),
                "title" => drop(lexicon.titles.insert(lower)),
                "role" => drop(lexicon.roles.insert(lower)),
                "group" => drop(lexicon.groups.insert(lower)),
                "org" => drop(lexicon.orgs.insert(lower)),
                "party" => drop(lexicon.parties.insert(lower)),
                "pronoun" => drop(lexicon.pronouns.insert(lower)),
                "relative" => drop(lexicon.relatives.insert(lower)),
                "honorific" => drop(lexicon.honorifics.insert(lower)),
                "document" => drop(lexicon.documents.insert(lower)),
                "outlet" => drop(lexicon.outlets.insert(entry.trim().to_string())),
                "known-org" => drop(lexicon.known_orgs.insert(entry.trim().to_string())),
                "legal" => drop(lexicon.legal.insert(lower)),
                "time" => drop(lexicon.time_words.insert(lower)),
                "place" => {
                    let (place, country) = entry
                        .split_once('=')
                        .ok_or_else(|| e.error("expected `Place = Country`"))?;
                    lexicon
                        .places
                        .insert(place.trim().to_string(), country.trim().to_string());
                }
                // `parse_sections` gives only the sections named.
                _ => {}
            }
        }
        let starters = quotewire_core::lexicon::SENTENCE_STARTERS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        lexicon.not_names = (lexicon.titles.iter().chain(&lexicon.roles))
            .chain(lexicon.parties.iter().chain(&lexicon.groups))
            .map(String::as_str)
            .chain(crate::extract::words::DETERMINERS.iter().copied())
            .chain(starters)
            .map(str::to_lowercase)
            .collect();
        let mut starts: HashMap<String, (Vec<usize>, Vec<usize>)> = HashMap::default();
        for (list, after) in [(&lexicon.after, true), (&lexicon.phrases, false)] {
            for (k, phrase) in list.iter().enumerate() {
                if let Some(first) = phrase.first() {
                    let entry = starts.entry(first.clone()).or_default();
                    match after {
                        true => entry.0.push(k),
                        false => entry.1.push(k),
                    }
                }
            }
        }
        lexicon.phrase_starts = starts;
        lexicon.longest_phrase = (lexicon.after.iter().chain(&lexicon.phrases))
            .map(Vec::len)
            .fold(1, usize::max);
        // A phrase is found by its longest word (`according`, `statement`), a rare word.
        let longest = lexicon
            .after
            .iter()
            .chain(&lexicon.phrases)
            .filter_map(|p| p.iter().max_by_key(|w| w.len()));
        let mut words: Vec<&String> = lexicon.verbs.keys().chain(longest).collect();
        lexicon.cue_patterns = words.len();
        let mut title_patterns: Vec<bool> =
            words.iter().map(|w| lexicon.titles.contains(*w)).collect();
        let mut titles: Vec<&String> = lexicon
            .titles
            .iter()
            .filter(|t| !words.contains(t))
            .collect();
        titles.sort();
        title_patterns.extend(titles.iter().map(|_| true));
        words.extend(titles);
        let mut orgs: Vec<&String> = lexicon.orgs.iter().filter(|o| !words.contains(o)).collect();
        orgs.sort();
        title_patterns.extend(orgs.iter().map(|_| false));
        words.extend(orgs);
        lexicon.org_patterns = (words.iter())
            .map(|w| lexicon.orgs.contains(w.trim_end_matches('.')) || lexicon.orgs.contains(*w))
            .collect();
        lexicon.word_finder = word_finder(words)?;
        lexicon.title_patterns = title_patterns;
        Ok(lexicon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon() {
        let lexicon = Lexicon::bundled();
        assert_eq!(lexicon.verbs["told"], "tell");
        assert!(
            lexicon
                .after
                .contains(&vec!["according".to_string(), "to".to_string()])
        );
        assert_eq!(lexicon.places["Tokyo"], "Japan");
        assert!(lexicon.groups.contains("experts") && lexicon.titles.contains("minister"));
        assert!(lexicon.outlets.contains("Financial Times") && lexicon.documents.contains("poll"));
        assert!(lexicon.known_orgs.contains("Lib Dems") && lexicon.legal.contains("inc"));
    }

    #[test]
    fn syntax_errors() {
        assert!(Lexicon::parse("said\n", "").is_err());
        assert!(Lexicon::parse("", "[place]\nTokyo Japan\n").is_err());
        assert!(Lexicon::parse("[verbs]\nsay\n", "").is_err());
    }
}
