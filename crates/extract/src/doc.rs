//! Word 97-2003 binary documents (`.doc`), read through their piece table.
//!
//! The File Information Block (FIB) at the start of the `WordDocument`
//! stream gives the lengths of the stories (main text, footnotes, headers,
//! ...) and where the piece table (CLX) lies in the table stream. Each piece
//! maps a run of character positions to 8-bit (Windows-1252) or UTF-16 text
//! in `WordDocument`. Text boxes and footnotes are not read.

use std::collections::HashSet;
use std::io::Read;

use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument};

use crate::detect::Compound;
use crate::limits::{Deadline, Limits};
use crate::ooxml::hyperlink_field_target;
use crate::output::TextSink;

/// `wIdent` of a Word 97 and later document.
const WORD_IDENT: u16 = 0xA5EC;
/// Oldest `nFib` laid out as Word 97.
const NFIB_WORD97: u16 = 0x00C1;
/// Index of `fcPlcfHdd` among the FIB's (fc, lcb) pairs.
const PAIR_PLCF_HDD: usize = 11;
/// Index of `fcPlcfBtePapx` among the FIB's (fc, lcb) pairs.
const PAIR_PLCF_BTE_PAPX: usize = 13;
/// Index of `fcClx` among the FIB's (fc, lcb) pairs.
const PAIR_CLX: usize = 33;
/// Header stories that hold footnote and endnote separators, not headers.
const SEPARATOR_STORIES: usize = 6;

/// Extracts the text of the Word 97-2003 document in the compound `file`.
///
/// # Errors
/// [`ExtractError::Encrypted`] for an encrypted or obfuscated document,
/// [`ExtractError::UnsupportedFormat`] for Word 6/95 files,
/// [`ExtractError::Corrupt`] for damaged structures, limit and time errors.
pub(crate) fn extract(
    file: &mut Compound<'_>,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<ExtractedDocument, ExtractError> {
    let word = read_stream(file, "/WordDocument", limits)?
        .ok_or_else(|| ExtractError::Corrupt("the WordDocument stream is missing".into()))?;
    let fib = Fib::parse(&word)?;
    if fib.encrypted {
        return Err(ExtractError::Encrypted);
    }
    let table_name = if fib.table_one { "/1Table" } else { "/0Table" };
    let table = read_stream(file, table_name, limits)?.ok_or_else(|| {
        ExtractError::Corrupt(format!("the table stream {} is missing", &table_name[1..]))
    })?;
    let clx = slice(&table, fib.clx, "piece table")?;
    let pieces = PieceTable::parse(clx)?;
    deadline.check()?;

    let lists = ListParagraphs::read(&fib, &table, &word);
    let mut body = TextSink::default();
    render(
        &pieces.text(&word, 0, fib.ccp_text, deadline)?,
        &lists,
        &mut body,
    );
    let (headers, footers) = header_stories(&fib, &table, &word, &pieces, &lists, deadline);
    let (text_boxes, header_text_boxes) = text_box_stories(&fib, &word, &pieces, &lists, deadline)?;

    let mut sink = headers;
    sink.blank_line();
    sink.absorb(header_text_boxes);
    sink.blank_line();
    sink.absorb(text_boxes);
    sink.blank_line();
    sink.absorb(body);
    sink.blank_line();
    sink.absorb(footers);
    sink.finish(DocumentFormat::Doc)
}

