//! The enhancement flow: extract, parse, tailor, store.

use std::sync::Arc;

use tracing::info;

use crate::account::User;
use crate::document::ExtractedDocument;
use crate::enhancement::{Enhancement, NewStoredResume, StoredResume};
use crate::error::DomainError;
use crate::ids::JobId;
use crate::job::Job;
use crate::ports::{
    Clock, Enhancer, JobRepo, ResumeParser, ResumeRepo, SourceResume, SubscriptionGate,
    TextExtractor,
};
use crate::service::accounts::not_found;

/// Extraction, parsing and enhancement of one file, with no storage: what
/// both the service and the offline command line use.
pub struct Tailor {
    extractor: Arc<dyn TextExtractor>,
    parser: Arc<dyn ResumeParser>,
    enhancer: Arc<dyn Enhancer>,
}

/// A tailored file with the document it came from.
#[derive(Debug, Clone)]
pub struct Tailored {
    /// The extracted document.
    pub document: ExtractedDocument,
    /// The enhancement.
    pub enhancement: Enhancement,
}

impl Tailor {
    /// Builds the pipeline from its ports.
    pub fn new(
        extractor: Arc<dyn TextExtractor>,
        parser: Arc<dyn ResumeParser>,
        enhancer: Arc<dyn Enhancer>,
    ) -> Self {
        Self {
            extractor,
            parser,
            enhancer,
        }
    }

    /// Extracts, parses and tailors `file` to `job`.
    ///
    /// # Errors
    /// [`DomainError::Extraction`] when the file cannot be read,
    /// [`DomainError::Enhancement`] when the enhancer fails.
    pub async fn run(&self, file: Vec<u8>, job: &Job) -> Result<Tailored, DomainError> {
        let document = self.extractor.extract(file).await?;
        let content = self.parser.parse(&document);
        let source = SourceResume {
            text: document.text.clone(),
            content,
        };

        let mut enhancement = self.enhancer.enhance(&source, job).await?;
        enhancement.content.assign_item_ids();
        Ok(Tailored {
            document,
            enhancement,
        })
    }
}

/// A stored enhancement and what the user should know about it.
#[derive(Debug, Clone)]
pub struct EnhancementOutcome {
    /// The stored resume.
    pub resume: StoredResume,
    /// Notes such as a fallback to the offline engine.
    pub warnings: Vec<String>,
}

/// Permission to run one enhancement: an account whose subscription admits
/// it, and the job it targets. Only [`EnhancementService::admit`] makes one,
/// so no enhancement runs without the gate's say.
#[derive(Debug, Clone)]
pub struct Admission {
    user: User,
    job: Job,
}

impl Admission {
    /// The job the enhancement targets.
    pub fn job(&self) -> &Job {
        &self.job
    }
}

/// Enhances uploads for signed-in users and stores the results.
pub struct EnhancementService {
    tailor: Tailor,
    resumes: Arc<dyn ResumeRepo>,
    jobs: Arc<dyn JobRepo>,
    gate: Arc<dyn SubscriptionGate>,
    clock: Arc<dyn Clock>,
}

