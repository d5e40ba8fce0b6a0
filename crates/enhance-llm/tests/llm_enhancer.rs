//! The model enhancer against a real HTTP server on 127.0.0.1 that speaks
//! the OpenAI chat-completions wire format (wiremock). No test reaches the
//! network.

#![expect(
    clippy::unwrap_used,
    reason = "fixtures and helpers fail the test loudly"
)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use resume_domain::ports::{Clock, Enhancer, ResumeParser, SkillTaxonomy, SourceResume};
use resume_domain::{
    DocumentFormat, Education, EngineKind, EnhanceError, Enhancement, Experience,
    ExtractedDocument, Job, JobId, JobPosting, MatchReport, Project, ResumeContent, ResumeDate,
};
use resume_enhance_llm::{
    ApiKey, AzureDeployment, FallbackEnhancer, LlmConfig, LlmEnhancer, FALLBACK_WARNING,
    THIN_SOURCE_WARNING,
};
use resume_enhance_offline::OfflineEnhancer;
use resume_parse::ResumeTextParser;
use resume_skills::Taxonomy;

const CHAT_PATH: &str = "/v1/chat/completions";
const BULLET_LATENCY: &str = "- Cut p95 latency by 35% by moving batch jobs to Kafka";
const BULLET_MENTORING: &str = "- Mentored 3 engineers";

// ---------------------------------------------------------------- fixtures

fn source() -> SourceResume {
    let mut content = ResumeContent::default();
    content.basic.full_name = Some("Jane Doe".into());
    content.basic.email = Some("jane.doe@example.com".into());
    content.basic.phone = Some("+1 (555) 010-2030".into());
    content.basic.linkedin = Some("https://linkedin.com/in/janedoe".into());
    content.basic.location = Some("Austin, TX".into());
    content.basic.summary = Some(
        "Jane Doe is a backend engineer with 6 years of experience building payment services \
         in Rust and Go."
            .into(),
    );
    content.experience = vec![
        Experience {
            id: 1,
            company: "Corvid Payments".into(),
            position: "Senior Software Engineer".into(),
            start_date: Some(ResumeDate::YearMonth {
                year: 2019,
                month: 1,
            }),
            end_date: Some(ResumeDate::Present),
            description: format!(
                "- Built the settlement service in Rust processing 2 million payouts a day\n\
                 {BULLET_LATENCY}\n{BULLET_MENTORING}"
            ),
            location: Some("Austin, TX".into()),
        },
        Experience {
            id: 2,
            company: "Harbor Logistics".into(),
            position: "Software Engineer".into(),
            start_date: Some(ResumeDate::YearMonth {
                year: 2016,
                month: 6,
            }),
            end_date: Some(ResumeDate::YearMonth {
                year: 2018,
                month: 12,
            }),
            description: "- Wrote Go services for shipment tracking\n- Ran PostgreSQL migrations"
                .into(),
            location: None,
        },
    ];
    content.projects = vec![Project {
        id: 1,
        name: "ledgerlint".into(),
        description: "A linter for double-entry ledgers, written in Rust. Source: \
                      https://github.com/janedoe/ledgerlint"
            .into(),
        technologies: vec!["Rust".into()],
        ..Project::default()
    }];
    content.skills.technical = vec![
        "Rust".into(),
        "Go".into(),
        "PostgreSQL".into(),
        "Kafka".into(),
    ];
    content.skills.tools = vec!["Docker".into(), "Git".into()];
    content.skills.soft_skills = vec!["Mentoring".into()];
    content.education = vec![Education {
        id: 1,
        institution: "Texas Meridian University".into(),
        degree: Some("B.S.".into()),
        field_of_study: Some("Computer Science".into()),
        graduation_year: Some(2016),
        ..Education::default()
    }];
    let text = resume_text(&content);
    SourceResume { text, content }
}

/// The resume as its extracted text would read.
fn resume_text(content: &ResumeContent) -> String {
    let basic = &content.basic;
    let mut lines = vec![
        "Jane Doe".to_owned(),
        format!(
            "Austin, TX · {} · {} · {}",
            basic.phone.as_deref().unwrap_or_default(),
            basic.email.as_deref().unwrap_or_default(),
            basic.linkedin.as_deref().unwrap_or_default()
        ),
        "SUMMARY".into(),
        basic.summary.clone().unwrap_or_default(),
        "EXPERIENCE".into(),
        "Corvid Payments | Austin, TX    Jan 2019 – Present".into(),
        "Senior Software Engineer".into(),
        content.experience[0].description.clone(),
        "Harbor Logistics    Jun 2016 – Dec 2018".into(),
        "Software Engineer".into(),
        content.experience[1].description.clone(),
        "PROJECTS".into(),
        format!("ledgerlint: {}", content.projects[0].description),
        "SKILLS".into(),
        "Rust, Go, PostgreSQL, Kafka, Docker, Git, Mentoring".into(),
        "EDUCATION".into(),
        "Texas Meridian University, B.S. Computer Science, 2016".into(),
    ];
    lines.retain(|line| !line.is_empty());
    lines.join("\n")
}

