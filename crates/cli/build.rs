//! See quotewire-build: libtorch_rpath, shared_data_cfg, minilm_cfg.
fn main() {
    quotewire_build::libtorch_rpath();
    quotewire_build::shared_data_cfg();
    quotewire_build::minilm_cfg();
}
