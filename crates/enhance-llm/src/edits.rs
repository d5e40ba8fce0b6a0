//! The edits a model may propose, their JSON schema, and how one is applied.
//!
//! The model never returns a resume. It returns a list of replacements of
//! text it was shown, each naming the field it changes. Only tailorable
//! fields can be named; names, dates, employers, positions, schools,
//! degrees and contact data have no target and so cannot be changed.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use resume_domain::ResumeContent;

/// Most edits taken from one answer; the rest are dropped.
pub const MAX_EDITS: usize = 64;

/// One proposed replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// The field: `summary`, `experience[i].description[j]` (line `j`),
    /// `projects[i].description`, or `skills.technical` / `skills.soft_skills`
    /// / `skills.tools` (a comma-separated list in the new order).
    pub target: String,
    /// The current text of the field, as shown to the model.
    pub original: String,
    /// The new text.
    pub replacement: String,
    /// Why the change helps with this job.
    pub reason: String,
}

/// The whole answer of the model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditList {
    /// The proposed edits, most useful first.
    pub edits: Vec<Edit>,
}

/// The JSON schema of [`EditList`], in the strict subset OpenAI structured
/// outputs accept (every property required, no additional properties).
/// A unit test keeps it in step with the types.
pub fn edit_list_schema() -> Value {
    let text = |description: &str| json!({ "type": "string", "description": description });
    json!({
        "type": "object",
        "properties": {
            "edits": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "target": text("Field path exactly as listed in editable_fields"),
                        "original": text("The current text of that field, copied exactly"),
                        "replacement": text("The new text"),
                        "reason": text("Why this helps for the job, in a few words"),
                    },
                    "required": ["target", "original", "replacement", "reason"],
                    "additionalProperties": false
                }
            }
        },
        "required": ["edits"],
        "additionalProperties": false
    })
}

/// The skill lists an edit may reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkillList {
    /// `skills.technical`.
    Technical,
    /// `skills.soft_skills`.
    SoftSkills,
    /// `skills.tools`.
    Tools,
}

impl SkillList {
    fn of(content: &ResumeContent, list: Self) -> &Vec<String> {
        match list {
            Self::Technical => &content.skills.technical,
            Self::SoftSkills => &content.skills.soft_skills,
            Self::Tools => &content.skills.tools,
        }
    }

    fn of_mut(content: &mut ResumeContent, list: Self) -> &mut Vec<String> {
        match list {
            Self::Technical => &mut content.skills.technical,
            Self::SoftSkills => &mut content.skills.soft_skills,
            Self::Tools => &mut content.skills.tools,
        }
    }

    const ALL: [Self; 3] = [Self::Technical, Self::SoftSkills, Self::Tools];
}

/// A field an edit may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The professional summary.
    Summary,
    /// Line `line` of the description of job `job`.
    ExperienceLine {
        /// Index into `experience`.
        job: usize,
        /// Line index within the description.
        line: usize,
    },
    /// The description of project `project`.
    ProjectDescription {
        /// Index into `projects`.
        project: usize,
    },
    /// The order (and category) of one skill list.
    Skills(SkillList),
}

/// Why an edit was not applied. The labels are logged; they hold no text
/// of the resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The target names a field that is never edited (a name, a date, ...).
    NotEditable,
    /// The target is not a field path at all.
    UnknownTarget,
    /// The target names an item or line that does not exist.
    OutOfRange,
    /// `original` is not the current text of the field.
    OriginalMismatch,
    /// The replacement is empty or the same as the current text.
    NoChange,
    /// A skill list edit names a skill the resume does not list.
    NewSkill,
    /// The result failed the truthfulness check; the kinds are listed.
    Untruthful(Vec<String>),
    /// The answer held more than [`MAX_EDITS`] edits.
    TooMany,
}

impl Rejection {
    /// A short label for logs and warnings.
    pub fn label(&self) -> String {
        match self {
            Self::NotEditable => "not_editable".into(),
            Self::UnknownTarget => "unknown_target".into(),
            Self::OutOfRange => "out_of_range".into(),
            Self::OriginalMismatch => "original_mismatch".into(),
            Self::NoChange => "no_change".into(),
            Self::NewSkill => "new_skill".into(),
            Self::Untruthful(kinds) => format!("untruthful({})", kinds.join(",")),
            Self::TooMany => "too_many".into(),
        }
    }
}

