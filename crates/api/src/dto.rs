//! The JSON shapes of requests and responses, with their OpenAPI schemas.
//!
//! The domain types know nothing of OpenAPI, so every shape the API shows is
//! a struct here, built from the domain value it presents. Timestamps are
//! RFC 3339 in UTC with microseconds and a `Z`; skills are always the
//! categorised object; dates inside sections are `YYYY-MM`, `YYYY` or
//! `Present` as stored.

use chrono::{DateTime, SecondsFormat, Utc};
use resume_domain::{
    Award, BasicInfo, Certification, Education, Experience, Job, JobPage, Language, MatchReport,
    Project, Publication, ResumeDate, Skills, StoredResume, Subscription, SubscriptionStatus, Tier,
    User, Volunteer,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Formats an instant as the API writes every timestamp.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn date(value: &Option<ResumeDate>) -> Option<String> {
    value.as_ref().map(ToString::to_string)
}

/// A subscription and whether it is in force now.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"tier": "standard", "status": "active",
    "expires_at": "2027-01-01T00:00:00.000000Z"}))]
pub struct SubscriptionDto {
    /// `free`, `standard` or `premium`.
    #[schema(example = "standard")]
    pub tier: &'static str,
    /// `active`, `expired`, or `none` for the free tier.
    #[schema(example = "active")]
    pub status: &'static str,
    /// When the plan stops; `null` for no expiry and for the free tier.
    #[schema(format = DateTime)]
    pub expires_at: Option<String>,
}

impl SubscriptionDto {
    /// Presents a subscription with its status.
    pub fn new(subscription: Subscription, status: SubscriptionStatus) -> Self {
        let status = match status {
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::Expired => "expired",
            SubscriptionStatus::None => "none",
        };
        let expires_at = match subscription.tier {
            Tier::Free => None,
            _ => subscription.expires_at.map(timestamp),
        };
        Self {
            tier: subscription.tier.as_str(),
            status,
            expires_at,
        }
    }
}

/// An account.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": 789, "email": "ada@example.com", "full_name": "Ada Lovelace",
    "role": "user", "subscription": {"tier": "free", "status": "none", "expires_at": null}}))]
pub struct UserDto {
    /// Account id.
    pub id: i64,
    /// Normalised (lower-case) email.
    pub email: String,
    /// Display name.
    pub full_name: String,
    /// `user`, `employer` or `admin`.
    pub role: &'static str,
    /// The plan.
    pub subscription: SubscriptionDto,
}

impl UserDto {
    /// Presents `user`, whose subscription has `status` now.
    pub fn new(user: &User, status: SubscriptionStatus) -> Self {
        Self {
            id: user.id.get(),
            email: user.email.to_string(),
            full_name: user.full_name.clone(),
            role: user.role.as_str(),
            subscription: SubscriptionDto::new(user.subscription, status),
        }
    }
}

/// `POST /api/auth/register/` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse battery",
    "full_name": "Ada Lovelace"}))]
pub struct RegisterRequest {
    /// A valid email; compared case-insensitively.
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// 8 to 256 characters.
    #[schema(min_length = 8, max_length = 256)]
    pub password: String,
    /// Display name, at most 200 characters, no control characters.
    #[schema(max_length = 200, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$")]
    pub full_name: String,
}

/// `POST /api/auth/login/` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse battery"}))]
pub struct LoginRequest {
    /// The account's email.
    pub email: String,
    /// Its password.
    pub password: String,
}

/// A successful login.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// The bearer token for the `Authorization` header.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Lifetime of the token in seconds.
    #[schema(example = 3600)]
    pub expires_in: u64,
    /// The signed-in account.
    pub user: UserDto,
}

/// `PUT /api/admin/users/{id}/subscription/` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"tier": "premium", "expires_at": "2027-01-01T00:00:00Z"}))]
pub struct SetSubscriptionRequest {
    /// `free`, `standard` or `premium`.
    #[schema(value_type = TierName)]
    pub tier: String,
    /// RFC 3339 instant the plan ends, or `null` for no expiry.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// The plan names, for the description of request bodies.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[expect(dead_code, reason = "describes request bodies for OpenAPI only")]
pub(crate) enum TierName {
    Free,
    Standard,
    Premium,
}

/// A job posting as clients send it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Senior Rust Engineer", "company": "Acme",
    "location": "Remote", "description": "Build resilient services in Rust.",
    "requirements": ["Rust", "PostgreSQL"], "nice_to_have": ["Kubernetes"]}))]
