//! The store: a connection pool, the schema migrations, and the way every
//! blocking Diesel call is moved off the async workers.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::r2d2::{HandleError, Pool};
use diesel::sql_types::BigInt;
use diesel::{PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use resume_domain::ports::{JobRepo, Readiness, ResumeRepo, UserRepo};
use resume_domain::RepoError;

use crate::connection::{
    AnyConnection, Backend, Manager, SqliteSession, Target, SQLITE_BUSY_TIMEOUT_MS,
};
use crate::error::{cause_chain, pool_unavailable, Fail, StoreError};

/// The SQLite schema history (`migrations/sqlite`).
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// The PostgreSQL schema history (`migrations/postgres`).
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// How long a request waits for a free pooled connection before the store
/// answers [`RepoError::Unavailable`].
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(5);

/// The repositories of resume-enhancer on SQLite or PostgreSQL.
///
/// Cheap to clone: clones share one connection pool. Implements
/// [`ResumeRepo`], [`UserRepo`], [`JobRepo`] and [`Readiness`].
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool<Manager>,
    backend: Backend,
    sqlite_file: Option<PathBuf>,
    /// Keeps a shared-cache in-memory database alive while the pool opens
    /// and closes its connections (the database ends with its last handle).
    _memory_anchor: Option<Mutex<SqliteConnection>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.inner.backend)
            .finish_non_exhaustive()
    }
}

/// Reports connection failures of the pool's background work through
/// `tracing` (the pool itself would use the `log` crate).
#[derive(Debug)]
struct TraceErrors;

impl HandleError<diesel::r2d2::Error> for TraceErrors {
    fn handle_error(&self, error: diesel::r2d2::Error) {
        tracing::warn!(error = %cause_chain(&error), "database connection failed");
    }
}

impl Store {
    /// Opens a pool of at most `pool_size` connections to `url`:
    /// `sqlite://PATH` (the file's directory is created when missing),
    /// `sqlite::memory:` (a private in-memory database, served through one
    /// connection whatever `pool_size` says, because the table locks of a
    /// shared in-memory database fail at once instead of honouring the busy
    /// timeout), or `postgres://…` / `postgresql://…`. A `pool_size` of 0 is
    /// taken as 1.
    ///
    /// Blocks while the first connection is opened; call it at start-up or
    /// from `spawn_blocking`.
    ///
    /// # Errors
    /// [`StoreError::InvalidUrl`], [`StoreError::CreateDirectory`], or
    /// [`StoreError::Connect`] when no connection opens within
    /// [`CONNECTION_TIMEOUT`].
    pub fn connect(url: &str, pool_size: u32) -> Result<Self, StoreError> {
        let target = Target::parse(url)?;
        let backend = target.backend();
        let sqlite_file = match &target {
            Target::SqliteFile(path) => Some(path.clone()),
            _ => None,
        };
        let mut anchor = None;
        let mut max_size = pool_size.max(1);
        match &target {
            Target::SqliteFile(path) => {
                create_parent_directory(path)?;
                enable_write_ahead_log(&target)?;
            }
            Target::SqliteMemory(uri) => {
                anchor = Some(Mutex::new(open_anchor(&target, uri)?));
                max_size = 1;
            }
            Target::Postgres(_) => {}
        }

        let pool = Pool::builder()
            .max_size(max_size)
            .connection_timeout(CONNECTION_TIMEOUT)
            .error_handler(Box::new(TraceErrors))
            .connection_customizer(Box::new(SqliteSession))
            .build(Manager { target })
            .map_err(|err| StoreError::Connect(cause_chain(&err)))?;
        Ok(Self {
            inner: Arc::new(Inner {
                pool,
                backend,
                sqlite_file,
                _memory_anchor: anchor,
            }),
        })
    }

    /// The engine this store talks to.
    pub fn backend(&self) -> Backend {
        self.inner.backend
    }

    /// The SQLite database file, for a store opened with `sqlite://PATH`
    /// (for keeping other files beside it); `None` otherwise.
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.inner.sqlite_file.as_deref()
    }

    /// Applies the migrations the database has not seen yet; running it
    /// again is a no-op. Blocking; call it at start-up.
    ///
    /// # Errors
    /// [`StoreError::Connect`] when no connection is free,
    /// [`StoreError::Migrate`] when a migration fails.
    pub fn run_migrations(&self) -> Result<(), StoreError> {
        let mut conn = self
            .inner
            .pool
            .get()
            .map_err(|err| StoreError::Connect(cause_chain(&err)))?;
        let applied: Vec<String> = match &mut *conn {
            AnyConnection::Sqlite(conn) => conn
                .run_pending_migrations(SQLITE_MIGRATIONS)
                .map(|versions| versions.iter().map(ToString::to_string).collect())
                .map_err(|err| StoreError::Migrate(cause_chain(&*err)))?,
            AnyConnection::Postgres(conn) => migrate_postgres(conn)?,
        };

        for version in &applied {
            tracing::info!(migration = %version, "applied database migration");
        }
        Ok(())
    }

    /// This store as the resume repository.
    pub fn resumes(&self) -> Arc<dyn ResumeRepo> {
        Arc::new(self.clone())
    }

    /// This store as the account repository.
    pub fn users(&self) -> Arc<dyn UserRepo> {
        Arc::new(self.clone())
    }

    /// This store as the job repository.
    pub fn jobs(&self) -> Arc<dyn JobRepo> {
        Arc::new(self.clone())
    }

    /// This store as the readiness probe.
    pub fn readiness(&self) -> Arc<dyn Readiness> {
        Arc::new(self.clone())
    }

    /// Runs `job` with a pooled connection on the blocking thread pool, in
    /// the caller's span, and translates its failure.
    pub(crate) async fn run<T, F>(&self, job: F) -> Result<T, RepoError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, Fail> + Send + 'static,
    {
        let pool = self.inner.pool.clone();
        let span = tracing::Span::current();
        let task = tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut conn = pool.get().map_err(|err| pool_unavailable(&err))?;
            job(&mut conn).map_err(RepoError::from)
        });
        let result = match task.await {
            Ok(result) => result,
            Err(err) => Err(RepoError::Internal(format!("database task failed: {err}"))),
        };
        log_failure(result)
    }
}

