//! Limits that bound the work and memory one document may take.

use std::time::{Duration, Instant};

use resume_domain::ExtractError;

/// Bounds on one extraction. Every parser checks the ones that apply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input, in bytes.
    pub max_bytes: usize,
    /// Most pages read from a PDF.
    pub max_pages: u32,
    /// Largest decompressed size of one stream or zip entry, in bytes.
    pub max_stream_bytes: u64,
    /// Largest decompressed size of all streams or entries together, in bytes.
    pub max_total_bytes: u64,
    /// Most entries in a zip container.
    pub max_zip_entries: usize,
    /// Largest ratio of decompressed to compressed size of a zip entry.
    pub max_compression_ratio: u64,
    /// Deepest XML element nesting (and RTF group nesting).
    pub max_depth: usize,
    /// Wall-clock budget for one document.
    pub time_budget: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 10 * 1024 * 1024,
            max_pages: 50,
            max_stream_bytes: 32 * 1024 * 1024,
            max_total_bytes: 128 * 1024 * 1024,
            max_zip_entries: 2_000,
            max_compression_ratio: 200,
            max_depth: 256,
            time_budget: Duration::from_secs(10),
        }
    }
}

/// The instant by which an extraction must be done.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    end: Instant,
    budget: Duration,
}

impl Deadline {
    /// A deadline `budget` from now.
    pub fn after(budget: Duration) -> Self {
        Self {
            end: Instant::now() + budget,
            budget,
        }
    }

    /// Fails with [`ExtractError::Timeout`] once the deadline has passed.
    ///
    /// # Errors
    /// [`ExtractError::Timeout`] past the deadline.
    pub fn check(&self) -> Result<(), ExtractError> {
        if Instant::now() > self.end {
            let ms = u64::try_from(self.budget.as_millis()).unwrap_or(u64::MAX);
            Err(ExtractError::Timeout(ms))
        } else {
            Ok(())
        }
    }
}
