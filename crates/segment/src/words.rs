//! Syntactic words: where UD English splits one surface token into several.
//!
//! UD treats "don't" as the token "don't" holding the words "do" and "n't", and "Duarte's" as
//! "Duarte" + "'s", because the tagger and parser need the clitic as a word of its own while the
//! text shows one unit. The cut points returned here are byte offsets inside the token, so each
//! word is a slice of the original text ("won't" -> "wo" + "n't", "cannot" -> "can" + "not").

use crate::tokenize::ascii_lower;

/// Up to two cut points inside a token (byte offsets from its start); 0 marks "no cut".
pub(crate) type Cuts = [usize; 2];

/// Fused spellings without an apostrophe, as UD English splits them, in any case.
const FUSED: &[(&str, Cuts)] = &[
    ("cannot", [3, 0]),
    ("gonna", [3, 0]),
    ("wanna", [3, 0]),
    ("gotta", [3, 0]),
    ("dunno", [2, 3]),
    ("dont", [2, 0]),
    ("cant", [2, 0]),
    ("wont", [2, 0]),
    ("didnt", [3, 0]),
    ("doesnt", [4, 0]),
    ("isnt", [2, 0]),
    ("wasnt", [3, 0]),
    ("arent", [3, 0]),
    ("werent", [4, 0]),
    ("havent", [4, 0]),
    ("hasnt", [3, 0]),
    ("wouldnt", [5, 0]),
    ("couldnt", [5, 0]),
    ("shouldnt", [6, 0]),
    ("im", [1, 0]),
    ("ive", [1, 0]),
    ("thats", [4, 0]),
    ("theres", [5, 0]),
    ("heres", [4, 0]),
    ("whats", [4, 0]),
    ("hes", [2, 0]),
    ("youre", [3, 0]),
    ("theyre", [4, 0]),
    ("outta", [3, 0]),
];

/// Informal fusions that EWT and GUM train split ("alot" is "a" + "lot", "kinda" is "kind" +
/// "a"), split only in lower case: capitalised, they are names as often ("Kinda", a Doctor
/// Who serial in Wikigold).
const FUSED_LOWER: &[(&str, Cuts)] = &[
    ("lotta", [3, 0]),
    ("kinda", [4, 0]),
    ("alot", [1, 0]),
    ("aint", [2, 0]),
    ("arnt", [2, 0]),
    ("youll", [3, 0]),
    ("itll", [2, 0]),
];

/// Words that "it is" stands before and the possessive "its" never does ("its a shame", "its
/// not", "its the best"): web text drops the apostrophe, and UD splits such an "its" into "it" +
/// "s". Words the possessive does stand before ("its very", "its only", "its so-called", "its
/// now-defunct") are left out, so edited news, which writes "it's", is not touched.
const AFTER_IT_IS: &[&str] = &[
    "a",
    "an",
    "the",
    "not",
    "in",
    "for",
    "like",
    "really",
    "definitely",
    "simply",
    "just",
    "been",
    "gonna",
    "going",
    "pretty",
    "always",
    "still",
    "never",
    "actually",
    "probably",
    "too",
    "ok",
    "okay",
    "my",
    "your",
    "this",
    "that",
    "what",
];

/// Verbs that "let's" stands before and the verb "lets" does not ("lets go", "lets see"; but
/// "the fund lets the campaign ...", "lets him carve out"): news writes "lets" as a verb.
const AFTER_LET_US: &[&str] = &[
    "go", "see", "get", "do", "make", "hope", "talk", "try", "be", "have", "take", "start", "say",
    "look", "face", "keep", "put", "call", "eat", "play", "find", "think", "pray", "wait",
];

/// Spellings without an apostrophe that are also words of their own ("its", "lets"): split as
/// UD splits the contraction only before a word that the contraction alone stands before.
const FUSED_BEFORE: &[(&str, Cuts, &[&str])] =
    &[("its", [2, 0], AFTER_IT_IS), ("lets", [3, 0], AFTER_LET_US)];

/// Where to cut `tok`, followed by the token `next`, into syntactic words; `[0, 0]` for a
/// single word.
pub(crate) fn cuts_before(tok: &str, next: Option<&str>) -> Cuts {
    for (fused, cut, before) in FUSED_BEFORE {
        if tok.eq_ignore_ascii_case(fused) {
            let contraction =
                next.is_some_and(|w| before.iter().any(|b| b.eq_ignore_ascii_case(w)));
            return if contraction { *cut } else { [0, 0] };
        }
    }
    cuts(tok)
}

/// Where to cut `tok` into syntactic words, whatever follows it; `[0, 0]` for a single word.
fn cuts(tok: &str) -> Cuts {
    let b = tok.as_bytes();
    let n = b.len();
    if n < 2 {
        return [0, 0];
    }
    // Apostrophe forms: "'" (1 byte) or "’" (3 bytes: E2 80 99).
    let apos_before = |k: usize| -> Option<usize> {
        // Byte offset of an apostrophe that ends exactly at `k`.
        if k >= 1 && b[k - 1] == b'\'' {
            Some(k - 1)
        } else if k >= 3 && &b[k - 3..k] == "’".as_bytes() {
            Some(k - 3)
        } else {
            None
        }
    };
    let last = b[n - 1].to_ascii_lowercase();
    // n't: "don't" -> "do" + "n't".
    if last == b't' {
        if let Some(a) = apos_before(n - 1) {
            if a >= 2 && b[a - 1].eq_ignore_ascii_case(&b'n') {
                return [a - 1, 0];
            }
        }
    }
    // 's 'm 'd 'll 're 've.
    for suffix_len in [1usize, 2] {
        if n <= suffix_len {
            continue;
        }
        let suffix = &b[n - suffix_len..];
        let ok = match suffix_len {
            1 => matches!(last, b's' | b'm' | b'd'),
            _ => {
                let s = [
                    suffix[0].to_ascii_lowercase(),
                    suffix[1].to_ascii_lowercase(),
                ];
                matches!(&s, b"ll" | b"re" | b"ve")
            }
        };
        if ok {
            if let Some(a) = apos_before(n - suffix_len) {
                // "70's" and "12's" are plurals of numbers, one word in UD.
                if a > 0 && !b[..a].iter().all(u8::is_ascii_digit) {
                    return [a, 0];
                }
            }
        }
    }
    // Plural possessive: "workers'" -> "workers" + "'".
    if let Some(a) = apos_before(n) {
        if a > 0 && b[a - 1].eq_ignore_ascii_case(&b's') {
            return [a, 0];
        }
    }
    if n <= 8 {
        let mut buf = [0u8; 24];
        if let Some(l) = ascii_lower(tok, &mut buf) {
            if let Some((_, c)) = FUSED.iter().find(|(w, _)| *w == l) {
                return *c;
            }
        }
        if let Some((_, c)) = FUSED_LOWER.iter().find(|(w, _)| *w == tok) {
            return *c;
        }
    }
    [0, 0]
}
