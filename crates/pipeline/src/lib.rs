#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod index;
mod pipeline;
pub mod related;

pub use pipeline::{Outcome, Pipeline};
