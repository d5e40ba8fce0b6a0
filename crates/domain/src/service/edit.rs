//! Editing a stored resume: PUT replaces, PATCH merges.
//!
//! Bodies arrive as JSON values so that every rule of the contract can be
//! checked with the offending field named:
//! - PUT replaces what it names: the whole resume (absent fields are
//!   cleared) or a whole section. Item ids sent with PUT are ignored and the
//!   items are numbered afresh.
//! - PATCH changes only the fields it carries. In a list section an item with
//!   an `id` updates that item (only the fields it carries), an item without
//!   one is appended. Interests and flat skill lists are appended, skipping
//!   duplicates; a skill category sent by name replaces that category.
//! - Read-only fields (`id`, `user`, `job`, `created_at`, `updated_at`,
//!   `engine`, `match`, and the derived `period` of an experience) are
//!   ignored; any other unknown field, a wrong type or an invalid value is
//!   refused, naming the field. An item's `id` must be a positive integer
//!   even where it is not used (PUT), and an experience's `is_current` a
//!   boolean.
//! - Numbers follow JSON Schema: `2020.0` is the integer 2020.
//! - Skills may be sent categorised or as a flat list; a flat list is sorted
//!   into categories with the skill taxonomy.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::date::ResumeDate;
use crate::error::ValidationError;
use crate::ids::Email;
use crate::ports::SkillTaxonomy;
use crate::resume::{
    Award, BasicInfo, Certification, Education, Experience, Language, Project, Publication,
    ResumeContent, Skills, Volunteer,
};

/// Longest string accepted in any field, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most items accepted in one list.
pub const MAX_ITEMS: usize = 200;

/// Top-level fields of a stored resume that clients may send back but never write.
pub const READ_ONLY_FIELDS: [&str; 7] = [
    "id",
    "user",
    "job",
    "created_at",
    "updated_at",
    "engine",
    "match",
];

/// How an edit treats what it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditMode {
    /// PUT: replace the target.
    Replace,
    /// PATCH: change only the fields carried.
    Merge,
}

/// The sections that have their own endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Work experience (body key `experiences`).
    Experiences,
    /// Contact details and summary (flat body).
    BasicInfo,
    /// Skills (body key `skills`).
    Skills,
    /// Education (body key `education`).
    Education,
    /// Certifications (body key `certifications`).
    Certifications,
    /// Projects (body key `projects`).
    Projects,
    /// Languages (body key `languages`).
    Languages,
    /// Awards (body key `awards`).
    Awards,
    /// Publications (body key `publications`).
    Publications,
    /// Volunteer experience (body key `volunteer_experience`).
    VolunteerExperience,
    /// Interests (body key `interests`).
    Interests,
}

impl Section {
    /// Every section, in the order of the API document.
    pub const ALL: [Self; 11] = [
        Self::Experiences,
        Self::BasicInfo,
        Self::Skills,
        Self::Education,
        Self::Certifications,
        Self::Projects,
        Self::Languages,
        Self::Awards,
        Self::Publications,
        Self::VolunteerExperience,
        Self::Interests,
    ];

    /// The key that holds the section in request and response bodies
    /// (`None` for basic info, whose fields sit at the top level).
    pub const fn body_key(self) -> Option<&'static str> {
        match self {
            Self::Experiences => Some("experiences"),
            Self::BasicInfo => None,
            Self::Skills => Some("skills"),
            Self::Education => Some("education"),
            Self::Certifications => Some("certifications"),
            Self::Projects => Some("projects"),
            Self::Languages => Some("languages"),
            Self::Awards => Some("awards"),
            Self::Publications => Some("publications"),
            Self::VolunteerExperience => Some("volunteer_experience"),
            Self::Interests => Some("interests"),
        }
    }

    /// The rules for the items of a list section; `None` for basic info,
    /// skills and interests, which hold no items.
    pub const fn item_rules(self) -> Option<&'static ItemRules> {
        match self {
            Self::Experiences => Some(&EXPERIENCE),
            Self::Education => Some(&EDUCATION),
            Self::Certifications => Some(&CERTIFICATION),
            Self::Projects => Some(&PROJECT),
            Self::Languages => Some(&LANGUAGE),
            Self::Awards => Some(&AWARD),
            Self::Publications => Some(&PUBLICATION),
            Self::VolunteerExperience => Some(&VOLUNTEER),
            Self::BasicInfo | Self::Skills | Self::Interests => None,
        }
    }
}

