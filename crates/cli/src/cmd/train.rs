//! `dateline train`: rebuild a model from the annotated data.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

/// Train a model from the annotated data and write it (by default over the shipped one).
///
/// Training is reproducible: the same data, seed and epochs give the same file. The model
/// header records the data checksum and the dev score.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Which model: segmenter (sentence boundaries), tagger, parser or ner.
    #[arg(value_parser = ["segmenter", "tagger", "parser", "ner"])]
    pub model: String,
    /// Directory of the training data: the UD English EWT and GUM files for tagger and parser
    /// (default ../shared/data/ud), the entity sets for ner (default ../shared/data/ner).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Where to write the model (default: models/<model>.dlm).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Most epochs; the best on dev is kept (default: the model's own).
    #[arg(long)]
    pub epochs: Option<u32>,
    /// Seed for shuffling.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("models/{}.dlm", args.model)));
    let model = match args.model.as_str() {
        "segmenter" => {
            // Training files only: the epochs are fixed, so dev stays unseen.
            let data = args
                .data
                .clone()
                .unwrap_or_else(|| "../shared/data/ud".into());
            let train = vec![
                data.join("en_ewt-ud-train.conllu"),
                data.join("en_gum-ud-train.conllu"),
            ];
            check_exist(train.iter(), "the UD English EWT and GUM training files")?;
            let mut opts = dateline_segment::TrainOptions {
                train,
                seed: args.seed,
                ..Default::default()
            };
            if let Some(e) = args.epochs {
                opts.epochs = e;
            }
            dateline_segment::train(&opts)?
        }
        "ner" => {
            let data = args
                .data
                .clone()
                .unwrap_or_else(|| "../shared/data/ner".into());
            let mut opts = dateline_entities::TrainOptions {
                seed: args.seed,
                ..Default::default()
            };
            let name = |p: &PathBuf| p.file_name().map(|f| data.join(f)).unwrap_or_default();
            opts.train = opts.train.iter().map(name).collect();
            opts.dev = opts.dev.iter().map(name).collect();
            check_exist(
                opts.train.iter().chain(&opts.dev),
                "the entity sets (gum-train.jsonl, ...)",
            )?;
            if let Some(e) = args.epochs {
                opts.epochs = e;
            }
            dateline_entities::train(&opts)?
        }
        "tagger" | "parser" => {
            let data = args
                .data
                .clone()
                .unwrap_or_else(|| "../shared/data/ud".into());
            let ud = |name: &str| data.join(name);
            let train = vec![ud("en_ewt-ud-train.conllu"), ud("en_gum-ud-train.conllu")];
            let dev = vec![ud("en_ewt-ud-dev.conllu"), ud("en_gum-ud-dev.conllu")];
            check_exist(train.iter().chain(&dev), "the UD English EWT and GUM files")?;
            if args.model == "tagger" {
                let mut opts = dateline_tag::TrainOptions {
                    train,
                    dev,
                    seed: args.seed,
                    ..Default::default()
                };
                if let Some(e) = args.epochs {
                    opts.epochs = e;
                }
                dateline_tag::train(&opts)?
            } else {
                // The parser learns from the tags it will read at run time: the training set
                // tagged by jackknifed taggers, the dev set (which picks the epoch) by the
                // shipped tagger.
                let tag_opts = dateline_tag::TrainOptions {
                    train: train.clone(),
                    dev: dev.clone(),
                    seed: args.seed,
                    ..Default::default()
                };
                let train_sentences =
                    dateline_tag::jackknife(&tag_opts, dateline_tag::JACKKNIFE_FOLDS)?;
                let tagger =
                    dateline::Models::tagger(None).context("loading the shipped tagger")?;
                let dev_sentences = dateline_tag::retag_files(&tagger, &dev)?;
                let mut opts = dateline_parse::TrainOptions {
                    train,
                    dev,
                    seed: args.seed,
                    train_sentences: Some(train_sentences),
                    dev_sentences: Some(dev_sentences),
                    ..Default::default()
                };
                if let Some(e) = args.epochs {
                    opts.epochs = e;
                }
                dateline_parse::train(&opts)?
            }
        }
        other => anyhow::bail!("unknown model '{other}': valid models are tagger, parser, ner"),
    };
    model
        .save(&output)
        .with_context(|| format!("writing {}", output.display()))?;
    eprintln!(
        "dateline: wrote {} ({} bytes; dev {})",
        output.display(),
        std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0),
        serde_json::Value::Object(model.header.dev_score.clone())
    );
    Ok(ExitCode::SUCCESS)
}

fn check_exist<'a>(paths: impl Iterator<Item = &'a PathBuf>, what: &str) -> anyhow::Result<()> {
    for p in paths {
        anyhow::ensure!(
            p.exists(),
            "{} not found: point --data at the directory holding {what}",
            p.display()
        );
    }
    Ok(())
}
