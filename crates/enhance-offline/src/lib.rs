//! The offline enhancer: tailors a resume to a job deterministically, with
//! no model, in well under a millisecond.
//!
//! [`OfflineEnhancer`] reorders and rewords what the source says and never
//! adds a fact:
//!
//! * the summary opens with the most recent position, the years the
//!   experience dates span (`Present` counting up to the injected clock's
//!   today) and the job's strongest keywords the source shows, followed by
//!   the candidate's own summary;
//! * skills are deduplicated and sorted into the taxonomy's categories, the
//!   job's keywords first; a job keyword the source shows only in its text
//!   (a bullet) is added to the skills under its canonical name;
//! * bullets lose their marks and weak openers (`Responsible for`, `Helped
//!   with`, ...), repeated bullets are dropped, and each job's bullets are
//!   ordered by how many of the job's keywords they mention (ties keep the
//!   source order);
//! * dates the parser kept verbatim are normalised where their form is
//!   certain; repeated interests and project technologies are dropped.
//!
//! The result is checked with [`resume_domain::truth::check_as_of`] against
//! the same today. When the summary fails it (a job title holding a number
//! word, say), the summary is rebuilt without the role, then replaced by the
//! candidate's own; should anything else ever fail, the source content is
//! returned unchanged with a warning rather than an untruthful resume. Output depends
//! only on the input and the clock: every collection that decides an order
//! is a `Vec` or a `BTreeMap`/`BTreeSet`.

mod dates;
mod rewrite;
mod skills;
mod summary;

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use async_trait::async_trait;
use chrono::Datelike;
use resume_domain::ports::{Clock, Enhancer, SourceResume};
use resume_domain::truth::{check_as_of, normalize};
use resume_domain::{
    EngineKind, EnhanceError, Enhancement, Job, MatchReport, ResumeContent, ResumeDate,
};
use resume_skills::{analyze_job, match_report, JobProfile, ResumeEvidence, SkillId, Taxonomy};

use crate::summary::SummaryFacts;

/// The warning returned when the tailored resume failed the truthfulness
/// check and the source was returned instead.
pub const FALLBACK_WARNING: &str =
    "the offline enhancer kept the source resume because its tailored version failed the truthfulness check";

/// Tailors resumes without a model. Cheap to clone.
#[derive(Clone)]
pub struct OfflineEnhancer {
    taxonomy: Taxonomy,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for OfflineEnhancer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfflineEnhancer")
            .field("skills", &self.taxonomy.len())
            .finish()
    }
}

impl OfflineEnhancer {
    /// An enhancer using `taxonomy`, with `clock` telling what `Present`
    /// means when years of experience are counted.
    pub fn new(taxonomy: Taxonomy, clock: Arc<dyn Clock>) -> Self {
        Self { taxonomy, clock }
    }

    /// Tailors `source` to `job`; the synchronous core of
    /// [`Enhancer::enhance`].
    pub fn tailor(&self, source: &SourceResume, job: &Job) -> Enhancement {
        let profile = analyze_job(job, &self.taxonomy);
        let today = self.today();
        let before = ResumeEvidence::from_content(&source.content, &self.taxonomy);
        let shown = self.shown_skills(source, &before);
        let mut content = self.tailored_content(source, &shown, &profile, today.as_ref());

        let mut violations = check_as_of(source, &content, &self.taxonomy, today.as_ref());
        for without_role in [true, false] {
            if !violations.iter().any(|v| v.field == "summary") {
                break;
            }
            content.basic.summary = if without_role {
                self.summary(source, &shown, &profile, today.as_ref(), false)
            } else {
                source.content.basic.summary.clone()
            };
            violations = check_as_of(source, &content, &self.taxonomy, today.as_ref());
        }
        if violations.is_empty() {
            let report = self.report(&profile, &before, &content);
            return enhancement(content, report, Vec::new());
        }

        let fields: Vec<&str> = violations.iter().map(|v| v.field.as_str()).collect();
        tracing::warn!(violations = violations.len(), fields = ?fields, "offline enhancement fell back");
        let report = self.report(&profile, &before, &source.content);
        enhancement(
            source.content.clone(),
            report,
            vec![FALLBACK_WARNING.to_owned()],
        )
    }

    fn today(&self) -> Option<ResumeDate> {
        let now = self.clock.now();
        let year = u16::try_from(now.year()).ok()?;
        let month = u8::try_from(now.month()).ok()?;
        ResumeDate::year_month(year, month)
    }

    fn tailored_content(
        &self,
        source: &SourceResume,
        shown: &BTreeSet<SkillId>,
        profile: &JobProfile,
        today: Option<&ResumeDate>,
    ) -> ResumeContent {
        let mut content = source.content.clone();

        dates::normalize_dates(&mut content);
        self.reword_descriptions(&mut content, profile);
        content.interests = unique(&content.interests);
        for project in &mut content.projects {
            project.technologies = unique(&project.technologies);
        }
        content.skills = skills::tailor_skills(&source.content, shown, profile, &self.taxonomy);
        content.basic.summary = self.summary(source, shown, profile, today, true);
        content
    }

