//! Projects and publications.

use resume_domain::{Link, Project, Publication, ResumeDate};

use crate::dates;
use crate::entries::Item;
use crate::experience::span_dates;
use crate::text::{cut, fold, trim_punct, Line};

/// Whether a token is a web address (`https://…`, `www.…`, `github.com/x`).
pub(crate) fn is_url(token: &str) -> bool {
    let lower = token.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    if token.contains('@') {
        return false;
    }
    let host = lower.split('/').next().unwrap_or("");
    let tld = host.rsplit('.').next().unwrap_or("");
    let plausible =
        host.contains('.') && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase());
    let common = [
        "com", "org", "net", "io", "dev", "app", "edu", "gov", "co", "me", "ai", "uk", "de",
    ];
    plausible
        && (lower.contains('/')
            || (common.contains(&tld) && host.matches('.').count() >= 1 && !host.ends_with(".js")))
}

/// Takes the web addresses out of `text`.
fn take_urls(text: &str) -> (String, Vec<String>) {
    let mut urls = Vec::new();
    let mut kept = Vec::new();
    let spaced = text.replace('\t', " \t ");
    for token in spaced.split(' ') {
        let bare = token.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '<' | '>'));
        let bare = bare.trim_end_matches('.');
        if is_url(bare) {
            urls.push(bare.to_string());
        } else {
            kept.push(token.to_string());
        }
    }
    (kept.join(" "), urls)
}

/// Groups project lines: a plain line opens a project; bullets, sentences
/// and a line holding only a web address belong to the project above.
fn project_items(lines: &[&Line]) -> Vec<Item> {
    let blocks = lines.iter().skip(1).any(|l| l.gap_before);
    let mut out: Vec<Item> = Vec::new();
    for line in lines {
        let text = line.text.trim();
        if blocks && !line.gap_before {
            if let Some(item) = out.last_mut() {
                item.details.push(text.to_string());
                continue;
            }
        }
        let url_only = text.split_whitespace().count() == 1 && is_url(text);
        let lower = text.chars().next().is_some_and(char::is_lowercase)
            && !url_only
            && crate::entries::split_strong(text).is_none();
        match out.last_mut() {
            Some(item) if line.bullet || url_only || lower => item.details.push(text.to_string()),
            _ => out.push(Item {
                head: text.to_string(),
                bullet: line.bullet,
                ..Item::default()
            }),
        }
    }
    out
}

/// Reads the projects; addresses come from the text or from a link whose
/// target contains the project's name.
pub(crate) fn projects(lines: &[&Line], links: &[Link]) -> Vec<Project> {
    project_items(lines)
        .iter()
        .filter_map(|item| project(item, links))
        .collect()
}

fn project(item: &Item, links: &[Link]) -> Option<Project> {
    let mut project = Project::default();
    let (head, mut urls) = take_urls(&item.head);
    let head = match dates::find(&head) {
        Some(span) => {
            (project.start_date, project.end_date) = span_dates(Some(&span));
            cut(&head, span.range)
        }
        None => head,
    };
    let (name, rest, bar) = split_name(&head);
    project.name = name;
    let mut description = Vec::new();
    if bar {
        project.technologies = list(&rest);
    } else if !rest.is_empty() {
        let (text, tech) = trailing_technologies(&rest);
        project.technologies = tech;
        if !text.is_empty() {
            description.push(text);
        }
    }
    for detail in &item.details {
        let (text, found) = take_urls(detail);
        urls.extend(found);
        let text = trim_punct(&text).to_string();
        if !text.is_empty() {
            description.push(text);
        }
    }
    project.description = description.join("\n");
    project.url = urls
        .into_iter()
        .next()
        .or_else(|| link_for(&project.name, links));
    (!project.name.is_empty()).then_some(project)
}

/// `Name — what it is`, `Name | Go, React`, `Name: what it is`.
fn split_name(head: &str) -> (String, String, bool) {
    for sep in ["\t", " — ", " – ", " | ", ": ", " - "] {
        if let Some((a, b)) = head.split_once(sep) {
            let rest = b.trim().to_string();
            if sep == " | " {
                let (tech, more) = rest.split_once('\t').unwrap_or((&rest, ""));
                let _ = more;
                return (trim_punct(a).to_string(), tech.to_string(), true);
            }
            if sep == "\t" && a.contains(" | ") {
                continue;
            }
            return (trim_punct(a).to_string(), rest, false);
        }
    }
    (trim_punct(head).to_string(), String::new(), false)
}

