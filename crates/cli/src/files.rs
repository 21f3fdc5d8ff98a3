//! The files `run` and `index merge` read and write besides records: the aliases file in, speaker
//! indexes and related stories out.

use std::path::Path;

use anyhow::Context;
use quotewire_pipeline::index::Aliases;

/// Writes a speaker index or related stories as pretty JSON.
pub fn write_json(value: &impl serde::Serialize, path: &Path) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(value)
        .with_context(|| format!("cannot serialise {}", path.display()))?;
    std::fs::write(path, json + "\n").with_context(|| format!("cannot write {}", path.display()))
}

/// The aliases file of `--aliases`, or none.
pub fn read_aliases(path: Option<&Path>) -> anyhow::Result<Aliases> {
    let Some(path) = path else {
        return Ok(Aliases::default());
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Aliases::parse(&text).with_context(|| format!("in {}", path.display()))
}
