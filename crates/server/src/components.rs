//! Builds every adapter from the settings and puts them into the domain's
//! services.

use std::sync::Arc;
use std::time::Duration;

use resume_auth::{Argon2Hasher, JwtSecret, JwtTokens};
use resume_domain::ports::{Clock, Enhancer, SkillTaxonomy, SystemClock, TextExtractor};
use resume_domain::service::{
    AccountService, EnhancementService, JobService, QuotaGate, Quotas, ResumeService, Services,
    Tailor,
};
use resume_enhance_llm::{ApiKey, FallbackEnhancer, LlmConfig, LlmEnhancer};
use resume_enhance_offline::OfflineEnhancer;
use resume_extract::{Extractor, Limits};
use resume_parse::ResumeTextParser;
use resume_skills::Taxonomy;
use resume_store::Store;
use tracing::info;

use crate::config::{EnhancerMode, Secret, Settings};
use crate::database::DatabaseLocation;
use crate::error::ServerError;
use crate::secret_key::{self, KeyError, KeySource};

/// Which enhancer was built, for the start-up log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnhancerChoice {
    /// The offline enhancer alone.
    Offline,
    /// The model alone; its failures are answered 503.
    Model,
    /// The model, falling back to offline when it fails.
    ModelWithFallback,
}

/// The extraction limits the settings ask for; the largest input follows the
/// upload limit.
pub fn extraction_limits(settings: &Settings) -> Limits {
    let x = &settings.extraction;
    Limits {
        max_bytes: usize::try_from(settings.server.max_upload_bytes).unwrap_or(usize::MAX),
        max_pages: x.max_pages,
        max_stream_bytes: x.max_stream_bytes,
        max_total_bytes: x.max_total_bytes,
        max_zip_entries: x.max_zip_entries,
        max_compression_ratio: x.max_compression_ratio,
        max_depth: x.max_depth,
        time_budget: Duration::from_millis(x.time_budget_ms),
    }
}

/// The text extractor.
pub fn extractor(settings: &Settings) -> Extractor {
    Extractor::new(extraction_limits(settings))
}

/// The built-in skill taxonomy (cheap to clone: the data is shared).
pub fn taxonomy() -> Taxonomy {
    Taxonomy::builtin()
}

/// The enhancer `ENHANCER` asks for.
///
/// # Errors
/// [`ServerError::Unusable`] when `openai` is asked for without a key, or the
/// model settings are invalid.
pub fn enhancer(
    settings: &Settings,
    taxonomy: &Taxonomy,
    clock: Arc<dyn Clock>,
) -> Result<(Arc<dyn Enhancer>, EnhancerChoice), ServerError> {
    let offline: Arc<dyn Enhancer> = Arc::new(OfflineEnhancer::new(taxonomy.clone(), clock));
    let key = settings.enhancer.openai_api_key.as_ref();

    match (settings.enhancer.mode, key) {
        (EnhancerMode::Offline, _) | (EnhancerMode::Auto, None) => {
            Ok((offline, EnhancerChoice::Offline))
        }
        (EnhancerMode::Openai, None) => Err(ServerError::Unusable(
            "ENHANCER=openai needs OPENAI_API_KEY; set it, or use ENHANCER=auto or offline"
                .to_owned(),
        )),
        (EnhancerMode::Openai, Some(key)) => Ok((
            model(settings, key, offline, taxonomy)?,
            EnhancerChoice::Model,
        )),
        (EnhancerMode::Auto, Some(key)) => {
            let primary = model(settings, key, Arc::clone(&offline), taxonomy)?;
            let fallback = FallbackEnhancer::new(primary, offline);
            Ok((Arc::new(fallback), EnhancerChoice::ModelWithFallback))
        }
    }
}

