use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `quotewire` with `args`, feeding `stdin`.
pub fn quotewire(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("quotewire starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "quotewire panicked: {stderr}");
    output
}

/// The JSON lines of an output.
pub fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// The text under a `{"start", "end"}` span.
pub fn slice<'t>(text: &'t str, span: &Value) -> &'t str {
    let at = |k: &str| {
        span[k]
            .as_u64()
            .unwrap_or_else(|| panic!("no {k} in {span}")) as usize
    };
    &text[at("start")..at("end")]
}

/// The shared data folder, or `None` (with a note) when it is absent.
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("QUOTEWIRE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: shared data not found at {} (set QUOTEWIRE_DATA)",
            dir.display()
        );
        None
    }
}
