//! Job postings: who may create them, validation, listing and reading.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{corpus_job, error_of, json_of, spawn_app};

#[tokio::test]
async fn an_administrator_creates_a_job_and_gets_it_back_whole() {
    let app = spawn_app().await;
    let posting = corpus_job("senior-accountant");

    let job = json_of(
        app.post("/api/jobs/", &app.admin_token, &posting).await,
        StatusCode::CREATED,
    )
    .await;

    assert!(job["id"].as_i64().is_some());
    for field in [
        "title",
        "company",
        "location",
        "description",
        "requirements",
        "nice_to_have",
    ] {
        assert_eq!(job[field], posting[field], "{field}");
    }
    assert!(
        job["created_at"].as_str().unwrap().ends_with('Z')
            || job["created_at"].as_str().unwrap().ends_with("+00:00")
    );
}

#[tokio::test]
async fn an_employer_may_post_a_job() {
    let app = spawn_app().await;
    let employer = app.user_with_role("employer").await;

    let response = app
        .post(
            "/api/jobs/",
            &employer.token,
            &corpus_job("senior-ux-designer"),
        )
        .await;

    json_of(response, StatusCode::CREATED).await;
}

#[tokio::test]
async fn a_plain_user_may_not_post_a_job() {
    let app = spawn_app().await;
    let user = app.new_user().await;

    let response = app
        .post("/api/jobs/", &user.token, &corpus_job("senior-ux-designer"))
        .await;

    error_of(response, StatusCode::FORBIDDEN).await;
    let list = json_of(app.get("/api/jobs/", &user.token).await, StatusCode::OK).await;
    assert_eq!(list["count"], 0);
}

#[tokio::test]
async fn a_job_without_title_or_description_is_refused_naming_the_field() {
    let app = spawn_app().await;

    for missing in ["title", "description"] {
        let mut posting = corpus_job("senior-accountant");
        posting.as_object_mut().unwrap().remove(missing);
        let error = error_of(
            app.post("/api/jobs/", &app.admin_token, &posting).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(error.contains(missing), "{missing}: {error}");

        let mut blank = corpus_job("senior-accountant");
        blank[missing] = json!("   ");
        let error = error_of(
            app.post("/api/jobs/", &app.admin_token, &blank).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(error.contains(missing), "{missing}: {error}");
    }
}

#[tokio::test]
async fn a_job_with_a_wrongly_typed_field_is_refused_naming_it() {
    let app = spawn_app().await;
    let mut posting = corpus_job("senior-accountant");
    posting["requirements"] = json!("not a list");

    let error = error_of(
        app.post("/api/jobs/", &app.admin_token, &posting).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    assert!(error.contains("requirements"), "{error}");
}

#[tokio::test]
async fn jobs_are_listed_in_pages_with_the_total_count() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let mut ids = Vec::new();
    for slug in [
        "senior-accountant",
        "registered-nurse-icu",
        "senior-ux-designer",
    ] {
        ids.push(app.corpus_job_id(slug).await);
    }

    let first = json_of(
        app.get("/api/jobs/?page=1&page_size=2", &user.token).await,
        StatusCode::OK,
    )
    .await;
    let second = json_of(
        app.get("/api/jobs/?page=2&page_size=2", &user.token).await,
        StatusCode::OK,
    )
    .await;
    let default = json_of(app.get("/api/jobs/", &user.token).await, StatusCode::OK).await;

    assert_eq!(first["count"], 3);
    assert_eq!(second["count"], 3);
    let listed: Vec<i64> = [&first, &second]
        .iter()
        .flat_map(|page| page["results"].as_array().unwrap().iter())
        .map(|job| job["id"].as_i64().unwrap())
        .collect();
    assert_eq!(first["results"].as_array().unwrap().len(), 2);
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    let mut expected = ids.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    assert_eq!(default["results"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_page_size_out_of_range_is_refused_naming_it() {
    let app = spawn_app().await;

    for query in ["page_size=0", "page_size=1000", "page=0", "page=abc"] {
        let response = app
            .get(&format!("/api/jobs/?{query}"), &app.admin_token)
            .await;
        let error = error_of(response, StatusCode::BAD_REQUEST).await;
        assert!(error.contains("page"), "{query}: {error}");
    }
}

#[tokio::test]
async fn one_job_is_read_by_id_and_an_unknown_id_is_404() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let id = app.corpus_job_id("high-school-math-teacher").await;

    let job = json_of(
        app.get(&format!("/api/jobs/{id}/"), &user.token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(job["id"], id);
    assert_eq!(
        job["title"],
        corpus_job("high-school-math-teacher")["title"]
    );

    error_of(
        app.get(&format!("/api/jobs/{}/", id + 1000), &user.token)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn jobs_need_a_signed_in_user() {
    let app = spawn_app().await;

    let response = app
        .request(Method::GET, "/api/jobs/", None)
        .send()
        .await
        .unwrap();

    error_of(response, StatusCode::UNAUTHORIZED).await;
}