    /// The tailored summary; `with_role` names the job's role as the target.
    fn summary(
        &self,
        source: &SourceResume,
        shown: &BTreeSet<SkillId>,
        profile: &JobProfile,
        today: Option<&ResumeDate>,
        with_role: bool,
    ) -> Option<String> {
        let normalized_text = normalize(&source.text);
        let facts = SummaryFacts {
            content: &source.content,
            normalized_text: &normalized_text,
            shown,
            today,
            with_role,
        };
        summary::tailored_summary(&facts, profile, &self.taxonomy)
    }

    /// Every skill the source shows, in its text or its content. Names of
    /// organisations do not count: working at `Front Range Logistics` or
    /// studying at a `School of Nursing` shows no skill by itself.
    fn shown_skills(&self, source: &SourceResume, content: &ResumeEvidence) -> BTreeSet<SkillId> {
        let text = without_organisations(&source.text, &source.content);
        let text = ResumeEvidence::from_text(&text, &self.taxonomy);
        text.skills()
            .chain(content.skills())
            .map(|(id, _)| id)
            .collect()
    }

    /// Rewrites weak openers and orders each item's bullets by relevance.
    fn reword_descriptions(&self, content: &mut ResumeContent, profile: &JobProfile) {
        for job in &mut content.experience {
            job.description =
                self.by_relevance(&rewrite::rewrite_description(&job.description), profile);
        }
        for project in &mut content.projects {
            project.description = rewrite::rewrite_description(&project.description);
        }
        for item in &mut content.volunteer_experience {
            if let Some(text) = &item.description {
                item.description = Some(rewrite::rewrite_description(text));
            }
        }
    }

    /// The lines of `description`, those naming more of the job's keyword
    /// weight first; ties keep their order.
    fn by_relevance(&self, description: &str, profile: &JobProfile) -> String {
        let mut lines: Vec<(f64, &str)> = description
            .lines()
            .map(|line| (self.relevance(line, profile), line))
            .collect();
        lines.sort_by(|a, b| b.0.total_cmp(&a.0));
        let lines: Vec<&str> = lines.into_iter().map(|(_, line)| line).collect();
        lines.join("\n")
    }

    fn relevance(&self, line: &str, profile: &JobProfile) -> f64 {
        let skills: BTreeSet<SkillId> = self.taxonomy.find(line).iter().map(|m| m.skill).collect();
        skills
            .iter()
            .filter_map(|id| profile.keyword(*id))
            .map(|k| k.weight)
            .sum()
    }

    /// The match before and after. The opening of a tailored summary names
    /// the target role (`… to the Senior Backend Engineer role`); that names
    /// the job, not a skill the resume shows, so it is not scored.
    fn report(
        &self,
        profile: &JobProfile,
        before: &ResumeEvidence,
        after: &ResumeContent,
    ) -> MatchReport {
        let phrase = summary::role_phrase(&profile.role);
        let after = match &after.basic.summary {
            Some(text) if !profile.role.is_empty() && text.contains(&phrase) => {
                let mut scored = after.clone();
                scored.basic.summary = Some(text.replace(&phrase, ""));
                ResumeEvidence::from_content(&scored, &self.taxonomy)
            }
            _ => ResumeEvidence::from_content(after, &self.taxonomy),
        };
        match_report(profile, before, &after)
    }
}

#[async_trait]
impl Enhancer for OfflineEnhancer {
    /// Runs [`OfflineEnhancer::tailor`] inline: it is pure and takes well
    /// under a millisecond, so it does not need a blocking thread.
    async fn enhance(&self, source: &SourceResume, job: &Job) -> Result<Enhancement, EnhanceError> {
        Ok(self.tailor(source, job))
    }
}

fn enhancement(content: ResumeContent, report: MatchReport, warnings: Vec<String>) -> Enhancement {
    Enhancement {
        content,
        engine: EngineKind::Offline,
        report,
        warnings,
        usage: None,
    }
}

/// `text` with every employer, school, certification issuer and volunteer
/// organisation of `content` blanked out where it is written as parsed.
fn without_organisations(text: &str, content: &ResumeContent) -> String {
    let employers = content.experience.iter().map(|e| e.company.as_str());
    let schools = content.education.iter().map(|e| e.institution.as_str());
    let issuers = content
        .certifications
        .iter()
        .filter_map(|c| c.issuer.as_deref());
    let organisations = content
        .volunteer_experience
        .iter()
        .map(|v| v.organization.as_str());
    let mut names: Vec<&str> = employers
        .chain(schools)
        .chain(issuers)
        .chain(organisations)
        .map(str::trim)
        .filter(|name| name.chars().count() >= 3)
        .collect();
    // Longest first, so a name inside a longer one does not cut it apart.
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    let mut out = text.to_owned();
    for name in names {
        out = out.replace(name, &" ".repeat(name.len()));
    }
    out
}

