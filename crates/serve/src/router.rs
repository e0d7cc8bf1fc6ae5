//! Every route, in one place.

use crate::error::ApiError;
use crate::handlers::{self, articles, entities, events, extract, quotes};
use crate::pages;
use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

/// The application: the JSON API, the pages under `/ui/`, a JSON 404 for anything else, and a
/// limit on request bodies (413 beyond `Settings::max_body`).
pub fn router(state: AppState) -> Router {
    let max_body = state.settings().max_body;
    Router::new()
        // JSON API (described in /openapi.json)
        .route("/openapi.json", get(handlers::openapi))
        .route("/articles", get(articles::index).post(articles::post))
        .route("/articles/{id}", get(articles::get))
        .route("/quotes", get(quotes::index))
        .route("/entities", get(entities::index))
        .route("/entities/{name}", get(entities::get))
        .route("/events", get(events::index))
        .route("/extract", post(extract::post))
        // Pages
        .route("/", get(pages::search::home))
        .route("/ui/search", get(pages::search::search))
        .route("/ui/articles/{id}", get(pages::article::get))
        .route("/ui/people/{name}", get(pages::person::get))
        .route("/ui/timeline", get(pages::timeline::get))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(max_body))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route: see /openapi.json for the API, / for the pages")
}

async fn method_not_allowed() -> ApiError {
    ApiError::status(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this route: see /openapi.json",
    )
}
