//! The truthfulness check shared by every enhancer.
//!
//! An enhancer may reorder, regroup and reword a resume, but it may not assert
//! a fact the candidate did not. [`check`] compares an enhanced resume with
//! the [`SourceResume`] it came from and lists every fact that the source does
//! not evidence:
//!
//! * employers, positions, institutions, degrees, fields of study,
//!   certifications and volunteer organisations must occur in the source's
//!   parsed content or its text, compared after [`normalize`] (case, spacing
//!   and punctuation ignored);
//! * skills (the three skill lists and project technologies) must occur the
//!   same way, or name a skill the source names under another alias of the
//!   taxonomy (`k8s` evidences `Kubernetes`);
//! * dates must equal a date of the parsed source or be written in its text
//!   (`Jan 2020`, `01/2020`, `2020-01`; `present`, `current`, `now`, `to
//!   date`, `since` for `Present`);
//! * every number and percentage in the summary and the descriptions must
//!   occur in the source (digits or number words, `nine` evidences `9`). A
//!   count of years (`11 years`, `11+ years`) is also accepted when the
//!   source's experience dates span at least that many years; see
//!   [`check_as_of`] and [`years_of_experience`].
//!
//! The check is deliberately lenient on very short words: a skill such as `Go`
//! is evidenced by the word `go` anywhere in the source text, because the
//! check cannot tell a skill from an English word without context.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::fmt;

use crate::date::{ResumeDate, MONTH_NAMES};
use crate::ports::{SkillTaxonomy, SourceResume};
use crate::resume::ResumeContent;

/// What kind of fact a [`Violation`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViolationKind {
    /// An employer the source does not name.
    Employer,
    /// A job title the source does not name.
    Position,
    /// A school the source does not name.
    Institution,
    /// A degree the source does not name.
    Degree,
    /// A field of study the source does not name.
    FieldOfStudy,
    /// A date the source does not give.
    Date,
    /// A certification or issuer the source does not name.
    Certification,
    /// A skill the source does not name under any alias.
    Skill,
    /// A volunteer organisation or role the source does not name.
    Volunteering,
    /// A number or percentage the source does not contain.
    Number,
}

impl ViolationKind {
    /// A short description of what was not evidenced.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Employer => "employer",
            Self::Position => "position",
            Self::Institution => "institution",
            Self::Degree => "degree",
            Self::FieldOfStudy => "field of study",
            Self::Date => "date",
            Self::Certification => "certification",
            Self::Skill => "skill",
            Self::Volunteering => "volunteer organisation or role",
            Self::Number => "number",
        }
    }
}

/// One fact of an enhanced resume that the source does not evidence.
///
/// It names the field (`experience[2].company`, `summary`) and the kind of
/// fact, never the value, so it can be logged without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// The field of the enhanced resume, as `section[index].field`.
    pub field: String,
    /// What kind of fact is unsupported.
    pub kind: ViolationKind,
}

impl Violation {
    fn new(field: impl Into<String>, kind: ViolationKind) -> Self {
        Self {
            field: field.into(),
            kind,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} not found in the source resume",
            self.field,
            self.kind.describe()
        )
    }
}

/// Lower-cases `text`, turns every run of characters that are not letters or
/// digits into one space and trims it: `B.S. in  Computer-Science` becomes
/// `b s in computer science`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            } else {
                out.extend(ch.to_lowercase());
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// Whole years of work the experience section spans: the union of the
/// experience date ranges, in months, divided by 12 and rounded down.
///
/// `Present` counts up to `today`; without `today` it counts up to the latest
/// date written in the experience section, which can only underestimate.
/// Entries without a readable start date are ignored; an entry without an end
/// date counts as one month.
pub fn years_of_experience(content: &ResumeContent, today: Option<&ResumeDate>) -> u32 {
    let latest = content
        .experience
        .iter()
        .flat_map(|e| [e.start_date.as_ref(), e.end_date.as_ref()])
        .flatten()
        .filter_map(|d| d.month_index(false))
        .max();
    let now = today.and_then(|d| d.month_index(false)).or(latest);

    let mut ranges: Vec<(u32, u32)> = content
        .experience
        .iter()
        .filter_map(|e| {
            let start = e.start_date.as_ref()?.month_index(true)?;
            let end = match &e.end_date {
                Some(ResumeDate::Present) => now?,
                Some(date) => date.month_index(false).unwrap_or(start),
                None => start,
            };
            Some((start, end.max(start)))
        })
        .collect();
    ranges.sort_unstable();

    months_covered(&ranges) / 12
}

