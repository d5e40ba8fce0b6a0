//! Collects the text and links of a document and tidies the result.

use std::collections::HashSet;

use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument, Link};

/// Accumulates extracted text line by line, and the document's links.
#[derive(Debug, Default)]
pub(crate) struct TextSink {
    text: String,
    links: Vec<Link>,
    seen_targets: HashSet<String>,
}

impl TextSink {
    /// Appends `line` and ends it.
    pub(crate) fn push_line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// Appends text without ending the line.
    pub(crate) fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Ends the current line, if it has anything on it.
    pub(crate) fn end_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Leaves an empty line before whatever comes next.
    pub(crate) fn blank_line(&mut self) {
        self.end_line();
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// The text collected so far.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Appends the text and links of `other` after what this sink holds.
    pub(crate) fn absorb(&mut self, other: TextSink) {
        self.end_line();
        self.text.push_str(&other.text);
        for link in other.links {
            self.add_link(&link.target, link.text.as_deref());
        }
    }

    /// Records a link unless its target was already seen or is not external.
    pub(crate) fn add_link(&mut self, target: &str, text: Option<&str>) {
        let target = target.trim();
        if !is_external_target(target) || !self.seen_targets.insert(target.to_owned()) {
            return;
        }
        let text = text.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        let text = text.filter(|t| !t.is_empty());
        self.links.push(Link {
            text,
            target: target.to_owned(),
        });
    }

    /// Builds the document: trailing spaces cut, at most one empty line in a
    /// row, no empty lines at the ends.
    ///
    /// # Errors
    /// [`ExtractError::NoText`] when nothing but whitespace was collected.
    pub(crate) fn finish(self, format: DocumentFormat) -> Result<ExtractedDocument, ExtractError> {
        let text = tidy(&self.text);
        if text.is_empty() {
            return Err(ExtractError::NoText);
        }
        Ok(ExtractedDocument {
            format,
            text,
            links: self.links,
            page_count: None,
        })
    }
}

/// Whether a link target points outside the document (a URL or `mailto:`).
fn is_external_target(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://", "www."]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Cuts trailing whitespace from each line and collapses runs of empty lines.
pub(crate) fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut empty_run = 0usize;
    for line in raw.lines() {
        let line = line.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.trim().is_empty() {
            empty_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if empty_run > 0 {
                out.push('\n');
            }
        }
        empty_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_empty_lines_and_trailing_spaces() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\t\n\n"), "a\n\nb");
    }

    #[test]
    fn links_are_kept_once_and_internal_targets_dropped() {
        let mut sink = TextSink::default();
        sink.add_link("https://example.com/a", Some("  site  "));
        sink.add_link("https://example.com/a", Some("again"));
        sink.add_link("#_Toc1", Some("anchor"));
        sink.push_line("x");
        let doc = sink.finish(DocumentFormat::Text).unwrap();
        assert_eq!(doc.links.len(), 1);
        assert_eq!(doc.links[0].text.as_deref(), Some("site"));
    }

    #[test]
    fn a_sink_with_only_whitespace_has_no_text() {
        let mut sink = TextSink::default();
        sink.push_line("   \t");
        assert_eq!(sink.finish(DocumentFormat::Text), Err(ExtractError::NoText));
    }
}
