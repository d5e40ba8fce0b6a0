//! Configuration of the model enhancer.

use std::fmt;
use std::time::Duration;

/// The OpenAI endpoint used when no base URL is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// The model used when none is configured: small, cheap and supports strict
/// structured output.
pub const DEFAULT_MODEL: &str = "gpt-4o-mini";

/// An API key. Its `Debug` and `Display` never show the key.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for the request header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// An Azure OpenAI deployment. With it, requests go to
/// `{base_url}/openai/deployments/{deployment}/chat/completions?api-version=…`
/// and the key is sent in the `api-key` header instead of `Authorization`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzureDeployment {
    /// The deployment name.
    pub deployment: String,
    /// The `api-version` query value, such as `2024-10-21`.
    pub api_version: String,
}

/// Everything the model enhancer needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct LlmConfig {
    /// The API key; `None` for local servers that need none.
    pub api_key: Option<ApiKey>,
    /// Base URL of the OpenAI-compatible API, up to and including `/v1`
    /// (for Azure: the resource URL `https://NAME.openai.azure.com`).
    pub base_url: String,
    /// Model name sent with every request.
    pub model: String,
    /// Time allowed for one HTTP request, connection included.
    pub timeout: Duration,
    /// Retries after a rate limit (429), a server error (5xx) or a failed
    /// connection; `0` means one attempt only.
    pub max_retries: u32,
    /// Sampling temperature.
    pub temperature: f32,
    /// The job text sent to the model is cut to this many characters.
    pub max_job_chars: usize,
    /// Replace names, emails, phones, URLs and addresses by placeholders
    /// before anything is sent, and restore them in the answer.
    pub mask_personal_data: bool,
    /// Upper bound on the answer length, sent as `max_completion_tokens`.
    pub max_completion_tokens: Option<u32>,
    /// First backoff delay; each retry doubles it, with random jitter.
    pub backoff_base: Duration,
    /// Largest backoff delay, and the longest `Retry-After` the enhancer
    /// waits for; a longer one ends the attempt as unavailable at once.
    pub backoff_max: Duration,
    /// Retry delay suggested to callers when the server gave none.
    pub default_retry_after: Duration,
    /// A source resume with fewer words than this (or with no name, no
    /// experience and no education) is not sent to the model.
    pub min_source_words: usize,
    /// Set for Azure OpenAI.
    pub azure: Option<AzureDeployment>,
}

impl Default for LlmConfig {
    fn default() -> Self {
        Self {
            api_key: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            model: DEFAULT_MODEL.to_owned(),
            timeout: Duration::from_secs(60),
            max_retries: 2,
            temperature: 0.2,
            max_job_chars: 6_000,
            mask_personal_data: true,
            max_completion_tokens: Some(2_048),
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(20),
            default_retry_after: Duration::from_secs(30),
            min_source_words: 30,
            azure: None,
        }
    }
}

/// Why a configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A field has a value that cannot work; the text names it.
    #[error("invalid model configuration: {0}")]
    Invalid(String),
    /// The HTTP client could not be built.
    #[error("the HTTP client could not be built: {0}")]
    HttpClient(String),
}

impl LlmConfig {
    /// Checks the values that would otherwise fail at the first request.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] naming the offending field.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let base = self.base_url.trim();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(invalid("base_url must start with http:// or https://"));
        }
        if self.model.trim().is_empty() {
            return Err(invalid("model is required"));
        }
        if self.timeout.is_zero() {
            return Err(invalid("timeout must be positive"));
        }
        if !(0.0..=2.0).contains(&self.temperature) {
            return Err(invalid("temperature must be between 0 and 2"));
        }
        if self.max_job_chars == 0 {
            return Err(invalid("max_job_chars must be positive"));
        }
        let key_is_header_safe = self
            .api_key
            .as_ref()
            .is_none_or(|key| key.expose().bytes().all(|b| b.is_ascii_graphic()));
        if !key_is_header_safe {
            return Err(invalid("api_key may hold printable ASCII characters only"));
        }
        Ok(())
    }

    /// The base URL without a trailing slash.
    pub(crate) fn trimmed_base_url(&self) -> &str {
        self.base_url.trim().trim_end_matches('/')
    }
}

fn invalid(message: &str) -> ConfigError {
    ConfigError::Invalid(message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_key_never_appears_in_debug_output() {
        let config = LlmConfig {
            api_key: Some(ApiKey::new("sk-very-secret")),
            ..LlmConfig::default()
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("sk-very-secret"));
        assert!(printed.contains("redacted"));
    }

    #[test]
    fn defaults_are_valid_and_point_at_openai() {
        let config = LlmConfig::default();
        assert!(config.validate().is_ok());
        assert_eq!(config.trimmed_base_url(), "https://api.openai.com/v1");
        assert!(config.mask_personal_data);
    }

    #[test]
    fn keys_that_cannot_be_sent_in_a_header_are_refused() {
        let config = LlmConfig {
            api_key: Some(ApiKey::new("sk-line\nbreak")),
            ..LlmConfig::default()
        };
        assert!(matches!(config.validate(), Err(ConfigError::Invalid(m)) if m.contains("api_key")));
    }

    #[test]
    fn a_base_url_without_scheme_is_refused() {
        let config = LlmConfig {
            base_url: "localhost:11434/v1".into(),
            ..LlmConfig::default()
        };
        assert!(config.validate().is_err());
    }
}
