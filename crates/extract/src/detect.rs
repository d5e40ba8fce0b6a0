//! Deciding the format from the bytes alone.

use std::io::Cursor;

use resume_domain::{DocumentFormat, ExtractError};

use crate::limits::{Deadline, Limits};
use crate::package::Package;

/// The magic number of an OLE2 compound file.
pub(crate) const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// How far into the file the `%PDF-` marker may be.
const PDF_MARKER_WINDOW: usize = 1024;

const ODT_MIME: &str = "application/vnd.oasis.opendocument.text";

/// Content types of a main document part that is a word-processing document.
const DOCX_MAIN_TYPES: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// An OLE2 compound file opened over borrowed bytes.
pub(crate) type Compound<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// A file whose format is decided. Where deciding meant opening the
/// container (zip or OLE2), the opened container comes along, so extraction
/// does not read its directory a second time.
pub(crate) enum Sniffed<'a> {
    Pdf,
    Docx(Package<'a>),
    Odt(Package<'a>),
    Doc(Compound<'a>),
    Rtf,
    Text,
}

impl Sniffed<'_> {
    /// The decided format.
    pub(crate) fn format(&self) -> DocumentFormat {
        match self {
            Sniffed::Pdf => DocumentFormat::Pdf,
            Sniffed::Docx(_) => DocumentFormat::Docx,
            Sniffed::Odt(_) => DocumentFormat::Odt,
            Sniffed::Doc(_) => DocumentFormat::Doc,
            Sniffed::Rtf => DocumentFormat::Rtf,
            Sniffed::Text => DocumentFormat::Text,
        }
    }
}

/// Decides the format of `bytes`.
///
/// # Errors
/// [`ExtractError::Empty`], [`ExtractError::UnsupportedFormat`],
/// [`ExtractError::Encrypted`] for a password-protected OOXML package, and
/// [`ExtractError::Corrupt`] for a zip or OLE2 file that cannot be opened.
pub(crate) fn sniff<'a>(
    bytes: &'a [u8],
    limits: &'a Limits,
    deadline: &'a Deadline,
) -> Result<Sniffed<'a>, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    let head = &bytes[..bytes.len().min(PDF_MARKER_WINDOW)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Sniffed::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes, limits, deadline);
    }
    if bytes.starts_with(OLE2_MAGIC) {
        return sniff_ole2(bytes);
    }
    if starts_as_rtf(bytes) {
        return Ok(Sniffed::Rtf);
    }
    if crate::text::decode(bytes).is_some() {
        return Ok(Sniffed::Text);
    }
    Err(ExtractError::UnsupportedFormat(
        "the file is not PDF, DOCX, DOC, ODT, RTF or plain text".into(),
    ))
}

fn starts_as_rtf(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"{\\rtf")
}

fn sniff_zip<'a>(
    bytes: &'a [u8],
    limits: &'a Limits,
    deadline: &'a Deadline,
) -> Result<Sniffed<'a>, ExtractError> {
    let mut package = Package::open(bytes, limits, deadline)?;
    if let Some(mime) = package.read("mimetype")? {
        if String::from_utf8_lossy(&mime).trim() == ODT_MIME {
            return Ok(Sniffed::Odt(package));
        }
        return Err(ExtractError::UnsupportedFormat(
            "an OpenDocument file that is not a text document".into(),
        ));
    }
    if let Some(types) = package.read("[Content_Types].xml")? {
        let types = String::from_utf8_lossy(&types);
        if DOCX_MAIN_TYPES.iter().any(|t| types.contains(t)) {
            return Ok(Sniffed::Docx(package));
        }
        return Err(ExtractError::UnsupportedFormat(
            "an Office Open XML package that is not a Word document".into(),
        ));
    }
    Err(ExtractError::UnsupportedFormat(
        "a zip archive that is not a document".into(),
    ))
}

fn sniff_ole2(bytes: &[u8]) -> Result<Sniffed<'_>, ExtractError> {
    let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        ExtractError::Corrupt(format!("the OLE2 compound file cannot be read ({e})"))
    })?;
    if file.is_stream("/EncryptionInfo") || file.is_stream("/EncryptedPackage") {
        return Err(ExtractError::Encrypted);
    }
    if file.is_stream("/WordDocument") {
        return Ok(Sniffed::Doc(file));
    }
    Err(ExtractError::UnsupportedFormat(
        "an OLE2 compound file that is not a Word document".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff_default(bytes: &[u8]) -> Result<DocumentFormat, ExtractError> {
        let limits = Limits::default();
        sniff(bytes, &limits, &Deadline::after(limits.time_budget)).map(|s| s.format())
    }

    #[test]
    fn a_pdf_marker_after_junk_is_still_a_pdf() {
        let mut bytes = vec![b' '; 300];
        bytes.extend_from_slice(b"%PDF-1.7\n");
        assert_eq!(sniff_default(&bytes), Ok(DocumentFormat::Pdf));
    }

    #[test]
    fn rtf_and_text_are_told_apart() {
        assert_eq!(sniff_default(b"{\\rtf1\\ansi hi}"), Ok(DocumentFormat::Rtf));
        assert_eq!(sniff_default(b"hello\n"), Ok(DocumentFormat::Text));
        assert_eq!(sniff_default(b""), Err(ExtractError::Empty));
        assert!(matches!(
            sniff_default(&[0u8, 159, 146, 150, 0, 1]),
            Err(ExtractError::UnsupportedFormat(_))
        ));
    }
}
