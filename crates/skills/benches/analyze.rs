//! Job analysis and scoring speed on the corpus: the backend posting, and
//! the two-page resume (marcus-adeyemi) scored against it as plain text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "corpus files are part of the repository; a missing one should fail loudly"
)]

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use resume_domain::JobPosting;
use resume_skills::{analyze_posting, score, ResumeEvidence, Taxonomy};

fn corpus(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(path);
    std::fs::read_to_string(full).unwrap()
}

fn bench(c: &mut Criterion) {
    let taxonomy = Taxonomy::builtin();
    let posting: JobPosting =
        serde_json::from_str(&corpus("jobs/senior-backend-engineer.json")).unwrap();
    let resume = corpus("resumes/marcus-adeyemi/marcus-adeyemi.txt");
    let profile = analyze_posting(&posting, &taxonomy);

    c.bench_function("analyze_posting/senior-backend-engineer", |b| {
        b.iter(|| analyze_posting(black_box(&posting), &taxonomy))
    });
    c.bench_function("score_text/marcus-adeyemi", |b| {
        b.iter(|| {
            score(
                &profile,
                &ResumeEvidence::from_text(black_box(&resume), &taxonomy),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
