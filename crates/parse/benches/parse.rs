//! Parsing time for a two-page resume and a one-column short one.

use std::sync::Arc;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use resume_domain::ports::{ResumeParser, SkillTaxonomy};
use resume_domain::{DocumentFormat, ExtractedDocument, SkillCategory};
use resume_parse::ResumeTextParser;

/// Sorts every skill into the technical category.
struct AllTechnical;

impl SkillTaxonomy for AllTechnical {
    fn category_of(&self, _skill: &str) -> SkillCategory {
        SkillCategory::Technical
    }

    fn canonical(&self, _term: &str) -> Option<String> {
        None
    }
}

fn corpus_text(name: &str) -> String {
    let path = format!(
        "{}/../../tests/corpus/resumes/{name}/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap_or_default()
}

fn bench_parse(c: &mut Criterion) {
    let parser = ResumeTextParser::new(Arc::new(AllTechnical));
    for name in ["marcus-adeyemi", "luca-bianchi"] {
        let document = ExtractedDocument {
            format: DocumentFormat::Text,
            text: corpus_text(name),
            links: Vec::new(),
            page_count: None,
        };
        c.bench_function(&format!("parse {name}"), |b| {
            b.iter(|| parser.parse(black_box(&document)))
        });
    }
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
