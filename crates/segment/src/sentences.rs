//! Sentence boundaries: candidates first, then a decision per candidate.
//!
//! Keeping the two apart lets the learned classifier (`crate::boundary`) take the rules'
//! decision on each [`Candidate`] as one feature among others.

use crate::lists::Lists;
use crate::tokenize::is_word;
use dateline_document::Span;

/// Why a token might end a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    /// A run of terminal punctuation, with the closing quotes and brackets glued to it
    /// ("It rained." / "Why?" / "She left.”").
    Terminal,
    /// A token that ends in an abbreviation's period ("in the U.S. The next day").
    Abbreviation,
    /// A line break after a token without terminal punctuation (a headline, a list item).
    LineBreak,
    /// The dash that ends a news dateline at the start of a paragraph ("WASHINGTON (AP) —",
    /// "VALPARAÍSO, Chile, Aug. 19 (Wire) -"): the story's first sentence starts after it, so
    /// the tagger, parser and entity tagger see that sentence as it would stand alone.
    Dateline,
}

/// A place where a sentence may end, inside a paragraph (the end of a paragraph always ends a
/// sentence and is not listed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the last token of the sentence that would end here.
    pub token: usize,
    /// What makes it a candidate.
    pub kind: CandidateKind,
    /// The rules' decision: true when the sentence ends after `token`.
    pub ends: bool,
}

/// Tokens that close a quotation or a bracket and stay in the sentence they end.
pub(crate) fn is_closer(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "”" | "’" | ")" | "]" | "}" | "»" | "''" | "›"
    )
}

/// Tokens that open a quotation or bracket; skipped when looking at how the next sentence starts.
fn is_opener(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "“" | "‘" | "(" | "[" | "{" | "«" | "``" | "‹"
    )
}

/// A run of sentence-final punctuation: "." "?!" "..." "…".
fn is_terminal(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_emoticon(t: &str) -> bool {
    matches!(
        t,
        ":)" | ":-)" | ";)" | ";-)" | ":(" | ":-(" | ":D" | ":P" | ":p"
    )
}

/// A line ending in one of these continues on the next line (a dateline's dash, a list's colon).
fn continues_line(t: &str) -> bool {
    matches!(
        t,
        "," | ":" | ";" | "—" | "–" | "-" | "--" | "(" | "&" | "/"
    )
}

pub(crate) struct Splitter<'a> {
    pub text: &'a str,
    pub tokens: &'a [Span],
    pub lists: &'a Lists,
}

