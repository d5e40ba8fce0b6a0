//! Simple-font encodings (WinAnsi, MacRoman, Standard, PDFDoc, Symbol) and
//! glyph names to Unicode.
//!
//! The glyph-name table covers ASCII, Latin-1, the Latin Extended-A letters of
//! European names, and common punctuation; other names are understood only in
//! their `uniHHHH` / `uHHHH` (H a hex digit) forms. A font with unusual glyph names and no
//! ToUnicode CMap loses those characters; the full Adobe Glyph List would
//! remove that gap.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The base encodings a simple font may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BaseEncoding {
    /// `/WinAnsiEncoding` (Windows code page 1252).
    WinAnsi,
    /// `/MacRomanEncoding`.
    MacRoman,
    /// Adobe StandardEncoding, the default of Type 1 fonts.
    Standard,
    /// PDFDocEncoding, used here for fonts that name no encoding.
    PdfDoc,
    /// The built-in encoding of the Symbol font (only its bullet is mapped).
    Symbol,
}

impl BaseEncoding {
    /// The encoding a `/Encoding` name stands for.
    pub(super) fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Self::MacRoman),
            b"StandardEncoding" => Some(Self::Standard),
            b"PDFDocEncoding" => Some(Self::PdfDoc),
            _ => None,
        }
    }

    /// The character of `code`, when the encoding defines one.
    pub(super) fn decode(self, code: u8) -> Option<char> {
        match self {
            Self::WinAnsi => win_ansi(code),
            Self::MacRoman => mac_roman(code),
            Self::Standard => standard(code),
            Self::PdfDoc => pdf_doc(code),
            Self::Symbol => symbol(code),
        }
    }
}

const WIN_ANSI_80: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

const MAC_ROMAN_80: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø\
¿¡¬√ƒ≈∆«»…\u{A0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

const PDF_DOC_18: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];

const PDF_DOC_80: [char; 33] = [
    '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚', '™',
    'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\0', '€',
];

/// StandardEncoding where it differs from ASCII, as `(code, char)`.
const STANDARD_HIGH: &[(u8, char)] = &[
    (0xA1, '¡'),
    (0xA2, '¢'),
    (0xA3, '£'),
    (0xA4, '⁄'),
    (0xA5, '¥'),
    (0xA6, 'ƒ'),
    (0xA7, '§'),
    (0xA8, '¤'),
    (0xA9, '\''),
    (0xAA, '“'),
    (0xAB, '«'),
    (0xAC, '‹'),
    (0xAD, '›'),
    (0xAE, 'ﬁ'),
    (0xAF, 'ﬂ'),
    (0xB1, '–'),
    (0xB2, '†'),
    (0xB3, '‡'),
    (0xB4, '·'),
    (0xB6, '¶'),
    (0xB7, '•'),
    (0xB8, '‚'),
    (0xB9, '„'),
    (0xBA, '”'),
    (0xBB, '»'),
    (0xBC, '…'),
    (0xBD, '‰'),
    (0xBF, '¿'),
    (0xC1, '`'),
    (0xC2, '´'),
    (0xC3, 'ˆ'),
    (0xC4, '˜'),
    (0xC5, '¯'),
    (0xC6, '˘'),
    (0xC7, '˙'),
    (0xC8, '¨'),
    (0xCA, '˚'),
    (0xCB, '¸'),
    (0xCD, '˝'),
    (0xCE, '˛'),
    (0xCF, 'ˇ'),
    (0xD0, '—'),
    (0xE1, 'Æ'),
    (0xE3, 'ª'),
    (0xE8, 'Ł'),
    (0xE9, 'Ø'),
    (0xEA, 'Œ'),
    (0xEB, 'º'),
    (0xF1, 'æ'),
    (0xF5, 'ı'),
    (0xF8, 'ł'),
    (0xF9, 'ø'),
    (0xFA, 'œ'),
    (0xFB, 'ß'),
    (0x27, '’'),
    (0x60, '‘'),
];

fn printable_ascii(code: u8) -> Option<char> {
    (0x20..0x7F).contains(&code).then(|| char::from(code))
}

fn non_nul(c: char) -> Option<char> {
    (c != '\0').then_some(c)
}

fn win_ansi(code: u8) -> Option<char> {
    match code {
        0x80..=0x9F => non_nul(WIN_ANSI_80[usize::from(code - 0x80)]),
        0xA0..=0xFF => Some(char::from(code)),
        _ => printable_ascii(code),
    }
}

