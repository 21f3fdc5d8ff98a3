//! With the `transformer` feature, this package's executables (binaries, tests) find libtorch
//! where `LIBTORCH` pointed at build time (an rpath), so they run without `LD_LIBRARY_PATH`; its
//! data tests run when the shared data is found at build time.
fn main() {
    // Tests that need the shared research data are `#[ignore]`d, and so reported as ignored,
    // unless the data is where the tests will look for it when they are built.
    println!("cargo::rustc-check-cfg=cfg(shared_data)");
    println!("cargo:rerun-if-env-changed=QUOTEWIRE_DATA");
    let data = std::env::var_os("QUOTEWIRE_DATA").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        std::path::PathBuf::from,
    );
    if data.is_dir() {
        println!("cargo:rustc-cfg=shared_data");
    }
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_some() {
        if let Some(dir) = std::env::var_os("LIBTORCH") {
            let lib = std::path::Path::new(&dir).join("lib");
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
        }
    }
}
