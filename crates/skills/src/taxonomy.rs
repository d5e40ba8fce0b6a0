//! The taxonomy: skills, their categories and aliases, looked up by a
//! normalised key.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, LazyLock};

use resume_domain::ports::SkillTaxonomy;
use resume_domain::SkillCategory;

use crate::scan::{self, Mention};

/// The built-in data, see the file's header for its format.
const BUILTIN: &str = include_str!("../data/skills.txt");

static BUILTIN_TAXONOMY: LazyLock<Result<Taxonomy, TaxonomyError>> =
    LazyLock::new(|| Taxonomy::from_data(BUILTIN));

/// A skill of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// The canonical name (`Kubernetes`).
    pub name: String,
    /// Its category.
    pub category: SkillCategory,
}

/// The index of a skill in its taxonomy; only meaningful for that taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SkillId(pub(crate) u32);

/// One way of writing a skill.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// The skill it names.
    pub(crate) skill: SkillId,
    /// For words that are also ordinary English, the exact spelling that
    /// must be used in text, and only in a skill context.
    pub(crate) exact: Option<String>,
}

/// Why taxonomy data could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyError {
    /// A line does not have the form `name | category | aliases`.
    #[error("line {line}: expected `name | category | aliases`")]
    Malformed {
        /// 1-based line number.
        line: usize,
    },
    /// The category is not `tech`, `soft` or `tool`.
    #[error("line {line}: unknown category `{category}`")]
    UnknownCategory {
        /// 1-based line number.
        line: usize,
        /// The category as written.
        category: String,
    },
    /// A name or alias normalises to the key of another skill's.
    #[error("line {line}: `{term}` is already used by another skill")]
    Duplicate {
        /// 1-based line number.
        line: usize,
        /// The term as written.
        term: String,
    },
}

/// What a key leads to in the term table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    /// The term spelled by exactly this key.
    pub(crate) term: Option<Term>,
    /// Whether some longer term starts with this key followed by more words.
    pub(crate) continues: bool,
}

/// A skills taxonomy. Cloning is cheap (the data is shared).
#[derive(Debug, Clone)]
pub struct Taxonomy {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    skills: Vec<Skill>,
    terms: TermMap,
    max_words: usize,
}

impl Taxonomy {
    /// The built-in taxonomy (`data/skills.txt`), parsed on first use.
    #[expect(
        clippy::expect_used,
        reason = "the embedded data is fixed at build time and a unit test parses it"
    )]
    pub fn builtin() -> Self {
        BUILTIN_TAXONOMY
            .as_ref()
            .expect("the built-in skills data is valid")
            .clone()
    }

    /// Parses taxonomy data in the format of `data/skills.txt`.
    ///
    /// # Errors
    /// [`TaxonomyError`] naming the first bad line.
    pub fn from_data(data: &str) -> Result<Self, TaxonomyError> {
        let mut skills = Vec::new();
        let mut terms = TermMap::default();
        let mut max_words = 1;
        for (index, line) in data.lines().enumerate() {
            let line_no = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with('[') {
                continue;
            }
            let (name, category, aliases) = split_line(line, line_no)?;
            let id = SkillId(
                u32::try_from(skills.len())
                    .map_err(|_| TaxonomyError::Malformed { line: line_no })?,
            );
            for written in std::iter::once(name).chain(aliases) {
                let words = add_term(&mut terms, written, id, line_no)?;
                max_words = max_words.max(words);
            }
            skills.push(Skill {
                name: name.trim_start_matches('!').to_owned(),
                category,
            });
        }

        Ok(Self {
            inner: Arc::new(Inner {
                skills,
                terms,
                max_words,
            }),
        })
    }

    /// How many skills the taxonomy has.
    pub fn len(&self) -> usize {
        self.inner.skills.len()
    }

    /// Whether the taxonomy has no skill.
    pub fn is_empty(&self) -> bool {
        self.inner.skills.is_empty()
    }

    /// A skill by id; `None` for an out-of-range id of another taxonomy.
    pub fn get(&self, id: SkillId) -> Option<&Skill> {
        self.inner.skills.get(id.0 as usize)
    }

    /// The canonical name of a skill id, empty for a foreign id.
    pub fn name(&self, id: SkillId) -> &str {
        self.get(id).map_or("", |s| s.name.as_str())
    }

    /// Every skill, in data-file order.
    pub fn skills(&self) -> impl Iterator<Item = (SkillId, &Skill)> {
        (0u32..).map(SkillId).zip(&self.inner.skills)
    }

    /// The skill a whole term names (`k8s`, `Node.js`), ignoring case,
    /// spacing and punctuation. Words such as `Go` are accepted here in any
    /// case, since the caller says the term is a skill.
    pub fn lookup(&self, term: &str) -> Option<SkillId> {
        self.term(&key(term)).map(|t| t.skill)
    }

    /// The skill a term names, or failing that the first skill mentioned
    /// inside it (`ASC 606 revenue recognition` names `ASC 606`).
    pub fn resolve(&self, term: &str) -> Option<SkillId> {
        self.lookup(term)
            .or_else(|| self.find(term).first().map(|m| m.skill))
    }

    /// Every skill mentioned in free text, in order, longest match first;
    /// see the crate documentation for how ambiguous words are treated.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        scan::find(self, text)
    }

    pub(crate) fn term(&self, key: &str) -> Option<&Term> {
        self.entry(key).and_then(|e| e.term.as_ref())
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&Entry> {
        self.inner.terms.get(key)
    }

    pub(crate) fn max_words(&self) -> usize {
        self.inner.max_words
    }
}

