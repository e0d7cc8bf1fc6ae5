//! The tables, versioned with `PRAGMA user_version`: migration `i` takes a database from
//! version `i` to `i + 1`, so a file written by any earlier build is brought up to date.
//!
//! Every layer table is keyed by `(article, idx)`: `idx` is the position in the layer's
//! `dateline/1` array, and the references between layers (`mentions.entity`,
//! `quotes.speaker_entity`, `events.source_entity`) are such indexes within the article.

use crate::{Error, Result};
use rusqlite::Connection;

/// Migrations in order; the database's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: articles, every layer of dateline/1, full-text indexes.
    "CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL,
        url TEXT,
        canonical_url TEXT,
        title TEXT,
        published TEXT,
        source TEXT,
        byline TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        ingested TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE UNIQUE INDEX articles_canonical ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
    CREATE INDEX articles_published ON articles(published);

    CREATE TABLE entities (
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        titles TEXT,
        country TEXT,
        PRIMARY KEY (article, idx)
    ) WITHOUT ROWID;
    CREATE INDEX entities_name ON entities(type, name);

    CREATE TABLE mentions (
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        type TEXT NOT NULL,
        form TEXT NOT NULL,
        entity INTEGER,
        text TEXT NOT NULL,
        PRIMARY KEY (article, idx)
    ) WITHOUT ROWID;

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content TEXT NOT NULL,
        kind TEXT NOT NULL,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_name TEXT,
        speaker_entity INTEGER,
        via_name TEXT,
        via_relation TEXT,
        UNIQUE (article, idx)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_name);

    CREATE TABLE timexes (
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        modifier TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (article, idx)
    ) WITHOUT ROWID;

    CREATE TABLE events (
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        source_entity INTEGER,
        source_code TEXT,
        target_entity INTEGER,
        target_code TEXT,
        cameo TEXT NOT NULL,
        plover TEXT,
        goldstein REAL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        date TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (article, idx)
    ) WITHOUT ROWID;

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;

    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content, speaker_name, content='quotes', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, content, speaker_name) VALUES (new.id, new.content, new.speaker_name);
    END;
    CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name) VALUES ('delete', old.id, old.content, old.speaker_name);
    END;",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to [`VERSION`], one transaction per migration.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let sq = |e| crate::sqlite(path, e);
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sq)?;
    if found > VERSION {
        return Err(Error::TooNew {
            path: path.to_string(),
            found,
            supported: VERSION,
        });
    }
    for (i, m) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction().map_err(sq)?;
        tx.execute_batch(m).map_err(sq)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
            .map_err(sq)?;
        tx.commit().map_err(sq)?;
    }
    Ok(())
}