/// Months covered by sorted, inclusive month ranges.
fn months_covered(ranges: &[(u32, u32)]) -> u32 {
    let mut total = 0;
    let mut current: Option<(u32, u32)> = None;
    for &(start, end) in ranges {
        current = match current {
            Some((s, e)) if start <= e + 1 => Some((s, e.max(end))),
            Some((s, e)) => {
                total += e - s + 1;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    total + current.map_or(0, |(s, e)| e - s + 1)
}

/// Lists every fact of `enhanced` that `source` does not evidence; see the
/// module documentation for the rules. `Present` in a count of years counts
/// only up to the latest date the source gives, so this never accepts an
/// inflated count; [`check_as_of`] counts up to a known day.
pub fn check(
    source: &SourceResume,
    enhanced: &ResumeContent,
    taxonomy: &dyn SkillTaxonomy,
) -> Vec<Violation> {
    check_as_of(source, enhanced, taxonomy, None)
}

/// [`check`], with `Present` counting up to `today` when a count of years of
/// experience is checked.
pub fn check_as_of(
    source: &SourceResume,
    enhanced: &ResumeContent,
    taxonomy: &dyn SkillTaxonomy,
    today: Option<&ResumeDate>,
) -> Vec<Violation> {
    let evidence = Evidence::new(source, taxonomy, today);
    let mut out = Vec::new();

    check_experience(&evidence, enhanced, &mut out);
    check_education(&evidence, enhanced, &mut out);
    check_certifications(&evidence, enhanced, &mut out);
    check_skills(&evidence, enhanced, taxonomy, &mut out);
    check_other_dates(&evidence, enhanced, &mut out);
    check_numbers(&evidence, enhanced, &mut out);
    out
}

/// What the source resume offers as evidence, prepared once.
struct Evidence<'a> {
    /// Every distinct normalised line of the text and the content strings.
    lines: HashSet<String>,
    /// The same lines, each padded with spaces, for phrase searches.
    haystack: String,
    /// Canonical names of every skill the source mentions, found on first
    /// need (most enhanced skills are evidenced by their wording alone).
    skills: OnceCell<HashSet<String>>,
    /// The taxonomy for the skill search.
    taxonomy: &'a dyn SkillTaxonomy,
    /// Every date of the parsed source, in its display form.
    dates: HashSet<String>,
    /// Every number of the source, normalised.
    numbers: HashSet<String>,
    /// Every percentage of the source, normalised, without the sign.
    percentages: HashSet<String>,
    /// Whole years the source's experience spans.
    years: u32,
}

impl<'a> Evidence<'a> {
    fn new(
        source: &SourceResume,
        taxonomy: &'a dyn SkillTaxonomy,
        today: Option<&ResumeDate>,
    ) -> Self {
        let strings = content_strings(&source.content);
        let mut lines = HashSet::new();
        let mut haystack = String::from(" ");
        let mut numbers = HashSet::new();
        let mut percentages = HashSet::new();
        for text in std::iter::once(source.text.as_str()).chain(strings.iter().map(String::as_str))
        {
            for line in text.lines() {
                let line = normalize(line);
                if !lines.contains(&line) {
                    haystack.push_str(&line);
                    haystack.push_str(" \n ");
                    lines.insert(line);
                }
            }
            collect_numbers(text, &mut numbers, &mut percentages);
        }

        Self {
            lines,
            haystack,
            skills: OnceCell::new(),
            taxonomy,
            dates: content_dates(&source.content)
                .map(ToString::to_string)
                .collect(),
            numbers,
            percentages,
            years: years_of_experience(&source.content, today),
        }
    }

    /// Whether the normalised `value` occurs in the source.
    fn has(&self, value: &str) -> bool {
        let needle = normalize(value);
        needle.is_empty()
            || self.lines.contains(&needle)
            || self.haystack.contains(&format!(" {needle} "))
    }

    /// Whether the source mentions the skill with this canonical name.
    fn has_skill(&self, canonical: &str) -> bool {
        self.skills
            .get_or_init(|| skills_in(&self.lines, self.taxonomy))
            .contains(canonical)
    }

    fn has_date(&self, date: &ResumeDate) -> bool {
        if self.dates.contains(&date.to_string()) {
            return true;
        }
        match date {
            ResumeDate::Present => ["present", "current", "now", "to date", "since", "ongoing"]
                .iter()
                .any(|word| self.has(word)),
            ResumeDate::Year(year) => self.has(&year.to_string()),
            ResumeDate::YearMonth { year, month } => {
                month_forms(*year, *month).iter().any(|form| self.has(form))
            }
            ResumeDate::Verbatim(text) => self.has(text),
        }
    }
}

/// The ways a month of a year is commonly written, normalised.
fn month_forms(year: u16, month: u8) -> Vec<String> {
    let Some(name) = MONTH_NAMES.get(usize::from(month).saturating_sub(1)) else {
        return Vec::new();
    };
    let mut forms = vec![
        format!("{name} {year}"),
        format!("{} {year}", &name[..3]),
        format!("{month} {year}"),
        format!("{month:02} {year}"),
        format!("{year} {month:02}"),
    ];
    if month == 9 {
        forms.push(format!("sept {year}"));
    }
    forms
}

fn push_if_missing(
    out: &mut Vec<Violation>,
    present: bool,
    field: impl FnOnce() -> String,
    kind: ViolationKind,
) {
    if !present {
        out.push(Violation::new(field(), kind));
    }
}

fn check_date(
    evidence: &Evidence,
    date: Option<&ResumeDate>,
    field: impl FnOnce() -> String,
    out: &mut Vec<Violation>,
) {
    if let Some(date) = date {
        push_if_missing(out, evidence.has_date(date), field, ViolationKind::Date);
    }
}

fn check_experience(evidence: &Evidence, enhanced: &ResumeContent, out: &mut Vec<Violation>) {
    for (i, job) in enhanced.experience.iter().enumerate() {
        let field = |name: &str| format!("experience[{i}].{name}");
        push_if_missing(
            out,
            evidence.has(&job.company),
            || field("company"),
            ViolationKind::Employer,
        );
        push_if_missing(
            out,
            evidence.has(&job.position),
            || field("position"),
            ViolationKind::Position,
        );
        check_date(
            evidence,
            job.start_date.as_ref(),
            || field("start_date"),
            out,
        );
        check_date(evidence, job.end_date.as_ref(), || field("end_date"), out);
    }
}

fn check_education(evidence: &Evidence, enhanced: &ResumeContent, out: &mut Vec<Violation>) {
    for (i, school) in enhanced.education.iter().enumerate() {
        let field = |name: &str| format!("education[{i}].{name}");
        push_if_missing(
            out,
            evidence.has(&school.institution),
            || field("institution"),
            ViolationKind::Institution,
        );
        let degree = school.degree.as_deref().unwrap_or_default();
        push_if_missing(
            out,
            evidence.has(degree),
            || field("degree"),
            ViolationKind::Degree,
        );
        let study = school.field_of_study.as_deref().unwrap_or_default();
        push_if_missing(
            out,
            evidence.has(study),
            || field("field_of_study"),
            ViolationKind::FieldOfStudy,
        );
        let year = school.graduation_year.and_then(|y| u16::try_from(y).ok());
        let known = school.graduation_year.is_none()
            || year.is_some_and(|y| evidence.has_date(&ResumeDate::Year(y)));
        push_if_missing(out, known, || field("graduation_year"), ViolationKind::Date);
        let gpa = school.gpa.as_deref().unwrap_or_default();
        push_if_missing(
            out,
            evidence.has(gpa),
            || field("gpa"),
            ViolationKind::Number,
        );
    }
}

fn check_certifications(evidence: &Evidence, enhanced: &ResumeContent, out: &mut Vec<Violation>) {
    for (i, cert) in enhanced.certifications.iter().enumerate() {
        let field = |name: &str| format!("certifications[{i}].{name}");
        push_if_missing(
            out,
            evidence.has(&cert.name),
            || field("name"),
            ViolationKind::Certification,
        );
        let issuer = cert.issuer.as_deref().unwrap_or_default();
        push_if_missing(
            out,
            evidence.has(issuer),
            || field("issuer"),
            ViolationKind::Certification,
        );
        check_date(
            evidence,
            cert.issue_date.as_ref(),
            || field("issue_date"),
            out,
        );
        check_date(
            evidence,
            cert.expiration_date.as_ref(),
            || field("expiration_date"),
            out,
        );
    }
    for (i, item) in enhanced.volunteer_experience.iter().enumerate() {
        let field = |name: &str| format!("volunteer_experience[{i}].{name}");
        push_if_missing(
            out,
            evidence.has(&item.organization),
            || field("organization"),
            ViolationKind::Volunteering,
        );
        let role = item.role.as_deref().unwrap_or_default();
        push_if_missing(
            out,
            evidence.has(role),
            || field("role"),
            ViolationKind::Volunteering,
        );
    }
}

fn check_skills(
    evidence: &Evidence,
    enhanced: &ResumeContent,
    taxonomy: &dyn SkillTaxonomy,
    out: &mut Vec<Violation>,
) {
    let lists = [
        ("skills.technical", &enhanced.skills.technical),
        ("skills.soft_skills", &enhanced.skills.soft_skills),
        ("skills.tools", &enhanced.skills.tools),
    ];
    for (name, list) in lists {
        for (i, skill) in list.iter().enumerate() {
            let known = skill_is_evidenced(evidence, taxonomy, skill);
            push_if_missing(out, known, || format!("{name}[{i}]"), ViolationKind::Skill);
        }
    }
    for (p, project) in enhanced.projects.iter().enumerate() {
        for (i, skill) in project.technologies.iter().enumerate() {
            let known = skill_is_evidenced(evidence, taxonomy, skill);
            let field = || format!("projects[{p}].technologies[{i}]");
            push_if_missing(out, known, field, ViolationKind::Skill);
        }
    }
}

fn skill_is_evidenced(evidence: &Evidence, taxonomy: &dyn SkillTaxonomy, skill: &str) -> bool {
    evidence.has(skill)
        || taxonomy
            .canonical(skill)
            .is_some_and(|canonical| evidence.has_skill(&canonical))
}

fn check_other_dates(evidence: &Evidence, enhanced: &ResumeContent, out: &mut Vec<Violation>) {
    for (i, p) in enhanced.projects.iter().enumerate() {
        check_date(
            evidence,
            p.start_date.as_ref(),
            || format!("projects[{i}].start_date"),
            out,
        );
        check_date(
            evidence,
            p.end_date.as_ref(),
            || format!("projects[{i}].end_date"),
            out,
        );
    }
    for (i, v) in enhanced.volunteer_experience.iter().enumerate() {
        let field = |name: &str| format!("volunteer_experience[{i}].{name}");
        check_date(evidence, v.start_date.as_ref(), || field("start_date"), out);
        check_date(evidence, v.end_date.as_ref(), || field("end_date"), out);
    }
    for (i, a) in enhanced.awards.iter().enumerate() {
        check_date(
            evidence,
            a.date.as_ref(),
            || format!("awards[{i}].date"),
            out,
        );
    }
    for (i, p) in enhanced.publications.iter().enumerate() {
        let date = p.publication_date.as_ref();
        check_date(
            evidence,
            date,
            || format!("publications[{i}].publication_date"),
            out,
        );
    }
}

fn check_numbers(evidence: &Evidence, enhanced: &ResumeContent, out: &mut Vec<Violation>) {
    let mut texts: Vec<(String, &str)> = Vec::new();
    if let Some(summary) = &enhanced.basic.summary {
        texts.push(("summary".into(), summary));
    }
    for (i, e) in enhanced.experience.iter().enumerate() {
        texts.push((format!("experience[{i}].description"), &e.description));
    }
    for (i, p) in enhanced.projects.iter().enumerate() {
        texts.push((format!("projects[{i}].description"), &p.description));
    }
    for (i, v) in enhanced.volunteer_experience.iter().enumerate() {
        if let Some(text) = &v.description {
            texts.push((format!("volunteer_experience[{i}].description"), text));
        }
    }
    for (i, a) in enhanced.awards.iter().enumerate() {
        if let Some(text) = &a.description {
            texts.push((format!("awards[{i}].description"), text));
        }
    }

    for (field, text) in texts {
        if !numbers_are_evidenced(evidence, text) {
            out.push(Violation::new(field, ViolationKind::Number));
        }
    }
}

fn numbers_are_evidenced(evidence: &Evidence, text: &str) -> bool {
    find_numbers(text).iter().all(|found| {
        let known = if found.percent {
            evidence.percentages.contains(&found.value)
        } else {
            evidence.numbers.contains(&found.value)
        };
        known
            || (found.years
                && found
                    .value
                    .parse::<u32>()
                    .is_ok_and(|n| n <= evidence.years))
    })
}

/// A number found in text.
#[derive(Debug, PartialEq, Eq)]
struct FoundNumber {
    /// Digits with thousands separators removed (`1100`, `2.3`).
    value: String,
    /// Followed by `%`, `percent` or `per cent`.
    percent: bool,
    /// Followed by `years` or `+ years` (a count of years).
    years: bool,
}

/// Number words and their values; `one` is left out because it is more often
/// a pronoun than a count.
const NUMBER_WORDS: [(&str, u32); 27] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
];

/// Finds the numbers of `text`: runs of digits (with `,` or `.` between
/// digits) and number words.
fn find_numbers(text: &str) -> Vec<FoundNumber> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let value = if chars[i].is_ascii_digit() && !preceded_by_letter(&chars, i) {
            digits_at(&chars, &mut i)
        } else if chars[i].is_alphabetic() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            word_number_at(&chars, &mut i)
        } else {
            i += 1;
            None
        };
        if let Some(value) = value {
            let rest: String = chars[i..]
                .iter()
                .take(12)
                .collect::<String>()
                .to_lowercase();
            let rest = rest.trim_start_matches(['+', ' ']);
            found.push(FoundNumber {
                value,
                percent: rest.starts_with('%')
                    || rest.starts_with("percent")
                    || rest.starts_with("per cent"),
                years: rest.starts_with("year") || rest.starts_with("yrs"),
            });
        } else if i == start {
            i += 1;
        }
    }
    found
}

