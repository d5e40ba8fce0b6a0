//! Dates inside resume sections: `YYYY-MM`, `YYYY` or `Present`.
//!
//! The parser may meet a date it cannot read; it keeps such text as written
//! ([`ResumeDate::Verbatim`]) instead of guessing. Clients editing a resume must
//! send one of the three normalised forms ([`ResumeDate::parse_normalized`]).

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ValidationError;

/// A date in a resume section.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResumeDate {
    /// A month of a year (`2020-01`); month is 1 to 12.
    YearMonth {
        /// Four-digit year.
        year: u16,
        /// Month, 1 to 12.
        month: u8,
    },
    /// A year alone (`2019`).
    Year(u16),
    /// Still ongoing.
    Present,
    /// Text the parser could not read as a date, kept as written.
    Verbatim(String),
}

/// The months' English names in lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl ResumeDate {
    /// Builds a month date, checking the ranges.
    pub fn year_month(year: u16, month: u8) -> Option<Self> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(Self::YearMonth { year, month })
    }

    /// Reads one of the normalised forms `YYYY-MM`, `YYYY` or `Present`
    /// (any case). Anything else is `None`.
    pub fn parse_normalized(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("present") {
            return Some(Self::Present);
        }
        let (year, month) = match text.split_once('-') {
            Some((y, m)) if m.len() == 2 => (y, Some(m)),
            Some(_) => return None,
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = year.parse().ok()?;
        match month {
            None => (year >= 1000).then_some(Self::Year(year)),
            Some(m) if m.bytes().all(|b| b.is_ascii_digit()) => {
                Self::year_month(year, m.parse().ok()?)
            }
            Some(_) => None,
        }
    }

    /// Validates a client-sent date for the field `field`: exactly one of the
    /// normalised forms, with no surrounding whitespace.
    ///
    /// # Errors
    /// [`ValidationError`] naming `field` when the text is not a normalised date.
    pub fn parse_input(field: &str, text: &str) -> Result<Self, ValidationError> {
        Some(text)
            .filter(|t| t.trim() == *t)
            .and_then(Self::parse_normalized)
            .ok_or_else(|| ValidationError::new(field, "must be YYYY-MM, YYYY or Present"))
    }

    /// The year, when known.
    pub fn year(&self) -> Option<u16> {
        match self {
            Self::YearMonth { year, .. } | Self::Year(year) => Some(*year),
            Self::Present | Self::Verbatim(_) => None,
        }
    }

    /// Months since year 0 (January = 0), for computing durations. A bare year
    /// counts as its January when `start` and its December otherwise.
    pub fn month_index(&self, start: bool) -> Option<u32> {
        match self {
            Self::YearMonth { year, month } => Some(u32::from(*year) * 12 + u32::from(*month) - 1),
            Self::Year(year) => Some(u32::from(*year) * 12 + if start { 0 } else { 11 }),
            Self::Present | Self::Verbatim(_) => None,
        }
    }

    /// Whether the date marks something still ongoing.
    pub fn is_present(&self) -> bool {
        matches!(self, Self::Present)
    }

    /// A short human form: `Jan 2020`, `2019`, `Present` or the verbatim text.
    pub fn human(&self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self {
            Self::YearMonth { year, month } => {
                let name = MONTHS
                    .get(usize::from(*month).saturating_sub(1))
                    .unwrap_or(&"");
                format!("{name} {year}")
            }
            other => other.to_string(),
        }
    }

    /// Orders dates by time, `Present` last; verbatim text sorts before all.
    pub fn chronological_cmp(&self, other: &Self) -> Ordering {
        fn key(d: &ResumeDate) -> (u8, u32) {
            match d {
                ResumeDate::Verbatim(_) => (0, 0),
                ResumeDate::Present => (2, 0),
                other => (1, other.month_index(true).unwrap_or(0)),
            }
        }
        key(self).cmp(&key(other))
    }
}

impl fmt::Display for ResumeDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::YearMonth { year, month } => write!(f, "{year:04}-{month:02}"),
            Self::Year(year) => write!(f, "{year:04}"),
            Self::Present => f.write_str("Present"),
            Self::Verbatim(text) => f.write_str(text),
        }
    }
}

impl Serialize for ResumeDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ResumeDate {
    /// Stored data may hold verbatim dates, so deserialising is lenient;
    /// client input is checked with [`ResumeDate::parse_input`] instead.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::parse_normalized(&text).unwrap_or(Self::Verbatim(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_forms_round_trip() {
        for text in ["2020-01", "2019", "Present"] {
            assert_eq!(
                ResumeDate::parse_normalized(text).unwrap().to_string(),
                text
            );
        }
        assert_eq!(
            ResumeDate::parse_normalized("present"),
            Some(ResumeDate::Present)
        );
    }

    #[test]
    fn invalid_forms_are_refused() {
        for text in [
            "2020-13", "2020-00", "20-01", "2020-1", "Jan 2020", "", "0999",
        ] {
            assert_eq!(ResumeDate::parse_normalized(text), None, "{text:?}");
        }
    }

    #[test]
    fn verbatim_text_survives_a_json_round_trip() {
        let date: ResumeDate = serde_json::from_str("\"Fall term\"").unwrap();
        assert_eq!(date, ResumeDate::Verbatim("Fall term".into()));
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"Fall term\"");
    }

    #[test]
    fn human_form_names_the_month() {
        assert_eq!(ResumeDate::year_month(2020, 1).unwrap().human(), "Jan 2020");
        assert_eq!(ResumeDate::Present.human(), "Present");
    }
}
