//! OFAC's SDN list as `SDN_ADVANCED.XML` (INDICATORS.md §5.1, §5.3): the same parties as
//! `sdn.csv`, with every fact typed instead of packed into Remarks. A `DistinctParty`
//! (`FixedRef` = `ent_num`, so ids agree across the two formats) holds identities with aliases,
//! and features (`Digital Currency Address - ETH`, `Birthdate`, `Nationality Country`, …);
//! identity documents and sanctions programmes sit in sections of their own and point back by
//! Identity and Profile ID; every type is a number into the `ReferenceValueSets` tables.
//!
//! The file is read in one streaming pass (`collect.rs`: quick-xml events and a stack of open
//! elements, no tree), keeping only the facts entries need, so memory follows the entries, not
//! the markup. References are resolved by the tables' *text* once the whole file is read
//! (`resolve.rs`), so no reference number is hard-coded and sections may come in any order.
//! Facts are stored as [`super::ofac_csv`] stores them, so an entry reads the same from either
//! file.
//!
//! Refused, naming the line and the element path: malformed XML (an unclosed or mismatched tag,
//! a bad attribute, text that is not UTF-8, an unknown entity), a truncated file, a
//! `DistinctParty` without a `FixedRef` or a name, a repeated `FixedRef`. Refused naming the
//! file: a file over its [`Limits`], a root other than `Sanctions`, no `DistinctParty` at all.

mod attributes;
mod collect;
mod dates;
mod document;
mod reference;
mod resolve;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use self::attributes::element;
use self::collect::Collector;
use self::document::Document;
use super::entry::Entry;
use super::error::{snippet, ParseError};
use super::limits::Limits;

/// The file name used in errors.
pub const OFAC_XML_FILE: &str = "sdn_advanced.xml";

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses `bytes` under [`Limits::OFAC_XML`]. Entries come in `DistinctParty` order.
pub fn parse_ofac_xml(source: &str, bytes: &[u8]) -> Result<Vec<Entry>, ParseError> {
    parse_ofac_xml_with(source, bytes, &Limits::OFAC_XML)
}

/// [`parse_ofac_xml`] under the given limits.
pub fn parse_ofac_xml_with(
    source: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Entry>, ParseError> {
    limits.check_size(OFAC_XML_FILE, bytes.len())?;
    // Dropped here rather than by quick-xml, which would not count it in its positions.
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let document = read(bytes, limits)?;
    Ok(resolve::entries(source, document))
}

/// The streaming pass: quick-xml's events, fed to the [`Collector`].
fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let mut collector = Collector::new(bytes, limits);
    let mut reader = Reader::from_reader(bytes);
    loop {
        let at = offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let at = offset(reader.error_position());
                return Err(collector.malformed(at, format!("{error}: the file is damaged")));
            }
        };
        match event {
            Event::Start(start) => {
                let (name, attributes) =
                    element(&start, limits).map_err(|what| collector.malformed(at, what))?;
                collector.open(&name, &attributes, at)?;
            }
            Event::Empty(start) => {
                let (name, attributes) =
                    element(&start, limits).map_err(|what| collector.malformed(at, what))?;
                collector.open(&name, &attributes, at)?;
                collector.close(at)?;
            }
            Event::End(_) => collector.close(at)?,
            Event::Text(text) => {
                let text = text
                    .decode()
                    .map_err(|error| not_utf8(&collector, at, &error))?;
                collector.text(&text, at)?;
            }
            Event::CData(data) => {
                let text = data
                    .decode()
                    .map_err(|error| not_utf8(&collector, at, &error))?;
                collector.text(&text, at)?;
            }
            Event::GeneralRef(reference) => {
                let text =
                    reference_text(&reference).map_err(|what| collector.malformed(at, what))?;
                collector.text(&text, at)?;
            }
            Event::Eof => return collector.finish(),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

fn not_utf8(collector: &Collector<'_>, at: usize, error: &impl std::fmt::Display) -> ParseError {
    collector.malformed(
        at,
        format!("text that is not UTF-8 ({error}): the file is damaged or not this format"),
    )
}

/// `&amp;` → `&`, `&#233;` → `é`. quick-xml reports a reference apart from the text around
/// it; only XML's five predefined entities exist (a DOCTYPE's own entities are not expanded).
fn reference_text(reference: &BytesRef<'_>) -> Result<String, String> {
    match reference.resolve_char_ref() {
        Ok(Some(character)) => return Ok(character.to_string()),
        Ok(None) => {}
        Err(error) => return Err(format!("a bad character reference ({error})")),
    }
    let name = reference
        .decode()
        .map_err(|error| format!("a reference that is not UTF-8 ({error})"))?;
    resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "the entity &{}; is not one of XML's own (&amp; &lt; &gt; &quot; &apos;)",
                snippet(&name)
            )
        })
}

/// quick-xml positions as indexes into the input.
fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// The 1-based line of byte `at` (the last line for an offset past the end). Counted only when
/// an error is reported, so a valid file never pays for it.
fn line_at(bytes: &[u8], at: usize) -> usize {
    let before = bytes.get(..at).unwrap_or(bytes);
    1 + before.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests;
