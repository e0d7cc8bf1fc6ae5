//! `dateline export`: a table of the database as JSON Lines, CSV or Parquet.

use dateline_store::{Table, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a stored table as JSON Lines, CSV or Parquet (files pandas, polars and DuckDB read
/// as they are). Exported articles carry id, url, title, published, source and text; layer
/// rows carry the article id and code point offsets into its text.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format: jsonl, csv or parquet (parquet needs a build with the `parquet` feature).
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "csv", "parquet"])]
    pub format: String,
    /// What to export: articles, quotes, entities, mentions, timexes or events.
    #[arg(long, default_value = "articles", value_parser = Table::parse)]
    pub what: Table,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    pub db: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = crate::table::open_existing(&args.db)?;
    let cols = args.what.columns();
    let n = match args.format.as_str() {
        "parquet" => parquet_out::write(&store, args.what, args.output.as_deref())?,
        fmt => {
            let mut out = crate::out::open(args.output.as_deref())?;
            let csv = fmt == "csv";
            if csv {
                let names: Vec<String> = cols.iter().map(|(c, _)| csv_cell(c)).collect();
                writeln!(out, "{}", names.join(","))?;
            }
            let n = store.export::<anyhow::Error>(args.what, |row| {
                if csv {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|v| match v {
                            Value::Null => String::new(),
                            Value::Int(x) => x.to_string(),
                            Value::Real(x) => x.to_string(),
                            Value::Text(t) => csv_cell(t),
                        })
                        .collect();
                    writeln!(out, "{}", cells.join(","))?;
                } else {
                    let mut obj = serde_json::Map::new();
                    for ((name, _), v) in cols.iter().zip(row) {
                        let j = match v {
                            Value::Null => serde_json::Value::Null,
                            Value::Int(x) => (*x).into(),
                            Value::Real(x) => serde_json::json!(x),
                            Value::Text(t) => t.clone().into(),
                        };
                        obj.insert(name.to_string(), j);
                    }
                    serde_json::to_writer(&mut out, &obj)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            })?;
            out.flush()?;
            n
        }
    };
    if let Some(o) = &args.output {
        eprintln!("dateline: {n} {} -> {}", args.what.name(), o.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// RFC 4180: quote a cell that holds a comma, quote, or line break; double inner quotes.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(not(feature = "parquet"))]
mod parquet_out {
    pub fn write(
        _: &dateline_store::Store,
        _: dateline_store::Table,
        _: Option<&std::path::Path>,
    ) -> anyhow::Result<u64> {
        anyhow::bail!(
            "this dateline was built without Parquet support: rebuild with `cargo build --release --features parquet`, or export --format csv"
        )
    }
}

#[cfg(feature = "parquet")]
mod parquet_out {
    use super::*;
    use ::parquet::arrow::ArrowWriter;
    use ::parquet::basic::Compression;
    use ::parquet::file::properties::WriterProperties;
    use anyhow::Context;
    use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use dateline_store::Column;
    use std::sync::Arc;

    /// Rows per record batch (and so the memory held while exporting).
    const ROWS: usize = 8192;

    pub fn write(
        store: &dateline_store::Store,
        what: Table,
        output: Option<&std::path::Path>,
    ) -> anyhow::Result<u64> {
        let cols = what.columns();
        let schema = Arc::new(Schema::new(
            cols.iter()
                .map(|(n, c)| {
                    let t = match c {
                        Column::Int => DataType::Int64,
                        Column::Real => DataType::Float64,
                        Column::Text => DataType::Utf8,
                    };
                    Field::new(*n, t, true)
                })
                .collect::<Vec<_>>(),
        ));
        let out: Box<dyn Write + Send> = match output {
            Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufWriter::new(
                std::fs::File::create(p)
                    .with_context(|| format!("cannot create {}", p.display()))?,
            )),
            _ => Box::new(std::io::BufWriter::new(std::io::stdout())),
        };
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        let mut buf: Vec<Vec<Value>> = vec![Vec::new(); cols.len()];
        let flush = |buf: &mut Vec<Vec<Value>>,
                     w: &mut ArrowWriter<Box<dyn Write + Send>>|
         -> anyhow::Result<()> {
            if buf[0].is_empty() {
                return Ok(());
            }
            let arrays: Vec<ArrayRef> = buf
                .iter_mut()
                .zip(cols)
                .map(|(vals, (_, c))| -> ArrayRef {
                    let vals = std::mem::take(vals);
                    match c {
                        Column::Int => {
                            Arc::new(Int64Array::from_iter(vals.into_iter().map(|v| match v {
                                Value::Int(x) => Some(x),
                                _ => None,
                            })))
                        }
                        Column::Real => {
                            Arc::new(Float64Array::from_iter(vals.into_iter().map(|v| match v {
                                Value::Real(x) => Some(x),
                                Value::Int(x) => Some(x as f64),
                                _ => None,
                            })))
                        }
                        Column::Text => {
                            Arc::new(StringArray::from_iter(vals.into_iter().map(|v| match v {
                                Value::Text(t) => Some(t),
                                Value::Int(x) => Some(x.to_string()),
                                _ => None,
                            })))
                        }
                    }
                })
                .collect();
            w.write(&RecordBatch::try_new(schema.clone(), arrays)?)?;
            Ok(())
        };
        let n = store.export::<anyhow::Error>(what, |row| {
            for (b, v) in buf.iter_mut().zip(row) {
                b.push(v.clone());
            }
            if buf[0].len() == ROWS {
                flush(&mut buf, &mut writer)?;
            }
            Ok(())
        })?;
        flush(&mut buf, &mut writer)?;
        writer.close()?;
        Ok(n)
    }
}
