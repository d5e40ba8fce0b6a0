//! What only concerns opening a store: URLs, the in-memory database, and a
//! server that cannot be reached.

use resume_store::{Backend, Store, StoreError};

use crate::support::new_user;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_in_memory_database_keeps_its_data_across_pooled_calls() {
    let store = Store::connect("sqlite::memory:", 4).unwrap();
    store.run_migrations().unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    assert_eq!(store.sqlite_file(), None);

    let created = store
        .users()
        .create(new_user("mem@example.com"))
        .await
        .unwrap();

    assert_eq!(store.users().get(created.id).await.unwrap(), created);
    let other = Store::connect("sqlite::memory:", 4).unwrap();
    other.run_migrations().unwrap();
    let unseen = other.users().get(created.id).await;
    assert!(
        unseen.is_err(),
        "a second memory store shares nothing: {unseen:?}"
    );
}

#[test]
fn unknown_url_schemes_are_refused() {
    let refused = Store::connect("mysql://localhost/db", 1);
    assert!(
        matches!(refused, Err(StoreError::InvalidUrl(_))),
        "{refused:?}"
    );
}

#[test]
fn a_sqlite_file_whose_directory_cannot_be_made_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"not a directory").unwrap();

    let url = format!("sqlite://{}/db.sqlite", blocker.join("sub").display());
    let refused = Store::connect(&url, 1);

    assert!(
        matches!(refused, Err(StoreError::CreateDirectory { .. })),
        "{refused:?}"
    );
}

#[test]
fn an_unreachable_postgres_server_fails_to_connect() {
    // Port 9 (discard) has no PostgreSQL listening; the pool gives up after
    // its connection timeout.
    let refused = Store::connect("postgres://nobody@127.0.0.1:9/none?connect_timeout=1", 1);
    assert!(
        matches!(refused, Err(StoreError::Connect(_))),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_files_are_opened_in_write_ahead_log_mode() {
    let db = crate::support::TestDb::sqlite();

    db.store
        .users()
        .create(new_user("wal@example.com"))
        .await
        .unwrap();

    assert_eq!(
        db.store.sqlite_file(),
        Some(std::path::Path::new(db.sqlite_path()))
    );
    let log = format!("{}-wal", db.sqlite_path());
    assert!(std::path::Path::new(&log).exists(), "no {log}");
}
