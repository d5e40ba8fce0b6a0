//! Short list sections: certifications, awards, languages, interests and
//! volunteering.

use resume_domain::{Award, Certification, Language, Volunteer};

use crate::dates;
use crate::experience::span_dates;
use crate::lexicon::{is_institution, org_score, title_score};
use crate::text::{cut, split_outside_parens, trim_punct, Line};

/// One list item: its first line and the description lines under it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Item {
    /// The item's own text.
    pub head: String,
    /// Bullets under a plain heading line.
    pub details: Vec<String>,
    /// Whether the head was a bullet.
    pub bullet: bool,
}

/// Splits a section into items. When plain lines are followed by bullets,
/// the plain lines are the items and the bullets describe them; otherwise
/// every line is an item, and a line starting in lower case continues the one
/// above (a wrapped line).
pub(crate) fn items(lines: &[&Line]) -> Vec<Item> {
    let nested = lines.windows(2).any(|w| !w[0].bullet && w[1].bullet);
    let mut out: Vec<Item> = Vec::new();
    for line in lines {
        let lower = line.text.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(item) if nested && line.bullet => item.details.push(line.text.clone()),
            Some(item) if lower && !line.bullet => match item.details.last_mut() {
                Some(detail) => append(detail, &line.text),
                None => append(&mut item.head, &line.text),
            },
            _ => out.push(Item {
                head: line.text.clone(),
                bullet: line.bullet,
                ..Item::default()
            }),
        }
    }
    out
}

fn append(target: &mut String, text: &str) {
    target.push(' ');
    target.push_str(text);
}

/// Splits `text` at its strongest separator: a tab, an em dash or a bar;
/// then a spaced en dash or hyphen.
pub(crate) fn split_strong(text: &str) -> Option<(&str, &str)> {
    for sep in ["\t", " — ", " | ", " – ", " - ", " -- "] {
        if let Some((a, b)) = text.split_once(sep) {
            return Some((a.trim(), b.trim()));
        }
    }
    None
}

/// Reads certifications; a plain line holding only the issuer and a date
/// completes the certification above it.
pub(crate) fn certifications(lines: &[&Line]) -> Vec<Certification> {
    let mut out: Vec<Certification> = Vec::new();
    for item in items(lines) {
        let cert = certification(&item.head);
        if let Some(prev) = out.last_mut() {
            let completes = !item.bullet
                && prev.issuer.is_none()
                && prev.issue_date.is_none()
                && cert.issuer.is_none()
                && cert.issue_date.is_some()
                && !looks_like_certificate(&cert.name);
            if completes {
                prev.issuer = Some(cert.name);
                prev.issue_date = cert.issue_date;
                continue;
            }
        }
        if !cert.name.is_empty() {
            out.push(cert);
        }
    }
    out
}