pub struct JobPostingRequest {
    /// Required, at most 300 characters, not only white space.
    #[schema(
        max_length = 300,
        pattern = "[^\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
    )]
    pub title: String,
    /// Hiring company.
    #[serde(default)]
    pub company: Option<String>,
    /// Where the job is.
    #[serde(default)]
    pub location: Option<String>,
    /// Required, at most 50 000 characters, not only white space.
    #[schema(
        max_length = 50000,
        pattern = "[^\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
    )]
    pub description: String,
    /// Must-have requirements, one per item (at most 200).
    #[serde(default)]
    #[schema(max_items = 200)]
    pub requirements: Vec<String>,
    /// Nice-to-have qualifications, one per item (at most 200).
    #[serde(default)]
    #[schema(max_items = 200)]
    pub nice_to_have: Vec<String>,
}

impl From<JobPostingRequest> for resume_domain::JobPosting {
    fn from(req: JobPostingRequest) -> Self {
        Self {
            title: req.title,
            company: req.company,
            location: req.location,
            description: req.description,
            requirements: req.requirements,
            nice_to_have: req.nice_to_have,
        }
    }
}

/// A stored job posting.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": 123, "title": "Senior Rust Engineer", "company": "Acme",
    "location": "Remote", "description": "Build resilient services in Rust.",
    "requirements": ["Rust", "PostgreSQL"], "nice_to_have": ["Kubernetes"],
    "created_at": "2025-09-24T00:18:20.987654Z"}))]
pub struct JobDto {
    /// Job id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Hiring company.
    pub company: Option<String>,
    /// Where the job is.
    pub location: Option<String>,
    /// Description.
    pub description: String,
    /// Must-have requirements.
    pub requirements: Vec<String>,
    /// Nice-to-have qualifications.
    pub nice_to_have: Vec<String>,
    /// When it was posted.
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<&Job> for JobDto {
    fn from(job: &Job) -> Self {
        let posting = &job.posting;
        Self {
            id: job.id.get(),
            title: posting.title.clone(),
            company: posting.company.clone(),
            location: posting.location.clone(),
            description: posting.description.clone(),
            requirements: posting.requirements.clone(),
            nice_to_have: posting.nice_to_have.clone(),
            created_at: timestamp(job.created_at),
        }
    }
}

/// One page of jobs.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobPageDto {
    /// How many jobs exist in all.
    pub count: u64,
    /// The jobs of this page, oldest first.
    pub results: Vec<JobDto>,
}

impl From<&JobPage> for JobPageDto {
    fn from(page: &JobPage) -> Self {
        Self {
            count: page.count,
            results: page.results.iter().map(JobDto::from).collect(),
        }
    }
}

/// Skills, always in three categories.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"technical": ["Python", "AWS"],
    "soft_skills": ["Leadership"], "tools": ["Docker", "Git"]}))]
pub struct SkillsDto {
    /// Languages, frameworks, methods, domain knowledge.
    pub technical: Vec<String>,
    /// Interpersonal and organisational skills.
    pub soft_skills: Vec<String>,
    /// Products and instruments.
    pub tools: Vec<String>,
}

impl From<&Skills> for SkillsDto {
    fn from(skills: &Skills) -> Self {
        Self {
            technical: skills.technical.clone(),
            soft_skills: skills.soft_skills.clone(),
            tools: skills.tools.clone(),
        }
    }
}

/// Contact details and summary.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"full_name": "John Doe", "email": "john.doe@email.com",
    "phone": "+1-555-0123", "linkedin": "https://linkedin.com/in/johndoe",
    "location": "New York, NY", "summary": "Backend engineer..."}))]
pub struct BasicInfoDto {
    /// Name.
    pub full_name: Option<String>,
    /// Email as written in the resume.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// LinkedIn URL.
    pub linkedin: Option<String>,
    /// The candidate's location.
    pub location: Option<String>,
    /// Professional summary.
    pub summary: Option<String>,
}

