//! Rows as stored, and their conversion to and from the domain types.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use resume_domain::{
    EngineKind, Job, JobId, JobPosting, MatchReport, NewStoredResume, NewUser, RepoError,
    ResumeContent, ResumeId, Role, StoredResume, Subscription, Tier, User, UserId,
};
use serde::{de::DeserializeOwned, Serialize};

use crate::error::{unreadable, unwritable};
use crate::json::JsonDoc;
use crate::schema::{enhanced_resumes, jobs, users};

/// The stored form of an instant: UTC wall time cut to microseconds, the
/// precision both backends keep, so a value reads back exactly as written.
pub(crate) fn to_db_time(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.trunc_subsecs(6).naive_utc()
}

/// An instant read back from the database.
pub(crate) fn from_db_time(stored: NaiveDateTime) -> DateTime<Utc> {
    stored.and_utc()
}

fn to_json<T: Serialize>(what: &str, value: &T) -> Result<JsonDoc, RepoError> {
    serde_json::to_string(value)
        .map(JsonDoc)
        .map_err(|err| unwritable(what, &err))
}

fn from_json<T: DeserializeOwned>(what: &str, doc: &JsonDoc) -> Result<T, RepoError> {
    serde_json::from_str(&doc.0).map_err(|err| unreadable(what, &err))
}

fn corrupt(what: &str) -> RepoError {
    RepoError::Internal(format!("stored {what} is not a known value"))
}

/// A row of `users`.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = users)]
pub(crate) struct UserRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub full_name: String,
    pub role: String,
    pub tier: String,
    pub expires_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl UserRow {
    /// The account, without its password hash.
    pub(crate) fn into_user(self) -> Result<User, RepoError> {
        Ok(self.into_credentials()?.0)
    }

    /// The account and its password hash.
    pub(crate) fn into_credentials(self) -> Result<(User, String), RepoError> {
        let email =
            resume_domain::Email::parse(&self.email).map_err(|_| corrupt("account email"))?;
        let role: Role = self.role.parse().map_err(|_| corrupt("account role"))?;
        let tier: Tier = self
            .tier
            .parse()
            .map_err(|_| corrupt("subscription tier"))?;
        let user = User {
            id: UserId::new(self.id),
            email,
            full_name: self.full_name,
            role,
            subscription: Subscription {
                tier,
                expires_at: self.expires_at.map(from_db_time),
            },
            created_at: from_db_time(self.created_at),
        };
        Ok((user, self.password_hash))
    }
}

/// A new row of `users`.
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub(crate) struct NewUserRow<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub full_name: &'a str,
    pub role: &'static str,
    pub tier: &'static str,
    pub expires_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl<'a> NewUserRow<'a> {
    pub(crate) fn new(user: &'a NewUser, now: DateTime<Utc>) -> Self {
        Self {
            email: user.email.as_str(),
            password_hash: &user.password_hash,
            full_name: &user.full_name,
            role: user.role.as_str(),
            tier: user.subscription.tier.as_str(),
            expires_at: user.subscription.expires_at.map(to_db_time),
            created_at: to_db_time(now),
        }
    }
}

/// A row of `jobs`.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub(crate) struct JobRow {
    pub id: i64,
    pub title: String,
    pub company: Option<String>,
    pub location: Option<String>,
    pub description: String,
    pub requirements: JsonDoc,
    pub nice_to_have: JsonDoc,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl JobRow {
    pub(crate) fn into_job(self) -> Result<Job, RepoError> {
        let posting = JobPosting {
            title: self.title,
            company: self.company,
            location: self.location,
            description: self.description,
            requirements: from_json("job requirements", &self.requirements)?,
            nice_to_have: from_json("job nice-to-haves", &self.nice_to_have)?,
        };
        Ok(Job {
            id: JobId::new(self.id),
            posting,
            created_by: self.created_by.map(UserId::new),
            created_at: from_db_time(self.created_at),
        })
    }
}

/// A new row of `jobs`.
#[derive(Debug, Insertable)]
#[diesel(table_name = jobs)]
pub(crate) struct NewJobRow {
    pub title: String,
    pub company: Option<String>,
    pub location: Option<String>,
    pub description: String,
    pub requirements: JsonDoc,
    pub nice_to_have: JsonDoc,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl NewJobRow {
    pub(crate) fn new(
        posting: JobPosting,
        created_by: Option<UserId>,
        now: DateTime<Utc>,
    ) -> Result<Self, RepoError> {
        Ok(Self {
            requirements: to_json("job requirements", &posting.requirements)?,
            nice_to_have: to_json("job nice-to-haves", &posting.nice_to_have)?,
            title: posting.title,
            company: posting.company,
            location: posting.location,
            description: posting.description,
            created_by: created_by.map(UserId::get),
            created_at: to_db_time(now),
        })
    }
}

/// A row of `enhanced_resumes`.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = enhanced_resumes)]
pub(crate) struct ResumeRow {
    pub id: i64,
    pub user_id: i64,
    pub job_id: i64,
    pub content: JsonDoc,
    pub engine: String,
    pub match_report: JsonDoc,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl ResumeRow {
    pub(crate) fn into_resume(self) -> Result<StoredResume, RepoError> {
        Ok(StoredResume {
            id: ResumeId::new(self.id),
            user_id: UserId::new(self.user_id),
            job_id: JobId::new(self.job_id),
            content: from_json::<ResumeContent>("resume content", &self.content)?,
            engine: parse_engine(&self.engine)?,
            report: from_json::<MatchReport>("match report", &self.match_report)?,
            created_at: from_db_time(self.created_at),
            updated_at: from_db_time(self.updated_at),
            version: self.version,
        })
    }
}

fn parse_engine(stored: &str) -> Result<EngineKind, RepoError> {
    [EngineKind::Offline, EngineKind::Openai]
        .into_iter()
        .find(|engine| engine.as_str() == stored)
        .ok_or_else(|| corrupt("engine"))
}

/// A new row of `enhanced_resumes` (version 1).
#[derive(Debug, Insertable)]
#[diesel(table_name = enhanced_resumes)]
pub(crate) struct NewResumeRow {
    pub user_id: i64,
    pub job_id: i64,
    pub content: JsonDoc,
    pub engine: &'static str,
    pub match_report: JsonDoc,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl NewResumeRow {
    pub(crate) fn new(new: &NewStoredResume) -> Result<Self, RepoError> {
        let created_at = to_db_time(new.created_at);
        Ok(Self {
            user_id: new.user_id.get(),
            job_id: new.job_id.get(),
            content: to_json("resume content", &new.content)?,
            engine: new.engine.as_str(),
            match_report: to_json("match report", &new.report)?,
            created_at,
            updated_at: created_at,
            version: 1,
        })
    }
}

/// The columns an edit changes.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = enhanced_resumes)]
pub(crate) struct ResumeEditRow {
    pub content: JsonDoc,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl ResumeEditRow {
    pub(crate) fn of(resume: &StoredResume) -> Result<Self, RepoError> {
        Ok(Self {
            content: to_json("resume content", &resume.content)?,
            updated_at: to_db_time(resume.updated_at),
            version: resume.version,
        })
    }
}