fn preceded_by_letter(chars: &[char], i: usize) -> bool {
    i > 0 && chars[i - 1].is_alphabetic()
}

fn digits_at(chars: &[char], i: &mut usize) -> Option<String> {
    let mut value = String::new();
    while *i < chars.len() {
        let ch = chars[*i];
        let joins = (ch == ',' || ch == '.')
            && chars.get(*i + 1).is_some_and(char::is_ascii_digit)
            && !value.is_empty();
        if ch.is_ascii_digit() {
            value.push(ch);
        } else if joins && ch == '.' {
            value.push('.');
        } else if !joins {
            break;
        }
        *i += 1;
    }
    Some(value)
}

fn word_number_at(chars: &[char], i: &mut usize) -> Option<String> {
    let end = (*i..chars.len())
        .find(|&j| !chars[j].is_alphabetic())
        .unwrap_or(chars.len());
    let word: String = chars[*i..end].iter().collect::<String>().to_lowercase();
    *i = end;
    NUMBER_WORDS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, value)| value.to_string())
}

fn collect_numbers(text: &str, numbers: &mut HashSet<String>, percentages: &mut HashSet<String>) {
    for found in find_numbers(text) {
        if found.percent {
            percentages.insert(found.value.clone());
        }
        numbers.insert(found.value);
    }
}

