//! Fresh databases for each test, and small builders of domain values.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use diesel::{Connection, PgConnection, RunQueryDsl};
use resume_domain::ports::{JobRepo, UserRepo};
use resume_domain::{
    Email, EngineKind, Experience, Job, JobPosting, MatchReport, NewStoredResume, NewUser,
    ResumeContent, Role, Subscription, User,
};
use resume_store::Store;
use tempfile::TempDir;

/// Connections each test store may open (more than one, so that concurrent
/// work really runs on several connections).
const POOL_SIZE: u32 = 8;

/// A migrated store on a database of its own, removed when dropped.
pub struct TestDb {
    // Declared first so the pool closes before the database goes.
    pub store: Store,
    /// The URL the store was opened with.
    pub url: String,
    _dir: Option<TempDir>,
    database: Option<DropDatabase>,
}

impl TestDb {
    /// A SQLite file in a fresh temporary directory, in a sub-directory the
    /// store has to create.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/nested/dir/resumes.db", dir.path().display());
        let store = Store::connect(&url, POOL_SIZE).unwrap();
        store.run_migrations().unwrap();
        Self {
            store,
            url,
            _dir: Some(dir),
            database: None,
        }
    }

    /// A freshly created PostgreSQL database on the server named by
    /// `TEST_DATABASE_URL`, or `None` when the variable is not set.
    pub fn postgres() -> Option<Self> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("TEST_DATABASE_URL is not set; the PostgreSQL run of this test is skipped");
            return None;
        };
        let name = unique_database_name();
        let mut admin = PgConnection::establish(&admin_url).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .unwrap();
        let guard = DropDatabase {
            admin_url: admin_url.clone(),
            name,
        };

        let url = database_url(&admin_url, &guard.name);
        let store = Store::connect(&url, POOL_SIZE).unwrap();
        store.run_migrations().unwrap();
        Some(Self {
            store,
            url,
            _dir: None,
            database: Some(guard),
        })
    }
}

impl TestDb {
    /// The SQLite file behind the store.
    pub fn sqlite_path(&self) -> &str {
        self.url.strip_prefix("sqlite://").unwrap()
    }

    /// A connection to the server's administrative database and the name of
    /// this test's database.
    pub fn postgres_admin(&self) -> (PgConnection, &str) {
        let database = self.database.as_ref().unwrap();
        (
            PgConnection::establish(&database.admin_url).unwrap(),
            &database.name,
        )
    }
}

/// Drops a test database, even when the test failed.
struct DropDatabase {
    admin_url: String,
    name: String,
}

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let dropped = PgConnection::establish(&self.admin_url).map(|mut admin| {
            diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin)
        });
        if !matches!(dropped, Ok(Ok(_))) {
            eprintln!("could not drop test database {}: {dropped:?}", self.name);
        }
    }
}

fn unique_database_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "test_store_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// `admin_url` with its database name replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin_url, String::new()),
    };
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{name}{query}")
}

/// 1 March 2026 plus `seconds`, with `micros` microseconds.
pub fn at(seconds: i64, micros: u32) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    base + chrono::Duration::seconds(seconds) + chrono::Duration::microseconds(micros.into())
}

pub fn new_user(email: &str) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap(),
        full_name: "Test Person".to_owned(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        role: Role::User,
        subscription: Subscription::FREE,
    }
}

pub async fn user(store: &Store, email: &str) -> User {
    UserRepo::create(store, new_user(email)).await.unwrap()
}

pub fn posting(title: &str) -> JobPosting {
    JobPosting {
        title: title.to_owned(),
        company: Some("Acme".to_owned()),
        location: None,
        description: "Build and run services.".to_owned(),
        requirements: vec!["Rust".to_owned(), "PostgreSQL".to_owned()],
        nice_to_have: vec!["Kubernetes".to_owned()],
    }
}

pub async fn job(store: &Store, title: &str) -> Job {
    JobRepo::create(store, posting(title), None, at(0, 0))
        .await
        .unwrap()
}

pub fn content() -> ResumeContent {
    let mut content = ResumeContent::default();
    content.basic.full_name = Some("Ada Example".to_owned());
    content.basic.summary = Some("Engineer.\nBuilds things.".to_owned());
    content.skills.technical = vec!["Rust".to_owned()];
    content.experience = vec![Experience {
        id: 1,
        company: "Initech".to_owned(),
        position: "Engineer".to_owned(),
        description: "Shipped the thing.".to_owned(),
        ..Experience::default()
    }];
    content
}

pub fn new_resume(user: &User, job: &Job, created_at: DateTime<Utc>) -> NewStoredResume {
    NewStoredResume {
        user_id: user.id,
        job_id: job.id,
        content: content(),
        engine: EngineKind::Offline,
        report: MatchReport {
            score_before: 100.0 / 3.0,
            score_after: 87.25,
            matched_keywords: vec!["rust".to_owned()],
            missing_keywords: vec!["kubernetes".to_owned()],
        },
        created_at,
    }
}
