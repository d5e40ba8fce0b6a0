//! Reading the edit list out of what a model wrote.
//!
//! Servers without structured output (and some with it) wrap the JSON in
//! prose, in Markdown fences or after a reasoning trace. The reader removes
//! `<think>…</think>` blocks, prefers a fenced `json` block, and otherwise
//! takes the first balanced `{…}` object.

use crate::edits::EditList;

/// Why an answer held no usable edit list. The text is a parser message
/// (positions and expectations), never the answer itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// No JSON object was found.
    #[error("the answer contains no JSON object")]
    NoJson,
    /// A JSON object was found but is not an edit list.
    #[error("the JSON does not match the expected format: {0}")]
    Invalid(String),
}

impl AnswerError {
    /// A fixed label for logs, holding nothing the model wrote.
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::NoJson => "no_json",
            Self::Invalid(_) => "wrong_shape",
        }
    }
}

/// Reads an [`EditList`] from a model answer.
///
/// # Errors
/// [`AnswerError`] when no edit list can be read.
pub fn parse_edit_list(answer: &str) -> Result<EditList, AnswerError> {
    let visible = strip_reasoning(answer);
    let candidate = fenced_block(&visible)
        .or_else(|| first_balanced_object(&visible))
        .ok_or(AnswerError::NoJson)?;
    serde_json::from_str(candidate).map_err(|err| AnswerError::Invalid(err.to_string()))
}

/// Removes `<think>…</think>` (and `<thinking>`, `<reasoning>`) blocks; an
/// unclosed block hides everything after it.
pub fn strip_reasoning(answer: &str) -> String {
    let mut text = answer.to_owned();
    for tag in ["think", "thinking", "reasoning"] {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        while let Some(start) = text.find(&open) {
            let end = text[start..].find(&close).map(|i| start + i + close.len());
            text.replace_range(start..end.unwrap_or(text.len()), "");
        }
        // A trace whose opening tag was sent in the prompt template.
        if let Some(end) = text.find(&close) {
            text.replace_range(..end + close.len(), "");
        }
    }
    text
}

/// The content of the first ```` ```json ```` (or bare ```` ``` ````) fence
/// that holds an object.
fn fenced_block(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find("```") {
        let after = &rest[start + 3..];
        let body_start = after.find('\n').map_or(0, |i| i + 1);
        let info = after[..body_start].trim();
        let body = &after[body_start..];
        let end = body.find("```")?;
        let inner = body[..end].trim();
        if (info.is_empty() || info.eq_ignore_ascii_case("json")) && inner.starts_with('{') {
            return Some(inner);
        }
        rest = &body[end + 3..];
    }
    None
}

/// The first `{…}` whose braces balance, skipping braces inside strings.
fn first_balanced_object(text: &str) -> Option<&str> {
    let start = text.find('{')?;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, ch) in text[start..].char_indices() {
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[start..start + offset + 1]);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDITS: &str =
        r#"{"edits":[{"target":"summary","original":"a","replacement":"b {c}","reason":"r"}]}"#;

    #[test]
    fn plain_json_is_read() {
        let list = parse_edit_list(EDITS).unwrap();
        assert_eq!(list.edits[0].replacement, "b {c}");
    }

    #[test]
    fn reasoning_traces_and_fences_are_removed() {
        let answer = format!(
            "<think>I should use {{braces}} carefully</think>\nHere you go:\n```json\n{EDITS}\n```\nDone."
        );
        let list = parse_edit_list(&answer).unwrap();
        assert_eq!(list.edits.len(), 1);
    }

    #[test]
    fn json_inside_prose_is_found_by_balanced_braces() {
        let answer = format!("Sure! {EDITS} Hope this helps {{not json}}");
        assert_eq!(parse_edit_list(&answer).unwrap().edits[0].target, "summary");
    }

    #[test]
    fn a_trace_without_its_opening_tag_is_removed() {
        let answer = format!("thinking about {{x}}...</think>{EDITS}");
        assert_eq!(parse_edit_list(&answer).unwrap().edits.len(), 1);
    }

    #[test]
    fn an_unclosed_trace_leaves_no_json() {
        let answer = format!("<think>{EDITS}");
        assert_eq!(parse_edit_list(&answer), Err(AnswerError::NoJson));
    }

    #[test]
    fn json_of_another_shape_is_invalid_with_the_parser_message() {
        let err = parse_edit_list(r#"{"changes": []}"#).unwrap_err();
        assert!(matches!(err, AnswerError::Invalid(message) if message.contains("changes")));
    }

    #[test]
    fn truncated_json_is_not_an_edit_list() {
        assert!(parse_edit_list(r#"{"edits": [{"target": "summary""#).is_err());
    }
}
