//! PDF text extraction with lopdf.

use resume_domain::{ExtractError, ExtractedDocument};

use crate::limits::{Deadline, Limits};

/// Extracts the text of a PDF in reading order.
#[allow(dead_code)]
pub(crate) fn extract(
    _bytes: &[u8],
    _limits: &Limits,
    _deadline: &Deadline,
) -> Result<ExtractedDocument, ExtractError> {
    Err(ExtractError::UnsupportedFormat("pdf reading is being written".into()))
}
