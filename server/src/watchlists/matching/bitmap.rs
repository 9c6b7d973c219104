//! A set of form ids as a bit per form: the candidate search (`candidates.rs`) unions and
//! intersects postings of thousands of forms, where sorting them would cost more.

/// A set of form ids.
pub(super) struct Bitmap {
    words: Vec<u64>,
}

impl Bitmap {
    pub(super) fn new(bits: usize) -> Bitmap {
        Bitmap {
            words: vec![0; bits.div_ceil(64)],
        }
    }

    /// Adds a bit; whether it was new.
    pub(super) fn insert(&mut self, bit: u32) -> bool {
        let Some(word) = self.words.get_mut(bit as usize / 64) else {
            return false;
        };
        let mask = 1u64 << (bit % 64);
        let new = *word & mask == 0;
        *word |= mask;
        new
    }

    pub(super) fn remove(&mut self, bit: u32) {
        if let Some(word) = self.words.get_mut(bit as usize / 64) {
            *word &= !(1u64 << (bit % 64));
        }
    }

    pub(super) fn contains(&self, bit: u32) -> bool {
        self.words
            .get(bit as usize / 64)
            .is_some_and(|word| word & (1u64 << (bit % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bit_is_in_the_set_from_its_insertion_to_its_removal() {
        let mut set = Bitmap::new(130);
        assert!(!set.contains(129));
        assert!(set.insert(129), "new");
        assert!(!set.insert(129), "already there");
        assert!(set.contains(129) && !set.contains(128) && !set.contains(1));
        set.remove(129);
        assert!(!set.contains(129));
        // Past the end: never in the set, and inserting it changes nothing.
        assert!(!set.insert(500));
        assert!(!set.contains(500));
    }
}