/// The items without blanks and repeats (compared normalised), first
/// spelling kept.
fn unique(items: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    items
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty() && seen.insert(normalize(item)))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use resume_domain::{Experience, JobId, JobPosting};

    use super::*;

    struct FixedClock;

    impl Clock for FixedClock {
        fn now(&self) -> DateTime<Utc> {
            Utc.with_ymd_and_hms(2026, 6, 15, 0, 0, 0).unwrap()
        }
    }

    fn job() -> Job {
        Job {
            id: JobId::new(7),
            posting: JobPosting {
                title: "Data Engineer".into(),
                description: "Airflow, dbt and Postgres.".into(),
                ..JobPosting::default()
            },
            created_by: None,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    fn source() -> SourceResume {
        let description = "• Responsible for running the on-call rota\n\
            • Helped with Postgres upgrades\n\
            • Built Airflow DAGs for dbt models\n\
            • Built Airflow DAGs for dbt models";
        let content = ResumeContent {
            experience: vec![Experience {
                company: "Acme".into(),
                position: "Analyst".into(),
                start_date: ResumeDate::year_month(2020, 6),
                end_date: Some(ResumeDate::Present),
                description: description.into(),
                ..Experience::default()
            }],
            interests: vec!["Chess".into(), "chess".into()],
            ..ResumeContent::default()
        };
        let text = format!("Acme | Jun 2020 - Present\nAnalyst\n{description}\nChess");
        SourceResume { text, content }
    }

    #[tokio::test]
    async fn the_port_returns_a_tailored_truthful_resume() {
        let enhancer = OfflineEnhancer::new(Taxonomy::builtin(), Arc::new(FixedClock));
        let result = enhancer.enhance(&source(), &job()).await.unwrap();
        let content = &result.content;

        assert_eq!(result.engine, EngineKind::Offline);
        assert_eq!(
            content.experience[0].description,
            "Built Airflow DAGs for dbt models\nSupported Postgres upgrades\nRan the on-call rota"
        );
        assert_eq!(content.interests, ["Chess"]);
        assert_eq!(content.skills.tools, ["Apache Airflow", "dbt"]);
        assert_eq!(content.skills.technical, ["PostgreSQL"]);
        assert_eq!(
            content.basic.summary.as_deref(),
            Some("Analyst with 6+ years of experience, bringing Apache Airflow, dbt and PostgreSQL to the Data Engineer role.")
        );
        assert!(result.report.score_after > result.report.score_before);
        assert!(result.warnings.is_empty());
    }

    #[test]
    fn the_role_named_in_the_opening_is_not_scored_as_a_skill() {
        let enhancer = OfflineEnhancer::new(Taxonomy::builtin(), Arc::new(FixedClock));
        let mut job = job();
        job.posting.title = "Senior Backend Engineer".into();
        job.posting.description = "Backend services in Airflow and dbt.".into();
        let result = enhancer.tailor(&source(), &job);
        let summary = result.content.basic.summary.unwrap_or_default();
        assert!(
            summary.contains("Senior Backend Engineer role"),
            "{summary}"
        );
        assert!(
            !result
                .report
                .matched_keywords
                .iter()
                .any(|k| k == "Backend development"),
            "{:?}",
            result.report.matched_keywords
        );
    }

    #[test]
    fn an_employer_name_shows_no_skill() {
        let enhancer = OfflineEnhancer::new(Taxonomy::builtin(), Arc::new(FixedClock));
        let mut job = job();
        job.posting.description = "Logistics domain experience, Airflow and dbt.".into();
        let mut source = source();
        source.content.experience[0].company = "Front Range Logistics".into();
        source.text = source.text.replace("Acme", "Front Range Logistics");
        let skills = enhancer.tailor(&source, &job).content.skills;
        let all: Vec<&String> = skills.technical.iter().chain(&skills.tools).collect();
        assert!(
            !all.iter().any(|s| s.to_lowercase().contains("logistics")),
            "{all:?}"
        );

        // Said in the work itself, it counts.
        source.content.experience[0].description += "\n• Built logistics software for carriers";
        source.text += "\n• Built logistics software for carriers";
        let skills = enhancer.tailor(&source, &job).content.skills;
        let all: Vec<&String> = skills.technical.iter().chain(&skills.tools).collect();
        assert!(
            all.iter().any(|s| s.to_lowercase().contains("logistics")),
            "{all:?}"
        );
    }
}
