//! Finding taxonomy skills in free text.
//!
//! Text is cut into word tokens (letters and digits, plus `+` and `#` inside a
//! word, and a leading `.` as in `.NET`). At each token the longest run of up
//! to [`Taxonomy::max_words`](crate::Taxonomy) tokens whose joined key names a
//! skill wins. Tokens join only across spaces and in-word punctuation (`-`,
//! `/`, `.`, `&`), never across commas, brackets or line ends, so a list
//! such as `Python, Go` is never read as one term.

use crate::taxonomy::{push_key, SkillId, Taxonomy, Term};

/// A skill mentioned in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The skill.
    pub skill: SkillId,
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
}

/// A word of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    start: usize,
    end: usize,
    /// Whether only in-word punctuation separates it from the previous token.
    joins_previous: bool,
    /// Where its key lies in [`Tokens::keys`].
    key: (usize, usize),
}

/// The words of a text, their keys stored back to back in one string.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    pub(crate) list: Vec<Token>,
    keys: String,
}

impl Tokens {
    fn key(&self, token: &Token) -> &str {
        &self.keys[token.key.0..token.key.1]
    }

    fn push(&mut self, text: &str, start: usize, end: usize, joins: bool) {
        let key_start = self.keys.len();
        push_key(&mut self.keys, &text[start..end]);
        let joins_previous = joins && !self.list.is_empty();
        self.list.push(Token {
            start,
            end,
            joins_previous,
            key: (key_start, self.keys.len()),
        });
    }
}

/// Words after which a short ambiguous word is read as a skill.
const LEAD_WORDS: [&str; 10] = [
    "in",
    "with",
    "and",
    "or",
    "on",
    "to",
    "using",
    "including",
    "like",
    "of",
];

/// Cuts `text` into tokens.
pub(crate) fn tokens(text: &str) -> Tokens {
    let mut out = Tokens {
        list: Vec::new(),
        keys: String::with_capacity(text.len()),
    };
    let mut start: Option<usize> = None;
    let mut gap_joins = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, ch)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let in_word = ch.is_alphanumeric()
            || (start.is_some() && (ch == '+' || ch == '#'))
            || (start.is_none() && ch == '.' && next.is_some_and(char::is_alphabetic));
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(text, s, at, gap_joins);
                start = None;
                gap_joins = joins(ch);
            }
            (false, None) => gap_joins = gap_joins && joins(ch),
            (true, Some(_)) => {}
        }
    }
    if let Some(s) = start {
        out.push(text, s, text.len(), gap_joins);
    }
    out
}

/// The keys of the first one, two, ... words of `term`, all but the whole.
pub(crate) fn key_prefixes(term: &str) -> Vec<String> {
    let toks = tokens(term);
    let mut prefix = String::new();
    let mut out = Vec::new();
    for token in toks.list.iter().take(toks.list.len().saturating_sub(1)) {
        prefix.push_str(toks.key(token));
        out.push(prefix.clone());
    }
    out
}

/// Whether a separator character keeps two words one term.
fn joins(ch: char) -> bool {
    matches!(
        ch,
        ' ' | '\t' | '\u{a0}' | '-' | '/' | '.' | '&' | '_' | '\'' | '\u{2019}'
    )
}

