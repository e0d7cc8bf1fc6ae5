//! The word classes the rules match on, looked up once per word from a static table.

use crate::date::{Date, Unit};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Function words and temporal words with a role in the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum W {
    The,
    A,
    Last,
    Next,
    This,
    Past,
    Coming,
    Previous,
    Following,
    Current,
    Recent,
    Latest,
    Same,
    That,
    These,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Of,
    Every,
    Each,
    Other,
    Ago,
    Earlier,
    Later,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Recently,
    Nowadays,
    Future,
    Near,
    Fiscal,
    Few,
    Several,
    Couple,
    Some,
    Many,
    Dozen,
    About,
    Around,
    Nearly,
    Almost,
    Approximately,
    Roughly,
    More,
    Less,
    Than,
    At,
    Least,
    Most,
    Up,
    To,
    Over,
    Under,
    No,
    Half,
    And,
    Or,
    So,
    Am,
    Pm,
    Tz,
    Noon,
    Midnight,
    Weekend,
    Period,
    Old,
    Long,
    From,
    Year2k,
    Full,
    Term,
    Short,
    Possessive,
    Hundred,
    Thousand,
    On,
    In,
    For,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Hourly,
    Nightly,
    Time,
}

/// What a word is to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    /// Anything else.
    Other,
    Hyphen,
    Comma,
    Apostrophe,
    /// Digits: value and number of digits.
    Num(u32, u8),
    /// A number word: "two" (2), "twenty" (20), "nineteen" (19).
    NumW(u32),
    /// An ordinal: "third", "3rd".
    Ord(u32),
    /// A month, 1 to 12; the flag marks words that are also common words ("may", "march").
    Month(u8, bool),
    /// A weekday, 1 = Monday; plural forms ("Mondays") mark a recurrence.
    Weekday(u8, bool),
    /// A calendar unit, plural or not.
    Unit(Unit, bool),
    /// A part of the day: "MO", "AF", "EV", "NI".
    Part(&'static str),
    /// A season, 0 = spring.
    Season(u8),
    /// A decade: "1990s" (199), "nineties" (199).
    Decade(i32),
    /// A decade written short: "90s" (after an apostrophe).
    ShortDecade(u32),
    /// A clock time "10:30".
    Clock(u8, u8),
    /// A full date written in digits ("2025-03-08", "3/8/2025").
    DigitDate(Date),
    /// "1/2".
    HalfFraction,
    /// "mid-2025" (a year) or "mid-November" (a month, as 10000 + month).
    MidWord(u32),
    /// The first word of a holiday's name ("Thanksgiving", "Christmas", "Labor").
    Holiday(Holiday),
    W(W),
}

/// Holidays with a fixed rule in the US calendar news mostly follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Holiday {
    /// Fourth Thursday of November.
    Thanksgiving,
    /// December 25.
    Christmas,
    /// The Western Easter Sunday.
    Easter,
    /// October 31.
    Halloween,
    /// US Election Day: the Tuesday after the first Monday of November.
    Election,
    /// First Monday of September.
    Labor,
    /// Last Monday of May.
    Memorial,
    /// July 4.
    Independence,
}

impl Holiday {
    /// Whether the name needs "Day" after its first word ("Labor Day", not "labor").
    pub(crate) fn needs_day(self) -> bool {
        matches!(
            self,
            Holiday::Election | Holiday::Labor | Holiday::Memorial | Holiday::Independence
        )
    }

    /// The month it falls in, for choosing the year.
    pub(crate) fn month(self) -> u32 {
        match self {
            Holiday::Thanksgiving | Holiday::Election => 11,
            Holiday::Christmas => 12,
            Holiday::Easter => 4,
            Holiday::Halloween => 10,
            Holiday::Labor => 9,
            Holiday::Memorial => 5,
            Holiday::Independence => 7,
        }
    }

