//! Page layout: characters → words → lines → column blocks → text in reading order.
//!
//! Lines are rebuilt from baselines (the order characters are drawn in is not
//! trusted). A page is then cut, top to bottom, into bands; a band whose lines
//! all leave a common vertical gutter free is read column by column (left
//! column, then right), which is the order a sidebar layout is meant to be read
//! in. A band counts as columns only when it is tall, both sides have lines
//! of their own, and most of its lines do not have text on both sides: table
//! rows, and dates or labels set beside every entry, share baselines and are
//! read row by row. A long table whose cells rarely line up is therefore read
//! column by column.

use super::content::PlacedChar;

/// A gap wider than the line's usual letter gap plus this fraction of the
/// font size separates two words.
const WORD_GAP: f32 = 0.1;

/// A gap wider than this fraction of the font size always separates runs of text.
const RUN_GAP: f32 = 0.6;

/// A gap between words wider than this many font sizes is a tab stop or a
/// table gutter, not a space, even in loosely justified text.
const TAB_GAP: f32 = 1.5;

/// Baselines closer than this fraction of the font size are one line.
const BASELINE_TOLERANCE: f32 = 0.4;

/// Fewest consecutive lines a column band spans.
const MIN_BAND_LINES: usize = 8;

/// Fewest lines with letters or digits on each side of a gutter.
const MIN_SIDE_LINES: usize = 5;

/// Fewest lines with text on one side only, on each side: a column of
/// dates or labels beside every row is part of the rows, not a column.
const MIN_SOLO_LINES: usize = 3;

/// Largest share of band lines with text on both sides; above it the band
/// reads as table rows.
const MAX_SHARED_BASELINES: f32 = 0.55;

/// Narrowest gutter, as a fraction of the median font size.
const MIN_GUTTER: f32 = 0.8;

/// A vertical gap this many times the usual line spacing starts a paragraph.
const PARAGRAPH_GAP: f32 = 1.45;

/// Pages with more words than this (far more than any resume page) are read
/// without column detection, which keeps the work per page bounded.
const MAX_WORDS_FOR_COLUMNS: usize = 20_000;

/// Deepest nesting of column splits.
const MAX_SPLIT_DEPTH: usize = 4;

/// A word placed on the page.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    x0: f32,
    x1: f32,
    text: String,
}

/// A line of words sharing a baseline, left to right.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    y: f32,
    size: f32,
    words: Vec<Word>,
}

impl Line {
    /// The words joined by spaces, or by a tab across a gap as wide as a
    /// table gutter or a tab stop, as the same document's text export has it.
    fn text(&self) -> String {
        let mut out = String::new();
        let mut prev: Option<&Word> = None;
        for word in &self.words {
            if let Some(prev) = prev {
                let wide = word.x0 - prev.x1 > TAB_GAP * self.size;
                out.push(if wide { '\t' } else { ' ' });
            }
            out.push_str(&word.text);
            prev = Some(word);
        }
        out
    }
}

/// The page's area in default user space: `[x0, y0, x1, y1]`.
pub(super) type PageBox = [f32; 4];

/// How the producer of a document broke words at the ends of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hyphenation {
    /// Only after hyphens that belong to the text (word processors,
    /// browsers): a hyphen at the end of a line is kept when the word is
    /// joined again.
    Written,
    /// Also inside words, adding a hyphen (TeX): a hyphen between two
    /// lowercase letters at the end of a line is dropped when the word is
    /// joined again.
    Automatic,
}

/// The text of one page in reading order: lines separated by `\n`, blocks and
/// paragraphs by an empty line.
pub(super) fn page_text(chars: &[PlacedChar], page: PageBox, hyphenation: Hyphenation) -> String {
    let lines = build_lines(chars, page);
    let median_size = median(lines.iter().map(|l| l.size).collect()).unwrap_or(10.0);
    let mut blocks = Vec::new();
    split_columns(lines, median_size, 0, &mut blocks);

    let texts: Vec<String> = blocks
        .iter()
        .map(|b| block_text(b, hyphenation))
        .filter(|t| !t.is_empty())
        .collect();
    texts.join("\n\n")
}