/// The model enhancer; it starts from the offline result and checks skills
/// against the taxonomy.
fn model(
    settings: &Settings,
    key: &Secret,
    offline: Arc<dyn Enhancer>,
    taxonomy: &Taxonomy,
) -> Result<Arc<dyn Enhancer>, ServerError> {
    let e = &settings.enhancer;
    let config = LlmConfig {
        api_key: Some(ApiKey::new(key.expose())),
        base_url: e.openai_base_url.clone(),
        model: e.openai_model.clone(),
        timeout: Duration::from_secs(e.openai_timeout_seconds),
        max_retries: e.openai_max_retries,
        temperature: e.openai_temperature,
        ..LlmConfig::default()
    };
    let enhancer = LlmEnhancer::new(config, offline, Arc::new(taxonomy.clone()))
        .map_err(|err| ServerError::Unusable(format!("OPENAI_* settings: {err}")))?;
    Ok(Arc::new(enhancer))
}

/// Extraction, parsing and enhancement without storage.
///
/// # Errors
/// As [`enhancer`].
pub fn tailor(settings: &Settings) -> Result<(Tailor, EnhancerChoice), ServerError> {
    tailor_with(settings, &taxonomy(), Arc::new(SystemClock))
}

fn tailor_with(
    settings: &Settings,
    taxonomy: &Taxonomy,
    clock: Arc<dyn Clock>,
) -> Result<(Tailor, EnhancerChoice), ServerError> {
    let (enhancer, choice) = enhancer(settings, taxonomy, clock)?;
    let extractor: Arc<dyn TextExtractor> = Arc::new(extractor(settings));
    let parser = Arc::new(ResumeTextParser::new(Arc::new(taxonomy.clone())));
    Ok((Tailor::new(extractor, parser, enhancer), choice))
}

/// Opens the database and applies pending migrations.
///
/// # Errors
/// [`ServerError::DatabaseUrl`] for an unsupported URL,
/// [`ServerError::Store`] when the database cannot be opened or migrated.
pub async fn open_store(settings: &Settings) -> Result<Store, ServerError> {
    DatabaseLocation::from_url(&settings.database.url)?;
    let url = settings.database.url.clone();
    let pool_size = settings.database.pool_size;

    let opened = tokio::task::spawn_blocking(move || {
        let store = Store::connect(&url, pool_size)?;
        store.run_migrations()?;
        Ok::<_, resume_store::StoreError>(store)
    })
    .await
    .map_err(|err| ServerError::Store(format!("start-up task failed: {err}")))?;

    opened.map_err(|err| ServerError::Store(err.to_string()))
}

/// The token signing key for serving: configured, from the key file beside a
/// SQLite database, or for this run only with an in-memory database.
///
/// # Errors
/// [`ServerError::SigningKey`] with PostgreSQL and no key, or when the key
/// file cannot be used.
pub fn serving_key(settings: &Settings) -> Result<Secret, ServerError> {
    let location = DatabaseLocation::from_url(&settings.database.url)?;
    let (key, source) = secret_key::resolve(settings.auth.jwt_secret.as_ref(), &location)?;
    match source {
        KeySource::Configured => info!("token signing key: configured"),
        KeySource::File => info!("token signing key: kept beside the SQLite database"),
        KeySource::Ephemeral => info!("token signing key: made for this run (in-memory database)"),
    }
    Ok(key)
}

/// The key for commands that issue no token: the serving key when there is
/// one, else a throw-away key (PostgreSQL without `JWT_SECRET`).
///
/// # Errors
/// As [`serving_key`], except for the missing PostgreSQL key.
pub fn command_key(settings: &Settings) -> Result<Secret, ServerError> {
    match serving_key(settings) {
        Err(ServerError::SigningKey(KeyError::MissingForPostgres)) => {
            Ok(secret_key::resolve(None, &DatabaseLocation::SqliteMemory)?.0)
        }
        other => other,
    }
}

/// Every use case over `store`, signing tokens with `key`.
///
/// # Errors
/// [`ServerError::Unusable`] for a key that is too short or an enhancer that
/// cannot be built.
pub fn services(settings: &Settings, store: &Store, key: &Secret) -> Result<Services, ServerError> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let accounts = account_service(settings, store, key, Arc::clone(&clock))?;

    let taxonomy = taxonomy();
    let (tailor, choice) = tailor_with(settings, &taxonomy, Arc::clone(&clock))?;
    info!(enhancer = ?choice, "enhancer selected");

    let quotas = Quotas {
        standard: settings.quota.standard_daily,
        premium: settings.quota.premium_daily,
    };
    let gate = Arc::new(QuotaGate::new(store.resumes(), quotas));
    let enhancements = EnhancementService::new(
        tailor,
        store.resumes(),
        store.jobs(),
        gate,
        Arc::clone(&clock),
    );
    let skills: Arc<dyn SkillTaxonomy> = Arc::new(taxonomy);

    Ok(Services {
        accounts: Arc::new(accounts),
        jobs: Arc::new(JobService::new(store.jobs(), Arc::clone(&clock))),
        enhancements: Arc::new(enhancements),
        resumes: Arc::new(ResumeService::new(store.resumes(), skills, clock)),
        readiness: store.readiness(),
    })
}

