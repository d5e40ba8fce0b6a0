//! Endpoints 6 to 18: editing a stored resume as a whole and by section.

use resume_domain::{Role, Tier};
use serde_json::{json, Value};

use crate::support::{json, TestApp};

const RESUME: &[u8] = b"Ada Lovelace\nRust\n";

/// A premium user with one enhanced resume; returns the token and its id.
async fn with_resume(app: &TestApp) -> (String, i64) {
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;
    let mut response = app.upload(&token, job, RESUME).await;
    let id = json(&mut response).await["enhanced_resume"]["id"]
        .as_i64()
        .unwrap();
    (token, id)
}

async fn send(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let request = match method {
        "GET" => app.client.get(app.url(path)),
        "PUT" => app.client.put(app.url(path)),
        _ => app.client.patch(app.url(path)),
    }
    .bearer_auth(token);
    let mut response = match body {
        Some(body) => request.send_json(&body).await.unwrap(),
        None => request.send().await.unwrap(),
    };
    (response.status().as_u16(), json(&mut response).await)
}

#[actix_web::test]
async fn experiences_carry_id_period_and_is_current() {
    let app = TestApp::spawn().await;
    let (token, _) = with_resume(&app).await;

    let (status, body) = send(
        &app,
        &token,
        "GET",
        "/api/resume/enhanced-experiences/",
        None,
    )
    .await;

    assert_eq!(status, 200);
    let first = &body["experiences"][0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["period"], "Jan 2020 - Present");
    assert_eq!(first["start_date"], "2020-01");
    assert_eq!(first["is_current"], true);
}

#[actix_web::test]
async fn putting_experiences_replaces_them_and_returns_the_message_and_section() {
    let app = TestApp::spawn().await;
    let (token, _) = with_resume(&app).await;
    let body = json!({"experiences": [{"company": "Updated Tech Corp",
        "position": "Lead Software Engineer", "start_date": "2021-03", "end_date": "Present",
        "description": "Led", "location": "Boston, MA"}]});

    let (status, answer) = send(
        &app,
        &token,
        "PUT",
        "/api/resume/enhanced-experiences/",
        Some(body),
    )
    .await;

    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["message"],
        "Enhanced experiences updated successfully"
    );
    assert_eq!(answer["experiences"].as_array().unwrap().len(), 1);
    assert_eq!(answer["experiences"][0]["company"], "Updated Tech Corp");
    assert_eq!(answer["experiences"][0]["period"], "Mar 2021 - Present");
}

#[actix_web::test]
async fn a_flat_skill_list_is_categorised_and_counted() {
    let app = TestApp::spawn().await;
    let (token, _) = with_resume(&app).await;
    let body = json!({"skills": ["Rust", "Docker", "Leadership", "Git"]});

    let (status, answer) = send(
        &app,
        &token,
        "PUT",
        "/api/resume/enhanced-skills/",
        Some(body),
    )
    .await;
    let (_, shown) = send(&app, &token, "GET", "/api/resume/enhanced-skills/", None).await;

    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["message"],
        "Enhanced resume skills updated successfully"
    );
    assert_eq!(answer["skills_count"], 4);
    assert_eq!(shown["skills"]["tools"], json!(["Docker", "Git"]));
    assert_eq!(shown["skills"]["soft_skills"], json!(["Leadership"]));
}

#[actix_web::test]
async fn patching_basic_info_changes_only_what_it_carries() {
    let app = TestApp::spawn().await;
    let (token, _) = with_resume(&app).await;

    let (status, answer) = send(
        &app,
        &token,
        "PATCH",
        "/api/resume/enhanced-basic-info/",
        Some(json!({"phone": "+1-555-0124"})),
    )
    .await;
    let (_, shown) = send(
        &app,
        &token,
        "GET",
        "/api/resume/enhanced-basic-info/",
        None,
    )
    .await;

    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["message"],
        "Enhanced resume basic info updated successfully"
    );
    assert_eq!(shown["phone"], "+1-555-0124");
    assert_eq!(shown["full_name"], "Ada Lovelace");
}

#[actix_web::test]
async fn an_unknown_field_in_a_section_is_a_400_naming_it_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let (token, _) = with_resume(&app).await;
    let body = json!({"education": [{"institution": "MIT", "mascot": "beaver"}]});

    let (status, answer) = send(
        &app,
        &token,
        "PUT",
        "/api/resume/enhanced-education/",
        Some(body),
    )
    .await;
    let (_, shown) = send(&app, &token, "GET", "/api/resume/enhanced-education/", None).await;

    assert_eq!(status, 400);
    assert!(
        answer["details"]["field"]
            .as_str()
            .unwrap()
            .contains("mascot"),
        "{answer}"
    );
    assert_eq!(shown["education"], json!([]));
}