impl EnhancementService {
    /// Builds the service from its ports.
    pub fn new(
        tailor: Tailor,
        resumes: Arc<dyn ResumeRepo>,
        jobs: Arc<dyn JobRepo>,
        gate: Arc<dyn SubscriptionGate>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            tailor,
            resumes,
            jobs,
            gate,
            clock,
        }
    }

    /// Checks that `user` may enhance for `job` now, before any upload is
    /// read.
    ///
    /// # Errors
    /// [`DomainError::NotFound`] for an unknown job,
    /// [`DomainError::Subscription`] when the gate refuses.
    pub async fn admit(&self, user: &User, job: JobId) -> Result<Admission, DomainError> {
        let job = self.jobs.get(job).await.map_err(not_found("job"))?;
        self.gate.admit(user, self.clock.now()).await?;
        Ok(Admission {
            user: user.clone(),
            job,
        })
    }

    /// Tailors `file` to the admitted job and stores the result in one
    /// write. Nothing is stored when any step fails.
    ///
    /// # Errors
    /// As [`Tailor::run`], plus [`DomainError::Storage`].
    pub async fn enhance(
        &self,
        admission: Admission,
        file: Vec<u8>,
    ) -> Result<EnhancementOutcome, DomainError> {
        let Admission { user, job } = admission;
        let Tailored {
            document,
            enhancement,
        } = self.tailor.run(file, &job).await?;
        info!(
            user.id = %user.id,
            job.id = %job.id,
            document.format = %document.format,
            document.words = document.word_count(),
            engine = enhancement.engine.as_str(),
            "resume tailored"
        );

        let new = NewStoredResume {
            user_id: user.id,
            job_id: job.id,
            content: enhancement.content,
            engine: enhancement.engine,
            report: enhancement.report,
            created_at: self.clock.now(),
        };
        let resume = self.resumes.insert(new).await.map_err(not_found("job"))?;
        Ok(EnhancementOutcome {
            resume,
            warnings: enhancement.warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::account::{Role, Subscription, Tier};
    use crate::error::{ExtractError, GateRefusal};
    use crate::ids::{Email, UserId};
    use crate::job::JobPosting;
    use crate::ports::{
        GateError, MockClock, MockEnhancer, MockJobRepo, MockResumeParser, MockResumeRepo,
        MockSubscriptionGate, MockTextExtractor,
    };

    fn user() -> User {
        User {
            id: UserId::new(1),
            email: Email::parse("ada@example.com").unwrap(),
            full_name: "Ada".into(),
            role: Role::User,
            subscription: Subscription {
                tier: Tier::Standard,
                expires_at: None,
            },
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    fn jobs() -> MockJobRepo {
        let mut jobs = MockJobRepo::new();
        jobs.expect_get().returning(|id| {
            Ok(Job {
                id,
                posting: JobPosting {
                    title: "Engineer".into(),
                    description: "Build".into(),
                    ..JobPosting::default()
                },
                created_by: None,
                created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            })
        });
        jobs
    }

    fn service(
        extractor: MockTextExtractor,
        gate: MockSubscriptionGate,
        resumes: MockResumeRepo,
    ) -> EnhancementService {
        let mut clock = MockClock::new();
        clock
            .expect_now()
            .returning(|| Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap());
        let tailor = Tailor::new(
            Arc::new(extractor),
            Arc::new(MockResumeParser::new()),
            Arc::new(MockEnhancer::new()),
        );
        EnhancementService::new(
            tailor,
            Arc::new(resumes),
            Arc::new(jobs()),
            Arc::new(gate),
            Arc::new(clock),
        )
    }

    #[tokio::test]
    async fn a_refused_subscription_stops_before_the_file_is_read() {
        let mut gate = MockSubscriptionGate::new();
        gate.expect_admit()
            .returning(|_, _| Err(GateError::Refused(GateRefusal::Expired)));
        let mut extractor = MockTextExtractor::new();
        extractor.expect_extract().never();
        let svc = service(extractor, gate, MockResumeRepo::new());

        let err = svc.admit(&user(), JobId::new(3)).await.unwrap_err();
        assert!(matches!(
            err,
            DomainError::Subscription(GateRefusal::Expired)
        ));
    }

    #[tokio::test]
    async fn nothing_is_stored_when_extraction_fails() {
        let mut gate = MockSubscriptionGate::new();
        gate.expect_admit().returning(|_, _| Ok(()));
        let mut extractor = MockTextExtractor::new();
        extractor
            .expect_extract()
            .returning(|_| Err(ExtractError::NoTextLayer));
        let mut resumes = MockResumeRepo::new();
        resumes.expect_insert().never();
        let svc = service(extractor, gate, resumes);

        let admission = svc.admit(&user(), JobId::new(3)).await.unwrap();
        let err = svc.enhance(admission, b"%PDF".to_vec()).await.unwrap_err();
        assert!(matches!(
            err,
            DomainError::Extraction(ExtractError::NoTextLayer)
        ));
    }
}
