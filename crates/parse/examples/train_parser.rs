//! Trains the parser on UD English EWT + GUM and saves the model.
//!
//! ```text
//! cargo run --release -p dateline-parse --example train_parser -- models/parser.dlm \
//!     [--epochs N] [--seed S] [--mix N] [--prune T] [--prune-labels T] [--tag-noise P] [--keep-nonprojective] [--no-lift]
//!     [--data DIR] [--given DIR] [--guide DIR] [--reverse] [--repeats N,N] [--no-relabel]
//! ```
//!
//! Without `--given` this trains on gold tags only and picks the epoch on gold-tagged dev; the
//! shipped model is built by `dateline train parser`, which adds jackknifed tags and a dev set
//! tagged by the shipped tagger (see the crate docs). `--given DIR` reads those tagged files as
//! written by the tag crate's `tag_cache` example, so an experiment trains exactly as
//! `dateline train parser` does without rerunning the jackknife taggers.
use dateline_parse::{train, TrainOptions};
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut out = PathBuf::from("models/parser.dlm");
    let mut data = PathBuf::from("../shared/data/ud");
    let mut opts = TrainOptions::default();
    let mut given: Option<PathBuf> = None;
    let mut guide: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--epochs" => opts.epochs = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--mix" => opts.mix = val()?.parse()?,
            "--prune" => opts.prune = val()?.parse()?,
            "--prune-labels" => opts.prune_labels = val()?.parse()?,
            "--tag-noise" => opts.tag_noise = val()?.parse()?,
            "--explore-from" => opts.explore_from = val()?.parse()?,
            "--keep-nonprojective" => opts.skip_nonprojective = false,
            "--no-lift" => opts.lift_nonprojective = false,
            "--data" => data = PathBuf::from(val()?),
            "--given" => given = Some(PathBuf::from(val()?)),
            "--guide" => guide = Some(PathBuf::from(val()?)),
            "--reverse" => opts.reverse = true,
            "--no-relabel" => opts.relabel = false,
            "--repeats" => {
                opts.repeats = val()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
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
    if let Some(dir) = given {
        opts.train_sentences = Some(dateline_conllu::read_file(&dir.join("train-jk.conllu"))?);
        opts.dev_sentences = Some(per_dev_file(&dir, &opts.dev, "tagged")?);
    }
    if let Some(dir) = guide {
        opts.train_guides = Some(dateline_conllu::read_file(&dir.join("train-guide.conllu"))?);
        opts.dev_guides = Some(
            per_dev_file(&dir, &opts.dev, "guide")?
                .into_iter()
                .map(|(_, s)| s)
                .collect(),
        );
    }
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

/// The sentences of `DIR/<dev file stem>.<kind>.conllu` for each dev file, with the index of
/// its dev file.
fn per_dev_file(
    dir: &Path,
    dev: &[PathBuf],
    kind: &str,
) -> Result<Vec<(usize, dateline_conllu::Sentence)>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for (fi, p) in dev.iter().enumerate() {
        let stem = p.file_stem().map(|f| f.to_string_lossy().into_owned());
        let path = dir.join(format!("{}.{kind}.conllu", stem.unwrap_or_default()));
        out.extend(
            dateline_conllu::read_file(&path)?
                .into_iter()
                .map(|s| (fi, s)),
        );
    }
    Ok(out)
}
