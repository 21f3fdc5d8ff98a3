//! See quotewire-build: libtorch_rpath, minilm_cfg.
fn main() {
    quotewire_build::libtorch_rpath();
    quotewire_build::minilm_cfg();
}
