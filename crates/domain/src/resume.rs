//! The resume model shared by the parser, the enhancers, the store and the API.
//!
//! Every list item carries an `id` that is unique within its section of one
//! stored resume, so that clients can address an item when they edit it. Ids
//! are assigned by [`ResumeContent::assign_item_ids`]; `0` means "not yet
//! assigned". Multi-line descriptions keep one bullet or sentence per line.

use serde::{Deserialize, Serialize};

use crate::date::ResumeDate;

/// Contact details and the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicInfo {
    /// Name without post-nominal letters.
    pub full_name: Option<String>,
    /// Email as written.
    pub email: Option<String>,
    /// Phone as written.
    pub phone: Option<String>,
    /// LinkedIn profile as an `https://` URL.
    pub linkedin: Option<String>,
    /// The candidate's own location as written.
    pub location: Option<String>,
    /// Professional summary.
    pub summary: Option<String>,
}

/// The three skill categories of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillCategory {
    /// Languages, frameworks, methods, domain knowledge.
    Technical,
    /// Interpersonal and organisational skills.
    SoftSkills,
    /// Products and instruments people operate.
    Tools,
}

/// Skills sorted into the three categories of the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skills {
    /// Technical skills.
    #[serde(default)]
    pub technical: Vec<String>,
    /// Soft skills.
    #[serde(default)]
    pub soft_skills: Vec<String>,
    /// Tools.
    #[serde(default)]
    pub tools: Vec<String>,
}

impl Skills {
    /// Every skill, technical first, then soft skills, then tools.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.technical
            .iter()
            .chain(&self.soft_skills)
            .chain(&self.tools)
    }

    /// How many skills there are in all.
    pub fn len(&self) -> usize {
        self.technical.len() + self.soft_skills.len() + self.tools.len()
    }

    /// Whether there is no skill at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The list for one category.
    pub fn category_mut(&mut self, category: SkillCategory) -> &mut Vec<String> {
        match category {
            SkillCategory::Technical => &mut self.technical,
            SkillCategory::SoftSkills => &mut self.soft_skills,
            SkillCategory::Tools => &mut self.tools,
        }
    }
}

/// A job held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experience {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// Employer without its city.
    pub company: String,
    /// Job title as written.
    pub position: String,
    /// When it started.
    pub start_date: Option<ResumeDate>,
    /// When it ended, or `Present`.
    pub end_date: Option<ResumeDate>,
    /// Bullets or sentences, one per line.
    #[serde(default)]
    pub description: String,
    /// City or region of the job.
    pub location: Option<String>,
}

impl Experience {
    /// Whether the job is still held.
    pub fn is_current(&self) -> bool {
        self.end_date.as_ref().is_some_and(ResumeDate::is_present)
    }
}

/// A degree or diploma.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// School or university.
    pub institution: String,
    /// Degree as written (`B.S.`, `MSc`).
    pub degree: Option<String>,
    /// Field of study as written.
    pub field_of_study: Option<String>,
    /// Completion year.
    pub graduation_year: Option<i32>,
    /// Grade point average as written.
    pub gpa: Option<String>,
    /// Where the school is.
    pub location: Option<String>,
}

/// A certification or professional licence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certification {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// Name as written.
    pub name: String,
    /// Issuing body.
    pub issuer: Option<String>,
    /// When it was issued.
    pub issue_date: Option<ResumeDate>,
    /// When it expires.
    pub expiration_date: Option<ResumeDate>,
    /// Credential or licence number.
    pub credential_id: Option<String>,
}

/// A project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// Project name.
    pub name: String,
    /// What it is and what was done.
    #[serde(default)]
    pub description: String,
    /// Technologies used.
    #[serde(default)]
    pub technologies: Vec<String>,
    /// When it started.
    pub start_date: Option<ResumeDate>,
    /// When it ended.
    pub end_date: Option<ResumeDate>,
    /// Where it can be seen.
    pub url: Option<String>,
}

/// A spoken language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// Language name.
    pub name: String,
    /// Proficiency as written (`Native`, `B1`).
    pub proficiency: Option<String>,
}

