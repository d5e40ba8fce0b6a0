//! Configuration: built-in defaults, then `config/default.toml`, then
//! `config/local.toml`, then environment variables, each layer overriding the
//! one before.
//!
//! The two files are optional, so the binary started from an empty directory
//! runs on the defaults alone. Unknown keys in a file and malformed values
//! anywhere are errors that name the key or the variable.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;

/// Where the configuration files are looked for when `CONFIG_DIR` is unset.
pub const DEFAULT_CONFIG_DIR: &str = "config";

/// A value that must never appear in logs or debug output.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A configuration file exists but cannot be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A configuration file is not valid TOML or has a wrong key or value.
    #[error("invalid configuration file {path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// The parser's explanation, naming the key.
        message: String,
    },
    /// An environment variable holds a value that cannot be used.
    #[error("invalid value for environment variable {name}: {reason}")]
    Variable {
        /// The variable.
        name: &'static str,
        /// What is expected.
        reason: String,
    },
    /// The combined settings break a rule.
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

/// Which enhancer serves requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnhancerMode {
    /// The model when an API key is set, falling back to offline on failure.
    Auto,
    /// Never calls a model.
    Offline,
    /// Always the model; requires an API key.
    Openai,
}

impl FromStr for EnhancerMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "offline" => Ok(Self::Offline),
            "openai" => Ok(Self::Openai),
            _ => Err("expected one of auto, offline, openai".to_owned()),
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

impl FromStr for LogFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "pretty" | "plain" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            _ => Err("expected text or json".to_owned()),
        }
    }
}

/// The listening socket and request limits.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to bind.
    pub host: String,
    /// Port to bind; 0 picks a free one.
    pub port: u16,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: u64,
    /// HTTP worker threads; 0 for one per CPU core.
    pub workers: usize,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 8080,
            max_upload_bytes: 10 * 1024 * 1024,
            workers: 0,
        }
    }
}

/// The database.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://PATH`, `sqlite::memory:` or `postgres://...`.
    pub url: String,
    /// Most open connections.
    pub pool_size: u32,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: "sqlite://data/resumes.db".to_owned(),
            pool_size: 8,
        }
    }
}

/// Tokens and the bootstrap administrator.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// HS256 signing key; see [`crate::secret_key`] when absent.
    pub jwt_secret: Option<Secret>,
    /// Lifetime of an access token, in seconds.
    pub jwt_ttl_seconds: u64,
    /// Email of the administrator that exists after start-up.
    pub admin_email: Option<String>,
    /// Password of that administrator.
    pub admin_password: Option<Secret>,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            jwt_ttl_seconds: 3600,
            admin_email: None,
            admin_password: None,
        }
    }
}

/// The enhancer and the language model behind it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnhancerSettings {
    /// Which enhancer to use.
    pub mode: EnhancerMode,
    /// Key of the OpenAI-compatible API.
    pub openai_api_key: Option<Secret>,
    /// Base URL of the OpenAI-compatible API.
    pub openai_base_url: String,
    /// Model name.
    pub openai_model: String,
    /// Time budget of one model call, in seconds.
    pub openai_timeout_seconds: u64,
    /// Retries after a failed model call.
    pub openai_max_retries: u32,
    /// Sampling temperature.
    pub openai_temperature: f32,
}

impl Default for EnhancerSettings {
    fn default() -> Self {
        Self {
            mode: EnhancerMode::Auto,
            openai_api_key: None,
            openai_base_url: "https://api.openai.com/v1".to_owned(),
            openai_model: "gpt-4o-mini".to_owned(),
            openai_timeout_seconds: 60,
            openai_max_retries: 2,
            openai_temperature: 0.2,
        }
    }
}

/// Enhancements allowed per user per rolling 24 hours.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuotaSettings {
    /// Quota of the standard tier.
    pub standard_daily: u32,
    /// Quota of the premium tier.
    pub premium_daily: u32,
}

impl Default for QuotaSettings {
    fn default() -> Self {
        Self {
            standard_daily: 20,
            premium_daily: 200,
        }
    }
}

/// Bounds on reading one uploaded document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractionSettings {
    /// Most pages read from a PDF.
    pub max_pages: u32,
    /// Largest decompressed size of one stream or archive entry, in bytes.
    pub max_stream_bytes: u64,
    /// Largest decompressed size of a whole document, in bytes.
    pub max_total_bytes: u64,
    /// Most entries in a DOCX or ODT archive.
    pub max_zip_entries: usize,
    /// Largest decompressed-to-compressed ratio of an archive entry.
    pub max_compression_ratio: u64,
    /// Deepest element nesting.
    pub max_depth: usize,
    /// Wall-clock budget of one extraction, in milliseconds.
    pub time_budget_ms: u64,
}

