//! Joining the names of the stories into entities of the corpus.
//!
//! Every entry is one name as the stories have it (its documents, quotes and aliases). An entry
//! joins another, kept whole under the other's `joined`, or a story's part of it does:
//!
//! 1. by the aliases file's `merge`, whatever else is said;
//! 2. by the name that heads it (`Tony Blair himself`, `Dr Liam Fox`: `Tony Blair`, `Liam Fox`),
//!    else by the longest full name it ends with (`Monday Tony Blair`, `Prime Minister Tony
//!    Blair`: `Tony Blair`), when that person is seen in as many stories or in all of its own;
//! 3. a one-word name (`Blair`, `Mr Kennedy used a speech to`), story by story, to the one person
//!    of the corpus the story names in full with it (in its `story_names`, the story's runs of
//!    capitalised words around it, or a person of the same story whose name holds it), when no
//!    run of the story names someone else (`Cherie Blair`);
//! 4. its other stories, to the one person of the corpus whose full name holds it, when there is
//!    exactly one (never by a surname several full names share) and that person is seen in at
//!    least as many stories (a short name used in many stories is never absorbed by an entity
//!    seen in one).
//!
//! Only people (and names of unknown kind) join, and only people are joined to; generic
//! nominals, one story's own, join nothing. The aliases file's `split`s veto joins 2 to 4.
//! Everything here depends on the entries alone, never on the order they came in.

use std::collections::{BTreeMap, BTreeSet};

use quotewire_core::EntityKind;

use super::IndexEntry;
use super::aliases::Aliases;
use super::names;

/// What joins where: the source entry's key, the documents of it that join (`None`: all), and
/// the entry it joins.
type Join = (String, Option<BTreeSet<String>>, String);

pub(super) fn join(speakers: &mut BTreeMap<String, IndexEntry>, aliases: &Aliases) {
    let joins = plan(speakers, aliases);
    // Take every source (or its stories' part) out first, then put each under its target: a
    // target is never a source.
    let mut parts: Vec<(String, IndexEntry, String)> = Vec::new();
    for (source, docs, target) in joins {
        let part = match docs {
            None => speakers.remove(&source),
            Some(docs) => speakers.get_mut(&source).map(|e| e.take_documents(&docs)),
        };
        if let Some(part) = part {
            parts.push((source, part, target));
        }
    }
    speakers.retain(|_, e| !e.documents.is_empty() || !e.joined.is_empty());
    for (source, part, target) in parts {
        let Some(root) = speakers.get_mut(&target) else {
            continue;
        };
        match root.joined.get_mut(&source) {
            Some(mine) => mine.absorb(part),
            None => {
                root.joined.insert(source, part);
            }
        }
    }
}

/// What each entry's head and kind make of it.
struct Name {
    /// The heading name, lowercase (`tony blair` of `Tony Blair himself`, `kennedy` of `Mr
    /// Kennedy used a speech to`).
    head: String,
    /// Whether it may join a person: a person or a name of unknown kind, not a generic nominal.
    joins: bool,
    /// Whether it may be joined to: a person named in full (two words or more).
    full: bool,
}

