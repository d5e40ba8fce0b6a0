//! ToUnicode CMaps: which Unicode text each character code of a font stands for.
//!
//! Only the parts a text extractor needs are read: code space ranges (to split a
//! string into codes of 1 to 4 bytes), `bfchar` and `bfrange` mappings (both the
//! incrementing and the array form). CID mappings (`cidchar`, `cidrange`) and
//! `usecmap` are ignored; with no code space the codes are taken as two bytes.

use std::collections::HashMap;

/// Largest number of entries taken from one `bfrange` array, so a crafted
/// range cannot make the table huge.
const MAX_RANGE_ARRAY: usize = 65_536;

/// A parsed ToUnicode CMap.
#[derive(Debug, Default, Clone)]
pub(super) struct ToUnicode {
    /// `(byte length, low, high)` of every code space range.
    codespaces: Vec<(usize, u32, u32)>,
    /// Single-code mappings, keyed by `(byte length, code)`.
    chars: HashMap<(usize, u32), String>,
    /// Range mappings, searched after `chars`.
    ranges: Vec<Range>,
}

#[derive(Debug, Clone)]
struct Range {
    len: usize,
    low: u32,
    high: u32,
    target: RangeTarget,
}

#[derive(Debug, Clone)]
enum RangeTarget {
    /// The first code maps to these UTF-16 units; each next code adds one to the last.
    Start(Vec<u16>),
    /// One string per code, in order.
    List(Vec<String>),
}

/// A lexical token of a CMap.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Literal(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    Word(Vec<u8>),
}

impl ToUnicode {
    /// Parses CMap text; unknown or malformed parts are skipped.
    pub(super) fn parse(data: &[u8]) -> Self {
        let tokens = tokenize(data);
        let mut cmap = Self::default();
        let mut i = 0;
        while i < tokens.len() {
            i = match &tokens[i] {
                Token::Word(w) if w == b"begincodespacerange" => {
                    cmap.read_codespaces(&tokens, i + 1)
                }
                Token::Word(w) if w == b"beginbfchar" => cmap.read_bfchar(&tokens, i + 1),
                Token::Word(w) if w == b"beginbfrange" => cmap.read_bfrange(&tokens, i + 1),
                _ => i + 1,
            };
        }
        cmap
    }

    /// True when the CMap maps nothing.
    pub(super) fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// True when the CMap declares code space ranges.
    pub(super) fn has_codespaces(&self) -> bool {
        !self.codespaces.is_empty()
    }

    /// Splits the start of `bytes` into one code: `(code, byte length)`.
    ///
    /// Uses the code space ranges; a byte sequence in none of them takes the
    /// shortest declared length, as readers commonly do.
    pub(super) fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for &(len, low, high) in &self.codespaces {
            if bytes.len() >= len {
                let code = be_code(&bytes[..len]);
                if (low..=high).contains(&code) {
                    return (code, len);
                }
            }
        }
        let shortest = self.codespaces.iter().map(|c| c.0).min().unwrap_or(2);
        let len = shortest.min(bytes.len()).max(1);
        (be_code(&bytes[..len]), len)
    }

    /// The text of `code` (of `len` bytes), when mapped.
    pub(super) fn lookup(&self, code: u32, len: usize) -> Option<String> {
        if let Some(text) = self.chars.get(&(len, code)) {
            return Some(text.clone());
        }
        let range = self
            .ranges
            .iter()
            .find(|r| r.len == len && (r.low..=r.high).contains(&code))?;
        let offset = code - range.low;
        match &range.target {
            RangeTarget::Start(units) => {
                let mut units = units.clone();
                let last = units.last_mut()?;
                *last = last.wrapping_add(u16::try_from(offset).ok()?);
                Some(String::from_utf16_lossy(&units))
            }
            RangeTarget::List(list) => list.get(usize::try_from(offset).ok()?).cloned(),
        }
    }

    fn read_codespaces(&mut self, tokens: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(low)), Some(Token::Hex(high))) =
            (tokens.get(i), tokens.get(i + 1))
        {
            if (1..=4).contains(&low.len()) && low.len() == high.len() {
                self.codespaces
                    .push((low.len(), be_code(low), be_code(high)));
            }
            i += 2;
        }
        i
    }

    fn read_bfchar(&mut self, tokens: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(src)), Some(dst)) = (tokens.get(i), tokens.get(i + 1)) {
            if let Some(text) = token_text(dst) {
                if (1..=4).contains(&src.len()) {
                    self.chars.insert((src.len(), be_code(src)), text);
                }
            }
            i += 2;
        }
        i
    }

    fn read_bfrange(&mut self, tokens: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(low)), Some(Token::Hex(high))) =
            (tokens.get(i), tokens.get(i + 1))
        {
            i += 2;
            let target = match tokens.get(i) {
                Some(Token::Hex(dst)) => {
                    i += 1;
                    Some(RangeTarget::Start(utf16_units(dst)))
                }
                Some(Token::ArrayStart) => {
                    let (list, next) = read_array(tokens, i + 1);
                    i = next;
                    Some(RangeTarget::List(list))
                }
                _ => None,
            };
            let valid = (1..=4).contains(&low.len()) && low.len() == high.len();
            if let (Some(target), true) = (target, valid) {
                let (low_code, high_code) = (be_code(low), be_code(high));
                if low_code <= high_code {
                    self.ranges.push(Range {
                        len: low.len(),
                        low: low_code,
                        high: high_code,
                        target,
                    });
                }
            }
        }
        i
    }
}

