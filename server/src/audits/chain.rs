//! The hash chain over the audit log (SECURITY.md F4). Pure: no I/O, no clock.
//!
//! Each entry's hash is `SHA-256(0x00 ‖ prev_hash ‖ canonical_bytes(entry))`, where the
//! canonical bytes are a fixed-order, length-prefixed encoding of every field but the hash. The
//! first entry's `prev_hash` is 32 zero bytes. Sequence numbers start at 1 and have no gaps, so a
//! deleted, inserted, reordered or edited entry breaks the chain at a sequence number we can name.

use sha2::{Digest, Sha256};
use std::fmt;

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// The `prev_hash` of the first entry.
pub const GENESIS: Hash = [0u8; 32];

/// Domain separation for entry hashes (the RFC 6962 leaf prefix).
const ENTRY_PREFIX: u8 = 0x00;

/// The fields an entry's hash covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryContent {
    pub seq: i64,
    /// Milliseconds since the Unix epoch, UTC.
    pub at_ms: i64,
    /// Who acted: `user:<id>`, `cli` or `system`.
    pub actor: String,
    /// What happened, e.g. `user.invited`.
    pub action: String,
    /// What it happened to, e.g. `user:7`; empty when nothing in particular.
    pub subject: String,
    /// A JSON object, stored and hashed exactly as written.
    pub details: String,
}

/// An entry as stored: its content plus the chain links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainedEntry {
    pub content: EntryContent,
    pub prev_hash: Hash,
    pub hash: Hash,
}

/// Fixed-order, length-prefixed bytes of an entry (integers as 8-byte big-endian).
pub fn canonical_bytes(entry: &EntryContent) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + entry.details.len());
    out.extend_from_slice(&entry.seq.to_be_bytes());
    out.extend_from_slice(&entry.at_ms.to_be_bytes());
    for field in [&entry.actor, &entry.action, &entry.subject, &entry.details] {
        out.extend_from_slice(&(field.len() as u64).to_be_bytes());
        out.extend_from_slice(field.as_bytes());
    }
    out
}

/// The hash of an entry that follows `prev_hash`.
pub fn entry_hash(prev_hash: &Hash, entry: &EntryContent) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([ENTRY_PREFIX]);
    hasher.update(prev_hash);
    hasher.update(canonical_bytes(entry));
    hasher.finalize().into()
}

/// Links `content` after the entry whose hash is `prev_hash`.
pub fn link(prev_hash: Hash, content: EntryContent) -> ChainedEntry {
    let hash = entry_hash(&prev_hash, &content);
    ChainedEntry {
        content,
        prev_hash,
        hash,
    }
}

/// Why the chain is broken, at the first sequence number where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// An entry with this sequence number should exist but the next one found has another.
    Missing { found: i64 },
    /// The stored `prev_hash` is not the hash of the entry before.
    PrevHashMismatch,
    /// The stored hash does not match the entry's content.
    ContentAltered,
    /// The log ends before the recorded head.
    Truncated { head_seq: i64 },
    /// The log's last hash differs from the recorded head hash.
    HeadMismatch,
}

/// The first place the chain breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: i64,
    pub kind: BreakKind,
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seq = self.seq;
        match &self.kind {
            BreakKind::Missing { found } => {
                write!(
                    f,
                    "entry {seq} is missing or out of order (found {found} instead)"
                )
            }
            BreakKind::PrevHashMismatch => {
                write!(f, "entry {seq} does not link to the entry before it")
            }
            BreakKind::ContentAltered => write!(f, "entry {seq} was altered after it was written"),
            BreakKind::Truncated { head_seq } => {
                write!(
                    f,
                    "the log ends before entry {seq}; the recorded head is {head_seq}"
                )
            }
            BreakKind::HeadMismatch => {
                write!(f, "entry {seq} does not match the recorded head of the log")
            }
        }
    }
}

/// Checks entries one at a time, in sequence order, so a log of any size verifies in constant
/// memory. Start with [`ChainVerifier::from_genesis`] for a whole log or
/// [`ChainVerifier::resume`] for a range whose first `prev_hash` is known.
#[derive(Clone, Debug)]
pub struct ChainVerifier {
    next_seq: i64,
    prev_hash: Hash,
    checked: u64,
}

impl ChainVerifier {
    pub fn from_genesis() -> Self {
        Self::resume(1, GENESIS)
    }

    pub fn resume(first_seq: i64, prev_hash: Hash) -> Self {
        ChainVerifier {
            next_seq: first_seq,
            prev_hash,
            checked: 0,
        }
    }

    /// Checks the next entry.
    pub fn push(&mut self, entry: &ChainedEntry) -> Result<(), ChainBreak> {
        let seq = self.next_seq;
        if entry.content.seq != seq {
            return Err(ChainBreak {
                seq,
                kind: BreakKind::Missing {
                    found: entry.content.seq,
                },
            });
        }
        if entry.prev_hash != self.prev_hash {
            return Err(ChainBreak {
                seq,
                kind: BreakKind::PrevHashMismatch,
            });
        }
        if entry_hash(&entry.prev_hash, &entry.content) != entry.hash {
            return Err(ChainBreak {
                seq,
                kind: BreakKind::ContentAltered,
            });
        }
        self.prev_hash = entry.hash;
        self.next_seq += 1;
        self.checked += 1;
        Ok(())
    }

    /// After the last entry: compares the end of the chain with the recorded head, so that
    /// removing the newest entries is detected too.
    pub fn finish(self, head_seq: i64, head_hash: &Hash) -> Result<Verified, ChainBreak> {
        let last_seq = self.next_seq - 1;
        if last_seq < head_seq {
            return Err(ChainBreak {
                seq: self.next_seq,
                kind: BreakKind::Truncated { head_seq },
            });
        }
        if last_seq > head_seq || &self.prev_hash != head_hash {
            return Err(ChainBreak {
                seq: last_seq,
                kind: BreakKind::HeadMismatch,
            });
        }
        Ok(self.verified())
    }

    /// The result so far, without a head to compare with (an exported range).
    pub fn verified(&self) -> Verified {
        Verified {
            entries: self.checked,
            last_seq: self.next_seq - 1,
            head_hash: self.prev_hash,
        }
    }
}

/// A chain that checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub entries: u64,
    pub last_seq: i64,
    pub head_hash: Hash,
}

/// Lower-case hex, the form hashes are stored and shown in.
pub fn to_hex(hash: &Hash) -> String {
    hex::encode(hash)
}

/// Parses a stored hash; `None` when it is not 64 hex digits.
pub fn from_hex(text: &str) -> Option<Hash> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests;
