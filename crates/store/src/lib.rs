//! The store: articles and every layer found in them, in one embedded SQLite database with
//! full-text search (FTS5) over article text and quotations.
//!
//! [`Store`] is the only way in: [`Store::open`] creates or migrates a database file,
//! [`Store::open_in_memory`] makes one for tests. [`Store::add`] writes one article with its
//! layers ([`Document`] for what the pipeline has, [`Extra`] for the quotes and events stages,
//! which write their own types); the query methods ([`Store::search`], [`Store::quotes`],
//! [`Store::entities`]) and [`Store::export`] read them back.
//!
//! Decisions worth knowing:
//! - **Offsets are Unicode code points**, as in the `dateline/1` output, so that an exported
//!   row and an extracted record agree (`text[start:end]` in Python).
//! - **An article is stored in one transaction** with all its layers, in WAL mode: killing the
//!   process at any moment leaves every article either complete or absent, and what
//!   [`Store::add`] reported as stored survives. (`synchronous=NORMAL`: a power cut may lose the
//!   last commits, a killed process loses none.)
//! - **Duplicates are recognized** by canonical URL or by a hash of the whitespace-normalized
//!   text, so the same article read from a WARC and from a saved page is stored once, and a
//!   re-run skips what is stored ([`Store::contains`] before running the pipeline).
//! - **The schema is versioned** with `PRAGMA user_version`; [`Store::open`] applies the
//!   migrations a file lacks, in order, and refuses a file from a newer build.
//!
//! ```
//! use dateline_store::{Extra, Store, Stored};
//! let mut store = Store::open_in_memory().unwrap();
//! let doc = dateline_document::Document::new("a1", "Duarte urged India to send a delegation. Talks resume next month.");
//! assert!(matches!(store.add(&doc, &Extra::default()).unwrap(), Stored::New(_)));
//! assert!(matches!(store.add(&doc, &Extra::default()).unwrap(), Stored::Duplicate(_)));
//! let hits = store.search("delegation", 10).unwrap();
//! assert_eq!(hits[0].doc_id, "a1");
//! ```
#![warn(missing_docs)]

mod export;
mod query;
mod schema;

pub use export::{Column, Table, Value};
pub use query::{EntityCount, QuoteFilter, QuoteHit, SearchHit};

use dateline_document::{CharOffsets, Document};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed; the message names the database file.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file (`:memory:` for an in-memory store).
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file was written by a newer dateline.
    #[error("{path}: database schema version {found} is newer than this build reads ({supported}): upgrade dateline, or ingest into a new --db file")]
    TooNew {
        /// The database file.
        path: String,
        /// Its `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// A full-text query SQLite could not parse.
    #[error(
        "bad search query '{query}': {reason} (use words, \"a phrase\", prefix*, AND, OR, NOT)"
    )]
    Query {
        /// The query as given.
        query: String,
        /// What was wrong.
        reason: String,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// A quotation, as the quotes stage will find it (`quotes` in `dateline/1`). Spans are code
/// point offsets into the article text, end exclusive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quote {
    /// What was said (without quotation marks for a direct quote).
    pub content: [usize; 2],
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The verb or phrase that introduces it ("said", "according to").
    pub cue: Option<[usize; 2]>,
    /// Who said it, as written ("she", "Helena Duarte").
    pub speaker: Option<[usize; 2]>,
    /// The speaker's name once resolved ("Helena Duarte").
    pub speaker_name: Option<String>,
    /// Index of the speaker's entity in `Document::entities`.
    pub speaker_entity: Option<usize>,
    /// The channel: name ("AFP") and relation (`told`, `citing`, `according_to`, `reported`).
    pub via: Option<(String, String)>,
}

/// One side of an event: an entity and/or an actor code ("BRAGOV").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Actor {
    /// Index of the entity in `Document::entities`.
    pub entity: Option<usize>,
    /// CAMEO actor code.
    pub code: Option<String>,
}

