//! Sorting skills into the three categories, job matches first.

use std::collections::{BTreeSet, HashSet};

use resume_domain::ports::SkillTaxonomy;
use resume_domain::truth::normalize;
use resume_domain::{ResumeContent, SkillCategory, Skills};
use resume_skills::{JobProfile, SkillId, Taxonomy};

use crate::summary::skill_ids;

/// Most job keywords added to the skills from the source's text.
const MAX_SURFACED: usize = 8;

/// The source's skills without duplicates, each in its taxonomy category,
/// plus up to [`MAX_SURFACED`] of the job's strongest keywords the source
/// shows elsewhere (in its text) but does not list; in each category the job's keywords come first, strongest
/// first, then the rest in their original order.
pub(crate) fn tailor_skills(
    source: &ResumeContent,
    shown: &BTreeSet<SkillId>,
    profile: &JobProfile,
    taxonomy: &Taxonomy,
) -> Skills {
    let listed = unique_skills(source, taxonomy);
    let covered: BTreeSet<SkillId> = listed.iter().flat_map(|s| skill_ids(s, taxonomy)).collect();
    let credentials = credential_skills(source, taxonomy);
    let surfaced = profile
        .keywords
        .iter()
        .filter(|k| shown.contains(&k.skill))
        .filter(|k| !covered.contains(&k.skill) && !credentials.contains(&k.skill))
        .take(MAX_SURFACED)
        .map(|k| k.name.clone());

    let mut ranked: Vec<(usize, usize, String)> = listed
        .into_iter()
        .chain(surfaced)
        .enumerate()
        .map(|(order, skill)| (rank(&skill, profile, taxonomy), order, skill))
        .collect();
    ranked.sort();

    let mut skills = Skills::default();
    for (_, _, skill) in ranked {
        let category: SkillCategory = taxonomy.category_of(&skill);
        skills.category_mut(category).push(skill);
    }
    skills
}

/// Every listed skill once, the first spelling kept; two spellings are the
/// same skill when the taxonomy says so or they normalise alike.
fn unique_skills(source: &ResumeContent, taxonomy: &Taxonomy) -> Vec<String> {
    let mut seen = HashSet::new();
    source
        .skills
        .iter()
        .filter(|skill| !skill.trim().is_empty())
        .filter(|skill| {
            let key = match taxonomy.lookup(skill) {
                Some(id) => format!("#{}", taxonomy.name(id)),
                None => normalize(skill),
            };
            seen.insert(key)
        })
        .map(|skill| skill.trim().to_owned())
        .collect()
}

/// Skills named by the source's certifications and degrees; these stay in
/// their own sections rather than being repeated as skills.
fn credential_skills(source: &ResumeContent, taxonomy: &Taxonomy) -> BTreeSet<SkillId> {
    let certs = source.certifications.iter().map(|c| c.name.as_str());
    let degrees = source.education.iter().filter_map(|e| e.degree.as_deref());
    certs
        .chain(degrees)
        .flat_map(|text| skill_ids(text, taxonomy))
        .collect()
}

/// The position of the strongest job keyword a skill names; past the end
/// when it names none.
fn rank(skill: &str, profile: &JobProfile, taxonomy: &Taxonomy) -> usize {
    let ids = skill_ids(skill, taxonomy);
    profile
        .keywords
        .iter()
        .position(|k| ids.contains(&k.skill))
        .unwrap_or(profile.keywords.len())
}

#[cfg(test)]
mod tests {
    use resume_domain::{Certification, JobPosting};
    use resume_skills::analyze_posting;

    use super::*;

    #[test]
    fn duplicates_go_matches_come_first_and_categories_follow_the_taxonomy() {
        let taxonomy = Taxonomy::builtin();
        let posting = JobPosting {
            title: "Platform Engineer".into(),
            description: "Kubernetes, Terraform and clear communication.".into(),
            ..JobPosting::default()
        };
        let profile = analyze_posting(&posting, &taxonomy);
        let source = ResumeContent {
            skills: Skills {
                technical: vec![
                    "Python".into(),
                    "k8s".into(),
                    "Figma".into(),
                    "python".into(),
                ],
                soft_skills: vec!["Communication".into(), "Kubernetes".into()],
                tools: vec![],
            },
            certifications: vec![Certification {
                name: "HashiCorp Terraform".into(),
                ..Default::default()
            }],
            ..ResumeContent::default()
        };
        let shown: BTreeSet<SkillId> = ["Terraform", "Python"]
            .iter()
            .filter_map(|s| taxonomy.lookup(s))
            .collect();
        let skills = tailor_skills(&source, &shown, &profile, &taxonomy);
        assert_eq!(skills.technical, ["Python"]);
        assert_eq!(skills.tools, ["k8s", "Figma"]);
        assert_eq!(skills.soft_skills, ["Communication"]);
    }

    #[test]
    fn job_keywords_shown_only_in_the_text_are_listed() {
        let taxonomy = Taxonomy::builtin();
        let posting = JobPosting {
            title: "Engineer".into(),
            description: "Postgres and Docker".into(),
            ..JobPosting::default()
        };
        let profile = analyze_posting(&posting, &taxonomy);
        let shown: BTreeSet<SkillId> = ["PostgreSQL"]
            .iter()
            .filter_map(|s| taxonomy.lookup(s))
            .collect();
        let skills = tailor_skills(&ResumeContent::default(), &shown, &profile, &taxonomy);
        assert_eq!(skills.technical, ["PostgreSQL"]);
        assert!(skills.tools.is_empty());
    }
}
