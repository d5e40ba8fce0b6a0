//! ODT (OpenDocument text): `content.xml` for the body and `styles.xml` for
//! the page headers and footers.

use std::collections::{HashMap, HashSet};

use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument};

use crate::limits::{Deadline, Limits};
use crate::output::TextSink;
use crate::package::Package;
use crate::xml::{self, Element, Node};

/// Extracts the text of the ODT opened as `package`.
///
/// # Errors
/// [`ExtractError::Corrupt`] when `content.xml` is missing or malformed;
/// limit, time and zip errors from reading the parts.
pub(crate) fn extract(
    package: &mut Package<'_>,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<ExtractedDocument, ExtractError> {
    let content = package
        .read("content.xml")?
        .ok_or_else(|| ExtractError::Corrupt("the ODT package has no content.xml part".into()))?;
    let content = xml::parse(&content, "content.xml", limits, deadline)?;
    let styles = match package.read("styles.xml")? {
        Some(bytes) => Some(xml::parse(&bytes, "styles.xml", limits, deadline)?),
        None => None,
    };
    let mut list_styles = HashMap::new();
    for root in [Some(&content), styles.as_ref()].into_iter().flatten() {
        collect_list_styles(root, &mut list_styles);
    }
    let text = content
        .child("office", "body")
        .and_then(|b| b.child("office", "text"))
        .ok_or_else(|| ExtractError::Corrupt("content.xml has no office:text body".into()))?;

    let mut body = Walker::new(&list_styles, deadline);
    body.blocks(text)?;
    let (headers, footers) = match &styles {
        Some(styles) => page_stories(styles, &list_styles, deadline)?,
        None => (TextSink::default(), TextSink::default()),
    };

    let mut sink = headers;
    sink.blank_line();
    sink.absorb(body.sink);
    sink.blank_line();
    sink.absorb(footers);
    sink.finish(DocumentFormat::Odt)
}

/// The headers and footers of the master pages, each distinct text once.
fn page_stories(
    styles: &Element,
    list_styles: &ListStyles,
    deadline: &Deadline,
) -> Result<(TextSink, TextSink), ExtractError> {
    let mut headers = Walker::new(list_styles, deadline);
    let mut footers = Walker::new(list_styles, deadline);
    let mut seen = HashSet::new();
    let Some(master) = styles.child("office", "master-styles") else {
        return Ok((headers.sink, footers.sink));
    };
    for page in master.elements().filter(|e| e.is("style", "master-page")) {
        for part in page.elements() {
            let walker = match part.local() {
                "header" | "header-first" | "header-left" => &mut headers,
                "footer" | "footer-first" | "footer-left" => &mut footers,
                _ => continue,
            };
            let key = part.text().split_whitespace().collect::<Vec<_>>().join(" ");
            if !key.is_empty() && seen.insert(key) {
                walker.blocks(part)?;
            }
        }
    }
    Ok((headers.sink, footers.sink))
}

/// List style name → bullet or number format per level (1-based).
type ListStyles = HashMap<String, HashMap<u32, ListLevel>>;

#[derive(Debug, Clone)]
enum ListLevel {
    Bullet,
    Number { prefix: String, suffix: String },
    Plain,
}

fn collect_list_styles(root: &Element, out: &mut ListStyles) {
    let mut found = Vec::new();
    root.descendants("text", "list-style", &mut found);
    for style in found {
        let Some(name) = style.attr("style", "name") else {
            continue;
        };
        let mut levels = HashMap::new();
        for level in style.elements() {
            let Some(index) = level.attr("text", "level").and_then(|l| l.parse().ok()) else {
                continue;
            };
            let kind = match level.local() {
                "list-level-style-bullet" => ListLevel::Bullet,
                "list-level-style-number"
                    if level
                        .attr("style", "num-format")
                        .is_some_and(|f| !f.is_empty()) =>
                {
                    ListLevel::Number {
                        prefix: level
                            .attr("style", "num-prefix")
                            .unwrap_or_default()
                            .to_owned(),
                        suffix: level
                            .attr("style", "num-suffix")
                            .unwrap_or_default()
                            .to_owned(),
                    }
                }
                _ => ListLevel::Plain,
            };
            levels.insert(index, kind);
        }
        out.insert(name.to_owned(), levels);
    }
}

/// The list a paragraph is in: its style and nesting level.
#[derive(Debug, Clone)]
struct ListContext {
    style: Option<String>,
    level: u32,
    number: u32,
    first_paragraph: bool,
}

struct Walker<'a> {
    list_styles: &'a ListStyles,
    deadline: &'a Deadline,
    sink: TextSink,
    lists: Vec<ListContext>,
    steps: u32,
}

