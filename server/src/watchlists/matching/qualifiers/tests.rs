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

#[test]
fn a_year_window_spans_every_entry_and_needs_a_date_for_each() {
    let (a, b) = (
        [date("1979-09-21")],
        [date("circa 1985"), date("1968 to 1970")],
    );
    let window = YearWindow::of([&a[..], &b[..]]);
    assert_eq!(
        window,
        Some(YearWindow {
            from: 1968,
            to: 1986
        })
    );
    assert_eq!(
        YearWindow::of([&a[..], &[][..]]),
        None,
        "an entry without a date"
    );
    let window = window.unwrap_or(YearWindow { from: 0, to: 0 });
    assert!(window.excludes(&date("1960")));
    assert!(window.excludes(&date("1987-01-01")));
    assert!(!window.excludes(&date("1986")));
    assert!(!window.excludes(&date("1960 to 1968")));
    // Every date outside the window is year-disjoint from every entry's, as compare_dob says.
    for query in ["1960", "1987-01-01", "1950 to 1967"] {
        let query = date(query);
        assert!(window.excludes(&query));
        assert_eq!(compare_dob(Some(&query), &a), DobAgreement::YearDisjoint);
        assert_eq!(compare_dob(Some(&query), &b), DobAgreement::YearDisjoint);
    }
}

#[test]
fn the_room_is_what_the_qualifiers_can_still_add() {
    let window = Some(YearWindow {
        from: 1979,
        to: 1979,
    });
    let none = QueryQualifiers::new(None, None);
    assert_eq!(none.room(window), 0.0);
    let both = QueryQualifiers::new(Some("1979-09-21"), Some("North Korea"));
    assert_eq!(both.room(window), DOB_EXACT_BONUS + NATIONALITY_MATCH_BONUS);
    assert_eq!(both.room(None), DOB_EXACT_BONUS + NATIONALITY_MATCH_BONUS);
    let far = QueryQualifiers::new(Some("1990"), Some("KP"));
    assert_eq!(
        far.room(window),
        NATIONALITY_MATCH_BONUS - DOB_YEAR_DISJOINT_PENALTY
    );
    assert_eq!(
        far.room(None),
        DOB_EXACT_BONUS + NATIONALITY_MATCH_BONUS,
        "an undated entry"
    );
}
