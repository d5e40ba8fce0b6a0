//! Starting the application for a test and talking to it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::{Client, Method, Response, StatusCode};
use resume_server::config::{EnhancerMode, Secret, Settings};
use resume_server::Application;
use serde_json::{json, Value};

/// Email and password of the administrator every test application has.
pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";
pub const PASSWORD: &str = "correct-horse-battery";

static UNIQUE: AtomicU64 = AtomicU64::new(0);

/// A name no other test in this process uses.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}{}-{}",
        std::process::id(),
        UNIQUE.fetch_add(1, Ordering::Relaxed)
    )
}

/// A file of the test corpus.
pub fn corpus(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(relative)
}

/// A job posting of the corpus, as JSON.
pub fn corpus_job(slug: &str) -> Value {
    let text = std::fs::read_to_string(corpus(&format!("jobs/{slug}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A database for one test, removed when dropped.
struct TestDatabase {
    _sqlite_dir: Option<tempfile::TempDir>,
    _postgres: Option<PostgresDatabase>,
}

/// A PostgreSQL database made for one test on the server `TEST_DATABASE_URL`
/// points at, dropped afterwards.
struct PostgresDatabase {
    admin_url: String,
    name: String,
}

impl PostgresDatabase {
    fn create(admin_url: &str) -> (Self, String) {
        use diesel::{Connection, PgConnection, RunQueryDsl};

        let name = unique("resume_test_").replace('-', "_");
        let mut conn = PgConnection::establish(admin_url).expect("TEST_DATABASE_URL reachable");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .unwrap();

        // postgres://USER@HOST:PORT/DATABASE?PARAMS: swap DATABASE, keep PARAMS.
        let (address, params) = admin_url.split_once('?').unwrap_or((admin_url, ""));
        let (base, _) = address
            .rsplit_once('/')
            .expect("TEST_DATABASE_URL names a database");
        // The HTTP workers of a test's server are threads of their own that can
        // outlive the test and still hold pooled connections when the process
        // exits; closing a TLS connection then races OpenSSL's exit-time
        // cleanup (seen as a rare "double free" after every test had passed).
        // Test databases are local, so their connections go without TLS
        // unless the URL asks otherwise.
        let params = if params.contains("sslmode=") {
            params.to_owned()
        } else if params.is_empty() {
            "sslmode=disable".to_owned()
        } else {
            format!("{params}&sslmode=disable")
        };
        let url = format!("{base}/{name}?{params}");
        (
            Self {
                admin_url: admin_url.to_owned(),
                name,
            },
            url,
        )
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        use diesel::{Connection, PgConnection, RunQueryDsl};

        if let Ok(mut conn) = PgConnection::establish(&self.admin_url) {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            let _ignored = diesel::sql_query(sql).execute(&mut conn);
        }
    }
}

/// A running application and a client for it.
pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub client: Client,
    pub admin_token: String,
    // Dropped last, after the server task has been aborted with the runtime.
    _database: TestDatabase,
}

/// A signed-in account.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: i64,
    pub email: String,
    pub token: String,
}

/// Settings of a test application: a fresh database, port 0, the offline
/// enhancer and a fixed administrator.
fn test_settings(database_url: String) -> Settings {
    let mut settings = Settings::default();
    settings.database.url = database_url;
    settings.database.pool_size = 4;
    settings.server.port = 0;
    settings.server.workers = 2;
    settings.auth.jwt_secret = Some(Secret::new("a-test-signing-key-that-is-long-enough-0123"));
    settings.auth.admin_email = Some(ADMIN_EMAIL.to_owned());
    settings.auth.admin_password = Some(Secret::new(ADMIN_PASSWORD));
    settings.enhancer.mode = EnhancerMode::Offline;
    settings.log.filter = std::env::var("TEST_LOG").unwrap_or_else(|_| "warn".to_owned());
    settings
}

fn test_database() -> (TestDatabase, String) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.trim().is_empty() => {
            let (db, url) = PostgresDatabase::create(&admin_url);
            (
                TestDatabase {
                    _sqlite_dir: None,
                    _postgres: Some(db),
                },
                url,
            )
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("resumes.db").display());
            (
                TestDatabase {
                    _sqlite_dir: Some(dir),
                    _postgres: None,
                },
                url,
            )
        }
    }
}

/// An HTTP client. The workspace builds reqwest with rustls and no default
/// crypto provider (the model client brings its own), so one is installed.
pub fn http_client() -> Client {
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    Client::builder().build().unwrap()
}