/// Words that begin no skill name; runs starting with them are skipped.
const NOT_SKILL_STARTS: [&str; 24] = [
    "the", "and", "of", "to", "in", "for", "with", "on", "by", "from", "as", "at", "an", "our",
    "we", "is", "was", "were", "be", "that", "this", "per", "into", "across",
];

/// Canonical names of the skills mentioned in normalised lines: every run
/// of one to four words is looked up.
fn skills_in(lines: &HashSet<String>, taxonomy: &dyn SkillTaxonomy) -> HashSet<String> {
    let mut skills = HashSet::new();
    let mut phrase = String::new();
    for line in lines {
        let words: Vec<&str> = line.split(' ').collect();
        for start in 0..words.len() {
            if NOT_SKILL_STARTS.contains(&words[start]) {
                continue;
            }
            phrase.clear();
            for word in words.iter().skip(start).take(4) {
                if !phrase.is_empty() {
                    phrase.push(' ');
                }
                phrase.push_str(word);
                if let Some(canonical) = taxonomy.canonical(&phrase) {
                    skills.insert(canonical);
                }
            }
        }
    }
    skills
}

/// Every date of a resume.
fn content_dates(content: &ResumeContent) -> impl Iterator<Item = &ResumeDate> {
    let experience = content
        .experience
        .iter()
        .flat_map(|e| [&e.start_date, &e.end_date]);
    let certs = content
        .certifications
        .iter()
        .flat_map(|c| [&c.issue_date, &c.expiration_date]);
    let projects = content
        .projects
        .iter()
        .flat_map(|p| [&p.start_date, &p.end_date]);
    let volunteer = content
        .volunteer_experience
        .iter()
        .flat_map(|v| [&v.start_date, &v.end_date]);
    let awards = content.awards.iter().map(|a| &a.date);
    let publications = content.publications.iter().map(|p| &p.publication_date);
    experience
        .chain(certs)
        .chain(projects)
        .chain(volunteer)
        .chain(awards)
        .chain(publications)
        .flatten()
}