/// Fields of the resume that exist but are never edited.
const PROTECTED_PREFIXES: &[&str] = &[
    "full_name",
    "name",
    "email",
    "phone",
    "linkedin",
    "location",
    "basic",
    "contact",
    "education",
    "certifications",
    "languages",
    "awards",
    "publications",
    "volunteer_experience",
    "interests",
];

impl Target {
    /// Reads a field path as the model wrote it.
    ///
    /// # Errors
    /// [`Rejection::NotEditable`] for a protected field (a name, a date, an
    /// employer, a position, a school, ...), [`Rejection::UnknownTarget`]
    /// for anything else that is not an editable path.
    pub fn parse(raw: &str) -> Result<Self, Rejection> {
        let path: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if path == "summary" || path == "basic.summary" {
            return Ok(Self::Summary);
        }
        if let Some(list) = path.strip_prefix("skills.") {
            return match list {
                "technical" => Ok(Self::Skills(SkillList::Technical)),
                "soft_skills" => Ok(Self::Skills(SkillList::SoftSkills)),
                "tools" => Ok(Self::Skills(SkillList::Tools)),
                _ => Err(Rejection::UnknownTarget),
            };
        }
        if let Some(rest) = path.strip_prefix("experience") {
            return parse_experience(rest);
        }
        if let Some(rest) = path.strip_prefix("projects") {
            return parse_project(rest);
        }
        if PROTECTED_PREFIXES
            .iter()
            .any(|prefix| path.starts_with(prefix))
        {
            return Err(Rejection::NotEditable);
        }
        Err(Rejection::UnknownTarget)
    }

    /// The canonical path, safe to log.
    pub fn path(&self) -> String {
        match self {
            Self::Summary => "summary".into(),
            Self::ExperienceLine { job, line } => format!("experience[{job}].description[{line}]"),
            Self::ProjectDescription { project } => format!("projects[{project}].description"),
            Self::Skills(SkillList::Technical) => "skills.technical".into(),
            Self::Skills(SkillList::SoftSkills) => "skills.soft_skills".into(),
            Self::Skills(SkillList::Tools) => "skills.tools".into(),
        }
    }
}

/// Reads `[i]` at the start of `text`, returning `i` and the rest.
fn index_prefix(text: &str) -> Option<(usize, &str)> {
    let inner = text.strip_prefix('[')?;
    let (number, rest) = inner.split_once(']')?;
    Some((number.parse().ok()?, rest))
}

fn parse_experience(rest: &str) -> Result<Target, Rejection> {
    let (job, field) = index_prefix(rest).ok_or(Rejection::UnknownTarget)?;
    let Some(line_part) = field.strip_prefix(".description") else {
        return Err(protected_or_unknown(field));
    };
    let (line, tail) = index_prefix(line_part).ok_or(Rejection::UnknownTarget)?;
    if tail.is_empty() {
        Ok(Target::ExperienceLine { job, line })
    } else {
        Err(Rejection::UnknownTarget)
    }
}

fn parse_project(rest: &str) -> Result<Target, Rejection> {
    let (project, field) = index_prefix(rest).ok_or(Rejection::UnknownTarget)?;
    match field {
        ".description" => Ok(Target::ProjectDescription { project }),
        other => Err(protected_or_unknown(other)),
    }
}

/// A field of an experience or project item other than its description.
fn protected_or_unknown(field: &str) -> Rejection {
    const ITEM_FIELDS: &[&str] = &[
        ".company",
        ".position",
        ".start_date",
        ".end_date",
        ".location",
        ".name",
        ".technologies",
        ".url",
        ".id",
    ];
    if ITEM_FIELDS.iter().any(|known| field.starts_with(known)) {
        Rejection::NotEditable
    } else {
        Rejection::UnknownTarget
    }
}

/// Collapses runs of whitespace and trims, for comparing texts.
pub fn normalize_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Bullet marks that may start a description line.
const BULLETS: &[char] = &['-', '*', '•', '·', '–', '▪', '‣', '◦'];

/// Splits a leading bullet mark (with its spacing) from a line.
fn split_bullet(line: &str) -> (&str, &str) {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    match trimmed.strip_prefix(BULLETS) {
        Some(after) if after.starts_with(char::is_whitespace) => {
            let body = after.trim_start();
            line.split_at(line.len() - body.len())
        }
        _ => line.split_at(lead),
    }
}

/// Whether `original` is the same text as `current`, ignoring whitespace
/// and leading bullet marks.
fn same_text(original: &str, current: &str) -> bool {
    let strip = |text: &str| normalize_ws(split_bullet(text.trim()).1);
    strip(original) == strip(current)
}

