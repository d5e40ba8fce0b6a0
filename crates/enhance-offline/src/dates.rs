//! Bringing dates the parser kept verbatim into the normalised forms, so a
//! resume shows every date the same way.
//!
//! Only unambiguous forms are read: a month name or abbreviation with a
//! four-digit year (`Sept. 2018`), `MM/YYYY`, `YYYY-MM`, `YYYY/MM`, a year
//! alone, and the words for an ongoing item. Anything else stays as written.

use resume_domain::date::MONTH_NAMES;
use resume_domain::{ResumeContent, ResumeDate};

/// Month names by their first three letters.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Words that mean the item is still ongoing.
const ONGOING: [&str; 6] = ["present", "current", "now", "to date", "ongoing", "today"];

/// Normalises every verbatim date of `content` that can be read.
pub(crate) fn normalize_dates(content: &mut ResumeContent) {
    let experience = content
        .experience
        .iter_mut()
        .flat_map(|e| [&mut e.start_date, &mut e.end_date]);
    let certs = content
        .certifications
        .iter_mut()
        .flat_map(|c| [&mut c.issue_date, &mut c.expiration_date]);
    let projects = content
        .projects
        .iter_mut()
        .flat_map(|p| [&mut p.start_date, &mut p.end_date]);
    let volunteer = content
        .volunteer_experience
        .iter_mut()
        .flat_map(|v| [&mut v.start_date, &mut v.end_date]);
    let awards = content.awards.iter_mut().map(|a| &mut a.date);
    let publications = content
        .publications
        .iter_mut()
        .map(|p| &mut p.publication_date);

    let all = experience
        .chain(certs)
        .chain(projects)
        .chain(volunteer)
        .chain(awards);
    for date in all.chain(publications).flatten() {
        if let ResumeDate::Verbatim(text) = date {
            if let Some(read) = read_date(text) {
                *date = read;
            }
        }
    }
}

/// Reads one verbatim date, `None` when its form is not certain.
pub(crate) fn read_date(text: &str) -> Option<ResumeDate> {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    if ONGOING.contains(&lower.as_str()) {
        return Some(ResumeDate::Present);
    }
    if let Some(date) = ResumeDate::parse_normalized(&lower) {
        return Some(date);
    }
    let parts: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == '-' || c == '.' || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [first, second] => month_and_year(first, second).or_else(|| month_and_year(second, first)),
        _ => None,
    }
}

/// A month (name or number) followed by a four-digit year.
fn month_and_year(month: &str, year: &str) -> Option<ResumeDate> {
    if year.len() != 4 {
        return None;
    }
    let year: u16 = year.parse().ok()?;
    let month = month_number(month)?;
    ResumeDate::year_month(year, month)
}

fn month_number(word: &str) -> Option<u8> {
    if word.bytes().all(|b| b.is_ascii_digit()) && (1..=2).contains(&word.len()) {
        return word.parse().ok();
    }
    let prefix = word.get(..3)?;
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    let full_or_short = word.len() <= 4 || is_month_name(word, index);
    if full_or_short {
        u8::try_from(index + 1).ok()
    } else {
        None
    }
}

fn is_month_name(word: &str, index: usize) -> bool {
    MONTH_NAMES.get(index).is_some_and(|name| *name == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_written_forms_are_read() {
        let cases = [
            ("Sept. 2018", ResumeDate::year_month(2018, 9)),
            ("January 2016", ResumeDate::year_month(2016, 1)),
            ("03/2018", ResumeDate::year_month(2018, 3)),
            ("2021/04", ResumeDate::year_month(2021, 4)),
            ("2019", Some(ResumeDate::Year(2019))),
            ("Current", Some(ResumeDate::Present)),
            ("to date", Some(ResumeDate::Present)),
        ];
        for (text, want) in cases {
            assert_eq!(read_date(text), want, "{text}");
        }
    }

    #[test]
    fn uncertain_forms_stay_verbatim() {
        for text in [
            "Summer 2025",
            "13/2018",
            "Marching 2018",
            "03/18",
            "Fall term",
        ] {
            assert_eq!(read_date(text), None, "{text}");
        }
    }
}
