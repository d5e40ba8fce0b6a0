//! The domain of resume-enhancer: the resume model, the ports adapters
//! implement, and the use cases that drive them.
//!
//! This crate depends on no web framework, database, document or network
//! crate; CI checks its dependency tree. Adapters live in their own crates and
//! are wired together by the server binary, so any of them can be swapped in a
//! test.

#![deny(missing_docs)]

pub mod account;
pub mod date;
pub mod document;
pub mod enhancement;
pub mod error;
pub mod ids;
pub mod job;
pub mod ports;
pub mod resume;
pub mod service;
pub mod truth;

pub use account::{NewUser, Role, Subscription, SubscriptionStatus, Tier, User, UserCredentials};
pub use date::ResumeDate;
pub use document::{DocumentFormat, ExtractedDocument, Link};
pub use enhancement::{
    EngineKind, Enhancement, MatchReport, ModelUsage, NewStoredResume, StoredResume,
};
pub use error::{
    DomainError, EnhanceError, ExtractError, GateRefusal, HashError, RepoError, TokenError,
    ValidationError,
};
pub use ids::{Email, JobId, ResumeId, UserId};
pub use job::{Job, JobPage, JobPosting, PageRequest};
pub use resume::{
    Award, BasicInfo, Certification, Education, Experience, Language, Project, Publication,
    ResumeContent, SkillCategory, Skills, Volunteer,
};
