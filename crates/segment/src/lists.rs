//! The word lists in `lists.txt`, parsed once into hash sets.

use rustc_hash::FxHashSet;

/// The lists the tokenizer and the sentence splitter consult.
///
/// They live in a text file (compiled in with `include_str!`) rather than in code so that a
/// linguist can extend them without reading Rust.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    /// Abbreviations before a name ("Mr", "Gov"): their period never ends a sentence.
    pub titles: FxHashSet<&'static str>,
    /// Other abbreviations that keep their period ("Inc", "Jan", "etc").
    pub abbreviations: FxHashSet<&'static str>,
    /// Abbreviations that keep their period only before a number ("No. 5").
    pub before_number: FxHashSet<&'static str>,
    /// Lower-case prefixes kept with their hyphen ("non-profit").
    pub hyphen_prefixes: FxHashSet<&'static str>,
    /// Capitalized words that usually start a sentence.
    pub starters: FxHashSet<&'static str>,
}

const LISTS: &str = include_str!("lists.txt");

impl Lists {
    /// Parses the compiled-in lists.
    pub fn load() -> Lists {
        let mut lists = Lists::default();
        let mut section = "";
        for line in LISTS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let set = match section {
                "titles" => &mut lists.titles,
                "abbreviations" => &mut lists.abbreviations,
                "before_number" => &mut lists.before_number,
                "hyphen_prefixes" => &mut lists.hyphen_prefixes,
                "starters" => &mut lists.starters,
                _ => continue,
            };
            set.extend(line.split_whitespace());
        }
        lists
    }
}