/// The backend job posting of the test corpus.
fn job() -> Job {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/jobs/senior-backend-engineer.json"
    );
    let posting: JobPosting =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    Job {
        id: JobId::new(7),
        posting,
        created_by: None,
        created_at: Utc.timestamp_opt(0, 0).unwrap(),
    }
}

/// Stands in for the offline engine: returns the source unchanged with a
/// fixed report, so the tests see exactly what the model changed.
struct OfflineStandIn;

fn offline_report() -> MatchReport {
    MatchReport {
        score_before: 40.0,
        score_after: 52.0,
        matched_keywords: vec!["Go".into(), "PostgreSQL".into(), "Apache Kafka".into()],
        missing_keywords: vec!["Python".into(), "Kubernetes".into()],
    }
}

#[async_trait]
impl Enhancer for OfflineStandIn {
    async fn enhance(
        &self,
        source: &SourceResume,
        _job: &Job,
    ) -> Result<Enhancement, EnhanceError> {
        Ok(Enhancement {
            content: source.content.clone(),
            engine: EngineKind::Offline,
            report: offline_report(),
            warnings: Vec::new(),
            usage: None,
        })
    }
}

/// An enhancer that always fails the same way.
struct Failing(EnhanceError);

#[async_trait]
impl Enhancer for Failing {
    async fn enhance(&self, _: &SourceResume, _: &Job) -> Result<Enhancement, EnhanceError> {
        Err(self.0.clone())
    }
}

/// A clock stopped at 2026-03-01, so the offline engine's counts of years
/// do not depend on the day the tests run.
struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
    }
}

fn real_offline() -> Arc<OfflineEnhancer> {
    Arc::new(OfflineEnhancer::new(
        Taxonomy::builtin(),
        Arc::new(FixedClock),
    ))
}

fn taxonomy() -> Arc<dyn SkillTaxonomy> {
    Arc::new(Taxonomy::builtin())
}

fn config(server: &MockServer) -> LlmConfig {
    LlmConfig {
        api_key: Some(ApiKey::new("sk-test-key")),
        base_url: format!("{}/v1", server.uri()),
        model: "stand-in-model".into(),
        timeout: Duration::from_secs(5),
        max_retries: 2,
        backoff_base: Duration::from_millis(1),
        backoff_max: Duration::from_secs(2),
        default_retry_after: Duration::from_secs(30),
        ..LlmConfig::default()
    }
}

fn enhancer(config: LlmConfig) -> LlmEnhancer {
    LlmEnhancer::new(config, Arc::new(OfflineStandIn), taxonomy()).unwrap()
}

// ------------------------------------------------------- wire format helpers

fn edits(list: &[(&str, &str, &str)]) -> String {
    let edits: Vec<Value> = list
        .iter()
        .map(|(target, original, replacement)| {
            json!({ "target": target, "original": original, "replacement": replacement,
                    "reason": "closer to the job's wording" })
        })
        .collect();
    json!({ "edits": edits }).to_string()
}

fn completion_with(message: Value, finish_reason: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "stand-in-model-2024",
        "choices": [{ "index": 0, "message": message, "finish_reason": finish_reason }],
        "usage": { "prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366 }
    }))
}

fn answer(content: &str) -> ResponseTemplate {
    completion_with(json!({ "role": "assistant", "content": content }), "stop")
}

fn api_error(status: u16, message: &str, param: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "error": { "message": message, "type": "invalid_request_error", "param": param, "code": null }
    }))
}

/// Answers with the given responses in order, repeating the last one.
struct Script(Mutex<VecDeque<ResponseTemplate>>);

impl Script {
    fn new(responses: Vec<ResponseTemplate>) -> Self {
        Self(Mutex::new(responses.into()))
    }
}

impl Respond for Script {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let mut queue = self.0.lock().unwrap();
        if queue.len() > 1 {
            queue.pop_front().unwrap()
        } else {
            queue.front().cloned().unwrap()
        }
    }
}

/// Rejects the listed `response_format` types with a 400, as servers
/// without structured output do, and answers everything else.
struct RejectFormats {
    rejected: &'static [&'static str],
    answer: ResponseTemplate,
}

impl Respond for RejectFormats {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = request.body_json().unwrap();
        let format = body["response_format"]["type"]
            .as_str()
            .unwrap_or("text")
            .to_owned();
        if self.rejected.contains(&format.as_str()) {
            api_error(
                400,
                &format!("Invalid parameter: 'response_format' of type '{format}' is not supported with this model."),
                Some("response_format"),
            )
        } else {
            self.answer.clone()
        }
    }
}