fn read_stream(
    file: &mut Compound<'_>,
    path: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ExtractError> {
    if !file.is_stream(path) {
        return Ok(None);
    }
    let stream = file
        .open_stream(path)
        .map_err(|e| ExtractError::Corrupt(format!("the {path} stream cannot be opened ({e})")))?;
    // Sized from the directory's declared length, which a damaged file can
    // overstate: never more than the limit or 1 MiB up front.
    let declared = usize::try_from(stream.len().min(limits.max_stream_bytes)).unwrap_or(0);
    let mut out = Vec::with_capacity(declared.min(1 << 20));
    stream
        .take(limits.max_stream_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ExtractError::Corrupt(format!("the {path} stream cannot be read ({e})")))?;
    if out.len() as u64 > limits.max_stream_bytes {
        return Err(ExtractError::LimitExceeded {
            limit: "stream size",
            detail: format!(
                "the {path} stream is larger than {} bytes",
                limits.max_stream_bytes
            ),
        });
    }
    Ok(Some(out))
}

/// A region of a stream: offset and length.
#[derive(Debug, Clone, Copy, Default)]
struct Region {
    offset: u32,
    len: u32,
}

/// The parts of the FIB this reader needs.
#[derive(Debug, Default)]
struct Fib {
    encrypted: bool,
    table_one: bool,
    ccp_text: u32,
    ccp_ftn: u32,
    ccp_hdd: u32,
    /// Comments, endnotes, the main text boxes and the header text boxes:
    /// the stories after the headers, in this order.
    ccp_atn: u32,
    ccp_edn: u32,
    ccp_txbx: u32,
    ccp_hdr_txbx: u32,
    clx: Region,
    plcf_hdd: Region,
    plcf_bte_papx: Region,
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Self, ExtractError> {
        let short =
            || ExtractError::Corrupt("the WordDocument stream is too short for a FIB".into());
        if u16_at(word, 0).ok_or_else(short)? != WORD_IDENT {
            return Err(ExtractError::Corrupt(
                "the WordDocument stream has no Word 97 FIB".into(),
            ));
        }
        if u16_at(word, 2).ok_or_else(short)? < NFIB_WORD97 {
            return Err(ExtractError::UnsupportedFormat(
                "Word 6 and Word 95 documents are not supported; save it as DOCX".into(),
            ));
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        let csw = usize::from(u16_at(word, 32).ok_or_else(short)?);
        let lw_start = 34 + csw * 2;
        let cslw = usize::from(u16_at(word, lw_start).ok_or_else(short)?);
        let lw = lw_start + 2;
        let long = |i: usize| u32_at(word, lw + i * 4).ok_or_else(short);
        // Counts past the ones the FIB declares are taken as zero.
        let count = |i: usize| if i < cslw { long(i) } else { Ok(0) };
        let pairs_start = lw + cslw * 4;
        let pair_count = usize::from(u16_at(word, pairs_start).ok_or_else(short)?);
        let pair = |i: usize| -> Result<Region, ExtractError> {
            if i >= pair_count {
                return Ok(Region::default());
            }
            let at = pairs_start + 2 + i * 8;
            Ok(Region {
                offset: u32_at(word, at).ok_or_else(short)?,
                len: u32_at(word, at + 4).ok_or_else(short)?,
            })
        };
        Ok(Self {
            encrypted: flags & 0x0100 != 0 || flags & 0x8000 != 0,
            table_one: flags & 0x0200 != 0,
            ccp_text: long(3)?,
            ccp_ftn: long(4)?,
            ccp_hdd: long(5)?,
            ccp_atn: count(7)?,
            ccp_edn: count(8)?,
            ccp_txbx: count(9)?,
            ccp_hdr_txbx: count(10)?,
            clx: pair(PAIR_CLX)?,
            plcf_hdd: pair(PAIR_PLCF_HDD)?,
            plcf_bte_papx: pair(PAIR_PLCF_BTE_PAPX)?,
        })
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn slice<'b>(bytes: &'b [u8], region: Region, what: &str) -> Result<&'b [u8], ExtractError> {
    let start = region.offset as usize;
    let end = start.checked_add(region.len as usize);
    end.and_then(|end| bytes.get(start..end))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ExtractError::Corrupt(format!("the {what} lies outside the table stream")))
}

/// One piece: character positions `[start, end)` stored at `offset`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: u32,
    end: u32,
    offset: usize,
    compressed: bool,
}

/// The document's piece table.
#[derive(Debug)]
struct PieceTable {
    pieces: Vec<Piece>,
}