impl Default for ExtractionSettings {
    fn default() -> Self {
        Self {
            max_pages: 50,
            max_stream_bytes: 32 * 1024 * 1024,
            max_total_bytes: 128 * 1024 * 1024,
            max_zip_entries: 2_000,
            max_compression_ratio: 200,
            max_depth: 256,
            time_budget_ms: 10_000,
        }
    }
}

/// Logging.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    /// `tracing` filter directives, as in `RUST_LOG`.
    pub filter: String,
    /// Line format.
    pub format: LogFormat,
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            filter: "info".to_owned(),
            format: LogFormat::Text,
        }
    }
}

/// Every setting of the server.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Listening socket and request limits.
    pub server: ServerSettings,
    /// Database.
    pub database: DatabaseSettings,
    /// Tokens and bootstrap administrator.
    pub auth: AuthSettings,
    /// Enhancer and model.
    pub enhancer: EnhancerSettings,
    /// Per-tier quotas.
    pub quota: QuotaSettings,
    /// Document extraction limits.
    pub extraction: ExtractionSettings,
    /// Logging.
    pub log: LogSettings,
}

impl Settings {
    /// Loads the settings from the process environment and the files in
    /// `CONFIG_DIR` (default `./config`).
    ///
    /// # Errors
    /// [`ConfigError`] naming the file, key or variable at fault.
    pub fn from_process_env() -> Result<Self, ConfigError> {
        let lookup = |name: &str| std::env::var(name).ok();
        let dir = lookup("CONFIG_DIR").unwrap_or_else(|| DEFAULT_CONFIG_DIR.to_owned());
        Self::load(Path::new(&dir), lookup)
    }

    /// Loads the settings: defaults, `dir/default.toml`, `dir/local.toml`,
    /// then the variables `env` returns. An empty variable counts as unset.
    ///
    /// # Errors
    /// [`ConfigError`] naming the file, key or variable at fault.
    pub fn load(dir: &Path, env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut merged = toml::Table::new();
        for name in ["default.toml", "local.toml"] {
            if let Some(table) = read_table(&dir.join(name))? {
                merge(&mut merged, table);
            }
        }

        let mut settings: Self =
            merged
                .try_into()
                .map_err(|err: toml::de::Error| ConfigError::File {
                    path: dir.to_path_buf(),
                    message: err.message().to_owned(),
                })?;

        settings.apply_env(|name| env(name).filter(|value| !value.trim().is_empty()))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Parses one TOML document on top of the defaults (no environment).
    ///
    /// # Errors
    /// [`ConfigError::File`] when the text is not valid.
    pub fn from_toml_str(text: &str) -> Result<Self, ConfigError> {
        let path = PathBuf::from("<inline>");
        toml::from_str(text).map_err(|err: toml::de::Error| ConfigError::File {
            path,
            message: err.to_string(),
        })
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let text = |name: &'static str| env(name);

        set_text(&mut self.database.url, text("DATABASE_URL"));
        set_parsed(
            &mut self.database.pool_size,
            "DATABASE_POOL_SIZE",
            text("DATABASE_POOL_SIZE"),
        )?;

        set_text(&mut self.server.host, text("HOST"));
        set_parsed(&mut self.server.port, "PORT", text("PORT"))?;
        set_parsed(
            &mut self.server.max_upload_bytes,
            "MAX_UPLOAD_BYTES",
            text("MAX_UPLOAD_BYTES"),
        )?;
        set_parsed(
            &mut self.server.workers,
            "HTTP_WORKERS",
            text("HTTP_WORKERS"),
        )?;

        if let Some(value) = text("JWT_SECRET") {
            self.auth.jwt_secret = Some(Secret::new(value));
        }
        set_parsed(
            &mut self.auth.jwt_ttl_seconds,
            "JWT_TTL_SECONDS",
            text("JWT_TTL_SECONDS"),
        )?;
        if let Some(value) = text("ADMIN_EMAIL") {
            self.auth.admin_email = Some(value);
        }
        if let Some(value) = text("ADMIN_PASSWORD") {
            self.auth.admin_password = Some(Secret::new(value));
        }

        self.apply_enhancer_env(&env)?;
        self.apply_limits_env(&env)?;

        set_text(&mut self.log.filter, text("RUST_LOG"));
        set_parsed(&mut self.log.format, "LOG_FORMAT", text("LOG_FORMAT"))
    }

    fn apply_enhancer_env(
        &mut self,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        let e = &mut self.enhancer;
        set_parsed(&mut e.mode, "ENHANCER", env("ENHANCER"))?;
        if let Some(value) = env("OPENAI_API_KEY") {
            e.openai_api_key = Some(Secret::new(value));
        }
        set_text(&mut e.openai_base_url, env("OPENAI_BASE_URL"));
        set_text(&mut e.openai_model, env("OPENAI_MODEL"));
        set_parsed(
            &mut e.openai_timeout_seconds,
            "OPENAI_TIMEOUT_SECONDS",
            env("OPENAI_TIMEOUT_SECONDS"),
        )?;
        set_parsed(
            &mut e.openai_max_retries,
            "OPENAI_MAX_RETRIES",
            env("OPENAI_MAX_RETRIES"),
        )?;
        set_parsed(
            &mut e.openai_temperature,
            "OPENAI_TEMPERATURE",
            env("OPENAI_TEMPERATURE"),
        )
    }

    fn apply_limits_env(
        &mut self,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        let q = &mut self.quota;
        set_parsed(
            &mut q.standard_daily,
            "STANDARD_DAILY_QUOTA",
            env("STANDARD_DAILY_QUOTA"),
        )?;
        set_parsed(
            &mut q.premium_daily,
            "PREMIUM_DAILY_QUOTA",
            env("PREMIUM_DAILY_QUOTA"),
        )?;

        let x = &mut self.extraction;
        set_parsed(
            &mut x.max_pages,
            "EXTRACT_MAX_PAGES",
            env("EXTRACT_MAX_PAGES"),
        )?;
        set_parsed(
            &mut x.time_budget_ms,
            "EXTRACT_TIME_BUDGET_MS",
            env("EXTRACT_TIME_BUDGET_MS"),
        )
    }

    /// Checks the rules that span keys or bound values.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] naming the key at fault.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let fail = |msg: &str| Err(ConfigError::Invalid(msg.to_owned()));
        if self.database.url.trim().is_empty() {
            return fail("database.url (DATABASE_URL) must not be empty");
        }
        if self.database.pool_size == 0 {
            return fail("database.pool_size (DATABASE_POOL_SIZE) must be at least 1");
        }
        if self.server.max_upload_bytes == 0 {
            return fail("server.max_upload_bytes (MAX_UPLOAD_BYTES) must be at least 1");
        }
        if self.auth.jwt_ttl_seconds == 0 {
            return fail("auth.jwt_ttl_seconds (JWT_TTL_SECONDS) must be at least 1");
        }
        if !(0.0..=2.0).contains(&self.enhancer.openai_temperature) {
            return fail("enhancer.openai_temperature (OPENAI_TEMPERATURE) must be within 0 and 2");
        }
        if self.extraction.max_pages == 0 || self.extraction.time_budget_ms == 0 {
            return fail("extraction.max_pages and extraction.time_budget_ms must be at least 1");
        }
        Ok(())
    }

