//! Turns the extracted text of a resume into structured sections.
//!
//! [`ResumeTextParser`] implements the domain port
//! [`resume_domain::ports::ResumeParser`]. It works on lines:
//! it finds the person's name, splits the text into sections at headings
//! (many wordings, English, Spanish, French and German), then reads each
//! section with rules for its kind. It is pure, never fails and never panics;
//! what it cannot find is left empty. Input beyond [`MAX_TEXT_BYTES`] and the
//! part of a line beyond [`MAX_LINE_BYTES`] are ignored, which bounds the time
//! spent on hostile input.
//!
//! Known limits: the rules tell titles from employers with word lists
//! (`Engineer`, `GmbH`, `University`), so an employer named only with
//! uncommon words next to an uncommon title may swap the two; layouts that
//! interleave two columns line by line (as `pdftotext -layout` does) are not
//! untangled.

#![deny(missing_docs)]

mod contact;
mod dates;
mod education;
mod entries;
mod experience;
mod headings;
mod lexicon;
mod skills;
mod text;
mod works;
mod wrap;

use std::sync::Arc;

use resume_domain::ports::{ResumeParser, SkillTaxonomy};
use resume_domain::{DocumentFormat, ExtractedDocument, ResumeContent};

use crate::headings::{heading_kind, inline_heading, SectionKind};
use crate::text::Line;

pub use crate::text::{MAX_LINE_BYTES, MAX_TEXT_BYTES};

/// The rule-based resume parser.
#[derive(Clone)]
pub struct ResumeTextParser {
    taxonomy: Arc<dyn SkillTaxonomy>,
}

impl std::fmt::Debug for ResumeTextParser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResumeTextParser").finish_non_exhaustive()
    }
}

impl ResumeTextParser {
    /// A parser that sorts skills into categories with `taxonomy`.
    pub fn new(taxonomy: Arc<dyn SkillTaxonomy>) -> Self {
        Self { taxonomy }
    }
}

impl ResumeParser for ResumeTextParser {
    fn parse(&self, document: &ExtractedDocument) -> ResumeContent {
        let lines = text::lines(&document.text);
        let lines = match document.format {
            DocumentFormat::Pdf => wrap::join_wrapped(lines),
            _ => lines,
        };
        let mut content = ResumeContent::default();
        let email = early_email(&lines)
            .or_else(|| contact::find_email(text::truncate(&document.text, MAX_TEXT_BYTES)));
        let email = email.or_else(|| mailto(&document.links));
        let name = contact::name_line(&lines, email.as_deref());
        let sections = split_sections(&lines, name.as_ref().map(|(i, _)| *i));
        content.basic.full_name = name.map(|(_, n)| n);
        content.basic.email = email;
        fill_contact(&mut content, &sections, &lines, document);
        for section in &sections {
            self.read_section(&mut content, section, document);
        }
        content
    }
}

/// A run of lines under one heading.
#[derive(Debug)]
struct Section {
    kind: SectionKind,
    lines: Vec<Line>,
}

impl Section {
    fn refs(&self) -> Vec<&Line> {
        self.lines.iter().collect()
    }
}

/// Splits the lines at headings; the name line also opens a contact block,
/// which matters when a sidebar column comes before the name.
fn split_sections(lines: &[Line], name_line: Option<usize>) -> Vec<Section> {
    let mut sections = vec![Section {
        kind: SectionKind::Preamble,
        lines: Vec::new(),
    }];
    for (i, line) in lines.iter().enumerate() {
        let current = sections.last().map_or(SectionKind::Preamble, |s| s.kind);
        if Some(i) == name_line {
            sections.push(Section {
                kind: SectionKind::Contact,
                lines: Vec::new(),
            });
            continue;
        }
        if let Some(kind) = heading_kind(line) {
            sections.push(Section {
                kind,
                lines: Vec::new(),
            });
            continue;
        }
        if !matches!(current, SectionKind::Skills | SectionKind::Qualifications) {
            if let Some((kind, rest)) = inline_heading(line) {
                let first = Line::plain(rest);
                sections.push(Section {
                    kind,
                    lines: vec![first],
                });
                continue;
            }
        }
        if let Some(section) = sections.last_mut() {
            section.lines.push(line.clone());
        }
    }
    sections
}

/// An e-mail address in the first lines, where contact details usually are.
fn early_email(lines: &[Line]) -> Option<String> {
    lines
        .iter()
        .take(12)
        .find_map(|l| contact::find_email(&l.text))
}

