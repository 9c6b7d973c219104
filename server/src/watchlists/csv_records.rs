//! Splitting CSV text into records, with the line each starts on. RFC 4180 quoting (a quoted
//! field may hold commas, doubled quotes and line breaks), `\n` or `\r\n` line ends.
//!
//! Why not the `csv` crate: it accepts every byte sequence by design, so a file cut inside a
//! quoted field silently becomes one giant last field. Issue 4 wants a truncated file refused
//! with its line number, so this reader reports an unclosed quote at the line it was opened.
//!
//! Lenient where OFAC's files need it (INDICATORS.md §5.2): a quote in the middle of an unquoted
//! field is kept as a character, a quote inside a quoted field that is not followed by a comma or
//! the end of the line is kept as a character (OFAC remark text sometimes quotes words), spaces
//! after a closing quote are ignored, a trailing DOS end-of-file mark (Ctrl-Z) is ignored, and
//! blank lines are skipped.

use super::error::ParseError;
use super::limits::Limits;

/// More fields than this in one record is not a list file.
pub const MAX_FIELDS: usize = 64;

/// One CSV record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// 1-based line the record starts on.
    pub line: usize,
    /// The fields, unquoted and otherwise as written (not trimmed).
    pub fields: Vec<String>,
}

impl Record {
    /// Field `index`, or "" past the end.
    pub fn field(&self, index: usize) -> &str {
        self.fields.get(index).map(String::as_str).unwrap_or("")
    }
}

struct Reader<'a> {
    file: &'a str,
    limits: &'a Limits,
    records: Vec<Record>,
    fields: Vec<String>,
    field: Vec<u8>,
    /// Whether `field` holds only spaces and tabs so far (a quote there opens a quoted field).
    field_blank: bool,
    line: usize,
    record_line: usize,
}

impl Reader<'_> {
    fn push_byte(&mut self, byte: u8) -> Result<(), ParseError> {
        if self.field.len() >= self.limits.max_field_bytes {
            return Err(ParseError::line(
                self.file,
                self.record_line,
                format!(
                    "has a field longer than {} bytes: the file is damaged or is not this format",
                    self.limits.max_field_bytes
                ),
            ));
        }
        self.field.push(byte);
        self.field_blank &= byte == b' ' || byte == b'\t';
        Ok(())
    }

    fn end_field(&mut self) -> Result<(), ParseError> {
        if self.fields.len() >= MAX_FIELDS {
            return Err(ParseError::line(
                self.file,
                self.record_line,
                format!("has more than {MAX_FIELDS} fields: the file is not this format"),
            ));
        }
        let bytes = std::mem::take(&mut self.field);
        self.field_blank = true;
        // The input is a `str` and only ASCII bytes were removed, so this is always UTF-8.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.fields.push(text);
        Ok(())
    }

    fn end_record(&mut self) -> Result<(), ParseError> {
        self.end_field()?;
        let fields = std::mem::take(&mut self.fields);
        let blank = matches!(fields.as_slice(), [only] if only.trim_matches(is_blank).is_empty());
        if !blank {
            self.limits
                .check_rows(self.file, self.record_line, self.records.len() + 1)?;
            self.records.push(Record {
                line: self.record_line,
                fields,
            });
        }
        Ok(())
    }
}

/// Whitespace and the DOS end-of-file mark (Ctrl-Z) that some exports end with.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{1a}'
}

/// The records of `text`, or an error naming `file` and the line.
pub fn read(file: &str, text: &str, limits: &Limits) -> Result<Vec<Record>, ParseError> {
    limits.check_size(file, text.len())?;
    let bytes = text.as_bytes();
    let mut r = Reader {
        file,
        limits,
        records: Vec::new(),
        fields: Vec::new(),
        field: Vec::new(),
        field_blank: true,
        line: 1,
        record_line: 1,
    };
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        i += 1;
        match byte {
            b',' => r.end_field()?,
            b'\n' | b'\r' => {
                if byte == b'\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                r.end_record()?;
                r.line += 1;
                r.record_line = r.line;
            }
            // A quote opens a quoted field only at the field's start (after optional spaces).
            b'"' if r.field_blank => {
                r.field.clear();
                r.field_blank = false;
                i = quoted_field(&mut r, bytes, i)?;
            }
            _ => r.push_byte(byte)?,
        }
    }
    if !r.field.is_empty() || !r.fields.is_empty() {
        r.end_record()?;
    }
    Ok(r.records)
}

