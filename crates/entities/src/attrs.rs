//! Titles and countries of a person mention, from the words around it.
//!
//! Before the name: "former Chilean President Tomas Reyes", "Brazil's Foreign Minister Helena
//! Duarte", "its envoy to Chile Arjun Mehta". After it, an apposition: "Arjun Mehta, India's
//! envoy," (found through the parse's `appos` relation, or by pattern when there is no parse).

use crate::gazetteer::{Cat, Gazetteer, Match};
use dateline_document::Document;
use dateline_learn::Feat;

/// One sentence as the attribute rules see it.
pub(crate) struct View<'a> {
    pub doc: &'a Document,
    /// Global index of the sentence's first word.
    pub base: usize,
    /// Lower-cased word hashes.
    pub lower: &'a [u64],
    /// Gazetteer matches in the sentence.
    pub matches: &'a [Match],
    pub gaz: &'a Gazetteer,
}

/// What the words around a mention say.
#[derive(Debug, Default)]
pub(crate) struct Attrs {
    pub titles: Vec<String>,
    pub country: Option<[u8; 3]>,
    /// "its"/"their" stood where the country goes: the country of the last place or
    /// organization mentioned.
    pub country_from_possessive: Option<usize>,
}

fn h(s: &str) -> u64 {
    Feat::hash_str(s)
}

impl View<'_> {
    fn word(&self, i: usize) -> &str {
        self.doc.word_text(self.base + i)
    }

    /// The text of the sentence's words `a..b` as written ("Secretary-General", not
    /// "Secretary - General"); from the end of word `a - 1` when `from_end` (to extend a
    /// title already read up to `a`).
    fn text(&self, a: usize, b: usize, from_end: bool) -> &str {
        let words = &self.doc.words;
        let (Some(first), Some(last)) = (
            words.get(self.base + if from_end { a.saturating_sub(1) } else { a }),
            words.get((self.base + b).saturating_sub(1)),
        ) else {
            return "";
        };
        let start = if from_end {
            first.span.end
        } else {
            first.span.start
        };
        self.doc.text.get(start..last.span.end).unwrap_or("")
    }

    /// Longest match of one of `cats` ending at `end` (exclusive), not starting before `lo`.
    fn ending_at(&self, end: usize, lo: usize, cats: &[Cat]) -> Option<(usize, Option<[u8; 3]>)> {
        self.matches
            .iter()
            .filter(|m| {
                m.end == end && m.start >= lo && cats.contains(&self.gaz.entry(m.entry).cat)
            })
            .min_by_key(|m| m.start)
            .map(|m| (m.start, self.gaz.entry(m.entry).code))
    }

    /// Longest title starting at `start`.
    fn title_from(&self, start: usize) -> Option<usize> {
        self.matches
            .iter()
            .filter(|m| m.start == start && self.gaz.entry(m.entry).cat == Cat::Title)
            .map(|m| m.end)
            .max()
    }
}

const PLACES: &[Cat] = &[Cat::Country, Cat::Capital, Cat::City];
/// Places and institutions: what gives a title its country when named right before it
/// ("Kremlin spokesman") or after its preposition ("envoy to Chile"). An institution's entry
/// carries a country only when it is a country's own.
const PLACES_AND_INSTITUTIONS: &[Cat] = &[Cat::Country, Cat::Capital, Cat::City, Cat::Intl];
/// Honorifics say something about gender but are not titles worth reporting.
const HONORIFICS: &[&str] = &[
    "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "sir", "dame",
];

/// Gender an honorific implies.
pub(crate) fn honorific_gender(lower: &str) -> u8 {
    match lower {
        "mr." | "mr" | "sir" | "lord" | "king" | "prince" | "congressman" | "spokesman"
        | "chairman" | "sultan" | "emir" => b'm',
        "mrs." | "mrs" | "ms." | "ms" | "miss" | "dame" | "lady" | "queen" | "princess"
        | "congresswoman" | "spokeswoman" | "chairwoman" => b'f',
        _ => 0,
    }
}

/// Scans left from a title `[ts, te)` over modifiers, a nationality, a possessive country or
/// "its", not going before `lo`. Returns the title text and the country.
fn left_scan(v: &View, ts: usize, te: usize, lo: usize, out: &mut Attrs) {
    let mut j = ts;
    let mut mods = Vec::new();
    let (s_poss, s_its, s_their) = (h("'s"), h("its"), h("their"));
    while j > lo {
        let w = v.lower[j - 1];
        if v.gaz.is_modifier(w) {
            mods.push(j - 1);
            j -= 1;
        } else if v.lower[j - 1] == h("-") && j >= lo + 2 && v.gaz.is_modifier(v.lower[j - 2]) {
            // "ex-President", "then-Secretary"
            mods.push(j - 2);
            j -= 2;
        } else if out.country.is_none() && v.ending_at(j, lo, &[Cat::Demonym]).is_some() {
            let (s, c) = v.ending_at(j, lo, &[Cat::Demonym]).unwrap_or((j, None));
            out.country = c;
            j = s;
        } else if out.country.is_none() && w == s_poss && j >= lo + 2 {
            match v.ending_at(j - 1, lo, PLACES) {
                Some((s, c)) => {
                    out.country = c;
                    j = s;
                }
                None => break,
            }
        } else if out.country.is_none() && v.ending_at(j, lo, PLACES_AND_INSTITUTIONS).is_some() {
            // A place or a country's institution named before the title: "U.S. Ambassador",
            // "Chicago Mayor", "Kremlin spokesman".
            let (s, c) = v
                .ending_at(j, lo, PLACES_AND_INSTITUTIONS)
                .unwrap_or((j, None));
            out.country = c;
            j = s;
        } else if out.country.is_none() && (w == s_its || w == s_their) {
            out.country_from_possessive = Some(v.base + j - 1);
            break;
        } else {
            break;
        }
    }
    let from = mods.last().copied().unwrap_or(ts);
    let title = v.text(from, te, false).to_string();
    let first = v.lower[ts];
    if !(title.is_empty() || te == ts + 1 && HONORIFICS.iter().any(|x| h(x) == first)) {
        out.titles.push(title);
    }
}

