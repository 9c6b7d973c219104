//! The generated list (persons with spelling variants, organisations, dates, identifiers) and the
//! profiles screened against it.

use super::pools::*;
use clearance_server::watchlists::matching::{
    IdentifierKind, ListIdentifier, ListName, NameKind, NameQuery,
};

/// One person's name as parts that can be re-spelled: (spelling groups, chosen index) per part.
#[derive(Clone)]
pub struct Person {
    pub given: Vec<Vec<String>>,
    pub family: Vec<String>,
    /// Korean given names: written `Min-jun`, `Min Jun` or `Minjun`.
    pub korean: bool,
    pub country: &'static str,
}

pub fn spellings(group: &[&str]) -> Vec<String> {
    group.iter().map(|s| (*s).to_owned()).collect()
}

pub fn person(rng: &mut Rng) -> Person {
    let culture = rng.below(100);
    if culture < 15 {
        let given = vec![
            spellings(*rng.pick(KO_SYLLABLE)),
            spellings(*rng.pick(KO_SYLLABLE)),
        ];
        return Person {
            given,
            family: spellings(*rng.common(KO_FAMILY)),
            korean: true,
            country: "KP",
        };
    }
    if culture < 35 {
        let count = 1 + usize::from(rng.chance(60));
        let given: String = (0..count).map(|_| *rng.pick(ZH_SYLLABLE)).collect();
        return Person {
            given: vec![vec![capitalise(&given)]],
            family: spellings(*rng.common(ZH_FAMILY)),
            korean: false,
            country: "CN",
        };
    }
    if culture < 60 {
        let mut given = vec![spellings(*rng.common(AR_GIVEN))];
        if rng.chance(30) {
            given.push(spellings(*rng.common(AR_GIVEN)));
        }
        let family = if rng.chance(60) {
            spellings(*rng.common(AR_FAMILY))
        } else {
            vec![invented(rng, 3)]
        };
        return Person {
            given,
            family,
            korean: false,
            country: "IR",
        };
    }
    if culture < 80 {
        let family = if rng.chance(70) {
            let root = *rng.common(SL_ROOT);
            let suffix = *rng.pick(SL_SUFFIX);
            vec![format!("{root}{suffix}")]
        } else {
            vec![format!("{}ov", invented(rng, 2))]
        };
        return Person {
            given: vec![spellings(*rng.common(SL_GIVEN))],
            family,
            korean: false,
            country: "RU",
        };
    }
    let family = if rng.chance(50) {
        vec![(*rng.common(LA_FAMILY)).to_owned()]
    } else {
        vec![invented(rng, 3)]
    };
    Person {
        given: vec![vec![(*rng.common(LA_GIVEN)).to_owned()]],
        family,
        korean: false,
        country: "US",
    }
}

/// Writes a person's name: `variant` picks other spellings and styles.
pub fn write(rng: &mut Rng, p: &Person, variant: bool) -> String {
    let choose = |rng: &mut Rng, group: &[String]| -> String {
        if variant {
            rng.pick(group).clone()
        } else {
            group.first().cloned().unwrap_or_default()
        }
    };
    let given: Vec<String> = p.given.iter().map(|g| choose(rng, g)).collect();
    let given = if p.korean {
        match rng.below(3) {
            0 => format!("{}-{}", capitalise(&given[0]), given[1]),
            1 => format!("{} {}", capitalise(&given[0]), capitalise(&given[1])),
            _ => capitalise(&given.concat()),
        }
    } else {
        given.join(" ")
    };
    let family = choose(rng, &p.family);
    if rng.chance(50) {
        format!("{}, {given}", family.to_uppercase())
    } else if p.korean || rng.chance(30) {
        format!("{family} {given}")
    } else {
        format!("{given} {family}")
    }
}

pub fn organisation(rng: &mut Rng) -> String {
    let words: Vec<String> = (0..2 + rng.below(3))
        .map(|_| {
            if rng.chance(60) {
                (*rng.pick(ORG_WORDS)).to_owned()
            } else {
                invented(rng, 3)
            }
        })
        .collect();
    format!("{} {}", words.join(" "), rng.pick(LEGAL_FORMS))
        .trim()
        .to_uppercase()
}

/// One substitution, transposition, deletion or insertion inside the name.
pub fn typo(rng: &mut Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() < 5 {
        return name.to_owned();
    }
    let i = 1 + rng.below(chars.len() - 3);
    match rng.below(4) {
        0 => chars[i] = *rng.pick(&['a', 'e', 'i', 'o', 'u', 'n', 'r', 's', 'k']),
        1 => chars.swap(i, i + 1),
        2 => {
            chars.remove(i);
        }
        _ => chars.insert(i, *rng.pick(&['a', 'e', 'h', 'n'])),
    }
    chars.into_iter().collect()
}

