//! The error envelope, request ids and authentication failures.

use actix_web::body::to_bytes;
use actix_web::ResponseError as _;
use chrono::Duration;
use resume_api::ApiError;
use resume_domain::ports::{Clock, SystemClock, TokenService};
use resume_domain::{
    DomainError, EnhanceError, ExtractError, GateRefusal, HashError, RepoError, Role, Tier,
    ValidationError,
};
use serde_json::{json, Value};

use crate::support::{json, TestApp};

fn assert_envelope(body: &Value) {
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "no error text: {body}"
    );
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert!(
        keys.iter().all(|k| *k == "error" || *k == "details"),
        "extra keys: {body}"
    );
}

#[actix_web::test]
async fn unknown_routes_are_a_json_404() {
    let app = TestApp::spawn().await;

    let mut response = app
        .client
        .get(app.url("/api/nothing-here/"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
    assert_envelope(&json(&mut response).await);
}

#[actix_web::test]
async fn a_wrong_method_is_a_json_405_with_an_allow_header() {
    let app = TestApp::spawn().await;

    let mut response = app
        .client
        .delete(app.url("/api/jobs/"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 405);
    assert_eq!(response.headers().get("allow").unwrap(), "GET, POST");
    assert_envelope(&json(&mut response).await);
}

#[actix_web::test]
async fn documented_paths_are_answered_with_and_without_the_trailing_slash() {
    let app = TestApp::spawn().await;

    for path in ["/api/auth/me/", "/api/auth/me"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 401, "{path}");
    }
}

#[actix_web::test]
async fn malformed_json_is_a_400_envelope() {
    let app = TestApp::spawn().await;

    let mut response = app
        .client
        .post(app.url("/api/auth/login/"))
        .insert_header(("content-type", "application/json"))
        .send_body("{\"email\": ")
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    let body = json(&mut response).await;
    assert_envelope(&body);
    assert!(body["error"].as_str().unwrap().contains("malformed JSON"));
}

#[actix_web::test]
async fn an_unknown_field_is_a_400_naming_it() {
    let app = TestApp::spawn().await;
    let body = json!({"email": "a@example.com", "password": "longenough", "full_name": "A",
        "is_admin": true});

    let mut response = app
        .client
        .post(app.url("/api/auth/register/"))
        .send_json(&body)
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    assert_eq!(json(&mut response).await["details"]["field"], "is_admin");
}

#[actix_web::test]
async fn a_missing_or_mistyped_field_is_a_400_naming_it() {
    let app = TestApp::spawn().await;

    let mut missing = app
        .client
        .post(app.url("/api/auth/login/"))
        .send_json(&json!({"email": "a@example.com"}))
        .await
        .unwrap();
    let mut mistyped = app
        .client
        .post(app.url("/api/auth/login/"))
        .send_json(&json!({"email": "a@example.com", "password": 12}))
        .await
        .unwrap();

    assert_eq!(missing.status(), 400);
    assert_eq!(json(&mut missing).await["details"]["field"], "password");
    assert_eq!(mistyped.status(), 400);
    assert_eq!(json(&mut mistyped).await["details"]["field"], "password");
}

#[actix_web::test]
async fn a_body_that_is_not_json_is_a_415() {
    let app = TestApp::spawn().await;

    let mut response = app
        .client
        .post(app.url("/api/auth/login/"))
        .insert_header(("content-type", "text/plain"))
        .send_body("email=a")
        .await
        .unwrap();

    assert_eq!(response.status(), 415);
    assert_envelope(&json(&mut response).await);
}

#[actix_web::test]
async fn a_json_body_over_the_limit_is_a_413() {
    let app = TestApp::spawn().await;
    let huge = "x".repeat(resume_api::ApiSettings::DEFAULT_MAX_JSON_BYTES + 1);

    let mut response = app
        .client
        .post(app.url("/api/auth/login/"))
        .send_json(&json!({"email": huge, "password": "p"}))
        .await
        .unwrap();

    assert_eq!(response.status(), 413);
    assert_envelope(&json(&mut response).await);
}

#[actix_web::test]
async fn a_non_numeric_path_id_is_a_json_400() {
    let app = TestApp::spawn().await;
    let (_, token) = app
        .user_with("ids@example.com", Role::User, Tier::Free)
        .await;

    let mut response = app
        .client
        .get(app.url("/api/jobs/abc/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    assert_eq!(json(&mut response).await["details"]["field"], "id");
}

#[actix_web::test]
async fn a_sane_request_id_is_echoed_and_a_missing_one_generated() {
    let app = TestApp::spawn().await;

    let echoed = app
        .client
        .get(app.url("/healthz"))
        .insert_header(("x-request-id", "abc-123"))
        .send()
        .await
        .unwrap();
    let generated = app
        .client
        .get(app.url("/api/unknown"))
        .send()
        .await
        .unwrap();
    let replaced = app
        .client
        .get(app.url("/healthz"))
        .insert_header(("x-request-id", "a b <script>"))
        .send()
        .await
        .unwrap();

    assert_eq!(echoed.headers().get("x-request-id").unwrap(), "abc-123");
    let generated = generated
        .headers()
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(generated.len(), 36);
    let replaced = replaced
        .headers()
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap();
    assert_ne!(replaced, "a b <script>");
}

async fn me_with(app: &TestApp, authorization: Option<&str>) -> (u16, Value, bool) {
    let mut request = app.client.get(app.url("/api/auth/me/"));
    if let Some(value) = authorization {
        request = request.insert_header(("authorization", value));
    }
    let mut response = request.send().await.unwrap();
    let challenged = response
        .headers()
        .get("www-authenticate")
        .is_some_and(|v| v == "Bearer");
    (
        response.status().as_u16(),
        json(&mut response).await,
        challenged,
    )
}

#[actix_web::test]
async fn every_kind_of_bad_credential_is_a_401_with_a_bearer_challenge() {
    let app = TestApp::spawn().await;
    let (user, _) = app
        .user_with("gone@example.com", Role::User, Tier::Free)
        .await;
    let expired = app
        .tokens
        .issue(user.id, SystemClock.now() - Duration::hours(1))
        .unwrap();
    let orphan = app
        .tokens
        .issue(resume_domain::UserId::new(999), SystemClock.now())
        .unwrap();

    let cases = [
        (None, "credentials were not provided"),
        (Some("Basic dXNlcjpwdw==".to_owned()), "Bearer <token>"),
        (Some("Bearer".to_owned()), "Bearer <token>"),
        (Some("Bearer not-a-jwt".to_owned()), "invalid"),
        (Some(format!("Bearer {}", expired.token)), "expired"),
        (Some(format!("Bearer {}", orphan.token)), "no longer exists"),
    ];
    for (header, says) in cases {
        let (status, body, challenged) = me_with(&app, header.as_deref()).await;
        assert_eq!(status, 401, "{header:?}");
        assert!(challenged, "{header:?}");
        assert!(
            body["error"].as_str().unwrap().contains(says),
            "{header:?}: {body}"
        );
    }
}

async fn render(err: DomainError) -> (u16, Value, Option<String>) {
    let err = ApiError::from(err);
    let response = err.error_response();
    assert_eq!(
        err.status_code(),
        response.status(),
        "status_code and the response disagree"
    );
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = to_bytes(response.into_body()).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap(), retry)
}

#[actix_web::test]
async fn every_domain_error_maps_to_its_documented_status() {
    let cases: Vec<(DomainError, u16)> = vec![
        (ValidationError::new("email", "is bad").into(), 400),
        (DomainError::Unauthenticated("no".into()), 401),
        (DomainError::Forbidden("no".into()), 403),
        (DomainError::NotFound("job"), 404),
        (DomainError::Conflict("taken".into()), 409),
        (GateRefusal::NoSubscription.into(), 403),
        (GateRefusal::Expired.into(), 403),
        (GateRefusal::TierExcludesFeature.into(), 403),
        (
            GateRefusal::QuotaExceeded {
                limit: 20,
                retry_after_secs: 77,
            }
            .into(),
            429,
        ),
        (ExtractError::Empty.into(), 400),
        (ExtractError::NoText.into(), 400),
        (ExtractError::NoTextLayer.into(), 400),
        (ExtractError::Encrypted.into(), 400),
        (ExtractError::Corrupt("xref".into()).into(), 400),
        (ExtractError::Timeout(5000).into(), 400),
        (ExtractError::UnsupportedFormat("exe".into()).into(), 415),
        (
            ExtractError::LimitExceeded {
                limit: "pages",
                detail: "300 > 50".into(),
            }
            .into(),
            413,
        ),
        (
            EnhanceError::Unavailable {
                reason: "429".into(),
                retry_after_secs: Some(12),
            }
            .into(),
            503,
        ),
        (EnhanceError::Internal("boom".into()).into(), 500),
        (
            DomainError::Storage(RepoError::Unavailable("down".into())),
            503,
        ),
        (
            DomainError::Storage(RepoError::Internal("secret sql".into())),
            500,
        ),
        (HashError("bad phc".into()).into(), 500),
        (DomainError::Internal("secret detail".into()), 500),
    ];

    for (err, expected) in cases {
        let shown = format!("{err:?}");
        let (status, body, _) = render(err).await;
        assert_eq!(status, expected, "{shown}");
        assert_envelope(&body);
    }
}

#[actix_web::test]
async fn subscription_refusals_have_three_distinct_texts() {
    let mut texts = Vec::new();
    for refusal in [
        GateRefusal::NoSubscription,
        GateRefusal::Expired,
        GateRefusal::TierExcludesFeature,
    ] {
        let (_, body, _) = render(refusal.into()).await;
        texts.push(body["error"].as_str().unwrap().to_owned());
    }

    texts.dedup();
    assert_eq!(texts.len(), 3);
}

#[actix_web::test]
async fn retry_after_accompanies_429_and_503() {
    let quota = GateRefusal::QuotaExceeded {
        limit: 20,
        retry_after_secs: 77,
    };
    let model = EnhanceError::Unavailable {
        reason: "x".into(),
        retry_after_secs: None,
    };

    assert_eq!(render(quota.into()).await.2.as_deref(), Some("77"));
    assert!(render(model.into()).await.2.is_some());
    assert!(
        render(DomainError::Storage(RepoError::Unavailable("x".into())))
            .await
            .2
            .is_some()
    );
}

#[actix_web::test]
async fn internal_errors_never_show_their_cause() {
    let (_, body, _) = render(DomainError::Internal("secret detail".into())).await;
    let (_, storage, _) = render(DomainError::Storage(RepoError::Internal(
        "secret sql".into(),
    )))
    .await;

    assert!(!body.to_string().contains("secret"));
    assert!(!storage.to_string().contains("secret"));
}

#[actix_web::test]
async fn validation_errors_name_the_field_in_details() {
    let (_, body, _) =
        render(ValidationError::new("experiences[0].start_date", "bad").into()).await;

    assert_eq!(body["details"]["field"], "experiences[0].start_date");
}

#[actix_web::test]
async fn scanned_and_encrypted_documents_say_so() {
    let (_, scanned, _) = render(ExtractError::NoTextLayer.into()).await;
    let (_, encrypted, _) = render(ExtractError::Encrypted.into()).await;

    assert!(scanned["error"].as_str().unwrap().contains("scanned"));
    assert!(encrypted["error"].as_str().unwrap().contains("encrypted"));
}

#[actix_web::test]
async fn a_section_endpoint_names_its_three_methods_in_allow() {
    let app = TestApp::spawn().await;

    let response = app
        .client
        .delete(app.url("/api/resume/enhanced-skills/"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 405);
    assert_eq!(response.headers().get("allow").unwrap(), "GET, PUT, PATCH");
}