fn plan<'a>(speakers: &'a BTreeMap<String, IndexEntry>, aliases: &'a Aliases) -> Vec<Join> {
    let named: BTreeMap<&str, Name> = speakers
        .iter()
        .filter_map(|(key, e)| {
            let generic = names::is_generic(&e.name, e.kind, &e.aliases);
            let head = names::head(&e.name)?.to_lowercase();
            let person = e.kind == EntityKind::Person;
            let name = Name {
                joins: !generic && (person || e.kind == EntityKind::Unknown),
                full: !generic && person && head.contains(' '),
                head,
            };
            Some((key.as_str(), name))
        })
        .collect();
    // The entry that stands for each full name: the one named so, else the one of the most
    // stories (then the first key) among those headed by it.
    let mut full: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, name) in named.iter().filter(|(_, n)| n.full) {
        let docs = |k: &str| speakers[k].documents.len();
        match full.get(name.head.as_str()) {
            Some(&held) if held == name.head || docs(held) >= docs(key) && *key != name.head => {}
            _ => {
                full.insert(name.head.as_str(), key);
            }
        }
    }
    let docs = |key: &str| speakers.get(key).map_or(0, |e| e.documents.len());
    let established = |source: &str, target: &str| {
        let (s, t) = (&speakers[source], &speakers[target]);
        t.documents.len() >= s.documents.len() || s.documents.is_subset(&t.documents)
    };

    // 1 and 2: whole entries, to an entry that may itself join another (followed to the end).
    let mut whole: BTreeMap<&'a str, &'a str> = BTreeMap::new();
    // By key, or by name for each story's generic nominal (`the company @ a`).
    for (key, entry) in speakers {
        let target = aliases
            .merge
            .get(key)
            .or_else(|| aliases.merge.get(&entry.name.to_lowercase()));
        if let Some(target) = target.filter(|t| speakers.contains_key(*t) && *t != key) {
            whole.insert(key.as_str(), target.as_str());
        }
    }
    for (key, name) in &named {
        if whole.contains_key(key) || !name.joins || !name.head.contains(' ') {
            continue;
        }
        let words: Vec<&str> = name.head.split(' ').collect();
        let target = (0..words.len() - 1)
            .map(|start| words[start..].join(" "))
            .find_map(|suffix| full.get(suffix.as_str()).copied().filter(|t| t != key));
        if let Some(target) = target {
            if aliases.may_join(key, target) && established(key, target) {
                whole.insert(key, target);
            }
        }
    }
    let root = |key: &'a str| root_of(&whole, key);
    let mut joins: Vec<Join> = Vec::new();
    let mut targets: BTreeSet<String> = BTreeSet::new();
    for key in whole.keys() {
        if let Some(to) = root(key) {
            targets.insert(to.clone());
            joins.push((key.to_string(), None, to));
        }
    }

    // 3 and 4: one-word names, story by story, then the rest of their stories.
    // The people of the corpus by each word of their full names, as the roots they join.
    let mut holders: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (head, key) in &full {
        let Some(to) = root(key) else { continue };
        for word in head.split(' ') {
            holders.entry(word).or_default().insert(to.clone());
        }
    }
    // The people of each story.
    let mut people_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for key in full.values() {
        for doc in &speakers[*key].documents {
            people_of.entry(doc.as_str()).or_default().push(key);
        }
    }
    for (key, name) in &named {
        let short = name.joins && !name.head.contains(' ');
        if !short || whole.contains_key(key) || targets.contains(*key) {
            continue;
        }
        let entry = &speakers[*key];
        let allowed = |to: &String| to != key && aliases.may_join(key, to);
        let mut by_story: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for doc in &entry.documents {
            // The people the story's runs of the name hold; a run that holds none is another
            // person's (`Cherie Blair`, `Prince Charles`) unless it is only titles.
            let mut people: BTreeSet<String> = BTreeSet::new();
            let mut other = false;
            for run in entry.story_names.get(doc).into_iter().flatten() {
                let found = people_in(run, &name.head, &full);
                if found.is_empty() && !names::only_titles(run, &name.head) {
                    other = true;
                }
                people.extend(found.into_iter().filter_map(&root));
            }
            let present = people_of
                .get(doc.as_str())
                .into_iter()
                .flatten()
                .filter(|k| named[**k].head.split(' ').any(|w| w == name.head));
            people.extend(present.filter_map(|k| root(k)));
            if let [one] = Vec::from_iter(&people).as_slice() {
                if !other && allowed(one) {
                    by_story
                        .entry((*one).clone())
                        .or_default()
                        .insert(doc.clone());
                }
            }
        }
        let rest: BTreeSet<String> = entry
            .documents
            .iter()
            .filter(|d| !by_story.values().any(|docs| docs.contains(*d)))
            .cloned()
            .collect();
        if let Some([one]) = holders
            .get(name.head.as_str())
            .map(|h| {
                Vec::from_iter(h)
                    .into_iter()
                    .filter(|t| allowed(t))
                    .collect::<Vec<_>>()
            })
            .as_deref()
        {
            if !rest.is_empty() && docs(one) >= entry.documents.len() {
                by_story
                    .entry((*one).clone())
                    .or_default()
                    .extend(rest.iter().cloned());
            }
        }
        for (to, docs) in by_story {
            let all = docs.len() == entry.documents.len();
            joins.push((key.to_string(), (!all).then_some(docs), to));
        }
    }
    joins
}

/// Where an entry ends up, following whole-entry joins; `None` on a cycle (of the aliases' merges).
fn root_of<'a>(whole: &BTreeMap<&'a str, &'a str>, mut key: &'a str) -> Option<String> {
    let mut seen = BTreeSet::new();
    while let Some(next) = whole.get(key) {
        if !seen.insert(key) {
            return None;
        }
        key = next;
    }
    Some(key.to_string())
}

/// The full names of the corpus (as the entries that stand for them) that a story's run of a
/// one-word name holds around it: `tony blair` in `prime minister tony blair`.
fn people_in<'a>(run: &str, short: &str, full: &BTreeMap<&str, &'a str>) -> BTreeSet<&'a str> {
    let words: Vec<&str> = run.split(' ').collect();
    let mut found = BTreeSet::new();
    for at in (0..words.len()).filter(|&i| words[i] == short) {
        for start in 0..=at {
            for stop in (at + 1)..=words.len() {
                if stop - start > 1 {
                    if let Some(key) = full.get(words[start..stop].join(" ").as_str()) {
                        found.insert(*key);
                    }
                }
            }
        }
    }
    found
}
