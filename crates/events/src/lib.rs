//! Events: who did what to whom, coded in CAMEO and PLOVER, with actor codes and Goldstein
//! scores.
//!
//! The events stage runs last (segment, tag, parse, entities, time, quotes, **events**). It
//! reads `words`, `pos`, `deps`, `mentions`, `entities` and `timexes`, and adds `events`.
//!
//! - [`Coder`] holds the compiled dictionaries: PETRARCH verb patterns (synonym sets,
//!   `[active:passive]` codes, transformations), actors with date restrictions, agents,
//!   discards and issues, plus the CAMEO table ([`Ontology`]: Goldstein score, quad class,
//!   PLOVER category). [`Coder::phoenix`] loads the dictionaries shipped in the crate (MIT,
//!   Open Event Data Alliance; see `NOTICE`), [`Coder::validation`] the PETRARCH test ones.
//! - [`Coder::code`] walks each sentence's verbs: the source comes from the subject (through
//!   conjunction, control, relative clauses; the `by` phrase of a passive), the target from the
//!   object or a prepositional phrase (the passive subject), the code from the most specific
//!   verb pattern over objects and prepositional phrases, and a `[a:b]` code's paired event
//!   from target to source; negation turns a code into its opposite in the internal code
//!   algebra ("did not clash" -> cooperate; no opposite, no event), complements combine ("A
//!   says B attacked C", transformations and the internal code algebra), one event per source
//!   x target pair, discards drop sentences and stories.
//! - Actors come from the dictionaries first (date restrictions against the publication
//!   date), then from the entity layer: a titled person with a country ("Brazilian Foreign
//!   Minister Helena Duarte" -> BRAGOV), a capital used as a government ("New Delhi" ->
//!   INDGOV), a demonym with an agent noun ("Peruvian troops" -> PERMIL).
//! - Reports of the same event (same source, target and code) in one article are merged into
//!   one [`Event`](dateline_document::Event) with a count.
//!
//! ```
//! use dateline_document::{Dep, Document, PosTag, Segmentation, Sentence, Span, Token, Upos, Word};
//! // "Peru attacked Chile. Chile protested." parsed by hand.
//! let text = "Peru attacked Chile. Chile protested.";
//! let mut doc = Document::new("d", text);
//! let words: Vec<(usize, usize, Upos, &str, Option<usize>, &'static str)> = vec![
//!     (0, 4, Upos::PROPN, "Peru", Some(1), "nsubj"),
//!     (5, 13, Upos::VERB, "attack", None, "root"),
//!     (14, 19, Upos::PROPN, "Chile", Some(1), "obj"),
//!     (19, 20, Upos::PUNCT, ".", Some(1), "punct"),
//! ];
//! let mut seg = Segmentation::default();
//! for (i, (s, e, ..)) in words.iter().enumerate() {
//!     seg.tokens.push(Token { span: Span::new(*s, *e), words: i..i + 1 });
//!     seg.words.push(Word { span: Span::new(*s, *e), token: i });
//! }
//! seg.sentences.push(Sentence { span: Span::new(0, 20), tokens: 0..4, words: 0..4 });
//! doc.set_segmentation(seg);
//! for (_, _, upos, lemma, head, rel) in words {
//!     doc.pos.push(PosTag { upos, xpos: "", lemma: lemma.into() });
//!     doc.deps.push(Dep { head, rel });
//! }
//! let coder = dateline_events::Coder::phoenix().unwrap();
//! let events = coder.code(&doc);
//! assert_eq!(events.len(), 1);
//! assert_eq!((events[0].source.code.as_str(), events[0].target.code.as_str()), ("PER", "CHL"));
//! assert!(events[0].cameo.starts_with("19"));
//! ```
#![warn(missing_docs)]

mod coder;
mod dict;
mod ontology;
#[cfg(test)]
mod tests;

pub use coder::{Coder, Options};
pub use ontology::{plover_2016, CameoCode, Ontology};

use std::io::Read;

