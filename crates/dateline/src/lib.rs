//! dateline reads news articles and writes down, as data, what they say.
//!
//! The pipeline runs one direction over a [`Document`], each stage reading earlier layers and
//! adding its own:
//!
//! 1. **segment** (`dateline-segment`): paragraphs, sentences, tokens, words;
//! 2. **tag** (`dateline-tag`): part of speech and lemma;
//! 3. **parse** (`dateline-parse`): labelled dependencies;
//! 4. **entities** (`dateline-entities`): people, organizations and places, with titles,
//!    countries and coreference;
//! 5. **time** (`dateline-time`): time expressions normalized against the publication date;
//! 6. **quotes** (`dateline-quotes`): direct, indirect and mixed quotations with cue, speaker
//!    entity, channel and date;
//! 7. **events** (`dateline-events`): who did what to whom, in CAMEO and PLOVER, with actor
//!    codes, Goldstein scores and dates.
//!
//! [`Pipeline`] holds the loaded models and runs the stages a set of [`Layer`]s needs;
//! [`read`] turns files into [`Document`]s (plain text or JSON Lines records) and
//! [`write_json`] writes the `dateline/1` output record.
//!
//! ```
//! use dateline::{Layer, Pipeline};
//! let pipeline = Pipeline::new(&[Layer::Deps], None).unwrap();
//! let mut doc = dateline::Document::new("d1", "Helena Duarte spoke in Brasília. She left.");
//! pipeline.run(&mut doc);
//! assert_eq!(doc.sentences.len(), 2);
//! let said = doc.words.iter().position(|w| doc.slice(w.span) == "spoke").unwrap();
//! assert_eq!(doc.pos[said].lemma, "speak");
//! ```
#![warn(missing_docs)]

mod models;
mod output;
mod pipeline;

pub use dateline_document::{
    CharOffsets, Document, Event, EventActor, Layer, MentionForm, Meta, Span,
};
pub use dateline_events as events;
/// Readers (text, JSON Lines, HTML, WARC), from `dateline-read`.
pub use dateline_read as read;
pub use dateline_time::Date;
pub use models::Models;
pub use output::{speaker_name, write_json, OutputOptions, SCHEMA};
pub use pipeline::{Pipeline, StageFailure};

/// Errors of the dateline library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A model could not be loaded.
    #[error(transparent)]
    Model(#[from] dateline_learn::Error),
    /// The tagger model does not fit this build.
    #[error(transparent)]
    Tagger(#[from] dateline_tag::Error),
    /// The parser model does not fit this build.
    #[error(transparent)]
    Parser(#[from] dateline_parse::Error),
    /// The entity model does not fit this build.
    #[error(transparent)]
    Entities(#[from] dateline_entities::Error),
    /// The event dictionaries could not be loaded.
    #[error(transparent)]
    Events(#[from] dateline_events::Error),
    /// A `segmenter.dlm` in the models directory is not a sentence boundary model of this build.
    #[error("{0}: not a sentence boundary model of this build: run `dateline train segmenter -o {0}`, or remove it to use the embedded one")]
    Segmenter(String),
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
