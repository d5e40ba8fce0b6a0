//! A real server on port 0 over in-memory repositories, real Argon2 and JWT
//! adapters, and mockall mocks where a fault has to be made to happen.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use resume_api::{serve, ApiSettings};
use resume_auth::{Argon2Hasher, JwtSecret, JwtTokens};
use resume_domain::ports::{
    Clock, Enhancer, JobRepo, MockReadiness, Readiness, ResumeEdit, ResumeParser, ResumeRepo,
    SkillTaxonomy, SourceResume, SubscriptionGate, SystemClock, TextExtractor, TokenService,
    UserRepo,
};
use resume_domain::service::{
    AccountService, EnhancementService, JobService, QuotaGate, Quotas, ResumeService, Services,
    Tailor,
};
use resume_domain::{
    DocumentFormat, Email, EngineKind, EnhanceError, Enhancement, Experience, ExtractError,
    ExtractedDocument, Job, JobId, JobPage, JobPosting, MatchReport, NewStoredResume, NewUser,
    PageRequest, RepoError, ResumeContent, ResumeDate, ResumeId, Role, SkillCategory, StoredResume,
    Subscription, Tier, User, UserCredentials, UserId,
};

pub const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef-test";

/// Accounts kept in memory.
#[derive(Default)]
pub struct MemUsers(Mutex<Vec<UserCredentials>>);

#[async_trait]
impl UserRepo for MemUsers {
    async fn create(&self, new: NewUser) -> Result<User, RepoError> {
        let mut users = self.0.lock().unwrap();
        if users.iter().any(|u| u.user.email == new.email) {
            return Err(RepoError::Conflict(
                "the email is already registered".into(),
            ));
        }
        let user = User {
            id: UserId::new(users.len() as i64 + 1),
            email: new.email,
            full_name: new.full_name,
            role: new.role,
            subscription: new.subscription,
            created_at: SystemClock.now(),
        };
        users.push(UserCredentials {
            user: user.clone(),
            password_hash: new.password_hash,
        });
        Ok(user)
    }

    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        let users = self.0.lock().unwrap();
        users
            .iter()
            .find(|u| u.user.id == id)
            .map(|u| u.user.clone())
            .ok_or(RepoError::NotFound)
    }

    async fn find_by_email(&self, email: &Email) -> Result<User, RepoError> {
        Ok(self.credentials(email).await?.user)
    }

    async fn credentials(&self, email: &Email) -> Result<UserCredentials, RepoError> {
        let users = self.0.lock().unwrap();
        users
            .iter()
            .find(|u| &u.user.email == email)
            .cloned()
            .ok_or(RepoError::NotFound)
    }

    async fn set_subscription(
        &self,
        id: UserId,
        subscription: Subscription,
    ) -> Result<User, RepoError> {
        let mut users = self.0.lock().unwrap();
        let stored = users
            .iter_mut()
            .find(|u| u.user.id == id)
            .ok_or(RepoError::NotFound)?;
        stored.user.subscription = subscription;
        Ok(stored.user.clone())
    }

    async fn set_role_and_password(
        &self,
        id: UserId,
        role: Role,
        password_hash: String,
    ) -> Result<User, RepoError> {
        let mut users = self.0.lock().unwrap();
        let stored = users
            .iter_mut()
            .find(|u| u.user.id == id)
            .ok_or(RepoError::NotFound)?;
        stored.user.role = role;
        stored.password_hash = password_hash;
        Ok(stored.user.clone())
    }

    async fn delete(&self, id: UserId) -> Result<(), RepoError> {
        self.0.lock().unwrap().retain(|u| u.user.id != id);
        Ok(())
    }
}

/// Jobs kept in memory.
#[derive(Default)]
pub struct MemJobs(Mutex<Vec<Job>>);

#[async_trait]
impl JobRepo for MemJobs {
    async fn create(
        &self,
        posting: JobPosting,
        created_by: Option<UserId>,
        now: DateTime<Utc>,
    ) -> Result<Job, RepoError> {
        let mut jobs = self.0.lock().unwrap();
        let job = Job {
            id: JobId::new(jobs.len() as i64 + 1),
            posting,
            created_by,
            created_at: now,
        };
        jobs.push(job.clone());
        Ok(job)
    }

    async fn get(&self, id: JobId) -> Result<Job, RepoError> {
        let jobs = self.0.lock().unwrap();
        jobs.iter()
            .find(|j| j.id == id)
            .cloned()
            .ok_or(RepoError::NotFound)
    }

    async fn list(&self, page: PageRequest) -> Result<JobPage, RepoError> {
        let jobs = self.0.lock().unwrap();
        let results = jobs
            .iter()
            .skip(page.offset() as usize)
            .take(page.page_size as usize)
            .cloned()
            .collect();
        Ok(JobPage {
            count: jobs.len() as u64,
            results,
        })
    }
}

/// Enhanced resumes kept in memory.
#[derive(Default)]
pub struct MemResumes(Mutex<Vec<StoredResume>>);