impl SkillTaxonomy for Taxonomy {
    fn category_of(&self, skill: &str) -> SkillCategory {
        self.resolve(skill)
            .and_then(|id| self.get(id))
            .map_or(SkillCategory::Technical, |s| s.category)
    }

    fn canonical(&self, term: &str) -> Option<String> {
        self.lookup(term).map(|id| self.name(id).to_owned())
    }
}

/// Splits `name | category | aliases`.
fn split_line(
    line: &str,
    line_no: usize,
) -> Result<(&str, SkillCategory, impl Iterator<Item = &str>), TaxonomyError> {
    let mut parts = line.split('|').map(str::trim);
    let (Some(name), Some(category), aliases, None) = (
        parts.next(),
        parts.next(),
        parts.next().unwrap_or(""),
        parts.next(),
    ) else {
        return Err(TaxonomyError::Malformed { line: line_no });
    };
    if name.is_empty() {
        return Err(TaxonomyError::Malformed { line: line_no });
    }
    let category = match category {
        "tech" => SkillCategory::Technical,
        "soft" => SkillCategory::SoftSkills,
        "tool" => SkillCategory::Tools,
        other => {
            return Err(TaxonomyError::UnknownCategory {
                line: line_no,
                category: other.to_owned(),
            })
        }
    };
    let aliases = aliases.split(',').map(str::trim).filter(|a| !a.is_empty());
    Ok((name, category, aliases))
}

/// Adds one written form; returns how many words it has.
fn add_term(
    terms: &mut TermMap,
    written: &str,
    skill: SkillId,
    line: usize,
) -> Result<usize, TaxonomyError> {
    let (exact, spelled) = match written.strip_prefix('!') {
        Some(rest) => (Some(rest.to_owned()), rest),
        None => (None, written),
    };
    let term_key = key(spelled);
    if term_key.is_empty() {
        return Err(TaxonomyError::Malformed { line });
    }
    let entry = terms.entry(term_key).or_default();
    match &entry.term {
        Some(known) if known.skill == skill => {}
        Some(_) => {
            return Err(TaxonomyError::Duplicate {
                line,
                term: written.to_owned(),
            })
        }
        None => entry.term = Some(Term { skill, exact }),
    }

    let prefixes = scan::key_prefixes(spelled);
    let words = prefixes.len() + 1;
    for prefix in prefixes {
        terms.entry(prefix).or_default().continues = true;
    }
    Ok(words)
}

/// The lookup key of a term: lower-case letters, digits, `+` and `#`, with
/// everything else dropped; a leading `.` before letters reads as `dot`
/// (`.NET` is `dotnet`).
pub(crate) fn key(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    push_key(&mut out, term.trim());
    out
}

/// Appends the key of `term` to `out`.
pub(crate) fn push_key(out: &mut String, term: &str) {
    if term.starts_with('.') && term[1..].starts_with(char::is_alphabetic) {
        out.push_str("dot");
    }
    for ch in term.chars() {
        if ch.is_ascii() {
            if ch.is_ascii_alphanumeric() || ch == '+' || ch == '#' {
                out.push(ch.to_ascii_lowercase());
            }
        } else if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        }
    }
}

