//! The rows the API and the pages show, read from the store's tables with read-only
//! connections (see the crate doc for why). The tables are the store's: `articles` and one
//! table per layer keyed by `(article, idx)`, spans in code points.

use crate::error::ApiError;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

type Result<T> = std::result::Result<T, ApiError>;

/// One page of a list: at most `limit` rows from `offset`.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

impl Page {
    /// Largest page a request may ask for.
    pub const MAX: usize = 500;

    pub fn new(limit: Option<usize>, offset: Option<usize>, default: usize) -> Result<Page> {
        let limit = limit.unwrap_or(default);
        if limit == 0 || limit > Page::MAX {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {}",
                Page::MAX
            )));
        }
        Ok(Page {
            limit,
            offset: offset.unwrap_or(0),
        })
    }

    /// `limit + 1` for SQL: one more row than shown tells whether there is a next page.
    fn sql_limit(self) -> i64 {
        self.limit as i64 + 1
    }

    fn sql_offset(self) -> i64 {
        self.offset.min(i64::MAX as usize) as i64
    }
}

/// A page of results, with the offset of the next page (`null` on the last).
#[derive(Debug, Serialize)]
pub struct List<T> {
    pub items: Vec<T>,
    pub limit: usize,
    pub offset: usize,
    pub next_offset: Option<usize>,
}

impl<T> List<T> {
    fn new(mut items: Vec<T>, page: Page) -> List<T> {
        let more = items.len() > page.limit;
        items.truncate(page.limit);
        List {
            items,
            limit: page.limit,
            offset: page.offset,
            next_offset: more.then_some(page.offset + page.limit),
        }
    }
}

/// An article in a list.
#[derive(Debug, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The best matching passage with matches in `[brackets]` (searches only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

/// Which articles to list.
#[derive(Debug, Default)]
pub struct ArticleFilter {
    pub q: Option<String>,
    pub source: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

pub fn articles(conn: &Connection, f: &ArticleFilter, page: Page) -> Result<List<ArticleSummary>> {
    let rows = if let Some(q) = f.q.as_deref() {
        let run = || -> rusqlite::Result<Vec<ArticleSummary>> {
            let mut st = conn.prepare_cached(
                "SELECT a.id, a.doc_id, a.title, a.published, a.source, a.url,
                    snippet(articles_fts, 1, '[', ']', '…', 16)
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?1
               AND (?2 IS NULL OR a.source = ?2)
               AND (?3 IS NULL OR a.published >= ?3)
               AND (?4 IS NULL OR a.published <= ?4 || 'z')
             ORDER BY bm25(articles_fts) LIMIT ?5 OFFSET ?6",
            )?;
            let rows = st.query_map(
                params![
                    q,
                    f.source,
                    f.since,
                    f.until,
                    page.sql_limit(),
                    page.sql_offset()
                ],
                |r| summary(r, true),
            )?;
            rows.collect()
        };
        run().map_err(|e| ApiError::from_match(q, e))?
    } else {
        let mut st = conn.prepare_cached(
            "SELECT a.id, a.doc_id, a.title, a.published, a.source, a.url
             FROM articles a
             WHERE (?1 IS NULL OR a.source = ?1)
               AND (?2 IS NULL OR a.published >= ?2)
               AND (?3 IS NULL OR a.published <= ?3 || 'z')
             ORDER BY a.published DESC, a.id DESC LIMIT ?4 OFFSET ?5",
        )?;
        let rows = st.query_map(
            params![
                f.source,
                f.since,
                f.until,
                page.sql_limit(),
                page.sql_offset()
            ],
            |r| summary(r, false),
        )?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(List::new(rows, page))
}

fn summary(r: &Row, snippet: bool) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        title: r.get(2)?,
        published: r.get(3)?,
        source: r.get(4)?,
        url: r.get(5)?,
        snippet: if snippet { r.get(6)? } else { None },
    })
}

/// One article with every stored layer.
#[derive(Debug, Serialize)]
pub struct Article {
    pub id: i64,
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub text: String,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub timexes: Vec<Timex>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
}