async fn server_with(responder: impl Respond + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT_PATH))
        .respond_with(responder)
        .mount(&server)
        .await;
    server
}

async fn bodies(server: &MockServer) -> Vec<Value> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|request| request.body_json().unwrap())
        .collect()
}

/// The JSON document the enhancer sent as the user message.
fn user_document(body: &Value) -> Value {
    serde_json::from_str(body["messages"][1]["content"].as_str().unwrap()).unwrap()
}

fn line(content: &ResumeContent, job: usize, line: usize) -> String {
    content.experience[job]
        .description
        .lines()
        .nth(line)
        .unwrap()
        .to_owned()
}

fn unavailable_reason(result: Result<Enhancement, EnhanceError>) -> (String, Option<u64>) {
    match result {
        Err(EnhanceError::Unavailable {
            reason,
            retry_after_secs,
        }) => (reason, retry_after_secs),
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

/// A valid answer with one acceptable bullet edit.
fn one_good_edit() -> String {
    edits(&[(
        "experience[0].description[1]",
        "- Cut p95 latency by 35% by moving batch jobs to Kafka",
        "Cut p95 latency by 35% by moving nightly batch jobs to Kafka streams",
    )])
}

const IMPROVED_BULLET: &str =
    "- Cut p95 latency by 35% by moving nightly batch jobs to Kafka streams";

// ------------------------------------------------------------------- tests

#[tokio::test]
async fn accepted_edits_are_applied_and_usage_is_recorded() {
    let answer_text = edits(&[
        (
            "experience[0].description[1]",
            "- Cut p95 latency by 35% by moving batch jobs to Kafka",
            "Cut p95 latency by 35% by moving nightly batch jobs to Kafka streams",
        ),
        (
            "skills.technical",
            "Rust, Go, PostgreSQL, Kafka",
            "Go, Kafka, PostgreSQL, Rust",
        ),
    ]);
    let server = server_with(Script::new(vec![answer(&answer_text)])).await;

    let result = enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    assert_eq!(result.engine, EngineKind::Openai);
    assert_eq!(line(&result.content, 0, 1), IMPROVED_BULLET);
    assert_eq!(line(&result.content, 0, 2), BULLET_MENTORING);
    assert_eq!(
        result.content.skills.technical,
        ["Go", "Kafka", "PostgreSQL", "Rust"]
    );
    assert_eq!(result.content.experience[0].company, "Corvid Payments");
    assert_eq!(result.report, offline_report());
    assert!(result.warnings.is_empty(), "{:?}", result.warnings);

    let usage = result.usage.unwrap();
    assert_eq!(usage.model, "stand-in-model-2024");
    assert_eq!((usage.prompt_tokens, usage.completion_tokens), (321, 45));
    assert!(usage.latency_ms < 5_000);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].headers["authorization"], "Bearer sk-test-key");
    let body: Value = requests[0].body_json().unwrap();
    assert_eq!(body["model"], "stand-in-model");
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(body["response_format"]["json_schema"]["strict"], true);
    assert_eq!(
        body["response_format"]["json_schema"]["schema"]["required"],
        json!(["edits"])
    );
}

#[tokio::test]
async fn a_rejected_json_schema_falls_back_to_json_object_and_is_remembered() {
    let responder = RejectFormats {
        rejected: &["json_schema"],
        answer: answer(&one_good_edit()),
    };
    let server = server_with(responder).await;
    let enhancer = enhancer(config(&server));

    let first = enhancer.enhance(&source(), &job()).await.unwrap();
    let second = enhancer.enhance(&source(), &job()).await.unwrap();

    assert_eq!(line(&first.content, 0, 1), IMPROVED_BULLET);
    assert_eq!(second.engine, EngineKind::Openai);
    let formats: Vec<Value> = bodies(&server)
        .await
        .iter()
        .map(|b| b["response_format"]["type"].clone())
        .collect();
    assert_eq!(
        formats,
        [
            json!("json_schema"),
            json!("json_object"),
            json!("json_object")
        ]
    );
}

#[tokio::test]
async fn a_rejected_json_object_falls_back_to_plain_text_with_fenced_json() {
    let fenced = format!(
        "Here are my suggestions:\n```json\n{}\n```\nGood luck!",
        one_good_edit()
    );
    let responder = RejectFormats {
        rejected: &["json_schema", "json_object"],
        answer: answer(&fenced),
    };
    let server = server_with(responder).await;

    let result = enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    assert_eq!(line(&result.content, 0, 1), IMPROVED_BULLET);
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 3);
    assert!(sent[2].get("response_format").is_none(), "{}", sent[2]);
    assert!(sent[2]["messages"][0]["content"]
        .as_str()
        .unwrap()
        .contains("\"edits\""));
}

