//! The section endpoints (7 to 18): reading, replacing, patching, choosing
//! the resume, validation, and 404 without a resume.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{error_of, json_of, spawn_app, TestApp, TestUser};

/// Every list section: path, body key, and one valid item.
fn list_sections() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "enhanced-experiences",
            "experiences",
            json!({
                "company": "Updated Tech Corp", "position": "Lead Software Engineer",
                "start_date": "2020-01", "end_date": "Present",
                "description": "Updated enhanced job description.", "location": "San Francisco, CA",
                "is_current": true
            }),
        ),
        (
            "enhanced-education",
            "education",
            json!({
                "institution": "MIT", "degree": "Master of Science", "field_of_study": "Computer Science",
                "graduation_year": 2021, "location": "Cambridge, MA", "gpa": "3.9"
            }),
        ),
        (
            "enhanced-certifications",
            "certifications",
            json!({
                "name": "AWS Certified Solutions Architect", "issuer": "Amazon Web Services",
                "issue_date": "2023-06", "expiration_date": "2026-06", "credential_id": "AWS-CSA-123456"
            }),
        ),
        (
            "enhanced-projects",
            "projects",
            json!({
                "name": "E-commerce Platform", "description": "Built a full-stack platform.",
                "technologies": ["React", "Django", "PostgreSQL", "AWS"],
                "start_date": "2023-01", "end_date": "2023-06",
                "url": "https://github.com/user/ecommerce-platform"
            }),
        ),
        (
            "enhanced-languages",
            "languages",
            json!({ "name": "Spanish", "proficiency": "Professional" }),
        ),
        (
            "enhanced-awards",
            "awards",
            json!({
                "title": "Employee of the Year", "issuer": "Tech Corp", "date": "2023-12",
                "description": "Recognized for outstanding performance."
            }),
        ),
        (
            "enhanced-publications",
            "publications",
            json!({
                "title": "Machine Learning in Web Development", "publisher": "Tech Journal",
                "publication_date": "2023-08", "url": "https://techjournal.example.com/ml-webdev",
                "authors": ["John Doe", "Jane Smith"]
            }),
        ),
        (
            "enhanced-volunteer-experience",
            "volunteer_experience",
            json!({
                "organization": "Local Food Bank", "role": "Technology Volunteer",
                "start_date": "2022-01", "end_date": "Present",
                "description": "Developed and maintained the website."
            }),
        ),
    ]
}

/// Asserts that every field of `sent` is in `stored` with the same value.
fn assert_item_kept(sent: &Value, stored: &Value) {
    for (key, value) in sent.as_object().unwrap() {
        assert_eq!(&stored[key], value, "{key} in {stored}");
    }
}

async fn section(app: &TestApp, user: &TestUser, path: &str) -> Value {
    json_of(
        app.get(&format!("/api/resume/{path}/"), &user.token).await,
        StatusCode::OK,
    )
    .await
}

#[tokio::test]
async fn experiences_carry_ids_periods_and_the_current_flag() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;

    let body = section(&app, &user, "enhanced-experiences").await;

    let items = body["experiences"].as_array().unwrap();
    assert!(!items.is_empty());
    let mut ids: Vec<i64> = items
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), items.len(), "ids are not unique");
    for item in items {
        assert!(!item["period"].as_str().unwrap().is_empty(), "{item}");
        let present = item["end_date"] == "Present";
        assert_eq!(item["is_current"], present, "{item}");
    }
    assert!(
        items.iter().any(|item| item["is_current"] == true),
        "marcus works at Tessellate now"
    );
}

#[tokio::test]
async fn every_list_section_is_replaced_by_put_and_read_back_with_ids() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;

    for (path, key, item) in list_sections() {
        let response = app
            .put(
                &format!("/api/resume/{path}/"),
                &user.token,
                &json!({ key: [item.clone()] }),
            )
            .await;
        let answer = json_of(response, StatusCode::OK).await;
        assert!(
            answer["message"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("updated"),
            "{path}: {answer}"
        );

        let body = section(&app, &user, path).await;
        let items = body[key]
            .as_array()
            .unwrap_or_else(|| panic!("{path}: {body}"));
        assert_eq!(items.len(), 1, "{path}: {body}");
        assert_item_kept(&item, &items[0]);
        assert!(
            items[0]["id"].as_i64().is_some(),
            "{path}: no id in {}",
            items[0]
        );
    }
}

#[tokio::test]
async fn the_experience_update_answers_with_the_documented_message_and_list() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let (_, _, item) = list_sections().remove(0);

    let response = app
        .put(
            "/api/resume/enhanced-experiences/",
            &user.token,
            &json!({ "experiences": [item.clone()] }),
        )
        .await;

    let body = json_of(response, StatusCode::OK).await;
    assert_eq!(body["message"], "Enhanced experiences updated successfully");
    assert_item_kept(&item, &body["experiences"][0]);
    assert_eq!(body["experiences"][0]["is_current"], true);
    assert!(body["experiences"][0]["period"]
        .as_str()
        .unwrap()
        .contains("Present"));
}

