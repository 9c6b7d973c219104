//! The one pass over the file: a stack of open elements and, for each kind of element the
//! parser reads, the draft it is filling (what each element means is in `elements.rs`).
//! Everything the parser does not read (`ProfileRelationships`, `EntryEvent`,
//! `NamePartGroups`, …) passes through untouched. Errors name the line and the element path
//! (`Sanctions/DistinctParties/DistinctParty[FixedRef=27307]/Profile[ID=27307]`).

mod elements;

use std::collections::HashMap;

use super::attributes::Attributes;
use super::dates::DatePeriod;
use super::document::{Document, Feature, IdDocument, Party};
use super::reference::Location;
use super::{line_at, OFAC_XML_FILE};
use crate::watchlists::error::{snippet, ParseError};
use crate::watchlists::limits::Limits;

/// The root element of `SDN_ADVANCED.XML`.
const ROOT: &str = "Sanctions";

/// The real file nests about ten deep; a deeper file is damaged or hostile.
const MAX_DEPTH: usize = 64;

/// An open element, as named in error paths.
#[derive(Debug)]
struct Frame {
    name: String,
    /// `FixedRef=27307` for a `DistinctParty`, `ID=…` for anything with an ID.
    key: Option<String>,
}

impl Frame {
    fn label(&self) -> String {
        match &self.key {
            Some(key) => format!("{}[{key}]", self.name),
            None => self.name.clone(),
        }
    }
}

/// The name of the open element `n` levels up (0: the innermost).
fn ancestor(stack: &[Frame], n: usize) -> Option<&str> {
    let index = stack.len().checked_sub(n + 1)?;
    stack.get(index).map(|frame| frame.name.as_str())
}

/// The alias a `DocumentedName` belongs to.
#[derive(Debug)]
struct OpenAlias {
    type_id: String,
    primary: bool,
    low_quality: bool,
}

/// A reference value (`<FeatureType ID="…" …>`) whose text is still to come.
#[derive(Debug)]
struct OpenReference {
    id: String,
    party_type: Option<String>,
}

/// The pass's state. Feed it [`Collector::open`], [`Collector::text`] and
/// [`Collector::close`] in document order, then [`Collector::finish`].
pub struct Collector<'a> {
    /// The whole input, for line numbers in errors.
    bytes: &'a [u8],
    limits: &'a Limits,
    stack: Vec<Frame>,
    root_seen: bool,
    /// The text of the innermost element so far.
    text: String,
    document: Document,
    /// FixedRef → offset of its first DistinctParty.
    fixed_refs: HashMap<u64, usize>,
    party: Option<Party>,
    primary_identity: bool,
    alias: Option<OpenAlias>,
    name_parts: Option<Vec<String>>,
    feature: Option<Feature>,
    date: Option<DatePeriod>,
    location: Option<(String, Location)>,
    primary_location_part: bool,
    id_document: Option<IdDocument>,
    entry_profile: Option<String>,
    measure_type: Option<String>,
    reference: Option<OpenReference>,
}

