//! A small proleptic-Gregorian calendar date, and the TIMEX3 points built on it.

use std::fmt;

/// A calendar date in the proleptic Gregorian calendar (years 1 to 9999).
///
/// ```
/// use dateline_time::Date;
/// let d = Date::parse("2025-03-08").unwrap();
/// assert_eq!(d.weekday(), 6); // Saturday
/// assert_eq!(d.iso_week(), (2025, 10));
/// assert_eq!(d.to_string(), "2025-03-08");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Smallest and largest year a [`Date`] holds.
const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

impl Date {
    /// The date `year-month-day`, or `None` when it does not exist (2025-02-29) or the year is
    /// outside 1..=9999.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month as u8) as u32 {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Parses `YYYY-MM-DD` (a longer ISO value such as `1998-02-19T08:02:00` is cut to its date).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month as u32
    }
    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before).
    pub(crate) fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` days after 1970-01-01, if its year is in range.
    pub(crate) fn from_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719468)?;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        if !(MIN_YEAR as i64..=MAX_YEAR as i64).contains(&y) {
            return None;
        }
        Some(Date {
            year: y as i32,
            month: m as u8,
            day: d as u8,
        })
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week (1 to 53).
    pub fn iso_week(&self) -> (i32, u32) {
        let thursday = self.to_days() - self.weekday() as i64 + 4;
        match Date::from_days(thursday) {
            Some(t) => {
                let jan1 = Date {
                    year: t.year,
                    month: 1,
                    day: 1,
                };
                (t.year, ((thursday - jan1.to_days()) / 7 + 1) as u32)
            }
            // At the very edge of the range: good enough.
            None => (self.year, 1),
        }
    }

    /// `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(n)?)
    }

    /// `n` months later (earlier when negative); the day is clamped to the month's length.
    pub fn add_months(self, n: i64) -> Option<Date> {
        let m0 = (self.year as i64).checked_mul(12)? + self.month as i64 - 1;
        let m = m0.checked_add(n)?;
        let year = m.div_euclid(12);
        if !(MIN_YEAR as i64..=MAX_YEAR as i64).contains(&year) {
            return None;
        }
        let month = (m.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year as i32, month));
        Some(Date {
            year: year as i32,
            month,
            day,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// True for leap years.
pub(crate) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Calendar units, from the smallest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

/// How precise a point is: the granularity its value is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gran {
    Day,
    Weekend,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// Time of day added to a day point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tod {
    None,
    /// "MO", "AF", "EV", "NI", "DT".
    Part(&'static str),
    /// Hours and minutes.
    Clock(u8, u8),
}

/// A point on the calendar at some granularity: what a DATE or TIME value names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Point {
    pub gran: Gran,
    /// A date inside the period (its first day, or the day itself).
    pub date: Date,
    /// Season index 0..4 (SP, SU, FA, WI) when `gran` is `Season`.
    pub season: u8,
    pub tod: Tod,
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];
/// First month of each season.
const SEASON_MONTH: [u32; 4] = [3, 6, 9, 12];

impl Point {
    /// The period of granularity `gran` that holds `date`, normalized to its first day.
    pub fn of(date: Date, gran: Gran) -> Point {
        let y = date.year;
        let first = |m: u32| Date::new(y, m, 1).unwrap_or(date);
        let d = match gran {
            Gran::Day => date,
            Gran::Week | Gran::Weekend => {
                date.add_days(-(date.weekday() as i64 - 1)).unwrap_or(date)
            }
            Gran::Month => first(date.month as u32),
            Gran::Season => first(date.month as u32),
            Gran::Quarter => first((date.month as u32 - 1) / 3 * 3 + 1),
            Gran::Half => first((date.month as u32 - 1) / 6 * 6 + 1),
            Gran::Year => first(1),
            Gran::Decade => Date::new(y - y.rem_euclid(10), 1, 1).unwrap_or(date),
            Gran::Century => Date::new((y - y.rem_euclid(100)).max(1), 1, 1).unwrap_or(date),
        };
        let season = match date.month {
            3..=5 => 0,
            6..=8 => 1,
            9..=11 => 2,
            _ => 3,
        };
        Point {
            gran,
            date: d,
            season,
            tod: Tod::None,
        }
    }

    /// A season point: `season` of `year` (winter runs from December).
    pub fn season(year: i32, season: u8) -> Option<Point> {
        let s = season.min(3);
        let date = Date::new(year, SEASON_MONTH[s as usize], 1)?;
        Some(Point {
            gran: Gran::Season,
            date,
            season: s,
            tod: Tod::None,
        })
    }

    /// The point `n` units later (earlier when negative), written at granularity `gran`.
    pub fn shift(self, unit: Unit, n: i64, gran: Gran) -> Option<Point> {
        let d = self.date;
        let moved = match unit {
            Unit::Second | Unit::Minute => Some(d),
            Unit::Hour => d.add_days(n.checked_mul(1)? / 24),
            Unit::Day => d.add_days(n),
            Unit::Week => d.add_days(n.checked_mul(7)?),
            Unit::Month => d.add_months(n),
            Unit::Quarter => d.add_months(n.checked_mul(3)?),
            Unit::Year => d.add_months(n.checked_mul(12)?),
            Unit::Decade => d.add_months(n.checked_mul(120)?),
            Unit::Century => d.add_months(n.checked_mul(1200)?),
            Unit::Millennium => d.add_months(n.checked_mul(12000)?),
        }?;
        let mut p = Point::of(moved, gran);
        if gran == Gran::Season {
            p.season = self.season;
        }
        Some(p)
    }

    /// The TIMEX3 value.
    pub fn value(&self) -> String {
        let d = self.date;
        let y = d.year;
        let mut s = match self.gran {
            Gran::Century => format!("{:02}", y / 100),
            Gran::Decade => format!("{:03}", y / 10),
            Gran::Year => format!("{y:04}"),
            Gran::Half => format!("{y:04}-H{}", if d.month <= 6 { 1 } else { 2 }),
            Gran::Quarter => format!("{y:04}-Q{}", (d.month - 1) / 3 + 1),
            Gran::Season => format!("{y:04}-{}", SEASONS[self.season.min(3) as usize]),
            Gran::Month => format!("{y:04}-{:02}", d.month),
            Gran::Week => {
                let (wy, w) = d.iso_week();
                format!("{wy:04}-W{w:02}")
            }
            Gran::Weekend => {
                let (wy, w) = d.iso_week();
                format!("{wy:04}-W{w:02}-WE")
            }
            Gran::Day => d.to_string(),
        };
        match self.tod {
            Tod::None => {}
            Tod::Part(p) => {
                s.push('T');
                s.push_str(p);
            }
            Tod::Clock(h, m) => s.push_str(&format!("T{h:02}:{m:02}")),
        }
        s
    }
}
