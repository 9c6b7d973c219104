//! Photos of one claimed person (ID-03): the photos the person supplied, the photo on each
//! identity document and the snapshots taken in interviews all claim to show the same face. When
//! two of them are different pictures and an interviewer also recorded a different person, the
//! identity may be shared or borrowed.
//!
//! Only perceptual hashes of the files are compared, never face templates (INDICATORS.md §0
//! guardrail 3): a large distance says "different picture", and the interviewer's attestation is
//! what says "different person". Either alone does not fire (a new haircut changes a pHash; BEH-02
//! reports the attestation on its own).

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::links::{hamming, hash_hex, parse_hash64, HASH_BITS};
use crate::scoring::{Finding, Severity};

use super::{is, report, Clues};

/// ID-03: two photos whose pHashes differ in more than this many of their 64 bits are different
/// pictures (§2.1 "distance > 20/64").
pub const ID_03_MIN_DISTANCE: u32 = 20;

/// Every readable photo hash of the profile: (field path, hash), in document order.
fn photo_hashes(p: &ProfileDocument) -> Vec<(String, u64)> {
    let photos = p
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| (format!("photos[{i}].phash"), Some(photo.phash.as_str())));
    let documents = p.identity.id_documents.iter().enumerate().map(|(i, doc)| {
        (
            format!("identity.id_documents[{i}].photo_phash"),
            doc.photo_phash.as_deref(),
        )
    });
    let snapshots = p.interview_observations.iter().enumerate().map(|(i, o)| {
        (
            format!("interview_observations[{i}].snapshot_phash"),
            o.snapshot_phash.as_deref(),
        )
    });
    photos
        .chain(documents)
        .chain(snapshots)
        .filter_map(|(field, text)| text.and_then(parse_hash64).map(|hash| (field, hash)))
        .collect()
}

/// A photo's field path and its 64-bit perceptual hash.
type PhotoHash = (String, u64);

/// ID-03 (medium): the two most different photos of the profile are more than
/// [`ID_03_MIN_DISTANCE`] bits apart, and an interviewer recorded `same_person_as_previous =
/// false`. Evidence: both photos (the second with the distance) and each such attestation.
pub(super) fn id_03_different_photos(p: &ProfileDocument) -> Option<Finding> {
    let attestations: Clues = p
        .interview_observations
        .iter()
        .enumerate()
        .filter(|(_, o)| is(o.same_person_as_previous.as_deref(), "false"))
        .map(|(i, _)| {
            (
                format!("interview_observations[{i}].same_person_as_previous"),
                "false".to_owned(),
            )
        })
        .collect();
    if attestations.is_empty() {
        return None;
    }
    let photos = photo_hashes(p);
    // (first photo, second photo, distance) of the most different pair so far.
    let mut widest: Option<(&PhotoHash, &PhotoHash, u32)> = None;
    for (i, first) in photos.iter().enumerate() {
        for second in photos.iter().skip(i + 1) {
            let distance = hamming(first.1, second.1);
            let wider = match widest {
                Some((_, _, best)) => distance > best,
                None => true,
            };
            if distance > ID_03_MIN_DISTANCE && wider {
                widest = Some((first, second, distance));
            }
        }
    }
    let (first, second, distance) = widest?;
    let mut clues: Clues = vec![
        (first.0.clone(), hash_hex(first.1)),
        (
            second.0.clone(),
            format!(
                "{} ({distance} of {HASH_BITS} bits differ)",
                hash_hex(second.1)
            ),
        ),
    ];
    clues.extend(attestations);
    let title = format!(
        "Photos of the same claimed person are different pictures ({distance} of {HASH_BITS} \
         bits differ) and an interviewer saw a different person: verify identity live"
    );
    report("ID-03", Severity::Medium, title, clues, "S2; S4")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::identity::fixtures::{clean, fired, fires, has_evidence};
    use clearance_app::model::profile::Photo;

    const FACE: u64 = 0x0f0f_0f0f_0f0f_0f0f;

    /// FACE with the lowest `bits` bits flipped.
    fn differing(bits: u32) -> String {
        hash_hex(FACE ^ 1u64.checked_shl(bits).map_or(u64::MAX, |b| b - 1))
    }

    fn photographed(other: &str, same_person: Option<&str>) -> ProfileDocument {
        let mut p = clean();
        p.photos = vec![Photo {
            source: Some("resume".to_owned()),
            phash: hash_hex(FACE),
            ..Photo::default()
        }];
        p.identity.id_documents[0].photo_phash = Some(other.to_owned());
        p.interview_observations[0].same_person_as_previous = same_person.map(str::to_owned);
        p
    }

    #[test]
    fn id_03_different_pictures_and_a_different_person_on_camera_is_medium() {
        let p = photographed(&differing(21), Some("false"));
        let found = fired(&p, "ID-03");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(has_evidence(&found[0], "photos[0].phash"));
        assert!(has_evidence(
            &found[0],
            "identity.id_documents[0].photo_phash"
        ));
        assert!(has_evidence(
            &found[0],
            "interview_observations[0].same_person_as_previous"
        ));
        assert!(found[0].title.contains("21 of 64"), "{}", found[0].title);
    }

    #[test]
    fn id_03_the_most_different_pair_is_reported() {
        let mut p = photographed(&differing(24), Some("FALSE"));
        p.interview_observations[0].snapshot_phash = Some(differing(40));
        let found = fired(&p, "ID-03");
        assert_eq!(found.len(), 1);
        assert!(found[0].title.contains("40 of 64"), "{}", found[0].title);
        assert!(has_evidence(
            &found[0],
            "interview_observations[0].snapshot_phash"
        ));
    }

    #[test]
    fn id_03_needs_both_the_distance_and_the_attestation() {
        assert!(!fires(
            &photographed(&differing(20), Some("false")),
            "ID-03"
        ));
        assert!(!fires(
            &photographed(&differing(30), Some("unsure")),
            "ID-03"
        ));
        assert!(!fires(&photographed(&differing(30), Some("true")), "ID-03"));
        assert!(!fires(&photographed(&differing(30), None), "ID-03"));
        assert!(!fires(&clean(), "ID-03"));
    }

    #[test]
    fn id_03_unreadable_hashes_prove_nothing() {
        for bad in [
            "",
            "nope",
            "+f0f0f0f0f0f0f0f",
            "f0f0f0f0f0f0f0f0f",
            "ééééééé",
        ] {
            assert!(
                !fires(&photographed(bad, Some("false")), "ID-03"),
                "{bad:?}"
            );
        }
    }
}
