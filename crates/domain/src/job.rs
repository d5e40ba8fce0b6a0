//! Job postings that resumes are tailored to.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::ids::{JobId, UserId};

/// A stored job posting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// Its id.
    pub id: JobId,
    /// The posting's content.
    #[serde(flatten)]
    pub posting: JobPosting,
    /// Who created it, when known.
    #[serde(skip)]
    pub created_by: Option<UserId>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// The content of a job posting, as clients send it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobPosting {
    /// Job title (required, non-empty).
    pub title: String,
    /// Hiring company.
    #[serde(default)]
    pub company: Option<String>,
    /// Where the job is.
    #[serde(default)]
    pub location: Option<String>,
    /// Free-text description (required, non-empty).
    pub description: String,
    /// Must-have requirements, one per item.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// Nice-to-have qualifications, one per item.
    #[serde(default)]
    pub nice_to_have: Vec<String>,
}

impl JobPosting {
    /// Longest title accepted, in characters.
    pub const MAX_TITLE: usize = 300;
    /// Longest description accepted, in characters.
    pub const MAX_DESCRIPTION: usize = 50_000;
    /// Most requirement or nice-to-have items accepted.
    pub const MAX_ITEMS: usize = 200;

    /// Checks the required fields and the size limits.
    ///
    /// # Errors
    /// [`ValidationError`] naming the first offending field.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.title.trim().is_empty() {
            return Err(ValidationError::new("title", "is required"));
        }
        if self.title.chars().count() > Self::MAX_TITLE {
            return Err(ValidationError::new("title", "is too long"));
        }
        if self.description.trim().is_empty() {
            return Err(ValidationError::new("description", "is required"));
        }
        if self.description.chars().count() > Self::MAX_DESCRIPTION {
            return Err(ValidationError::new("description", "is too long"));
        }
        if self.requirements.len() > Self::MAX_ITEMS {
            return Err(ValidationError::new("requirements", "has too many items"));
        }
        if self.nice_to_have.len() > Self::MAX_ITEMS {
            return Err(ValidationError::new("nice_to_have", "has too many items"));
        }
        Ok(())
    }
}

/// One page of job postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPage {
    /// How many jobs exist in all.
    pub count: u64,
    /// The jobs on this page, oldest first.
    pub results: Vec<Job>,
}

/// Which page of a listing to return (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based page number.
    pub page: u32,
    /// Items per page, 1 to [`PageRequest::MAX_SIZE`].
    pub page_size: u32,
}

impl PageRequest {
    /// Largest page size accepted.
    pub const MAX_SIZE: u32 = 100;

    /// Validates a page request.
    ///
    /// # Errors
    /// [`ValidationError`] naming `page` or `page_size`.
    pub fn new(page: u32, page_size: u32) -> Result<Self, ValidationError> {
        if page == 0 {
            return Err(ValidationError::new("page", "must be 1 or more"));
        }
        if page_size == 0 || page_size > Self::MAX_SIZE {
            return Err(ValidationError::new(
                "page_size",
                "must be between 1 and 100",
            ));
        }
        Ok(Self { page, page_size })
    }

    /// Rows to skip.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.page_size)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: 20,
        }
    }
}
