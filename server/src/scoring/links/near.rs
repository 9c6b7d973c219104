//! Near copies across profiles (INDICATORS.md §4.1): LINK-03 near (resume SimHash at most 3 bits
//! apart, high), BEH-10 (cover-letter SimHash at most 3 bits apart, medium) and LINK-04 (photo
//! pHash at most 6 bits apart, high).
//!
//! The index finds candidates through shared bands ([`super::band_keys`]); a shared band alone
//! proves nothing, so each candidate's full hash (the hit's payload) is compared with this
//! profile's own hashes of the kind. One finding per own hash (field) names every other person
//! within the distance with their distance, however many bands they share. As for exact keys
//! (§4.2), the same claimed identity applying again is not a link, and someone the exact resume
//! digest already links (LINK-03 exact) is not reported again as a near copy.

use std::collections::{BTreeMap, HashSet};

use super::bands::{hamming, hash_hex, parse_hash64, HASH_BITS};
use super::findings::distinct_identities;
use super::rules::Matching;
use super::{LinkHit, LinkKey, LinkKind};
use crate::scoring::finding::Finding;

/// One of this profile's similarity hashes.
struct OwnHash<'a> {
    kind: LinkKind,
    field: &'a str,
    hash: u64,
    max_distance: u32,
}

/// This profile's readable hashes, one per (kind, field), in that order.
fn own_hashes(own: &[LinkKey]) -> Vec<OwnHash<'_>> {
    let mut hashes: BTreeMap<(LinkKind, &str), OwnHash<'_>> = BTreeMap::new();
    for key in own {
        let Matching::Near { max_distance, .. } = key.kind.matching() else {
            continue;
        };
        let Some(hash) = parse_hash64(&key.payload) else {
            continue;
        };
        hashes
            .entry((key.kind, key.field.as_str()))
            .or_insert(OwnHash {
                kind: key.kind,
                field: &key.field,
                hash,
                max_distance,
            });
    }
    hashes.into_values().collect()
}

/// The hits that are real links: every hit of an exact or cluster kind, and a hit of a near kind
/// only when its full hash is within the kind's distance of one of this profile's own hashes of
/// that kind (the other hits merely share a band). A near hit repeated through several bands is
/// kept once. The store uses this to decide whom a change re-screens.
pub fn confirmed_hits(own: &[LinkKey], hits: Vec<LinkHit>) -> Vec<LinkHit> {
    let hashes = own_hashes(own);
    let mut seen: HashSet<(LinkKind, i64, u64)> = HashSet::new();
    hits.into_iter()
        .filter(|hit| match hit.kind.matching() {
            Matching::Exact | Matching::Cluster => true,
            Matching::Near { max_distance, .. } => {
                let Some(other) = parse_hash64(&hit.other_payload) else {
                    return false;
                };
                hashes
                    .iter()
                    .any(|h| h.kind == hit.kind && hamming(h.hash, other) <= max_distance)
                    && seen.insert((hit.kind, hit.other_person_id, other))
            }
        })
        .collect()
}

/// LINK-03 near, BEH-10 and LINK-04: one finding per own hash with other identities within its
/// kind's distance.
pub(super) fn near_findings(own: &[LinkKey], own_identity: &str, hits: &[LinkHit]) -> Vec<Finding> {
    own_hashes(own)
        .iter()
        .filter_map(|hash| {
            let reported = exactly_linked(own, hash.kind, hits);
            near_finding(hash, own_identity, hits, &reported)
        })
        .collect()
}

/// The other people that share an own key of the exact twin of `kind` (already reported).
fn exactly_linked(own: &[LinkKey], kind: LinkKind, hits: &[LinkHit]) -> HashSet<i64> {
    let Some(twin) = kind.exact_twin() else {
        return HashSet::new();
    };
    hits.iter()
        .filter(|h| h.kind == twin && own.iter().any(|k| k.kind == twin && k.key == h.key))
        .map(|h| h.other_person_id)
        .collect()
}

