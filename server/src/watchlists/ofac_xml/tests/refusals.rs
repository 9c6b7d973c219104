//! What the `SDN_ADVANCED.XML` parser refuses (with the file, the line and the element path),
//! and inputs it must survive.

use super::*;
use crate::watchlists::error::Location;
use crate::watchlists::mutate;

/// The 1-based line on which `needle` first appears in `bytes`.
fn line_of(bytes: &[u8], needle: &str) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let at = text.find(needle).unwrap();
    1 + text[..at].matches('\n').count()
}

/// A small file: `parties` on their own lines from line 4, then the reference tables they use
/// (after the parties, which the parser must accept).
fn document(parties: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <DistinctParties>
{parties}
  </DistinctParties>
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1">Name</AliasType></AliasTypeValues>
    <PartySubTypeValues><PartySubType ID="4" PartyTypeID="5">Unknown</PartySubType></PartySubTypeValues>
    <PartyTypeValues><PartyType ID="5">Individual</PartyType></PartyTypeValues>
  </ReferenceValueSets>
</Sanctions>
"#
    )
}

/// One individual with one name, on one line.
fn party(fixed_ref: &str, name: &str) -> String {
    format!(
        r#"<DistinctParty FixedRef="{fixed_ref}"><Profile ID="{fixed_ref}" PartySubTypeID="4"><Identity ID="1{fixed_ref}" Primary="true"><Alias AliasTypeID="1" Primary="true" LowQuality="false"><DocumentedName><DocumentedNamePart><NamePartValue>{name}</NamePartValue></DocumentedNamePart></DocumentedName></Alias></Identity></Profile></DistinctParty>"#
    )
}

fn refused(text: &str) -> ParseError {
    parse_ofac_xml(OFAC_SDN_SOURCE, text.as_bytes()).unwrap_err()
}

#[test]
fn a_minimal_file_with_its_tables_last_is_read_and_entities_resolved() {
    let text = document(&party("7", "KIM &amp; PARK TRADING &#x43;O."));
    let entries = parse_ofac_xml(OFAC_SDN_SOURCE, text.as_bytes()).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].id, "7");
    assert_eq!(entries[0].name, "KIM & PARK TRADING CO.");
    assert_eq!(entries[0].kind, EntryKind::Person);
}

#[test]
fn a_file_cut_in_half_is_refused_naming_the_line_and_the_open_element() {
    let cut = &SAMPLE[..SAMPLE.len() / 2];
    let error = parse_ofac_xml(OFAC_SDN_SOURCE, cut).unwrap_err();
    assert_eq!(error.file, "sdn_advanced.xml");
    let last_line = 1 + cut.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(error.line_number(), Some(last_line), "{error}");
    assert!(
        error
            .message
            .contains("in Sanctions/DistinctParties/DistinctParty[FixedRef="),
        "{error}"
    );
}

#[test]
fn a_file_cut_between_elements_is_truncated() {
    let text = std::str::from_utf8(SAMPLE).unwrap();
    let at = text.find("</DistinctParties>").unwrap();
    let error = parse_ofac_xml(OFAC_SDN_SOURCE, &SAMPLE[..at]).unwrap_err();
    assert!(
        error.to_string().starts_with(&format!(
            "sdn_advanced.xml line {}: in Sanctions/DistinctParties: the file ends",
            line_of(SAMPLE, "</DistinctParties>")
        )),
        "{error}"
    );
    assert!(error.message.ends_with("it is truncated"), "{error}");
}

#[test]
fn every_cut_before_the_root_closes_is_refused() {
    let end = SAMPLE.len() - 1; // the file ends "</Sanctions>\n"
    for cut in (0..end).step_by(37) {
        let result = parse_ofac_xml(OFAC_SDN_SOURCE, &SAMPLE[..cut]);
        assert!(result.is_err(), "a cut at byte {cut} was accepted");
    }
    assert!(parse_ofac_xml(OFAC_SDN_SOURCE, &SAMPLE[..end]).is_ok());
}

