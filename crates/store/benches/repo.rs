//! Latency of the repository operations the API uses most, on SQLite (a
//! temporary file) and, when `TEST_DATABASE_URL` is set, on a fresh
//! PostgreSQL database.
//!
//! Run with `cargo bench -p resume-store --bench repo`.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use resume_domain::ports::{ResumeEdit, ResumeRepo};
use resume_domain::{ResumeContent, StoredResume};
use tokio::runtime::Runtime;

#[allow(dead_code)]
#[path = "../tests/contract/support.rs"]
mod support;

use support::{at, job, new_resume, user, TestDb};

/// Resumes the measured owner has, so that `list` reads a realistic page.
const RESUMES_PER_OWNER: i64 = 20;

fn seeded(runtime: &Runtime, db: &TestDb) -> StoredResume {
    runtime.block_on(async {
        let owner = user(&db.store, "bench@example.com").await;
        let target = job(&db.store, "Engineer").await;
        let mut last = None;
        for n in 0..RESUMES_PER_OWNER {
            let stored = db
                .store
                .insert(new_resume(&owner, &target, at(n, 0)))
                .await
                .unwrap();
            last = Some(stored);
        }
        last.unwrap()
    })
}

fn add_interest(n: u64) -> ResumeEdit {
    Box::new(move |content: &mut ResumeContent| {
        content.interests.truncate(8);
        content.interests.push(format!("interest {n}"));
        Ok(())
    })
}

fn measure(c: &mut Criterion, backend: &str, db: &TestDb) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let resume = seeded(&runtime, db);
    let store = &db.store;
    let mut group = c.benchmark_group(backend);

    group.bench_function("get", |b| {
        b.iter(|| {
            runtime
                .block_on(store.get(resume.user_id, resume.id))
                .unwrap()
        })
    });
    group.bench_function("list_20", |b| {
        b.iter(|| runtime.block_on(store.list(resume.user_id)).unwrap())
    });
    group.bench_function("created_since", |b| {
        b.iter(|| {
            runtime
                .block_on(store.created_since(resume.user_id, at(0, 0)))
                .unwrap()
        })
    });
    let mut n = 0;
    group.bench_function("update", |b| {
        b.iter(|| {
            n += 1;
            let edit = add_interest(n);
            runtime
                .block_on(store.update(resume.user_id, resume.id, edit, at(1, 0)))
                .unwrap()
        })
    });
    let template = new_resume_like(&resume);
    group.bench_function("insert", |b| {
        b.iter(|| runtime.block_on(store.insert(template.clone())).unwrap())
    });
    group.finish();
}

fn new_resume_like(resume: &StoredResume) -> resume_domain::NewStoredResume {
    resume_domain::NewStoredResume {
        user_id: resume.user_id,
        job_id: resume.job_id,
        content: resume.content.clone(),
        engine: resume.engine,
        report: resume.report.clone(),
        created_at: at(-1, 0),
    }
}

fn repositories(c: &mut Criterion) {
    measure(c, "sqlite", &TestDb::sqlite());
    if let Some(db) = TestDb::postgres() {
        measure(c, "postgres", &db);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = repositories
}
criterion_main!(benches);
