//! The publication date from an article's own dateline or byline.

use crate::date::Date;
use crate::lexicon::{lexicon, Lex};

/// How far into the text a dateline may be (bytes).
const HEAD: usize = 400;

/// Finds the publication date in the article's dateline or byline: "WASHINGTON, Aug. 19 (AP) —",
/// "March 8, 2025", "8 March 2025", "2025-03-08". `year_hint` supplies the year when the
/// dateline has none; without it such a dateline gives `None`.
///
/// Only the first lines (about 400 bytes) are looked at, so a date in the story itself is not
/// taken for the publication date.
///
/// ```
/// use dateline_time::{dct_from_text, Date};
/// let d = dct_from_text("WASHINGTON, Aug. 19 (AP) — The Senate voted.", Some(1998));
/// assert_eq!(d, Date::parse("1998-08-19"));
/// assert_eq!(dct_from_text("Published March 8, 2025. Text.", None), Date::parse("2025-03-08"));
/// ```
pub fn dct_from_text(text: &str, year_hint: Option<i32>) -> Option<Date> {
    let mut end = text.len().min(HEAD);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let lex = lexicon();
    // Words: runs of letters, digits, '.', '/', '-', ':'; everything else separates.
    let words: Vec<&str> = head
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '/' | '-' | ':')))
        .filter(|w| !w.is_empty())
        .collect();
    let classify = |w: &str| -> Lex {
        match lex.classify(w) {
            Lex::Other => match lex.classify(w.trim_end_matches('.')) {
                // "Mar 8" is a month in a dateline (in running text "mar" is a verb).
                Lex::Other if w.eq_ignore_ascii_case("mar") => Lex::Month(3, false),
                // "2025-03-08T09:30:00Z"
                Lex::Other if w.len() > 10 && w.as_bytes()[10] == b'T' => {
                    Date::parse(&w[..10]).map_or(Lex::Other, Lex::DigitDate)
                }
                l => l,
            },
            l => l,
        }
    };
    let number = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(['.', ',']);
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if w.is_empty() || w.len() > 4 || !w.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    };
    let year = |w: Option<&&str>| -> Option<i32> {
        let y = number(w?)?;
        (1000..=2100).contains(&y).then_some(y as i32)
    };
    for (k, w) in words.iter().enumerate() {
        match classify(w) {
            Lex::DigitDate(d) => return Some(d),
            Lex::Month(m, amb) => {
                if amb && !w.starts_with(|c: char| c.is_uppercase()) {
                    continue;
                }
                let Some(d) = words.get(k + 1).and_then(|x| number(x)) else {
                    continue;
                };
                if !(1..=31).contains(&d) {
                    continue;
                }
                let y = year(words.get(k + 2)).or(year_hint);
                if let Some(date) = y.and_then(|y| Date::new(y, m as u32, d)) {
                    return Some(date);
                }
            }
            _ => {
                // "8 March 2025"
                if let Some(d) = number(w) {
                    if (1..=31).contains(&d) {
                        if let Some(Lex::Month(m, _)) = words.get(k + 1).map(|x| classify(x)) {
                            let y = year(words.get(k + 2)).or(year_hint);
                            if let Some(date) = y.and_then(|y| Date::new(y, m as u32, d)) {
                                return Some(date);
                            }
                        }
                    }
                }
            }
        }
    }
    None
}
