//! The corpus edge cases, each with the answer its manifest asks for.

use resume_domain::{DocumentFormat, ExtractError};
use resume_extract::detect_format;
use resume_extract::metrics::word_f1;

use crate::{corpus_dir, extractor, reference_text};

fn edge(file: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join("edge-cases").join(file)).unwrap()
}

#[test]
fn empty_files_are_refused_as_empty_whatever_their_name() {
    for file in ["empty.pdf", "empty.docx", "empty.doc"] {
        assert_eq!(
            extractor().extract_bytes(&edge(file)),
            Err(ExtractError::Empty),
            "{file}"
        );
    }
}

#[test]
fn renamed_files_are_read_by_their_real_format() {
    let cases = [
        ("doc-renamed.docx", DocumentFormat::Doc, "renee-thibodeaux"),
        ("docx-renamed.doc", DocumentFormat::Docx, "jonathan-kessler"),
        ("rtf-as.doc", DocumentFormat::Rtf, "karin-ostlund"),
        ("text-as.pdf", DocumentFormat::Text, "marcus-adeyemi"),
    ];
    for (file, format, name) in cases {
        let doc = extractor()
            .extract_bytes(&edge(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(doc.format, format, "{file}");
        let f1 = word_f1(&reference_text(name), &doc.text);
        assert!(f1 >= 0.99, "{file}: f1 {f1}");
    }
}

#[test]
fn a_pdf_named_docx_goes_to_the_pdf_reader() {
    assert_eq!(
        detect_format(&edge("pdf-renamed.docx")),
        Some(DocumentFormat::Pdf)
    );
    if let Ok(doc) = extractor().extract_bytes(&edge("pdf-renamed.docx")) {
        assert_eq!(doc.format, DocumentFormat::Pdf);
    }
}

#[test]
fn an_office_encrypted_docx_is_reported_as_encrypted() {
    assert_eq!(
        extractor().extract_bytes(&edge("encrypted-password.docx")),
        Err(ExtractError::Encrypted)
    );
}

#[test]
fn damaged_docx_packages_are_corrupt() {
    for file in ["truncated.docx", "missing-document-xml.docx"] {
        let err = extractor().extract_bytes(&edge(file)).unwrap_err();
        assert!(matches!(err, ExtractError::Corrupt(_)), "{file}: {err:?}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn pdf_edge_cases_give_an_answer_without_panicking() {
    let files = [
        "scanned-image-only.pdf",
        "encrypted-user-password.pdf",
        "encrypted-owner-only-restricted.pdf",
        "truncated.pdf",
        "corrupted-streams.pdf",
        "zero-pages.pdf",
    ];
    for file in files {
        assert_eq!(
            detect_format(&edge(file)),
            Some(DocumentFormat::Pdf),
            "{file}"
        );
        if let Ok(doc) = extractor().extract_bytes(&edge(file)) {
            assert_eq!(doc.format, DocumentFormat::Pdf, "{file}");
        }
    }
}