/// Reads the strings of an array up to `]`; returns them and the index after it.
fn read_array(tokens: &[Token], mut i: usize) -> (Vec<String>, usize) {
    let mut list = Vec::new();
    while let Some(token) = tokens.get(i) {
        i += 1;
        if *token == Token::ArrayEnd {
            break;
        }
        if list.len() < MAX_RANGE_ARRAY {
            list.push(token_text(token).unwrap_or_default());
        }
    }
    (list, i)
}

/// The text a destination token stands for (UTF-16BE bytes).
fn token_text(token: &Token) -> Option<String> {
    match token {
        Token::Hex(bytes) | Token::Literal(bytes) => {
            Some(String::from_utf16_lossy(&utf16_units(bytes)))
        }
        _ => None,
    }
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect()
}

/// A big-endian code from up to four bytes.
pub(super) fn be_code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0, |acc, &b| (acc << 8) | u32::from(b))
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        i += 1;
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i) == Some(&b'<') => i += 1,
            b'>' if data.get(i) == Some(&b'>') => i += 1,
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(data.len(), |p| i + p);
                tokens.push(Token::Hex(hex_bytes(&data[i..end])));
                i = end + 1;
            }
            b'(' => {
                let (bytes, next) = literal(data, i);
                tokens.push(Token::Literal(bytes));
                i = next;
            }
            b'[' => tokens.push(Token::ArrayStart),
            b']' => tokens.push(Token::ArrayEnd),
            c if c.is_ascii_whitespace() => {}
            _ => {
                let start = i - 1;
                while i < data.len() && !is_delimiter(data[i]) {
                    i += 1;
                }
                tokens.push(Token::Word(data[start..i].to_vec()));
            }
        }
    }
    tokens
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

/// Decodes hex digits, ignoring anything else; an odd last digit is padded with 0.
pub(super) fn hex_bytes(digits: &[u8]) -> Vec<u8> {
    let nibbles: Vec<u8> = digits
        .iter()
        .filter_map(|&d| char::from(d).to_digit(16))
        .filter_map(|d| u8::try_from(d).ok())
        .collect();
    nibbles
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

/// Reads a literal string starting after its `(`; returns the bytes and the index after `)`.
fn literal(data: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 1;
    while i < data.len() {
        let b = data[i];
        i += 1;
        match b {
            b'\\' if i < data.len() => {
                let e = data[i];
                i += 1;
                out.push(match e {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'b' => 8,
                    b'f' => 12,
                    other => other,
                });
            }
            b'(' => {
                depth += 1;
                out.push(b);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                out.push(b);
            }
            _ => out.push(b),
        }
    }
    (out, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0011> <FB01> endbfchar
        2 beginbfrange <0020> <0022> <0041>
        <0030> <0031> [<0078> <D835DC9C>] endbfrange endcmap";

    #[test]
    fn bfchar_entries_map_single_codes() {
        let cmap = ToUnicode::parse(SAMPLE);
        assert_eq!(cmap.lookup(3, 2).as_deref(), Some(" "));
        assert_eq!(cmap.lookup(0x11, 2).as_deref(), Some("\u{FB01}"));
    }

    #[test]
    fn bfrange_entries_increment_from_their_start() {
        let cmap = ToUnicode::parse(SAMPLE);
        assert_eq!(cmap.lookup(0x20, 2).as_deref(), Some("A"));
        assert_eq!(cmap.lookup(0x22, 2).as_deref(), Some("C"));
        assert_eq!(cmap.lookup(0x23, 2), None);
    }

    #[test]
    fn bfrange_arrays_give_one_string_per_code() {
        let cmap = ToUnicode::parse(SAMPLE);
        assert_eq!(cmap.lookup(0x30, 2).as_deref(), Some("x"));
        assert_eq!(cmap.lookup(0x31, 2).as_deref(), Some("\u{1D49C}"));
    }

    #[test]
    fn codes_are_split_by_the_code_space_ranges() {
        let cmap =
            ToUnicode::parse(b"2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange");
        assert_eq!(cmap.next_code(&[0x41, 0x81, 0x02]), (0x41, 1));
        assert_eq!(cmap.next_code(&[0x81, 0x02]), (0x8102, 2));
    }

    #[test]
    fn malformed_cmaps_parse_to_what_is_readable() {
        let cmap = ToUnicode::parse(b"beginbfchar <01> <0041> <02> endbfchar beginbfrange <05");
        assert_eq!(cmap.lookup(1, 1).as_deref(), Some("A"));
        assert_eq!(cmap.lookup(2, 1), None);
    }
}
