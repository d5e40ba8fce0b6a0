//! Accounts, subscriptions and jobs over HTTP.

use resume_domain::{Role, Tier};
use serde_json::json;

use crate::support::{json, TestApp};

#[actix_web::test]
async fn registering_answers_201_with_the_user_on_the_free_tier() {
    let app = TestApp::spawn().await;
    let body = json!({"email": "Ada@Example.com", "password": "correct horse", "full_name": "Ada"});

    let mut response = app
        .client
        .post(app.url("/api/auth/register/"))
        .send_json(&body)
        .await
        .unwrap();

    assert_eq!(response.status(), 201);
    let user = json(&mut response).await;
    assert_eq!(user["email"], "ada@example.com");
    assert_eq!(user["role"], "user");
    assert_eq!(
        user["subscription"],
        json!({"tier": "free", "status": "none", "expires_at": null})
    );
    assert!(user["id"].is_i64());
}

#[actix_web::test]
async fn registering_a_taken_email_is_409_and_a_short_password_400() {
    let app = TestApp::spawn().await;
    let body = json!({"email": "ada@example.com", "password": "correct horse", "full_name": "A"});
    app.client
        .post(app.url("/api/auth/register/"))
        .send_json(&body)
        .await
        .unwrap();

    let again = app
        .client
        .post(app.url("/api/auth/register/"))
        .send_json(&body)
        .await
        .unwrap();
    let mut short = app
        .client
        .post(app.url("/api/auth/register/"))
        .send_json(&json!({"email": "b@example.com", "password": "short", "full_name": "B"}))
        .await
        .unwrap();

    assert_eq!(again.status(), 409);
    assert_eq!(short.status(), 400);
    assert_eq!(json(&mut short).await["details"]["field"], "password");
}