/// An award or honour.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Award {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// Award name without issuer or year.
    pub title: String,
    /// Who gave it.
    pub issuer: Option<String>,
    /// When.
    pub date: Option<ResumeDate>,
    /// What it was for.
    pub description: Option<String>,
}

/// A publication.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// Title only.
    pub title: String,
    /// Journal, conference or publisher.
    pub publisher: Option<String>,
    /// When it appeared.
    pub publication_date: Option<ResumeDate>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Authors in order.
    #[serde(default)]
    pub authors: Vec<String>,
}

/// Unpaid work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volunteer {
    /// Item id within the section.
    #[serde(default)]
    pub id: u32,
    /// The organisation.
    pub organization: String,
    /// The role held.
    pub role: Option<String>,
    /// When it started.
    pub start_date: Option<ResumeDate>,
    /// When it ended, or `Present`.
    pub end_date: Option<ResumeDate>,
    /// What was done.
    pub description: Option<String>,
}

/// Every section of a resume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumeContent {
    /// Contact details and summary.
    #[serde(flatten)]
    pub basic: BasicInfo,
    /// Categorised skills.
    #[serde(default)]
    pub skills: Skills,
    /// Jobs, most recent first as written.
    #[serde(default)]
    pub experience: Vec<Experience>,
    /// Degrees.
    #[serde(default)]
    pub education: Vec<Education>,
    /// Certifications and licences.
    #[serde(default)]
    pub certifications: Vec<Certification>,
    /// Projects.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Spoken languages.
    #[serde(default)]
    pub languages: Vec<Language>,
    /// Awards.
    #[serde(default)]
    pub awards: Vec<Award>,
    /// Publications.
    #[serde(default)]
    pub publications: Vec<Publication>,
    /// Volunteer work.
    #[serde(default)]
    pub volunteer_experience: Vec<Volunteer>,
    /// Interests and hobbies.
    #[serde(default)]
    pub interests: Vec<String>,
}

/// Gives every item with id `0` the next free id of its section.
fn assign_ids<T>(items: &mut [T], id: impl Fn(&mut T) -> &mut u32) {
    let mut next = items.iter_mut().map(|item| *id(item)).max().unwrap_or(0);
    for item in items.iter_mut() {
        let slot = id(item);
        if *slot == 0 {
            next += 1;
            *slot = next;
        }
    }
}

impl ResumeContent {
    /// Gives every list item that has none (`id == 0`) an id unique within its
    /// section; existing ids are kept.
    pub fn assign_item_ids(&mut self) {
        assign_ids(&mut self.experience, |i| &mut i.id);
        assign_ids(&mut self.education, |i| &mut i.id);
        assign_ids(&mut self.certifications, |i| &mut i.id);
        assign_ids(&mut self.projects, |i| &mut i.id);
        assign_ids(&mut self.languages, |i| &mut i.id);
        assign_ids(&mut self.awards, |i| &mut i.id);
        assign_ids(&mut self.publications, |i| &mut i.id);
        assign_ids(&mut self.volunteer_experience, |i| &mut i.id);
    }

    /// Whether nothing at all was found.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_items_get_ids_after_the_largest_existing_one() {
        let mut content = ResumeContent {
            experience: vec![
                Experience {
                    id: 0,
                    ..Experience::default()
                },
                Experience {
                    id: 7,
                    ..Experience::default()
                },
                Experience {
                    id: 0,
                    ..Experience::default()
                },
            ],
            ..ResumeContent::default()
        };
        content.assign_item_ids();
        let ids: Vec<u32> = content.experience.iter().map(|e| e.id).collect();
        assert_eq!(ids, [8, 7, 9]);
    }

    #[test]
    fn basic_info_is_flattened_into_the_resume_json() {
        let mut content = ResumeContent::default();
        content.basic.full_name = Some("Ada Lovelace".into());
        let json = serde_json::to_value(&content).unwrap();
        assert_eq!(json["full_name"], "Ada Lovelace");
        assert!(json["skills"]["technical"].is_array());
    }
}
