//! `/events`: coded events filtered by actor codes, CAMEO root and date range.

use super::{date_param, nonempty, Query};
use crate::db::{self, EventFilter, Page};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

/// Parameters of `GET /events`.
#[derive(Debug, Deserialize)]
pub struct IndexParams {
    actor: Option<String>,
    source: Option<String>,
    target: Option<String>,
    cameo: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /events`: oldest first. Empty until the events stage fills the table.
pub async fn index(
    State(state): State<AppState>,
    Query(p): Query<IndexParams>,
) -> Result<Json<db::List<db::EventHit>>, ApiError> {
    let page = Page::new(p.limit, p.offset, 100)?;
    let cameo = nonempty(p.cameo);
    if let Some(c) = &cameo {
        if c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::bad_request(format!(
                "cameo='{c}': give a CAMEO code or its root, digits only (\"02\", \"026\")"
            )));
        }
    }
    let code = |v: Option<String>| nonempty(v).map(|s| s.to_uppercase());
    let filter = EventFilter {
        actor: code(p.actor),
        source: code(p.source),
        target: code(p.target),
        cameo,
        since: date_param("since", p.since)?,
        until: date_param("until", p.until)?,
    };
    Ok(Json(
        state.read(move |c| db::events(c, &filter, page)).await?,
    ))
}