#[actix_web::test]
async fn every_list_section_round_trips_with_its_message() {
    let app = TestApp::spawn().await;
    let (token, _) = with_resume(&app).await;
    let cases = [
        (
            "education",
            json!([{"institution": "MIT", "graduation_year": 2021}]),
            "education",
        ),
        (
            "certifications",
            json!([{"name": "AWS SA", "issue_date": "2023-06"}]),
            "certifications",
        ),
        (
            "projects",
            json!([{"name": "Shop", "technologies": ["React"]}]),
            "projects",
        ),
        (
            "languages",
            json!([{"name": "English", "proficiency": "Native"}]),
            "languages",
        ),
        (
            "awards",
            json!([{"title": "Employee of the Year", "date": "2023-12"}]),
            "awards",
        ),
        (
            "publications",
            json!([{"title": "ML", "authors": ["A"]}]),
            "publications",
        ),
        (
            "volunteer_experience",
            json!([{"organization": "Food Bank"}]),
            "volunteer experience",
        ),
        ("interests", json!(["Chess", "Hiking"]), "interests"),
    ];

    for (key, items, words) in cases {
        let path = format!("/api/resume/enhanced-{}/", key.replace('_', "-"));
        let (status, answer) = send(&app, &token, "PUT", &path, Some(json!({ key: items }))).await;
        let (_, shown) = send(&app, &token, "GET", &path, None).await;

        assert_eq!(status, 200, "{key}: {answer}");
        assert_eq!(
            answer["message"],
            format!("Enhanced resume {words} updated successfully")
        );
        assert_eq!(answer[key], shown[key], "{key}");
        assert_eq!(
            shown[key].as_array().unwrap().len(),
            items.as_array().unwrap().len(),
            "{key}"
        );
    }
}

#[actix_web::test]
async fn section_endpoints_follow_resume_id_and_404_without_a_resume() {
    let app = TestApp::spawn().await;
    let (token, id) = with_resume(&app).await;
    let (_, newcomer) = app
        .user_with("new@example.com", Role::User, Tier::Premium)
        .await;

    let (named, _) = send(
        &app,
        &token,
        "GET",
        &format!("/api/resume/enhanced-interests/?resume_id={id}"),
        None,
    )
    .await;
    let (missing, _) = send(
        &app,
        &token,
        "GET",
        "/api/resume/enhanced-interests/?resume_id=999",
        None,
    )
    .await;
    let (bad, body) = send(
        &app,
        &token,
        "GET",
        "/api/resume/enhanced-interests/?resume_id=x",
        None,
    )
    .await;
    let (none, _) = send(&app, &newcomer, "GET", "/api/resume/enhanced-skills/", None).await;

    assert_eq!(named, 200);
    assert_eq!(missing, 404);
    assert_eq!(bad, 400);
    assert_eq!(body["details"]["field"], "resume_id");
    assert_eq!(none, 404);
}

#[actix_web::test]
async fn the_whole_resume_can_be_replaced_and_patched() {
    let app = TestApp::spawn().await;
    let (token, id) = with_resume(&app).await;
    let path = format!("/api/resume/enhanced-resume/{id}/");

    let (patched, body) = send(
        &app,
        &token,
        "PATCH",
        &path,
        Some(json!({"summary": "New summary", "id": 12345, "created_at": "x"})),
    )
    .await;
    let (replaced, after) = send(
        &app,
        &token,
        "PUT",
        &path,
        Some(json!({"full_name": "John Smith", "skills": ["Python"]})),
    )
    .await;
    let (invalid, error) = send(
        &app,
        &token,
        "PATCH",
        &path,
        Some(json!({"experience": [{"company": "A", "position": "B", "start_date": "Jan 2020"}]})),
    )
    .await;

    assert_eq!(patched, 200, "{body}");
    assert_eq!(body["summary"], "New summary");
    assert_eq!(body["id"], id);
    assert_eq!(body["full_name"], "Ada Lovelace");
    assert_eq!(replaced, 200, "{after}");
    assert_eq!(after["full_name"], "John Smith");
    assert_eq!(after["skills"]["technical"], json!(["Python"]));
    assert_eq!(after["experience"], json!([]));
    assert_eq!(invalid, 400);
    assert!(
        error["details"]["field"]
            .as_str()
            .unwrap()
            .contains("start_date"),
        "{error}"
    );
}

#[actix_web::test]
async fn a_section_body_that_is_not_an_object_is_a_400() {
    let app = TestApp::spawn().await;
    let (token, _) = with_resume(&app).await;

    let (status, _) = send(
        &app,
        &token,
        "PUT",
        "/api/resume/enhanced-interests/",
        Some(json!(["Chess"])),
    )
    .await;

    assert_eq!(status, 400);
}

#[actix_web::test]
async fn a_section_read_back_can_be_sent_back_unchanged() {
    let app = TestApp::spawn().await;
    let (token, id) = with_resume(&app).await;
    let resume_path = format!("/api/resume/enhanced-resume/{id}/");

    for section in ["experiences", "skills", "basic-info", "interests"] {
        let path = format!("/api/resume/enhanced-{section}/");
        let (_, shown) = send(&app, &token, "GET", &path, None).await;
        let (status, answer) = send(&app, &token, "PUT", &path, Some(shown.clone())).await;
        assert_eq!(status, 200, "{section}: {answer}");
    }
    let (_, whole) = send(&app, &token, "GET", &resume_path, None).await;
    let (status, answer) = send(&app, &token, "PUT", &resume_path, Some(whole.clone())).await;

    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["experience"], whole["experience"]);
}
