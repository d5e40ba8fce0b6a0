//! Rewording bullets: weak openers become plain action verbs, bullet marks
//! are dropped, repeated lines are removed.
//!
//! A rewrite keeps every word after the opener, so it changes how a fact is
//! told, never the fact: `Responsible for preparing the monthly close`
//! becomes `Prepared the monthly close`. Where the opener says the candidate
//! only helped (`Helped with`, `Assisted in`), the new verb says so too
//! (`Supported`, `Contributed to`).

use std::collections::HashSet;

use resume_domain::truth::normalize;

/// Openers after which the candidate did the work themselves, and the verb
/// used when no gerund follows.
const OWNED: [(&str, &str); 7] = [
    ("was responsible for", "Owned"),
    ("responsible for", "Owned"),
    ("tasked with", "Handled"),
    ("duties included", "Handled"),
    ("duties include", "Handled"),
    ("in charge of", "Led"),
    ("accountable for", "Owned"),
];

/// Openers after which the candidate helped, and the verbs used before a
/// noun phrase and before a gerund.
const HELPED: [(&str, &str, &str); 6] = [
    ("helped with", "Supported", "Contributed to"),
    ("assisted in", "Supported", "Contributed to"),
    ("assisted with", "Supported", "Contributed to"),
    ("worked on", "Contributed to", "Contributed to"),
    ("participated in", "Contributed to", "Contributed to"),
    ("involved in", "Contributed to", "Contributed to"),
];

/// Gerunds whose past tense is not the stem plus `ed`.
const IRREGULAR: [(&str, &str); 24] = [
    ("building", "Built"),
    ("leading", "Led"),
    ("running", "Ran"),
    ("writing", "Wrote"),
    ("teaching", "Taught"),
    ("making", "Made"),
    ("setting", "Set"),
    ("overseeing", "Oversaw"),
    ("troubleshooting", "Troubleshot"),
    ("bringing", "Brought"),
    ("buying", "Bought"),
    ("selling", "Sold"),
    ("holding", "Held"),
    ("keeping", "Kept"),
    ("meeting", "Met"),
    ("giving", "Gave"),
    ("taking", "Took"),
    ("drawing", "Drew"),
    ("cutting", "Cut"),
    ("putting", "Put"),
    ("speaking", "Spoke"),
    ("winning", "Won"),
    ("seeing", "Saw"),
    ("being", "Was"),
];

/// Bullet marks removed from the start of a line.
const BULLETS: [char; 9] = ['•', '▪', '◦', '‣', '·', '-', '*', '–', '\u{f0b7}'];

/// Rewrites every line of a description and removes repeated lines.
pub(crate) fn rewrite_description(text: &str) -> String {
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = rewrite_line(strip_bullet(line));
        if !line.is_empty() && seen.insert(normalize(&line)) {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// The line without a leading bullet mark and surrounding spaces.
pub(crate) fn strip_bullet(line: &str) -> &str {
    let trimmed = line.trim();
    let rest = trimmed.trim_start_matches(BULLETS);
    if rest.len() != trimmed.len() && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        rest.trim_start()
    } else {
        trimmed
    }
}

/// Replaces a weak opener at the start of `line` with an action verb.
pub(crate) fn rewrite_line(line: &str) -> String {
    for (opener, verb) in OWNED {
        if let Some(rest) = strip_opener(line, opener) {
            return match past_of_gerund(first_word(rest)) {
                Some(past) => join(&past, after_first_word(rest)),
                None => join(verb, rest),
            };
        }
    }
    for (opener, before_noun, before_gerund) in HELPED {
        if let Some(rest) = strip_opener(line, opener) {
            let verb = if is_gerund(first_word(rest)) {
                before_gerund
            } else {
                before_noun
            };
            return join(verb, rest);
        }
    }
    line.to_owned()
}

/// The rest of `line` after `opener` (any case) and an optional colon.
fn strip_opener<'a>(line: &'a str, opener: &str) -> Option<&'a str> {
    let head = line.get(..opener.len())?;
    let rest = &line[opener.len()..];
    let whole_word = rest.starts_with([' ', ':', '\t']);
    (head.eq_ignore_ascii_case(opener) && whole_word)
        .then(|| rest.trim_start_matches([' ', ':', '\t']))
        .filter(|rest| !rest.is_empty())
}

fn join(verb: &str, rest: &str) -> String {
    if rest.is_empty() {
        verb.to_owned()
    } else {
        format!("{verb} {rest}")
    }
}

fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

fn after_first_word(text: &str) -> &str {
    let word = first_word(text);
    text.trim_start()[word.len()..].trim_start()
}

fn is_gerund(word: &str) -> bool {
    word.len() > 5 && word.ends_with("ing") && word.chars().all(|c| c.is_ascii_lowercase())
}

/// The capitalised past tense of a lower-case gerund (`preparing` →
/// `Prepared`, `planning` → `Planned`, `building` → `Built`); `None` for
/// anything that is not one.
pub(crate) fn past_of_gerund(word: &str) -> Option<String> {
    if !is_gerund(word) {
        return None;
    }
    if let Some((_, past)) = IRREGULAR.iter().find(|(gerund, _)| *gerund == word) {
        return Some((*past).to_owned());
    }
    let stem = &word[..word.len() - 3];
    let past = match stem.strip_suffix('y') {
        Some(base) if !base.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{base}ied"),
        _ if stem.ends_with('e') => format!("{stem}d"),
        _ => format!("{stem}ed"),
    };
    Some(capitalize(&past))
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_openers_become_action_verbs_keeping_the_rest() {
        let cases = [
            (
                "Responsible for preparing the monthly close",
                "Prepared the monthly close",
            ),
            (
                "responsible for the payroll of 40 staff",
                "Owned the payroll of 40 staff",
            ),
            ("Tasked with planning the launch", "Planned the launch"),
            ("Duties included: building dashboards", "Built dashboards"),
            (
                "Helped with the ERP migration",
                "Supported the ERP migration",
            ),
            (
                "Assisted in reconciling accounts",
                "Contributed to reconciling accounts",
            ),
            (
                "Worked on the billing service",
                "Contributed to the billing service",
            ),
            (
                "Was responsible for carrying out audits",
                "Carried out audits",
            ),
        ];
        for (before, after) in cases {
            assert_eq!(rewrite_line(before), after, "{before}");
        }
    }

    #[test]
    fn lines_without_a_weak_opener_are_kept() {
        for line in ["Led a team of 5", "Responsibility matrix owner", "Helped"] {
            assert_eq!(rewrite_line(line), line);
        }
    }

    #[test]
    fn bullets_are_stripped_and_repeated_lines_removed() {
        let text = "• Built the API\n\t- built the API.\n\u{f0b7} Shipped v2\n\n-3 dB gain";
        assert_eq!(
            rewrite_description(text),
            "Built the API\nShipped v2\n-3 dB gain"
        );
    }
}
