//! PDF text extraction with lopdf.
//!
//! The document is loaded with lopdf (decrypted when the user password is
//! empty), every page's content stream is interpreted to place each character
//! on the page ([`content`]), characters are decoded through the fonts
//! ([`font`], [`cmap`], [`encoding`]), and the page is rebuilt into lines and
//! column blocks in reading order ([`layout`]). URI link annotations become
//! [`Link`]s ([`links`]).
//!
//! lopdf is not trusted to be panic-free on hostile input: the whole parse runs
//! under `catch_unwind` and a panic becomes [`ExtractError::Corrupt`].

mod cmap;
mod content;
mod encoding;
mod font;
mod layout;
mod links;
mod streams;

#[cfg(test)]
mod tests;

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, LoadOptions, Object, ObjectId};
use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument, Link};

use self::content::{FontCache, Interpreter};
use self::layout::PageBox;
use self::streams::{number, resolve, StreamReader};
use crate::limits::{Deadline, Limits};

/// Deepest Form XObject nesting ever followed, whatever the configured depth
/// limit, so recursion stays well inside the thread's stack.
const MAX_FORM_DEPTH: usize = 32;

/// US Letter, used when a page has no usable `/MediaBox`.
const DEFAULT_PAGE: PageBox = [0.0, 0.0, 612.0, 792.0];

/// Extracts the text of a PDF in reading order.
///
/// # Errors
/// [`ExtractError::Encrypted`] when a password is needed,
/// [`ExtractError::NoTextLayer`] for image-only pages, [`ExtractError::NoText`]
/// for a document without text, [`ExtractError::Corrupt`] when the file cannot
/// be read, [`ExtractError::LimitExceeded`] and [`ExtractError::Timeout`] when
/// a limit is reached.
pub(crate) fn extract(
    bytes: &[u8],
    limits: &Limits,
    deadline: &Deadline,
) -> Result<ExtractedDocument, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(ExtractError::LimitExceeded {
            limit: "bytes",
            detail: format!("{} bytes, the limit is {}", bytes.len(), limits.max_bytes),
        });
    }

    let guarded = catch_unwind(AssertUnwindSafe(|| {
        extract_document(bytes, limits, deadline)
    }));
    guarded.unwrap_or_else(|_| {
        tracing::warn!("the pdf parser panicked; reporting the file as damaged");
        Err(ExtractError::Corrupt(
            "the PDF structure could not be parsed".into(),
        ))
    })
}

fn extract_document(
    bytes: &[u8],
    limits: &Limits,
    deadline: &Deadline,
) -> Result<ExtractedDocument, ExtractError> {
    let doc = load(bytes, limits)?;
    deadline.check()?;

    let pages = doc.get_pages();
    let page_count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    if page_count > limits.max_pages {
        return Err(ExtractError::LimitExceeded {
            limit: "pages",
            detail: format!("{page_count} pages, the limit is {}", limits.max_pages),
        });
    }
    if pages.is_empty() {
        return Err(no_pages(&doc));
    }

    let pages_read = read_pages(&doc, pages.values().copied(), limits, deadline)?;
    let PagesRead {
        text,
        links,
        has_images,
        damaged_streams,
    } = pages_read;
    if text.trim().is_empty() {
        return Err(empty_text_error(has_images, damaged_streams));
    }
    tracing::debug!(
        pages = page_count,
        chars = text.len(),
        links = links.len(),
        "pdf read"
    );
    Ok(ExtractedDocument {
        format: DocumentFormat::Pdf,
        text,
        links,
        page_count: Some(page_count),
    })
}

/// How the document's producer broke words at line ends: TeX engines
/// (pdfTeX, XeTeX, LuaTeX, and dvipdfmx after them) hyphenate inside words;
/// the others are taken to break after written hyphens only.
fn hyphenation_of(doc: &Document) -> layout::Hyphenation {
    let info = doc.trailer.get(b"Info").ok().and_then(|info| match info {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(dictionary) => Some(dictionary),
        _ => None,
    });
    let by_tex = info.is_some_and(|info| {
        [b"Producer".as_slice(), b"Creator".as_slice()]
            .into_iter()
            .filter_map(|key| info.get(key).ok()?.as_str().ok())
            .any(|value| {
                // UTF-16 strings hold the ASCII letters between zero bytes.
                let letters: Vec<u8> = value.iter().copied().filter(|b| *b != 0).collect();
                letters.windows(3).any(|w| w == b"TeX")
            })
    });
    if by_tex {
        layout::Hyphenation::Automatic
    } else {
        layout::Hyphenation::Written
    }
}

