//! Pattern tables against a fixed DCT (Saturday 2025-03-08), date arithmetic, datelines and
//! robustness. Documents are built with the real segmenter and hand-set tags.

use crate::{dct_from_text, find, Date};
use dateline_document::{Document, PosTag, TimexType, Upos};

fn dct() -> Option<Date> {
    Date::parse("2025-03-08")
}

/// A segmented document whose words are tagged "NN" except the verbs given as (word, xpos).
fn doc(text: &str, verbs: &[(&str, &'static str)]) -> Document {
    let mut d = Document::new("t", text);
    d.set_segmentation(dateline_segment::segment(text));
    d.pos = d
        .words
        .iter()
        .map(|w| {
            let form = &text[w.span.range()];
            let xpos = verbs
                .iter()
                .find(|(v, _)| *v == form)
                .map_or("NN", |(_, x)| *x);
            PosTag {
                upos: Upos::NOUN,
                xpos,
                lemma: String::new(),
            }
        })
        .collect();
    d
}

fn found(
    text: &str,
    verbs: &[(&str, &'static str)],
    dct: Option<Date>,
) -> Vec<(String, TimexType, String)> {
    let d = doc(text, verbs);
    find(&d, dct)
        .into_iter()
        .map(|t| (d.slice(t.span).to_string(), t.kind, t.value))
        .collect()
}

use TimexType::{DATE, DURATION, SET, TIME};

#[test]
fn patterns_against_a_fixed_dct() {
    let past = [
        ("said", "VBD"),
        ("spoke", "VBD"),
        ("met", "VBD"),
        ("rose", "VBD"),
    ];
    let future = [("will", "MD"), ("meet", "VB")];
    #[allow(clippy::type_complexity)]
    let table: &[(&str, &[(&str, &'static str)], &str, TimexType, &str)] = &[
        (
            "Delegates will come next month.",
            &future,
            "next month",
            DATE,
            "2025-04",
        ),
        (
            "She spoke on Tuesday.",
            &past,
            "Tuesday",
            DATE,
            "2025-03-04",
        ),
        (
            "They will meet on Friday.",
            &future,
            "Friday",
            DATE,
            "2025-03-14",
        ),
        (
            "He said in January that it was over.",
            &past,
            "January",
            DATE,
            "2025-01",
        ),
        (
            "It rose in June last year.",
            &past,
            "June last year",
            DATE,
            "2024-06",
        ),
        ("The two-day talks ended.", &[], "two-day", DURATION, "P2D"),
        (
            "Prices rose last week.",
            &past,
            "last week",
            DATE,
            "2025-W09",
        ),
        ("Music of the 1990s is back.", &[], "the 1990s", DATE, "199"),
        (
            "They met Friday morning.",
            &past,
            "Friday morning",
            DATE,
            "2025-03-07TMO",
        ),
        (
            "Elections are held every year.",
            &[],
            "every year",
            SET,
            "P1Y",
        ),
        (
            "It lasted three decades.",
            &[],
            "three decades",
            DURATION,
            "P30Y",
        ),
        ("It lasted a decade.", &[], "a decade", DURATION, "P10Y"),
        (
            "The plant opens in mid-2025.",
            &[],
            "mid-2025",
            DATE,
            "2025",
        ),
        (
            "Profit rose in the first quarter.",
            &past,
            "the first quarter",
            DATE,
            "2025-Q1",
        ),
        (
            "Talks resume this week.",
            &[],
            "this week",
            DATE,
            "2025-W10",
        ),
        ("He recently spoke.", &past, "recently", DATE, "PAST_REF"),
        ("We are ready now.", &[], "now", DATE, "PRESENT_REF"),
        (
            "Sales rose over the past year.",
            &past,
            "the past year",
            DATE,
            "2024",
        ),
        ("He left a year ago.", &past, "a year ago", DATE, "2024"),
        ("Trains run every day.", &[], "every day", SET, "P1D"),
        (
            "The report said that yesterday.",
            &past,
            "yesterday",
            DATE,
            "2025-03-07",
        ),
        (
            "They met on March 5, 2025.",
            &past,
            "March 5, 2025",
            DATE,
            "2025-03-05",
        ),
        (
            "It ended in July 1997.",
            &past,
            "July 1997",
            DATE,
            "1997-07",
        ),
        (
            "He arrived at 3 p.m. Tuesday.",
            &[("arrived", "VBD")],
            "3 p.m. Tuesday",
            TIME,
            "2025-03-04T15:00",
        ),
        (
            "The talks lasted the past two months.",
            &past,
            "the past two months",
            DURATION,
            "P2M",
        ),
        (
            "He waited nearly two years.",
            &[],
            "nearly two years",
            DURATION,
            "P2Y",
        ),
        ("It was 2 1/2 years.", &[], "2 1/2 years", DURATION, "P2Y6M"),
        (
            "Talks resume later this month.",
            &[],
            "later this month",
            DATE,
            "2025-03",
        ),
        (
            "He will return early next year.",
            &future,
            "early next year",
            DATE,
            "2026",
        ),
        (
            "It happened on Sept. 11.",
            &[("happened", "VBD")],
            "Sept. 11",
            DATE,
            "2024-09-11",
        ),
        (
            "Flights leave on Mondays.",
            &[],
            "Mondays",
            SET,
            "XXXX-WXX-1",
        ),
        (
            "It ran for several years.",
            &[],
            "several years",
            DURATION,
            "PXY",
        ),
        ("It happened in 1998.", &[], "1998", DATE, "1998"),
        ("Prices fell in the '90s.", &[], "the '90s", DATE, "199"),
        ("It was last summer.", &[], "last summer", DATE, "2024-SU"),
        ("He called tonight.", &[], "tonight", TIME, "2025-03-08TNI"),
        (
            "The deal closed 2025-02-14.",
            &[],
            "2025-02-14",
            DATE,
            "2025-02-14",
        ),
    ];
    let mut bad = Vec::new();
    for (text, verbs, span, kind, value) in table {
        let got = found(text, verbs, dct());
        let want = (span.to_string(), *kind, value.to_string());
        if !got.contains(&want) {
            bad.push(format!("{text:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

/// Rules of the second round: year choice near the DCT, weekday tense, narrative anchors.
#[test]
fn year_choice_weekday_tense_and_anchors() {
    #[allow(clippy::type_complexity)]
    let table: &[(&str, &[(&str, &'static str)], &str, TimexType, &str)] = &[
        // A date just after the DCT in the past tense stays in this year.
        (
            "The offer was extended to March 20.",
            &[("was", "VBD"), ("extended", "VBN")],
            "March 20",
            DATE,
            "2025-03-20",
        ),
        // A date just before the DCT in the future tense too.
        (
            "The deadline will be Feb. 20.",
            &[("will", "MD"), ("be", "VB")],
            "Feb. 20",
            DATE,
            "2025-02-20",
        ),
        // Far enough, the tense still decides.
        (
            "The offer was extended to June 20.",
            &[("was", "VBD"), ("extended", "VBN")],
            "June 20",
            DATE,
            "2024-06-20",
        ),
        // A month: one month of slack.
        (
            "Sales fell in April.",
            &[("fell", "VBD")],
            "April",
            DATE,
            "2025-04",
        ),
        // An infinitive after the weekday belongs to another clause.
        (
            "Shares fell on Friday to close at $20.",
            &[("fell", "VBD"), ("close", "VB")],
            "Friday",
            DATE,
            "2025-03-07",
        ),
        // A participle without an auxiliary is past.
        (
            "They would appeal the decision, announced Wednesday.",
            &[("would", "MD"), ("appeal", "VB"), ("announced", "VBN")],
            "Wednesday",
            DATE,
            "2025-03-05",
        ),
        // A possessive weekday names a reported event.
        (
            "Investors will study Thursday's close.",
            &[("will", "MD"), ("study", "VB")],
            "Thursday",
            DATE,
            "2025-03-06",
        ),
        // "the previous Friday" counts back from the day just named.
        (
            "Stocks fell on Monday, March 3, down from the previous Friday.",
            &[("fell", "VBD")],
            "the previous Friday",
            DATE,
            "2025-02-28",
        ),
        (
            "He arrived March 3, 2025, and left the following Thursday.",
            &[("arrived", "VBD"), ("left", "VBD")],
            "the following Thursday",
            DATE,
            "2025-03-06",
        ),
        // Holidays, by tense like a month and day.
        (
            "He was found on Thanksgiving Day.",
            &[("was", "VBD")],
            "Thanksgiving Day",
            DATE,
            "2024-11-28",
        ),
        (
            "Voters will decide on Election Day.",
            &[("will", "MD"), ("decide", "VB")],
            "Election Day",
            DATE,
            "2025-11-04",
        ),
        (
            "It was Christmas Eve.",
            &[("was", "VBD")],
            "Christmas Eve",
            DATE,
            "2024-12-24",
        ),
        (
            "They will meet at Easter.",
            &future(),
            "Easter",
            DATE,
            "2025-04-20",
        ),
        (
            "He left on Labor Day.",
            &[("left", "VBD")],
            "Labor Day",
            DATE,
            "2024-09-02",
        ),
        // Plural units without a number.
        (
            "He died within weeks or months of his capture.",
            &[("died", "VBD")],
            "weeks or months",
            DURATION,
            "PXW",
        ),
        (
            "Sales grew for the first time in years.",
            &[("grew", "VBD")],
            "years",
            DURATION,
            "PXY",
        ),
        // An anaphoric "the week's": the year only.
        (
            "It was the week's most active session.",
            &[("was", "VBD")],
            "the week",
            DATE,
            "2025-WXX",
        ),
    ];
    check(table);
}

fn future() -> [(&'static str, &'static str); 2] {
    [("will", "MD"), ("meet", "VB")]
}

#[allow(clippy::type_complexity)]
fn check(table: &[(&str, &[(&str, &'static str)], &str, TimexType, &str)]) {
    let mut bad = Vec::new();
    for (text, verbs, span, kind, value) in table {
        let got = found(text, verbs, dct());
        let want = (span.to_string(), *kind, value.to_string());
        if !got.contains(&want) {
            bad.push(format!("{text:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn a_year_earlier_keeps_the_quarter_it_compares_with() {
    let got = found(
        "Net rose in the third quarter from $5 a year earlier. Sales fell from $3 a year earlier.",
        &[("rose", "VBD"), ("fell", "VBD")],
        dct(),
    );
    let values: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
    assert_eq!(values, ["2024-Q3", "2023-Q3", "2023-Q3"], "{got:?}");
}

#[test]
fn anchoring_inside_the_text() {
    let got = found(
        "The talks began on March 3, 2025. The next day the envoy left.",
        &[("began", "VBD"), ("left", "VBD")],
        dct(),
    );
    assert!(
        got.contains(&("The next day".into(), DATE, "2025-03-04".into())),
        "{got:?}"
    );
}

#[test]
fn no_dct_gives_underspecified_values() {
    let got = found(
        "She spoke on Tuesday and prices rose last year. It was in January.",
        &[("spoke", "VBD"), ("rose", "VBD"), ("was", "VBD")],
        None,
    );
    let values: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
    assert_eq!(values, ["XXXX-WXX-2", "PAST_REF", "XXXX-01"]);
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        " ",
        "in 99999999999 years",
        "in 99999999999",
        "the 9999s and 0000s, 31/31/9999, 0/0/0, 99:99",
        "March 99, 2025. Feb. 29, 2023. 12345 B.C.",
        "every every every last last next next the the",
        "“Zurbarán’s” — ‘90s in mid-",
        "9999-12-31 and 10000 years after",
    ] {
        let d = doc(text, &[]);
        let _ = find(&d, dct());
        let _ = find(&d, None);
        let _ = find(&d, Date::new(9999, 12, 31));
        let _ = find(&d, Date::new(1, 1, 1));
        let _ = dct_from_text(text, Some(2025));
    }
    // A document without segmentation or tags.
    let d = Document::new("x", "Last year on Tuesday.");
    assert!(find(&d, dct()).is_empty());
}

#[test]
fn date_arithmetic() {
    let d = |s: &str| Date::parse(s).unwrap();
    assert_eq!(d("2025-03-08").weekday(), 6);
    assert_eq!(d("1970-01-01").weekday(), 4);
    assert_eq!(d("2000-02-29").weekday(), 2);
    assert_eq!(d("2025-03-08").iso_week(), (2025, 10));
    assert_eq!(d("2021-01-03").iso_week(), (2020, 53));
    assert_eq!(d("2024-12-30").iso_week(), (2025, 1));
    assert_eq!(d("2025-12-31").add_days(1), Some(d("2026-01-01")));
    assert_eq!(d("2024-02-28").add_days(1), Some(d("2024-02-29")));
    assert_eq!(d("2023-02-28").add_days(1), Some(d("2023-03-01")));
    assert_eq!(d("2025-01-31").add_months(1), Some(d("2025-02-28")));
    assert_eq!(d("2024-01-31").add_months(1), Some(d("2024-02-29")));
    assert_eq!(d("2025-03-08").add_months(-3), Some(d("2024-12-08")));
    assert_eq!(Date::parse("2023-02-29"), None);
    assert_eq!(Date::parse("1900-02-29"), None);
    assert!(Date::parse("2000-02-29").is_some());
    assert_eq!(Date::parse("1998-02-19T08:02:00"), Some(d("1998-02-19")));
    assert_eq!(Date::parse("garbage"), None);
    assert_eq!(d("9999-12-31").add_days(1), None);
    assert_eq!(d("0001-01-01").add_days(-1), None);
    assert_eq!(d("2025-03-08").add_days(i64::MAX), None);
    assert_eq!(d("2025-03-08").add_months(i64::MIN), None);
    for n in -800..800 {
        let x = d("2025-03-08").add_days(n).unwrap();
        assert_eq!(x.to_days(), d("2025-03-08").to_days() + n);
        assert_eq!(Date::parse(&x.to_string()), Some(x));
    }
}

#[test]
fn datelines() {
    let d = |s: &str| Date::parse(s);
    assert_eq!(
        dct_from_text("WASHINGTON, Aug. 19 (AP) — The Senate voted.", Some(1998)),
        d("1998-08-19")
    );
    assert_eq!(
        dct_from_text("WASHINGTON, Aug. 19 (AP) — The Senate voted.", None),
        None
    );
    assert_eq!(
        dct_from_text("March 8, 2025\nBRASILIA — Talks resume.", None),
        d("2025-03-08")
    );
    assert_eq!(
        dct_from_text("By Jane Doe | 8 March 2025\nText.", None),
        d("2025-03-08")
    );
    assert_eq!(
        dct_from_text("Published 2025-03-08 in Lagos.", None),
        d("2025-03-08")
    );
    assert_eq!(
        dct_from_text("LONDON, Sept. 30 (Reuters) - Shares fell.", Some(2024)),
        d("2024-09-30")
    );
    // More dateline and byline styles.
    let mut bad = Vec::new();
    for (text, hint, want) in [
        (
            "NEW YORK (Reuters) Mar 8, 2025 - Stocks rose.",
            None,
            "2025-03-08",
        ),
        (
            "PARIS, 8 mars — no, March 8 (AFP) - Talks.",
            Some(2025),
            "2025-03-08",
        ),
        (
            "Updated: Saturday, March 8, 2025 10:42 AM ET\nText.",
            None,
            "2025-03-08",
        ),
        (
            "By Ana Lima, Associated Press | Mar. 8, 2025, 3:15 p.m.\nText.",
            None,
            "2025-03-08",
        ),
        (
            "NAIROBI, Kenya, Aug. 7 (Xinhua) -- A blast hit.",
            Some(1998),
            "1998-08-07",
        ),
        ("03/08/2025 | BRASILIA — Talks resume.", None, "2025-03-08"),
        (
            "LAGOS, Nigeria — March 8th, 2025 — Fuel prices rose.",
            None,
            "2025-03-08",
        ),
        (
            "Posted on 2025-03-08T09:30:00Z by staff.",
            None,
            "2025-03-08",
        ),
    ] {
        let got = dct_from_text(text, hint);
        if got != d(want) {
            bad.push(format!("{text:?}: expected {want}, got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
    assert_eq!(dct_from_text("No date here at all.", Some(2025)), None);
    assert_eq!(dct_from_text("They may 5 times refuse.", Some(2025)), None);
}

#[test]
fn date_of_a_speech_verb() {
    use crate::date_of;
    use dateline_document::Dep;
    let text = "She said on Tuesday that talks will end in June.";
    let mut d = doc(text, &[("said", "VBD"), ("will", "MD"), ("end", "VB")]);
    d.timexes = find(&d, dct());
    let w = |s: &str| {
        d.words
            .iter()
            .position(|x| &text[x.span.range()] == s)
            .unwrap()
    };
    let (said, end) = (w("said"), w("end"));
    let value = |t: Option<usize>| t.map(|t| d.timexes[t].value.clone());
    // Without a parse: the nearest timex with no finite verb between.
    assert_eq!(value(date_of(&d, said)).as_deref(), Some("2025-03-04"));
    assert_eq!(value(date_of(&d, end)).as_deref(), Some("2025-06"));
    // The subject is cut off from both by "said".
    assert_eq!(date_of(&d, w("She")), None);
    // With a parse: the timex whose first verb above it is the word.
    let heads: [(Option<usize>, &'static str); 11] = [
        (Some(1), "nsubj"),
        (None, "root"),
        (Some(3), "case"),
        (Some(1), "obl"),
        (Some(7), "mark"),
        (Some(7), "nsubj"),
        (Some(7), "aux"),
        (Some(1), "ccomp"),
        (Some(9), "case"),
        (Some(7), "obl"),
        (Some(1), "punct"),
    ];
    assert_eq!(d.words.len(), heads.len());
    d.deps = heads.iter().map(|&(head, rel)| Dep { head, rel }).collect();
    assert_eq!(value(date_of(&d, said)).as_deref(), Some("2025-03-04"));
    assert_eq!(value(date_of(&d, end)).as_deref(), Some("2025-06"));
    // "talks" governs no timex.
    assert_eq!(date_of(&d, w("talks")), None);
    // A word outside any sentence, or a document without timexes.
    assert_eq!(date_of(&d, 999), None);
    d.timexes.clear();
    assert_eq!(date_of(&d, said), None);
}

#[test]
fn a_quarter_of_a_point_or_a_tournament_is_no_time() {
    let got = found(
        "Economists expected a quarter-point rise. The quarter-finals start on Friday. Growth slowed in the third quarter.",
        &[("expected", "VBD"), ("slowed", "VBD")],
        dct(),
    );
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["Friday", "the third quarter"], "{got:?}");
}
