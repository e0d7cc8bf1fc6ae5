//! Trains the parser on UD English EWT + GUM and saves the model.
//!
//! ```text
//! cargo run --release -p dateline-parse --example train_parser -- models/parser.dlm \
//!     [--epochs N] [--seed S] [--prune T] [--prune-labels T] [--tag-noise P] [--keep-nonprojective] [--data DIR]
//! ```
//!
//! This trains on gold tags only and picks the epoch on gold-tagged dev; the shipped model is
//! built by `dateline train parser`, which adds jackknifed tags and a dev set tagged by the
//! shipped tagger (see the crate docs).
use dateline_parse::{train, TrainOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut out = PathBuf::from("models/parser.dlm");
    let mut data = PathBuf::from("../shared/data/ud");
    let mut opts = TrainOptions::default();
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--epochs" => opts.epochs = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--prune" => opts.prune = val()?.parse()?,
            "--prune-labels" => opts.prune_labels = val()?.parse()?,
            "--tag-noise" => opts.tag_noise = val()?.parse()?,
            "--explore-from" => opts.explore_from = val()?.parse()?,
            "--keep-nonprojective" => opts.skip_nonprojective = false,
            "--data" => data = PathBuf::from(val()?),
            _ => out = PathBuf::from(a),
        }
    }
    opts.train = vec![
        data.join("en_ewt-ud-train.conllu"),
        data.join("en_gum-ud-train.conllu"),
    ];
    opts.dev = vec![
        data.join("en_ewt-ud-dev.conllu"),
        data.join("en_gum-ud-dev.conllu"),
    ];
    let t = std::time::Instant::now();
    let model = train(&opts)?;
    model.save(&out)?;
    let size = std::fs::metadata(&out)?.len();
    eprintln!(
        "saved {} ({:.2} MB) after {:.0}s",
        out.display(),
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