/// An entity of one article; `idx` is what mentions, quotes and events refer to.
#[derive(Debug, Serialize)]
pub struct Entity {
    pub idx: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub titles: Vec<String>,
    pub country: Option<String>,
}

/// A mention of an entity.
#[derive(Debug, Serialize)]
pub struct Mention {
    pub idx: i64,
    pub span: [i64; 2],
    #[serde(rename = "type")]
    pub kind: String,
    pub form: String,
    pub entity: Option<i64>,
    pub text: String,
}

/// A time expression with its normalized value.
#[derive(Debug, Serialize)]
pub struct Timex {
    pub idx: i64,
    pub span: [i64; 2],
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    pub text: String,
}

/// The channel a quotation went through.
#[derive(Debug, Serialize)]
pub struct Via {
    pub name: String,
    pub relation: Option<String>,
}

/// A quotation of one article.
#[derive(Debug, Serialize)]
pub struct Quote {
    pub idx: i64,
    pub content: [i64; 2],
    pub text: String,
    pub kind: String,
    pub cue: Option<[i64; 2]>,
    pub speaker: Option<[i64; 2]>,
    pub speaker_name: Option<String>,
    pub speaker_entity: Option<i64>,
    pub via: Option<Via>,
}

/// One side of an event.
#[derive(Debug, Serialize)]
pub struct Actor {
    pub entity: Option<i64>,
    pub code: Option<String>,
}

/// A coded event of one article.
#[derive(Debug, Serialize)]
pub struct Event {
    pub idx: i64,
    pub source: Actor,
    pub target: Actor,
    pub cameo: String,
    pub plover: Option<String>,
    pub goldstein: Option<f64>,
    pub span: [i64; 2],
    pub date: Option<String>,
    pub text: String,
}

fn span(r: &Row, a: usize, b: usize) -> rusqlite::Result<Option<[i64; 2]>> {
    let s: Option<i64> = r.get(a)?;
    let e: Option<i64> = r.get(b)?;
    Ok(s.zip(e).map(|(s, e)| [s, e]))
}

fn titles(t: Option<String>) -> Vec<String> {
    t.map(|t| t.split("; ").map(str::to_string).collect())
        .unwrap_or_default()
}

