//! `dateline entities`: the stored entities with how often they occur.

use crate::table;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// List stored entities with the number of articles and mentions, most frequent first.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only this type: PER, ORG, GPE, LOC, NORP or MISC.
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_type)]
    pub kind: Option<String>,
    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    pub db: PathBuf,
    /// One JSON object per entity instead of a table.
    #[arg(long)]
    pub json: bool,
    /// At most N entities.
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
}

fn parse_type(s: &str) -> Result<String, String> {
    let up = s.to_ascii_uppercase();
    dateline_document::EntityType::parse(&up)
        .map(|t| t.as_str().to_string())
        .ok_or_else(|| {
            format!("unknown entity type '{s}': valid types are PER, ORG, GPE, LOC, NORP, MISC")
        })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = table::open_existing(&args.db)?;
    let rows = store.entities(args.kind.as_deref(), args.limit)?;
    let mut out = crate::out::open(None)?;
    if args.json {
        for e in &rows {
            let v = serde_json::json!({"name": e.name, "type": e.kind, "articles": e.articles, "mentions": e.mentions});
            writeln!(out, "{v}")?;
        }
    } else {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    e.kind.clone(),
                    e.articles.to_string(),
                    e.mentions.to_string(),
                ]
            })
            .collect();
        table::print(
            &mut out,
            &["name", "type", "articles", "mentions"],
            &cells,
            60,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn types_are_checked() {
        assert_eq!(super::parse_type("per").unwrap(), "PER");
        assert!(super::parse_type("PERSON")
            .unwrap_err()
            .contains("valid types are PER"));
    }
}
