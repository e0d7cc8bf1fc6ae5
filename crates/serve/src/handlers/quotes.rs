//! `/quotes`: quotations filtered by speaker, text, date range and source.

use super::{date_param, nonempty, Query};
use crate::db::{self, Page, QuoteFilter};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

/// Parameters of `GET /quotes`.
#[derive(Debug, Deserialize)]
pub struct IndexParams {
    speaker: Option<String>,
    q: Option<String>,
    since: Option<String>,
    until: Option<String>,
    source: Option<String>,
    via: Option<String>,
    order: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /quotes`: newest article first (`order=oldest` for the other way).
pub async fn index(
    State(state): State<AppState>,
    Query(p): Query<IndexParams>,
) -> Result<Json<db::List<db::QuoteHit>>, ApiError> {
    let page = Page::new(p.limit, p.offset, 50)?;
    let oldest_first = match p.order.as_deref() {
        None | Some("" | "newest") => false,
        Some("oldest") => true,
        Some(o) => {
            return Err(ApiError::bad_request(format!(
                "order='{o}': use newest or oldest"
            )))
        }
    };
    let filter = QuoteFilter {
        speaker: nonempty(p.speaker),
        q: nonempty(p.q),
        since: date_param("since", p.since)?,
        until: date_param("until", p.until)?,
        source: nonempty(p.source),
        via: nonempty(p.via),
        oldest_first,
    };
    Ok(Json(
        state.read(move |c| db::quotes(c, &filter, page)).await?,
    ))
}
