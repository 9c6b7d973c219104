//! Query strings the pages build for their links (filters, pages of a list).

/// Percent-encodes a query value: everything but RFC 3986's unreserved characters.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The filters that are set, as `name=value&` each (the [`Pager`](crate::components::pager::Pager)
/// appends `page=`), so the pages of a filtered list keep its filters.
pub fn filters(set: &[(&str, &Option<String>)]) -> String {
    set.iter()
        .filter_map(|(name, value)| {
            value
                .as_ref()
                .map(|value| format!("{name}={}&", encode(value)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("person:12"), "person%3A12");
        assert_eq!(encode("a b&c=d"), "a%20b%26c%3Dd");
        assert_eq!(encode("Zoë"), "Zo%C3%AB", "UTF-8 bytes, each encoded");
        assert_eq!(encode("A-z_0.9~"), "A-z_0.9~", "unreserved characters stay");
    }

    #[test]
    fn only_the_filters_that_are_set_are_kept_encoded_and_in_order() {
        let (subject, none, action) = (Some("person:1".to_owned()), None, Some("a b".to_owned()));
        assert_eq!(
            filters(&[("subject", &subject), ("actor", &none), ("action", &action)]),
            "subject=person%3A1&action=a%20b&"
        );
        assert_eq!(filters(&[("actor", &none)]), "");
    }
}
