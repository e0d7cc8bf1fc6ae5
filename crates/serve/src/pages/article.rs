//! `/ui/articles/{id}`: the text with quotations, speakers, cues, entities and time
//! expressions highlighted, then the same layers as tables.

use super::highlight::{highlight, open_tag, Mark};
use super::{entity_href, page, PageError};
use crate::db::{self, Article};
use crate::error::ApiError;
use crate::handlers::Path;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use maud::{html, Markup, PreEscaped};

/// `GET /ui/articles/{id}`.
pub async fn get(
    State(state): State<AppState>,
    path: Result<Path<i64>, ApiError>,
) -> Result<Response, PageError> {
    let Path(id) = path?;
    let a = state
        .read(move |c| db::article(c, id))
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!("There is no article {id} in this database."))
        })?;
    let title = a.title.clone().unwrap_or_else(|| a.doc_id.clone());
    Ok(page(&title, render(&a)))
}

fn entity_line(e: &db::Entity) -> String {
    let mut s = format!("{} ({})", e.name, e.kind);
    if !e.titles.is_empty() {
        s.push_str(&format!(", {}", e.titles.join(", ")));
    }
    if let Some(c) = &e.country {
        s.push_str(&format!(", {c}"));
    }
    s
}

fn span_text(text: &[char], s: [i64; 2]) -> String {
    let a = (s[0].max(0) as usize).min(text.len());
    let b = (s[1].max(0) as usize).clamp(a, text.len());
    text[a..b].iter().collect()
}

/// The marks of every layer over the text.
fn marks(a: &Article) -> Vec<Mark> {
    let ent = |i: Option<i64>| i.and_then(|i| a.entities.iter().find(|e| e.idx == i));
    let at = |s: [i64; 2]| (s[0].max(0) as usize, s[1].max(0) as usize);
    let mut marks = Vec::new();
    for q in &a.quotes {
        let speaker = ent(q.speaker_entity);
        let who = q.speaker_name.clone().unwrap_or_else(|| "unknown".into());
        let mut info = format!("{} quotation; speaker: {who}", q.kind);
        if let Some(e) = speaker {
            info.push_str(&format!(" [entity: {}]", entity_line(e)));
        }
        if let Some(v) = &q.via {
            info.push_str(&format!(
                "; via {} ({})",
                v.name,
                v.relation.as_deref().unwrap_or("?")
            ));
        }
        let via = q.via.as_ref().map(|v| v.name.as_str()).unwrap_or("");
        let (s, e) = at(q.content);
        marks.push(Mark {
            start: s,
            end: e,
            rank: 0,
            open: open_tag(
                &format!("quote q-{}", q.kind),
                &[
                    ("quote", &q.idx.to_string()),
                    ("kind", &q.kind),
                    ("speaker", &who),
                    (
                        "speaker-entity",
                        speaker.map(|e| e.name.as_str()).unwrap_or(""),
                    ),
                    ("via", via),
                    ("info", &info),
                ],
                &info,
            ),
        });
        if let Some(sp) = q.speaker {
            let (s, e) = at(sp);
            let info = format!("speaker of quotation {}: {who}", q.idx + 1);
            marks.push(Mark {
                start: s,
                end: e,
                rank: 1,
                open: open_tag(
                    "speaker",
                    &[
                        ("quote", &q.idx.to_string()),
                        ("speaker", &who),
                        ("info", &info),
                    ],
                    &info,
                ),
            });
        }
        if let Some(c) = q.cue {
            let (s, e) = at(c);
            let info = format!("cue of quotation {} ({} said by {who})", q.idx + 1, q.kind);
            marks.push(Mark {
                start: s,
                end: e,
                rank: 1,
                open: open_tag(
                    "cue",
                    &[("quote", &q.idx.to_string()), ("info", &info)],
                    &info,
                ),
            });
        }
    }
    for m in &a.mentions {
        let e = ent(m.entity);
        let info = match e {
            Some(e) => format!("{} mention ({}) of {}", m.kind, m.form, entity_line(e)),
            None => format!("{} mention ({})", m.kind, m.form),
        };
        let (s, end) = at(m.span);
        marks.push(Mark {
            start: s,
            end,
            rank: 2,
            open: open_tag(
                &format!("ent {}", m.kind),
                &[
                    ("entity", e.map(|e| e.name.as_str()).unwrap_or("")),
                    ("type", &m.kind),
                    ("info", &info),
                ],
                &info,
            ),
        });
    }
    for t in &a.timexes {
        let mut info = format!("{} = {}", t.kind, t.value);
        if let Some(m) = &t.modifier {
            info.push_str(&format!(" ({m})"));
        }
        let (s, e) = at(t.span);
        marks.push(Mark {
            start: s,
            end: e,
            rank: 3,
            open: open_tag(
                "timex",
                &[("value", &t.value), ("type", &t.kind), ("info", &info)],
                &info,
            ),
        });
    }
    marks
}

