//! The segment stage: splits an article's text into paragraphs, sentences, surface tokens and
//! syntactic words, the way Universal Dependencies English (EWT, GUM) does.
//!
//! It is the first stage of the pipeline (segment -> tag -> parse -> entities -> coreference ->
//! time -> quotes -> events) and reads nothing but the text. It adds one
//! [`dateline_document::Segmentation`]: every span is a **byte** range into the unmodified text,
//! and the four layers refer to each other by index.
//!
//! Data flows in four passes, each a single scan:
//!
//! 1. **Paragraphs** end at blank lines.
//! 2. **Tokens** come from a left-to-right scan of each whitespace-free chunk: punctuation splits
//!    off, except where UD keeps it inside a token (abbreviations "U.S.", initials "W.", numbers
//!    "1,000" and "3.5", times "10:30", dates "2025-03-08", URLs, e-mail addresses, prefixes such as
//!    "non-profit"). Hyphenated compounds split ("al-Ani" -> "al" "-" "Ani"), as in UD 2.16.
//! 3. **Words** split contractions and possessives inside a token ("don't" -> "do" + "n't",
//!    "Duarte's" -> "Duarte" + "'s", "workers'" -> "workers" + "'"), so every word is a slice of
//!    the text and the tagger never sees a token that UD would treat as two words.
//! 4. **Sentences**: the rules list candidates ([`Candidate`]: terminal punctuation, an
//!    abbreviation's period, a line break, the dash closing a dateline) with a decision each;
//!    then a learned classifier (an averaged perceptron, `models/segmenter.dlm`, trained by
//!    `dateline train segmenter` on UD EWT and GUM train) decides each gap where a sentence
//!    could start, a candidate or a token that is not a lower-case word, with the rules'
//!    decision among its features. Punctuation alone misses the sentences of e-mail and web
//!    text ("08:02 PM All: It is ...", "Regards, Debra"); a dateline's dash and a line break keep
//!    the rules' decision, which the training text cannot teach.
//!
//! [`segment`] uses a shared [`Segmenter`], whose word lists are parsed once.
//!
//! ```
//! let text = "WASHINGTON (AP) — Brazil's Foreign Minister Helena Duarte didn't comment. \
//!             She met U.S. officials on Tuesday.";
//! let seg = dateline_segment::segment(text);
//! // The dateline is a sentence of its own.
//! assert_eq!(seg.sentences.len(), 3);
//! let tokens: Vec<&str> = seg.tokens.iter().map(|t| &text[t.span.range()]).collect();
//! assert_eq!(&tokens[..6], ["WASHINGTON", "(", "AP", ")", "—", "Brazil's"]);
//! let words: Vec<&str> = seg.words.iter().map(|w| &text[w.span.range()]).collect();
//! assert_eq!(&words[5..7], ["Brazil", "'s"]);
//! assert!(tokens.contains(&"U.S."));
//! ```
#![warn(missing_docs)]

mod boundary;
mod lists;
mod sentences;
mod tokenize;
mod train;
mod words;

#[cfg(test)]
mod tests;

pub use sentences::{Candidate, CandidateKind};
pub use train::{train, TrainOptions};

use boundary::{Boundaries, Context, Gap};
use dateline_document::{Segmentation, Sentence, Span, Token, Word};
use lists::Lists;
use std::ops::Range;
use std::sync::OnceLock;

/// Segments `text` into paragraphs, sentences, tokens and words.
///
/// Uses a shared [`Segmenter`] built on first use.
pub fn segment(text: &str) -> Segmentation {
    shared().segment(text)
}

fn shared() -> &'static Segmenter {
    static SHARED: OnceLock<Segmenter> = OnceLock::new();
    SHARED.get_or_init(Segmenter::new)
}

/// The sentence boundary model, trained by `dateline train segmenter` on the UD English EWT and
/// GUM training sets.
static MODEL: &[u8] = include_bytes!("../../../models/segmenter.dlm");

