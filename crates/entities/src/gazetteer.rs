//! Gazetteers: the word lists in `data/`, parsed once into one phrase table over lower-cased
//! words.
//!
//! A phrase ("New Delhi", "Foreign Minister", "Associated Press") is split into words by the
//! segment stage itself, so it matches exactly the words the pipeline produces. The table maps
//! the hash of a lower-cased word sequence to the entries it names; acronyms ("US", "WHO",
//! "AP") match only with their exact case, so "us" and "who" never do.

use dateline_learn::Feat;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a gazetteer phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Cat {
    /// A country name: "India", "United States".
    Country = 0,
    /// A capital: "New Delhi" (also stands for the government).
    Capital,
    /// Another city, state or region: "Mumbai", "Texas".
    City,
    /// A nationality adjective or demonym: "Brazilian", "Chileans".
    Demonym,
    /// A news organization or agency: "AFP", "Associated Press".
    News,
    /// An international or other well-known organization: "NATO", "World Bank", "Hamas".
    Intl,
    /// A common first name.
    FirstName,
    /// A title or role: "Foreign Minister", "envoy".
    Title,
    /// A religious or political group word: "Catholic", "Republicans".
    Group,
    /// A political figure from the PETRARCH actor lists: "Vladimir Putin".
    Actor,
}

impl Cat {
    /// A country, capital or other city, state or region.
    pub fn is_place(self) -> bool {
        matches!(self, Cat::Country | Cat::Capital | Cat::City)
    }
}

/// Number of categories (feature bits are `cat * 4 + position`).
pub(crate) const N_CATS: usize = 10;

/// One thing a phrase names.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub cat: Cat,
    /// Country code (three ASCII letters) when the entry has one.
    pub code: Option<[u8; 3]>,
    /// Gender of a first name: b'm' or b'f'.
    pub gender: u8,
    /// For acronyms: hash of the exact-case phrase, which must match.
    exact: Option<u64>,
}

/// A phrase found in a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Match {
    /// First word (sentence-relative).
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Index into the entries of the gazetteer.
    pub entry: u32,
}

/// All word lists, parsed once.
#[derive(Debug, Default)]
pub(crate) struct Gazetteer {
    /// Lower-cased phrase hash -> range into `entries`.
    phrases: FxHashMap<u64, (u32, u32)>,
    entries: Vec<Entry>,
    /// Longest phrase, in words.
    max_len: usize,
    /// Lower-cased hashes of the first words of every phrase longer than that: matching stops
    /// extending a run of words once no phrase goes on from it, so most words cost one lookup
    /// instead of `max_len`.
    prefixes: rustc_hash::FxHashSet<u64>,
    /// Title modifiers kept with a title: "former", "acting", "deputy", ...
    modifiers: rustc_hash::FxHashSet<u64>,
    /// One-word titles written with a period ("sen.", "gov."), by lower-cased hash, and the
    /// title entry they match as; see [`Gazetteer::late_matches`].
    abbreviated: rustc_hash::FxHashSet<u64>,
    title_entry: u32,
    /// One-word names written with periods ("U.S.", "U.K."), by the exact hash of the word as
    /// running text keeps it whole: the range of `entries` they name. Kept out of `phrases`
    /// like the abbreviated titles; see [`Gazetteer::late_matches`].
    dotted: FxHashMap<u64, (u32, u32)>,
}

/// One-word titles matched only after the mention tagger, like the abbreviated ones (see
/// [`Gazetteer::late_matches`]): in titles.txt they would change the tagger's features,
/// and retrained with "pm" there the model lost GUM dev (75.41 -> 74.78).
const LATE_TITLES: [&str; 1] = ["pm"];

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const ORGS: &str = include_str!("../data/orgs.tsv");
const TITLES: &str = include_str!("../data/titles.txt");
const FIRST_NAMES: &str = include_str!("../data/first_names.tsv");
const GROUPS: &str = include_str!("../data/groups.txt");
const ACTORS: &str = include_str!("../data/actors.tsv");

/// Words kept in front of a title as part of it.
const MODIFIERS: &[&str] = &[
    "former",
    "acting",
    "deputy",
    "vice",
    "interim",
    "chief",
    "senior",
    "top",
    "then",
    "ex",
    "assistant",
    "associate",
    "outgoing",
    "incoming",
];

/// Hash of a sequence of word hashes.
#[inline]
pub(crate) fn seq_hash(h: u64, word: u64) -> u64 {
    Feat::new(77).hash(h).hash(word).done()
}