/// A coded political event (`events` in `dateline/1`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    /// Who acts.
    pub source: Actor,
    /// Who is acted on.
    pub target: Actor,
    /// CAMEO event code ("026").
    pub cameo: String,
    /// PLOVER category ("REQUEST").
    pub plover: Option<String>,
    /// Goldstein score, -10 (conflict) to +10 (cooperation).
    pub goldstein: Option<f64>,
    /// The text that states it, code points.
    pub span: [usize; 2],
    /// When it happened, `YYYY-MM-DD` or coarser.
    pub date: Option<String>,
}

/// The quotes and events of an article as rows: code point offsets, names resolved, codes
/// as text. Built with [`Extra::from_document`]; kept apart from [`Document`] so a caller can
/// also store rows it made itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extra {
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Events.
    pub events: Vec<Event>,
}

impl Extra {
    /// The rows of a document's `quotes` and `events` layers.
    pub fn from_document(d: &Document) -> Extra {
        let offsets = CharOffsets::new(&d.text);
        let quotes = d
            .quotes
            .iter()
            .map(|q| Quote {
                content: offsets.span(q.content),
                kind: q.kind.as_str().to_string(),
                cue: q.cue.map(|s| offsets.span(s)),
                speaker: q.speaker.map(|s| offsets.span(s)),
                speaker_name: d.speaker_name(q).map(str::to_string),
                speaker_entity: q.speaker_entity,
                via: q
                    .via
                    .as_ref()
                    .map(|v| (v.name.clone(), v.relation.as_str().to_string())),
            })
            .collect();
        let actor = |a: &dateline_document::EventActor| Actor {
            entity: a.entity,
            code: Some(a.code.clone()),
        };
        let events = d
            .events
            .iter()
            .map(|e| Event {
                source: actor(&e.source),
                target: actor(&e.target),
                cameo: e.cameo.clone(),
                plover: e.plover.clone(),
                goldstein: Some(f64::from(e.goldstein)),
                span: offsets.span(e.span),
                date: e.date.clone(),
            })
            .collect();
        Extra { quotes, events }
    }
}