/// What reading the pages gave.
struct PagesRead {
    text: String,
    links: Vec<Link>,
    has_images: bool,
    damaged_streams: usize,
}

/// Why a document whose pages were read has no text.
fn empty_text_error(has_images: bool, damaged_streams: usize) -> ExtractError {
    if damaged_streams > 0 {
        ExtractError::Corrupt(format!(
            "no text could be read: {damaged_streams} damaged stream(s) could not be decoded"
        ))
    } else if has_images {
        ExtractError::NoTextLayer
    } else {
        ExtractError::NoText
    }
}

fn read_pages(
    doc: &Document,
    pages: impl Iterator<Item = ObjectId>,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<PagesRead, ExtractError> {
    let hyphenation = hyphenation_of(doc);
    let mut streams = StreamReader::new(limits);
    let mut fonts = FontCache::new();
    let max_depth = limits.max_depth.min(MAX_FORM_DEPTH);
    let mut texts = Vec::new();
    let mut links = Vec::new();
    let mut has_images = false;
    for page_id in pages {
        deadline.check()?;
        let page = Interpreter::new(doc, &mut streams, &mut fonts, deadline, max_depth)
            .run_page(page_id)?;
        has_images |= page.has_images;
        let mut text = layout::page_text(&page.chars, visible_box(doc, page_id), hyphenation);
        let rotated = page
            .rotated
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !rotated.is_empty() {
            text = if text.is_empty() {
                rotated
            } else {
                format!("{text}\n\n{rotated}")
            };
        }
        links::merge(
            &mut links,
            links::page_links(doc, page_id, &page.chars, &text),
        );
        if !text.is_empty() {
            texts.push(text);
        }
    }
    let damaged_streams = streams.damaged();
    Ok(PagesRead {
        text: texts.join("\n\n"),
        links,
        has_images,
        damaged_streams,
    })
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let options = LoadOptions {
        max_decompressed_size: Some(usize::try_from(limits.max_stream_bytes).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    };
    match Document::load_mem_with_options(bytes, options) {
        Ok(doc) if doc.is_encrypted() => Err(ExtractError::Encrypted),
        Ok(doc) => Ok(doc),
        Err(lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_)) => {
            Err(ExtractError::Encrypted)
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(ExtractError::LimitExceeded {
                limit: "stream size",
                detail: format!(
                    "a stream decompresses to more than {} bytes",
                    limits.max_stream_bytes
                ),
            })
        }
        Err(err) => {
            tracing::debug!(error = %err, "lopdf could not load the pdf");
            Err(ExtractError::Corrupt(format!(
                "the PDF structure could not be read ({err})"
            )))
        }
    }
}

/// The error for a document that loaded without any page.
fn no_pages(doc: &Document) -> ExtractError {
    if doc.xref_recovery.is_some() {
        ExtractError::Corrupt("the PDF is damaged and none of its pages could be found".into())
    } else {
        ExtractError::NoText
    }
}

/// The visible area of a page: its `/CropBox` within its `/MediaBox`, both
/// inherited from the page tree when the page has none.
fn visible_box(doc: &Document, page_id: ObjectId) -> PageBox {
    let media = inherited_box(doc, page_id, b"MediaBox").unwrap_or(DEFAULT_PAGE);
    let Some(crop) = inherited_box(doc, page_id, b"CropBox") else {
        return media;
    };
    let clipped = [
        crop[0].max(media[0]),
        crop[1].max(media[1]),
        crop[2].min(media[2]),
        crop[3].min(media[3]),
    ];
    if clipped[0] < clipped[2] && clipped[1] < clipped[3] {
        clipped
    } else {
        media
    }
}

fn inherited_box(doc: &Document, page_id: ObjectId, key: &[u8]) -> Option<PageBox> {
    let mut node = doc.get_dictionary(page_id).ok();
    for _ in 0..32 {
        let dict = node?;
        if let Some(Object::Array(values)) = dict.get(key).ok().map(|o| resolve(doc, o)) {
            let v: Vec<f32> = values
                .iter()
                .filter_map(|o| number(resolve(doc, o)))
                .collect();
            if let [x0, y0, x1, y1] = v.as_slice() {
                return Some([x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)]);
            }
        }
        node = dict
            .get(b"Parent")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|id| doc.get_dictionary(id).ok());
    }
    None
}