#[async_trait]
impl ResumeRepo for MemResumes {
    async fn insert(&self, new: NewStoredResume) -> Result<StoredResume, RepoError> {
        let mut resumes = self.0.lock().unwrap();
        let mut content = new.content;
        content.assign_item_ids();
        let stored = StoredResume {
            id: ResumeId::new(resumes.len() as i64 + 1),
            user_id: new.user_id,
            job_id: new.job_id,
            content,
            engine: new.engine,
            report: new.report,
            created_at: new.created_at,
            updated_at: new.created_at,
            version: 1,
        };
        resumes.push(stored.clone());
        Ok(stored)
    }

    async fn get(&self, owner: UserId, id: ResumeId) -> Result<StoredResume, RepoError> {
        let resumes = self.0.lock().unwrap();
        let found = resumes.iter().find(|r| r.id == id && r.user_id == owner);
        found.cloned().ok_or(RepoError::NotFound)
    }

    async fn latest(&self, owner: UserId) -> Result<StoredResume, RepoError> {
        let resumes = self.0.lock().unwrap();
        resumes
            .iter()
            .rev()
            .find(|r| r.user_id == owner)
            .cloned()
            .ok_or(RepoError::NotFound)
    }

    async fn latest_for_job(&self, owner: UserId, job: JobId) -> Result<StoredResume, RepoError> {
        let resumes = self.0.lock().unwrap();
        let found = resumes
            .iter()
            .rev()
            .find(|r| r.user_id == owner && r.job_id == job);
        found.cloned().ok_or(RepoError::NotFound)
    }

    async fn list(&self, owner: UserId) -> Result<Vec<StoredResume>, RepoError> {
        let resumes = self.0.lock().unwrap();
        Ok(resumes
            .iter()
            .rev()
            .filter(|r| r.user_id == owner)
            .cloned()
            .collect())
    }

    async fn update(
        &self,
        owner: UserId,
        id: ResumeId,
        edit: ResumeEdit,
        now: DateTime<Utc>,
    ) -> Result<StoredResume, RepoError> {
        let mut resumes = self.0.lock().unwrap();
        let stored = resumes
            .iter_mut()
            .find(|r| r.id == id && r.user_id == owner)
            .ok_or(RepoError::NotFound)?;
        let mut content = stored.content.clone();
        edit(&mut content).map_err(RepoError::Rejected)?;
        content.assign_item_ids();
        stored.content = content;
        stored.updated_at = now;
        stored.version += 1;
        Ok(stored.clone())
    }

    async fn created_since(
        &self,
        owner: UserId,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>, RepoError> {
        let resumes = self.0.lock().unwrap();
        let mut times: Vec<_> = resumes
            .iter()
            .filter(|r| r.user_id == owner && r.created_at >= since)
            .map(|r| r.created_at)
            .collect();
        times.sort();
        Ok(times)
    }
}

/// Reads uploads as UTF-8 text; `%PDF` bytes are a scan, `\x7fELF` unsupported.
pub struct TextOnly;

#[async_trait]
impl TextExtractor for TextOnly {
    async fn extract(&self, bytes: Vec<u8>) -> Result<ExtractedDocument, ExtractError> {
        if bytes.is_empty() {
            return Err(ExtractError::Empty);
        }
        if bytes.starts_with(b"%PDF") {
            return Err(ExtractError::NoTextLayer);
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| ExtractError::UnsupportedFormat("binary data".into()))?;
        Ok(ExtractedDocument {
            format: DocumentFormat::Text,
            text,
            links: vec![],
            page_count: None,
        })
    }
}

/// Takes the first line as the name and every later line as a skill.
pub struct LineParser;

impl ResumeParser for LineParser {
    fn parse(&self, document: &ExtractedDocument) -> ResumeContent {
        let mut lines = document.lines();
        let mut content = ResumeContent::default();
        content.basic.full_name = lines.next().map(str::to_owned);
        content.skills.technical = lines.map(str::to_owned).collect();
        content.experience.push(Experience {
            company: "Tech Corp".into(),
            position: "Engineer".into(),
            start_date: ResumeDate::year_month(2020, 1),
            end_date: Some(ResumeDate::Present),
            ..Experience::default()
        });
        content
    }
}

/// Returns the source content unchanged, reporting a fixed match.
pub struct EchoEnhancer;

#[async_trait]
impl Enhancer for EchoEnhancer {
    async fn enhance(
        &self,
        source: &SourceResume,
        _job: &Job,
    ) -> Result<Enhancement, EnhanceError> {
        Ok(Enhancement {
            content: source.content.clone(),
            engine: EngineKind::Offline,
            report: MatchReport {
                score_before: 40.0,
                score_after: 60.0,
                matched_keywords: vec!["rust".into()],
                missing_keywords: vec!["go".into()],
            },
            warnings: vec![],
            usage: None,
        })
    }
}

/// Sorts `Docker` and `Git` into tools, `Leadership` into soft skills.
pub struct SmallTaxonomy;

impl SkillTaxonomy for SmallTaxonomy {
    fn category_of(&self, skill: &str) -> SkillCategory {
        match skill {
            "Docker" | "Git" => SkillCategory::Tools,
            "Leadership" => SkillCategory::SoftSkills,
            _ => SkillCategory::Technical,
        }
    }