/// Starts the application with the test settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the application with the test settings changed by `configure`.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let (database, url) = test_database();
    let mut settings = test_settings(url);
    configure(&mut settings);
    resume_server::telemetry::init(&settings.log).unwrap();

    let app = Application::build(settings.clone())
        .await
        .expect("the application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    let client = http_client();
    let mut test = TestApp {
        address,
        settings,
        client,
        admin_token: String::new(),
        _database: database,
    };
    test.admin_token = test.login_token(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    test
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A request with the token, if any.
    pub fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let builder = self.client.request(method, self.url(path));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: &Value,
    ) -> Response {
        self.request(method, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, token: &str, body: &Value) -> Response {
        self.send_json(Method::PUT, path, token, body).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: &Value) -> Response {
        self.send_json(Method::PATCH, path, token, body).await
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.send_json(Method::POST, path, token, body).await
    }

    pub async fn register(&self, email: &str, password: &str, full_name: &str) -> Response {
        let body = json!({ "email": email, "password": password, "full_name": full_name });
        self.client
            .post(self.url("/api/auth/register/"))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        let body = json!({ "email": email, "password": password });
        self.client
            .post(self.url("/api/auth/login/"))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn login_token(&self, email: &str, password: &str) -> String {
        let response = self.login(email, password).await;
        assert_eq!(response.status(), StatusCode::OK, "login of {email}");
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// Registers a new free account and signs it in.
    pub async fn new_user(&self) -> TestUser {
        let email = format!("{}@example.com", unique("user"));
        let response = self.register(&email, PASSWORD, "Test Person").await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let user: Value = response.json().await.unwrap();
        let token = self.login_token(&email, PASSWORD).await;
        TestUser {
            id: user["id"].as_i64().unwrap(),
            email,
            token,
        }
    }

    /// Creates an account with `role` through the command-line code, on the
    /// same database, and signs it in.
    pub async fn user_with_role(&self, role: &str) -> TestUser {
        let email = format!("{}@example.com", unique(role));
        let args = resume_server::cli::CreateUserArgs {
            email: email.clone(),
            password: PASSWORD.to_owned(),
            full_name: Some(format!("A {role}")),
            role: role.parse().unwrap(),
            tier: resume_domain::Tier::Free,
            days: None,
        };
        let user = resume_server::commands::create_user(&self.settings, args)
            .await
            .unwrap();
        let token = self.login_token(&email, PASSWORD).await;
        TestUser {
            id: user["id"].as_i64().unwrap(),
            email,
            token,
        }
    }

    /// Sets a subscription as the administrator.
    pub async fn set_subscription(
        &self,
        user_id: i64,
        tier: &str,
        expires_at: Option<&str>,
    ) -> Response {
        let path = format!("/api/admin/users/{user_id}/subscription/");
        let body = json!({ "tier": tier, "expires_at": expires_at });
        self.put(&path, &self.admin_token, &body).await
    }

    /// A new account on the standard tier with no expiry.
    pub async fn subscriber(&self) -> TestUser {
        let user = self.new_user().await;
        let response = self.set_subscription(user.id, "standard", None).await;
        assert_eq!(response.status(), StatusCode::OK);
        user
    }

    /// Creates a job as the administrator and returns its JSON.
    pub async fn create_job(&self, posting: &Value) -> Value {
        let response = self.post("/api/jobs/", &self.admin_token, posting).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }

    /// Creates a corpus job and returns its id.
    pub async fn corpus_job_id(&self, slug: &str) -> i64 {
        self.create_job(&corpus_job(slug)).await["id"]
            .as_i64()
            .unwrap()
    }

    /// Uploads bytes for enhancement.
    pub async fn enhance_bytes(
        &self,
        token: &str,
        job_id: i64,
        name: &str,
        bytes: Vec<u8>,
    ) -> Response {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.request(
            Method::POST,
            &format!("/api/resume/enhance-resume/{job_id}/"),
            Some(token),
        )
        .multipart(form)
        .send()
        .await
        .unwrap()
    }

    /// Uploads a corpus file for enhancement.
    pub async fn enhance_file(&self, token: &str, job_id: i64, relative: &str) -> Response {
        let path = corpus(relative);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        self.enhance_bytes(token, job_id, &name, std::fs::read(&path).unwrap())
            .await
    }

    /// A subscriber with one enhanced resume (marcus-adeyemi's DOCX for the
    /// backend job); returns the user and the `enhanced_resume` JSON.
    pub async fn subscriber_with_resume(&self) -> (TestUser, Value) {
        let user = self.subscriber().await;
        let job = self.corpus_job_id("senior-backend-engineer").await;
        let response = self
            .enhance_file(
                &user.token,
                job,
                "resumes/marcus-adeyemi/marcus-adeyemi.docx",
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        (user, body["enhanced_resume"].clone())
    }
}

/// Asserts the status and returns the JSON body.
pub async fn json_of(response: Response, expected: StatusCode) -> Value {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, expected, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("body is not JSON: {text}"))
}

/// Asserts an error response: the status, and a JSON body with an `error`
/// string; returns that string and the `details`, if any, lower-cased.
pub async fn error_of(response: Response, expected: StatusCode) -> String {
    let body = json_of(response, expected).await;
    let error = body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error string in {body}"));
    match body.get("details") {
        Some(details) if !details.is_null() => format!("{error} {details}").to_lowercase(),
        _ => error.to_lowercase(),
    }
}
