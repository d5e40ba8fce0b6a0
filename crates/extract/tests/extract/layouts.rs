//! One layout through every format a word processor saves it in: every
//! word of the document, text boxes included, must come out once.

use std::collections::BTreeMap;

use crate::{corpus_dir, extractor};

fn layout_file(name: &str, ext: &str) -> Vec<u8> {
    std::fs::read(
        corpus_dir()
            .join("layouts")
            .join(name)
            .join(format!("{name}.{ext}")),
    )
    .unwrap()
}

/// Words, case-folded and without surrounding punctuation, with counts.
fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in text.split_whitespace() {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !word.is_empty() {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn a_text_frame_and_columns_lose_no_word_in_any_format() {
    let expected = String::from_utf8(layout_file("text-frame", "expected.txt")).unwrap();
    let expected = word_counts(&expected);
    for ext in ["odt", "docx", "doc", "rtf", "pdf"] {
        let document = extractor()
            .extract_bytes(&layout_file("text-frame", ext))
            .unwrap();
        assert_eq!(word_counts(&document.text), expected, "{ext}");
    }
}

#[test]
fn the_text_frame_comes_before_the_body_it_stands_beside() {
    for ext in ["odt", "docx", "doc", "rtf", "pdf"] {
        let document = extractor()
            .extract_bytes(&layout_file("text-frame", ext))
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
