//! Employment entries: grouping lines into entries, then reading the title,
//! employer, place and dates of each entry's heading lines.
//!
//! An entry is a block of short heading lines followed by its description
//! (bullets or sentences). A new block starts at a heading line after a
//! description, or at a second dated line when the first dated line also held
//! the title or employer (one line per job). A block with a title and no
//! employer continues the employer above it (a promotion).

use resume_domain::{Experience, ResumeDate};

use crate::dates::{self, DateSpan};
use crate::lexicon::{is_place_text, org_score, split_place, title_score};
use crate::text::{cut, fields, is_sentence, starts_upper, Line};

/// Heading lines and description of one entry.
#[derive(Debug, Default)]
pub(crate) struct Block {
    /// Short lines naming the entry.
    pub header: Vec<String>,
    /// Bullets and sentences, one per line.
    pub description: Vec<String>,
    dated_with_text: bool,
}

/// Groups section lines into entry blocks.
pub(crate) fn blocks(lines: &[&Line]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines {
        let text = line.text.as_str();
        let describes = line.bullet || describes(text);
        match blocks.last_mut() {
            Some(block) if !describes && continues(block, text) => {
                if let Some(last) = block.description.last_mut() {
                    last.push(' ');
                    last.push_str(text);
                }
            }
            Some(block) if describes => block.description.push(text.to_string()),
            _ if describes => blocks.push(Block {
                description: vec![text.to_string()],
                ..Block::default()
            }),
            last => {
                let span = dates::find(text);
                let with_text = span
                    .as_ref()
                    .is_some_and(|s| !cut(text, s.range.clone()).is_empty());
                let fresh = match last {
                    None => true,
                    Some(b) => !b.description.is_empty() || (span.is_some() && b.dated_with_text),
                };
                if fresh {
                    blocks.push(Block::default());
                }
                if let Some(block) = blocks.last_mut() {
                    block.header.push(text.to_string());
                    block.dated_with_text |= with_text;
                }
            }
        }
    }
    blocks
}

/// Whether a plain line describes rather than names: a sentence, or a long
/// or mostly lower-case line without date or fields (bullets whose glyphs a
/// PDF lost).
fn describes(text: &str) -> bool {
    if is_sentence(text) {
        return true;
    }
    let words = text.split_whitespace().count();
    let plain = dates::find(text).is_none() && fields(text).len() == 1;
    plain && (words > 10 || (words >= 6 && !mostly_capitalised(text)))
}

/// Whether a plain line continues the last description line (a bullet
/// wrapped onto the next line of a PDF).
fn continues(block: &Block, text: &str) -> bool {
    let Some(last) = block.description.last() else {
        return false;
    };
    if dates::find(text).is_some() {
        return false;
    }
    let odd_start = text.chars().next().is_some_and(|c| !c.is_uppercase());
    let short_end = text.split_whitespace().count() <= 4 && text.ends_with('.');
    let open = !last.trim_end().ends_with(['.', '!', '?', ';', ':']);
    let plain = fields(text).len() == 1
        && title_score(text) == 0
        && org_score(text) == 0
        && !is_place_text(text);
    odd_start || short_end || (open && plain && !mostly_capitalised(text))
}

fn mostly_capitalised(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    !words.is_empty() && words.iter().filter(|w| starts_upper(w)).count() * 3 >= words.len() * 2
}

/// What the heading lines of a block say.
#[derive(Debug, Default)]
pub(crate) struct Heading {
    /// Text fields other than dates and places, in order.
    pub fields: Vec<String>,
    /// The first place found.
    pub place: Option<String>,
    /// The dates of the last dated line.
    pub dates: Option<DateSpan>,
}

/// Splits heading lines into fields, places and dates.
pub(crate) fn read_heading(header: &[String]) -> Heading {
    let mut heading = Heading::default();
    for line in header {
        let span = dates::find(line);
        let rest = match &span {
            Some(s) => cut(line, s.range.clone()),
            None => line.clone(),
        };
        if span.is_some() {
            heading.dates = span;
        }
        for field in fields(&rest) {
            take_field(&mut heading, field);
        }
    }
    heading
}

fn take_field(heading: &mut Heading, field: &str) {
    if is_place_text(field) {
        heading.place.get_or_insert_with(|| field.to_string());
        return;
    }
    let (head, place) = split_place(field, false);
    if let Some(place) = place {
        heading.place.get_or_insert(place);
    }
    if !head.is_empty() {
        heading.fields.push(head);
    }
}

