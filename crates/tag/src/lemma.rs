//! Lemmas: a table of seen (form, tag) pairs, and suffix rules for unseen words.
//!
//! A rule says "strip N bytes, append S" and is keyed by the treebank tag and the last k
//! characters of the lower-cased form (k = 5 down to 0); the longest key that exists wins. The
//! table keeps only the seen words whose lemma the rules would get wrong ("went" -> "go",
//! "I" -> "I"), which keeps it small.

use dateline_document::Upos;
use dateline_learn::Feat;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

const MAX_SUFFIX: usize = 5;

/// Maps a word and its tag to its dictionary form.
#[derive(Debug, Default)]
pub struct Lemmatizer {
    table: FxHashMap<u64, Box<str>>,
    rules: FxHashMap<u64, (usize, Box<str>)>,
}

fn key(lower: &str, xpos: &str) -> u64 {
    Feat::new(1).str(lower).str(xpos).done()
}

fn rule_key(xpos: &str, suffix: &str) -> u64 {
    Feat::new(2).str(xpos).str(suffix).done()
}

/// Start byte of each suffix of 0..=MAX_SUFFIX characters.
fn suffix_starts(lower: &str) -> Vec<usize> {
    let mut v = vec![lower.len()];
    for (i, _) in lower.char_indices().rev().take(MAX_SUFFIX) {
        v.push(i);
    }
    v
}

