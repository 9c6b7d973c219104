//! An element as quick-xml reports it, decoded into owned strings: its local name (namespace
//! prefix dropped; the real file puts everything in one default namespace) and its attributes,
//! unescaped. Malformed or oversized attributes are refused here.

use quick_xml::events::BytesStart;

use crate::watchlists::error::snippet;
use crate::watchlists::limits::Limits;

/// An element's attributes, decoded and unescaped, by local name.
#[derive(Debug, Default)]
pub struct Attributes(pub Vec<(String, String)>);

impl Attributes {
    /// The trimmed value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.trim())
    }

    /// The value of `key` when present and not blank.
    pub fn owned(&self, key: &str) -> Option<String> {
        self.get(key)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    }

    /// `key="true"` (or `"1"`, as XML Schema booleans allow).
    pub fn is_true(&self, key: &str) -> bool {
        matches!(self.get(key), Some("true" | "1"))
    }

    /// Anything but `key="false"`, for flags whose absence means yes.
    pub fn is_not_false(&self, key: &str) -> bool {
        !matches!(self.get(key), Some("false" | "0"))
    }
}

/// An element's local name (any namespace prefix dropped) and its attributes, decoded and
/// unescaped. The error is a message for the collector to place.
pub fn element(start: &BytesStart<'_>, limits: &Limits) -> Result<(String, Attributes), String> {
    let name = utf8_name(start.local_name().into_inner())?;
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|error| {
            format!(
                "<{}> has a malformed attribute ({error}): the file is damaged",
                snippet(&name)
            )
        })?;
        let key = utf8_name(attribute.key.local_name().into_inner())?;
        let value = attribute
            .decode_and_unescape_value(start.decoder())
            .map_err(|error| {
                format!(
                    "<{}> has a bad {} attribute ({error}): the file is damaged",
                    snippet(&name),
                    snippet(&key)
                )
            })?;
        if value.len() > limits.max_field_bytes {
            return Err(format!(
                "<{}> has a {} attribute over {} bytes: the file is damaged or not this format",
                snippet(&name),
                snippet(&key),
                limits.max_field_bytes
            ));
        }
        attributes.push((key, value.into_owned()));
    }
    Ok((name, Attributes(attributes)))
}

fn utf8_name(bytes: &[u8]) -> Result<String, String> {
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|_| {
        "an element or attribute name is not UTF-8 text: the file is damaged".to_owned()
    })
}
