//! Each limit, hit by a file built to hit it.

use std::io::{Cursor, Write};
use std::time::Duration;

use resume_domain::ExtractError;
use resume_extract::{Extractor, Limits};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::resume_bytes;

/// A deflated zip with the given entries.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn docx_with_body(body: &[u8]) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", body),
    ])
}

fn limited(limits: Limits, bytes: &[u8]) -> ExtractError {
    Extractor::new(limits).extract_bytes(bytes).unwrap_err()
}

fn limit_of(err: &ExtractError) -> &'static str {
    match err {
        ExtractError::LimitExceeded { limit, .. } => limit,
        other => panic!("expected a limit, got {other:?}"),
    }
}

#[test]
fn a_zip_bomb_entry_is_stopped_by_the_compression_ratio() {
    let bomb = vec![b'a'; 40 * 1024 * 1024];
    let bytes = docx_with_body(&bomb);
    assert!(
        bytes.len() < 200 * 1024,
        "the bomb is small: {}",
        bytes.len()
    );
    let err = limited(Limits::default(), &bytes);
    assert_eq!(limit_of(&err), "compression ratio");
}

#[test]
fn an_entry_larger_than_the_entry_limit_is_refused() {
    let limits = Limits {
        max_stream_bytes: 4096,
        ..Limits::default()
    };
    let err = limited(limits, &resume_bytes("marcus-adeyemi", "docx"));
    assert_eq!(limit_of(&err), "zip entry size");
}

#[test]
fn entries_larger_together_than_the_total_limit_are_refused() {
    let limits = Limits {
        max_total_bytes: 20_000,
        ..Limits::default()
    };
    let err = limited(limits, &resume_bytes("marcus-adeyemi", "docx"));
    assert_eq!(limit_of(&err), "total decompressed size");
}

#[test]
fn a_zip_with_too_many_entries_is_refused() {
    let names: Vec<String> = (0..50).map(|i| format!("junk/{i}.xml")).collect();
    let mut entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), b"<a/>".as_slice()))
        .collect();
    entries.push(("[Content_Types].xml", CONTENT_TYPES));
    let limits = Limits {
        max_zip_entries: 20,
        ..Limits::default()
    };
    assert_eq!(limit_of(&limited(limits, &zip_of(&entries))), "zip entries");
}

#[test]
fn xml_nested_past_the_depth_limit_is_refused() {
    let mut body = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    body.push_str(&"<w:sdt>".repeat(100));
    body.push_str(&"</w:sdt>".repeat(100));
    body.push_str("</w:body></w:document>");
    let limits = Limits {
        max_depth: 64,
        ..Limits::default()
    };
    let err = limited(limits, &docx_with_body(body.as_bytes()));
    assert_eq!(limit_of(&err), "XML nesting depth");
}

#[test]
fn rtf_groups_nested_past_the_depth_limit_are_refused() {
    let source = format!("{{\\rtf1 {}deep{}}}", "{".repeat(80), "}".repeat(80));
    let limits = Limits {
        max_depth: 64,
        ..Limits::default()
    };
    assert_eq!(
        limit_of(&limited(limits, source.as_bytes())),
        "RTF group depth"
    );
}

#[test]
fn the_time_budget_stops_a_long_extraction() {
    let limits = Limits {
        time_budget: Duration::ZERO,
        ..Limits::default()
    };
    for ext in ["docx", "doc", "odt", "txt"] {
        let err = limited(limits.clone(), &resume_bytes("marcus-adeyemi", ext));
        assert!(matches!(err, ExtractError::Timeout(0)), "{ext}: {err:?}");
    }
}