fn looks_like_certificate(name: &str) -> bool {
    let lower = name.to_lowercase();
    [
        "certif",
        "licen",
        "professional",
        "associate",
        "specialist",
        "diploma",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Reads one certification line.
pub(crate) fn certification(text: &str) -> Certification {
    let mut cert = Certification::default();
    let (text, id) = take_credential_id(text);
    cert.credential_id = id;
    let text = match dates::find(&text) {
        Some(span) => {
            let before = text[..span.range.start].to_lowercase();
            let expiry = ["exp", "expires", "valid until", "valid through"]
                .iter()
                .any(|w| before.trim_end().ends_with(w));
            if expiry {
                cert.expiration_date = Some(span.last().clone());
            } else {
                cert.issue_date = Some(span.start.clone());
                cert.expiration_date = span.end.clone().filter(|d| !d.is_present());
            }
            cut(&text, span.range)
        }
        None => text,
    };
    let (name, issuer) = split_name_issuer(&text);
    cert.name = name;
    cert.issuer = issuer;
    cert
}

/// Splits `name — issuer`; without an em dash, bar or tab the last comma or
/// spaced dash separates them (`AWS … – Associate, Amazon Web Services`).
fn split_name_issuer(text: &str) -> (String, Option<String>) {
    for sep in ["\t", " — ", " | "] {
        if let Some((a, b)) = text.split_once(sep) {
            return (trim_punct(a).to_string(), clean_issuer(b));
        }
    }
    // `Professional Engineer (PE), Colorado State Board of …, Professional …`:
    // a name that closes with its abbreviation ends there.
    let after_abbreviation = text.find("), ").map(|i| (i + 1, 2));
    let last = after_abbreviation.or_else(|| {
        [", ", " – ", " - "]
            .iter()
            .filter_map(|sep| text.rfind(sep).map(|i| (i, sep.len())))
            .max()
    });
    if let Some((i, len)) = last {
        let (a, b) = (&text[..i], &text[i + len..]);
        if b.chars().next().is_some_and(char::is_uppercase)
            && !b.chars().any(|c| c.is_ascii_digit())
        {
            return (trim_punct(a).to_string(), clean_issuer(b));
        }
    }
    (trim_punct(text).to_string(), None)
}

fn clean_issuer(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix("Issued by ").unwrap_or(text);
    let text = trim_punct(text.split(['\t', '(']).next().unwrap_or(""));
    (!text.is_empty()).then(|| text.to_string())
}

/// Takes `License No. 214-7781` / `Credential ID ABC-1` out of a line.
fn take_credential_id(text: &str) -> (String, Option<String>) {
    let lower = text.to_lowercase();
    let markers = [
        "credential id",
        "license no.",
        "licence no.",
        "license number",
        "licence number",
        "certificate no.",
        "license #",
        "id:",
        "no.",
    ];
    for marker in markers {
        let Some(pos) = lower.find(marker) else {
            continue;
        };
        if !text.is_char_boundary(pos) || !text.is_char_boundary(pos + marker.len()) {
            continue;
        }
        let after = text[pos + marker.len()..].trim_start_matches([':', ' ', '#']);
        let len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(after.len());
        if len == 0 || !after[..len].chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let end = text.len() - after.len() + len;
        let rest = format!("{}{}", trim_punct(&text[..pos]), &text[end..]);
        return (rest, Some(after[..len].to_string()));
    }
    (text.to_string(), None)
}

/// Reads one award line: the title without the issuer and year after it.
pub(crate) fn award(item: &Item) -> Award {
    let mut award = Award::default();
    let text = match dates::find(&item.head) {
        Some(span) => {
            award.date = Some(span.last().clone());
            cut(&item.head, span.range)
        }
        None => item.head.clone(),
    };
    let (title, rest) = match split_strong(&text) {
        Some((a, b)) => (a.to_string(), Some(b)),
        // `Craftsman of the Year, Arizona Builders Alliance`
        None => match trim_punct(&text).rsplit_once(", ") {
            Some((a, b)) if org_score(b) > 0 || is_institution(b) => (a.to_string(), Some(b)),
            _ => (text.clone(), None),
        },
    };
    award.title = trim_punct(&title).to_string();
    if let Some(rest) = rest {
        let (issuer, note) = match rest.split_once(['(', '\t']) {
            Some((i, n)) => (i, Some(n.trim_end_matches(')'))),
            None => (rest, None),
        };
        let issuer = trim_punct(issuer);
        award.issuer = (!issuer.is_empty()).then(|| issuer.to_string());
        award.description = note
            .map(|n| trim_punct(n).to_string())
            .filter(|n| !n.is_empty());
    }
    if !item.details.is_empty() {
        award.description = Some(item.details.join("\n"));
    }
    award
}

/// Reads the spoken languages: `English (Native)`, `Spanish — B1`,
/// `German: fluent (C1)`, several per line or one per line.
pub(crate) fn languages(lines: &[&Line]) -> Vec<Language> {
    lines
        .iter()
        .flat_map(|l| split_outside_parens(&l.text, &[',', ';', '·', '•', '|', '\t', '▪']))
        .filter_map(|piece| language(trim_punct(piece)))
        .collect()
}

fn language(text: &str) -> Option<Language> {
    let (name, level) = split_level(text);
    let name = trim_punct(name);
    let plausible = !name.is_empty()
        && name.split_whitespace().count() <= 3
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && crate::text::starts_upper(name);
    let level = level
        .map(trim_punct)
        .filter(|l| !l.is_empty())
        .map(str::to_string);
    plausible.then(|| Language {
        name: name.to_string(),
        proficiency: level,
        ..Language::default()
    })
}

fn split_level(text: &str) -> (&str, Option<&str>) {
    for sep in [":", " — ", " – ", " - ", "—", "–"] {
        if let Some((a, b)) = text.split_once(sep) {
            return (a, Some(b));
        }
    }
    if let Some((a, b)) = text.split_once('(') {
        return (a, Some(b.trim_end_matches(')')));
    }
    (text, None)
}

/// Reads the interests, split on commas, middle dots, bars and `and`.
pub(crate) fn interests(lines: &[&Line]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        for piece in split_outside_parens(&line.text, &[',', ';', '·', '•', '|', '\t', '▪']) {
            for part in piece.split(" and ") {
                let part = trim_punct(part).trim_end_matches('.').trim();
                let part = part.strip_prefix("and ").unwrap_or(part);
                if !part.is_empty() && part.split_whitespace().count() <= 10 {
                    out.push(part.to_string());
                }
            }
        }
    }
    out
}

/// Whether an item of an activities section is volunteering.
pub(crate) fn is_volunteering(item: &Item) -> bool {
    let lower = item.head.to_lowercase();
    [
        "volunteer",
        "voluntario",
        "bénévole",
        "ehrenamt",
        "pro bono",
        "pro-bono",
        "mentor",
        "tutor",
        "nonprofit",
        "non-profit",
        "charity",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Joins a part naming a chapter or branch to the organisation before it:
/// `Engineers Without Borders – Denver Professional Chapter` is one name.
fn join_chapters(parts: Vec<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let last = part.split_whitespace().last().unwrap_or("").to_lowercase();
        let chapter = matches!(last.as_str(), "chapter" | "branch" | "division" | "local");
        match out.last_mut() {
            Some(prev) if chapter => {
                prev.push_str(" – ");
                prev.push_str(part);
            }
            _ => out.push(part.to_string()),
        }
    }
    out
}

/// Reads one volunteering item: role, organisation, dates, description.
pub(crate) fn volunteer(item: &Item) -> Option<Volunteer> {
    let mut entry = Volunteer::default();
    let text = match dates::find(&item.head) {
        Some(span) => {
            (entry.start_date, entry.end_date) = span_dates(Some(&span));
            cut(&item.head, span.range)
        }
        None => item.head.clone(),
    };
    let (head, mut description) = match text.split_once(": ") {
        Some((h, d)) => (h.to_string(), Some(d.trim().to_string())),
        None => (text.clone(), None),
    };
    let parts = join_chapters(crate::text::fields(&head));
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let (role, organization, rest) = role_and_org(&parts);
    // `Board Member (volunteer)`: the marker is not part of the role.
    let role = role.map(|r| {
        const MARKER: &str = "(volunteer)";
        let cut = r.len().saturating_sub(MARKER.len());
        match r.get(cut..) {
            Some(tail) if tail.eq_ignore_ascii_case(MARKER) => r[..cut].trim().to_string(),
            _ => r,
        }
    });
    entry.role = role;
    entry.organization = organization;
    if description.is_none() && !rest.is_empty() {
        description = Some(rest.join(" — "));
    }
    if !item.details.is_empty() {
        description = Some(item.details.join("\n"));
    }
    entry.description = description;
    (!entry.organization.is_empty()).then_some(entry)
}

fn role_and_org(parts: &[&str]) -> (Option<String>, String, Vec<String>) {
    let Some(first) = parts.first() else {
        return (None, String::new(), Vec::new());
    };
    if let Some((a, b)) = first.split_once(", ") {
        let rest = parts[1..].iter().map(|s| s.to_string()).collect();
        let (role, org) = if title_score(b) > title_score(a) {
            (b, a)
        } else {
            (a, b)
        };
        return (Some(role.trim().to_string()), org.trim().to_string(), rest);
    }
    if let Some(second) = parts.get(1) {
        let rest = parts[2..].iter().map(|s| s.to_string()).collect();
        let second_is_role =
            title_score(second) > title_score(first) || org_score(first) > org_score(second);
        let (role, org) = if second_is_role {
            (second, first)
        } else {
            (first, second)
        };
        return (Some(role.to_string()), org.to_string(), rest);
    }
    if let Some(pos) = first.find(" Volunteer ") {
        return (
            Some(first[pos + 1..].to_string()),
            first[..pos].to_string(),
            Vec::new(),
        );
    }
    (None, first.to_string(), Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use resume_domain::ResumeDate;

    #[test]
    fn an_award_written_title_issuer_year_is_split_at_the_comma() {
        let item = Item {
            head: "Craftsman of the Year, Arizona Builders Alliance, 2021".into(),
            details: Vec::new(),
            bullet: true,
        };
        let award = award(&item);
        assert_eq!(award.title, "Craftsman of the Year");
        assert_eq!(award.issuer.as_deref(), Some("Arizona Builders Alliance"));
        assert_eq!(award.date, Some(ResumeDate::Year(2021)));

        // Only an organisation after the comma is an issuer.
        let item = Item {
            head: "Employee of the Month, Night Shift, 2021".into(),
            details: Vec::new(),
            bullet: true,
        };
        let award = super::award(&item);
        assert_eq!(award.title, "Employee of the Month, Night Shift");
        assert_eq!(award.issuer, None);
    }

    #[test]
    fn an_issuer_with_commas_follows_the_name_closed_by_its_abbreviation() {
        let cert = certification(
            "Professional Engineer (PE), Colorado State Board of Licensure for Architects, \
             Professional Engineers and Professional Land Surveyors",
        );
        assert_eq!(cert.name, "Professional Engineer (PE)");
        assert_eq!(
            cert.issuer.as_deref(),
            Some(
                "Colorado State Board of Licensure for Architects, Professional Engineers and \
                 Professional Land Surveyors"
            )
        );
    }

    #[test]
    fn a_chapter_after_a_dash_stays_with_its_organisation() {
        let item = Item {
            head:
                "Mentor, Engineers Without Borders – Denver Professional Chapter (2018 – present)"
                    .into(),
            details: Vec::new(),
            bullet: true,
        };
        let entry = volunteer(&item).unwrap();
        assert_eq!(
            entry.organization,
            "Engineers Without Borders – Denver Professional Chapter"
        );
        assert_eq!(entry.role.as_deref(), Some("Mentor"));
    }

    #[test]
    fn certification_issuer_follows_the_last_comma() {
        let cert = certification(
            "AWS Certified Solutions Architect – Associate, Amazon Web Services (2021)",
        );
        assert_eq!(cert.name, "AWS Certified Solutions Architect – Associate");
        assert_eq!(cert.issuer.as_deref(), Some("Amazon Web Services"));
        assert_eq!(cert.issue_date, Some(ResumeDate::Year(2021)));
    }

    #[test]
    fn licence_numbers_become_credential_ids() {
        let cert = certification(
            "Registered Nurse (RN) — Louisiana State Board of Nursing, License No. 214-7781",
        );
        assert_eq!(cert.name, "Registered Nurse (RN)");
        assert_eq!(
            cert.issuer.as_deref(),
            Some("Louisiana State Board of Nursing")
        );
        assert_eq!(cert.credential_id.as_deref(), Some("214-7781"));
    }

    #[test]
    fn languages_in_three_styles() {
        let line = Line::plain("German: fluent (C1) | English (Native) · Spanish — B1");
        let langs = languages(&[&line]);
        let pairs: Vec<(&str, Option<&str>)> = langs
            .iter()
            .map(|l| (l.name.as_str(), l.proficiency.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("German", Some("fluent (C1)")),
                ("English", Some("Native")),
                ("Spanish", Some("B1"))
            ]
        );
    }

    #[test]
    fn interests_split_on_and() {
        let line = Line::plain("Cross-country skiing, knitting, and board-game design.");
        assert_eq!(
            interests(&[&line]),
            ["Cross-country skiing", "knitting", "board-game design"]
        );
    }

    #[test]
    fn volunteering_roles_and_organisations() {
        let item = Item {
            head: "Board Member, Miami Youth Arts Collective (2022 – present): lead fundraising"
                .into(),
            ..Item::default()
        };
        let v = volunteer(&item).unwrap();
        assert_eq!(v.role.as_deref(), Some("Board Member"));
        assert_eq!(v.organization, "Miami Youth Arts Collective");
        assert_eq!(v.end_date, Some(ResumeDate::Present));
        assert_eq!(v.description.as_deref(), Some("lead fundraising"));
        let item = Item {
            head: "Open Data Collective London Volunteer Data Analyst (2020-Present)".into(),
            ..Item::default()
        };
        let v = volunteer(&item).unwrap();
        assert_eq!(v.organization, "Open Data Collective London");
    }
}
