//! Which files of a directory tree are news: globs as ripgrep matches them (`globset`).

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::IngestError;

/// The files read from a directory by default: text, HTML, JSON Lines and JSON, each also gzipped.
pub const NEWS_GLOBS: &[&str] = &[
    "*.{txt,text,html,htm,xhtml,jsonl,ndjson,json}",
    "*.{txt,text,html,htm,xhtml,jsonl,ndjson,json}.gz",
];

/// How many skipped paths are kept as examples.
const EXAMPLES: usize = 5;

/// Picks the files of a directory tree: those matching an include glob (the news extensions
/// unless `--glob` replaces them) and no exclude glob. A glob without `/` matches the file name
/// anywhere in the tree (`*.txt`, `README*`), one with `/` the path below the directory given
/// (`drafts/**`). Files named on the command line are always read.
#[derive(Debug, Clone)]
pub struct FileFilter {
    include: GlobSet,
    exclude: GlobSet,
}

impl Default for FileFilter {
    /// The news extensions, case-insensitive; nothing excluded.
    fn default() -> Self {
        Self::new(&[], &[]).expect("the news globs are valid")
    }
}

impl FileFilter {
    /// Files matching `include` (the news extensions when empty) and not `exclude`.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, IngestError> {
        let include = if include.is_empty() {
            let mut set = GlobSetBuilder::new();
            for glob in NEWS_GLOBS {
                set.add(GlobBuilder::new(glob).case_insensitive(true).build()?);
            }
            set.build()?
        } else {
            glob_set(include)?
        };
        Ok(FileFilter {
            include,
            exclude: glob_set(exclude)?,
        })
    }

    /// Whether the file at `relative` (below the directory given, `/`-separated) is read.
    pub fn selects(&self, relative: &str) -> bool {
        matches(&self.include, relative) && !matches(&self.exclude, relative)
    }

    /// Whether the directory at `relative` is left out whole.
    pub fn excludes_dir(&self, relative: &str) -> bool {
        !relative.is_empty() && matches(&self.exclude, relative)
    }
}

fn glob_set(globs: &[String]) -> Result<GlobSet, IngestError> {
    let mut set = GlobSetBuilder::new();
    for glob in globs {
        set.add(Glob::new(glob)?);
    }
    Ok(set.build()?)
}

fn matches(set: &GlobSet, relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    set.is_match(name) || set.is_match(relative)
}

/// Files of directory trees that were not read because they are not news (or were excluded).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// How many.
    pub count: u64,
    /// The first few, as paths below their directory.
    pub examples: Vec<String>,
}

impl Skipped {
    pub(crate) fn add(&mut self, relative: String) {
        self.count += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(relative);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_extensions_by_default() {
        let filter = FileFilter::default();
        for path in [
            "a.txt",
            "dev/b.HTML",
            "c.htm",
            "d.jsonl",
            "e.ndjson",
            "f.json",
            "g.jsonl.gz",
            "h.txt.gz",
        ] {
            assert!(filter.selects(path), "{path}");
        }
        for path in ["README.md", "SOURCE.md", "x.zip", "notes", "a.gz", "b.csv"] {
            assert!(!filter.selects(path), "{path}");
        }
    }

    #[test]
    fn globs_replace_and_excludes_remove() {
        let globs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let filter =
            FileFilter::new(&globs(&["*.md"]), &globs(&["README*", "drafts/**", "old"])).unwrap();
        assert!(filter.selects("notes.md") && filter.selects("sub/notes.md"));
        assert!(!filter.selects("a.txt"), "--glob replaces the default set");
        assert!(!filter.selects("sub/README.md") && !filter.selects("drafts/x.md"));
        assert!(filter.excludes_dir("old") && filter.excludes_dir("a/old"));
        assert!(!filter.excludes_dir("final"));
        assert!(FileFilter::new(&globs(&["a[b"]), &[]).is_err());
    }
}