/// The text a target currently holds, as it is shown to the model.
pub fn current_text(content: &ResumeContent, target: Target) -> Option<String> {
    match target {
        Target::Summary => content.basic.summary.clone(),
        Target::ExperienceLine { job, line } => {
            let description = &content.experience.get(job)?.description;
            description.lines().nth(line).map(str::to_owned)
        }
        Target::ProjectDescription { project } => {
            Some(content.projects.get(project)?.description.clone())
        }
        Target::Skills(list) => Some(SkillList::of(content, list).join(", ")),
    }
}

/// Applies one edit to `content`.
///
/// # Errors
/// The [`Rejection`] that explains why nothing was changed.
pub fn apply(content: &mut ResumeContent, edit: &Edit) -> Result<Target, Rejection> {
    let target = Target::parse(&edit.target)?;
    let current = current_text(content, target).ok_or(Rejection::OutOfRange)?;
    if !same_text(&edit.original, &current) {
        return Err(Rejection::OriginalMismatch);
    }
    let replacement = edit.replacement.trim();
    if replacement.is_empty() || same_text(replacement, &current) {
        return Err(Rejection::NoChange);
    }

    match target {
        Target::Summary => content.basic.summary = Some(replacement.to_owned()),
        Target::ExperienceLine { job, line } => replace_line(content, job, line, replacement)?,
        Target::ProjectDescription { project } => {
            let item = content
                .projects
                .get_mut(project)
                .ok_or(Rejection::OutOfRange)?;
            item.description = replacement.to_owned();
        }
        Target::Skills(list) => reorder_skills(content, list, replacement)?,
    }
    Ok(target)
}

/// Replaces one description line, keeping its bullet mark, as one line.
fn replace_line(
    content: &mut ResumeContent,
    job: usize,
    line: usize,
    replacement: &str,
) -> Result<(), Rejection> {
    let item = content
        .experience
        .get_mut(job)
        .ok_or(Rejection::OutOfRange)?;
    let mut lines: Vec<String> = item.description.lines().map(str::to_owned).collect();
    let slot = lines.get_mut(line).ok_or(Rejection::OutOfRange)?;

    let (mark, _) = split_bullet(slot);
    let body = normalize_ws(split_bullet(replacement).1);
    *slot = format!("{mark}{body}");
    item.description = lines.join("\n");
    Ok(())
}

/// Puts the listed skills first in `list`, in the given order, moving any
/// that sit in another category; skills not mentioned keep their place
/// after them. No skill is ever removed, and none may be added.
fn reorder_skills(
    content: &mut ResumeContent,
    list: SkillList,
    replacement: &str,
) -> Result<(), Rejection> {
    let wanted: Vec<&str> = replacement
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut moved = Vec::with_capacity(wanted.len());
    for name in &wanted {
        let found = find_skill(content, name).ok_or(Rejection::NewSkill)?;
        if !moved.contains(&found) {
            moved.push(found);
        }
    }

    for other in SkillList::ALL {
        SkillList::of_mut(content, other).retain(|skill| !moved.contains(skill));
    }
    let rest = std::mem::take(SkillList::of_mut(content, list));
    let target = SkillList::of_mut(content, list);
    target.extend(moved);
    target.extend(rest);
    Ok(())
}

