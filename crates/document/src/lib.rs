//! The [`Document`]: an article's original text plus one stand-off layer per pipeline stage.
//!
//! Stages run in one direction — segment, tag, parse, entities, time, quotes, then later
//! events — and each reads the layers before it and adds its own. No stage rewrites another's
//! layer: the text is never modified, and layers refer to each other by index.
//!
//! Inside the program every span is a **byte** range into [`Document::text`], because that is
//! what Rust string slicing, `regex` and `aho-corasick` speak. The output contract (`dateline/1`)
//! speaks Unicode code points (Python `str` indices); the conversion happens in exactly one
//! place, [`CharOffsets`], used only by the writers.
//!
//! ```
//! use dateline_document::{Document, Span};
//! let doc = Document::new("d1", "Duarte spoke. She left.");
//! assert_eq!(doc.slice(Span::new(0, 6)), "Duarte");
//! ```
#![warn(missing_docs)]

mod layers;
mod offsets;

pub use layers::{
    Dct, Dep, Entity, EntityType, Event, EventActor, Layer, Mention, MentionForm, PosTag, Quote,
    QuoteKind, Segmentation, Sentence, Timex, TimexType, Token, Upos, Via, ViaRelation, Word,
};
pub use offsets::CharOffsets;

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The byte range, for slicing.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// What the input record said about the article, apart from its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// Publication date as given (usually `YYYY-MM-DD`); the time stage anchors relative dates on it.
    pub published: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Where the article came from.
    pub url: Option<String>,
    /// Publisher or wire name.
    pub source: Option<String>,
    /// Author as the page names them ("Marta Sousa"); web pages only, for now.
    pub byline: Option<String>,
    /// The page's own address for itself (`<link rel="canonical">`): the key that recognizes
    /// one article fetched under several URLs.
    pub canonical_url: Option<String>,
}

/// One article and everything the pipeline has found in it so far.
///
/// Each layer is a `Vec` that is empty until its stage has run, so an empty layer says its stage
/// has not run. Per-word layers (`pos`, `deps`) are parallel to [`Document::words`].
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Identifier from the input record, or one made from the file name and position.
    pub id: String,
    /// The original text, never modified.
    pub text: String,
    /// Metadata from the input record.
    pub meta: Meta,
    /// Paragraph spans (segment stage).
    pub paragraphs: Vec<Span>,
    /// Sentences, in text order (segment stage).
    pub sentences: Vec<Sentence>,
    /// Surface tokens, in text order (segment stage).
    pub tokens: Vec<Token>,
    /// Syntactic words: a token such as "don't" holds two, "do" and "n't" (segment stage).
    pub words: Vec<Word>,
    /// Part of speech and lemma per word (tag stage).
    pub pos: Vec<PosTag>,
    /// Head and relation per word (parse stage).
    pub deps: Vec<Dep>,
    /// Entity mentions in text order (entities stage).
    pub mentions: Vec<Mention>,
    /// Entities the mentions refer to (entities stage).
    pub entities: Vec<Entity>,
    /// Time expressions in text order (time stage).
    pub timexes: Vec<Timex>,
    /// The publication date the time stage used, if it found one (time stage).
    pub dct: Option<Dct>,
    /// Quotations in text order of their content (quotes stage).
    pub quotes: Vec<Quote>,
    /// Political events, one per source, target and code (events stage).
    pub events: Vec<Event>,
}

impl Document {
    /// A document with text and id and no layers yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    /// The text a span covers. Panics if the span is not on char boundaries, which would be a
    /// bug in the stage that made it.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The surface form of word `i`.
    pub fn word_text(&self, i: usize) -> &str {
        self.slice(self.words[i].span)
    }

    /// The name to show for a quotation's speaker: the resolved entity's name, else the local
    /// speaker mention as written, else nothing.
    pub fn speaker_name(&self, q: &Quote) -> Option<&str> {
        match q.speaker_entity.and_then(|e| self.entities.get(e)) {
            Some(e) => Some(e.name.as_str()),
            None => q.speaker.and_then(|s| self.text.get(s.range())),
        }
    }

    /// Attaches the segment stage's output.
    pub fn set_segmentation(&mut self, seg: Segmentation) {
        self.paragraphs = seg.paragraphs;
        self.sentences = seg.sentences;
        self.tokens = seg.tokens;
        self.words = seg.words;
    }
}
