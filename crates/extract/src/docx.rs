//! DOCX (Office Open XML) text: body, tables, text boxes, lists, fields,
//! hyperlinks, and the page headers and footers.

use std::collections::{HashMap, HashSet};

use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument};

use crate::limits::{Deadline, Limits};
use crate::ooxml::{self, Relationships};
use crate::output::TextSink;
use crate::package::Package;
use crate::xml::{self, Element};

/// How many `w:basedOn` links are followed when looking for a style's list.
const MAX_STYLE_CHAIN: usize = 16;

/// Extracts the text of the DOCX opened as `package`.
///
/// # Errors
/// [`ExtractError::Corrupt`] when the main document part is missing or
/// malformed; limit, time and zip errors from reading the parts.
pub(crate) fn extract(
    package: &mut Package<'_>,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<ExtractedDocument, ExtractError> {
    let main_part = main_part_name(package, limits, deadline)?;
    let bytes = package.read(&main_part)?.ok_or_else(|| {
        ExtractError::Corrupt(format!(
            "the DOCX package has no main document part ({main_part})"
        ))
    })?;
    let rels = ooxml::relationships(package, &main_part, limits, deadline)?;
    let styles = read_part(package, &rels, "styles", STYLE_PRUNE, limits, deadline)?;
    let numbering = read_part(package, &rels, "numbering", &[], limits, deadline)?;
    let lists = Lists::new(styles.as_ref(), numbering.as_ref());
    let document = xml::parse(&bytes, &main_part, limits, deadline)?;
    let body = document
        .child("w", "body")
        .ok_or_else(|| ExtractError::Corrupt(format!("{main_part} has no w:body element")))?;

    let mut body_walker = Walker::new(&rels, &lists, deadline);
    body_walker.blocks(body)?;
    let (headers, footers) = header_footer_parts(&document, &rels);

    let mut sink = TextSink::default();
    let mut seen = HashSet::new();
    for part in &headers {
        sink.absorb(story(package, part, &lists, limits, deadline, &mut seen)?);
    }
    sink.blank_line();
    sink.absorb(body_walker.sink);
    sink.blank_line();
    for part in &footers {
        sink.absorb(story(package, part, &lists, limits, deadline, &mut seen)?);
    }
    sink.finish(DocumentFormat::Docx)
}

/// The name of the main document part, from the package relationships.
fn main_part_name(
    package: &mut Package<'_>,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<String, ExtractError> {
    let rels = ooxml::relationships(package, "", limits, deadline)?;
    Ok(ooxml::find_by_type(&rels, "officeDocument")
        .map_or_else(|| "word/document.xml".to_owned(), |r| r.target.clone()))
}

/// What of `styles.xml` is never looked at: only the style ids, their
/// `w:basedOn` and the list of their paragraph properties are. Word's
/// template spends most of the part's 350 KB on these.
const STYLE_PRUNE: &[(&str, &str)] = &[
    ("w", "latentStyles"),
    ("w", "docDefaults"),
    ("w", "rPr"),
    ("w", "tblPr"),
    ("w", "tblStylePr"),
    ("w", "trPr"),
    ("w", "tcPr"),
];

/// Reads and parses the part related to the main part by type `kind`,
/// leaving out the elements in `prune`.
fn read_part(
    package: &mut Package<'_>,
    rels: &Relationships,
    kind: &str,
    prune: &[(&str, &str)],
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Option<Element>, ExtractError> {
    let Some(rel) = ooxml::find_by_type(rels, kind).filter(|r| !r.external) else {
        return Ok(None);
    };
    let name = rel.target.clone();
    match package.read(&name)? {
        Some(bytes) => xml::parse_pruned(&bytes, &name, limits, deadline, prune).map(Some),
        None => Ok(None),
    }
}

/// The header and footer parts referenced by the section properties, in
/// document order, each once.
fn header_footer_parts(document: &Element, rels: &Relationships) -> (Vec<String>, Vec<String>) {
    let mut sections = Vec::new();
    document.descendants("w", "sectPr", &mut sections);
    let mut headers = Vec::new();
    let mut footers = Vec::new();
    for reference in sections.iter().flat_map(|s| s.elements()) {
        let list = match reference.local() {
            "headerReference" => &mut headers,
            "footerReference" => &mut footers,
            _ => continue,
        };
        let target = reference.attr("r", "id").and_then(|id| rels.get(id));
        if let Some(rel) = target.filter(|r| !r.external) {
            if !list.contains(&rel.target) {
                list.push(rel.target.clone());
            }
        }
    }
    (headers, footers)
}

/// The text of one header or footer part; empty when it repeats one
/// already read.
fn story(
    package: &mut Package<'_>,
    part: &str,
    lists: &Lists,
    limits: &Limits,
    deadline: &Deadline,
    seen: &mut HashSet<String>,
) -> Result<TextSink, ExtractError> {
    let Some(bytes) = package.read(part)? else {
        return Ok(TextSink::default());
    };
    let root = xml::parse(&bytes, part, limits, deadline)?;
    let rels = ooxml::relationships(package, part, limits, deadline)?;
    let mut walker = Walker::new(&rels, lists, deadline);
    walker.blocks(&root)?;
    let key = walker
        .sink
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if key.is_empty() || !seen.insert(key) {
        return Ok(TextSink::default());
    }
    Ok(walker.sink)
}

/// A field being read: its instruction, and its result once separated.
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    separated: bool,
    result: String,
}

