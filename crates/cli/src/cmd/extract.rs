//! `dateline extract`: articles in, one dateline/1 JSON record per article out.

use crate::out;
use anyhow::Context;
use dateline::read::{self, Format};
use dateline::{Document, Layer, OutputOptions, Pipeline};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Run the pipeline over articles and write one dateline/1 JSON record per article.
///
/// Inputs are plain-text articles (one per file) or JSON Lines records
/// {"id", "text", "published"?, "title"?, "url"?, "source"?}. A record that cannot be read is
/// reported as FILE:LINE: reason and the rest go on; the exit status is 1 if any failed.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files; standard input when none or `-`.
    pub files: Vec<PathBuf>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Input format: auto, text or jsonl.
    #[arg(long, default_value = "auto")]
    pub format: Format,
    /// Layers to include, comma-separated: tokens, sentences, pos, deps, entities, time, quotes,
    /// events.
    #[arg(long, default_value = "tokens,sentences,pos,deps,entities,time,quotes,events", value_parser = super::parse_layers)]
    pub layers: std::vec::Vec<Layer>,
    /// Publication date (YYYY-MM-DD) for records that give none; relative dates ("next
    /// month") are resolved against it. Without it, the article's dateline is tried.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub published: Option<dateline::Date>,
    /// Include the article text in each record.
    #[arg(long)]
    pub text: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Load models from DIR (tagger.dlm, parser.dlm, ner.dlm, and segmenter.dlm if present)
    /// instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Print no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Articles processed per parallel batch: large enough to keep every core busy, small enough
/// to keep memory constant on any input size.
const BATCH: usize = 256;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The plan first: pool, models, output; only then the first article.
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .ok();
    }
    let pipeline = Pipeline::new(&args.layers, args.models.as_deref())
        .context("loading models")?
        .with_published(args.published);
    let opts = OutputOptions {
        layers: args.layers.clone(),
        text: args.text,
    };
    let mut out = out::open(args.output.as_deref())?;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };

    let started = Instant::now();
    let mut c = Counts::default();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    // Runs and writes a batch. An article a stage failed on (a bug) is written with the layers
    // before the failing stage, named on stderr, and counted as failed, not ok.
    let flush = |batch: &mut Vec<Document>,
                 out: &mut dyn std::io::Write,
                 c: &mut Counts|
     -> anyhow::Result<()> {
        let ran: Vec<_> = batch.par_iter_mut().map(|d| pipeline.try_run(d)).collect();
        for (d, r) in batch.drain(..).zip(ran) {
            if let Err(e) = r {
                eprintln!(
                    "dateline: article {}: {e}; written without the {} layer and those after it",
                    d.id, e.stage
                );
                c.ok -= 1;
                c.failed += 1;
            }
            c.tokens += d.tokens.len();
            dateline::write_json(&d, &opts, out)?;
        }
        Ok(())
    };
    for f in &files {
        let items = match read::open(f, args.format) {
            Ok(items) => items,
            Err(e) => {
                eprintln!("dateline: {e}");
                c.failed += 1;
                continue;
            }
        };
        for item in items {
            match item {
                Ok(doc) => {
                    c.ok += 1;
                    batch.push(doc);
                    if batch.len() == BATCH {
                        flush(&mut batch, &mut out, &mut c)?;
                    }
                }
                Err(e) => {
                    // Keep output order: what came before the bad record is written first.
                    flush(&mut batch, &mut out, &mut c)?;
                    eprintln!("dateline: {e}");
                    c.failed += 1;
                }
            }
        }
    }
    flush(&mut batch, &mut out, &mut c)?;
    out.flush()?;
    let Counts { ok, failed, tokens } = c;
    // The models and dictionaries are hundreds of thousands of allocations: freeing them one
    // by one cost ~50 ms of CPU at every exit, and the operating system frees them at once.
    std::mem::forget(pipeline);
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "dateline: {ok} articles, {tokens} tokens in {secs:.2} s ({:.0} tokens/s){}",
            tokens as f64 / secs.max(1e-9),
            if failed > 0 {
                format!("; {failed} failed")
            } else {
                String::new()
            }
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What `extract` reports at the end: articles written whole, articles or records that failed,
/// tokens written.
#[derive(Default)]
struct Counts {
    ok: usize,
    failed: usize,
    tokens: usize,
}
