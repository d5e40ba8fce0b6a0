//! Degrees: institution, degree as written, field of study, year, GPA, place.

use resume_domain::Education;

use crate::dates;
use crate::lexicon::{is_degree_word, is_institution, is_place_text, split_place};
use crate::text::{cut, fields, trim_punct, Line};

/// Degree words written out in full (as opposed to abbreviations).
const LONG_DEGREES: &[&str] = &[
    "bachelor",
    "bachelor's",
    "bachelors",
    "master",
    "master's",
    "masters",
    "doctor",
    "doctorate",
    "associate",
    "associate's",
    "diploma",
    "diplom",
    "certificate",
    "licenciatura",
    "licenciado",
    "grado",
    "máster",
    "postgraduate",
];

/// `of` parts that name the kind of degree rather than a subject.
const GENERIC_SUBJECTS: &[&str] = &[
    "science",
    "sciences",
    "arts",
    "fine arts",
    "applied science",
    "applied sciences",
    "philosophy",
    "engineering",
    "laws",
    "letters",
];

/// One education entry's lines.
#[derive(Debug, Default)]
struct Entry {
    lines: Vec<String>,
    degree: bool,
    institution: bool,
}

/// Reads the degrees of an education section.
pub(crate) fn parse(lines: &[&Line]) -> Vec<Education> {
    group(lines).iter().filter_map(read_entry).collect()
}

/// Whether `text` holds a degree (`B.S.`, `Bachelor of …`, `MSc`).
pub(crate) fn has_degree(text: &str) -> bool {
    degree_start(text).is_some()
}

fn group(lines: &[&Line]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for line in lines {
        let text = line.text.as_str();
        let labelled = label_line(text);
        let degree = !labelled && has_degree(text);
        let institution = !labelled && is_institution(text);
        let fresh = match entries.last() {
            None => true,
            Some(e) => {
                line.bullet || (degree && e.degree) || (institution && e.institution && !degree)
            }
        };
        if fresh {
            entries.push(Entry::default());
        }
        if let Some(entry) = entries.last_mut() {
            entry.lines.push(text.to_string());
            entry.degree |= degree;
            entry.institution |= institution;
        }
    }
    entries
}

/// `Thesis: …`, `Relevant Coursework: …`: extra lines about a degree.
fn label_line(text: &str) -> bool {
    match text.split_once(':') {
        Some((label, _)) => {
            let label = label.to_lowercase();
            label.split_whitespace().count() <= 3 && !label.contains("gpa") && !has_degree(&label)
        }
        None => false,
    }
}

/// Joins a line ending in a comma with the next line that is not only a
/// date (a degree wrapped around the date column of a PDF).
fn rejoin(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = lines.iter().filter(|l| !label_line(l)).cloned().collect();
    let mut i = 0;
    while i + 1 < out.len() {
        let dangling = out[i].trim_end().ends_with(',');
        let next = (i + 1..out.len()).find(|&j| !is_date_only(&out[j]));
        match next {
            Some(j) if dangling => {
                let tail = out.remove(j);
                out[i] = format!("{} {tail}", out[i].trim_end());
            }
            _ => i += 1,
        }
    }
    out
}

fn is_date_only(text: &str) -> bool {
    dates::find(text).is_some_and(|s| cut(text, s.range).is_empty())
}

fn read_entry(entry: &Entry) -> Option<Education> {
    let mut education = Education::default();
    let mut parts: Vec<String> = Vec::new();
    for line in &rejoin(&entry.lines) {
        let (rest, gpa) = take_gpa(line);
        if gpa.is_some() {
            education.gpa = gpa;
        }
        let rest = match dates::find(&rest) {
            Some(span) => {
                education.graduation_year = span
                    .last()
                    .year()
                    .map(i32::from)
                    .or(education.graduation_year);
                cut(&rest, span.range)
            }
            None => rest,
        };
        parts.extend(fields(&rest).into_iter().map(str::to_string));
    }
    fill_from_fields(&mut education, &parts);
    (!education.institution.is_empty() || education.degree.is_some()).then_some(education)
}

fn fill_from_fields(education: &mut Education, parts: &[String]) {
    let mut loose = Vec::new();
    for part in parts {
        let (head, place) = split_place(part, false);
        if place.is_some() && education.location.is_none() {
            education.location = place;
        }
        if head.is_empty() {
            continue;
        }
        if education.degree.is_none() {
            if let Some(start) = degree_start(&head) {
                read_degree(education, &head[start..]);
            }
        }
        loose.push(head);
    }
    pick_institution(education, &loose);
}

