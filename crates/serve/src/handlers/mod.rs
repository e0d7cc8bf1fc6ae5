//! The JSON API, one file per resource, each with `index` (a list), `get` (one) and `post`.

pub mod articles;
pub mod entities;
pub mod events;
pub mod extract;
pub mod quotes;

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use dateline::read::{self, Format};
use dateline::Document;
use serde::de::DeserializeOwned;

/// `Query<T>` whose rejection is an [`ApiError`] (JSON with the reason), not plain text.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// `Path<T>` whose rejection is an [`ApiError`].
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// Checks a `since`/`until` parameter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn date_param(name: &str, v: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = v.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if ok {
        Ok(Some(v))
    } else {
        Err(ApiError::bad_request(format!(
            "{name}='{v}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

/// An empty parameter means "not given".
pub fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The articles in a request body: JSON (one `dateline/1`-style input record, or JSON Lines
/// with several) when the content type says JSON, otherwise the body is the text of one
/// article. `published` and `id` from the query apply to a plain-text body.
pub fn documents(
    headers: &HeaderMap,
    body: &[u8],
    id: Option<String>,
    published: Option<String>,
) -> Result<Vec<Document>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "the body is empty: post the article text, or a JSON record {\"text\": ...}",
        ));
    }
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ctype.contains("json") {
        let items = read::open_bytes("request body", body.to_vec(), Format::Jsonl)
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
        let docs = items
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
        if docs.is_empty() {
            return Err(ApiError::bad_request("the body holds no JSON record"));
        }
        return Ok(docs);
    }
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::bad_request("the body is not UTF-8 text"))?;
    let mut doc = Document::new(id.as_deref().unwrap_or("request"), text);
    doc.meta.published = published;
    Ok(vec![doc])
}

/// A static JSON file, such as the OpenAPI description.
pub fn json_file(body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    json_file(include_str!("../openapi.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            date_param("since", Some("2025-03".into())).unwrap(),
            Some("2025-03".into())
        );
        assert_eq!(date_param("since", Some(String::new())).unwrap(), None);
        for bad in ["2025-3", "yesterday", "2025-03-08T10", "２０２５"] {
            let e = date_param("since", Some(bad.into())).unwrap_err();
            assert_eq!(e.code(), 400, "{bad}");
        }
    }
}