/// Reads the entries of an experience section.
pub(crate) fn parse(lines: &[&Line]) -> Vec<Experience> {
    let mut entries: Vec<Experience> = Vec::new();
    for block in blocks(lines) {
        let heading = read_heading(&block.header);
        let (position, company) = title_and_employer(&heading.fields);
        let (start_date, end_date) = span_dates(heading.dates.as_ref());
        let mut entry = Experience {
            company: company.unwrap_or_default(),
            position: position.unwrap_or_default(),
            start_date,
            end_date,
            description: block.description.join("\n"),
            location: heading.place,
            ..Experience::default()
        };
        if entry.company.is_empty() && entry.position.is_empty() {
            continue;
        }
        if entry.company.is_empty() {
            inherit_employer(&mut entry, entries.last());
            let employer_only = entries
                .last()
                .is_some_and(|e| e.position.is_empty() && e.description.is_empty());
            if employer_only {
                entries.pop();
            }
        }
        entries.push(entry);
    }
    entries
}

fn inherit_employer(entry: &mut Experience, previous: Option<&Experience>) {
    if let Some(prev) = previous {
        entry.company = prev.company.clone();
        if entry.location.is_none() {
            entry.location = prev.location.clone();
        }
    }
}

/// Start and end of an entry; a single date (`Summer 2025`) is both.
pub(crate) fn span_dates(span: Option<&DateSpan>) -> (Option<ResumeDate>, Option<ResumeDate>) {
    match span {
        Some(s) => (Some(s.start.clone()), Some(s.last().clone())),
        None => (None, None),
    }
}

/// Tells the job title from the employer among the heading fields.
pub(crate) fn title_and_employer(fields: &[String]) -> (Option<String>, Option<String>) {
    match fields {
        [] => (None, None),
        [only] => split_single(only),
        _ => {
            let score = |f: &String| title_score(f) as i64 - org_score(f) as i64;
            let best = (0..fields.len())
                .rev()
                .max_by_key(|&i| score(&fields[i]))
                .unwrap_or(0);
            let best = if score(&fields[best]) == score(&fields[0]) {
                0
            } else {
                best
            };
            let company = fields
                .iter()
                .enumerate()
                .find(|(i, _)| *i != best)
                .map(|(_, f)| f);
            (
                Some(clean_title(&fields[best])),
                company.map(|c| clean_employer(c)),
            )
        }
    }
}

/// One field holding both (`Sous Chef, Osteria Vento`) or just one of them.
fn split_single(field: &str) -> (Option<String>, Option<String>) {
    if let Some((a, b)) = field.split_once(", ") {
        if !is_legal_suffix(b) && a.split_whitespace().count() > 1 || title_score(a) > 0 {
            return if title_score(a) >= title_score(b) {
                (Some(clean_title(a)), Some(clean_employer(b)))
            } else {
                (Some(clean_title(b)), Some(clean_employer(a)))
            };
        }
    }
    if title_score(field) > 0 || org_score(field) == 0 {
        (Some(clean_title(field)), None)
    } else {
        (None, Some(clean_employer(field)))
    }
}

fn is_legal_suffix(text: &str) -> bool {
    let word = text.trim().trim_end_matches('.').to_lowercase();
    matches!(
        word.as_str(),
        "inc"
            | "llc"
            | "llp"
            | "ltd"
            | "gmbh"
            | "co"
            | "corp"
            | "s.a"
            | "ag"
            | "plc"
            | "l.p"
            | "pllc"
            | "pc"
            | "p.c"
            | "lp"
            | "sa"
            | "s.l"
            | "bv"
            | "n.v"
            | "kg"
    )
}

