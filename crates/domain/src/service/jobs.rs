//! Job postings.

use std::sync::Arc;

use crate::account::User;
use crate::error::DomainError;
use crate::ids::JobId;
use crate::job::{Job, JobPage, JobPosting, PageRequest};
use crate::ports::{Clock, JobRepo};
use crate::service::accounts::not_found;

/// Creates and lists job postings.
pub struct JobService {
    jobs: Arc<dyn JobRepo>,
    clock: Arc<dyn Clock>,
}

impl JobService {
    /// Builds the service from its ports.
    pub fn new(jobs: Arc<dyn JobRepo>, clock: Arc<dyn Clock>) -> Self {
        Self { jobs, clock }
    }

    /// Creates a posting on behalf of `actor`, who must be an employer or admin.
    ///
    /// # Errors
    /// [`DomainError::Forbidden`] for a plain user, [`DomainError::Validation`]
    /// for a posting without title or description.
    pub async fn create(&self, actor: &User, posting: JobPosting) -> Result<Job, DomainError> {
        if !actor.role.may_post_jobs() {
            return Err(DomainError::Forbidden(
                "only employers and administrators may post jobs".into(),
            ));
        }
        self.create_trusted(posting, Some(actor)).await
    }

    /// Creates a posting without a role check (operators on the command line).
    ///
    /// # Errors
    /// [`DomainError::Validation`] for an invalid posting.
    pub async fn create_trusted(
        &self,
        posting: JobPosting,
        actor: Option<&User>,
    ) -> Result<Job, DomainError> {
        posting.validate()?;
        let created_by = actor.map(|user| user.id);
        Ok(self
            .jobs
            .create(posting, created_by, self.clock.now())
            .await?)
    }

    /// One page of postings.
    ///
    /// # Errors
    /// [`DomainError::Storage`] when the store fails.
    pub async fn list(&self, page: PageRequest) -> Result<JobPage, DomainError> {
        Ok(self.jobs.list(page).await?)
    }

    /// One posting.
    ///
    /// # Errors
    /// [`DomainError::NotFound`] when there is none.
    pub async fn get(&self, id: JobId) -> Result<Job, DomainError> {
        self.jobs.get(id).await.map_err(not_found("job"))
    }
}