/// Walks one story (body, header, footer) in reading order.
struct Walker<'a> {
    rels: &'a Relationships,
    lists: &'a Lists,
    deadline: &'a Deadline,
    sink: TextSink,
    fields: Vec<Field>,
    steps: u32,
}

impl<'a> Walker<'a> {
    fn new(rels: &'a Relationships, lists: &'a Lists, deadline: &'a Deadline) -> Self {
        Self {
            rels,
            lists,
            deadline,
            sink: TextSink::default(),
            fields: Vec::new(),
            steps: 0,
        }
    }

    fn tick(&mut self) -> Result<(), ExtractError> {
        self.steps = self.steps.wrapping_add(1);
        if self.steps % 1024 == 0 {
            self.deadline.check()?;
        }
        Ok(())
    }

    /// Block-level content: paragraphs, tables (row by row, cell by cell),
    /// content controls.
    fn blocks(&mut self, container: &Element) -> Result<(), ExtractError> {
        for el in container.elements() {
            self.tick()?;
            if el.is("mc", "AlternateContent") {
                if let Some(branch) = alternate_branch(el) {
                    self.blocks(branch)?;
                }
                continue;
            }
            match (el.ns(), el.local()) {
                ("w", "p") => self.paragraph(el)?,
                ("w", "tbl") => {
                    self.sink.end_line();
                    self.blocks(el)?;
                    self.sink.blank_line();
                }
                ("w", "tc") => {
                    self.blocks(el)?;
                    self.sink.end_line();
                }
                ("w", "tblPr" | "tblGrid" | "trPr" | "tcPr" | "sectPr" | "pPr" | "rPr")
                | ("w", "del" | "moveFrom") => {}
                _ => self.blocks(el)?,
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: &Element) -> Result<(), ExtractError> {
        let prefix = self.lists.prefix(p);
        let mut line = String::new();
        let mut boxes = Vec::new();
        self.inline(p, &mut line, &mut boxes)?;
        if line.trim().is_empty() {
            self.sink.push_line("");
        } else {
            self.sink.push_str(&prefix);
            self.sink.push_line(&line);
        }
        for text_box in boxes {
            self.blocks(text_box)?;
        }
        Ok(())
    }

    /// Paragraph content: runs, hyperlinks, simple fields, insertions.
    fn inline<'e>(
        &mut self,
        container: &'e Element,
        line: &mut String,
        boxes: &mut Vec<&'e Element>,
    ) -> Result<(), ExtractError> {
        for el in container.elements() {
            self.tick()?;
            if el.is("mc", "AlternateContent") {
                if let Some(branch) = alternate_branch(el) {
                    self.inline(branch, line, boxes)?;
                }
                continue;
            }
            if el.ns() != "w" {
                continue;
            }
            match el.local() {
                "r" => self.run(el, line, boxes)?,
                "hyperlink" => self.hyperlink(el, line, boxes)?,
                "fldSimple" => {
                    let start = line.len();
                    self.inline(el, line, boxes)?;
                    let instruction = el.attr("w", "instr").unwrap_or_default();
                    if let Some(target) = ooxml::hyperlink_field_target(instruction) {
                        self.sink.add_link(&target, line.get(start..));
                    }
                }
                "pPr" | "rPr" | "del" | "moveFrom" | "commentReference" => {}
                _ => self.inline(el, line, boxes)?,
            }
        }
        Ok(())
    }

    fn hyperlink<'e>(
        &mut self,
        el: &'e Element,
        line: &mut String,
        boxes: &mut Vec<&'e Element>,
    ) -> Result<(), ExtractError> {
        let start = line.len();
        self.inline(el, line, boxes)?;
        let rel = el.attr("r", "id").and_then(|id| self.rels.get(id));
        if let Some(rel) = rel.filter(|r| r.external) {
            let target = rel.target.clone();
            self.sink.add_link(&target, line.get(start..));
        }
        Ok(())
    }

