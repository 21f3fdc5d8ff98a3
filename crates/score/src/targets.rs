//! Stance targets given by the user (`--target GSOMIA=intel-sharing pact`) and where a text
//! mentions them.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use quotewire_core::Span;

use crate::ScoreError;

/// A target: its canonical name and the other ways stories refer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Canonical name, as reported in stances (`GSOMIA`).
    pub name: String,
    /// Other names (`General Security of Military Information Agreement`, `intel-sharing pact`).
    pub aliases: Vec<String>,
}

impl Target {
    /// Reads `NAME` or `NAME=ALIAS|ALIAS...`.
    ///
    /// ```
    /// let target = quotewire_score::Target::parse("GSOMIA=intel-sharing pact|the pact").unwrap();
    /// assert_eq!(target.name, "GSOMIA");
    /// assert_eq!(target.aliases, ["intel-sharing pact", "the pact"]);
    /// ```
    pub fn parse(spec: &str) -> Result<Target, ScoreError> {
        let (name, aliases) = spec.split_once('=').unwrap_or((spec, ""));
        let name = name.trim();
        if name.is_empty() {
            return Err(ScoreError::Target(format!("no name in target {spec:?}")));
        }
        Ok(Target {
            name: name.to_string(),
            aliases: aliases
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect(),
        })
    }

    /// Reads a targets file: one `NAME=ALIAS|ALIAS` per line, `#` comments.
    pub fn parse_list(text: &str) -> Result<Vec<Target>, ScoreError> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(Target::parse)
            .collect()
    }
}

/// Finds the targets' names and aliases in text: whole words, ASCII case ignored, longest first.
/// The default finder has no targets.
#[derive(Debug, Clone, Default)]
pub struct TargetFinder {
    targets: Vec<Target>,
    automaton: Option<AhoCorasick>,
    owners: Vec<usize>,
}

impl TargetFinder {
    /// A finder for `targets` (none: it finds nothing).
    pub fn new(targets: Vec<Target>) -> Result<Self, ScoreError> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, target) in targets.iter().enumerate() {
            for name in std::iter::once(&target.name).chain(&target.aliases) {
                patterns.push(name.clone());
                owners.push(i);
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            let built = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .map_err(|e| ScoreError::Target(e.to_string()))?;
            Some(built)
        };
        Ok(TargetFinder {
            targets,
            automaton,
            owners,
        })
    }

    /// The targets.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Each mention in `region` of `text`: the target's index and the mention's span.
    pub fn find<'t>(
        &'t self,
        text: &'t str,
        region: Span,
    ) -> impl Iterator<Item = (usize, Span)> + 't {
        let haystack = region.slice(text).unwrap_or("");
        self.automaton
            .iter()
            .flat_map(move |ac| ac.find_iter(haystack))
            .filter(move |m| {
                let before = haystack[..m.start()].chars().next_back();
                let after = haystack[m.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .map(move |m| {
                let span = Span::new(region.start + m.start(), region.start + m.end());
                (self.owners[m.pattern().as_usize()], span)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_and_aliases_in_multibyte_text() {
        let finder = TargetFinder::new(vec![
            Target::parse("GSOMIA=intel-sharing pact").unwrap(),
            Target::parse("Japan").unwrap(),
        ])
        .unwrap();
        let text = "« Japan » must keep the Intel-sharing pact, not Japanese GSOMIAs.";
        let found: Vec<(usize, &str)> = finder
            .find(text, Span::new(0, text.len()))
            .map(|(t, s)| (t, &text[s.range()]))
            .collect();
        assert_eq!(found, [(1, "Japan"), (0, "Intel-sharing pact")]);
        let region = Span::new(text.find("must").unwrap(), text.len());
        assert_eq!(finder.find(text, region).count(), 1);
    }

    #[test]
    fn bad_specs_are_errors() {
        assert!(Target::parse("=alias").is_err());
        assert_eq!(Target::parse_list("# c\nA\n\nB=b").unwrap().len(), 2);
    }
}
