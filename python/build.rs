//! See quotewire-build: libtorch_rpath.
fn main() {
    quotewire_build::libtorch_rpath();
}
