//! Why a list file was refused: the file, where in it, and what a person can do about it.
//! Issue 4 asks that "a malformed file is rejected with its line number and the active version
//! stays", so every parser error carries the file name and the line (or the whole file).

use std::fmt;

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (too big, too many rows, missing header).
    File,
    /// A 1-based line number; for a CSV record spanning lines, the line it starts on.
    Line(usize),
    /// An element path, for XML sources (e.g. `DistinctParty[12]/Profile/Feature[3]`).
    Element(String),
}

/// A list file that could not be read. Displays as `sdn.csv line 14: …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The file's conventional name (`sdn.csv`, `entities.ftm.json`, …).
    pub file: String,
    pub location: Location,
    /// What is wrong, in words a person can act on. Never contains control characters.
    pub message: String,
}

impl ParseError {
    /// A problem with the file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> ParseError {
        ParseError {
            file: file.to_owned(),
            location: Location::File,
            message: clean(&message.into()),
        }
    }

    /// A problem on one line.
    pub fn line(file: &str, line: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            file: file.to_owned(),
            location: Location::Line(line),
            message: clean(&message.into()),
        }
    }

    /// The line number, when the problem has one.
    pub fn line_number(&self) -> Option<usize> {
        match self.location {
            Location::Line(line) => Some(line),
            _ => None,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::File => write!(f, "{}: {}", self.file, self.message),
            Location::Line(line) => write!(f, "{} line {}: {}", self.file, line, self.message),
            Location::Element(path) => write!(f, "{} at {}: {}", self.file, path, self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// At most this many characters of file content are quoted back in a message.
const SNIPPET_CHARS: usize = 60;

/// File content quoted in a message: control characters dropped, cut at [`SNIPPET_CHARS`].
pub(crate) fn snippet(value: &str) -> String {
    let mut out: String = value
        .chars()
        .filter(|c| !c.is_control())
        .take(SNIPPET_CHARS)
        .collect();
    if value
        .chars()
        .filter(|c| !c.is_control())
        .nth(SNIPPET_CHARS)
        .is_some()
    {
        out.push('…');
    }
    out
}

/// Messages may embed file content (a serde error quotes it): keep them one printable line.
fn clean(message: &str) -> String {
    message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(400)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_error_names_the_file_and_the_line() {
        let error = ParseError::line("sdn.csv", 14, "has 11 fields; expected 12");
        assert_eq!(
            error.to_string(),
            "sdn.csv line 14: has 11 fields; expected 12"
        );
        assert_eq!(error.line_number(), Some(14));
    }

    #[test]
    fn a_file_error_names_the_file() {
        let error = ParseError::file("alt.csv", "is larger than 64 MiB");
        assert_eq!(error.to_string(), "alt.csv: is larger than 64 MiB");
        assert_eq!(error.line_number(), None);
    }

    #[test]
    fn an_element_error_names_the_path() {
        let error = ParseError {
            file: "SDN_ADVANCED.XML".into(),
            location: Location::Element("DistinctParty[3]".into()),
            message: "no name".into(),
        };
        assert_eq!(
            error.to_string(),
            "SDN_ADVANCED.XML at DistinctParty[3]: no name"
        );
    }

    #[test]
    fn messages_never_carry_control_characters() {
        let error = ParseError::line("custom.csv", 2, "bad \u{1b}[31mkind\r\n");
        assert!(!error.message.chars().any(char::is_control));
    }

    #[test]
    fn snippets_are_short_and_printable() {
        assert_eq!(snippet("a\u{0}b"), "ab");
        let long = "x".repeat(100);
        assert_eq!(snippet(&long).chars().count(), SNIPPET_CHARS + 1);
    }
}
