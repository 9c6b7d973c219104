//! Watch-list matching speed, memory and recall (issue 4, item 7). Prints figures; asserts
//! nothing.
//!
//!     cargo bench -p server --bench watchlist                 # 1,000,000 names
//!     BENCH_NAMES=100000 cargo bench -p server --bench watchlist
//!     BENCH_BRUTE=50 cargo bench -p server --bench watchlist  # fewer exhaustive scans
//!
//! 1. Generates entries (deterministic): persons with Korean, Chinese, Arabic, Slavic and Latin
//!    names (common names from real pools, a long tail of generated surnames), aliases that are
//!    transliteration variants, `SURNAME, Given` reorderings, hyphen/space/joined spellings and
//!    some typos; organisations with legal forms; dates of birth, nationalities; a wallet or an
//!    email for some entries.
//! 2. Builds the matcher and reports the time and the memory (resident set before and after,
//!    and the matcher's own count of its heap bytes).
//! 3. Screens 2,000 profiles (a third listed names, a third variants of listed names, a third
//!    unrelated names; each a name with a date of birth and nationality most of the time, one
//!    email and one wallet) and reports p50 / p99 per profile. Target: p99 under 1 ms.
//! 4. For the first BENCH_BRUTE profiles, scans every name with the same scorer (the index must
//!    find exactly the same names) and with plain Jaro-Winkler on every pair of name parts (no
//!    comparability gate), and reports the index's recall against each at 0.85 and the speed
//!    ratio. Target: recall ≥ 99%.
// The name pools are slices of slices; clippy suggests dropping a `*` that type inference needs.
#![allow(clippy::explicit_auto_deref)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use clearance_server::watchlists::matching::{
    Gate, IdentifierKind, ListIdentifier, ListName, Matcher, NameKind, NameMatch, NameQuery,
    Severity,
};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Skewed towards the start of a list (common names first): min of two draws.
    fn common<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let (a, b) = (self.below(items.len()), self.below(items.len()));
        &items[a.min(b)]
    }
}