    /// Its date in `year`.
    pub(crate) fn date(self, year: i32) -> Option<Date> {
        // The `n`th weekday `wd` (1 = Monday) of a month; n = 0 for the last one.
        let nth = |month: u32, wd: u32, n: u32| -> Option<Date> {
            let first = Date::new(year, month, 1)?;
            let off = (wd + 7 - first.weekday()) % 7;
            if n > 0 {
                first.add_days((off + 7 * (n - 1)) as i64)
            } else {
                let next = if month == 12 {
                    Date::new(year + 1, 1, 1)?
                } else {
                    Date::new(year, month + 1, 1)?
                };
                let last = next.add_days(-1)?;
                last.add_days(-(((last.weekday() + 7 - wd) % 7) as i64))
            }
        };
        match self {
            Holiday::Thanksgiving => nth(11, 4, 4),
            Holiday::Christmas => Date::new(year, 12, 25),
            Holiday::Halloween => Date::new(year, 10, 31),
            Holiday::Independence => Date::new(year, 7, 4),
            Holiday::Labor => nth(9, 1, 1),
            Holiday::Memorial => nth(5, 1, 0),
            Holiday::Election => nth(11, 1, 1)?.add_days(1),
            Holiday::Easter => {
                // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
                let y = year;
                let (a, b, c) = (y % 19, y / 100, y % 100);
                let (d, e) = (b / 4, b % 4);
                let f = (b + 8) / 25;
                let g = (b - f + 1) / 3;
                let h = (19 * a + b - d - g + 15) % 30;
                let (i, k) = (c / 4, c % 4);
                let l = (32 + 2 * e + 2 * i - h - k) % 7;
                let m = (a + 11 * h + 22 * l) / 451;
                let month = (h + l - 7 * m + 114) / 31;
                let day = (h + l - 7 * m + 114) % 31 + 1;
                Date::new(y, month as u32, day as u32)
            }
        }
    }
}

pub(crate) struct Lexicon {
    map: FxHashMap<&'static [u8], Lex>,
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::build)
}

const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "jan."],
    &["february", "feb", "feb."],
    &["march", "mar."],
    &["april", "apr", "apr."],
    &["may"],
    &["june", "jun", "jun."],
    &["july", "jul", "jul."],
    &["august", "aug", "aug."],
    &["september", "sep", "sep.", "sept", "sept."],
    &["october", "oct", "oct."],
    &["november", "nov", "nov."],
    &["december", "dec", "dec."],
];

const WEEKDAYS: [&[&str]; 7] = [
    &["monday", "mon."],
    &["tuesday", "tue.", "tues."],
    &["wednesday", "wed."],
    &["thursday", "thu.", "thur.", "thurs."],
    &["friday", "fri."],
    &["saturday", "sat."],
    &["sunday", "sun."],
];

const NUMBERS: [(&str, u32); 28] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("zero", 0),
];

const ORDINALS: [(&str, u32); 31] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("twenty-first", 21),
    ("twenty-second", 22),
    ("twenty-third", 23),
    ("twenty-fourth", 24),
    ("twenty-fifth", 25),
    ("twenty-sixth", 26),
    ("twenty-seventh", 27),
    ("twenty-eighth", 28),
    ("twenty-ninth", 29),
    ("thirtieth", 30),
    ("thirty-first", 31),
];

