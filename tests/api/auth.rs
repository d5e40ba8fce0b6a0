//! Accounts and tokens.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{error_of, json_of, spawn_app, unique, PASSWORD};

#[tokio::test]
async fn registration_returns_the_new_free_user_without_its_password() {
    let app = spawn_app().await;
    let email = format!("{}@Example.com", unique("Ada"));

    let user = json_of(
        app.register(&email, PASSWORD, "Ada Lovelace").await,
        StatusCode::CREATED,
    )
    .await;

    assert!(user["id"].as_i64().is_some());
    assert_eq!(user["email"], email.to_lowercase());
    assert_eq!(user["full_name"], "Ada Lovelace");
    assert_eq!(user["role"], "user");
    assert_eq!(
        user["subscription"],
        json!({ "tier": "free", "status": "none", "expires_at": null })
    );
    let text = user.to_string();
    assert!(
        !text.contains(PASSWORD) && !text.contains("argon2"),
        "{text}"
    );
}

#[tokio::test]
async fn registration_refuses_an_invalid_email_or_a_short_password_naming_the_field() {
    let app = spawn_app().await;

    let error = error_of(
        app.register("not-an-email", PASSWORD, "X").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(error.contains("email"), "{error}");

    let email = format!("{}@example.com", unique("short"));
    let error = error_of(
        app.register(&email, "1234567", "X").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(error.contains("password"), "{error}");
}

#[tokio::test]
async fn registering_a_taken_email_in_any_case_is_a_conflict() {
    let app = spawn_app().await;
    let email = format!("{}@example.com", unique("taken"));
    assert_eq!(
        app.register(&email, PASSWORD, "A").await.status(),
        StatusCode::CREATED
    );

    let response = app.register(&email.to_uppercase(), PASSWORD, "B").await;

    error_of(response, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn login_returns_a_bearer_token_that_me_accepts() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let body = json_of(
        app.login(&user.email.to_uppercase(), PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["user"]["id"], user.id);
    let token = body["access_token"].as_str().unwrap();

    let me = json_of(app.get("/api/auth/me/", token).await, StatusCode::OK).await;
    assert_eq!(me["id"], user.id);
    assert_eq!(me["email"], user.email);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_401() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let wrong = json_of(
        app.login(&user.email, "wrong-password").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown = json_of(
        app.login("nobody@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    assert_eq!(wrong, unknown);
    assert!(wrong["error"].is_string());
}

#[tokio::test]
async fn me_without_a_token_or_with_a_forged_one_is_401_json() {
    let app = spawn_app().await;

    let response = app
        .request(Method::GET, "/api/auth/me/", None)
        .send()
        .await
        .unwrap();
    error_of(response, StatusCode::UNAUTHORIZED).await;

    let forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    error_of(
        app.get("/api/auth/me/", forged).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn a_token_signed_with_another_key_is_refused() {
    let other = spawn_app_with_other_key().await;
    let app = spawn_app().await;
    let user = other.new_user().await;

    error_of(
        app.get("/api/auth/me/", &user.token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

async fn spawn_app_with_other_key() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(|settings| {
        settings.auth.jwt_secret = Some(resume_server::config::Secret::new(
            "another-signing-key-of-sufficient-length-9",
        ));
    })
    .await
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let app = crate::helpers::spawn_app_with(|settings| settings.auth.jwt_ttl_seconds = 1).await;
    let user = app.new_user().await;

    // Past the lifetime of one second and the five seconds of tolerated clock skew.
    tokio::time::sleep(std::time::Duration::from_millis(7_500)).await;

    error_of(
        app.get("/api/auth/me/", &user.token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn the_configured_administrator_exists_after_start_up() {
    let app = spawn_app().await;

    let me = json_of(
        app.get("/api/auth/me/", &app.admin_token).await,
        StatusCode::OK,
    )
    .await;

    assert_eq!(me["role"], "admin");
    assert_eq!(me["email"], crate::helpers::ADMIN_EMAIL);
}