#[tokio::test]
async fn reasoning_traces_are_stripped_before_the_json_is_read() {
    let traced = format!(
        "<think>The job wants {{Kubernetes}}; I must not invent it. {{\"edits\": []}}</think>\n{}",
        one_good_edit()
    );
    let server = server_with(Script::new(vec![answer(&traced)])).await;

    let result = enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    assert_eq!(line(&result.content, 0, 1), IMPROVED_BULLET);
}

#[tokio::test]
async fn invalid_json_is_retried_once_with_the_parser_message() {
    let server = server_with(Script::new(vec![
        answer("{\"edits\": [{\"target\": \"summary\", \"original\": oops"),
        answer(&one_good_edit()),
    ]))
    .await;

    let result = enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    assert_eq!(line(&result.content, 0, 1), IMPROVED_BULLET);
    let usage = result.usage.unwrap();
    assert_eq!(usage.prompt_tokens, 642, "both calls are counted");
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 2);
    let messages = sent[1]["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 4);
    assert_eq!(messages[2]["role"], "assistant");
    let follow_up = messages[3]["content"].as_str().unwrap();
    assert!(follow_up.contains("could not be read"), "{follow_up}");
    assert!(follow_up.contains("no JSON object"), "{follow_up}");
}

#[tokio::test]
async fn invalid_json_twice_makes_the_model_unavailable() {
    let server = server_with(Script::new(vec![answer("I would change the summary.")])).await;

    let result = enhancer(config(&server)).enhance(&source(), &job()).await;

    let (reason, retry_after) = unavailable_reason(result);
    assert!(
        reason.contains("could not be read twice (no_json)"),
        "{reason}"
    );
    assert_eq!(retry_after, None);
    assert_eq!(bodies(&server).await.len(), 2);
}

#[tokio::test]
async fn a_model_slower_than_the_timeout_is_unavailable() {
    let slow = answer(&one_good_edit()).set_delay(Duration::from_secs(3));
    let server = server_with(Script::new(vec![slow])).await;
    let config = LlmConfig {
        timeout: Duration::from_millis(300),
        ..config(&server)
    };

    let result = enhancer(config).enhance(&source(), &job()).await;

    let (reason, _) = unavailable_reason(result);
    assert!(
        reason.contains("in time") || reason.contains("within 300 ms"),
        "{reason}"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "timeouts are not retried"
    );
}

