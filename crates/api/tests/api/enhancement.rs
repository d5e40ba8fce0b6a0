//! Uploading and enhancing, and reading the stored result back.

use std::sync::Arc;

use resume_domain::ports::{MockEnhancer, MockResumeRepo};
use resume_domain::{EnhanceError, RepoError, Role, Tier};
use serde_json::{json, Value};

use crate::support::{json, multipart, Ports, TestApp};

const RESUME: &[u8] = b"Ada Lovelace\nRust\nDocker\nLeadership\n";

async fn enhanced(app: &TestApp, token: &str) -> (i64, Value) {
    let job = app.job().await;
    let mut response = app.upload(token, job, RESUME).await;
    assert_eq!(response.status(), 200);
    (job, json(&mut response).await)
}

#[actix_web::test]
async fn an_upload_is_enhanced_and_answered_in_the_documented_shape() {
    let app = TestApp::spawn().await;
    let (user, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;

    let (job, body) = enhanced(&app, &token).await;

    assert_eq!(
        body["message"],
        "Resume enhancement completed successfully."
    );
    assert_eq!(body["status"], "completed");
    assert_eq!(body["engine"], "offline");
    assert_eq!(body["match"]["score_after"], 60.0);
    assert_eq!(body["match"]["missing_keywords"], json!(["go"]));
    assert!(body.get("warnings").is_none());
    let resume = &body["enhanced_resume"];
    assert_eq!(resume["full_name"], "Ada Lovelace");
    assert_eq!(resume["user"], user.id.get());
    assert_eq!(resume["job"], job);
    assert_eq!(
        resume["skills"]["technical"],
        json!(["Rust", "Docker", "Leadership"])
    );
    assert!(resume["skills"]["tools"].is_array());
    for key in [
        "certifications",
        "projects",
        "languages",
        "awards",
        "publications",
        "volunteer_experience",
        "interests",
        "education",
    ] {
        assert!(resume[key].is_array(), "{key}");
    }
    let created = resume["created_at"].as_str().unwrap();
    assert_eq!(
        created.len(),
        "2025-09-24T00:18:20.987654Z".len(),
        "{created}"
    );
}

#[actix_web::test]
async fn the_stored_resume_is_readable_through_every_lookup() {
    let app = TestApp::spawn().await;
    let (user, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let (job, body) = enhanced(&app, &token).await;
    let id = body["enhanced_resume"]["id"].as_i64().unwrap();
    let get = |path: String| app.client.get(app.url(&path)).bearer_auth(&token).send();

    let mut status = get(format!("/api/resume/enhancement-status/{id}/"))
        .await
        .unwrap();
    let mut history = get("/api/resume/enhancement-history/".into())
        .await
        .unwrap();
    let mut check = get(format!(
        "/api/resume/check-enhanced-resume/{}/{job}/",
        user.id
    ))
    .await
    .unwrap();
    let mut detail = get(format!("/api/resume/enhanced-resume/{id}/"))
        .await
        .unwrap();
    let mismatch = get(format!("/api/resume/check-enhanced-resume/999/{job}/"))
        .await
        .unwrap();

    let status = json(&mut status).await;
    assert_eq!(status["status"], "completed");
    assert_eq!(status["task_id"], id.to_string());
    assert!(status["last_updated_timestamp"].as_f64().unwrap() > 1.7e9);
    assert_eq!(status["enhanced_resume"]["id"], id);
    assert_eq!(json(&mut history).await[0]["id"], id);
    assert_eq!(json(&mut check).await["id"], id);
    let detail = json(&mut detail).await;
    assert_eq!(detail["job"], job);
    assert!(detail["updated_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(mismatch.status(), 403);
}

#[actix_web::test]
async fn another_users_resume_is_answered_as_not_found() {
    let app = TestApp::spawn().await;
    let (_, owner) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let (_, other) = app
        .user_with("q@example.com", Role::User, Tier::Premium)
        .await;
    let (_, body) = enhanced(&app, &owner).await;
    let id = body["enhanced_resume"]["id"].as_i64().unwrap();

    let response = app
        .client
        .get(app.url(&format!("/api/resume/enhanced-resume/{id}/")))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
}

#[actix_web::test]
async fn checks_run_in_order_auth_then_job_then_subscription_then_file() {
    let app = TestApp::spawn().await;
    let (_, free) = app.user_with("f@example.com", Role::User, Tier::Free).await;
    let (_, paid) = app
        .user_with("p@example.com", Role::User, Tier::Standard)
        .await;
    let job = app.job().await;

    let anonymous = app
        .client
        .post(app.url(&format!("/api/resume/enhance-resume/{job}/")))
        .send_body("")
        .await
        .unwrap();
    let no_job = app.upload(&free, 999, RESUME).await;
    let mut no_plan = app.upload(&free, job, RESUME).await;
    let (content_type, body) = multipart("resume", RESUME);
    let mut no_file = app
        .client
        .post(app.url(&format!("/api/resume/enhance-resume/{job}/")))
        .bearer_auth(&paid)
        .insert_header(("content-type", content_type))
        .send_body(body)
        .await
        .unwrap();

    assert_eq!(anonymous.status(), 401);
    assert_eq!(no_job.status(), 404);
    assert_eq!(no_plan.status(), 403);
    assert_eq!(
        json(&mut no_plan).await["details"]["reason"],
        "no_subscription"
    );
    assert_eq!(no_file.status(), 400);
    assert_eq!(json(&mut no_file).await["details"]["field"], "file");
}

#[actix_web::test]
async fn the_quota_is_a_429_with_retry_after() {
    let app = TestApp::spawn().await;
    let (_, token) = app
        .user_with("s@example.com", Role::User, Tier::Standard)
        .await;
    let job = app.job().await;
    for _ in 0..2 {
        assert_eq!(app.upload(&token, job, RESUME).await.status(), 200);
    }

    let refused = app.upload(&token, job, RESUME).await;

    assert_eq!(refused.status(), 429);
    assert!(refused.headers().get("retry-after").is_some());
}

#[actix_web::test]
async fn unreadable_uploads_are_400_or_415_saying_why() {
    let app = TestApp::spawn().await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;

    let mut scan = app.upload(&token, job, b"%PDF-1.7 image only").await;
    let binary = app.upload(&token, job, &[0xff, 0xfe, 0x00, 0x81]).await;
    let empty = app.upload(&token, job, b"").await;
    let not_multipart = app
        .client
        .post(app.url(&format!("/api/resume/enhance-resume/{job}/")))
        .bearer_auth(&token)
        .send_json(&json!({"file": "x"}))
        .await
        .unwrap();

    assert_eq!(scan.status(), 400);
    assert!(json(&mut scan).await["error"]
        .as_str()
        .unwrap()
        .contains("scanned"));
    assert_eq!(binary.status(), 415);
    assert_eq!(empty.status(), 400);
    assert_eq!(not_multipart.status(), 415);
}

#[actix_web::test]
async fn an_unavailable_model_is_a_503_with_retry_after() {
    let mut enhancer = MockEnhancer::new();
    enhancer.expect_enhance().returning(|_, _| {
        Err(EnhanceError::Unavailable {
            reason: "rate limited".into(),
            retry_after_secs: Some(9),
        })
    });
    let app = TestApp::with(Ports {
        enhancer: Arc::new(enhancer),
        ..Ports::default()
    })
    .await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;

    let response = app.upload(&token, job, RESUME).await;

    assert_eq!(response.status(), 503);
    assert_eq!(response.headers().get("retry-after").unwrap(), "9");
}

#[actix_web::test]
async fn a_storage_failure_is_a_500_that_hides_its_cause() {
    let mut resumes = MockResumeRepo::new();
    resumes
        .expect_list()
        .returning(|_| Err(RepoError::Internal("relation resumes".into())));
    let app = TestApp::with(Ports {
        resumes: Arc::new(resumes),
        ..Ports::default()
    })
    .await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;

    let mut response = app
        .client
        .get(app.url("/api/resume/enhancement-history/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 500);
    assert!(!json(&mut response).await.to_string().contains("relation"));
}

#[actix_web::test]
async fn warnings_from_the_enhancer_are_passed_on() {
    let mut enhancer = MockEnhancer::new();
    enhancer.expect_enhance().returning(|source, _| {
        Ok(resume_domain::Enhancement {
            content: source.content.clone(),
            engine: resume_domain::EngineKind::Offline,
            report: resume_domain::MatchReport::default(),
            warnings: vec!["the model failed; the offline engine was used".into()],
            usage: None,
        })
    });
    let app = TestApp::with(Ports {
        enhancer: Arc::new(enhancer),
        ..Ports::default()
    })
    .await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;

    let mut response = app.upload(&token, job, RESUME).await;

    assert_eq!(response.status(), 200);
    let body = json(&mut response).await;
    assert_eq!(
        body["warnings"],
        json!(["the model failed; the offline engine was used"])
    );
}

#[actix_web::test]
async fn checking_a_job_without_an_enhanced_resume_is_404() {
    let app = TestApp::spawn().await;
    let (user, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;

    let response = app
        .client
        .get(app.url(&format!(
            "/api/resume/check-enhanced-resume/{}/{job}/",
            user.id
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
}
