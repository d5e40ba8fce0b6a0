//! A small namespace-aware XML tree, built with quick-xml under the limits.
//!
//! Office formats keep text in mixed content spread over many elements; a
//! tree makes it simple to walk tables, text boxes and fields in order. The
//! tree is bounded by the part's size (itself bounded) and by
//! [`Limits::max_depth`].

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use resume_domain::ExtractError;

use crate::limits::{Deadline, Limits};

/// Known namespaces, by the short key the extractors match on.
const NAMESPACES: &[(&str, &str)] = &[
    (
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "w",
    ),
    ("http://purl.oclc.org/ooxml/wordprocessingml/main", "w"),
    (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "r",
    ),
    (
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
        "r",
    ),
    (
        "http://schemas.openxmlformats.org/package/2006/relationships",
        "rel",
    ),
    (
        "http://schemas.openxmlformats.org/markup-compatibility/2006",
        "mc",
    ),
    ("urn:oasis:names:tc:opendocument:xmlns:office:1.0", "office"),
    ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "text"),
    ("urn:oasis:names:tc:opendocument:xmlns:table:1.0", "table"),
    ("urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", "draw"),
    ("urn:oasis:names:tc:opendocument:xmlns:style:1.0", "style"),
    (
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "fo",
    ),
    ("http://www.w3.org/1999/xlink", "xlink"),
];

/// Key for a namespace that is not in [`NAMESPACES`].
const OTHER_NS: &str = "?";

/// A node of the tree.
#[derive(Debug)]
pub(crate) enum Node {
    /// An element.
    Element(Element),
    /// Character data, entities resolved.
    Text(String),
}

/// An element with its namespace key, local name, attributes and children.
#[derive(Debug)]
pub(crate) struct Element {
    ns: &'static str,
    local: String,
    attrs: Vec<(&'static str, String, String)>,
    pub(crate) children: Vec<Node>,
}

impl Element {
    /// Whether this is `local` in the namespace with key `ns`.
    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The namespace key (`w`, `text`, ...; `?` for unknown).
    pub(crate) fn ns(&self) -> &str {
        self.ns
    }

    /// The local name.
    pub(crate) fn local(&self) -> &str {
        &self.local
    }

    /// The value of attribute `local` in namespace `ns` (`""` for none).
    pub(crate) fn attr(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, l, _)| *n == ns && l == local)
            .map(|(_, _, v)| v.as_str())
    }

    /// The child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element `ns:local`.
    pub(crate) fn child(&self, ns: &str, local: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, local))
    }

    /// Every descendant element `ns:local`, in document order, not looking
    /// inside matches.
    pub(crate) fn descendants<'a>(&'a self, ns: &str, local: &str, out: &mut Vec<&'a Element>) {
        for el in self.elements() {
            if el.is(ns, local) {
                out.push(el);
            } else {
                el.descendants(ns, local, out);
            }
        }
    }

    /// All character data below this element, concatenated.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }
}

/// Parses `xml` (the part named `part`, for messages) into a tree.
///
/// # Errors
/// [`ExtractError::Corrupt`] for malformed XML or a part that ends early,
/// [`ExtractError::LimitExceeded`] past [`Limits::max_depth`], and
/// [`ExtractError::Timeout`].
pub(crate) fn parse(
    xml: &[u8],
    part: &str,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Element, ExtractError> {
    parse_pruned(xml, part, limits, deadline, &[])
}

/// Like [`parse`], but leaves the elements named in `prune` (namespace key,
/// local name) and everything inside them out of the tree. The whole part is
/// still read and checked; only the building is saved, which matters for
/// parts such as a 350 KB `styles.xml` of which a few elements are needed.
///
/// # Errors
/// As [`parse`].
pub(crate) fn parse_pruned(
    xml: &[u8],
    part: &str,
    limits: &Limits,
    deadline: &Deadline,
    prune: &[(&str, &str)],
) -> Result<Element, ExtractError> {
    let text = decode(xml, part)?;
    let mut builder = TreeBuilder::new(part, limits.max_depth, prune);
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = true;
    let mut events = 0u32;
    loop {
        events = events.wrapping_add(1);
        if events % 4096 == 0 {
            deadline.check()?;
        }
        let event = reader.read_event().map_err(|e| {
            let at = reader.buffer_position();
            ExtractError::Corrupt(format!("{part} has malformed XML near byte {at}: {e}"))
        })?;
        match event {
            Event::Start(start) => builder.open(&start, false)?,
            Event::Empty(start) => builder.open(&start, true)?,
            Event::End(_) => builder.close(),
            Event::Text(t) => builder.text(&t.xml10_content()),
            Event::CData(c) => builder.text(&c.xml10_content()),
            Event::GeneralRef(r) => builder.reference(&r),
            Event::Eof => break,
            _ => {}
        }
    }
    builder.finish()
}

/// The characters of a part: UTF-8, or UTF-16 with a byte-order mark.
fn decode<'x>(xml: &'x [u8], part: &str) -> Result<std::borrow::Cow<'x, str>, ExtractError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(xml) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&xml[bom..]);
        if had_errors {
            return Err(ExtractError::Corrupt(format!(
                "{part} has malformed {}",
                encoding.name()
            )));
        }
        return Ok(text);
    }
    std::str::from_utf8(xml)
        .map(std::borrow::Cow::Borrowed)
        .map_err(|e| ExtractError::Corrupt(format!("{part} is not UTF-8 text: {e}")))
}

