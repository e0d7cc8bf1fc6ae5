//! Sentence boundaries: candidates first, then a decision per candidate.
//!
//! Keeping the two apart lets a learned classifier replace the rules later: it would score the
//! same [`Candidate`]s (see [`crate::Segmenter::candidates`]) instead of reading `ends`.

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
fn is_closer(t: &str) -> bool {
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
    fn tok(&self, i: usize) -> &str {
        self.text.get(self.tokens[i].range()).unwrap_or("")
    }

    /// True when tokens `i` and `i + 1` touch (no whitespace between them).
    fn adjacent(&self, i: usize) -> bool {
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

    /// Lists the candidates inside the paragraph made of tokens `start..end`.
    pub fn candidates(&self, start: usize, end: usize, out: &mut Vec<Candidate>) {
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
    }
}
