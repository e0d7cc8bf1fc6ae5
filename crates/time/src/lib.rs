//! The time stage: finds time expressions (TIMEX3) in a tagged [`Document`] and normalizes
//! them against the publication date.
//!
//! It runs after segment and tag (segment -> tag -> parse -> entities -> coreference -> **time**
//! -> quotes -> events) and reads `words`, `sentences` and `pos`; it adds the `timexes` layer.
//!
//! - [`Date`] is a small proleptic-Gregorian date with weekday and ISO-week arithmetic.
//! - [`dct_from_text`] finds the publication date (document creation time, DCT) in an
//!   article's dateline when the input record has none.
//! - [`find`] scans the words once, tries its rules at each trigger word (month and weekday
//!   names, numbers, "last", "ago", "today", ...) and returns the timexes in text order, each
//!   with a TIMEX3 type and value: DATE "2025-04", TIME "2025-03-07TMO", DURATION "P10Y",
//!   SET "P1D". Relative expressions are resolved against the DCT, in the direction the
//!   governing verb's tense gives ("spoke on Tuesday" is the Tuesday before, "will meet on
//!   Friday" the one after); "the next day" is anchored on the last day the text named.
//!   Without a DCT, relative expressions keep an underspecified value ("XXXX-WXX-2",
//!   "PAST_REF"): the stage never guesses a date.
//! - [`date_of`] tells a later stage which timex dates a word (a speech verb for quotes):
//!   the one in its clause, found through `deps` when the document is parsed.
//!
//! Spans follow the TimeML / TempEval-3 conventions: "the 1990s", "last week", "two-day",
//! "nearly two years", "Friday morning". The rules were tuned on TempEval-3 (no model is
//! trained on it).
//!
//! ```
//! use dateline_document::{Document, PosTag, TimexType, Upos};
//! use dateline_time::{find, Date};
//!
//! let text = "Helena Duarte met the envoy on Tuesday. Talks resume next month.";
//! let mut doc = Document::new("d1", text);
//! doc.set_segmentation(dateline_segment::segment(text));
//! // Tense comes from the tagger's XPOS; here only "met" matters.
//! doc.pos = doc.words.iter().map(|w| {
//!     let xpos = if &text[w.span.range()] == "met" { "VBD" } else { "NN" };
//!     PosTag { upos: Upos::NOUN, xpos, lemma: String::new() }
//! }).collect();
//! let timexes = find(&doc, Date::parse("2025-03-08"));
//! let found: Vec<(&str, &str)> = timexes.iter()
//!     .map(|t| (doc.slice(t.span), t.value.as_str())).collect();
//! assert_eq!(found, [("Tuesday", "2025-03-04"), ("next month", "2025-04")]);
//! assert_eq!(timexes[0].kind, TimexType::DATE);
//! ```
#![warn(missing_docs)]

mod clause;
mod date;
mod dct;
mod lexicon;
mod rules;

#[cfg(test)]
mod tests;

pub use clause::date_of;
pub use date::Date;
pub use dct::dct_from_text;

use dateline_document::{Document, Timex};

/// Finds and normalizes the time expressions of a segmented (and preferably tagged) document.
///
/// Reads `doc.words`, `doc.sentences` and, for tense, `doc.pos` (VBD past, "will" future,
/// VBP/VBZ present; without tags relative expressions resolve to the nearest match). Returns
/// the `timexes` layer in text order. With `dct` `None`, relative expressions get
/// underspecified values ("XXXX-XX-XX", "XXXX-WXX-5", "PAST_REF").
pub fn find(doc: &Document, dct: Option<Date>) -> Vec<Timex> {
    rules::Scan::new(doc, dct).run()
}
