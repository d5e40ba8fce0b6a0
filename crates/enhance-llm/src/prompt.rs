//! What is sent to the model: instructions and a JSON document holding the
//! editable fields of the resume, the job and the match report.
//!
//! Contact details are never sent: they cannot be edited, so the model has
//! no use for them. With masking on, every string sent also passes through
//! a [`Masker`], so a name or email written inside a summary or a bullet
//! leaves the process as a placeholder.

use serde_json::{json, Map, Value};

use resume_domain::{Job, MatchReport, ResumeContent};

use crate::edits::MAX_EDITS;
use crate::mask::Masker;

/// The instructions, the same for every request.
pub fn system_message() -> String {
    format!(
        "You tailor a resume to a job posting by proposing small text edits. \
You receive a JSON document with the job, a keyword match report and the resume. \
Every editable field carries a `target` path and its current `text`.

Rules:
1. Only edit fields that carry a `target`. Copy the `target` and the current `text` \
(as `original`) exactly.
2. Reword to foreground experience the job asks for, using the job's vocabulary only \
where the resume already shows that experience.
3. Never add an employer, job title, school, degree, certification, date, tool or skill \
that the resume does not already state. Never add or change a number, amount or percentage.
4. For `skills.*` targets the replacement is the same skills as a comma-separated list in \
a better order; skills from another list may be moved in, none may be invented.
5. Keep placeholders such as [NAME_1] or [EMAIL_1] exactly as they are.
6. Propose at most {MAX_EDITS} edits, most useful first. Propose none if nothing helps.

Answer with only this JSON object and nothing else:
{{\"edits\": [{{\"target\": \"...\", \"original\": \"...\", \"replacement\": \"...\", \"reason\": \"...\"}}]}}"
    )
}

/// The request document and how many editable fields it offers.
#[derive(Debug)]
pub struct UserMessage {
    /// The JSON document, as text.
    pub text: String,
    /// Editable fields offered to the model.
    pub targets: usize,
}

/// Builds the request document. `masker`, when given, replaces personal
/// data in every string.
pub fn user_message(
    content: &ResumeContent,
    job: &Job,
    report: &MatchReport,
    max_job_chars: usize,
    masker: Option<&mut Masker>,
) -> UserMessage {
    let (resume, targets) = resume_document(content);
    let mut document = json!({
        "job": job_document(job, max_job_chars),
        "match": {
            "score": report.score_after.round(),
            "matched_keywords": report.matched_keywords,
            "missing_keywords": report.missing_keywords,
        },
        "resume": resume,
    });
    if let Some(masker) = masker {
        mask_strings(&mut document, masker);
    }
    UserMessage {
        text: document.to_string(),
        targets,
    }
}

/// The job: title, company, and the description with its lists, cut to
/// `max_chars` characters.
fn job_document(job: &Job, max_chars: usize) -> Value {
    let posting = &job.posting;
    let mut text = posting.description.trim().to_owned();
    for (heading, items) in [
        ("Requirements", &posting.requirements),
        ("Nice to have", &posting.nice_to_have),
    ] {
        if !items.is_empty() {
            text.push_str(&format!("\n{heading}:\n"));
            for item in items {
                text.push_str(&format!("- {}\n", item.trim()));
            }
        }
    }
    json!({
        "title": posting.title,
        "company": posting.company,
        "text": truncate_chars(&text, max_chars),
    })
}

/// At most `max` characters of `text`, with `…` when something was cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn editable(target: String, text: &str) -> Value {
    json!({ "target": target, "text": text })
}

/// The resume as the model sees it, and the number of editable fields.
fn resume_document(content: &ResumeContent) -> (Value, usize) {
    let mut targets = 0;
    let mut resume = Map::new();

    if let Some(summary) = content
        .basic
        .summary
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        resume.insert("summary".into(), editable("summary".into(), summary));
        targets += 1;
    }

    let experience: Vec<Value> = content
        .experience
        .iter()
        .enumerate()
        .map(|(i, job)| {
            let lines: Vec<Value> = job
                .description
                .lines()
                .enumerate()
                .filter(|(_, line)| !line.trim().is_empty())
                .map(|(j, line)| editable(format!("experience[{i}].description[{j}]"), line))
                .collect();
            targets += lines.len();
            json!({ "position": job.position, "company": job.company, "lines": lines })
        })
        .collect();
    resume.insert("experience".into(), Value::Array(experience));

    let projects: Vec<Value> = content
        .projects
        .iter()
        .enumerate()
        .map(|(i, project)| {
            let mut item = json!({ "name": project.name, "technologies": project.technologies });
            if !project.description.trim().is_empty() {
                item["description"] =
                    editable(format!("projects[{i}].description"), &project.description);
                targets += 1;
            }
            item
        })
        .collect();
    resume.insert("projects".into(), Value::Array(projects));

    let mut skills = Vec::new();
    for (name, list) in [
        ("technical", &content.skills.technical),
        ("soft_skills", &content.skills.soft_skills),
        ("tools", &content.skills.tools),
    ] {
        if !list.is_empty() {
            skills.push(editable(format!("skills.{name}"), &list.join(", ")));
            targets += 1;
        }
    }
    resume.insert("skills".into(), Value::Array(skills));

    let education: Vec<Value> = content
        .education
        .iter()
        .map(|e| json!({ "degree": e.degree, "field_of_study": e.field_of_study }))
        .collect();
    resume.insert("education".into(), Value::Array(education));
    let certifications: Vec<&str> = content
        .certifications
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    resume.insert("certifications".into(), json!(certifications));

    (Value::Object(resume), targets)
}

