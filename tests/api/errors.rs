//! Every error is JSON: unknown routes, wrong methods, malformed bodies and
//! tokens that no longer name anyone.

use reqwest::{Method, StatusCode};
use resume_domain::UserId;
use serde_json::json;

use crate::helpers::{error_of, json_of, spawn_app};

#[tokio::test]
async fn an_unknown_route_is_404_json() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    error_of(
        app.get("/api/no-such-thing/", &user.token).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let response = app
        .request(Method::GET, "/nowhere", None)
        .send()
        .await
        .unwrap();
    error_of(response, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn a_wrong_method_is_405_json() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let response = app
        .request(Method::DELETE, "/api/auth/me/", Some(&user.token))
        .send()
        .await
        .unwrap();
    error_of(response, StatusCode::METHOD_NOT_ALLOWED).await;

    let response = app
        .request(Method::GET, "/api/auth/register/", None)
        .send()
        .await
        .unwrap();
    error_of(response, StatusCode::METHOD_NOT_ALLOWED).await;
}

#[tokio::test]
async fn a_malformed_json_body_is_400_json() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let response = app
        .request(Method::POST, "/api/auth/register/", None)
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    error_of(response, StatusCode::BAD_REQUEST).await;

    let response = app
        .request(
            Method::PATCH,
            "/api/resume/enhanced-basic-info/",
            Some(&user.token),
        )
        .header("content-type", "application/json")
        .body("not json at all")
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(
        status == StatusCode::BAD_REQUEST || status == StatusCode::NOT_FOUND,
        "{status}"
    );
    json_of(response, status).await;
}

#[tokio::test]
async fn a_login_body_missing_a_field_is_400_naming_it() {
    let app = spawn_app().await;

    let response = app
        .client
        .post(app.url("/api/auth/login/"))
        .json(&json!({ "email": "a@example.com" }))
        .send()
        .await
        .unwrap();

    let error = error_of(response, StatusCode::BAD_REQUEST).await;
    assert!(error.contains("password"), "{error}");
}

#[tokio::test]
async fn the_token_of_a_deleted_user_is_401() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    json_of(app.get("/api/auth/me/", &user.token).await, StatusCode::OK).await;

    let store = resume_store::Store::connect(&app.settings.database.url, 1).unwrap();
    store.users().delete(UserId::new(user.id)).await.unwrap();

    error_of(
        app.get("/api/auth/me/", &user.token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn an_authorization_header_without_the_bearer_scheme_is_401() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let response = app
        .request(Method::GET, "/api/auth/me/", None)
        .header("authorization", format!("Token {}", user.token))
        .send()
        .await
        .unwrap();

    error_of(response, StatusCode::UNAUTHORIZED).await;
}
