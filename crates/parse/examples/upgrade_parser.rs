//! Brings a parser model written by an older `dateline train parser` up to what it writes now,
//! without training again: packs the transition rows into the lookup table
//! (`dateline_parse::pack_actions`) and adds the relations the training treebanks settle
//! (`dateline_parse::add_certain_labels`, from the same files `train` reads).
//!
//! ```text
//! cargo run --release -p dateline-parse --example upgrade_parser -- IN.dlm OUT.dlm TRAIN.conllu...
//! ```
use dateline_learn::ModelFile;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, train @ ..] = args.as_slice() else {
        return Err("usage: upgrade_parser IN.dlm OUT.dlm TRAIN.conllu...".into());
    };
    if train.is_empty() {
        return Err("name the training treebanks (EWT and GUM train, as `train` reads)".into());
    }
    let mut model = ModelFile::load(&PathBuf::from(input))?;
    dateline_parse::pack_actions(&mut model)?;
    let train: Vec<PathBuf> = train.iter().map(PathBuf::from).collect();
    dateline_parse::add_certain_labels(&mut model, &train)?;
    model.save(&PathBuf::from(output))?;
    eprintln!(
        "{output}: {:.2} MB",
        std::fs::metadata(output)?.len() as f64 / 1e6
    );
    Ok(())
}
