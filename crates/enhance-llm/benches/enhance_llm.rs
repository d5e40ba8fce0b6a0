//! The local cost of a model enhancement: masking, reading an answer, and a
//! whole enhancement of the two-page corpus resume (marcus-adeyemi, read by
//! the real parser, tailored by the real offline engine) against a stand-in
//! chat-completions server on 127.0.0.1 that answers at once. The model's
//! own latency is not part of these figures.

#![expect(clippy::unwrap_used, reason = "benchmark set-up fails loudly")]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use resume_domain::ports::{Clock, Enhancer, ResumeParser, SourceResume};
use resume_domain::{DocumentFormat, ExtractedDocument, Job, JobId, JobPosting};
use resume_enhance_llm::answer::parse_edit_list;
use resume_enhance_llm::mask::Masker;
use resume_enhance_llm::{LlmConfig, LlmEnhancer};
use resume_enhance_offline::OfflineEnhancer;
use resume_parse::ResumeTextParser;
use resume_skills::Taxonomy;

struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
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

fn inputs() -> (SourceResume, Job) {
    let text = corpus("resumes/marcus-adeyemi/marcus-adeyemi.txt");
    let document = ExtractedDocument {
        format: DocumentFormat::Text,
        text: text.clone(),
        links: Vec::new(),
        page_count: None,
    };
    let content = ResumeTextParser::new(Arc::new(Taxonomy::builtin())).parse(&document);
    let posting: JobPosting =
        serde_json::from_str(&corpus("jobs/senior-backend-engineer.json")).unwrap();
    let job = Job {
        id: JobId::new(1),
        posting,
        created_by: None,
        created_at: Utc.timestamp_opt(0, 0).unwrap(),
    };
    (SourceResume { text, content }, job)
}

/// An answer rewording every bullet of the offline result (each edit is
/// truthful, so every one goes through the whole check).
fn answer_for(offline: &OfflineEnhancer, source: &SourceResume, job: &Job) -> String {
    let baseline = offline.tailor(source, job);
    let mut edits = Vec::new();
    for (i, item) in baseline.content.experience.iter().enumerate() {
        for (j, bullet) in item.description.lines().enumerate() {
            edits.push(json!({
                "target": format!("experience[{i}].description[{j}]"),
                "original": bullet,
                "replacement": format!("{bullet} (reworded)"),
                "reason": "bench",
            }));
        }
    }
    json!({ "edits": edits }).to_string()
}

fn benches(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (source, job) = inputs();
    let offline = Arc::new(OfflineEnhancer::new(
        Taxonomy::builtin(),
        Arc::new(FixedClock),
    ));
    let answer = answer_for(&offline, &source, &job);
    let edit_count = parse_edit_list(&answer).unwrap().edits.len();

    c.bench_function("mask the corpus resume text", |b| {
        b.iter(|| {
            let mut masker = Masker::new(&["Marcus Adeyemi".to_owned()], Some("Austin, TX"));
            black_box(masker.mask(black_box(&source.text)))
        })
    });
    c.bench_function(&format!("read an answer of {edit_count} edits"), |b| {
        b.iter(|| parse_edit_list(black_box(&answer)).unwrap())
    });

    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        let body = json!({
            "id": "bench", "object": "chat.completion", "created": 1, "model": "bench",
            "choices": [{ "index": 0, "finish_reason": "stop",
                          "message": { "role": "assistant", "content": answer } }],
            "usage": { "prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2 }
        });
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
        server
    });
    let config = LlmConfig {
        base_url: format!("{}/v1", server.uri()),
        ..LlmConfig::default()
    };
    let enhancer = LlmEnhancer::new(config, offline, Arc::new(Taxonomy::builtin())).unwrap();
    c.bench_function(&format!("enhance with {edit_count} truthful edits"), |b| {
        b.iter(|| runtime.block_on(enhancer.enhance(&source, &job)).unwrap())
    });
}

criterion_group!(group, benches);
criterion_main!(group);
