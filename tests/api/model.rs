//! The model enhancer when the model cannot be reached (a closed port on
//! this machine): `openai` answers 503, `auto` falls back to offline.

use reqwest::StatusCode;

use crate::helpers::{error_of, json_of, spawn_app_with};
use resume_server::config::{EnhancerMode, Secret, Settings};

const RESUME: &str = "resumes/marcus-adeyemi/marcus-adeyemi.docx";

/// A model endpoint where nothing listens: a port bound and released.
fn unreachable_model(settings: &mut Settings, mode: EnhancerMode) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    settings.enhancer.mode = mode;
    settings.enhancer.openai_api_key = Some(Secret::new("sk-test-not-a-real-key"));
    settings.enhancer.openai_base_url = format!("http://127.0.0.1:{port}/v1");
    settings.enhancer.openai_max_retries = 0;
    settings.enhancer.openai_timeout_seconds = 5;
}

#[tokio::test]
async fn openai_mode_answers_503_when_the_model_cannot_be_reached() {
    let app = spawn_app_with(|s| unreachable_model(s, EnhancerMode::Openai)).await;
    let user = app.subscriber().await;
    let job = app.corpus_job_id("senior-backend-engineer").await;

    let response = app.enhance_file(&user.token, job, RESUME).await;

    error_of(response, StatusCode::SERVICE_UNAVAILABLE).await;
    let history = json_of(
        app.get("/api/resume/enhancement-history/", &user.token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        history.as_array().unwrap().len(),
        0,
        "a failed enhancement was stored"
    );
}

#[tokio::test]
async fn auto_mode_falls_back_to_offline_when_the_model_cannot_be_reached() {
    let app = spawn_app_with(|s| unreachable_model(s, EnhancerMode::Auto)).await;
    let user = app.subscriber().await;
    let job = app.corpus_job_id("senior-backend-engineer").await;

    let body = json_of(
        app.enhance_file(&user.token, job, RESUME).await,
        StatusCode::OK,
    )
    .await;

    let engine = body
        .get("engine")
        .unwrap_or(&body["enhanced_resume"]["engine"]);
    assert_eq!(engine, "offline");
    assert_eq!(body["enhanced_resume"]["full_name"], "Marcus Adeyemi");
}
