//! Fonts: turning the bytes of a shown string into characters and advance widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};
use resume_domain::ExtractError;

use super::cmap::{be_code, ToUnicode};
use super::encoding::{glyph_name_to_text, BaseEncoding};
use super::streams::{get, get_dict, get_name, get_number, number, resolve, StreamReader};

/// Most entries read from a CID font's `/W` array.
const MAX_CID_WIDTHS: usize = 65_536;

/// Advance used when a font gives no width for a code, in thousandths of an em.
const FALLBACK_WIDTH: f32 = 500.0;

/// Advance widths of Helvetica (also used for Arial) for codes 32 to 126,
/// for the standard fonts PDFs may use without a `/Widths` array.
const HELVETICA_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Advance widths of Times-Roman for codes 32 to 126.
const TIMES_WIDTHS: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

/// One character code of a shown string, decoded.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    /// Its Unicode text (may be empty when the font does not say).
    pub text: String,
    /// Its advance in text space units per unit of font size.
    pub advance: f32,
    /// Whether it is the single-byte code 32, to which word spacing applies.
    pub is_space_code: bool,
}

/// What is needed of a font to read text.
#[derive(Debug, Clone)]
pub(super) struct Font {
    to_unicode: Option<ToUnicode>,
    composite: bool,
    simple_codes: Vec<Option<String>>,
    widths: Widths,
    /// Glyph space to text space (0.001 except for Type 3 fonts).
    scale: f32,
}

#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        widths: HashMap<u32, f32>,
        default: f32,
    },
    /// A standard font without `/Widths`: its built-in metrics (ASCII only).
    Standard {
        table: &'static [u16; 95],
        other: f32,
    },
}

impl Font {
    /// Reads the font dictionary `dict`.
    ///
    /// # Errors
    /// Only the stream limits of `streams`; a damaged font reads as well as it can.
    pub(super) fn load(
        doc: &Document,
        dict: &Dictionary,
        streams: &mut StreamReader,
    ) -> Result<Self, ExtractError> {
        let composite = get_name(doc, dict, b"Subtype") == Some(b"Type0");
        let to_unicode = load_to_unicode(doc, dict, streams)?;
        let descendant = composite.then(|| descendant_font(doc, dict)).flatten();
        let widths = match descendant {
            Some(cid_font) => cid_widths(doc, cid_font),
            None if composite => Widths::Cid {
                widths: HashMap::new(),
                default: 1000.0,
            },
            None => simple_widths(doc, dict),
        };
        let simple_codes = if composite {
            Vec::new()
        } else {
            simple_codes(doc, dict)
        };
        Ok(Self {
            to_unicode,
            composite,
            simple_codes,
            widths,
            scale: font_scale(doc, dict),
        })
    }

    /// A font for text drawn with no usable font resource.
    pub(super) fn fallback() -> Self {
        Self {
            to_unicode: None,
            composite: false,
            simple_codes: (0..=255u8)
                .map(|c| BaseEncoding::WinAnsi.decode(c).map(String::from))
                .collect(),
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                missing: FALLBACK_WIDTH,
            },
            scale: 0.001,
        }
    }

    /// Decodes the bytes of one shown string.
    pub(super) fn decode(&self, bytes: &[u8]) -> Vec<Glyph> {
        let mut glyphs = Vec::with_capacity(bytes.len());
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len) = self.next_code(rest);
            rest = &rest[len.min(rest.len())..];
            glyphs.push(Glyph {
                text: self.text_of(code, len),
                advance: self.width_of(code) * self.scale,
                is_space_code: len == 1 && code == 32,
            });
        }
        glyphs
    }

    fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.to_unicode {
            Some(cmap) if self.composite && cmap.has_codespaces() => cmap.next_code(bytes),
            _ if self.composite => {
                let len = bytes.len().min(2);
                (be_code(&bytes[..len]), len)
            }
            _ => (u32::from(bytes[0]), 1),
        }
    }

    fn text_of(&self, code: u32, len: usize) -> String {
        let mapped = self
            .to_unicode
            .as_ref()
            .and_then(|cmap| cmap.lookup(code, len));
        let raw = mapped.or_else(|| {
            let index = usize::try_from(code).ok()?;
            self.simple_codes.get(index).cloned().flatten()
        });
        raw.map(|text| normalize(&text)).unwrap_or_default()
    }

    fn width_of(&self, code: u32) -> f32 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(usize::try_from(i).ok()?))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid { widths, default } => widths.get(&code).copied().unwrap_or(*default),
            Widths::Standard { table, other } => code
                .checked_sub(32)
                .and_then(|i| table.get(usize::try_from(i).ok()?))
                .map_or(*other, |w| f32::from(*w)),
        }
    }
}

