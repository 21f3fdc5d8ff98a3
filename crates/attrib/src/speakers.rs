//! Speaker resolution: source mentions joined into entities with canonical names.
//!
//! Names with titles and appositives (`Minister Jeong Kyeong-doo`, `Jeong`), office holders
//! (`the minister` is whoever the story titles Minister), pronouns (the most recent speaker),
//! governments by capital or country (`Tokyo` is Japan) and unnamed groups (`experts`).

use std::collections::{BTreeSet, HashSet};
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use quotewire_core::text::SortedSpans;
use quotewire_core::{EntityKind, KindEvidence, Span, Speaker};

use crate::extract::Titles;
use crate::lexicon::Lexicon;
use crate::tokens::{Token, Tokens, tokenize, within};

#[derive(Debug, Clone)]
struct Entity {
    name: String,
    words: Vec<String>,
    kind: EntityKind,
    /// What the kind was read from.
    evidence: KindEvidence,
    roles: HashSet<String>,
    aliases: Vec<String>,
    mentions: Vec<Span>,
    /// Where the story first names it (for office holders named before their quotes).
    seen_at: usize,
    /// Whether it speaks in this story (only speakers are listed).
    speaks: bool,
}

pub(crate) struct Resolver<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    entities: Vec<Entity>,
    /// Entity of each resolved quote not nested in another, in order.
    last_speakers: Vec<usize>,
    /// Lookups that keep resolution linear in the story's length, however many entities it
    /// names (a live blog or a concatenated feed names thousands).
    index: EntityIndex,
    /// Where the story's organisation words stand, in order.
    org_words: Vec<usize>,
    /// The last organisation lookup.
    last_org: Option<OrgLookup>,
}

/// Where to find entities without visiting them all: candidates by the hash of a name, a name
/// word or a role. Entries are only added, and a lookup checks each candidate against the entity
/// as it is now, so a stale entry or a hash collision costs a check, never a wrong answer.
#[derive(Default)]
struct EntityIndex {
    /// Entities by name and kind.
    by_name: FxHashMap<u64, Vec<usize>>,
    /// Person entities by each of their name words.
    by_word: FxHashMap<u64, Vec<usize>>,
    /// Entities that are no person, by each of their name words.
    org_by_word: FxHashMap<u64, Vec<usize>>,
    /// Person entities with no name words (`the spokesman` before anyone holds the role).
    wordless: Vec<usize>,
    /// Holders of each role, by where the story first names them.
    by_role: FxHashMap<u64, BTreeSet<(usize, usize)>>,
    /// The latest speaker that is a person, the latest that is not, the latest organisation
    /// (outlet, government) and the latest group.
    last_person: Option<usize>,
    last_other: Option<usize>,
    last_org: Option<usize>,
    last_group: Option<usize>,
}

/// The index key of a word or role.
fn key(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

/// The index key of an entity's name and kind.
fn name_key(name: &str, kind: EntityKind) -> u64 {
    FxBuildHasher.hash_one((name, kind))
}

/// How far before a mention a person's full name is looked for (and a quarter as far after),
/// and an organisation's name: a story's worth or two, so that each lookup costs a bounded
/// amount however long the document (a feed of many stories).
const NAME_WINDOW: usize = 6_000;
const ORG_WINDOW: usize = 1_500;

/// How many of the latest entities are searched for a misspelt surname.
const MISSPELT_REACH: usize = 64;

/// A word that can be part of a name, without the punctuation after it: capitalised letters
/// (and hyphens), not a title, role, party, group, determiner or sentence starter; `None` for
/// any other word.
fn name_word<'t>(lex: &Lexicon, raw: &'t str, lower: &mut String) -> Option<&'t str> {
    if !is_cap(raw) {
        return None;
    }
    let word = raw.trim_end_matches([',', '.', ';', ':', '?', '!', ')', '”', '"', '’']);
    // `John Curtice's`: a possessive ends the name.
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    let letters = word.chars().count() > 1 && word.chars().all(|c| c.is_alphabetic() || c == '-');
    if !letters {
        return None;
    }
    lower.clear();
    if word.is_ascii() {
        lower.push_str(word);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(word.chars().flat_map(char::to_lowercase));
    }
    (!lex.not_names.contains(lower.as_str())).then_some(word)
}

/// The text from `before` bytes before `at` to `after` bytes after it, widened to char
/// boundaries.
fn window(text: &str, at: usize, before: usize, after: usize) -> &str {
    let mut start = at.saturating_sub(before);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + after).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// The full name of a person the story calls by `surname` near `at`: one or two name words
/// right before the surname (`Tony Blair`, `Cho Min-ji Park`), the same wherever it stands;
/// `None` when none, or when two differ (`Cherie Blair`, `Tony Blair`).
fn full_name(lex: &Lexicon, text: &str, surname: &str, at: usize) -> Option<Vec<String>> {
    let near = window(text, at, NAME_WINDOW, NAME_WINDOW / 4);
    let mut found: Option<Vec<String>> = None;
    let mut lower = String::new();
    for i in memchr::memmem::find_iter(near.as_bytes(), surname.as_bytes()) {
        let (before, after) = (&near[..i], &near[i + surname.len()..]);
        if after.chars().next().is_some_and(char::is_alphanumeric) || !before.ends_with(' ') {
            continue;
        }
        // The words before it, nearest first; the name ends at punctuation or a non-name word.
        let mut words: Vec<&str> = Vec::new();
        let mut previous = "";
        for raw in before.split_whitespace().rev().take(4) {
            match name_word(lex, raw, &mut lower) {
                Some(word) if word.len() == raw.len() && words.len() < 3 => words.push(word),
                _ => {
                    previous = raw;
                    break;
                }
            }
        }
        // Four name words in a row are no person's name; after `of` or at a sentence's start a
        // third word belongs to what stands before (`Secretary of Defense Mark Esper`).
        if words.len() == 3 {
            continue;
        }
        let opens = previous.is_empty() || previous.ends_with(['.', '!', '?']);
        if words.len() == 2 && (matches!(previous, "of" | "the") || opens) {
            words.pop();
        }
        if words.is_empty() || words.iter().any(|w| lex.orgs.contains(&w.to_lowercase())) {
            continue;
        }
        let mut name: Vec<String> = words.iter().rev().map(|w| w.to_string()).collect();
        name.push(surname.to_string());
        match &found {
            Some(known) if *known != name => return None,
            _ => found = Some(name),
        }
    }
    found
}

/// An organisation lookup: where it read to, and what it found (where it stands, its name).
struct OrgLookup {
    read_to: usize,
    found: Option<(usize, Vec<String>)>,
}

