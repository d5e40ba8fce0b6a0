//! Subscriptions: reading, the administrator's update, the refusals of the
//! gate and the quota.

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{error_of, json_of, spawn_app, spawn_app_with};

const RESUME: &str = "resumes/marcus-adeyemi/marcus-adeyemi.docx";

#[tokio::test]
async fn a_new_account_has_no_subscription() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let body = json_of(
        app.get("/api/subscription/", &user.token).await,
        StatusCode::OK,
    )
    .await;

    assert_eq!(
        body,
        json!({ "tier": "free", "status": "none", "expires_at": null })
    );
}

#[tokio::test]
async fn an_administrator_sets_a_tier_with_an_expiry_that_the_user_then_reads() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let expires = (Utc::now() + Duration::days(30)).to_rfc3339();

    let updated = json_of(
        app.set_subscription(user.id, "premium", Some(&expires))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["id"], user.id);
    assert_eq!(updated["subscription"]["tier"], "premium");
    assert_eq!(updated["subscription"]["status"], "active");

    let body = json_of(
        app.get("/api/subscription/", &user.token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["tier"], "premium");
    assert_eq!(body["status"], "active");
    let read: DateTime<Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
    let sent: DateTime<Utc> = expires.parse().unwrap();
    assert!((read - sent).num_seconds().abs() <= 1, "{read} vs {sent}");
}

#[tokio::test]
async fn a_subscription_whose_expiry_has_passed_reads_as_expired() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let past = (Utc::now() - Duration::days(1)).to_rfc3339();

    json_of(
        app.set_subscription(user.id, "standard", Some(&past)).await,
        StatusCode::OK,
    )
    .await;

    let body = json_of(
        app.get("/api/subscription/", &user.token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["status"], "expired");
    assert_eq!(body["tier"], "standard");
}

#[tokio::test]
async fn only_an_administrator_may_change_a_subscription() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let path = format!("/api/admin/users/{}/subscription/", user.id);

    let response = app
        .put(
            &path,
            &user.token,
            &json!({ "tier": "premium", "expires_at": null }),
        )
        .await;

    error_of(response, StatusCode::FORBIDDEN).await;
    let body = json_of(
        app.get("/api/subscription/", &user.token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["tier"], "free");
}

#[tokio::test]
async fn setting_the_subscription_of_an_unknown_user_is_404() {
    let app = spawn_app().await;

    error_of(
        app.set_subscription(987_654, "standard", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn an_unknown_tier_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let error = error_of(
        app.set_subscription(user.id, "gold", None).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    assert!(error.contains("tier"), "{error}");
}

#[tokio::test]
async fn a_free_account_is_refused_enhancement_saying_it_has_no_subscription() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let job = app.corpus_job_id("senior-backend-engineer").await;

    let error = error_of(
        app.enhance_file(&user.token, job, RESUME).await,
        StatusCode::FORBIDDEN,
    )
    .await;

    assert!(error.contains("no subscription"), "{error}");
    let history = json_of(
        app.get("/api/resume/enhancement-history/", &user.token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history, json!([]));
}

#[tokio::test]
async fn an_expired_subscription_is_refused_enhancement_saying_it_expired() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let past = (Utc::now() - Duration::hours(1)).to_rfc3339();
    json_of(
        app.set_subscription(user.id, "premium", Some(&past)).await,
        StatusCode::OK,
    )
    .await;
    let job = app.corpus_job_id("senior-backend-engineer").await;

    let error = error_of(
        app.enhance_file(&user.token, job, RESUME).await,
        StatusCode::FORBIDDEN,
    )
    .await;

    assert!(error.contains("expired"), "{error}");
    assert!(!error.contains("no subscription"), "{error}");
}

#[tokio::test]
async fn the_quota_is_answered_429_with_retry_after_once_used_up() {
    let app = spawn_app_with(|settings| settings.quota.standard_daily = 1).await;
    let user = app.subscriber().await;
    let job = app.corpus_job_id("senior-backend-engineer").await;
    json_of(
        app.enhance_file(&user.token, job, RESUME).await,
        StatusCode::OK,
    )
    .await;

    let response = app.enhance_file(&user.token, job, RESUME).await;

    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=86_400).contains(&retry_after), "{retry_after}");
    let error = error_of(response, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(error.contains("quota"), "{error}");
}

#[tokio::test]
async fn the_premium_quota_is_separate_from_the_standard_one() {
    let app = spawn_app_with(|settings| {
        settings.quota.standard_daily = 1;
        settings.quota.premium_daily = 2;
    })
    .await;
    let user = app.new_user().await;
    json_of(
        app.set_subscription(user.id, "premium", None).await,
        StatusCode::OK,
    )
    .await;
    let job = app.corpus_job_id("senior-backend-engineer").await;

    for _ in 0..2 {
        json_of(
            app.enhance_file(&user.token, job, RESUME).await,
            StatusCode::OK,
        )
        .await;
    }
    let response = app.enhance_file(&user.token, job, RESUME).await;

    error_of(response, StatusCode::TOO_MANY_REQUESTS).await;
}
