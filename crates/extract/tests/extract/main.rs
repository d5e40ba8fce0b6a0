//! Integration tests of resume-extract against the real corpus files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on bad fixtures"
)]

mod api;
mod corpus;
mod edge_cases;
mod features;
mod layouts;
mod limits;
mod smoke_fuzz;

use std::path::{Path, PathBuf};

use resume_extract::{Extractor, Limits};

/// The corpus folder of the repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// The names of the authored resumes.
pub fn resume_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join("resumes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 18, "the corpus should hold eighteen resumes");
    names
}

/// The bytes of `resumes/<name>/<name>.<ext>`.
pub fn resume_bytes(name: &str, ext: &str) -> Vec<u8> {
    std::fs::read(
        corpus_dir()
            .join("resumes")
            .join(name)
            .join(format!("{name}.{ext}")),
    )
    .unwrap()
}

/// The bytes of `layouts/<name>/<name>.<ext>`.
pub fn layout_bytes(name: &str, ext: &str) -> Vec<u8> {
    std::fs::read(
        corpus_dir()
            .join("layouts")
            .join(name)
            .join(format!("{name}.{ext}")),
    )
    .unwrap()
}

/// The reference text of a resume (LibreOffice's text export).
pub fn reference_text(name: &str) -> String {
    String::from_utf8(resume_bytes(name, "txt")).unwrap()
}

/// An extractor with the default limits.
pub fn extractor() -> Extractor {
    Extractor::new(Limits::default())
}
