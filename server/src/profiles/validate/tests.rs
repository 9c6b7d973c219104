use super::*;
use clearance_app::model::profile::{IdDocument, InterviewObservation, Photo};

fn doc(name: &str) -> ProfileDocument {
    let mut d = ProfileDocument::default();
    d.identity.legal_name.full = name.into();
    d
}

fn field_of(err: AppError) -> String {
    err.field().unwrap_or_default().to_owned()
}

#[test]
fn a_minimal_profile_is_accepted_and_normalised() {
    let mut d = doc("  Ada Lovelace ");
    d.identity.nationality = vec!["gb".into()];
    d.contact.phones = vec![clearance_app::model::profile::PhoneContact {
        e164: "+44 20 7946 0958".into(),
        ..Default::default()
    }];
    validate(&mut d).unwrap();
    assert_eq!(
        (d.kind.as_str(), d.identity.legal_name.full.as_str()),
        ("candidate", "Ada Lovelace")
    );
    assert_eq!(d.identity.nationality, vec!["GB"]);
    assert_eq!(d.contact.phones[0].e164, "+442079460958");
}

#[test]
fn each_problem_names_its_field() {
    assert_eq!(
        field_of(validate(&mut doc("")).unwrap_err()),
        "identity.legal_name.full"
    );
    let mut d = doc("A");
    d.contact.emails = vec![clearance_app::model::profile::EmailContact {
        address: "nope".into(),
        ..Default::default()
    }];
    assert_eq!(
        field_of(validate(&mut d).unwrap_err()),
        "contact.emails[0].address"
    );
    let mut d = doc("A");
    d.contact.phones = vec![clearance_app::model::profile::PhoneContact {
        e164: "0800 123".into(),
        ..Default::default()
    }];
    assert_eq!(
        field_of(validate(&mut d).unwrap_err()),
        "contact.phones[0].e164"
    );
    let mut d = doc("A");
    d.identity.dob = Some("31/12/1990".into());
    assert_eq!(field_of(validate(&mut d).unwrap_err()), "identity.dob");
    let mut d = doc("A");
    d.identity.claimed_residence.country = Some("USA".into());
    assert_eq!(
        field_of(validate(&mut d).unwrap_err()),
        "identity.claimed_residence.country"
    );
    let mut d = doc("A");
    d.kind = "employee".into();
    assert_eq!(field_of(validate(&mut d).unwrap_err()), "kind");
}

fn photo(phash: &str) -> Photo {
    Photo {
        phash: phash.into(),
        ..Default::default()
    }
}

#[test]
fn photo_hashes_are_16_hex_digits_stored_lower_case() {
    let mut d = doc("A");
    d.photos = vec![photo(" 9F2A0C1E4B7D3A65 ")];
    d.identity.id_documents = vec![IdDocument {
        doc_type: "passport".into(),
        photo_phash: Some("  ".into()),
        ..Default::default()
    }];
    d.interview_observations = vec![InterviewObservation {
        snapshot_phash: Some("0000FFFF0000ffff".into()),
        ..Default::default()
    }];
    validate(&mut d).unwrap();
    assert_eq!(d.photos[0].phash, "9f2a0c1e4b7d3a65");
    assert_eq!(d.identity.id_documents[0].photo_phash, None);
    let snapshot = d.interview_observations[0].snapshot_phash.as_deref();
    assert_eq!(snapshot, Some("0000ffff0000ffff"));
}

#[test]
fn a_bad_photo_hash_names_its_field() {
    let bad = [
        "",
        "9f2a",
        "0x2a0c1e4b7d3a65",
        "+f2a0c1e4b7d3a65",
        "9f2a0c1e4b7d3a6g",
        "éééééééé",
    ];
    for bad in bad {
        let mut d = doc("A");
        d.photos = vec![photo(bad)];
        let field = field_of(validate(&mut d).unwrap_err());
        assert_eq!(field, "photos[0].phash", "{bad:?}");
    }
    let mut d = doc("A");
    let passport = || IdDocument {
        doc_type: "passport".into(),
        ..Default::default()
    };
    let id = IdDocument {
        photo_phash: Some("not a hash".into()),
        ..passport()
    };
    d.identity.id_documents = vec![passport(), id];
    let field = field_of(validate(&mut d).unwrap_err());
    assert_eq!(field, "identity.id_documents[1].photo_phash");
    let mut d = doc("A");
    d.interview_observations = vec![InterviewObservation {
        snapshot_phash: Some("9f2a0c1e4b7d3a650".into()),
        ..Default::default()
    }];
    let field = field_of(validate(&mut d).unwrap_err());
    assert_eq!(field, "interview_observations[0].snapshot_phash");
    let mut d = doc("A");
    d.photos = vec![photo("9f2a0c1e4b7d3a65")];
    d.photos[0].captured_at = Some("yesterday".into());
    let field = field_of(validate(&mut d).unwrap_err());
    assert_eq!(field, "photos[0].captured_at");
}

#[test]
fn malformed_is_a_400() {
    assert_eq!(validate(&mut doc("")).unwrap_err().status(), 400);
}

#[test]
fn a_document_type_is_normalised_to_one_the_product_offers() {
    for (given, stored) in [
        ("passport", "passport"),
        (" Passport ", "passport"),
        ("Driver License", "driver_license"),
        ("national-id", "national_id"),
        ("RESIDENCE_PERMIT", "residence_permit"),
    ] {
        let mut d = doc("A");
        d.identity.id_documents = vec![IdDocument {
            doc_type: given.into(),
            ..Default::default()
        }];
        validate(&mut d).unwrap();
        assert_eq!(d.identity.id_documents[0].doc_type, stored, "{given:?}");
    }
}

#[test]
fn a_missing_or_unknown_document_type_is_refused_with_the_types_offered() {
    for (given, says) in [
        ("", "is missing"),
        ("  ", "is missing"),
        ("visa", "\"visa\" is not a document type"),
        ("passport card", "\"passport card\" is not a document type"),
    ] {
        let mut d = doc("A");
        d.identity.id_documents = vec![IdDocument {
            doc_type: given.into(),
            number: Some("X1234567".into()),
            ..Default::default()
        }];
        let err = validate(&mut d).unwrap_err();
        assert_eq!(
            err.field(),
            Some("identity.id_documents[0].type"),
            "{given:?}"
        );
        let message = err.to_string();
        assert!(message.contains(says), "{given:?}: {message}");
        assert!(
            message.contains("passport, national_id, driver_license, residence_permit"),
            "{message}"
        );
    }
}
