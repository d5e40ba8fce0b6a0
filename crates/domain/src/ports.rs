//! The ports: what the use cases need from the outside world.
//!
//! Every port is an object-safe trait (`Arc<dyn Port>`), async where an
//! adapter may block (I/O, CPU-heavy work). Adapters that block must do so off
//! the async workers. With the `mock` feature each port has a mockall mock
//! (`MockTextExtractor`, `MockResumeRepo`, ...).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::account::{NewUser, Role, Subscription, User, UserCredentials};
use crate::document::ExtractedDocument;
use crate::enhancement::{Enhancement, NewStoredResume, StoredResume};
use crate::error::{
    EnhanceError, ExtractError, GateRefusal, HashError, RepoError, TokenError, ValidationError,
};
use crate::ids::{Email, JobId, ResumeId, UserId};
use crate::job::{Job, JobPage, JobPosting, PageRequest};
use crate::resume::{ResumeContent, SkillCategory};

#[cfg(any(test, feature = "mock"))]
use mockall::automock;

/// Reads the text of an uploaded file.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait TextExtractor: Send + Sync {
    /// Extracts the text of `bytes`, detecting the format from the bytes.
    ///
    /// # Errors
    /// [`ExtractError::Empty`] for no bytes, [`ExtractError::UnsupportedFormat`]
    /// for an unknown format, [`ExtractError::Encrypted`],
    /// [`ExtractError::NoTextLayer`] for a scan, [`ExtractError::Corrupt`],
    /// [`ExtractError::LimitExceeded`], [`ExtractError::Timeout`], and
    /// [`ExtractError::NoText`] when the document holds no text.
    async fn extract(&self, bytes: Vec<u8>) -> Result<ExtractedDocument, ExtractError>;
}

/// Turns extracted text into a structured resume. Pure and fast; never fails:
/// what cannot be found is left empty.
#[cfg_attr(any(test, feature = "mock"), automock)]
pub trait ResumeParser: Send + Sync {
    /// Parses a document into resume sections.
    fn parse(&self, document: &ExtractedDocument) -> ResumeContent;
}

/// Knows skills, their categories and their aliases (`k8s` is `Kubernetes`).
#[cfg_attr(any(test, feature = "mock"), automock)]
pub trait SkillTaxonomy: Send + Sync {
    /// The category of a skill; unknown skills are [`SkillCategory::Technical`].
    fn category_of(&self, skill: &str) -> SkillCategory;

    /// The canonical name of a known skill or alias, `None` when unknown.
    fn canonical(&self, term: &str) -> Option<String>;
}

/// The resume an enhancer starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceResume {
    /// The extracted text, the evidence for every fact.
    pub text: String,
    /// The parsed sections.
    pub content: ResumeContent,
}

/// Tailors a resume to a job.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait Enhancer: Send + Sync {
    /// Produces a tailored resume that asserts nothing the source does not.
    ///
    /// # Errors
    /// [`EnhanceError::Unavailable`] when a model cannot be used now (the
    /// caller may fall back or answer 503), [`EnhanceError::Internal`] otherwise.
    async fn enhance(&self, source: &SourceResume, job: &Job) -> Result<Enhancement, EnhanceError>;
}

/// A change made to a stored resume inside the store's transaction.
pub type ResumeEdit =
    Box<dyn FnOnce(&mut ResumeContent) -> Result<(), ValidationError> + Send + 'static>;

/// Stores enhanced resumes. Every read takes the owner: another user's resume
/// is [`RepoError::NotFound`], as if it did not exist.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait ResumeRepo: Send + Sync {
    /// Stores a new enhanced resume (version 1).
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when the user or job does not exist;
    /// [`RepoError::Unavailable`] or [`RepoError::Internal`] otherwise.
    async fn insert(&self, new: NewStoredResume) -> Result<StoredResume, RepoError>;

    /// One resume of `owner`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when it does not exist or is not `owner`'s.
    async fn get(&self, owner: UserId, id: ResumeId) -> Result<StoredResume, RepoError>;

    /// The most recently created resume of `owner`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when `owner` has none.
    async fn latest(&self, owner: UserId) -> Result<StoredResume, RepoError>;

    /// The most recently created resume of `owner` for `job`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn latest_for_job(&self, owner: UserId, job: JobId) -> Result<StoredResume, RepoError>;

    /// Every resume of `owner`, newest first.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] or [`RepoError::Internal`].
    async fn list(&self, owner: UserId) -> Result<Vec<StoredResume>, RepoError>;

    /// Reads the resume, applies `edit` and writes it back in one transaction,
    /// so concurrent edits never lose each other's changes. Bumps `version`,
    /// sets `updated_at` to `now` and assigns ids to new list items.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when it does not exist or is not `owner`'s;
    /// [`RepoError::Rejected`] when `edit` refused, in which case nothing is
    /// written.
    async fn update(
        &self,
        owner: UserId,
        id: ResumeId,
        edit: ResumeEdit,
        now: DateTime<Utc>,
    ) -> Result<StoredResume, RepoError>;

    /// Creation instants of `owner`'s resumes created at or after `since`,
    /// oldest first (for quotas).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] or [`RepoError::Internal`].
    async fn created_since(
        &self,
        owner: UserId,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>, RepoError>;
}

