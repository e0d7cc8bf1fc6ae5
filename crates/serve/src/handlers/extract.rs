//! `POST /extract`: runs the pipeline over posted articles and answers `dateline/1` records,
//! storing nothing.

use super::{date_param, documents, nonempty, Query};
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use dateline::{Layer, OutputOptions};
use serde::Deserialize;

/// Parameters of `POST /extract`.
#[derive(Debug, Deserialize)]
pub struct PostParams {
    /// Layers to write, comma-separated (default: every layer past `deps`).
    layers: Option<String>,
    /// Include the text in each record.
    text: Option<bool>,
    /// Id and publication date of a plain-text body.
    id: Option<String>,
    published: Option<String>,
}

/// `POST /extract`: one record for one article (`application/json`), one line per article
/// when several were posted (`application/x-ndjson`).
pub async fn post(
    State(state): State<AppState>,
    Query(p): Query<PostParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let pipeline = state.pipeline()?;
    let layers: Vec<Layer> = match nonempty(p.layers) {
        Some(s) => s
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(Layer::parse)
            .collect::<Result<_, _>>()
            .map_err(ApiError::bad_request)?,
        None => pipeline
            .layers()
            .iter()
            .copied()
            .filter(|l| {
                !matches!(
                    l,
                    Layer::Tokens | Layer::Sentences | Layer::Pos | Layer::Deps
                )
            })
            .collect(),
    };
    if let Some(missing) = layers.iter().find(|l| !pipeline.layers().contains(l)) {
        return Err(ApiError::bad_request(format!(
            "this server's pipeline does not produce the layer '{}'",
            missing.name()
        )));
    }
    let published = date_param("published", p.published)?;
    let mut docs = documents(&headers, &body, nonempty(p.id), published)?;
    let opts = OutputOptions {
        layers,
        text: p.text.unwrap_or(false),
    };
    let out = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        for d in &mut docs {
            pipeline.run(d);
            dateline::write_json(d, &opts, &mut out)?;
        }
        Ok::<_, std::io::Error>((out, docs.len()))
    })
    .await?;
    let (mut out, n) = out.map_err(ApiError::internal)?;
    let ctype = if n == 1 {
        if out.last() == Some(&b'\n') {
            out.pop();
        }
        "application/json"
    } else {
        "application/x-ndjson"
    };
    Ok(([(header::CONTENT_TYPE, ctype)], out).into_response())
}