impl From<&BasicInfo> for BasicInfoDto {
    fn from(basic: &BasicInfo) -> Self {
        Self {
            full_name: basic.full_name.clone(),
            email: basic.email.clone(),
            phone: basic.phone.clone(),
            linkedin: basic.linkedin.clone(),
            location: basic.location.clone(),
            summary: basic.summary.clone(),
        }
    }
}

/// A job held.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": 1, "company": "Tech Corp",
    "position": "Senior Software Engineer", "period": "Jan 2020 - Present",
    "start_date": "2020-01", "end_date": "Present", "description": "Led the team...",
    "location": "San Francisco, CA", "is_current": true}))]
pub struct ExperienceDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// Employer.
    pub company: String,
    /// Job title.
    pub position: String,
    /// Human form of the dates, such as `Jan 2020 - Present`.
    #[schema(read_only)]
    pub period: String,
    /// `YYYY-MM`, `YYYY` or `Present`.
    pub start_date: Option<String>,
    /// `YYYY-MM`, `YYYY` or `Present`.
    pub end_date: Option<String>,
    /// One bullet or sentence per line.
    pub description: String,
    /// City or region.
    pub location: Option<String>,
    /// Whether the job is still held (`end_date` is `Present`).
    #[schema(read_only)]
    pub is_current: bool,
}

fn period(start: &Option<ResumeDate>, end: &Option<ResumeDate>) -> String {
    match (start, end) {
        (Some(start), Some(end)) => format!("{} - {}", start.human(), end.human()),
        (Some(start), None) => start.human(),
        (None, Some(end)) => end.human(),
        (None, None) => String::new(),
    }
}

impl From<&Experience> for ExperienceDto {
    fn from(item: &Experience) -> Self {
        Self {
            id: item.id,
            company: item.company.clone(),
            position: item.position.clone(),
            period: period(&item.start_date, &item.end_date),
            start_date: date(&item.start_date),
            end_date: date(&item.end_date),
            description: item.description.clone(),
            location: item.location.clone(),
            is_current: item.is_current(),
        }
    }
}

/// A degree or diploma.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EducationDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// School or university.
    pub institution: String,
    /// Degree.
    pub degree: Option<String>,
    /// Field of study.
    pub field_of_study: Option<String>,
    /// Completion year.
    pub graduation_year: Option<i32>,
    /// Where the school is.
    pub location: Option<String>,
    /// Grade point average as written.
    pub gpa: Option<String>,
}

impl From<&Education> for EducationDto {
    fn from(item: &Education) -> Self {
        Self {
            id: item.id,
            institution: item.institution.clone(),
            degree: item.degree.clone(),
            field_of_study: item.field_of_study.clone(),
            graduation_year: item.graduation_year,
            location: item.location.clone(),
            gpa: item.gpa.clone(),
        }
    }
}

/// A certification or licence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CertificationDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// Name.
    pub name: String,
    /// Issuing body.
    pub issuer: Option<String>,
    /// `YYYY-MM` or `YYYY`.
    pub issue_date: Option<String>,
    /// `YYYY-MM` or `YYYY`.
    pub expiration_date: Option<String>,
    /// Credential number.
    pub credential_id: Option<String>,
}

impl From<&Certification> for CertificationDto {
    fn from(item: &Certification) -> Self {
        Self {
            id: item.id,
            name: item.name.clone(),
            issuer: item.issuer.clone(),
            issue_date: date(&item.issue_date),
            expiration_date: date(&item.expiration_date),
            credential_id: item.credential_id.clone(),
        }
    }
}

/// A project.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// Name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Technologies used.
    pub technologies: Vec<String>,
    /// `YYYY-MM`, `YYYY` or `Present`.
    pub start_date: Option<String>,
    /// `YYYY-MM`, `YYYY` or `Present`.
    pub end_date: Option<String>,
    /// Where it can be seen.
    pub url: Option<String>,
}

