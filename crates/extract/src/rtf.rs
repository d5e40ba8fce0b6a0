//! RTF text: a tokenizer and a group-state machine.
//!
//! Destinations that hold no body text (font and colour tables, style
//! sheet, document info, pictures, `{\*\...}` groups) are skipped; field
//! instructions are read for `HYPERLINK` targets and their results kept.

use encoding_rs::Encoding;
use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument};

use crate::limits::{Deadline, Limits};
use crate::ooxml::hyperlink_field_target;
use crate::output::TextSink;

/// Destinations whose content is not document text.
const SKIPPED_DESTINATIONS: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "generator",
    "filetbl",
    "latentstyles",
    "themedata",
    "colorschememapping",
    "datastore",
    "xmlnstbl",
    "pgdsctbl",
    "nonshppict",
    "sp",
    "objdata",
    "datafield",
    "bkmkstart",
    "bkmkend",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "private",
    "mmathPr",
];

/// Destinations marked `\*` that still hold text worth reading.
const KEPT_STARRED: &[&str] = &["shpinst", "shptxt", "fldinst", "pntext", "listtext"];

/// Where the text of the current group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Body,
    Skip,
    Instruction,
}

/// State that a group inherits and restores.
#[derive(Debug, Clone, Copy)]
struct GroupState {
    target: Target,
    unicode_skip: usize,
    /// Whether the next control word may name a `\*` destination.
    starred: bool,
    /// Whether this group is the first one and nothing has been read in it.
    fresh: bool,
}

/// A field being read.
#[derive(Debug, Default)]
struct Field {
    depth: usize,
    instruction: String,
    result: String,
}

/// Extracts the text of an RTF document.
///
/// # Errors
/// [`ExtractError::LimitExceeded`] for groups nested past
/// [`Limits::max_depth`], [`ExtractError::Corrupt`] for a file that is not
/// RTF after all, [`ExtractError::Timeout`], [`ExtractError::NoText`].
pub(crate) fn extract(
    bytes: &[u8],
    limits: &Limits,
    deadline: &Deadline,
) -> Result<ExtractedDocument, ExtractError> {
    let mut parser = Parser::new(bytes, limits, deadline);
    parser.run()?;
    parser.flush_bytes();
    let Parser { sink, line, .. } = parser;
    let mut sink = sink;
    sink.push_line(&line);
    sink.finish(DocumentFormat::Rtf)
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    limits: &'a Limits,
    deadline: &'a Deadline,
    stack: Vec<GroupState>,
    state: GroupState,
    encoding: &'static Encoding,
    pending_bytes: Vec<u8>,
    skip_left: usize,
    fields: Vec<Field>,
    sink: TextSink,
    line: String,
}

impl<'a> Parser<'a> {
    fn new(bytes: &'a [u8], limits: &'a Limits, deadline: &'a Deadline) -> Self {
        let state = GroupState {
            target: Target::Body,
            unicode_skip: 1,
            starred: false,
            fresh: false,
        };
        Self {
            bytes,
            pos: 0,
            limits,
            deadline,
            stack: Vec::new(),
            state,
            encoding: encoding_rs::WINDOWS_1252,
            pending_bytes: Vec::new(),
            skip_left: 0,
            fields: Vec::new(),
            sink: TextSink::default(),
            line: String::new(),
        }
    }

    fn run(&mut self) -> Result<(), ExtractError> {
        let start = self
            .bytes
            .iter()
            .position(|&b| b == b'{')
            .unwrap_or(self.bytes.len());
        if !self.bytes[start..].starts_with(b"{\\rtf") {
            return Err(ExtractError::Corrupt(
                "the RTF header {\\rtf is missing".into(),
            ));
        }
        self.pos = start;
        let mut steps = 0u32;
        while self.pos < self.bytes.len() {
            steps = steps.wrapping_add(1);
            if steps % 8192 == 0 {
                self.deadline.check()?;
            }
            let b = self.bytes[self.pos];
            self.pos += 1;
            match b {
                b'{' => self.open_group()?,
                b'}' => self.close_group(),
                b'\\' => self.control(),
                b'\r' | b'\n' => {}
                _ => self.byte(b),
            }
        }
        Ok(())
    }