// Each group lists spellings of one name; the first is the usual one.
#[rustfmt::skip]
const KO_FAMILY: &[&[&str]] = &[
    &["Kim", "Gim"], &["Lee", "Yi", "Ri", "Rhee"], &["Park", "Pak", "Bak"], &["Choi", "Choe"],
    &["Jung", "Jong", "Chung", "Jeong"], &["Kang", "Gang"], &["Cho", "Jo"], &["Yoon", "Yun"],
    &["Jang", "Chang"], &["Lim", "Rim", "Im"], &["Han"], &["Oh", "O"], &["Seo", "So"],
    &["Shin", "Sin"], &["Kwon", "Gwon"], &["Hwang"], &["Ahn", "An"], &["Song"],
    &["Ryu", "Yu", "Yoo"], &["Hong"], &["Jeon", "Jon", "Chon"], &["Ko", "Go"], &["Mun", "Moon"],
    &["Yang", "Ryang"], &["Son"], &["Bae", "Pae"], &["Baek", "Paek"], &["Heo", "Ho"], &["Nam"],
    &["Sim", "Shim"], &["Ro", "Noh"], &["Ha"], &["Kwak"], &["Sung", "Seong"], &["Cha"],
    &["Ju", "Joo"], &["Woo", "U"], &["Ku", "Gu"], &["Min"], &["Ryom", "Yeom"],
];
#[rustfmt::skip]
const KO_SYLLABLE: &[&[&str]] = &[
    &["min"], &["jun", "joon"], &["seo"], &["yeon", "yon"], &["ji"], &["woo"],
    &["hyun", "hyon", "hyeon"], &["su", "soo"], &["young", "yong", "ryong"], &["jin", "chin"],
    &["ho"], &["sung", "song", "seong"], &["chol", "cheol", "chul"], &["il"], &["nam"],
    &["hyok", "hyuk"], &["myong", "myung"], &["kwang", "gwang"], &["un", "eun"],
    &["jong", "jung", "chong"], &["chun", "chon"], &["hui", "hee"], &["ok"], &["sun"],
    &["kyong", "kyung", "gyeong"], &["hak"], &["gyu", "kyu"], &["tae", "thae"], &["dong", "tong"],
    &["sang"], &["man"], &["se"], &["bin"], &["ha"], &["na"], &["hye"], &["mi"], &["won"],
    &["sik", "shik"], &["gil", "kil"], &["bok", "pok"], &["dae"], &["hwa"], &["ryul", "yul"],
    &["gun", "kun"], &["seok", "sok"], &["beom", "pom"], &["cheon"], &["rim", "lim"], &["hun"],
];
#[rustfmt::skip]
const ZH_FAMILY: &[&[&str]] = &[
    &["Wang", "Wong"], &["Li", "Lee"], &["Zhang", "Chang", "Cheung"], &["Liu", "Lau"],
    &["Chen", "Chan"], &["Yang", "Yeung"], &["Huang", "Wong"], &["Zhao", "Chao"], &["Wu", "Ng"],
    &["Zhou", "Chou"], &["Xu", "Hsu"], &["Sun"], &["Ma"], &["Zhu", "Chu"], &["Hu", "Woo"],
    &["Guo", "Kuo"], &["He", "Ho"], &["Lin", "Lam"], &["Gao", "Kao"], &["Luo", "Law"],
    &["Zheng", "Cheng"], &["Liang", "Leung"], &["Xie", "Hsieh"], &["Song", "Sung"],
    &["Tang", "Tong"], &["Han", "Hon"], &["Feng", "Fung"], &["Deng", "Teng"], &["Cao", "Tsao"],
    &["Peng", "Pang"], &["Zeng", "Tseng"], &["Xiao", "Hsiao"], &["Tian"], &["Dong", "Tung"],
    &["Pan", "Poon"], &["Yuan"], &["Cai", "Tsai"], &["Jiang", "Chiang"], &["Du", "Tu"],
    &["Ye", "Yip"], &["Wei"], &["Su", "Soo"], &["Lu", "Lo"], &["Ding", "Ting"], &["Shen"],
    &["Yao", "Yiu"], &["Cui", "Tsui"], &["Zhong", "Chung"], &["Tan", "Tam"], &["Fan"],
];
#[rustfmt::skip]
const ZH_SYLLABLE: &[&str] = &[
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie",
    "tao", "ming", "chao", "xiu", "ying", "hua", "ping", "gang", "hui", "xin", "hong", "bo", "yu",
    "hao", "ran", "chun", "zhi", "jian", "lin", "xiao", "dong", "hai", "feng", "bin", "kai", "rui",
    "xuan", "zi", "han", "yi", "chen", "long", "peng", "fei", "liang", "shan", "qing", "mei",
    "lan", "juan", "xia", "yun", "ting", "xue", "jia", "qi", "zhen", "wen", "guang", "de", "an",
    "cheng", "sheng", "zhong", "guo", "ning", "song", "bao", "shu", "tian", "quan", "xing", "yuan",
];
#[rustfmt::skip]
const AR_GIVEN: &[&[&str]] = &[
    &["Mohammed", "Muhammad", "Mohamed", "Mohammad"], &["Ahmed", "Ahmad"], &["Ali"],
    &["Omar", "Umar"], &["Hassan", "Hasan"], &["Hussein", "Husain", "Hussain"],
    &["Ibrahim", "Ebrahim"], &["Khalid", "Khaled"], &["Youssef", "Yusuf", "Yousef"],
    &["Abdullah", "Abdallah"], &["Abdul Rahman", "Abdulrahman", "Abdurrahman"],
    &["Mustafa", "Mostafa"], &["Saeed", "Said"], &["Tariq", "Tarek"], &["Hamza"], &["Bilal"],
    &["Karim", "Kareem"], &["Nasser", "Nasir"], &["Faisal", "Faysal"], &["Salim", "Salem"],
    &["Jamal"], &["Rashid", "Rasheed"], &["Majid", "Majeed"], &["Walid", "Waleed"],
    &["Ziad", "Ziyad"], &["Samir", "Sameer"], &["Adel", "Adil"], &["Fatima", "Fatma"],
    &["Aisha", "Aysha"], &["Maryam", "Mariam"], &["Zainab", "Zaynab"], &["Khadija"],
    &["Noor", "Nour"], &["Layla", "Leila"], &["Osama", "Usama"], &["Abdel Aziz", "Abdulaziz"],
    &["Jafar", "Jaafar"], &["Qasim", "Kassem"], &["Sulaiman", "Suleiman"], &["Yahya"],
    &["Idris", "Idriss"], &["Anwar"], &["Hamid", "Hameed"], &["Mahmoud", "Mahmud"],
];
#[rustfmt::skip]
const AR_FAMILY: &[&[&str]] = &[
    &["Al-Rashid", "Al Rashid", "Alrashid"], &["Al-Masri", "El-Masri"], &["Haddad"],
    &["Khoury", "Khouri"], &["Hamdan"], &["Al-Zahrani", "Alzahrani"], &["Al-Qahtani"],
    &["Al-Harbi"], &["Mansour", "Mansur"], &["Saleh", "Salih"], &["Abbas"], &["Ismail"],
    &["Farouk", "Faruq"], &["Othman", "Uthman"], &["Hakim"], &["Darwish"], &["Khalil"],
    &["Najjar"], &["Aziz"], &["Qureshi", "Quraishi"], &["Siddiqui"], &["Al-Tamimi"],
    &["Hashemi", "Hashimi"], &["Nasrallah"], &["Haidar", "Haider"], &["Jaber", "Jabir"],
];
#[rustfmt::skip]
const SL_GIVEN: &[&[&str]] = &[
    &["Ivan"], &["Sergei", "Sergey"], &["Alexander", "Aleksandr"], &["Dmitri", "Dmitry"],
    &["Nikolai", "Nikolay"], &["Andrei", "Andrey"], &["Vladimir"], &["Mikhail"],
    &["Alexei", "Aleksei", "Alexey"], &["Yuri", "Yury"], &["Oleg"], &["Pavel"], &["Igor"],
    &["Viktor", "Victor"], &["Olga"], &["Natalia", "Natalya"], &["Elena", "Yelena"],
    &["Tatiana", "Tatyana"], &["Irina"], &["Svetlana"], &["Evgeny", "Yevgeniy"], &["Anatoly"],
    &["Boris"], &["Maxim", "Maksim"], &["Roman"], &["Denis"], &["Artem", "Artyom"],
    &["Ekaterina", "Yekaterina"], &["Anastasia", "Anastasiya"], &["Yulia", "Yuliya"],
];
#[rustfmt::skip]
const SL_ROOT: &[&str] = &[
    "Ivan", "Petr", "Smirn", "Kuznets", "Pop", "Sokol", "Lebed", "Kozl", "Novik", "Moroz", "Volk",
    "Solovy", "Vasili", "Zaits", "Pavl", "Semen", "Golub", "Vinograd", "Bogdan", "Vorob", "Fedor",
    "Mikhail", "Belya", "Taras", "Bel", "Komar", "Orl", "Kisel", "Makar", "Andre", "Kovalench",
    "Shevch", "Bondar", "Tkach", "Kravch", "Oleyn", "Melnik", "Grigori",
];
const SL_SUFFIX: &[&str] = &["ov", "ev", "in", "enko", "uk", "sky"];
#[rustfmt::skip]
const LA_GIVEN: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Maria", "Jose", "Juan", "Carlos",
    "Luis", "Ana", "Sofia", "Lucas", "Mateo", "Pierre", "Jean", "Marie", "Hans", "Klaus",
    "Giuseppe", "Marco", "Giulia", "Emma", "Olivia", "Liam", "Noah", "Thomas", "Daniel", "Laura",
    "Antonio", "Francesco", "Miguel", "Pedro", "Paulo", "Joao", "Fernando", "Ricardo", "Isabel",
];
#[rustfmt::skip]
const LA_FAMILY: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Garcia", "Martinez", "Rodriguez", "Hernandez",
    "Lopez", "Gonzalez", "Perez", "Sanchez", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
    "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Martin", "Bernard", "Moreau",
    "Silva", "Santos", "Oliveira", "Pereira", "Costa", "Ferreira", "Alves", "Romano",
];
#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ba", "be", "bo", "da", "de", "do", "ka", "ke", "ko", "la", "le", "lo", "ma", "me", "mo", "na",
    "ne", "no", "ra", "re", "ro", "sa", "se", "so", "ta", "te", "to", "va", "ve", "vo", "za", "ze",
    "ri", "li", "ni", "ki", "mi", "ti", "gu", "hu", "ru", "tu", "an", "el", "or",
];
#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
    "Global", "Trading", "Silver", "Star", "Network", "Technology", "Korea", "United", "Shipping",
    "Ocean", "Energy", "International", "Industrial", "Development", "Investment", "Holdings",
    "Golden", "Dragon", "Eastern", "Pacific", "Maritime", "Resources", "Export", "Import", "Group",
    "Bureau", "General", "Mining", "Petroleum", "Logistics", "Software", "Systems", "Solutions",
    "Bank", "Commercial", "Machinery", "Steel", "Chemical", "Electronics",
];
#[rustfmt::skip]
const LEGAL_FORMS: &[&str] = &[
    "Co., Ltd.", "LLC", "Ltd", "Corporation", "JSC", "GmbH", "Inc.", "Limited", "",
];
const COUNTRIES: [&str; 5] = ["KP", "CN", "IR", "RU", "US"];

