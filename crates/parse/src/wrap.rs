//! Re-joining lines that a PDF wrapped at the column edge.
//!
//! PDF text comes as visual lines, so a long bullet, certification or skill
//! list continues on the next line. A line is taken as the continuation of
//! the one above when nothing separates them (no bullet, heading or empty
//! line) and either it starts in lower case or with punctuation, the line
//! above leaves a parenthesis open, or the line above is about as long as the
//! longest lines around it (it reached the column edge) and holds no date.

use crate::dates;
use crate::headings::heading_kind;
use crate::lexicon::is_place_text;
use crate::text::{cut, fields, Line};

/// How many lines on each side are compared to estimate the column width.
const WINDOW: usize = 6;

/// A line at least this share of the column width reached the edge.
const FULL_SHARE: f64 = 0.7;

/// Joins wrapped lines of a PDF.
pub(crate) fn join_wrapped(lines: Vec<Line>) -> Vec<Line> {
    let widths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut last_width = 0usize;
    for (i, line) in lines.into_iter().enumerate() {
        let column = column_width(&widths, i);
        let joins = out
            .last()
            .is_some_and(|prev| continues(prev, last_width, column, &line));
        last_width = widths[i];
        match out.last_mut() {
            Some(prev) if joins => {
                prev.text.push(' ');
                prev.text.push_str(&line.text);
            }
            _ => out.push(line),
        }
    }
    out
}

fn column_width(widths: &[usize], i: usize) -> usize {
    let from = i.saturating_sub(WINDOW + 1);
    let to = (i + WINDOW).min(widths.len());
    widths[from..to].iter().copied().max().unwrap_or(0)
}

/// Whether `line` continues `prev`, whose last visual line was `prev_width`
/// characters wide.
fn continues(prev: &Line, prev_width: usize, column: usize, line: &Line) -> bool {
    if line.bullet
        || line.gap_before
        || heading_kind(line).is_some()
        || heading_kind(prev).is_some()
    {
        return false;
    }
    let contact = line.text.contains('@') || line.text.to_lowercase().contains("linkedin");
    if contact || crate::contact::find_phone(&line.text).is_some() {
        return false;
    }
    if range_left_open(&prev.text) && starts_with_date(&line.text) {
        return true;
    }
    if starts_fresh(&line.text) {
        return false;
    }
    let closed = prev.text.trim_end().ends_with(['.', '!', '?']);
    let first = line.text.chars().next().unwrap_or(' ');
    let lower = first.is_lowercase() || matches!(first, '(' | '$' | '%' | '&' | '[');
    if lower && (!closed || crate::entries::split_strong(&line.text).is_none()) {
        return true;
    }
    if prev.text.matches('(').count() > prev.text.matches(')').count() {
        return true;
    }
    let full = prev_width as f64 >= FULL_SHARE * column as f64 && column > 0;
    let open = !prev.text.trim_end().ends_with(['.', '!', '?', ':', ';']);
    let split_entry = has_separator(&line.text) && !has_separator(&prev.text);
    let dangling = prev
        .text
        .split_whitespace()
        .last()
        .is_some_and(is_function_word);
    let labelled = prev
        .text
        .split_once(':')
        .is_some_and(|(h, _)| h.split_whitespace().count() <= 3);
    let open = open && !labelled && !prev.text.trim_end().ends_with(')');
    // The last word or two of a bullet that reached the edge:
    // `• NABCEP …, North American Board of Certified Energy` / `Practitioners`.
    let tail_of_bullet = prev.bullet
        && line.text.split_whitespace().count() <= 3
        && !has_separator(&line.text)
        && dates::find(&line.text).is_none();
    // An entry's fields wrapped before the date that ends them:
    // `Bachelor of Science in …, Colorado State` / `University, 2017`.
    let fields_before_date = || {
        prev.text.contains(',')
            && !has_separator(&line.text)
            && dates::find(&line.text)
                .is_some_and(|span| span.range.end >= line.text.trim_end().len())
    };
    full && open
        && dates::find(&prev.text).is_none()
        && (split_entry || dangling || tail_of_bullet || fields_before_date())
}

/// Whether `text` ends with a date and a range mark whose end is on the next
/// line: `… 2017-08 to`, `Jan 2019 –`.
fn range_left_open(text: &str) -> bool {
    let text = text.trim_end();
    let before = text
        .strip_suffix(['-', '–', '—'])
        .or_else(|| {
            let (head, last) = text.rsplit_once(' ')?;
            matches!(last.to_lowercase().as_str(), "to" | "until" | "through").then_some(head)
        })
        .map(str::trim_end);
    before.is_some_and(|before| {
        dates::find(before).is_some_and(|span| span.end.is_none() && span.range.end == before.len())
    })
}