/// Stores accounts.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait UserRepo: Send + Sync {
    /// Stores a new account.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when the email is taken.
    async fn create(&self, new: NewUser) -> Result<User, RepoError>;

    /// One account by id.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn get(&self, id: UserId) -> Result<User, RepoError>;

    /// One account by email.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn find_by_email(&self, email: &Email) -> Result<User, RepoError>;

    /// An account and its password hash, for login.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn credentials(&self, email: &Email) -> Result<UserCredentials, RepoError>;

    /// Replaces an account's subscription.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn set_subscription(
        &self,
        id: UserId,
        subscription: Subscription,
    ) -> Result<User, RepoError>;

    /// Replaces an account's role and password hash (used to keep the
    /// configured admin account in line with its configuration).
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn set_role_and_password(
        &self,
        id: UserId,
        role: Role,
        password_hash: String,
    ) -> Result<User, RepoError>;

    /// Deletes an account and everything it owns.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn delete(&self, id: UserId) -> Result<(), RepoError>;
}

/// Stores job postings.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait JobRepo: Send + Sync {
    /// Stores a validated posting.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] or [`RepoError::Internal`].
    async fn create(
        &self,
        posting: JobPosting,
        created_by: Option<UserId>,
        now: DateTime<Utc>,
    ) -> Result<Job, RepoError>;

    /// One posting.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when there is none.
    async fn get(&self, id: JobId) -> Result<Job, RepoError>;

    /// One page of postings, oldest first, with the total count.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] or [`RepoError::Internal`].
    async fn list(&self, page: PageRequest) -> Result<JobPage, RepoError>;
}

/// Tells whether the store can serve requests.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait Readiness: Send + Sync {
    /// Runs a trivial query.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] when the database cannot be reached.
    async fn ping(&self) -> Result<(), RepoError>;
}

/// Hashes and checks passwords. CPU-heavy by design; adapters run it off the
/// async workers.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// Hashes a password into a PHC string.
    ///
    /// # Errors
    /// [`HashError`] when hashing fails.
    async fn hash(&self, password: String) -> Result<String, HashError>;

    /// Checks a password against a PHC string. With `None` it checks against
    /// a fixed dummy hash and answers `false`, taking the same time, so that
    /// login time does not tell whether an email exists.
    ///
    /// # Errors
    /// [`HashError`] when the stored hash cannot be read.
    async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, HashError>;
}

/// A freshly issued access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The bearer token.
    pub token: String,
    /// Its lifetime in seconds.
    pub expires_in: u64,
}

/// Issues and checks bearer tokens.
#[cfg_attr(any(test, feature = "mock"), automock)]
pub trait TokenService: Send + Sync {
    /// Issues a token for `user`, issued at `now`.
    ///
    /// # Errors
    /// [`TokenError::Invalid`] when the token cannot be signed.
    fn issue(&self, user: UserId, now: DateTime<Utc>) -> Result<IssuedToken, TokenError>;

    /// Checks a token and returns whose it is.
    ///
    /// # Errors
    /// [`TokenError::Expired`] past its expiry, [`TokenError::Invalid`] otherwise.
    fn verify(&self, token: &str) -> Result<UserId, TokenError>;
}

/// Decides whether an account may enhance a resume now.
#[cfg_attr(any(test, feature = "mock"), automock)]
#[async_trait]
pub trait SubscriptionGate: Send + Sync {
    /// Admits or refuses one enhancement by `user` at `now`.
    ///
    /// # Errors
    /// [`GateError::Refused`] with the reason, or [`GateError::Storage`] when
    /// the usage could not be counted.
    async fn admit(&self, user: &User, now: DateTime<Utc>) -> Result<(), GateError>;
}

/// Errors of [`SubscriptionGate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GateError {
    /// The account may not enhance now.
    #[error(transparent)]
    Refused(#[from] GateRefusal),
    /// Usage could not be read.
    #[error(transparent)]
    Storage(#[from] RepoError),
}

/// The current instant.
#[cfg_attr(any(test, feature = "mock"), automock)]
pub trait Clock: Send + Sync {
    /// Now, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::<Utc>::from(std::time::SystemTime::now())
    }
}
