//! Errors: [`Error`] for setting the server up, [`ApiError`] for one request.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Errors that keep the server from starting or serving.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] dateline_store::Error),
    /// A read-only connection to the database could not be opened.
    #[error("{path}: {source} (is it a dateline database? create one with `dateline ingest --db {path}`)")]
    Sqlite {
        /// The database file.
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// Binding or serving failed.
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// What a request gets when it fails: `{"error": "..."}` with a status code. The cause (an
/// SQLite error, a panic in a blocking task) goes to the log, never to the client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// 400: the request is malformed; `message` says how to fix it.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404: no such thing.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// Any status with a message.
    pub fn status(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 500: logs `cause`, tells the client only that it failed.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        eprintln!("dateline serve: internal error: {cause}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error (see the server log)".into(),
        }
    }

    /// The status code.
    pub fn code(&self) -> StatusCode {
        self.status
    }

    /// The message sent to the client.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::internal(e)
    }
}

impl ApiError {
    /// An error of a statement with a full-text `MATCH`: SQLite's generic error there is the
    /// query's fault (unbalanced quotes, a stray `:`), so 400; anything else stays 500.
    pub fn from_match(query: &str, e: rusqlite::Error) -> ApiError {
        let generic = matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::Unknown);
        if generic || e.to_string().contains("fts5") {
            return ApiError::bad_request(format!(
                "bad search query '{query}': {e} (use words, \"a phrase\", prefix*, AND, OR, NOT)"
            ));
        }
        ApiError::internal(e)
    }
}

impl From<dateline_store::Error> for ApiError {
    fn from(e: dateline_store::Error) -> ApiError {
        match e {
            dateline_store::Error::Query { .. } => ApiError::bad_request(e.to_string()),
            e => ApiError::internal(e),
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}
