//! The tailored opening of the summary, built only from facts of the source.
//!
//! It names the candidate's most recent position, the whole years their
//! experience dates span (`Present` counting up to today) and the job's
//! strongest keywords the source shows, then keeps the candidate's own
//! summary after it. The job's role is named as the target, never as
//! something the candidate has been.
//!
//! When the candidate's own summary already says how long they have worked
//! ("nine years", "10+ years", "over a decade"), the opening leaves the
//! count out: the dates can span more than the candidate counts (a student
//! job, a resume written years ago), and the two figures side by side would
//! contradict each other.

use std::collections::BTreeSet;

use resume_domain::truth::{normalize, years_of_experience};
use resume_domain::{Experience, ResumeContent, ResumeDate};
use resume_skills::{JobProfile, SkillId, Taxonomy};

/// Most job keywords named in the summary.
const MAX_SKILLS: usize = 4;

/// What the summary is built from.
pub(crate) struct SummaryFacts<'a> {
    /// The source's parsed content.
    pub(crate) content: &'a ResumeContent,
    /// The source's text, normalised.
    pub(crate) normalized_text: &'a str,
    /// The skills the source shows anywhere.
    pub(crate) shown: &'a BTreeSet<SkillId>,
    /// Today, for `Present`.
    pub(crate) today: Option<&'a ResumeDate>,
    /// Whether to name the job's role as the target.
    pub(crate) with_role: bool,
}

/// How the opening names the job it targets: ` to the Data Engineer role`.
pub(crate) fn role_phrase(role: &str) -> String {
    format!(" to the {role} role")
}

/// The tailored summary, or the source's own when there is nothing to add.
pub(crate) fn tailored_summary(
    facts: &SummaryFacts<'_>,
    profile: &JobProfile,
    taxonomy: &Taxonomy,
) -> Option<String> {
    let own = facts
        .content
        .basic
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let opening = opening(facts, profile, taxonomy);
    match (opening, own) {
        (Some(opening), Some(own)) => Some(format!("{opening} {own}")),
        (Some(opening), None) => Some(opening),
        (None, own) => own.map(str::to_owned),
    }
}

fn opening(facts: &SummaryFacts<'_>, profile: &JobProfile, taxonomy: &Taxonomy) -> Option<String> {
    let position = latest_position(&facts.content.experience);
    let own_count = facts
        .content
        .basic
        .summary
        .as_deref()
        .is_some_and(states_duration);
    let years = if own_count {
        0
    } else {
        years_of_experience(facts.content, facts.today)
    };
    let skills = strongest_shown(facts, profile, taxonomy);

    let who = match (position, years) {
        (Some(p), 0) => p.to_owned(),
        (Some(p), y) => format!("{p} with {y}+ years of experience"),
        (None, 0) => String::new(),
        (None, y) => format!("{y}+ years of experience"),
    };
    let role = if profile.role.is_empty() || !facts.with_role {
        String::new()
    } else {
        role_phrase(&profile.role)
    };
    let sentence = match (who.is_empty(), skills.is_empty()) {
        (true, true) => return None,
        (false, true) => who,
        (true, false) => format!("Brings {}{role}", list(&skills)),
        (false, false) => format!("{who}, bringing {}{role}", list(&skills)),
    };
    Some(format!("{sentence}."))
}

/// Number words a summary spells a count of years with.
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "several",
    "many",
    "dozen",
];

/// Whether `text` states a length of career: a number or number word right
/// before `years` or `yrs`, or the word `decade(s)`.
fn states_duration(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\u{2013}')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, word)| {
        let word = word.trim_end_matches('+');
        if word.starts_with("decade") {
            return true;
        }
        if !matches!(word, "years" | "year" | "yrs") || i == 0 {
            return false;
        }
        let before = words[i - 1].trim_end_matches('+');
        before.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&before)
    })
}

/// The position of the current job, else of the latest-starting one.
fn latest_position(experience: &[Experience]) -> Option<&str> {
    let current = experience.iter().find(|e| e.is_current());
    let latest = || {
        experience
            .iter()
            .max_by(|a, b| match (&a.start_date, &b.start_date) {
                (Some(x), Some(y)) => x.chronological_cmp(y),
                (a, b) => a.is_some().cmp(&b.is_some()),
            })
    };
    current
        .or_else(latest)
        .map(|e| e.position.trim())
        .filter(|p| !p.is_empty())
}

