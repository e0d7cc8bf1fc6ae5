//! Acronyms an article defines for itself: "the Brain Injury Rehabilitation Trust (BIRT)"
//! makes "BIRT" a name of the trust wherever the article uses it, of the trust's type, and
//! one entity with it.
//!
//! News defines its acronyms once and then uses them ("the International Atomic Energy Agency
//! (IAEA) ... the IAEA said"). The tagger rarely knows an acronym it has not seen, and a name
//! and its acronym share no word, so without this step the acronym is lost or becomes an
//! entity of its own.

use crate::recognizer::SentenceWork;
use dateline_document::{Document, EntityType};

/// An acronym the article defines.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Alias {
    /// The acronym as written ("BIRT"); other places must match its case.
    pub short: String,
    /// The words of the name it stands for, lower-cased.
    pub long: Vec<String>,
    pub kind: EntityType,
}

/// Two to eight characters, starting with a capital, of capitals with at most a `&` or
/// digits among them ("WHO", "AT&T", "UNHCR"), at least two of them capitals.
pub(crate) fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=8).contains(&n)
        && w.chars().next().is_some_and(|c| c.is_uppercase())
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && w.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Whether the letters and digits of `short` can be read, in order, from the words of
/// `long`, the first of them beginning a word (the test of Schwartz & Hearst, 2003): "BIRT"
/// from "Brain Injury Rehabilitation Trust", "WHO" from "World Health Organisation".
pub(crate) fn fits(short: &str, long: &[&str]) -> bool {
    let long: Vec<char> = long
        .join(" ")
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let short: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if short.is_empty() {
        return false;
    }
    let mut l = long.len();
    for (k, &c) in short.iter().enumerate().rev() {
        loop {
            if l == 0 {
                return false;
            }
            l -= 1;
            let starts_word = l == 0 || !long[l - 1].is_alphanumeric();
            if long[l] == c && (k > 0 || starts_word) {
                break;
            }
        }
    }
    true
}

/// The acronyms defined in parentheses right after a name: "Name (ACR)". The letters must
/// fit the name, unless the name is an organization's (translated names: "World
/// Conservation Union (IUCN)"). The first definition of an acronym wins.
pub(crate) fn find(doc: &Document, work: &[SentenceWork]) -> Vec<Alias> {
    let mut out: Vec<Alias> = Vec::new();
    for w in work {
        let n = w.end - w.start;
        let word = |k: usize| doc.word_text(w.start + k);
        for &(a, b, kind) in &w.spans {
            if kind == EntityType::NORP || b + 2 >= n {
                continue;
            }
            if word(b) != "(" || word(b + 2) != ")" || !is_acronym(word(b + 1)) {
                continue;
            }
            let short = word(b + 1);
            let long: Vec<&str> = (a..b).map(word).collect();
            if (fits(short, &long) || kind == EntityType::ORG)
                && !out.iter().any(|x| x.short == short)
            {
                out.push(Alias {
                    short: short.to_string(),
                    long: long.iter().map(|s| crate::gazetteer::lower(s)).collect(),
                    kind,
                });
            }
        }
    }
    // Acronyms news uses without defining them, for a name the article gave first: "the
    // International Monetary Fund ... IMF spokeswoman". Stricter than a definition: the
    // letters must be the initials of the name's words, function words aside.
    let mut names: Vec<(Vec<&str>, EntityType)> = Vec::new();
    for w in work {
        let word = |k: usize| doc.word_text(w.start + k);
        for &(a, b, kind) in &w.spans {
            if b == a + 1 && is_acronym(word(a)) {
                let short = word(a);
                if out.iter().any(|x| x.short == short) {
                    continue;
                }
                if let Some((long, kind)) = names.iter().find(|(long, _)| initials(long) == short) {
                    out.push(Alias {
                        short: short.to_string(),
                        long: long.iter().map(|s| crate::gazetteer::lower(s)).collect(),
                        kind: *kind,
                    });
                }
            } else if kind == EntityType::ORG && b >= a + 2 {
                names.push(((a..b).map(word).collect(), kind));
            }
        }
    }
    out
}

/// The initials of a name's words, function words aside: "IMF" for "International Monetary
/// Fund", "NAACP" for "National Association for the Advancement of Colored People".
fn initials(words: &[&str]) -> String {
    const SKIP: [&str; 8] = ["of", "the", "and", "for", "on", "in", "&", "de"];
    words
        .iter()
        .filter(|w| !SKIP.contains(w))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Makes every use of a defined acronym a mention of its name's type: a span of the acronym
/// alone is retyped, a free word becomes a span; an acronym inside a longer name ("BBC
/// Breaking News") is left to that name.
pub(crate) fn apply(doc: &Document, aliases: &[Alias], work: &mut [SentenceWork]) {
    if aliases.is_empty() {
        return;
    }
    for w in work.iter_mut() {
        for k in 0..w.end - w.start {
            let text = doc.word_text(w.start + k);
            let Some(alias) = aliases.iter().find(|x| x.short == text) else {
                continue;
            };
            if let Some(sp) = w.spans.iter_mut().find(|s| (s.0, s.1) == (k, k + 1)) {
                sp.2 = alias.kind;
            } else if !w.spans.iter().any(|s| s.0 <= k && k < s.1) {
                w.spans.push((k, k + 1, alias.kind));
            }
        }
    }
}

/// The words an entity is known by: an acronym's are its name's.
pub(crate) fn expand(words: Vec<String>, kind: EntityType, aliases: &[Alias]) -> Vec<String> {
    if let [one] = words.as_slice() {
        if let Some(a) = aliases
            .iter()
            .find(|a| a.kind == kind && crate::gazetteer::lower(&a.short) == *one)
        {
            return a.long.clone();
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_their_letters() {
        for w in ["WHO", "BIRT", "AT&T", "UNHCR", "IAEA"] {
            assert!(is_acronym(w), "{w}");
        }
        for w in ["A", "Who", "2G", "IAEAIAEAX", "&T", "U"] {
            assert!(!is_acronym(w), "{w}");
        }
        let long = ["Brain", "Injury", "Rehabilitation", "Trust"];
        assert!(fits("BIRT", &long));
        assert!(fits("WHO", &["World", "Health", "Organisation"]));
        assert!(fits(
            "IAEA",
            &["International", "Atomic", "Energy", "Agency"]
        ));
        assert!(!fits("IUCN", &["World", "Conservation", "Union"]));
        assert!(!fits("AFP", &["Tehran"]));
        // The first letter must begin a word.
        assert!(!fits("RT", &["Trust"]));
        assert_eq!(initials(&["International", "Monetary", "Fund"]), "IMF");
        assert_eq!(
            initials(&[
                "National",
                "Association",
                "for",
                "the",
                "Advancement",
                "of",
                "Colored",
                "People"
            ]),
            "NAACP"
        );
    }
}
