#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![allow(clippy::needless_doctest_main)] // the README shows a whole build.rs

use std::path::{Path, PathBuf};

/// With the `transformer` feature, links the package's executables with an rpath to
/// `$LIBTORCH/lib`.
pub fn libtorch_rpath() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_some() {
        if let Some(dir) = std::env::var_os("LIBTORCH") {
            let lib = Path::new(&dir).join("lib");
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
        }
    }
}

/// Sets `cfg(shared_data)` when the shared data folder is there: `QUOTEWIRE_DATA`, else
/// `../shared/data` beside the repository.
pub fn shared_data_cfg() {
    println!("cargo::rustc-check-cfg=cfg(shared_data)");
    println!("cargo:rerun-if-env-changed=QUOTEWIRE_DATA");
    let data = std::env::var_os("QUOTEWIRE_DATA")
        .map(PathBuf::from)
        .or_else(|| {
            let package = std::env::var_os("CARGO_MANIFEST_DIR")?;
            let root = Path::new(&package)
                .ancestors()
                .find(|p| p.join("Cargo.lock").exists())?;
            Some(root.join("../shared/data"))
        });
    if data.is_some_and(|d| d.is_dir()) {
        println!("cargo:rustc-cfg=shared_data");
    }
}

/// Sets `cfg(minilm)` when `QUOTEWIRE_MINILM` names a folder.
pub fn minilm_cfg() {
    println!("cargo::rustc-check-cfg=cfg(minilm)");
    println!("cargo:rerun-if-env-changed=QUOTEWIRE_MINILM");
    if std::env::var_os("QUOTEWIRE_MINILM").is_some_and(|d| Path::new(&d).is_dir()) {
        println!("cargo:rustc-cfg=minilm");
    }
}
