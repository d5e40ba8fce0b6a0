//! Faults a real database can be made to show: a write lock held elsewhere,
//! a server that stops accepting connections, and documents the database
//! itself can read.

use diesel::sql_types::{Bool, Nullable, Text};
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use resume_domain::ports::{Readiness, ResumeRepo};
use resume_domain::RepoError;

use crate::support::{at, job, new_resume, user, TestDb};

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = Nullable<Text>)]
    value: Option<String>,
}

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Bool)]
    holds: bool,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_write_lock_held_past_the_busy_timeout_is_unavailable_and_reads_go_on() {
    let db = TestDb::sqlite();
    let owner = user(&db.store, "owner@example.com").await;
    let target = job(&db.store, "Engineer").await;
    let stored = db
        .store
        .insert(new_resume(&owner, &target, at(0, 0)))
        .await
        .unwrap();
    let mut other_writer = SqliteConnection::establish(db.sqlite_path()).unwrap();
    diesel::sql_query("BEGIN IMMEDIATE")
        .execute(&mut other_writer)
        .unwrap();

    let noop = Box::new(|_: &mut resume_domain::ResumeContent| Ok(()));
    let blocked = db.store.update(owner.id, stored.id, noop, at(1, 0)).await;

    assert!(
        matches!(blocked, Err(RepoError::Unavailable(_))),
        "{blocked:?}"
    );
    assert_eq!(
        db.store.get(owner.id, stored.id).await.unwrap(),
        stored,
        "readers are not held up by the waiting writer"
    );
    diesel::sql_query("ROLLBACK")
        .execute(&mut other_writer)
        .unwrap();
    let noop = Box::new(|_: &mut resume_domain::ResumeContent| Ok(()));
    let after = db
        .store
        .update(owner.id, stored.id, noop, at(2, 0))
        .await
        .unwrap();
    assert_eq!(after.version, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_database_refusing_connections_makes_the_store_unavailable_until_it_returns() {
    let Some(db) = TestDb::postgres() else { return };
    assert_eq!(db.store.ping().await, Ok(()));
    let (mut admin, name) = db.postgres_admin();
    let refuse = format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false");
    diesel::sql_query(refuse).execute(&mut admin).unwrap();
    let cut =
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
    diesel::sql_query(cut).execute(&mut admin).unwrap();

    let refused = db.store.ping().await;

    assert!(
        matches!(refused, Err(RepoError::Unavailable(_))),
        "{refused:?}"
    );
    let allow = format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true");
    diesel::sql_query(allow).execute(&mut admin).unwrap();
    assert_eq!(db.store.ping().await, Ok(()));
}

async fn stored_summary_and_instant(db: &TestDb) -> (Option<String>, bool) {
    let owner = user(&db.store, "owner@example.com").await;
    let target = job(&db.store, "Engineer").await;
    db.store
        .insert(new_resume(&owner, &target, at(60, 654_321)))
        .await
        .unwrap();
    (read_summary(db), instant_is_utc(db))
}

fn read_summary(db: &TestDb) -> Option<String> {
    let found: Found = match db.database_kind() {
        Kind::Sqlite => {
            let mut conn = SqliteConnection::establish(db.sqlite_path()).unwrap();
            diesel::sql_query(
                "SELECT json_extract(content, '$.summary') AS value FROM enhanced_resumes",
            )
            .get_result(&mut conn)
            .unwrap()
        }
        Kind::Postgres => {
            let mut conn = diesel::PgConnection::establish(&db.url).unwrap();
            diesel::sql_query("SELECT content->>'summary' AS value FROM enhanced_resumes")
                .get_result(&mut conn)
                .unwrap()
        }
    };
    found.value
}

fn instant_is_utc(db: &TestDb) -> bool {
    let check: Check = match db.database_kind() {
        Kind::Sqlite => {
            let mut conn = SqliteConnection::establish(db.sqlite_path()).unwrap();
            diesel::sql_query(
                "SELECT created_at = '2026-03-01 09:01:00.654321' AS holds FROM enhanced_resumes",
            )
            .get_result(&mut conn)
            .unwrap()
        }
        Kind::Postgres => {
            let mut conn = diesel::PgConnection::establish(&db.url).unwrap();
            diesel::sql_query("SET TIME ZONE 'America/New_York'")
                .execute(&mut conn)
                .unwrap();
            diesel::sql_query(
                "SELECT created_at = '2026-03-01 09:01:00.654321+00'::timestamptz AS holds \
                 FROM enhanced_resumes",
            )
            .get_result(&mut conn)
            .unwrap()
        }
    };
    check.holds
}

enum Kind {
    Sqlite,
    Postgres,
}

impl TestDb {
    fn database_kind(&self) -> Kind {
        if self.url.starts_with("sqlite:") {
            Kind::Sqlite
        } else {
            Kind::Postgres
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_holds_json_text_and_utc_instants_it_can_query() {
    let db = TestDb::sqlite();
    let (summary, utc) = stored_summary_and_instant(&db).await;
    assert_eq!(summary.as_deref(), Some("Engineer.\nBuilds things."));
    assert!(utc, "created_at is stored as UTC text");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_holds_jsonb_and_timestamptz_it_can_query() {
    let Some(db) = TestDb::postgres() else { return };
    let (summary, utc) = stored_summary_and_instant(&db).await;
    assert_eq!(summary.as_deref(), Some("Engineer.\nBuilds things."));
    assert!(
        utc,
        "created_at is the same instant in any session time zone"
    );
}
