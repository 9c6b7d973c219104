//! Test-only: deterministic mutations of a valid input (flipped, deleted, inserted and cut
//! bytes), so every parser's unit tests can show that damaged input never panics. The real
//! fuzzing is the `cargo fuzz` targets (issue 4 item 6); this is the cheap always-on version.

/// A small xorshift generator: deterministic, so a failure reproduces.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number below `bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        (self.next_u64() % bound as u64) as usize
    }
}

/// Bytes that mean something to CSV or JSON parsers.
const SPECIAL: &[u8] = b"\",\n\r;[]{}:\\-0 \x1a\xff\xc3\x00'";

/// `count` damaged copies of `valid`, the same ones for the same `seed`.
pub fn mutations(valid: &[u8], seed: u64, count: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let mut bytes = valid.to_vec();
            for _ in 0..=rng.below(4) {
                let at = rng.below(bytes.len() + 1);
                match rng.below(6) {
                    0 => bytes.truncate(at),
                    1 => {
                        let end = (at + rng.below(40)).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    2 => bytes.insert(at, SPECIAL[rng.below(SPECIAL.len())]),
                    3 => {
                        if let Some(byte) = bytes.get_mut(at) {
                            *byte = (rng.next_u64() & 0xff) as u8;
                        }
                    }
                    4 => {
                        let end = (at + rng.below(200)).min(bytes.len());
                        let copy = bytes[at..end].to_vec();
                        let tail = bytes.split_off(at);
                        bytes.extend_from_slice(&copy);
                        bytes.extend_from_slice(&tail);
                    }
                    _ => {
                        if let Some(byte) = bytes.get_mut(at) {
                            *byte = SPECIAL[rng.below(SPECIAL.len())];
                        }
                    }
                }
            }
            bytes
        })
        .collect()
}

/// Random bytes of random length below `max_len`.
pub fn noise(seed: u64, count: usize, max_len: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let len = rng.below(max_len);
            (0..len)
                .map(|_| {
                    if rng.below(3) == 0 {
                        SPECIAL[rng.below(SPECIAL.len())]
                    } else {
                        (rng.next_u64() & 0xff) as u8
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_are_deterministic_and_differ_from_the_input() {
        let valid = b"1,\"a\",-0- \n2,\"b\",-0- \n";
        let first = mutations(valid, 7, 20);
        assert_eq!(first, mutations(valid, 7, 20));
        assert!(first.iter().any(|m| m.as_slice() != valid));
        assert_eq!(noise(3, 5, 10), noise(3, 5, 10));
    }
}
