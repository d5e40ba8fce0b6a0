//! The upload: every accepted format gives the documented body, tailored by
//! the offline engine, with a match report.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{corpus, json_of, spawn_app, TestApp};

fn expected(name: &str) -> Value {
    let path = corpus(&format!("resumes/{name}/{name}.expected.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `engine` and `match` may sit beside `enhanced_resume` or inside it.
fn extra<'a>(body: &'a Value, key: &str) -> &'a Value {
    if body.get(key).is_some() {
        &body[key]
    } else {
        &body["enhanced_resume"][key]
    }
}

fn assert_documented_body(body: &Value, person: &Value) {
    assert_eq!(
        body["message"],
        "Resume enhancement completed successfully."
    );
    assert_eq!(body["status"], "completed");

    let resume = &body["enhanced_resume"];
    assert!(resume["id"].as_i64().is_some(), "{resume}");
    assert_eq!(resume["email"], person["email"], "email");
    assert_eq!(resume["full_name"], person["full_name"], "full_name");
    for key in ["technical", "soft_skills", "tools"] {
        assert!(
            resume["skills"][key].is_array(),
            "skills.{key} in {}",
            resume["skills"]
        );
    }
    for list in [
        "experience",
        "education",
        "certifications",
        "projects",
        "languages",
        "awards",
        "publications",
        "volunteer_experience",
        "interests",
    ] {
        assert!(resume[list].is_array(), "{list} is not a list");
    }
    assert!(
        !resume["experience"].as_array().unwrap().is_empty(),
        "no experience found"
    );
    assert!(resume["created_at"].as_str().is_some());
    for text in ["phone", "linkedin", "location", "summary"] {
        assert!(resume[text].is_string() || resume[text].is_null(), "{text}");
    }
}

fn assert_offline_match(body: &Value) {
    assert_eq!(extra(body, "engine"), "offline");
    let report = extra(body, "match");
    let before = report["score_before"].as_f64().unwrap();
    let after = report["score_after"].as_f64().unwrap();
    assert!(
        after >= before,
        "the tailored resume matches worse: {before} -> {after}"
    );
    assert!(report["matched_keywords"].is_array() && report["missing_keywords"].is_array());
    assert!(
        !report["matched_keywords"].as_array().unwrap().is_empty(),
        "a software engineer matches nothing of a backend job: {report}"
    );
}

async fn enhance_ok(app: &TestApp, file: &str) -> Value {
    let user = app.subscriber().await;
    let job = app.corpus_job_id("senior-backend-engineer").await;
    json_of(
        app.enhance_file(&user.token, job, file).await,
        StatusCode::OK,
    )
    .await
}

#[tokio::test]
async fn a_pdf_resume_is_enhanced_with_the_documented_body() {
    let app = spawn_app().await;
    let body = enhance_ok(&app, "resumes/marcus-adeyemi/marcus-adeyemi.pdf").await;
    assert_documented_body(&body, &expected("marcus-adeyemi"));
    assert_offline_match(&body);
}

#[tokio::test]
async fn a_docx_resume_is_enhanced_with_the_documented_body() {
    let app = spawn_app().await;
    let body = enhance_ok(&app, "resumes/marcus-adeyemi/marcus-adeyemi.docx").await;
    assert_documented_body(&body, &expected("marcus-adeyemi"));
    assert_offline_match(&body);
}

#[tokio::test]
async fn a_word_97_doc_resume_is_enhanced_with_the_documented_body() {
    let app = spawn_app().await;
    let body = enhance_ok(&app, "resumes/marcus-adeyemi/marcus-adeyemi.doc").await;
    assert_documented_body(&body, &expected("marcus-adeyemi"));
    assert_offline_match(&body);
}

#[tokio::test]
async fn odt_and_plain_text_resumes_are_accepted_too() {
    let app = spawn_app().await;
    for file in [
        "resumes/marcus-adeyemi/marcus-adeyemi.odt",
        "resumes/marcus-adeyemi/marcus-adeyemi.txt",
    ] {
        let body = enhance_ok(&app, file).await;
        assert_documented_body(&body, &expected("marcus-adeyemi"));
    }
}

#[tokio::test]
async fn an_rtf_resume_is_accepted_whatever_its_file_name() {
    let app = spawn_app().await;
    let body = enhance_ok(&app, "edge-cases/rtf-as.doc").await;
    assert_eq!(body["status"], "completed");
    assert!(body["enhanced_resume"]["id"].as_i64().is_some());
}

#[tokio::test]
async fn the_format_is_told_by_the_bytes_not_the_file_name() {
    let app = spawn_app().await;
    let body = enhance_ok(&app, "edge-cases/pdf-renamed.docx").await;
    assert_documented_body(&body, &expected("luca-bianchi"));
}

#[tokio::test]
async fn a_real_latex_resume_pdf_is_enhanced() {
    let app = spawn_app().await;
    let body = enhance_ok(&app, "real/sb2nov-resume__sourabh_bajaj_resume.pdf").await;
    assert_eq!(body["status"], "completed");
    assert!(!body["enhanced_resume"]["experience"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_enhanced_resume_asserts_no_skill_the_source_lacks() {
    let app = spawn_app().await;
    let body = enhance_ok(&app, "resumes/luca-bianchi/luca-bianchi.docx").await;

    let skills = &body["enhanced_resume"]["skills"];
    let all: Vec<String> = ["technical", "soft_skills", "tools"]
        .iter()
        .flat_map(|key| skills[key].as_array().unwrap().iter())
        .map(|s| s.as_str().unwrap().to_lowercase())
        .collect();
    // A chef's resume tailored to a backend job must not claim backend skills.
    for claimed in ["kafka", "kubernetes", "terraform", "postgres"] {
        assert!(
            !all.iter().any(|s| s.contains(claimed)),
            "{claimed} was invented: {all:?}"
        );
    }
}
