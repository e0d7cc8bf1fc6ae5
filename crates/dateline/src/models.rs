//! The trained models: embedded in the binary, or loaded from a directory.
//!
//! Embedding (`include_bytes!`) is what makes dateline one offline binary: no model download,
//! no path to configure. `--models DIR` loads `DIR/tagger.dlm`, `DIR/parser.dlm` and `DIR/ner.dlm` instead,
//! for a freshly trained model, and `DIR/segmenter.dlm` when there is one (the segmenter
//! otherwise keeps its embedded boundary model, so older model directories still work).

use crate::Result;
use dateline_entities::Recognizer;
use dateline_learn::ModelFile;
use dateline_parse::Parser;
use dateline_tag::Tagger;
use std::path::Path;

static TAGGER: &[u8] = include_bytes!("../../../models/tagger.dlm");
static PARSER: &[u8] = include_bytes!("../../../models/parser.dlm");
static NER: &[u8] = include_bytes!("../../../models/ner.dlm");

/// The statistical models the stages use.
#[derive(Debug)]
pub struct Models {
    /// Part of speech and lemma.
    pub tagger: Tagger,
    /// Dependencies.
    pub parser: Parser,
}

impl Models {
    /// Loads the models from `dir`, or the embedded ones when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Models> {
        Ok(Models {
            tagger: Models::tagger(dir)?,
            parser: Models::parser(dir)?,
        })
    }

    /// Loads only the tagger.
    pub fn tagger(dir: Option<&Path>) -> Result<Tagger> {
        let (file, name) = open(dir, "tagger.dlm", TAGGER)?;
        Ok(Tagger::from_model(&file, &name)?)
    }

    /// Loads only the entity recognizer.
    pub fn recognizer(dir: Option<&Path>) -> Result<Recognizer> {
        let (file, name) = open(dir, "ner.dlm", NER)?;
        Ok(Recognizer::from_model(&file, &name)?)
    }

    /// Loads only the parser.
    pub fn parser(dir: Option<&Path>) -> Result<Parser> {
        let (file, name) = open(dir, "parser.dlm", PARSER)?;
        Ok(Parser::from_model(&file, &name)?)
    }

    /// The sentence segmenter of `DIR/segmenter.dlm`, if `dir` has one; `None` means the
    /// embedded one.
    pub fn segmenter(dir: Option<&Path>) -> Result<Option<dateline_segment::Segmenter>> {
        let Some(p) = dir.map(|d| d.join("segmenter.dlm")).filter(|p| p.exists()) else {
            return Ok(None);
        };
        let name = p.display().to_string();
        let file = ModelFile::load(&p)?;
        dateline_segment::Segmenter::with_model(&file, &name)
            .map(Some)
            .ok_or(crate::Error::Segmenter(name))
    }
}

fn open(dir: Option<&Path>, file: &str, embedded: &[u8]) -> Result<(ModelFile, String)> {
    Ok(match dir {
        Some(d) => {
            let p = d.join(file);
            (ModelFile::load(&p)?, p.display().to_string())
        }
        None => {
            let name = format!("embedded {file}");
            (ModelFile::from_bytes(embedded, &name)?, name)
        }
    })
}
