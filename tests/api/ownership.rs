//! Another user's resume does not exist for the caller, on every route.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{error_of, json_of, spawn_app};

/// The section endpoints, 7 to 18 (experiences serve both 7 and 8).
const SECTIONS: [&str; 11] = [
    "enhanced-experiences",
    "enhanced-basic-info",
    "enhanced-skills",
    "enhanced-education",
    "enhanced-certifications",
    "enhanced-projects",
    "enhanced-languages",
    "enhanced-awards",
    "enhanced-publications",
    "enhanced-volunteer-experience",
    "enhanced-interests",
];

#[tokio::test]
async fn another_users_resume_is_404_on_every_route_and_stays_unchanged() {
    let app = spawn_app().await;
    let (owner, resume) = app.subscriber_with_resume().await;
    let (intruder, _) = app.subscriber_with_resume().await;
    let id = resume["id"].as_i64().unwrap();
    let original = json_of(
        app.get(&format!("/api/resume/enhanced-resume/{id}/"), &owner.token)
            .await,
        StatusCode::OK,
    )
    .await;

    let mut routes = vec![
        (Method::GET, format!("/api/resume/enhancement-status/{id}/")),
        (Method::GET, format!("/api/resume/enhanced-resume/{id}/")),
        (Method::PUT, format!("/api/resume/enhanced-resume/{id}/")),
        (Method::PATCH, format!("/api/resume/enhanced-resume/{id}/")),
    ];
    for section in SECTIONS {
        for method in [Method::GET, Method::PUT, Method::PATCH] {
            routes.push((method, format!("/api/resume/{section}/?resume_id={id}")));
        }
    }

    for (method, path) in routes {
        let body = json!({ "summary": "taken over", "full_name": "Intruder" });
        let response = app
            .request(method.clone(), &path, Some(&intruder.token))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {text}");
        assert!(
            !text.contains(owner.email.as_str()),
            "{method} {path} leaked: {text}"
        );
    }

    let after = json_of(
        app.get(&format!("/api/resume/enhanced-resume/{id}/"), &owner.token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(after, original);
}

#[tokio::test]
async fn another_users_resume_is_absent_from_history() {
    let app = spawn_app().await;
    let (_, resume) = app.subscriber_with_resume().await;
    let (intruder, own) = app.subscriber_with_resume().await;

    let history = json_of(
        app.get("/api/resume/enhancement-history/", &intruder.token)
            .await,
        StatusCode::OK,
    )
    .await;

    let ids: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].clone())
        .collect();
    assert_eq!(ids, vec![own["id"].clone()]);
    assert!(!ids.contains(&resume["id"]));
}

#[tokio::test]
async fn checking_another_users_id_is_403_even_when_they_have_a_resume() {
    let app = spawn_app().await;
    let (owner, _) = app.subscriber_with_resume().await;
    let (intruder, _) = app.subscriber_with_resume().await;
    let history = json_of(
        app.get("/api/resume/enhancement-history/", &owner.token)
            .await,
        StatusCode::OK,
    )
    .await;
    let job = history[0]["job"].as_i64().unwrap();

    let path = format!("/api/resume/check-enhanced-resume/{}/{job}/", owner.id);

    error_of(app.get(&path, &intruder.token).await, StatusCode::FORBIDDEN).await;
}
