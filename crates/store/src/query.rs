//! Questions a user asks the store: full-text search, quotes, entity counts.

use crate::{Error, Result, Store};
use rusqlite::params;

/// An article that matches a search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// The article's id in the input.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// The best matching passage, matches in `[brackets]`.
    pub snippet: String,
    /// BM25 relevance; higher is better.
    pub score: f64,
}

/// Which quotes to list; every field narrows the list.
#[derive(Clone, Debug, Default)]
pub struct QuoteFilter {
    /// Speaker name contains this (case-insensitive for ASCII).
    pub speaker: Option<String>,
    /// The quotation matches this full-text query.
    pub about: Option<String>,
    /// Published on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Published on or before this date.
    pub until: Option<String>,
    /// At most this many.
    pub limit: usize,
}

/// A quotation with its article.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteHit {
    /// What was said.
    pub content: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Who said it.
    pub speaker: Option<String>,
    /// Through whom ("AFP (told)").
    pub via: Option<String>,
    /// The article's id in the input.
    pub doc_id: String,
    /// The article's publication date.
    pub published: Option<String>,
}

/// An entity name with how often it appears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityCount {
    /// Name.
    pub name: String,
    /// Type (`PER`, `ORG`, ...).
    pub kind: String,
    /// Articles that mention it.
    pub articles: u64,
    /// Mentions in all articles.
    pub mentions: u64,
}

fn fts_error(query: &str, e: rusqlite::Error, path: &str) -> Error {
    let msg = e.to_string();
    // SQLITE_ERROR (not busy, not I/O) from a MATCH is the query's fault.
    let generic = matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::Unknown);
    if generic || msg.contains("fts5") {
        Error::Query {
            query: query.to_string(),
            reason: msg,
        }
    } else {
        crate::sqlite(path, e)
    }
}

impl Store {
    /// Articles matching an FTS5 query (words, `"a phrase"`, `prefix*`, `AND`/`OR`/`NOT`),
    /// best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let run = || -> rusqlite::Result<Vec<SearchHit>> {
            let mut st = self.conn.prepare_cached(
                "SELECT a.doc_id, a.title, a.published, a.source, a.url,
                        snippet(articles_fts, 1, '[', ']', '…', 16), -bm25(articles_fts)
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts) LIMIT ?2",
            )?;
            let rows = st.query_map(params![query, limit as i64], |r| {
                Ok(SearchHit {
                    doc_id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    source: r.get(3)?,
                    url: r.get(4)?,
                    snippet: r.get(5)?,
                    score: r.get(6)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| fts_error(query, e, &self.path))
    }

    /// Quotations matching the filter, newest article first.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteHit>> {
        let run = || -> rusqlite::Result<Vec<QuoteHit>> {
            let mut st = self.conn.prepare_cached(
                "SELECT q.content, q.kind, q.speaker_name, q.via_name, q.via_relation, a.doc_id, a.published
                 FROM quotes q JOIN articles a ON a.id = q.article
                 WHERE (?1 IS NULL OR q.speaker_name LIKE '%' || ?1 || '%')
                   AND (?2 IS NULL OR q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?2))
                   AND (?3 IS NULL OR a.published >= ?3)
                   AND (?4 IS NULL OR a.published <= ?4 || 'z')
                 ORDER BY a.published DESC, a.id, q.idx LIMIT ?5",
            )?;
            let rows = st.query_map(
                params![f.speaker, f.about, f.since, f.until, f.limit as i64],
                |r| {
                    let via: Option<String> = r.get(3)?;
                    let rel: Option<String> = r.get(4)?;
                    Ok(QuoteHit {
                        content: r.get(0)?,
                        kind: r.get(1)?,
                        speaker: r.get(2)?,
                        via: via.map(|v| match rel {
                            Some(rel) => format!("{v} ({rel})"),
                            None => v,
                        }),
                        doc_id: r.get(5)?,
                        published: r.get(6)?,
                    })
                },
            )?;
            rows.collect()
        };
        let q = f.about.clone().unwrap_or_default();
        run().map_err(|e| fts_error(&q, e, &self.path))
    }

    /// Entities by name and type, with the number of articles and mentions, most frequent
    /// first; only type `kind` when given.
    pub fn entities(&self, kind: Option<&str>, limit: usize) -> Result<Vec<EntityCount>> {
        let run = || -> rusqlite::Result<Vec<EntityCount>> {
            let mut st = self.conn.prepare_cached(
                "SELECT e.name, e.type, count(DISTINCT e.article), coalesce(sum(mc.n), 0)
                 FROM entities e
                 LEFT JOIN (SELECT article, entity, count(*) AS n FROM mentions
                            WHERE entity IS NOT NULL GROUP BY article, entity) mc
                   ON mc.article = e.article AND mc.entity = e.idx
                 WHERE ?1 IS NULL OR e.type = ?1
                 GROUP BY e.name, e.type
                 ORDER BY 3 DESC, 4 DESC, e.name LIMIT ?2",
            )?;
            let rows = st.query_map(params![kind, limit as i64], |r| {
                Ok(EntityCount {
                    name: r.get(0)?,
                    kind: r.get(1)?,
                    articles: r.get(2)?,
                    mentions: r.get(3)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }
}
