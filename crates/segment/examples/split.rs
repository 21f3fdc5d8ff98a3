//! Prints the sentences of a file (or stdin), one per line: `cargo run --example split -- FILE`.

use std::io::Read;

use quotewire_segment::Segmenter;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path)?,
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let segmenter = Segmenter::new();
    for sentence in segmenter.sentences(&text) {
        println!("{}", text[sentence.range()].replace('\n', " "));
    }
    Ok(())
}