#[tokio::test]
async fn a_rate_limit_is_waited_out_as_the_server_asks_then_retried() {
    let limited = api_error(429, "Rate limit reached", None).insert_header("Retry-After", "1");
    let server = server_with(Script::new(vec![limited, answer(&one_good_edit())])).await;
    let started = Instant::now();

    let result = enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    assert_eq!(line(&result.content, 0, 1), IMPROVED_BULLET);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn retry_after_in_milliseconds_is_honoured_too() {
    let limited = api_error(429, "Rate limit reached", None).insert_header("retry-after-ms", "5");
    let server = server_with(Script::new(vec![
        limited.clone(),
        limited,
        answer(&one_good_edit()),
    ]))
    .await;

    let result = enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    assert_eq!(result.engine, EngineKind::Openai);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn server_errors_that_persist_end_as_unavailable_with_a_retry_hint() {
    let server = server_with(Script::new(vec![ResponseTemplate::new(503)])).await;

    let result = enhancer(config(&server)).enhance(&source(), &job()).await;

    let (reason, retry_after) = unavailable_reason(result);
    assert!(
        reason.contains("503") && reason.contains("3 attempts"),
        "{reason}"
    );
    assert_eq!(retry_after, Some(30));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_retry_after_longer_than_allowed_ends_at_once_with_that_delay() {
    let limited = api_error(429, "Rate limit reached", None).insert_header("Retry-After", "120");
    let server = server_with(Script::new(vec![limited])).await;

    let result = enhancer(config(&server)).enhance(&source(), &job()).await;

    let (_, retry_after) = unavailable_reason(result);
    assert_eq!(retry_after, Some(120));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_unreachable_server_is_unavailable_after_the_retries() {
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let server = MockServer::start().await;
    let config = LlmConfig {
        base_url: format!("http://127.0.0.1:{closed_port}/v1"),
        max_retries: 1,
        ..config(&server)
    };

    let (reason, retry_after) =
        unavailable_reason(enhancer(config).enhance(&source(), &job()).await);

    assert!(
        reason.contains("could not be reached") && reason.contains("2 attempts"),
        "{reason}"
    );
    assert_eq!(retry_after, Some(30));
}

#[tokio::test]
async fn a_refusal_is_a_model_failure() {
    let refusal = completion_with(
        json!({ "role": "assistant", "content": null, "refusal": "I can't help with that." }),
        "stop",
    );
    let server = server_with(Script::new(vec![refusal])).await;

    let (reason, _) =
        unavailable_reason(enhancer(config(&server)).enhance(&source(), &job()).await);

    assert!(reason.contains("refused"), "{reason}");
    assert!(
        !reason.contains("can't help"),
        "the model's words are not passed on"
    );
}

#[tokio::test]
async fn an_empty_answer_is_a_model_failure() {
    let server = server_with(Script::new(vec![answer("  <think>hmm</think> ")])).await;

    let (reason, _) =
        unavailable_reason(enhancer(config(&server)).enhance(&source(), &job()).await);

    assert!(reason.contains("empty answer"), "{reason}");
}

#[tokio::test]
async fn an_answer_cut_at_the_token_limit_is_a_model_failure() {
    let cut = completion_with(
        json!({ "role": "assistant", "content": "{\"edits\": [{\"target\": \"summ" }),
        "length",
    );
    let server = server_with(Script::new(vec![cut])).await;

    let (reason, _) =
        unavailable_reason(enhancer(config(&server)).enhance(&source(), &job()).await);

    assert!(reason.contains("token limit"), "{reason}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn invented_employers_skills_and_metrics_are_dropped_and_the_rest_applied() {
    let source = source();
    let first_bullet = line(&source.content, 0, 0);
    let answer_text = edits(&[
        ("experience[0].company", "Corvid Payments", "Stripe"),
        (
            "experience[0].description[0]",
            &first_bullet,
            "Built the settlement service in Rust processing 2 million payouts a day, as at Google",
        ),
        (
            "skills.technical",
            "Rust, Go, PostgreSQL, Kafka",
            "Go, Kubernetes, Rust, PostgreSQL, Kafka",
        ),
        (
            "summary",
            "[NAME_1] is a backend engineer with 6 years of experience building payment services \
             in Rust and Go.",
            "[NAME_1] is a backend engineer with 6 years of experience building payment services \
             in Rust and Go, and managing infrastructure with terraform.",
        ),
        (
            "experience[0].description[1]",
            BULLET_LATENCY,
            "Cut p95 latency by 60% by moving batch jobs to Kafka",
        ),
        ("experience[1].start_date", "2016-06", "2014-06"),
        (
            "experience[0].description[2]",
            BULLET_MENTORING,
            "Mentored 3 engineers through weekly design reviews",
        ),
    ]);
    let server = server_with(Script::new(vec![answer(&answer_text)])).await;

    let result = enhancer(config(&server))
        .enhance(&source, &job())
        .await
        .unwrap();

    let mut expected = source.content.clone();
    let description = &mut expected.experience[0].description;
    *description = description.replace(
        BULLET_MENTORING,
        "- Mentored 3 engineers through weekly design reviews",
    );
    assert_eq!(
        result.content, expected,
        "only the truthful edit is applied"
    );
    assert_eq!(result.engine, EngineKind::Openai);
    assert_eq!(result.warnings.len(), 1);
    assert!(
        result.warnings[0].starts_with("6 of 7 edits"),
        "{}",
        result.warnings[0]
    );
}

#[tokio::test]
async fn personal_data_is_masked_in_the_request_and_restored_in_the_result() {
    let answer_text = edits(&[
        (
            "summary",
            "[NAME_1] is a backend engineer with 6 years of experience building payment services \
             in Rust and Go.",
            "[NAME_1] builds payment services in Go and Rust, with 6 years of backend experience.",
        ),
        (
            "projects[0].description",
            "A linter for double-entry ledgers, written in Rust. Source: [URL_1]",
            "A Rust linter for double-entry payment ledgers. Source: [URL_1]",
        ),
    ]);
    let server = server_with(Script::new(vec![answer(&answer_text)])).await;

    let result = enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    assert_eq!(
        result.content.basic.summary.as_deref(),
        Some(
            "Jane Doe builds payment services in Go and Rust, with 6 years of backend experience."
        )
    );
    assert_eq!(
        result.content.projects[0].description,
        "A Rust linter for double-entry payment ledgers. Source: https://github.com/janedoe/ledgerlint"
    );
    assert_eq!(
        result.content.basic.email.as_deref(),
        Some("jane.doe@example.com")
    );

    let requests = server.received_requests().await.unwrap();
    let raw = String::from_utf8(requests[0].body.clone()).unwrap();
    for personal in [
        "Jane",
        "Doe",
        "jane.doe@example.com",
        "(555)",
        "010-2030",
        "janedoe",
        "linkedin",
    ] {
        assert!(!raw.contains(personal), "{personal} was sent to the model");
    }
    assert!(raw.contains("[NAME_1] is a backend engineer"));
    assert!(raw.contains("[URL_1]"));
}

#[tokio::test]
async fn with_masking_off_the_text_is_sent_as_written() {
    let server = server_with(Script::new(vec![answer("{\"edits\": []}")])).await;
    let config = LlmConfig {
        mask_personal_data: false,
        ..config(&server)
    };

    enhancer(config).enhance(&source(), &job()).await.unwrap();

    let raw = String::from_utf8(server.received_requests().await.unwrap()[0].body.clone()).unwrap();
    assert!(raw.contains("Jane Doe is a backend engineer"));
    assert!(
        !raw.contains("jane.doe@example.com"),
        "contact fields are never sent"
    );
}

#[tokio::test]
async fn an_empty_resume_never_reaches_the_model() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer("{}"))
        .expect(0)
        .mount(&server)
        .await;
    let empty = SourceResume {
        text: String::new(),
        content: ResumeContent::default(),
    };

    let result = enhancer(config(&server))
        .enhance(&empty, &job())
        .await
        .unwrap();

    assert_eq!(result.engine, EngineKind::Offline);
    assert_eq!(
        result.content,
        ResumeContent::default(),
        "no invented person"
    );
    assert_eq!(result.warnings, [THIN_SOURCE_WARNING]);
    assert!(result.usage.is_none());
}

#[tokio::test]
async fn the_job_text_sent_is_cut_to_the_configured_length() {
    let server = server_with(Script::new(vec![answer("{\"edits\": []}")])).await;
    let config = LlmConfig {
        max_job_chars: 200,
        ..config(&server)
    };

    enhancer(config).enhance(&source(), &job()).await.unwrap();

    let document = user_document(&bodies(&server).await[0]);
    let text = document["job"]["text"].as_str().unwrap();
    assert_eq!(text.chars().count(), 201, "200 characters and an ellipsis");
    assert!(job()
        .posting
        .description
        .starts_with(text.trim_end_matches('…')));
    assert_eq!(
        document["match"]["missing_keywords"],
        json!(["Python", "Kubernetes"])
    );
}

#[tokio::test]
async fn azure_deployments_use_the_deployment_path_api_version_and_api_key_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/openai/deployments/resume-gpt/chat/completions"))
        .and(query_param("api-version", "2024-10-21"))
        .and(header("api-key", "sk-azure"))
        .respond_with(answer(&one_good_edit()))
        .expect(1)
        .mount(&server)
        .await;
    let config = LlmConfig {
        api_key: Some(ApiKey::new("sk-azure")),
        base_url: server.uri(),
        azure: Some(AzureDeployment {
            deployment: "resume-gpt".into(),
            api_version: "2024-10-21".into(),
        }),
        ..config(&server)
    };

    let result = enhancer(config).enhance(&source(), &job()).await.unwrap();

    assert_eq!(line(&result.content, 0, 1), IMPROVED_BULLET);
}

#[tokio::test]
async fn the_fallback_answers_with_the_offline_result_when_the_model_is_unavailable() {
    let server = server_with(Script::new(vec![ResponseTemplate::new(500)])).await;
    let config = LlmConfig {
        max_retries: 0,
        ..config(&server)
    };
    let auto = FallbackEnhancer::new(Arc::new(enhancer(config)), Arc::new(OfflineStandIn));

    let result = auto.enhance(&source(), &job()).await.unwrap();

    assert_eq!(result.engine, EngineKind::Offline);
    assert_eq!(result.content, source().content);
    assert_eq!(result.warnings, [FALLBACK_WARNING]);
    assert!(result.usage.is_none());
}

#[tokio::test]
async fn the_fallback_is_not_used_when_the_model_answers() {
    let server = server_with(Script::new(vec![answer(&one_good_edit())])).await;
    let auto = FallbackEnhancer::new(
        Arc::new(enhancer(config(&server))),
        Arc::new(OfflineStandIn),
    );

    let result = auto.enhance(&source(), &job()).await.unwrap();

    assert_eq!(result.engine, EngineKind::Openai);
    assert_eq!(line(&result.content, 0, 1), IMPROVED_BULLET);
}

#[tokio::test]
async fn internal_errors_are_not_hidden_by_the_fallback() {
    let broken = Failing(EnhanceError::Internal("bug".into()));
    let auto = FallbackEnhancer::new(Arc::new(broken), Arc::new(OfflineStandIn));

    let result = auto.enhance(&source(), &job()).await;

    assert_eq!(result.unwrap_err(), EnhanceError::Internal("bug".into()));
}

#[tokio::test]
async fn the_model_edits_the_result_of_the_real_offline_engine() {
    let offline = real_offline();
    let baseline = offline.enhance(&source(), &job()).await.unwrap();
    let (index, mentoring) = baseline.content.experience[0]
        .description
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("Mentored 3 engineers"))
        .map(|(i, line)| (i, line.to_owned()))
        .unwrap();
    let target = format!("experience[0].description[{index}]");
    let answer_text = edits(&[(
        &target,
        &mentoring,
        "Mentored 3 engineers through weekly design reviews",
    )]);
    let server = server_with(Script::new(vec![answer(&answer_text)])).await;
    let enhancer = LlmEnhancer::new(config(&server), offline, taxonomy()).unwrap();

    let result = enhancer.enhance(&source(), &job()).await.unwrap();

    assert_eq!(result.engine, EngineKind::Openai);
    let edited = line(&result.content, 0, index);
    assert!(
        edited.ends_with("Mentored 3 engineers through weekly design reviews"),
        "{edited}"
    );
    assert_eq!(result.content.basic.summary, baseline.content.basic.summary);
    assert_eq!(result.content.skills, baseline.content.skills);
    assert_eq!(result.report, baseline.report);
    let sent = user_document(&bodies(&server).await[0]);
    assert_eq!(
        sent["resume"]["experience"][0]["lines"][index]["text"],
        json!(mentoring)
    );
}

#[tokio::test]
async fn an_empty_upload_gets_the_real_offline_result_and_no_invented_person() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer("{}"))
        .expect(0)
        .mount(&server)
        .await;
    let enhancer = LlmEnhancer::new(config(&server), real_offline(), taxonomy()).unwrap();
    let empty = SourceResume {
        text: " \n ".into(),
        content: ResumeContent::default(),
    };

    let result = enhancer.enhance(&empty, &job()).await.unwrap();

    assert_eq!(result.engine, EngineKind::Offline);
    assert_eq!(result.content.basic.full_name, None);
    assert!(result.content.experience.is_empty());
    assert!(result.warnings.contains(&THIN_SOURCE_WARNING.to_owned()));
}