    fn run<'e>(
        &mut self,
        run: &'e Element,
        line: &mut String,
        boxes: &mut Vec<&'e Element>,
    ) -> Result<(), ExtractError> {
        for el in run.elements() {
            if el.is("mc", "AlternateContent") {
                if let Some(branch) = alternate_branch(el) {
                    self.run(branch, line, boxes)?;
                }
                continue;
            }
            match (el.ns(), el.local()) {
                ("w", "t") => self.emit(&el.text(), line),
                ("w", "tab" | "ptab") => self.emit("\t", line),
                ("w", "br" | "cr") => self.emit("\n", line),
                ("w", "noBreakHyphen") => self.emit("-", line),
                ("w", "sym") => {
                    if let Some(c) = el.attr("w", "char").and_then(symbol_char) {
                        self.emit(c.encode_utf8(&mut [0; 4]), line);
                    }
                }
                ("w", "fldChar") => self.field_char(el),
                ("w", "instrText") => {
                    if let Some(field) = self.fields.last_mut().filter(|f| !f.separated) {
                        field.instruction.push_str(&el.text());
                    }
                }
                ("w", "drawing" | "pict" | "object") | ("?", _) => {
                    el.descendants("w", "txbxContent", boxes);
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn field_char(&mut self, el: &Element) {
        match el.attr("w", "fldCharType") {
            Some("begin") => self.fields.push(Field::default()),
            Some("separate") => {
                if let Some(field) = self.fields.last_mut() {
                    field.separated = true;
                }
            }
            Some("end") => {
                if let Some(field) = self.fields.pop() {
                    if let Some(target) = ooxml::hyperlink_field_target(&field.instruction) {
                        self.sink.add_link(&target, Some(&field.result));
                    }
                }
            }
            _ => {}
        }
    }

    /// Adds visible text, unless it belongs to a field instruction.
    fn emit(&mut self, text: &str, line: &mut String) {
        if self.fields.iter().any(|f| !f.separated) {
            return;
        }
        line.push_str(text);
        for field in &mut self.fields {
            field.result.push_str(text);
        }
    }
}

/// The branch of `mc:AlternateContent` to read: the first choice, else the
/// fallback (reading both would repeat text boxes).
fn alternate_branch(el: &Element) -> Option<&Element> {
    el.child("mc", "Choice")
        .or_else(|| el.child("mc", "Fallback"))
}

/// The character of a `w:sym`: symbol fonts use the private-use range
/// U+F000..U+F0FF, whose low byte is the font's own code.
fn symbol_char(hex: &str) -> Option<char> {
    let code = u32::from_str_radix(hex, 16).ok()?;
    let code = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    match code {
        0xB7 => Some('\u{2022}'),
        0x20..=0x7E => char::from_u32(code),
        0x80.. => char::from_u32(code),
        _ => None,
    }
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// List definitions, the lists of paragraph styles, and running counters.
struct Lists {
    /// `w:numId` → its levels.
    numbers: HashMap<String, HashMap<u32, Level>>,
    /// Style id → (`w:numId`, level) through its `w:basedOn` chain.
    style_lists: HashMap<String, (String, u32)>,
    counters: std::cell::RefCell<HashMap<String, [u32; 9]>>,
}

impl Lists {
    fn new(styles: Option<&Element>, numbering: Option<&Element>) -> Self {
        Self {
            numbers: numbering.map(read_numbering).unwrap_or_default(),
            style_lists: styles.map(read_style_lists).unwrap_or_default(),
            counters: std::cell::RefCell::default(),
        }
    }

    /// The label put before a list paragraph (`• `, `2. `), or `""`.
    fn prefix(&self, p: &Element) -> String {
        let Some((num_id, level)) = self.list_of(p) else {
            return String::new();
        };
        let Some(levels) = self.numbers.get(&num_id) else {
            return String::new();
        };
        let Some(def) = levels.get(&level) else {
            return String::new();
        };
        match def.format.as_str() {
            "bullet" => "\u{2022} ".to_owned(),
            "none" => String::new(),
            _ => self.numbered_label(&num_id, level, levels),
        }
    }

    fn numbered_label(&self, num_id: &str, level: u32, levels: &HashMap<u32, Level>) -> String {
        let mut all = self.counters.borrow_mut();
        let counters = all.entry(num_id.to_owned()).or_insert([0; 9]);
        let index = usize::try_from(level).unwrap_or(0).min(8);
        let start = levels.get(&level).map_or(1, |l| l.start);
        counters[index] = if counters[index] == 0 {
            start
        } else {
            counters[index] + 1
        };
        for deeper in &mut counters[index + 1..] {
            *deeper = 0;
        }
        let Some(def) = levels.get(&level) else {
            return String::new();
        };
        let mut label = def.text.clone();
        for (i, value) in counters.iter().enumerate().take(index + 1).rev() {
            let format = levels
                .get(&(i as u32))
                .map_or("decimal", |l| l.format.as_str());
            label = label.replace(&format!("%{}", i + 1), &format_number(*value, format));
        }
        if label.trim().is_empty() {
            String::new()
        } else {
            format!("{label} ")
        }
    }

    fn list_of(&self, p: &Element) -> Option<(String, u32)> {
        let ppr = p.child("w", "pPr")?;
        let direct = ppr.child("w", "numPr").and_then(|num| {
            let id = num.child("w", "numId")?.attr("w", "val")?.to_owned();
            let level = num.child("w", "ilvl").and_then(|l| l.attr("w", "val"));
            Some((id, level.and_then(|l| l.parse().ok()).unwrap_or(0)))
        });
        let from_style = || {
            let style = ppr.child("w", "pStyle")?.attr("w", "val")?;
            self.style_lists.get(style).cloned()
        };
        direct.or_else(from_style).filter(|(id, _)| id != "0")
    }
}

fn format_number(value: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letter(value).to_ascii_lowercase(),
        "upperLetter" => letter(value),
        "lowerRoman" => roman(value).to_ascii_lowercase(),
        "upperRoman" => roman(value),
        _ => value.to_string(),
    }
}

fn letter(value: u32) -> String {
    let index = value.saturating_sub(1);
    let c = char::from(b'A' + u8::try_from(index % 26).unwrap_or(0));
    c.to_string()
        .repeat(usize::try_from(index / 26 + 1).unwrap_or(1))
}

fn roman(mut value: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in DIGITS {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

fn read_numbering(root: &Element) -> HashMap<String, HashMap<u32, Level>> {
    let mut abstracts: HashMap<&str, HashMap<u32, Level>> = HashMap::new();
    for abs in root.elements().filter(|e| e.is("w", "abstractNum")) {
        let Some(id) = abs.attr("w", "abstractNumId") else {
            continue;
        };
        let levels = abs
            .elements()
            .filter(|e| e.is("w", "lvl"))
            .filter_map(read_level)
            .collect();
        abstracts.insert(id, levels);
    }
    let mut numbers = HashMap::new();
    for num in root.elements().filter(|e| e.is("w", "num")) {
        let id = num.attr("w", "numId");
        let abs = num
            .child("w", "abstractNumId")
            .and_then(|a| a.attr("w", "val"));
        if let (Some(id), Some(levels)) = (id, abs.and_then(|a| abstracts.get(a))) {
            numbers.insert(id.to_owned(), levels.clone());
        }
    }
    numbers
}

fn read_level(lvl: &Element) -> Option<(u32, Level)> {
    let index = lvl.attr("w", "ilvl")?.parse().ok()?;
    let val = |name: &str| lvl.child("w", name).and_then(|e| e.attr("w", "val"));
    let level = Level {
        format: val("numFmt").unwrap_or("decimal").to_owned(),
        text: val("lvlText").unwrap_or_default().to_owned(),
        start: val("start").and_then(|s| s.parse().ok()).unwrap_or(1),
    };
    Some((index, level))
}

/// A list reference: `w:numId` and level.
type ListRef = (String, u32);

fn read_style_lists(root: &Element) -> HashMap<String, ListRef> {
    let mut direct: HashMap<&str, (Option<ListRef>, Option<&str>)> = HashMap::new();
    for style in root.elements().filter(|e| e.is("w", "style")) {
        let Some(id) = style.attr("w", "styleId") else {
            continue;
        };
        let num = style
            .child("w", "pPr")
            .and_then(|p| p.child("w", "numPr"))
            .and_then(|n| {
                let id = n.child("w", "numId")?.attr("w", "val")?.to_owned();
                let level = n
                    .child("w", "ilvl")
                    .and_then(|l| l.attr("w", "val")?.parse().ok());
                Some((id, level.unwrap_or(0)))
            });
        let based_on = style.child("w", "basedOn").and_then(|b| b.attr("w", "val"));
        direct.insert(id, (num, based_on));
    }
    let mut out = HashMap::new();
    for id in direct.keys() {
        let mut current = Some(*id);
        for _ in 0..MAX_STYLE_CHAIN {
            let Some((num, based_on)) = current.and_then(|c| direct.get(c)) else {
                break;
            };
            if let Some(num) = num {
                out.insert((*id).to_owned(), num.clone());
                break;
            }
            current = *based_on;
        }
    }
    out
}