impl PieceTable {
    /// Parses the CLX: property modifiers (skipped), then the PlcPcd.
    fn parse(clx: &[u8]) -> Result<Self, ExtractError> {
        let bad = |what: &str| ExtractError::Corrupt(format!("the piece table is damaged: {what}"));
        let mut at = 0usize;
        while clx.get(at) == Some(&0x01) {
            let size = u16_at(clx, at + 1).ok_or_else(|| bad("cut inside a modifier"))?;
            at += 3 + usize::from(size);
        }
        if clx.get(at) != Some(&0x02) {
            return Err(bad("no piece descriptors"));
        }
        let len = u32_at(clx, at + 1).ok_or_else(|| bad("no length"))? as usize;
        let plc = clx
            .get(at + 5..at + 5 + len)
            .ok_or_else(|| bad("descriptors cut short"))?;
        if len < 16 || (len - 4) % 12 != 0 {
            return Err(bad("descriptor list of an impossible size"));
        }
        let count = (len - 4) / 12;
        let mut pieces = Vec::with_capacity(count);
        for i in 0..count {
            let start = u32_at(plc, i * 4).ok_or_else(|| bad("position"))?;
            let end = u32_at(plc, (i + 1) * 4).ok_or_else(|| bad("position"))?;
            let fc = u32_at(plc, (count + 1) * 4 + i * 8 + 2).ok_or_else(|| bad("descriptor"))?;
            let compressed = fc & 0x4000_0000 != 0;
            let raw = (fc & 0x3FFF_FFFF) as usize;
            let offset = if compressed { raw / 2 } else { raw };
            if end < start {
                return Err(bad("positions out of order"));
            }
            pieces.push(Piece {
                start,
                end,
                offset,
                compressed,
            });
        }
        Ok(Self { pieces })
    }

    /// The characters at positions `[start, start + len)`, each with its
    /// offset in the `WordDocument` stream.
    fn text(
        &self,
        word: &[u8],
        start: u32,
        len: u32,
        deadline: &Deadline,
    ) -> Result<Vec<(char, usize)>, ExtractError> {
        let end = start.saturating_add(len);
        // A character takes at least one byte of the stream.
        let mut out = Vec::with_capacity((len as usize).min(word.len()));
        for piece in &self.pieces {
            deadline.check()?;
            let from = piece.start.max(start);
            let to = piece.end.min(end);
            if from >= to {
                continue;
            }
            let skip = (from - piece.start) as usize;
            let count = (to - from) as usize;
            let width = if piece.compressed { 1 } else { 2 };
            let begin = piece.offset.saturating_add(skip * width);
            let bytes = word
                .get(begin..begin.saturating_add(count * width))
                .ok_or_else(|| {
                    ExtractError::Corrupt(
                        "a text piece lies outside the WordDocument stream".into(),
                    )
                })?;
            if piece.compressed {
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                out.extend(decoded.chars().zip(begin..));
            } else {
                let units = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]));
                let mut at = begin;
                for c in char::decode_utf16(units) {
                    let c = c.unwrap_or('\u{fffd}');
                    out.push((c, at));
                    at += 2 * c.len_utf16();
                }
            }
        }
        Ok(out)
    }
}

/// The header and footer stories, each distinct text once. A damaged or
/// missing header table only loses the headers.
fn header_stories(
    fib: &Fib,
    table: &[u8],
    word: &[u8],
    pieces: &PieceTable,
    lists: &ListParagraphs,
    deadline: &Deadline,
) -> (TextSink, TextSink) {
    let mut headers = TextSink::default();
    let mut footers = TextSink::default();
    if fib.ccp_hdd == 0 {
        return (headers, footers);
    }
    let Ok(plc) = slice(table, fib.plcf_hdd, "header table") else {
        return (headers, footers);
    };
    let base = fib.ccp_text.saturating_add(fib.ccp_ftn);
    let positions: Vec<u32> = plc
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let mut seen = HashSet::new();
    for (index, pair) in positions.windows(2).enumerate().skip(SEPARATOR_STORIES) {
        let (start, end) = (pair[0], pair[1]);
        if end <= start || end > fib.ccp_hdd {
            continue;
        }
        let Ok(text) = pieces.text(word, base.saturating_add(start), end - start, deadline) else {
            continue;
        };
        let key: String = text
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| !c.is_whitespace())
            .collect();
        if key.chars().all(|c| c.is_control() || c.is_whitespace()) || !seen.insert(key) {
            continue;
        }
        let target = match (index - SEPARATOR_STORIES) % 6 {
            2 | 3 | 5 => &mut footers,
            _ => &mut headers,
        };
        render(&text, lists, target);
    }
    (headers, footers)
}

