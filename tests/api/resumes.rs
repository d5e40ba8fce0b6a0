//! Stored resumes: status, history, the check by user and job, reading and
//! updating a whole resume.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{error_of, json_of, spawn_app};

const RESUME: &str = "resumes/marcus-adeyemi/marcus-adeyemi.docx";

fn all_skills(skills: &Value) -> Vec<String> {
    ["technical", "soft_skills", "tools"]
        .iter()
        .flat_map(|key| {
            skills[*key]
                .as_array()
                .unwrap_or_else(|| panic!("skills.{key}: {skills}"))
                .iter()
        })
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_status_of_an_enhancement_is_completed_with_the_resume() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let id = resume["id"].as_i64().unwrap();

    let body = json_of(
        app.get(
            &format!("/api/resume/enhancement-status/{id}/"),
            &user.token,
        )
        .await,
        StatusCode::OK,
    )
    .await;

    assert_eq!(body["status"], "completed");
    assert_eq!(body["task_id"], id.to_string());
    assert!(body["created_at"].is_string() && body["updated_at"].is_string());
    assert!(body["last_updated_timestamp"].as_f64().unwrap() > 1.7e9);
    assert!(body["message"].is_string());
    assert_eq!(body["enhanced_resume"]["id"], id);
    assert_eq!(body["enhanced_resume"]["full_name"], resume["full_name"]);
}

#[tokio::test]
async fn the_status_of_an_unknown_enhancement_is_404() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let id = resume["id"].as_i64().unwrap() + 500;

    error_of(
        app.get(
            &format!("/api/resume/enhancement-status/{id}/"),
            &user.token,
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn the_history_lists_the_users_resumes_newest_first() {
    let app = spawn_app().await;
    let user = app.subscriber().await;
    let first_job = app.corpus_job_id("senior-backend-engineer").await;
    let second_job = app.corpus_job_id("data-scientist-pricing").await;
    let first = json_of(
        app.enhance_file(&user.token, first_job, RESUME).await,
        StatusCode::OK,
    )
    .await;
    let second = json_of(
        app.enhance_file(&user.token, second_job, RESUME).await,
        StatusCode::OK,
    )
    .await;

    let history = json_of(
        app.get("/api/resume/enhancement-history/", &user.token)
            .await,
        StatusCode::OK,
    )
    .await;

    let items = history.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], second["enhanced_resume"]["id"]);
    assert_eq!(items[1]["id"], first["enhanced_resume"]["id"]);
    assert_eq!(items[0]["job"], second_job);
    assert_eq!(items[1]["job"], first_job);
    assert!(items.iter().all(|item| item["user"] == user.id));
    all_skills(&items[0]["skills"]);
}

#[tokio::test]
async fn the_check_finds_the_resume_for_the_user_and_job() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let history = json_of(
        app.get("/api/resume/enhancement-history/", &user.token)
            .await,
        StatusCode::OK,
    )
    .await;
    let job = history[0]["job"].as_i64().unwrap();

    let path = format!("/api/resume/check-enhanced-resume/{}/{job}/", user.id);
    let body = json_of(app.get(&path, &user.token).await, StatusCode::OK).await;

    assert_eq!(body["id"], resume["id"]);
    assert_eq!(body["user"], user.id);
    assert_eq!(body["job"], job);
}

#[tokio::test]
async fn the_check_for_another_users_id_is_403_and_for_a_job_without_resume_404() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let other = app.new_user().await;
    let unused_job = app.corpus_job_id("registered-nurse-icu").await;

    let path = format!(
        "/api/resume/check-enhanced-resume/{}/{unused_job}/",
        other.id
    );
    error_of(app.get(&path, &user.token).await, StatusCode::FORBIDDEN).await;

    let path = format!(
        "/api/resume/check-enhanced-resume/{}/{unused_job}/",
        user.id
    );
    error_of(app.get(&path, &user.token).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn a_resume_is_read_with_its_owner_job_and_categorized_skills() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let id = resume["id"].as_i64().unwrap();

    let body = json_of(
        app.get(&format!("/api/resume/enhanced-resume/{id}/"), &user.token)
            .await,
        StatusCode::OK,
    )
    .await;

    assert_eq!(body["id"], id);
    assert_eq!(body["user"], user.id);
    assert!(body["job"].as_i64().is_some());
    assert_eq!(body["full_name"], resume["full_name"]);
    assert_eq!(body["experience"], resume["experience"]);
    assert_eq!(all_skills(&body["skills"]), all_skills(&resume["skills"]));
}

