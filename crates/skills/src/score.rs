//! Scoring a resume against a job profile.
//!
//! The score is the weighted share of the job's keywords the resume shows, 0
//! to 100. A keyword counts fully when the resume lists it where a reader
//! (or an applicant-tracking system) looks first: the skills section, the
//! summary, project technologies or a certification. It counts
//! [`MENTIONED_FACTOR`] when it appears only further down, in a job's
//! bullets or an education entry.

use std::collections::BTreeMap;

use resume_domain::{MatchReport, ResumeContent};

use crate::job::JobProfile;
use crate::taxonomy::{SkillId, Taxonomy};

/// The share of a keyword's weight earned by a mere mention.
pub const MENTIONED_FACTOR: f64 = 0.8;

/// How visibly a resume shows a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Prominence {
    /// Only in the body (bullets, titles, education).
    Mentioned,
    /// In the skills, summary, project technologies or certifications.
    Listed,
}

/// The skills a resume shows, each with its prominence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResumeEvidence {
    skills: BTreeMap<SkillId, Prominence>,
}

impl ResumeEvidence {
    /// The skills of a parsed resume.
    pub fn from_content(content: &ResumeContent, taxonomy: &Taxonomy) -> Self {
        let mut evidence = Self::default();
        for skill in content.skills.iter() {
            if let Some(id) = taxonomy.lookup(skill) {
                evidence.note(id, Prominence::Listed);
            }
            evidence.note_text(taxonomy, skill, Prominence::Listed);
        }
        for text in listed_texts(content) {
            evidence.note_text(taxonomy, text, Prominence::Listed);
        }
        for text in body_texts(content) {
            evidence.note_text(taxonomy, text, Prominence::Mentioned);
        }
        evidence
    }

    /// The skills of plain text, all counted as listed.
    pub fn from_text(text: &str, taxonomy: &Taxonomy) -> Self {
        let mut evidence = Self::default();
        evidence.note_text(taxonomy, text, Prominence::Listed);
        evidence
    }

    /// How visibly the resume shows `skill`, `None` when it does not.
    pub fn prominence(&self, skill: SkillId) -> Option<Prominence> {
        self.skills.get(&skill).copied()
    }

    /// Every skill shown, by id.
    pub fn skills(&self) -> impl Iterator<Item = (SkillId, Prominence)> + '_ {
        self.skills.iter().map(|(id, p)| (*id, *p))
    }

    fn note(&mut self, skill: SkillId, prominence: Prominence) {
        let slot = self.skills.entry(skill).or_insert(prominence);
        *slot = (*slot).max(prominence);
    }

    fn note_text(&mut self, taxonomy: &Taxonomy, text: &str, prominence: Prominence) {
        for mention in taxonomy.find(text) {
            self.note(mention.skill, prominence);
        }
    }
}

/// Texts whose skills count as listed.
fn listed_texts(content: &ResumeContent) -> impl Iterator<Item = &str> {
    let summary = content.basic.summary.as_deref();
    let technologies = content.projects.iter().flat_map(|p| &p.technologies);
    let certifications = content.certifications.iter().map(|c| &c.name);
    summary
        .into_iter()
        .chain(technologies.chain(certifications).map(String::as_str))
}

/// Texts whose skills count as mentioned.
fn body_texts(content: &ResumeContent) -> impl Iterator<Item = &str> {
    let experience = content
        .experience
        .iter()
        .flat_map(|e| [&e.position, &e.description]);
    let projects = content
        .projects
        .iter()
        .flat_map(|p| [&p.name, &p.description]);
    let education = content
        .education
        .iter()
        .flat_map(|e| [&e.degree, &e.field_of_study]);
    let volunteer = content
        .volunteer_experience
        .iter()
        .flat_map(|v| [&v.role, &v.description]);
    let awards = content.awards.iter().map(|a| &a.title);
    let publications = content.publications.iter().map(|p| &p.title);
    experience
        .chain(projects)
        .chain(awards)
        .chain(publications)
        .map(String::as_str)
        .chain(education.chain(volunteer).flatten().map(String::as_str))
}

