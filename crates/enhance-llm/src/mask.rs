//! Replacing personal data by placeholders before text leaves the process.
//!
//! A [`Masker`] is made for one request. Every distinct value gets a stable
//! placeholder (`[EMAIL_1]`, `[NAME_2]`, ...) so the model can still refer to
//! it, and [`Masker::restore`] puts the values back into the answer.
//!
//! Emails, URLs and phone numbers are found by pattern. Names and the
//! candidate's own location are known from the parsed resume and are
//! replaced where they occur as whole words. Street addresses are found by
//! common English and German street patterns only; an address written
//! another way is not recognised, which is why contact fields themselves
//! are never sent at all.

use regex::Regex;

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Email,
    Phone,
    Url,
    Address,
}

impl Kind {
    const fn label(self) -> &'static str {
        match self {
            Self::Name => "NAME",
            Self::Email => "EMAIL",
            Self::Phone => "PHONE",
            Self::Url => "URL",
            Self::Address => "ADDRESS",
        }
    }
}

/// The compiled patterns, built once per [`Masker`].
struct Patterns {
    email: Regex,
    url: Regex,
    phone: Regex,
    street: Regex,
}

impl Patterns {
    #[expect(
        clippy::expect_used,
        reason = "the patterns are constants covered by the tests"
    )]
    fn new() -> Self {
        let compile = |pattern: &str| Regex::new(pattern).expect("constant pattern compiles");
        Self {
            email: compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"),
            url: compile(
                r"(?:https?://|www\.)[^\s<>()\[\]]+|(?:linkedin\.com|github\.com|gitlab\.com)/[^\s<>()\[\]]+",
            ),
            phone: compile(r"\+?\(?[0-9][0-9 ().\-/]{6,}[0-9]"),
            street: compile(concat!(
                r"[0-9]{1,5}[A-Za-z]? (?:[A-Z][A-Za-z'.\-]* ){1,4}",
                r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct",
                r"|Place|Pl|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy)\b\.?",
                r"|[A-Z][a-zäöüß\-]*(?:straße|strasse|str\.|weg|platz|allee|gasse) [0-9]{1,4}[a-z]?",
            )),
        }
    }
}

/// Replaces personal data by placeholders and back, for one request.
pub struct Masker {
    patterns: Patterns,
    known: Vec<(Kind, String)>,
    table: Vec<(String, String)>,
    counts: [usize; 5],
}

impl std::fmt::Debug for Masker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Masker")
            .field("placeholders", &self.table.len())
            .finish()
    }
}

impl Masker {
    /// A masker that also replaces the given names and location wherever
    /// they occur as whole words. Each name is replaced whole and, where it
    /// has several words, word by word.
    pub fn new(names: &[String], location: Option<&str>) -> Self {
        let mut known = Vec::new();
        for name in names {
            let name = name.trim();
            if name.chars().count() < 2 {
                continue;
            }
            known.push((Kind::Name, name.to_owned()));
            for part in name.split_whitespace().filter(|p| is_name_word(p)) {
                known.push((Kind::Name, part.to_owned()));
            }
        }
        if let Some(location) = location.map(str::trim).filter(|l| l.chars().count() >= 2) {
            known.push((Kind::Address, location.to_owned()));
        }
        // Longer values first, so a full name wins over its parts.
        known.sort_by_key(|(_, value)| std::cmp::Reverse(value.len()));
        known.dedup_by(|a, b| a.1 == b.1);
        Self {
            patterns: Patterns::new(),
            known,
            table: Vec::new(),
            counts: [0; 5],
        }
    }

    /// How many distinct values have been replaced so far.
    pub fn placeholder_count(&self) -> usize {
        self.table.len()
    }

    /// `text` with every personal value replaced by its placeholder.
    pub fn mask(&mut self, text: &str) -> String {
        let mut out = self.replace_pattern(text, Kind::Email);
        out = self.replace_pattern(&out, Kind::Url);
        out = self.replace_pattern(&out, Kind::Address);
        out = self.replace_pattern(&out, Kind::Phone);
        for (kind, value) in self.known.clone() {
            out = self.replace_word(&out, kind, &value);
        }
        out
    }

    /// `text` with every placeholder put back.
    pub fn restore(&self, text: &str) -> String {
        let mut out = text.to_owned();
        // Longest placeholders first, so `[NAME_1]` never eats `[NAME_10]`.
        let mut entries: Vec<&(String, String)> = self.table.iter().collect();
        entries.sort_by_key(|(placeholder, _)| std::cmp::Reverse(placeholder.len()));
        for (placeholder, value) in entries {
            out = out.replace(placeholder.as_str(), value);
        }
        out
    }

    fn placeholder_for(&mut self, kind: Kind, value: &str) -> String {
        if let Some((placeholder, _)) = self.table.iter().find(|(_, v)| v == value) {
            return placeholder.clone();
        }
        let slot = kind as usize;
        self.counts[slot] += 1;
        let placeholder = format!("[{}_{}]", kind.label(), self.counts[slot]);
        self.table.push((placeholder.clone(), value.to_owned()));
        placeholder
    }