/// Chooses the school among the fields left after the degree.
fn pick_institution(education: &mut Education, loose: &[String]) {
    let pieces: Vec<&str> = loose
        .iter()
        .flat_map(|l| l.split(", "))
        .map(trim_punct)
        .collect();
    let school = pieces.iter().find(|p| is_institution(p) && !has_degree(p));
    let fallback = pieces.iter().find(|p| {
        !p.is_empty() && !is_place_text(p) && crate::text::starts_upper(p) && !has_degree(p)
    });
    if let Some(school) = school.or(fallback) {
        education.institution = school.to_string();
    }
}

/// Byte offset of the degree in `text`.
fn degree_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut after_comma = false;
    for word in text.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        let state_code = after_comma && word.len() == 2;
        after_comma = word.ends_with(',');
        let word = word.trim_start_matches('(');
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital && !state_code && is_degree_word(word) && !is_generic_certificate(text, start) {
            return Some(start);
        }
    }
    None
}

/// `Certificate` inside a certification name is not a degree.
fn is_generic_certificate(text: &str, start: usize) -> bool {
    let rest = text[start..].to_lowercase();
    rest.starts_with("certificate")
        && !rest.starts_with("certificate in")
        && !rest.starts_with("certificate of")
}

/// Reads degree and field of study from text starting with the degree.
fn read_degree(education: &mut Education, text: &str) {
    let first = text.split_whitespace().next().unwrap_or("");
    let long = LONG_DEGREES.contains(&first.to_lowercase().as_str());
    if long {
        read_long_degree(education, text);
    } else {
        let degree = first.trim_end_matches([',', ';']);
        education.degree = Some(degree.to_string());
        let rest = text[first.len()..].trim();
        let rest = rest.strip_prefix("in ").unwrap_or(rest);
        education.field_of_study = field_of(rest);
    }
}

/// `Bachelor of Science in Nursing (BSN)`, `Master of Accountancy (MAcc)`,
/// `Bachelor of Business Administration, Accounting`.
fn read_long_degree(education: &mut Education, text: &str) {
    let core_end = [" in ", ",", ";", " (", " - ", " – "]
        .iter()
        .filter_map(|sep| text.find(sep))
        .min()
        .unwrap_or(text.len());
    let core = text[..core_end].trim();
    let rest = &text[core_end..];
    let of_part = core.split_once(" of ").map(|(_, s)| s.trim());
    if let Some(after_in) = rest.strip_prefix(" in ") {
        let field = after_in.split([',', ';']).next().unwrap_or("").trim();
        let (subject, abbreviation) = split_abbreviation(field);
        education.degree = Some(match abbreviation {
            Some(_) => format!("{core} in {field}"),
            None => core.to_string(),
        });
        education.field_of_study = clean_field(subject);
        return;
    }
    // `Doctor of Pharmacy (PharmD), Lone Star College…`: the abbreviation
    // right after the degree belongs to it.
    let abbreviated = rest.trim_start().starts_with('(')
        && rest
            .find(')')
            .is_some_and(|close| split_abbreviation(rest[..=close].trim()).1.is_some());
    education.degree = Some(if abbreviated {
        let abbr_end = rest.find(')').map_or(rest.len(), |i| i + 1);
        format!("{core}{}", &rest[..abbr_end])
    } else {
        core.to_string()
    });
    let after = if abbreviated {
        &rest[rest.find(')').map_or(rest.len(), |i| i + 1)..]
    } else {
        rest
    };
    let explicit = after.trim_start().strip_prefix(',').and_then(field_of);
    let generic = of_part.is_some_and(|p| GENERIC_SUBJECTS.contains(&p.to_lowercase().as_str()));
    education.field_of_study =
        explicit.or_else(|| of_part.filter(|_| !generic).map(str::to_string));
}

/// `Nursing (BSN)` → (`Nursing`, `BSN`).
fn split_abbreviation(text: &str) -> (&str, Option<&str>) {
    if let Some(open) = text.rfind('(') {
        let inner = text[open + 1..].trim_end().trim_end_matches(')');
        let abbreviation = !inner.is_empty()
            && inner.len() <= 8
            && !inner.contains(' ')
            && inner.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if abbreviation && text.trim_end().ends_with(')') {
            return (text[..open].trim(), Some(inner));
        }
    }
    (text, None)
}

/// The field of study at the start of `text` (up to a comma), unless it is a
/// school, a place or a minor.
fn field_of(text: &str) -> Option<String> {
    let first = text.trim().split([',', ';']).next().unwrap_or("").trim();
    if first.is_empty() || is_institution(first) || is_place_text(first) {
        return None;
    }
    let lower = first.to_lowercase();
    if lower.starts_with("minor") || lower.starts_with("gpa") {
        return None;
    }
    clean_field(first)
}