#[tokio::test]
async fn patch_updates_the_item_with_an_id_and_appends_one_without() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let before = section(&app, &user, "enhanced-experiences").await["experiences"].clone();
    let before = before.as_array().unwrap();
    let target = before[0]["id"].as_i64().unwrap();
    let body = json!({ "experiences": [
        { "id": target, "description": "Rewritten by the user." },
        { "company": "Side Gig LLC", "position": "Consultant", "start_date": "2019", "end_date": "2020" }
    ]});

    json_of(
        app.patch("/api/resume/enhanced-experiences/", &user.token, &body)
            .await,
        StatusCode::OK,
    )
    .await;

    let after = section(&app, &user, "enhanced-experiences").await["experiences"].clone();
    let after = after.as_array().unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let changed = after.iter().find(|item| item["id"] == target).unwrap();
    assert_eq!(changed["description"], "Rewritten by the user.");
    assert_eq!(
        changed["company"], before[0]["company"],
        "a field not sent was lost"
    );
    for old in &before[1..] {
        let kept = after.iter().find(|item| item["id"] == old["id"]).unwrap();
        assert_eq!(kept, old);
    }
    let added = after
        .iter()
        .find(|item| item["company"] == "Side Gig LLC")
        .unwrap();
    assert!(added["id"].as_i64().is_some());
}

#[tokio::test]
async fn basic_info_is_read_replaced_and_patched() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;

    let info = section(&app, &user, "enhanced-basic-info").await;
    for key in [
        "full_name",
        "email",
        "phone",
        "linkedin",
        "location",
        "summary",
    ] {
        assert_eq!(info[key], resume[key], "{key}");
    }

    let patch = json!({ "phone": "+1-555-0199" });
    let answer = json_of(
        app.patch("/api/resume/enhanced-basic-info/", &user.token, &patch)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        answer["message"],
        "Enhanced resume basic info updated successfully"
    );
    let patched = section(&app, &user, "enhanced-basic-info").await;
    assert_eq!(patched["phone"], "+1-555-0199");
    assert_eq!(patched["full_name"], resume["full_name"]);

    let put = json!({
        "full_name": "John Smith", "email": "john.smith@example.com", "phone": "+1-555-0124",
        "linkedin": "https://linkedin.com/in/johnsmith", "location": "Boston, MA",
        "summary": "Updated professional summary."
    });
    json_of(
        app.put("/api/resume/enhanced-basic-info/", &user.token, &put)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(section(&app, &user, "enhanced-basic-info").await, put);
}

#[tokio::test]
async fn skills_are_replaced_with_a_count_and_patched_by_category() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let skills = json!({
        "technical": ["Python", "Django", "React", "AWS", "Kubernetes"],
        "soft_skills": ["Leadership", "Communication", "Team Management"],
        "tools": ["Docker", "Kubernetes", "Git", "Jenkins"]
    });

    let answer = json_of(
        app.put(
            "/api/resume/enhanced-skills/",
            &user.token,
            &json!({ "skills": skills }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        answer["message"],
        "Enhanced resume skills updated successfully"
    );
    assert_eq!(answer["skills_count"], 12);
    assert_eq!(
        section(&app, &user, "enhanced-skills").await["skills"],
        skills
    );

    let patch = json!({ "skills": { "tools": ["Terraform"] } });
    json_of(
        app.patch("/api/resume/enhanced-skills/", &user.token, &patch)
            .await,
        StatusCode::OK,
    )
    .await;
    let after = section(&app, &user, "enhanced-skills").await["skills"].clone();
    assert_eq!(after["tools"], json!(["Terraform"]));
    assert_eq!(after["technical"], skills["technical"]);
}

#[tokio::test]
async fn a_flat_skill_list_is_sorted_into_categories() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let flat = json!({ "skills": ["Python", "Leadership", "Docker"] });

    let answer = json_of(
        app.put("/api/resume/enhanced-skills/", &user.token, &flat)
            .await,
        StatusCode::OK,
    )
    .await;

    assert_eq!(answer["skills_count"], 3);
    let skills = section(&app, &user, "enhanced-skills").await["skills"].clone();
    assert!(
        skills["technical"]
            .as_array()
            .unwrap()
            .contains(&json!("Python")),
        "{skills}"
    );
    assert!(
        skills["soft_skills"]
            .as_array()
            .unwrap()
            .contains(&json!("Leadership")),
        "{skills}"
    );
    assert!(
        skills["tools"]
            .as_array()
            .unwrap()
            .contains(&json!("Docker")),
        "{skills}"
    );
}

#[tokio::test]
async fn interests_are_replaced_by_the_list_sent() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let interests = json!([
        "Open Source Development",
        "Artificial Intelligence",
        "Photography",
        "Hiking",
        "Chess"
    ]);

    json_of(
        app.put(
            "/api/resume/enhanced-interests/",
            &user.token,
            &json!({ "interests": interests }),
        )
        .await,
        StatusCode::OK,
    )
    .await;

    assert_eq!(
        section(&app, &user, "enhanced-interests").await["interests"],
        interests
    );
}