/// What [`Store::add`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored under this article id (the `articles.id` row).
    New(i64),
    /// Already there (same canonical URL or same text) under this id; nothing written.
    Duplicate(i64),
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`, in WAL mode, migrated to the current
    /// schema.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| sqlite(&name, e))?;
        Store::setup(conn, name)
    }

    /// A database in memory, gone when dropped (tests, one-off runs).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| sqlite(":memory:", e))?;
        Store::setup(conn, ":memory:".into())
    }

    fn setup(conn: Connection, path: String) -> Result<Store> {
        let mut store = Store { conn, path };
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;
                 PRAGMA busy_timeout=5000;",
            )
            .map_err(|e| sqlite(&store.path, e))?;
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// The database file this store writes.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(&self.path)
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        sqlite(&self.path, e)
    }

    /// The id of the stored article with `doc`'s canonical URL or text, if any: a re-run asks
    /// this before running the pipeline, so it resumes instead of redoing the work.
    pub fn contains(&self, doc: &Document) -> Result<Option<i64>> {
        let hash = content_hash(&doc.text);
        self.conn
            .query_row(
                "SELECT id FROM articles WHERE content_hash = ?1
                 UNION ALL SELECT id FROM articles WHERE canonical_url = ?2 LIMIT 1",
                params![hash, doc.meta.canonical_url],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Stores `doc` and its layers in one transaction, unless it is already stored.
    pub fn add(&mut self, doc: &Document, extra: &Extra) -> Result<Stored> {
        if let Some(id) = self.contains(doc)? {
            return Ok(Stored::Duplicate(id));
        }
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sqlite(&path, e))?;
        let id = write_article(&tx, doc, extra).map_err(|e| sqlite(&path, e))?;
        tx.commit().map_err(|e| sqlite(&path, e))?;
        Ok(Stored::New(id))
    }

    /// Number of rows in a table.
    pub fn count(&self, table: Table) -> Result<u64> {
        self.conn
            .query_row(&format!("SELECT count(*) FROM {}", table.name()), [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))
    }

    /// Checks the database file and its full-text indexes (`PRAGMA integrity_check` and the
    /// FTS5 `integrity-check`); `Ok(())` when consistent.
    pub fn check(&self) -> Result<()> {
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if ok != "ok" {
            return Err(self.err(rusqlite::Error::InvalidQuery)).map_err(|_| Error::Query {
                query: "integrity_check".into(),
                reason: ok,
            });
        }
        self.conn
            .execute_batch(
                "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check');
                 INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check');",
            )
            .map_err(|e| self.err(e))
    }
}

fn sqlite(path: &str, source: rusqlite::Error) -> Error {
    Error::Sqlite {
        path: path.to_string(),
        source,
    }
}

/// 128-bit FNV-1a of the text with whitespace runs folded to one space: the same article
/// re-wrapped or re-indented is still the same article. Not cryptographic; it only has to
/// tell articles apart (a collision among a billion articles has odds near 1e-21).
pub fn content_hash(text: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    let mut feed = |b: u8| {
        h ^= b as u128;
        h = h.wrapping_mul(PRIME);
    };
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            feed(b' ');
        }
        w.bytes().for_each(&mut feed);
    }
    format!("{h:032x}")
}

fn write_article(
    tx: &rusqlite::Transaction,
    doc: &Document,
    extra: &Extra,
) -> rusqlite::Result<i64> {
    let m = &doc.meta;
    tx.execute(
        "INSERT INTO articles (doc_id, url, canonical_url, title, published, source, byline, text, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            doc.id,
            m.url,
            m.canonical_url,
            m.title,
            m.published,
            m.source,
            m.byline,
            doc.text,
            content_hash(&doc.text)
        ],
    )?;
    let id = tx.last_insert_rowid();
    let off = CharOffsets::new(&doc.text);
    let sub = |s: [usize; 2]| -> String {
        doc.text
            .chars()
            .skip(s[0])
            .take(s[1].saturating_sub(s[0]))
            .collect()
    };
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO entities (article, idx, name, type, titles, country) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, e) in doc.entities.iter().enumerate() {
            let titles = (!e.titles.is_empty()).then(|| e.titles.join("; "));
            st.execute(params![id, i, e.name, e.kind.as_str(), titles, e.country])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO mentions (article, idx, start, end, type, form, entity, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, mn) in doc.mentions.iter().enumerate() {
            let [s, e] = off.span(mn.span);
            let form = format!("{:?}", mn.form).to_lowercase();
            st.execute(params![
                id,
                i,
                s,
                e,
                mn.kind.as_str(),
                form,
                mn.entity,
                doc.slice(mn.span)
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO timexes (article, idx, start, end, type, value, modifier, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, t) in doc.timexes.iter().enumerate() {
            let [s, e] = off.span(t.span);
            st.execute(params![
                id,
                i,
                s,
                e,
                t.kind.as_str(),
                t.value,
                t.modifier,
                doc.slice(t.span)
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO quotes (article, idx, content_start, content_end, content, kind, cue_start, cue_end,
               speaker_start, speaker_end, speaker_name, speaker_entity, via_name, via_relation)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for (i, q) in extra.quotes.iter().enumerate() {
            st.execute(params![
                id,
                i,
                q.content[0],
                q.content[1],
                sub(q.content),
                q.kind,
                q.cue.map(|c| c[0]),
                q.cue.map(|c| c[1]),
                q.speaker.map(|c| c[0]),
                q.speaker.map(|c| c[1]),
                q.speaker_name,
                q.speaker_entity,
                q.via.as_ref().map(|v| &v.0),
                q.via.as_ref().map(|v| &v.1),
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO events (article, idx, source_entity, source_code, target_entity, target_code,
               cameo, plover, goldstein, start, end, date, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, ev) in extra.events.iter().enumerate() {
            st.execute(params![
                id,
                i,
                ev.source.entity,
                ev.source.code,
                ev.target.entity,
                ev.target.code,
                ev.cameo,
                ev.plover,
                ev.goldstein,
                ev.span[0],
                ev.span[1],
                ev.date,
                sub(ev.span),
            ])?;
        }
    }
    Ok(id)
}

#[cfg(test)]
mod tests;
