//! Link annotations: `/Subtype /Link` with a `/URI` action.
//!
//! A link that wraps over two lines is written as one annotation per line;
//! those are merged into one [`Link`] whose text is the pieces in reading
//! order. Links are ordered by where their text appears in the page text (so
//! a sidebar's links come before the main column's), falling back to
//! annotation order.

use lopdf::{Dictionary, Document, Object, ObjectId};
use resume_domain::Link;

use super::content::PlacedChar;
use super::layout::{text_in_rect, PageBox};
use super::streams::{get, get_dict, get_name, number};

/// The URI links of one page, with the text under each.
pub(super) fn page_links(
    doc: &Document,
    page_id: ObjectId,
    chars: &[PlacedChar],
    page_text: &str,
) -> Vec<Link> {
    let Ok(annotations) = doc.get_page_annotations(page_id) else {
        return Vec::new();
    };
    let mut groups: Vec<(String, Vec<PageBox>)> = Vec::new();
    for (target, rect) in annotations
        .into_iter()
        .filter_map(|a| uri_annotation(doc, a))
    {
        match groups.iter_mut().find(|(t, _)| *t == target) {
            Some((_, rects)) => rects.extend(rect.filter(|r| !rects.contains(r))),
            None => groups.push((target, rect.into_iter().collect())),
        }
    }

    let mut links: Vec<Link> = groups
        .into_iter()
        .map(|(target, rects)| Link {
            text: text_under(chars, rects),
            target,
        })
        .collect();
    links.sort_by_key(|link| {
        link.text
            .as_deref()
            .and_then(|t| page_text.find(t))
            .unwrap_or(usize::MAX)
    });
    links
}

fn uri_annotation(doc: &Document, annotation: &Dictionary) -> Option<(String, Option<PageBox>)> {
    if get_name(doc, annotation, b"Subtype") != Some(b"Link") {
        return None;
    }
    let action = get_dict(doc, annotation, b"A")?;
    if get_name(doc, action, b"S") != Some(b"URI") {
        return None;
    }
    let Some(Object::String(bytes, _)) = get(doc, action, b"URI") else {
        return None;
    };
    let target = String::from_utf8_lossy(bytes).trim().to_owned();
    (!target.is_empty()).then(|| (target, rect(doc, annotation)))
}

/// The text under `rects`, top to bottom; pieces without spaces (parts of
/// an address) are joined directly.
fn text_under(chars: &[PlacedChar], mut rects: Vec<PageBox>) -> Option<String> {
    rects.sort_by(|a, b| b[3].total_cmp(&a[3]).then(a[0].total_cmp(&b[0])));
    let mut text = String::new();
    for piece in rects.into_iter().map(|r| text_in_rect(chars, r)) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        if !text.is_empty() && (text.contains(' ') || piece.contains(' ')) {
            text.push(' ');
        }
        text.push_str(piece);
    }
    (!text.is_empty()).then_some(text)
}

fn rect(doc: &Document, annotation: &Dictionary) -> Option<PageBox> {
    let Some(Object::Array(values)) = get(doc, annotation, b"Rect") else {
        return None;
    };
    let v: Vec<f32> = values.iter().filter_map(number).collect();
    let [x0, y0, x1, y1] = v.as_slice() else {
        return None;
    };
    Some([x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)])
}

/// Appends `links` to `all`, skipping targets already there.
pub(super) fn merge(all: &mut Vec<Link>, links: Vec<Link>) {
    for link in links {
        if !all.iter().any(|l| l.target == link.target) {
            all.push(link);
        }
    }
}
