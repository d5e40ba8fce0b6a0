//! The name and contact details.

use resume_domain::Link;

use crate::headings::heading_kind;
use crate::lexicon::{is_institution, org_score, split_place, title_score};
use crate::text::{fields, fold, starts_upper, Line};

/// Honorifics dropped before a name.
const HONORIFICS: &[&str] = &[
    "dr.", "dr", "mr.", "mr", "ms.", "ms", "mrs.", "mrs", "prof.", "prof",
];

/// Finds the line holding the person's name: the first name-like line, or
/// the name-like line that matches the e-mail address when the first lines
/// hold no name (a sidebar column read first).
pub(crate) fn name_line(lines: &[Line], email: Option<&str>) -> Option<(usize, String)> {
    let local = email
        .and_then(|e| e.split('@').next())
        .map(fold)
        .unwrap_or_default();
    if let Some(found) = split_name(lines, &local) {
        return Some(found);
    }
    let mut first = None;
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = name_candidate(line) else {
            continue;
        };
        if i < 3 || matches_email(&name, &local) {
            return Some((i, name));
        }
        if first.is_none() && i < 8 {
            first = Some((i, name));
        }
    }
    first
}

/// A name set large in a narrow column wraps, one word per line
/// (`Mei-Ling` / `Zhao`): two single-word lines at the top that together
/// read as a name the email address agrees with.
fn split_name(lines: &[Line], local: &str) -> Option<(usize, String)> {
    let single = |line: &Line| {
        let words: Vec<&str> = line.text.split_whitespace().collect();
        (words.len() == 1 && is_name_word(words[0])).then(|| words[0].to_string())
    };
    for (i, pair) in lines.windows(2).take(3).enumerate() {
        let (Some(first), Some(last)) = (single(&pair[0]), single(&pair[1])) else {
            continue;
        };
        let joined = Line::plain(format!("{first} {last}"));
        if let Some(name) = name_candidate(&joined).filter(|n| matches_email(n, local)) {
            return Some((i, name));
        }
    }
    None
}

fn matches_email(name: &str, local: &str) -> bool {
    !local.is_empty()
        && name
            .split_whitespace()
            .filter(|w| w.chars().count() >= 3)
            .any(|w| {
                let folded = fold(w);
                folded.len() >= 3 && local.contains(&folded)
            })
}

/// The name on a line, without honorifics and post-nominal letters, when the
/// line looks like a person's name.
fn name_candidate(line: &Line) -> Option<String> {
    if line.bullet || line.text.len() > 60 || heading_kind(line).is_some() {
        return None;
    }
    let base = strip_post_nominals(&line.text);
    let words: Vec<&str> = base
        .split_whitespace()
        .skip_while(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
        .collect();
    let plausible = (2..=5).contains(&words.len())
        && words.iter().all(|w| is_name_word(w))
        && title_score(&base) == 0
        && org_score(&base) == 0
        && !is_institution(&base);
    plausible.then(|| words.join(" "))
}

fn is_name_word(word: &str) -> bool {
    let particle = matches!(
        word,
        "de" | "da"
            | "del"
            | "der"
            | "van"
            | "von"
            | "la"
            | "le"
            | "di"
            | "du"
            | "bin"
            | "al"
            | "y"
            | "dos"
            | "das"
    );
    particle
        || (starts_upper(word)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’')))
}

/// `Jonathan Kessler, CPA` → `Jonathan Kessler`; `Renée Thibodeaux, BSN, RN` →
/// `Renée Thibodeaux`.
fn strip_post_nominals(text: &str) -> String {
    let mut parts = text.split(',');
    let head = parts.next().unwrap_or("").trim();
    let tail: Vec<&str> = parts.map(str::trim).collect();
    let all_letters = tail.iter().all(|p| {
        !p.is_empty()
            && p.split_whitespace().all(|w| {
                let letters = w.chars().filter(|c| c.is_alphabetic());
                letters.clone().count() <= 6 && letters.filter(|c| c.is_uppercase()).count() >= 2
                    || matches!(
                        w,
                        "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "PhD" | "Ph.D."
                    )
            })
    });
    if tail.is_empty() || all_letters {
        head.to_string()
    } else {
        text.to_string()
    }
}

/// The first e-mail address in `text`.
pub(crate) fn find_email(text: &str) -> Option<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | ';' | '<' | '>' | '(' | ')')
    })
    .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
    .map(|t| t.strip_prefix("mailto:").unwrap_or(t))
    .find(|t| is_email(t))
    .map(str::to_string)
}

fn is_email(token: &str) -> bool {
    let Some((local, domain)) = token.split_once('@') else {
        return false;
    };
    let ok = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    !local.is_empty()
        && local.chars().all(ok)
        && domain.contains('.')
        && !domain.starts_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

/// The first phone number in `text`, as written.
pub(crate) fn find_phone(text: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let boundary = i == 0 || !chars[i - 1].1.is_alphanumeric();
        if boundary && (c == '+' || c == '(' || c.is_ascii_digit()) {
            if let Some(end) = phone_end(&chars, i) {
                return Some(text[start..end].to_string());
            }
        }
        i += 1;
    }
    None
}

