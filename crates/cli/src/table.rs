//! Output of the store commands: aligned tables for people, JSON Lines for scripts.

use std::io::Write;

/// Writes `rows` under `headers` as aligned columns; cells longer than `max` characters are
/// cut with an ellipsis so a row stays on one line of a terminal.
pub fn print(
    out: &mut dyn Write,
    headers: &[&str],
    rows: &[Vec<String>],
    max: usize,
) -> std::io::Result<()> {
    let cut = |s: &str| -> String {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() > max {
            format!("{}…", s.chars().take(max - 1).collect::<String>())
        } else {
            s
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut width: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in &cells {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, r: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in r.iter().zip(&width).enumerate() {
            if i + 1 == r.len() {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  ", w = *w));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(
        out,
        &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    )?;
    for r in &cells {
        line(out, r)?;
    }
    Ok(())
}

/// Opens the database a query command reads, refusing to create an empty one by mistake.
pub fn open_existing(db: &std::path::Path) -> anyhow::Result<dateline_store::Store> {
    if !db.exists() {
        anyhow::bail!(
            "no database at {}: run `dateline ingest PATH... --db {}` first, or pass --db FILE",
            db.display(),
            db.display()
        );
    }
    Ok(dateline_store::Store::open(db)?)
}

/// `None` shown as an empty cell.
pub fn cell(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}
