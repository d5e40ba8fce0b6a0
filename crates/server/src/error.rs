//! The server's one error type, and the exit code of each kind.

use resume_domain::DomainError;

use crate::config::ConfigError;
use crate::database::UnsupportedUrl;
use crate::secret_key::KeyError;
use crate::telemetry::TelemetryError;

/// Exit code of a configuration error (as for a command-line usage error).
pub const EXIT_CONFIG: i32 = 2;
/// Exit code of any other failure.
pub const EXIT_FAILURE: i32 = 1;

/// Why a command or the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The configuration is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The database URL names no supported database.
    #[error(transparent)]
    DatabaseUrl(#[from] UnsupportedUrl),
    /// No token signing key could be had.
    #[error(transparent)]
    SigningKey(#[from] KeyError),
    /// The log filter is invalid.
    #[error(transparent)]
    Telemetry(#[from] TelemetryError),
    /// A setting is valid on its own but cannot be used as configured.
    #[error("{0}")]
    Unusable(String),
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Store(String),
    /// A file or socket operation failed; the text says which.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The failure.
        source: std::io::Error,
    },
    /// An input file of a command is not what it should be.
    #[error("{0}")]
    Input(String),
    /// A use case refused or failed.
    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl ServerError {
    /// The process exit code for this error: 2 for configuration, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Config(_) | Self::DatabaseUrl(_) | Self::Telemetry(_) | Self::Unusable(_) => {
                EXIT_CONFIG
            }
            Self::SigningKey(KeyError::MissingForPostgres) => EXIT_CONFIG,
            _ => EXIT_FAILURE,
        }
    }

    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            context: context.into(),
            source,
        }
    }
}
