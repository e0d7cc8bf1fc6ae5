//! The CAMEO code table (names, Goldstein scores, quad classes, PLOVER categories), the internal
//! code algebra that combines nested verbs, and the country table.

use rustc_hash::FxHashMap;

/// What the ontology says about one CAMEO code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code: "026".
    pub code: Box<str>,
    /// Its name in the CAMEO 1.1b3 manual: "Appeal to others to meet or negotiate".
    pub name: Box<str>,
    /// Goldstein conflict-cooperation score, -10 to +10 (GDELT's table).
    pub goldstein: f32,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    pub quad_class: u8,
    /// PLOVER event category (2021 names: "REQUEST", "ASSAULT"), if PLOVER has one.
    pub plover: Option<Box<str>>,
    /// PLOVER mode ("meet"), if any.
    pub plover_mode: Option<Box<str>>,
}

/// The CAMEO table and PLOVER mapping (`data/cameo.tsv`).
#[derive(Debug, Default)]
pub struct Ontology {
    codes: FxHashMap<Box<str>, CameoCode>,
    /// PICO: code -> internal code (a sum of hex terms; negations lie 0xFFFF away), and back.
    pico: FxHashMap<Box<str>, i64>,
    pico_back: FxHashMap<i64, Box<str>>,
}

impl Ontology {
    pub(crate) fn parse(cameo: &str, pico: &str) -> Ontology {
        let mut o = Ontology::default();
        for l in cameo.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 6 {
                continue;
            }
            let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().into());
            let mut plover: Option<Box<str>> = opt(f[4]);
            if plover.is_none() && f[0].starts_with("02") {
                // PLOVER folds CAMEO's appeals into REQUEST.
                plover = Some("REQUEST".into());
            }
            o.codes.insert(
                f[0].into(),
                CameoCode {
                    code: f[0].into(),
                    name: f[1].into(),
                    goldstein: f[2].trim().parse().unwrap_or(0.0),
                    quad_class: f[3].trim().parse().unwrap_or(0),
                    plover,
                    plover_mode: opt(f[5]),
                },
            );
        }
        for l in pico.lines() {
            let l = l.split('#').next().unwrap_or("").trim();
            let Some((code, hex)) = l.split_once(':') else {
                continue;
            };
            let Some(h) = pico_value(hex) else {
                continue;
            };
            o.pico.insert(code.trim().into(), h);
            o.pico_back.entry(h).or_insert_with(|| code.trim().into());
        }
        o
    }

    /// The entry of a CAMEO code; a code the table lacks falls back to its 3- then 2-digit parent.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes
            .get(code)
            .or_else(|| code.get(..3).and_then(|c| self.codes.get(c)))
            .or_else(|| code.get(..2).and_then(|c| self.codes.get(c)))
    }

    /// Combines an outer verb's code with a nested verb's code through the internal code algebra
    /// ("A will [help B]": 030 + 073 -> 033); `None` when the sum is no code.
    pub fn combine(&self, outer: &str, inner: &str) -> Option<Box<str>> {
        let a = *self.pico.get(outer)?;
        let b = *self.pico.get(inner)?;
        // Only a pure "top" code (intend, appeal...) adds onto a content code; negated codes
        // (reject, disapprove) take no part.
        if !(0..0x10000).contains(&a) || !(0..0x10000).contains(&b) {
            return None;
        }
        if a & 0x0FFF != 0 || b & 0xF000 != 0 {
            return None;
        }
        self.pico_back.get(&(a + b)).cloned()
    }

    /// The negation of a code in the internal code algebra, where a code and its negation lie
    /// 0xFFFF apart: "did not clash" (disapprove, 110 = 0xFFFF + 0x0080) is diplomatic
    /// cooperation (050 = 0x0080); "would not provide support" (060 = 0x0070) is refusing
    /// material cooperation (121 = -0xFFFF + 0x0070). `None` when the negation is no code.
    pub fn negate(&self, code: &str) -> Option<Box<str>> {
        let a = *self.pico.get(code)?;
        let n = if a < 0 { a + 0xFFFF } else { a - 0xFFFF };
        if n == 0 {
            return None;
        }
        self.pico_back.get(&n).cloned()
    }
}

/// A PICO value: `0x3040`, `-0xFFFF+0x0070`, `0x1000-0xFFFF`; after a `#` only alternatives
/// follow (`0x1007f#0xFFFF+0x0080#0x7000`), and the first is taken.
fn pico_value(s: &str) -> Option<i64> {
    let s = s.split('#').next()?.replace(' ', "");
    if s.is_empty() {
        return None;
    }
    let mut total = 0i64;
    let mut rest = s.as_str();
    while !rest.is_empty() {
        let (sign, r) = match rest.as_bytes()[0] {
            b'-' => (-1, &rest[1..]),
            b'+' => (1, &rest[1..]),
            _ => (1, rest),
        };
        let end = r.find(['+', '-']).unwrap_or(r.len());
        let term = r[..end]
            .strip_prefix("0x")
            .or(r[..end].strip_prefix("0X"))?;
        total += sign * i64::from_str_radix(term, 16).ok()?;
        rest = &r[end..];
    }
    Some(total)
}

/// The CAMEO country table: ISO alpha-3 -> CAMEO code, and capitals.
#[derive(Debug, Default)]
pub(crate) struct Countries {
    pub iso_to_cameo: FxHashMap<Box<str>, Box<str>>,
    /// Upper-case capital name -> CAMEO country code.
    pub capitals: FxHashMap<Box<str>, Box<str>>,
}

impl Countries {
    pub fn parse(text: &str) -> Countries {
        let mut c = Countries::default();
        for l in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            c.iso_to_cameo.insert(f[0].into(), f[0].into());
            if f[1].len() == 3 && f[1] != f[0] && f[1] != "---" {
                c.iso_to_cameo
                    .entry(f[1].into())
                    .or_insert_with(|| f[0].into());
            }
            if !f[3].trim().is_empty() {
                c.capitals
                    .insert(f[3].trim().to_uppercase().into(), f[0].into());
            }
        }
        c
    }

    /// The CAMEO code of an ISO alpha-3 country code (mostly the same letters).
    pub fn cameo<'a>(&'a self, iso: &'a str) -> &'a str {
        self.iso_to_cameo.get(iso).map(|c| &**c).unwrap_or(iso)
    }
}

/// PLOVER 2016 names, as `plover_gsr` codes them: REQUEST was DEMAND, ACCUSE was DISAPPROVE
/// (and INVESTIGATE for its investigation modes), ASSAULT was FIGHT for CAMEO 19x.
pub fn plover_2016(cameo: &str, plover: &str, mode: Option<&str>) -> String {
    match plover {
        "REQUEST" => "DEMAND".into(),
        "ACCUSE" if mode == Some("investigate") => "INVESTIGATE".into(),
        "ACCUSE" => "DISAPPROVE".into(),
        "ASSAULT" if cameo.starts_with("19") => "FIGHT".into(),
        p => p.into(),
    }
}
