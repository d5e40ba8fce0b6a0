//! The request log: one event per request with structured fields, and no
//! secrets or personal data.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use resume_domain::{Role, Tier};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::Layer;

use crate::support::TestApp;

type Fields = BTreeMap<String, String>;

/// Every event logged in this test binary, as field maps.
fn captured() -> Arc<Mutex<Vec<Fields>>> {
    static EVENTS: OnceLock<Arc<Mutex<Vec<Fields>>>> = OnceLock::new();
    EVENTS
        .get_or_init(|| {
            let events = Arc::new(Mutex::new(Vec::new()));
            let subscriber = tracing_subscriber::registry().with(Capture(events.clone()));
            tracing::subscriber::set_global_default(subscriber).unwrap();
            events
        })
        .clone()
}

struct Capture(Arc<Mutex<Vec<Fields>>>);

struct Recorder<'a>(&'a mut Fields);

impl Visit for Recorder<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields::new();
        event.record(&mut Recorder(&mut fields));
        self.0.lock().unwrap().push(fields);
    }
}

fn events_of(request_id: &str) -> Vec<Fields> {
    let events = captured();
    let events = events.lock().unwrap();
    events
        .iter()
        .filter(|e| e.get("request.id").is_some_and(|id| id == request_id))
        .cloned()
        .collect()
}

#[actix_web::test]
async fn each_request_is_logged_once_with_route_status_latency_and_user() {
    captured();
    let app = TestApp::spawn().await;
    let (user, token) = app
        .user_with("log@example.com", Role::User, Tier::Free)
        .await;

    app.client
        .get(app.url("/api/jobs/7/?secret=query"))
        .bearer_auth(&token)
        .insert_header(("x-request-id", "log-test-1"))
        .send()
        .await
        .unwrap();

    let events = events_of("log-test-1");
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event["http.method"], "GET");
    assert_eq!(event["http.route"], "/api/jobs/{id}/");
    assert_eq!(event["http.status"], "404");
    assert_eq!(event["user.id"], user.id.to_string());
    assert!(event["http.latency_ms"].parse::<f64>().is_ok());
}

#[actix_web::test]
async fn the_request_log_holds_no_token_email_password_or_query() {
    captured();
    let app = TestApp::spawn().await;
    let body = json!({"email": "private@example.com", "password": "hunter2hunter2",
        "full_name": "Private Person"});

    app.client
        .post(app.url("/api/auth/register/?q=secret"))
        .insert_header(("x-request-id", "log-test-2"))
        .send_json(&body)
        .await
        .unwrap();
    app.client
        .get(app.url("/api/auth/me/"))
        .insert_header(("x-request-id", "log-test-2"))
        .insert_header(("authorization", "Bearer very.secret.token"))
        .send()
        .await
        .unwrap();

    let logged = format!("{:?}", events_of("log-test-2"));
    assert!(logged.contains("201") && logged.contains("401"), "{logged}");
    for secret in [
        "private@example.com",
        "hunter2",
        "Private Person",
        "very.secret",
        "q=secret",
    ] {
        assert!(!logged.contains(secret), "{secret} was logged: {logged}");
    }
}