/// The text of the characters whose centres lie in `rect` (`[x0, y0, x1, y1]`).
pub(super) fn text_in_rect(chars: &[PlacedChar], rect: PageBox) -> String {
    let inside: Vec<PlacedChar> = chars
        .iter()
        .filter(|c| {
            let cx = (c.x0 + c.x1) / 2.0;
            let cy = c.y + c.size * 0.3;
            cx >= rect[0] && cx <= rect[2] && cy >= rect[1] && cy <= rect[3]
        })
        .cloned()
        .collect();
    let lines = build_lines(&inside, [f32::MIN, f32::MIN, f32::MAX, f32::MAX]);
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    join_wrapped(&texts.join("\n"), Hyphenation::Written).replace('\n', " ")
}

fn build_lines(chars: &[PlacedChar], page: PageBox) -> Vec<Line> {
    let margin = 2.0;
    let mut visible: Vec<&PlacedChar> = chars
        .iter()
        .filter(|c| c.size > 0.1)
        .filter(|c| c.x1 >= page[0] - margin && c.x0 <= page[2] + margin)
        .filter(|c| c.y >= page[1] - margin && c.y <= page[3] + margin)
        .collect();
    visible.sort_by(|a, b| b.y.total_cmp(&a.y));

    let mut groups: Vec<Vec<&PlacedChar>> = Vec::new();
    for c in visible {
        let joins = groups.last().and_then(|g| g.first()).is_some_and(|first| {
            (first.y - c.y).abs() <= BASELINE_TOLERANCE * first.size.min(c.size).max(1.0)
        });
        match groups.last_mut() {
            Some(group) if joins => group.push(c),
            _ => groups.push(vec![c]),
        }
    }
    groups.into_iter().filter_map(line_from_chars).collect()
}

fn line_from_chars(mut chars: Vec<&PlacedChar>) -> Option<Line> {
    chars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let y = chars.first()?.y;
    let size = median(chars.iter().map(|c| c.size).collect())?;
    let words: Vec<Word> = runs(&chars).iter().flat_map(|run| split_run(run)).collect();
    (!words.is_empty()).then_some(Line { y, size, words })
}

/// Cuts a line's characters (left to right) at spaces and wide gaps into runs
/// of visible characters; fake-bold duplicates are dropped.
fn runs<'c>(chars: &[&'c PlacedChar]) -> Vec<Vec<&'c PlacedChar>> {
    let mut runs: Vec<Vec<&PlacedChar>> = vec![Vec::new()];
    let mut last: Option<&PlacedChar> = None;
    for &c in chars {
        if last.is_some_and(|prev| duplicate_of(prev, c)) {
            continue;
        }
        let wide = last.is_some_and(|p| c.x0 - p.x1 > RUN_GAP * p.size.max(c.size));
        let is_space = c.text.trim().is_empty();
        if (is_space || wide) && runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
        last = Some(c);
        if let (false, Some(run)) = (is_space, runs.last_mut()) {
            run.push(c);
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// Splits a run into words where a gap is wider than the run's usual letter
/// gap by a fraction of the font size, so that both tightly set and
/// letter-spaced text come out right.
fn split_run(run: &[&PlacedChar]) -> Vec<Word> {
    let gaps: Vec<f32> = run.windows(2).map(|pair| pair[1].x0 - pair[0].x1).collect();
    let spacing = median(gaps).unwrap_or(0.0).max(0.0);
    let mut words: Vec<Word> = Vec::new();
    let mut last: Option<&PlacedChar> = None;
    for &c in run {
        let breaks = last.is_some_and(|p| c.x0 - p.x1 > spacing + WORD_GAP * p.size.max(c.size));
        last = Some(c);
        match words.last_mut() {
            Some(word) if !breaks => {
                word.text.push_str(&c.text);
                word.x1 = word.x1.max(c.x1);
            }
            _ => words.push(Word {
                x0: c.x0,
                x1: c.x1,
                text: c.text.clone(),
            }),
        }
    }
    words
}

/// The same character drawn twice at (almost) the same place, as fake bold does.
fn duplicate_of(prev: &PlacedChar, c: &PlacedChar) -> bool {
    prev.text == c.text
        && (prev.x0 - c.x0).abs() < 0.05 * c.size
        && (prev.y - c.y).abs() < 0.05 * c.size
}

/// Cuts `lines` (top to bottom) into blocks, reading column bands column by column.
fn split_columns(lines: Vec<Line>, median_size: f32, depth: usize, blocks: &mut Vec<Vec<Line>>) {
    if lines.is_empty() {
        return;
    }
    let words: usize = lines.iter().map(|l| l.words.len()).sum();
    let searchable = depth < MAX_SPLIT_DEPTH && words <= MAX_WORDS_FOR_COLUMNS;
    let band = if searchable {
        find_band(&lines, median_size)
    } else {
        None
    };
    let Some(band) = band else {
        blocks.push(lines);
        return;
    };

    let mut before = lines;
    let mut band_lines = before.split_off(band.start);
    let after = band_lines.split_off(band.end - band.start);
    split_columns(before, median_size, depth + 1, blocks);

    let (left, right) = divide(band_lines, band.gutter);
    split_columns(left, median_size, depth + 1, blocks);
    split_columns(right, median_size, depth + 1, blocks);

    split_columns(after, median_size, depth + 1, blocks);
}

/// A run of lines `[start, end)` that a gutter at `gutter` divides.
#[derive(Debug, Clone, Copy)]
struct Band {
    start: usize,
    end: usize,
    gutter: f32,
}

fn find_band(lines: &[Line], median_size: f32) -> Option<Band> {
    let mut candidates: Vec<f32> = lines
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.x0))
        .collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 1.0);

    let mut best: Option<Band> = None;
    for x in candidates {
        let gutter = x - 0.5;
        for band in bands_at(lines, gutter, median_size) {
            if best.is_none_or(|b| band.end - band.start > b.end - b.start) {
                best = Some(band);
            }
        }
    }
    best
}

