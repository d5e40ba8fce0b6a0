//! The public API: the async port, format detection, limits on input size.

use resume_domain::ports::TextExtractor;
use resume_domain::{DocumentFormat, ExtractError};
use resume_extract::{detect_format, Extractor, Limits};

use crate::{extractor, resume_bytes};

#[tokio::test]
async fn the_port_extracts_on_a_blocking_thread() {
    let port: &dyn TextExtractor = &extractor();
    let doc = port
        .extract(resume_bytes("luca-bianchi", "docx"))
        .await
        .unwrap();
    assert_eq!(doc.format, DocumentFormat::Docx);
    assert!(doc.text.contains("Luca"));
    assert_eq!(port.extract(Vec::new()).await, Err(ExtractError::Empty));
}

#[test]
fn formats_are_detected_from_the_bytes() {
    let cases = [
        ("docx", DocumentFormat::Docx),
        ("doc", DocumentFormat::Doc),
        ("odt", DocumentFormat::Odt),
        ("txt", DocumentFormat::Text),
        ("pdf", DocumentFormat::Pdf),
    ];
    for (ext, format) in cases {
        assert_eq!(
            detect_format(&resume_bytes("karin-ostlund", ext)),
            Some(format),
            "{ext}"
        );
    }
    assert_eq!(detect_format(b""), None);
    assert_eq!(detect_format(b"\x00\x01\x02\x03binary\x00"), None);
}

#[test]
fn a_file_larger_than_the_byte_limit_is_refused_before_parsing() {
    let limits = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let err = Extractor::new(limits)
        .extract_bytes(&resume_bytes("karin-ostlund", "docx"))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::LimitExceeded {
                limit: "file size",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_zip_that_is_no_document_is_unsupported() {
    let bytes = crate::limits::zip_of(&[("notes/readme.md", b"hello".as_slice())]);
    let err = extractor().extract_bytes(&bytes).unwrap_err();
    assert!(matches!(err, ExtractError::UnsupportedFormat(_)), "{err:?}");
}
