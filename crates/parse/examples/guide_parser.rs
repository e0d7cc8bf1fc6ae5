//! Puts a right-to-left parser into a guided parser's model file as its guide.
//!
//! ```text
//! cargo run --release -p dateline-parse --example guide_parser -- GUIDED.dlm R2L.dlm OUT.dlm
//! ```
use dateline_learn::ModelFile;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [main, guide, out] = args.as_slice() else {
        return Err("usage: guide_parser GUIDED.dlm R2L.dlm OUT.dlm".into());
    };
    let mut model = ModelFile::load(&PathBuf::from(main))?;
    let guide = ModelFile::load(&PathBuf::from(guide))?;
    let reverse = std::env::var("GUIDE_L2R").is_err();
    dateline_parse::add_guide(&mut model, &guide, reverse)?;
    model.save(&PathBuf::from(out))?;
    Ok(())
}
