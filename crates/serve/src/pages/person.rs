//! `/ui/people/{name}`: who this is, what they said in date order, whom they speak about.

use super::{entity_href, page, PageError};
use crate::db;
use crate::error::ApiError;
use crate::handlers::{nonempty, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use maud::html;
use serde::Deserialize;

/// Parameters of the person page.
#[derive(Debug, Deserialize)]
pub struct Params {
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// `GET /ui/people/{name}` (any entity type works; `?type=` picks one when names collide).
pub async fn get(
    State(state): State<AppState>,
    path: Result<Path<String>, ApiError>,
    query: Result<Query<Params>, ApiError>,
) -> Result<Response, PageError> {
    let (Path(name), Query(p)) = (path?, query?);
    let kind = nonempty(p.kind).map(|k| k.to_uppercase());
    let n = name.clone();
    let e = state
        .read(move |c| db::entity(c, &n, kind.as_deref()))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("No one named '{name}' in this database.")))?;
    let body = html! {
        h1 { (e.name) " " span.tag { (e.kind) } }
        p #who {
            @if e.titles.is_empty() { span.empty { "no title known" } } @else { (e.titles.join(", ")) }
            " · "
            @if let Some(c) = &e.country { "country " b #country { (c) } } @else { span.empty { "country unknown" } }
            " · in " (e.articles) " article" @if e.articles != 1 { "s" }
            " · " a href={ "/entities/" (super::encode(&e.name)) } { "JSON" }
        }
        h2 { "Quotations, oldest first" }
        @if e.quotes.is_empty() {
            p.empty { "No quotations by " (e.name) " stored yet (they appear once the quotes stage runs at ingest)." }
        } @else {
            table #quotes {
                tr { th { "date" } th { "quotation" } th { "kind" } th { "channel" } th { "article" } }
                @for q in &e.quotes {
                    tr {
                        td { (q.published.as_deref().unwrap_or("")) }
                        td.quote-text { "“" (q.text) "”" }
                        td { (q.kind) }
                        td { @if let Some(v) = &q.via { (v.name) " " span.tag { (v.relation.as_deref().unwrap_or("")) } } }
                        td { a href={ "/ui/articles/" (q.article) } { (q.title.as_deref().unwrap_or(&q.doc_id)) } }
                    }
                }
            }
        }
        h2 { "Speaks about" }
        @if e.speaks_about.is_empty() {
            p.empty { "No one named in their quotations." }
        } @else {
            ul #speaks-about {
                @for o in &e.speaks_about {
                    li { a href=(entity_href(&o.name, &o.kind)) { (o.name) } " " span.tag { (o.kind) } " × " (o.count) }
                }
            }
        }
        h2 { "Appears with" }
        @if e.co_mentioned.is_empty() {
            p.empty { "No other entities in their articles." }
        } @else {
            ul #co-mentioned {
                @for o in &e.co_mentioned {
                    li { a href=(entity_href(&o.name, &o.kind)) { (o.name) } " " span.tag { (o.kind) } " in " (o.count) " article" @if o.count != 1 { "s" } }
                }
            }
        }
    };
    Ok(page(&e.name, body))
}
