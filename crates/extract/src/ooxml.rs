//! Package plumbing shared by the zip-based formats: relationships and
//! part names.

use std::collections::HashMap;

use resume_domain::ExtractError;

use crate::limits::{Deadline, Limits};
use crate::package::Package;
use crate::xml;

/// One relationship of a part.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    /// The relationship type URI.
    pub(crate) kind: String,
    /// The target: a part name (resolved) or, when external, a URL.
    pub(crate) target: String,
    /// Whether the target lies outside the package.
    pub(crate) external: bool,
}

/// The relationships of one part, by id.
pub(crate) type Relationships = HashMap<String, Relationship>;

/// Reads the relationships of the part `part` (`word/document.xml`); empty
/// when the part has none.
///
/// # Errors
/// Errors of reading and parsing the relationships part.
pub(crate) fn relationships(
    package: &mut Package<'_>,
    part: &str,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Relationships, ExtractError> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(bytes) = package.read(&rels_name)? else {
        return Ok(Relationships::new());
    };
    let root = xml::parse(&bytes, &rels_name, limits, deadline)?;
    let mut out = Relationships::new();
    for rel in root.elements().filter(|e| e.local() == "Relationship") {
        let (Some(id), Some(target)) = (rel.attr("", "Id"), rel.attr("", "Target")) else {
            continue;
        };
        let external = rel.attr("", "TargetMode").is_some_and(|m| m == "External");
        let target = if external {
            target.to_owned()
        } else {
            resolve_part(dir, target)
        };
        let kind = rel.attr("", "Type").unwrap_or_default().to_owned();
        out.insert(
            id.to_owned(),
            Relationship {
                kind,
                target,
                external,
            },
        );
    }
    Ok(out)
}

/// The part name that `target` names, seen from the folder `dir`.
pub(crate) fn resolve_part(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// The first relationship whose type ends with `/suffix`.
pub(crate) fn find_by_type<'r>(rels: &'r Relationships, suffix: &str) -> Option<&'r Relationship> {
    let mut found: Vec<(&String, &Relationship)> = rels
        .iter()
        .filter(|(_, r)| r.kind.rsplit('/').next() == Some(suffix))
        .collect();
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.first().map(|(_, r)| *r)
}

/// The target of a `HYPERLINK` field instruction; `None` for a link to a
/// place inside the document (`\l`) or an instruction of another field.
pub(crate) fn hyperlink_field_target(instruction: &str) -> Option<String> {
    let mut args = field_arguments(instruction).into_iter();
    if !args.next()?.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let mut target = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "\\l" => return None,
            "\\o" | "\\t" => {
                args.next();
            }
            s if s.starts_with('\\') => {}
            _ if target.is_none() => target = Some(arg),
            _ => {}
        }
    }
    target.filter(|t| !t.is_empty())
}

/// Splits a field instruction into words, a quoted string being one word.
fn field_arguments(instruction: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = instruction.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let word: String = chars.by_ref().take_while(|&c| c != '"').collect();
            out.push(word);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_targets_resolve_against_their_folder() {
        assert_eq!(resolve_part("word", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve_part("word", "../customXml/item.xml"),
            "customXml/item.xml"
        );
        assert_eq!(
            resolve_part("word", "/word/footer2.xml"),
            "word/footer2.xml"
        );
    }

    #[test]
    fn hyperlink_instructions_give_their_target_and_skip_switches() {
        assert_eq!(
            hyperlink_field_target(r#" HYPERLINK \o "tip" "https://example.com/x" "#).as_deref(),
            Some("https://example.com/x")
        );
        assert_eq!(hyperlink_field_target(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_field_target("PAGE"), None);
    }
}
