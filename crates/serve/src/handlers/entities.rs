//! `/entities`: entities with counts, and one with its quotations and company.

use super::{nonempty, Path, Query};
use crate::db::{self, Page};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

/// Parameters of `GET /entities`.
#[derive(Debug, Deserialize)]
pub struct IndexParams {
    #[serde(rename = "type")]
    kind: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /entities`: by name and type, most articles first.
pub async fn index(
    State(state): State<AppState>,
    Query(p): Query<IndexParams>,
) -> Result<Json<db::List<db::EntityCount>>, ApiError> {
    let page = Page::new(p.limit, p.offset, 50)?;
    let kind = nonempty(p.kind).map(|k| k.to_uppercase());
    let q = nonempty(p.q);
    let list = state
        .read(move |c| db::entities(c, kind.as_deref(), q.as_deref(), page))
        .await?;
    Ok(Json(list))
}

/// Parameters of `GET /entities/{name}`.
#[derive(Debug, Deserialize)]
pub struct GetParams {
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// `GET /entities/{name}`: titles, country, quotations (oldest first), whom it speaks about
/// and whom it appears with.
pub async fn get(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(p): Query<GetParams>,
) -> Result<Json<db::EntityDetail>, ApiError> {
    let kind = nonempty(p.kind).map(|k| k.to_uppercase());
    let n = name.clone();
    match state
        .read(move |c| db::entity(c, &n, kind.as_deref()))
        .await?
    {
        Some(e) => Ok(Json(e)),
        None => Err(ApiError::not_found(format!("no entity named '{name}'"))),
    }
}
