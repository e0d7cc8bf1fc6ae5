//! `dateline`: reads news articles and writes down who said what, who did what to whom, where
//! and when. This crate holds only the command line: each subcommand lives in `cmd/`.

mod cmd;
mod out;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Train(a) => cmd::train::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Bench(a) => cmd::bench::run(a),
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