    /// The administrator to keep in place, when both its email and password
    /// are configured.
    pub fn admin_account(&self) -> Option<(&str, &Secret)> {
        match (&self.auth.admin_email, &self.auth.admin_password) {
            (Some(email), Some(password)) => Some((email.as_str(), password)),
            _ => None,
        }
    }
}

fn read_table(path: &Path) -> Result<Option<toml::Table>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };

    let table = toml::from_str::<toml::Table>(&text).map_err(|err| ConfigError::File {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;

    // Check the file on its own so that an error names the file it is in.
    toml::Value::Table(table.clone())
        .try_into::<Settings>()
        .map_err(|err| ConfigError::File {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
    Ok(Some(table))
}

/// Puts `over` on top of `base`, merging tables key by key.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn set_text(slot: &mut String, value: Option<String>) {
    if let Some(value) = value {
        *slot = value;
    }
}

fn set_parsed<T>(slot: &mut T, name: &'static str, value: Option<String>) -> Result<(), ConfigError>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    let Some(value) = value else {
        return Ok(());
    };
    *slot = value
        .trim()
        .parse()
        .map_err(|err: T::Err| ConfigError::Variable {
            name,
            reason: format!("{err} (got {value:?})"),
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn empty_dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn defaults_match_the_platform_contract() {
        let settings = Settings::load(empty_dir().path(), env_of(&[])).unwrap();
        assert_eq!(settings.database.url, "sqlite://data/resumes.db");
        assert_eq!(settings.server.host, "127.0.0.1");
        assert_eq!(settings.server.port, 8080);
        assert_eq!(settings.auth.jwt_ttl_seconds, 3600);
        assert_eq!(settings.enhancer.mode, EnhancerMode::Auto);
        assert_eq!(settings.server.max_upload_bytes, 10_485_760);
        assert_eq!(settings.log.filter, "info");
        assert!(settings.auth.jwt_secret.is_none());
    }

    #[test]
    fn local_file_overrides_default_file_and_environment_overrides_both() {
        let dir = empty_dir();
        std::fs::write(
            dir.path().join("default.toml"),
            "[server]\nport = 9000\nhost = \"0.0.0.0\"\n[quota]\nstandard_daily = 5\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("local.toml"), "[server]\nport = 9100\n").unwrap();

        let settings = Settings::load(dir.path(), env_of(&[("PORT", "9200")])).unwrap();
        assert_eq!(settings.server.port, 9200);
        assert_eq!(settings.server.host, "0.0.0.0");
        assert_eq!(settings.quota.standard_daily, 5);

        let settings = Settings::load(dir.path(), env_of(&[])).unwrap();
        assert_eq!(settings.server.port, 9100);
    }

    #[test]
    fn every_documented_variable_is_read() {
        let env = env_of(&[
            ("DATABASE_URL", "postgres://db/x"),
            ("HOST", "0.0.0.0"),
            ("PORT", "81"),
            ("JWT_SECRET", "s3cret-s3cret-s3cret-s3cret-s3cret"),
            ("JWT_TTL_SECONDS", "60"),
            ("ENHANCER", "offline"),
            ("OPENAI_API_KEY", "sk-test"),
            ("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1"),
            ("OPENAI_MODEL", "llama3"),
            ("MAX_UPLOAD_BYTES", "1000"),
            ("ADMIN_EMAIL", "root@example.com"),
            ("ADMIN_PASSWORD", "correct horse"),
            ("RUST_LOG", "debug"),
            ("LOG_FORMAT", "json"),
            ("STANDARD_DAILY_QUOTA", "1"),
            ("PREMIUM_DAILY_QUOTA", "2"),
        ]);
        let s = Settings::load(empty_dir().path(), env).unwrap();
        assert_eq!(s.database.url, "postgres://db/x");
        assert_eq!((s.server.host.as_str(), s.server.port), ("0.0.0.0", 81));
        assert_eq!(
            s.auth.jwt_secret.unwrap().expose(),
            "s3cret-s3cret-s3cret-s3cret-s3cret"
        );
        assert_eq!(s.auth.jwt_ttl_seconds, 60);
        assert_eq!(s.enhancer.mode, EnhancerMode::Offline);
        assert_eq!(s.enhancer.openai_api_key.unwrap().expose(), "sk-test");
        assert_eq!(s.enhancer.openai_base_url, "http://127.0.0.1:11434/v1");
        assert_eq!(s.enhancer.openai_model, "llama3");
        assert_eq!(s.server.max_upload_bytes, 1000);
        assert_eq!(s.auth.admin_email.as_deref(), Some("root@example.com"));
        assert_eq!(s.log.filter, "debug");
        assert_eq!(s.log.format, LogFormat::Json);
        assert_eq!((s.quota.standard_daily, s.quota.premium_daily), (1, 2));
    }

    #[test]
    fn invalid_variables_are_named_in_the_error() {
        for (name, value) in [
            ("PORT", "abc"),
            ("ENHANCER", "foo"),
            ("JWT_TTL_SECONDS", "-1"),
            ("LOG_FORMAT", "xml"),
        ] {
            let err = Settings::load(empty_dir().path(), env_of(&[(name, value)])).unwrap_err();
            assert!(
                matches!(&err, ConfigError::Variable { name: n, .. } if *n == name),
                "{name}: {err}"
            );
            assert!(err.to_string().contains(name));
        }
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let s = Settings::load(
            empty_dir().path(),
            env_of(&[("PORT", ""), ("OPENAI_API_KEY", "")]),
        )
        .unwrap();
        assert_eq!(s.server.port, 8080);
        assert!(s.enhancer.openai_api_key.is_none());
    }

    #[test]
    fn unknown_keys_in_a_file_are_refused_naming_the_file_and_key() {
        let dir = empty_dir();
        std::fs::write(dir.path().join("local.toml"), "[server]\nprot = 1\n").unwrap();
        let err = Settings::load(dir.path(), env_of(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("local.toml") && err.contains("prot"), "{err}");
    }

    #[test]
    fn zero_pool_size_is_refused() {
        let err =
            Settings::load(empty_dir().path(), env_of(&[("DATABASE_POOL_SIZE", "0")])).unwrap_err();
        assert!(err.to_string().contains("pool_size"));
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let env = env_of(&[
            ("JWT_SECRET", "topsecretvalue"),
            ("OPENAI_API_KEY", "sk-hidden"),
            ("ADMIN_PASSWORD", "hunter22"),
        ]);
        let s = Settings::load(empty_dir().path(), env).unwrap();
        let shown = format!("{s:?}");
        for secret in ["topsecretvalue", "sk-hidden", "hunter22"] {
            assert!(!shown.contains(secret), "{secret} leaked");
        }
    }

    #[test]
    fn the_shipped_default_file_parses_and_equals_the_built_in_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/default.toml");
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(Settings::from_toml_str(&text).unwrap(), Settings::default());
    }
}