/// One open element and the namespace prefixes it declared.
struct Open {
    element: Element,
    declared: Vec<(String, Option<&'static str>)>,
}

struct TreeBuilder<'p> {
    part: &'p str,
    max_depth: usize,
    stack: Vec<Open>,
    prefixes: HashMap<String, Vec<&'static str>>,
    root: Option<Element>,
    /// Elements left out of the tree with their content.
    prune: &'p [(&'p str, &'p str)],
    /// How deep inside a pruned element the reader is; 0 outside.
    skipping: usize,
}

impl<'p> TreeBuilder<'p> {
    fn new(part: &'p str, max_depth: usize, prune: &'p [(&'p str, &'p str)]) -> Self {
        Self {
            part,
            max_depth,
            stack: Vec::new(),
            prefixes: HashMap::new(),
            root: None,
            prune,
            skipping: 0,
        }
    }

    fn open(&mut self, start: &BytesStart<'_>, empty: bool) -> Result<(), ExtractError> {
        if self.stack.len() + self.skipping >= self.max_depth {
            return Err(ExtractError::LimitExceeded {
                limit: "XML nesting depth",
                detail: format!(
                    "{} nests elements deeper than {}",
                    self.part, self.max_depth
                ),
            });
        }
        if self.skipping > 0 {
            if !empty {
                self.skipping += 1;
            }
            return Ok(());
        }
        let mut raw_attrs = Vec::new();
        let mut declared = Vec::new();
        for attr in start.attributes().with_checks(false).flatten() {
            let key = AsRef::<str>::as_ref(&attr.key).to_owned();
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default();
            if key == "xmlns" {
                declared.push((String::new(), namespace_key(&value)));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                declared.push((prefix.to_owned(), namespace_key(&value)));
            } else {
                raw_attrs.push((key, value));
            }
        }
        for (prefix, ns) in &declared {
            self.prefixes
                .entry(prefix.clone())
                .or_default()
                .push(ns.unwrap_or(OTHER_NS));
        }
        let name = AsRef::<str>::as_ref(&start.name()).to_owned();
        let (ns, local) = self.resolve(&name, true);
        if self.prune.iter().any(|(n, l)| *n == ns && *l == local) {
            self.forget(&declared);
            if !empty {
                self.skipping = 1;
            }
            return Ok(());
        }
        let attrs = raw_attrs
            .into_iter()
            .map(|(key, value)| {
                let (ns, local) = self.resolve(&key, false);
                (ns, local, value)
            })
            .collect();
        let element = Element {
            ns,
            local,
            attrs,
            children: Vec::new(),
        };
        self.stack.push(Open { element, declared });
        if empty {
            self.close();
        }
        Ok(())
    }

    fn resolve(&self, name: &str, is_element: bool) -> (&'static str, String) {
        let (prefix, local) = match name.split_once(':') {
            Some((p, l)) => (p, l),
            None if is_element => ("", name),
            None => return ("", name.to_owned()),
        };
        let ns = self
            .prefixes
            .get(prefix)
            .and_then(|v| v.last().copied())
            .unwrap_or(OTHER_NS);
        (ns, local.to_owned())
    }