fn account_service(
    settings: &Settings,
    store: &Store,
    key: &Secret,
    clock: Arc<dyn Clock>,
) -> Result<AccountService, ServerError> {
    let secret = JwtSecret::new(key.expose().as_bytes().to_vec())
        .map_err(|reason| ServerError::Unusable(format!("JWT_SECRET: {reason}")))?;
    let tokens = Arc::new(JwtTokens::new(&secret, settings.auth.jwt_ttl_seconds));
    let hasher = Argon2Hasher::owasp()
        .map_err(|err| ServerError::Unusable(format!("password hashing: {err}")))?;
    Ok(AccountService::new(
        store.users(),
        Arc::new(hasher),
        tokens,
        clock,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(mode: EnhancerMode, key: Option<&str>) -> Result<EnhancerChoice, ServerError> {
        let mut settings = Settings::default();
        settings.enhancer.mode = mode;
        settings.enhancer.openai_api_key = key.map(Secret::new);
        enhancer(&settings, &taxonomy(), Arc::new(SystemClock)).map(|(_, choice)| choice)
    }

    #[test]
    fn offline_never_uses_the_model_even_with_a_key() {
        assert_eq!(
            choice(EnhancerMode::Offline, Some("sk-x")).unwrap(),
            EnhancerChoice::Offline
        );
    }

    #[test]
    fn auto_uses_the_model_with_fallback_only_when_a_key_is_set() {
        assert_eq!(
            choice(EnhancerMode::Auto, None).unwrap(),
            EnhancerChoice::Offline
        );
        assert_eq!(
            choice(EnhancerMode::Auto, Some("sk-x")).unwrap(),
            EnhancerChoice::ModelWithFallback
        );
    }

    #[test]
    fn openai_requires_a_key_and_refuses_with_exit_code_2() {
        let err = choice(EnhancerMode::Openai, None).unwrap_err();
        assert!(err.to_string().contains("OPENAI_API_KEY"), "{err}");
        assert_eq!(err.exit_code(), crate::error::EXIT_CONFIG);
        assert_eq!(
            choice(EnhancerMode::Openai, Some("sk-x")).unwrap(),
            EnhancerChoice::Model
        );
    }

    #[test]
    fn an_invalid_model_base_url_is_refused() {
        let mut settings = Settings::default();
        settings.enhancer.mode = EnhancerMode::Openai;
        settings.enhancer.openai_api_key = Some(Secret::new("sk-x"));
        settings.enhancer.openai_base_url = "localhost:11434".to_owned();
        let result = enhancer(&settings, &taxonomy(), Arc::new(SystemClock));
        assert!(matches!(result, Err(ServerError::Unusable(_))));
    }

    #[test]
    fn extraction_limits_follow_the_upload_limit_and_settings() {
        let mut settings = Settings::default();
        settings.server.max_upload_bytes = 1234;
        settings.extraction.max_pages = 3;
        settings.extraction.time_budget_ms = 250;
        let limits = extraction_limits(&settings);
        assert_eq!(limits.max_bytes, 1234);
        assert_eq!(limits.max_pages, 3);
        assert_eq!(limits.time_budget, Duration::from_millis(250));
    }

    #[test]
    fn a_short_configured_signing_key_is_refused() {
        let settings = Settings::default();
        let store = Store::connect("sqlite::memory:", 1).unwrap();
        let result = services(&settings, &store, &Secret::new("short"));
        assert!(matches!(&result, Err(ServerError::Unusable(m)) if m.contains("JWT_SECRET")));
    }
}