/// What the items of a list section must hold. Public so that adapters can
/// describe request bodies with the same rules the edit applies.
#[derive(Debug)]
pub struct ItemRules {
    /// At least one of these must be a non-empty string.
    pub key_fields: &'static [&'static str],
    /// Fields holding dates (`YYYY-MM`, `YYYY`, `Present` or null).
    pub date_fields: &'static [&'static str],
    /// Fields holding a year (an integer in [`YEARS`] or null).
    pub year_fields: &'static [&'static str],
    /// Derived fields clients may send back; ignored.
    pub derived: &'static [&'static str],
}

/// The years accepted in year fields such as `graduation_year`.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;

const EXPERIENCE: ItemRules = ItemRules {
    key_fields: &["company", "position"],
    date_fields: &["start_date", "end_date"],
    year_fields: &[],
    derived: &["period", "is_current"],
};
const EDUCATION: ItemRules = ItemRules {
    key_fields: &["institution", "degree"],
    date_fields: &[],
    year_fields: &["graduation_year"],
    derived: &[],
};
const CERTIFICATION: ItemRules = ItemRules {
    key_fields: &["name"],
    date_fields: &["issue_date", "expiration_date"],
    year_fields: &[],
    derived: &[],
};
const PROJECT: ItemRules = ItemRules {
    key_fields: &["name"],
    date_fields: &["start_date", "end_date"],
    year_fields: &[],
    derived: &[],
};
const LANGUAGE: ItemRules = ItemRules {
    key_fields: &["name"],
    date_fields: &[],
    year_fields: &[],
    derived: &[],
};
const AWARD: ItemRules = ItemRules {
    key_fields: &["title"],
    date_fields: &["date"],
    year_fields: &[],
    derived: &[],
};
const PUBLICATION: ItemRules = ItemRules {
    key_fields: &["title"],
    date_fields: &["publication_date"],
    year_fields: &[],
    derived: &[],
};
const VOLUNTEER: ItemRules = ItemRules {
    key_fields: &["organization"],
    date_fields: &["start_date", "end_date"],
    year_fields: &[],
    derived: &[],
};

const BASIC_FIELDS: [&str; 6] = [
    "full_name",
    "email",
    "phone",
    "linkedin",
    "location",
    "summary",
];

/// Applies an edit of the whole resume (the body of endpoint 6).
///
/// # Errors
/// [`ValidationError`] naming the first offending field; `content` is then
/// left unchanged.
pub fn apply_resume(
    content: &mut ResumeContent,
    mode: EditMode,
    body: &Value,
    taxonomy: &dyn SkillTaxonomy,
) -> Result<(), ValidationError> {
    let fields = object(body, "body")?;
    let mut next = match mode {
        EditMode::Replace => ResumeContent::default(),
        EditMode::Merge => content.clone(),
    };
    for (key, value) in fields {
        if READ_ONLY_FIELDS.contains(&key.as_str()) {
            continue;
        }
        apply_field(&mut next, key, value, mode, taxonomy)?;
    }
    *content = next;
    Ok(())
}

fn apply_field(
    next: &mut ResumeContent,
    key: &str,
    value: &Value,
    mode: EditMode,
    taxonomy: &dyn SkillTaxonomy,
) -> Result<(), ValidationError> {
    match key {
        "skills" => apply_skills(&mut next.skills, value, mode, key, taxonomy),
        "interests" => apply_strings(&mut next.interests, value, mode, key),
        "experience" => apply_list(&mut next.experience, value, mode, key, &EXPERIENCE),
        "education" => apply_list(&mut next.education, value, mode, key, &EDUCATION),
        "certifications" => apply_list(&mut next.certifications, value, mode, key, &CERTIFICATION),
        "projects" => apply_list(&mut next.projects, value, mode, key, &PROJECT),
        "languages" => apply_list(&mut next.languages, value, mode, key, &LANGUAGE),
        "awards" => apply_list(&mut next.awards, value, mode, key, &AWARD),
        "publications" => apply_list(&mut next.publications, value, mode, key, &PUBLICATION),
        "volunteer_experience" => {
            apply_list(&mut next.volunteer_experience, value, mode, key, &VOLUNTEER)
        }
        basic if BASIC_FIELDS.contains(&basic) => set_basic(&mut next.basic, basic, value),
        unknown => Err(ValidationError::new(unknown, "is not a known field")),
    }
}

