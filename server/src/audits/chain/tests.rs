//! The chain links, verifies, and reports every kind of tampering at its sequence number.
use super::*;
use proptest::prelude::*;

fn content(seq: i64) -> EntryContent {
    EntryContent {
        seq,
        at_ms: 1_700_000_000_000 + seq,
        actor: format!("user:{}", seq % 3),
        action: "user.invited".into(),
        subject: format!("user:{seq}"),
        details: format!("{{\"n\":{seq}}}"),
    }
}

fn chain(n: i64) -> Vec<ChainedEntry> {
    let mut prev = GENESIS;
    (1..=n)
        .map(|seq| {
            let entry = link(prev, content(seq));
            prev = entry.hash;
            entry
        })
        .collect()
}

fn verify_all(entries: &[ChainedEntry]) -> Result<Verified, ChainBreak> {
    let mut verifier = ChainVerifier::from_genesis();
    for entry in entries {
        verifier.push(entry)?;
    }
    Ok(verifier.verified())
}

#[test]
fn an_untouched_chain_verifies_and_reports_its_head() {
    let entries = chain(5);
    let verified = verify_all(&entries).unwrap();
    assert_eq!(verified.entries, 5);
    assert_eq!(verified.head_hash, entries[4].hash);
}

#[test]
fn an_empty_log_verifies_against_an_empty_head() {
    assert!(ChainVerifier::from_genesis().finish(0, &GENESIS).is_ok());
}

#[test]
fn the_encoding_is_length_prefixed_so_fields_cannot_bleed_into_each_other() {
    let mut a = content(1);
    let mut b = content(1);
    a.action = "ab".into();
    a.subject = "c".into();
    b.action = "a".into();
    b.subject = "bc".into();
    assert_ne!(entry_hash(&GENESIS, &a), entry_hash(&GENESIS, &b));
}

#[test]
fn a_deleted_entry_is_reported_at_its_sequence_number() {
    let mut entries = chain(5);
    entries.remove(2);
    let err = verify_all(&entries).unwrap_err();
    assert_eq!(
        err,
        ChainBreak {
            seq: 3,
            kind: BreakKind::Missing { found: 4 }
        }
    );
}

#[test]
fn removing_the_newest_entries_is_caught_by_the_head() {
    let entries = chain(5);
    let head = entries[4].hash;
    let mut verifier = ChainVerifier::from_genesis();
    for entry in &entries[..3] {
        verifier.push(entry).unwrap();
    }
    let err = verifier.finish(5, &head).unwrap_err();
    assert_eq!(err.seq, 4);
    assert!(err.to_string().contains("recorded head is 5"), "{err}");
}

#[test]
fn a_rewritten_chain_from_the_edit_onwards_is_caught_by_the_head() {
    let entries = chain(4);
    let mut forged = entries.clone();
    forged[3] = link(
        forged[2].hash,
        EntryContent {
            details: "{}".into(),
            ..content(4)
        },
    );
    let mut verifier = ChainVerifier::from_genesis();
    for entry in &forged {
        verifier.push(entry).unwrap();
    }
    assert_eq!(
        verifier.finish(4, &entries[3].hash).unwrap_err().kind,
        BreakKind::HeadMismatch
    );
}

#[test]
fn messages_name_the_sequence_number() {
    let err = ChainBreak {
        seq: 42,
        kind: BreakKind::ContentAltered,
    };
    assert_eq!(err.to_string(), "entry 42 was altered after it was written");
}

#[test]
fn hex_round_trips_and_rejects_garbage() {
    let hash = chain(1)[0].hash;
    assert_eq!(from_hex(&to_hex(&hash)), Some(hash));
    assert_eq!(from_hex("xyz"), None);
    assert_eq!(from_hex(&"0".repeat(63)), None);
}

/// One random mutation of one field of one entry.
#[derive(Debug, Clone)]
enum Mutation {
    Seq,
    At,
    Actor,
    Action,
    Subject,
    Details,
    PrevHash,
    Hash,
    SwapWithNext,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Seq),
        Just(Mutation::At),
        Just(Mutation::Actor),
        Just(Mutation::Action),
        Just(Mutation::Subject),
        Just(Mutation::Details),
        Just(Mutation::PrevHash),
        Just(Mutation::Hash),
        Just(Mutation::SwapWithNext),
    ]
}

proptest! {
    /// SECURITY.md F4 / R9(b): any single mutation at index k is reported at sequence k+1.
    #[test]
    fn any_single_mutation_is_detected_at_its_sequence_number(
        len in 2i64..40,
        pick in any::<prop::sample::Index>(),
        what in mutation(),
        byte in any::<u8>(),
    ) {
        let mut entries = chain(len);
        let last = entries.len() - 1;
        let k = match what { Mutation::SwapWithNext => pick.index(last), _ => pick.index(entries.len()) };
        let entry = &mut entries[k];
        let flip = |s: &mut String| s.push(char::from(b'a' + byte % 26));
        match what {
            Mutation::Seq => entry.content.seq += 1 + i64::from(byte),
            Mutation::At => entry.content.at_ms ^= 1 + i64::from(byte),
            Mutation::Actor => flip(&mut entry.content.actor),
            Mutation::Action => flip(&mut entry.content.action),
            Mutation::Subject => flip(&mut entry.content.subject),
            Mutation::Details => flip(&mut entry.content.details),
            Mutation::PrevHash => entry.prev_hash[usize::from(byte) % 32] ^= 0x01,
            Mutation::Hash => entry.hash[usize::from(byte) % 32] ^= 0x80,
            Mutation::SwapWithNext => entries.swap(k, k + 1),
        }
        let err = verify_all(&entries).unwrap_err();
        prop_assert_eq!(err.seq, k as i64 + 1);
    }
}
