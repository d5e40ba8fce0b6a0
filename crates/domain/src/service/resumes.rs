//! Reading and editing stored resumes, always scoped to their owner.

use std::sync::Arc;

use serde_json::Value;

use crate::account::User;
use crate::enhancement::StoredResume;
use crate::error::DomainError;
use crate::ids::{JobId, ResumeId, UserId};
use crate::ports::{Clock, ResumeEdit, ResumeRepo, SkillTaxonomy};
use crate::service::accounts::not_found;
use crate::service::edit::{self, EditMode, Section};

/// Stored resumes for their owners.
pub struct ResumeService {
    resumes: Arc<dyn ResumeRepo>,
    taxonomy: Arc<dyn SkillTaxonomy>,
    clock: Arc<dyn Clock>,
}

impl ResumeService {
    /// Builds the service from its ports.
    pub fn new(
        resumes: Arc<dyn ResumeRepo>,
        taxonomy: Arc<dyn SkillTaxonomy>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            resumes,
            taxonomy,
            clock,
        }
    }

    /// One of `owner`'s resumes.
    ///
    /// # Errors
    /// [`DomainError::NotFound`] when it does not exist or is someone else's.
    pub async fn get(&self, owner: &User, id: ResumeId) -> Result<StoredResume, DomainError> {
        self.resumes
            .get(owner.id, id)
            .await
            .map_err(not_found("enhanced resume"))
    }

    /// Every resume of `owner`, newest first.
    ///
    /// # Errors
    /// [`DomainError::Storage`] when the store fails.
    pub async fn history(&self, owner: &User) -> Result<Vec<StoredResume>, DomainError> {
        Ok(self.resumes.list(owner.id).await?)
    }

    /// The newest resume of `user` for `job`; `caller` must be `user`.
    ///
    /// # Errors
    /// [`DomainError::Forbidden`] when `user` is not the caller,
    /// [`DomainError::NotFound`] when there is none.
    pub async fn for_job(
        &self,
        caller: &User,
        user: UserId,
        job: JobId,
    ) -> Result<StoredResume, DomainError> {
        if caller.id != user {
            return Err(DomainError::Forbidden(
                "access denied: the user id is not yours".into(),
            ));
        }
        self.resumes
            .latest_for_job(user, job)
            .await
            .map_err(not_found("enhanced resume"))
    }

    /// The resume a section request acts on: the one named, or the newest.
    ///
    /// # Errors
    /// [`DomainError::NotFound`] when there is none.
    pub async fn resolve(
        &self,
        owner: &User,
        id: Option<ResumeId>,
    ) -> Result<StoredResume, DomainError> {
        match id {
            Some(id) => self.get(owner, id).await,
            None => self
                .resumes
                .latest(owner.id)
                .await
                .map_err(not_found("enhanced resume")),
        }
    }

    /// Edits a whole resume (PUT replaces it, PATCH merges into it).
    ///
    /// # Errors
    /// [`DomainError::NotFound`], or [`DomainError::Validation`] naming the
    /// field, in which case nothing is written.
    pub async fn update_resume(
        &self,
        owner: &User,
        id: ResumeId,
        mode: EditMode,
        body: Value,
    ) -> Result<StoredResume, DomainError> {
        let taxonomy = Arc::clone(&self.taxonomy);
        let edit: ResumeEdit =
            Box::new(move |content| edit::apply_resume(content, mode, &body, taxonomy.as_ref()));
        self.write(owner, id, edit).await
    }

    /// Edits one section of the named or newest resume.
    ///
    /// # Errors
    /// As [`ResumeService::update_resume`].
    pub async fn update_section(
        &self,
        owner: &User,
        id: Option<ResumeId>,
        section: Section,
        mode: EditMode,
        body: Value,
    ) -> Result<StoredResume, DomainError> {
        let id = self.resolve(owner, id).await?.id;
        let taxonomy = Arc::clone(&self.taxonomy);
        let edit: ResumeEdit = Box::new(move |content| {
            edit::apply_section(content, section, mode, &body, taxonomy.as_ref())
        });
        self.write(owner, id, edit).await
    }

    async fn write(
        &self,
        owner: &User,
        id: ResumeId,
        edit: ResumeEdit,
    ) -> Result<StoredResume, DomainError> {
        let now = self.clock.now();
        self.resumes
            .update(owner.id, id, edit, now)
            .await
            .map_err(not_found("enhanced resume"))
    }
}