/// Applies an edit of one section (the bodies of endpoints 8 to 18).
///
/// # Errors
/// [`ValidationError`] naming the first offending field; `content` is then
/// left unchanged.
pub fn apply_section(
    content: &mut ResumeContent,
    section: Section,
    mode: EditMode,
    body: &Value,
    taxonomy: &dyn SkillTaxonomy,
) -> Result<(), ValidationError> {
    let fields = object(body, "body")?;
    let mut next = content.clone();
    match section.body_key() {
        None => apply_basic_section(&mut next.basic, fields, mode)?,
        Some(key) => {
            if let Some(unknown) = fields
                .keys()
                .find(|k| k.as_str() != key && !READ_ONLY_FIELDS.contains(&k.as_str()))
            {
                return Err(ValidationError::new(
                    unknown.as_str(),
                    "is not a known field",
                ));
            }
            match (fields.get(key), mode) {
                (Some(value), _) => {
                    apply_section_value(&mut next, section, key, value, mode, taxonomy)?
                }
                (None, EditMode::Replace) => return Err(ValidationError::new(key, "is required")),
                (None, EditMode::Merge) => {}
            }
        }
    }
    *content = next;
    Ok(())
}

fn apply_section_value(
    next: &mut ResumeContent,
    section: Section,
    key: &str,
    value: &Value,
    mode: EditMode,
    taxonomy: &dyn SkillTaxonomy,
) -> Result<(), ValidationError> {
    // The section body says `experiences` where the resume says `experience`.
    match section {
        Section::Experiences => apply_list(&mut next.experience, value, mode, key, &EXPERIENCE),
        _ => apply_field(next, key, value, mode, taxonomy),
    }
}

fn apply_basic_section(
    basic: &mut BasicInfo,
    fields: &Map<String, Value>,
    mode: EditMode,
) -> Result<(), ValidationError> {
    if mode == EditMode::Replace {
        *basic = BasicInfo::default();
    }
    for (key, value) in fields {
        if BASIC_FIELDS.contains(&key.as_str()) {
            set_basic(basic, key, value)?;
        } else if !READ_ONLY_FIELDS.contains(&key.as_str()) {
            return Err(ValidationError::new(key.as_str(), "is not a known field"));
        }
    }
    Ok(())
}

fn set_basic(basic: &mut BasicInfo, key: &str, value: &Value) -> Result<(), ValidationError> {
    let text = optional_text(value, key)?;
    if key == "email" {
        if let Some(email) = &text {
            Email::parse(email)?;
        }
    }
    let slot = match key {
        "full_name" => &mut basic.full_name,
        "email" => &mut basic.email,
        "phone" => &mut basic.phone,
        "linkedin" => &mut basic.linkedin,
        "location" => &mut basic.location,
        _ => &mut basic.summary,
    };
    *slot = text;
    Ok(())
}

fn object<'a>(value: &'a Value, field: &str) -> Result<&'a Map<String, Value>, ValidationError> {
    value
        .as_object()
        .ok_or_else(|| ValidationError::new(field, "must be a JSON object"))
}

fn array<'a>(value: &'a Value, field: &str) -> Result<&'a Vec<Value>, ValidationError> {
    let items = value
        .as_array()
        .ok_or_else(|| ValidationError::new(field, "must be a list"))?;
    if items.len() > MAX_ITEMS {
        return Err(ValidationError::new(
            field,
            format!("must have at most {MAX_ITEMS} items"),
        ));
    }
    Ok(items)
}