    fn replace_pattern(&mut self, text: &str, kind: Kind) -> String {
        let regex = match kind {
            Kind::Email => &self.patterns.email,
            Kind::Url => &self.patterns.url,
            Kind::Phone => &self.patterns.phone,
            Kind::Address => &self.patterns.street,
            Kind::Name => return text.to_owned(),
        };
        let found: Vec<(usize, usize)> = regex
            .find_iter(text)
            .map(|m| {
                (
                    m.start(),
                    m.start() + trim_trailing_punctuation(m.as_str()).len(),
                )
            })
            .filter(|&(start, end)| kind != Kind::Phone || looks_like_phone(&text[start..end]))
            .collect();
        self.splice(text, kind, &found)
    }

    fn replace_word(&mut self, text: &str, kind: Kind, value: &str) -> String {
        let found: Vec<(usize, usize)> = text
            .match_indices(value)
            .map(|(start, _)| (start, start + value.len()))
            .filter(|&(start, end)| is_word_boundary(text, start, end))
            .collect();
        self.splice(text, kind, &found)
    }

    /// Replaces the non-overlapping spans, in order, by placeholders.
    fn splice(&mut self, text: &str, kind: Kind, spans: &[(usize, usize)]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for &(start, end) in spans {
            if start < last || start >= end {
                continue;
            }
            out.push_str(&text[last..start]);
            out.push_str(&self.placeholder_for(kind, &text[start..end]));
            last = end;
        }
        out.push_str(&text[last..]);
        out
    }
}

/// A capitalised word of two letters or more (not an initial or a particle).
fn is_name_word(word: &str) -> bool {
    let letters = word.trim_matches(|c: char| !c.is_alphabetic());
    letters.chars().count() >= 2 && letters.chars().next().is_some_and(char::is_uppercase)
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !is_word(before) && !is_word(after)
}

fn trim_trailing_punctuation(found: &str) -> &str {
    found.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"'])
}

/// Nine to fifteen digits, or seven and more after a `+`; shorter runs are
/// years, ranges and figures.
fn looks_like_phone(candidate: &str) -> bool {
    let digits = candidate.chars().filter(char::is_ascii_digit).count();
    let international = candidate.starts_with('+');
    let plausible_length = if international {
        (7..=15).contains(&digits)
    } else {
        (9..=15).contains(&digits)
    };
    let has_date_shape = candidate.contains(" - ") && digits == 8;
    plausible_length && !has_date_shape
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Jane Q. Doe (jane.doe@example.com, +1 (555) 010-2030) lives at \
        42 Baker Street, see https://janedoe.dev/about. Jane led 12 engineers from 2019 - 2021; \
        linkedin.com/in/janedoe. Also Doe.";

    #[test]
    fn personal_data_is_replaced_and_restored_exactly() {
        let mut masker = Masker::new(&["Jane Q. Doe".to_owned()], None);
        let masked = masker.mask(TEXT);

        for secret in [
            "jane.doe@example.com",
            "555",
            "Baker",
            "janedoe",
            "Jane",
            "Doe",
        ] {
            assert!(!masked.contains(secret), "{secret} leaked in {masked}");
        }
        assert!(
            masked.contains("[NAME_1] ([EMAIL_1], [PHONE_1])"),
            "{masked}"
        );
        assert!(masked.contains("12 engineers from 2019 - 2021"), "{masked}");
        assert_eq!(masker.restore(&masked), TEXT);
    }

    #[test]
    fn the_same_value_gets_the_same_placeholder_across_texts() {
        let mut masker = Masker::new(&["Jane Doe".to_owned()], Some("Berlin"));
        let first = masker.mask("Jane Doe, Berlin");
        let second = masker.mask("Berlin office, led by Jane Doe");
        assert_eq!(first, "[NAME_1], [ADDRESS_1]");
        assert_eq!(second, "[ADDRESS_1] office, led by [NAME_1]");
    }

    #[test]
    fn names_inside_other_words_are_left_alone() {
        let mut masker = Masker::new(&["Al Smith".to_owned()], None);
        assert_eq!(masker.mask("Algorithms by Al"), "Algorithms by [NAME_1]");
    }

    #[test]
    fn figures_and_years_are_not_taken_for_phones() {
        let mut masker = Masker::new(&[], None);
        let text = "Cut costs by 1,200,000 USD in 2020-2021 and served 35000 users.";
        assert_eq!(masker.mask(text), text);
    }

    #[test]
    fn german_street_addresses_are_masked() {
        let mut masker = Masker::new(&[], None);
        assert_eq!(masker.mask("Hauptstraße 12a, Köln"), "[ADDRESS_1], Köln");
    }

    #[test]
    fn many_placeholders_restore_without_clashing() {
        let mut masker = Masker::new(&[], None);
        let text: String = (0..12).map(|i| format!("user{i}@example.com ")).collect();
        let masked = masker.mask(&text);
        assert!(masked.contains("[EMAIL_12]"));
        assert_eq!(masker.restore(&masked), text);
    }
}
