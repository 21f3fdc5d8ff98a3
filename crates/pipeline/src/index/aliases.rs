//! Corrections to the speaker index by hand (`--aliases FILE`): one directive per line.
//!
//! ```text
//! # Lines starting with `#` and blank lines are left out; names are matched in any case.
//! merge Tony Blair = Blair | Mr Blair
//! split Rick Parry = Parry
//! split Parry
//! rename Lib Dems = Liberal Democrats
//! kind EU = organisation
//! ```
//!
//! - `merge NAME = OTHER | OTHER ...`: the speakers named `OTHER` are joined to `NAME` (kept
//!   under its `joined`, as the index joins names itself), whatever the index would do.
//! - `split NAME = OTHER | OTHER ...`: `NAME` is never joined to any `OTHER` nor any to it; `split
//!   NAME` alone: it joins nothing and nothing joins it.
//! - `rename NAME = NEW`: the speaker named `NAME` is named `NEW` (its key too; a speaker already
//!   named `NEW` is then the same one), `NAME` kept as an alias.
//! - `kind NAME = KIND`: the speaker's kind, before names are joined.
//!
//! A name is the speaker's canonical name as the index shows it (its key, in any case), or the
//! name a `rename` gives it; a story's
//! generic nominal (`the company`) is named so in every story. The same file gives the same index
//! in `run --index`, `index merge` and the Spark job, since it is applied when an index is
//! finished.

use std::collections::{BTreeMap, BTreeSet};

use quotewire_core::EntityKind;

/// A line of an aliases file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct AliasError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The directives of an aliases file, by lowercase name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    /// Joined name → the name it joins.
    pub(super) merge: BTreeMap<String, String>,
    /// Pairs never joined (both orders).
    pub(super) apart: BTreeSet<(String, String)>,
    /// Names that join nothing and that nothing joins.
    pub(super) alone: BTreeSet<String>,
    /// Name → its new name (as written).
    pub(super) rename: BTreeMap<String, String>,
    /// Name → its kind.
    pub(super) kind: BTreeMap<String, EntityKind>,
}

impl Aliases {
    /// Reads an aliases file (the format is in the module documentation).
    ///
    /// ```
    /// use quotewire_pipeline::index::Aliases;
    ///
    /// let aliases = Aliases::parse("merge Tony Blair = Blair | Mr Blair\nkind EU = organisation\n").unwrap();
    /// assert!(!aliases.is_empty());
    /// let error = Aliases::parse("join A = B\n").unwrap_err();
    /// assert_eq!(error.line, 1);
    /// ```
    pub fn parse(text: &str) -> Result<Aliases, AliasError> {
        let mut aliases = Aliases::default();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let error = |message: String| AliasError {
                line: line_no,
                message,
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (verb, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let (name, others) = match rest.split_once('=') {
                Some((name, others)) => (name.trim(), Some(others)),
                None => (rest.trim(), None),
            };
            if name.is_empty() {
                return Err(error(format!("`{verb}` needs a name")));
            }
            let key = name.to_lowercase();
            let others: Vec<&str> = others
                .map(|o| o.split('|').map(str::trim).collect())
                .unwrap_or_default();
            if others.iter().any(|o| o.is_empty()) {
                return Err(error("an empty name after `=` or `|`".into()));
            }
            let one = |what: &str| -> Result<&str, AliasError> {
                match others.as_slice() {
                    [one] => Ok(one),
                    _ => Err(error(format!("`{verb} NAME = {what}` takes one {what}"))),
                }
            };
            match verb {
                "merge" => {
                    if others.is_empty() {
                        return Err(error(
                            "`merge NAME = OTHER | ...` needs the names to join".into(),
                        ));
                    }
                    for other in &others {
                        let other = other.to_lowercase();
                        if other == key {
                            continue;
                        }
                        if let Some(before) = aliases.merge.insert(other.clone(), key.clone()) {
                            if before != key {
                                return Err(error(format!(
                                    "`{other}` is merged into `{before}` already"
                                )));
                            }
                        }
                    }
                }
                "split" if others.is_empty() => {
                    aliases.alone.insert(key);
                }
                "split" => {
                    for other in &others {
                        let other = other.to_lowercase();
                        aliases.apart.insert((key.clone(), other.clone()));
                        aliases.apart.insert((other, key.clone()));
                    }
                }
                "rename" => {
                    let new = one("NEW")?;
                    if aliases.rename.insert(key, new.to_string()).is_some() {
                        return Err(error(format!("`{name}` is renamed twice")));
                    }
                }
                "kind" => {
                    // The American spelling too, by hand.
                    let name = match one("KIND")?.to_lowercase().as_str() {
                        "organization" => "organisation".to_string(),
                        name => name.to_string(),
                    };
                    let Some(kind) = EntityKind::from_name(&name) else {
                        return Err(error(format!("a kind is {}", EntityKind::NAMES)));
                    };
                    aliases.kind.insert(key, kind);
                }
                other => {
                    return Err(error(format!(
                        "unknown directive `{other}` (merge, split, rename, kind)"
                    )));
                }
            }
        }
        // The other directives may name a speaker by its old name or its new one.
        let renamed = |name: &String| {
            aliases
                .rename
                .get(name)
                .map_or_else(|| name.clone(), |new| new.to_lowercase())
        };
        aliases.merge = aliases
            .merge
            .iter()
            .map(|(k, v)| (renamed(k), renamed(v)))
            .collect();
        aliases.apart = aliases
            .apart
            .iter()
            .map(|(a, b)| (renamed(a), renamed(b)))
            .collect();
        aliases.alone = aliases.alone.iter().map(renamed).collect();
        aliases.kind = aliases.kind.iter().map(|(k, v)| (renamed(k), *v)).collect();
        for (joined, into) in &aliases.merge {
            if aliases.apart.contains(&(joined.clone(), into.clone()))
                || aliases.alone.contains(joined)
            {
                return Err(AliasError {
                    line: 0,
                    message: format!("`{joined}` is both merged into `{into}` and split from it"),
                });
            }
        }
        for new in aliases.rename.values() {
            if aliases.rename.contains_key(&new.to_lowercase()) {
                return Err(AliasError {
                    line: 0,
                    message: format!("`{new}` is renamed again: give the last name at once"),
                });
            }
        }
        Ok(aliases)
    }

    /// Whether the file had no directive.
    pub fn is_empty(&self) -> bool {
        self.merge.is_empty()
            && self.apart.is_empty()
            && self.alone.is_empty()
            && self.rename.is_empty()
            && self.kind.is_empty()
    }

    /// Whether the index may join `from` to `to` by itself.
    pub(super) fn may_join(&self, from: &str, to: &str) -> bool {
        !self.alone.contains(from)
            && !self.alone.contains(to)
            && !self.apart.contains(&(from.to_string(), to.to_string()))
    }
}
