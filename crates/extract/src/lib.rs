//! Text extraction: the [`resume_domain::ports::TextExtractor`] adapter.
//!
//! The format is decided from the bytes (magic numbers, the zip's content
//! types), never from a file name. Every parser is bounded by [`Limits`]:
//! input size, zip entries and inflated sizes, compression ratio, nesting
//! depth and a wall-clock budget.

mod detect;
mod doc;
mod docx;
pub mod limits;
pub mod metrics;
mod odt;
mod ooxml;
mod output;
mod package;
mod pdf;
mod rtf;
mod text;
mod xml;

use std::time::Instant;

use async_trait::async_trait;
use resume_domain::ports::TextExtractor;
use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument};
use tracing::Instrument;

pub use limits::{Deadline, Limits};

use crate::detect::Sniffed;

/// Extracts the text of resumes in every supported format.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    limits: Limits,
}

impl Extractor {
    /// An extractor bounded by `limits`.
    pub fn new(limits: Limits) -> Self {
        Self { limits }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Extracts the text of `bytes`, detecting the format from the bytes.
    ///
    /// # Errors
    /// See [`TextExtractor::extract`].
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<ExtractedDocument, ExtractError> {
        if bytes.is_empty() {
            return Err(ExtractError::Empty);
        }
        if bytes.len() > self.limits.max_bytes {
            return Err(ExtractError::LimitExceeded {
                limit: "file size",
                detail: format!(
                    "the file has {} bytes; at most {} are accepted",
                    bytes.len(),
                    self.limits.max_bytes
                ),
            });
        }
        let deadline = Deadline::after(self.limits.time_budget);
        let limits = &self.limits;
        let document = match detect::sniff(bytes, limits, &deadline)? {
            Sniffed::Pdf => pdf::extract(bytes, limits, &deadline),
            Sniffed::Docx(mut package) => docx::extract(&mut package, limits, &deadline),
            Sniffed::Odt(mut package) => odt::extract(&mut package, limits, &deadline),
            Sniffed::Doc(mut file) => doc::extract(&mut file, limits, &deadline),
            Sniffed::Rtf => rtf::extract(bytes, limits, &deadline),
            Sniffed::Text => text::extract(bytes),
        }?;
        deadline.check()?;
        Ok(document)
    }
}

#[async_trait]
impl TextExtractor for Extractor {
    async fn extract(&self, bytes: Vec<u8>) -> Result<ExtractedDocument, ExtractError> {
        let span = tracing::info_span!(
            "extract",
            document.format = tracing::field::Empty,
            document.bytes = bytes.len(),
            extract.ms = tracing::field::Empty,
        );
        let extractor = self.clone();
        let work = async move {
            let started = Instant::now();
            let result = tokio::task::spawn_blocking(move || extractor.extract_bytes(&bytes))
                .await
                .map_err(|e| ExtractError::Corrupt(format!("the extraction task failed: {e}")))?;
            let span = tracing::Span::current();
            span.record(
                "extract.ms",
                u64::try_from(started.elapsed().as_millis()).unwrap_or(0),
            );
            match &result {
                Ok(document) => {
                    span.record("document.format", document.format.as_str());
                    tracing::debug!(words = document.word_count(), "text extracted");
                }
                Err(err) => tracing::info!(error = %err, "text extraction refused the file"),
            }
            result
        };
        work.instrument(span).await
    }
}

/// The format of `bytes`, from the bytes alone; `None` when empty,
/// unsupported, or a container that cannot be opened.
pub fn detect_format(bytes: &[u8]) -> Option<DocumentFormat> {
    let limits = Limits::default();
    let deadline = Deadline::after(limits.time_budget);
    detect::sniff(bytes, &limits, &deadline)
        .ok()
        .map(|sniffed| sniffed.format())
}
