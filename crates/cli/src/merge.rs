//! `quotewire index merge`: speaker indexes of separate runs made into one.

use std::process::ExitCode;

use anyhow::Context;
use quotewire_pipeline::index::SpeakerIndex;

use crate::args::IndexMergeArgs;
use crate::files::{read_aliases, write_json};

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
