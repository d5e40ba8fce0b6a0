//! The token signing key: configured, kept in a file beside the SQLite
//! database, or made for this run only.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Secret;
use crate::database::DatabaseLocation;

/// Bytes of randomness in a generated key.
const GENERATED_KEY_BYTES: usize = 32;

/// Why no signing key could be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// PostgreSQL deployments must configure the key, so every instance
    /// signs with the same one.
    #[error(
        "JWT_SECRET must be set when the database is PostgreSQL, so that every server \
         instance signs tokens with the same key"
    )]
    MissingForPostgres,
    /// The key file could not be read or written.
    #[error("cannot use the token key file {path}: {source}")]
    File {
        /// The key file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The key file is there but holds no key.
    #[error("the token key file {0} is empty; delete it to have a new key made")]
    EmptyFile(PathBuf),
    /// The operating system gave no randomness.
    #[error("cannot generate a token key: {0}")]
    Random(String),
}

/// Where the signing key came from, for the start-up log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// `JWT_SECRET` or the configuration file.
    Configured,
    /// The file beside the SQLite database (made now or earlier).
    File,
    /// Made for this run only (in-memory database).
    Ephemeral,
}

/// The key file kept beside a SQLite database file.
pub fn key_file_for(database: &Path) -> PathBuf {
    let mut name = database
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".jwt-secret");
    database.with_file_name(name)
}

/// The key to sign tokens with.
///
/// # Errors
/// [`KeyError`] when PostgreSQL is used without a configured key, or the key
/// file cannot be read or written.
pub fn resolve(
    configured: Option<&Secret>,
    database: &DatabaseLocation,
) -> Result<(Secret, KeySource), KeyError> {
    if let Some(secret) = configured {
        return Ok((secret.clone(), KeySource::Configured));
    }

    match database {
        DatabaseLocation::Postgres => Err(KeyError::MissingForPostgres),
        DatabaseLocation::SqliteMemory => Ok((random_key()?, KeySource::Ephemeral)),
        DatabaseLocation::SqliteFile(path) => {
            Ok((load_or_create(&key_file_for(path))?, KeySource::File))
        }
    }
}

fn load_or_create(path: &Path) -> Result<Secret, KeyError> {
    let file_error = |source| KeyError::File {
        path: path.to_path_buf(),
        source,
    };

    match std::fs::read_to_string(path) {
        Ok(text) => return non_empty(text, path),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(file_error(err)),
    }

    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(file_error)?;
    }

    let key = random_key()?;
    match create_private(path) {
        Ok(mut file) => {
            file.write_all(key.expose().as_bytes())
                .map_err(file_error)?;
            file.sync_all().map_err(file_error)?;
            Ok(key)
        }
        // Another process made it first: use theirs.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path).map_err(file_error)?;
            non_empty(text, path)
        }
        Err(err) => Err(file_error(err)),
    }
}

fn non_empty(text: String, path: &Path) -> Result<Secret, KeyError> {
    let key = text.trim();
    if key.is_empty() {
        Err(KeyError::EmptyFile(path.to_path_buf()))
    } else {
        Ok(Secret::new(key))
    }
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

fn random_key() -> Result<Secret, KeyError> {
    let mut bytes = [0_u8; GENERATED_KEY_BYTES];
    getrandom::fill(&mut bytes).map_err(|err| KeyError::Random(err.to_string()))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Secret::new(hex))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_key_wins() {
        let configured = Secret::new("configured-key-configured-key-xx");
        let (key, source) = resolve(Some(&configured), &DatabaseLocation::Postgres).unwrap();
        assert_eq!(key, configured);
        assert_eq!(source, KeySource::Configured);
    }

    #[test]
    fn postgres_without_a_key_is_refused() {
        let err = resolve(None, &DatabaseLocation::Postgres).unwrap_err();
        assert!(err.to_string().contains("JWT_SECRET"));
    }

    #[test]
    fn sqlite_key_is_made_once_with_private_mode_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let db = DatabaseLocation::SqliteFile(dir.path().join("nested/app.db"));

        let (first, source) = resolve(None, &db).unwrap();
        assert_eq!(source, KeySource::File);
        assert_eq!(first.expose().len(), GENERATED_KEY_BYTES * 2);

        let (second, _) = resolve(None, &db).unwrap();
        assert_eq!(first, second);

        let file = dir.path().join("nested/app.db.jwt-secret");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(std::fs::read_to_string(file).unwrap(), first.expose());
    }

    #[test]
    fn in_memory_databases_get_a_fresh_key_each_time() {
        let (a, source) = resolve(None, &DatabaseLocation::SqliteMemory).unwrap();
        let (b, _) = resolve(None, &DatabaseLocation::SqliteMemory).unwrap();
        assert_eq!(source, KeySource::Ephemeral);
        assert_ne!(a, b);
    }

    #[test]
    fn an_empty_key_file_is_an_error_not_an_empty_key() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("app.db");
        std::fs::write(key_file_for(&db), "  \n").unwrap();
        let err = resolve(None, &DatabaseLocation::SqliteFile(db)).unwrap_err();
        assert!(matches!(err, KeyError::EmptyFile(_)));
    }
}