/// The text of the document's text boxes, in the order Word keeps them:
/// those of the main document, then those of the headers and footers.
///
/// Word stores every text box of the main document in one story after the
/// headers, comments and endnotes, and those of the headers and footers in
/// the story after that. Each box is tied to a place in the body through
/// the shape table; this reader does not follow that tie and puts the boxes
/// before the body, which is where resume templates keep them (a contact
/// block or a sidebar beside the first paragraph).
fn text_box_stories(
    fib: &Fib,
    word: &[u8],
    pieces: &PieceTable,
    lists: &ListParagraphs,
    deadline: &Deadline,
) -> Result<(TextSink, TextSink), ExtractError> {
    let main_start = [
        fib.ccp_text,
        fib.ccp_ftn,
        fib.ccp_hdd,
        fib.ccp_atn,
        fib.ccp_edn,
    ]
    .into_iter()
    .fold(0u32, u32::saturating_add);
    let header_start = main_start.saturating_add(fib.ccp_txbx);
    let mut stories = [TextSink::default(), TextSink::default()];
    for (sink, (start, len)) in stories
        .iter_mut()
        .zip([(main_start, fib.ccp_txbx), (header_start, fib.ccp_hdr_txbx)])
    {
        if len > 0 {
            render(&pieces.text(word, start, len, deadline)?, lists, sink);
        }
    }
    let [main, headers] = stories;
    Ok((main, headers))
}

/// Paragraphs that are list items, as ranges of `WordDocument` offsets,
/// read from the paragraph properties (`sprmPIlfo` set to a list).
///
/// Bulleted and numbered lists are not told apart (that needs the list
/// tables); every list item is marked with a bullet.
#[derive(Debug, Default)]
struct ListParagraphs {
    ranges: Vec<(usize, usize)>,
}

/// Size of a formatted disk page.
const FKP_SIZE: usize = 512;
/// `sprmPIlfo`: the paragraph's list.
const SPRM_P_ILFO: u16 = 0x460B;

impl ListParagraphs {
    /// Reads the paragraph property pages; damaged pages only lose bullets.
    fn read(fib: &Fib, table: &[u8], word: &[u8]) -> Self {
        let mut ranges = Vec::new();
        let Ok(plc) = slice(table, fib.plcf_bte_papx, "paragraph property table") else {
            return Self::default();
        };
        let count = plc.len().saturating_sub(4) / 8;
        for i in 0..count {
            let Some(page) = u32_at(plc, (count + 1) * 4 + i * 4) else {
                break;
            };
            let start = (page & 0x003F_FFFF) as usize * FKP_SIZE;
            if let Some(fkp) = word.get(start..start + FKP_SIZE) {
                read_fkp(fkp, &mut ranges);
            }
        }
        ranges.sort_unstable();
        Self { ranges }
    }

    /// Whether the paragraph mark at offset `at` ends a list item.
    fn contains(&self, at: usize) -> bool {
        let i = self.ranges.partition_point(|(start, _)| *start <= at);
        i > 0 && at < self.ranges[i - 1].1
    }
}

fn read_fkp(fkp: &[u8], ranges: &mut Vec<(usize, usize)>) {
    let runs = usize::from(fkp[FKP_SIZE - 1]);
    for i in 0..runs {
        let (Some(start), Some(end)) = (u32_at(fkp, i * 4), u32_at(fkp, i * 4 + 4)) else {
            return;
        };
        let Some(&offset) = fkp.get((runs + 1) * 4 + i * 13) else {
            return;
        };
        if offset != 0 && papx_is_list(fkp, usize::from(offset) * 2) {
            ranges.push((start as usize, end as usize));
        }
    }
}

