//! Errors: one enum per port, and [`DomainError`] for the use cases.
//!
//! Adapters translate their own failures into the port's enum before they
//! leave the adapter (a unique violation becomes [`RepoError::Conflict`]).
//! The web layer maps [`DomainError`] to HTTP in one place.

use thiserror::Error;

/// An input value that breaks a rule, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// Dotted path of the offending field (`experiences[0].start_date`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl ValidationError {
    /// Builds an error for `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same error with `prefix` put before the field path.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = if self.field.is_empty() {
            prefix.to_owned()
        } else if self.field.starts_with('[') {
            format!("{prefix}{}", self.field)
        } else {
            format!("{prefix}.{}", self.field)
        };
        self
    }
}

/// Failures of the repositories.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RepoError {
    /// The row does not exist (or belongs to someone else).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken; the text names what clashed.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database could not be reached or timed out.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// An edit run inside an update refused the stored content.
    #[error(transparent)]
    Rejected(ValidationError),
    /// Anything else; the text is for logs, never for clients.
    #[error("storage failure: {0}")]
    Internal(String),
}

/// Why a file's text could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExtractError {
    /// The upload has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The bytes are none of the supported formats.
    #[error("unsupported file format: {0}")]
    UnsupportedFormat(String),
    /// The document is password-protected.
    #[error("the document is encrypted with a password; upload an unprotected copy")]
    Encrypted,
    /// A PDF with no text layer, such as a scan.
    #[error("the PDF has no text layer (it looks like a scanned image); upload a PDF with selectable text")]
    NoTextLayer,
    /// The file is damaged; the text says where.
    #[error("the file is damaged: {0}")]
    Corrupt(String),
    /// A configured limit was reached.
    #[error("the document exceeds the limit on {limit}: {detail}")]
    LimitExceeded {
        /// Which limit (`pages`, `zip entries`, ...).
        limit: &'static str,
        /// The limit and what was found.
        detail: String,
    },
    /// Extraction took longer than the time budget.
    #[error("extraction took longer than {0} ms")]
    Timeout(u64),
    /// The document holds no text at all.
    #[error("no text could be extracted from the document")]
    NoText,
}

/// Why an enhancer could not produce a result.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EnhanceError {
    /// The model could not be used now; retrying later may work.
    #[error("the enhancement model is unavailable: {reason}")]
    Unavailable {
        /// What happened, without personal data.
        reason: String,
        /// Seconds after which a retry may work.
        retry_after_secs: Option<u64>,
    },
    /// Anything else; for logs only.
    #[error("enhancement failed: {0}")]
    Internal(String),
}

/// A password could not be hashed or checked (a broken stored hash, a
/// failed worker); for logs only.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(pub String);

/// Why a bearer token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TokenError {
    /// Malformed, wrongly signed or using another algorithm.
    #[error("the token is invalid")]
    Invalid,
    /// Past its expiry.
    #[error("the token has expired")]
    Expired,
}

/// Why the subscription gate refused an enhancement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum GateRefusal {
    /// The account is on the free tier.
    #[error(
        "an active Standard or Premium subscription is required; this account has no subscription"
    )]
    NoSubscription,
    /// The paid subscription has expired.
    #[error("the subscription has expired; renew it to enhance resumes")]
    Expired,
    /// The tier does not include enhancement.
    #[error("the current subscription tier does not include resume enhancement")]
    TierExcludesFeature,
    /// The rolling 24-hour quota is used up.
    #[error("the enhancement quota of {limit} per 24 hours is used up")]
    QuotaExceeded {
        /// The quota of the tier.
        limit: u32,
        /// Seconds until the oldest counted enhancement leaves the window.
        retry_after_secs: u64,
    },
}

/// Errors of the use cases, each meaning one kind of answer to the caller.
#[derive(Debug, Error)]
pub enum DomainError {
    /// Invalid input.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// No valid credentials.
    #[error("{0}")]
    Unauthenticated(String),
    /// Authenticated, but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// The thing does not exist for this caller; names what it is.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A uniqueness rule was broken.
    #[error("{0}")]
    Conflict(String),
    /// The subscription gate refused.
    #[error(transparent)]
    Subscription(#[from] GateRefusal),
    /// The upload could not be read.
    #[error(transparent)]
    Extraction(#[from] ExtractError),
    /// The enhancer failed.
    #[error(transparent)]
    Enhancement(#[from] EnhanceError),
    /// The store failed.
    #[error(transparent)]
    Storage(RepoError),
    /// Passwords could not be hashed or checked.
    #[error(transparent)]
    Hashing(#[from] HashError),
    /// A failure inside an adapter that the caller cannot act on.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<RepoError> for DomainError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::Conflict(what) => Self::Conflict(what),
            RepoError::Rejected(invalid) => Self::Validation(invalid),
            other => Self::Storage(other),
        }
    }
}

impl From<crate::ports::GateError> for DomainError {
    fn from(err: crate::ports::GateError) -> Self {
        match err {
            crate::ports::GateError::Refused(refusal) => Self::Subscription(refusal),
            crate::ports::GateError::Storage(repo) => repo.into(),
        }
    }
}
