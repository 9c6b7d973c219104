//! Bytes to text. OFAC's CSV files and hand-made custom lists (saved from a spreadsheet on
//! Windows) may be Windows-1252 rather than UTF-8 (INDICATORS.md §5.2). The rule, per file:
//! a leading UTF-8 byte-order mark is dropped; valid UTF-8 is read as UTF-8; anything else is
//! read as Windows-1252, where every byte has a meaning (the five bytes 1252 leaves undefined
//! become U+FFFD). So these decoders never fail; OpenSanctions files, which are UTF-8 by
//! contract, use [`utf8_strict`] instead and are refused naming the first bad line.

use std::borrow::Cow;

use super::error::ParseError;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Which decoding [`lenient`] used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

/// UTF-8 if the whole file is valid UTF-8, otherwise Windows-1252. Never fails.
pub fn lenient(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => (
            Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
            Encoding::Windows1252,
        ),
    }
}

/// UTF-8 or an error naming the line of the first invalid byte.
pub fn utf8_strict<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ParseError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let before = bytes.get(..error.valid_up_to()).unwrap_or_default();
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        ParseError::line(
            file,
            line,
            "is not UTF-8 text (OpenSanctions files are UTF-8): the file is damaged or is not \
             this format",
        )
    })
}

/// Windows-1252: 0x80..=0x9F differ from Latin-1; the rest are the same code points.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{FFFD}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{FFFD}',
        '\u{017D}', '\u{FFFD}', '\u{FFFD}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{FFFD}', '\u{017E}', '\u{0178}',
    ];
    match byte {
        0x80..=0x9F => HIGH
            .get(usize::from(byte - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_as_utf8_without_its_byte_order_mark() {
        let (text, encoding) = lenient("\u{feff}Panamá".as_bytes());
        assert_eq!(text, "Panamá");
        assert_eq!(encoding, Encoding::Utf8);
    }

    #[test]
    fn other_bytes_are_read_as_windows_1252() {
        let (text, encoding) = lenient(b"Panam\xE1 \x93quoted\x94 \x80 \x81");
        assert_eq!(text, "Panamá \u{201C}quoted\u{201D} € \u{FFFD}");
        assert_eq!(encoding, Encoding::Windows1252);
    }

    #[test]
    fn every_byte_decodes_to_one_character() {
        let all: Vec<u8> = (0..=255u8).collect();
        let (text, _) = lenient(&all);
        assert_eq!(text.chars().count(), 256);
    }

    #[test]
    fn strict_utf8_names_the_line_of_the_first_bad_byte() {
        let error = utf8_strict("targets.simple.csv", b"id,name\nok,fine\nbad,\xFF\n").unwrap_err();
        assert_eq!(error.line_number(), Some(3));
        assert_eq!(utf8_strict("x", b"\xEF\xBB\xBFok").unwrap(), "ok");
    }
}
