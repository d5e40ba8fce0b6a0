//! The result of tailoring a resume to a job, and its stored form.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{JobId, ResumeId, UserId};
use crate::resume::ResumeContent;

/// Which engine produced an enhancement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngineKind {
    /// The deterministic engine that needs no model.
    Offline,
    /// A language model behind an OpenAI-compatible API.
    Openai,
}

impl EngineKind {
    /// The wire and storage spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::Openai => "openai",
        }
    }
}

/// How well a resume matches a job before and after enhancement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MatchReport {
    /// Weighted share of the job's keywords found in the source resume, 0 to 100.
    pub score_before: f64,
    /// The same share in the enhanced resume, 0 to 100.
    pub score_after: f64,
    /// Job keywords the resume evidences, strongest first.
    pub matched_keywords: Vec<String>,
    /// Job keywords the resume does not evidence, strongest first.
    pub missing_keywords: Vec<String>,
}

/// Tokens and time a model call used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelUsage {
    /// The model that answered.
    pub model: String,
    /// Prompt tokens.
    pub prompt_tokens: u32,
    /// Completion tokens.
    pub completion_tokens: u32,
    /// Wall time of the calls, in milliseconds.
    pub latency_ms: u64,
}

/// What an enhancer returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Enhancement {
    /// The tailored resume.
    pub content: ResumeContent,
    /// Which engine produced it.
    pub engine: EngineKind,
    /// The match before and after.
    pub report: MatchReport,
    /// Things the user should know (a fallback, dropped edits), without personal data.
    pub warnings: Vec<String>,
    /// Model usage, when a model was called.
    pub usage: Option<ModelUsage>,
}

/// An enhanced resume as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResume {
    /// Its id.
    pub id: ResumeId,
    /// Its owner.
    pub user_id: UserId,
    /// The job it was tailored to.
    pub job_id: JobId,
    /// The (possibly edited) content.
    pub content: ResumeContent,
    /// Which engine produced it.
    pub engine: EngineKind,
    /// The match report at enhancement time.
    pub report: MatchReport,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// Incremented on every change.
    pub version: i64,
}

/// What is needed to store a new enhanced resume.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStoredResume {
    /// Its owner.
    pub user_id: UserId,
    /// The job it was tailored to.
    pub job_id: JobId,
    /// The content, item ids assigned.
    pub content: ResumeContent,
    /// Which engine produced it.
    pub engine: EngineKind,
    /// The match report.
    pub report: MatchReport,
    /// Creation instant (also the first `updated_at`).
    pub created_at: DateTime<Utc>,
}
