//! The corpus postings analysed through the built-in taxonomy, and each
//! corpus resume scored against them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "corpus files are part of the repository; a missing one should fail loudly"
)]

use std::path::{Path, PathBuf};

use resume_domain::JobPosting;
use resume_skills::{analyze_posting, score, JobProfile, ResumeEvidence, Taxonomy};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn profile(slug: &str) -> JobProfile {
    let path = corpus().join("jobs").join(format!("{slug}.json"));
    let posting: JobPosting =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    analyze_posting(&posting, &Taxonomy::builtin())
}

fn resume_text(name: &str) -> String {
    std::fs::read_to_string(
        corpus()
            .join("resumes")
            .join(name)
            .join(format!("{name}.txt")),
    )
    .unwrap()
}

fn names(profile: &JobProfile) -> Vec<&str> {
    profile.keywords.iter().map(|k| k.name.as_str()).collect()
}

/// Each posting paired with the resume written for it.
const PAIRS: [(&str, &str); 8] = [
    ("senior-backend-engineer", "marcus-adeyemi"),
    ("data-scientist-pricing", "priya-raghunathan"),
    ("registered-nurse-icu", "renee-thibodeaux"),
    ("senior-accountant", "jonathan-kessler"),
    ("marketing-manager-demand-gen", "camila-munoz"),
    ("high-school-math-teacher", "karin-ostlund"),
    ("mechanical-design-engineer-ev", "stefan-bruckner"),
    ("senior-ux-designer", "sofia-villanueva"),
];

#[test]
fn abbreviations_in_postings_resolve_to_canonical_skills() {
    let backend = profile("senior-backend-engineer");
    for wanted in [
        "Go",
        "Python",
        "Kubernetes",
        "PostgreSQL",
        "Apache Kafka",
        "TypeScript",
    ] {
        assert!(
            names(&backend).contains(&wanted),
            "{wanted} in {:?}",
            names(&backend)
        );
    }
    let nurse = profile("registered-nurse-icu");
    for wanted in [
        "Registered Nurse",
        "Basic Life Support",
        "Advanced Cardiovascular Life Support",
    ] {
        assert!(
            names(&nurse).contains(&wanted),
            "{wanted} in {:?}",
            names(&nurse)
        );
    }
    let accountant = profile("senior-accountant");
    for wanted in [
        "Certified Public Accountant",
        "US GAAP",
        "ASC 606",
        "ASC 842",
        "SOX compliance",
    ] {
        assert!(
            names(&accountant).contains(&wanted),
            "{wanted} in {:?}",
            names(&accountant)
        );
    }
}

#[test]
fn title_keywords_come_first() {
    let backend = profile("senior-backend-engineer");
    let top: Vec<&str> = names(&backend).into_iter().take(3).collect();
    assert!(top.contains(&"Go") && top.contains(&"Python"), "{top:?}");
}

#[test]
fn every_resume_scores_highest_against_its_own_posting() {
    let taxonomy = Taxonomy::builtin();
    for (job, own) in PAIRS {
        let profile = profile(job);
        let scored = |name: &str| {
            score(
                &profile,
                &ResumeEvidence::from_text(&resume_text(name), &taxonomy),
            )
            .value
        };
        let own_score = scored(own);
        for (_, other) in PAIRS.iter().filter(|(_, other)| *other != own) {
            assert!(
                own_score > scored(other),
                "{job}: {own} {own_score} vs {other} {}",
                scored(other)
            );
        }
        eprintln!("{job}: {own} {own_score} {:?}", names(&profile));
    }
}
