//! Analysing a job posting into weighted keywords.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use resume_domain::{Job, JobPosting, SkillCategory};

use crate::taxonomy::{SkillId, Taxonomy};

/// Where in a posting a keyword appears, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// The job title.
    Title,
    /// The must-have requirements.
    Requirements,
    /// The free-text description.
    Description,
    /// The nice-to-have qualifications.
    NiceToHave,
}

impl Section {
    /// The weight of a keyword first found in this section.
    pub const fn weight(self) -> f64 {
        match self {
            Self::Title => 4.0,
            Self::Requirements => 3.0,
            Self::Description => 2.0,
            Self::NiceToHave => 1.0,
        }
    }
}

/// Extra weight per repeated mention, and the most repeats counted.
const REPEAT_BONUS: f64 = 0.25;
const MAX_REPEATS: u32 = 4;

/// A skill a posting asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// The skill.
    pub skill: SkillId,
    /// Its canonical name.
    pub name: String,
    /// Its category.
    pub category: SkillCategory,
    /// The strongest section it appears in.
    pub section: Section,
    /// How much it counts: the section's weight plus a little per repeat.
    pub weight: f64,
}

/// What a posting asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct JobProfile {
    /// The role, from the title without qualifiers (`Senior Backend Engineer`
    /// from `Senior Backend Engineer (Go / Python)`).
    pub role: String,
    /// The keywords, strongest first; ties by name, ignoring case.
    pub keywords: Vec<Keyword>,
}

impl JobProfile {
    /// The sum of all keyword weights.
    pub fn total_weight(&self) -> f64 {
        self.keywords.iter().map(|k| k.weight).sum()
    }

    /// The keyword for a skill, when the posting asks for it.
    pub fn keyword(&self, skill: SkillId) -> Option<&Keyword> {
        self.keywords.iter().find(|k| k.skill == skill)
    }
}

/// Analyses a stored job; see [`analyze_posting`].
pub fn analyze_job(job: &Job, taxonomy: &Taxonomy) -> JobProfile {
    analyze_posting(&job.posting, taxonomy)
}

/// Finds the taxonomy skills of a posting and weights each by the strongest
/// section it appears in (title 4, requirements 3, description 2,
/// nice-to-have 1), plus a quarter per further mention, up to four.
pub fn analyze_posting(posting: &JobPosting, taxonomy: &Taxonomy) -> JobProfile {
    let mut found: BTreeMap<SkillId, (Section, u32)> = BTreeMap::new();
    let mut note = |section: Section, text: &str| {
        for mention in taxonomy.find(text) {
            let entry = found.entry(mention.skill).or_insert((section, 0));
            entry.0 = entry.0.min(section);
            entry.1 += 1;
        }
    };
    note(Section::Title, &posting.title);
    posting
        .requirements
        .iter()
        .for_each(|r| note(Section::Requirements, r));
    note(Section::Description, &posting.description);
    posting
        .nice_to_have
        .iter()
        .for_each(|n| note(Section::NiceToHave, n));

    let mut keywords: Vec<Keyword> = found
        .into_iter()
        .filter_map(|(skill, (section, mentions))| {
            let entry = taxonomy.get(skill)?;
            let repeats = mentions.saturating_sub(1).min(MAX_REPEATS);
            Some(Keyword {
                skill,
                name: entry.name.clone(),
                category: entry.category,
                section,
                weight: section.weight() + REPEAT_BONUS * f64::from(repeats),
            })
        })
        .collect();
    keywords.sort_by(strongest_first);

    JobProfile {
        role: role_of(&posting.title),
        keywords,
    }
}

fn strongest_first(a: &Keyword, b: &Keyword) -> Ordering {
    b.weight
        .total_cmp(&a.weight)
        .then(a.section.cmp(&b.section))
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.name.cmp(&b.name))
}

/// The title up to its first qualifier (`(`, `,`, `|`, `–`, `—`, ` - `,
/// `/`), without words holding digits.
fn role_of(title: &str) -> String {
    let cut = [" - ", "(", ",", "|", "–", "—", "/", ":"]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .unwrap_or(title.len());
    let words: Vec<&str> = title[..cut]
        .split_whitespace()
        .filter(|w| !w.contains(|c: char| c.is_ascii_digit()))
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting() -> JobPosting {
        JobPosting {
            title: "Senior Backend Engineer (Go / Python)".into(),
            description: "Run services on k8s in AWS; some Python and Postgres.".into(),
            requirements: vec!["Experience with Kubernetes and Postgres".into()],
            nice_to_have: vec!["Terraform".into(), "Some JS/TS".into()],
            ..JobPosting::default()
        }
    }

    #[test]
    fn keywords_are_weighted_by_their_strongest_section() {
        let profile = analyze_posting(&posting(), &Taxonomy::builtin());
        let weights: Vec<(&str, f64)> = profile
            .keywords
            .iter()
            .map(|k| (k.name.as_str(), k.weight))
            .collect();
        assert_eq!(
            weights,
            [
                ("Python", 4.25),
                ("Backend development", 4.0),
                ("Go", 4.0),
                ("Kubernetes", 3.25),
                ("PostgreSQL", 3.25),
                ("Amazon Web Services", 2.0),
                ("JavaScript", 1.0),
                ("Terraform", 1.0),
                ("TypeScript", 1.0),
            ]
        );
    }

    #[test]
    fn the_role_drops_qualifiers_from_the_title() {
        for (title, role) in [
            (
                "Senior Backend Engineer (Go / Python)",
                "Senior Backend Engineer",
            ),
            (
                "Registered Nurse (RN) – Medical-Surgical ICU, Night Shift",
                "Registered Nurse",
            ),
            ("Marketing Manager, Demand Generation", "Marketing Manager"),
            ("Data Scientist – Pricing & Forecasting", "Data Scientist"),
            ("Level 3 Support Engineer", "Level Support Engineer"),
        ] {
            assert_eq!(role_of(title), role);
        }
    }
}
