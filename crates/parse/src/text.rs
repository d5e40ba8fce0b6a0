//! Line clean-up and splitting of lines into fields.

/// The most text the parser reads; resumes are far shorter, and the cap keeps
/// parsing time bounded for hostile input.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// The longest line kept; longer lines are cut at a character boundary.
pub const MAX_LINE_BYTES: usize = 2_000;

/// One non-empty line of the document, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// The text without its bullet; runs of two or more spaces become a tab.
    pub text: String,
    /// Whether the line started with a bullet glyph.
    pub bullet: bool,
    /// Whether an empty line came before it (a paragraph or block break).
    pub gap_before: bool,
}

impl Line {
    /// A plain line without bullet or gap.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bullet: false,
            gap_before: false,
        }
    }
}

/// Glyphs that mark a list item when they start a line.
const BULLETS: &[char] = &[
    '•', '▪', '■', '◦', '●', '○', '►', '▸', '‣', '⁃', '∙', '➢', '➤', '✓', '✔', '◆', '◇',
];

/// Characters that start a list item only when whitespace follows them.
const SPACED_BULLETS: &[char] = &['*', '-', '–', '—', '·', 'o', '+'];

/// Cuts `text` to at most `max` bytes at a character boundary.
pub(crate) fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Splits the document into cleaned, non-empty lines.
pub(crate) fn lines(raw: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut gap = false;
    for raw_line in truncate(raw, MAX_TEXT_BYTES).lines() {
        match clean_line(truncate(raw_line, MAX_LINE_BYTES)) {
            Some(mut line) => {
                line.gap_before = gap;
                gap = false;
                out.push(line);
            }
            None => gap = true,
        }
    }
    out
}

/// Normalises spaces and glyphs of one line and takes off its bullet.
fn clean_line(line: &str) -> Option<Line> {
    let normalised = normalise_spaces(line);
    let trimmed = normalised.trim();
    if trimmed.is_empty() || is_page_number(trimmed) {
        return None;
    }
    let (bullet, rest) = strip_bullet(trimmed);
    let text = rest.trim().to_string();
    (!text.is_empty()).then_some(Line {
        text,
        bullet,
        gap_before: false,
    })
}

/// Whether a line is only a page number as PDFs print them: `3`, `- 3 -`,
/// `3 / 4`, `Page 3`, `Page 3 of 4`. A year (four digits) is not one.
fn is_page_number(line: &str) -> bool {
    // The longest form, `Page 999 of 999`, has 15 characters.
    let first = line.chars().next();
    if line.len() > 16 || !first.is_some_and(|c| c.is_ascii_digit() || "-–—pP".contains(c)) {
        return false;
    }
    let number = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let lower = line.to_lowercase();
    let rest = lower
        .strip_prefix("page")
        .map_or(lower.as_str(), str::trim_start);
    let rest = rest.trim_matches(|c: char| matches!(c, '-' | '–' | '—') || c.is_whitespace());
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [n] => number(n),
        [n, m] => number(n) && number(m) && rest.contains('/'),
        [n, "of", m] => number(n) && number(m),
        _ => false,
    }
}

/// Replaces exotic spaces by plain ones and runs of 2+ spaces by a tab.
fn normalise_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut spaces = 0usize;
    for c in line.chars() {
        let c = match c {
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{ad}' => continue,
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{2002}' | '\u{2003}' => ' ',
            '\u{f0b7}' | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}' => '•',
            '\r' => ' ',
            other => other,
        };
        if c == ' ' {
            spaces += 1;
            continue;
        }
        flush_spaces(&mut out, spaces);
        spaces = 0;
        out.push(c);
    }
    out
}

fn flush_spaces(out: &mut String, spaces: usize) {
    match spaces {
        0 => {}
        1 => out.push(' '),
        _ => out.push('\t'),
    }
}

/// Takes a leading bullet glyph off a trimmed line.
fn strip_bullet(line: &str) -> (bool, &str) {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return (false, line);
    };
    let rest = chars.as_str();
    if BULLETS.contains(&first) {
        return (true, rest);
    }
    let spaced = rest.starts_with([' ', '\t']);
    if SPACED_BULLETS.contains(&first) && spaced {
        return (true, rest);
    }
    (false, line)
}

/// Separators between the fields of a heading line, strongest first.
const FIELD_SEPARATORS: &[&str] = &["\t", " | ", " · ", " • ", " — ", " – ", " ▪ ", " -- "];