/// Errors training the boundary classifier.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A training file could not be read.
    #[error(transparent)]
    Conllu(#[from] dateline_conllu::Error),
    /// The model could not be built.
    #[error(transparent)]
    Model(#[from] dateline_learn::Error),
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// The segment stage with its word lists (abbreviations, titles, hyphen prefixes, sentence
/// starters) and its sentence boundary classifier loaded.
///
/// Build one and reuse it; [`segment`] does that for you.
#[derive(Debug)]
pub struct Segmenter {
    lists: Lists,
    boundaries: Option<Boundaries>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// Parses the compiled-in word lists and loads the compiled-in boundary model (without
    /// one, as while it is first trained, sentences end where the rules say).
    pub fn new() -> Segmenter {
        let boundaries = dateline_learn::ModelFile::from_bytes(MODEL, "embedded segmenter.dlm")
            .ok()
            .and_then(|m| Boundaries::from_model(&m, "embedded segmenter.dlm"));
        Segmenter {
            lists: Lists::load(),
            boundaries,
        }
    }

    /// With the boundary model of `model` (a freshly trained one, say) instead of the embedded
    /// one; `None` if it is not a boundary model of this build's feature set.
    pub fn with_model(model: &dateline_learn::ModelFile, name: &str) -> Option<Segmenter> {
        Some(Segmenter {
            lists: Lists::load(),
            boundaries: Some(Boundaries::from_model(model, name)?),
        })
    }

    /// Sentences end where the rules say: no classifier.
    pub fn rules_only() -> Segmenter {
        Segmenter {
            lists: Lists::load(),
            boundaries: None,
        }
    }

    /// True when a boundary model is loaded.
    pub fn has_model(&self) -> bool {
        self.boundaries.is_some()
    }

    /// Segments `text` into paragraphs, sentences, tokens and words.
    pub fn segment(&self, text: &str) -> Segmentation {
        let (spans, paragraphs) = self.tokens(text);
        let mut seg = Segmentation::default();
        split_words(text, &spans, &mut seg);
        let splitter = sentences::Splitter {
            text,
            tokens: &spans,
            lists: &self.lists,
        };
        let mut cands = Vec::new();
        let mut ctx = Context::default();
        let mut feats = Vec::new();
        let mut ends = Vec::new();
        for p in &paragraphs {
            if p.is_empty() {
                continue;
            }
            seg.paragraphs
                .push(Span::new(spans[p.start].start, spans[p.end - 1].end));
            cands.clear();
            splitter.candidates(p.start, p.end, &mut cands);
            let mut first = p.start;
            match &self.boundaries {
                None => {
                    for c in cands.iter().filter(|c| c.ends) {
                        push_sentence(&mut seg, first..c.token + 1);
                        first = c.token + 1;
                    }
                }
                Some(model) => {
                    for_each_gap(
                        &splitter,
                        p.clone(),
                        &cands,
                        &mut ctx,
                        &mut feats,
                        |i, g| {
                            let end = match g {
                                GapDecision::Rules(b) => b,
                                GapDecision::Classify(f, cand) => {
                                    boundary::news_rule(&splitter, i, p.end, cand).unwrap_or_else(
                                        || model.ends(f, boundary::lean(&splitter, i, p.end, cand)),
                                    )
                                }
                            };
                            if end {
                                ends.push(i);
                            }
                        },
                    );
                    for i in ends.drain(..) {
                        push_sentence(&mut seg, first..i + 1);
                        first = i + 1;
                    }
                }
            }
            push_sentence(&mut seg, first..p.end);
        }
        seg
    }

    /// The words of `text` (tokens split as [`Segmenter::segment`] splits them) without
    /// sentences: for short phrases such as gazetteer names, which must be cut into words the
    /// way articles are but need no sentence boundaries.
    pub fn words(&self, text: &str) -> Vec<Span> {
        let (spans, _) = self.tokens(text);
        let mut seg = Segmentation::default();
        split_words(text, &spans, &mut seg);
        seg.words.into_iter().map(|w| w.span).collect()
    }

    /// Lists the candidate sentence ends of `text` with the rules' decision on each, in text
    /// order; `seg` must be this segmenter's output for `text`.
    ///
    /// The boundary classifier sees the same candidates, with the rules' decision as a feature.
    pub fn candidates(&self, text: &str, seg: &Segmentation) -> Vec<Candidate> {
        let spans: Vec<Span> = seg.tokens.iter().map(|t| t.span).collect();
        let splitter = sentences::Splitter {
            text,
            tokens: &spans,
            lists: &self.lists,
        };
        let mut out = Vec::new();
        let mut i = 0;
        for p in &seg.paragraphs {
            let start = i;
            while i < spans.len() && spans[i].end <= p.end {
                i += 1;
            }
            splitter.candidates(start, i, &mut out);
        }
        out
    }

    /// Token spans of `text` and the token range of each paragraph.
    fn tokens(&self, text: &str) -> (Vec<Span>, Vec<Range<usize>>) {
        let mut spans = Vec::with_capacity(text.len() / 5 + 1);
        let mut paragraphs = Vec::new();
        let mut tokenizer = tokenize::Tokenizer::new(text, &self.lists);
        for (start, end) in paragraph_spans(text) {
            let first = spans.len();
            tokenizer.paragraph(start, end, &mut spans);
            paragraphs.push(first..spans.len());
        }
        (spans, paragraphs)
    }
}

/// Fills `seg.tokens` and `seg.words` from token spans, cutting contractions and possessives off
/// as UD does.
fn split_words(text: &str, spans: &[Span], seg: &mut Segmentation) {
    seg.tokens.reserve(spans.len());
    seg.words.reserve(spans.len() + spans.len() / 16);
    for (ti, span) in spans.iter().enumerate() {
        let start = seg.words.len();
        let tok = text.get(span.range()).unwrap_or("");
        let next = spans.get(ti + 1).and_then(|s| text.get(s.range()));
        let mut from = span.start;
        for cut in words::cuts_before(tok, next) {
            if cut > 0 && span.start + cut > from && text.is_char_boundary(span.start + cut) {
                seg.words.push(Word {
                    span: Span::new(from, span.start + cut),
                    token: ti,
                });
                from = span.start + cut;
            }
        }
        seg.words.push(Word {
            span: Span::new(from, span.end),
            token: ti,
        });
        seg.tokens.push(Token {
            span: *span,
            words: start..seg.words.len(),
        });
    }
}

/// How one gap is decided: by the rules, or by the classifier from these features.
pub(crate) enum GapDecision<'a> {
    Rules(bool),
    /// The classifier decides from these features; the rules' candidate at the gap, if any.
    Classify(&'a [u64], Option<&'a Candidate>),
}

/// Calls `f` for every gap after a token of `para` (but the last) where a sentence could end,
/// in text order; `cands` are the rules' candidates in the paragraph. Used alike to segment and
/// to train, so the two see the same gaps and features.
pub(crate) fn for_each_gap(
    sp: &sentences::Splitter,
    para: Range<usize>,
    cands: &[Candidate],
    ctx: &mut Context,
    feats: &mut Vec<u64>,
    mut f: impl FnMut(usize, GapDecision),
) {
    ctx.fill(sp, para.start, para.end);
    let mut next = cands.iter().peekable();
    for i in para.start..para.end.saturating_sub(1) {
        while next.peek().is_some_and(|c| c.token < i) {
            next.next();
        }
        let cand = next.peek().copied().filter(|c| c.token == i);
        match Context::gap(sp, i, para.end, cand) {
            Gap::Continues => {}
            Gap::Rules(b) => f(i, GapDecision::Rules(b)),
            Gap::Classify => {
                ctx.feats(i, para.start, cand, feats);
                f(i, GapDecision::Classify(feats, cand));
            }
        }
    }
}

fn push_sentence(seg: &mut Segmentation, tokens: Range<usize>) {
    if tokens.is_empty() {
        return;
    }
    let first = &seg.tokens[tokens.start];
    let last = &seg.tokens[tokens.end - 1];
    seg.sentences.push(Sentence {
        span: Span::new(first.span.start, last.span.end),
        words: first.words.start..last.words.end,
        tokens,
    });
}

/// Byte ranges of the paragraphs: runs of lines that are not blank.
fn paragraph_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = bytes[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |k| line_start + k);
        let blank = text
            .get(line_start..line_end)
            .is_none_or(|l| l.trim().is_empty());
        match (blank, para_start) {
            (true, Some(s)) => {
                out.push((s, line_start));
                para_start = None;
            }
            (false, None) => para_start = Some(line_start),
            _ => {}
        }
        line_start = line_end + 1;
    }
    if let Some(s) = para_start {
        out.push((s, bytes.len()));
    }
    out
}