/// Every skill mentioned in `text`, longest match first.
pub(crate) fn find(taxonomy: &Taxonomy, text: &str) -> Vec<Mention> {
    let toks = tokens(text);
    let list = &toks.list;
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    while i < list.len() {
        buf.clear();
        let mut best: Option<(SkillId, usize)> = None;
        for j in i..list.len().min(i + taxonomy.max_words()) {
            if j > i && !list[j].joins_previous {
                break;
            }
            buf.push_str(toks.key(&list[j]));
            let Some(entry) = taxonomy.entry(&buf) else {
                break;
            };
            if let Some(term) = &entry.term {
                if accepts(term, text, &list[i], i == j) {
                    best = Some((term.skill, j));
                }
            }
            if !entry.continues {
                break;
            }
        }
        match best {
            Some((skill, j)) => {
                out.push(Mention {
                    skill,
                    start: list[i].start,
                    end: list[j].end,
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a match of `term` starting at `first` stands for the skill.
fn accepts(term: &Term, text: &str, first: &Token, single: bool) -> bool {
    let Some(exact) = &term.exact else {
        return true;
    };
    single && &text[first.start..first.end] == exact && in_skill_context(text, first, exact)
}

/// Whether an ambiguous word at `token` is used as a skill: not glued to
/// another word (`Go-to`, `R&D`), and in a list or after a word such as
/// `in`; a longer word may also stand inside a sentence.
fn in_skill_context(text: &str, token: &Token, exact: &str) -> bool {
    let before = &text[..token.start];
    let after = &text[token.end..];
    let glued_after = after.starts_with(['-', '&', '\'', '\u{2019}'])
        || (after.starts_with('.') && after[1..].starts_with(char::is_alphanumeric));
    if glued_after || before.ends_with(['-', '&', '.', '\'']) {
        return false;
    }

    let prev = before.trim_end_matches([' ', '\t', '\u{a0}']);
    let next = after.trim_start_matches([' ', '\t', '\u{a0}']);
    let prev_char = prev.chars().next_back();
    let list_before = prev_char.is_some_and(|c| ",/(:;|·•[{".contains(c))
        || LEAD_WORDS.iter().any(|w| ends_with_word(prev, w));
    let list_after = next
        .chars()
        .next()
        .is_none_or(|c| ",/);|·•]}\n\r".contains(c))
        || ["and ", "or "].iter().any(|w| next.starts_with(w));
    let sentence_start = prev_char.is_none_or(|c| ".!?\n\r".contains(c));

    list_before || list_after || (exact.chars().count() > 1 && !sentence_start)
}

/// Whether `text` ends with the whole word `word` (any case).
fn ends_with_word(text: &str, word: &str) -> bool {
    let Some(cut) = text.len().checked_sub(word.len()) else {
        return false;
    };
    text.is_char_boundary(cut)
        && text[cut..].eq_ignore_ascii_case(word)
        && !text[..cut].ends_with(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use crate::Taxonomy;

    fn names(text: &str) -> Vec<String> {
        let taxonomy = Taxonomy::builtin();
        taxonomy
            .find(text)
            .iter()
            .map(|m| taxonomy.name(m.skill).to_owned())
            .collect()
    }

    #[test]
    fn the_longest_known_phrase_wins() {
        assert_eq!(
            names("Built it with React Native and Spring Boot."),
            ["React Native", "Spring Boot"]
        );
        assert_eq!(names("CI/CD pipelines on k8s"), ["CI/CD", "Kubernetes"]);
        assert_eq!(names("ASC 606 revenue recognition"), ["ASC 606"]);
    }

    #[test]
    fn punctuation_inside_a_name_is_tolerated() {
        assert_eq!(
            names("Node.js, NodeJS and node js"),
            ["Node.js", "Node.js", "Node.js"]
        );
        assert_eq!(names("C++ and C# on .NET"), ["C++", "C#", ".NET"]);
        assert_eq!(names("GD&T and A/B testing"), ["GD&T", "A/B testing"]);
    }

    #[test]
    fn list_separators_keep_terms_apart() {
        assert_eq!(names("Python, SQL\nDocker"), ["Python", "SQL", "Docker"]);
    }

    #[test]
    fn short_ambiguous_words_count_only_as_skills_in_context() {
        assert_eq!(
            names("Languages: Go, Python, R, C"),
            ["Go", "Python", "R", "C"]
        );
        assert_eq!(
            names("Strong proficiency in Go or Python"),
            ["Go", "Python"]
        );
        assert_eq!(names("Engineer (Go / Python)"), ["Go", "Python"]);
        assert!(names("Go ahead and ship. Our go-to person for R&D.").is_empty());
        assert!(names("I go there; we excel at it").is_empty());
        assert_eq!(names("Advanced Excel skills"), ["Excel"]);
    }
}
