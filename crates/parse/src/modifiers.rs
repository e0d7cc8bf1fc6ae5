//! Adjective or noun: the treebanks' own word for how a modifier attaches.
//!
//! Whether a modifier before a noun is `amod` ("human rights") or `compound` ("water
//! supply") follows mostly from its tag, and the tagger's ADJ/NOUN confusions are where the
//! parser's relations go wrong most with the right head: on EWT dev from raw text, 48 of 56
//! `amod` taken for `compound`, and 25 of 33 the other way, came with a wrong tag. Yet many
//! such words take one relation nearly always in the training treebanks ("human" is `amod`
//! 64 times in 70, "style" `compound` 7 times in 7). So a parser model can carry a lexicon of
//! those words, and a modifier the parser labels `amod` or `compound` takes the word's own
//! relation when the lexicon has it. It is built from the training files alone
//! ([`add_modifiers`]), a model part like the tagger's dictionary of unambiguous words; only
//! its two thresholds were chosen on dev, from a grid where every setting gained (see the
//! crate docs).

use crate::Result;
use dateline_learn::ModelFile;
use std::collections::HashMap;
use std::path::PathBuf;

/// The model file section that holds the lexicon.
pub(crate) const MODIFIERS_SECTION: &str = "modifiers";

/// A word enters the lexicon when the training treebanks attach it as `amod` or `compound`
/// at least this often...
const MIN_SEEN: u32 = 5;

/// ...and at least this share of those times with the same one of the two.
const MIN_SHARE: f64 = 0.9;

/// Lower-cased words and whether each is an adjectival modifier (`amod`, else `compound`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Modifiers {
    words: HashMap<String, bool>,
}

impl Modifiers {
    /// Learns the lexicon from CoNLL-U treebanks.
    pub fn learn(files: &[PathBuf]) -> Result<Modifiers> {
        // (amod, compound) counts per lower-cased form.
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        let mut lower = String::new();
        for f in files {
            for s in dateline_conllu::read_file(f)? {
                for w in &s.words {
                    let c = match w.deprel.as_str() {
                        "amod" => (1, 0),
                        "compound" => (0, 1),
                        _ => continue,
                    };
                    lower_into(&w.form, &mut lower);
                    let e = counts.entry(lower.clone()).or_default();
                    e.0 += c.0;
                    e.1 += c.1;
                }
            }
        }
        let words = counts
            .into_iter()
            .filter_map(|(form, (a, c))| {
                let n = a + c;
                let share = f64::from(a.max(c)) / f64::from(n.max(1));
                (n >= MIN_SEEN && share >= MIN_SHARE).then_some((form, a > c))
            })
            .collect();
        Ok(Modifiers { words })
    }

    /// One `form\tamod` or `form\tcompound` line per word, sorted, so the same treebanks give
    /// the same bytes.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<(&str, bool)> =
            self.words.iter().map(|(w, &a)| (w.as_str(), a)).collect();
        lines.sort_unstable();
        lines
            .into_iter()
            .map(|(w, a)| format!("{w}\t{}\n", if a { "amod" } else { "compound" }))
            .collect()
    }

    /// Reads [`Modifiers::to_text`]; `None` if a line is not a word and one of the two
    /// relations.
    pub fn from_text(bytes: &[u8]) -> Option<Modifiers> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut words = HashMap::new();
        for line in text.lines() {
            let (w, rel) = line.split_once('\t')?;
            let amod = match rel {
                "amod" => true,
                "compound" => false,
                _ => return None,
            };
            words.insert(w.to_string(), amod);
        }
        Some(Modifiers { words })
    }

    /// The relation the lexicon gives `word` (lower-cased in `buf`): `Some(true)` for `amod`,
    /// `Some(false)` for `compound`, `None` if it has none.
    pub fn amod(&self, word: &str, buf: &mut String) -> Option<bool> {
        lower_into(word, buf);
        self.words.get(buf.as_str()).copied()
    }

    /// How many words the lexicon holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.words.len()
    }
}

/// Lower-cases `word` into `buf`, the same way when learning and when parsing.
fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    buf.extend(word.chars().flat_map(char::to_lowercase));
}

/// Stores in a parser model the lexicon of modifiers learnt from the treebanks `train` (see
/// the module docs); replaces any stored before. `dateline train parser` does it with its
/// training files.
pub fn add_modifiers(model: &mut ModelFile, train: &[PathBuf]) -> Result<()> {
    let lexicon = Modifiers::learn(train)?;
    model.sections.retain(|(n, _)| n != MODIFIERS_SECTION);
    model
        .sections
        .push((MODIFIERS_SECTION.into(), lexicon.to_text().into_bytes()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_nearly_always_one_relation_enter_the_lexicon() {
        let mut tb = String::new();
        // "human" is amod 6 times in 6, "water" compound 5 in 5, "light" 3 and 3 (no
        // majority), "rare" amod only 4 times (too few).
        let mut line = |form: &str, rel: &str| {
            tb.push_str(&format!(
                "1\t{form}\t_\tADJ\tJJ\t_\t2\t{rel}\t_\t_\n2\tthing\t_\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"
            ));
        };
        for _ in 0..6 {
            line("Human", "amod");
        }
        for _ in 0..5 {
            line("water", "compound");
        }
        for _ in 0..3 {
            line("light", "amod");
            line("light", "compound");
        }
        for _ in 0..4 {
            line("rare", "amod");
        }
        let dir = std::env::temp_dir().join(format!("dateline-modifiers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tb.conllu");
        std::fs::write(&path, tb).unwrap();
        let m = Modifiers::learn(&[path]).unwrap();
        let mut buf = String::new();
        assert_eq!(m.amod("Human", &mut buf), Some(true));
        assert_eq!(m.amod("water", &mut buf), Some(false));
        assert_eq!(m.amod("light", &mut buf), None);
        assert_eq!(m.amod("rare", &mut buf), None);
        assert_eq!(m.len(), 2);
        let text = m.to_text();
        assert_eq!(text, "human\tamod\nwater\tcompound\n");
        assert_eq!(Modifiers::from_text(text.as_bytes()), Some(m));
        assert_eq!(Modifiers::from_text(b"human\tnsubj\n"), None);
        std::fs::remove_dir_all(&dir).ok();
    }
}