/// A made-up word from syllables (the long tail of surnames and company names).
fn invented(rng: &mut Rng, syllables: usize) -> String {
    let word: String = (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect();
    capitalise(&word)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One person's name as parts that can be re-spelled: (spelling groups, chosen index) per part.
#[derive(Clone)]
struct Person {
    given: Vec<Vec<String>>,
    family: Vec<String>,
    /// Korean given names: written `Min-jun`, `Min Jun` or `Minjun`.
    korean: bool,
    country: &'static str,
}

fn spellings(group: &[&str]) -> Vec<String> {
    group.iter().map(|s| (*s).to_owned()).collect()
}

fn person(rng: &mut Rng) -> Person {
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
fn write(rng: &mut Rng, p: &Person, variant: bool) -> String {
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

fn organisation(rng: &mut Rng) -> String {
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
fn typo(rng: &mut Rng, name: &str) -> String {
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

fn date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        1950 + rng.below(55),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

/// An entry as the bench keeps it, to derive queries from.
struct Entry {
    person: Option<Person>,
    name: String,
    dob: Option<String>,
    country: &'static str,
}

fn generate(count: usize) -> (Vec<ListName>, Vec<ListIdentifier>, Vec<Entry>) {
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
struct Profile {
    kind: usize,
    name: String,
    dob: Option<String>,
    nationality: Option<&'static str>,
    email: String,
    wallet: String,
}

fn profiles(entries: &[Entry], count: usize) -> Vec<Profile> {
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

fn query(p: &Profile) -> NameQuery<'_> {
    NameQuery {
        name: &p.name,
        birth_date: p.dob.as_deref(),
        nationality: p.nationality,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Resident set size in MiB (Linux; 0 elsewhere).
fn resident_mib() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |pages| pages * 4096.0 / (1024.0 * 1024.0))
}

fn names_of(matches: &[NameMatch]) -> BTreeSet<usize> {
    matches.iter().map(|m| m.name_index).collect()
}

fn main() {
    let count: usize = std::env::var("BENCH_NAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let brute: usize = std::env::var("BENCH_BRUTE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if count > 200_000 { 100 } else { 200 });

    let rss_start = resident_mib();
    let started = Instant::now();
    let (names, identifiers, entries) = generate(count);
    let aliases = names.iter().filter(|n| n.is_alias).count();
    println!(
        "generated {} names ({} entries, {} aliases) and {} identifiers in {:.2?}",
        names.len(),
        entries.len(),
        aliases,
        identifiers.len(),
        started.elapsed()
    );
    for sample in names.iter().step_by((names.len() / 12).max(1)).take(12) {
        println!(
            "  e.g. {:<48} {}",
            sample.name,
            if sample.is_alias { "(alias)" } else { "" }
        );
    }

    let rss_before = resident_mib();
    let started = Instant::now();
    let matcher = Matcher::new(&names, &identifiers);
    let build = started.elapsed();
    let rss_after = resident_mib();
    let stats = matcher.stats();
    println!(
        "build: {:.2?} ({:.0} names/s); {} distinct normalised names, {} terms, {} keys, {} postings",
        build, names.len() as f64 / build.as_secs_f64(), stats.forms, stats.terms, stats.keys, stats.postings
    );
    println!(
        "memory: matcher heap ≈ {:.0} MiB ({:.0} bytes/name); resident set {:.0} MiB at start, {:.0} MiB before build, {:.0} MiB after (+{:.0} MiB)",
        stats.heap_bytes as f64 / (1024.0 * 1024.0),
        stats.heap_bytes as f64 / names.len().max(1) as f64,
        rss_start, rss_before, rss_after, rss_after - rss_before
    );

    let profiles = profiles(&entries, 2000);
    let mut timings = Vec::with_capacity(profiles.len());
    let mut slowest = Vec::with_capacity(profiles.len());
    let (mut flagged, mut critical, mut visited, mut aligned) = (0usize, 0usize, 0usize, 0usize);
    for profile in &profiles {
        let q = query(profile);
        let started = Instant::now();
        let found = matcher.match_name(&q);
        let email = matcher.match_identifier(IdentifierKind::Email, &profile.email);
        let wallet = matcher.match_identifier(IdentifierKind::Wallet, &profile.wallet);
        timings.push(started.elapsed());
        flagged += usize::from(!found.is_empty() || !email.is_empty() || !wallet.is_empty());
        critical += usize::from(found.iter().any(|m| m.severity == Severity::Critical));
        let counts = matcher.search_counts(&q);
        visited += counts.visited;
        aligned += counts.aligned;
        slowest.push((
            timings[timings.len() - 1],
            profile.name.clone(),
            counts.visited,
            counts.aligned,
        ));
    }
    timings.sort();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (took, name, visited, aligned) in slowest.iter().take(5) {
        println!("  slow: {took:.2?} {name:?} ({visited} visited, {aligned} aligned)");
    }
    println!(
        "screening one profile (name + email + wallet; {} profiles, {} with a match, {} critical): p50 {:.2?}, p99 {:.2?}, max {:.2?}   [target: p99 under 1 ms]",
        timings.len(), flagged, critical,
        percentile(&timings, 0.50), percentile(&timings, 0.99), timings[timings.len() - 1]
    );
    println!(
        "index work per profile: {:.0} candidate names visited, {:.1} aligned, of {} (mean)",
        visited as f64 / profiles.len() as f64,
        aligned as f64 / profiles.len() as f64,
        stats.forms
    );

    let brute = brute.min(profiles.len());
    let labels = ["listed", "variant", "unrelated"];
    let (mut same, mut same_found) = (0usize, 0usize);
    let (mut plain, mut plain_found) = ([0usize; 3], [0usize; 3]);
    let (mut index_time, mut scan_time) = (Duration::ZERO, Duration::ZERO);
    let started = Instant::now();
    for (i, profile) in profiles.iter().take(brute).enumerate() {
        let q = query(profile);
        let t = Instant::now();
        let indexed = names_of(&matcher.match_name_all(&q));
        index_time += t.elapsed();
        let t = Instant::now();
        let scanned = names_of(&matcher.match_name_exhaustive(&q, Gate::Comparable));
        scan_time += t.elapsed();
        let reference = names_of(&matcher.match_name_exhaustive(&q, Gate::PlainJaroWinkler));
        same += scanned.len();
        same_found += scanned.intersection(&indexed).count();
        plain[profile.kind] += reference.len();
        plain_found[profile.kind] += reference.intersection(&indexed).count();
        if (i + 1) % 25 == 0 {
            println!(
                "  scanned {}/{} profiles exhaustively ({:.0?})",
                i + 1,
                brute,
                started.elapsed()
            );
        }
    }
    let ratio = |found: usize, total: usize| {
        if total == 0 {
            100.0
        } else {
            100.0 * found as f64 / total as f64
        }
    };
    println!(
        "recall against the exhaustive scan with the same scorer ({brute} profiles): {:.2}% ({same_found}/{same})   [must be 100%]",
        ratio(same_found, same)
    );
    let (all, all_found) = (
        plain.iter().sum::<usize>(),
        plain_found.iter().sum::<usize>(),
    );
    println!(
        "recall against plain Jaro-Winkler on every pair of parts, at 0.85: {:.2}% ({all_found}/{all})   [target: ≥ 99%]",
        ratio(all_found, all)
    );
    for (k, label) in labels.iter().enumerate() {
        println!(
            "  {label:<9} queries: {:.2}% ({}/{})",
            ratio(plain_found[k], plain[k]),
            plain_found[k],
            plain[k]
        );
    }
    println!(
        "speed: index {:.2?} per profile, exhaustive scan {:.2?} per profile: {:.0}x faster",
        index_time / brute.max(1) as u32,
        scan_time / brute.max(1) as u32,
        scan_time.as_secs_f64() / index_time.as_secs_f64().max(1e-9)
    );
}