/// The organisation named last in `text[from..to]` and where it stands: name words ending in an
/// organisation word (`Multiplex Group`, `CRS Sirrine Inc`); `orgs` are where the text's
/// organisation words stand, in order.
fn org_in(
    lex: &Lexicon,
    text: &str,
    orgs: &[usize],
    from: usize,
    to: usize,
) -> Option<(usize, Vec<String>)> {
    if !text.is_char_boundary(to) {
        return None;
    }
    let near = window(text, to, to - from.min(to), 0);
    let from = to - near.len();
    let first = orgs.partition_point(|&at| at < from);
    let last = orgs.partition_point(|&at| at < to);
    let mut lower = String::new();
    for &at in orgs[first..last].iter().rev() {
        // The word as it stands between spaces.
        if at > from && !text[..at].ends_with(char::is_whitespace) {
            continue;
        }
        let rest = &text[at..to];
        let raw = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
        let Some(org) = name_word(lex, raw, &mut lower).filter(|_| lex.orgs.contains(&lower))
        else {
            continue;
        };
        // The name words before the organisation word, up to punctuation.
        let mut name = vec![org.to_string()];
        for raw in text[from..at].split_whitespace().rev() {
            match name_word(lex, raw, &mut lower) {
                Some(word) if word.len() == raw.len() && !lex.orgs.contains(&lower) => {
                    name.push(word.to_string());
                }
                _ => break,
            }
        }
        if name.len() >= 2 {
            name.reverse();
            return Some((at, name));
        }
    }
    None
}

/// The evidence of a kind read from its word list alone.
fn default_evidence(kind: EntityKind) -> KindEvidence {
    match kind {
        EntityKind::Person => KindEvidence::Name,
        EntityKind::Organisation => KindEvidence::OrgWord,
        EntityKind::Government => KindEvidence::Place,
        EntityKind::Group => KindEvidence::GroupWord,
        EntityKind::Outlet => KindEvidence::OutletList,
        EntityKind::Document => KindEvidence::DocumentWord,
        EntityKind::Unknown => KindEvidence::None,
    }
}

/// An all-capitals name word of two letters or more (`TWA`, `IFPI`).
fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase())
}

/// The name an acronym stands for where the story spells it out before it in parentheses
/// (`Trans World Airlines (TWA)`): capitalised words, with any `of`/`and`/`&`/`for` between
/// them, whose initials are the acronym's letters.
fn acronym_expansion(text: &str, acronym: &str, at: usize) -> Option<Vec<String>> {
    let near = window(text, at, NAME_WINDOW, NAME_WINDOW / 4);
    let letters: Vec<char> = acronym.chars().collect();
    let pattern = format!("({acronym})");
    memchr::memmem::find_iter(near.as_bytes(), pattern.as_bytes()).find_map(|i| {
        let mut name: Vec<&str> = Vec::new();
        let mut initials = 0;
        for word in near[..i].split_whitespace().rev() {
            if initials == letters.len() {
                break;
            }
            if NAME_JOINERS.contains(&word) && initials > 0 {
                name.push(word);
            } else if word.starts_with(letters[letters.len() - 1 - initials]) {
                name.push(word);
                initials += 1;
            } else {
                return None;
            }
        }
        (initials == letters.len()
            && name
                .iter()
                .all(|w| w.chars().all(char::is_alphabetic) || NAME_JOINERS.contains(w)))
        .then(|| name.iter().rev().map(|w| w.to_string()).collect())
    })
}

/// Words that end a name and open what stands after it (`Robert Byrd of West Virginia`,
/// `policy makers in Europe`, `figures from the Bank of England`).
const PREPOSITIONS: &[&str] = &["of", "in", "from", "at", "by", "on", "for", "with"];

/// Words that join the parts of an organisation's name (`Bank of England`, `Power and Light`).
const NAME_JOINERS: &[&str] = &["of", "and", "&", "for"];

