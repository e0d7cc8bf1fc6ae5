//! Rewrites a parser model that holds transition rows (written before `dateline train parser`
//! packed them) into one that holds the lookup table, as `train` now writes it: the same
//! parses, loaded with a copy.
//!
//! ```text
//! cargo run --release -p dateline-parse --example pack_parser -- IN.dlm OUT.dlm
//! ```
use dateline_learn::ModelFile;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: pack_parser IN.dlm OUT.dlm".into());
    };
    let mut model = ModelFile::load(&PathBuf::from(input))?;
    dateline_parse::pack_actions(&mut model)?;
    model.save(&PathBuf::from(output))?;
    eprintln!(
        "{output}: {:.2} MB",
        std::fs::metadata(output)?.len() as f64 / 1e6
    );
    Ok(())
}