/// A corpus resume, read from its plain-text rendering by the real parser.
fn corpus_resume(name: &str) -> SourceResume {
    let path = format!(
        "{}/../../tests/corpus/resumes/{name}/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path)
        .unwrap()
        .trim_start_matches('\u{feff}')
        .to_owned();
    let document = ExtractedDocument {
        format: DocumentFormat::Text,
        text: text.clone(),
        links: Vec::new(),
        page_count: None,
    };
    let content = ResumeTextParser::new(taxonomy()).parse(&document);
    SourceResume { text, content }
}

#[tokio::test]
async fn a_corpus_resume_keeps_its_facts_and_its_privacy_whatever_the_model_claims() {
    let source = corpus_resume("marcus-adeyemi");
    let offline = real_offline();
    let baseline = offline.enhance(&source, &job()).await.unwrap();
    let first_job = &baseline.content.experience[0];
    let mut proposals: Vec<(String, String, String)> = first_job
        .description
        .lines()
        .enumerate()
        .map(|(j, bullet)| {
            let inflated =
                format!("{bullet} Worked with the Google Cloud team and grew revenue 300%.");
            (
                format!("experience[0].description[{j}]"),
                bullet.to_owned(),
                inflated,
            )
        })
        .collect();
    proposals.push((
        "experience[0].position".into(),
        first_job.position.clone(),
        "Principal Engineer".into(),
    ));
    proposals.push(("education[0].degree".into(), "B.S.".into(), "Ph.D.".into()));
    let borrowed: Vec<(&str, &str, &str)> = proposals
        .iter()
        .map(|(t, o, r)| (t.as_str(), o.as_str(), r.as_str()))
        .collect();
    let server = server_with(Script::new(vec![answer(&edits(&borrowed))])).await;
    let enhancer = LlmEnhancer::new(config(&server), offline, taxonomy()).unwrap();

    let result = enhancer.enhance(&source, &job()).await.unwrap();

    assert_eq!(
        result.content, baseline.content,
        "no invented fact got through"
    );
    let expected = format!("{0} of {0} edits", proposals.len());
    assert!(
        result.warnings.iter().any(|w| w.starts_with(&expected)),
        "{:?}",
        result.warnings
    );

    let raw = String::from_utf8(server.received_requests().await.unwrap()[0].body.clone()).unwrap();
    for personal in [
        "Marcus",
        "Adeyemi",
        "marcus.adeyemi@example.com",
        "555-0147",
        "madeyemi",
    ] {
        assert!(!raw.contains(personal), "{personal} was sent to the model");
    }
    assert!(
        raw.contains("Tessellate Health"),
        "employers are context, not personal data"
    );
}

#[tokio::test]
async fn an_oversized_answer_is_refused_without_being_read() {
    let huge = ResponseTemplate::new(200).set_body_string("x".repeat(2 << 20));
    let server = server_with(Script::new(vec![huge])).await;

    let (reason, _) =
        unavailable_reason(enhancer(config(&server)).enhance(&source(), &job()).await);

    assert!(reason.contains("exceeds"), "{reason}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn refused_credentials_are_not_retried() {
    let server = server_with(Script::new(vec![api_error(
        401,
        "Incorrect API key provided",
        None,
    )]))
    .await;

    let (reason, retry_after) =
        unavailable_reason(enhancer(config(&server)).enhance(&source(), &job()).await);

    assert!(reason.contains("credentials (401)"), "{reason}");
    assert_eq!(retry_after, None);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// Collects every log event and span field as text.
#[derive(Clone, Default)]
struct CapturedLogs {
    lines: Arc<Mutex<Vec<String>>>,
    next_span: Arc<std::sync::atomic::AtomicU64>,
}

struct FieldWriter<'a>(&'a mut String);

impl tracing::field::Visit for FieldWriter<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }
}

