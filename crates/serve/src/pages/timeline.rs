//! `/ui/timeline?a=UKR&b=CHN`: events between two actors per month by quad class, with the
//! mean Goldstein score, as an SVG chart drawn here.

use super::{page, PageError};
use crate::db::{self, MonthCount};
use crate::error::ApiError;
use crate::handlers::{nonempty, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use std::fmt::Write;

/// Parameters of the timeline page.
#[derive(Debug, Deserialize)]
pub struct Params {
    a: Option<String>,
    b: Option<String>,
}

const QUADS: [(&str, &str); 4] = [
    ("verbal cooperation", "#5dade2"),
    ("material cooperation", "#1e8449"),
    ("verbal conflict", "#f5b041"),
    ("material conflict", "#c0392b"),
];

/// `GET /ui/timeline?a=&b=`.
pub async fn get(
    State(state): State<AppState>,
    query: Result<Query<Params>, ApiError>,
) -> Result<Response, PageError> {
    let Query(p) = query?;
    let code = |v: Option<String>| -> Result<Option<String>, ApiError> {
        match nonempty(v) {
            Some(c) if c.len() <= 12 && c.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Ok(Some(c.to_uppercase()))
            }
            Some(c) => Err(ApiError::bad_request(format!(
                "'{c}' is not an actor code: use letters and digits, such as UKR or CHNGOV"
            ))),
            None => Ok(None),
        }
    };
    let (a, b) = (code(p.a)?, code(p.b)?);
    let rows = match (a.clone(), b.clone()) {
        (Some(a), Some(b)) => Some(state.read(move |c| db::timeline(c, &a, &b)).await?),
        _ => None,
    };
    let body = html! {
        h1 { "Timeline" }
        form action="/ui/timeline" method="get" {
            "Events between "
            input name="a" size="8" placeholder="UKR" value=(a.as_deref().unwrap_or(""));
            " and "
            input name="b" size="8" placeholder="CHN" value=(b.as_deref().unwrap_or(""));
            " " button { "Show" }
            p.meta { "CAMEO actor codes; a code matches every code it begins (UKR matches UKRGOV)." }
        }
        @match &rows {
            None => p.empty { "Give two actor codes." },
            Some(rows) if rows.is_empty() => p.empty #no-events {
                "No events between " (a.as_deref().unwrap_or("")) " and " (b.as_deref().unwrap_or(""))
                " in this database. The events table fills once the events stage runs at ingest."
            },
            Some(rows) => {
                (chart(rows))
                table #months {
                    tr { th { "month" } th { "quad class" } th { "events" } th { "mean Goldstein" } }
                    @for r in rows {
                        tr {
                            td { (r.month) }
                            td { (QUADS[(r.quad - 1) as usize].0) }
                            td { (r.events) }
                            td { @if let Some(g) = r.goldstein { (format!("{g:+.1}")) } }
                        }
                    }
                }
            }
        }
    };
    Ok(page("timeline", body))
}

/// Months from the first to the last, none skipped.
fn months(rows: &[MonthCount]) -> Vec<String> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        Some((m.get(..4)?.parse().ok()?, m.get(5..7)?.parse().ok()?))
    };
    let mut ms: Vec<(i32, u32)> = rows.iter().filter_map(|r| parse(&r.month)).collect();
    ms.sort_unstable();
    let (Some(&first), Some(&last)) = (ms.first(), ms.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last && out.len() < 600 {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// Stacked bars of events per month by quad class, and a line of the mean Goldstein score
/// (right axis, -10 to +10).
fn chart(rows: &[MonthCount]) -> Markup {
    let months = months(rows);
    let (w, h, left, right, top, bottom) = (900.0, 320.0, 40.0, 40.0, 20.0, 60.0);
    let plot_h = h - top - bottom;
    let step = (w - left - right) / months.len().max(1) as f64;
    let total = |m: &str| {
        rows.iter()
            .filter(|r| r.month == m)
            .map(|r| r.events)
            .sum::<i64>()
    };
    let max = months.iter().map(|m| total(m)).max().unwrap_or(1).max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-size="11" font-family="sans-serif">"#
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#999"/>"##,
        top + plot_h,
        w - right,
        top + plot_h
    );
    let _ = write!(
        svg,
        r#"<text x="4" y="{}">{}</text><text x="4" y="{}">0</text>"#,
        top + 10.0,
        max as i64,
        top + plot_h
    );
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" fill="#555">+10</text><text x="{}" y="{}" fill="#555">-10</text>"##,
        w - right + 4.0,
        top + 10.0,
        w - right + 4.0,
        top + plot_h
    );
    let mut line = Vec::new();
    for (i, m) in months.iter().enumerate() {
        let x = left + i as f64 * step;
        let mut y = top + plot_h;
        let (mut gsum, mut gn) = (0.0, 0i64);
        for r in rows.iter().filter(|r| &r.month == m) {
            let bh = r.events as f64 / max * plot_h;
            y -= bh;
            let (name, color) = QUADS[(r.quad - 1) as usize];
            let _ = write!(
                svg,
                r#"<rect class="bar q{}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{color}"><title>{m}: {} {name}</title></rect>"#,
                r.quad,
                x + step * 0.15,
                y,
                step * 0.7,
                bh,
                r.events
            );
            if let Some(g) = r.goldstein {
                gsum += g * r.events as f64;
                gn += r.events;
            }
        }
        if gn > 0 {
            let g = gsum / gn as f64;
            line.push((
                x + step / 2.0,
                top + plot_h * (10.0 - g) / 20.0,
                g,
                m.clone(),
            ));
        }
        if months.len() <= 24 || i % (months.len() / 12).max(1) == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{}" transform="rotate(45 {:.1} {})">{m}</text>"#,
                x + 2.0,
                h - bottom + 14.0,
                x + 2.0,
                h - bottom + 14.0
            );
        }
    }
    if !line.is_empty() {
        let pts: Vec<String> = line
            .iter()
            .map(|(x, y, _, _)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#222" stroke-width="2"/>"##,
            pts.join(" ")
        );
        for (x, y, g, m) in &line {
            let _ = write!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="#222"><title>{m}: mean Goldstein {g:+.1}</title></circle>"##
            );
        }
    }
    svg.push_str("</svg>");
    html! {
        p.legend.meta {
            @for (name, color) in QUADS { span style={ "border-left:1em solid " (color) } { (name) } }
            span style="border-left:1em solid #222" { "mean Goldstein (right axis)" }
        }
        (PreEscaped(svg))
    }
}
