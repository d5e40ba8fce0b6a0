//! Field-level accuracy of the parser against the labelled corpus, shared by
//! the accuracy test and the `accuracy` example.
//!
//! Every resume of `tests/corpus/resumes` is parsed from each of its
//! renderings and compared with its `<name>.expected.json` field by field.
//! Scalars count as one field each; list sections are matched item by item on
//! their key fields, and every key field of a matched, missed or invented item
//! counts. Strings are compared with whitespace normalised and case ignored
//! (e-mail exactly; LinkedIn without scheme and `www.`).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use resume_domain::ports::{ResumeParser, SkillTaxonomy};
use resume_domain::{DocumentFormat, ExtractedDocument, ResumeContent};
use resume_extract::{Extractor, Limits};
use resume_parse::ResumeTextParser;
use resume_skills::Taxonomy;
use serde_json::Value;

/// True positives, false positives and false negatives.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// Counts per field, per format and per resume.
#[derive(Debug, Default)]
pub struct Report {
    pub by_field: BTreeMap<String, Counts>,
    pub by_format: BTreeMap<String, Counts>,
    pub by_resume: BTreeMap<String, Counts>,
    pub overall: Counts,
    /// Mismatches, for reading: (resume, format, field, expected, got).
    pub misses: Vec<(String, String, String, String, String)>,
}

impl Report {
    fn record(&mut self, resume: &str, format: &str, field: &str, counts: Counts) {
        self.by_field
            .entry(field.to_string())
            .or_default()
            .add(counts);
        self.by_format
            .entry(format.to_string())
            .or_default()
            .add(counts);
        self.by_resume
            .entry(resume.to_string())
            .or_default()
            .add(counts);
        self.overall.add(counts);
    }

    /// The tables as markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(&table("field", &self.by_field));
        out.push('\n');
        out.push_str(&table("format", &self.by_format));
        out.push('\n');
        out.push_str(&table("resume", &self.by_resume));
        let o = self.overall;
        out.push_str(&format!(
            "\n**overall**: precision {:.3}, recall {:.3}, F1 {:.3} (tp {}, fp {}, fn {})\n",
            o.precision(),
            o.recall(),
            o.f1(),
            o.tp,
            o.fp,
            o.fn_
        ));
        out
    }
}

fn table(what: &str, rows: &BTreeMap<String, Counts>) -> String {
    let mut out = format!(
        "| {what} | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|\n"
    );
    for (name, c) in rows {
        out.push_str(&format!(
            "| {name} | {:.3} | {:.3} | {:.3} | {} | {} | {} |\n",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        ));
    }
    out
}

/// A small taxonomy for tests: a few known tools and soft skills.
pub struct TestTaxonomy;

impl SkillTaxonomy for TestTaxonomy {
    fn category_of(&self, skill: &str) -> resume_domain::SkillCategory {
        use resume_domain::SkillCategory;
        match skill.to_lowercase().as_str() {
            "figma" | "docker" | "jira" | "excel" | "hubspot" => SkillCategory::Tools,
            "leadership" | "communication" | "teamwork" => SkillCategory::SoftSkills,
            _ => SkillCategory::Technical,
        }
    }

    fn canonical(&self, term: &str) -> Option<String> {
        let known = [
            "figma",
            "docker",
            "jira",
            "excel",
            "hubspot",
            "leadership",
            "communication",
            "teamwork",
            "python",
        ];
        known
            .contains(&term.to_lowercase().as_str())
            .then(|| term.to_string())
    }
}

/// The parser used for measuring, with the real skill taxonomy.
pub fn parser() -> ResumeTextParser {
    ResumeTextParser::new(Arc::new(Taxonomy::builtin()))
}

/// The folder of labelled resumes: `LABELLED_RESUMES` when set (another set
/// laid out like the corpus, one folder per resume), else the corpus.
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("LABELLED_RESUMES") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/resumes"),
    }
}

/// The renderings of one resume that can be read, with their format label.
pub fn documents(dir: &Path, name: &str) -> Vec<(String, ExtractedDocument)> {
    let mut out = Vec::new();
    let txt = dir.join(format!("{name}.txt"));
    if let Ok(text) = std::fs::read_to_string(&txt) {
        let document = ExtractedDocument {
            format: DocumentFormat::Text,
            text,
            links: Vec::new(),
            page_count: None,
        };
        out.push(("txt".to_string(), document));
    }
    out.extend(extracted(dir, name));
    out
}

/// The renderings read through the real extractor, besides the `.txt`.
const RENDERINGS: &[&str] = &["docx", "doc", "odt", "pdf", "chromium.pdf", "tex.pdf"];