impl tracing::Subscriber for CapturedLogs {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut line = String::new();
        span.record(&mut FieldWriter(&mut line));
        self.lines.lock().unwrap().push(line);
        let id = self
            .next_span
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::span::Id::from_u64(id + 1)
    }

    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut line = String::new();
        values.record(&mut FieldWriter(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = String::new();
        event.record(&mut FieldWriter(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

/// The process-wide log capture. It is global rather than scoped to one
/// test because tracing caches per call site whether anyone listens, which
/// makes a thread-local subscriber miss events when tests run in parallel;
/// so the personal-data check below covers the logs of every test.
fn captured_logs() -> &'static CapturedLogs {
    static LOGS: std::sync::OnceLock<CapturedLogs> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = CapturedLogs::default();
        tracing::subscriber::set_global_default(logs.clone()).unwrap();
        logs
    })
}

#[tokio::test]
async fn usage_and_dropped_edits_are_logged_without_personal_data() {
    let logs = captured_logs();
    let answer_text = edits(&[
        (
            "summary",
            "[NAME_1] is a backend engineer with 6 years of experience building payment services \
             in Rust and Go.",
            "[NAME_1] is a backend engineer with 9 years of experience at Stripe.",
        ),
        (
            "experience[0].description[1]",
            BULLET_LATENCY,
            "Cut p95 latency by 35% by moving nightly batch jobs to Kafka streams",
        ),
    ]);
    let server = server_with(Script::new(vec![answer(&answer_text)])).await;

    enhancer(config(&server))
        .enhance(&source(), &job())
        .await
        .unwrap();

    let lines = logs.lines.lock().unwrap().join("\n");
    let finished = lines
        .lines()
        .find(|line| {
            line.contains("model enhancement finished") && line.contains("edits.proposed=2")
        })
        .unwrap_or_else(|| panic!("no usage event in {lines}"));
    assert!(finished.contains("llm.prompt_tokens=321"), "{finished}");
    assert!(finished.contains("llm.completion_tokens=45"), "{finished}");
    assert!(
        finished.contains("llm.model=stand-in-model-2024"),
        "{finished}"
    );
    assert!(finished.contains("llm.latency_ms="), "{finished}");
    assert!(finished.contains("edits.applied=1"), "{finished}");
    assert!(
        lines.contains("target=summary rejection=untruthful(number,unknown_name)"),
        "{lines}"
    );
    for personal in [
        "Jane",
        "Doe",
        "jane.doe",
        "010-2030",
        "Stripe",
        "backend engineer",
    ] {
        assert!(!lines.contains(personal), "{personal} was logged: {lines}");
    }
}

/// Refuses `temperature` as OpenAI's reasoning models do.
struct RejectTemperature(ResponseTemplate);

impl Respond for RejectTemperature {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = request.body_json().unwrap();
        if body.get("temperature").is_some() {
            api_error(
                400,
                "Unsupported parameter: 'temperature' is not supported with this model.",
                Some("temperature"),
            )
        } else {
            self.0.clone()
        }
    }
}

#[tokio::test]
async fn a_model_that_refuses_temperature_is_asked_again_without_it() {
    let server = server_with(RejectTemperature(answer(&one_good_edit()))).await;
    let enhancer = enhancer(config(&server));

    let first = enhancer.enhance(&source(), &job()).await.unwrap();
    enhancer.enhance(&source(), &job()).await.unwrap();

    assert_eq!(line(&first.content, 0, 1), IMPROVED_BULLET);
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 3, "the parameter is left out from then on");
    assert_eq!(sent[0]["temperature"], json!(0.2));
    assert!(sent[1].get("temperature").is_none());
    assert_eq!(sent[1]["response_format"]["type"], "json_schema");
    assert_eq!(sent[1]["max_completion_tokens"], 2048);
}
