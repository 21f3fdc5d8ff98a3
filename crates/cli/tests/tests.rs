//! Integration tests: they drive the real `quotewire` binary.

mod batch;
mod eval;
mod export;
mod index;
mod inputs;
mod report;
mod run;
mod score;
mod shared_data;
mod speakers;
#[cfg(feature = "transformer")]
mod transformer;
mod util;
