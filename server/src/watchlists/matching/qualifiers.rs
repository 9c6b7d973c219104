//! Date of birth and nationality as qualifiers of a name match (INDICATORS.md §2.3 KNOWN-01,
//! §6.3 logic-v2 qualifiers, §6.4 step 7): agreement raises the score a little, disagreement
//! lowers it and rules out a critical hold, so the many listed `KIM, …` do not all become holds
//! for every Korean candidate with a common name. Qualifiers only adjust a name that already
//! matches (≥ review); they never make a match out of a weak name.

/// Both dates known and equal to the day.
pub const DOB_EXACT_BONUS: f64 = 0.05;
/// Same year, different month or day (logic-v2 `dob_day_disjoint` is −0.25; we keep the larger
/// penalty for the larger disagreement below) **[design]**.
pub const DOB_DAY_DISJOINT_PENALTY: f64 = 0.15;
/// Years do not overlap (logic-v2 `dob_year_disjoint` −0.15) **[design]**: a same-name person
/// born in another year is most likely someone else.
pub const DOB_YEAR_DISJOINT_PENALTY: f64 = 0.25;
/// The query's nationality is one of the entry's **[design]**.
pub const NATIONALITY_MATCH_BONUS: f64 = 0.03;
/// The query's nationality is none of the entry's (logic-v2 `country_mismatch` is −0.2; softer
/// here because claiming another nationality is what a DPRK IT worker does) **[design]**.
pub const NATIONALITY_MISMATCH_PENALTY: f64 = 0.10;
/// `circa 1979` on a list covers this many years either side.
pub const CIRCA_YEARS: u16 = 1;

/// A date as lists write it: a year range (one year for a plain date), with month and day when
/// known. `21 Sep 1979`, `Sep 1979`, `1979`, `circa 1979`, `1968 to 1970`, `1979-09-21`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpec {
    pub year_from: u16,
    pub year_to: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// How the query's date of birth compares with the entry's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DobAgreement {
    /// One side has no readable date.
    Unknown,
    /// The same day.
    Exact,
    /// Compatible as far as both go (same year, one side has no day).
    Consistent,
    DayDisjoint,
    YearDisjoint,
}

impl DobAgreement {
    /// The score adjustment.
    pub fn adjustment(self) -> f64 {
        match self {
            DobAgreement::Exact => DOB_EXACT_BONUS,
            DobAgreement::Unknown | DobAgreement::Consistent => 0.0,
            DobAgreement::DayDisjoint => -DOB_DAY_DISJOINT_PENALTY,
            DobAgreement::YearDisjoint => -DOB_YEAR_DISJOINT_PENALTY,
        }
    }

    /// Whether it contradicts the match (and so rules out a critical hold).
    pub fn contradicts(self) -> bool {
        matches!(self, DobAgreement::DayDisjoint | DobAgreement::YearDisjoint)
    }

    fn rank(self) -> u8 {
        match self {
            DobAgreement::Exact => 4,
            DobAgreement::Consistent => 3,
            DobAgreement::DayDisjoint => 2,
            DobAgreement::YearDisjoint => 1,
            DobAgreement::Unknown => 0,
        }
    }
}

/// How the query's nationality compares with the entry's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NationalityAgreement {
    Unknown,
    Match,
    Mismatch,
}

impl NationalityAgreement {
    /// The score adjustment.
    pub fn adjustment(self) -> f64 {
        match self {
            NationalityAgreement::Unknown => 0.0,
            NationalityAgreement::Match => NATIONALITY_MATCH_BONUS,
            NationalityAgreement::Mismatch => -NATIONALITY_MISMATCH_PENALTY,
        }
    }

    /// Whether it contradicts the match.
    pub fn contradicts(self) -> bool {
        self == NationalityAgreement::Mismatch
    }
}