#[test]
fn a_mismatched_end_tag_is_refused_naming_the_element_it_should_close() {
    let damaged = sample_with(
        "</Feature>\n      </Profile>\n    </DistinctParty>\n    <DistinctParty FixedRef=\"27307\">",
        "</Profile>\n      </Profile>\n    </DistinctParty>\n    <DistinctParty FixedRef=\"27307\">",
    );
    let error = parse_ofac_xml(OFAC_SDN_SOURCE, &damaged).unwrap_err();
    let line = line_of(&damaged, "</Profile>\n      </Profile>");
    assert_eq!(error.line_number(), Some(line), "{error}");
    assert!(
        error.message.contains("DistinctParty[FixedRef=24977]"),
        "{error}"
    );
    assert!(
        error
            .message
            .contains("expected `</Feature>`, but `</Profile>`"),
        "{error}"
    );
}

#[test]
fn a_bad_attribute_is_refused_naming_its_line() {
    let damaged = sample_with(
        r#"<DistinctParty FixedRef="27307">"#,
        r#"<DistinctParty FixedRef=27307>"#,
    );
    let error = parse_ofac_xml(OFAC_SDN_SOURCE, &damaged).unwrap_err();
    assert_eq!(
        error.line_number(),
        Some(line_of(&damaged, "FixedRef=27307>"))
    );
    assert!(error.message.contains("malformed attribute"), "{error}");
    assert!(error.message.starts_with("in Sanctions/DistinctParties: "));
}

#[test]
fn text_that_is_not_utf8_is_refused_naming_the_element() {
    let mut damaged = SAMPLE.to_vec();
    let at = std::str::from_utf8(SAMPLE)
        .unwrap()
        .find("LAZARUS GROUP")
        .unwrap();
    damaged[at + "LAZARUS".len()] = 0xFF;
    let error = parse_ofac_xml(OFAC_SDN_SOURCE, &damaged).unwrap_err();
    assert_eq!(error.line_number(), Some(line_of(SAMPLE, "LAZARUS GROUP")));
    assert!(
        error.message.contains("DistinctParty[FixedRef=27307]"),
        "{error}"
    );
    assert!(error.message.contains("/NamePartValue: "), "{error}");
    assert!(error.message.contains("not UTF-8"), "{error}");
}

