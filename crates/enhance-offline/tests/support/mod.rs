//! Corpus loading shared by the integration tests.

#![allow(dead_code, reason = "each test binary uses a different part")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "corpus files are part of the repository; a missing one should fail loudly"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use resume_domain::ports::{Clock, SourceResume};
use resume_domain::{
    Award, Certification, Education, Experience, Job, JobId, JobPosting, Language, Project,
    Publication, ResumeContent, ResumeDate, Skills, Volunteer,
};
use serde_json::Value;

/// Each posting and the resume written for it.
pub const PAIRS: [(&str, &str); 8] = [
    ("senior-backend-engineer", "marcus-adeyemi"),
    ("data-scientist-pricing", "priya-raghunathan"),
    ("registered-nurse-icu", "renee-thibodeaux"),
    ("senior-accountant", "jonathan-kessler"),
    ("marketing-manager-demand-gen", "camila-munoz"),
    ("high-school-math-teacher", "karin-ostlund"),
    ("mechanical-design-engineer-ev", "stefan-bruckner"),
    ("senior-ux-designer", "sofia-villanueva"),
];

/// A clock stopped at 15 June 2026.
pub struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 15, 12, 0, 0).unwrap()
    }
}

pub fn fixed_clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock)
}

pub fn today() -> Option<ResumeDate> {
    ResumeDate::year_month(2026, 6)
}

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// Every posting, by file stem, sorted.
pub fn corpus_jobs() -> Vec<(String, Job)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus().join("jobs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .enumerate()
        .map(|(i, path)| {
            let posting: JobPosting =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            (slug, job(i64::try_from(i).unwrap() + 1, posting))
        })
        .collect()
}

pub fn job(id: i64, posting: JobPosting) -> Job {
    Job {
        id: JobId::new(id),
        posting,
        created_by: None,
        created_at: Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap(),
    }
}

/// Every resume's text and labelled content, by name, sorted.
pub fn corpus_resumes() -> Vec<(String, SourceResume)> {
    let mut names: Vec<String> = std::fs::read_dir(corpus().join("resumes"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| (name.clone(), source_resume(&name)))
        .collect()
}

pub fn resume_text(name: &str) -> String {
    let path = corpus()
        .join("resumes")
        .join(name)
        .join(format!("{name}.txt"));
    std::fs::read_to_string(path)
        .unwrap()
        .trim_start_matches('\u{feff}')
        .to_owned()
}

pub fn source_resume(name: &str) -> SourceResume {
    let text = resume_text(name);
    let path = corpus()
        .join("resumes")
        .join(name)
        .join(format!("{name}.expected.json"));
    let labels: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut content = content_from_labels(&labels);
    for job in &mut content.experience {
        job.description = bullets_after(&text, &job.company, &job.position);
    }
    content.basic.summary = summary_of(&text);
    SourceResume { text, content }
}

fn s(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

fn opt(value: &Value, key: &str) -> Option<String> {
    value[key].as_str().map(str::to_owned)
}

fn date(value: &Value, key: &str) -> Option<ResumeDate> {
    value[key]
        .as_str()
        .map(|text| ResumeDate::parse_normalized(text).unwrap_or(ResumeDate::Verbatim(text.into())))
}

fn items(value: &Value, key: &str) -> Vec<Value> {
    value[key].as_array().cloned().unwrap_or_default()
}

/// The labels mapped into the resume model; skills all go to `technical`,
/// as a parser without a taxonomy would leave them.
pub fn content_from_labels(labels: &Value) -> ResumeContent {
    let mut content = ResumeContent::default();
    content.basic.full_name = opt(labels, "full_name");
    content.basic.email = opt(labels, "email");
    content.basic.phone = opt(labels, "phone");
    content.basic.location = opt(labels, "location");
    content.skills = Skills {
        technical: items(labels, "skills")
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        ..Skills::default()
    };
    content.experience = items(labels, "experience")
        .iter()
        .map(|e| Experience {
            company: s(e, "company"),
            position: s(e, "position"),
            start_date: date(e, "start_date"),
            end_date: date(e, "end_date"),
            location: opt(e, "location"),
            ..Experience::default()
        })
        .collect();
    content.education = items(labels, "education")
        .iter()
        .map(|e| Education {
            institution: s(e, "institution"),
            degree: opt(e, "degree"),
            field_of_study: opt(e, "field_of_study"),
            graduation_year: e["graduation_year"].as_str().and_then(|y| y.parse().ok()),
            ..Education::default()
        })
        .collect();
    content.certifications = items(labels, "certifications")
        .iter()
        .map(|c| Certification {
            name: s(c, "name"),
            issuer: opt(c, "issuer"),
            ..Certification::default()
        })
        .collect();
    content.projects = items(labels, "projects")
        .iter()
        .map(|p| Project {
            name: s(p, "name"),
            ..Project::default()
        })
        .collect();
    content.languages = items(labels, "languages")
        .iter()
        .map(|l| Language {
            name: s(l, "name"),
            proficiency: opt(l, "proficiency"),
            ..Language::default()
        })
        .collect();
    content.awards = items(labels, "awards")
        .iter()
        .map(|a| Award {
            title: s(a, "title"),
            ..Award::default()
        })
        .collect();
    content.publications = items(labels, "publications")
        .iter()
        .map(|p| Publication {
            title: s(p, "title"),
            ..Publication::default()
        })
        .collect();
    content.volunteer_experience = items(labels, "volunteer_experience")
        .iter()
        .map(|v| Volunteer {
            organization: s(v, "organization"),
            role: opt(v, "role"),
            ..Volunteer::default()
        })
        .collect();
    content.interests = items(labels, "interests")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    content
}

fn is_bullet(line: &str) -> bool {
    line.trim_start()
        .starts_with(['•', '▪', '-', '*', '–', '\u{f0b7}'])
}

/// The bullet lines that follow the first line naming `company` (skipping
/// the position line and blank lines before the first bullet).
fn bullets_after(text: &str, company: &str, position: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| l.contains(company)) else {
        return String::new();
    };
    let mut out = Vec::new();
    let mut skipped = 0;
    for line in &lines[start + 1..] {
        if is_bullet(line) {
            out.push(line.trim());
        } else if !out.is_empty() || skipped == 3 {
            break;
        } else if !line.contains(position) {
            skipped += 1;
        }
    }
    out.join("\n")
}

/// The paragraph after a heading that names a summary or profile.
fn summary_of(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let heading = lines.iter().position(|l| {
        let upper = l.to_uppercase();
        l.len() < 40 && (upper.contains("SUMMARY") || upper == "PROFILE")
    })?;
    lines[heading + 1..]
        .iter()
        .find(|l| !l.is_empty())
        .map(|l| (*l).to_owned())
}
