//! Log output: `tracing` events to standard error, filtered by `RUST_LOG`,
//! as text or JSON lines.
//!
//! Standard output is left to the command-line commands, whose JSON results
//! can then be piped.

use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, LogSettings};

/// The filter directives could not be read.
#[derive(Debug, thiserror::Error)]
#[error("invalid value for environment variable RUST_LOG (log.filter): {0}")]
pub struct TelemetryError(String);

/// Installs the global subscriber. A second call (as in tests, which start
/// many applications in one process) leaves the first subscriber in place.
///
/// # Errors
/// [`TelemetryError`] when the filter directives are malformed.
pub fn init(settings: &LogSettings) -> Result<(), TelemetryError> {
    let filter = EnvFilter::builder()
        .parse(&settings.filter)
        .map_err(|err| TelemetryError(err.to_string()))?;

    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(true);

    // An error here means a subscriber is already installed, which is fine.
    let _already_installed = match settings.format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_filters_are_reported() {
        let settings = LogSettings {
            filter: "info,[=".to_owned(),
            format: LogFormat::Text,
        };
        assert!(init(&settings).is_err());
    }
}
