//! Health, readiness, the OpenAPI document and the documentation page.

use std::sync::Arc;

use resume_domain::ports::MockReadiness;
use resume_domain::RepoError;
use serde_json::Value;

use crate::support::{json, Ports, TestApp};

/// Every operation of the API document and the platform contract.
const OPERATIONS: &[(&str, &str)] = &[
    ("post", "/api/auth/register/"),
    ("post", "/api/auth/login/"),
    ("get", "/api/auth/me/"),
    ("get", "/api/subscription/"),
    ("put", "/api/admin/users/{id}/subscription/"),
    ("post", "/api/jobs/"),
    ("get", "/api/jobs/"),
    ("get", "/api/jobs/{id}/"),
    ("post", "/api/resume/enhance-resume/{job_id}/"),
    ("get", "/api/resume/enhancement-status/{task_id}/"),
    ("get", "/api/resume/enhancement-history/"),
    (
        "get",
        "/api/resume/check-enhanced-resume/{user_id}/{job_id}/",
    ),
    ("get", "/api/resume/enhanced-resume/{id}/"),
    ("put", "/api/resume/enhanced-resume/{id}/"),
    ("patch", "/api/resume/enhanced-resume/{id}/"),
    ("get", "/healthz"),
    ("get", "/readyz"),
];

const SECTIONS: &[&str] = &[
    "experiences",
    "basic-info",
    "skills",
    "education",
    "certifications",
    "projects",
    "languages",
    "awards",
    "publications",
    "volunteer-experience",
    "interests",
];

async fn document(app: &TestApp) -> Value {
    let mut response = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    json(&mut response).await
}

#[actix_web::test]
async fn the_openapi_document_lists_every_route() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;

    let sections = SECTIONS.iter().flat_map(|s| {
        let path = format!("/api/resume/enhanced-{s}/");
        ["get", "put", "patch"].map(|m| (m.to_owned(), path.clone()))
    });
    let all = OPERATIONS
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .chain(sections);
    for (method, path) in all {
        let operation = &doc["paths"][&path][&method];
        assert!(operation.is_object(), "{method} {path} is missing");
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| !r.is_empty()),
            "{path}"
        );
    }
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
}

#[actix_web::test]
async fn protected_operations_name_the_bearer_scheme_and_errors_have_a_schema() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;

    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let me = &doc["paths"]["/api/auth/me/"]["get"];
    assert!(me["security"][0].get("bearer").is_some());
    assert!(me["responses"]["401"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    assert!(doc["components"]["schemas"]["ResumeDto"].is_object());
    let upload = &doc["paths"]["/api/resume/enhance-resume/{job_id}/"]["post"];
    for status in ["400", "401", "403", "404", "413", "415", "429", "503"] {
        assert!(
            upload["responses"][status].is_object(),
            "upload lacks {status}"
        );
    }
}

/// The component a `$ref` names.
fn component<'a>(doc: &'a Value, reference: &Value) -> &'a Value {
    let name = reference
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .unwrap_or_else(|| panic!("not a component reference: {reference}"));
    &doc["components"]["schemas"][name]
}

#[actix_web::test]
async fn request_bodies_are_described_as_strictly_as_the_server_reads_them() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;

    let mut bodies = 0;
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["schema"]["type"] == "integer" {
                    assert!(
                        parameter["schema"]["minimum"].as_i64() >= Some(1),
                        "{method} {path} {}: ids and page numbers start at 1",
                        parameter["name"]
                    );
                }
            }
            let Some(schema) = operation.pointer("/requestBody/content/application~1json/schema")
            else {
                continue;
            };
            bodies += 1;
            for status in ["400", "408", "413", "415"] {
                assert!(
                    operation["responses"][status].is_object(),
                    "{method} {path} lacks {status}"
                );
            }
            let body = component(&doc, &schema["$ref"]);
            assert_eq!(
                body["additionalProperties"], false,
                "{method} {path}: the server refuses unknown fields"
            );
        }
    }
    assert_eq!(bodies, 4 + 2 * (1 + SECTIONS.len()));

    // Requests get their own schemas: a stored resume may hold a date the
    // parser kept as written, a client may only send the normalised forms.
    let put = &doc["paths"]["/api/resume/enhanced-experiences/"]["put"];
    let section = component(
        &doc,
        &put["requestBody"]["content"]["application/json"]["schema"]["$ref"],
    );
    assert_eq!(section["required"], serde_json::json!(["experiences"]));
    let item = component(&doc, &section["properties"]["experiences"]["items"]["$ref"]);
    assert!(item["properties"]["start_date"]["pattern"].is_string());
    assert_eq!(item["anyOf"].as_array().map(Vec::len), Some(2));
    let response_item = &doc["components"]["schemas"]["ExperienceDto"];
    assert!(response_item["properties"]["start_date"]["pattern"].is_null());

    let patch = &doc["paths"]["/api/resume/enhanced-experiences/"]["patch"];
    let section = component(
        &doc,
        &patch["requestBody"]["content"]["application/json"]["schema"]["$ref"],
    );
    assert!(section["required"].is_null(), "PATCH requires nothing");

    let upload = &doc["paths"]["/api/resume/enhance-resume/{job_id}/"]["post"];
    let form = component(
        &doc,
        &upload["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"],
    );
    assert_eq!(form["properties"]["file"]["format"], "binary");
}