/// The runs of lines that a gutter at `x` leaves uncrossed and that qualify as columns.
fn bands_at(lines: &[Line], x: f32, median_size: f32) -> Vec<Band> {
    let mut bands = Vec::new();
    let mut start = 0;
    for i in 0..=lines.len() {
        let crossed = lines
            .get(i)
            .is_none_or(|l| l.words.iter().any(|w| w.x0 < x && w.x1 > x));
        if crossed {
            if i > start && is_column_band(&lines[start..i], x, median_size) {
                bands.push(Band {
                    start,
                    end: i,
                    gutter: x,
                });
            }
            start = i + 1;
        }
    }
    bands
}

fn is_column_band(lines: &[Line], x: f32, median_size: f32) -> bool {
    if lines.len() < MIN_BAND_LINES {
        return false;
    }
    let has_text = |w: &Word| w.text.chars().any(char::is_alphanumeric);
    let (mut left, mut right, mut both) = (0, 0, 0);
    for line in lines {
        let on_left = line.words.iter().any(|w| w.x1 <= x && has_text(w));
        let on_right = line.words.iter().any(|w| w.x0 >= x && has_text(w));
        match (on_left, on_right) {
            (true, true) => both += 1,
            (true, false) => left += 1,
            (false, true) => right += 1,
            (false, false) => {}
        }
    }
    let enough_sides = left + both >= MIN_SIDE_LINES && right + both >= MIN_SIDE_LINES;
    let independent = left >= MIN_SOLO_LINES && right >= MIN_SOLO_LINES;
    #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
    let row_like = both as f32 > MAX_SHARED_BASELINES * lines.len() as f32;
    if !enough_sides || !independent || row_like {
        return false;
    }

    let words = lines.iter().flat_map(|l| l.words.iter());
    let left_edge = words
        .clone()
        .filter(|w| w.x1 <= x)
        .map(|w| w.x1)
        .fold(f32::MIN, f32::max);
    let right_edge = words
        .filter(|w| w.x0 >= x)
        .map(|w| w.x0)
        .fold(f32::MAX, f32::min);
    right_edge - left_edge >= MIN_GUTTER * median_size
}

fn divide(lines: Vec<Line>, x: f32) -> (Vec<Line>, Vec<Line>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for line in lines {
        let (l, r): (Vec<Word>, Vec<Word>) = line.words.into_iter().partition(|w| w.x1 <= x);
        if !l.is_empty() {
            left.push(Line {
                y: line.y,
                size: line.size,
                words: l,
            });
        }
        if !r.is_empty() {
            right.push(Line {
                y: line.y,
                size: line.size,
                words: r,
            });
        }
    }
    (left, right)
}