/// Whether `text` opens with a date or with `Present`.
fn starts_with_date(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    matches!(
        first.trim_end_matches([',', '.']).to_lowercase().as_str(),
        "present" | "now" | "current" | "today"
    ) || dates::find(text).is_some_and(|span| span.range.start == 0)
}

fn has_separator(text: &str) -> bool {
    [" — ", " – ", " | ", "\t"].iter().any(|s| text.contains(s))
}

/// Words that never end a name or phrase, so a line ending in one goes on.
fn is_function_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "and"
            | "or"
            | "of"
            | "the"
            | "for"
            | "in"
            | "with"
            | "to"
            | "a"
            | "an"
            | "&"
            | "on"
            | "at"
            | "by"
            | "de"
            | "del"
            | "und"
            | "für"
            | "et"
            | "y"
    )
}

/// A line that opens something of its own: only a date, a place first, or a
/// `Label: value` line.
fn starts_fresh(text: &str) -> bool {
    if let Some(span) = dates::find(text) {
        if cut(text, span.range).is_empty() && !text.starts_with('(') {
            return true;
        }
    }
    if fields(text).first().is_some_and(|f| is_place_text(f)) {
        return true;
    }
    let label = text
        .split_once(':')
        .is_some_and(|(head, _)| head.split_whitespace().count() <= 3);
    label && text.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn joined(text: &str) -> Vec<String> {
        join_wrapped(lines(text))
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn the_last_words_of_a_bullet_at_the_column_edge_are_joined() {
        let out = joined(
            "• Journeyman Electrician License, Arizona Registrar of Contractors\n\
             • NABCEP PV Installation Professional, North American Board of Certified Energy\n\
             Practitioners\n\
             • OSHA 30-Hour Construction, OSHA Training Institute",
        );
        assert_eq!(out.len(), 3);
        assert!(out[1].ends_with("Certified Energy Practitioners"));
    }

    #[test]
    fn a_date_range_wrapped_after_its_first_date_is_joined() {
        let out = joined(
            "Systems Engineer, Front Range Logistics, Boulder, CO — 2017-08 to\n\
             2021-03\n\
             Analyst, Acme, 2015 –\n\
             Present\n\
             2014\n\
             Intern, Acme",
        );
        assert_eq!(
            out,
            [
                "Systems Engineer, Front Range Logistics, Boulder, CO — 2017-08 to 2021-03",
                "Analyst, Acme, 2015 – Present",
                "2014",
                "Intern, Acme"
            ]
        );
    }

    #[test]
    fn entry_fields_wrapped_before_their_closing_date_are_joined() {
        let out = joined(
            "Bachelor of Science in Computer Engineering, Colorado State\n\
             University, 2017\n\
             Certified Kubernetes Administrator (CKA), Cloud Native Computing\n\
             Foundation, 2022\n\
             Short line, with comma\n\
             Acme Corp, 2019",
        );
        assert_eq!(
            out,
            [
                "Bachelor of Science in Computer Engineering, Colorado State University, 2017",
                "Certified Kubernetes Administrator (CKA), Cloud Native Computing Foundation, 2022",
                "Short line, with comma",
                "Acme Corp, 2019"
            ]
        );
    }

    #[test]
    fn lower_case_continuations_are_joined() {
        let out = joined("• Lead a team and a budget for the U.S.\nmarket and more\n• Next");
        assert_eq!(
            out,
            [
                "Lead a team and a budget for the U.S. market and more",
                "Next"
            ]
        );
    }

    #[test]
    fn lines_that_reach_the_column_edge_continue() {
        let out = joined("Skills\nPython, SQL, pandas\nGoogle Cloud Professional Data\nEngineer — Google Cloud, 2022\nDatabricks Certified ML Associate");
        assert_eq!(
            out[2],
            "Google Cloud Professional Data Engineer — Google Cloud, 2022"
        );
        assert_eq!(out[3], "Databricks Certified ML Associate");
    }

    #[test]
    fn dates_and_places_start_their_own_line() {
        let out = joined("Mathematics Teacher and Department Chair — North Ridge High School\n2015 to date\nSeattle, WA · 2019 – 2021");
        assert_eq!(out.len(), 3);
    }
}