impl From<&Project> for ProjectDto {
    fn from(item: &Project) -> Self {
        Self {
            id: item.id,
            name: item.name.clone(),
            description: item.description.clone(),
            technologies: item.technologies.clone(),
            start_date: date(&item.start_date),
            end_date: date(&item.end_date),
            url: item.url.clone(),
        }
    }
}

/// A spoken language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LanguageDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// Language name.
    pub name: String,
    /// Proficiency as written.
    pub proficiency: Option<String>,
}

impl From<&Language> for LanguageDto {
    fn from(item: &Language) -> Self {
        Self {
            id: item.id,
            name: item.name.clone(),
            proficiency: item.proficiency.clone(),
        }
    }
}

/// An award.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwardDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// Award name.
    pub title: String,
    /// Who gave it.
    pub issuer: Option<String>,
    /// `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// What it was for.
    pub description: Option<String>,
}

impl From<&Award> for AwardDto {
    fn from(item: &Award) -> Self {
        Self {
            id: item.id,
            title: item.title.clone(),
            issuer: item.issuer.clone(),
            date: date(&item.date),
            description: item.description.clone(),
        }
    }
}

/// A publication.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicationDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// Title.
    pub title: String,
    /// Journal, conference or publisher.
    pub publisher: Option<String>,
    /// `YYYY-MM` or `YYYY`.
    pub publication_date: Option<String>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Authors in order.
    pub authors: Vec<String>,
}

impl From<&Publication> for PublicationDto {
    fn from(item: &Publication) -> Self {
        Self {
            id: item.id,
            title: item.title.clone(),
            publisher: item.publisher.clone(),
            publication_date: date(&item.publication_date),
            url: item.url.clone(),
            authors: item.authors.clone(),
        }
    }
}

/// Unpaid work.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VolunteerDto {
    /// Item id within the section; send it back in a PATCH to edit this item.
    #[schema(read_only)]
    pub id: u32,
    /// Organisation.
    pub organization: String,
    /// Role held.
    pub role: Option<String>,
    /// `YYYY-MM`, `YYYY` or `Present`.
    pub start_date: Option<String>,
    /// `YYYY-MM`, `YYYY` or `Present`.
    pub end_date: Option<String>,
    /// What was done.
    pub description: Option<String>,
}

impl From<&Volunteer> for VolunteerDto {
    fn from(item: &Volunteer) -> Self {
        Self {
            id: item.id,
            organization: item.organization.clone(),
            role: item.role.clone(),
            start_date: date(&item.start_date),
            end_date: date(&item.end_date),
            description: item.description.clone(),
        }
    }
}

fn all<'a, T: 'a, D: From<&'a T>>(items: &'a [T]) -> Vec<D> {
    items.iter().map(D::from).collect()
}

/// An enhanced resume as stored, with every section.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResumeDto {
    /// Enhanced resume id.
    #[schema(example = 456, read_only)]
    pub id: i64,
    /// Owner's user id.
    #[schema(example = 789, read_only)]
    pub user: i64,
    /// Id of the job it was tailored to.
    #[schema(example = 123, read_only)]
    pub job: i64,
    /// Contact details and summary, at the top level of the object.
    #[serde(flatten)]
    pub basic: BasicInfoDto,
    /// Categorised skills.
    pub skills: SkillsDto,
    /// Work experience.
    pub experience: Vec<ExperienceDto>,
    /// Education.
    pub education: Vec<EducationDto>,
    /// Certifications.
    pub certifications: Vec<CertificationDto>,
    /// Projects.
    pub projects: Vec<ProjectDto>,
    /// Languages.
    pub languages: Vec<LanguageDto>,
    /// Awards.
    pub awards: Vec<AwardDto>,
    /// Publications.
    pub publications: Vec<PublicationDto>,
    /// Volunteer work.
    pub volunteer_experience: Vec<VolunteerDto>,
    /// Interests.
    pub interests: Vec<String>,
    /// `offline` or `openai`: which engine produced it.
    #[schema(example = "offline", read_only)]
    pub engine: &'static str,
    /// When it was created.
    #[schema(format = DateTime, read_only)]
    pub created_at: String,
    /// When it was last changed.
    #[schema(format = DateTime, read_only)]
    pub updated_at: String,
}

