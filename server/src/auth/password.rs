//! Password hashing with Argon2id at the OWASP parameters (SECURITY.md A1–A3).
//!
//! Hashing and verifying cost ~20 MiB and tens of milliseconds by design: callers run these
//! functions inside `tokio::task::spawn_blocking`.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::OnceLock;

/// OWASP Password Storage Cheat Sheet default row: 19 MiB, 2 passes, 1 lane.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;
const OUTPUT_LEN: usize = 32;

/// Stored hashes outside these bounds are never handed to Argon2 (A3): a planted hash with a huge
/// memory cost would otherwise exhaust the server, and a tiny one would be trivially cracked.
const VERIFY_MIN_MEMORY_KIB: u32 = 1024;
const VERIFY_MAX_MEMORY_KIB: u32 = 256 * 1024;
const VERIFY_MAX_PASSES: u32 = 16;
const VERIFY_MAX_LANES: u32 = 16;

/// The outcome of checking a password against a stored hash.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The password is right. `needs_rehash`: the stored parameters are below policy (A2).
    Match { needs_rehash: bool },
    /// The password is wrong.
    Mismatch,
    /// The stored hash is not one we will run (wrong algorithm, parameters out of bounds, not a
    /// PHC string). Treated as a failed sign-in and logged as a security event.
    Refused(String),
}

fn policy_params() -> Params {
    // The constants are valid by construction; `DEFAULT` is the same OWASP row, as a fallback.
    Params::new(MEMORY_KIB, PASSES, LANES, Some(OUTPUT_LEN)).unwrap_or(Params::DEFAULT)
}

fn hasher(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string with a fresh 16-byte salt.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher(policy_params())
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks `password` against a stored PHC string.
pub fn verify_password(stored: &str, password: &str) -> Verdict {
    let parsed = match PasswordHash::new(stored) {
        Ok(parsed) => parsed,
        Err(_) => return Verdict::Refused("stored hash is not a PHC string".into()),
    };
    if parsed.algorithm != argon2::ARGON2ID_IDENT {
        return Verdict::Refused(format!(
            "stored hash uses {}, not argon2id",
            parsed.algorithm
        ));
    }
    let params = match Params::try_from(&parsed) {
        Ok(params) => params,
        Err(_) => return Verdict::Refused("stored hash has unreadable parameters".into()),
    };
    let (m, t, p) = (params.m_cost(), params.t_cost(), params.p_cost());
    if !(VERIFY_MIN_MEMORY_KIB..=VERIFY_MAX_MEMORY_KIB).contains(&m)
        || !(1..=VERIFY_MAX_PASSES).contains(&t)
        || !(1..=VERIFY_MAX_LANES).contains(&p)
    {
        return Verdict::Refused(format!(
            "stored hash parameters out of bounds (m={m}, t={t}, p={p})"
        ));
    }
    match hasher(params).verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Verdict::Match {
            needs_rehash: below_policy(m, t, p),
        },
        Err(_) => Verdict::Mismatch,
    }
}

/// True when the stored work factor is weaker than the OWASP row we hash with.
fn below_policy(m: u32, t: u32, p: u32) -> bool {
    m < MEMORY_KIB || t < PASSES || p < LANES
}

/// Runs one full verification for a sign-in with an unknown e-mail address, so that it costs the
/// same time as a wrong password for a real one (A5: no quick exit).
pub fn verify_against_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY
        .get_or_init(|| hash_password("dummy password that no account has").unwrap_or_default());
    let _ = verify_password(dummy, password);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_at_the_owasp_parameters_with_a_16_byte_salt() {
        let phc = hash_password("correct horse battery staple").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        let parsed = PasswordHash::new(&phc).unwrap();
        assert!(parsed.salt.unwrap().len() >= 22, "base64 of 16 bytes");
        assert_eq!(parsed.hash.unwrap().len(), 32);
    }

    #[test]
    fn the_right_password_matches_and_any_change_does_not() {
        let phc = hash_password("Grüße aus Köln 🔑 und mehr").unwrap();
        assert_eq!(
            verify_password(&phc, "Grüße aus Köln 🔑 und mehr"),
            Verdict::Match {
                needs_rehash: false
            }
        );
        assert_eq!(
            verify_password(&phc, "Grüße aus Köln 🔑 und mehR"),
            Verdict::Mismatch
        );
        assert_eq!(
            verify_password(&phc, "grüße aus köln 🔑 und mehr"),
            Verdict::Mismatch
        );
    }

    #[test]
    fn a_weaker_stored_hash_matches_and_asks_for_a_rehash() {
        let salt = SaltString::generate(&mut OsRng);
        let weak = Params::new(4096, 1, 1, Some(32)).unwrap();
        let phc = hasher(weak)
            .hash_password(b"an old but right password", &salt)
            .unwrap()
            .to_string();
        assert_eq!(
            verify_password(&phc, "an old but right password"),
            Verdict::Match { needs_rehash: true }
        );
    }

    #[test]
    fn a_memory_bomb_is_refused_without_running_argon2() {
        let planted = "$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$\
                       AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let started = std::time::Instant::now();
        assert!(matches!(
            verify_password(planted, "anything"),
            Verdict::Refused(_)
        ));
        assert!(started.elapsed().as_millis() < 1000);
    }

    #[test]
    fn other_algorithms_and_garbage_are_refused() {
        let argon2i = "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
                       AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assert!(matches!(verify_password(argon2i, "x"), Verdict::Refused(_)));
        assert!(matches!(
            verify_password("not a hash", "x"),
            Verdict::Refused(_)
        ));
    }
}