/// The limits written into the request schemas by hand are the domain's.
#[actix_web::test]
async fn request_limits_in_the_document_are_the_domains() {
    use resume_domain::ids::Email;
    use resume_domain::service::{MAX_NAME_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
    use resume_domain::{JobPosting, PageRequest};

    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    let limit = |schema: &str, field: &str, key: &str| {
        schemas[schema]["properties"][field][key]
            .as_u64()
            .unwrap_or_else(|| panic!("{schema}.{field} has no {key}"))
    };
    let n = |value: usize| u64::try_from(value).unwrap();

    assert_eq!(
        limit("RegisterRequest", "password", "minLength"),
        n(MIN_PASSWORD_CHARS)
    );
    assert_eq!(
        limit("RegisterRequest", "password", "maxLength"),
        n(MAX_PASSWORD_CHARS)
    );
    assert_eq!(
        limit("RegisterRequest", "full_name", "maxLength"),
        n(MAX_NAME_CHARS)
    );
    assert_eq!(
        limit("RegisterRequest", "email", "maxLength"),
        n(Email::MAX_LEN)
    );
    assert_eq!(
        limit("JobPostingRequest", "title", "maxLength"),
        n(JobPosting::MAX_TITLE)
    );
    assert_eq!(
        limit("JobPostingRequest", "description", "maxLength"),
        n(JobPosting::MAX_DESCRIPTION)
    );
    for list in ["requirements", "nice_to_have"] {
        assert_eq!(
            limit("JobPostingRequest", list, "maxItems"),
            n(JobPosting::MAX_ITEMS)
        );
    }

    // The job's "not only white space" is the same class as an item's key field.
    let item_key = &schemas["ExperienceInput"]["anyOf"][0]["properties"]["company"]["pattern"];
    assert!(item_key.is_string());
    for field in ["title", "description"] {
        assert_eq!(
            &schemas["JobPostingRequest"]["properties"][field]["pattern"],
            item_key
        );
    }

    let list = &doc["paths"]["/api/jobs/"]["get"]["parameters"];
    let page_size = list
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "page_size"))
        .unwrap();
    assert_eq!(
        page_size["schema"]["maximum"].as_u64(),
        Some(u64::from(PageRequest::MAX_SIZE))
    );
}

#[actix_web::test]
async fn the_docs_page_is_self_contained_html_that_loads_the_document() {
    let app = TestApp::spawn().await;

    let mut response = app.client.get(app.url("/docs")).send().await.unwrap();
    let page = String::from_utf8(response.body().await.unwrap().to_vec()).unwrap();

    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("html"));
    assert!(page.contains("/api/openapi.json"));
    assert!(
        !page.contains("src=\"http"),
        "the page loads an external script"
    );
    assert!(
        !page.contains("href=\"http"),
        "the page loads an external stylesheet"
    );
}

#[actix_web::test]
async fn healthz_is_always_200_and_readyz_follows_the_database() {
    let mut down = MockReadiness::new();
    down.expect_ping()
        .returning(|| Err(RepoError::Unavailable("refused".into())));
    let sick = TestApp::with(Ports {
        readiness: Arc::new(down),
        ..Ports::default()
    })
    .await;
    let well = TestApp::spawn().await;

    let live = sick.client.get(sick.url("/healthz")).send().await.unwrap();
    let mut not_ready = sick.client.get(sick.url("/readyz")).send().await.unwrap();
    let ready = well.client.get(well.url("/readyz")).send().await.unwrap();

    assert_eq!(live.status(), 200);
    assert_eq!(not_ready.status(), 503);
    assert!(json(&mut not_ready).await["error"].is_string());
    assert_eq!(ready.status(), 200);
}
