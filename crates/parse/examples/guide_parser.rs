//! Puts a guide into a guided parser's model file: one trained on sentences read backwards
//! (`train_parser --reverse`), or with `--forward` one that reads them in text order.
//!
//! ```text
//! cargo run --release -p dateline-parse --example guide_parser -- GUIDED.dlm GUIDE.dlm OUT.dlm [--forward]
//! ```
use dateline_learn::ModelFile;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let forward = args.iter().any(|a| a == "--forward");
    args.retain(|a| a != "--forward");
    let [main, guide, out] = args.as_slice() else {
        return Err("usage: guide_parser GUIDED.dlm GUIDE.dlm OUT.dlm [--forward]".into());
    };
    let mut model = ModelFile::load(&PathBuf::from(main))?;
    let guide = ModelFile::load(&PathBuf::from(guide))?;
    dateline_parse::add_guide(&mut model, &guide, !forward)?;
    model.save(&PathBuf::from(out))?;
    Ok(())
}
