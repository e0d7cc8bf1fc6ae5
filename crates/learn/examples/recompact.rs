//! Rewrites the weight sections of model files in the current row encoding (the compact rows
//! of `Weights::to_bytes`) and file format, in place, after checking that every row reads back
//! the same. The weights stay as they were, and only the bytes change, except that two keys
//! equal in their low 40 bits (format 4 keeps no more; about one pair in a million rows) now
//! share one row, the sum of theirs.
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
    // Cutting keys to 40 bits (format 4) reorders an older file's rows.
    out.sort_by_key(|r| r.0);
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
            let new_rows = rows(&new_bytes).ok_or_else(bad)?;
            // Keys that an older file holds twice once cut to 40 bits now share one row (their
            // sum); every other row must read back exactly.
            let repeated: Vec<u64> = old
                .windows(2)
                .filter(|w| w[0].0 == w[1].0)
                .map(|w| w[0].0)
                .collect();
            let single = |r: &Rows| -> Rows {
                r.iter()
                    .filter(|(k, _)| !repeated.contains(k))
                    .cloned()
                    .collect()
            };
            if single(&new_rows) != single(&old) {
                return Err(format!("{}: section {name} would change", path.display()).into());
            }
            if !repeated.is_empty() {
                eprintln!(
                    "{}: {name}: {} keys repeated at 40 bits, their rows merged",
                    path.display(),
                    repeated.len()
                );
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