/// Errors of the events crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A dictionary line could not be read.
    #[error("{name}:{line}: {reason}: fix the dictionary line")]
    Dictionary {
        /// Dictionary file name.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// An embedded dictionary could not be decompressed.
    #[error("{name}: cannot decompress the embedded dictionary ({source}): rebuild dateline")]
    Embedded {
        /// Dictionary file name.
        name: &'static str,
        /// The cause.
        source: std::io::Error,
    },
    /// An unknown dictionary set was asked for.
    #[error("unknown dictionary set '{0}': valid sets are phoenix, petr-validate-2.0")]
    UnknownSet(String),
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

macro_rules! data {
    ($f:literal) => {
        ($f, include_bytes!(concat!("../data/", $f)).as_slice())
    };
}

fn gunzip((name, bytes): (&'static str, &[u8])) -> Result<String> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|source| Error::Embedded { name, source })?;
    Ok(dict::decode(&out))
}

const CAMEO: &str = include_str!("../data/cameo.tsv");
const COUNTRIES: &str = include_str!("../data/countries.tsv");

impl Coder {
    /// The coder with the Phoenix dictionaries (CAMEO 2.0 verbs, Phoenix actors, agents,
    /// discards and issues), as shipped in the crate, plus dateline's own few verbs of appeal
    /// (`data/dateline.verbs.txt`: "urge").
    pub fn phoenix() -> Result<Coder> {
        let mut verbs = gunzip(data!("CAMEO.2.0.txt.gz"))?;
        verbs.push('\n');
        verbs.push_str(include_str!("../data/dateline.verbs.txt"));
        let verbs = dict::Verbs::parse(&verbs, "CAMEO.2.0.txt + dateline.verbs.txt")?;
        let actors = [
            gunzip(data!("Phoenix.Countries.actors.txt.gz"))?,
            gunzip(data!("Phoenix.International.actors.txt.gz"))?,
            gunzip(data!("Phoenix.MilNonState.actors.txt.gz"))?,
        ];
        let actors: Vec<&str> = actors.iter().map(String::as_str).collect();
        let d = coder::Dictionaries::new(
            verbs,
            &actors,
            &gunzip(data!("Phoenix.agents.txt.gz"))?,
            &gunzip(data!("Phoenix.discards.txt.gz"))?,
            &gunzip(data!("Phoenix.IssueCoding.txt.gz"))?,
        );
        Coder::build(d)
    }

    /// The coder with PETRARCH's validation dictionaries (`PETR.Validate.verbs.2.0.txt`,
    /// UniversalPetrarch's validation actors, the validation agents and discards): the
    /// dictionaries the `petr_unittest_ud` gold assumes.
    pub fn validation() -> Result<Coder> {
        let verbs = dict::Verbs::parse(
            &gunzip(data!("PETR.Validate.verbs.2.0.txt.gz"))?,
            "PETR.Validate.verbs.2.0.txt",
        )?;
        let actors = gunzip(data!("PETR.Validate.actors.txt.gz"))?;
        let d = coder::Dictionaries::new(
            verbs,
            &[&actors],
            &gunzip(data!("PETR.Validate.agents.txt.gz"))?,
            &gunzip(data!("PETR.Validate.discards.txt.gz"))?,
            "",
        );
        Coder::build(d)
    }

    /// The coder for a dictionary set name as the gold records give it: `phoenix` or
    /// `petr-validate-2.0` (`petr-validate-v1` reads as 2.0).
    pub fn for_set(name: &str) -> Result<Coder> {
        match name {
            "phoenix" => Coder::phoenix(),
            "petr-validate-2.0" | "petr-validate-v1" => Coder::validation(),
            other => Err(Error::UnknownSet(other.to_string())),
        }
    }

    fn build(dict: coder::Dictionaries) -> Result<Coder> {
        let pico = gunzip(data!("PETR.Internal.Coding.Ontology.txt.gz"))?;
        Ok(Coder {
            dict,
            ontology: Ontology::parse(CAMEO, &pico),
            countries: ontology::Countries::parse(COUNTRIES),
            options: Options::default(),
        })
    }
}