/// Reads a quoted field's content from `start` (just past the opening quote) up to and including
/// its closing quote; returns the index after it.
fn quoted_field(r: &mut Reader<'_>, bytes: &[u8], start: usize) -> Result<usize, ParseError> {
    let opened_on = r.line;
    let mut i = start;
    while let Some(&byte) = bytes.get(i) {
        i += 1;
        match byte {
            b'"' if bytes.get(i) == Some(&b'"') => {
                i += 1;
                r.push_byte(b'"')?;
            }
            b'"' => {
                let mut after = i;
                while matches!(bytes.get(after), Some(b' ' | b'\t')) {
                    after += 1;
                }
                if matches!(bytes.get(after), None | Some(b',' | b'\n' | b'\r')) {
                    return Ok(after);
                }
                r.push_byte(b'"')?;
            }
            b'\n' => {
                r.line += 1;
                r.push_byte(byte)?;
            }
            _ => r.push_byte(byte)?,
        }
    }
    Err(ParseError::line(
        r.file,
        opened_on,
        "has a quoted field that is never closed: the file looks truncated",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        read("t.csv", text, &Limits::OFAC_CSV)
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_keep_their_commas_and_doubled_quotes() {
        assert_eq!(
            fields("1,\"YANBIAN, LTD.\",\"say \"\"hi\"\"\",-0- \n"),
            vec![vec!["1", "YANBIAN, LTD.", "say \"hi\"", "-0- "]]
        );
    }

    #[test]
    fn crlf_and_lf_both_end_records_and_lines_are_counted() {
        let records = read("t.csv", "a,b\r\n\r\nc,\"d\nd\"\ne,f", &Limits::OFAC_CSV).unwrap();
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 3, 5]);
        assert_eq!(records[1].fields, vec!["c", "d\nd"]);
        assert_eq!(records[2].field(1), "f");
        assert_eq!(records[2].field(7), "");
    }

    #[test]
    fn a_trailing_ctrl_z_and_blank_lines_are_not_records() {
        assert_eq!(fields("a,b\r\n\u{1a}"), vec![vec!["a", "b"]]);
        assert_eq!(fields("\n\n  \n"), Vec::<Vec<String>>::new());
    }

    #[test]
    fn stray_quotes_are_kept_as_characters() {
        assert_eq!(
            fields("1,\"the \"RED\" team\",x\"y\n"),
            vec![vec!["1", "the \"RED\" team", "x\"y"]]
        );
        assert_eq!(fields("1,\"a\"  ,b\n"), vec![vec!["1", "a", "b"]]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_naming_the_line_it_opened_on() {
        let error = read("sdn.csv", "1,\"a\"\n2,\"cut off here", &Limits::OFAC_CSV).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("sdn.csv line 2: {}", error.message)
        );
        assert!(error.message.contains("never closed"));
    }

    #[test]
    fn fields_rows_and_bytes_over_the_limits_are_refused() {
        let small = Limits {
            max_bytes: 100,
            max_rows: 2,
            max_field_bytes: 5,
        };
        let too_wide = read("t.csv", "ok\n123456\n", &small).unwrap_err();
        assert_eq!(too_wide.line_number(), Some(2));
        let too_many = read("t.csv", "a\nb\nc\n", &small).unwrap_err();
        assert_eq!(too_many.line_number(), Some(3));
        assert!(read("t.csv", &"a\n".repeat(60), &small).is_err());
        let commas = ",".repeat(MAX_FIELDS + 1);
        assert!(read("t.csv", &commas, &Limits::OFAC_CSV).is_err());
    }

    #[test]
    fn multibyte_text_survives() {
        assert_eq!(
            fields("\"Hyo’n-so’p\",Panamá\n"),
            vec![vec!["Hyo’n-so’p", "Panamá"]]
        );
    }
}
