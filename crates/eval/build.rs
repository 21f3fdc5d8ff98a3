//! See quotewire-build: shared_data_cfg.
fn main() {
    quotewire_build::shared_data_cfg();
}