fn list(text: &str) -> Vec<String> {
    text.split([',', ';', '·', '|'])
        .map(|t| trim_punct(t).trim_end_matches('.').trim().to_string())
        .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 4)
        .collect()
}

/// `Open-source linter. Go, Cobra, GitHub Actions.` → the last sentence when
/// it is a short list of names.
fn trailing_technologies(text: &str) -> (String, Vec<String>) {
    let trimmed = text.trim().trim_end_matches('.');
    let (before, last) = match trimmed.rfind(". ") {
        Some(i) => (&trimmed[..=i], &trimmed[i + 2..]),
        None => ("", trimmed),
    };
    if let Some(tech) = last
        .strip_prefix("Technologies:")
        .or_else(|| last.strip_prefix("Tech stack:"))
    {
        return (before.trim().to_string(), list(tech));
    }
    let items = list(last);
    let named = items.iter().all(|i| {
        i.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    let listy =
        !before.is_empty() && named && (items.len() >= 2 || last.split_whitespace().count() <= 2);
    if listy {
        (before.trim().to_string(), items)
    } else {
        (text.trim().to_string(), Vec::new())
    }
}

fn link_for(name: &str, links: &[Link]) -> Option<String> {
    let slug = fold(name);
    if slug.len() < 4 {
        return None;
    }
    links
        .iter()
        .find(|l| fold(&l.target).contains(&slug) && !l.target.starts_with("mailto:"))
        .map(|l| l.target.clone())
}

/// Groups publication lines: a line opens a publication when it is a bullet,
/// starts like an author list (`Surname, I.`) or holds a year in
/// parentheses; other lines continue the one above (wrapped text).
fn publication_items(lines: &[&Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let starts = line.bullet || starts_with_author(&line.text) || has_paren_year(&line.text);
        match out.last_mut() {
            Some(last) if !starts && !last.trim_end().ends_with('.') => {
                last.push(' ');
                last.push_str(&line.text);
            }
            _ => out.push(line.text.clone()),
        }
    }
    out
}

fn starts_with_author(text: &str) -> bool {
    let Some((surname, rest)) = text.split_once(", ") else {
        return false;
    };
    let initial = rest.split_whitespace().next().unwrap_or("");
    surname.split_whitespace().count() == 1
        && crate::text::starts_upper(surname)
        && initial.ends_with(['.', ','])
        && initial.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

fn has_paren_year(text: &str) -> bool {
    paren_year(text).is_some()
}

/// The `(2022)` / `(2022, March)` of an author–date reference.
fn paren_year(text: &str) -> Option<(usize, usize, u16)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| i + from) {
        let inner = &text[open + 1..];
        let year = inner
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
        if let Some(year) = year.and_then(|y| y.parse().ok()) {
            let close = inner.find(')').map_or(text.len(), |i| open + 1 + i + 1);
            return Some((open, close, year));
        }
        from = open + 1;
    }
    None
}

/// Reads the publications.
pub(crate) fn publications(lines: &[&Line]) -> Vec<Publication> {
    publication_items(lines)
        .iter()
        .filter_map(|text| publication(text))
        .collect()
}

fn publication(text: &str) -> Option<Publication> {
    let (text, urls) = take_urls(text);
    let mut publication = Publication {
        url: urls.into_iter().next(),
        ..Publication::default()
    };
    if let Some((open, close, year)) = paren_year(&text) {
        publication.authors = authors(&text[..open]);
        publication.publication_date = Some(ResumeDate::Year(year));
        let rest = text[close..].trim_start_matches(['.', ' ']);
        let (title, venue) = split_sentence(rest);
        publication.title = title;
        publication.publisher = venue_of(venue);
    } else if let Some((before, title, after)) = quoted(&text) {
        publication.authors = authors(before);
        publication.title = title.to_string();
        publication.publication_date = dates::parse_single(after);
        publication.publisher = venue_of(after);
    } else {
        publication.publication_date = dates::find(&text).map(|s| s.last().clone());
        let text = dates::find(&text).map_or(text.clone(), |s| cut(&text, s.range));
        let (title, venue) = crate::entries::split_strong(&text).unwrap_or((text.as_str(), ""));
        publication.title = trim_punct(title).trim_end_matches('.').to_string();
        publication.publisher = venue_of(venue);
    }
    (!publication.title.is_empty()).then_some(publication)
}

/// Splits at the first sentence end: `Title. Venue, 14(3).`.
fn split_sentence(text: &str) -> (String, &str) {
    let end = [". ", "? ", "! "].iter().filter_map(|s| text.find(s)).min();
    match end {
        Some(i) => {
            let keep = if text[i..].starts_with('.') { i } else { i + 1 };
            (text[..keep].trim().to_string(), &text[i + 2..])
        }
        None => (text.trim().trim_end_matches('.').to_string(), ""),
    }
}

fn venue_of(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches(['.', ',', ' ']);
    let text = text.strip_prefix("In ").unwrap_or(text);
    let venue = text
        .split([',', '('])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    let has_letters = venue.chars().any(char::is_alphabetic);
    (has_letters && venue.split_whitespace().count() <= 16).then(|| venue.to_string())
}

/// `“Title,” Venue` or `"Title" Venue`.
fn quoted(text: &str) -> Option<(&str, &str, &str)> {
    let (open, quote_len, close_char) = [('“', '”'), ('"', '"')]
        .iter()
        .find_map(|(o, c)| text.find(*o).map(|i| (i, o.len_utf8(), *c)))?;
    let inner_start = open + quote_len;
    let close = text[inner_start..].find(close_char)? + inner_start;
    let title = text[inner_start..close].trim().trim_end_matches([',', '.']);
    Some((&text[..open], title, &text[close + close_char.len_utf8()..]))
}

/// `Raghunathan, P., Okonkwo, D., & Hale, S.` → three authors.
fn authors(text: &str) -> Vec<String> {
    let pieces: Vec<&str> = text
        .split([',', '&'])
        .map(|p| p.trim())
        .map(|p| p.strip_prefix("and ").unwrap_or(p))
        .filter(|p| !p.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for piece in pieces {
        let initials =
            piece.chars().filter(|c| c.is_alphabetic()).count() <= 3 && piece.ends_with('.');
        match out.last_mut() {
            Some(last) if initials && !last.contains(", ") => {
                last.push_str(", ");
                last.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line::plain(text)
    }

    #[test]
    fn author_date_references_give_the_title_alone() {
        let l = line("Raghunathan, P., Okonkwo, D., & Hale, S. (2022). Hierarchical demand forecasting. Journal of Retail Analytics, 14(3), 211–229.");
        let pubs = publications(&[&l]);
        assert_eq!(pubs[0].title, "Hierarchical demand forecasting");
        assert_eq!(
            pubs[0].authors,
            ["Raghunathan, P.", "Okonkwo, D.", "Hale, S."]
        );
        assert_eq!(
            pubs[0].publisher.as_deref(),
            Some("Journal of Retail Analytics")
        );
        assert_eq!(pubs[0].publication_date, Some(ResumeDate::Year(2022)));
    }

    #[test]
    fn a_quoted_title_loses_the_full_stop_inside_the_quotes() {
        let l = line("Bello A, Chen R. \"Extended-interval dosing in obese adults.\" Hospital Pharmacy Practice, 2022.");
        let pubs = publications(&[&l]);
        assert_eq!(pubs[0].title, "Extended-interval dosing in obese adults");
        assert_eq!(pubs[0].publication_date, Some(ResumeDate::Year(2022)));
    }

    #[test]
    fn projects_take_names_technologies_and_urls() {
        let l = line("ledgerlint — Open-source linter for ledgers. Go, Cobra, GitHub Actions. github.com/x/ledgerlint");
        let p = projects(&[&l], &[]);
        assert_eq!(p[0].name, "ledgerlint");
        assert_eq!(p[0].technologies, ["Go", "Cobra", "GitHub Actions"]);
        assert_eq!(p[0].url.as_deref(), Some("github.com/x/ledgerlint"));
        let l = line("CampusEats | React, Flask\tgithub.com/t/campuseats");
        let p = projects(&[&l], &[]);
        assert_eq!(p[0].name, "CampusEats");
        assert_eq!(p[0].technologies, ["React", "Flask"]);
    }

    #[test]
    fn urls_are_told_from_numbers() {
        assert!(is_url("github.com/madeyemi/ledgerlint"));
        assert!(is_url("https://trailhead-app.example.com"));
        assert!(!is_url("3.61/4.0"));
        assert!(!is_url("S/4HANA"));
    }
}