/// FNV-1a, a fast hash for the short keys of the term table. The table is
/// built from the taxonomy data only, so hash flooding is not a concern.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type TermMap = HashMap<String, Entry, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_data_parses_into_several_hundred_skills() {
        let taxonomy = Taxonomy::from_data(BUILTIN).unwrap();
        assert!(taxonomy.len() >= 500, "{}", taxonomy.len());
        let categories: Vec<SkillCategory> = taxonomy.skills().map(|(_, s)| s.category).collect();
        for category in [
            SkillCategory::Technical,
            SkillCategory::SoftSkills,
            SkillCategory::Tools,
        ] {
            assert!(categories.iter().filter(|c| **c == category).count() >= 50);
        }
    }

    #[test]
    fn aliases_resolve_to_the_canonical_name() {
        let taxonomy = Taxonomy::builtin();
        let cases = [
            ("k8s", "Kubernetes"),
            ("Postgres", "PostgreSQL"),
            ("JS", "JavaScript"),
            ("TS", "TypeScript"),
            ("GCP", "Google Cloud Platform"),
            ("ci/cd", "CI/CD"),
            ("RN", "Registered Nurse"),
            ("BSN", "Bachelor of Science in Nursing"),
            ("BLS", "Basic Life Support"),
            ("ACLS", "Advanced Cardiovascular Life Support"),
            ("CPA", "Certified Public Accountant"),
            ("GAAP", "US GAAP"),
            ("ASC 606", "ASC 606"),
            ("asc842", "ASC 842"),
            ("SOX", "SOX compliance"),
            ("ERP", "ERP systems"),
            ("SEO", "Search engine optimization"),
            ("SEM", "Search engine marketing"),
            ("GA4", "Google Analytics 4"),
            ("ABM", "Account-based marketing"),
            ("CAC", "Customer acquisition cost"),
            ("ROAS", "Return on ad spend"),
            ("a11y", "Accessibility"),
            ("WCAG", "Accessibility"),
            ("CAD", "Computer-aided design"),
            ("FEA", "Finite element analysis"),
            ("GD&T", "GD&T"),
            ("DFMEA", "DFMEA"),
            ("SOP", "Standard operating procedures"),
            (".NET", ".NET"),
            ("c++", "C++"),
            ("C#", "C#"),
        ];
        for (alias, canonical) in cases {
            assert_eq!(
                taxonomy.canonical(alias).as_deref(),
                Some(canonical),
                "{alias}"
            );
        }
    }

    #[test]
    fn case_spacing_and_punctuation_do_not_matter() {
        let taxonomy = Taxonomy::builtin();
        for spelling in ["Node.js", "NodeJS", "node js", "node", "NODE.JS"] {
            assert_eq!(
                taxonomy.canonical(spelling).as_deref(),
                Some("Node.js"),
                "{spelling}"
            );
        }
        assert_eq!(
            taxonomy.canonical("test driven development").as_deref(),
            Some("Test-driven development")
        );
        assert_eq!(taxonomy.canonical("net"), None);
        assert_eq!(taxonomy.canonical("C"), Some("C".into()));
        assert_eq!(taxonomy.canonical("C+"), None);
    }

    #[test]
    fn categories_come_from_the_taxonomy_and_default_to_technical() {
        let taxonomy = Taxonomy::builtin();
        assert_eq!(taxonomy.category_of("Figma"), SkillCategory::Tools);
        assert_eq!(
            taxonomy.category_of("team leadership"),
            SkillCategory::SoftSkills
        );
        assert_eq!(
            taxonomy.category_of("Accessibility (WCAG 2.2)"),
            SkillCategory::Technical
        );
        assert_eq!(taxonomy.category_of("Epic EHR"), SkillCategory::Tools);
        assert_eq!(
            taxonomy.category_of("Underwater basket weaving"),
            SkillCategory::Technical
        );
    }

    #[test]
    fn bad_data_is_refused_with_its_line() {
        assert_eq!(
            Taxonomy::from_data("# c\nRust | tech |\nrust | tool |").unwrap_err(),
            TaxonomyError::Duplicate {
                line: 3,
                term: "rust".into()
            }
        );
        assert_eq!(
            Taxonomy::from_data("Rust | language |").unwrap_err(),
            TaxonomyError::UnknownCategory {
                line: 1,
                category: "language".into()
            }
        );
        assert_eq!(
            Taxonomy::from_data("Rust").unwrap_err(),
            TaxonomyError::Malformed { line: 1 }
        );
    }
}