/// Reads a date as lists and profiles write it; `None` when unreadable.
pub fn parse_date(text: &str) -> Option<DateSpec> {
    let lower = text.trim().to_lowercase();
    let circa = ["circa", "c.", "ca.", "approx", "about"]
        .iter()
        .any(|p| lower.starts_with(p));
    let mut spec = parse_iso(&lower).or_else(|| parse_words(&lower))?;
    if circa {
        spec.year_from = spec.year_from.saturating_sub(CIRCA_YEARS);
        spec.year_to = spec.year_to.saturating_add(CIRCA_YEARS);
    }
    Some(spec)
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by a time (`T…`).
fn parse_iso(text: &str) -> Option<DateSpec> {
    let date = text.split('t').next()?;
    if date.contains(char::is_whitespace) {
        return None;
    }
    let mut parts = date.split('-');
    let year = parts.next().filter(|y| y.len() == 4)?;
    let year: u16 = digits(year)?;
    let month = match parts.next() {
        Some(m) => Some(digits::<u8>(m).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(digits::<u8>(d).filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(DateSpec {
        year_from: year,
        year_to: year,
        month,
        day,
    })
}

/// `21 Sep 1979`, `Sep 21, 1979`, `September 1979`, `1968 to 1970`, `circa 1979`.
fn parse_words(text: &str) -> Option<DateSpec> {
    let mut years: Vec<u16> = Vec::new();
    let (mut month, mut day) = (None, None);
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if word.bytes().all(|b| b.is_ascii_digit()) {
            match word.len() {
                4 => years.push(digits(word)?),
                1 | 2 if day.is_none() => {
                    day = Some(digits::<u8>(word).filter(|d| (1..=31).contains(d))?)
                }
                _ => return None,
            }
        } else if let Some(m) = month_number(word) {
            month = Some(m);
        }
    }
    let (year_from, year_to) = match years.as_slice() {
        [year] => (*year, *year),
        [a, b] => ((*a).min(*b), (*a).max(*b)),
        _ => return None,
    };
    if year_from != year_to || month.is_none() {
        return Some(DateSpec {
            year_from,
            year_to,
            month: if year_from == year_to { month } else { None },
            day: None,
        });
    }
    Some(DateSpec {
        year_from,
        year_to,
        month,
        day,
    })
}

fn digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn month_number(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(word))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// The birth years of every entry behind a listed name form (lowest first year, highest last
/// year), or `None` when one of them has no date: enough to see, without comparing them one by
/// one, that none of them can agree with a query's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearWindow {
    pub from: u16,
    pub to: u16,
}

impl YearWindow {
    /// The window of the entries' dates (one slice per entry), `None` if one has none.
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a [DateSpec]>) -> Option<YearWindow> {
        let mut window: Option<YearWindow> = None;
        for dates in entries {
            if dates.is_empty() {
                return None;
            }
            for date in dates {
                let (from, to) = window.map_or((date.year_from, date.year_to), |w| {
                    (w.from.min(date.year_from), w.to.max(date.year_to))
                });
                window = Some(YearWindow { from, to });
            }
        }
        window
    }

    /// Whether every date in the window is [`DobAgreement::YearDisjoint`] from `query`.
    pub fn excludes(self, query: &DateSpec) -> bool {
        query.year_to < self.from || self.to < query.year_from
    }
}

/// A query's date of birth and nationality, read once, and what they can add to a name's
/// similarity.
#[derive(Clone, Debug, Default)]
pub struct QueryQualifiers {
    pub dob: Option<DateSpec>,
    pub nationality: Option<String>,
}

impl QueryQualifiers {
    pub fn new(birth_date: Option<&str>, nationality: Option<&str>) -> QueryQualifiers {
        QueryQualifiers {
            dob: birth_date.and_then(parse_date),
            nationality: nationality.and_then(canonical_country),
        }
    }

    /// The most the qualifiers can add to the similarity of a name whose entries' birth years
    /// are `window`: a date of birth far from all of them costs the year penalty whatever else.
    pub fn room(&self, window: Option<YearWindow>) -> f64 {
        let nationality = if self.nationality.is_some() {
            NATIONALITY_MATCH_BONUS
        } else {
            0.0
        };
        let dob = match &self.dob {
            None => 0.0,
            Some(query) if window.is_some_and(|w| w.excludes(query)) => -DOB_YEAR_DISJOINT_PENALTY,
            Some(_) => DOB_EXACT_BONUS,
        };
        dob + nationality
    }
}

/// The best agreement between the query's date and any of the entry's.
pub fn compare_dob(query: Option<&DateSpec>, listed: &[DateSpec]) -> DobAgreement {
    let Some(query) = query else {
        return DobAgreement::Unknown;
    };
    listed
        .iter()
        .map(|l| compare_one(query, l))
        .max_by_key(|a| a.rank())
        .unwrap_or(DobAgreement::Unknown)
}

fn compare_one(q: &DateSpec, l: &DateSpec) -> DobAgreement {
    if q.year_to < l.year_from || l.year_to < q.year_from {
        return DobAgreement::YearDisjoint;
    }
    if q.year_from != q.year_to || l.year_from != l.year_to {
        return DobAgreement::Consistent;
    }
    match (q.month, l.month) {
        (Some(a), Some(b)) if a != b => DobAgreement::DayDisjoint,
        (Some(_), Some(_)) => match (q.day, l.day) {
            (Some(a), Some(b)) if a != b => DobAgreement::DayDisjoint,
            (Some(_), Some(_)) => DobAgreement::Exact,
            _ => DobAgreement::Consistent,
        },
        _ => DobAgreement::Consistent,
    }
}

/// Country names and demonyms the lists and profiles write, to ISO alpha-2 (a short table:
/// the parsers already give ISO codes where they can).
#[rustfmt::skip]
const COUNTRIES: &[(&str, &str)] = &[
    ("korea, north", "KP"), ("north korea", "KP"), ("dprk", "KP"), ("prk", "KP"),
    ("democratic people's republic of korea", "KP"), ("north korean", "KP"),
    ("korea, south", "KR"), ("south korea", "KR"), ("republic of korea", "KR"), ("kor", "KR"),
    ("south korean", "KR"), ("china", "CN"), ("chinese", "CN"), ("chn", "CN"),
    ("russia", "RU"), ("russian federation", "RU"), ("russian", "RU"), ("rus", "RU"),
    ("iran", "IR"), ("iranian", "IR"), ("irn", "IR"), ("syria", "SY"), ("syrian", "SY"),
    ("united states", "US"), ("usa", "US"), ("american", "US"), ("united kingdom", "GB"),
    ("british", "GB"), ("japan", "JP"), ("japanese", "JP"), ("vietnam", "VN"), ("laos", "LA"),
    ("united arab emirates", "AE"), ("uae", "AE"),
];

/// An ISO alpha-2 code where the text is one or a known name, else the folded text.
pub fn canonical_country(text: &str) -> Option<String> {
    let folded = text.trim().to_lowercase();
    if folded.is_empty() {
        return None;
    }
    if let Some((_, code)) = COUNTRIES.iter().find(|(name, _)| *name == folded) {
        return Some((*code).to_owned());
    }
    if folded.len() == 2 && folded.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some(folded.to_ascii_uppercase());
    }
    Some(folded)
}

/// Whether the query's nationality is among the entry's (both already canonical).
pub fn compare_nationality(query: Option<&str>, listed: &[String]) -> NationalityAgreement {
    match query {
        Some(q) if !listed.is_empty() => {
            if listed.iter().any(|l| l == q) {
                NationalityAgreement::Match
            } else {
                NationalityAgreement::Mismatch
            }
        }
        _ => NationalityAgreement::Unknown,
    }
}

#[cfg(test)]
mod tests;