impl From<&StoredResume> for ResumeDto {
    fn from(resume: &StoredResume) -> Self {
        let content = &resume.content;
        Self {
            id: resume.id.get(),
            user: resume.user_id.get(),
            job: resume.job_id.get(),
            basic: BasicInfoDto::from(&content.basic),
            skills: SkillsDto::from(&content.skills),
            experience: all(&content.experience),
            education: all(&content.education),
            certifications: all(&content.certifications),
            projects: all(&content.projects),
            languages: all(&content.languages),
            awards: all(&content.awards),
            publications: all(&content.publications),
            volunteer_experience: all(&content.volunteer_experience),
            interests: content.interests.clone(),
            engine: resume.engine.as_str(),
            created_at: timestamp(resume.created_at),
            updated_at: timestamp(resume.updated_at),
        }
    }
}

/// How well the resume matches the job, before and after.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchDto {
    /// Weighted share of job keywords found in the uploaded resume, 0 to 100.
    pub score_before: f64,
    /// The same share in the enhanced resume, 0 to 100.
    pub score_after: f64,
    /// Job keywords the resume evidences.
    pub matched_keywords: Vec<String>,
    /// Job keywords the resume does not evidence.
    pub missing_keywords: Vec<String>,
}

impl From<&MatchReport> for MatchDto {
    fn from(report: &MatchReport) -> Self {
        Self {
            score_before: report.score_before,
            score_after: report.score_after,
            matched_keywords: report.matched_keywords.clone(),
            missing_keywords: report.missing_keywords.clone(),
        }
    }
}

/// The answer to a completed enhancement.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnhanceResponse {
    /// `Resume enhancement completed successfully.`
    pub message: &'static str,
    /// Always `completed`: enhancement runs during the request.
    #[schema(example = "completed")]
    pub status: &'static str,
    /// The stored enhanced resume.
    pub enhanced_resume: ResumeDto,
    /// `offline` or `openai`.
    pub engine: &'static str,
    /// Keyword match before and after.
    #[serde(rename = "match")]
    pub match_report: MatchDto,
    /// Things the user should know, such as a fallback to the offline engine.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The legacy status of an enhancement, which is always completed.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnhancementStatusResponse {
    /// Always `completed`.
    pub status: &'static str,
    /// The enhanced resume id, as a string.
    #[schema(example = "456")]
    pub task_id: String,
    /// When it was created.
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When it was last changed.
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// `updated_at` as fractional seconds since the Unix epoch.
    #[schema(example = 1_727_133_500.987_654)]
    pub last_updated_timestamp: f64,
    /// `Resume enhancement completed successfully.`
    pub message: &'static str,
    /// The enhanced resume.
    pub enhanced_resume: ResumeDto,
}

/// `updated_at` as seconds since the epoch with microseconds.
pub fn epoch_seconds(at: DateTime<Utc>) -> f64 {
    at.timestamp_micros() as f64 / 1_000_000.0
}

/// `GET /healthz` and `GET /readyz` success body.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthDto {
    /// `ok` or `ready`.
    pub status: &'static str,
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn timestamps_always_carry_microseconds_and_a_z() {
        let at = Utc.with_ymd_and_hms(2025, 9, 24, 0, 18, 20).unwrap();

        assert_eq!(timestamp(at), "2025-09-24T00:18:20.000000Z");
        assert_eq!(epoch_seconds(at), 1_758_673_100.0);
    }

    #[test]
    fn a_period_reads_like_the_documented_example() {
        let jan = ResumeDate::year_month(2020, 1);

        assert_eq!(
            period(&jan, &Some(ResumeDate::Present)),
            "Jan 2020 - Present"
        );
        assert_eq!(period(&Some(ResumeDate::Year(2019)), &None), "2019");
        assert_eq!(period(&None, &None), "");
    }

    #[test]
    fn a_free_plan_never_shows_an_expiry() {
        let expires_at = Some(Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap());
        let free = Subscription {
            tier: Tier::Free,
            expires_at,
        };

        let shown = SubscriptionDto::new(free, SubscriptionStatus::None);

        assert_eq!(
            (shown.tier, shown.status, shown.expires_at),
            ("free", "none", None)
        );
    }
}