    fn canonical(&self, _term: &str) -> Option<String> {
        None
    }
}

/// The ports a test app is built from; replace any before [`TestApp::spawn`].
pub struct Ports {
    pub users: Arc<MemUsers>,
    pub jobs: Arc<dyn JobRepo>,
    pub resumes: Arc<dyn ResumeRepo>,
    pub extractor: Arc<dyn TextExtractor>,
    pub enhancer: Arc<dyn Enhancer>,
    pub gate: Option<Arc<dyn SubscriptionGate>>,
    pub readiness: Arc<dyn Readiness>,
    pub settings: ApiSettings,
}

impl Default for Ports {
    fn default() -> Self {
        let mut ready = MockReadiness::new();
        ready.expect_ping().returning(|| Ok(()));
        Self {
            users: Arc::new(MemUsers::default()),
            jobs: Arc::new(MemJobs::default()),
            resumes: Arc::new(MemResumes::default()),
            extractor: Arc::new(TextOnly),
            enhancer: Arc::new(EchoEnhancer),
            gate: None,
            readiness: Arc::new(ready),
            settings: ApiSettings {
                workers: Some(1),
                ..ApiSettings::default()
            },
        }
    }
}

/// A running server and a client for it.
pub struct TestApp {
    pub base: String,
    pub client: awc::Client,
    pub tokens: Arc<JwtTokens>,
    pub users: Arc<MemUsers>,
    pub addr: std::net::SocketAddr,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::with(Ports::default()).await
    }

    pub async fn with(ports: Ports) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let tokens = Arc::new(JwtTokens::new(
            &JwtSecret::new(SECRET.to_vec()).unwrap(),
            600,
        ));
        let hasher = Arc::new(Argon2Hasher::insecure_fast_for_tests().unwrap());
        let gate = ports.gate.clone().unwrap_or_else(|| {
            Arc::new(QuotaGate::new(
                ports.resumes.clone(),
                Quotas {
                    standard: 2,
                    premium: 200,
                },
            ))
        });
        let tailor = Tailor::new(
            ports.extractor.clone(),
            Arc::new(LineParser),
            ports.enhancer,
        );
        let services = Services {
            accounts: Arc::new(AccountService::new(
                ports.users.clone(),
                hasher,
                tokens.clone(),
                clock.clone(),
            )),
            jobs: Arc::new(JobService::new(ports.jobs.clone(), clock.clone())),
            enhancements: Arc::new(EnhancementService::new(
                tailor,
                ports.resumes.clone(),
                ports.jobs.clone(),
                gate,
                clock.clone(),
            )),
            resumes: Arc::new(ResumeService::new(
                ports.resumes,
                Arc::new(SmallTaxonomy),
                clock,
            )),
            readiness: ports.readiness,
        };

        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = serve(listener, services, ports.settings).unwrap();
        actix_web::rt::spawn(server);

        let client = awc::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .finish();
        Self {
            base: format!("http://{addr}"),
            client,
            tokens,
            users: ports.users,
            addr,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Creates an account directly in the store and returns it with a token.
    pub async fn user_with(&self, email: &str, role: Role, tier: Tier) -> (User, String) {
        let expires_at = match tier {
            Tier::Free => None,
            _ => Some(SystemClock.now() + Duration::days(30)),
        };
        let user = self
            .users
            .create(NewUser {
                email: Email::parse(email).unwrap(),
                full_name: "Test Person".into(),
                password_hash: "unused".into(),
                role,
                subscription: Subscription { tier, expires_at },
            })
            .await
            .unwrap();
        let token = self.tokens.issue(user.id, SystemClock.now()).unwrap().token;
        (user, token)
    }

    /// Posts a job as a fresh employer and returns its id.
    pub async fn job(&self) -> i64 {
        let email = format!("employer{}@example.com", rand_suffix());
        let (_, token) = self.user_with(&email, Role::Employer, Tier::Free).await;
        let mut response = self
            .client
            .post(self.url("/api/jobs/"))
            .bearer_auth(&token)
            .send_json(&serde_json::json!({"title": "Rust Engineer", "description": "Rust"}))
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let body: serde_json::Value = response.json().await.unwrap();
        body["id"].as_i64().unwrap()
    }

    /// Uploads `file` as the `file` field for `job`.
    pub async fn upload(
        &self,
        token: &str,
        job: i64,
        file: &[u8],
    ) -> awc::ClientResponse<
        impl futures_util::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>>,
    > {
        let (content_type, body) = multipart("file", file);
        self.client
            .post(self.url(&format!("/api/resume/enhance-resume/{job}/")))
            .bearer_auth(token)
            .insert_header(("content-type", content_type))
            .send_body(body)
            .await
            .unwrap()
    }
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

pub const BOUNDARY: &str = "----resume-test-boundary";

/// A multipart body with one part named `name`.
pub fn multipart(name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"cv.txt\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// Reads a response body as JSON.
pub async fn json<S>(response: &mut awc::ClientResponse<S>) -> serde_json::Value
where
    S: futures_util::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>> + Unpin,
{
    let bytes = response.body().limit(4 * 1024 * 1024).await.unwrap();
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
}
