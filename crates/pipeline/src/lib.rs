#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod ids;
pub mod index;
mod pipeline;
pub mod related;

pub use ids::DocumentIds;
pub use pipeline::{Outcome, Pipeline};
