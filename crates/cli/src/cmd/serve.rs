//! `dateline serve`: the store over HTTP, a JSON API and pages (crate `dateline-serve`).

use anyhow::Context;
use dateline::{Layer, Pipeline};
use dateline_serve::{AppState, Settings};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the database over HTTP: a JSON API (described at /openapi.json) and pages that show
/// each article with its quotations, entities and dates highlighted, each person with their
/// quotations, timelines of events between two actors, and search.
///
/// Listens on loopback by default. Writing (POST /articles) is off unless --write-token is
/// given; requests must then carry `Authorization: Bearer TOKEN`. Stop with Ctrl-C.
#[derive(clap::Args)]
pub struct Args {
    /// The database file (created if missing).
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    pub db: PathBuf,
    /// Address to listen on (port 0 picks a free port and prints it).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Allow POST /articles for requests with `Authorization: Bearer TOKEN`.
    #[arg(long, value_name = "TOKEN")]
    pub write_token: Option<String>,
    /// Largest request body in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body: usize,
    /// Load models from DIR instead of the embedded ones (for POST /extract and /articles).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
}

// By hand, so that the token never shows in debug output.
impl std::fmt::Debug for Args {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Args")
            .field("db", &self.db)
            .field("addr", &self.addr)
            .field(
                "write_token",
                &self.write_token.as_ref().map(|_| "<hidden>"),
            )
            .field("max_body", &self.max_body)
            .field("models", &self.models)
            .finish()
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The plan first: token, models, database; then the socket.
    if args
        .write_token
        .as_deref()
        .is_some_and(|t| t.trim().len() < 8)
    {
        anyhow::bail!("--write-token must be at least 8 characters");
    }
    if !args.db.exists() && args.write_token.is_none() {
        anyhow::bail!(
            "no database at {}: run `dateline ingest PATH... --db {}` first, or give --write-token to fill a new one over HTTP",
            args.db.display(),
            args.db.display()
        );
    }
    let pipeline = Pipeline::new(&Layer::ALL, args.models.as_deref()).context("loading models")?;
    let settings = Settings {
        db: args.db.clone(),
        write_token: args.write_token.clone(),
        max_body: args.max_body,
    };
    let state = AppState::open(settings, Some(pipeline))
        .with_context(|| format!("opening {}", args.db.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!("dateline: warning: listening on {addr}, reachable from other machines");
        }
        eprintln!(
            "dateline: serving {} on http://{addr}/ (writing {}); Ctrl-C stops",
            args.db.display(),
            if args.write_token.is_some() {
                "on"
            } else {
                "off"
            }
        );
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        dateline_serve::run(listener, state, shutdown).await?;
        eprintln!("dateline: stopped");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn defaults_are_loopback_and_read_only() {
        let a = Cli::parse_from(["serve"]).args;
        assert_eq!(a.addr.to_string(), "127.0.0.1:8080");
        assert!(a.write_token.is_none());
    }

    #[test]
    fn the_token_is_hidden_from_debug_output() {
        let a = Cli::parse_from(["serve", "--write-token", "hunter2-secret"]).args;
        let shown = format!("{a:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn a_bad_address_is_refused() {
        assert!(Cli::try_parse_from(["serve", "--addr", "localhost"]).is_err());
    }
}
