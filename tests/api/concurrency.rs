//! Concurrent edits of one resume never lose each other's changes.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{json_of, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_concurrent_patches_on_different_fields_both_survive() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let path = format!("/api/resume/enhanced-resume/{}/", resume["id"]);

    for round in 0..10 {
        let summary = json!({ "summary": format!("summary {round}") });
        let phone = json!({ "phone": format!("+1-555-01{round:02}") });
        let (a, b) = tokio::join!(
            app.patch(&path, &user.token, &summary),
            app.patch(&path, &user.token, &phone)
        );
        assert_eq!(a.status(), StatusCode::OK);
        assert_eq!(b.status(), StatusCode::OK);

        let stored = json_of(app.get(&path, &user.token).await, StatusCode::OK).await;
        assert_eq!(
            stored["summary"],
            format!("summary {round}"),
            "round {round}"
        );
        assert_eq!(
            stored["phone"],
            format!("+1-555-01{round:02}"),
            "round {round}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_to_one_section_all_survive() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let before = json_of(
        app.get("/api/resume/enhanced-awards/", &user.token).await,
        StatusCode::OK,
    )
    .await;
    let count = before["awards"].as_array().unwrap().len();

    let mut tasks = Vec::new();
    for n in 0..6 {
        let request = app
            .request(
                reqwest::Method::PATCH,
                "/api/resume/enhanced-awards/",
                Some(&user.token),
            )
            .json(&json!({ "awards": [{ "title": format!("Award {n}") }] }));
        tasks.push(tokio::spawn(async move {
            request.send().await.unwrap().status()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }

    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let after = json_of(
        app.get("/api/resume/enhanced-awards/", &user.token).await,
        StatusCode::OK,
    )
    .await;
    let titles: Vec<&str> = after["awards"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(titles.len(), count + 6, "{titles:?}");
    for n in 0..6 {
        assert!(
            titles.contains(&format!("Award {n}").as_str()),
            "Award {n} lost: {titles:?}"
        );
    }
}
