//! Serves the store over HTTP: a JSON API and server-rendered pages that show who said what,
//! when.
//!
//! The server reads from top to bottom:
//!
//! - [`router`](crate::router()) lists every route: the JSON API (`/articles`, `/quotes`,
//!   `/entities`, `/events`, `POST /extract`, `POST /articles`, `/openapi.json`) and the pages
//!   under `/ui/` (article, person, timeline, search);
//! - `handlers/<resource>.rs` hold the JSON handlers (`index`, `get`, `post`), `pages/` the
//!   HTML ones; both ask `db.rs` for rows;
//! - [`AppState`] is all shared state: the database (a small pool of read-only connections and
//!   one writer), the pipeline for `POST /extract` and the [`Settings`];
//! - write endpoints take a `WriteToken` extractor, so the protection shows in their
//!   signature; without `--write-token` they answer 403;
//! - every error is an `ApiError`: `{"error": "..."}` with a status code, the cause written
//!   to the log (standard error), never sent to the client.
//!
//! [`run`] serves on a listener the caller bound, until `shutdown` completes, so tests bind
//! port 0 and stop the server cleanly.
//!
//! **Why blocking SQLite is fine here.** rusqlite is blocking, so no handler touches a
//! connection on the async threads: each query runs in [`tokio::task::spawn_blocking`] with a
//! read-only connection taken from a small pool (opened on demand, returned after use). SQLite
//! in WAL mode lets any number of readers run beside the one writer, so readers never wait for
//! each other behind a single `Mutex<Store>`, and a connection keeps its prepared statements
//! between requests. The writer (`POST /articles`) is one [`dateline_store::Store`] behind a
//! `Mutex`, as SQLite allows one writer at a time anyway.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dateline_serve::Error> {
//! use dateline_serve::{AppState, Settings};
//! let state = AppState::open(Settings::new("dateline.db".into()), None)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! dateline_serve::run(listener, state, std::future::pending()).await?;
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

mod db;
mod error;
mod handlers;
mod pages;
mod router;
mod state;

pub use error::Error;
pub use router::router;
pub use state::{AppState, Settings, WriteToken};

use std::future::Future;

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Serves `state` on `listener` until `shutdown` completes; requests in flight then finish.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