/// Rewrites characters a reader expects differently: ligatures are spelled out,
/// private-use bullets of symbol fonts become `•`, invisible controls go.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{F0B7}' | '\u{F0B8}' | '\u{F06C}' => out.push('•'),
            '\u{F0A7}' | '\u{F0FC}' | '\u{F0D8}' => out.push('▪'),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{AD}' => out.push('-'),
            '\u{200B}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn load_to_unicode(
    doc: &Document,
    dict: &Dictionary,
    streams: &mut StreamReader,
) -> Result<Option<ToUnicode>, ExtractError> {
    let Some(Object::Stream(stream)) = get(doc, dict, b"ToUnicode") else {
        return Ok(None);
    };
    let Some(data) = streams.read(stream)? else {
        return Ok(None);
    };
    let cmap = ToUnicode::parse(&data);
    Ok((!cmap.is_empty()).then_some(cmap))
}

fn descendant_font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    let Object::Array(list) = get(doc, dict, b"DescendantFonts")? else {
        return None;
    };
    match resolve(doc, list.first()?) {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn font_scale(doc: &Document, dict: &Dictionary) -> f32 {
    if get_name(doc, dict, b"Subtype") != Some(b"Type3") {
        return 0.001;
    }
    let first = match get(doc, dict, b"FontMatrix") {
        Some(Object::Array(m)) => m.first().and_then(number),
        _ => None,
    };
    first.filter(|s| s.is_finite() && *s > 0.0).unwrap_or(0.001)
}

fn simple_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let first = get_number(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0);
    let widths: Vec<f32> = match get(doc, dict, b"Widths") {
        Some(Object::Array(list)) => list
            .iter()
            .take(256)
            .map(|w| number(resolve(doc, w)).unwrap_or(0.0))
            .collect(),
        _ => Vec::new(),
    };
    if widths.is_empty() {
        if let Some(standard) =
            standard_widths(get_name(doc, dict, b"BaseFont").unwrap_or_default())
        {
            return standard;
        }
    }
    let missing = get_dict(doc, dict, b"FontDescriptor")
        .and_then(|d| get_number(doc, d, b"MissingWidth"))
        .filter(|w| *w > 0.0)
        .unwrap_or(if widths.is_empty() {
            FALLBACK_WIDTH
        } else {
            0.0
        });
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to >= 0"
    )]
    let first = first as u32;
    Widths::Simple {
        first,
        widths,
        missing,
    }
}

/// Built-in metrics of the standard fonts, by base font name (a subset
/// prefix such as `ABCDEF+` and style suffixes are ignored; bold and italic
/// styles take the regular widths, which is close enough to place words).
fn standard_widths(base_font: &[u8]) -> Option<Widths> {
    let name = String::from_utf8_lossy(base_font).to_ascii_lowercase();
    if name.contains("courier") {
        return Some(Widths::Simple {
            first: 0,
            widths: Vec::new(),
            missing: 600.0,
        });
    }
    if name.contains("helvetica") || name.contains("arial") {
        return Some(Widths::Standard {
            table: &HELVETICA_WIDTHS,
            other: 556.0,
        });
    }
    if name.contains("times") {
        return Some(Widths::Standard {
            table: &TIMES_WIDTHS,
            other: 500.0,
        });
    }
    None
}

fn cid_widths(doc: &Document, cid_font: &Dictionary) -> Widths {
    let default = get_number(doc, cid_font, b"DW").unwrap_or(1000.0);
    let mut widths = HashMap::new();
    if let Some(Object::Array(list)) = get(doc, cid_font, b"W") {
        read_w_array(doc, list, &mut widths);
    }
    Widths::Cid { widths, default }
}

/// Reads `/W`: `c [w1 w2 …]` and `c_first c_last w` entries.
fn read_w_array(doc: &Document, list: &[Object], widths: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < list.len() && widths.len() < MAX_CID_WIDTHS {
        let Some(start) = number(resolve(doc, &list[i])).and_then(to_code) else {
            return;
        };
        match list.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(ws)) => {
                for (offset, w) in (0u32..).zip(ws.iter().take(MAX_CID_WIDTHS)) {
                    widths.insert(start.saturating_add(offset), number(w).unwrap_or(0.0));
                }
                i += 2;
            }
            Some(end) => {
                let end = number(end).and_then(to_code).unwrap_or(start);
                let w = list
                    .get(i + 2)
                    .and_then(|w| number(resolve(doc, w)))
                    .unwrap_or(0.0);
                let room = u32::try_from(MAX_CID_WIDTHS - widths.len()).unwrap_or(0);
                for code in start..=end.min(start.saturating_add(room)) {
                    widths.insert(code, w);
                }
                i += 3;
            }
            None => return,
        }
    }
}

fn to_code(value: f32) -> Option<u32> {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "range checked"
    )]
    (0.0..4_294_967_000.0)
        .contains(&value)
        .then_some(value as u32)
}

