//! Finding date ranges in free text (`Jan 2020 – Present`, `03/2018 - 12/2019`,
//! `since 03/2021`, `Summer 2025`, `Jan–Jun 2011`, Spanish, French and German
//! month names) and normalising them to [`ResumeDate`].

use std::ops::Range;

use resume_domain::ResumeDate;

/// A date or date range found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateSpan {
    /// The first date.
    pub start: ResumeDate,
    /// The second date of a range, `Present` for `since …`; `None` for a single date.
    pub end: Option<ResumeDate>,
    /// Where the dates are in the line (bytes).
    pub range: Range<usize>,
}

impl DateSpan {
    /// The end of a range, or the single date itself.
    pub fn last(&self) -> &ResumeDate {
        self.end.as_ref().unwrap_or(&self.start)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Month(u8),
    Year(u16),
    MonthYear(u16, u8),
    Season,
    Present,
    Since,
    To,
    DateWord,
    Dash,
    Other,
}

/// Month names and abbreviations in English, Spanish, French and German.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("enero", 1),
    ("ene", 1),
    ("janvier", 1),
    ("janv", 1),
    ("januar", 1),
    ("jänner", 1),
    ("february", 2),
    ("feb", 2),
    ("febrero", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("fév", 2),
    ("februar", 2),
    ("march", 3),
    ("mar", 3),
    ("marzo", 3),
    ("mars", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("april", 4),
    ("apr", 4),
    ("abril", 4),
    ("abr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mayo", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("junio", 6),
    ("juin", 6),
    ("juni", 6),
    ("july", 7),
    ("jul", 7),
    ("julio", 7),
    ("juillet", 7),
    ("juil", 7),
    ("juli", 7),
    ("august", 8),
    ("aug", 8),
    ("agosto", 8),
    ("ago", 8),
    ("août", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octubre", 10),
    ("octobre", 10),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("noviembre", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("dezember", 12),
    ("dez", 12),
];

const SEASONS: &[&str] = &[
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "verano",
    "invierno",
    "primavera",
    "otoño",
    "été",
    "printemps",
    "automne",
    "hiver",
    "sommer",
    "herbst",
    "frühling",
    "frühjahr",
];

const PRESENT: &[&str] = &[
    "present",
    "current",
    "currently",
    "now",
    "today",
    "ongoing",
    "heute",
    "jetzt",
    "presente",
    "actualidad",
    "actual",
    "hoy",
    "aujourd'hui",
    "maintenant",
    "dato",
];

const SINCE: &[&str] = &["since", "seit", "desde", "depuis"];

const TO: &[&str] = &[
    "to", "until", "till", "through", "bis", "hasta", "al", "a", "au", "à",
];

/// Finds the first date or date range in `text`.
pub(crate) fn find(text: &str) -> Option<DateSpan> {
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|i| range_at(&tokens, i))
}

/// Reads a date written on its own (`2019`, `May 2016`, `Present`).
pub(crate) fn parse_single(text: &str) -> Option<ResumeDate> {
    let span = find(text)?;
    Some(span.end.unwrap_or(span.start))
}

type Token = (Tok, Range<usize>);

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let wordy = c.is_alphanumeric() || matches!(c, '/' | '.' | '\'' | '’');
        if wordy {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            tokens.push(classify_word(text, s..i));
        }
        if matches!(c, '-' | '–' | '—' | '‒' | '―' | '~') {
            tokens.push((Tok::Dash, i..i + c.len_utf8()));
        }
    }
    if let Some(s) = start {
        tokens.push(classify_word(text, s..text.len()));
    }
    join_iso_months(text, tokens)
}

/// Reads `2021-04` (and `2021-04-15`) written without spaces as one
/// year-month, not as the year range `2021 – 04`.
fn join_iso_months(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let year_dash = |w: &[Token]| matches!((w[0].0, w[1].0), (Tok::Year(_), Tok::Dash));
    if !tokens.windows(2).any(year_dash) {
        return tokens;
    }
    let two_digits = |range: &Range<usize>| {
        let word = &text[range.clone()];
        word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit())
    };
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let (Tok::Year(year), Some((Tok::Dash, dash)), Some((_, month_range))) =
            (tokens[i].0, tokens.get(i + 1), tokens.get(i + 2))
        {
            let adjacent = tokens[i].1.end == dash.start && dash.end == month_range.start;
            let month = Some(month_range)
                .filter(|range| adjacent && two_digits(range))
                .and_then(|range| text[range.clone()].parse::<u8>().ok())
                .filter(|m| (1..=12).contains(m));
            if let Some(month) = month {
                let mut end = month_range.end;
                let mut next = i + 3;
                // A day after the month is part of the same date.
                if let (Some((Tok::Dash, dash)), Some((_, day))) =
                    (tokens.get(next), tokens.get(next + 1))
                {
                    if dash.start == end && day.start == dash.end && two_digits(day) {
                        end = day.end;
                        next += 2;
                    }
                }
                out.push((Tok::MonthYear(year, month), tokens[i].1.start..end));
                i = next;
                continue;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

fn classify_word(text: &str, range: Range<usize>) -> Token {
    let raw = &text[range.clone()];
    let word = raw.trim_end_matches('.');
    let end = range.start + word.len();
    let lower = word.to_lowercase();
    let tok = classify_lower(&lower);
    let range = if matches!(tok, Tok::Month(_)) {
        range
    } else {
        range.start..end
    };
    (tok, range)
}

fn classify_lower(word: &str) -> Tok {
    if let Some(tok) = numeric(word) {
        return tok;
    }
    if let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
        return Tok::Month(*m);
    }
    if SEASONS.contains(&word) {
        Tok::Season
    } else if PRESENT.contains(&word) {
        Tok::Present
    } else if SINCE.contains(&word) {
        Tok::Since
    } else if TO.contains(&word) {
        Tok::To
    } else if word == "date" {
        Tok::DateWord
    } else {
        Tok::Other
    }
}

/// `2019`, `03/2018`, `3.2018`.
fn numeric(word: &str) -> Option<Tok> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        let year: u16 = word.parse().ok()?;
        return (1950..=2099).contains(&year).then_some(Tok::Year(year));
    }
    let (month, year) = word.split_once(['/', '.'])?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if month.len() > 2 || year.len() != 4 || !digits(month) || !digits(year) {
        return None;
    }
    let year: u16 = year.parse().ok()?;
    let month: u8 = month.parse().ok()?;
    ((1950..=2099).contains(&year) && (1..=12).contains(&month))
        .then_some(Tok::MonthYear(year, month))
}

/// A date that may lack its year (`Jan` in `Jan–Jun 2011`).
#[derive(Debug, Clone, Copy)]
enum Partial {
    Full(u16, Option<u8>),
    MonthOnly(u8),
}

/// Reads one date at `i`; returns it and the index after it.
fn date_at(tokens: &[Token], i: usize) -> Option<(Partial, usize)> {
    let tok = tokens.get(i)?.0;
    let next = tokens.get(i + 1).map(|t| t.0);
    match (tok, next) {
        (Tok::Month(m), Some(Tok::Year(y))) => Some((Partial::Full(y, Some(m)), i + 2)),
        (Tok::Month(m), Some(Tok::Dash | Tok::To)) => Some((Partial::MonthOnly(m), i + 1)),
        (Tok::MonthYear(y, m), _) => Some((Partial::Full(y, Some(m)), i + 1)),
        (Tok::Season, Some(Tok::Year(y))) => Some((Partial::Full(y, None), i + 2)),
        (Tok::Year(y), _) => Some((Partial::Full(y, None), i + 1)),
        _ => None,
    }
}

fn range_at(tokens: &[Token], i: usize) -> Option<DateSpan> {
    if tokens[i].0 == Tok::Since {
        let (date, next) = date_at(tokens, i + 1)?;
        let start = full(date, None)?;
        let range = tokens[i].1.start..tokens[next - 1].1.end;
        return Some(DateSpan {
            start,
            end: Some(ResumeDate::Present),
            range,
        });
    }
    let (first, next) = date_at(tokens, i)?;
    let begin = tokens[i].1.start;
    match end_at(tokens, next) {
        Some((end, after)) => {
            let end_year = end.year();
            let start = full(first, end_year)?;
            Some(DateSpan {
                start,
                end: Some(end),
                range: begin..tokens[after - 1].1.end,
            })
        }
        None => {
            let start = full(first, None)?;
            Some(DateSpan {
                start,
                end: None,
                range: begin..tokens[next - 1].1.end,
            })
        }
    }
}

/// Reads `– Present`, `to date`, `- 2021` after a first date.
fn end_at(tokens: &[Token], i: usize) -> Option<(ResumeDate, usize)> {
    let sep = tokens.get(i)?.0;
    if !matches!(sep, Tok::Dash | Tok::To) {
        return None;
    }
    let mut j = i + 1;
    if sep == Tok::Dash && tokens.get(j).map(|t| t.0) == Some(Tok::To) {
        j += 1;
    }
    match tokens.get(j)?.0 {
        Tok::Present => Some((ResumeDate::Present, j + 1)),
        Tok::DateWord if tokens[j - 1].0 == Tok::To => Some((ResumeDate::Present, j + 1)),
        _ => {
            let (date, after) = date_at(tokens, j)?;
            Some((full(date, None)?, after))
        }
    }
}

fn full(date: Partial, fallback_year: Option<u16>) -> Option<ResumeDate> {
    match date {
        Partial::Full(year, Some(month)) => ResumeDate::year_month(year, month),
        Partial::Full(year, None) => Some(ResumeDate::Year(year)),
        Partial::MonthOnly(month) => ResumeDate::year_month(fallback_year?, month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: u16, month: u8) -> ResumeDate {
        ResumeDate::YearMonth { year, month }
    }

    fn both(text: &str) -> (ResumeDate, Option<ResumeDate>) {
        let span = find(text).unwrap_or_else(|| panic!("no date in {text}"));
        (span.start, span.end)
    }

    #[test]
    fn month_ranges_in_many_spellings_are_read() {
        let present = Some(ResumeDate::Present);
        assert_eq!(both("Jan 2020 – Present"), (ym(2020, 1), present.clone()));
        assert_eq!(
            both("Sept. 2018 – Feb. 2021"),
            (ym(2018, 9), Some(ym(2021, 2)))
        );
        assert_eq!(both("Mar. 2021 – present"), (ym(2021, 3), present.clone()));
        assert_eq!(
            both("January 2016 – March 2019"),
            (ym(2016, 1), Some(ym(2019, 3)))
        );
        assert_eq!(both("03/2018 - 12/2019"), (ym(2018, 3), Some(ym(2019, 12))));
        assert_eq!(both("Sep 2021 – now"), (ym(2021, 9), present.clone()));
        assert_eq!(both("Jan–Jun 2011"), (ym(2011, 1), Some(ym(2011, 6))));
        assert_eq!(both("since 03/2021"), (ym(2021, 3), present.clone()));
        assert_eq!(both("seit 03.2021"), (ym(2021, 3), present.clone()));
        assert_eq!(both("2021-04 to Present"), (ym(2021, 4), present.clone()));
        assert_eq!(both("2017-08 – 2021-03"), (ym(2017, 8), Some(ym(2021, 3))));
        assert_eq!(
            both("2019-09-01 - 2020-06-30"),
            (ym(2019, 9), Some(ym(2020, 6)))
        );
        // Two years apart, or a second number that is no month, stay a range.
        assert_eq!(
            both("2019-2021"),
            (ResumeDate::Year(2019), Some(ResumeDate::Year(2021)))
        );
        assert_eq!(both("2019-20"), (ResumeDate::Year(2019), None));
        assert_eq!(both("2019 - 04"), (ResumeDate::Year(2019), None));
    }

    #[test]
    fn year_ranges_and_seasons_are_read() {
        let present = Some(ResumeDate::Present);
        assert_eq!(
            both("2019-2021"),
            (ResumeDate::Year(2019), Some(ResumeDate::Year(2021)))
        );
        assert_eq!(
            both("2015 to date"),
            (ResumeDate::Year(2015), present.clone())
        );
        assert_eq!(both("2020–present"), (ResumeDate::Year(2020), present));
        assert_eq!(both("Summer 2025"), (ResumeDate::Year(2025), None));
        assert_eq!(
            both("2012 to 2015"),
            (ResumeDate::Year(2012), Some(ResumeDate::Year(2015)))
        );
    }

    #[test]
    fn foreign_month_names_are_read() {
        assert_eq!(both("enero 2019 – actualidad").0, ym(2019, 1));
        assert_eq!(both("Septembre 2017 - Juin 2019").1, Some(ym(2019, 6)));
        assert_eq!(
            both("März 2020 – heute"),
            (ym(2020, 3), Some(ResumeDate::Present))
        );
    }

    #[test]
    fn the_range_position_is_reported() {
        let text = "Acme | Austin, TX\tJan 2020 – Present";
        let span = find(text).unwrap();
        assert_eq!(&text[span.range], "Jan 2020 – Present");
    }

    #[test]
    fn words_that_look_like_months_alone_are_not_dates() {
        assert!(find("You may go").is_none());
        assert!(find("GPA 3.61/4.0").is_none());
    }
}
