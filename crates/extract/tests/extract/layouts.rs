//! One layout through every format a word processor saves it in: every
//! word of the document, text boxes included, must come out once.

use std::collections::BTreeMap;

use resume_extract::metrics::words;

use crate::{extractor, layout_bytes};

/// Words as [`words`] gives them, without surrounding punctuation (list
/// bullets are not words of the document), with counts.
fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in words(text) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            *counts.entry(word.to_owned()).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn a_text_frame_and_columns_lose_no_word_in_any_format() {
    let expected = String::from_utf8(layout_bytes("text-frame", "expected.txt")).unwrap();
    let expected = word_counts(&expected);
    for ext in ["odt", "docx", "doc", "rtf", "pdf"] {
        let document = extractor()
            .extract_bytes(&layout_bytes("text-frame", ext))
            .unwrap();
        assert_eq!(word_counts(&document.text), expected, "{ext}");
    }
}

#[test]
fn the_text_frame_comes_before_the_body_it_stands_beside() {
    for ext in ["odt", "docx", "doc", "rtf", "pdf"] {
        let document = extractor()
            .extract_bytes(&layout_bytes("text-frame", ext))
            .unwrap();
        let text = &document.text;
        let contact = text.find("nadia.haddad@example.org");
        let summary = text.find("Summary");
        assert!(
            contact.is_some() && contact < summary,
            "{ext}: the contact block should come before the summary"
        );
        assert!(
            text.lines().any(|line| line.trim() == "+1 617 555 0148"),
            "{ext}: the frame's lines stay lines"
        );
    }
}