fn is_cap(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

impl<'a> Resolver<'a> {
    /// A resolver that knows the people the story names with a title (`Minister Jeong
    /// Kyeong-doo`, `Secretary of Defense Mark Esper`, `spokesperson Ko Min-jung`): the words
    /// that may be `titles`, with the tokens of their `sentences`; a title and its name stand in
    /// one sentence.
    pub fn new(lex: &'a Lexicon, text: &'a str, titles: Titles, sentences: &[Span]) -> Self {
        let tokens = titles.tokens;
        let mut resolver = Resolver {
            lex,
            text,
            entities: Vec::new(),
            last_speakers: Vec::new(),
            index: EntityIndex::default(),
            org_words: titles.orgs.to_vec(),
            last_org: None,
        };
        // Titles inside an earlier title's chain (`Prime Minister`) are part of it.
        let mut next = 0;
        for &at in titles.at {
            if at < next {
                continue;
            }
            let Some(sentence) = sentences.containing(at).map(|k| sentences[k]) else {
                continue;
            };
            let sentence_tokens = within(&tokens.list, sentence);
            let i = sentence_tokens.partition_point(|t| t.span.start < at);
            if sentence_tokens.get(i).is_some_and(|t| t.span.start == at) {
                let after = resolver.titled_name(tokens, sentence_tokens, i);
                next = sentence_tokens
                    .get(after)
                    .map_or(sentence.end, |t| t.span.start);
            }
        }
        resolver
    }

    /// Adds the person named after the title at token `i` of one sentence's `tokens` (when it
    /// is a title), and gives the token where the next title may start.
    fn titled_name(&mut self, all: &Tokens, tokens: &[Token], i: usize) -> usize {
        let (lex, text) = (self.lex, self.text);
        let lower = |t: &Token| all.lower(text, t);
        let title = lower(&tokens[i]);
        if !lex.titles.contains(title.trim_end_matches('.')) {
            return i + 1;
        }
        let mut j = i + 1;
        if tokens.get(j).is_some_and(|t| t.text(text) == ".") {
            j += 1;
        }
        // `Secretary of Defense Mark Esper`, `Prime Minister Malcolm Turnbull`
        loop {
            if tokens.get(j).is_some_and(|t| t.text(text) == "of")
                && tokens.get(j + 1).is_some_and(|t| is_cap(t.text(text)))
            {
                j += 2;
            } else if tokens.get(j).is_some_and(|t| {
                t.text(text) == "." || t.word && lex.titles.contains(lower(t).trim_end_matches('.'))
            }) {
                j += 1;
            } else {
                break;
            }
        }
        let name: Vec<&Token> = tokens[j..]
            .iter()
            .take(3)
            .take_while(|t| t.word && is_cap(t.text(text)))
            .collect();
        let words: Vec<String> = name.iter().map(|t| t.text(text).to_string()).collect();
        if words.len() >= 2 && !self.is_org(&words) && self.place(&words.join(" ")).is_none() {
            let at = name[0].span.start;
            let e = self.person(&words, at);
            let title = title.trim_end_matches('.');
            self.add_role(e, title);
            self.note_person_evidence(e, &[title.to_string()]);
        }
        j.max(i + 1)
    }

    /// The organisation the story named last within [`ORG_WINDOW`] before `at`. Lookups come
    /// in text order: each reads only the text since the one before, whose answer it keeps.
    fn org_before(&mut self, at: usize) -> Option<Vec<String>> {
        let window_start = at.saturating_sub(ORG_WINDOW);
        let (read_to, last) = match self.last_org.take() {
            Some(last) if last.read_to <= at => (last.read_to.max(window_start), last.found),
            _ => (window_start, None),
        };
        let found = org_in(self.lex, self.text, &self.org_words, read_to, at).or(last);
        let found = found.filter(|(seen, _)| *seen >= window_start);
        let name = found.as_ref().map(|(_, name)| name.clone());
        self.last_org = Some(OrgLookup { read_to: at, found });
        name
    }

    fn is_org(&self, words: &[String]) -> bool {
        words
            .iter()
            .any(|w| self.lex.orgs.contains(&w.to_lowercase()))
    }

    fn place(&self, name: &str) -> Option<String> {
        self.lex
            .places
            .get(name.strip_prefix("the ").unwrap_or(name))
            .cloned()
    }

    /// The person entity named `words`: the first whose name holds them all or whose name
    /// words they all are, or a new one.
    fn person(&mut self, words: &[String], at: usize) -> usize {
        // Such an entity shares a word with `words`, or has none.
        let mut candidates: Vec<usize> = words
            .iter()
            .filter_map(|w| self.index.by_word.get(&key(w)))
            .flatten()
            .chain(&self.index.wordless)
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates.into_iter().find(|&e| {
            let e = &self.entities[e];
            e.kind == EntityKind::Person
                && (words.iter().all(|w| e.words.contains(w))
                    || e.words.iter().all(|w| words.contains(w)))
        });
        match found {
            Some(e) => {
                if words.len() > self.entities[e].words.len() {
                    self.rename(e, words);
                }
                e
            }
            None => self.add(words.join(" "), words.to_vec(), EntityKind::Person, at),
        }
    }

    /// Gives a person entity a longer name.
    fn rename(&mut self, e: usize, words: &[String]) {
        let entity = &mut self.entities[e];
        entity.words = words.to_vec();
        entity.name = words.join(" ");
        let name = name_key(&entity.name, entity.kind);
        self.index.by_name.entry(name).or_default().push(e);
        for w in words {
            self.index.by_word.entry(key(w)).or_default().push(e);
        }
    }

    /// Records that entity `e` holds `role` (`minister`, `spokesman`).
    fn add_role(&mut self, e: usize, role: &str) {
        if self.entities[e].roles.insert(role.to_string()) {
            let at = self.entities[e].seen_at;
            self.index
                .by_role
                .entry(key(role))
                .or_default()
                .insert((at, e));
        }
    }

    /// The holder of `role` nearest before `at` (the first named where several are as near),
    /// else the first after.
    fn holder(&self, role: &str, at: usize) -> Option<usize> {
        let holders = self.index.by_role.get(&key(role))?;
        let before = holders.range(..=(at, usize::MAX)).next_back();
        let seen = match before {
            Some(&(seen, _)) => seen,
            None => holders.iter().next()?.0,
        };
        holders
            .range((seen, 0)..=(seen, usize::MAX))
            .next()
            .map(|&(_, e)| e)
    }

    fn add(&mut self, name: String, words: Vec<String>, kind: EntityKind, at: usize) -> usize {
        let evidence = default_evidence(kind);
        self.add_with(name, words, (kind, evidence), at)
    }

    /// A new entity (or the one of that name and kind), with the evidence of its kind.
    fn add_with(
        &mut self,
        name: String,
        words: Vec<String>,
        (kind, evidence): (EntityKind, KindEvidence),
        at: usize,
    ) -> usize {
        let name_key = name_key(&name, kind);
        let same = self.index.by_name.get(&name_key).into_iter().flatten();
        if let Some(e) = same
            .copied()
            .filter(|&e| self.entities[e].name == name && self.entities[e].kind == kind)
            .min()
        {
            return e;
        }
        let e = self.entities.len();
        self.index.by_name.entry(name_key).or_default().push(e);
        if kind != EntityKind::Person {
            for w in &words {
                self.index.org_by_word.entry(key(w)).or_default().push(e);
            }
        }
        if kind == EntityKind::Person {
            if words.is_empty() {
                self.index.wordless.push(e);
            }
            for w in &words {
                self.index.by_word.entry(key(w)).or_default().push(e);
            }
        }
        self.entities.push(Entity {
            name,
            words,
            kind,
            evidence,
            roles: HashSet::new(),
            aliases: vec![],
            mentions: vec![],
            seen_at: at,
            speaks: false,
        });
        self.entities.len() - 1
    }

    /// The speaker of a quote with this source mention (or none: the previous speaker's). A
    /// `nested` quote (reported inside another's content) is no previous speaker for a later
    /// quote or pronoun.
    pub fn resolve(&mut self, source: Option<Span>, inherits: bool, nested: bool) -> Option<usize> {
        let entity = match source {
            None if inherits => self.last_speakers.last().copied(),
            None => None,
            Some(span) => self.mention(span),
        }?;
        let e = &mut self.entities[entity];
        e.speaks = true;
        if let Some(span) = source {
            let alias = self.text[span.range()].to_string();
            if alias != e.name && !e.aliases.contains(&alias) {
                e.aliases.push(alias);
            }
            e.mentions.push(span);
        }
        if nested {
            return Some(entity);
        }
        self.last_speakers.push(entity);
        match self.entities[entity].kind {
            EntityKind::Person => self.index.last_person = Some(entity),
            kind => {
                self.index.last_other = Some(entity);
                match kind {
                    EntityKind::Group => self.index.last_group = Some(entity),
                    EntityKind::Organisation | EntityKind::Outlet | EntityKind::Government => {
                        self.index.last_org = Some(entity)
                    }
                    _ => {}
                }
            }
        }
        Some(entity)
    }

    fn mention(&mut self, span: Span) -> Option<usize> {
        let text = self.text;
        let mention = &text[span.range()];
        // Words outside parentheses: `Rep. Gwen Moore (D-Wis.)` is named Gwen Moore.
        let mut depth = 0usize;
        let tokens: Vec<Token> = tokenize(text, span)
            .into_iter()
            .filter(|t| {
                match t.text(text) {
                    "(" => depth += 1,
                    ")" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                (t.word || t.text(text) == ",") && depth == 0
            })
            .collect();
        let all: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        // With an appositive (`Nick Witney, a fellow at ... the EU`) the name is the part before
        // the comma; after it when that part is a description (`His partner, Larry Cummings`).
        let mut parts = all.split(|w| *w == ",").filter(|p| !p.is_empty());
        let described = |p: &[&str]| {
            p.first().is_none_or(|w| {
                !is_cap(w) || matches!(*w, "The" | "A" | "An" | "His" | "Her" | "Their" | "Its")
            })
        };
        let words: Vec<&str> = match (parts.next(), parts.next()) {
            (Some(first), Some(second))
                if described(first) && !described(second)
                    || self.person_after_org(first, second) =>
            {
                second.to_vec()
            }
            (Some(first), Some(_)) => first.to_vec(),
            _ => all.iter().copied().filter(|w| *w != ",").collect(),
        };
        let lower = mention.to_lowercase();
        if words.len() == 1 && self.lex.pronouns.contains(&lower) {
            return self.pronoun(&lower, span.start);
        }
        if let Some(country) = self.place(mention) {
            return Some(self.add(
                country.clone(),
                vec![country],
                EntityKind::Government,
                span.start,
            ));
        }
        // The phrase as written, on one line: the name of an unnamed source (`one trader`).
        let phrase = words.join(" ");
        let (words, described) = self.before_preposition(words);
        let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        if let Some(e) = self.unnamed_by_head(&phrase, &head, described, span.start) {
            return Some(e);
        }
        if let Some(org) = self.joined_org(&words, described) {
            let evidence = (EntityKind::Organisation, KindEvidence::OrgWord);
            return Some(self.add_with(org.join(" "), org, evidence, span.start));
        }
        let words: Vec<&str> = match described {
            Some(left) => words[..left].to_vec(),
            None => words,
        };
        // The name: the capitalised words at the end, after any title or role (`Professor
        // Curtice`), possessive (`Labour's Yvette Cooper`) or, before a full name, party word
        // (`Liberal Democrat Sarah Teather`).
        let mut start = words.len();
        // `Andre 3000`: a number after a capitalised word ends the name.
        if start >= 2
            && words[start - 1].bytes().all(|b| b.is_ascii_digit())
            && is_cap(words[start - 2])
        {
            start -= 1;
        }
        while start > 0 && is_cap(words[start - 1]) {
            let word = words[start - 1].to_lowercase();
            let word = word.trim_end_matches('.');
            let possessive = word.ends_with("'s") || word.ends_with("’s");
            let party = self.lex.parties.contains(word) && words.len() - start >= 2;
            if possessive
                || party
                || self.lex.titles.contains(word)
                || self.lex.roles.contains(word)
            {
                break;
            }
            start -= 1;
        }
        // `Chancellor of the Exchequer Nigel Lawson`: a capitalised word after `of` belongs to
        // the title.
        if start > 0 && matches!(words[start - 1], "of" | "the") && words.len() - start >= 3 {
            start += 1;
        }
        // `Monday Tony Blair`, `December Microsoft`: a time word before a name is none of it.
        while start + 1 < words.len() && self.lex.time_words.contains(&words[start].to_lowercase())
        {
            start += 1;
        }
        let mut name: Vec<String> = words[start..]
            .iter()
            .map(|w| w.to_string())
            .filter(|w| !matches!(w.as_str(), "The" | "A" | "An"))
            .collect();
        let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        let lower = phrase.to_lowercase();
        // `Analysts said`: a capitalised group word is no name.
        let group_word = name.len() == 1 && self.lex.groups.contains(&head);
        if name.is_empty() || group_word {
            if self.lex.groups.contains(&head) {
                return Some(self.group(&words, span.start));
            }
            let role = head.trim_end_matches('s');
            if self.lex.roles.contains(role) || self.lex.titles.contains(role) {
                // The office holder the story names: the nearest before, else the first after;
                // else an epithet (`the Warriors chief`: a name before the role) is the person
                // who spoke just before.
                let epithet = matches!(words.first().copied(), Some("the" | "The"))
                    && words.len() >= 3
                    && words[1..words.len() - 1].iter().all(|w| is_cap(w));
                // `another member of the Cabinet`: someone the story does not name, and no
                // holder it names; keyed by the phrase, so that no later name takes it over.
                if words
                    .first()
                    .is_some_and(|w| w.eq_ignore_ascii_case("another"))
                {
                    let evidence = (EntityKind::Person, KindEvidence::Role);
                    return Some(self.add_with(lower.clone(), vec![lower], evidence, span.start));
                }
                let best = self.holder(role, span.start).or_else(|| {
                    epithet
                        .then(|| self.person_speaker_before(span.start))
                        .flatten()
                });
                return Some(best.unwrap_or_else(|| {
                    self.add_with(
                        lower.strip_prefix("the ").unwrap_or(&lower).to_string(),
                        vec![],
                        (EntityKind::Person, KindEvidence::Role),
                        span.start,
                    )
                }));
            }
            // `the company`, `the firm`: the organisation the story named last, else one by
            // its noun (`the government`).
            let kind = if self.lex.orgs.contains(&head) {
                EntityKind::Organisation
            } else {
                EntityKind::Unknown
            };
            let definite = matches!(words.first().copied(), Some("the" | "The"));
            if definite && kind == EntityKind::Organisation {
                if let Some(e) = self.org_speaker_before(span.start) {
                    return Some(e);
                }
                if let Some(org) = self.org_before(span.start) {
                    return Some(self.add(org.join(" "), org, kind, span.start));
                }
            }
            // `The IFPI industry body`: an acronym names the organisation (`a US bank`: a
            // country's does not).
            let acronyms: Vec<String> = (words.iter())
                .filter(|w| is_acronym(w) && self.place(w).is_none())
                .map(|w| w.to_string())
                .collect();
            if kind == EntityKind::Organisation && !acronyms.is_empty() {
                let evidence = (kind, KindEvidence::Acronym);
                return Some(self.add_with(acronyms.join(" "), acronyms, evidence, span.start));
            }
            let name = if definite { words.join(" ") } else { phrase };
            return Some(self.add(name, vec![], kind, span.start));
        }
        if let Some(country) = self.place(&name.join(" ")) {
            return Some(self.add(
                country.clone(),
                vec![country],
                EntityKind::Government,
                span.start,
            ));
        }
        let titles: Vec<String> = words[..start]
            .iter()
            .map(|w| w.to_lowercase().trim_end_matches('.').to_string())
            .collect();
        // `Korea Development Institute`, `Ministry Lee`; but `Defense Department spokesman John
        // Kirby` and `Police Chief Calvin Williams` are people with a title.
        let titled = titles
            .iter()
            .any(|t| self.lex.titles.contains(t) || self.lex.roles.contains(t));
        if let Some(e) = self.named_non_person(&name, &titles, titled, span.start) {
            return Some(e);
        }
        if self.is_org(&name)
            || !titled && titles.iter().any(|t| self.lex.orgs.contains(t)) && name.len() > 1
        {
            let full: Vec<String> = words
                .iter()
                .map(|w| w.to_string())
                .filter(|w| is_cap(w) && !matches!(w.as_str(), "The"))
                .collect();
            let full = self.without_legal_suffix(full);
            return Some(self.add(full.join(" "), full, EntityKind::Organisation, span.start));
        }
        // `Curtice`, `Mr Blair`: the full name the story gives them, where only one fits.
        // (Not needed where a person the story already knows holds the word: it joins them.)
        if let [surname] = name.as_slice() {
            let known = self.index.by_word.contains_key(&key(surname));
            if !known {
                if let Some(full) = full_name(self.lex, self.text, surname, span.start)
                    .or_else(|| self.misspelt_person(surname, span.start))
                {
                    name = full;
                }
            }
        }
        let e = self.person(&name, span.start);
        for t in titles
            .iter()
            .filter(|t| self.lex.titles.contains(*t) || self.lex.roles.contains(*t))
        {
            self.add_role(e, t);
        }
        self.note_person_evidence(e, &titles);
        Some(e)
    }

    /// The name of the one person named shortly before `at` whose surname is `surname` spelt
    /// with one letter more, less or other (`Mr Barot` after `Jacques Barrot`): wire copy's
    /// typing slips. Names of five letters or more that begin alike; the latest
    /// [`MISSPELT_REACH`] entities are searched.
    fn misspelt_person(&self, surname: &str, at: usize) -> Option<Vec<String>> {
        let close = |w: &str| {
            w.chars().count() >= 5
                && surname.chars().count() >= 5
                && w.chars().next() == surname.chars().next()
                && strsim::levenshtein(w, surname) == 1
        };
        let mut found = (self.entities.iter().rev().take(MISSPELT_REACH))
            .filter(|e| e.kind == EntityKind::Person && e.seen_at + NAME_WINDOW >= at)
            .filter(|e| e.words.len() >= 2 && e.words.last().is_some_and(|w| close(w)))
            .map(|e| &e.words);
        let first = found.next()?;
        found.all(|w| w == first).then(|| first.clone())
    }

    /// Whether an appositive names a person after the organisation they speak for (`Iraq's
    /// Defence Ministry, Abdul Jabbar Muhsen`): an organisation word before, and two or three
    /// capitalised words after that are neither an organisation nor a place.
    fn person_after_org(&self, first: &[&str], second: &[&str]) -> bool {
        let is_org_word = |w: &&str| {
            let w = w.to_lowercase();
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(&w);
            self.lex.orgs.contains(w.trim_end_matches('.'))
        };
        let person = (2..=3).contains(&second.len())
            && second.iter().all(|w| is_cap(w) && !is_acronym(w))
            && !second.iter().any(is_org_word)
            && self.place(&second.join(" ")).is_none();
        person && first.iter().any(is_org_word)
    }

    /// The entity a pronoun refers to: `he`, `she` and `I` the latest person that spoke; `it`
    /// the latest organisation, outlet or government that spoke, else the latest speaker that is
    /// no person, else the organisation the story named last; others the latest speaker that is no person; else the
    /// latest speaker.
    fn pronoun(&mut self, lower: &str, at: usize) -> Option<usize> {
        let fitting = match lower {
            "he" | "she" | "i" => self.index.last_person,
            "it" => self.index.last_org.or(self.index.last_other).or_else(|| {
                let org = self.org_before(at)?;
                Some(self.add(org.join(" "), org, EntityKind::Organisation, at))
            }),
            _ => self.index.last_other,
        };
        fitting.or_else(|| self.last_speakers.last().copied())
    }

    /// Where a mention's name ends at a preposition (`Robert Byrd of West Virginia`, `figures
    /// from the Bank of England`): the words, and the number of words before the preposition.
    /// A title before `of` is no name of its own (`Secretary of Defense Mark Esper`).
    fn before_preposition<'w>(&self, words: Vec<&'w str>) -> (Vec<&'w str>, Option<usize>) {
        let at = (1..words.len()).find(|&k| PREPOSITIONS.contains(&words[k]));
        let only_titles = |left: &[&str]| {
            left.iter().all(|w| {
                let w = w.to_lowercase();
                let w = w.trim_end_matches('.');
                self.lex.titles.contains(w) || self.lex.roles.contains(w) || w == "the"
            })
        };
        match at {
            Some(k) if !only_titles(&words[..k]) => (words, Some(k)),
            _ => (words, None),
        }
    }

    /// A source named by its head noun, not by a name: a document (`a new study`, `figures from
    /// the Bank`), or a group described further (`policy makers in Europe`).
    fn unnamed_by_head(
        &mut self,
        phrase: &str,
        head: &str,
        described: Option<usize>,
        at: usize,
    ) -> Option<usize> {
        let words: Vec<&str> = phrase.split(' ').collect();
        let head = match described {
            Some(left) => words[left - 1].to_lowercase(),
            None => head.to_string(),
        };
        if self.lex.documents.contains(&head) {
            let evidence = (EntityKind::Document, KindEvidence::DocumentWord);
            return Some(self.add_with(phrase.to_string(), vec![], evidence, at));
        }
        if described.is_some() && self.lex.groups.contains(&head) {
            return Some(self.group(&words, at));
        }
        None
    }

    /// An unnamed group named by its phrase in lowercase, without articles (`some traders`).
    fn group(&mut self, words: &[&str], at: usize) -> usize {
        let phrase: Vec<&str> = (words.iter().copied())
            .filter(|w| !matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
            .collect();
        let evidence = (EntityKind::Group, KindEvidence::GroupWord);
        self.add_with(phrase.join(" ").to_lowercase(), vec![], evidence, at)
    }

    /// An organisation whose name joins capitalised words with `of`, `and`, `&` or `for`
    /// (`the Bank of England`, `Carolina Power and Light Co`): the capitalised words and joiners
    /// at the end of the mention (before a preposition that describes it), when they hold a
    /// joiner and an organisation word; without its legal suffix.
    fn joined_org(&self, words: &[&str], described: Option<usize>) -> Option<Vec<String>> {
        let mut start = words.len();
        while start > 0 && (is_cap(words[start - 1]) || NAME_JOINERS.contains(&words[start - 1])) {
            start -= 1;
        }
        // A joiner neither opens nor ends a name.
        while start < words.len() && NAME_JOINERS.contains(&words[start]) {
            start += 1;
        }
        let run = &words[start..];
        let joined = run[..run.len().saturating_sub(1)]
            .iter()
            .any(|w| NAME_JOINERS.contains(w));
        let org_word = run.iter().any(|w| {
            self.lex
                .orgs
                .contains(w.to_lowercase().trim_end_matches('.'))
        });
        let titled = run.iter().any(|w| {
            let w = w.to_lowercase();
            self.lex.titles.contains(w.trim_end_matches('.')) || self.lex.roles.contains(&w)
        });
        // `figures from the Bank of England` is a document, not the bank.
        let after_description = described.is_some_and(|left| left < start);
        if !joined || !org_word || titled || after_description || !is_cap(run[0]) {
            return None;
        }
        let name: Vec<String> = run
            .iter()
            .filter(|w| !matches!(**w, "The"))
            .map(|w| w.to_string())
            .collect();
        Some(self.without_legal_suffix(name))
    }

    /// An organisation's name without a final legal suffix (`CRS Sirrine Inc` is `CRS
    /// Sirrine`), unless that is all of it.
    fn without_legal_suffix(&self, mut name: Vec<String>) -> Vec<String> {
        let legal = |w: &String| (self.lex.legal).contains(w.to_lowercase().trim_end_matches('.'));
        if name.len() > 1 && name.last().is_some_and(legal) {
            name.pop();
        }
        name
    }

    /// A capitalised name that is no person's, by evidence: the outlet or organisation lists, an
    /// organisation the story already knows by these words (`Carolina Power` after `Carolina
    /// Power and Light Co`), an acronym (`TWA`), or a single name after `the` (`the Halifax`).
    fn named_non_person(
        &mut self,
        name: &[String],
        before: &[String],
        titled: bool,
        at: usize,
    ) -> Option<usize> {
        let joined = name.join(" ");
        let news_word = before
            .iter()
            .any(|w| matches!(w.as_str(), "agency" | "newspaper" | "broadcaster" | "paper"));
        let kind = if self.lex.outlets.contains(&joined) || news_word && !titled {
            Some((EntityKind::Outlet, KindEvidence::OutletList))
        } else if self.lex.known_orgs.contains(&joined) {
            Some((EntityKind::Organisation, KindEvidence::OrgList))
        } else {
            None
        };
        if let Some(kind) = kind {
            return Some(self.add_with(joined, name.to_vec(), kind, at));
        }
        if let Some(e) = self.known_org(name) {
            return Some(e);
        }
        if titled || self.index.by_word.contains_key(&key(&name[0])) {
            return None;
        }
        if let Some(full) = self.single_name_org(name, at) {
            let evidence = (EntityKind::Organisation, KindEvidence::OrgWord);
            return Some(self.add_with(full.join(" "), full, evidence, at));
        }
        let kind = match (name, before.last().map(String::as_str)) {
            ([one], _) if is_acronym(one) => {
                Some((EntityKind::Organisation, KindEvidence::Acronym))
            }
            ([_], Some("the")) => Some((EntityKind::Organisation, KindEvidence::Article)),
            _ => None,
        };
        kind.map(|kind| self.add_with(joined, name.to_vec(), kind, at))
    }

    /// The organisation a one-word name stands for: spelled out in parentheses after it
    /// (`Trans World Airlines (TWA)`), else the organisation name the story writes with it.
    fn single_name_org(&self, name: &[String], at: usize) -> Option<Vec<String>> {
        let [one] = name else {
            return None;
        };
        let spelled = is_acronym(one)
            .then(|| acronym_expansion(self.text, one, at))
            .flatten();
        spelled
            .or_else(|| self.org_run_for(one, at))
            .or_else(|| self.org_noun_before(one, at).then(|| name.to_vec()))
    }

    /// Where the story's organisation words stand within [`NAME_WINDOW`] before `at` and a
    /// quarter as far after it.
    fn org_words_near(&self, at: usize) -> &[usize] {
        let (from, to) = (at.saturating_sub(NAME_WINDOW), at + NAME_WINDOW / 4);
        let first = self.org_words.partition_point(|&p| p < from);
        let last = self.org_words.partition_point(|&p| p < to);
        &self.org_words[first..last]
    }

    /// Whether the story writes a common organisation noun right before `word` near `at`
    /// (`oil firm Yukos`, `carmaker DaimlerChrysler`).
    fn org_noun_before(&self, word: &str, at: usize) -> bool {
        self.org_words_near(at).iter().any(|&p| {
            let rest = &self.text[p..];
            let noun_end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let after = rest[noun_end..].strip_prefix(' ').unwrap_or_default();
            rest.starts_with(|c: char| c.is_lowercase())
                && after.starts_with(word)
                && !after[word.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
    }

    /// The organisation name the story writes for a bare name `word` near `at`: a run of
    /// capitalised words ending in an organisation word that opens with it (`USAir` in `USAir
    /// Group Inc`), or, for an acronym, whose initials spell it (`TWA` in `Trans World Airlines
    /// Inc`); without its legal suffix.
    fn org_run_for(&self, word: &str, at: usize) -> Option<Vec<String>> {
        let letters: Vec<char> = word.chars().collect();
        let acronym = is_acronym(word);
        // The last letter of an acronym, or the word's first, opens the organisation word or
        // the run; a cheap test before the run is read.
        let mut lower = String::new();
        self.org_words_near(at).iter().find_map(|&p| {
            let opens = match acronym {
                true => self.text[p..].starts_with(letters[letters.len() - 1]) || self.legal_at(p),
                false => window(self.text, p, 100, 0).contains(word),
            };
            if !opens {
                return None;
            }
            let run = self.org_run_ending_at(p, &mut lower)?;
            let run = self.without_legal_suffix(run);
            let found = if acronym {
                let tail = &run[run.len().saturating_sub(letters.len())..];
                let initials = tail.iter().filter_map(|w| w.chars().next());
                initials.eq(letters.iter().copied()).then(|| tail.to_vec())
            } else {
                (run[0] == word).then_some(run)
            };
            found.filter(|name| name.len() >= 2)
        })
    }

    /// Whether the word at `p` is a legal suffix (`Inc`).
    fn legal_at(&self, p: usize) -> bool {
        let rest = &self.text[p..];
        let word = &rest[..rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len())];
        word.len() <= 6 && self.lex.legal.contains(&word.to_lowercase())
    }

    /// The capitalised name words up to and with the organisation word at `p` (`Trans World
    /// Airlines Inc`); `None` when the word there is no organisation word standing alone.
    fn org_run_ending_at(&self, p: usize, lower: &mut String) -> Option<Vec<String>> {
        let text = self.text;
        if p > 0 && !text[..p].ends_with(char::is_whitespace) {
            return None;
        }
        let rest = &text[p..];
        let raw = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
        let org = name_word(self.lex, raw, lower).filter(|_| self.lex.orgs.contains(lower))?;
        let mut run = vec![org.to_string()];
        for raw in window(text, p, 200, 0).split_whitespace().rev().take(5) {
            match name_word(self.lex, raw, lower) {
                Some(word) if word.len() == raw.len() => run.push(word.to_string()),
                _ => break,
            }
        }
        run.reverse();
        Some(run)
    }

    /// The organisation (outlet, government) entity whose name holds all of `name`'s words.
    fn known_org(&self, name: &[String]) -> Option<usize> {
        let candidates = self.index.org_by_word.get(&key(name.first()?))?;
        candidates.iter().copied().find(|&e| {
            let entity = &self.entities[e];
            entity.kind != EntityKind::Person && name.iter().all(|w| entity.words.contains(w))
        })
    }

    /// The latest speaker that is an organisation, outlet or government, when it is an
    /// organisation and spoke within [`ORG_WINDOW`] before `at`: what `the company` most likely
    /// is.
    fn org_speaker_before(&self, at: usize) -> Option<usize> {
        let e = self.index.last_org?;
        let entity = &self.entities[e];
        let near =
            (entity.mentions.last()).is_some_and(|m| m.start <= at && at - m.start <= ORG_WINDOW);
        (entity.kind == EntityKind::Organisation && near).then_some(e)
    }

    /// The person that spoke last, when they spoke within [`ORG_WINDOW`] before `at`: who an
    /// unheld role (`the Warriors chief`) most likely names.
    fn person_speaker_before(&self, at: usize) -> Option<usize> {
        let e = self.index.last_person?;
        let entity = &self.entities[e];
        let near =
            (entity.mentions.last()).is_some_and(|m| m.start <= at && at - m.start <= ORG_WINDOW);
        near.then_some(e)
    }

    /// Records a person's honorific or title as the evidence of its kind.
    fn note_person_evidence(&mut self, e: usize, before: &[String]) {
        let evidence = if before.iter().any(|t| self.lex.honorifics.contains(t)) {
            KindEvidence::Honorific
        } else if before.iter().any(|t| self.lex.titles.contains(t)) {
            KindEvidence::Title
        } else if before.iter().any(|t| self.lex.roles.contains(t)) {
            KindEvidence::Role
        } else {
            return;
        };
        let entity = &mut self.entities[e];
        if entity.kind == EntityKind::Person && entity.evidence == KindEvidence::Name {
            entity.evidence = evidence;
        }
    }

    /// The speakers, with ids `s1`, `s2`, ... in order of appearance, and the id of each entity.
    pub fn speakers(&self) -> (Vec<Speaker>, Vec<Option<String>>) {
        let mut ids = vec![None; self.entities.len()];
        let mut speakers = Vec::new();
        for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.speaks) {
            let id = format!("s{}", speakers.len() + 1);
            ids[i] = Some(id.clone());
            let mut mentions = e.mentions.clone();
            mentions.sort();
            mentions.dedup();
            speakers.push(Speaker {
                id,
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                kind: e.kind,
                kind_evidence: Some(e.evidence),
                mentions,
            });
        }
        (speakers, ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Tokens;

    /// The speaker's name of each source mention, resolved in order.
    fn resolve(text: &str, mentions: &[&str]) -> Vec<Option<String>> {
        let lex = Lexicon::bundled();
        let whole = [Span::new(0, text.len())];
        let tokens = Tokens::new(text, &whole);
        let titles: Vec<usize> = text.match_indices("Minister").map(|(at, _)| at).collect();
        let orgs: Vec<usize> = (lex.word_finder.find_iter(text))
            .filter(|m| lex.org_patterns[m.pattern().as_usize()])
            .map(|m| m.start())
            .collect();
        let titles = Titles {
            tokens: &tokens,
            at: &titles,
            orgs: &orgs,
        };
        let mut resolver = Resolver::new(&lex, text, titles, &whole);
        let mut from = 0;
        let entities: Vec<Option<usize>> = mentions
            .iter()
            .map(|m| {
                let at = from + text[from..].find(m).unwrap();
                from = at + m.len();
                resolver.resolve(Some(Span::new(at, at + m.len())), false, false)
            })
            .collect();
        entities
            .into_iter()
            .map(|e| e.map(|e| resolver.entities[e].name.clone()))
            .collect()
    }

    /// Each source mention resolved in order: its entity's name, kind and evidence.
    fn resolve_kinds(text: &str, mentions: &[&str]) -> Vec<(String, EntityKind, KindEvidence)> {
        let lex = Lexicon::bundled();
        let whole = [Span::new(0, text.len())];
        let tokens = Tokens::new(text, &whole);
        let orgs: Vec<usize> = (lex.word_finder.find_iter(text))
            .filter(|m| lex.org_patterns[m.pattern().as_usize()])
            .map(|m| m.start())
            .collect();
        let titles = Titles {
            tokens: &tokens,
            at: &[],
            orgs: &orgs,
        };
        let mut resolver = Resolver::new(&lex, text, titles, &whole);
        let mut from = 0;
        let mut found = Vec::new();
        for m in mentions {
            let at = from + text[from..].find(m).unwrap();
            from = at + m.len();
            let span = Span::new(at, at + m.len());
            let e = resolver.resolve(Some(span), false, false).unwrap();
            let entity = &resolver.entities[e];
            assert_eq!(&text[entity.mentions.last().unwrap().range()], *m);
            found.push((entity.name.clone(), entity.kind, entity.evidence));
        }
        found
    }

    #[test]
    fn acronyms_outlets_and_listed_organisations_are_no_people() {
        let text =
            "ÖBB said no. The Financial Times said so. Microsoft said yes. Labour said later.";
        let found = resolve_kinds(text, &["ÖBB", "The Financial Times", "Microsoft", "Labour"]);
        use EntityKind::*;
        use KindEvidence as K;
        assert_eq!(
            found,
            [
                ("ÖBB".into(), Organisation, K::Acronym),
                ("Financial Times".into(), Outlet, K::OutletList),
                ("Microsoft".into(), Organisation, K::OrgList),
                ("Labour".into(), Organisation, K::OrgList),
            ]
        );
    }

    #[test]
    fn an_acronym_is_named_by_the_words_it_stands_for() {
        let text = "The Union of Zürich Bakers (UZB) said no. UZB said yes. ÖBB said later.";
        let found = resolve_kinds(text, &["UZB", "ÖBB"]);
        assert_eq!(found[0].0, "Union of Zürich Bakers");
        assert_eq!(found[0].1, EntityKind::Organisation);
        assert_eq!(found[1].0, "ÖBB");
    }

    #[test]
    fn a_bare_name_is_the_organisation_the_story_writes_with_it() {
        let text = "Öko Power Group Inc sold shares. Öko said more. ÖPG said less.";
        let found = resolve_kinds(text, &["Öko", "ÖPG"]);
        assert_eq!(found[0].0, "Öko Power Group");
        assert_eq!(found[0].1, EntityKind::Organisation);
        assert_eq!(found[1].0, "Öko Power Group");
    }

    #[test]
    fn an_unheld_role_is_the_person_who_spoke_before() {
        let text = "Zoë Lindqvist said yes. The Malmö chief said no. A spokesman said so.";
        let found = resolve(text, &["Zoë Lindqvist", "The Malmö chief", "A spokesman"]);
        assert_eq!(found[1].as_deref(), Some("Zoë Lindqvist"));
        assert_ne!(found[2].as_deref(), Some("Zoë Lindqvist"));
    }

    #[test]
    fn an_appositive_names_the_person_after_their_organisation() {
        let text =
            "Malmö's Water Ministry, Åsa Lindqvist, said so. Acme Group, Öresund Bank, said no.";
        let found = resolve(
            text,
            &[
                "Malmö's Water Ministry, Åsa Lindqvist,",
                "Acme Group, Öresund Bank,",
            ],
        );
        assert_eq!(found[0].as_deref(), Some("Åsa Lindqvist"));
        assert_eq!(found[1].as_deref(), Some("Acme Group"));
    }

    #[test]
    fn a_name_after_the_is_an_organisation_and_keeps_it() {
        let text = "Prices rose, the Zürichbank said. Zürichbank said more. The bank said less.";
        let found = resolve_kinds(text, &["the Zürichbank", "Zürichbank", "The bank"]);
        for (name, kind, _) in &found {
            assert_eq!(
                (name.as_str(), *kind),
                ("Zürichbank", EntityKind::Organisation)
            );
        }
        assert_eq!(found[0].2, KindEvidence::Article);
    }

    #[test]
    fn documents_are_named_by_their_phrase() {
        let text = "A new study shows little. Figures from the Bank of Åland showed more. \
                    The Bank of Åland said so.";
        let found = resolve_kinds(
            text,
            &[
                "A new study",
                "Figures from the Bank of Åland",
                "The Bank of Åland",
            ],
        );
        assert_eq!(
            found[0],
            (
                "A new study".into(),
                EntityKind::Document,
                KindEvidence::DocumentWord
            )
        );
        assert_eq!(found[1].1, EntityKind::Document);
        assert_eq!(
            found[2],
            (
                "Bank of Åland".into(),
                EntityKind::Organisation,
                KindEvidence::OrgWord
            )
        );
    }

    #[test]
    fn names_lose_places_time_words_and_legal_suffixes() {
        let text = "Senator Zoë Brandt of New Mexico spoke. On Monday Tony Blair spoke. \
                    Carolina Power and Light Co spoke. Carolina Power spoke.";
        let found = resolve_kinds(
            text,
            &[
                "Senator Zoë Brandt of New Mexico",
                "Monday Tony Blair",
                "Carolina Power and Light Co",
                "Carolina Power",
            ],
        );
        let names: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Zoë Brandt",
                "Tony Blair",
                "Carolina Power and Light",
                "Carolina Power and Light"
            ]
        );
        assert_eq!(found[0].2, KindEvidence::Title);
        assert_eq!(found[3].1, EntityKind::Organisation);
    }

    #[test]
    fn pronouns_agree_with_the_kind_they_refer_to() {
        let text = "Mr Żuk said yes. Multiplex Group said no. He said maybe. It said never.";
        let found = resolve_kinds(text, &["Mr Żuk", "Multiplex Group", "He", "It"]);
        let names: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["Żuk", "Multiplex Group", "Żuk", "Multiplex Group"]);
        assert_eq!(found[0].2, KindEvidence::Honorific);
    }

    #[test]
    fn an_unresolved_it_takes_the_organisation_named_before() {
        let text = "Shares in Multiplex Group fell after it said so.";
        let found = resolve_kinds(text, &["it"]);
        assert_eq!(found[0].0, "Multiplex Group");
    }

    #[test]
    fn groups_keep_their_quantifier_and_description() {
        let text = "Some traders said so. Policy makers in Brüssel said no.";
        let found = resolve_kinds(text, &["Some traders", "Policy makers in Brüssel"]);
        assert_eq!(
            found[0],
            (
                "some traders".into(),
                EntityKind::Group,
                KindEvidence::GroupWord
            )
        );
        assert_eq!(found[1].0, "policy makers in brüssel");
    }

    #[test]
    fn names_roles_and_pronouns_find_their_entity() {
        let text = "Minister Jeong Kyeong-doo met Esper. Jeong said no. Mark Esper said yes. \
                    The minister said maybe. He left. Tokyo said never. It waits.";
        let names = resolve(
            text,
            &["Jeong", "Mark Esper", "The minister", "He", "Tokyo", "It"],
        );
        let names: Vec<&str> = names.iter().map(|n| n.as_deref().unwrap()).collect();
        assert_eq!(
            names,
            [
                "Jeong Kyeong-doo",
                "Mark Esper",
                "Jeong Kyeong-doo",
                "Jeong Kyeong-doo",
                "Japan",
                "Japan"
            ]
        );
    }

    #[test]
    fn a_longer_name_renames_its_entity() {
        let text = "Esper said yes. Then Mark Esper said no. Esper left.";
        let names = resolve(text, &["Esper", "Mark Esper", "Esper"]);
        assert!(
            names.iter().all(|n| n.as_deref() == Some("Mark Esper")),
            "{names:?}"
        );
    }

    #[test]
    fn the_role_holder_nearest_before_is_taken() {
        let text = "Minister Ana Berg spoke. Minister Cho Min-ji spoke. The minister said so.";
        let names = resolve(text, &["The minister"]);
        // Both are titled Minister; the one named last before the mention holds the role.
        assert_eq!(names[0].as_deref(), Some("Cho Min-ji"));
    }
}