/// Where a phone number starting at `i` ends, when it is one.
fn phone_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let mut digits = 0;
    let mut end = None;
    let plus = chars[i].1 == '+';
    for &(pos, c) in &chars[i..] {
        match c {
            '0'..='9' => {
                digits += 1;
                end = Some(pos + 1);
            }
            '+' if pos == chars[i].0 => {}
            ' ' | '.' | '-' | '(' | ')' | '/' => {}
            _ => break,
        }
        if digits > 15 {
            return None;
        }
    }
    let end = end?;
    let enough = digits >= 10 || (plus && digits >= 8);
    enough.then_some(end)
}

/// The LinkedIn profile as an `https://` URL, from the text or the links.
pub(crate) fn find_linkedin(text: &str, links: &[Link]) -> Option<String> {
    let from_links = links
        .iter()
        .map(|l| l.target.as_str())
        .find(|t| t.contains("linkedin.com/"));
    let from_text = text
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | ';' | '<' | '>'))
        .find(|t| t.to_lowercase().contains("linkedin.com/"));
    let raw = from_links.or(from_text)?;
    let start = raw.to_lowercase().find("linkedin.com/").unwrap_or(0);
    let prefix = &raw[..start];
    let www = if prefix.to_lowercase().ends_with("www.") {
        "www."
    } else {
        ""
    };
    let rest = raw[start..].trim_end_matches(['/', '.', ')', ',']);
    Some(format!("https://{www}{rest}"))
}

/// The candidate's location from the contact lines: a place (`Austin, TX`,
/// `London, United Kingdom`) or a street address ending in one.
pub(crate) fn find_location(contact_lines: &[&Line]) -> Option<String> {
    contact_lines
        .iter()
        .flat_map(|l| fields(&l.text))
        .find_map(location_of)
}

fn location_of(field: &str) -> Option<String> {
    let field = strip_label(field);
    if field.contains(['@', '/'])
        || field.to_lowercase().contains("www.")
        || find_phone(field).is_some()
    {
        return None;
    }
    if field.split_whitespace().count() > 10 {
        return None;
    }
    let (head, place) = split_place(field, true);
    let place = place?;
    if head.is_empty() {
        return Some(place);
    }
    let street = head.chars().any(|c| c.is_ascii_digit());
    street.then(|| field.to_string())
}

fn strip_label(field: &str) -> &str {
    match field.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 2 => rest.trim(),
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line::plain(text)
    }

    #[test]
    fn post_nominals_are_dropped_from_names() {
        assert_eq!(
            name_candidate(&line("Jonathan Kessler, CPA")).as_deref(),
            Some("Jonathan Kessler")
        );
        assert_eq!(
            name_candidate(&line("Renée Thibodeaux, BSN, RN")).as_deref(),
            Some("Renée Thibodeaux")
        );
        assert_eq!(
            name_candidate(&line("Margaret A. Holloway")).as_deref(),
            Some("Margaret A. Holloway")
        );
        assert_eq!(name_candidate(&line("Senior Software Engineer")), None);
    }

    #[test]
    fn a_name_wrapped_one_word_per_line_is_joined_when_the_email_agrees() {
        let lines = [line("Mei-Ling"), line("Zhao"), line("HR Business Partner")];
        assert_eq!(
            name_line(&lines, Some("meiling.zhao@example.ca")),
            Some((0, "Mei-Ling Zhao".to_owned()))
        );
        let unrelated = [line("Contact"), line("Vancouver"), line("Summary")];
        assert_eq!(name_line(&unrelated, Some("meiling.zhao@example.ca")), None);
    }

    #[test]
    fn phones_are_kept_as_written() {
        for phone in [
            "(512) 555-0147",
            "225-555-0163",
            "612.555.0138",
            "+44 20 7946 0321",
            "+49 89 2019 4471",
            "+1 (305) 555-0176",
        ] {
            let text = format!("Home: {phone} · someone@example.org");
            assert_eq!(find_phone(&text).as_deref(), Some(phone));
        }
        assert_eq!(find_phone("2019-2021 and 2015"), None);
    }

    #[test]
    fn linkedin_becomes_an_https_url() {
        let url = find_linkedin("LinkedIn: www.linkedin.com/in/someone/", &[]);
        assert_eq!(url.as_deref(), Some("https://www.linkedin.com/in/someone"));
        let url = find_linkedin("linkedin.com/in/x", &[]);
        assert_eq!(url.as_deref(), Some("https://linkedin.com/in/x"));
    }

    #[test]
    fn locations_come_from_contact_fields() {
        let l = line("4417 Garfield Ave S, Minneapolis, MN 55419");
        assert_eq!(
            find_location(&[&l]).as_deref(),
            Some("4417 Garfield Ave S, Minneapolis, MN 55419")
        );
        let l = line("Austin, TX · (512) 555-0147 · a@example.com");
        assert_eq!(find_location(&[&l]).as_deref(), Some("Austin, TX"));
    }
}
