//! Prunes a trained parser model (drops weight rows whose largest weight is below a threshold),
//! to measure model size against accuracy without retraining.
//!
//! ```text
//! cargo run --release -p dateline-parse --example prune_parser -- IN.dlm OUT.dlm THRESHOLD [LABEL_THRESHOLD]
//! ```
use dateline_learn::{ModelFile, Weights};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output, ta, tl) = match args.as_slice() {
        [i, o, t] => (i, o, t.parse::<f32>()?, t.parse::<f32>()?),
        [i, o, a, l] => (i, o, a.parse::<f32>()?, l.parse::<f32>()?),
        _ => return Err("usage: prune_parser IN.dlm OUT.dlm THRESHOLD [LABEL_THRESHOLD]".into()),
    };
    let mut m = ModelFile::load(&PathBuf::from(input))?;
    for (name, bytes) in &mut m.sections {
        if name == "actions" || name == "labels" {
            let mut w = Weights::from_bytes(bytes).ok_or(format!("{input}: bad section {name}"))?;
            let before = w.rows();
            w.prune(if name == "actions" { ta } else { tl });
            eprintln!("{name}: {before} -> {} rows", w.rows());
            *bytes = w.to_bytes();
        }
    }
    m.header
        .dev_score
        .insert("pruned_at".into(), serde_json::json!([ta, tl]));
    m.save(&PathBuf::from(output))?;
    eprintln!(
        "{output}: {:.2} MB",
        std::fs::metadata(output)?.len() as f64 / 1e6
    );
    Ok(())
}
