//! The entities stage: people, organizations and places in a tagged Document, with their
//! types, titles and countries, grouped into entities within the article.
//!
//! It runs after segment, tag and parse (segment -> tag -> parse -> **entities** -> coreference
//! -> time -> quotes -> events) and reads the `words`, `sentences`, `pos` and `deps` layers. It
//! adds two layers: `mentions` (in text order) and the `entities` they point to.
//!
//! Data flows through [`Recognizer::recognize`] in five steps:
//!
//! 1. **Mentions.** A statistical tagger (the shared averaged perceptron of `dateline-learn`)
//!    labels the words of each sentence with BIO tags for PER, ORG, LOC and MISC, greedily,
//!    from word, shape, affix, part-of-speech, context and gazetteer features, and from how
//!    the same word is written elsewhere in the article (capitalised mid-sentence, in lower
//!    case). A span typer then looks at each span whole (first and last words, the
//!    gazetteer entries of the whole phrase, its context) and retypes it, or drops it as no
//!    name. [`train`] learns both from the GUM and Wikigold entity sets and UNER EWT dev (web
//!    text, whose figure is therefore cross-validated; with lower-case and all-capitals copies
//!    of some sentences), tagging their sentences with the shipped tagger
//!    so that training sees the tags the pipeline produces; the typer learns from the spans
//!    of taggers that had not seen the sentence (two-fold jackknife). Where the tagger strays
//!    from the conventions the entity sets share, rules put it back: a web or e-mail address
//!    or file name is no person or place, a day or month alone is no name, a named storm is
//!    an event (MISC), a stage direction ("Applause") is no name, a person's name ends
//!    before a list dash, a name goes on across a hyphen inside a word ("Muqtada al-Sadr",
//!    "al-Qaida", "Hartsell-Gundy"), a pronoun or question word alone ("Who" of "Doctor
//!    Who") is no name, and in a sentence written all in lower case a country, capital or
//!    city the part-of-speech tagger calls a proper noun is a place ("san francisco
//!    california"). Web and e-mail text bring more: a person's span over a comma is a list
//!    of people, a quoted "Surname, First" before an address is one person, a signature line
//!    is a person and a company, a place at the edge of a longer name is that name ("Tampa
//!    Bay", "Georgetown University", "Housing Authority of New Orleans"), a town before its
//!    state is two places ("Miramar California"), and a possessive that possesses nothing
//!    is a business named so ("going to Del Frisco's for dinner").
//! 2. **One name, one type.** Within the article, every mention of the same name takes the
//!    type most of them have, a surname of a person found in full is that person, a storm's
//!    name alone is the storm, a name the article calls an organization ("the band Gigi") is
//!    one wherever it is used, and a multi-word name found once is found everywhere. An
//!    acronym the article defines ("the International Atomic Energy Agency (IAEA)") is a
//!    mention of the name's type wherever it is used, and of the same entity; a first name
//!    found alone right before a person ("Ben" + "Player") joins that person.
//! 3. **Refinement.** Gazetteers (data files in `data/`, parsed once) turn LOC into GPE for
//!    countries, capitals, cities and states, and MISC into NORP for nationalities and
//!    religious or political groups; a nationality adjective the tagger left out ("Brazilian")
//!    becomes a NORP mention.
//! 4. **Titles and countries.** Words before a person ("former Chilean President") and an
//!    apposition after it ("Arjun Mehta, India's envoy,") give titles and a country.
//! 5. **Entities.** Names, short names ("Duarte"), titles used as descriptions ("the
//!    minister") and pronouns (by gender and number) are grouped into entities
//!    ([`Entity`](dateline_document::Entity)) within the article; a capital used as an actor ("New Delhi said") joins its country.
//!
//! Spans are byte offsets into the text like every layer; the writers convert them to code
//! points.
//!
//! ```
//! use dateline_document::{Document, EntityType, MentionForm, PosTag, Upos};
//! use dateline_entities::Recognizer;
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.dlm");
//! let model = dateline_learn::ModelFile::load(path.as_ref()).unwrap();
//! let rec = Recognizer::from_model(&model, path).unwrap();
//!
//! let text = "Chilean President Tomas Reyes arrived in Brazil on Monday. \
//!             Reyes said he would meet Reuters reporters.";
//! let mut doc = Document::new("d1", text);
//! doc.set_segmentation(dateline_segment::segment(text));
//! // The pipeline tags (and parses) before this stage; here the tags are written by hand.
//! let tags = "JJ NNP NNP NNP VBD IN NNP IN NNP . NNP VBD PRP MD VB NNP NNS .";
//! doc.pos = tags.split(' ').zip(&doc.words).map(|(x, w)| {
//!     let upos = match x {
//!         "JJ" => Upos::ADJ, "NNP" => Upos::PROPN, "NNS" => Upos::NOUN, "IN" => Upos::ADP,
//!         "PRP" => Upos::PRON, "MD" => Upos::AUX, "." => Upos::PUNCT, _ => Upos::VERB,
//!     };
//!     PosTag { upos, xpos: x, lemma: doc.slice(w.span).to_string() }
//! }).collect();
//! let (mentions, entities) = rec.recognize(&doc);
//! let reyes = mentions.iter().find(|m| doc.slice(m.span) == "Reyes").unwrap();
//! let e = &entities[reyes.entity.unwrap()];
//! assert_eq!((e.name.as_str(), e.kind), ("Tomas Reyes", EntityType::PER));
//! assert_eq!(e.titles, ["President"]);
//! assert_eq!(e.country.as_deref(), Some("CHL"));
//! let brazil = mentions.iter().find(|m| doc.slice(m.span) == "Brazil").unwrap();
//! assert_eq!((brazil.kind, brazil.form), (EntityType::GPE, MentionForm::Name));
//! assert_eq!(entities[brazil.entity.unwrap()].country.as_deref(), Some("BRA"));
//! ```
#![warn(missing_docs)]

mod aliases;
mod attrs;
mod coref;
mod features;
mod gazetteer;
mod recognizer;
mod spans;
mod tagger;
mod train;

pub use recognizer::Recognizer;

/// Builds the gazetteers (countries, organizations, titles, first names, actors: tens of
/// milliseconds) if they are not built yet. [`Recognizer::from_model`] does it too; a caller
/// that loads several models can call this on a thread of its own first, so the two overlap.
pub fn prepare_gazetteers() {
    let _ = gazetteer::shared();
}
pub use train::{train, TrainOptions, UNER, UNER_REPEATS};

use std::path::PathBuf;

/// Errors of the entities stage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model could not be read.
    #[error(transparent)]
    Model(#[from] dateline_learn::Error),
    /// The tagger used to tag training data could not be loaded.
    #[error(transparent)]
    Tagger(#[from] dateline_tag::Error),
    /// A data file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A record of a data file is malformed.
    #[error("{path}:{line}: {reason}: expected NER JSONL with id, text, tokens and entities")]
    Data {
        /// The file.
        path: PathBuf,
        /// Line number (1-based).
        line: usize,
        /// What was wrong.
        reason: String,
    },
    /// The model file is for another stage or feature set.
    #[error("{name}: {reason}: run `dateline train ner`")]
    Incompatible {
        /// The model file.
        name: String,
        /// What does not match.
        reason: String,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// The feature set this build extracts; a model trained with another is refused.
pub const FEATURES: &str = "ner-v3";
