//! How big a list file may be. Every parser refuses an input over its limits with a clear error
//! before doing any work, so a huge or hostile upload costs one length check (issue 4 item 6).
//! Memory use is proportional to the input: nothing is pre-allocated from a number in the file.

use super::error::ParseError;

const MIB: usize = 1024 * 1024;

/// The limits one parse runs under. Each format has documented defaults; tests and callers may
/// pass smaller ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes per file.
    pub max_bytes: usize,
    /// Records per file: CSV rows (a header row included), non-blank JSON lines, or XML list
    /// entries (OFAC's `DistinctParty`).
    pub max_rows: usize,
    /// Bytes per CSV field, per JSON line, or per XML text or attribute value.
    pub max_field_bytes: usize,
}

impl Limits {
    /// OFAC CSV set, per file. The live `sdn.csv` is about 5 MB and 18,000 rows; a Remarks
    /// field is cut by OFAC at about 1,000 characters (the rest goes to `sdn_comments.csv`).
    pub const OFAC_CSV: Limits = Limits {
        max_bytes: 64 * MIB,
        max_rows: 1_000_000,
        max_field_bytes: 64 * 1024,
    };

    /// OFAC `SDN_ADVANCED.XML`. The same ~18,000 parties as `sdn.csv`, but every fact is its own
    /// element tree with reference IDs, so the file is many times larger than the CSV set.
    /// Text values are short (names, addresses, document numbers).
    pub const OFAC_XML: Limits = Limits {
        max_bytes: 256 * MIB,
        max_rows: 1_000_000,
        max_field_bytes: 64 * 1024,
    };

    /// OpenSanctions `entities.ftm.json` (one entity per line). A single dataset export such as
    /// `us_ofac_sdn` is well under this; the whole `default` collection is not, and has to be
    /// narrowed to a dataset before import.
    pub const FTM: Limits = Limits {
        max_bytes: 1024 * MIB,
        max_rows: 5_000_000,
        max_field_bytes: 4 * MIB,
    };

    /// OpenSanctions `targets.simple.csv`.
    pub const TARGETS_SIMPLE: Limits = Limits {
        max_bytes: 1024 * MIB,
        max_rows: 5_000_000,
        max_field_bytes: MIB,
    };

    /// A custom list (`kind,value,label,source`): hand-curated, so small.
    pub const CUSTOM: Limits = Limits {
        max_bytes: 16 * MIB,
        max_rows: 200_000,
        max_field_bytes: 4 * 1024,
    };

    /// Refuses a file longer than [`Limits::max_bytes`].
    pub fn check_size(&self, file: &str, len: usize) -> Result<(), ParseError> {
        if len > self.max_bytes {
            return Err(ParseError::file(
                file,
                format!(
                    "is {} bytes; at most {} bytes are read: split the list or import one \
                     dataset at a time",
                    len, self.max_bytes
                ),
            ));
        }
        Ok(())
    }

    /// Refuses the record that goes over [`Limits::max_rows`].
    pub fn check_rows(&self, file: &str, line: usize, rows: usize) -> Result<(), ParseError> {
        if rows > self.max_rows {
            return Err(ParseError::line(
                file,
                line,
                format!(
                    "is past the limit of {} rows per file: split the list",
                    self.max_rows
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_byte_limit_is_refused_naming_the_file() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::CUSTOM
        };
        assert!(limits.check_size("custom.csv", 10).is_ok());
        let error = limits.check_size("custom.csv", 11).unwrap_err();
        assert!(error.to_string().starts_with("custom.csv: is 11 bytes"));
    }

    #[test]
    fn the_row_past_the_limit_is_named() {
        let limits = Limits {
            max_rows: 2,
            ..Limits::CUSTOM
        };
        assert!(limits.check_rows("custom.csv", 3, 2).is_ok());
        let error = limits.check_rows("custom.csv", 4, 3).unwrap_err();
        assert_eq!(error.line_number(), Some(4));
    }
}
