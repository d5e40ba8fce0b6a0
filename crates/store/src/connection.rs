//! One connection type over both backends, the pool's connection manager and
//! the SQLite session settings.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use diesel::connection::SimpleConnection;
use diesel::r2d2::{CustomizeConnection, ManageConnection, R2D2Connection};
use diesel::{Connection, PgConnection, SqliteConnection};

use crate::error::StoreError;

/// A connection to either backend. Queries written against it run on both;
/// the few backend-specific statements match on the variant.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// A PostgreSQL session.
    Postgres(PgConnection),
    /// A SQLite database handle.
    Sqlite(SqliteConnection),
}

/// Which database engine a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite database (a file or memory).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Where the connections of a pool go, parsed from a database URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A SQLite database file.
    SqliteFile(PathBuf),
    /// A private in-memory SQLite database, named so that every connection
    /// of one store opens the same one.
    SqliteMemory(String),
    /// A PostgreSQL connection URL, passed to libpq as is.
    Postgres(String),
}

/// Distinguishes the in-memory databases of stores in one process.
static MEMORY_DATABASES: AtomicU64 = AtomicU64::new(0);

impl Target {
    /// Parses `sqlite://PATH`, `sqlite:PATH`, `sqlite::memory:`,
    /// `postgres://…` and `postgresql://…`.
    pub(crate) fn parse(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        let Some(rest) = url.strip_prefix("sqlite:") else {
            return Err(StoreError::InvalidUrl(
                "expected sqlite://PATH, sqlite::memory: or postgres://…".to_owned(),
            ));
        };
        if rest == ":memory:" || rest == "//:memory:" {
            let n = MEMORY_DATABASES.fetch_add(1, Ordering::Relaxed);
            let name = format!("resume-store-{}-{n}", std::process::id());
            return Ok(Self::SqliteMemory(format!(
                "file:{name}?mode=memory&cache=shared"
            )));
        }
        let path = rest.strip_prefix("//").unwrap_or(rest);
        if path.is_empty() {
            return Err(StoreError::InvalidUrl(
                "the SQLite path is empty".to_owned(),
            ));
        }
        Ok(Self::SqliteFile(PathBuf::from(path)))
    }

    /// The engine behind this target.
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Self::SqliteFile(_) | Self::SqliteMemory(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// Opens one connection.
    pub(crate) fn establish(&self) -> Result<AnyConnection, diesel::ConnectionError> {
        match self {
            Self::SqliteFile(path) => {
                // A plain path: SQLite reads it as a file name, not as a URI.
                let path = path.to_str().ok_or_else(|| {
                    diesel::ConnectionError::InvalidConnectionUrl(
                        "the SQLite path is not valid UTF-8".to_owned(),
                    )
                })?;
                SqliteConnection::establish(path).map(AnyConnection::Sqlite)
            }
            Self::SqliteMemory(uri) => SqliteConnection::establish(uri).map(AnyConnection::Sqlite),
            Self::Postgres(url) => PgConnection::establish(url).map(AnyConnection::Postgres),
        }
    }
}

/// Opens and checks the pool's connections.
#[derive(Debug)]
pub(crate) struct Manager {
    pub(crate) target: Target,
}

impl ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        self.target
            .establish()
            .map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        conn.is_broken()
    }
}

/// How long a SQLite statement waits for another connection's write lock.
pub(crate) const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

/// Applies the SQLite session settings to every new connection: a busy
/// timeout instead of immediate `SQLITE_BUSY`, enforced foreign keys, and
/// `synchronous=NORMAL`, which is durable across application crashes in WAL
/// mode. Write-ahead logging (readers never block the writer) is switched on
/// once per file by [`crate::Store::connect`], before the pool exists.
#[derive(Debug)]
pub(crate) struct SqliteSession;

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for SqliteSession {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        let AnyConnection::Sqlite(conn) = conn else {
            return Ok(());
        };
        let settings = format!(
            "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS};
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;"
        );
        conn.batch_execute(&settings)
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_a_file_path() {
        let target = Target::parse("sqlite://data/resumes.db").unwrap();
        assert_eq!(target, Target::SqliteFile(PathBuf::from("data/resumes.db")));
        let target = Target::parse("sqlite:///var/lib/r.db").unwrap();
        assert_eq!(target, Target::SqliteFile(PathBuf::from("/var/lib/r.db")));
    }

    #[test]
    fn each_memory_url_gets_its_own_shared_cache_database() {
        let (Target::SqliteMemory(a), Target::SqliteMemory(b)) = (
            Target::parse("sqlite::memory:").unwrap(),
            Target::parse("sqlite::memory:").unwrap(),
        ) else {
            panic!("not parsed as memory databases");
        };
        assert_ne!(a, b);
        assert!(a.contains("mode=memory") && a.contains("cache=shared"));
    }

    #[test]
    fn postgres_urls_are_kept_whole_and_others_are_refused() {
        let url = "postgresql://u@h:5432/db?sslmode=disable";
        assert_eq!(
            Target::parse(url).unwrap(),
            Target::Postgres(url.to_owned())
        );
        assert_eq!(Target::parse(url).unwrap().backend(), Backend::Postgres);
        assert!(matches!(
            Target::parse("mysql://x"),
            Err(StoreError::InvalidUrl(_))
        ));
        assert!(matches!(
            Target::parse("sqlite://"),
            Err(StoreError::InvalidUrl(_))
        ));
    }
}
