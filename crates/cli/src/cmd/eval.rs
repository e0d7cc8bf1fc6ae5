//! `dateline eval`: gold file in, predictions in the scorer's format out.

use crate::out;
use anyhow::Context;
use dateline::{Document, Layer, OutputOptions, Pipeline};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Run the pipeline over a gold file and write predictions for the matching scorer in
/// ../shared/eval: score_ud.py for `ud`, score_ner.py for `ner`, score_time.py for `time`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to evaluate: ud (CoNLL-U gold), ner (JSON Lines records with id, text) or time
    /// (JSON Lines records with id, dct, text).
    #[arg(value_parser = ["ud", "ner", "time"])]
    pub task: String,
    /// The gold file: only its raw text (and, for time, its creation date) reaches the pipeline.
    pub gold: PathBuf,
    /// Write predictions to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// ud: use the gold tokens and sentences instead of segmenting the raw text, to measure
    /// the tagger and parser apart from segmentation errors.
    #[arg(long)]
    pub gold_segmentation: bool,
    /// Load models from DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.task.as_str() {
        "time" => time(&args),
        "ner" => ner(&args),
        _ => ud(&args),
    }
}

fn ud(args: &Args) -> anyhow::Result<ExitCode> {
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

/// TempEval-style records: the gold `dct` becomes the article's publication date, and the
/// dateline/1 record (id and timexes) is what score_time.py reads.
fn time(args: &Args) -> anyhow::Result<ExitCode> {
    let pipeline =
        Pipeline::new(&[Layer::Time], args.models.as_deref()).context("loading models")?;
    let mut docs = read_records(&args.gold, "dct")?;
    docs.par_iter_mut().for_each(|d| pipeline.run(d));
    let opts = OutputOptions {
        layers: vec![Layer::Time],
        text: false,
    };
    let mut out = out::open(args.output.as_deref())?;
    for d in &docs {
        dateline::write_json(d, &opts, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Named-entity records: the name mentions (not descriptions or pronouns), flat, as
/// score_ner.py reads them.
fn ner(args: &Args) -> anyhow::Result<ExitCode> {
    let pipeline =
        Pipeline::new(&[Layer::Entities], args.models.as_deref()).context("loading models")?;
    let mut docs = read_records(&args.gold, "published")?;
    docs.par_iter_mut().for_each(|d| pipeline.run(d));
    let mut out = out::open(args.output.as_deref())?;
    for d in &docs {
        let offsets = dateline::CharOffsets::new(&d.text);
        let entities: Vec<serde_json::Value> = d
            .mentions
            .iter()
            .filter(|m| m.form == dateline::MentionForm::Name)
            .map(|m| serde_json::json!({"span": offsets.span(m.span), "type": m.kind.as_str()}))
            .collect();
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": d.id, "entities": entities}),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a gold JSON Lines file of {"id", "text", <date_field>?} records.
fn read_records(path: &Path, date_field: &str) -> anyhow::Result<Vec<Document>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let (Some(id), Some(body)) = (field("id"), field("text")) else {
            anyhow::bail!(
                "{}:{}: a gold record needs \"id\" and \"text\"",
                path.display(),
                n + 1
            );
        };
        let mut d = Document::new(id, body);
        d.meta.published = field(date_field);
        docs.push(d);
    }
    Ok(docs)
}