fn lowercase(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

impl Lemmatizer {
    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma(&self, form: &str, upos: Upos, xpos: &str) -> String {
        let lower = lowercase(form);
        if let Some(l) = self.table.get(&key(&lower, xpos)) {
            return l.to_string();
        }
        if upos == Upos::PROPN {
            return form.to_string();
        }
        self.by_rule(&lower, xpos).unwrap_or(lower)
    }

    fn by_rule(&self, lower: &str, xpos: &str) -> Option<String> {
        for &start in suffix_starts(lower).iter().rev() {
            if let Some((strip, append)) = self.rules.get(&rule_key(xpos, &lower[start..])) {
                let cut = lower.len().checked_sub(*strip)?;
                if lower.is_char_boundary(cut) && cut > 0 {
                    return Some(format!("{}{}", &lower[..cut], append));
                }
            }
        }
        None
    }

    /// Learns rules and exceptions from (form, xpos, lemma) occurrences.
    pub(crate) fn learn<'a>(
        items: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> (Lemmatizer, Vec<u8>, Vec<u8>) {
        // Most frequent lemma per (lower form, xpos).
        let mut types: BTreeMap<(String, String), BTreeMap<String, u32>> = BTreeMap::new();
        for (form, xpos, lemma) in items {
            if lemma == "_" {
                continue;
            }
            *types
                .entry((lowercase(form), xpos.to_string()))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let best = |m: &BTreeMap<String, u32>| -> String {
            let mut v: Vec<_> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v[0].0.clone()
        };
        // Count rules per (xpos, suffix).
        let mut counts: BTreeMap<(String, String), BTreeMap<(usize, String), u32>> =
            BTreeMap::new();
        for ((lower, xpos), lemmas) in &types {
            let lemma = lowercase(&best(lemmas));
            let common: usize = lower
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            let rule = (lower.len() - common, lemma[common..].to_string());
            for start in suffix_starts(lower) {
                *counts
                    .entry((xpos.clone(), lower[start..].to_string()))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
        }
        let mut rules_text = String::new();
        let mut lem = Lemmatizer::default();
        // Keep a rule only where it differs from what the next shorter suffix says; walk
        // shorter keys first so parents are decided before children.
        let mut keys: Vec<&(String, String)> = counts.keys().collect();
        keys.sort_by_key(|(x, s)| (s.chars().count(), x.clone(), s.clone()));
        for k in keys {
            let m = &counts[k];
            let mut v: Vec<_> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let (rule, n) = (v[0].0, *v[0].1);
            let (xpos, suf) = k;
            let parent = lem.by_rule_exact_parent(xpos, suf);
            let keep = suf.is_empty() || (n >= 2 && parent.as_ref() != Some(rule));
            if keep {
                lem.rules.insert(
                    rule_key(xpos, suf),
                    (rule.0, rule.1.clone().into_boxed_str()),
                );
                rules_text.push_str(&format!("{xpos}\t{suf}\t{}\t{}\n", rule.0, rule.1));
            }
        }
        let mut table_text = String::new();
        for ((lower, xpos), lemmas) in &types {
            let lemma = best(lemmas);
            let predicted = lem.by_rule(lower, xpos).unwrap_or_else(|| lower.clone());
            let propn = xpos.starts_with("NNP");
            // Proper nouns keep their surface form unless the lemma differs beyond case
            // ("Americans" -> "American").
            let exception = if propn {
                lowercase(&lemma) != *lower
            } else {
                lemma != predicted
            };
            if exception {
                lem.table
                    .insert(key(lower, xpos), lemma.clone().into_boxed_str());
                table_text.push_str(&format!("{lower}\t{xpos}\t{lemma}\n"));
            }
        }
        (lem, table_text.into_bytes(), rules_text.into_bytes())
    }

    /// The rule the longest proper suffix of `suf` gives, as learned so far.
    fn by_rule_exact_parent(&self, xpos: &str, suf: &str) -> Option<(usize, String)> {
        let starts = suffix_starts(suf);
        // starts[0] is the empty suffix; skip the suffix itself (the last start).
        for &start in starts.iter().rev().skip(1) {
            if let Some((s, a)) = self.rules.get(&rule_key(xpos, &suf[start..])) {
                return Some((*s, a.to_string()));
            }
        }
        None
    }

    /// Rebuilds a lemmatizer from the model's sections.
    pub(crate) fn from_sections(table: &[u8], rules: &[u8]) -> Lemmatizer {
        let mut lem = Lemmatizer::default();
        for line in String::from_utf8_lossy(table).lines() {
            let mut it = line.split('\t');
            if let (Some(l), Some(x), Some(m)) = (it.next(), it.next(), it.next()) {
                lem.table.insert(key(l, x), m.into());
            }
        }
        for line in String::from_utf8_lossy(rules).lines() {
            let mut it = line.split('\t');
            if let (Some(x), Some(s), Some(n), Some(a)) =
                (it.next(), it.next(), it.next(), it.next())
            {
                if let Ok(n) = n.parse() {
                    lem.rules.insert(rule_key(x, s), (n, a.into()));
                }
            }
        }
        lem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_rules_and_exceptions() {
        let data = [
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("jumped", "VBD", "jump"),
            ("went", "VBD", "go"),
            ("cities", "NNS", "city"),
            ("parties", "NNS", "party"),
            ("dogs", "NNS", "dog"),
            ("cats", "NNS", "cat"),
            ("I", "PRP", "I"),
        ];
        let (lem, table, rules) = Lemmatizer::learn(data.iter().copied());
        assert_eq!(lem.lemma("kicked", Upos::VERB, "VBD"), "kick");
        assert_eq!(lem.lemma("Went", Upos::VERB, "VBD"), "go");
        assert_eq!(lem.lemma("armies", Upos::NOUN, "NNS"), "army");
        assert_eq!(lem.lemma("birds", Upos::NOUN, "NNS"), "bird");
        assert_eq!(lem.lemma("I", Upos::PRON, "PRP"), "I");
        assert_eq!(lem.lemma("Duarte", Upos::PROPN, "NNP"), "Duarte");
        let back = Lemmatizer::from_sections(&table, &rules);
        assert_eq!(back.lemma("armies", Upos::NOUN, "NNS"), "army");
        assert_eq!(back.lemma("went", Upos::VERB, "VBD"), "go");
    }
}
