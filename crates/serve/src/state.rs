//! [`AppState`]: everything the handlers share, and the [`WriteToken`] extractor.

use crate::error::ApiError;
use crate::{Error, Result};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use dateline::Pipeline;
use dateline_store::Store;
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Largest request body by default (1 MiB): a long article is 50 KB.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;

/// Read-only connections kept open between requests; more are opened under load and closed
/// when returned to a full pool.
const POOL_SIZE: usize = 8;

/// How the server runs.
#[derive(Clone)]
pub struct Settings {
    /// The database file (created if missing).
    pub db: PathBuf,
    /// With a token, `POST /articles` stores articles for requests that carry
    /// `Authorization: Bearer TOKEN`; without one, writing is off.
    pub write_token: Option<String>,
    /// Largest accepted request body, in bytes.
    pub max_body: usize,
}

impl Settings {
    /// Read-only settings for `db`, with the default body limit.
    pub fn new(db: PathBuf) -> Settings {
        Settings {
            db,
            write_token: None,
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

// The token never shows in Debug output (nor anywhere in logs).
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("db", &self.db)
            .field(
                "write_token",
                &self.write_token.as_ref().map(|_| "<hidden>"),
            )
            .field("max_body", &self.max_body)
            .finish()
    }
}

/// All shared state: the database, the pipeline and the settings. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    settings: Settings,
    readers: Mutex<Vec<Connection>>,
    writer: Option<Mutex<Store>>,
    pipeline: Option<Arc<Pipeline>>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("settings", &self.settings)
            .field("pipeline", &self.pipeline.is_some())
            .finish()
    }
}

impl AppState {
    /// Opens (creating or migrating) the database in `settings.db` and checks that it can be
    /// read. `pipeline` serves `POST /extract` and `POST /articles`; without one they answer
    /// 503.
    pub fn open(settings: Settings, pipeline: Option<Pipeline>) -> Result<AppState> {
        let store = Store::open(&settings.db)?;
        let first = open_reader(&settings.db)?;
        let writer = settings.write_token.is_some().then(|| Mutex::new(store));
        Ok(AppState {
            inner: Arc::new(Inner {
                settings,
                readers: Mutex::new(vec![first]),
                writer,
                pipeline: pipeline.map(Arc::new),
            }),
        })
    }

    /// The settings the server runs with.
    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// Runs `f` with a read-only connection on the blocking thread pool.
    pub(crate) async fn read<T, F>(&self, f: F) -> std::result::Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> std::result::Result<T, ApiError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = inner.readers.lock().ok().and_then(|mut v| v.pop());
            let conn = match pooled {
                Some(c) => c,
                None => open_reader(&inner.settings.db).map_err(ApiError::internal)?,
            };
            let out = f(&conn);
            if let Ok(mut v) = inner.readers.lock() {
                if v.len() < POOL_SIZE {
                    v.push(conn);
                }
            }
            out
        })
        .await?
    }

    /// Runs `f` with the writing store on the blocking thread pool; 403 when writing is off.
    pub(crate) async fn write<T, F>(&self, f: F) -> std::result::Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> std::result::Result<T, ApiError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let Some(writer) = inner.writer.as_ref() else {
                return Err(writes_off());
            };
            let mut store = writer
                .lock()
                .map_err(|_| ApiError::internal("the store's lock was poisoned"))?;
            f(&mut store)
        })
        .await?
    }

    /// The pipeline, or 503 when the server runs without one.
    pub(crate) fn pipeline(&self) -> std::result::Result<Arc<Pipeline>, ApiError> {
        self.inner.pipeline.clone().ok_or_else(|| {
            ApiError::status(
                StatusCode::SERVICE_UNAVAILABLE,
                "this server runs without the pipeline",
            )
        })
    }
}

fn writes_off() -> ApiError {
    ApiError::status(
        StatusCode::FORBIDDEN,
        "writing is off: start the server with --write-token TOKEN to allow POST /articles",
    )
}

fn open_reader(path: &std::path::Path) -> Result<Connection> {
    let name = path.display().to_string();
    let err = |source| Error::Sqlite {
        path: name.clone(),
        source,
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    conn.execute_batch("PRAGMA busy_timeout=5000; PRAGMA query_only=ON;")
        .map_err(err)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Proof that a request carried the write token (`Authorization: Bearer TOKEN`). A handler
/// that takes it can only run for such requests: without `--write-token` every request gets
/// 403, with a missing or wrong token 401.
#[derive(Clone, Copy)]
pub struct WriteToken(());

impl std::fmt::Debug for WriteToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WriteToken(<checked>)")
    }
}

impl FromRequestParts<AppState> for WriteToken {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> std::result::Result<WriteToken, ApiError> {
        let Some(expected) = state.settings().write_token.as_deref() else {
            return Err(writes_off());
        };
        let given = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match given {
            Some(t) if same(t.as_bytes(), expected.as_bytes()) => Ok(WriteToken(())),
            _ => Err(ApiError::status(
                StatusCode::UNAUTHORIZED,
                "this endpoint needs the header 'Authorization: Bearer TOKEN' with the server's write token",
            )),
        }
    }
}

/// Compares in time that depends only on the lengths, not on where the bytes differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let mut s = Settings::new("x.db".into());
        s.write_token = Some("s3cret-token".into());
        let shown = format!("{s:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("<hidden>"), "{shown}");
    }

    #[test]
    fn tokens_compare_by_value() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
    }
}
