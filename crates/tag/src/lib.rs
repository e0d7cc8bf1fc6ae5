//! The tag stage: part of speech and lemma for every word.
//!
//! [`Tagger`] reads the words and sentences of a [`Document`](dateline_document::Document)
//! and returns its `pos` layer. It is a greedy left-to-right averaged perceptron (from `dateline-learn`) whose classes are
//! (UPOS, XPOS) pairs, so the two tag sets never disagree with each other; frequent words that
//! always take the same tag skip scoring through a tag dictionary. [`Lemmatizer`] then gives
//! each word its lemma from a table of seen (form, tag) pairs, falling back to suffix rules
//! learned from the same treebanks.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use dateline_document::Document;
//! let model = dateline_learn::ModelFile::load("models/tagger.dlm".as_ref())?;
//! let tagger = dateline_tag::Tagger::from_model(&model, "models/tagger.dlm")?;
//! let mut doc = Document::new("d", "Duarte spoke. She left.");
//! // ... segment the document first, then:
//! let pos = tagger.tag(&doc);
//! doc.pos = pos;
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

mod features;
mod lemma;
mod tagger;
mod train;

pub use lemma::Lemmatizer;
pub use tagger::Tagger;
pub use train::{jackknife, retag_files, train, TrainOptions, JACKKNIFE_FOLDS};

/// Errors of the tag stage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model could not be read.
    #[error(transparent)]
    Model(#[from] dateline_learn::Error),
    /// Training data could not be read.
    #[error(transparent)]
    Data(#[from] dateline_conllu::Error),
    /// The model file is for another stage or feature set.
    #[error("{name}: {reason}: run `dateline train tagger`")]
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
pub const FEATURES: &str = "tagger-v2";
