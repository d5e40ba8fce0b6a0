//! Deciding whether one applied edit keeps the resume truthful.
//!
//! Two checks run on every edit. The domain's [`truth::check`] compares the
//! whole resume with the source (employers, dates, degrees, certifications,
//! skill lists, numbers and percentages); an edit is refused when a kind of
//! violation becomes more frequent. The domain check reads skills only from
//! the skill lists, and employers only from the experience items, so free
//! text gets two more checks here: a replacement may not mention a skill
//! the source does not evidence (looked up in the taxonomy), nor a
//! capitalised name or acronym that appears nowhere in the source (which is
//! how an invented employer, product or certification shows up in prose).

use std::collections::{HashMap, HashSet};

use resume_domain::ports::{SkillTaxonomy, SourceResume};
use resume_domain::truth::{self, normalize, ViolationKind};
use resume_domain::ResumeContent;

/// Longest skill name looked up, in words.
const MAX_SKILL_WORDS: usize = 4;

/// What the source resume evidences, prepared once per enhancement.
pub struct Guard<'a> {
    source: &'a SourceResume,
    taxonomy: &'a dyn SkillTaxonomy,
    /// Normalised source text and content, padded with spaces.
    haystack: String,
    /// Canonical names of the skills the source mentions.
    skills: HashSet<String>,
}

impl<'a> Guard<'a> {
    /// Prepares the evidence of `source`.
    pub fn new(source: &'a SourceResume, taxonomy: &'a dyn SkillTaxonomy) -> Self {
        let haystack = haystack_of(Some(&source.text), &source.content);
        let skills = skills_mentioned(&haystack, taxonomy);
        Self {
            source,
            taxonomy,
            haystack,
            skills,
        }
    }

    /// The kinds of untruthfulness that `after` (the result of applying an
    /// edit whose new text is `replacement` to `before`) adds; empty when the
    /// edit is acceptable.
    pub fn added_violations(
        &self,
        before: &ResumeContent,
        after: &ResumeContent,
        replacement: &str,
    ) -> Vec<String> {
        let mut kinds = self.domain_violations_added(before, after);
        let unknown_skills = self.unknown_skills(replacement);
        let unknown_names = self.unknown_names(replacement);
        if unknown_skills.is_empty() && unknown_names.is_empty() {
            return kinds;
        }

        // The resume being edited passed these checks already, so what it
        // says (a canonical skill name the offline engine used, say) is
        // evidence too.
        let current = haystack_of(None, before);
        let current_skills = skills_mentioned(&current, self.taxonomy);
        if unknown_skills
            .iter()
            .any(|skill| !current_skills.contains(skill))
        {
            kinds.push("skill_in_text".to_owned());
        }
        if unknown_names
            .iter()
            .any(|word| !contains_phrase(&current, word))
        {
            kinds.push("unknown_name".to_owned());
        }
        kinds
    }

    fn domain_violations_added(
        &self,
        before: &ResumeContent,
        after: &ResumeContent,
    ) -> Vec<String> {
        let count = |content: &ResumeContent| {
            let mut counts: HashMap<ViolationKind, usize> = HashMap::new();
            for violation in truth::check(self.source, content, self.taxonomy) {
                *counts.entry(violation.kind).or_default() += 1;
            }
            counts
        };
        let was = count(before);
        let mut added: Vec<String> = count(after)
            .into_iter()
            .filter(|(kind, n)| *n > was.get(kind).copied().unwrap_or(0))
            .map(|(kind, _)| kind.describe().replace(' ', "_"))
            .collect();
        added.sort();
        added
    }

    /// Skills of the taxonomy that `text` names and the source does not.
    fn unknown_skills(&self, text: &str) -> Vec<String> {
        let padded = format!(" {} ", normalize(text));
        let mut found: Vec<String> = skills_mentioned(&padded, self.taxonomy)
            .into_iter()
            .filter(|skill| !self.skills.contains(skill))
            .collect();
        found.sort();
        found
    }

    /// Capitalised words and acronyms of `text`, other than the first word
    /// of a sentence, that the source never uses (an alias of a skill the
    /// source names counts as used).
    fn unknown_names<'t>(&self, text: &'t str) -> Vec<&'t str> {
        proper_words(text)
            .into_iter()
            .filter(|word| !contains_phrase(&self.haystack, word) && !self.is_known_skill(word))
            .collect()
    }

    fn is_known_skill(&self, word: &str) -> bool {
        let canonical = self.taxonomy.canonical(&normalize(word));
        canonical.is_some_and(|skill| self.skills.contains(&skill))
    }
}

