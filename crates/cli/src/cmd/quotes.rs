//! `dateline quotes`: the stored quotations, by speaker, topic and date.

use crate::table;
use dateline_store::QuoteFilter;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// List stored quotations, newest article first.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only quotes whose speaker's name contains NAME.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only quotes matching this full-text query.
    #[arg(long, value_name = "TEXT")]
    pub about: Option<String>,
    /// Only articles published on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<String>,
    /// Only articles published on or before DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<String>,
    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    pub db: PathBuf,
    /// One JSON object per quote instead of a table.
    #[arg(long)]
    pub json: bool,
    /// At most N quotes.
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
}

/// Accepts YYYY, YYYY-MM or YYYY-MM-DD, the forms publication dates are compared in.
fn parse_date(s: &str) -> Result<String, String> {
    let ok = matches!(s.len(), 4 | 7 | 10)
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "'{s}' is not a date: write YYYY-MM-DD (or YYYY-MM, YYYY)"
        ))
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = table::open_existing(&args.db)?;
    let quotes = store.quotes(&QuoteFilter {
        speaker: args.speaker,
        about: args.about,
        since: args.since,
        until: args.until,
        limit: args.limit,
    })?;
    let mut out = crate::out::open(None)?;
    if args.json {
        for q in &quotes {
            let v = serde_json::json!({"content": q.content, "kind": q.kind, "speaker": q.speaker,
                "via": q.via, "article": q.doc_id, "published": q.published});
            writeln!(out, "{v}")?;
        }
    } else {
        let rows: Vec<Vec<String>> = quotes
            .iter()
            .map(|q| {
                vec![
                    table::cell(&q.published),
                    table::cell(&q.speaker),
                    q.kind.clone(),
                    q.content.clone(),
                    q.doc_id.clone(),
                ]
            })
            .collect();
        table::print(
            &mut out,
            &["published", "speaker", "kind", "quote", "article"],
            &rows,
            70,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_checked() {
        assert!(super::parse_date("2025-03-08").is_ok());
        assert!(super::parse_date("2025-03").is_ok());
        assert!(super::parse_date("8 March")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
    }
}