#[actix_web::test]
async fn login_returns_a_bearer_token_that_opens_me() {
    let app = TestApp::spawn().await;
    let creds = json!({"email": "ada@example.com", "password": "correct horse"});
    let mut register = creds.clone();
    register["full_name"] = json!("Ada");
    app.client
        .post(app.url("/api/auth/register/"))
        .send_json(&register)
        .await
        .unwrap();

    let mut login = app
        .client
        .post(app.url("/api/auth/login/"))
        .send_json(&creds)
        .await
        .unwrap();
    let session = json(&mut login).await;
    let token = session["access_token"].as_str().unwrap();
    let mut me = app
        .client
        .get(app.url("/api/auth/me/"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();

    assert_eq!(login.status(), 200);
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["expires_in"], 600);
    assert_eq!(session["user"]["email"], "ada@example.com");
    assert_eq!(me.status(), 200);
    assert_eq!(json(&mut me).await["id"], session["user"]["id"]);
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_401() {
    let app = TestApp::spawn().await;
    let register =
        json!({"email": "ada@example.com", "password": "correct horse", "full_name": "A"});
    app.client
        .post(app.url("/api/auth/register/"))
        .send_json(&register)
        .await
        .unwrap();

    let mut wrong = app
        .client
        .post(app.url("/api/auth/login/"))
        .send_json(&json!({"email": "ada@example.com", "password": "wrong horse"}))
        .await
        .unwrap();
    let mut unknown = app
        .client
        .post(app.url("/api/auth/login/"))
        .send_json(&json!({"email": "bob@example.com", "password": "correct horse"}))
        .await
        .unwrap();

    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    assert_eq!(json(&mut wrong).await, json(&mut unknown).await);
}

#[actix_web::test]
async fn the_subscription_endpoint_shows_tier_status_and_expiry() {
    let app = TestApp::spawn().await;
    let (_, token) = app
        .user_with("paid@example.com", Role::User, Tier::Standard)
        .await;

    let mut response = app
        .client
        .get(app.url("/api/subscription/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    let body = json(&mut response).await;
    assert_eq!(body["tier"], "standard");
    assert_eq!(body["status"], "active");
    assert!(body["expires_at"].as_str().unwrap().ends_with('Z'));
}

#[actix_web::test]
async fn only_an_admin_may_set_a_subscription() {
    let app = TestApp::spawn().await;
    let (target, user_token) = app.user_with("u@example.com", Role::User, Tier::Free).await;
    let (_, admin_token) = app
        .user_with("root@example.com", Role::Admin, Tier::Free)
        .await;
    let path = format!("/api/admin/users/{}/subscription/", target.id);
    let body = json!({"tier": "premium", "expires_at": "2030-01-01T00:00:00Z"});

    let refused = app
        .client
        .put(app.url(&path))
        .bearer_auth(&user_token)
        .send_json(&body)
        .await
        .unwrap();
    let mut done = app
        .client
        .put(app.url(&path))
        .bearer_auth(&admin_token)
        .send_json(&body)
        .await
        .unwrap();
    let mut bad_tier = app
        .client
        .put(app.url(&path))
        .bearer_auth(&admin_token)
        .send_json(&json!({"tier": "gold"}))
        .await
        .unwrap();
    let missing = app
        .client
        .put(app.url("/api/admin/users/999/subscription/"))
        .bearer_auth(&admin_token)
        .send_json(&body)
        .await
        .unwrap();

    assert_eq!(refused.status(), 403);
    assert_eq!(done.status(), 200);
    let user = json(&mut done).await;
    assert_eq!(user["subscription"]["tier"], "premium");
    assert_eq!(
        user["subscription"]["expires_at"],
        "2030-01-01T00:00:00.000000Z"
    );
    assert_eq!(bad_tier.status(), 400);
    assert_eq!(json(&mut bad_tier).await["details"]["field"], "tier");
    assert_eq!(missing.status(), 404);
}

#[actix_web::test]
async fn employers_post_jobs_and_plain_users_may_not() {
    let app = TestApp::spawn().await;
    let (_, employer) = app
        .user_with("e@example.com", Role::Employer, Tier::Free)
        .await;
    let (_, user) = app.user_with("u@example.com", Role::User, Tier::Free).await;
    let job = json!({"title": "Rust Engineer", "company": "Acme", "description": "Build",
        "requirements": ["Rust"]});

    let mut created = app
        .client
        .post(app.url("/api/jobs/"))
        .bearer_auth(&employer)
        .send_json(&job)
        .await
        .unwrap();
    let refused = app
        .client
        .post(app.url("/api/jobs/"))
        .bearer_auth(&user)
        .send_json(&job)
        .await
        .unwrap();
    let mut invalid = app
        .client
        .post(app.url("/api/jobs/"))
        .bearer_auth(&employer)
        .send_json(&json!({"title": " ", "description": "x"}))
        .await
        .unwrap();

    assert_eq!(created.status(), 201);
    let body = json(&mut created).await;
    assert_eq!(body["title"], "Rust Engineer");
    assert_eq!(body["nice_to_have"], json!([]));
    assert_eq!(body["requirements"], json!(["Rust"]));
    assert!(body["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(refused.status(), 403);
    assert_eq!(invalid.status(), 400);
    assert_eq!(json(&mut invalid).await["details"]["field"], "title");
}

#[actix_web::test]
async fn jobs_are_listed_a_page_at_a_time_with_the_total_count() {
    let app = TestApp::spawn().await;
    for _ in 0..3 {
        app.job().await;
    }
    let (_, token) = app
        .user_with("reader@example.com", Role::User, Tier::Free)
        .await;

    let mut page = app
        .client
        .get(app.url("/api/jobs/?page=2&page_size=2"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let mut bad = app
        .client
        .get(app.url("/api/jobs/?page_size=500"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    let body = json(&mut page).await;
    assert_eq!(body["count"], 3);
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    assert_eq!(body["results"][0]["id"], 3);
    assert_eq!(bad.status(), 400);
    assert_eq!(json(&mut bad).await["details"]["field"], "page_size");
}

#[actix_web::test]
async fn a_missing_job_is_404() {
    let app = TestApp::spawn().await;
    let (_, token) = app
        .user_with("reader@example.com", Role::User, Tier::Free)
        .await;

    let mut response = app
        .client
        .get(app.url("/api/jobs/42/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
    assert_eq!(json(&mut response).await["error"], "job not found");
}

#[actix_web::test]
async fn a_malformed_expiry_is_a_400_naming_expires_at() {
    let app = TestApp::spawn().await;
    let (target, _) = app.user_with("u@example.com", Role::User, Tier::Free).await;
    let (_, admin) = app
        .user_with("root@example.com", Role::Admin, Tier::Free)
        .await;

    let mut response = app
        .client
        .put(app.url(&format!("/api/admin/users/{}/subscription/", target.id)))
        .bearer_auth(&admin)
        .send_json(&json!({"tier": "standard", "expires_at": "next tuesday"}))
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    assert_eq!(json(&mut response).await["details"]["field"], "expires_at");
}
