//! The quotes stage: who said what, and through whom.
//!
//! [`find`] reads a [`Document`] that has been segmented, tagged, parsed and run through the
//! entities and time stages, and returns its [`Quote`]s:
//!
//! 1. **direct** quotations are the stretches between quotation marks (straight and curly
//!    double quotes, guillemets, „low” marks, ``TeX'' marks), paragraph by paragraph: a
//!    paragraph end closes a quotation left open, so a missing mark costs one paragraph at most;
//! 2. **indirect** quotations are the clauses of speech and cognition verbs (`ccomp` in the
//!    parse: "X said (that) ...", "X urged Y to ...", "..., officials said"), "according to X"
//!    and cue nouns ("X's statement that ...");
//! 3. a clause that holds a quoted stretch and words of its own is **mixed**;
//! 4. each quotation gets its cue, the local speaker (the cue's subject, "said X", a lead-in
//!    "X:", a trailing "— X", or the speaker of the quotation before it when a paragraph has
//!    no cue), the speaker's entity (through the mentions the entities stage resolved), the
//!    channel ("told AFP", "on CNN", "citing Y") and the date ("said in January").
//!
//! The cue words are data files in `data/`, loaded once. Spans are byte offsets, as
//! everywhere inside dateline.
//!
//! ```
//! use dateline_document::{Document, QuoteKind, Span};
//! let doc = Document::new("d1", "Prices rose. \"We will win,\" she said.");
//! // Without a parse only quoted stretches are found.
//! let quotes = dateline_quotes::find(&doc);
//! assert_eq!(quotes.len(), 0); // three words and no cue: too little to be a quotation
//! let doc = Document::new("d2", "Prices rose. \"We will win the vote next week.\"");
//! let quotes = dateline_quotes::find(&doc);
//! assert_eq!(quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(doc.slice(quotes[0].content), "We will win the vote next week.");
//! ```
#![warn(missing_docs)]

mod find;
mod lexicon;
mod marks;
#[cfg(test)]
mod tests;

pub use dateline_document::{Document, Quote, QuoteKind, Via, ViaRelation};

/// Finds the quotations of `doc`, in text order of their content. Needs the layers tokens,
/// sentences, pos and deps; uses entities and time when present. A document without a parse
/// gets its quoted stretches only, with no cue or speaker.
pub fn find(doc: &Document) -> Vec<Quote> {
    find::find(doc)
}