pub fn date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        1950 + rng.below(55),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

/// An entry as the bench keeps it, to derive queries from.
pub struct Entry {
    pub person: Option<Person>,
    pub name: String,
    pub dob: Option<String>,
    pub country: &'static str,
}

pub fn generate(count: usize) -> (Vec<ListName>, Vec<ListIdentifier>, Vec<Entry>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut names, mut identifiers, mut entries) =
        (Vec::with_capacity(count), Vec::new(), Vec::new());
    while names.len() < count {
        let id = format!("e{}", entries.len());
        let entry = if rng.chance(10) {
            let name = organisation(&mut rng);
            let country = *rng.pick(&COUNTRIES);
            names.push(ListName {
                entry_id: id.clone(),
                name: name.clone(),
                kind: NameKind::Organization,
                nationalities: vec![country.to_owned()],
                ..ListName::default()
            });
            if rng.chance(30) {
                let alias = organisation(&mut rng);
                names.push(ListName {
                    entry_id: id.clone(),
                    name: alias,
                    is_alias: true,
                    kind: NameKind::Organization,
                    ..ListName::default()
                });
            }
            Entry {
                person: None,
                name,
                dob: None,
                country,
            }
        } else {
            let p = person(&mut rng);
            let name = write(&mut rng, &p, false);
            let dob = rng.chance(70).then(|| date(&mut rng));
            let birth_dates: Vec<String> = dob.iter().cloned().collect();
            let nationalities = vec![p.country.to_owned()];
            names.push(ListName {
                entry_id: id.clone(),
                name: name.clone(),
                kind: NameKind::Person,
                birth_dates: birth_dates.clone(),
                nationalities: nationalities.clone(),
                ..ListName::default()
            });
            let aliases = if rng.chance(40) { 1 + rng.below(3) } else { 0 };
            for _ in 0..aliases {
                let written = write(&mut rng, &p, true);
                let alias = if rng.chance(20) {
                    typo(&mut rng, &written)
                } else {
                    written
                };
                names.push(ListName {
                    entry_id: id.clone(),
                    name: alias,
                    is_alias: true,
                    kind: NameKind::Person,
                    birth_dates: birth_dates.clone(),
                    nationalities: nationalities.clone(),
                });
            }
            let country = p.country;
            Entry {
                person: Some(p),
                name,
                dob,
                country,
            }
        };
        if rng.chance(5) {
            let value = if rng.chance(50) {
                format!(
                    "0x{:040x}",
                    (u128::from(rng.next()) << 64) | u128::from(rng.next())
                )
            } else {
                format!("user{}@example.com", entries.len())
            };
            let kind = if value.starts_with("0x") {
                IdentifierKind::Wallet
            } else {
                IdentifierKind::Email
            };
            identifiers.push(ListIdentifier {
                entry_id: id,
                kind,
                value,
            });
        }
        entries.push(entry);
    }
    names.truncate(count);
    (names, identifiers, entries)
}

/// A profile to screen: name, qualifiers, and what kind of query it is (0 listed name, 1
/// variant of a listed name, 2 unrelated).
pub struct Profile {
    pub kind: usize,
    pub name: String,
    pub dob: Option<String>,
    pub nationality: Option<&'static str>,
    pub email: String,
    pub wallet: String,
}

pub fn profiles(entries: &[Entry], count: usize) -> Vec<Profile> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    (0..count)
        .map(|i| {
            let kind = i % 3;
            let entry = rng.pick(entries);
            let (name, dob, country) = match kind {
                0 => (entry.name.clone(), entry.dob.clone(), entry.country),
                1 => {
                    let name = match (&entry.person, rng.below(3)) {
                        (Some(p), 0) => write(&mut rng, p, true),
                        (_, 1) => entry.name.to_lowercase(),
                        _ => typo(&mut rng, &entry.name),
                    };
                    (
                        name,
                        if rng.chance(50) {
                            entry.dob.clone()
                        } else {
                            Some(date(&mut rng))
                        },
                        entry.country,
                    )
                }
                _ => {
                    let p = person(&mut rng);
                    let variant = rng.chance(50);
                    (
                        write(&mut rng, &p, variant),
                        Some(date(&mut rng)),
                        p.country,
                    )
                }
            };
            Profile {
                kind,
                name,
                dob: dob.filter(|_| rng.chance(80)),
                nationality: rng.chance(60).then_some(country),
                email: format!("candidate{i}@example.org"),
                wallet: format!("0x{:040x}", u128::from(rng.next())),
            }
        })
        .collect()
}

pub fn query(p: &Profile) -> NameQuery<'_> {
    NameQuery {
        name: &p.name,
        birth_date: p.dob.as_deref(),
        nationality: p.nationality,
    }
}
