//! The use cases, written against the ports only.

mod accounts;
pub mod edit;
mod enhance;
mod gate;
mod jobs;
mod resumes;

use std::sync::Arc;

pub use accounts::{
    AccountService, NewAccount, Registration, Session, MAX_NAME_CHARS, MAX_PASSWORD_CHARS,
    MIN_PASSWORD_CHARS,
};
pub use edit::{EditMode, ItemRules, Section};
pub use enhance::{Admission, EnhancementOutcome, EnhancementService, Tailor, Tailored};
pub use gate::{QuotaGate, Quotas};
pub use jobs::JobService;
pub use resumes::ResumeService;

use crate::ports::Readiness;

/// Every use case, as the web layer needs them.
#[derive(Clone)]
pub struct Services {
    /// Accounts and tokens.
    pub accounts: Arc<AccountService>,
    /// Job postings.
    pub jobs: Arc<JobService>,
    /// The enhancement flow.
    pub enhancements: Arc<EnhancementService>,
    /// Reading and editing stored resumes.
    pub resumes: Arc<ResumeService>,
    /// Whether the store can serve.
    pub readiness: Arc<dyn Readiness>,
}
