//! `quotewire index merge`: speaker indexes of separate runs made into one.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use quotewire_pipeline::index::{Aliases, SpeakerIndex};

use crate::args::IndexMergeArgs;
use crate::batch::write_json;

pub fn run(args: &IndexMergeArgs) -> anyhow::Result<ExitCode> {
    let aliases = read_aliases(args.aliases.as_deref())?;
    let mut merged = SpeakerIndex::default();
    for path in &args.inputs {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let part: SpeakerIndex = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a speaker index", path.display()))?;
        merged.merge(part);
    }
    merged.finish_with(&aliases);
    write_json(&merged, &args.output)?;
    Ok(ExitCode::SUCCESS)
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