/// A string or null, trimmed; empty strings become `None`.
fn optional_text(value: &Value, field: &str) -> Result<Option<String>, ValidationError> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => {
            check_length(text, field)?;
            let text = text.trim();
            Ok((!text.is_empty()).then(|| text.to_owned()))
        }
        _ => Err(ValidationError::new(field, "must be a string or null")),
    }
}

fn check_length(text: &str, field: &str) -> Result<(), ValidationError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ValidationError::new(
            field,
            format!("must be at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

fn string_list(value: &Value, field: &str) -> Result<Vec<String>, ValidationError> {
    let mut out = Vec::new();
    for (i, item) in array(value, field)?.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let text = item
            .as_str()
            .ok_or_else(|| ValidationError::new(&path, "must be a string"))?;
        check_length(text, &path)?;
        let text = text.trim();
        if !text.is_empty() {
            out.push(text.to_owned());
        }
    }
    Ok(out)
}

/// Appends the strings not yet present (case-insensitively).
fn extend_unique(list: &mut Vec<String>, items: Vec<String>) {
    for item in items {
        if !list.iter().any(|have| have.eq_ignore_ascii_case(&item)) {
            list.push(item);
        }
    }
}

fn apply_strings(
    list: &mut Vec<String>,
    value: &Value,
    mode: EditMode,
    field: &str,
) -> Result<(), ValidationError> {
    let items = string_list(value, field)?;
    if mode == EditMode::Replace {
        list.clear();
    }
    extend_unique(list, items);
    Ok(())
}

fn apply_skills(
    skills: &mut Skills,
    value: &Value,
    mode: EditMode,
    field: &str,
    taxonomy: &dyn SkillTaxonomy,
) -> Result<(), ValidationError> {
    if mode == EditMode::Replace {
        *skills = Skills::default();
    }
    if value.is_array() {
        for skill in string_list(value, field)? {
            let list = skills.category_mut(taxonomy.category_of(&skill));
            extend_unique(list, vec![skill]);
        }
        return Ok(());
    }
    let categories = value.as_object().ok_or_else(|| {
        ValidationError::new(
            field,
            "must be an object of categories or a list of strings",
        )
    })?;
    for (name, items) in categories {
        let path = format!("{field}.{name}");
        let list = match name.as_str() {
            "technical" => &mut skills.technical,
            "soft_skills" => &mut skills.soft_skills,
            "tools" => &mut skills.tools,
            _ => return Err(ValidationError::new(path, "is not a known skill category")),
        };
        list.clear();
        extend_unique(list, string_list(items, &path)?);
    }
    Ok(())
}

/// Items of list sections: they all carry an `id`.
trait Item: Serialize + DeserializeOwned + Default + Clone {
    fn id(&self) -> u32;
    fn set_id(&mut self, id: u32);
}

macro_rules! item {
    ($($ty:ty),*) => {$(
        impl Item for $ty {
            fn id(&self) -> u32 {
                self.id
            }
            fn set_id(&mut self, id: u32) {
                self.id = id;
            }
        }
    )*};
}
item!(
    Experience,
    Education,
    Certification,
    Project,
    Language,
    Award,
    Publication,
    Volunteer
);

fn apply_list<T: Item>(
    list: &mut Vec<T>,
    value: &Value,
    mode: EditMode,
    field: &str,
    rules: &ItemRules,
) -> Result<(), ValidationError> {
    let items = array(value, field)?;
    if mode == EditMode::Replace {
        list.clear();
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let patch = object(item, &path)?;
        // An id must be valid even where PUT renumbers and so ignores it.
        let id = patch
            .get("id")
            .map(|id| item_id(id, &format!("{path}.id")))
            .transpose()?;
        let target = match (mode, id) {
            (EditMode::Merge, Some(id)) => Some(find_item(list, id, &path)?),
            _ => None,
        };
        let base = target
            .and_then(|at| list.get(at))
            .cloned()
            .unwrap_or_default();
        let merged = merge_item(&base, patch, &path, rules)?;
        match target.and_then(|at| list.get_mut(at)) {
            Some(slot) => *slot = merged,
            None => list.push(merged),
        }
    }
    if mode == EditMode::Replace {
        for (i, item) in list.iter_mut().enumerate() {
            item.set_id(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
    Ok(())
}

fn find_item<T: Item>(list: &[T], id: u32, path: &str) -> Result<usize, ValidationError> {
    list.iter()
        .position(|item| item.id() == id)
        .ok_or_else(|| ValidationError::new(format!("{path}.id"), "no item with this id"))
}

/// An item id: a positive whole number that fits in 32 bits.
fn item_id(value: &Value, field: &str) -> Result<u32, ValidationError> {
    whole_number(value)
        .and_then(|id| u32::try_from(id).ok())
        .filter(|id| *id > 0)
        .ok_or_else(|| ValidationError::new(field, "must be a positive integer"))
}

/// A JSON number without a fractional part, `2020.0` included, as JSON
/// Schema counts integers.
fn whole_number(value: &Value) -> Option<i64> {
    let number = value.as_number()?;
    number.as_i64().or_else(|| {
        number
            .as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0)
            // In range and whole, so the conversion is exact.
            .map(|f| f as i64)
    })
}

fn merge_item<T: Item>(
    base: &T,
    patch: &Map<String, Value>,
    path: &str,
    rules: &ItemRules,
) -> Result<T, ValidationError> {
    let internal = |e: serde_json::Error| ValidationError::new(path, e.to_string());
    let mut merged = match serde_json::to_value(base).map_err(internal)? {
        Value::Object(fields) => fields,
        _ => Map::new(),
    };
    for (key, value) in patch {
        // The id is read by the caller; derived fields are recomputed.
        if key == "id" || rules.derived.contains(&key.as_str()) {
            continue;
        }
        let field = format!("{path}.{key}");
        if !merged.contains_key(key) {
            return Err(ValidationError::new(field, "is not a known field"));
        }
        let value = check_value(key, value, &field, rules)?;
        merged.insert(key.clone(), value);
    }
    ongoing_from_is_current(&mut merged, patch, path)?;

    let item: T = serde_path_to_error::deserialize(Value::Object(merged.clone())).map_err(|e| {
        let at = e.path().to_string();
        ValidationError::new(format!("{path}.{at}"), e.inner().to_string())
    })?;
    let has_key = rules.key_fields.iter().any(|key| {
        merged
            .get(*key)
            .and_then(Value::as_str)
            .is_some_and(|text| !text.trim().is_empty())
    });
    if !has_key {
        let names = rules.key_fields.join(" or ");
        return Err(ValidationError::new(
            path,
            format!("needs a non-empty {names}"),
        ));
    }
    Ok(item)
}

/// An experience sent with `is_current: true` and no end date is ongoing.
/// `is_current` is otherwise ignored like the other derived fields, but it
/// must be a boolean or null.
fn ongoing_from_is_current(
    merged: &mut Map<String, Value>,
    patch: &Map<String, Value>,
    path: &str,
) -> Result<(), ValidationError> {
    let current = match patch.get("is_current") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => {
            return Err(ValidationError::new(
                format!("{path}.is_current"),
                "must be true or false",
            ))
        }
    };
    if current && merged.get("end_date").is_some_and(Value::is_null) {
        merged.insert("end_date".into(), Value::String("Present".into()));
    }
    Ok(())
}

/// Checks one field of an item and returns the value to store.
fn check_value(
    key: &str,
    value: &Value,
    field: &str,
    rules: &ItemRules,
) -> Result<Value, ValidationError> {
    if rules.date_fields.contains(&key) {
        return match value {
            Value::Null => Ok(Value::Null),
            Value::String(text) => ResumeDate::parse_input(field, text).map(|_| value.clone()),
            _ => Err(ValidationError::new(
                field,
                "must be YYYY-MM, YYYY or Present",
            )),
        };
    }
    if rules.year_fields.contains(&key) {
        if value.is_null() {
            return Ok(Value::Null);
        }
        return whole_number(value)
            .filter(|y| YEARS.contains(y))
            .map(Value::from)
            .ok_or_else(|| ValidationError::new(field, "must be a year between 1900 and 2100"));
    }
    check_plain(value, field).map(|()| value.clone())
}

/// Checks the length of a text field or list.
fn check_plain(value: &Value, field: &str) -> Result<(), ValidationError> {
    match value {
        Value::String(text) => check_length(text, field),
        Value::Array(items) if items.len() > MAX_ITEMS => Err(ValidationError::new(
            field,
            format!("must have at most {MAX_ITEMS} items"),
        )),
        Value::Array(items) => items.iter().try_for_each(|item| match item {
            Value::String(text) => check_length(text, field),
            _ => Ok(()),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::resume::SkillCategory;

    struct ToolsEndInR;

    impl SkillTaxonomy for ToolsEndInR {
        fn category_of(&self, skill: &str) -> SkillCategory {
            if skill == "Leadership" {
                SkillCategory::SoftSkills
            } else if skill.ends_with('r') {
                SkillCategory::Tools
            } else {
                SkillCategory::Technical
            }
        }

        fn canonical(&self, term: &str) -> Option<String> {
            Some(term.to_owned())
        }
    }

    fn sample() -> ResumeContent {
        let mut content = ResumeContent::default();
        content.basic.full_name = Some("Ada Lovelace".into());
        content.basic.summary = Some("Engineer".into());
        content.skills.technical = vec!["Rust".into()];
        content.experience = vec![
            Experience {
                company: "Analytical Engines".into(),
                position: "Engineer".into(),
                start_date: ResumeDate::parse_normalized("2020-01"),
                end_date: Some(ResumeDate::Present),
                ..Experience::default()
            },
            Experience {
                company: "Difference Ltd".into(),
                position: "Intern".into(),
                ..Experience::default()
            },
        ];
        content.interests = vec!["Chess".into()];
        content.assign_item_ids();
        content
    }

    fn section(
        content: &mut ResumeContent,
        s: Section,
        mode: EditMode,
        body: Value,
    ) -> Result<(), ValidationError> {
        apply_section(content, s, mode, &body, &ToolsEndInR)
    }

    #[test]
    fn patching_an_item_by_id_changes_only_the_fields_sent() {
        let mut content = sample();
        let body = json!({"experiences": [{"id": 2, "position": "Analyst"}]});
        section(&mut content, Section::Experiences, EditMode::Merge, body).unwrap();
        assert_eq!(content.experience[1].position, "Analyst");
        assert_eq!(content.experience[1].company, "Difference Ltd");
        assert_eq!(content.experience[0].position, "Engineer");
    }

    #[test]
    fn patching_an_item_without_id_appends_it() {
        let mut content = sample();
        let body = json!({"experiences": [{"company": "New Co", "position": "Lead", "start_date": "2024"}]});
        section(&mut content, Section::Experiences, EditMode::Merge, body).unwrap();
        assert_eq!(content.experience.len(), 3);
        assert_eq!(
            content.experience[2].start_date,
            Some(ResumeDate::Year(2024))
        );
    }

    #[test]
    fn putting_a_section_replaces_it_and_renumbers_the_items() {
        let mut content = sample();
        let body = json!({"experiences": [{"id": 9, "company": "Only Co", "position": "Lead",
            "period": "Jan 2020 - Present", "is_current": true}]});
        section(&mut content, Section::Experiences, EditMode::Replace, body).unwrap();
        assert_eq!(content.experience.len(), 1);
        assert_eq!(content.experience[0].id, 1);
        assert_eq!(content.experience[0].end_date, Some(ResumeDate::Present));
    }

    #[test]
    fn whole_numbers_written_with_a_fraction_count_as_integers() {
        let mut content = sample();
        let body = json!({"experiences": [{"id": 2.0, "position": "Analyst"}]});
        section(&mut content, Section::Experiences, EditMode::Merge, body).unwrap();
        assert_eq!(content.experience[1].position, "Analyst");

        let body = json!({"education": [{"institution": "Uni", "graduation_year": 2001.0}]});
        section(&mut content, Section::Education, EditMode::Merge, body).unwrap();
        assert_eq!(
            content.education.last().unwrap().graduation_year,
            Some(2001)
        );

        let body = json!({"education": [{"institution": "Uni", "graduation_year": 2001.5}]});
        let err = section(&mut content, Section::Education, EditMode::Merge, body).unwrap_err();
        assert_eq!(err.field, "education[0].graduation_year");
    }

    #[test]
    fn ids_and_flags_of_the_wrong_type_are_refused_even_where_unused() {
        for (mode, body, field) in [
            (
                EditMode::Replace,
                json!({"experiences": [{"id": {}, "company": "Co"}]}),
                "experiences[0].id",
            ),
            (
                EditMode::Replace,
                json!({"experiences": [{"id": 0, "company": "Co"}]}),
                "experiences[0].id",
            ),
            (
                EditMode::Merge,
                json!({"experiences": [{"company": "Co", "is_current": "yes"}]}),
                "experiences[0].is_current",
            ),
        ] {
            let mut content = sample();
            let before = content.clone();
            let err = section(&mut content, Section::Experiences, mode, body).unwrap_err();
            assert_eq!(err.field, field);
            assert_eq!(content, before);
        }
    }

    #[test]
    fn dates_with_surrounding_space_are_refused() {
        let mut content = sample();
        let body = json!({"experiences": [{"id": 1, "start_date": " 2020-01"}]});
        let err = section(&mut content, Section::Experiences, EditMode::Merge, body).unwrap_err();
        assert_eq!(err.field, "experiences[0].start_date");
    }

    #[test]
    fn invalid_dates_are_refused_naming_the_field() {
        let mut content = sample();
        let before = content.clone();
        let body = json!({"experiences": [{"id": 1, "start_date": "January 2020"}]});
        let err = section(&mut content, Section::Experiences, EditMode::Merge, body).unwrap_err();
        assert_eq!(err.field, "experiences[0].start_date");
        assert_eq!(content, before);
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_refused_naming_the_field() {
        let mut content = sample();
        let err = section(
            &mut content,
            Section::Experiences,
            EditMode::Merge,
            json!({"experiences": [{"id": 1, "salary": 5}]}),
        )
        .unwrap_err();
        assert_eq!(err.field, "experiences[0].salary");

        let err = section(
            &mut content,
            Section::Education,
            EditMode::Replace,
            json!({"education": [{"institution": "MIT", "graduation_year": "soon"}]}),
        )
        .unwrap_err();
        assert_eq!(err.field, "education[0].graduation_year");

        let err = section(
            &mut content,
            Section::Projects,
            EditMode::Replace,
            json!({"projects": [{"name": "x", "technologies": "Rust"}]}),
        )
        .unwrap_err();
        assert_eq!(err.field, "projects[0].technologies");

        let err = section(
            &mut content,
            Section::Skills,
            EditMode::Merge,
            json!({"skils": []}),
        )
        .unwrap_err();
        assert_eq!(err.field, "skils");
    }

    #[test]
    fn an_unknown_item_id_is_refused() {
        let mut content = sample();
        let err = section(
            &mut content,
            Section::Experiences,
            EditMode::Merge,
            json!({"experiences": [{"id": 42, "position": "x"}]}),
        )
        .unwrap_err();
        assert_eq!(err.field, "experiences[0].id");
    }

    #[test]
    fn a_flat_skill_list_is_sorted_into_categories() {
        let mut content = sample();
        let body = json!({"skills": ["Python", "Docker", "Leadership", "Python"]});
        section(&mut content, Section::Skills, EditMode::Replace, body).unwrap();
        assert_eq!(content.skills.technical, ["Python"]);
        assert_eq!(content.skills.tools, ["Docker"]);
        assert_eq!(content.skills.soft_skills, ["Leadership"]);
    }

    #[test]
    fn patching_one_skill_category_keeps_the_others() {
        let mut content = sample();
        content.skills.tools = vec!["Git".into()];
        let body = json!({"skills": {"tools": ["Docker"]}});
        section(&mut content, Section::Skills, EditMode::Merge, body).unwrap();
        assert_eq!(content.skills.tools, ["Docker"]);
        assert_eq!(content.skills.technical, ["Rust"]);
    }

    #[test]
    fn patching_interests_appends_without_duplicates() {
        let mut content = sample();
        section(
            &mut content,
            Section::Interests,
            EditMode::Merge,
            json!({"interests": ["chess", "Hiking"]}),
        )
        .unwrap();
        assert_eq!(content.interests, ["Chess", "Hiking"]);
    }

    #[test]
    fn basic_info_patch_keeps_unsent_fields_and_put_clears_them() {
        let mut content = sample();
        section(
            &mut content,
            Section::BasicInfo,
            EditMode::Merge,
            json!({"location": "Boston, MA"}),
        )
        .unwrap();
        assert_eq!(content.basic.full_name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(content.basic.location.as_deref(), Some("Boston, MA"));

        section(
            &mut content,
            Section::BasicInfo,
            EditMode::Replace,
            json!({"full_name": "Ada King"}),
        )
        .unwrap();
        assert_eq!(content.basic.full_name.as_deref(), Some("Ada King"));
        assert_eq!(content.basic.location, None);
    }

    #[test]
    fn a_malformed_resume_email_is_refused() {
        let mut content = sample();
        let err = section(
            &mut content,
            Section::BasicInfo,
            EditMode::Merge,
            json!({"email": "nope"}),
        )
        .unwrap_err();
        assert_eq!(err.field, "email");
    }

    #[test]
    fn putting_the_whole_resume_ignores_read_only_fields_and_clears_the_rest() {
        let mut content = sample();
        let body = json!({"id": 5, "user": 1, "created_at": "x", "full_name": "Ada King",
            "skills": ["Rust"], "experience": [{"company": "A", "position": "B"}]});
        apply_resume(&mut content, EditMode::Replace, &body, &ToolsEndInR).unwrap();
        assert_eq!(content.basic.full_name.as_deref(), Some("Ada King"));
        assert_eq!(content.basic.summary, None);
        assert_eq!(content.interests, Vec::<String>::new());
        assert_eq!(content.experience.len(), 1);
    }

    #[test]
    fn a_section_body_ignores_read_only_fields_but_not_other_unknown_ones() {
        let mut content = sample();
        let body = json!({"id": 9, "created_at": "x", "summary": "Kept"});
        apply_section(
            &mut content,
            Section::BasicInfo,
            EditMode::Merge,
            &body,
            &ToolsEndInR,
        )
        .unwrap();
        assert_eq!(content.basic.summary.as_deref(), Some("Kept"));

        let body = json!({"user": 3, "interests": ["Chess"]});
        apply_section(
            &mut content,
            Section::Interests,
            EditMode::Replace,
            &body,
            &ToolsEndInR,
        )
        .unwrap();
        assert_eq!(content.interests, vec!["Chess".to_owned()]);

        let body = json!({"interests": ["Go"], "hobbies": ["Go"]});
        let err = apply_section(
            &mut content,
            Section::Interests,
            EditMode::Merge,
            &body,
            &ToolsEndInR,
        )
        .unwrap_err();
        assert_eq!(err.field, "hobbies");
        assert_eq!(content.interests, vec!["Chess".to_owned()]);
    }

    #[test]
    fn patching_the_whole_resume_merges_list_items_by_id() {
        let mut content = sample();
        let body = json!({"summary": "New", "experience": [{"id": 1, "location": "Paris"}]});
        apply_resume(&mut content, EditMode::Merge, &body, &ToolsEndInR).unwrap();
        assert_eq!(content.basic.summary.as_deref(), Some("New"));
        assert_eq!(content.experience[0].location.as_deref(), Some("Paris"));
        assert_eq!(content.experience.len(), 2);
    }

    #[test]
    fn a_put_section_without_its_key_is_refused() {
        let mut content = sample();
        let err = section(&mut content, Section::Awards, EditMode::Replace, json!({})).unwrap_err();
        assert_eq!(err.field, "awards");
        let err =
            section(&mut content, Section::Awards, EditMode::Replace, json!([1])).unwrap_err();
        assert_eq!(err.field, "body");
    }

    #[test]
    fn appended_items_need_their_key_field() {
        let mut content = sample();
        let err = section(
            &mut content,
            Section::Certifications,
            EditMode::Merge,
            json!({"certifications": [{"issuer": "AWS"}]}),
        )
        .unwrap_err();
        assert_eq!(err.field, "certifications[0]");
    }
}
