//! Text extraction: the [`resume_domain::ports::TextExtractor`] adapter.
//!
//! The format is decided from the bytes (magic numbers, the zip's content
//! types), never from a file name. Every parser is bounded by [`Limits`].

pub mod limits;
mod pdf;

pub use limits::{Deadline, Limits};
