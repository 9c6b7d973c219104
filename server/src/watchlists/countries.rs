//! Country names as the lists write them, to ISO 3166-1 alpha-2 codes, so a list's
//! "nationality Korea, North" (OFAC, INDICATORS.md §5.2) and "kp" (OpenSanctions, §5.4) compare
//! with a profile's `KP`. A value that is not a known name is kept as written: the table covers
//! the names OFAC uses for countries that appear in sanctions entries, not every country.

/// (lower-case name as written by a list, ISO code). Several names may map to one code.
#[rustfmt::skip]
const NAMES: &[(&str, &str)] = &[
    ("korea, north", "KP"), ("north korea", "KP"), ("dprk", "KP"),
    ("democratic people's republic of korea", "KP"), ("korea, dpr", "KP"),
    ("korea, south", "KR"), ("south korea", "KR"), ("republic of korea", "KR"),
    ("korea, republic of", "KR"), ("china", "CN"), ("people's republic of china", "CN"),
    ("hong kong", "HK"), ("macau", "MO"), ("macao", "MO"), ("taiwan", "TW"), ("japan", "JP"),
    ("mongolia", "MN"), ("russia", "RU"), ("russian federation", "RU"), ("belarus", "BY"),
    ("ukraine", "UA"), ("iran", "IR"), ("iraq", "IQ"), ("syria", "SY"), ("lebanon", "LB"),
    ("yemen", "YE"), ("afghanistan", "AF"), ("pakistan", "PK"), ("india", "IN"),
    ("bangladesh", "BD"), ("nepal", "NP"), ("sri lanka", "LK"), ("burma", "MM"),
    ("myanmar", "MM"), ("thailand", "TH"), ("laos", "LA"), ("cambodia", "KH"),
    ("vietnam", "VN"), ("viet nam", "VN"), ("malaysia", "MY"), ("singapore", "SG"),
    ("indonesia", "ID"), ("philippines", "PH"), ("australia", "AU"), ("new zealand", "NZ"),
    ("united arab emirates", "AE"), ("uae", "AE"), ("saudi arabia", "SA"), ("qatar", "QA"),
    ("kuwait", "KW"), ("oman", "OM"), ("bahrain", "BH"), ("jordan", "JO"), ("israel", "IL"),
    ("turkey", "TR"), ("turkiye", "TR"), ("türkiye", "TR"), ("cyprus", "CY"), ("egypt", "EG"),
    ("libya", "LY"), ("sudan", "SD"), ("south sudan", "SS"), ("ethiopia", "ET"),
    ("eritrea", "ER"), ("somalia", "SO"), ("kenya", "KE"), ("uganda", "UG"),
    ("tanzania", "TZ"), ("angola", "AO"), ("mozambique", "MZ"), ("namibia", "NA"),
    ("zimbabwe", "ZW"), ("south africa", "ZA"), ("nigeria", "NG"), ("ghana", "GH"),
    ("mali", "ML"), ("niger", "NE"), ("chad", "TD"), ("cameroon", "CM"),
    ("central african republic", "CF"), ("congo, democratic republic of the", "CD"),
    ("equatorial guinea", "GQ"), ("senegal", "SN"), ("guinea", "GN"), ("morocco", "MA"),
    ("algeria", "DZ"), ("tunisia", "TN"), ("kazakhstan", "KZ"), ("uzbekistan", "UZ"),
    ("kyrgyzstan", "KG"), ("tajikistan", "TJ"), ("turkmenistan", "TM"), ("georgia", "GE"),
    ("armenia", "AM"), ("azerbaijan", "AZ"), ("moldova", "MD"), ("united kingdom", "GB"),
    ("germany", "DE"), ("france", "FR"), ("netherlands", "NL"), ("belgium", "BE"),
    ("switzerland", "CH"), ("austria", "AT"), ("italy", "IT"), ("spain", "ES"),
    ("portugal", "PT"), ("greece", "GR"), ("poland", "PL"), ("czech republic", "CZ"),
    ("czechia", "CZ"), ("slovakia", "SK"), ("hungary", "HU"), ("romania", "RO"),
    ("bulgaria", "BG"), ("serbia", "RS"), ("montenegro", "ME"), ("bosnia and herzegovina", "BA"),
    ("croatia", "HR"), ("slovenia", "SI"), ("albania", "AL"), ("north macedonia", "MK"),
    ("kosovo", "XK"), ("malta", "MT"), ("estonia", "EE"), ("latvia", "LV"),
    ("lithuania", "LT"), ("finland", "FI"), ("sweden", "SE"), ("norway", "NO"),
    ("denmark", "DK"), ("ireland", "IE"), ("luxembourg", "LU"), ("liechtenstein", "LI"),
    ("united states", "US"), ("united states of america", "US"), ("usa", "US"),
    ("canada", "CA"), ("mexico", "MX"), ("cuba", "CU"), ("venezuela", "VE"),
    ("nicaragua", "NI"), ("panama", "PA"), ("colombia", "CO"), ("brazil", "BR"),
    ("bolivia", "BO"), ("ecuador", "EC"), ("peru", "PE"), ("argentina", "AR"), ("chile", "CL"),
    ("belize", "BZ"), ("marshall islands", "MH"), ("liberia", "LR"), ("sierra leone", "SL"),
    ("seychelles", "SC"), ("british virgin islands", "VG"), ("virgin islands, british", "VG"),
    ("cayman islands", "KY"), ("saint kitts and nevis", "KN"), ("comoros", "KM"),
    ("tuvalu", "TV"), ("palau", "PW"), ("togo", "TG"), ("fiji", "FJ"), ("cameroun", "CM"),
];

/// The ISO alpha-2 code for a country value: a two-letter code (any case) is upper-cased; a
/// known name (any case, surrounding spaces and a final full stop ignored) is looked up.
pub fn iso2(value: &str) -> Option<&'static str> {
    let value = value.trim().trim_end_matches('.').trim();
    if value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = value.to_ascii_uppercase();
        return NAMES
            .iter()
            .map(|(_, code)| *code)
            .find(|code| *code == upper);
    }
    let lower = value.to_lowercase();
    NAMES
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, code)| *code)
}

/// [`iso2`] where derivable; otherwise the value as written (trimmed), upper-cased if it is two
/// letters. Empty for an empty value.
pub fn normalise(value: &str) -> String {
    let trimmed = value.trim();
    match iso2(trimmed) {
        Some(code) => code.to_owned(),
        None if trimmed.len() == 2 && trimmed.chars().all(|c| c.is_ascii_alphabetic()) => {
            trimmed.to_ascii_uppercase()
        }
        None => trimmed.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ofac_names_become_iso_codes() {
        assert_eq!(iso2("Korea, North"), Some("KP"));
        assert_eq!(iso2(" korea, north. "), Some("KP"));
        assert_eq!(iso2("China"), Some("CN"));
        assert_eq!(iso2("Russia"), Some("RU"));
        assert_eq!(iso2("Iran"), Some("IR"));
    }

    #[test]
    fn opensanctions_codes_are_upper_cased() {
        assert_eq!(normalise("kp"), "KP");
        assert_eq!(normalise("zz"), "ZZ");
    }

    #[test]
    fn unknown_names_are_kept_as_written() {
        assert_eq!(iso2("Atlantis"), None);
        assert_eq!(normalise(" Atlantis "), "Atlantis");
        assert_eq!(normalise("suhh"), "suhh");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn every_table_code_is_two_upper_case_letters() {
        for (name, code) in NAMES {
            assert_eq!(name.to_lowercase(), *name);
            assert!(
                code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()),
                "{code}"
            );
        }
    }
}