impl<'a> Collector<'a> {
    pub fn new(bytes: &'a [u8], limits: &'a Limits) -> Collector<'a> {
        Collector {
            bytes,
            limits,
            stack: Vec::new(),
            root_seen: false,
            text: String::new(),
            document: Document::default(),
            fixed_refs: HashMap::new(),
            party: None,
            primary_identity: true,
            alias: None,
            name_parts: None,
            feature: None,
            date: None,
            location: None,
            primary_location_part: true,
            id_document: None,
            entry_profile: None,
            measure_type: None,
            reference: None,
        }
    }

    /// A problem at byte `at`, inside the elements open now.
    pub fn malformed(&self, at: usize, what: impl Into<String>) -> ParseError {
        self.error_in(at, None, what)
    }

    /// A problem at byte `at`, inside the open elements and then `current` (an element being
    /// opened or closed, which is not on the stack).
    fn error_in(&self, at: usize, current: Option<&Frame>, what: impl Into<String>) -> ParseError {
        let path: Vec<String> = self.stack.iter().chain(current).map(Frame::label).collect();
        let what = what.into();
        let message = if path.is_empty() {
            what
        } else {
            format!("in {}: {what}", path.join("/"))
        };
        ParseError::line(OFAC_XML_FILE, line_at(self.bytes, at), message)
    }

    /// A start tag at byte `at` (an empty-element tag is an [`Collector::open`] and a
    /// [`Collector::close`]).
    pub fn open(
        &mut self,
        name: &str,
        attributes: &Attributes,
        at: usize,
    ) -> Result<(), ParseError> {
        if self.stack.is_empty() {
            self.open_root(name, at)?;
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.malformed(
                at,
                format!("elements nest more than {MAX_DEPTH} deep: the file is damaged"),
            ));
        }
        let key_name = if name == "DistinctParty" {
            "FixedRef"
        } else {
            "ID"
        };
        let frame = Frame {
            name: name.to_owned(),
            key: attributes
                .get(key_name)
                .map(|value| format!("{key_name}={}", snippet(value))),
        };
        self.text.clear();
        self.start(&frame, attributes, at)?;
        self.stack.push(frame);
        Ok(())
    }

    fn open_root(&mut self, name: &str, at: usize) -> Result<(), ParseError> {
        if self.root_seen {
            return Err(self.malformed(
                at,
                format!(
                    "a second root element <{}> follows </{ROOT}>: the file is damaged",
                    snippet(name)
                ),
            ));
        }
        if name != ROOT {
            return Err(ParseError::file(
                OFAC_XML_FILE,
                format!(
                    "has the root element <{}> where OFAC's SDN_ADVANCED.XML has <{ROOT}>: this \
                     is not that file",
                    snippet(name)
                ),
            ));
        }
        self.root_seen = true;
        Ok(())
    }

    /// Text (or a resolved reference, or CDATA) inside the innermost element.
    pub fn text(&mut self, piece: &str, at: usize) -> Result<(), ParseError> {
        if self.stack.is_empty() {
            if piece.trim().is_empty() {
                return Ok(());
            }
            if !self.root_seen {
                return Err(ParseError::file(
                    OFAC_XML_FILE,
                    "does not start with an XML element: this is not OFAC's SDN_ADVANCED.XML",
                ));
            }
            return Err(
                self.malformed(at, format!("has text after </{ROOT}>: the file is damaged"))
            );
        }
        if self.text.len() + piece.len() > self.limits.max_field_bytes {
            return Err(self.malformed(
                at,
                format!(
                    "a text value is over {} bytes: the file is damaged or not this format",
                    self.limits.max_field_bytes
                ),
            ));
        }
        self.text.push_str(piece);
        Ok(())
    }

    /// An end tag at byte `at`. quick-xml has checked it matches the innermost start tag.
    pub fn close(&mut self, at: usize) -> Result<(), ParseError> {
        let Some(frame) = self.stack.pop() else {
            return Err(self.malformed(at, "an end tag closes no element: the file is damaged"));
        };
        let result = self.end(&frame);
        self.text.clear();
        result
    }

    /// The end of the file: every element closed, a `Sanctions` root, at least one party.
    pub fn finish(self) -> Result<Document, ParseError> {
        if !self.stack.is_empty() {
            return Err(self.malformed(
                self.bytes.len(),
                "the file ends before this element is closed: it is truncated",
            ));
        }
        if !self.root_seen {
            return Err(ParseError::file(
                OFAC_XML_FILE,
                format!("is empty: expected OFAC's SDN_ADVANCED.XML (root element <{ROOT}>)"),
            ));
        }
        if self.document.parties.is_empty() {
            return Err(ParseError::file(
                OFAC_XML_FILE,
                "has no entries (no DistinctParty element): the file is damaged or not this \
                 format",
            ));
        }
        Ok(self.document)
    }

    /// `ReferenceValueSets/<X>Values/<X>`, when the stack is at `<X>Values`.
    fn in_reference_values(&self) -> bool {
        ancestor(&self.stack, 0).is_some_and(|values| values.ends_with("Values"))
            && ancestor(&self.stack, 1) == Some("ReferenceValueSets")
    }
}
