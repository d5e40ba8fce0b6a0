//! Generated resumes and postings: the offline enhancer never produces a
//! resume that fails the truthfulness check, never lowers the score, and
//! gives the same output for the same input.

mod support;

use proptest::prelude::*;
use resume_domain::ports::SourceResume;
use resume_domain::truth::check_as_of;
use resume_domain::{Experience, JobPosting, ResumeContent, ResumeDate, Skills};
use resume_enhance_offline::OfflineEnhancer;
use resume_skills::Taxonomy;

use support::{fixed_clock, job, today};

/// Words a resume or posting is made of: skills under several aliases,
/// ambiguous words, plain words, numbers and number words.
const WORDS: [&str; 40] = [
    "Python",
    "Go",
    "go",
    "k8s",
    "Kubernetes",
    "Postgres",
    "PostgreSQL",
    "R",
    "C",
    "Excel",
    "excel",
    "CI/CD",
    "Figma",
    "a11y",
    "WCAG",
    "GAAP",
    "CPA",
    "RN",
    "BLS",
    "communication",
    "mentoring",
    "team",
    "platform",
    "customers",
    "data",
    "the",
    "and",
    "with",
    "in",
    "of",
    "12",
    "35%",
    "2.3",
    "nine",
    "three",
    "$180M",
    "2019",
    "Node.js",
    "React",
    "SEO/SEM",
];

const OPENERS: [&str; 8] = [
    "",
    "Responsible for managing",
    "Responsible for",
    "Helped with",
    "Worked on",
    "Assisted in preparing",
    "Tasked with",
    "Duties included",
];

fn phrase(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&WORDS[..]), min..max).prop_map(|w| w.join(" "))
}

fn bullet() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&OPENERS[..]),
        phrase(1, 8),
        any::<bool>(),
    )
        .prop_map(|(opener, rest, marked)| {
            let line = format!("{opener} {rest}").trim().to_owned();
            if marked {
                format!("• {line}")
            } else {
                line
            }
        })
}

fn date() -> impl Strategy<Value = Option<ResumeDate>> {
    prop_oneof![
        (1995u16..2026, 1u8..=12).prop_map(|(y, m)| ResumeDate::year_month(y, m)),
        (1995u16..2026).prop_map(|y| Some(ResumeDate::Year(y))),
        Just(Some(ResumeDate::Present)),
        Just(Some(ResumeDate::Verbatim("Sept. 2018".into()))),
        Just(None),
    ]
}

fn experience() -> impl Strategy<Value = Experience> {
    (
        phrase(1, 3),
        phrase(1, 3),
        date(),
        date(),
        prop::collection::vec(bullet(), 0..5),
    )
        .prop_map(
            |(company, position, start_date, end_date, bullets)| Experience {
                company,
                position,
                start_date,
                end_date,
                description: bullets.join("\n"),
                ..Experience::default()
            },
        )
}

fn content() -> impl Strategy<Value = ResumeContent> {
    (
        prop::collection::vec(experience(), 0..4),
        prop::collection::vec(prop::sample::select(&WORDS[..]), 0..10),
        prop::option::of(phrase(3, 12)),
        prop::collection::vec(prop::sample::select(&WORDS[..]), 0..4),
    )
        .prop_map(|(experience, skills, summary, interests)| {
            let mut content = ResumeContent {
                experience,
                skills: Skills {
                    technical: skills.iter().map(|s| (*s).to_owned()).collect(),
                    ..Skills::default()
                },
                interests: interests.iter().map(|s| (*s).to_owned()).collect(),
                ..ResumeContent::default()
            };
            content.basic.summary = summary;
            content
        })
}

/// A rendering of the content as text, as an extractor might give it.
fn render(content: &ResumeContent, extra: &str) -> String {
    let mut text = String::new();
    if let Some(summary) = &content.basic.summary {
        text.push_str(&format!("SUMMARY\n{summary}\n"));
    }
    text.push_str(&format!(
        "SKILLS\n{}\n",
        content.skills.technical.join(", ")
    ));
    for job in &content.experience {
        let dates: Vec<String> = [&job.start_date, &job.end_date]
            .into_iter()
            .flatten()
            .map(ResumeDate::human)
            .collect();
        text.push_str(&format!(
            "{} | {}\n{}\n{}\n",
            job.company,
            dates.join(" - "),
            job.position,
            job.description
        ));
    }
    text.push_str(extra);
    text
}

fn posting() -> impl Strategy<Value = JobPosting> {
    (
        phrase(1, 5),
        phrase(3, 20),
        prop::collection::vec(phrase(1, 6), 0..5),
        prop::collection::vec(phrase(1, 4), 0..3),
    )
        .prop_map(
            |(title, description, requirements, nice_to_have)| JobPosting {
                title,
                description,
                requirements,
                nice_to_have,
                ..JobPosting::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_offline_enhancer_never_fails_the_truthfulness_check(
        content in content(),
        extra in phrase(0, 10),
        posting in posting(),
    ) {
        let taxonomy = Taxonomy::builtin();
        let enhancer = OfflineEnhancer::new(taxonomy.clone(), fixed_clock());
        let source = SourceResume { text: render(&content, &extra), content };
        let job = job(1, posting);

        let result = enhancer.tailor(&source, &job);
        let violations = check_as_of(&source, &result.content, &taxonomy, today().as_ref());
        prop_assert_eq!(violations, []);
        prop_assert_eq!(result.warnings.len(), 0);
        prop_assert!(result.report.score_after >= result.report.score_before, "{:?}", result.report);
        prop_assert_eq!(&enhancer.tailor(&source, &job), &result);
    }
}
