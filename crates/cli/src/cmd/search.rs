//! `dateline search`: full-text search over the stored articles.

use crate::table;
use std::path::PathBuf;
use std::process::ExitCode;

/// Search the stored articles (SQLite FTS5: words, "a phrase", prefix*, AND, OR, NOT; accents
/// and case are ignored), best match first, with a snippet of each.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The query.
    pub query: String,
    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    pub db: PathBuf,
    /// One JSON object per hit instead of a table.
    #[arg(long)]
    pub json: bool,
    /// At most N hits.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = table::open_existing(&args.db)?;
    let hits = store.search(&args.query, args.limit)?;
    let mut out = crate::out::open(None)?;
    if args.json {
        for h in &hits {
            let v = serde_json::json!({"id": h.doc_id, "title": h.title, "published": h.published,
                "source": h.source, "url": h.url, "snippet": h.snippet, "score": h.score});
            writeln!(out, "{v}")?;
        }
    } else {
        let rows: Vec<Vec<String>> = hits
            .iter()
            .map(|h| {
                vec![
                    h.doc_id.clone(),
                    table::cell(&h.published),
                    table::cell(&h.title),
                    h.snippet.clone(),
                ]
            })
            .collect();
        table::print(
            &mut out,
            &["id", "published", "title", "snippet"],
            &rows,
            70,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

use std::io::Write;
