//! `/` and `/ui/search`: the start page, and search over articles and quotations.

use super::{entity_href, page, PageError};
use crate::db::{self, ArticleFilter, Page, QuoteFilter};
use crate::error::ApiError;
use crate::handlers::{nonempty, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use maud::html;
use serde::Deserialize;

/// `GET /`: what the database holds, the latest articles, the most quoted people.
pub async fn home(State(state): State<AppState>) -> Result<Response, PageError> {
    let (counts, recent, people) = state
        .read(|c| {
            let page = Page {
                limit: 20,
                offset: 0,
            };
            Ok((
                db::counts(c)?,
                db::articles(c, &ArticleFilter::default(), page)?,
                db::entities(c, Some("PER"), None, page)?,
            ))
        })
        .await?;
    let body = html! {
        h1 { "Who said what, when" }
        p.meta {
            @for (i, (t, n)) in counts.iter().enumerate() { @if i > 0 { " · " } (n) " " (t) }
        }
        form action="/ui/search" method="get" {
            input type="search" name="q" size="40" placeholder="search articles and quotations";
            " " button { "Search" }
        }
        h2 { "Latest articles" }
        @if recent.items.is_empty() {
            p.empty { "The database is empty: fill it with " code { "dateline ingest --db FILE" } "." }
        }
        ul #articles {
            @for a in &recent.items {
                li { a href={ "/ui/articles/" (a.id) } { (a.title.as_deref().unwrap_or(&a.doc_id)) } " " span.meta { (a.published.as_deref().unwrap_or("")) } }
            }
        }
        h2 { "People" }
        ul #people {
            @for p in &people.items {
                li { a href=(entity_href(&p.name, &p.kind)) { (p.name) } " " span.meta { (p.articles) " articles, " (p.quotes) " quotations" } }
            }
        }
    };
    Ok(page("dateline", body))
}

/// Parameters of the search page.
#[derive(Debug, Deserialize)]
pub struct Params {
    q: Option<String>,
}

/// `GET /ui/search?q=`: matching articles (best first) and quotations (newest first).
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<Params>, ApiError>,
) -> Result<Response, PageError> {
    let Query(p) = query?;
    let q = nonempty(p.q);
    let results = match q.clone() {
        Some(q) => Some(
            state
                .read(move |c| {
                    let page = Page {
                        limit: 50,
                        offset: 0,
                    };
                    let articles = db::articles(
                        c,
                        &ArticleFilter {
                            q: Some(q.clone()),
                            ..ArticleFilter::default()
                        },
                        page,
                    )?;
                    let quotes = db::quotes(
                        c,
                        &QuoteFilter {
                            q: Some(q),
                            ..QuoteFilter::default()
                        },
                        page,
                    )?;
                    Ok((articles, quotes))
                })
                .await?,
        ),
        None => None,
    };
    let body = html! {
        h1 { "Search" }
        form action="/ui/search" method="get" {
            input type="search" name="q" size="40" value=(q.as_deref().unwrap_or(""));
            " " button { "Search" }
            p.meta { "Words, \"a phrase\", prefix*, AND, OR, NOT." }
        }
        @if let Some((articles, quotes)) = &results {
            h2 { "Articles" }
            @if articles.items.is_empty() { p.empty { "No article matches." } }
            ul #article-hits {
                @for a in &articles.items {
                    li {
                        a href={ "/ui/articles/" (a.id) } { (a.title.as_deref().unwrap_or(&a.doc_id)) }
                        " " span.meta { (a.published.as_deref().unwrap_or("")) }
                        br; span.meta { (a.snippet.as_deref().unwrap_or("")) }
                    }
                }
            }
            h2 { "Quotations" }
            @if quotes.items.is_empty() { p.empty { "No quotation matches." } }
            ul #quote-hits {
                @for h in &quotes.items {
                    li {
                        "“" (h.text) "” — "
                        @if let Some(n) = &h.speaker_entity { a href=(entity_href(n, "PER")) { (n) } }
                        @else { (h.speaker_name.as_deref().unwrap_or("?")) }
                        " " span.meta { (h.published.as_deref().unwrap_or("")) " · " }
                        a href={ "/ui/articles/" (h.article) } { "article" }
                    }
                }
            }
        }
    };
    Ok(page("search", body))
}