impl<'a> Walker<'a> {
    fn new(list_styles: &'a ListStyles, deadline: &'a Deadline) -> Self {
        Self {
            list_styles,
            deadline,
            sink: TextSink::default(),
            lists: Vec::new(),
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

    fn blocks(&mut self, container: &Element) -> Result<(), ExtractError> {
        for el in container.elements() {
            self.tick()?;
            match (el.ns(), el.local()) {
                ("text", "p" | "h") => self.paragraph(el)?,
                ("text", "list") => self.list(el)?,
                ("table", "table") => {
                    self.sink.end_line();
                    self.blocks(el)?;
                    self.sink.blank_line();
                }
                ("table", "table-cell") => {
                    self.blocks(el)?;
                    self.sink.end_line();
                }
                ("table", "covered-table-cell" | "table-columns" | "table-column") => {}
                ("text", "tracked-changes" | "sequence-decls" | "variable-decls")
                | ("office", "annotation" | "forms") => {}
                _ => self.blocks(el)?,
            }
        }
        Ok(())
    }

    fn list(&mut self, list: &Element) -> Result<(), ExtractError> {
        let parent = self.lists.last();
        let style = list
            .attr("text", "style-name")
            .map(str::to_owned)
            .or_else(|| parent.and_then(|p| p.style.clone()));
        let level = parent.map_or(1, |p| p.level + 1);
        self.lists.push(ListContext {
            style,
            level,
            number: 0,
            first_paragraph: false,
        });
        for item in list.elements() {
            self.tick()?;
            if !item.is("text", "list-item") && !item.is("text", "list-header") {
                continue;
            }
            if let Some(current) = self.lists.last_mut() {
                current.number += 1;
                current.first_paragraph = item.is("text", "list-item");
            }
            self.blocks(item)?;
        }
        self.lists.pop();
        Ok(())
    }

    fn label(&mut self) -> String {
        let Some(current) = self.lists.last_mut() else {
            return String::new();
        };
        if !std::mem::replace(&mut current.first_paragraph, false) {
            return String::new();
        }
        let level = current
            .style
            .as_ref()
            .and_then(|s| self.list_styles.get(s))
            .and_then(|levels| levels.get(&current.level));
        match level {
            Some(ListLevel::Bullet) => "\u{2022} ".to_owned(),
            Some(ListLevel::Number { prefix, suffix }) => {
                format!("{prefix}{}{suffix} ", current.number)
            }
            Some(ListLevel::Plain) | None => String::new(),
        }
    }

    fn paragraph(&mut self, p: &Element) -> Result<(), ExtractError> {
        let label = self.label();
        let mut line = String::new();
        let mut frames = Vec::new();
        self.inline(p, &mut line, &mut frames)?;
        let line = line.trim_matches(' ');
        if line.is_empty() {
            self.sink.push_line("");
        } else {
            self.sink.push_str(&label);
            self.sink.push_line(line);
        }
        for frame in frames {
            self.blocks(frame)?;
        }
        Ok(())
    }

    fn inline<'e>(
        &mut self,
        container: &'e Element,
        line: &mut String,
        frames: &mut Vec<&'e Element>,
    ) -> Result<(), ExtractError> {
        for node in &container.children {
            self.tick()?;
            let el = match node {
                Node::Text(t) => {
                    push_collapsed(line, t);
                    continue;
                }
                Node::Element(el) => el,
            };
            match (el.ns(), el.local()) {
                ("text", "s") => {
                    let count = el
                        .attr("text", "c")
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(1usize);
                    line.push_str(&" ".repeat(count.min(64)));
                }
                ("text", "tab") => line.push('\t'),
                ("text", "line-break") => line.push('\n'),
                ("text", "a") => {
                    let start = line.len();
                    self.inline(el, line, frames)?;
                    if let Some(href) = el.attr("xlink", "href") {
                        self.sink.add_link(href, line.get(start..));
                    }
                }
                ("draw", "frame") => {
                    if let Some(text_box) = el.child("draw", "text-box") {
                        frames.push(text_box);
                    }
                }
                ("text", "note") => {
                    if let Some(body) = el.child("text", "note-body") {
                        frames.push(body);
                    }
                }
                ("office", "annotation" | "annotation-end") | ("text", "note-citation") => {}
                ("draw", _) => {
                    let mut boxes = Vec::new();
                    el.descendants("draw", "text-box", &mut boxes);
                    frames.extend(boxes);
                }
                _ => self.inline(el, line, frames)?,
            }
        }
        Ok(())
    }
}

/// Appends ODF character data: each run of white space counts as one space.
fn push_collapsed(line: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !line.is_empty() && !line.ends_with([' ', '\n', '\t']) {
                line.push(' ');
            }
        } else {
            line.push(c);
        }
    }
}