/// Logs the failures an operator should see, in the caller's span; the
/// messages hold database errors, never row contents.
fn log_failure<T>(result: Result<T, RepoError>) -> Result<T, RepoError> {
    match &result {
        Err(RepoError::Internal(cause)) => tracing::error!(error = %cause, "storage failure"),
        Err(RepoError::Unavailable(cause)) => {
            tracing::warn!(error = %cause, "database unavailable")
        }
        _ => {}
    }
    result
}

/// Runs `body`, which only reads, on one consistent snapshot: a deferred
/// transaction on SQLite (in WAL mode its first read fixes the snapshot), a
/// read-only `REPEATABLE READ` transaction on PostgreSQL.
pub(crate) fn read_snapshot<T>(
    conn: &mut AnyConnection,
    body: impl FnOnce(&mut AnyConnection) -> Result<T, Fail>,
) -> Result<T, Fail> {
    diesel::Connection::transaction(conn, |conn| {
        if let AnyConnection::Postgres(pg) = conn {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(pg)?;
        }
        body(conn)
    })
}

/// Runs `body` in a transaction that holds the write lock from its first
/// statement: `BEGIN IMMEDIATE` on SQLite, so two read-modify-write
/// transactions never both hold a read lock and deadlock on the upgrade;
/// a plain `BEGIN` on PostgreSQL, where `body` locks the rows it changes.
/// Rolls back when `body` fails.
pub(crate) fn write_transaction<T>(
    conn: &mut AnyConnection,
    body: impl FnOnce(&mut AnyConnection) -> Result<T, Fail>,
) -> Result<T, Fail> {
    match conn {
        AnyConnection::Sqlite(sqlite) => {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
        }
        AnyConnection::Postgres(pg) => AnsiTransactionManager::begin_transaction(pg)?,
    }

    match body(conn) {
        Ok(value) => {
            <AnyConnection as diesel::Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(fail) => {
            if let Err(err) =
                <AnyConnection as diesel::Connection>::TransactionManager::rollback_transaction(
                    conn,
                )
            {
                // The pool discards a connection whose transaction state is broken.
                tracing::error!(error = %cause_chain(&err), "rollback failed");
            }
            Err(fail)
        }
    }
}

/// The advisory lock that lets one server at a time migrate a PostgreSQL
/// database (any fixed number works; this one spells "resume" in ASCII).
const MIGRATION_LOCK: i64 = 0x7265_7375_6d65;

/// Applies the PostgreSQL migrations while holding [`MIGRATION_LOCK`], so
/// that servers starting together do not run the same migration twice.
fn migrate_postgres(conn: &mut PgConnection) -> Result<Vec<String>, StoreError> {
    let lock = |conn: &mut PgConnection, call: &str| {
        diesel::sql_query(format!("SELECT {call}($1)"))
            .bind::<BigInt, _>(MIGRATION_LOCK)
            .execute(conn)
            .map_err(|err| StoreError::Migrate(cause_chain(&err)))
    };

    lock(conn, "pg_advisory_lock")?;
    let applied = conn
        .run_pending_migrations(POSTGRES_MIGRATIONS)
        .map(|versions| versions.iter().map(ToString::to_string).collect())
        .map_err(|err| StoreError::Migrate(cause_chain(&*err)));
    lock(conn, "pg_advisory_unlock")?;
    applied
}

fn create_parent_directory(path: &std::path::Path) -> Result<(), StoreError> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDirectory {
                path: dir.to_owned(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// Switches a SQLite file to write-ahead logging once, before the pool opens
/// its connections side by side: the mode is kept in the file, and switching
/// it from several connections at once fails with "database is locked"
/// whatever the busy timeout.
fn enable_write_ahead_log(target: &Target) -> Result<(), StoreError> {
    let mut conn = match target.establish() {
        Ok(AnyConnection::Sqlite(conn)) => conn,
        Ok(AnyConnection::Postgres(_)) => return Ok(()),
        Err(err) => return Err(StoreError::Connect(cause_chain(&err))),
    };
    let settings =
        format!("PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL;");
    diesel::connection::SimpleConnection::batch_execute(&mut conn, &settings)
        .map_err(|err| StoreError::Connect(cause_chain(&err)))
}

fn open_anchor(target: &Target, uri: &str) -> Result<SqliteConnection, StoreError> {
    match target.establish() {
        Ok(AnyConnection::Sqlite(conn)) => Ok(conn),
        Ok(AnyConnection::Postgres(_)) => Err(StoreError::InvalidUrl(format!(
            "{uri} is not a SQLite database"
        ))),
        Err(err) => Err(StoreError::Connect(cause_chain(&err))),
    }
}
