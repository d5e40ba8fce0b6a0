//! The command-line commands other than `serve`. Each returns the JSON or
//! text it prints, so tests can call them directly.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use resume_domain::service::{NewAccount, Registration, Services};
use resume_domain::{Job, JobId, JobPosting, Subscription, SubscriptionStatus, Tier, User};
use serde_json::{json, Value};
use tracing::info;

use crate::cli::{CreateJobArgs, CreateUserArgs, EnhanceArgs, ExtractArgs, SetSubscriptionArgs};
use crate::components;
use crate::config::Settings;
use crate::error::ServerError;

/// Applies pending migrations.
///
/// # Errors
/// [`ServerError::Store`] when the database cannot be opened or migrated.
pub async fn migrate(settings: &Settings) -> Result<(), ServerError> {
    components::open_store(settings).await?;
    info!("database schema is up to date");
    Ok(())
}

/// Creates an account and returns it as the API shows users.
///
/// # Errors
/// [`ServerError::Domain`] for invalid input or a taken email.
pub async fn create_user(settings: &Settings, args: CreateUserArgs) -> Result<Value, ServerError> {
    let services = command_services(settings).await?;
    let now = services.accounts.now();
    let full_name = args.full_name.unwrap_or_else(|| default_name(&args.email));
    let account = NewAccount {
        registration: Registration {
            email: args.email,
            password: args.password,
            full_name,
        },
        role: args.role,
        subscription: subscription(args.tier, args.days, now),
    };

    let user = services.accounts.create_account(account).await?;
    info!(user.id = %user.id, role = %user.role, "account created");
    Ok(user_json(&user, now))
}

/// Sets the subscription of the account with an email.
///
/// # Errors
/// [`ServerError::Domain`] when there is no such account.
pub async fn set_subscription(
    settings: &Settings,
    args: SetSubscriptionArgs,
) -> Result<Value, ServerError> {
    let services = command_services(settings).await?;
    let now = services.accounts.now();
    let plan = subscription(args.tier, args.days, now);

    let user = services
        .accounts
        .set_subscription_by_email(&args.email, plan)
        .await?;
    info!(user.id = %user.id, tier = %user.subscription.tier, "subscription set");
    Ok(user_json(&user, now))
}

/// Creates a job from a JSON file shaped like the body of `POST /api/jobs/`.
///
/// # Errors
/// [`ServerError::Input`] for an unreadable or malformed file,
/// [`ServerError::Domain`] for an invalid posting.
pub async fn create_job(settings: &Settings, args: CreateJobArgs) -> Result<Value, ServerError> {
    let posting = read_posting(&args.file)?;
    let services = command_services(settings).await?;

    let job = services.jobs.create_trusted(posting, None).await?;
    info!(job.id = %job.id, "job created");
    to_json(&job)
}

/// The text of a resume file, or the whole extracted document as JSON.
///
/// # Errors
/// [`ServerError::Io`] when the file cannot be read,
/// [`ServerError::Domain`] when no text can be extracted.
pub fn extract(settings: &Settings, args: ExtractArgs) -> Result<String, ServerError> {
    let bytes = read_bounded(&args.file, settings.server.max_upload_bytes)?;
    let document = components::extractor(settings)
        .extract_bytes(&bytes)
        .map_err(resume_domain::DomainError::from)?;

    if args.json {
        Ok(to_json(&document)?.to_string())
    } else {
        Ok(document.text)
    }
}

/// Tailors a resume file to a job file with no database: the enhanced
/// resume, the engine, the match report and any warnings.
///
/// # Errors
/// As [`extract`], plus [`ServerError::Unusable`] when the enhancer cannot
/// be built.
pub async fn enhance(settings: &Settings, args: EnhanceArgs) -> Result<Value, ServerError> {
    let posting = read_posting(&args.job_file)?;
    posting
        .validate()
        .map_err(resume_domain::DomainError::from)?;
    let bytes = read_bounded(&args.file, settings.server.max_upload_bytes)?;
    let (tailor, _) = components::tailor(settings)?;
    let job = Job {
        id: JobId::new(0),
        posting,
        created_by: None,
        created_at: Utc::now(),
    };

    let tailored = tailor.run(bytes, &job).await?;
    let enhancement = tailored.enhancement;
    Ok(json!({
        "engine": enhancement.engine.as_str(),
        "match": to_json(&enhancement.report)?,
        "warnings": enhancement.warnings,
        "source_format": tailored.document.format.as_str(),
        "enhanced_resume": to_json(&enhancement.content)?,
    }))
}

/// An account as the API shows it.
pub fn user_json(user: &User, now: DateTime<Utc>) -> Value {
    let status = match user.subscription.status_at(now) {
        SubscriptionStatus::Active => "active",
        SubscriptionStatus::Expired => "expired",
        SubscriptionStatus::None => "none",
    };
    json!({
        "id": user.id.get(),
        "email": user.email.as_str(),
        "full_name": user.full_name,
        "role": user.role.as_str(),
        "subscription": {
            "tier": user.subscription.tier.as_str(),
            "status": status,
            "expires_at": user.subscription.expires_at.map(|at| at.to_rfc3339()),
        },
    })
}

async fn command_services(settings: &Settings) -> Result<Services, ServerError> {
    let store = components::open_store(settings).await?;
    let key = components::command_key(settings)?;
    components::services(settings, &store, &key)
}

fn subscription(tier: Tier, days: Option<u32>, now: DateTime<Utc>) -> Subscription {
    let expires_at = days.map(|days| now + Duration::days(i64::from(days)));
    Subscription { tier, expires_at }
}

fn default_name(email: &str) -> String {
    email
        .split('@')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn read_posting(path: &Path) -> Result<JobPosting, ServerError> {
    const MAX_JOB_FILE_BYTES: u64 = 1024 * 1024;
    let bytes = read_bounded(path, MAX_JOB_FILE_BYTES)?;
    serde_json::from_slice(&bytes)
        .map_err(|err| ServerError::Input(format!("{}: not a job posting: {err}", path.display())))
}

/// Reads a whole file that must not be larger than `limit` bytes.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ServerError> {
    let context = || format!("cannot read {}", path.display());
    let size = std::fs::metadata(path)
        .map_err(|err| ServerError::io(context(), err))?
        .len();
    if size > limit {
        return Err(ServerError::Input(format!(
            "{} is {size} bytes, over the limit of {limit} bytes (MAX_UPLOAD_BYTES)",
            path.display()
        )));
    }
    std::fs::read(path).map_err(|err| ServerError::io(context(), err))
}

fn to_json(value: &impl serde::Serialize) -> Result<Value, ServerError> {
    serde_json::to_value(value).map_err(|err| ServerError::Input(format!("cannot print: {err}")))
}