    /// Takes the prefixes an element declared out of scope again.
    fn forget(&mut self, declared: &[(String, Option<&'static str>)]) {
        for (prefix, _) in declared {
            if let Some(v) = self.prefixes.get_mut(prefix) {
                v.pop();
            }
        }
    }

    fn close(&mut self) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        let Some(open) = self.stack.pop() else {
            return;
        };
        self.forget(&open.declared);
        match self.stack.last_mut() {
            Some(parent) => parent.element.children.push(Node::Element(open.element)),
            None => {
                if self.root.is_none() {
                    self.root = Some(open.element);
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipping > 0 {
            return;
        }
        let Some(open) = self.stack.last_mut() else {
            return;
        };
        match open.element.children.last_mut() {
            Some(Node::Text(t)) => t.push_str(text),
            _ => open.element.children.push(Node::Text(text.to_owned())),
        }
    }

    fn reference(&mut self, reference: &quick_xml::events::BytesRef<'_>) {
        let resolved = match reference.resolve_char_ref() {
            Ok(Some(c)) => Some(c),
            Ok(None) => match reference.as_ref() {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "apos" => Some('\''),
                "quot" => Some('"'),
                _ => None,
            },
            Err(_) => None,
        };
        if let Some(c) = resolved {
            self.text(c.encode_utf8(&mut [0; 4]));
        }
    }

    fn finish(mut self) -> Result<Element, ExtractError> {
        if !self.stack.is_empty() {
            return Err(ExtractError::Corrupt(format!(
                "{} ends before its XML is closed",
                self.part
            )));
        }
        self.root
            .take()
            .ok_or_else(|| ExtractError::Corrupt(format!("{} holds no XML element", self.part)))
    }
}

fn namespace_key(uri: &str) -> Option<&'static str> {
    NAMESPACES.iter().find(|(u, _)| *u == uri).map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(xml: &str) -> Result<Element, ExtractError> {
        parse(
            xml.as_bytes(),
            "test.xml",
            &Limits::default(),
            &Deadline::after(Limits::default().time_budget),
        )
    }

    #[test]
    fn prefixes_resolve_to_namespace_keys_whatever_they_are_called() {
        let root = tree(
            r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:t>a &amp; b&#x41;</x:t></x:document>"#,
        )
        .unwrap();
        assert!(root.is("w", "document"));
        assert_eq!(root.child("w", "t").unwrap().text(), "a & bA");
    }

    #[test]
    fn utf16_parts_with_a_byte_order_mark_are_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<a>Zieli\u{144}ski</a>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let limits = Limits::default();
        let root = parse(
            &bytes,
            "utf16.xml",
            &limits,
            &Deadline::after(limits.time_budget),
        )
        .unwrap();
        assert_eq!(root.text(), "Zieli\u{144}ski");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused() {
        let xml = format!("{}{}", "<a>".repeat(300), "</a>".repeat(300));
        let err = tree(&xml).unwrap_err();
        assert!(matches!(
            err,
            ExtractError::LimitExceeded {
                limit: "XML nesting depth",
                ..
            }
        ));
    }

    #[test]
    fn pruned_elements_and_their_content_are_left_out() {
        let limits = Limits::default();
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:latentStyles><w:lsdException w:name="a"/>x</w:latentStyles><w:style w:styleId="S"><w:rPr><w:b/></w:rPr><w:pPr/></w:style></w:styles>"#;
        let root = parse_pruned(
            xml.as_bytes(),
            "styles.xml",
            &limits,
            &Deadline::after(limits.time_budget),
            &[("w", "latentStyles"), ("w", "rPr")],
        )
        .unwrap();
        assert!(root.child("w", "latentStyles").is_none());
        let style = root.child("w", "style").unwrap();
        assert_eq!(style.attr("w", "styleId"), Some("S"));
        assert!(style.child("w", "rPr").is_none());
        assert!(style.child("w", "pPr").is_some());
        assert_eq!(root.text(), "");

        let broken = xml.replace("</w:latentStyles>", "</w:other>");
        let err = parse_pruned(
            broken.as_bytes(),
            "styles.xml",
            &limits,
            &Deadline::after(limits.time_budget),
            &[("w", "latentStyles")],
        );
        assert!(matches!(err, Err(ExtractError::Corrupt(_))));
    }

    #[test]
    fn unclosed_and_mismatched_xml_is_corrupt() {
        assert!(matches!(tree("<a><b></a>"), Err(ExtractError::Corrupt(_))));
        assert!(matches!(tree("<a><b>"), Err(ExtractError::Corrupt(_))));
    }
}