/// Code → text of a simple font: its base encoding with `/Differences` applied.
fn simple_codes(doc: &Document, dict: &Dictionary) -> Vec<Option<String>> {
    let (base, differences) = match get(doc, dict, b"Encoding") {
        Some(Object::Name(name)) => (BaseEncoding::from_name(name), None),
        Some(Object::Dictionary(enc)) => (
            get_name(doc, enc, b"BaseEncoding").and_then(BaseEncoding::from_name),
            match get(doc, enc, b"Differences") {
                Some(Object::Array(list)) => Some(list),
                _ => None,
            },
        ),
        _ => (None, None),
    };
    let base = base.unwrap_or_else(|| default_encoding(doc, dict));
    let mut codes: Vec<Option<String>> = (0..=255u8)
        .map(|c| base.decode(c).map(String::from))
        .collect();
    if let Some(list) = differences {
        apply_differences(doc, list, &mut codes);
    }
    codes
}

fn default_encoding(doc: &Document, dict: &Dictionary) -> BaseEncoding {
    let base_font = get_name(doc, dict, b"BaseFont").unwrap_or_default();
    let is_symbol = base_font.ends_with(b"Symbol") || base_font.windows(6).any(|w| w == b"Symbol");
    if is_symbol {
        return BaseEncoding::Symbol;
    }
    match get_name(doc, dict, b"Subtype") {
        Some(b"TrueType") => BaseEncoding::WinAnsi,
        _ => BaseEncoding::Standard,
    }
}

fn apply_differences(doc: &Document, list: &[Object], codes: &mut [Option<String>]) {
    let mut code: Option<usize> = None;
    for item in list {
        match resolve(doc, item) {
            Object::Integer(n) => code = usize::try_from(*n).ok(),
            Object::Name(name) => {
                if let Some(slot) = code.and_then(|c| codes.get_mut(c)) {
                    let name = String::from_utf8_lossy(name);
                    *slot = glyph_name_to_text(&name);
                }
                code = code.map(|c| c + 1);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    fn reader() -> StreamReader {
        StreamReader::new(&crate::limits::Limits::default())
    }

    #[test]
    fn differences_override_the_base_encoding_by_glyph_name() {
        let doc = Document::with_version("1.5");
        let font = dictionary! {
            "Subtype" => "Type1",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), Object::Name(b"eacute".to_vec()),
                    Object::Name(b"fi".to_vec())],
            },
            "FirstChar" => 65,
            "Widths" => vec![600.into(), 700.into()],
        };
        let font = Font::load(&doc, &font, &mut reader()).unwrap();
        let glyphs = font.decode(b"ABC");
        let texts: Vec<&str> = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["é", "fi", "C"]);
        assert!((glyphs[1].advance - 0.7).abs() < 1e-6);
    }

    #[test]
    fn identity_h_fonts_use_two_byte_codes_and_w_widths() {
        let mut doc = Document::with_version("1.5");
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            1 beginbfchar <0005> <00660069> endbfchar
            1 beginbfrange <0010> <0012> <0061> endbfrange"
            .to_vec();
        let cmap_id = doc.add_object(Stream::new(dictionary! {}, cmap));
        let font = dictionary! {
            "Subtype" => "Type0",
            "Encoding" => "Identity-H",
            "ToUnicode" => cmap_id,
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "DW" => 800,
                "W" => vec![16.into(), vec![Object::Integer(450)].into(), 17.into(), 18.into(), 300.into()],
            })],
        };
        let font = Font::load(&doc, &font, &mut reader()).unwrap();
        let glyphs = font.decode(&[0, 0x10, 0, 0x12, 0, 5]);
        let texts: Vec<&str> = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["a", "c", "fi"]);
        for (glyph, want) in glyphs.iter().zip([0.45, 0.3, 0.8]) {
            assert!((glyph.advance - want).abs() < 1e-6, "{glyph:?}");
        }
    }

    #[test]
    fn standard_fonts_without_widths_use_their_built_in_metrics() {
        let doc = Document::with_version("1.5");
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold" };
        let font = Font::load(&doc, &font, &mut reader()).unwrap();
        let advances: Vec<f32> = font.decode(b"il W").iter().map(|g| g.advance).collect();
        for (got, want) in advances.iter().zip([0.222, 0.222, 0.278, 0.944]) {
            assert!((got - want).abs() < 1e-6, "{advances:?}");
        }
        let courier = dictionary! { "Subtype" => "Type1", "BaseFont" => "Courier" };
        let courier = Font::load(&doc, &courier, &mut reader()).unwrap();
        assert!((courier.decode(b"i")[0].advance - 0.6).abs() < 1e-6);
    }

    #[test]
    fn ligatures_and_symbol_bullets_are_rewritten() {
        assert_eq!(normalize("\u{FB01}nance \u{FB04}"), "finance ffl");
        assert_eq!(normalize("\u{F0B7}"), "•");
    }
}
