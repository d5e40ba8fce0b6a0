//! Extracts and parses one resume file and prints the extracted text (with
//! `--text`) and the parsed resume as JSON.
//!
//! `cargo run -p resume-parse --example parse_file -- path/to/resume.pdf [--text]`

use std::sync::Arc;

use resume_domain::ports::ResumeParser;
use resume_extract::{Extractor, Limits};
use resume_parse::ResumeTextParser;
use resume_skills::Taxonomy;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_file <resume file> [--text]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let document = match Extractor::new(Limits::default()).extract_bytes(&bytes) {
        Ok(document) => document,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    if std::env::args().any(|a| a == "--text") {
        println!("{}\n---\n{:?}\n---", document.text, document.links);
    }
    let parser = ResumeTextParser::new(Arc::new(Taxonomy::builtin()));
    let content = parser.parse(&document);
    match serde_json::to_string_pretty(&content) {
        Ok(json) => println!("{json}"),
        Err(error) => eprintln!("{error}"),
    }
}
