#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod ids;
mod in_flight;
pub mod index;
mod pipeline;
pub mod related;
mod summary;

pub use ids::{DUPLICATE_ID, DocumentIds};
pub use in_flight::InFlight;
pub use pipeline::{Outcome, Pipeline};
pub use summary::{Failure, RunSummary, SummaryFigures};