fn mailto(links: &[resume_domain::Link]) -> Option<String> {
    links.iter().find_map(|l| {
        l.target
            .strip_prefix("mailto:")
            .map(|e| e.split('?').next().unwrap_or(e).to_string())
    })
}

/// Phone, LinkedIn and location from the contact block and the lines near the
/// e-mail address.
fn fill_contact(
    content: &mut ResumeContent,
    sections: &[Section],
    lines: &[Line],
    document: &ExtractedDocument,
) {
    let mut contact_lines: Vec<&Line> = sections
        .iter()
        .filter(|s| matches!(s.kind, SectionKind::Preamble | SectionKind::Contact))
        .flat_map(|s| s.lines.iter())
        .collect();
    let with_email = lines.iter().filter(|l| l.text.contains('@'));
    contact_lines.extend(with_email);
    let joined: Vec<&str> = contact_lines.iter().map(|l| l.text.as_str()).collect();
    content.basic.phone = joined.iter().find_map(|l| contact::find_phone(l));
    let text = text::truncate(&document.text, MAX_TEXT_BYTES);
    content.basic.linkedin = contact::find_linkedin(text, &document.links);
    content.basic.location = contact::find_location(&contact_lines);
    if content.basic.summary.is_none() {
        content.basic.summary = sections
            .iter()
            .filter(|s| s.kind == SectionKind::Preamble)
            .flat_map(|s| s.lines.iter())
            .find(|l| text::is_sentence(&l.text))
            .map(|l| l.text.clone());
    }
}

impl ResumeTextParser {
    fn read_section(
        &self,
        content: &mut ResumeContent,
        section: &Section,
        document: &ExtractedDocument,
    ) {
        let lines = section.refs();
        match section.kind {
            SectionKind::Preamble | SectionKind::Contact | SectionKind::Ignored => {}
            SectionKind::Summary => read_summary(content, &lines),
            SectionKind::Skills => self.read_skills(content, &lines),
            SectionKind::Qualifications if lines.iter().any(|l| education::has_degree(&l.text)) => {
                read_training(content, &lines);
            }
            SectionKind::Qualifications => self.read_skills(content, &lines),
            SectionKind::Experience => content.experience.extend(experience::parse(&lines)),
            SectionKind::Education => content.education.extend(education::parse(&lines)),
            SectionKind::EducationAndCertifications => read_training(content, &lines),
            SectionKind::Certifications => content
                .certifications
                .extend(entries::certifications(&lines)),
            SectionKind::Projects => content
                .projects
                .extend(works::projects(&lines, &document.links)),
            SectionKind::Languages => content.languages.extend(entries::languages(&lines)),
            SectionKind::Publications => content.publications.extend(works::publications(&lines)),
            SectionKind::Interests => content.interests.extend(entries::interests(&lines)),
            SectionKind::Awards
            | SectionKind::AwardsAndVolunteer
            | SectionKind::Volunteer
            | SectionKind::VolunteerMarked => {
                read_activities(content, section.kind, &lines);
            }
        }
    }

    fn read_skills(&self, content: &mut ResumeContent, lines: &[&Line]) {
        let found = skills::parse(lines, self.taxonomy.as_ref());
        content.skills.technical.extend(found.technical);
        content.skills.soft_skills.extend(found.soft_skills);
        content.skills.tools.extend(found.tools);
    }
}

fn read_summary(content: &mut ResumeContent, lines: &[&Line]) {
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    if text.is_empty() {
        return;
    }
    content.basic.summary = Some(match content.basic.summary.take() {
        Some(previous) if !previous.is_empty() => format!("{previous}\n{text}"),
        _ => text,
    });
}

/// A section mixing degrees and certificates: lines naming a degree are
/// education, the others certifications.
fn read_training(content: &mut ResumeContent, lines: &[&Line]) {
    let (degrees, certificates): (Vec<&Line>, Vec<&Line>) =
        lines.iter().partition(|l| education::has_degree(&l.text));
    content.education.extend(education::parse(&degrees));
    content
        .certifications
        .extend(entries::certifications(&certificates));
}

fn read_activities(content: &mut ResumeContent, kind: SectionKind, lines: &[&Line]) {
    for item in entries::items(lines) {
        let volunteering = match kind {
            SectionKind::Awards => false,
            SectionKind::Volunteer => true,
            _ => entries::is_volunteering(&item),
        };
        if volunteering {
            content
                .volunteer_experience
                .extend(entries::volunteer(&item));
        } else if kind != SectionKind::VolunteerMarked {
            let award = entries::award(&item);
            if !award.title.is_empty() {
                content.awards.push(award);
            }
        }
    }
}
