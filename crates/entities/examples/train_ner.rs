//! Trains the entity tagger and writes `models/ner.dlm` (run from the repository root):
//!
//! ```text
//! cargo run --release -p dateline-entities --example train_ner -- [--epochs N] [--seed S] [--out PATH]
//!     [--prune X] [--case-every N] [--jackknife-epochs N] [--typer-epochs N]
//! ```
use dateline_entities::{train, TrainOptions};

fn main() {
    let mut opts = TrainOptions::default();
    let mut out = String::from("models/ner.dlm");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--epochs" => opts.epochs = v.parse().unwrap_or(opts.epochs),
            "--seed" => opts.seed = v.parse().unwrap_or(opts.seed),
            "--prune" => opts.prune = v.parse().unwrap_or(opts.prune),
            "--case-every" => opts.case_every = v.parse().unwrap_or(opts.case_every),
            "--jackknife-epochs" => {
                opts.jackknife_epochs = v.parse().unwrap_or(opts.jackknife_epochs)
            }
            "--typer-epochs" => opts.typer_epochs = v.parse().unwrap_or(opts.typer_epochs),
            "--out" => out = v,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let model = match train(&opts) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("train_ner: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = model.save(out.as_ref()) {
        eprintln!("train_ner: {e}");
        std::process::exit(1);
    }
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    eprintln!("wrote {out} ({:.2} MB)", size as f64 / 1e6);
}
