//! `/articles`: list and search, one with every layer, and storing new ones.

use super::{date_param, documents, nonempty, Path, Query};
use crate::db::{self, ArticleFilter, Page};
use crate::error::ApiError;
use crate::state::{AppState, WriteToken};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use dateline_store::{Extra, Stored};
use serde::Deserialize;

/// Parameters of `GET /articles`.
#[derive(Debug, Deserialize)]
pub struct IndexParams {
    q: Option<String>,
    source: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /articles`: newest first, or best match first with `q`.
pub async fn index(
    State(state): State<AppState>,
    Query(p): Query<IndexParams>,
) -> Result<Json<db::List<db::ArticleSummary>>, ApiError> {
    let page = Page::new(p.limit, p.offset, 50)?;
    let filter = ArticleFilter {
        q: nonempty(p.q),
        source: nonempty(p.source),
        since: date_param("since", p.since)?,
        until: date_param("until", p.until)?,
    };
    let list = state.read(move |c| db::articles(c, &filter, page)).await?;
    Ok(Json(list))
}

/// `GET /articles/{id}`: the article with every stored layer.
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<db::Article>, ApiError> {
    match state.read(move |c| db::article(c, id)).await? {
        Some(a) => Ok(Json(a)),
        None => Err(ApiError::not_found(format!("no article {id}"))),
    }
}

/// Parameters of `POST /articles` for a plain-text body.
#[derive(Debug, Deserialize)]
pub struct PostParams {
    id: Option<String>,
    published: Option<String>,
}

/// `POST /articles` (needs the write token): runs the pipeline over the posted article(s) and
/// stores them; 201 with the id of each, or of the copy already stored.
pub async fn post(
    _token: WriteToken,
    State(state): State<AppState>,
    Query(p): Query<PostParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let published = date_param("published", p.published)?;
    let mut docs = documents(&headers, &body, nonempty(p.id), published)?;
    let pipeline = state.pipeline()?;
    let docs = tokio::task::spawn_blocking(move || {
        for d in &mut docs {
            pipeline.run(d);
        }
        docs
    })
    .await?;
    let stored = state
        .write(move |store| {
            let mut out = Vec::new();
            for d in &docs {
                let (id, status) = match store.add(d, &Extra::from_document(d))? {
                    Stored::New(id) => (id, "new"),
                    Stored::Duplicate(id) => (id, "duplicate"),
                };
                out.push(serde_json::json!({"doc_id": d.id, "id": id, "status": status}));
            }
            Ok(out)
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "stored": stored })),
    ))
}
