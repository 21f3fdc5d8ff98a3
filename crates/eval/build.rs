//! The data tests run when the shared data is found at build time.
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
}