/// The text of a block: its lines, with an empty line where the vertical gap
/// is clearly wider than the block's usual line spacing.
fn block_text(lines: &[Line], hyphenation: Hyphenation) -> String {
    let gaps: Vec<f32> = lines
        .windows(2)
        .map(|w| w[0].y - w[1].y)
        .filter(|g| *g > 0.0)
        .collect();
    let usual = median(gaps).unwrap_or(0.0);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let gap = lines[i - 1].y - line.y;
            let wide =
                gap > 1.6 * line.size && (gap > PARAGRAPH_GAP * usual || gap > 2.5 * line.size);
            out.push_str(if wide { "\n\n" } else { "\n" });
        }
        out.push_str(&line.text());
    }
    join_wrapped(&out, hyphenation)
}

/// Re-joins words and web addresses that a line break split after a hyphen
/// (`github.com/priya-` + `raghunathan` → `github.com/priya-raghunathan`,
/// `medical-` + `surgical` → `medical-surgical`).
///
/// With [`Hyphenation::Written`] the hyphen of a word is kept: word
/// processors break lines after real hyphens only. With
/// [`Hyphenation::Automatic`] a hyphen between lowercase letters is taken
/// for one the producer added and dropped (`prefer-` + `ably` →
/// `preferably`), so a compound that really had its hyphen there loses it
/// (`story-telling` → `storytelling`); telling the two apart needs a
/// dictionary. Addresses always keep their hyphens.
pub(super) fn join_wrapped(text: &str, hyphenation: Hyphenation) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let Some(next) = lines.peek() else {
            out.push_str(line);
            break;
        };
        let last_word = line.rsplit(' ').next().unwrap_or_default();
        let first = next.chars().next();
        let continues = first.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let stem = last_word.strip_suffix('-').unwrap_or_default();
        let stem_end = stem.chars().last();
        let address = !stem.is_empty() && looks_like_address(last_word);
        // Digits on both sides: a date or number written with hyphens
        // (`2021-` + `04`, `303-555-` + `0177`).
        let numeric = stem_end.is_some_and(|c| c.is_ascii_digit())
            && first.is_some_and(|c| c.is_ascii_digit());
        if numeric || (continues && (address || stem_end.is_some_and(char::is_alphabetic))) {
            let added = hyphenation == Hyphenation::Automatic
                && !address
                && stem_end.is_some_and(char::is_lowercase)
                && first.is_some_and(|c| c.is_ascii_lowercase());
            out.push_str(if added { &line[..line.len() - 1] } else { line });
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn looks_like_address(word: &str) -> bool {
    word.contains('/')
        || word.contains("www.")
        || word.contains('@')
        || [".com", ".org", ".net", ".io", ".dev", ".edu"]
            .iter()
            .any(|t| word.contains(t))
}

fn median(mut values: Vec<f32>) -> Option<f32> {
    values.retain(|v| v.is_finite());
    values.sort_by(f32::total_cmp);
    values.get(values.len() / 2).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(x: f32, y: f32, text: &str) -> Vec<PlacedChar> {
        let mut out = Vec::new();
        let mut cx = x;
        for c in text.chars() {
            out.push(PlacedChar {
                x0: cx,
                x1: cx + 5.0,
                y,
                size: 10.0,
                text: c.to_string(),
            });
            cx += 5.0;
        }
        out
    }

    const PAGE: PageBox = [0.0, 0.0, 600.0, 800.0];

    #[test]
    fn characters_drawn_out_of_order_are_read_by_position() {
        let mut chars = text_at(100.0, 700.0, "world");
        chars.extend(text_at(10.0, 700.0, "hello"));
        chars.extend(text_at(10.0, 712.0, "title"));
        assert_eq!(
            page_text(&chars, PAGE, Hyphenation::Written),
            "title\nhello\tworld"
        );
    }

    #[test]
    fn gaps_wider_than_a_fraction_of_the_size_separate_words() {
        let mut chars = text_at(10.0, 700.0, "ab");
        chars.extend(text_at(21.0, 700.0, "cd"));
        chars.extend(text_at(40.0, 700.0, "ef"));
        assert_eq!(page_text(&chars, PAGE, Hyphenation::Written), "abcd ef");
    }

    #[test]
    fn a_gap_wider_than_a_tab_stop_is_a_tab() {
        // Size 10: a gap of 14 is a loose space, one of 16 a table gutter.
        let mut chars = text_at(10.0, 700.0, "ab");
        chars.extend(text_at(34.0, 700.0, "cd"));
        chars.extend(text_at(70.0, 700.0, "ef"));
        assert_eq!(page_text(&chars, PAGE, Hyphenation::Written), "ab cd\tef");
    }

    #[test]
    fn a_sidebar_is_read_before_the_main_column() {
        let mut chars = text_at(10.0, 780.0, "Full Width Name Heading Across The Page Top");
        for i in 0..10u8 {
            let y = 760.0 - f32::from(i) * 12.0;
            chars.extend(text_at(10.0, y, &format!("side{i}")));
            chars.extend(text_at(200.0, y - 6.0, &format!("main{i} text")));
        }
        let text = page_text(&chars, PAGE, Hyphenation::Written);
        let side_end = text.find("side9").unwrap();
        let main_start = text.find("main0").unwrap();
        assert!(side_end < main_start, "{text}");
        assert!(text.starts_with("Full Width"));
    }

    #[test]
    fn short_tables_are_read_row_by_row() {
        let mut chars = Vec::new();
        for i in 0..3u8 {
            let y = 700.0 - f32::from(i) * 12.0;
            chars.extend(text_at(10.0, y, &format!("a{i}")));
            chars.extend(text_at(200.0, y, &format!("b{i}")));
        }
        assert_eq!(
            page_text(&chars, PAGE, Hyphenation::Written),
            "a0\tb0\na1\tb1\na2\tb2"
        );
    }

    #[test]
    fn wide_vertical_gaps_start_paragraphs() {
        let mut chars = text_at(10.0, 700.0, "one");
        chars.extend(text_at(10.0, 688.0, "two"));
        chars.extend(text_at(10.0, 676.0, "three"));
        chars.extend(text_at(10.0, 640.0, "four"));
        assert_eq!(
            page_text(&chars, PAGE, Hyphenation::Written),
            "one\ntwo\nthree\n\nfour"
        );
    }

    #[test]
    fn words_and_addresses_wrapped_after_a_hyphen_are_rejoined() {
        assert_eq!(
            join_wrapped("see github.com/jane-\ndoe-dev now", Hyphenation::Written),
            "see github.com/jane-doe-dev now"
        );
        assert_eq!(
            join_wrapped("a well-\nknown fact", Hyphenation::Written),
            "a well-known fact"
        );
        assert_eq!(
            join_wrapped("2019 -\npresent", Hyphenation::Written),
            "2019 -\npresent"
        );
        assert_eq!(
            join_wrapped("Python-\nSQL", Hyphenation::Written),
            "Python-\nSQL"
        );
    }

    #[test]
    fn hyphens_a_tex_document_added_at_line_ends_are_dropped() {
        let automatic = |text| join_wrapped(text, Hyphenation::Automatic);
        assert_eq!(
            automatic("Hopeful nov-\nelist by night"),
            "Hopeful novelist by night"
        );
        // Addresses, capitals, numbers and ranges keep theirs.
        assert_eq!(
            automatic("see github.com/jane-\ndoe-dev now"),
            "see github.com/jane-doe-dev now"
        );
        assert_eq!(automatic("Python-\nSQL"), "Python-\nSQL");
        assert_eq!(automatic("COVID-\n19 response"), "COVID-19 response");
        assert_eq!(automatic("2019 -\npresent"), "2019 -\npresent");
        assert_eq!(automatic("plain\nlines"), "plain\nlines");
    }

    #[test]
    fn numbers_written_with_hyphens_are_joined_across_lines() {
        let written = |text| join_wrapped(text, Hyphenation::Written);
        assert_eq!(
            written("Denver — 2021-\n04 to Present"),
            "Denver — 2021-04 to Present"
        );
        assert_eq!(written("call 303-555-\n0177"), "call 303-555-0177");
        assert_eq!(written("2019 -\n2021"), "2019 -\n2021");
    }
}
