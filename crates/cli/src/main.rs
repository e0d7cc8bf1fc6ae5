//! `dateline`: reads news articles and writes down who said what, who did what to whom, where
//! and when. This crate holds only the command line: each subcommand lives in `cmd/`.

mod cmd;
mod out;
mod table;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Reads news articles and writes structured records (schema dateline/1) as JSON Lines.
#[derive(Parser, Debug)]
#[command(name = "dateline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the pipeline over articles and write one dateline/1 JSON record per article.
    Extract(cmd::extract::Args),
    /// Train a model from the annotated data in ../shared/data.
    Train(cmd::train::Args),
    /// Run the pipeline over a gold file and write predictions in the scorer's format.
    Eval(cmd::eval::Args),
    /// Measure speed per stage and peak memory on real news text.
    Bench(cmd::bench::Args),
    /// Run the pipeline over articles and store them with their layers in a database.
    Ingest(cmd::ingest::Args),
    /// Full-text search over the stored articles.
    Search(cmd::search::Args),
    /// List stored quotations by speaker, topic and date.
    Quotes(cmd::quotes::Args),
    /// List stored entities with counts.
    Entities(cmd::entities::Args),
    /// Write a stored table as JSON Lines, CSV or Parquet.
    Export(cmd::export::Args),
    /// Serve the database over HTTP: a JSON API and pages for articles, people and timelines.
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Train(a) => cmd::train::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Quotes(a) => cmd::quotes::run(a),
        Command::Entities(a) => cmd::entities::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if out::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dateline: {e:#}");
            ExitCode::from(2)
        }
    }
}
