//! The binary itself: its commands, its configuration errors, and serving
//! until SIGTERM with a signing key kept across restarts.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{corpus, PASSWORD};

/// The binary with a clean environment: no configuration file, a SQLite
/// database in `dir`, offline enhancement.
fn binary(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_resume-server"));
    command
        .env_clear()
        .env("CONFIG_DIR", dir.join("no-config"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("data/resumes.db").display()),
        )
        .env("ENHANCER", "offline")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null());
    command
}

fn run(command: &mut Command) -> Output {
    command.output().unwrap()
}

fn stdout_json(output: &Output) -> Value {
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn extract_prints_the_text_of_a_resume() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus("resumes/marcus-adeyemi/marcus-adeyemi.docx");

    let output = run(binary(dir.path()).arg("extract").arg(&file));

    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("marcus.adeyemi@example.com"), "{text}");
    assert!(text.contains("Tessellate Health"), "{text}");
}

#[test]
fn extract_with_json_prints_the_whole_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus("resumes/marcus-adeyemi/marcus-adeyemi.pdf");

    let document = stdout_json(&run(binary(dir.path())
        .arg("extract")
        .arg("--json")
        .arg(&file)));

    assert_eq!(document["format"], "pdf");
    assert_eq!(document["page_count"], 2);
    assert!(document["text"].as_str().unwrap().contains("Marcus"));
    assert!(document["links"].is_array());
}

#[test]
fn extract_of_a_scan_fails_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus("edge-cases/scanned-image-only.pdf");

    let output = run(binary(dir.path()).arg("extract").arg(&file));

    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("scanned"), "{}", stderr(&output));
}

#[test]
fn enhance_prints_the_tailored_resume_without_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus("resumes/marcus-adeyemi/marcus-adeyemi.docx");
    let job = corpus("jobs/senior-backend-engineer.json");

    let body = stdout_json(&run(binary(dir.path())
        .arg("enhance")
        .arg(&file)
        .arg("--job-file")
        .arg(&job)));

    assert_eq!(body["engine"], "offline");
    assert_eq!(body["enhanced_resume"]["full_name"], "Marcus Adeyemi");
    assert!(
        body["match"]["score_after"].as_f64().unwrap()
            >= body["match"]["score_before"].as_f64().unwrap()
    );
    assert!(
        !dir.path().join("data").exists(),
        "enhance touched the database"
    );
}

#[test]
fn invalid_variables_exit_with_code_2_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    for (name, value) in [
        ("PORT", "abc"),
        ("ENHANCER", "foo"),
        ("MAX_UPLOAD_BYTES", "ten"),
    ] {
        let output = run(binary(dir.path()).env(name, value).arg("migrate"));
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(
            stderr(&output).contains(name),
            "{name}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn openai_without_a_key_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus("resumes/luca-bianchi/luca-bianchi.txt");
    let job = corpus("jobs/senior-backend-engineer.json");

    let output = run(binary(dir.path())
        .env("ENHANCER", "openai")
        .arg("enhance")
        .arg(&file)
        .arg("--job-file")
        .arg(&job));

    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("OPENAI_API_KEY"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn postgres_without_a_signing_key_refuses_to_serve() {
    let dir = tempfile::tempdir().unwrap();

    let output = run(binary(dir.path())
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .arg("serve"));

    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("JWT_SECRET"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn user_subscription_and_job_commands_print_what_they_made() {
    let dir = tempfile::tempdir().unwrap();

    let migrate = run(binary(dir.path()).arg("migrate"));
    assert!(migrate.status.success(), "{}", stderr(&migrate));
    assert!(dir.path().join("data/resumes.db").exists());

    let user = stdout_json(&run(binary(dir.path()).args([
        "user",
        "create",
        "--email",
        "Boss@Example.com",
        "--password",
        PASSWORD,
        "--role",
        "employer",
        "--tier",
        "standard",
        "--days",
        "30",
        "--full-name",
        "Bea Boss",
    ])));
    assert!(user["id"].as_i64().is_some());
    assert_eq!(user["email"], "boss@example.com");
    assert_eq!(user["role"], "employer");
    assert_eq!(user["subscription"]["tier"], "standard");
    assert_eq!(user["subscription"]["status"], "active");
    assert!(user["subscription"]["expires_at"].is_string());

    let updated = stdout_json(&run(binary(dir.path()).args([
        "subscription",
        "set",
        "--email",
        "boss@example.com",
        "--tier",
        "premium",
    ])));
    assert_eq!(updated["id"], user["id"]);
    assert_eq!(
        updated["subscription"],
        json!({ "tier": "premium", "status": "active", "expires_at": null })
    );

    let job_file = corpus("jobs/senior-accountant.json");
    let job = stdout_json(&run(binary(dir.path())
        .args(["job", "create", "--file"])
        .arg(&job_file)));
    assert!(job["id"].as_i64().is_some());
    assert_eq!(
        job["title"],
        crate::helpers::corpus_job("senior-accountant")["title"]
    );

    let duplicate = run(binary(dir.path()).args([
        "user",
        "create",
        "--email",
        "boss@example.com",
        "--password",
        PASSWORD,
    ]));
    assert_eq!(duplicate.status.code(), Some(1));
}

#[test]
fn subscription_set_for_an_unknown_email_fails() {
    let dir = tempfile::tempdir().unwrap();

    let output = run(binary(dir.path()).args([
        "subscription",
        "set",
        "--email",
        "ghost@example.com",
        "--tier",
        "standard",
    ]));

    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not found"), "{}", stderr(&output));
}

/// A running binary and the port it reported.
struct Served {
    child: Child,
    port: u16,
}

impl Served {
    fn start(dir: &Path) -> Self {
        let mut child = binary(dir)
            .env("PORT", "0")
            .env("HTTP_WORKERS", "1")
            .env("RUST_LOG", "info")
            .env("LOG_FORMAT", "json")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(event) = serde_json::from_str::<Value>(&line) {
                    if event["message"] == "listening" {
                        let _ = sender.send(event["port"].as_u64().unwrap());
                    }
                }
            }
        });
        let port = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server reports its port");
        Self {
            child,
            port: u16::try_from(port).unwrap(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Sends SIGTERM and returns the exit status.
    fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn the_binary_serves_stops_on_sigterm_and_keeps_its_signing_key() {
    let dir = tempfile::tempdir().unwrap();
    let client = crate::helpers::http_client();

    let first = Served::start(dir.path());
    let body = json!({ "email": "kept@example.com", "password": PASSWORD, "full_name": "K" });
    let created = client
        .post(first.url("/api/auth/register/"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let credentials = json!({ "email": "kept@example.com", "password": PASSWORD });
    let login = client
        .post(first.url("/api/auth/login/"))
        .json(&credentials)
        .send()
        .await
        .unwrap();
    let token = login.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(first.terminate().success());

    let key_file = dir.path().join("data/resumes.db.jwt-secret");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    let second = Served::start(dir.path());
    let me = client
        .get(second.url("/api/auth/me/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.status(),
        StatusCode::OK,
        "a token from before the restart was refused"
    );
    assert_eq!(
        me.json::<Value>().await.unwrap()["email"],
        "kept@example.com"
    );
    assert!(second.terminate().success());
}