/// Drops honours in parentheses and words like `concentration`.
fn clean_field(text: &str) -> Option<String> {
    let mut field = text.trim().to_string();
    if let Some(open) = field.find('(') {
        let inner = field[open..].to_lowercase();
        let honours = [
            "distinction",
            "honour",
            "honor",
            "merit",
            "cum laude",
            "first class",
            "class",
            "summa",
            "magna",
        ];
        if honours.iter().any(|h| inner.contains(h)) {
            field.truncate(open);
        }
    }
    for suffix in [
        " concentration",
        " major",
        " (major)",
        " emphasis",
        " track",
    ] {
        if field.to_lowercase().ends_with(suffix) {
            field.truncate(field.len() - suffix.len());
        }
    }
    let field = trim_punct(&field).to_string();
    (!field.is_empty()).then_some(field)
}

/// Takes `GPA 3.61/4.0` / `GPA: 3.82` out of a line.
fn take_gpa(line: &str) -> (String, Option<String>) {
    let Some(pos) = line.find("GPA") else {
        return (line.to_string(), None);
    };
    let after = line[pos + 3..].trim_start_matches([':', ' ', '\t']);
    let len = after
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '/'))
        .unwrap_or(after.len());
    let value = after[..len].trim_end_matches(['.', '/']);
    if value.is_empty() {
        return (line.to_string(), None);
    }
    let end = line.len() - after.len() + len;
    let rest = format!("{}\t{}", &line[..pos], &line[end..]);
    (rest, Some(value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn parse_text(text: &str) -> Vec<Education> {
        let lines = lines(text);
        let refs: Vec<&Line> = lines.iter().collect();
        parse(&refs)
    }

    #[test]
    fn an_abbreviation_right_after_the_degree_stays_with_it() {
        let schools = parse_text(
            "Doctor of Pharmacy (PharmD), Lone Star College of Pharmacy, Houston, TX, 2016\n",
        );
        assert_eq!(
            schools[0].degree.as_deref(),
            Some("Doctor of Pharmacy (PharmD)")
        );
        assert_eq!(schools[0].institution, "Lone Star College of Pharmacy");
    }

    #[test]
    fn long_degree_with_abbreviation_keeps_it() {
        let ed = parse_text("Bachelor of Science in Nursing (BSN), Gulf Coast State University, Hammond, LA — May 2016");
        assert_eq!(
            ed[0].degree.as_deref(),
            Some("Bachelor of Science in Nursing (BSN)")
        );
        assert_eq!(ed[0].field_of_study.as_deref(), Some("Nursing"));
        assert_eq!(ed[0].institution, "Gulf Coast State University");
        assert_eq!(ed[0].graduation_year, Some(2016));
        assert_eq!(ed[0].location.as_deref(), Some("Hammond, LA"));
    }

    #[test]
    fn school_line_then_degree_line_with_gpa() {
        let ed = parse_text("Texas Meridian University, San Marcos, TX\tMay 2015\nB.S. in Computer Science, Minor in Mathematics · GPA 3.61/4.0");
        assert_eq!(ed.len(), 1);
        assert_eq!(ed[0].institution, "Texas Meridian University");
        assert_eq!(ed[0].degree.as_deref(), Some("B.S."));
        assert_eq!(ed[0].field_of_study.as_deref(), Some("Computer Science"));
        assert_eq!(ed[0].gpa.as_deref(), Some("3.61/4.0"));
    }

    #[test]
    fn abbreviated_degrees_drop_honours() {
        let ed = parse_text("MSc Statistics (Distinction), University of Ashworth\t2016-2017\nBSc Mathematics (First Class Honours), Kingsmere College London\t2013-2016");
        assert_eq!(ed.len(), 2);
        assert_eq!(ed[0].field_of_study.as_deref(), Some("Statistics"));
        assert_eq!(ed[0].graduation_year, Some(2017));
        assert_eq!(ed[1].institution, "Kingsmere College London");
    }

    #[test]
    fn written_out_subject_is_the_field() {
        let ed =
            parse_text("Lakefront University, Chicago, IL — Master of Accountancy (MAcc)\n2014");
        assert_eq!(
            ed[0].degree.as_deref(),
            Some("Master of Accountancy (MAcc)")
        );
        assert_eq!(ed[0].field_of_study.as_deref(), Some("Accountancy"));
        assert_eq!(ed[0].graduation_year, Some(2014));
    }
}
