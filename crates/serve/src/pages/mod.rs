//! Server-rendered pages under `/ui/`: an article with its layers highlighted, a person, a
//! timeline of events between two actors, and search. Plain HTML with one small script that
//! shows a highlight's details on click; no front-end build.

pub mod article;
mod highlight;
pub mod person;
pub mod search;
pub mod timeline;

use crate::error::ApiError;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = r#"
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header.top{background:#1f2d3d;color:#fff;padding:.5em 1.2em;display:flex;gap:1.2em;align-items:center}
header.top a{color:#fff;text-decoration:none}
header.top form{margin-left:auto}
main{max-width:60em;margin:0 auto;padding:1em 1.2em 3em}
h1{font-size:1.6em;margin:.4em 0}
.meta{color:#666;font-size:.9em}
.text{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:1em 1.2em;line-height:1.8}
.quote{background:#fff3c4;border-bottom:2px solid #e0b000}
.speaker{background:#cde8ff;font-weight:600}
.cue{text-decoration:underline wavy #c0392b;text-underline-offset:3px}
.ent{border-bottom:2px solid #888;padding:0 1px}
.ent.PER{border-color:#2471a3}.ent.ORG{border-color:#7d3c98}.ent.GPE,.ent.LOC{border-color:#1e8449}
.timex{background:#d5f5e3;border-radius:3px}
.text [tabindex]:hover,.text [tabindex]:focus{outline:1px solid #555;cursor:pointer}
.legend span{margin-right:.8em;padding:0 .3em}
#info{position:sticky;top:0;background:#1f2d3d;color:#fff;padding:.4em .8em;min-height:1.5em;font-size:.9em;border-radius:0 0 4px 4px}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em;background:#fff}
td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.92em}
th{background:#f0f0f0}
.empty{color:#777;font-style:italic}
.tag{font-size:.75em;background:#eee;border-radius:3px;padding:0 .4em;color:#444}
"#;

/// Shows the details of the clicked highlight in the `#info` bar (hovering shows them too, as
/// a tooltip from the `title` attribute).
const SCRIPT: &str = r#"
document.addEventListener('click', function (e) {
  var el = e.target.closest('[data-info]');
  var bar = document.getElementById('info');
  if (el && bar) { bar.textContent = el.getAttribute('data-info'); }
});
"#;

/// A whole page: the bar with links and a search box, then `body`.
pub fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · dateline" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    a href="/" { b { "dateline" } }
                    a href="/ui/search" { "search" }
                    a href="/ui/timeline" { "timeline" }
                    a href="/openapi.json" { "API" }
                    form action="/ui/search" method="get" {
                        input type="search" name="q" placeholder="articles and quotations";
                    }
                }
                main { (body) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

/// A page as a response.
pub fn page(title: &str, body: Markup) -> Response {
    Html(layout(title, body).into_string()).into_response()
}

/// An error as a page with its status, for the HTML routes.
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status: StatusCode = self.0.code();
        let body = html! {
            h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) }
            p { (self.0.message()) }
            p { a href="/" { "Back to the start page" } }
        };
        (status, Html(layout("error", body).into_string())).into_response()
    }
}

/// The link to a person's (or any entity's) page.
pub fn entity_href(name: &str, kind: &str) -> String {
    format!("/ui/people/{}?type={}", encode(name), encode(kind))
}

/// Percent-encodes a path segment or query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