/// Drops an employment type in parentheses (`(part-time)`).
fn clean_title(text: &str) -> String {
    let mut out = text.trim().to_string();
    for kind in [
        "(part-time)",
        "(full-time)",
        "(contract)",
        "(freelance)",
        "(temporary)",
        "(remote)",
        "(internship)",
        "(part time)",
        "(full time)",
    ] {
        if let Some(pos) = out.to_lowercase().find(kind) {
            if out.is_char_boundary(pos) && out.is_char_boundary(pos + kind.len()) {
                out.replace_range(pos..pos + kind.len(), "");
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops a department after the employer (`Center, Medical ICU` → `Center`),
/// keeping legal suffixes (`Components, Inc.`) and names with commas
/// (`Hollis, Grant & Meyer LLP`).
fn clean_employer(text: &str) -> String {
    let text = text.trim();
    if let Some((head, tail)) = text.split_once(", ") {
        let keeps = is_legal_suffix(tail) || head.split_whitespace().count() == 1;
        if !keeps {
            return head.trim().to_string();
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn parse_text(text: &str) -> Vec<Experience> {
        let lines = lines(text);
        let refs: Vec<&Line> = lines.iter().collect();
        parse(&refs)
    }

    #[test]
    fn company_then_title_with_tabbed_dates() {
        let jobs = parse_text(
            "Acme Payments | Dallas, TX\tJun 2017 – Dec 2019\nSoftware Engineer II\n• Built things.\n",
        );
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].company, "Acme Payments");
        assert_eq!(jobs[0].position, "Software Engineer II");
        assert_eq!(jobs[0].location.as_deref(), Some("Dallas, TX"));
        assert_eq!(jobs[0].start_date, ResumeDate::year_month(2017, 6));
        assert_eq!(jobs[0].description, "Built things.");
    }

    #[test]
    fn a_place_in_parentheses_after_the_employer_is_the_location() {
        let jobs = parse_text(
            "Lead Electrician, Saguaro Electric Co. (Phoenix, AZ)\nApr. 2018 – now\n- Led crews.\n",
        );
        assert_eq!(jobs[0].company, "Saguaro Electric Co.");
        assert_eq!(jobs[0].position, "Lead Electrician");
        assert_eq!(jobs[0].location.as_deref(), Some("Phoenix, AZ"));
    }

    #[test]
    fn remote_after_the_employer_is_the_location() {
        let jobs = parse_text(
            "### Customer Success Manager — Parcelwise Inc., Remote\nOct 2017 to Dec 2020\n- Grew retention.\n",
        );
        assert_eq!(jobs[0].company, "Parcelwise Inc.");
        assert_eq!(jobs[0].location.as_deref(), Some("Remote"));
        assert_eq!(jobs[0].start_date, ResumeDate::year_month(2017, 10));
    }

    #[test]
    fn an_employer_before_a_city_is_not_taken_for_a_place() {
        let jobs = parse_text(
            "Staff Pharmacist | Gulf Family Pharmacy, Pasadena, TX | 06/2016 – 06/2019\n• Dispensed.\n",
        );
        assert_eq!(jobs[0].company, "Gulf Family Pharmacy");
        assert_eq!(jobs[0].location.as_deref(), Some("Pasadena, TX"));
    }

    #[test]
    fn one_line_per_job_gives_one_entry_each() {
        let jobs = parse_text(
            "Sous Chef, Osteria Vento, Brooklyn, NY — 2020–present\nCommis, Ristorante Il Faro, Bologna, Italy — 2013–2016",
        );
        assert_eq!(jobs.len(), 2);
        assert_eq!(jobs[0].position, "Sous Chef");
        assert_eq!(jobs[0].company, "Osteria Vento");
        assert_eq!(jobs[1].location.as_deref(), Some("Bologna, Italy"));
        assert_eq!(jobs[0].end_date, Some(ResumeDate::Present));
    }

    #[test]
    fn a_promotion_keeps_the_employer() {
        let jobs = parse_text(
            "Hollis, Grant & Meyer LLP — Chicago, IL\nSeptember 2014 – February 2019\nAudit Senior, January 2017 – February 2019\n• Ran fieldwork.\nAudit Associate, September 2014 – December 2016\n• Tested revenue.",
        );
        assert_eq!(jobs.len(), 2);
        assert_eq!(jobs[0].position, "Audit Senior");
        assert_eq!(jobs[1].company, "Hollis, Grant & Meyer LLP");
        assert_eq!(jobs[1].position, "Audit Associate");
        assert_eq!(jobs[0].start_date, ResumeDate::year_month(2017, 1));
    }

    #[test]
    fn wrapped_bullets_are_joined() {
        let jobs = parse_text(
            "Engineer — Acme Corp\t2019 – 2021\n• Built a pipeline that\nprocesses claims.\n",
        );
        assert_eq!(
            jobs[0].description,
            "Built a pipeline that processes claims."
        );
    }
}