fn mac_roman(code: u8) -> Option<char> {
    match code {
        0x80..=0xFF => MAC_ROMAN_80.chars().nth(usize::from(code - 0x80)),
        _ => printable_ascii(code),
    }
}

fn standard(code: u8) -> Option<char> {
    if let Some(&(_, c)) = STANDARD_HIGH.iter().find(|(k, _)| *k == code) {
        return Some(c);
    }
    (code < 0x80).then(|| printable_ascii(code)).flatten()
}

fn pdf_doc(code: u8) -> Option<char> {
    match code {
        0x18..=0x1F => Some(PDF_DOC_18[usize::from(code - 0x18)]),
        0x80..=0xA0 => non_nul(PDF_DOC_80[usize::from(code - 0x80)]),
        0xA1..=0xFF => Some(char::from(code)),
        b'\t' | b'\n' | b'\r' => Some(' '),
        _ => printable_ascii(code),
    }
}

fn symbol(code: u8) -> Option<char> {
    match code {
        0xB7 => Some('•'),
        0x20 => Some(' '),
        _ => None,
    }
}

/// Glyph names and their characters, beyond the single-letter names.
const GLYPH_NAMES: &str = "exclam ! quotedbl \" numbersign # dollar $ percent % \
ampersand & quotesingle ' quoteright ’ parenleft ( parenright ) asterisk * plus + comma , \
hyphen - minus − period . slash / zero 0 one 1 two 2 three 3 four 4 five 5 six 6 seven 7 \
eight 8 nine 9 colon : semicolon ; less < equal = greater > question ? at @ bracketleft [ \
backslash \\ bracketright ] asciicircum ^ underscore _ grave ` quoteleft ‘ braceleft { bar | \
braceright } asciitilde ~ exclamdown ¡ cent ¢ sterling £ currency ¤ yen ¥ brokenbar ¦ \
section § dieresis ¨ copyright © ordfeminine ª guillemotleft « logicalnot ¬ registered ® \
macron ¯ degree ° plusminus ± twosuperior ² threesuperior ³ acute ´ mu µ paragraph ¶ \
periodcentered · middot · cedilla ¸ onesuperior ¹ ordmasculine º guillemotright » onequarter ¼ \
onehalf ½ threequarters ¾ questiondown ¿ Agrave À Aacute Á Acircumflex Â Atilde Ã \
Adieresis Ä Aring Å AE Æ Ccedilla Ç Egrave È Eacute É Ecircumflex Ê Edieresis Ë Igrave Ì \
Iacute Í Icircumflex Î Idieresis Ï Eth Ð Ntilde Ñ Ograve Ò Oacute Ó Ocircumflex Ô Otilde Õ \
Odieresis Ö multiply × Oslash Ø Ugrave Ù Uacute Ú Ucircumflex Û Udieresis Ü Yacute Ý Thorn Þ \
germandbls ß agrave à aacute á acircumflex â atilde ã adieresis ä aring å ae æ ccedilla ç \
egrave è eacute é ecircumflex ê edieresis ë igrave ì iacute í icircumflex î idieresis ï eth ð \
ntilde ñ ograve ò oacute ó ocircumflex ô otilde õ odieresis ö divide ÷ oslash ø ugrave ù \
uacute ú ucircumflex û udieresis ü yacute ý thorn þ ydieresis ÿ Amacron Ā amacron ā \
Abreve Ă abreve ă Aogonek Ą aogonek ą Cacute Ć cacute ć Ccaron Č ccaron č Dcaron Ď dcaron ď \
Dcroat Đ dcroat đ Emacron Ē emacron ē Edotaccent Ė edotaccent ė Eogonek Ę eogonek ę \
Ecaron Ě ecaron ě Gbreve Ğ gbreve ğ Idotaccent İ dotlessi ı Lacute Ĺ lacute ĺ Lcaron Ľ \
lcaron ľ Lslash Ł lslash ł Nacute Ń nacute ń Ncaron Ň ncaron ň Omacron Ō omacron ō \
Ohungarumlaut Ő ohungarumlaut ő OE Œ oe œ Racute Ŕ racute ŕ Rcaron Ř rcaron ř Sacute Ś \
sacute ś Scedilla Ş scedilla ş Scaron Š scaron š Tcaron Ť tcaron ť Umacron Ū umacron ū \
Uring Ů uring ů Uhungarumlaut Ű uhungarumlaut ű Ydieresis Ÿ Zacute Ź zacute ź Zdotaccent Ż \
zdotaccent ż Zcaron Ž zcaron ž florin ƒ circumflex ˆ caron ˇ breve ˘ dotaccent ˙ ring ˚ \
ogonek ˛ tilde ˜ hungarumlaut ˝ endash – emdash — figuredash ‒ quotesinglbase ‚ \
quotedblleft “ quotedblright ” quotedblbase „ dagger † daggerdbl ‡ bullet • ellipsis … \
perthousand ‰ guilsinglleft ‹ guilsinglright › fraction ⁄ Euro € trademark ™ \
arrowright → arrowleft ← checkmark ✓ square ■ blacksquare ■ lozenge ◊ \
minute ′ second ″ nbspace \u{A0} uni00A0 \u{A0} sfthyphen \u{AD} softhyphen \u{AD}";