pub(crate) fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// American and British spellings that organizations' names differ by.
const SPELLINGS: [(&str, &str); 4] = [
    ("Organization", "Organisation"),
    ("Center", "Centre"),
    ("Defense", "Defence"),
    ("Labor", "Labour"),
];

/// The name in the other spelling ("World Health Organisation" for "World Health
/// Organization"), if it has a word that is spelt both ways.
fn other_spelling(name: &str) -> Option<String> {
    let mut out = name.to_string();
    for (us, gb) in SPELLINGS {
        if name.contains(us) {
            out = out.replace(us, gb);
        } else if name.contains(gb) {
            out = out.replace(gb, us);
        }
    }
    (out != name).then_some(out)
}

/// The shared gazetteer.
pub(crate) fn shared() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::load)
}

/// A phrase is an acronym when it has letters and none is lower case ("US", "U.N.", "WHO").
fn is_acronym(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic()) && !s.chars().any(|c| c.is_lowercase())
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut pending: Vec<(String, Entry)> = Vec::new();
        let code = |s: &str| -> Option<[u8; 3]> {
            let b = s.trim().as_bytes();
            (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1], b[2]])
        };
        let entry = |cat, code| Entry {
            cat,
            code,
            gender: 0,
            exact: None,
        };
        let lines = |text: &'static str| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        };
        for line in lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            let c = code(cols[0]);
            let cats = [Cat::Country, Cat::Demonym, Cat::Capital, Cat::City];
            for (k, cat) in cats.iter().enumerate() {
                for name in cols.get(k + 1).unwrap_or(&"").split('|') {
                    if !name.trim().is_empty() {
                        pending.push((name.trim().to_string(), entry(*cat, c)));
                    }
                }
            }
        }
        for line in lines(ORGS) {
            let cols: Vec<&str> = line.split('\t').collect();
            let cat = if cols[0] == "news" {
                Cat::News
            } else {
                Cat::Intl
            };
            let c = cols.get(2).and_then(|s| code(s));
            for name in cols.get(1).unwrap_or(&"").split('|') {
                let name = name.trim();
                if !name.is_empty() {
                    pending.push((name.to_string(), entry(cat, c)));
                    if let Some(other) = other_spelling(name) {
                        pending.push((other, entry(cat, c)));
                    }
                }
            }
        }
        for line in lines(TITLES) {
            pending.push((line.trim().to_string(), entry(Cat::Title, None)));
        }
        for line in lines(GROUPS) {
            pending.push((line.trim().to_string(), entry(Cat::Group, None)));
        }
        for line in lines(FIRST_NAMES) {
            if let Some((n, g)) = line.split_once('\t') {
                let mut e = entry(Cat::FirstName, None);
                e.gender = g.bytes().next().unwrap_or(0);
                pending.push((n.to_string(), e));
            }
        }
        for line in lines(ACTORS) {
            if let Some((n, c)) = line.split_once('\t') {
                pending.push((n.to_string(), entry(Cat::Actor, code(c))));
            }
        }

        // Split every phrase into words the way the pipeline does, and hash.
        let mut by_key: FxHashMap<u64, Vec<Entry>> = FxHashMap::default();
        let mut prefixes = rustc_hash::FxHashSet::default();
        let mut max_len = 1;
        // Words only: sentence boundaries (and the boundary model) mean nothing in a name.
        let segmenter = dateline_segment::Segmenter::rules_only();
        let mut dotted: FxHashMap<u64, Vec<Entry>> = FxHashMap::default();
        for (phrase, mut e) in pending {
            // Split alone, "U.S." ends like a sentence ("U.S" + "."): such a name is found by
            // the word running text keeps whole, after the tagger (its features never had it).
            let one_word = !phrase.contains(char::is_whitespace);
            if one_word && phrase.len() > 2 && phrase.ends_with('.') && e.cat != Cat::Title {
                let list = dotted.entry(Feat::hash_str(&phrase)).or_default();
                if !list.iter().any(|x| x.cat == e.cat && x.code == e.code) {
                    list.push(e);
                }
            }
            let spans = segmenter.words(&phrase);
            let words: Vec<&str> = spans.iter().map(|s| &phrase[s.range()]).collect();
            if words.is_empty() {
                continue;
            }
            max_len = max_len.max(words.len());
            let mut h = 0;
            let mut exact = 0;
            for (k, w) in words.iter().enumerate() {
                if k > 0 {
                    prefixes.insert(h);
                }
                h = seq_hash(h, Feat::hash_str(&lower(w)));
                exact = seq_hash(exact, Feat::hash_str(w));
            }
            // Acronyms of up to five letters must match their case; a title such as "MP" too.
            if is_acronym(&phrase) && phrase.chars().filter(|c| c.is_alphabetic()).count() <= 5 {
                e.exact = Some(exact);
            }
            by_key.entry(h).or_default().push(e);
        }
        let mut g = Gazetteer {
            max_len: max_len.min(8),
            prefixes,
            ..Default::default()
        };
        let mut keys: Vec<u64> = by_key.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            let es = &by_key[&k];
            let start = g.entries.len() as u32;
            // One entry per (category, code): duplicates add nothing.
            for e in es {
                if !g.entries[start as usize..]
                    .iter()
                    .any(|x| x.cat == e.cat && x.code == e.code && x.exact == e.exact)
                {
                    g.entries.push(*e);
                }
            }
            g.phrases.insert(k, (start, g.entries.len() as u32));
        }
        g.modifiers = MODIFIERS.iter().map(|m| Feat::hash_str(m)).collect();
        g.abbreviated = lines(TITLES)
            .map(str::trim)
            .filter(|t| t.len() > 1 && t.ends_with('.') && !t.contains(' '))
            .chain(LATE_TITLES)
            .map(Feat::hash_str)
            .collect();
        g.title_entry = g.entries.len() as u32;
        g.entries.push(entry(Cat::Title, None));
        let mut keys: Vec<u64> = dotted.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            let start = g.entries.len() as u32;
            g.entries.extend(&dotted[&k]);
            g.dotted.insert(k, (start, g.entries.len() as u32));
        }
        g
    }

    /// Adds to `out` the matches that serve only the steps after the mention tagger: one-word
    /// names written with periods ("U.S.", "U.K."), with the entries they name, and a title
    /// match for each one-word title written with a period ("Sen.", "Gov.", "Rep.") or one of
    /// [`LATE_TITLES`] ("PM"). [`Gazetteer::matches`] misses the abbreviations: the list's
    /// "sen." is split like the end of a sentence, "sen" + ".", while running text keeps
    /// "Sen." whole. These matches are kept out of `matches`, which are the mention tagger's
    /// features (the model was trained without them); the steps after it read countries
    /// from them, and titles cut from the front of a name.
    pub fn late_matches(&self, lower: &[u64], exact: &[u64], out: &mut Vec<Match>) {
        for (k, x) in exact.iter().enumerate() {
            if let Some(&(a, b)) = self.dotted.get(x) {
                out.extend((a..b).map(|entry| Match {
                    start: k,
                    end: k + 1,
                    entry,
                }));
            }
        }
        for (k, h) in lower.iter().enumerate() {
            if !self.abbreviated.contains(h) {
                continue;
            }
            let known = out
                .iter()
                .any(|m| m.start == k && self.entry(m.entry).cat == Cat::Title);
            if !known {
                out.push(Match {
                    start: k,
                    end: k + 1,
                    entry: self.title_entry,
                });
            }
        }
    }

    /// The entry with this index.
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Whether one of a sentence's `matches` of category `cat` ends right before word `k`
    /// (a title before a name).
    pub fn ends_at(&self, matches: &[Match], k: usize, cat: Cat) -> bool {
        matches
            .iter()
            .any(|m| m.end == k && self.entry(m.entry).cat == cat)
    }

    /// Whether one of a sentence's `matches` of category `cat` starts at word `k`.
    pub fn starts_at(&self, matches: &[Match], k: usize, cat: Cat) -> bool {
        matches
            .iter()
            .any(|m| m.start == k && self.entry(m.entry).cat == cat)
    }

    /// Whether word `k` alone is one of a sentence's `matches` of category `cat` (a first
    /// name).
    pub fn is_word(&self, matches: &[Match], k: usize, cat: Cat) -> bool {
        matches
            .iter()
            .any(|m| (m.start, m.end) == (k, k + 1) && self.entry(m.entry).cat == cat)
    }

    /// True if `lower_hash` (hash of a lower-cased word) is a title modifier ("former").
    pub fn is_modifier(&self, lower_hash: u64) -> bool {
        self.modifiers.contains(&lower_hash)
    }

    /// Every phrase match in a sentence, given each word's lower-cased and exact hashes.
    pub fn matches(&self, lower: &[u64], exact: &[u64], out: &mut Vec<Match>) {
        out.clear();
        for i in 0..lower.len() {
            let (mut h, mut x) = (0, 0);
            for j in i..lower.len().min(i + self.max_len) {
                h = seq_hash(h, lower[j]);
                x = seq_hash(x, exact[j]);
                if let Some(&(a, b)) = self.phrases.get(&h) {
                    for e in a..b {
                        let en = &self.entries[e as usize];
                        if en.exact.is_none_or(|want| want == x) {
                            out.push(Match {
                                start: i,
                                end: j + 1,
                                entry: e,
                            });
                        }
                    }
                }
                if !self.prefixes.contains(&h) {
                    break;
                }
            }
        }
    }

    /// Entries for exactly the words `words` (lower-cased and exact hashes), as in [`Self::matches`].
    pub fn lookup<'a>(
        &'a self,
        lower: &[u64],
        exact: &[u64],
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        let (mut h, mut x) = (0, 0);
        for (l, e) in lower.iter().zip(exact) {
            h = seq_hash(h, *l);
            x = seq_hash(x, *e);
        }
        let range = if lower.is_empty() || lower.len() > self.max_len {
            0..0
        } else {
            self.phrases
                .get(&h)
                .map_or(0..0, |&(a, b)| a as usize..b as usize)
        };
        self.entries[range]
            .iter()
            .filter(move |e| e.exact.is_none_or(|want| want == x))
    }

    /// [`Gazetteer::lookup`], and for one word, the names written with periods ("U.S."),
    /// which the span typer's features never had (see [`Gazetteer::late_matches`]):
    /// for the steps after it.
    pub fn lookup_written<'a>(
        &'a self,
        lower: &[u64],
        exact: &[u64],
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        let dotted = match exact {
            [word] => self.dotted.get(word).copied(),
            _ => None,
        };
        let dotted = dotted.map_or(&[][..], |(a, b)| &self.entries[a as usize..b as usize]);
        self.lookup(lower, exact).chain(dotted.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(words: &[&str]) -> (Vec<u64>, Vec<u64>) {
        (
            words.iter().map(|w| Feat::hash_str(&lower(w))).collect(),
            words.iter().map(|w| Feat::hash_str(w)).collect(),
        )
    }

    #[test]
    fn names_match_in_either_spelling() {
        let g = shared();
        for name in ["World Health Organisation", "World Health Organization"] {
            let words: Vec<&str> = name.split(' ').collect();
            let (l, x) = hashes(&words);
            assert!(g.lookup(&l, &x).any(|e| e.cat == Cat::Intl), "{name}");
        }
        assert_eq!(other_spelling("Reuters"), None);
    }

    #[test]
    fn names_written_with_periods_are_found_after_the_tagger() {
        let g = shared();
        let (l, x) = hashes(&["U.S.", "officials", "met", "U.K.", "envoys"]);
        // Not among the tagger's features, which were learnt without them.
        let mut m = Vec::new();
        g.matches(&l, &x, &mut m);
        assert!(!m.iter().any(|m| m.start == 0 || m.start == 3), "{m:?}");
        // Found for the steps after it, and by their lookup, as the country.
        g.late_matches(&l, &x, &mut m);
        let code = |k: usize| {
            m.iter()
                .filter(|m| m.start == k && g.entry(m.entry).cat == Cat::Country)
                .find_map(|m| g.entry(m.entry).code)
        };
        assert_eq!(code(0), Some(*b"USA"));
        assert_eq!(code(3), Some(*b"GBR"));
        let found: Vec<_> = g
            .lookup_written(&l[..1], &x[..1])
            .map(|e| (e.cat, e.code))
            .collect();
        assert_eq!(found, [(Cat::Country, Some(*b"USA"))]);
        assert_eq!(g.lookup(&l[..1], &x[..1]).count(), 0, "not for the typer");
        // In lower case it is no country's name.
        let (l, x) = hashes(&["u.s."]);
        assert_eq!(g.lookup_written(&l, &x).count(), 0);
    }

    #[test]
    fn finds_phrases_and_respects_acronym_case() {
        let g = shared();
        let (l, x) = hashes(&[
            "the",
            "Associated",
            "Press",
            "told",
            "us",
            "in",
            "New",
            "Delhi",
        ]);
        let mut m = Vec::new();
        g.matches(&l, &x, &mut m);
        let cats: Vec<(usize, usize, Cat)> = m
            .iter()
            .map(|m| (m.start, m.end, g.entry(m.entry).cat))
            .collect();
        assert!(cats.contains(&(1, 3, Cat::News)), "{cats:?}");
        assert!(cats.contains(&(6, 8, Cat::Capital)), "{cats:?}");
        assert!(
            !cats.iter().any(|c| c.0 == 4),
            "lower-case 'us' is not the US: {cats:?}"
        );
        let (l, x) = hashes(&["US"]);
        assert!(g.lookup(&l, &x).any(|e| e.code == Some(*b"USA")));
        let (l, x) = hashes(&["Chilean"]);
        assert!(g
            .lookup(&l, &x)
            .any(|e| e.cat == Cat::Demonym && e.code == Some(*b"CHL")));
    }
}