#[test]
fn a_file_of_another_format_is_refused_naming_the_file() {
    let error =
        refused(r#"<?xml version="1.0"?><sdnList><sdnEntry><uid>1</uid></sdnEntry></sdnList>"#);
    assert_eq!(error.location, Location::File);
    assert!(
        error
            .to_string()
            .starts_with("sdn_advanced.xml: has the root element <sdnList>"),
        "{error}"
    );
    let error = refused("24977,\"YANBIAN SILVERSTAR\",-0- \n");
    assert_eq!(error.location, Location::File);
    assert!(error.message.contains("does not start with an XML element"));
}

#[test]
fn an_empty_file_or_one_without_parties_is_refused() {
    for empty in [
        "",
        "  \n",
        "\u{feff}",
        "<?xml version=\"1.0\"?>\n<!-- nothing -->\n",
    ] {
        let error = refused(empty);
        assert_eq!(error.location, Location::File, "{empty:?}");
        assert!(error.message.starts_with("is empty"), "{error}");
    }
    let empty_list = document("");
    for no_parties in ["<Sanctions/>", empty_list.as_str()] {
        let error = refused(no_parties);
        assert_eq!(error.location, Location::File);
        assert!(error.message.starts_with("has no entries"), "{error}");
    }
}

#[test]
fn a_party_without_a_fixed_ref_or_a_name_is_refused_naming_it() {
    let error = refused(&document(
        r#"<DistinctParty><Profile ID="1"/></DistinctParty>"#,
    ));
    assert_eq!(error.line_number(), Some(4));
    assert!(error.message.contains("without a FixedRef"), "{error}");

    let error = refused(&document(r#"<DistinctParty FixedRef="1x"/>"#));
    assert!(
        error
            .message
            .contains("FixedRef \"1x\" is not a whole number"),
        "{error}"
    );

    let nameless = r#"<DistinctParty FixedRef="9"><Profile ID="9"><Identity ID="1"><Alias AliasTypeID="1" Primary="true"><DocumentedName><DocumentedNamePart><NamePartValue>  </NamePartValue></DocumentedNamePart></DocumentedName></Alias></Identity></Profile></DistinctParty>"#;
    let error = refused(&document(nameless));
    assert_eq!(error.line_number(), Some(4));
    assert!(
        error.message.starts_with(
            "in Sanctions/DistinctParties/DistinctParty[FixedRef=9]: DistinctParty 9 has no name"
        ),
        "{error}"
    );
}

#[test]
fn a_repeated_fixed_ref_is_refused() {
    let twice = format!("{}\n{}", party("7", "A"), party("7", "B"));
    let error = refused(&document(&twice));
    assert_eq!(error.line_number(), Some(5));
    assert!(
        error
            .message
            .contains("repeats FixedRef 7 (first on line 4)"),
        "{error}"
    );
}

#[test]
fn malformed_references_and_structure_are_refused() {
    let error = refused(&document(&party("7", "A &nbsp; B")));
    assert!(error.message.contains("entity &nbsp;"), "{error}");
    let error = refused(&document(&party("7", "A &amp B")));
    assert_eq!(error.line_number(), Some(4), "{error}");
    let error = refused(&format!("{}<Sanctions/>", document(&party("7", "A"))));
    assert!(error.message.contains("second root element"), "{error}");
    let error = refused(&format!("{}junk", document(&party("7", "A"))));
    assert!(error.message.contains("text after </Sanctions>"), "{error}");
    let deep = format!("{}{}", "<X>".repeat(70), "</X>".repeat(70));
    let error = refused(&document(&deep));
    assert!(error.message.contains("more than 64 deep"), "{error}");
    let error = refused(&document(&format!(
        "<DistinctParty FixedRef=\"1\">{}</DistinctParty>",
        party("2", "A")
    )));
    assert!(error.message.contains("inside another"), "{error}");
}

#[test]
fn files_over_the_limits_are_refused() {
    let small = Limits {
        max_bytes: 1000,
        ..Limits::OFAC_XML
    };
    let error = parse_ofac_xml_with(OFAC_SDN_SOURCE, SAMPLE, &small).unwrap_err();
    assert_eq!(error.location, Location::File);
    assert!(
        error
            .to_string()
            .starts_with(&format!("sdn_advanced.xml: is {} bytes", SAMPLE.len())),
        "{error}"
    );

    let few_parties = Limits {
        max_rows: 2,
        ..Limits::OFAC_XML
    };
    let error = parse_ofac_xml_with(OFAC_SDN_SOURCE, SAMPLE, &few_parties).unwrap_err();
    assert_eq!(
        error.line_number(),
        Some(line_of(SAMPLE, r#"<DistinctParty FixedRef="90001">"#))
    );

    let short_values = Limits {
        max_field_bytes: 30,
        ..Limits::OFAC_XML
    };
    let error = parse_ofac_xml_with(OFAC_SDN_SOURCE, SAMPLE, &short_values).unwrap_err();
    assert!(error.message.contains("over 30 bytes"), "{error}");
    let long_text = format!(
        "<Sanctions><DistinctParties>{}</DistinctParties></Sanctions>",
        party("7", &"A".repeat(31))
    );
    let error = parse_ofac_xml_with(OFAC_SDN_SOURCE, long_text.as_bytes(), &short_values);
    assert!(error
        .unwrap_err()
        .message
        .contains("text value is over 30 bytes"));
}

#[test]
fn damaged_copies_of_the_sample_never_panic() {
    for damaged in mutate::mutations(SAMPLE, 41, 300) {
        if let Err(error) = parse_ofac_xml(OFAC_SDN_SOURCE, &damaged) {
            assert_eq!(error.file, OFAC_XML_FILE);
        }
    }
    for noise in mutate::noise(42, 100, 400) {
        assert!(parse_ofac_xml(OFAC_SDN_SOURCE, &noise).is_err());
    }
}