/// A resume's score against one job.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Weighted share of the job's keywords shown, 0 to 100, one decimal.
    pub value: f64,
    /// Keywords shown, strongest first.
    pub matched: Vec<String>,
    /// Keywords not shown, strongest first.
    pub missing: Vec<String>,
}

/// Scores a resume's evidence against a job profile; a profile without
/// keywords scores 0.
pub fn score(profile: &JobProfile, evidence: &ResumeEvidence) -> Score {
    let mut earned = 0.0;
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    for keyword in &profile.keywords {
        match evidence.prominence(keyword.skill) {
            Some(Prominence::Listed) => earned += keyword.weight,
            Some(Prominence::Mentioned) => earned += keyword.weight * MENTIONED_FACTOR,
            None => {
                missing.push(keyword.name.clone());
                continue;
            }
        }
        matched.push(keyword.name.clone());
    }

    let total = profile.total_weight();
    let value = if total > 0.0 {
        (earned / total * 1000.0).round() / 10.0
    } else {
        0.0
    };
    Score {
        value,
        matched,
        missing,
    }
}

/// The domain's match report: the score before and after, with the keywords
/// matched and missing after.
pub fn match_report(
    profile: &JobProfile,
    before: &ResumeEvidence,
    after: &ResumeEvidence,
) -> MatchReport {
    let after = score(profile, after);
    MatchReport {
        score_before: score(profile, before).value,
        score_after: after.value,
        matched_keywords: after.matched,
        missing_keywords: after.missing,
    }
}

#[cfg(test)]
mod tests {
    use resume_domain::{Experience, JobPosting, Skills};

    use super::*;
    use crate::analyze_posting;

    fn profile() -> JobProfile {
        let posting = JobPosting {
            title: "Platform Engineer".into(),
            description: "We run k8s and Postgres.".into(),
            requirements: vec!["Terraform".into()],
            ..JobPosting::default()
        };
        analyze_posting(&posting, &Taxonomy::builtin())
    }

    #[test]
    fn listed_skills_count_fully_and_mentions_partly() {
        let taxonomy = Taxonomy::builtin();
        let content = ResumeContent {
            skills: Skills {
                tools: vec!["Kubernetes".into()],
                ..Skills::default()
            },
            experience: vec![Experience {
                description: "Moved the fleet to Terraform".into(),
                ..Experience::default()
            }],
            ..ResumeContent::default()
        };
        let result = score(
            &profile(),
            &ResumeEvidence::from_content(&content, &taxonomy),
        );
        // Terraform 3 * 0.8 + Kubernetes 2 of a total 7.
        assert_eq!(result.value, 62.9);
        assert_eq!(result.matched, ["Terraform", "Kubernetes"]);
        assert_eq!(result.missing, ["PostgreSQL"]);
    }

    #[test]
    fn aliases_in_the_resume_match_aliases_in_the_job() {
        let taxonomy = Taxonomy::builtin();
        let evidence = ResumeEvidence::from_text("Kubernetes, PostgreSQL, terraform", &taxonomy);
        assert_eq!(score(&profile(), &evidence).value, 100.0);
    }

    #[test]
    fn the_report_scores_both_sides_and_lists_what_is_missing_after() {
        let taxonomy = Taxonomy::builtin();
        let before = ResumeEvidence::from_text("Postgres", &taxonomy);
        let after = ResumeEvidence::from_text("Postgres and Terraform", &taxonomy);
        let report = match_report(&profile(), &before, &after);
        assert_eq!((report.score_before, report.score_after), (28.6, 71.4));
        assert_eq!(report.missing_keywords, ["Kubernetes"]);
    }

    #[test]
    fn a_job_without_keywords_scores_zero() {
        let profile = JobProfile {
            role: "Clerk".into(),
            keywords: Vec::new(),
        };
        assert_eq!(score(&profile, &ResumeEvidence::default()).value, 0.0);
    }
}
