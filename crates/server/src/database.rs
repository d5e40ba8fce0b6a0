//! What kind of database a URL names (where a SQLite file's signing key goes).

use std::path::PathBuf;

/// The database a `DATABASE_URL` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    /// A SQLite file at this path.
    SqliteFile(PathBuf),
    /// A SQLite database that lives as long as the process.
    SqliteMemory,
    /// A PostgreSQL server.
    Postgres,
}

/// A URL that names no supported database.
#[derive(Debug, thiserror::Error)]
#[error(
    "DATABASE_URL must be sqlite://PATH, sqlite::memory: or postgres://...; got a URL starting \
     with {scheme:?}"
)]
pub struct UnsupportedUrl {
    /// The part before the first `:`, never the credentials.
    pub scheme: String,
}

impl DatabaseLocation {
    /// Reads a database URL.
    ///
    /// # Errors
    /// [`UnsupportedUrl`] for any other scheme or an empty SQLite path.
    pub fn from_url(url: &str) -> Result<Self, UnsupportedUrl> {
        let url = url.trim();
        if url == "sqlite::memory:" || url == "sqlite://:memory:" {
            return Ok(Self::SqliteMemory);
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres);
        }
        match url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            Some(path) if !path.is_empty() => Ok(Self::SqliteFile(PathBuf::from(path))),
            _ => Err(UnsupportedUrl {
                scheme: url.split(':').next().unwrap_or_default().to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_each_kind_are_told_apart() {
        assert_eq!(
            DatabaseLocation::from_url("sqlite://data/resumes.db").unwrap(),
            DatabaseLocation::SqliteFile(PathBuf::from("data/resumes.db"))
        );
        assert_eq!(
            DatabaseLocation::from_url("sqlite:///tmp/x.db").unwrap(),
            DatabaseLocation::SqliteFile(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(
            DatabaseLocation::from_url("sqlite::memory:").unwrap(),
            DatabaseLocation::SqliteMemory
        );
        assert_eq!(
            DatabaseLocation::from_url("postgres://u:p@h/db").unwrap(),
            DatabaseLocation::Postgres
        );
    }

    #[test]
    fn other_schemes_are_refused_without_echoing_credentials() {
        let err = DatabaseLocation::from_url("mysql://root:hunter2@h/db").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("mysql") && !text.contains("hunter2"),
            "{text}"
        );
    }
}
