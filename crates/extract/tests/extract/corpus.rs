//! Every resume in every non-PDF format, measured against its `.txt`.

use resume_domain::DocumentFormat;
use resume_extract::metrics::{order_score, word_f1};

use crate::{corpus_dir, extractor, reference_text, resume_bytes, resume_names};

/// Lowest word F1 accepted for any resume in any format.
const F1_FLOOR: f64 = 0.995;
/// Lowest reading-order score accepted for any resume in any format.
const ORDER_FLOOR: f64 = 0.99;

/// Whether the resume's contact line lives only in the page header, which
/// the LibreOffice text export (the reference) leaves out.
fn header_only_contact(name: &str) -> bool {
    let meta = corpus_dir().join("resumes").join(name).join("meta.json");
    std::fs::read_to_string(meta)
        .unwrap()
        .contains("fields_in_page_header")
}

/// The extracted text comparable with the reference: without the leading
/// page-header block when the reference has none.
fn comparable(name: &str, text: &str) -> String {
    if !header_only_contact(name) {
        return text.to_owned();
    }
    let (header, body) = text.split_once("\n\n").unwrap();
    assert!(
        header.contains("@example"),
        "{name}: the header block comes first"
    );
    body.to_owned()
}

fn check_format(ext: &str, format: DocumentFormat) {
    let mut failures = Vec::new();
    for name in resume_names() {
        let doc = extractor()
            .extract_bytes(&resume_bytes(&name, ext))
            .unwrap_or_else(|e| panic!("{name}.{ext}: {e}"));
        assert_eq!(doc.format, format, "{name}.{ext}");
        let reference = reference_text(&name);
        let text = comparable(&name, &doc.text);
        let f1 = word_f1(&reference, &text);
        let order = order_score(&reference, &text);
        if f1 < F1_FLOOR || order < ORDER_FLOOR {
            failures.push(format!("{name}.{ext}: f1 {f1:.4}, order {order:.4}"));
        }
    }
    assert!(
        failures.is_empty(),
        "below the floors:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_docx_resume_matches_its_text_export() {
    check_format("docx", DocumentFormat::Docx);
}

#[test]
fn every_doc_resume_matches_its_text_export() {
    check_format("doc", DocumentFormat::Doc);
}

#[test]
fn every_odt_resume_matches_its_text_export() {
    check_format("odt", DocumentFormat::Odt);
}

#[test]
fn every_txt_resume_reads_back_word_for_word() {
    for name in resume_names() {
        let doc = extractor()
            .extract_bytes(&resume_bytes(&name, "txt"))
            .unwrap();
        assert_eq!(doc.format, DocumentFormat::Text);
        assert!(
            !doc.text.starts_with('\u{feff}'),
            "{name}: the BOM is stripped"
        );
        assert_eq!(word_f1(&reference_text(&name), &doc.text), 1.0, "{name}");
    }
}

#[test]
fn camilas_header_contact_line_is_read_in_every_office_format() {
    for ext in ["docx", "doc", "odt"] {
        let doc = extractor()
            .extract_bytes(&resume_bytes("camila-munoz", ext))
            .unwrap();
        let first = doc.lines().take(4).collect::<Vec<_>>().join("\n");
        assert!(
            doc.text.contains("@example") && first.contains("@example"),
            "camila-munoz.{ext}: the header's e-mail should come first, got:\n{first}"
        );
    }
}

#[test]
fn two_column_tables_are_read_column_by_column() {
    for ext in ["docx", "doc", "odt"] {
        let doc = extractor()
            .extract_bytes(&resume_bytes("priya-raghunathan", ext))
            .unwrap();
        let pos = |needle: &str| {
            doc.text
                .find(needle)
                .unwrap_or_else(|| panic!("{ext}: {needle}"))
        };
        assert!(pos("Contact") < pos("Interests"), "{ext}: sidebar first");
        assert!(
            pos("Interests") < pos("Profile"),
            "{ext}: sidebar before main column"
        );
        assert!(
            pos("Profile") < pos("Publications"),
            "{ext}: main column in order"
        );
    }
}

#[test]
fn hyperlinks_are_found_with_their_targets() {
    for ext in ["docx", "doc", "odt"] {
        let doc = extractor()
            .extract_bytes(&resume_bytes("marcus-adeyemi", ext))
            .unwrap();
        assert!(
            doc.links.iter().any(|l| l.target.contains("github.com")),
            "marcus-adeyemi.{ext}: links {:?}",
            doc.links
        );
        let mut targets: Vec<&str> = doc.links.iter().map(|l| l.target.as_str()).collect();
        let count = targets.len();
        targets.sort_unstable();
        targets.dedup();
        assert_eq!(targets.len(), count, "{ext}: links are deduplicated");
    }
}

#[test]
fn word_list_bullets_are_marked() {
    let doc = extractor()
        .extract_bytes(&resume_bytes("marcus-adeyemi", "docx"))
        .unwrap();
    assert!(
        doc.lines().any(|l| l.starts_with("\u{2022} Lead engineer")),
        "{}",
        doc.text
    );
}

#[test]
fn words_tex_hyphenated_at_line_ends_are_whole_again() {
    let bytes = std::fs::read(corpus_dir().join("real/altacv__sample.pdf")).unwrap();
    let text = extractor().extract_bytes(&bytes).unwrap().text;
    for word in ["novelist", "preferably"] {
        assert!(text.contains(word), "{word} should be whole");
    }
    assert!(!text.contains("nov-elist") && !text.contains("prefer-ably"));
}