    fn open_group(&mut self) -> Result<(), ExtractError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(ExtractError::LimitExceeded {
                limit: "RTF group depth",
                detail: format!("groups nest deeper than {}", self.limits.max_depth),
            });
        }
        self.flush_bytes();
        self.skip_left = 0;
        self.stack.push(self.state);
        self.state.starred = false;
        self.state.fresh = true;
        Ok(())
    }

    fn close_group(&mut self) {
        self.flush_bytes();
        self.skip_left = 0;
        let depth = self.stack.len();
        if let Some(state) = self.stack.pop() {
            self.state = state;
        }
        while self.fields.last().is_some_and(|f| f.depth >= depth) {
            if let Some(field) = self.fields.pop() {
                if let Some(target) = hyperlink_field_target(&field.instruction) {
                    self.sink.add_link(&target, Some(&field.result));
                }
                if let Some(outer) = self.fields.last_mut() {
                    outer.result.push_str(&field.result);
                }
            }
        }
    }

    /// Reads a control word or control symbol after a backslash.
    fn control(&mut self) {
        let Some(&first) = self.bytes.get(self.pos) else {
            return;
        };
        if !first.is_ascii_alphabetic() {
            self.pos += 1;
            self.control_symbol(first);
            return;
        }
        let name_start = self.pos;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(u8::is_ascii_alphabetic)
            && self.pos - name_start < 32
        {
            self.pos += 1;
        }
        let name = String::from_utf8_lossy(&self.bytes[name_start..self.pos]).into_owned();
        let param = self.parameter();
        if self.bytes.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        self.control_word(&name, param);
    }

    fn parameter(&mut self) -> Option<i32> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) && self.pos - start < 11 {
            self.pos += 1;
        }
        let digits = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
        digits
            .parse::<i64>()
            .ok()
            .map(|v| v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
    }

    fn control_symbol(&mut self, symbol: u8) {
        match symbol {
            b'\'' => {
                let hex = self.bytes.get(self.pos..self.pos + 2);
                let value = hex
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(value) = value {
                    self.pos += 2;
                    if self.skip_left > 0 {
                        self.skip_left -= 1;
                    } else if self.state.target != Target::Skip {
                        self.pending_bytes.push(value);
                    }
                }
            }
            b'*' => self.state.starred = true,
            b'~' => self.text("\u{a0}"),
            b'_' => self.text("-"),
            b'-' => {}
            b'\\' | b'{' | b'}' => self.text(char::from(symbol).encode_utf8(&mut [0; 4])),
            b'\r' | b'\n' => self.paragraph_end(),
            b'\t' => self.text("\t"),
            _ => {}
        }
    }

    fn control_word(&mut self, name: &str, param: Option<i32>) {
        if self.skip_left > 0 {
            self.skip_left -= 1;
            return;
        }
        let fresh = std::mem::replace(&mut self.state.fresh, false);
        let starred = std::mem::replace(&mut self.state.starred, false);
        if fresh && self.destination(name, starred) {
            return;
        }
        if starred && fresh {
            self.state.target = Target::Skip;
            return;
        }
        match name {
            "par" | "line" | "sect" | "page" | "cell" | "row" | "nestcell" | "nestrow" => {
                self.paragraph_end();
            }
            "tab" => self.text("\t"),
            "emdash" => self.text("\u{2014}"),
            "endash" => self.text("\u{2013}"),
            "bullet" => self.text("\u{2022}"),
            "lquote" => self.text("\u{2018}"),
            "rquote" => self.text("\u{2019}"),
            "ldblquote" => self.text("\u{201c}"),
            "rdblquote" => self.text("\u{201d}"),
            "emspace" | "enspace" | "qmspace" => self.text(" "),
            "u" => self.unicode(param),
            "uc" => {
                self.state.unicode_skip = usize::try_from(param.unwrap_or(1)).unwrap_or(0).min(8)
            }
            "ansicpg" => {
                if let Some(encoding) = param.and_then(code_page_encoding) {
                    self.encoding = encoding;
                }
            }
            "field" => self.fields.push(Field {
                depth: self.stack.len(),
                ..Field::default()
            }),
            "bin" => {
                let skip = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                self.pos = self.pos.saturating_add(skip).min(self.bytes.len());
            }
            _ => {}
        }
    }

    /// Handles `name` as the destination of a group that just opened;
    /// whether it was one.
    fn destination(&mut self, name: &str, starred: bool) -> bool {
        if SKIPPED_DESTINATIONS.contains(&name) {
            self.state.target = Target::Skip;
            return true;
        }
        match name {
            "fldinst" => {
                self.state.target = Target::Instruction;
                true
            }
            "fldrslt" => {
                if self.state.target == Target::Instruction {
                    self.state.target = Target::Body;
                }
                true
            }
            // A starred destination this reader knows to hold text (a text
            // box's shape) is read like the group around it.
            _ if starred && KEPT_STARRED.contains(&name) => true,
            _ if starred => {
                self.state.target = Target::Skip;
                true
            }
            _ => false,
        }
    }

    fn unicode(&mut self, param: Option<i32>) {
        let Some(value) = param else {
            return;
        };
        let code = if value < 0 { value + 65_536 } else { value };
        let c = u32::try_from(code)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}');
        self.text(c.encode_utf8(&mut [0; 4]));
        self.skip_left = self.state.unicode_skip;
    }

    fn byte(&mut self, b: u8) {
        if self.skip_left > 0 {
            self.skip_left -= 1;
            return;
        }
        if self.state.target == Target::Skip {
            return;
        }
        self.pending_bytes.push(b);
        self.state.fresh = false;
    }

    /// Decodes the bytes read so far with the document's code page.
    fn flush_bytes(&mut self) {
        if self.pending_bytes.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending_bytes);
        let (decoded, _) = self.encoding.decode_without_bom_handling(&bytes);
        self.put(&decoded);
    }

    fn text(&mut self, text: &str) {
        self.flush_bytes();
        self.state.fresh = false;
        if self.skip_left > 0 {
            self.skip_left -= 1;
            return;
        }
        self.put(text);
    }

    fn put(&mut self, text: &str) {
        match self.state.target {
            Target::Skip => {}
            Target::Instruction => {
                if let Some(field) = self.fields.last_mut() {
                    field.instruction.push_str(text);
                }
            }
            Target::Body => {
                self.line.push_str(text);
                if let Some(field) = self.fields.last_mut() {
                    field.result.push_str(text);
                }
            }
        }
    }

    fn paragraph_end(&mut self) {
        self.flush_bytes();
        if self.state.target == Target::Body {
            let line = std::mem::take(&mut self.line);
            self.sink.push_line(&line);
        }
    }
}

