//! What a speaker's name says about joining it across stories: whether it is a generic nominal
//! (`the company`, `analysts`: one story's only), the name it is headed by once stray words are
//! left off (`Mr Kennedy used a speech to` is headed by `Kennedy`), and the full names a story
//! gives a short name (`Tony Blair` for `Blair` in a story that names him).
//!
//! The word lists are `data/names.txt`.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use quotewire_core::EntityKind;
use quotewire_core::lexicon;

const NAMES: &str = include_str!("../../data/names.txt");
const SECTIONS: &[&str] = &["determiners", "honorifics", "particles", "titles"];

/// The word lists of `data/names.txt`.
struct Lists {
    determiners: HashSet<&'static str>,
    honorifics: HashSet<&'static str>,
    particles: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    /// Words that commonly begin a sentence (`Yesterday`, `But`), lowercase.
    starters: HashSet<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // The list is part of the crate (a test reads it): a malformed line leaves it out.
    let entries = lexicon::parse_sections(NAMES, SECTIONS).unwrap_or_default();
    let section = |name: &str| -> HashSet<&'static str> {
        entries
            .iter()
            .filter(|e| e.section == name)
            .map(|e| e.text)
            .collect()
    };
    Lists {
        determiners: section("determiners"),
        honorifics: section("honorifics"),
        particles: section("particles"),
        titles: section("titles"),
        starters: lexicon::SENTENCE_STARTERS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect(),
    }
});

/// Words of the stories' extension of a short name: at most this many before it and after it.
const BEFORE: usize = 3;
const AFTER: usize = 2;

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_honorific(word: &str) -> bool {
    LISTS.honorifics.contains(word.to_lowercase().as_str())
}

fn is_particle(word: &str) -> bool {
    LISTS.particles.contains(word)
}

fn possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'") || word.ends_with("s’")
}

/// The words of a name, without the punctuation around them (`Ivo Geijsen,`).
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .filter(|w| !w.is_empty())
}

/// Whether a speaker named so names something of its story only: an unnamed group (kind
/// `group`), a determiner with lowercase words (`the company`, `a spokesman`), lowercase words
/// only (`analysts`), a plural of capitals (`MPs`), or a name its story also writes in lowercase
/// (`Critics` and `critics`).
pub fn is_generic(name: &str, kind: EntityKind, aliases: &BTreeSet<String>) -> bool {
    if matches!(kind, EntityKind::Group | EntityKind::Document) {
        return true;
    }
    let words: Vec<&str> = words(name).collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    let lowercase = |w: &&str| !w.chars().any(char::is_uppercase);
    if LISTS.determiners.contains(first.to_lowercase().as_str())
        && !rest.is_empty()
        && rest.iter().all(lowercase)
    {
        return true;
    }
    if words.iter().all(lowercase) {
        return true;
    }
    if let [word] = words.as_slice() {
        let plural_of_capitals = word.len() > 2
            && word.ends_with('s')
            && word[..word.len() - 1]
                .chars()
                .all(|c| c.is_ascii_uppercase());
        let written_lowercase = aliases
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word) && !capitalised(a));
        return plural_of_capitals || written_lowercase;
    }
    false
}