impl Splitter<'_> {
    pub(crate) fn tok(&self, i: usize) -> &str {
        self.text.get(self.tokens[i].range()).unwrap_or("")
    }

    /// True when tokens `i` and `i + 1` touch (no whitespace between them).
    pub(crate) fn adjacent(&self, i: usize) -> bool {
        self.tokens[i].end == self.tokens[i + 1].start
    }

    fn newline_after(&self, i: usize) -> bool {
        let gap = self
            .text
            .as_bytes()
            .get(self.tokens[i].end..self.tokens[i + 1].start);
        gap.is_some_and(|g| g.contains(&b'\n') || g.contains(&b'\r'))
    }

    /// The first word-like token at or after `k` (skipping opening quotes and brackets), if any
    /// before `end`.
    fn next_word(&self, mut k: usize, end: usize) -> Option<usize> {
        for _ in 0..3 {
            if k >= end {
                return None;
            }
            if !is_opener(self.tok(k)) {
                return Some(k);
            }
            k += 1;
        }
        None
    }

    /// True when the text after token `k - 1` goes on in lower case ("Why?" he asked).
    fn lower_next(&self, k: usize, end: usize) -> bool {
        match self.next_word(k, end) {
            Some(w) => {
                let t = self.tok(w);
                t.chars().next().is_some_and(|c| c.is_lowercase())
            }
            None => false,
        }
    }

    /// Whether a sentence ends after the abbreviation `t` (token `i`).
    fn abbreviation_ends(&self, i: usize, end: usize) -> bool {
        let t = self.tok(i);
        let stem = t.strip_suffix('.').unwrap_or(t);
        if self.lists.titles.contains(stem) {
            return false;
        }
        let initial = stem.chars().count() == 1;
        let Some(w) = self.next_word(i + 1, end) else {
            return false;
        };
        let next = self.tok(w);
        if initial && (next == "A" || next == "I") {
            return false;
        }
        self.lists.starters.contains(next)
    }

    /// A citation mark after a sentence's final punctuation ("[25]", "[...]"): it belongs to the
    /// sentence before it. Returns the index of its closing bracket.
    fn citation(&self, k: usize, end: usize) -> Option<usize> {
        if k + 2 >= end || self.tok(k) != "[" || self.tok(k + 2) != "]" {
            return None;
        }
        let inner = self.tok(k + 1);
        let ok = inner.bytes().all(|c| c.is_ascii_digit()) || inner == "..." || inner == "…";
        ok.then_some(k + 2)
    }

    /// The index of the dash that closes a dateline opening the paragraph `start..end`, if any:
    /// a place name in capitals, then optionally a comma-separated region and date and an
    /// agency in brackets, then a dash, and at least three tokens of story after it.
    fn dateline_dash(&self, start: usize, end: usize) -> Option<usize> {
        let first = self.tok(start);
        let letters = first.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || first.chars().any(|c| c.is_lowercase()) {
            return None;
        }
        let mut depth = 0usize;
        let mut marked = false; // an agency in brackets or a comma: surely a dateline
        for k in start + 1..end.min(start + 16) {
            let t = self.tok(k);
            match t {
                "(" => {
                    depth += 1;
                    marked = true;
                }
                ")" => depth = depth.checked_sub(1)?,
                "—" | "–" | "-" | "--" if depth == 0 => {
                    // Without an agency or a comma only a long dash after a capitalized place
                    // name counts ("WASHINGTON — The"), not "US - China talks".
                    let strong = matches!(t, "—" | "–" | "--") && letters >= 4;
                    let story = self.next_word(k + 1, end).is_some_and(|w| {
                        self.tok(w).chars().next().is_some_and(|c| c.is_uppercase())
                    });
                    return ((marked || strong) && story && k + 3 < end).then_some(k);
                }
                "," => marked = true,
                "." => {}
                _ if depth > 0 => {}
                _ => {
                    // Outside brackets: capitals ("NEW YORK"), capitalized words and
                    // abbreviations ("Chile", "Aug."), day numbers.
                    let c = t.chars().next()?;
                    if !(c.is_uppercase() || c.is_ascii_digit()) {
                        return None;
                    }
                }
            }
        }
        None
    }

    /// Lists the candidates inside the paragraph made of tokens `start..end`.
    pub fn candidates(&self, start: usize, end: usize, out: &mut Vec<Candidate>) {
        let base = out.len();
        let dateline = self.dateline_dash(start, end);
        let mut i = start;
        while i + 1 < end {
            let t = self.tok(i);
            if is_terminal(t) {
                let mut j = i;
                loop {
                    if j + 1 < end && self.adjacent(j) && is_closer(self.tok(j + 1)) {
                        j += 1;
                    } else if let Some(k) = self.citation(j + 1, end) {
                        j = k;
                    } else {
                        break;
                    }
                }
                if j + 1 < end {
                    // "Why?" he asked: a closing quote before a lower-case word keeps the sentence
                    // going. Without one, a lower-case word after "." "?" "!" is a new sentence
                    // whose writer did not capitalize it; after an ellipsis it is a pause.
                    let pause = t.contains("..") || t.contains('…');
                    let ends = if j > i || pause {
                        !self.lower_next(j + 1, end)
                    } else {
                        true
                    };
                    out.push(Candidate {
                        token: j,
                        kind: CandidateKind::Terminal,
                        ends,
                    });
                }
                i = j + 1;
                continue;
            }
            if is_emoticon(t)
                && self
                    .next_word(i + 1, end)
                    .is_some_and(|w| self.tok(w).starts_with(char::is_uppercase))
            {
                // Web text ends sentences with a smiley instead of a period.
                out.push(Candidate {
                    token: i,
                    kind: CandidateKind::Terminal,
                    ends: true,
                });
                i += 1;
                continue;
            }
            let newline = self.newline_after(i);
            if t.len() > 1 && t.ends_with('.') && t.chars().next().is_some_and(is_word) {
                let ends = if newline {
                    !self.lower_next(i + 1, end)
                } else {
                    self.abbreviation_ends(i, end)
                };
                out.push(Candidate {
                    token: i,
                    kind: CandidateKind::Abbreviation,
                    ends,
                });
            } else if newline {
                let ends = !self.lower_next(i + 1, end) && !continues_line(t);
                out.push(Candidate {
                    token: i,
                    kind: CandidateKind::LineBreak,
                    ends,
                });
            }
            i += 1;
        }
        if let Some(dash) = dateline {
            // In text order, one candidate per token: the dateline wins over a line break or
            // an abbreviation at the same dash.
            out.retain(|c| c.token != dash);
            out.push(Candidate {
                token: dash,
                kind: CandidateKind::Dateline,
                ends: true,
            });
            out[base..].sort_by_key(|c| c.token);
        }
    }
}