/// Masks every string in the document except the field paths.
fn mask_strings(value: &mut Value, masker: &mut Masker) {
    match value {
        Value::String(text) => *text = masker.mask(text),
        Value::Array(items) => items.iter_mut().for_each(|item| mask_strings(item, masker)),
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if key != "target" {
                    mask_strings(item, masker);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use resume_domain::{Experience, JobId, JobPosting};

    fn job(description: &str) -> Job {
        Job {
            id: JobId::new(1),
            posting: JobPosting {
                title: "Platform Engineer".into(),
                description: description.into(),
                requirements: vec!["Rust".into()],
                ..JobPosting::default()
            },
            created_by: None,
            created_at: Utc.timestamp_opt(0, 0).unwrap(),
        }
    }

    fn content() -> ResumeContent {
        let mut content = ResumeContent::default();
        content.basic.full_name = Some("Jane Doe".into());
        content.basic.email = Some("jane@example.com".into());
        content.basic.summary = Some("Jane Doe, reachable at jane@example.com.".into());
        content.experience.push(Experience {
            company: "Acme".into(),
            position: "Engineer".into(),
            description: "- Built APIs\n\n- Ran on-call".into(),
            ..Experience::default()
        });
        content.skills.tools = vec!["Docker".into(), "Git".into()];
        content
    }

    #[test]
    fn every_editable_field_is_offered_with_its_path() {
        let message = user_message(
            &content(),
            &job("Build things"),
            &MatchReport::default(),
            100,
            None,
        );
        let document: Value = serde_json::from_str(&message.text).unwrap();
        assert_eq!(message.targets, 4);
        let lines = &document["resume"]["experience"][0]["lines"];
        assert_eq!(lines[1]["target"], "experience[0].description[2]");
        assert_eq!(lines[1]["text"], "- Ran on-call");
        assert_eq!(document["resume"]["skills"][0]["text"], "Docker, Git");
    }

    #[test]
    fn contact_fields_are_never_sent_and_masking_hides_them_in_text() {
        let content = content();
        let mut masker = Masker::new(&["Jane Doe".to_owned()], None);
        let message = user_message(
            &content,
            &job("Build things"),
            &MatchReport::default(),
            100,
            Some(&mut masker),
        );
        assert!(!message.text.contains("jane@example.com"));
        assert!(!message.text.contains("Jane"));
        assert!(message.text.contains("[NAME_1], reachable at [EMAIL_1]."));
    }

    #[test]
    fn the_job_text_is_cut_to_the_configured_length() {
        let long = "word ".repeat(1_000);
        let message = user_message(&content(), &job(&long), &MatchReport::default(), 50, None);
        let document: Value = serde_json::from_str(&message.text).unwrap();
        let text = document["job"]["text"].as_str().unwrap();
        assert_eq!(text.chars().count(), 51);
        assert!(text.ends_with('…'));
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(truncate_chars("ääää", 2), "ää…");
        assert_eq!(truncate_chars("ab", 2), "ab");
    }
}
