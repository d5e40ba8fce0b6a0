//! Tailoring the two-page corpus resume (marcus-adeyemi, read by the real
//! parser) to the backend posting: job analysis, the whole offline
//! enhancement, and the truthfulness check alone.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "corpus files are part of the repository; a missing one should fail loudly"
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use resume_domain::ports::{Clock, ResumeParser, SourceResume};
use resume_domain::truth::check;
use resume_domain::{DocumentFormat, ExtractedDocument, Job, JobId, JobPosting};
use resume_enhance_offline::OfflineEnhancer;
use resume_parse::ResumeTextParser;
use resume_skills::{analyze_job, Taxonomy};

struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 15, 12, 0, 0).unwrap()
    }
}

fn corpus(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(path);
    std::fs::read_to_string(full)
        .unwrap()
        .trim_start_matches('\u{feff}')
        .to_owned()
}

fn inputs(taxonomy: &Taxonomy) -> (SourceResume, Job) {
    let text = corpus("resumes/marcus-adeyemi/marcus-adeyemi.txt");
    let document = ExtractedDocument {
        format: DocumentFormat::Text,
        text: text.clone(),
        links: Vec::new(),
        page_count: None,
    };
    let content = ResumeTextParser::new(Arc::new(taxonomy.clone())).parse(&document);
    let posting: JobPosting =
        serde_json::from_str(&corpus("jobs/senior-backend-engineer.json")).unwrap();
    let job = Job {
        id: JobId::new(1),
        posting,
        created_by: None,
        created_at: Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap(),
    };
    (SourceResume { text, content }, job)
}

fn bench(c: &mut Criterion) {
    let taxonomy = Taxonomy::builtin();
    let (source, job) = inputs(&taxonomy);
    let enhancer = OfflineEnhancer::new(taxonomy.clone(), Arc::new(FixedClock));
    let enhanced = enhancer.tailor(&source, &job).content;
    c.bench_function("analyze_job/senior-backend-engineer", |b| {
        b.iter(|| analyze_job(black_box(&job), &taxonomy))
    });
    c.bench_function("enhance/marcus-adeyemi", |b| {
        b.iter(|| enhancer.tailor(black_box(&source), black_box(&job)))
    });
    c.bench_function("truth_check/marcus-adeyemi", |b| {
        b.iter(|| check(black_box(&source), black_box(&enhanced), &taxonomy))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