/// The normalised lines of `text` and of every string of `content`, padded
/// with spaces so that phrases can be looked up as whole words.
fn haystack_of(text: Option<&str>, content: &ResumeContent) -> String {
    let content_json = serde_json::to_value(content).unwrap_or_default();
    let mut strings = Vec::new();
    collect_strings(&content_json, &mut strings);

    let mut haystack = String::from(" ");
    for text in text.into_iter().chain(strings.iter().map(String::as_str)) {
        for line in text.lines() {
            haystack.push_str(&normalize(line));
            haystack.push_str(" \n ");
        }
    }
    haystack
}

/// Whether the normalised `phrase` occurs in `haystack` as whole words.
fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    let needle = normalize(phrase);
    needle.is_empty() || haystack.contains(&format!(" {needle} "))
}

/// Every string value in a JSON tree.
fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => out.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_strings(item, out)),
        serde_json::Value::Object(map) => map.values().for_each(|item| collect_strings(item, out)),
        _ => {}
    }
}

/// Canonical names of the skills in a normalised text: every run of one to
/// [`MAX_SKILL_WORDS`] words is looked up.
fn skills_mentioned(normalized: &str, taxonomy: &dyn SkillTaxonomy) -> HashSet<String> {
    let mut found = HashSet::new();
    for line in normalized.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for start in 0..words.len() {
            for len in 1..=MAX_SKILL_WORDS.min(words.len() - start) {
                if let Some(canonical) = taxonomy.canonical(&words[start..start + len].join(" ")) {
                    found.insert(canonical);
                }
            }
        }
    }
    found
}

/// Capitalised words and acronyms that do not start a sentence.
fn proper_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let is_acronym = word.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if !word.is_empty() && (is_acronym || (capitalised && !sentence_start)) {
            out.push(word);
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':', ';']) || word.is_empty();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use resume_domain::{Experience, SkillCategory};

    struct Terms;

    impl SkillTaxonomy for Terms {
        fn category_of(&self, _skill: &str) -> SkillCategory {
            SkillCategory::Technical
        }

        fn canonical(&self, term: &str) -> Option<String> {
            match term {
                "rust" => Some("Rust".into()),
                "kubernetes" | "k8s" => Some("Kubernetes".into()),
                "terraform" => Some("Terraform".into()),
                _ => None,
            }
        }
    }

    fn source() -> SourceResume {
        let mut content = ResumeContent::default();
        content.basic.summary = Some("Engineer who writes Rust and runs k8s at Acme.".into());
        content.experience.push(Experience {
            company: "Acme".into(),
            position: "Engineer".into(),
            description: "- Cut build times by 40%".into(),
            ..Experience::default()
        });
        content.skills.technical = vec!["Rust".into()];
        SourceResume {
            text: "Engineer, Acme. Rust, k8s. Cut build times by 40%".into(),
            content,
        }
    }

    #[test]
    fn rewording_with_evidenced_facts_passes() {
        let source = source();
        let guard = Guard::new(&source, &Terms);
        let mut after = source.content.clone();
        after.basic.summary = Some("Rust engineer running Kubernetes at Acme.".into());
        let added = guard.added_violations(
            &source.content,
            &after,
            "Rust engineer running Kubernetes at Acme.",
        );
        assert!(added.is_empty(), "{added:?}");
    }

    #[test]
    fn a_new_number_is_refused_by_the_domain_check() {
        let source = source();
        let guard = Guard::new(&source, &Terms);
        let mut after = source.content.clone();
        after.experience[0].description = "- Cut build times by 75%".into();
        let added = guard.added_violations(&source.content, &after, "Cut build times by 75%");
        assert_eq!(added, ["number"]);
    }

    #[test]
    fn an_unknown_employer_or_skill_in_prose_is_refused() {
        let source = source();
        let guard = Guard::new(&source, &Terms);
        let text = "Engineer who previously worked at Google.";
        assert_eq!(
            guard.added_violations(&source.content, &source.content, text),
            ["unknown_name"]
        );

        assert_eq!(guard.unknown_skills("also knows terraform"), ["Terraform"]);
        assert!(guard.unknown_skills("runs kubernetes").is_empty());
    }

    #[test]
    fn sentence_starts_are_not_taken_for_names() {
        assert_eq!(
            proper_words("Led the team. Built tools: Shipped daily"),
            Vec::<&str>::new()
        );
        assert_eq!(
            proper_words("worked with AWS and Google"),
            ["AWS", "Google"]
        );
    }

    #[test]
    fn words_of_the_resume_being_edited_count_as_evidence() {
        let source = source();
        let guard = Guard::new(&source, &Terms);
        let mut before = source.content.clone();
        before.basic.summary = Some("Engineer at Acme, Platform Group.".into());
        let text = "Engineer in the Platform Group at Acme.";
        assert!(guard.added_violations(&before, &before, text).is_empty());
        assert_eq!(
            guard.added_violations(&source.content, &source.content, text),
            ["unknown_name"]
        );
    }
}
