//! `quotewire segment`: sentence spans of one text.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use quotewire_segment::Segmenter;

use crate::args::{SegmentArgs, SegmentFormat};

pub fn run(args: &SegmentArgs) -> anyhow::Result<ExitCode> {
    let mut bytes = Vec::new();
    match args.input.as_str() {
        "-" => io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?,
        path => File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .with_context(|| format!("cannot read {path}"))?,
    };
    // Offsets must point into the input bytes, so the text is the input as it is.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => anyhow::bail!(
            "{}: not valid UTF-8 at byte {}; byte offsets need UTF-8 input (convert it first, e.g. iconv -f WINDOWS-1252)",
            args.input,
            e.utf8_error().valid_up_to()
        ),
    };
    let segmenter = Segmenter::builder().line_breaks(args.line_breaks).build();
    let mut out = BufWriter::new(io::stdout().lock());
    for sentence in segmenter.sentences(&text) {
        let written = match args.format {
            SegmentFormat::Jsonl => writeln!(
                out,
                r#"{{"start":{},"end":{}}}"#,
                sentence.start, sentence.end
            ),
            SegmentFormat::Lines => {
                let words: Vec<&str> = text[sentence.range()].split_whitespace().collect();
                writeln!(out, "{}", words.join(" "))
            }
        };
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            other => other.context("cannot write output")?,
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other
            .context("cannot write output")
            .map(|()| ExitCode::SUCCESS),
    }
}