fn render(a: &Article) -> Markup {
    let chars: Vec<char> = a.text.chars().collect();
    let text_html = highlight(&a.text, marks(a));
    let ent = |i: Option<i64>| i.and_then(|i| a.entities.iter().find(|e| e.idx == i));
    let mention_count = |idx: i64| a.mentions.iter().filter(|m| m.entity == Some(idx)).count();
    html! {
        h1 { (a.title.as_deref().unwrap_or(&a.doc_id)) }
        p.meta {
            @if let Some(p) = &a.published { (p) " · " }
            @if let Some(s) = &a.source { (s) " · " }
            @if let Some(b) = &a.byline { "by " (b) " · " }
            "id " code { (a.doc_id) }
            @if let Some(u) = &a.url { " · " a href=(u) rel="noopener" { "original" } }
            " · " a href={ "/articles/" (a.id) } { "JSON" }
        }
        p.legend.meta {
            span.quote { "quotation" } span.speaker { "speaker" } span.cue { "cue" }
            span.ent.PER { "person" } span.ent.ORG { "organization" } span.ent.GPE { "place" }
            span.timex { "time" }
            "hover or click a highlight for its details"
        }
        div #info { "Click a highlight to see its value, speaker and channel." }
        div.text #text { (PreEscaped(text_html)) }

        h2 { "Quotations" }
        @if a.quotes.is_empty() {
            p.empty { "No quotations stored for this article (they appear once the quotes stage runs at ingest)." }
        } @else {
            table #quotes {
                tr { th { "#" } th { "speaker" } th { "kind" } th { "cue" } th { "channel" } th { "quotation" } }
                @for q in &a.quotes {
                    tr {
                        td { (q.idx + 1) }
                        td {
                            @if let Some(e) = ent(q.speaker_entity) {
                                a href=(entity_href(&e.name, &e.kind)) { (e.name) }
                                @if let Some(n) = &q.speaker_name { @if n != &e.name { br; span.meta { "as " (n) } } }
                            } @else {
                                (q.speaker_name.as_deref().unwrap_or("?"))
                            }
                        }
                        td { (q.kind) }
                        td { @if let Some(c) = q.cue { (span_text(&chars, c)) } }
                        td { @if let Some(v) = &q.via { (v.name) " " span.tag { (v.relation.as_deref().unwrap_or("")) } } }
                        td { (q.text) }
                    }
                }
            }
        }

        h2 { "Entities" }
        @if a.entities.is_empty() {
            p.empty { "No entities stored for this article." }
        } @else {
            table #entities {
                tr { th { "name" } th { "type" } th { "titles" } th { "country" } th { "mentions" } }
                @for e in &a.entities {
                    tr {
                        td { a href=(entity_href(&e.name, &e.kind)) { (e.name) } }
                        td { (e.kind) }
                        td { (e.titles.join("; ")) }
                        td { (e.country.as_deref().unwrap_or("")) }
                        td { (mention_count(e.idx)) }
                    }
                }
            }
        }

        h2 { "Time expressions" }
        @if a.timexes.is_empty() {
            p.empty { "No time expressions stored for this article." }
        } @else {
            table #timexes {
                tr { th { "text" } th { "type" } th { "value" } }
                @for t in &a.timexes {
                    tr { td { (t.text) } td { (t.kind) } td { code { (t.value) } } }
                }
            }
        }

        @if !a.events.is_empty() {
            h2 { "Events" }
            table #events {
                tr { th { "source" } th { "CAMEO" } th { "target" } th { "Goldstein" } th { "date" } th { "text" } }
                @for v in &a.events {
                    tr {
                        td { (v.source.code.as_deref().unwrap_or("")) }
                        td { (v.cameo) " " (v.plover.as_deref().unwrap_or("")) }
                        td { (v.target.code.as_deref().unwrap_or("")) }
                        td { @if let Some(g) = v.goldstein { (format!("{g:+.1}")) } }
                        td { (v.date.as_deref().unwrap_or("")) }
                        td { (v.text) }
                    }
                }
            }
        }
    }
}
