//! Errors of the adapter, and their translation into the ports' [`RepoError`].

use std::error::Error as StdError;
use std::path::PathBuf;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use resume_domain::RepoError;

/// Why a store could not be opened or its schema brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not one the store understands.
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    /// The directory of a SQLite database file could not be created.
    #[error("cannot create the database directory {path}")]
    CreateDirectory {
        /// The directory.
        path: PathBuf,
        /// What the file system said.
        #[source]
        source: std::io::Error,
    },
    /// No connection could be opened within the connection timeout.
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// A migration failed; the schema is left at the last migration that
    /// succeeded.
    #[error("database migration failed: {0}")]
    Migrate(String),
}

/// A failure inside a blocking database job, before it is translated.
#[derive(Debug)]
pub(crate) enum Fail {
    /// Diesel reported an error.
    Db(DieselError),
    /// The job already decided what to answer.
    Repo(RepoError),
}

impl From<DieselError> for Fail {
    fn from(err: DieselError) -> Self {
        Self::Db(err)
    }
}

impl From<RepoError> for Fail {
    fn from(err: RepoError) -> Self {
        Self::Repo(err)
    }
}

impl From<Fail> for RepoError {
    fn from(fail: Fail) -> Self {
        match fail {
            Fail::Repo(err) => err,
            Fail::Db(err) => translate(&err),
        }
    }
}

/// What the only unique key besides the generated primary keys protects.
const EMAIL_TAKEN: &str = "email is already registered";

/// Maps a Diesel error onto the port's error kinds. Database messages are
/// kept, their details (which may quote row values) are not.
pub(crate) fn translate(err: &DieselError) -> RepoError {
    match err {
        DieselError::NotFound => RepoError::NotFound,
        DieselError::DatabaseError(kind, info) => match kind {
            DatabaseErrorKind::UniqueViolation => RepoError::Conflict(EMAIL_TAKEN.to_owned()),
            DatabaseErrorKind::ForeignKeyViolation => RepoError::NotFound,
            DatabaseErrorKind::ClosedConnection
            | DatabaseErrorKind::UnableToSendCommand
            | DatabaseErrorKind::SerializationFailure => {
                RepoError::Unavailable(info.message().to_owned())
            }
            _ if is_sqlite_lock_timeout(info.message()) => {
                RepoError::Unavailable(info.message().to_owned())
            }
            _ => RepoError::Internal(cause_chain(err)),
        },
        _ => RepoError::Internal(cause_chain(err)),
    }
}

/// Whether SQLite gave up waiting for another connection's lock
/// (`SQLITE_BUSY` after the busy timeout, or `SQLITE_LOCKED`).
fn is_sqlite_lock_timeout(message: &str) -> bool {
    message.starts_with("database is locked") || message.starts_with("database table is locked")
}

/// A pool that handed out no connection within its timeout.
pub(crate) fn pool_unavailable(err: &diesel::r2d2::PoolError) -> RepoError {
    RepoError::Unavailable(cause_chain(err))
}

/// A stored JSON document that no longer reads as the domain type. Only the
/// category and position are kept: serde's message may quote content.
pub(crate) fn unreadable(what: &str, err: &serde_json::Error) -> RepoError {
    RepoError::Internal(format!(
        "stored {what} cannot be read ({:?} error at line {} column {})",
        err.classify(),
        err.line(),
        err.column()
    ))
}

/// A value that cannot be written as JSON (for example a non-finite score).
pub(crate) fn unwritable(what: &str, err: &serde_json::Error) -> RepoError {
    RepoError::Internal(format!(
        "{what} cannot be stored as JSON ({:?} error)",
        err.classify()
    ))
}

/// The error and all its sources, joined for a log line.
pub(crate) fn cause_chain(err: &dyn StdError) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database_error(kind: DatabaseErrorKind, message: &str) -> DieselError {
        DieselError::DatabaseError(kind, Box::new(message.to_owned()))
    }

    #[test]
    fn lost_connections_and_lock_timeouts_are_unavailable() {
        let closed = database_error(DatabaseErrorKind::ClosedConnection, "server closed");
        assert!(matches!(translate(&closed), RepoError::Unavailable(_)));
        let locked = database_error(DatabaseErrorKind::Unknown, "database is locked");
        assert_eq!(
            translate(&locked),
            RepoError::Unavailable("database is locked".to_owned())
        );
    }

    #[test]
    fn other_failures_are_internal_and_keep_their_message() {
        let check = database_error(DatabaseErrorKind::CheckViolation, "CHECK constraint failed");
        assert_eq!(
            translate(&check),
            RepoError::Internal("CHECK constraint failed".to_owned())
        );
        assert!(matches!(
            translate(&DieselError::BrokenTransactionManager),
            RepoError::Internal(_)
        ));
    }

    #[test]
    fn serde_failures_do_not_quote_the_document() {
        let err = serde_json::from_str::<u32>("\"private text\"").unwrap_err();
        let RepoError::Internal(message) = unreadable("resume content", &err) else {
            panic!("not internal");
        };
        assert!(!message.contains("private"), "{message}");
    }
}
