//! End-to-end request timings through the real server on SQLite: login
//! (Argon2id), the enhancement of a DOCX and a PDF (extract, parse, tailor,
//! store), reading a resume and patching a section.
//!
//! `cargo bench -p resume-server --bench http`

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops on any failure"
)]

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use reqwest::Client;
use resume_server::config::{EnhancerMode, Secret, Settings};
use resume_server::Application;
use serde_json::{json, Value};

const ADMIN: (&str, &str) = ("bench-admin@example.com", "bench-admin-password");

struct Bench {
    base: String,
    client: Client,
    token: String,
    job: i64,
    resume: i64,
    _dir: tempfile::TempDir,
}

fn corpus(relative: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/corpus")
            .join(relative),
    )
    .unwrap()
}

async fn post(client: &Client, url: String, token: Option<&str>, body: &Value) -> Value {
    let mut request = client.post(url).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    response.json().await.unwrap()
}

async fn setup() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.database.url = format!("sqlite://{}", dir.path().join("bench.db").display());
    settings.server.port = 0;
    settings.auth.jwt_secret = Some(Secret::new("a-benchmark-signing-key-long-enough-000"));
    settings.auth.admin_email = Some(ADMIN.0.to_owned());
    settings.auth.admin_password = Some(Secret::new(ADMIN.1));
    settings.enhancer.mode = EnhancerMode::Offline;
    settings.quota.premium_daily = 1_000_000;
    settings.log.filter = "error".to_owned();

    let app = Application::build(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let _already = rustls::crypto::ring::default_provider().install_default();
    let client = Client::new();

    let login = json!({ "email": ADMIN.0, "password": ADMIN.1 });
    let admin = post(&client, format!("{base}/api/auth/login/"), None, &login).await;
    let token = admin["access_token"].as_str().unwrap().to_owned();
    let posting: Value =
        serde_json::from_slice(&corpus("jobs/senior-backend-engineer.json")).unwrap();
    let job = post(&client, format!("{base}/api/jobs/"), Some(&token), &posting).await;
    let job = job["id"].as_i64().unwrap();

    let mut bench = Bench {
        base,
        client,
        token,
        job,
        resume: 0,
        _dir: dir,
    };
    let first = bench
        .enhance("resumes/marcus-adeyemi/marcus-adeyemi.docx")
        .await;
    bench.resume = first["enhanced_resume"]["id"].as_i64().unwrap();
    bench
}

impl Bench {
    async fn enhance(&self, file: &str) -> Value {
        let part = reqwest::multipart::Part::bytes(corpus(file)).file_name("resume");
        let form = reqwest::multipart::Form::new().part("file", part);
        let url = format!("{}/api/resume/enhance-resume/{}/", self.base, self.job);
        let response = self
            .client
            .post(url)
            .bearer_auth(&self.token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        response.json().await.unwrap()
    }
}

fn http(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let bench = runtime.block_on(setup());
    let mut group = c.benchmark_group("http");
    group.sample_size(10);

    group.bench_function("login", |b| {
        let body = json!({ "email": ADMIN.0, "password": ADMIN.1 });
        let url = format!("{}/api/auth/login/", bench.base);
        b.iter(|| runtime.block_on(post(&bench.client, url.clone(), None, &body)));
    });
    group.bench_function("enhance_docx", |b| {
        b.iter(|| runtime.block_on(bench.enhance("resumes/marcus-adeyemi/marcus-adeyemi.docx")));
    });
    group.bench_function("enhance_pdf", |b| {
        b.iter(|| runtime.block_on(bench.enhance("resumes/marcus-adeyemi/marcus-adeyemi.pdf")));
    });
    group.bench_function("get_resume", |b| {
        let url = format!(
            "{}/api/resume/enhanced-resume/{}/",
            bench.base, bench.resume
        );
        b.iter(|| {
            runtime.block_on(async {
                let response = bench
                    .client
                    .get(&url)
                    .bearer_auth(&bench.token)
                    .send()
                    .await;
                response.unwrap().bytes().await.unwrap()
            })
        });
    });
    group.bench_function("patch_basic_info", |b| {
        let url = format!(
            "{}/api/resume/enhanced-basic-info/?resume_id={}",
            bench.base, bench.resume
        );
        let body = json!({ "summary": "Benchmark summary." });
        b.iter(|| {
            runtime.block_on(async {
                let request = bench
                    .client
                    .patch(&url)
                    .bearer_auth(&bench.token)
                    .json(&body);
                request.send().await.unwrap().bytes().await.unwrap()
            })
        });
    });
    group.finish();
}

criterion_group!(benches, http);
criterion_main!(benches);
