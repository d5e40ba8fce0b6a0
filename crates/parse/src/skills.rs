//! The skills section: grouped (`Languages: Go, Python`) or flat lists, split
//! on commas, middle dots, bars, bullets, semicolons and table cells, then
//! sorted into categories by the taxonomy.

use resume_domain::ports::SkillTaxonomy;
use resume_domain::{SkillCategory, Skills};

use crate::text::{split_outside_parens, trim_punct, Line};

/// Separators between skills on one line.
const SEPARATORS: &[char] = &[',', ';', '·', '|', '•', '\t', '▪', '◦'];

/// Reads every skill of the skills-type sections.
pub(crate) fn parse(lines: &[&Line], taxonomy: &dyn SkillTaxonomy) -> Skills {
    let mut skills = Skills::default();
    let mut seen = std::collections::HashSet::new();
    let mut group: Option<String> = None;
    for (i, line) in lines.iter().enumerate() {
        if is_group_label(line, lines.get(i + 1).copied()) {
            group = Some(line.text.to_lowercase());
            continue;
        }
        let (label, items) = split_label(&line.text);
        let hint = label.map(str::to_lowercase).or_else(|| group.clone());
        for item in split_items(items) {
            if seen.insert(item.to_lowercase()) {
                let category = categorise(&item, hint.as_deref(), taxonomy);
                skills.category_mut(category).push(item);
            }
        }
    }
    skills
}

/// Words that name a group of skills when they stand alone on a line.
const GROUP_WORDS: &[&str] = &[
    "tools",
    "design",
    "research",
    "languages",
    "frameworks",
    "software",
    "technical",
    "methods",
    "platforms",
    "databases",
    "cloud",
    "other",
    "programming",
    "technologies",
    "libraries",
    "testing",
    "devops",
    "infrastructure",
    "soft skills",
    "hard skills",
    "technical skills",
    "tools & platforms",
    "tools and platforms",
];

/// A short line without separators followed by bulleted skills names a
/// group, and so does a lone group word (`Tools`) in a one-per-line list.
fn is_group_label(line: &Line, next: Option<&Line>) -> bool {
    let short = !line.bullet && !line.text.contains(SEPARATORS) && !line.text.contains(':');
    let lone_word = GROUP_WORDS.contains(&line.text.trim().to_lowercase().as_str());
    short
        && ((next.is_some_and(|n| n.bullet) && line.text.split_whitespace().count() <= 4)
            || lone_word)
}

/// `Languages: Go, Python` → (`Languages`, `Go, Python`).
fn split_label(text: &str) -> (Option<&str>, &str) {
    match text.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 4 && !label.contains(',') => {
            (Some(label.trim()), rest)
        }
        _ => (None, text),
    }
}

/// The items of one line of a skills list.
pub(crate) fn split_items(text: &str) -> Vec<String> {
    split_outside_parens(text, SEPARATORS)
        .into_iter()
        .map(|item| trim_punct(item).trim_end_matches('.').trim())
        .map(|item| item.strip_prefix("and ").unwrap_or(item))
        .filter(|item| !item.is_empty() && item.split_whitespace().count() <= 8)
        .map(str::to_string)
        .collect()
}

fn categorise(item: &str, hint: Option<&str>, taxonomy: &dyn SkillTaxonomy) -> SkillCategory {
    if taxonomy.canonical(item).is_some() {
        return taxonomy.category_of(item);
    }
    let hint = hint.unwrap_or("");
    if ["tool", "software", "platform", "equipment", "instrument"]
        .iter()
        .any(|w| hint.contains(w))
    {
        SkillCategory::Tools
    } else if ["soft", "interpersonal", "personal", "leadership"]
        .iter()
        .any(|w| hint.contains(w))
    {
        SkillCategory::SoftSkills
    } else {
        taxonomy.category_of(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_split_outside_parentheses() {
        let items = split_items("GD&T (ISO GPS / ASME Y14.5), DFMEA · Python | SQL; and R.");
        assert_eq!(
            items,
            ["GD&T (ISO GPS / ASME Y14.5)", "DFMEA", "Python", "SQL", "R"]
        );
    }

    #[test]
    fn group_labels_are_dropped() {
        assert_eq!(
            split_label("Cloud & Tooling: AWS, Docker"),
            (Some("Cloud & Tooling"), " AWS, Docker")
        );
    }
}
