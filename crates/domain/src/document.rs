//! What text extraction produces from an uploaded file.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The formats the service reads, decided from the bytes, never the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentFormat {
    /// Portable Document Format.
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
    /// Word 97-2003 binary document.
    Doc,
    /// OpenDocument text.
    Odt,
    /// Rich Text Format.
    Rtf,
    /// Plain text (UTF-8, UTF-16 with BOM, or Windows-1252).
    Text,
}

impl DocumentFormat {
    /// Short lower-case name (`pdf`, `docx`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Doc => "doc",
            Self::Odt => "odt",
            Self::Rtf => "rtf",
            Self::Text => "text",
        }
    }
}

impl fmt::Display for DocumentFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A hyperlink found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The visible text of the link, when the format tells it.
    pub text: Option<String>,
    /// Where the link points (a URL or `mailto:`).
    pub target: String,
}

/// The text of a document in reading order.
///
/// `text` has one line per line of the document (`\n`) and an empty line
/// between paragraphs or blocks where the format marks them. Table cells are
/// read row by row, cell by cell, each cell on its own line(s); two-column
/// layouts are read column by column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedDocument {
    /// The detected format.
    pub format: DocumentFormat,
    /// The text in reading order.
    pub text: String,
    /// Hyperlink targets, in document order, without duplicates.
    pub links: Vec<Link>,
    /// Pages, when the format has them (PDF); otherwise `None`.
    pub page_count: Option<u32>,
}

impl ExtractedDocument {
    /// The non-empty lines of the text, trimmed.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines().map(str::trim).filter(|l| !l.is_empty())
    }

    /// How many words the text has.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}
