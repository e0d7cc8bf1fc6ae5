//! News datelines ("BRASÍLIA (Wire) —", "NEW YORK, March 3 (AP) -") at the start of a sentence.
//!
//! The treebanks make a dateline a sentence of its own ("WASHINGTON (CNN) --" in EWT), so a
//! parser that meets one glued to the first sentence of an article has never seen the pattern,
//! and the city tends to become the subject of the main verb. The parser therefore cuts the
//! dateline off, parses it and the rest as two units, and hangs the dateline's root on the root
//! of the rest (`parataxis`), so the sentence parses as well as it would alone.

use dateline_document::{Document, Upos};
use std::ops::Range;

/// Most words a dateline may have, dash included.
const MAX_WORDS: usize = 16;

/// Month names and their abbreviations, as they appear in a dateline's date.
const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_dash(w: &str) -> bool {
    matches!(w, "—" | "–" | "-" | "--" | "―")
}

/// An upper-case word: at least one letter and no lower-case letter ("BRASÍLIA", "D.C.").
fn is_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// A word that may sit between the city and the agency: a state or country ("Calif.",
/// "Brazil"), a month, a day or year, a comma or period.
fn is_place_or_date(w: &str) -> bool {
    let bare = w.trim_end_matches('.').to_lowercase();
    w.chars().next().is_some_and(char::is_uppercase)
        || MONTHS.contains(&bare.as_str())
        || (w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty() && w.len() <= 4)
        || matches!(w, "," | ".")
}

/// The number of words of a leading dateline in `words` of `doc` (the dash included), or `None`.
///
/// A dateline is a city in capitals ("NEW YORK"), or in any case when an agency in brackets
/// follows; then optionally a comma with a state and a date ("Calif., March 3"), an agency in
/// brackets ("(AP)"), and a dash (or a colon right after a city in capitals and its country);
/// and at least two words after it.
pub(crate) fn dateline_len(doc: &Document, words: Range<usize>) -> Option<usize> {
    let n = words.len();
    if n < 4 {
        return None;
    }
    let text = |k: usize| doc.word_text(words.start + k);
    let upos = |k: usize| doc.pos.get(words.start + k).map(|t| t.upos);
    let limit = n.min(MAX_WORDS);
    // The city: capitalised words.
    let mut k = 0;
    while k < limit && is_caps(text(k)) && upos(k) != Some(Upos::PUNCT) {
        k += 1;
    }
    let caps = k > 0;
    if !caps {
        // "Brasília (Reuters) -": a capitalised place needs the agency to count.
        while k < limit
            && text(k).chars().next().is_some_and(char::is_uppercase)
            && matches!(upos(k), Some(Upos::PROPN))
        {
            k += 1;
        }
        if k == 0 {
            return None;
        }
    }
    // ", Calif., March 3"
    let mut place = false;
    if k < limit && text(k) == "," {
        k += 1;
        let from = k;
        while k < limit && is_place_or_date(text(k)) && text(k) != "(" {
            k += 1;
        }
        place = k > from;
    }
    // "GAZA CITY, Palestinian Territories: Four children ...": a city in capitals and its
    // country may end with a colon instead of a dash (a name alone before a colon is a
    // speaker: "REYES: ...").
    if caps && place && k < limit && text(k) == ":" && n - k > 2 {
        return Some(k + 1);
    }
    // "(AP)"
    let mut agency = false;
    if k < limit && text(k) == "(" {
        let close = (k + 1..limit.min(k + 6)).find(|&j| text(j) == ")")?;
        if close == k + 1 {
            return None;
        }
        k = close + 1;
        agency = true;
    }
    if !(caps || agency) || k >= limit || !is_dash(text(k)) {
        return None;
    }
    k += 1;
    (n - k >= 2).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_document::{PosTag, Segmentation, Sentence, Span, Token, Word};

    /// A one-sentence document from space-separated words, every word tagged PROPN unless it is
    /// punctuation, so the rules see what the tagger would give them.
    fn doc(words: &str) -> Document {
        let mut d = Document::new("t", words);
        let mut seg = Segmentation::default();
        let mut start = 0;
        for (i, w) in words.split(' ').enumerate() {
            let span = Span::new(start, start + w.len());
            start += w.len() + 1;
            seg.tokens.push(Token {
                span,
                words: i..i + 1,
            });
            seg.words.push(Word { span, token: i });
        }
        let n = seg.words.len();
        seg.sentences.push(Sentence {
            span: Span::new(0, words.len()),
            tokens: 0..n,
            words: 0..n,
        });
        d.set_segmentation(seg);
        for i in 0..n {
            let w = d.word_text(i);
            let upos = if w.chars().any(char::is_alphanumeric) {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    Upos::PROPN
                } else {
                    Upos::NOUN
                }
            } else {
                Upos::PUNCT
            };
            d.pos.push(PosTag {
                upos,
                xpos: "NNP",
                lemma: w.to_string(),
            });
        }
        d
    }

    #[test]
    fn finds_datelines() {
        let table: &[(&str, Option<usize>)] = &[
            (
                "BRASÍLIA ( Wire ) — Brazilian Foreign Minister Helena Duarte said",
                Some(5),
            ),
            ("WASHINGTON — The Senate voted", Some(2)),
            ("NEW YORK , March 3 ( AP ) - Stocks fell", Some(9)),
            ("SAN FRANCISCO , Calif. , Jan. 5 -- Rain fell", Some(8)),
            ("Brasília ( Reuters ) - Brazil said", Some(5)),
            ("BEIJING ( Reuters ) -- China said", Some(5)),
            // A heading in capitals looks the same, and is parsed apart too (harmless).
            ("BIG MISTAKE - The food was cold", Some(3)),
            (
                "GAZA CITY , Palestinian Territories : Four children were killed",
                Some(6),
            ),
            // A speaker's name before a colon is no dateline.
            ("REYES : We will vote", None),
            // Not datelines.
            ("Brasília - the capital - is hot", None),
            ("The Senate voted — again", None),
            ("WASHINGTON ( AP ) —", None),
            ("NASA said on Monday", None),
            ("Duarte ( the minister ) said", None),
        ];
        for &(s, want) in table {
            let d = doc(s);
            assert_eq!(dateline_len(&d, 0..d.words.len()), want, "{s}");
        }
    }
}