/// Every string of a resume that can evidence a fact, verbatim dates and
/// graduation years included.
fn content_strings(content: &ResumeContent) -> Vec<String> {
    let mut out: Vec<&str> = Vec::new();
    out.extend(content.basic.summary.as_deref());
    out.extend(content.skills.iter().map(String::as_str));
    for e in &content.experience {
        out.extend([e.company.as_str(), &e.position, &e.description]);
    }
    for e in &content.education {
        out.push(&e.institution);
        out.extend(
            [&e.degree, &e.field_of_study, &e.gpa]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
    }
    for c in &content.certifications {
        out.push(&c.name);
        out.extend(c.issuer.as_deref());
    }
    for p in &content.projects {
        out.extend([p.name.as_str(), &p.description]);
        out.extend(p.technologies.iter().map(String::as_str));
    }
    for v in &content.volunteer_experience {
        out.push(&v.organization);
        out.extend(
            [&v.role, &v.description]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
    }
    for a in &content.awards {
        out.push(&a.title);
        out.extend(a.description.as_deref());
    }
    out.extend(content.publications.iter().map(|p| p.title.as_str()));
    out.extend(content.interests.iter().map(String::as_str));
    out.extend(content_dates(content).filter_map(|date| match date {
        ResumeDate::Verbatim(text) => Some(text.as_str()),
        _ => None,
    }));

    let years = content.education.iter().filter_map(|e| e.graduation_year);
    out.into_iter()
        .map(str::to_owned)
        .chain(years.map(|y| y.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::resume::{Certification, Education, Experience, Skills};

    /// Knows `Kubernetes` (alias `k8s`) and `PostgreSQL` (alias `Postgres`).
    struct TinyTaxonomy;

    impl SkillTaxonomy for TinyTaxonomy {
        fn category_of(&self, _skill: &str) -> crate::resume::SkillCategory {
            crate::resume::SkillCategory::Technical
        }

        fn canonical(&self, term: &str) -> Option<String> {
            match normalize(term).replace(' ', "").as_str() {
                "kubernetes" | "k8s" => Some("Kubernetes".into()),
                "postgresql" | "postgres" => Some("PostgreSQL".into()),
                _ => None,
            }
        }
    }

    fn ym(year: u16, month: u8) -> Option<ResumeDate> {
        ResumeDate::year_month(year, month)
    }

    fn source() -> SourceResume {
        let text = "Dana Example\nSUMMARY\nEngineer with nine years of experience.\n\
            Skills: k8s, Postgres, Rust\nACME Corp. | Jan 2018 - Present\nStaff Engineer\n\
            - Cut costs by 35% across 12 teams\nState University, B.S. Physics, 2014\n";
        let content = ResumeContent {
            skills: Skills {
                technical: vec!["k8s".into(), "Postgres".into(), "Rust".into()],
                ..Skills::default()
            },
            experience: vec![Experience {
                company: "ACME Corp.".into(),
                position: "Staff Engineer".into(),
                start_date: ym(2018, 1),
                end_date: Some(ResumeDate::Present),
                description: "Cut costs by 35% across 12 teams".into(),
                ..Experience::default()
            }],
            education: vec![Education {
                institution: "State University".into(),
                degree: Some("B.S.".into()),
                field_of_study: Some("Physics".into()),
                graduation_year: Some(2014),
                ..Education::default()
            }],
            ..ResumeContent::default()
        };
        SourceResume {
            text: text.into(),
            content,
        }
    }

    fn kinds(violations: &[Violation]) -> Vec<(String, ViolationKind)> {
        violations
            .iter()
            .map(|v| (v.field.clone(), v.kind))
            .collect()
    }

    #[test]
    fn normalising_ignores_case_spacing_and_punctuation() {
        assert_eq!(
            normalize("  B.S. in  Computer-Science "),
            "b s in computer science"
        );
        assert_eq!(normalize("Renée\u{a0}Östlund"), "renée östlund");
    }

    #[test]
    fn a_resume_checked_against_itself_has_no_violation() {
        let source = source();
        assert_eq!(check(&source, &source.content, &TinyTaxonomy), []);
    }

    #[test]
    fn rewording_with_other_case_and_punctuation_is_accepted() {
        let source = source();
        let mut enhanced = source.content.clone();
        enhanced.experience[0].company = "acme corp".into();
        enhanced.education[0].degree = Some("BS".into());
        enhanced.basic.summary = Some("Staff Engineer with 9 years of experience.".into());
        let violations = check(&source, &enhanced, &TinyTaxonomy);
        assert_eq!(
            kinds(&violations),
            [("education[0].degree".into(), ViolationKind::Degree)]
        );
    }

    #[test]
    fn a_skill_named_by_another_alias_is_evidenced() {
        let source = source();
        let mut enhanced = source.content.clone();
        enhanced.skills.technical = vec!["Kubernetes".into(), "PostgreSQL".into()];
        enhanced.skills.tools = vec!["Terraform".into()];
        let violations = check(&source, &enhanced, &TinyTaxonomy);
        assert_eq!(
            kinds(&violations),
            [("skills.tools[0]".into(), ViolationKind::Skill)]
        );
    }

    #[test]
    fn an_invented_employer_position_and_certification_are_caught() {
        let source = source();
        let mut enhanced = source.content.clone();
        enhanced.experience[0].company = "Globex".into();
        enhanced.experience[0].position = "Principal Engineer".into();
        enhanced.certifications.push(Certification {
            name: "CKAD".into(),
            ..Certification::default()
        });
        let violations = check(&source, &enhanced, &TinyTaxonomy);
        assert_eq!(
            kinds(&violations),
            [
                ("experience[0].company".into(), ViolationKind::Employer),
                ("experience[0].position".into(), ViolationKind::Position),
                (
                    "certifications[0].name".into(),
                    ViolationKind::Certification
                ),
            ]
        );
    }

    #[test]
    fn dates_are_evidenced_by_the_text_in_any_common_form() {
        let source = source();
        let mut enhanced = source.content.clone();
        enhanced.experience[0].start_date = Some(ResumeDate::Year(2018));
        assert_eq!(check(&source, &enhanced, &TinyTaxonomy), []);
        enhanced.experience[0].start_date = ym(2017, 1);
        enhanced.education[0].graduation_year = Some(2013);
        let violations = check(&source, &enhanced, &TinyTaxonomy);
        assert_eq!(
            kinds(&violations),
            [
                ("experience[0].start_date".into(), ViolationKind::Date),
                ("education[0].graduation_year".into(), ViolationKind::Date),
            ]
        );
    }

    #[test]
    fn invented_numbers_and_percentages_are_caught() {
        let source = source();
        let mut enhanced = source.content.clone();
        enhanced.experience[0].description = "Cut costs by 35% across twelve teams".into();
        assert_eq!(check(&source, &enhanced, &TinyTaxonomy), []);
        enhanced.experience[0].description = "Cut costs by 40% across 12 teams".into();
        enhanced.basic.summary = Some("Led 12% of the 35 teams".into());
        let violations = check(&source, &enhanced, &TinyTaxonomy);
        assert_eq!(
            kinds(&violations),
            [
                ("summary".into(), ViolationKind::Number),
                ("experience[0].description".into(), ViolationKind::Number),
            ]
        );
    }

    #[test]
    fn a_count_of_years_is_accepted_up_to_what_the_dates_span() {
        let source = source();
        let mut enhanced = source.content.clone();
        let today = ym(2026, 6);
        enhanced.basic.summary = Some("Engineer with 8+ years of experience".into());
        assert_eq!(
            check_as_of(&source, &enhanced, &TinyTaxonomy, today.as_ref()),
            []
        );
        assert_eq!(check(&source, &enhanced, &TinyTaxonomy).len(), 1);
        enhanced.basic.summary = Some("Engineer with 10+ years of experience".into());
        assert_eq!(
            check_as_of(&source, &enhanced, &TinyTaxonomy, today.as_ref()).len(),
            1
        );
    }

    #[test]
    fn years_of_experience_merge_overlapping_jobs() {
        let job = |start, end| Experience {
            start_date: start,
            end_date: end,
            ..Experience::default()
        };
        let content = ResumeContent {
            experience: vec![
                job(ym(2020, 1), Some(ResumeDate::Present)),
                job(ym(2019, 1), ym(2020, 6)),
                job(Some(ResumeDate::Year(2010)), Some(ResumeDate::Year(2011))),
            ],
            ..ResumeContent::default()
        };
        assert_eq!(years_of_experience(&content, ym(2024, 12).as_ref()), 8);
        assert_eq!(years_of_experience(&content, None), 3);
    }

    #[test]
    fn a_violation_displays_the_field_but_not_the_value() {
        let source = source();
        let mut enhanced = source.content.clone();
        enhanced.experience[0].company = "Secret Employer".into();
        let shown = check(&source, &enhanced, &TinyTaxonomy)[0].to_string();
        assert_eq!(
            shown,
            "experience[0].company: employer not found in the source resume"
        );
    }

    fn word(letters: &'static str) -> impl Strategy<Value = String> {
        proptest::string::string_regex(letters).expect("valid regex")
    }

    fn arb_experience() -> impl Strategy<Value = Experience> {
        (
            word("[a-m]{3,9}( [a-m]{2,8})?"),
            word("[a-m]{3,9}"),
            1990u16..2024,
            1u8..=12,
            0u8..3,
        )
            .prop_map(|(company, position, year, month, end)| Experience {
                company,
                position,
                start_date: ym(year, month),
                end_date: match end {
                    0 => Some(ResumeDate::Present),
                    1 => Some(ResumeDate::Year(year + 1)),
                    _ => None,
                },
                description: format!("Shipped {month} releases in {year}"),
                ..Experience::default()
            })
    }

    fn arb_content() -> impl Strategy<Value = ResumeContent> {
        (
            proptest::collection::vec(arb_experience(), 0..4),
            proptest::collection::vec(word("[a-m]{2,10}"), 0..8),
        )
            .prop_map(|(experience, technical)| ResumeContent {
                experience,
                skills: Skills {
                    technical,
                    ..Skills::default()
                },
                ..ResumeContent::default()
            })
    }

    proptest! {
        #[test]
        fn any_resume_checked_against_itself_has_no_violation(content in arb_content()) {
            let source = SourceResume { text: String::new(), content };
            prop_assert_eq!(check(&source, &source.content, &TinyTaxonomy), []);
        }

        #[test]
        fn an_employer_or_skill_not_in_the_source_is_always_caught(
            content in arb_content(),
            invented in word("[n-z]{3,12}"),
            as_skill in any::<bool>(),
        ) {
            let source = SourceResume { text: String::new(), content };
            let mut enhanced = source.content.clone();
            let expected = if as_skill {
                enhanced.skills.tools.push(invented);
                ViolationKind::Skill
            } else {
                enhanced.experience.push(Experience { company: invented, ..Experience::default() });
                ViolationKind::Employer
            };
            let violations = check(&source, &enhanced, &TinyTaxonomy);
            prop_assert!(violations.iter().any(|v| v.kind == expected));
        }

        #[test]
        fn a_number_not_in_the_source_is_always_caught(
            content in arb_content(),
            invented in 10_000u32..100_000,
            percent in any::<bool>(),
        ) {
            let source = SourceResume { text: String::new(), content };
            let mut enhanced = source.content.clone();
            let sign = if percent { "%" } else { "" };
            enhanced.basic.summary = Some(format!("Grew revenue by {invented}{sign}."));
            let violations = check(&source, &enhanced, &TinyTaxonomy);
            prop_assert_eq!(kinds(&violations), [("summary".to_owned(), ViolationKind::Number)]);
        }
    }
}
