//! Generated names for the index tests (`index.rs`): deterministic, so every run checks the
//! same names.

/// A small deterministic generator (xorshift), so every run checks the same names.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(super) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[rustfmt::skip]
pub(super) const FAMILY: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Ri", "Pak", "Wang", "Li", "Zhang", "Liu", "Chen",
    "Al-Rashid", "Haddad", "Khoury", "Hamdan", "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Smith",
    "Garcia", "Rossi", "Muller", "Silva", "Nguyen",
];
#[rustfmt::skip]
pub(super) const GIVEN: &[&str] = &[
    "Jong-un", "Min Jun", "Song-chol", "Hyon", "Wei", "Xiaoming", "Haoran", "Mohammed", "Muhammad",
    "Ahmed", "Hussein", "Youssef", "Abdul Rahman", "Ivan", "Sergei", "Aleksandr", "Alexander",
    "Olga", "Natalia", "James", "Maria", "Jose", "Giulia", "J.", "K. J.",
];
#[rustfmt::skip]
pub(super) const SYLLABLES: &[&str] = &[
    "ba", "ko", "ri", "ma", "ne", "to", "sa", "vi", "lo", "de", "zu", "ha",
];

pub(super) fn generated_name(rng: &mut Rng) -> String {
    let family = if rng.below(3) == 0 {
        let count = 2 + rng.below(2);
        let word: String = (0..count).map(|_| rng.pick(SYLLABLES)).collect();
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or(word)
    } else {
        rng.pick(FAMILY).to_owned()
    };
    let given = rng.pick(GIVEN);
    match rng.below(3) {
        0 => format!("{}, {given}", family.to_uppercase()),
        1 => format!("{given} {family}"),
        _ => format!("{family} {given}"),
    }
}

/// One substitution, transposition, deletion or insertion inside the name.
pub(super) fn typo(rng: &mut Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() < 4 {
        return name.to_owned();
    }
    let i = 1 + rng.below(chars.len() - 2);
    match rng.below(4) {
        0 => chars[i] = ['a', 'e', 'o', 'n', 'r', 'k'][rng.below(6)],
        1 => chars.swap(i, i + 1),
        2 => {
            chars.remove(i);
        }
        _ => chars.insert(i, ['a', 'h', 'n'][rng.below(3)]),
    }
    chars.into_iter().collect()
}
