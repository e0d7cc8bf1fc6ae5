//! Tests of the real `dateline` binary, run in temporary directories (as ripgrep does).
//!
//! - `feature`: behaviour a user relies on;
//! - `regression`: one test per fixed bug, named after its issue;
//! - `accuracy`: floors on the dev sets, with the official scorers (needs ../shared/data);
//! - `serve`: the HTTP server, checked in headless Chromium;
//! - `store`: ingest into the database, query it, export it, survive a kill;
//! - `hay`: the invented articles every test shares.

mod accuracy;
mod feature;
mod hay;
mod regression;
mod serve;
mod store;
mod util;