/// Splits a line into fields on tabs, bars, middle dots, bullets and spaced
/// dashes; commas are left alone. Empty fields are dropped.
pub(crate) fn fields(text: &str) -> Vec<&str> {
    let mut parts = vec![text];
    for sep in FIELD_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(trim_punct)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Splits on `sep` outside parentheses.
pub(crate) fn split_outside_parens<'a>(text: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if depth <= 0 && seps.contains(&c) => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Trims spaces and the punctuation that separators leave at field ends.
pub(crate) fn trim_punct(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '·' | '•' | '—' | '–' | '-' | ',' | ';' | ':' | '▪')
    })
}

/// Removes a byte range from `text`, also dropping parentheses that only held
/// it, and tidies the separators left behind.
pub(crate) fn cut(text: &str, range: std::ops::Range<usize>) -> String {
    let before = text[..range.start].trim_end();
    let after = text[range.end..].trim_start();
    let (before, after) = match (before.strip_suffix('('), after.strip_prefix(')')) {
        (Some(b), Some(a)) => (b.trim_end(), a.trim_start()),
        _ => (before, after),
    };
    let before = trim_punct_end(before);
    let after = after.trim_start_matches([')', ':', ',', ';']).trim_start();
    match (before.is_empty(), after.is_empty()) {
        (true, _) => after.to_string(),
        (_, true) => before.to_string(),
        _ => format!("{before}\t{after}"),
    }
}

fn trim_punct_end(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '·' | '•' | '—' | '–' | '-' | ',' | ';' | '(')
    })
    .trim_end_matches(" since")
    .trim_end_matches(" seit")
}

/// Lower-case ASCII letters of `text` with common diacritics folded
/// (`é` → `e`, `ü` → `u`), for comparing names with e-mail addresses.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = c.to_lowercase().next().unwrap_or(c);
            let folded = match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ę' => 'e',
                'ì' | 'í' | 'î' | 'ï' => 'i',
                'ñ' | 'ń' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
                'ù' | 'ú' | 'û' | 'ü' => 'u',
                'ý' | 'ÿ' => 'y',
                'ł' => 'l',
                'ś' | 'š' | 'ß' => 's',
                'ź' | 'ż' | 'ž' => 'z',
                c => c,
            };
            folded.is_ascii_alphanumeric().then_some(folded)
        })
        .collect()
}

/// The words of `text`, lower-cased, without surrounding punctuation.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '(' | ')' | ';' | ':'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// Whether the first letter of `word` is upper case.
pub(crate) fn starts_upper(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Whether the line reads like a sentence rather than a label or heading.
pub(crate) fn is_sentence(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words > 16 || (words > 6 && text.trim_end().ends_with('.'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_numbers_are_not_lines() {
        for line in [
            "1",
            "12",
            "- 2 -",
            "2 / 3",
            "Page 2",
            "page 2 of 3",
            "PAGE 1",
        ] {
            assert!(is_page_number(line), "{line}");
        }
        for line in [
            "2017",
            "1 2",
            "Page",
            "Pages 2",
            "3 years",
            "10/2019",
            "Team of 12",
        ] {
            assert!(!is_page_number(line), "{line}");
        }
        let read = lines("Certified Kubernetes Administrator, 2022\n\n1\n");
        assert_eq!(read.len(), 1);
    }

    use super::*;

    #[test]
    fn bullets_and_no_break_spaces_are_cleaned() {
        let lines =
            lines("\u{feff}Name\n\u{f0b7}\tLed a team\n  \n- Built\u{a0}things\nplain - text");
        assert_eq!(lines.len(), 4);
        assert!(!lines[0].bullet);
        assert_eq!(lines[1].text, "Led a team");
        assert!(lines[1].bullet);
        assert_eq!(lines[2].text, "Built things");
        assert_eq!(lines[3].text, "plain - text");
        assert!(!lines[3].bullet);
    }

    #[test]
    fn runs_of_spaces_become_field_breaks() {
        let line = &lines("Acme Corp      Jan 2020 - Present")[0];
        assert_eq!(fields(&line.text), ["Acme Corp", "Jan 2020 - Present"]);
    }

    #[test]
    fn truncation_respects_character_boundaries() {
        assert_eq!(truncate("aé", 2), "a");
        assert_eq!(truncate("abc", 10), "abc");
    }

    #[test]
    fn cutting_a_range_drops_its_parentheses() {
        let text = "Tutor, Partners (2017–2020): reading help";
        let start = text.find("2017").unwrap();
        let end = text.find("2020").unwrap() + 4;
        assert_eq!(cut(text, start..end), "Tutor, Partners\treading help");
    }

    #[test]
    fn folding_removes_diacritics() {
        assert_eq!(fold("Sofía Brückner-Ł"), "sofiabrucknerl");
    }
}
