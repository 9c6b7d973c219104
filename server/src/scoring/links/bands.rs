//! 64-bit similarity hashes (INDICATORS.md §4.1: SimHash-64 of resume and cover-letter text for
//! LINK-03 "near" and BEH-10, DCT pHash of photos for LINK-04 and ID-03): reading them, their
//! Hamming distance, and the banded keys that let an exact-key index find near copies.
//!
//! Pigeonhole: split the 64 bits into `d + 1` bands. Two hashes that differ in at most `d` bits
//! differ in at most `d` bands, so at least one band is identical. Each band is an exact key in
//! the link index; the full hashes of the profiles found that way are then compared, which drops
//! the profiles that only happen to share a band.

/// Bits in a similarity hash.
pub const HASH_BITS: u32 = 64;

/// Reads a 64-bit hash written as 16 hex digits (either case, surrounding space ignored).
/// Anything else (a sign, a `0x` prefix, another length, other characters) is unreadable.
pub fn parse_hash64(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.len() != 16 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(text, 16).ok()
}

/// The canonical text of a hash: 16 lower-case hex digits.
pub fn hash_hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// How many of the 64 bits differ.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Splits `hash` into `count` bands of near-equal width, lowest bits first; the first
/// `64 % count` bands are one bit wider (7 bands: one of 10 bits, six of 9). `count` is taken
/// as 1 to 64. Returns each band's (width in bits, value).
pub fn bands(hash: u64, count: u32) -> Vec<(u32, u64)> {
    let count = count.clamp(1, HASH_BITS);
    let (base, wider) = (HASH_BITS / count, HASH_BITS % count);
    let mut offset = 0u32;
    let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for band in 0..count {
        let width = base + u32::from(band < wider);
        let mask = 1u64.checked_shl(width).map_or(u64::MAX, |bit| bit - 1);
        out.push((width, hash.checked_shr(offset).unwrap_or(0) & mask));
        offset += width;
    }
    out
}

/// The index keys of `hash` for near matches up to `max_distance` bits: `max_distance + 1`
/// bands, each written `<prefix><band index>:<band value in hex>`, e.g. `r3:9f2a`. Two hashes at
/// most `max_distance` apart always share at least one key.
pub fn band_keys(prefix: &str, hash: u64, max_distance: u32) -> Vec<String> {
    bands(hash, max_distance.saturating_add(1))
        .into_iter()
        .enumerate()
        .map(|(index, (width, value))| {
            let digits = usize::try_from(width.div_ceil(4)).unwrap_or(16);
            format!("{prefix}{index}:{value:0digits$x}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64: a small deterministic generator, so the property checks are repeatable.
    struct SplitMix(u64);

    impl SplitMix {
        fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
    }

    /// `hash` with exactly `flips` distinct random bits flipped.
    fn flipped(rng: &mut SplitMix, hash: u64, flips: u32) -> u64 {
        let mut mask = 0u64;
        while mask.count_ones() < flips {
            mask |= 1u64 << (rng.next_u64() % 64);
        }
        hash ^ mask
    }

    #[test]
    fn hashes_within_the_distance_always_share_a_band_key() {
        let mut rng = SplitMix(0x5eed);
        for max_distance in [3u32, 6] {
            for _ in 0..5_000 {
                let a = rng.next_u64();
                let flips = u32::try_from(rng.next_u64() % u64::from(max_distance + 1)).unwrap();
                let b = flipped(&mut rng, a, flips);
                assert!(hamming(a, b) <= max_distance);
                let (ka, kb) = (
                    band_keys("x", a, max_distance),
                    band_keys("x", b, max_distance),
                );
                assert!(
                    ka.iter().any(|k| kb.contains(k)),
                    "{a:016x} and {b:016x} ({flips} bits apart) share no band: {ka:?} {kb:?}"
                );
            }
        }
    }

    #[test]
    fn one_flipped_bit_in_every_band_shares_no_key_and_is_too_far_anyway() {
        // d + 1 flips, one per band: the pigeonhole guarantee stops exactly at d.
        let a = 0x0123_4567_89ab_cdef_u64;
        let b = a ^ (1u64 | (1u64 << 16) | (1u64 << 32) | (1u64 << 48));
        assert_eq!(hamming(a, b), 4);
        let (ka, kb) = (band_keys("r", a, 3), band_keys("r", b, 3));
        assert!(!ka.iter().any(|k| kb.contains(k)));
    }

    #[test]
    fn bands_cover_all_64_bits_and_reassemble_to_the_hash() {
        let mut rng = SplitMix(7);
        for count in [1u32, 4, 7, 64] {
            let hash = rng.next_u64();
            let split = bands(hash, count);
            assert_eq!(split.len(), count as usize);
            assert_eq!(split.iter().map(|(w, _)| w).sum::<u32>(), 64);
            let mut offset = 0;
            let mut rebuilt = 0u64;
            for (width, value) in split {
                assert!(width == 64 || value < (1u64 << width));
                rebuilt |= value.checked_shl(offset).unwrap_or(0);
                offset += width;
            }
            assert_eq!(rebuilt, hash);
        }
        let widths: Vec<u32> = bands(0, 7).into_iter().map(|(w, _)| w).collect();
        assert_eq!(widths, [10, 9, 9, 9, 9, 9, 9]);
    }

    #[test]
    fn band_keys_name_the_band_and_its_value() {
        assert_eq!(
            band_keys("r", 0x9f2a_0000_0000_0001, 3),
            ["r0:0001", "r1:0000", "r2:0000", "r3:9f2a"]
        );
        assert_eq!(band_keys("p", u64::MAX, 6).len(), 7);
    }

    #[test]
    fn odd_band_counts_never_panic() {
        for count in [0u32, 1, 63, 64, 65, u32::MAX] {
            let split = bands(u64::MAX, count);
            assert!(!split.is_empty() && split.len() <= 64);
        }
        assert_eq!(band_keys("x", 1, u32::MAX).len(), 64);
    }

    #[test]
    fn hashes_are_read_only_as_16_hex_digits() {
        assert_eq!(
            parse_hash64(" 9F2A00000000000A "),
            Some(0x9f2a_0000_0000_000a)
        );
        assert_eq!(hash_hex(0x9f2a_0000_0000_000a), "9f2a00000000000a");
        for bad in [
            "",
            "9f2a",
            "+f2a00000000000a",
            "-f2a00000000000a",
            "0x2a00000000000a0",
            "9f2a00000000000a0",
            "9f2a00000000000g",
            "éééééééé",
            "9f2a 0000000000a",
            "\u{0}",
        ] {
            assert_eq!(parse_hash64(bad), None, "{bad:?}");
        }
    }
}
