//! Averages the weights of parser models trained with different seeds (parameter mixing),
//! prunes, and saves one model.
//!
//! ```text
//! cargo run --release -p dateline-parse --example mix_parsers -- OUT.dlm PRUNE PRUNE_LABELS IN.dlm...
//! ```
use dateline_learn::{ModelFile, Weights};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, pa, pl, inputs @ ..] = args.as_slice() else {
        return Err("usage: mix_parsers OUT.dlm PRUNE PRUNE_LABELS IN.dlm...".into());
    };
    let (pa, pl): (f32, f32) = (pa.parse()?, pl.parse()?);
    let models: Vec<ModelFile> = inputs
        .iter()
        .map(|p| ModelFile::load(&PathBuf::from(p)))
        .collect::<Result<_, _>>()?;
    let mut mixed = models[0].clone();
    for (name, bytes) in &mut mixed.sections {
        if name != "actions" && name != "labels" {
            continue;
        }
        let ws: Vec<Weights> = models
            .iter()
            .map(|m| {
                m.section(name, "input")
                    .ok()
                    .and_then(Weights::from_bytes)
                    .ok_or(format!("bad section {name}"))
            })
            .collect::<Result<_, _>>()?;
        let refs: Vec<&Weights> = ws.iter().collect();
        let mut w = Weights::mean(&refs).ok_or("class counts differ")?;
        let before = w.rows();
        w.prune(if name == "actions" { pa } else { pl });
        eprintln!("{name}: {before} rows mixed, {} kept", w.rows());
        *bytes = w.to_bytes();
    }
    for m in &models[1..] {
        if m.section("label_names", "input")? != mixed.section("label_names", "input")? {
            return Err("label sets differ".into());
        }
    }
    mixed.save(&PathBuf::from(out))?;
    eprintln!(
        "{out}: {:.2} MB",
        std::fs::metadata(out)?.len() as f64 / 1e6
    );
    Ok(())
}