/// Renderings read through the real extractor.
fn extracted(dir: &Path, name: &str) -> Vec<(String, ExtractedDocument)> {
    let extractor = Extractor::new(Limits::default());
    let mut out = Vec::new();
    for ext in RENDERINGS {
        let Ok(bytes) = std::fs::read(dir.join(format!("{name}.{ext}"))) else {
            continue;
        };
        match extractor.extract_bytes(&bytes) {
            Ok(document) => out.push((ext.to_string(), document)),
            Err(error) => eprintln!("{name}.{ext}: extraction failed: {error}"),
        }
    }
    out
}

/// Fields of a resume missing from a rendering (the page header of a
/// plain-text export).
fn skipped_fields(dir: &Path, format: &str) -> Vec<String> {
    if format != "txt" {
        return Vec::new();
    }
    let meta: Value = std::fs::read_to_string(dir.join("meta.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    meta["fields_in_page_header"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Parses every rendering of every resume and scores it.
pub fn measure() -> Report {
    let parser = parser();
    let mut report = Report::default();
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for name in names {
        let dir = corpus_dir().join(&name);
        let label_path = dir.join(format!("{name}.expected.json"));
        let Some(label) = std::fs::read_to_string(&label_path)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            continue;
        };
        for (format, document) in documents(&dir, &name) {
            let parsed = parser.parse(&document);
            let skip = skipped_fields(&dir, &format);
            score(&mut report, &name, &format, &label, &parsed, &skip);
        }
    }
    report
}

fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn norm_linkedin(text: &str) -> String {
    let t = norm(text);
    let t = t
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    t.trim_end_matches('/').to_string()
}

fn compare(field: &str, expected: Option<&str>, got: Option<&str>) -> Counts {
    let got = got.filter(|g| !g.trim().is_empty());
    let same = |a: &str, b: &str| match field {
        "email" => a.trim() == b.trim(),
        "linkedin" => norm_linkedin(a) == norm_linkedin(b),
        _ => norm(a) == norm(b),
    };
    match (expected, got) {
        (Some(e), Some(g)) if same(e, g) => Counts {
            tp: 1,
            fp: 0,
            fn_: 0,
        },
        (Some(_), Some(_)) => Counts {
            tp: 0,
            fp: 1,
            fn_: 1,
        },
        (Some(_), None) => Counts {
            tp: 0,
            fp: 0,
            fn_: 1,
        },
        (None, Some(_)) => Counts {
            tp: 0,
            fp: 1,
            fn_: 0,
        },
        (None, None) => Counts::default(),
    }
}

fn score(
    report: &mut Report,
    resume: &str,
    format: &str,
    label: &Value,
    parsed: &ResumeContent,
    skip: &[String],
) {
    let basic = &parsed.basic;
    let scalars = [
        ("full_name", &basic.full_name),
        ("email", &basic.email),
        ("phone", &basic.phone),
        ("linkedin", &basic.linkedin),
        ("location", &basic.location),
    ];
    for (field, got) in scalars {
        if skip.iter().any(|s| s == field) {
            continue;
        }
        let expected = label[field].as_str();
        let counts = compare(field, expected, got.as_deref());
        note_miss(
            report,
            resume,
            format,
            field,
            counts,
            expected,
            got.as_deref(),
        );
        report.record(resume, format, field, counts);
    }
    let skills: Vec<String> = parsed.skills.iter().cloned().collect();
    score_bag(
        report,
        resume,
        format,
        "skills",
        &strings(&label["skills"]),
        &skills,
    );
    score_bag(
        report,
        resume,
        format,
        "interests",
        &strings(&label["interests"]),
        &parsed.interests,
    );
    score_lists(report, resume, format, label, parsed);
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn score_bag(
    report: &mut Report,
    resume: &str,
    format: &str,
    field: &str,
    expected: &[String],
    got: &[String],
) {
    let mut left: Vec<String> = got.iter().map(|g| norm(g)).collect();
    let mut counts = Counts::default();
    for e in expected {
        match left.iter().position(|g| *g == norm(e)) {
            Some(i) => {
                left.remove(i);
                counts.tp += 1;
            }
            None => {
                counts.fn_ += 1;
                report.misses.push((
                    resume.into(),
                    format.into(),
                    field.into(),
                    e.clone(),
                    String::new(),
                ));
            }
        }
    }
    for g in &left {
        report.misses.push((
            resume.into(),
            format.into(),
            field.into(),
            String::new(),
            g.clone(),
        ));
    }
    counts.fp = left.len() as u32;
    report.record(resume, format, field, counts);
}

fn note_miss(
    report: &mut Report,
    resume: &str,
    format: &str,
    field: &str,
    c: Counts,
    e: Option<&str>,
    g: Option<&str>,
) {
    if c.fp + c.fn_ > 0 {
        report.misses.push((
            resume.into(),
            format.into(),
            field.into(),
            e.unwrap_or("").into(),
            g.unwrap_or("").into(),
        ));
    }
}

/// One list item as field name → value.
type Item = Vec<(&'static str, Option<String>)>;

fn score_lists(
    report: &mut Report,
    resume: &str,
    format: &str,
    label: &Value,
    parsed: &ResumeContent,
) {
    let date = |d: &Option<resume_domain::ResumeDate>| d.as_ref().map(|d| d.to_string());
    let sections: Vec<(&str, &[&'static str], Vec<Item>)> = vec![
        (
            "experience",
            &["company", "position", "start_date", "end_date", "location"],
            parsed
                .experience
                .iter()
                .map(|e| {
                    vec![
                        ("company", Some(e.company.clone())),
                        ("position", Some(e.position.clone())),
                        ("start_date", date(&e.start_date)),
                        ("end_date", date(&e.end_date)),
                        ("location", e.location.clone()),
                    ]
                })
                .collect(),
        ),
        (
            "education",
            &["institution", "degree", "field_of_study", "graduation_year"],
            parsed
                .education
                .iter()
                .map(|e| {
                    vec![
                        ("institution", Some(e.institution.clone())),
                        ("degree", e.degree.clone()),
                        ("field_of_study", e.field_of_study.clone()),
                        ("graduation_year", e.graduation_year.map(|y| y.to_string())),
                    ]
                })
                .collect(),
        ),
        (
            "certifications",
            &["name", "issuer"],
            parsed
                .certifications
                .iter()
                .map(|c| vec![("name", Some(c.name.clone())), ("issuer", c.issuer.clone())])
                .collect(),
        ),
        (
            "projects",
            &["name"],
            parsed
                .projects
                .iter()
                .map(|p| vec![("name", Some(p.name.clone()))])
                .collect(),
        ),
        (
            "languages",
            &["name", "proficiency"],
            parsed
                .languages
                .iter()
                .map(|l| {
                    vec![
                        ("name", Some(l.name.clone())),
                        ("proficiency", l.proficiency.clone()),
                    ]
                })
                .collect(),
        ),
        (
            "awards",
            &["title"],
            parsed
                .awards
                .iter()
                .map(|a| vec![("title", Some(a.title.clone()))])
                .collect(),
        ),
        (
            "publications",
            &["title"],
            parsed
                .publications
                .iter()
                .map(|p| vec![("title", Some(p.title.clone()))])
                .collect(),
        ),
        (
            "volunteer_experience",
            &["organization", "role"],
            parsed
                .volunteer_experience
                .iter()
                .map(|v| {
                    vec![
                        ("organization", Some(v.organization.clone())),
                        ("role", v.role.clone()),
                    ]
                })
                .collect(),
        ),
    ];
    for (section, keys, got) in sections {
        let expected: Vec<Item> = label[section]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| {
                        keys.iter()
                            .map(|k| {
                                (
                                    *k,
                                    item[*k]
                                        .as_str()
                                        .map(str::to_string)
                                        .or_else(|| item[*k].as_i64().map(|n| n.to_string())),
                                )
                            })
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default();
        score_section(report, resume, format, section, keys, &expected, &got);
    }
}

fn agreement(a: &Item, b: &Item) -> usize {
    a.iter()
        .zip(b)
        .filter(|((_, x), (_, y))| matches!((x, y), (Some(x), Some(y)) if norm(x) == norm(y)))
        .count()
}

fn score_section(
    report: &mut Report,
    resume: &str,
    format: &str,
    section: &str,
    keys: &[&str],
    expected: &[Item],
    got: &[Item],
) {
    let mut used = vec![false; got.len()];
    for e in expected {
        let best = (0..got.len())
            .filter(|i| !used[*i])
            .max_by_key(|i| (agreement(e, &got[*i]), usize::MAX - i));
        let matched = best.filter(|i| agreement(e, &got[*i]) > 0);
        if let Some(i) = matched {
            used[i] = true;
        }
        for (k, (field, value)) in keys.iter().zip(e) {
            let g = matched.and_then(|i| {
                got[i][keys.iter().position(|x| x == k).unwrap_or(0)]
                    .1
                    .clone()
            });
            let name = format!("{section}.{field}");
            let counts = compare(field, value.as_deref(), g.as_deref());
            note_miss(
                report,
                resume,
                format,
                &name,
                counts,
                value.as_deref(),
                g.as_deref(),
            );
            report.record(resume, format, &name, counts);
        }
    }
    for (i, g) in got.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let _ = i;
        for (field, value) in g {
            if value.as_deref().is_some_and(|v| !v.trim().is_empty()) {
                let name = format!("{section}.{field}");
                let counts = Counts {
                    tp: 0,
                    fp: 1,
                    fn_: 0,
                };
                note_miss(
                    report,
                    resume,
                    format,
                    &name,
                    counts,
                    None,
                    value.as_deref(),
                );
                report.record(resume, format, &name, counts);
            }
        }
    }
}