pub fn article(conn: &Connection, id: i64) -> Result<Option<Article>> {
    let head = conn
        .prepare_cached(
            "SELECT id, doc_id, title, published, source, url, byline, text FROM articles WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Article {
                id: r.get(0)?,
                doc_id: r.get(1)?,
                title: r.get(2)?,
                published: r.get(3)?,
                source: r.get(4)?,
                url: r.get(5)?,
                byline: r.get(6)?,
                text: r.get(7)?,
                entities: Vec::new(),
                mentions: Vec::new(),
                timexes: Vec::new(),
                quotes: Vec::new(),
                events: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut a) = head else {
        return Ok(None);
    };
    a.entities = conn
        .prepare_cached(
            "SELECT idx, name, type, titles, country FROM entities WHERE article = ?1 ORDER BY idx",
        )?
        .query_map([id], |r| {
            Ok(Entity {
                idx: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                titles: titles(r.get(3)?),
                country: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    a.mentions = conn
        .prepare_cached(
            "SELECT idx, start, end, type, form, entity, text FROM mentions WHERE article = ?1 ORDER BY idx",
        )?
        .query_map([id], |r| {
            Ok(Mention {
                idx: r.get(0)?,
                span: [r.get(1)?, r.get(2)?],
                kind: r.get(3)?,
                form: r.get(4)?,
                entity: r.get(5)?,
                text: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    a.timexes = conn
        .prepare_cached(
            "SELECT idx, start, end, type, value, modifier, text FROM timexes WHERE article = ?1 ORDER BY idx",
        )?
        .query_map([id], |r| {
            Ok(Timex {
                idx: r.get(0)?,
                span: [r.get(1)?, r.get(2)?],
                kind: r.get(3)?,
                value: r.get(4)?,
                modifier: r.get(5)?,
                text: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    a.quotes = conn
        .prepare_cached(
            "SELECT idx, content_start, content_end, content, kind, cue_start, cue_end,
                    speaker_start, speaker_end, speaker_name, speaker_entity, via_name, via_relation
             FROM quotes WHERE article = ?1 ORDER BY idx",
        )?
        .query_map([id], |r| {
            let via: Option<String> = r.get(11)?;
            Ok(Quote {
                idx: r.get(0)?,
                content: [r.get(1)?, r.get(2)?],
                text: r.get(3)?,
                kind: r.get(4)?,
                cue: span(r, 5, 6)?,
                speaker: span(r, 7, 8)?,
                speaker_name: r.get(9)?,
                speaker_entity: r.get(10)?,
                via: match via {
                    Some(name) => Some(Via {
                        name,
                        relation: r.get(12)?,
                    }),
                    None => None,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    a.events = conn
        .prepare_cached(
            "SELECT idx, source_entity, source_code, target_entity, target_code, cameo, plover,
                    goldstein, start, end, date, text
             FROM events WHERE article = ?1 ORDER BY idx",
        )?
        .query_map([id], |r| {
            Ok(Event {
                idx: r.get(0)?,
                source: Actor {
                    entity: r.get(1)?,
                    code: r.get(2)?,
                },
                target: Actor {
                    entity: r.get(3)?,
                    code: r.get(4)?,
                },
                cameo: r.get(5)?,
                plover: r.get(6)?,
                goldstein: r.get(7)?,
                span: [r.get(8)?, r.get(9)?],
                date: r.get(10)?,
                text: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(a))
}

/// A quotation with its article, for lists.
#[derive(Debug, Serialize)]
pub struct QuoteHit {
    pub article: i64,
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub idx: i64,
    pub text: String,
    pub kind: String,
    pub speaker_name: Option<String>,
    /// The name of the speaker's entity, when the speaker was resolved to one.
    pub speaker_entity: Option<String>,
    pub via: Option<Via>,
}

/// Which quotations to list; every field narrows the list.
#[derive(Debug, Default)]
pub struct QuoteFilter {
    /// The speaker's entity name is exactly this, or the speaker as written contains it as a
    /// phrase (case and accents ignored).
    pub speaker: Option<String>,
    /// Full-text query over the quotation.
    pub q: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// The article's source (publisher) is this.
    pub source: Option<String>,
    /// The channel ("AFP") is this.
    pub via: Option<String>,
    /// Oldest first (a person's page) instead of newest first.
    pub oldest_first: bool,
}

pub fn quotes(conn: &Connection, f: &QuoteFilter, page: Page) -> Result<List<QuoteHit>> {
    // A few fixed statements rather than one with OR-ed conditions, so each stays a cached
    // plan and a speaker is looked up through indexes (the entity name index and the
    // speaker column of the full-text index) instead of a scan of every quotation.
    let from = if f.speaker.is_some() {
        "(SELECT q2.id AS id FROM entities e2
            JOIN quotes q2 ON q2.article = e2.article AND q2.speaker_entity = e2.idx
            WHERE e2.type IN ('PER', 'ORG', 'GPE', 'NORP', 'LOC', 'MISC') AND e2.name = ?1
          UNION SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?9) s
         CROSS JOIN quotes q ON q.id = s.id"
    } else {
        "quotes q"
    };
    let sql = format!(
        "SELECT a.id, a.doc_id, a.title, a.published, a.source, q.idx, q.content, q.kind,
                q.speaker_name, e.name, q.via_name, q.via_relation
         FROM {from} JOIN articles a ON a.id = q.article
         LEFT JOIN entities e ON e.article = q.article AND e.idx = q.speaker_entity
         WHERE (?1 IS NULL OR ?9 IS NOT NULL)
           AND (?2 IS NULL OR q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?2))
           AND (?3 IS NULL OR a.published >= ?3)
           AND (?4 IS NULL OR a.published <= ?4 || 'z')
           AND (?5 IS NULL OR a.source = ?5)
           AND (?6 IS NULL OR q.via_name = ?6 COLLATE NOCASE)
         ORDER BY a.published {dir}, a.id {dir}, q.idx LIMIT ?7 OFFSET ?8",
        dir = if f.oldest_first { "ASC" } else { "DESC" }
    );
    // The speaker as written contains the name as a phrase (case and accents ignored).
    let speaker_fts = f
        .speaker
        .as_ref()
        .map(|s| format!("speaker_name : \"{}\"", s.replace('"', "\"\"")));
    let run = || -> rusqlite::Result<Vec<QuoteHit>> {
        let mut st = conn.prepare_cached(&sql)?;
        let rows = st.query_map(
            params![
                f.speaker,
                f.q,
                f.since,
                f.until,
                f.source,
                f.via,
                page.sql_limit(),
                page.sql_offset(),
                speaker_fts
            ],
            |r| {
                let via: Option<String> = r.get(10)?;
                Ok(QuoteHit {
                    article: r.get(0)?,
                    doc_id: r.get(1)?,
                    title: r.get(2)?,
                    published: r.get(3)?,
                    source: r.get(4)?,
                    idx: r.get(5)?,
                    text: r.get(6)?,
                    kind: r.get(7)?,
                    speaker_name: r.get(8)?,
                    speaker_entity: r.get(9)?,
                    via: match via {
                        Some(name) => Some(Via {
                            name,
                            relation: r.get(11)?,
                        }),
                        None => None,
                    },
                })
            },
        )?;
        rows.collect()
    };
    let rows = match f.q.as_ref().or(f.speaker.as_ref()) {
        Some(q) => run().map_err(|e| ApiError::from_match(q, e))?,
        None => run()?,
    };
    Ok(List::new(rows, page))
}

/// An entity across articles (grouped by name and type), with counts.
#[derive(Debug, Serialize)]
pub struct EntityCount {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub articles: i64,
    pub mentions: i64,
    pub quotes: i64,
}

pub fn entities(
    conn: &Connection,
    kind: Option<&str>,
    q: Option<&str>,
    page: Page,
) -> Result<List<EntityCount>> {
    let mut st = conn.prepare_cached(
        "SELECT e.name, e.type, count(*), coalesce(sum(mc.n), 0), coalesce(sum(qc.n), 0)
         FROM entities e
         LEFT JOIN (SELECT article, entity, count(*) AS n FROM mentions
                    WHERE entity IS NOT NULL GROUP BY article, entity) mc
           ON mc.article = e.article AND mc.entity = e.idx
         LEFT JOIN (SELECT article, speaker_entity, count(*) AS n FROM quotes
                    WHERE speaker_entity IS NOT NULL GROUP BY article, speaker_entity) qc
           ON qc.article = e.article AND qc.speaker_entity = e.idx
         WHERE (?1 IS NULL OR e.type = ?1) AND (?2 IS NULL OR e.name LIKE '%' || ?2 || '%')
         GROUP BY e.name, e.type
         ORDER BY 3 DESC, 4 DESC, e.name LIMIT ?3 OFFSET ?4",
    )?;
    let rows = st.query_map(params![kind, q, page.sql_limit(), page.sql_offset()], |r| {
        Ok(EntityCount {
            name: r.get(0)?,
            kind: r.get(1)?,
            articles: r.get(2)?,
            mentions: r.get(3)?,
            quotes: r.get(4)?,
        })
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(List::new(rows, page))
}

/// One entity across articles: who it is, what it said, whom it appears with.
#[derive(Debug, Serialize)]
pub struct EntityDetail {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Titles and roles, most frequent first.
    pub titles: Vec<String>,
    /// The country most articles give it.
    pub country: Option<String>,
    pub articles: i64,
    /// Its quotations, oldest first.
    pub quotes: Vec<QuoteHit>,
    /// Entities named inside its quotations, most often first.
    pub speaks_about: Vec<Named>,
    /// Entities in the same articles, most articles first.
    pub co_mentioned: Vec<Named>,
}

/// An entity name with a count.
#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub count: i64,
}

pub fn entity(conn: &Connection, name: &str, kind: Option<&str>) -> Result<Option<EntityDetail>> {
    let head: Option<(String, String, i64)> = conn
        .prepare_cached(
            "SELECT name, type, count(*) FROM entities
             WHERE name = ?1 AND (?2 IS NULL OR type = ?2)
             GROUP BY name, type ORDER BY 3 DESC LIMIT 1",
        )?
        .query_row(params![name, kind], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((name, kind, articles)) = head else {
        return Ok(None);
    };
    let mut title_counts: Vec<(String, usize)> = Vec::new();
    let mut country_counts: Vec<(String, usize)> = Vec::new();
    {
        let mut st = conn
            .prepare_cached("SELECT titles, country FROM entities WHERE name = ?1 AND type = ?2")?;
        let mut rows = st.query(params![name, kind])?;
        while let Some(r) = rows.next()? {
            for t in titles(r.get(0)?) {
                bump(&mut title_counts, t);
            }
            if let Some(c) = r.get::<_, Option<String>>(1)? {
                bump(&mut country_counts, c);
            }
        }
    }
    title_counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    country_counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let quotes = quotes(
        conn,
        &QuoteFilter {
            speaker: Some(name.clone()),
            oldest_first: true,
            ..QuoteFilter::default()
        },
        Page {
            limit: Page::MAX,
            offset: 0,
        },
    )?
    .items
    .into_iter()
    // `speaker` also matches names that contain this one; keep the entity's own quotes.
    .filter(|q| {
        q.speaker_entity.as_deref() == Some(name.as_str())
            || (q.speaker_entity.is_none() && q.speaker_name.as_deref() == Some(name.as_str()))
    })
    .collect();
    let named = |sql: &str| -> Result<Vec<Named>> {
        let mut st = conn.prepare_cached(sql)?;
        let rows = st.query_map(params![name, kind], |r| {
            Ok(Named {
                name: r.get(0)?,
                kind: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    };
    let speaks_about = named(
        "SELECT o.name, o.type, count(*) FROM entities me
         JOIN quotes q ON q.article = me.article AND q.speaker_entity = me.idx
         JOIN mentions m ON m.article = q.article AND m.start >= q.content_start AND m.end <= q.content_end
         JOIN entities o ON o.article = m.article AND o.idx = m.entity
         WHERE me.name = ?1 AND me.type = ?2 AND o.idx <> me.idx
         GROUP BY o.name, o.type ORDER BY 3 DESC, 1 LIMIT 30",
    )?;
    let co_mentioned = named(
        "SELECT o.name, o.type, count(DISTINCT o.article) FROM entities me
         JOIN entities o ON o.article = me.article AND o.idx <> me.idx
         WHERE me.name = ?1 AND me.type = ?2 AND o.name <> me.name
         GROUP BY o.name, o.type ORDER BY 3 DESC, 1 LIMIT 30",
    )?;
    Ok(Some(EntityDetail {
        name,
        kind,
        titles: title_counts.into_iter().map(|t| t.0).collect(),
        country: country_counts.into_iter().next().map(|c| c.0),
        articles,
        quotes,
        speaks_about,
        co_mentioned,
    }))
}

fn bump(counts: &mut Vec<(String, usize)>, key: String) {
    match counts.iter_mut().find(|c| c.0 == key) {
        Some(c) => c.1 += 1,
        None => counts.push((key, 1)),
    }
}

/// An event with its article, for lists.
#[derive(Debug, Serialize)]
pub struct EventHit {
    pub article: i64,
    pub doc_id: String,
    pub published: Option<String>,
    #[serde(flatten)]
    pub event: Event,
}

/// Which events to list; every field narrows the list.
#[derive(Debug, Default)]
pub struct EventFilter {
    /// Source or target actor code starts with this ("UKR" matches "UKRGOV").
    pub actor: Option<String>,
    /// Source actor code starts with this.
    pub source: Option<String>,
    /// Target actor code starts with this.
    pub target: Option<String>,
    /// CAMEO code starts with this ("02" for all appeals).
    pub cameo: Option<String>,
    /// Event date (or the article's, when the event has none) on or after.
    pub since: Option<String>,
    pub until: Option<String>,
}

pub fn events(conn: &Connection, f: &EventFilter, page: Page) -> Result<List<EventHit>> {
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.doc_id, a.published, v.idx, v.source_entity, v.source_code,
                v.target_entity, v.target_code, v.cameo, v.plover, v.goldstein, v.start, v.end,
                coalesce(v.date, a.published), v.text
         FROM events v JOIN articles a ON a.id = v.article
         WHERE (?1 IS NULL OR v.source_code LIKE ?1 || '%' OR v.target_code LIKE ?1 || '%')
           AND (?2 IS NULL OR v.source_code LIKE ?2 || '%')
           AND (?3 IS NULL OR v.target_code LIKE ?3 || '%')
           AND (?4 IS NULL OR v.cameo LIKE ?4 || '%')
           AND (?5 IS NULL OR coalesce(v.date, a.published) >= ?5)
           AND (?6 IS NULL OR coalesce(v.date, a.published) <= ?6 || 'z')
         ORDER BY coalesce(v.date, a.published), a.id, v.idx LIMIT ?7 OFFSET ?8",
    )?;
    let rows = st.query_map(
        params![
            f.actor,
            f.source,
            f.target,
            f.cameo,
            f.since,
            f.until,
            page.sql_limit(),
            page.sql_offset()
        ],
        |r| {
            Ok(EventHit {
                article: r.get(0)?,
                doc_id: r.get(1)?,
                published: r.get(2)?,
                event: Event {
                    idx: r.get(3)?,
                    source: Actor {
                        entity: r.get(4)?,
                        code: r.get(5)?,
                    },
                    target: Actor {
                        entity: r.get(6)?,
                        code: r.get(7)?,
                    },
                    cameo: r.get(8)?,
                    plover: r.get(9)?,
                    goldstein: r.get(10)?,
                    span: [r.get(11)?, r.get(12)?],
                    date: r.get(13)?,
                    text: r.get(14)?,
                },
            })
        },
    )?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(List::new(rows, page))
}

/// Events between two actors in one month and quad class.
#[derive(Debug, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad: u8,
    pub events: i64,
    /// Mean Goldstein score of the events that have one.
    pub goldstein: Option<f64>,
}

/// The quad class of a CAMEO code: its root (first two digits) 01-05 verbal cooperation,
/// 06-09 material cooperation, 10-14 verbal conflict, 15-20 material conflict.
pub fn quad_class(cameo: &str) -> Option<u8> {
    let root: u8 = cameo.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=9 => Some(2),
        10..=14 => Some(3),
        15..=20 => Some(4),
        _ => None,
    }
}

/// Events between actors `a` and `b` (either direction; codes match by prefix), per month and
/// quad class, oldest month first.
pub fn timeline(conn: &Connection, a: &str, b: &str) -> Result<Vec<MonthCount>> {
    let mut st = conn.prepare_cached(
        "SELECT substr(coalesce(v.date, a.published), 1, 7), v.cameo, v.goldstein
         FROM events v JOIN articles a ON a.id = v.article
         WHERE coalesce(v.date, a.published) IS NOT NULL
           AND ((v.source_code LIKE ?1 || '%' AND v.target_code LIKE ?2 || '%')
             OR (v.source_code LIKE ?2 || '%' AND v.target_code LIKE ?1 || '%'))",
    )?;
    let mut rows = st.query(params![a, b])?;
    // (month, quad) -> (events, goldstein sum, scored events)
    let mut cells: std::collections::BTreeMap<(String, u8), (i64, f64, i64)> =
        std::collections::BTreeMap::new();
    while let Some(r) = rows.next()? {
        let month: String = r.get(0)?;
        let cameo: String = r.get(1)?;
        let g: Option<f64> = r.get(2)?;
        let Some(quad) = quad_class(&cameo) else {
            continue;
        };
        let c = cells.entry((month, quad)).or_default();
        c.0 += 1;
        if let Some(g) = g {
            c.1 += g;
            c.2 += 1;
        }
    }
    Ok(cells
        .into_iter()
        .map(|((month, quad), (n, sum, scored))| MonthCount {
            month,
            quad,
            events: n,
            goldstein: (scored > 0).then(|| sum / scored as f64),
        })
        .collect())
}

/// Counts of rows per table, for the home page.
pub fn counts(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let mut out = Vec::new();
    for t in ["articles", "entities", "quotes", "timexes", "events"] {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
        out.push((t, n));
    }
    Ok(out)
}
