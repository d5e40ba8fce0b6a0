//! Stream decoding under the decompression limits, and object lookups that
//! follow references.

use lopdf::{Dictionary, Document, Object, Stream};
use resume_domain::ExtractError;

use crate::limits::Limits;

/// Decodes streams while keeping count of the decompressed bytes of the document.
#[derive(Debug)]
pub(super) struct StreamReader {
    max_stream: u64,
    max_total: u64,
    total: u64,
    damaged: usize,
}

impl StreamReader {
    /// A reader bounded by `limits`.
    pub(super) fn new(limits: &Limits) -> Self {
        Self {
            max_stream: limits.max_stream_bytes,
            max_total: limits.max_total_bytes,
            total: 0,
            damaged: 0,
        }
    }

    /// The decoded content of `stream`.
    ///
    /// A damaged Flate stream gives what inflates before the damage;
    /// `Ok(None)` when nothing does (the rest of the document is still read).
    ///
    /// # Errors
    /// [`ExtractError::LimitExceeded`] when the stream alone, or all streams read
    /// so far together, decompress to more than the limits allow.
    pub(super) fn read(&mut self, stream: &Stream) -> Result<Option<Vec<u8>>, ExtractError> {
        let cap = usize::try_from(self.max_stream).unwrap_or(usize::MAX);
        let data = match stream.get_plain_content_with_limit(cap) {
            Ok(data) if !data.is_empty() || stream.content.is_empty() => data,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(self.stream_limit());
            }
            Ok(_) | Err(_) => {
                tracing::debug!("a pdf stream does not decode; keeping what inflates");
                self.damaged += 1;
                match salvage(stream, cap) {
                    Some(data) => data,
                    None => return Ok(None),
                }
            }
        };

        let len = u64::try_from(data.len()).unwrap_or(u64::MAX);
        if len > self.max_stream {
            return Err(self.stream_limit());
        }
        self.total = self.total.saturating_add(len);
        if self.total > self.max_total {
            return Err(ExtractError::LimitExceeded {
                limit: "total decompressed size",
                detail: format!("streams decompress to more than {} bytes", self.max_total),
            });
        }
        Ok(Some(data))
    }

    /// How many streams could not be decoded.
    pub(super) fn damaged(&self) -> usize {
        self.damaged
    }

    fn stream_limit(&self) -> ExtractError {
        ExtractError::LimitExceeded {
            limit: "stream size",
            detail: format!(
                "a stream decompresses to more than {} bytes",
                self.max_stream
            ),
        }
    }
}

/// What inflates of a damaged Flate stream before the damage, at most `cap`
/// bytes (one byte more when there is more, so the caller sees the limit).
fn salvage(stream: &Stream, cap: usize) -> Option<Vec<u8>> {
    let filters = stream.filters().ok()?;
    let plain_flate = filters.as_slice() == [b"FlateDecode".as_slice()];
    if !plain_flate || stream.dict.has(b"DecodeParms") {
        return None;
    }
    let data = inflate_prefix(&stream.content, cap.saturating_add(1));
    (!data.is_empty()).then_some(data)
}

/// Inflates a zlib stream until it ends, fails or passes `cap` bytes; small
/// steps keep the output lost at a failure small.
fn inflate_prefix(raw: &[u8], cap: usize) -> Vec<u8> {
    const STEP: usize = 512;
    let mut inflater = flate2::Decompress::new(true);
    let mut out = Vec::new();
    let mut buf = [0u8; STEP];
    while out.len() < cap {
        let consumed = usize::try_from(inflater.total_in()).unwrap_or(usize::MAX);
        let input = raw.get(consumed..).unwrap_or_default();
        let input = &input[..input.len().min(STEP)];
        let before = inflater.total_out();
        let Ok(status) = inflater.decompress(input, &mut buf, flate2::FlushDecompress::None) else {
            break;
        };
        let produced = usize::try_from(inflater.total_out() - before).unwrap_or(0);
        out.extend_from_slice(&buf[..produced.min(STEP)]);
        let stalled = produced == 0 && input.is_empty();
        if status == flate2::Status::StreamEnd || stalled {
            break;
        }
    }
    out
}

/// Follows `obj` through references (a few hops at most).
pub(super) fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map_or(obj, |(_, target)| target)
}

/// The value of `key` in `dict`, references followed.
pub(super) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|obj| resolve(doc, obj))
}

/// The dictionary under `key` (a stream's dictionary counts).
pub(super) fn get_dict<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The number under `key`.
pub(super) fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(get(doc, dict, key)?)
}

/// The name under `key`.
pub(super) fn get_name<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(name) => Some(name),
        _ => None,
    }
}

/// An integer or real as `f32`.
pub(super) fn number(obj: &Object) -> Option<f32> {
    match obj {
        #[expect(
            clippy::cast_precision_loss,
            reason = "pdf numbers are small; f32 is what they need"
        )]
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}