#[tokio::test]
async fn the_resume_id_parameter_chooses_an_older_resume() {
    let app = spawn_app().await;
    let (user, first) = app.subscriber_with_resume().await;
    let job = app.corpus_job_id("data-scientist-pricing").await;
    let second = json_of(
        app.enhance_file(
            &user.token,
            job,
            "resumes/priya-raghunathan/priya-raghunathan.docx",
        )
        .await,
        StatusCode::OK,
    )
    .await["enhanced_resume"]
        .clone();
    let first_id = first["id"].as_i64().unwrap();

    let latest = section(&app, &user, "enhanced-basic-info").await;
    assert_eq!(latest["email"], second["email"]);
    let older = json_of(
        app.get(
            &format!("/api/resume/enhanced-basic-info/?resume_id={first_id}"),
            &user.token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(older["email"], first["email"]);

    let path = format!("/api/resume/enhanced-basic-info/?resume_id={first_id}");
    json_of(
        app.patch(
            &path,
            &user.token,
            &json!({ "summary": "Older one edited." }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let older = json_of(app.get(&path, &user.token).await, StatusCode::OK).await;
    assert_eq!(older["summary"], "Older one edited.");
    assert_ne!(
        section(&app, &user, "enhanced-basic-info").await["summary"],
        "Older one edited."
    );
}

#[tokio::test]
async fn every_section_is_404_for_a_user_without_a_resume() {
    let app = spawn_app().await;
    let user = app.new_user().await;
    let mut paths: Vec<&str> = list_sections().iter().map(|(path, _, _)| *path).collect();
    paths.extend([
        "enhanced-basic-info",
        "enhanced-skills",
        "enhanced-interests",
    ]);

    for path in paths {
        let response = app.get(&format!("/api/resume/{path}/"), &user.token).await;
        error_of(response, StatusCode::NOT_FOUND).await;
    }
}

#[tokio::test]
async fn invalid_section_values_are_400_naming_the_field_and_change_nothing() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;
    let before = section(&app, &user, "enhanced-experiences").await;
    let cases = [
        (
            "enhanced-experiences",
            json!({ "experiences": [{ "company": "X", "position": "Y", "start_date": "someday" }] }),
            "start_date",
        ),
        (
            "enhanced-experiences",
            json!({ "experiences": [{ "company": "X", "salary": 10 }] }),
            "salary",
        ),
        (
            "enhanced-languages",
            json!({ "languages": [{ "name": 5 }] }),
            "name",
        ),
        ("enhanced-skills", json!({ "skills": 7 }), "skills"),
        (
            "enhanced-interests",
            json!({ "interests": "chess" }),
            "interests",
        ),
        (
            "enhanced-basic-info",
            json!({ "nickname": "Bob" }),
            "nickname",
        ),
    ];

    for (path, body, field) in cases {
        let response = app
            .put(&format!("/api/resume/{path}/"), &user.token, &body)
            .await;
        let error = error_of(response, StatusCode::BAD_REQUEST).await;
        assert!(error.contains(field), "{path} {field}: {error}");
    }
    assert_eq!(section(&app, &user, "enhanced-experiences").await, before);
}

#[tokio::test]
async fn patch_appends_an_item_without_id_to_every_list_section() {
    let app = spawn_app().await;
    let (user, _) = app.subscriber_with_resume().await;

    for (path, key, item) in list_sections() {
        let before = section(&app, &user, path).await[key]
            .as_array()
            .unwrap()
            .clone();

        let response = app
            .patch(
                &format!("/api/resume/{path}/"),
                &user.token,
                &json!({ key: [item.clone()] }),
            )
            .await;
        json_of(response, StatusCode::OK).await;

        let after = section(&app, &user, path).await[key]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(after.len(), before.len() + 1, "{path}");
        assert_eq!(
            &after[..before.len()],
            &before[..],
            "{path}: existing items changed"
        );
        assert_item_kept(&item, &after[before.len()]);
    }
}

#[tokio::test]
async fn read_only_fields_in_a_section_body_are_ignored() {
    let app = spawn_app().await;
    let (user, resume) = app.subscriber_with_resume().await;
    let body = json!({
        "id": 999, "user": 12345, "job": 777, "created_at": "2001-01-01T00:00:00Z",
        "summary": "Read-only fields were sent along."
    });

    json_of(
        app.patch("/api/resume/enhanced-basic-info/", &user.token, &body)
            .await,
        StatusCode::OK,
    )
    .await;

    let path = format!("/api/resume/enhanced-resume/{}/", resume["id"]);
    let stored = json_of(app.get(&path, &user.token).await, StatusCode::OK).await;
    assert_eq!(stored["summary"], "Read-only fields were sent along.");
    assert_eq!(stored["id"], resume["id"]);
    assert_eq!(stored["user"], user.id);
    assert_eq!(stored["created_at"], resume["created_at"]);
}