fn papx_is_list(fkp: &[u8], at: usize) -> bool {
    let Some(&cb) = fkp.get(at) else {
        return false;
    };
    let (start, len) = if cb == 0 {
        let Some(&cb2) = fkp.get(at + 1) else {
            return false;
        };
        (at + 2, usize::from(cb2) * 2)
    } else {
        (at + 1, usize::from(cb) * 2 - 1)
    };
    let Some(papx) = fkp.get(start..start + len) else {
        return false;
    };
    let mut pos = 2;
    while let Some(sprm) = u16_at(papx, pos) {
        let operand = pos + 2;
        if sprm == SPRM_P_ILFO {
            return u16_at(papx, operand).is_some_and(|ilfo| ilfo != 0);
        }
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                0xD608 => usize::from(u16_at(papx, operand).unwrap_or(0)) + 1,
                _ => usize::from(papx.get(operand).copied().unwrap_or(0)) + 1,
            },
        };
        pos = operand + size;
    }
    false
}

/// A field being read: `\x13` instruction `\x14` result `\x15`.
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    separated: bool,
    result: String,
}

/// Turns the character stream of a story into lines, dropping field
/// instructions and keeping their results.
fn render(text: &[(char, usize)], lists: &ListParagraphs, sink: &mut TextSink) {
    let mut fields: Vec<Field> = Vec::new();
    let mut line = String::new();
    for &(c, at) in text {
        match c {
            '\u{13}' => fields.push(Field::default()),
            '\u{14}' => {
                if let Some(field) = fields.last_mut() {
                    field.separated = true;
                }
            }
            '\u{15}' => {
                if let Some(field) = fields.pop() {
                    if let Some(target) = hyperlink_field_target(&field.instruction) {
                        sink.add_link(&target, Some(&field.result));
                    }
                }
            }
            '\r' | '\u{7}' | '\u{b}' | '\u{c}' => {
                if let Some(field) = fields.iter_mut().rev().find(|f| !f.separated) {
                    field.instruction.push(' ');
                } else {
                    let line = std::mem::take(&mut line);
                    if matches!(c, '\r' | '\u{7}') && lists.contains(at) && !line.trim().is_empty()
                    {
                        sink.push_str("\u{2022} ");
                    }
                    sink.push_line(&line);
                    for field in &mut fields {
                        field.result.push(' ');
                    }
                }
            }
            '\u{1e}' => emit(&mut fields, &mut line, '-'),
            '\t' => emit(&mut fields, &mut line, '\t'),
            c if c.is_control() || c == '\u{1f}' => {}
            c => emit(&mut fields, &mut line, c),
        }
    }
    sink.push_line(&line);
}

fn emit(fields: &mut [Field], line: &mut String, c: char) {
    if let Some(field) = fields.iter_mut().rev().find(|f| !f.separated) {
        field.instruction.push(c);
        return;
    }
    line.push(c);
    for field in fields {
        field.result.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positioned(text: &str) -> Vec<(char, usize)> {
        text.chars().zip(0..).collect()
    }

    #[test]
    fn doc_fields_keep_their_result_and_hyperlink_target() {
        let mut sink = TextSink::default();
        let text = "See \u{13} HYPERLINK \"https://example.com/me\" \u{14}my site\u{15} now\r\u{13}PAGE\u{14}1\u{15}\r";
        render(&positioned(text), &ListParagraphs::default(), &mut sink);
        let doc = sink.finish(DocumentFormat::Doc).unwrap();
        assert_eq!(doc.text, "See my site now\n1");
        assert_eq!(doc.links[0].target, "https://example.com/me");
        assert_eq!(doc.links[0].text.as_deref(), Some("my site"));
    }

    #[test]
    fn doc_cell_marks_end_lines() {
        let mut sink = TextSink::default();
        render(
            &positioned("A\u{7}B\u{7}\u{7}next\r"),
            &ListParagraphs::default(),
            &mut sink,
        );
        assert_eq!(
            sink.finish(DocumentFormat::Doc).unwrap().text,
            "A\nB\n\nnext"
        );
    }

    #[test]
    fn a_piece_table_with_a_bad_size_is_corrupt() {
        assert!(matches!(
            PieceTable::parse(&[0x02, 5, 0, 0, 0, 1, 2, 3, 4, 5]),
            Err(ExtractError::Corrupt(_))
        ));
    }
}