impl Lexicon {
    fn build() -> Lexicon {
        let mut map: FxHashMap<&'static [u8], Lex> = FxHashMap::default();
        let mut put = |k: &'static str, v: Lex| {
            map.insert(k.as_bytes(), v);
        };
        for (m, names) in MONTHS.iter().enumerate() {
            for n in names.iter() {
                put(n, Lex::Month(m as u8 + 1, matches!(*n, "may" | "march")));
            }
        }
        const PLURAL_DAYS: [&str; 7] = [
            "mondays",
            "tuesdays",
            "wednesdays",
            "thursdays",
            "fridays",
            "saturdays",
            "sundays",
        ];
        for (d, names) in WEEKDAYS.iter().enumerate() {
            for n in names.iter() {
                put(n, Lex::Weekday(d as u8 + 1, false));
            }
            put(PLURAL_DAYS[d], Lex::Weekday(d as u8 + 1, true));
        }
        for (n, v) in NUMBERS {
            put(n, Lex::NumW(v));
        }
        for (n, v) in ORDINALS {
            put(n, Lex::Ord(v));
        }
        let units: [(&str, Unit, bool); 22] = [
            ("second", Unit::Second, false),
            ("seconds", Unit::Second, true),
            ("minute", Unit::Minute, false),
            ("minutes", Unit::Minute, true),
            ("hour", Unit::Hour, false),
            ("hours", Unit::Hour, true),
            ("day", Unit::Day, false),
            ("days", Unit::Day, true),
            ("week", Unit::Week, false),
            ("weeks", Unit::Week, true),
            ("month", Unit::Month, false),
            ("months", Unit::Month, true),
            ("quarter", Unit::Quarter, false),
            ("quarters", Unit::Quarter, true),
            ("year", Unit::Year, false),
            ("years", Unit::Year, true),
            ("decade", Unit::Decade, false),
            ("decades", Unit::Decade, true),
            ("century", Unit::Century, false),
            ("centuries", Unit::Century, true),
            ("millennium", Unit::Millennium, false),
            ("millennia", Unit::Millennium, true),
        ];
        for (n, u, p) in units {
            put(n, Lex::Unit(u, p));
        }
        for (n, p) in [
            ("morning", "MO"),
            ("mornings", "MO"),
            ("afternoon", "AF"),
            ("afternoons", "AF"),
            ("evening", "EV"),
            ("evenings", "EV"),
            ("night", "NI"),
            ("nights", "NI"),
            ("overnight", "NI"),
        ] {
            put(n, Lex::Part(p));
        }
        for (n, s) in [
            ("spring", 0),
            ("summer", 1),
            ("fall", 2),
            ("autumn", 2),
            ("winter", 3),
        ] {
            put(n, Lex::Season(s));
        }
        for (n, d) in [
            ("twenties", 192),
            ("thirties", 193),
            ("forties", 194),
            ("fifties", 195),
            ("sixties", 196),
            ("seventies", 197),
            ("eighties", 198),
            ("nineties", 199),
        ] {
            put(n, Lex::Decade(d));
        }
        let words: &[(&str, W)] = &[
            ("the", W::The),
            ("a", W::A),
            ("an", W::A),
            ("last", W::Last),
            ("next", W::Next),
            ("this", W::This),
            ("past", W::Past),
            ("coming", W::Coming),
            ("previous", W::Previous),
            ("prior", W::Previous),
            ("preceding", W::Previous),
            ("following", W::Following),
            ("current", W::Current),
            ("recent", W::Recent),
            ("latest", W::Latest),
            ("same", W::Same),
            ("that", W::That),
            ("these", W::These),
            ("early", W::Early),
            ("late", W::Late),
            ("mid", W::Mid),
            ("middle", W::Middle),
            ("end", W::End),
            ("beginning", W::Beginning),
            ("start", W::Start),
            ("of", W::Of),
            ("every", W::Every),
            ("each", W::Each),
            ("other", W::Other),
            ("ago", W::Ago),
            ("earlier", W::Earlier),
            ("later", W::Later),
            ("today", W::Today),
            ("yesterday", W::Yesterday),
            ("tomorrow", W::Tomorrow),
            ("tonight", W::Tonight),
            ("now", W::Now),
            ("currently", W::Currently),
            ("recently", W::Recently),
            ("lately", W::Recently),
            ("nowadays", W::Nowadays),
            ("future", W::Future),
            ("near", W::Near),
            ("fiscal", W::Fiscal),
            ("few", W::Few),
            ("several", W::Several),
            ("couple", W::Couple),
            ("some", W::Some),
            ("many", W::Many),
            ("dozen", W::Dozen),
            ("about", W::About),
            ("around", W::Around),
            ("nearly", W::Nearly),
            ("almost", W::Almost),
            ("approximately", W::Approximately),
            ("roughly", W::Roughly),
            ("more", W::More),
            ("less", W::Less),
            ("fewer", W::Less),
            ("than", W::Than),
            ("at", W::At),
            ("least", W::Least),
            ("most", W::Most),
            ("up", W::Up),
            ("to", W::To),
            ("over", W::Over),
            ("under", W::Under),
            ("no", W::No),
            ("half", W::Half),
            ("and", W::And),
            ("or", W::Or),
            ("so", W::So),
            ("a.m.", W::Am),
            ("am", W::Am),
            ("p.m.", W::Pm),
            ("pm", W::Pm),
            ("est", W::Tz),
            ("edt", W::Tz),
            ("cst", W::Tz),
            ("cdt", W::Tz),
            ("pst", W::Tz),
            ("pdt", W::Tz),
            ("gmt", W::Tz),
            ("utc", W::Tz),
            ("et", W::Tz),
            ("noon", W::Noon),
            ("midday", W::Noon),
            ("midnight", W::Midnight),
            ("weekend", W::Weekend),
            ("period", W::Period),
            ("old", W::Old),
            ("long", W::Long),
            ("from", W::From),
            ("millennium", W::Year2k),
            ("full", W::Full),
            ("term", W::Term),
            ("short", W::Short),
            ("'s", W::Possessive),
            ("’s", W::Possessive),
            ("hundred", W::Hundred),
            ("thousand", W::Thousand),
            ("on", W::On),
            ("in", W::In),
            ("for", W::For),
            ("daily", W::Daily),
            ("weekly", W::Weekly),
            ("monthly", W::Monthly),
            ("annually", W::Yearly),
            ("yearly", W::Yearly),
            ("hourly", W::Hourly),
            ("nightly", W::Nightly),
            ("time", W::Time),
        ];
        for &(n, w) in words {
            put(n, Lex::W(w));
        }
        for (n, h) in [
            ("thanksgiving", Holiday::Thanksgiving),
            ("christmas", Holiday::Christmas),
            ("easter", Holiday::Easter),
            ("halloween", Holiday::Halloween),
            ("election", Holiday::Election),
            ("labor", Holiday::Labor),
            ("memorial", Holiday::Memorial),
            ("independence", Holiday::Independence),
        ] {
            put(n, Lex::Holiday(h));
        }
        // "millennium" is a unit, not the Y2K word.
        put("millennium", Lex::Unit(Unit::Millennium, false));
        put("century", Lex::Unit(Unit::Century, false));
        put("-", Lex::Hyphen);
        put("–", Lex::Hyphen);
        put(",", Lex::Comma);
        put("'", Lex::Apostrophe);
        put("’", Lex::Apostrophe);
        put("‘", Lex::Apostrophe);
        Lexicon { map }
    }

    /// Classifies one word (its surface form).
    pub fn classify(&self, word: &str) -> Lex {
        let b = word.as_bytes();
        if b.is_empty() {
            return Lex::Other;
        }
        if b[0].is_ascii_digit() {
            return digits(word);
        }
        if b.len() > 16 {
            return Lex::Other;
        }
        let mut buf = [0u8; 16];
        for (o, c) in buf.iter_mut().zip(b) {
            *o = c.to_ascii_lowercase();
        }
        let low = &buf[..b.len()];
        if let Some(&l) = self.map.get(low) {
            return l;
        }
        if low.len() > 4 && low.starts_with(b"mid-") {
            let rest = &word[4..];
            if let Lex::Num(y, 4) = digits(rest) {
                return Lex::MidWord(y);
            }
            if let Some(&Lex::Month(m, _)) = self.map.get(&low[4..]) {
                return Lex::MidWord(10000 + m as u32);
            }
        }
        Lex::Other
    }
}

