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
    /// Which model: tagger or parser.
    #[arg(value_parser = ["tagger", "parser"])]
    pub model: String,
    /// Directory of the Universal Dependencies data (EWT and GUM train and dev files).
    #[arg(long, default_value = "../shared/data/ud", value_name = "DIR")]
    pub data: PathBuf,
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
    let ud = |name: &str| args.data.join(name);
    let train = vec![ud("en_ewt-ud-train.conllu"), ud("en_gum-ud-train.conllu")];
    let dev = vec![ud("en_ewt-ud-dev.conllu"), ud("en_gum-ud-dev.conllu")];
    for p in train.iter().chain(&dev) {
        anyhow::ensure!(
            p.exists(),
            "{} not found: point --data at the directory holding the UD English EWT and GUM files",
            p.display()
        );
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("models/{}.dlm", args.model)));
    let model = match args.model.as_str() {
        "tagger" => {
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
        }
        _ => {
            let mut opts = dateline_parse::TrainOptions {
                train,
                dev,
                seed: args.seed,
                ..Default::default()
            };
            if let Some(e) = args.epochs {
                opts.epochs = e;
            }
            dateline_parse::train(&opts)?
        }
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
