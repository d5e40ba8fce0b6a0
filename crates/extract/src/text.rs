//! Plain text: UTF-8, UTF-16 with a byte-order mark, or Windows-1252.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument};

use crate::output::TextSink;

/// Share of bytes that must be printable for bytes that are not UTF-8 to be
/// read as Windows-1252 text.
const MIN_PRINTABLE_SHARE: f64 = 0.95;

/// Decodes `bytes` when they look like text; `None` otherwise.
pub(crate) fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(str::to_owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, false);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return mostly_printable(text.chars()).then(|| text.to_owned());
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    mostly_printable(text.chars()).then(|| text.into_owned())
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> Option<String> {
    let encoding = if little_endian { UTF_16LE } else { UTF_16BE };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Whether nearly every character is printable or ordinary white space, and
/// none is NUL.
fn mostly_printable(chars: impl Iterator<Item = char>) -> bool {
    let mut total = 0usize;
    let mut printable = 0usize;
    for c in chars {
        if c == '\0' {
            return false;
        }
        total += 1;
        if !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            printable += 1;
        }
    }
    total > 0 && printable as f64 >= total as f64 * MIN_PRINTABLE_SHARE
}

/// Extracts plain text: line ends made `\n`, control characters dropped.
///
/// # Errors
/// [`ExtractError::UnsupportedFormat`] when the bytes are not text,
/// [`ExtractError::NoText`] when it is only white space.
pub(crate) fn extract(bytes: &[u8]) -> Result<ExtractedDocument, ExtractError> {
    let text = decode(bytes)
        .ok_or_else(|| ExtractError::UnsupportedFormat("the bytes are not text".into()))?;
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = normalized
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .filter(|c| *c != '\u{feff}')
        .collect();
    let mut sink = TextSink::default();
    sink.push_str(&cleaned);
    sink.finish(DocumentFormat::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_little_endian_with_bom_is_decoded_and_crlf_becomes_lf() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Ren\u{e9}e\r\nNurse".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(extract(&bytes).unwrap().text, "Ren\u{e9}e\nNurse");
    }

    #[test]
    fn utf16_big_endian_with_bom_is_decoded() {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "M\u{fc}nchen".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(extract(&bytes).unwrap().text, "M\u{fc}nchen");
    }

    #[test]
    fn windows_1252_bytes_are_read_when_not_utf8() {
        let doc = extract(b"Caf\xe9 \x93quoted\x94\r\n").unwrap();
        assert_eq!(doc.text, "Caf\u{e9} \u{201c}quoted\u{201d}");
    }

    #[test]
    fn binary_bytes_are_not_text() {
        assert!(decode(&[0, 1, 2, 3, 0xff, 0x00, 0x10]).is_none());
    }
}