/// Parses an ASCII run of digits (and the digit shapes the segmenter keeps whole).
fn digits(w: &str) -> Lex {
    let b = w.as_bytes();
    let n_dig = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let val = |s: &[u8]| -> Option<u32> {
        if s.is_empty() || s.len() > 9 || !s.iter().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut v: u32 = 0;
        for &c in s {
            v = v * 10 + (c - b'0') as u32;
        }
        Some(v)
    };
    if n_dig == b.len() {
        return match val(b) {
            Some(v) => Lex::Num(v, n_dig as u8),
            None => Lex::Other,
        };
    }
    let rest = &b[n_dig..];
    let head = val(&b[..n_dig]);
    let Some(head) = head else {
        return Lex::Other;
    };
    match rest {
        b"s" if n_dig == 4 => return Lex::Decade((head / 10) as i32),
        b"s" if n_dig == 2 => return Lex::ShortDecade(head),
        b"st" | b"nd" | b"rd" | b"th" => return Lex::Ord(head),
        _ => {}
    }
    if rest[0] == b':' && rest.len() == 3 && n_dig <= 2 {
        if let Some(m) = val(&rest[1..]) {
            if head < 24 && m < 60 {
                return Lex::Clock(head as u8, m as u8);
            }
        }
        return Lex::Other;
    }
    if w == "1/2" {
        return Lex::HalfFraction;
    }
    // 2025-03-08
    if n_dig == 4 && b.len() == 10 {
        if let Some(d) = Date::parse(w) {
            return Lex::DigitDate(d);
        }
    }
    // 3/8/2025 (US order)
    let parts: [Option<u32>; 3] = {
        let mut it = w.split('/');
        [
            it.next().and_then(|p| val(p.as_bytes())),
            it.next().and_then(|p| val(p.as_bytes())),
            it.next().and_then(|p| {
                if p.len() == 4 {
                    val(p.as_bytes())
                } else {
                    None
                }
            }),
        ]
    };
    if let [Some(m), Some(d), Some(y)] = parts {
        if w.split('/').count() == 3 {
            if let Some(date) = Date::new(y as i32, m, d) {
                return Lex::DigitDate(date);
            }
        }
    }
    Lex::Other
}
