use super::*;

fn date(text: &str) -> DateSpec {
    parse_date(text).unwrap_or_else(|| panic!("unreadable: {text}"))
}

#[test]
fn list_and_profile_dates_are_read() {
    let sep21 = DateSpec {
        year_from: 1979,
        year_to: 1979,
        month: Some(9),
        day: Some(21),
    };
    assert_eq!(date("21 Sep 1979"), sep21);
    assert_eq!(date("1979-09-21"), sep21);
    assert_eq!(date("September 21, 1979"), sep21);
    assert_eq!(date("Sept 21 1979"), sep21);
    assert_eq!(
        date("1979"),
        DateSpec {
            year_from: 1979,
            year_to: 1979,
            month: None,
            day: None
        }
    );
    assert_eq!(
        date("circa 1979"),
        DateSpec {
            year_from: 1978,
            year_to: 1980,
            month: None,
            day: None
        }
    );
    assert_eq!(
        date("1968 to 1970"),
        DateSpec {
            year_from: 1968,
            year_to: 1970,
            month: None,
            day: None
        }
    );
    assert_eq!(date("Sep 1979").month, Some(9));
    assert_eq!(parse_date(""), None);
    assert_eq!(parse_date("unknown"), None);
    assert_eq!(parse_date("1979-13-01"), None);
    assert_eq!(parse_date("99999999999999999999"), None);
}

#[test]
fn dates_agree_or_disagree() {
    let listed = [date("21 Sep 1979")];
    assert_eq!(
        compare_dob(Some(&date("1979-09-21")), &listed),
        DobAgreement::Exact
    );
    assert_eq!(
        compare_dob(Some(&date("1979-10-21")), &listed),
        DobAgreement::DayDisjoint
    );
    assert_eq!(
        compare_dob(Some(&date("1981-09-21")), &listed),
        DobAgreement::YearDisjoint
    );
    assert_eq!(
        compare_dob(Some(&date("1979")), &listed),
        DobAgreement::Consistent
    );
    assert_eq!(
        compare_dob(Some(&date("1980-01-01")), &[date("circa 1979")]),
        DobAgreement::Consistent
    );
    assert_eq!(compare_dob(None, &listed), DobAgreement::Unknown);
    assert_eq!(
        compare_dob(Some(&date("1979-09-21")), &[]),
        DobAgreement::Unknown
    );
    // The best of several listed dates counts.
    let several = [date("1975"), date("21 Sep 1979")];
    assert_eq!(
        compare_dob(Some(&date("1979-09-21")), &several),
        DobAgreement::Exact
    );
    assert!(DobAgreement::DayDisjoint.contradicts() && !DobAgreement::Exact.contradicts());
    assert!(
        DobAgreement::Exact.adjustment() > 0.0
            && DobAgreement::YearDisjoint.adjustment() < DobAgreement::DayDisjoint.adjustment()
    );
}

#[test]
fn nationalities_compare_by_code() {
    assert_eq!(canonical_country("Korea, North").as_deref(), Some("KP"));
    assert_eq!(canonical_country("kp").as_deref(), Some("KP"));
    assert_eq!(canonical_country(" "), None);
    let listed = vec!["KP".to_owned()];
    assert_eq!(
        compare_nationality(Some("KP"), &listed),
        NationalityAgreement::Match
    );
    assert_eq!(
        compare_nationality(Some("CN"), &listed),
        NationalityAgreement::Mismatch
    );
    assert_eq!(
        compare_nationality(None, &listed),
        NationalityAgreement::Unknown
    );
    assert_eq!(
        compare_nationality(Some("KP"), &[]),
        NationalityAgreement::Unknown
    );
}