/// The encoding of a Windows code page number.
fn code_page_encoding(page: i32) -> Option<&'static Encoding> {
    let label = match page {
        65001 => "utf-8".to_owned(),
        932 => "shift_jis".to_owned(),
        936 => "gbk".to_owned(),
        949 => "euc-kr".to_owned(),
        950 => "big5".to_owned(),
        10000 => "macintosh".to_owned(),
        874 | 1250..=1258 => format!("windows-{page}"),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rtf(source: &str) -> Result<ExtractedDocument, ExtractError> {
        let limits = Limits::default();
        extract(
            source.as_bytes(),
            &limits,
            &Deadline::after(limits.time_budget),
        )
    }

    #[test]
    fn rtf_unicode_escapes_skip_their_fallback_characters() {
        let doc = rtf(r"{\rtf1\ansi\uc1 Ren\u233?e \uc2 M\u252\'fc\'fcnchen\par}").unwrap();
        assert_eq!(doc.text, "Ren\u{e9}e M\u{fc}nchen");
    }

    #[test]
    fn rtf_hex_escapes_use_the_ansi_code_page() {
        let doc = rtf(r"{\rtf1\ansi\ansicpg1250 Wroc\'b3aw\par}").unwrap();
        assert_eq!(doc.text, "Wroc\u{142}aw");
    }

    #[test]
    fn rtf_tables_put_each_cell_on_its_own_line() {
        let doc = rtf(r"{\rtf1 \trowd\cellx100\cellx200 A\cell B\cell\row after\par}").unwrap();
        assert_eq!(doc.text, "A\nB\n\nafter");
    }

    #[test]
    fn rtf_destinations_are_skipped_and_hyperlinks_kept() {
        let source = r#"{\rtf1{\fonttbl{\f0 Arial;}}{\*\generator Writer;}{\info{\title T}}Go {\field{\*\fldinst HYPERLINK "https://example.com/p"}{\fldrslt portfolio}} now\par}"#;
        let doc = rtf(source).unwrap();
        assert_eq!(doc.text, "Go portfolio now");
        assert_eq!(doc.links[0].target, "https://example.com/p");
        assert_eq!(doc.links[0].text.as_deref(), Some("portfolio"));
    }

    #[test]
    fn rtf_text_box_text_is_read_where_the_shape_is_anchored() {
        // As LibreOffice writes a text frame: a SHAPE field whose result
        // holds the shape, its properties and its text.
        let source = r#"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\pard{\field{\*\fldinst SHAPE }{\fldrslt{\shp{\*\shpinst\shpleft6236{\sp{\sn shapeType}{\sv 202}}{\shptxt nadia@example.org\par +1 617 555 0148\par}}}}}Nadia Haddad\par{\*\unknowndest hidden}Boston\par}"#;
        let document = rtf(source).unwrap();
        assert_eq!(
            document.text,
            "nadia@example.org\n+1 617 555 0148\nNadia Haddad\nBoston"
        );
    }

    #[test]
    fn rtf_groups_nested_past_the_limit_are_refused() {
        let source = format!("{{\\rtf1 {}x{}}}", "{".repeat(300), "}".repeat(300));
        let err = rtf(&source).unwrap_err();
        assert!(matches!(
            err,
            ExtractError::LimitExceeded {
                limit: "RTF group depth",
                ..
            }
        ));
    }
}