fn glyph_table() -> &'static HashMap<&'static str, char> {
    static TABLE: OnceLock<HashMap<&'static str, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words = GLYPH_NAMES.split(' ').filter(|w| !w.is_empty());
        let mut table = HashMap::new();
        while let (Some(name), Some(value)) = (words.next(), words.next()) {
            if let Some(c) = value.chars().next() {
                table.insert(name, c);
            }
        }
        table
    })
}

/// The text a glyph name stands for, or `None` for an unknown name.
///
/// Understands single letters, the table above, `uniHHHH[HHHH…]`, `uHHHH[HH]`,
/// ligature names joined by `_` (`f_f_i`) and suffixed variants (`a.sc`).
pub(super) fn glyph_name_to_text(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(glyph_name_to_text).collect();
        return parts;
    }
    match base {
        "fi" | "ff" | "fl" | "ffi" | "ffl" => return Some(base.to_owned()),
        "space" | "nbspace" => return Some(" ".to_owned()),
        _ => {}
    }
    if base.len() == 1 && base.is_ascii() {
        return Some(base.to_owned());
    }
    if let Some(&c) = glyph_table().get(base) {
        return Some(c.to_string());
    }
    hex_glyph_name(base)
}

fn hex_glyph_name(name: &str) -> Option<String> {
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.is_empty() || hex.len() % 4 != 0 {
            return None;
        }
        let units: Option<Vec<u16>> = (0..hex.len() / 4)
            .map(|i| {
                hex.get(i * 4..i * 4 + 4)
                    .and_then(|h| u16::from_str_radix(h, 16).ok())
            })
            .collect();
        return Some(String::from_utf16_lossy(&units?));
    }
    let hex = name.strip_prefix('u')?;
    if !(4..=6).contains(&hex.len()) {
        return None;
    }
    let value = u32::from_str_radix(hex, 16).ok()?;
    char::from_u32(value).map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_roman_high_half_has_128_characters() {
        assert_eq!(MAC_ROMAN_80.chars().count(), 128);
        assert_eq!(BaseEncoding::MacRoman.decode(0x8E), Some('é'));
        assert_eq!(BaseEncoding::MacRoman.decode(0xA5), Some('•'));
    }

    #[test]
    fn win_ansi_maps_the_cp1252_block_and_latin1() {
        assert_eq!(BaseEncoding::WinAnsi.decode(0x93), Some('“'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x81), None);
        assert_eq!(BaseEncoding::WinAnsi.decode(0xFC), Some('ü'));
        assert_eq!(BaseEncoding::WinAnsi.decode(b'A'), Some('A'));
    }

    #[test]
    fn standard_and_pdfdoc_differ_from_latin1_where_the_spec_says() {
        assert_eq!(BaseEncoding::Standard.decode(0x27), Some('’'));
        assert_eq!(BaseEncoding::Standard.decode(0xAE), Some('ﬁ'));
        assert_eq!(BaseEncoding::Standard.decode(0xE9), Some('Ø'));
        assert_eq!(BaseEncoding::PdfDoc.decode(0x80), Some('•'));
        assert_eq!(BaseEncoding::PdfDoc.decode(0xE9), Some('é'));
    }

    #[test]
    fn glyph_names_cover_letters_table_entries_and_hex_forms() {
        assert_eq!(glyph_name_to_text("a").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_text("space").as_deref(), Some(" "));
        assert_eq!(glyph_name_to_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_name_to_text("lslash").as_deref(), Some("ł"));
        assert_eq!(glyph_name_to_text("uni00FC").as_deref(), Some("ü"));
        assert_eq!(glyph_name_to_text("uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_text("u1F600").as_deref(), Some("\u{1F600}"));
        assert_eq!(glyph_name_to_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_text("A.sc").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_text("g123"), None);
    }
}