/// The strongest job keywords the source shows, as the source's skills
/// list spells them, then by canonical name for those it shows elsewhere;
/// names holding digits only when the source writes them the same way, so
/// no number is introduced.
fn strongest_shown(
    facts: &SummaryFacts<'_>,
    profile: &JobProfile,
    taxonomy: &Taxonomy,
) -> Vec<String> {
    let listed: Vec<(Vec<SkillId>, &str)> = facts
        .content
        .skills
        .iter()
        .map(|skill| (skill_ids(skill, taxonomy), skill.trim()))
        .collect();
    let mut names: Vec<(u8, &str)> = profile
        .keywords
        .iter()
        .filter(|k| facts.shown.contains(&k.skill))
        .map(
            |k| match listed.iter().find(|(ids, _)| ids.contains(&k.skill)) {
                Some((_, own)) => (0, *own),
                None => (1, k.name.as_str()),
            },
        )
        .collect();
    names.sort_by_key(|(unlisted, _)| *unlisted);

    let mut out: Vec<String> = Vec::new();
    for (_, name) in names {
        let digits_ok = !name.contains(|c: char| c.is_ascii_digit())
            || facts.normalized_text.contains(&normalize(name));
        if digits_ok && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out.truncate(MAX_SKILLS);
    out
}

/// The skills a phrase names, as a whole or inside it.
pub(crate) fn skill_ids(phrase: &str, taxonomy: &Taxonomy) -> Vec<SkillId> {
    let whole = taxonomy.lookup(phrase);
    whole
        .into_iter()
        .chain(taxonomy.find(phrase).into_iter().map(|m| m.skill))
        .collect()
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use resume_domain::JobPosting;
    use resume_skills::analyze_posting;

    use super::*;

    fn content() -> ResumeContent {
        let mut content = ResumeContent::default();
        content.basic.summary = Some("Builds payment systems.".into());
        content.experience = vec![
            Experience {
                position: "Engineer".into(),
                start_date: ResumeDate::year_month(2012, 1),
                end_date: ResumeDate::year_month(2015, 12),
                ..Experience::default()
            },
            Experience {
                position: "Staff Engineer".into(),
                start_date: ResumeDate::year_month(2016, 1),
                end_date: Some(ResumeDate::Present),
                ..Experience::default()
            },
        ];
        content
    }

    #[test]
    fn the_opening_names_position_years_and_matched_skills() {
        let taxonomy = Taxonomy::builtin();
        let posting = JobPosting {
            title: "Backend Engineer (Payments)".into(),
            description: "Go, Postgres, Kafka and Terraform, PCI DSS 4.0".into(),
            ..JobPosting::default()
        };
        let profile = analyze_posting(&posting, &taxonomy);
        let shown = ["Go", "PostgreSQL", "Terraform", "SOC 2"]
            .iter()
            .filter_map(|s| taxonomy.lookup(s))
            .collect();
        let content = content();
        let today = ResumeDate::year_month(2026, 6);
        let facts = SummaryFacts {
            content: &content,
            normalized_text: "",
            shown: &shown,
            today: today.as_ref(),
            with_role: true,
        };
        assert_eq!(
            tailored_summary(&facts, &profile, &taxonomy).as_deref(),
            Some(
                "Staff Engineer with 14+ years of experience, bringing Go, PostgreSQL and \
                 Terraform to the Backend Engineer role. Builds payment systems."
            )
        );
    }

    #[test]
    fn a_summary_that_counts_its_own_years_gets_no_second_count() {
        let taxonomy = Taxonomy::builtin();
        let profile = JobProfile {
            role: "Chef".into(),
            keywords: Vec::new(),
        };
        let shown = BTreeSet::new();
        let today = ResumeDate::year_month(2026, 6);
        for own in [
            "Engineer with nine years of experience.",
            "10+ years building payment systems.",
            "Over a decade in payments.",
            "Engineer with 7 yrs. in payments.",
        ] {
            let mut content = content();
            content.basic.summary = Some(own.into());
            let facts = SummaryFacts {
                content: &content,
                normalized_text: "",
                shown: &shown,
                today: today.as_ref(),
                with_role: false,
            };
            assert_eq!(
                tailored_summary(&facts, &profile, &taxonomy).as_deref(),
                Some(format!("Staff Engineer. {own}").as_str()),
                "{own}"
            );
        }
    }

    #[test]
    fn years_in_other_senses_do_not_count_as_a_career_length() {
        assert!(!states_duration("Managed budgets for years."));
        assert!(!states_duration(
            "Led the 2019 migration and the year-end close."
        ));
        assert!(states_duration("Two years of ICU nursing."));
        assert!(states_duration("A 12-year career in kitchens."));
    }

    #[test]
    fn without_facts_the_own_summary_is_kept() {
        let mut content = ResumeContent::default();
        content.basic.summary = Some("Own words.".into());
        let taxonomy = Taxonomy::builtin();
        let profile = JobProfile {
            role: "Chef".into(),
            keywords: Vec::new(),
        };
        let shown = BTreeSet::new();
        let facts = SummaryFacts {
            content: &content,
            normalized_text: "",
            shown: &shown,
            today: None,
            with_role: true,
        };
        assert_eq!(
            tailored_summary(&facts, &profile, &taxonomy).as_deref(),
            Some("Own words.")
        );
    }
}