/// The name a speaker's name is headed by, its honorifics left off: the name itself
/// when it is all capitalised words (`Monday Tony Blair`, `Sir Ian Blair`), else its one run of
/// capitalised words (`Tony Blair himself`, `challenged Mr Brown to`), or the last when the ones
/// before are single words (`Conservative leader Michael Howard`). `None` for a possessive
/// (`Gordon Brown's decision`: not the person) or where runs of names compete (`Mr Blair and Mr
/// Brown`).
pub fn head(name: &str) -> Option<String> {
    let words: Vec<&str> = words(name).collect();
    if words.iter().any(|w| possessive(w)) {
        return None;
    }
    // Runs of capitalised words, particles inside a run kept (`Ruud van Nistelrooy`).
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let inside = !current.is_empty()
            && is_particle(word)
            && words.get(i + 1).is_some_and(|next| capitalised(next));
        if capitalised(word) || inside {
            current.push(word);
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    let strip = |run: &[&str]| -> Vec<String> {
        let start = run.iter().take_while(|w| is_honorific(w)).count();
        run[start..].iter().map(|w| w.to_string()).collect()
    };
    let runs: Vec<Vec<String>> = runs
        .iter()
        .map(|r| strip(r))
        .filter(|r| !r.is_empty())
        .collect();
    let head = match runs.as_slice() {
        [] => return None,
        [one] => one,
        [before @ .., last] if last.len() > 1 && before.iter().all(|r| r.len() == 1) => last,
        _ => return None,
    };
    Some(head.join(" "))
}

/// How a story writes a one-word name with other names around it: each run of capitalised
/// words around it in the text (`Prime Minister Tony Blair`, `Cherie Blair`), lowercase, without
/// the honorifics and sentence starters in front (`Mr`, `But`); runs of the name alone left out.
pub fn story_runs(short: &str, text: &str) -> BTreeSet<String> {
    let mut runs = BTreeSet::new();
    if short.is_empty() {
        return runs;
    }
    for (at, _) in text.match_indices(short) {
        let end = at + short.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        // The words before and after, as long as they are capitalised and no punctuation parts
        // them from the name.
        let left: Vec<&str> = text[..at]
            .rsplit(|c: char| c.is_whitespace())
            .skip(1)
            .take(BEFORE)
            .take_while(|w| capitalised(w) && !w.ends_with(|c: char| !c.is_alphanumeric()))
            .collect();
        let mut right: Vec<&str> = Vec::new();
        if after.is_some_and(char::is_whitespace) {
            for word in text[end..]
                .split(|c: char| c.is_whitespace())
                .skip(1)
                .take(AFTER)
            {
                let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
                if !capitalised(bare) {
                    break;
                }
                right.push(bare);
                if bare.len() < word.len() {
                    break;
                }
            }
        }
        let mut run: Vec<String> = left.iter().rev().map(|w| w.to_lowercase()).collect();
        let front = run
            .iter()
            .take_while(|w| is_honorific(w) || LISTS.starters.contains(w.as_str()))
            .count();
        run.drain(..front);
        run.push(short.to_lowercase());
        run.extend(right.iter().map(|w| w.to_lowercase()));
        if run.len() > 1 {
            runs.insert(run.join(" "));
        }
    }
    runs
}

/// Whether a story's run of a name says no more than the name: its other words are titles,
/// days or months (`prime minister blair`, `monday blair`).
pub fn only_titles(run: &str, short: &str) -> bool {
    run.split(' ')
        .all(|w| w == short || LISTS.titles.contains(w) || is_honorific(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_parse() {
        assert!(lexicon::parse_sections(NAMES, SECTIONS).is_ok());
        assert!(LISTS.titles.contains("minister") && LISTS.starters.contains("but"));
        assert!(LISTS.determiners.contains("the") && LISTS.honorifics.contains("mr"));
    }

    #[test]
    fn generic_nominals_are_one_storys() {
        let none = BTreeSet::new();
        let org = EntityKind::Organisation;
        assert!(is_generic("the company", org, &none));
        assert!(is_generic("The firm", org, &none));
        assert!(is_generic("a spokesman", EntityKind::Person, &none));
        assert!(is_generic("analysts", EntityKind::Person, &none));
        assert!(is_generic("officials", EntityKind::Group, &none));
        assert!(is_generic("MPs", EntityKind::Person, &none));
        let lowercase = BTreeSet::from(["critics".to_string()]);
        assert!(is_generic("Critics", EntityKind::Person, &lowercase));
        assert!(!is_generic("The Financial Times", org, &none));
        assert!(!is_generic("Tony Blair", EntityKind::Person, &none));
        assert!(!is_generic("Microsoft", org, &none));
        assert!(!is_generic("EU", org, &none));
    }

    #[test]
    fn heads_leave_stray_words_off() {
        assert_eq!(head("Tony Blair").as_deref(), Some("Tony Blair"));
        assert_eq!(
            head("Monday Tony Blair").as_deref(),
            Some("Monday Tony Blair")
        );
        assert_eq!(head("Tony Blair himself").as_deref(), Some("Tony Blair"));
        assert_eq!(
            head("Mr Kennedy used a speech to").as_deref(),
            Some("Kennedy")
        );
        assert_eq!(head("challenged Mr Brown to").as_deref(), Some("Brown"));
        assert_eq!(
            head("Conservative leader Michael Howard").as_deref(),
            Some("Michael Howard")
        );
        assert_eq!(
            head("Ruud van Nistelrooy").as_deref(),
            Some("Ruud van Nistelrooy")
        );
        assert_eq!(head("Gordon Brown's decision to"), None);
        assert_eq!(head("Mr Blair and Mr Brown"), None);
        assert_eq!(head("the company"), None);
    }

    #[test]
    fn a_story_gives_its_runs_of_names() {
        let text = "LONDON -- Prime Minister Tony Blair spoke. Mr Blair said so. But Blair, 51, \
                    left. Cherie Blair stayed.";
        let runs = story_runs("Blair", text);
        assert_eq!(
            runs.iter().map(String::as_str).collect::<Vec<_>>(),
            ["cherie blair", "prime minister tony blair"],
            "honorifics and sentence starters are left off, runs of the name alone too"
        );
        let korean = story_runs("Jeong", "Minister Jeong Kyeong-doo said. Jeong left.");
        assert!(korean.contains("minister jeong kyeong-doo"), "{korean:?}");
        assert!(story_runs("Blair", "Blairite MPs said.").is_empty());
        assert!(only_titles("prime minister blair", "blair"));
        assert!(!only_titles("cherie blair", "blair"));
    }
}
