//! What the OFAC parser refuses (with the file and line), and inputs it must survive.

use super::*;

fn line_of(bytes: &[u8], needle: &str) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let at = text.find(needle).unwrap();
    (at, 1 + text[..at].matches('\n').count())
}

#[test]
fn a_file_cut_inside_a_quoted_field_is_refused_naming_the_line() {
    let (at, line) = line_of(SDN, "songil.pak");
    let cut = OfacCsvFiles {
        sdn: &SDN[..at],
        ..files()
    };
    let error = parse_ofac_csv(OFAC_SDN_SOURCE, &cut).unwrap_err();
    assert_eq!(error.file, "sdn.csv");
    assert_eq!(error.line_number(), Some(line));
    assert!(error.to_string().contains("truncated"), "{error}");
}

#[test]
fn a_file_cut_between_fields_is_refused_naming_the_line() {
    let (at, line) = line_of(SDN, "\"individual\",\"DPRK3] [DPRK4\"");
    let cut = OfacCsvFiles {
        sdn: &SDN[..at],
        ..files()
    };
    let error = parse_ofac_csv(OFAC_SDN_SOURCE, &cut).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("sdn.csv line {line}: {}", error.message)
    );
    assert!(error.message.starts_with("has 3 fields"));
}

#[test]
fn a_bad_alias_file_is_refused_naming_it() {
    let bad = OfacCsvFiles {
        alt: b"24977,39421,\"aka\",\"YANBIAN SILVERSTAR\",-0- \n24977,39422,\"aka\"\n",
        ..files()
    };
    let error = parse_ofac_csv(OFAC_SDN_SOURCE, &bad).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("alt.csv line 2: has 3 fields"),
        "{error}"
    );
}

#[test]
fn a_repeated_ent_num_is_refused() {
    let mut twice = SDN.to_vec();
    twice.extend_from_slice(
        b"27307,\"AGAIN\",-0- ,\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
    );
    let error = parse_ofac_csv(
        OFAC_SDN_SOURCE,
        &OfacCsvFiles {
            sdn: &twice,
            ..files()
        },
    )
    .unwrap_err();
    assert_eq!(error.line_number(), Some(13));
    assert!(error.message.contains("first on line 3"), "{error}");
}

#[test]
fn files_over_the_limit_are_refused_before_any_work() {
    let small = Limits {
        max_bytes: 1000,
        ..Limits::OFAC_CSV
    };
    let error = parse_ofac_csv_with(OFAC_SDN_SOURCE, &files(), &small).unwrap_err();
    assert!(error.to_string().starts_with("sdn.csv: is "), "{error}");
    let few_rows = Limits {
        max_rows: 5,
        ..Limits::OFAC_CSV
    };
    let error = parse_ofac_csv_with(OFAC_SDN_SOURCE, &files(), &few_rows).unwrap_err();
    assert_eq!(error.line_number(), Some(6));
}

#[test]
fn absent_files_are_empty_and_an_empty_set_has_no_entries() {
    let only_sdn = OfacCsvFiles {
        sdn: SDN,
        ..OfacCsvFiles::default()
    };
    assert_eq!(
        parse_ofac_csv(OFAC_SDN_SOURCE, &only_sdn).unwrap().len(),
        12
    );
    assert!(parse_ofac_csv("x", &OfacCsvFiles::default())
        .unwrap()
        .is_empty());
}

#[test]
fn damaged_copies_of_the_sample_never_panic() {
    for (i, damaged) in mutate::mutations(SDN, 1, 150).iter().enumerate() {
        let sdn = damaged.as_slice();
        let _ = parse_ofac_csv(OFAC_SDN_SOURCE, &OfacCsvFiles { sdn, ..files() });
        let seed = i as u64;
        let alt = mutate::mutations(ALT, 2 + seed, 1).concat();
        let add = mutate::mutations(ADD, 500 + seed, 1).concat();
        let comments = mutate::mutations(COMMENTS, 900 + seed, 1).concat();
        let _ = parse_ofac_csv(
            OFAC_SDN_SOURCE,
            &OfacCsvFiles {
                sdn: SDN,
                alt: &alt,
                add: &add,
                comments: &comments,
            },
        );
    }
    for noise in mutate::noise(4, 100, 300) {
        let _ = parse_ofac_csv(
            OFAC_SDN_SOURCE,
            &OfacCsvFiles {
                sdn: &noise,
                alt: &noise,
                add: &noise,
                comments: &noise,
            },
        );
    }
}