/// Extends a title over "to Chile" / "of India" / "in Beijing"; "of X" also gives the country.
fn extend_title(v: &View, te: usize, n: usize, out: &mut Attrs, of_country: bool) -> usize {
    if te + 1 < n {
        let p = v.lower[te];
        let is_prep = [h("to"), h("of"), h("in"), h("for"), h("at")].contains(&p);
        if is_prep {
            if let Some(end) = v
                .matches
                .iter()
                .filter(|m| {
                    m.start == te + 1 && PLACES_AND_INSTITUTIONS.contains(&v.gaz.entry(m.entry).cat)
                })
                .map(|m| m.end)
                .max()
            {
                if of_country && p == h("of") && out.country.is_none() {
                    out.country = v
                        .matches
                        .iter()
                        .find(|m| m.start == te + 1 && m.end == end)
                        .and_then(|m| v.gaz.entry(m.entry).code);
                }
                return end;
            }
        }
    }
    te
}

/// Titles and country of the person mention `[ms, me)` (sentence-relative).
pub(crate) fn person(v: &View, ms: usize, me: usize, n: usize) -> Attrs {
    let mut out = Attrs::default();
    // Before the name: the title ending right before it, or "envoy to Chile" before it; or
    // either before a comma when the name stands between commas as its apposition ("Its
    // ambassador to Chile, Arjun Mehta, told ...").
    let title_before = |end: usize| {
        let direct = v.ending_at(end, 0, &[Cat::Title]).map(|(s, _)| (s, end));
        let with_place = v
            .ending_at(end, 0, PLACES_AND_INSTITUTIONS)
            .and_then(|(ps, _)| {
                let prep = *v.lower.get(ps.checked_sub(1)?)?;
                if ![h("to"), h("in"), h("of"), h("at")].contains(&prep) {
                    return None;
                }
                let (ts, _) = v.ending_at(ps - 1, 0, &[Cat::Title])?;
                Some((ts, ps - 1))
            });
        with_place.or(direct).map(|(ts, te)| (ts, te, end))
    };
    let between_commas =
        ms >= 2 && v.word(ms - 1) == "," && (me >= n || v.word(me) == "," || v.word(me) == ".");
    let before = title_before(ms).or_else(|| {
        if between_commas {
            title_before(ms - 1)
        } else {
            None
        }
    });
    if let Some((ts, te, end)) = before {
        // A capitalised title right before the name ("President Reyes"), or any title with a
        // determiner or nationality before it ("the envoy", "Chilean president").
        left_scan(v, ts, te, 0, &mut out);
        if let Some(t) = out.titles.last_mut() {
            if te < end {
                // "envoy to Chile": keep the place in the title.
                t.push_str(v.text(te, end, true));
            }
        }
    }
    // After the name: an apposition.
    let appos = (me..n).find(|&w| {
        let d = v.doc.deps.get(v.base + w);
        d.is_some_and(|d| {
            d.rel.starts_with("appos")
                && d.head
                    .is_some_and(|hd| hd >= v.base + ms && hd < v.base + me)
        })
    });
    let title_end = match appos {
        Some(w) => v
            .ending_at(w + 1, me + 1, &[Cat::Title])
            .map(|(s, _)| (s, w + 1)),
        None if v.doc.deps.len() != v.doc.words.len() && me < n && v.word(me) == "," => {
            // No parse: the first title within a few words after the comma.
            (me + 1..n.min(me + 6))
                .take_while(|&k| v.word(k) != "," || k == me + 1)
                .find_map(|k| v.title_from(k).map(|e| (k, e)))
        }
        _ => None,
    };
    if let Some((ts, te)) = title_end {
        {
            let mut a = Attrs::default();
            left_scan(v, ts, te, me + 1, &mut a);
            let end = extend_title(v, te, n, &mut a, true);
            if let Some(t) = a.titles.last_mut() {
                if end > te {
                    t.push_str(v.text(te, end, true));
                }
            }
            out.titles.extend(a.titles);
            if out.country.is_none() {
                out.country = a.country;
                out.country_from_possessive =
                    out.country_from_possessive.or(a.country_from_possessive);
            }
        }
    }
    out
}