/// The listed skill (as the resume spells it) that `name` names.
fn find_skill(content: &ResumeContent, name: &str) -> Option<String> {
    let wanted = normalize_ws(name).to_lowercase();
    content
        .skills
        .iter()
        .find(|skill| normalize_ws(skill).to_lowercase() == wanted)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use resume_domain::{Experience, Project};

    fn resume() -> ResumeContent {
        let mut content = ResumeContent::default();
        content.basic.summary = Some("Backend engineer.".into());
        content.experience.push(Experience {
            company: "Acme".into(),
            position: "Engineer".into(),
            description: "- Built the billing API\n- Ran the on-call rota".into(),
            ..Experience::default()
        });
        content.projects.push(Project {
            name: "Tracer".into(),
            description: "A tracing tool.".into(),
            ..Project::default()
        });
        content.skills.technical = vec!["Rust".into(), "Go".into()];
        content.skills.tools = vec!["Docker".into()];
        content
    }

    fn edit(target: &str, original: &str, replacement: &str) -> Edit {
        Edit {
            target: target.into(),
            original: original.into(),
            replacement: replacement.into(),
            reason: "fits the job".into(),
        }
    }

    #[test]
    fn the_schema_lists_exactly_the_fields_of_the_types() {
        let schema = edit_list_schema();
        let sample = serde_json::to_value(EditList {
            edits: vec![edit("summary", "a", "b")],
        })
        .unwrap();

        let top: Vec<&String> = sample.as_object().unwrap().keys().collect();
        let schema_top: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
        assert_eq!(top, schema_top);
        assert_eq!(schema["required"], json!(["edits"]));

        let item_schema = &schema["properties"]["edits"]["items"];
        let mut fields: Vec<String> = sample["edits"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let mut schema_fields: Vec<String> = item_schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let mut required: Vec<String> =
            serde_json::from_value(item_schema["required"].clone()).unwrap();
        fields.sort();
        schema_fields.sort();
        required.sort();
        assert_eq!(fields, schema_fields);
        assert_eq!(fields, required);
        assert_eq!(item_schema["additionalProperties"], json!(false));
    }

    #[test]
    fn protected_fields_cannot_be_targeted() {
        for path in [
            "full_name",
            "email",
            "experience[0].company",
            "experience[0].position",
            "experience[0].start_date",
            "education[0].degree",
            "education[0].institution",
            "certifications[0].name",
            "projects[0].name",
        ] {
            assert_eq!(Target::parse(path), Err(Rejection::NotEditable), "{path}");
        }
    }

    #[test]
    fn editable_paths_are_read_with_their_indices() {
        assert_eq!(Target::parse("summary"), Ok(Target::Summary));
        assert_eq!(
            Target::parse("experience[2].description[5]"),
            Ok(Target::ExperienceLine { job: 2, line: 5 })
        );
        assert_eq!(
            Target::parse("projects[1].description"),
            Ok(Target::ProjectDescription { project: 1 })
        );
        assert_eq!(
            Target::parse("skills.tools"),
            Ok(Target::Skills(SkillList::Tools))
        );
        assert_eq!(
            Target::parse("experience[x].description[0]"),
            Err(Rejection::UnknownTarget)
        );
        assert_eq!(Target::parse("whatever"), Err(Rejection::UnknownTarget));
    }

    #[test]
    fn a_bullet_is_replaced_in_place_and_keeps_its_mark() {
        let mut content = resume();
        let applied = apply(
            &mut content,
            &edit(
                "experience[0].description[1]",
                "Ran  the on-call\nrota",
                "Led the on-call rota for the payments platform",
            ),
        );
        assert_eq!(applied, Ok(Target::ExperienceLine { job: 0, line: 1 }));
        assert_eq!(
            content.experience[0].description,
            "- Built the billing API\n- Led the on-call rota for the payments platform"
        );
    }

    #[test]
    fn an_edit_whose_original_is_not_the_current_text_is_refused() {
        let mut content = resume();
        let before = content.clone();
        let result = apply(
            &mut content,
            &edit("summary", "Frontend engineer.", "Anything"),
        );
        assert_eq!(result, Err(Rejection::OriginalMismatch));
        assert_eq!(content, before);
    }

    #[test]
    fn an_edit_of_a_missing_line_is_out_of_range() {
        let mut content = resume();
        let result = apply(
            &mut content,
            &edit("experience[0].description[7]", "x", "y"),
        );
        assert_eq!(result, Err(Rejection::OutOfRange));
    }

    #[test]
    fn skills_can_be_reordered_and_moved_but_never_added_or_lost() {
        let mut content = resume();
        apply(
            &mut content,
            &edit("skills.technical", "Rust, Go", "Docker, Go"),
        )
        .unwrap();
        assert_eq!(content.skills.technical, ["Docker", "Go", "Rust"]);
        assert!(content.skills.tools.is_empty());

        let result = apply(
            &mut content,
            &edit("skills.technical", "Docker, Go, Rust", "Kotlin"),
        );
        assert_eq!(result, Err(Rejection::NewSkill));
        assert_eq!(content.skills.len(), 3);
    }

    #[test]
    fn an_empty_or_identical_replacement_changes_nothing() {
        let mut content = resume();
        assert_eq!(
            apply(&mut content, &edit("summary", "Backend engineer.", " ")),
            Err(Rejection::NoChange)
        );
        assert_eq!(
            apply(
                &mut content,
                &edit("summary", "Backend engineer.", "Backend  engineer.")
            ),
            Err(Rejection::NoChange)
        );
    }
}
