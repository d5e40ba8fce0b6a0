//! Cost of hashing and verifying at the OWASP parameters, and whether
//! verifying for an unknown account (no stored hash) costs the same as for a
//! known one, which is what keeps login time from revealing that an email
//! exists. Run with `cargo bench -p resume-auth`.

#![expect(
    clippy::unwrap_used,
    reason = "a benchmark that cannot set up should stop"
)]

use criterion::{criterion_group, criterion_main, Criterion};
use resume_auth::Argon2Hasher;
use resume_domain::ports::PasswordHasher as _;

fn password(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let hasher = Argon2Hasher::owasp().unwrap();
    let stored = runtime
        .block_on(hasher.hash("correct horse battery".into()))
        .unwrap();

    let mut group = c.benchmark_group("argon2id_owasp");
    group.sample_size(20);
    group.bench_function("hash", |b| {
        b.iter(|| {
            runtime
                .block_on(hasher.hash("correct horse battery".into()))
                .unwrap()
        });
    });
    group.bench_function("verify_known_account", |b| {
        b.iter(|| {
            let hash = Some(stored.clone());
            runtime
                .block_on(hasher.verify("wrong horse".into(), hash))
                .unwrap()
        });
    });
    group.bench_function("verify_unknown_account", |b| {
        b.iter(|| {
            runtime
                .block_on(hasher.verify("wrong horse".into(), None))
                .unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, password);
criterion_main!(benches);
