//! Uploads that cannot be enhanced: each gets its documented status and a
//! JSON error, and nothing is stored.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{error_of, json_of, spawn_app, spawn_app_with, TestApp, TestUser};

async fn setup(app: &TestApp) -> (TestUser, i64) {
    let user = app.subscriber().await;
    let job = app.corpus_job_id("senior-backend-engineer").await;
    (user, job)
}

async fn assert_nothing_stored(app: &TestApp, user: &TestUser) {
    let history = json_of(
        app.get("/api/resume/enhancement-history/", &user.token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history, json!([]), "a failed upload left a resume behind");
}

#[tokio::test]
async fn a_request_without_a_file_is_400() {
    let app = spawn_app().await;
    let (user, job) = setup(&app).await;
    let path = format!("/api/resume/enhance-resume/{job}/");

    let form = reqwest::multipart::Form::new().text("note", "no file here");
    let response = app
        .request(Method::POST, &path, Some(&user.token))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let error = error_of(response, StatusCode::BAD_REQUEST).await;
    assert!(error.contains("file"), "{error}");

    // A body that is not multipart at all: a 415 for the request's media type
    // is as fitting as a 400 for the missing file; either way it is JSON.
    let response = app
        .request(Method::POST, &path, Some(&user.token))
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(
        status == StatusCode::BAD_REQUEST || status == StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{status}"
    );
    let error = error_of(response, status).await;
    assert!(error.contains("file"), "{error}");
    assert_nothing_stored(&app, &user).await;
}

#[tokio::test]
async fn an_empty_file_is_400() {
    let app = spawn_app().await;
    let (user, job) = setup(&app).await;

    error_of(
        app.enhance_file(&user.token, job, "edge-cases/empty.docx")
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    error_of(
        app.enhance_bytes(&user.token, job, "cv.pdf", Vec::new())
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_nothing_stored(&app, &user).await;
}

#[tokio::test]
async fn a_scanned_pdf_is_400_saying_it_is_scanned() {
    let app = spawn_app().await;
    let (user, job) = setup(&app).await;

    let response = app
        .enhance_file(&user.token, job, "edge-cases/scanned-image-only.pdf")
        .await;

    let error = error_of(response, StatusCode::BAD_REQUEST).await;
    assert!(error.contains("scanned"), "{error}");
    assert_nothing_stored(&app, &user).await;
}

#[tokio::test]
async fn a_password_protected_pdf_or_docx_is_400_saying_it_is_encrypted() {
    let app = spawn_app().await;
    let (user, job) = setup(&app).await;

    for file in [
        "edge-cases/encrypted-user-password.pdf",
        "edge-cases/encrypted-password.docx",
    ] {
        let error = error_of(
            app.enhance_file(&user.token, job, file).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(error.contains("encrypted"), "{file}: {error}");
    }
    assert_nothing_stored(&app, &user).await;
}

#[tokio::test]
async fn a_damaged_document_is_400_not_a_server_error() {
    let app = spawn_app().await;
    let (user, job) = setup(&app).await;

    for file in [
        "edge-cases/truncated.docx",
        "edge-cases/missing-document-xml.docx",
        "edge-cases/truncated.pdf",
    ] {
        let response = app.enhance_file(&user.token, job, file).await;
        let status = response.status();
        let body = json_of(response, status).await;
        assert!(
            status == StatusCode::BAD_REQUEST || status == StatusCode::OK,
            "{file}: {status} {body}"
        );
        assert!(
            body["error"].is_string() || body["enhanced_resume"].is_object(),
            "{file}: {body}"
        );
    }
}

#[tokio::test]
async fn bytes_of_no_supported_format_are_415() {
    let app = spawn_app().await;
    let (user, job) = setup(&app).await;
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096_u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));

    let response = app.enhance_bytes(&user.token, job, "resume.pdf", png).await;

    error_of(response, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    assert_nothing_stored(&app, &user).await;
}

#[tokio::test]
async fn an_upload_over_the_size_limit_is_413() {
    let app = spawn_app_with(|settings| settings.server.max_upload_bytes = 20_000).await;
    let (user, job) = setup(&app).await;

    // About 64 KB, over the 20 KB limit configured above.
    let response = app
        .enhance_file(
            &user.token,
            job,
            "resumes/jonathan-kessler/jonathan-kessler.pdf",
        )
        .await;

    error_of(response, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_nothing_stored(&app, &user).await;
}

#[tokio::test]
async fn an_upload_under_the_size_limit_still_works_with_a_small_limit() {
    let app = spawn_app_with(|settings| settings.server.max_upload_bytes = 20_000).await;
    let (user, job) = setup(&app).await;

    let response = app
        .enhance_file(&user.token, job, "resumes/luca-bianchi/luca-bianchi.txt")
        .await;

    json_of(response, StatusCode::OK).await;
}

#[tokio::test]
async fn an_unknown_job_is_404() {
    let app = spawn_app().await;
    let (user, job) = setup(&app).await;

    let response = app
        .enhance_file(
            &user.token,
            job + 999,
            "resumes/marcus-adeyemi/marcus-adeyemi.docx",
        )
        .await;

    let error = error_of(response, StatusCode::NOT_FOUND).await;
    assert!(error.contains("job"), "{error}");
}

#[tokio::test]
async fn an_upload_without_a_token_is_401() {
    let app = spawn_app().await;
    let (_, job) = setup(&app).await;
    let part =
        reqwest::multipart::Part::bytes(b"Jane Doe\njane@example.com".to_vec()).file_name("cv.txt");
    let form = reqwest::multipart::Form::new().part("file", part);

    let response = app
        .request(
            Method::POST,
            &format!("/api/resume/enhance-resume/{job}/"),
            None,
        )
        .multipart(form)
        .send()
        .await
        .unwrap();

    error_of(response, StatusCode::UNAUTHORIZED).await;
}
