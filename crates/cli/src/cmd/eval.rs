//! `dateline eval`: gold file in, predictions in the scorer's format out.

use crate::out;
use anyhow::Context;
use dateline::{Document, Layer, Pipeline};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

/// Run the pipeline over a gold file and write predictions for the matching scorer in
/// ../shared/eval (score_ud.py for `ud`).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to evaluate: ud.
    #[arg(value_parser = ["ud"])]
    pub task: String,
    /// The gold file (CoNLL-U for ud): only its raw text is given to the pipeline.
    pub gold: PathBuf,
    /// Write predictions to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use the gold tokens and sentences instead of segmenting the raw text, to measure the
    /// tagger and parser apart from segmentation errors.
    #[arg(long)]
    pub gold_segmentation: bool,
    /// Load models from DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline =
        Pipeline::new(&[Layer::Deps], args.models.as_deref()).context("loading models")?;
    let gold = dateline_conllu::read_file(&args.gold)?;
    let gold_seg = args.gold_segmentation;
    let mut docs: Vec<Document> = dateline_conllu::documents(gold)
        .into_iter()
        .map(|g| {
            if gold_seg {
                g.to_document()
            } else {
                Document::new(g.id, g.text)
            }
        })
        .collect();
    docs.par_iter_mut().for_each(|d| {
        if !gold_seg {
            pipeline.segment(d);
        }
        pipeline.tag(d);
        pipeline.parse(d);
    });
    let mut out = out::open(args.output.as_deref())?;
    for d in &docs {
        dateline_conllu::write_document(d, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
