//! Rewrites the weight sections of model files in the current row encoding (the compact rows
//! of `Weights::to_bytes`), in place, after checking that every row reads back the same. The
//! weights, and so every prediction, stay exactly as they were; only the bytes change.
//!
//! ```text
//! cargo run --release -p dateline-learn --example recompact -- models/*.dlm
//! ```
use dateline_learn::{ModelFile, RowReader, Weights};
use std::path::PathBuf;

/// Sections that hold `Weights` in the shipped models.
const WEIGHT_SECTIONS: &[&str] = &["weights", "actions", "labels", "spans"];

type Rows = Vec<(u64, Vec<(u16, f32)>)>;

fn rows(b: &[u8]) -> Option<Rows> {
    let mut out = Vec::new();
    RowReader::new(b)?.for_each_sparse(|k, e| out.push((k, e.to_vec())))?;
    Some(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1).map(PathBuf::from) {
        let mut m = ModelFile::load(&path)?;
        let before = std::fs::metadata(&path)?.len();
        for (name, bytes) in &mut m.sections {
            if !WEIGHT_SECTIONS.contains(&name.as_str()) {
                continue;
            }
            let bad = || format!("{}: section {name} is not weights", path.display());
            let old = rows(bytes).ok_or_else(bad)?;
            let new_bytes = Weights::from_bytes(bytes).ok_or_else(bad)?.to_bytes();
            if rows(&new_bytes).as_ref() != Some(&old) {
                return Err(format!("{}: section {name} would change", path.display()).into());
            }
            eprintln!(
                "{}: {name}: {} -> {} bytes",
                path.display(),
                bytes.len(),
                new_bytes.len()
            );
            *bytes = new_bytes;
        }
        m.save(&path)?;
        let after = std::fs::metadata(&path)?.len();
        eprintln!("{}: {before} -> {after} bytes", path.display());
    }
    Ok(())
}
