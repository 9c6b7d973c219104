//! A `Birthdate` feature's `DatePeriod`, written the way `sdn.csv` writes it in Remarks
//! (`DOB 12 Apr 1988`, `DOB 1990`, `DOB circa 1979`), so an entry reads the same whichever
//! OFAC file it came from. The XML gives a period (`Start`/`End`, each `From`/`To`); OFAC
//! spells a year-only date as 1 Jan to 31 Dec of that year, and a month as its first to last
//! day.

/// A date as written in one `From` or `To`: any part may be absent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<u32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// Sets the part named by an element (`Year`, `Month`, `Day`) from its text; text that is
    /// not a number leaves the part absent.
    pub fn set(&mut self, part: &str, text: &str) {
        let value = text.trim().parse::<u32>().ok();
        match part {
            "Year" => self.year = value,
            "Month" => self.month = value,
            "Day" => self.day = value,
            _ => {}
        }
    }
}

/// One `DatePeriod`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DatePeriod {
    pub start_from: PartialDate,
    pub start_to: PartialDate,
    pub end_from: PartialDate,
    pub end_to: PartialDate,
    /// `Approximate="true"` on `Start` or `End`.
    pub approximate: bool,
}

impl DatePeriod {
    /// The date inside `side` (`Start`, `End`) and `bound` (`From`, `To`).
    pub fn bound_mut(&mut self, side: &str, bound: &str) -> Option<&mut PartialDate> {
        match (side, bound) {
            ("Start", "From") => Some(&mut self.start_from),
            ("Start", "To") => Some(&mut self.start_to),
            ("End", "From") => Some(&mut self.end_from),
            ("End", "To") => Some(&mut self.end_to),
            _ => None,
        }
    }

    /// `12 Apr 1988`, `Apr 1988`, `1990`, `1979 to 1981`, `circa 1979`; `None` when the period
    /// has no year or is not a real date.
    pub fn describe(&self) -> Option<String> {
        let with_year = |d: &&PartialDate| d.year.is_some();
        let bounds = [self.start_from, self.start_to, self.end_from, self.end_to];
        let from = bounds.iter().find(with_year)?;
        let to = bounds.iter().rev().find(with_year)?;
        let from = Day::first(from)?;
        let to = Day::last(to)?;
        if from > to {
            return None;
        }
        let text = if from.is_new_year() && to.is_new_years_eve() {
            if from.year == to.year {
                from.year.to_string()
            } else {
                format!("{} to {}", from.year, to.year)
            }
        } else if from.day == 1 && to.day == days_in_month(to.year, to.month) {
            if (from.year, from.month) == (to.year, to.month) {
                from.month_and_year()
            } else {
                format!("{} to {}", from.month_and_year(), to.month_and_year())
            }
        } else if from == to {
            from.full()
        } else {
            format!("{} to {}", from.full(), to.full())
        };
        Some(if self.approximate {
            format!("circa {text}")
        } else {
            text
        })
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A checked calendar day. Field order makes the derived ordering chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    /// The first day a partial date can mean (a missing month is January, a missing day the 1st).
    fn first(date: &PartialDate) -> Option<Day> {
        Day::checked(date.year?, date.month.unwrap_or(1), date.day.unwrap_or(1))
    }

    /// The last day a partial date can mean (a missing month is December, a missing day the
    /// month's last).
    fn last(date: &PartialDate) -> Option<Day> {
        let year = date.year?;
        let month = date.month.unwrap_or(12);
        Day::checked(
            year,
            month,
            date.day.unwrap_or_else(|| days_in_month(year, month)),
        )
    }

    fn checked(year: u32, month: u32, day: u32) -> Option<Day> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        valid.then_some(Day { year, month, day })
    }

    fn is_new_year(&self) -> bool {
        self.month == 1 && self.day == 1
    }

    fn is_new_years_eve(&self) -> bool {
        self.month == 12 && self.day == 31
    }

    fn month_name(&self) -> &'static str {
        self.month
            .checked_sub(1)
            .and_then(|i| MONTHS.get(i as usize))
            .copied()
            .unwrap_or("")
    }

    fn month_and_year(&self) -> String {
        format!("{} {}", self.month_name(), self.year)
    }

    fn full(&self) -> String {
        format!("{:02} {} {}", self.day, self.month_name(), self.year)
    }
}

/// 0 for a month outside 1..=12, so no day is valid in it.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u32, month: u32, day: u32) -> PartialDate {
        PartialDate {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        }
    }

    fn period(from: PartialDate, to: PartialDate) -> DatePeriod {
        DatePeriod {
            start_from: from,
            start_to: from,
            end_from: to,
            end_to: to,
            approximate: false,
        }
    }

    #[test]
    fn a_single_day_reads_like_the_csv_remarks() {
        let day = date(1991, 11, 3);
        assert_eq!(period(day, day).describe().as_deref(), Some("03 Nov 1991"));
    }

    #[test]
    fn whole_years_and_months_are_shortened() {
        let year = period(date(1990, 1, 1), date(1990, 12, 31));
        assert_eq!(year.describe().as_deref(), Some("1990"));
        let years = period(date(1979, 1, 1), date(1981, 12, 31));
        assert_eq!(years.describe().as_deref(), Some("1979 to 1981"));
        let month = period(date(2000, 2, 1), date(2000, 2, 29));
        assert_eq!(month.describe().as_deref(), Some("Feb 2000"));
        let year_only = PartialDate {
            year: Some(1979),
            ..PartialDate::default()
        };
        assert_eq!(
            period(year_only, year_only).describe().as_deref(),
            Some("1979")
        );
    }

    #[test]
    fn an_approximate_date_is_circa() {
        let mut circa = period(date(1979, 1, 1), date(1979, 12, 31));
        circa.approximate = true;
        assert_eq!(circa.describe().as_deref(), Some("circa 1979"));
    }

    #[test]
    fn other_ranges_are_written_out() {
        let range = period(date(1960, 3, 5), date(1961, 7, 9));
        assert_eq!(
            range.describe().as_deref(),
            Some("05 Mar 1960 to 09 Jul 1961")
        );
    }

    #[test]
    fn impossible_or_empty_dates_are_none() {
        assert_eq!(DatePeriod::default().describe(), None);
        let bad = date(1990, 2, 30);
        assert_eq!(period(bad, bad).describe(), None);
        let month = date(1990, 13, 1);
        assert_eq!(period(month, month).describe(), None);
        assert_eq!(period(date(1991, 1, 2), date(1990, 1, 1)).describe(), None);
    }

    #[test]
    fn parts_are_set_from_element_text() {
        let mut day = PartialDate::default();
        day.set("Year", " 1988 ");
        day.set("Month", "4");
        day.set("Day", "twelve");
        day.set("Hour", "9");
        assert_eq!(
            day,
            PartialDate {
                year: Some(1988),
                month: Some(4),
                day: None
            }
        );
        let mut empty = DatePeriod::default();
        assert!(empty.bound_mut("End", "To").is_some());
        assert!(empty.bound_mut("Middle", "To").is_none());
    }
}