#[tokio::test]
async fn put_replaces_the_named_fields_and_sorts_a_flat_skill_list() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let path = format!("/api/resume/enhanced-resume/{}/", resume["id"]);
    let body = json!({
        "full_name": "John Smith",
        "email": "john.smith@example.com",
        "phone": "+1-555-0124",
        "linkedin": "https://linkedin.com/in/johnsmith",
        "location": "Boston, MA",
        "summary": "Updated professional summary.",
        "skills": ["Python", "Django", "React", "AWS", "Kubernetes", "Leadership"],
        "experience": [{
            "company": "New Tech Corp", "position": "Lead Software Engineer",
            "start_date": "2021-03", "end_date": "Present",
            "description": "Updated job description.", "location": "Boston, MA"
        }],
        "education": [{
            "institution": "MIT", "degree": "Master of Science",
            "field_of_study": "Computer Science", "graduation_year": 2021, "location": "Cambridge, MA"
        }]
    });

    let updated = json_of(app.put(&path, &user.token, &body).await, StatusCode::OK).await;
    let read = json_of(app.get(&path, &user.token).await, StatusCode::OK).await;

    for resume in [&updated, &read] {
        assert_eq!(resume["full_name"], "John Smith");
        assert_eq!(resume["email"], "john.smith@example.com");
        assert_eq!(resume["summary"], "Updated professional summary.");
        let experience = resume["experience"].as_array().unwrap();
        assert_eq!(experience.len(), 1);
        assert_eq!(experience[0]["company"], "New Tech Corp");
        assert_eq!(experience[0]["start_date"], "2021-03");
        assert_eq!(resume["education"][0]["institution"], "MIT");
        let mut skills = all_skills(&resume["skills"]);
        skills.sort();
        assert_eq!(
            skills,
            [
                "AWS",
                "Django",
                "Kubernetes",
                "Leadership",
                "Python",
                "React"
            ]
        );
        assert!(resume["skills"]["soft_skills"]
            .as_array()
            .unwrap()
            .contains(&json!("Leadership")));
    }
}

#[tokio::test]
async fn patch_changes_only_the_fields_it_carries() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let path = format!("/api/resume/enhanced-resume/{}/", resume["id"]);

    let updated = json_of(
        app.patch(&path, &user.token, &json!({ "summary": "Only this." }))
            .await,
        StatusCode::OK,
    )
    .await;

    assert_eq!(updated["summary"], "Only this.");
    assert_eq!(updated["full_name"], resume["full_name"]);
    assert_eq!(updated["email"], resume["email"]);
    assert_eq!(updated["experience"], resume["experience"]);
    assert_eq!(updated["education"], resume["education"]);
}

#[tokio::test]
async fn read_only_fields_sent_back_are_ignored() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let id = resume["id"].as_i64().unwrap();
    let path = format!("/api/resume/enhanced-resume/{id}/");
    let body = json!({
        "id": id + 77, "user": user.id + 5, "job": 12345,
        "created_at": "2001-01-01T00:00:00Z", "updated_at": "2001-01-01T00:00:00Z",
        "summary": "Sent with read-only fields."
    });

    let updated = json_of(app.patch(&path, &user.token, &body).await, StatusCode::OK).await;

    assert_eq!(updated["id"], id);
    assert_eq!(updated["user"], user.id);
    assert_eq!(updated["job"], resume_job(&app, &user.token, id).await);
    assert_eq!(updated["created_at"], resume["created_at"]);
    assert_eq!(updated["summary"], "Sent with read-only fields.");
}

async fn resume_job(app: &crate::helpers::TestApp, token: &str, id: i64) -> Value {
    let body = json_of(
        app.get(&format!("/api/resume/enhanced-resume/{id}/"), token)
            .await,
        StatusCode::OK,
    )
    .await;
    body["job"].clone()
}

#[tokio::test]
async fn unknown_fields_wrong_types_and_bad_dates_are_400_naming_the_field() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let path = format!("/api/resume/enhanced-resume/{}/", resume["id"]);
    let cases = [
        (json!({ "favourite_colour": "blue" }), "favourite_colour"),
        (json!({ "experience": "not a list" }), "experience"),
        (json!({ "full_name": 42 }), "full_name"),
        (
            json!({ "experience": [{ "company": "X", "position": "Y", "start_date": "yesterday" }] }),
            "start_date",
        ),
    ];

    for (body, field) in cases {
        let error = error_of(
            app.patch(&path, &user.token, &body).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(error.contains(field), "{field}: {error}");
    }

    let unchanged = json_of(app.get(&path, &user.token).await, StatusCode::OK).await;
    assert_eq!(unchanged["experience"], resume["experience"]);
    assert_eq!(unchanged["full_name"], resume["full_name"]);
}