fn near_finding(
    own: &OwnHash<'_>,
    own_identity: &str,
    hits: &[LinkHit],
    reported: &HashSet<i64>,
) -> Option<Finding> {
    // The closest of each other person's hashes of this kind, by person id.
    let mut closest: BTreeMap<i64, (u32, &LinkHit)> = BTreeMap::new();
    for hit in hits.iter().filter(|h| {
        h.kind == own.kind
            && h.other_identity_key != own_identity
            && !reported.contains(&h.other_person_id)
    }) {
        let Some(other) = parse_hash64(&hit.other_payload) else {
            continue;
        };
        let distance = hamming(own.hash, other);
        if distance > own.max_distance {
            continue;
        }
        let entry = closest
            .entry(hit.other_person_id)
            .or_insert((distance, hit));
        if distance < entry.0 {
            *entry = (distance, hit);
        }
    }
    let distinct = distinct_identities(own_identity, closest.values().map(|(_, hit)| *hit));
    if distinct < 2 {
        return None;
    }
    let distances: Vec<String> = closest
        .iter()
        .map(|(id, (distance, _))| format!("{distance} of {HASH_BITS} bits from person {id}"))
        .collect();
    let (indicator, severity, title, source) = own.kind.rule();
    Some(
        Finding::new(
            indicator,
            own.kind.family(),
            severity,
            format!("{title} ({distinct} distinct identities)"),
        )
        .evidence(
            own.field,
            format!(
                "{} (Hamming distance {})",
                hash_hex(own.hash),
                distances.join(", ")
            ),
        )
        .related(closest.keys().copied())
        .source(source),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::finding::{Family, Severity};
    use crate::scoring::links::fixtures::{found, identity, index_hits, person};
    use crate::scoring::links::link_keys;
    use clearance_app::model::profile::{IdDocument, Photo, ProfileDocument};

    const BASE: u64 = 0x0123_4567_89ab_cdef;

    fn with_resume(name: &str, simhash: u64) -> ProfileDocument {
        let mut p = person(name);
        p.resume.simhash64 = Some(hash_hex(simhash));
        p
    }

    fn with_photo(name: &str, phash: u64) -> ProfileDocument {
        let mut p = person(name);
        p.photos = vec![Photo {
            phash: hash_hex(phash).to_uppercase(),
            ..Photo::default()
        }];
        p
    }

    // LINK-03 near

    #[test]
    fn link_03_a_resume_3_bits_away_is_one_high_finding_even_through_3_bands() {
        let ada = with_resume("Ada Lovelace", BASE);
        // All three differing bits in the lowest band: the other three bands are shared.
        let bob = with_resume("Bob Smith", BASE ^ 0b111);
        assert_eq!(index_hits(&ada, &[(7, &bob)]).len(), 3);
        let found = found(&ada, &[(7, &bob)], "LINK-03");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].family, found[0].severity),
            (Family::Link, Severity::High)
        );
        assert_eq!(found[0].related_person_ids, vec![7]);
        assert_eq!(found[0].evidence.len(), 1);
        assert_eq!(found[0].evidence[0].field, "resume.simhash64");
        assert!(
            found[0].evidence[0]
                .value
                .contains("3 of 64 bits from person 7"),
            "{}",
            found[0].evidence[0].value
        );
    }

    #[test]
    fn link_03_a_resume_4_bits_away_is_not_a_near_copy_even_when_bands_are_shared() {
        let ada = with_resume("Ada Lovelace", BASE);
        let shares_bands = with_resume("Bob Smith", BASE ^ 0b1111);
        assert!(!index_hits(&ada, &[(7, &shares_bands)]).is_empty());
        assert!(found(&ada, &[(7, &shares_bands)], "LINK-03").is_empty());
        let one_bit_per_band = BASE ^ (1u64 | (1u64 << 16) | (1u64 << 32) | (1u64 << 48));
        let spread = with_resume("Cy Young", one_bit_per_band);
        assert!(index_hits(&ada, &[(8, &spread)]).is_empty());
        assert!(found(&ada, &[(8, &spread)], "LINK-03").is_empty());
    }

    #[test]
    fn link_03_several_near_copies_are_named_in_one_finding_with_their_distances() {
        let ada = with_resume("Ada Lovelace", BASE);
        let bob = with_resume("Bob Smith", BASE ^ (1u64 << 20));
        let cy = with_resume("Cy Young", BASE ^ 0b11);
        let found = found(&ada, &[(9, &cy), (4, &bob)], "LINK-03");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].related_person_ids, vec![4, 9]);
        let value = &found[0].evidence[0].value;
        assert!(value.starts_with("0123456789abcdef"), "{value}");
        assert!(
            value.contains("1 of 64 bits from person 4, 2 of 64 bits from person 9"),
            "{value}"
        );
    }

    #[test]
    fn link_03_an_identical_resume_is_reported_once_by_its_digest() {
        let mut ada = with_resume("Ada Lovelace", BASE);
        ada.resume.normalized_text_sha256 = Some("ab".repeat(32));
        let mut bob = with_resume("Bob Smith", BASE);
        bob.resume.normalized_text_sha256 = ada.resume.normalized_text_sha256.clone();
        let cy = with_resume("Cy Young", BASE ^ 1);
        let found = found(&ada, &[(2, &bob), (3, &cy)], "LINK-03");
        assert_eq!(found.len(), 2, "{found:?}");
        let fields: Vec<(&str, &[i64])> = found
            .iter()
            .map(|f| {
                (
                    f.evidence[0].field.as_str(),
                    f.related_person_ids.as_slice(),
                )
            })
            .collect();
        assert!(
            fields.contains(&("resume.normalized_text_sha256", &[2][..])),
            "{fields:?}"
        );
        assert!(
            fields.contains(&("resume.simhash64", &[3][..])),
            "{fields:?}"
        );
    }

    #[test]
    fn link_03_near_the_same_claimed_identity_is_not_a_link() {
        let ada = with_resume("Ada Lovelace", BASE);
        let again = with_resume("LOVELACE, Ada", BASE ^ 1);
        assert!(found(&ada, &[(7, &again)], "LINK-03").is_empty());
    }

    // BEH-10

    #[test]
    fn beh_10_a_cover_letter_2_bits_away_is_a_medium_behaviour_finding() {
        let mut ada = person("Ada Lovelace");
        ada.resume.cover_letter_simhash64 = Some(hash_hex(BASE));
        let mut bob = person("Bob Smith");
        bob.resume.cover_letter_simhash64 = Some(hash_hex(BASE ^ (1u64 << 63) ^ 1));
        let found = found(&ada, &[(3, &bob)], "BEH-10");
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].family, found[0].severity),
            (Family::Behaviour, Severity::Medium)
        );
        assert_eq!(found[0].evidence[0].field, "resume.cover_letter_simhash64");
    }

    #[test]
    fn beh_10_a_cover_letter_5_bits_away_or_a_resume_hash_is_not_a_reused_template() {
        let mut ada = person("Ada Lovelace");
        ada.resume.cover_letter_simhash64 = Some(hash_hex(BASE));
        let mut far = person("Bob Smith");
        far.resume.cover_letter_simhash64 = Some(hash_hex(BASE ^ 0b1_1111));
        assert!(found(&ada, &[(3, &far)], "BEH-10").is_empty());
        // The same bits as someone's resume hash: different kinds never meet.
        let resume = with_resume("Cy Young", BASE);
        assert!(index_hits(&ada, &[(4, &resume)]).is_empty());
    }

    // LINK-04

    #[test]
    fn link_04_a_photo_6_bits_away_fires_7_bits_does_not() {
        let ada = with_photo("Ada Lovelace", BASE);
        let six = with_photo("Bob Smith", BASE ^ 0b11_1111);
        let found_six = found(&ada, &[(5, &six)], "LINK-04");
        assert_eq!(found_six.len(), 1);
        assert_eq!(
            (found_six[0].family, found_six[0].severity),
            (Family::Link, Severity::High)
        );
        assert_eq!(found_six[0].evidence[0].field, "photos[0].phash");
        let seven = with_photo("Bob Smith", BASE ^ 0b111_1111);
        assert!(!index_hits(&ada, &[(5, &seven)]).is_empty());
        assert!(found(&ada, &[(5, &seven)], "LINK-04").is_empty());
    }

    #[test]
    fn link_04_the_same_photo_for_the_same_claimed_identity_is_not_a_link() {
        let ada = with_photo("Ada Lovelace", BASE);
        let again = with_photo("Lovelace, Ada", BASE);
        assert!(found(&ada, &[(5, &again)], "LINK-04").is_empty());
    }

    #[test]
    fn link_04_an_id_document_photo_matches_another_profiles_photo() {
        let mut ada = person("Ada Lovelace");
        ada.identity.id_documents = vec![IdDocument {
            photo_phash: Some(hash_hex(BASE)),
            ..IdDocument::default()
        }];
        let bob = with_photo("Bob Smith", BASE ^ (1u64 << 40));
        let found = found(&ada, &[(5, &bob)], "LINK-04");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].evidence[0].field,
            "identity.id_documents[0].photo_phash"
        );
    }

    #[test]
    fn two_own_photos_sharing_a_band_still_each_find_their_near_copies() {
        let mut ada = with_photo("Ada Lovelace", BASE);
        // Same lowest band as the first photo, far from it elsewhere.
        let second = BASE ^ 0xffff_ffff_ffff_0000;
        ada.photos.push(Photo {
            phash: hash_hex(second),
            ..Photo::default()
        });
        // Bob's photo is 6 bits from the second photo, one in each band but the lowest, so the
        // index finds it only through the band whose stored payload is the first photo's.
        let bob_hash = [10, 20, 30, 40, 50, 60]
            .into_iter()
            .fold(second, |hash, bit| hash ^ (1u64 << bit));
        let bob = with_photo("Bob Smith", bob_hash);
        let found = found(&ada, &[(5, &bob)], "LINK-04");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].evidence[0].field, "photos[1].phash");
    }

    // Unreadable hashes and the store's filter

    #[test]
    fn unreadable_hashes_give_no_keys_and_unreadable_payloads_no_findings() {
        let mut p = person("Ada Lovelace");
        p.resume.simhash64 = Some("not a hash".into());
        p.resume.cover_letter_simhash64 = Some("+123456789abcdef".into());
        p.photos = vec![Photo {
            phash: "é".repeat(8),
            ..Photo::default()
        }];
        assert!(link_keys(&p).is_empty());
        let ada = with_resume("Ada Lovelace", BASE);
        let own = link_keys(&ada);
        let mut hits = index_hits(&ada, &[(7, &with_resume("Bob Smith", BASE))]);
        for (hit, payload) in hits
            .iter_mut()
            .zip(["", "zz", "0x0123456789abcd", "€€€€€€€€"])
        {
            hit.other_payload = payload.into();
        }
        assert!(near_findings(&own, &identity(&ada), &hits).is_empty());
        assert!(confirmed_hits(&own, hits).is_empty());
    }

    #[test]
    fn confirmed_hits_drop_band_collisions_and_repeats_but_keep_exact_keys() {
        let mut ada = with_resume("Ada Lovelace", BASE);
        ada.contact.phones = vec![clearance_app::model::profile::PhoneContact {
            e164: "+15550100".into(),
            ..Default::default()
        }];
        let mut near = with_resume("Bob Smith", BASE ^ 1);
        near.contact.phones = ada.contact.phones.clone();
        let far = with_resume("Cy Young", BASE ^ 0b1111);
        let hits = index_hits(&ada, &[(2, &near), (3, &far)]);
        let kept = confirmed_hits(&link_keys(&ada), hits);
        let mut kinds: Vec<(LinkKind, i64)> =
            kept.iter().map(|h| (h.kind, h.other_person_id)).collect();
        kinds.sort();
        assert_eq!(kinds, [(LinkKind::Phone, 2), (LinkKind::ResumeSimhash, 2)]);
    }
}
