//! Whole tables out, row by row, for the JSON Lines, CSV and Parquet writers of the CLI.

use crate::{Error, Store};

/// The tables a user can export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// One row per article: metadata and text.
    Articles,
    /// One row per quotation.
    Quotes,
    /// One row per entity of an article.
    Entities,
    /// One row per entity mention.
    Mentions,
    /// One row per time expression.
    Timexes,
    /// One row per coded event.
    Events,
}

/// The type of a column's values (each may also be null).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Real,
    /// UTF-8 text.
    Text,
}

/// One value of an exported row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// No value.
    Null,
    /// An integer.
    Int(i64),
    /// A float.
    Real(f64),
    /// Text.
    Text(String),
}

use Column::{Int, Real, Text};

impl Table {
    /// Every table, in the order the help text lists them.
    pub const ALL: [Table; 6] = [
        Table::Articles,
        Table::Quotes,
        Table::Entities,
        Table::Mentions,
        Table::Timexes,
        Table::Events,
    ];

    /// Its name, as in `--what` and in SQL.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Quotes => "quotes",
            Table::Entities => "entities",
            Table::Mentions => "mentions",
            Table::Timexes => "timexes",
            Table::Events => "events",
        }
    }

    /// Parses a name; the error lists the valid ones.
    pub fn parse(s: &str) -> std::result::Result<Table, String> {
        Table::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Table::ALL.iter().map(|t| t.name()).collect();
                format!("unknown table '{s}': valid tables are {}", names.join(", "))
            })
    }

    /// Exported columns and their types. Layer rows start with `article` (the article's id in
    /// the input) and `idx` (position in the article's layer array); spans are code points.
    pub fn columns(self) -> &'static [(&'static str, Column)] {
        match self {
            Table::Articles => &[
                ("id", Text),
                ("url", Text),
                ("canonical_url", Text),
                ("title", Text),
                ("published", Text),
                ("source", Text),
                ("byline", Text),
                ("text", Text),
                ("content_hash", Text),
                ("ingested", Text),
            ],
            Table::Quotes => &[
                ("article", Text),
                ("idx", Int),
                ("content_start", Int),
                ("content_end", Int),
                ("content", Text),
                ("kind", Text),
                ("cue_start", Int),
                ("cue_end", Int),
                ("speaker_start", Int),
                ("speaker_end", Int),
                ("speaker_name", Text),
                ("speaker_entity", Int),
                ("via_name", Text),
                ("via_relation", Text),
            ],
            Table::Entities => &[
                ("article", Text),
                ("idx", Int),
                ("name", Text),
                ("type", Text),
                ("titles", Text),
                ("country", Text),
            ],
            Table::Mentions => &[
                ("article", Text),
                ("idx", Int),
                ("start", Int),
                ("end", Int),
                ("type", Text),
                ("form", Text),
                ("entity", Int),
                ("text", Text),
            ],
            Table::Timexes => &[
                ("article", Text),
                ("idx", Int),
                ("start", Int),
                ("end", Int),
                ("type", Text),
                ("value", Text),
                ("modifier", Text),
                ("text", Text),
            ],
            Table::Events => &[
                ("article", Text),
                ("idx", Int),
                ("source_entity", Int),
                ("source_code", Text),
                ("target_entity", Int),
                ("target_code", Text),
                ("cameo", Text),
                ("plover", Text),
                ("goldstein", Real),
                ("start", Int),
                ("end", Int),
                ("date", Text),
                ("text", Text),
            ],
        }
    }

    fn sql(self) -> String {
        let cols = self.columns();
        if self == Table::Articles {
            let list: Vec<String> = cols
                .iter()
                .map(|(c, _)| {
                    if *c == "id" {
                        "doc_id".into()
                    } else {
                        format!("\"{c}\"")
                    }
                })
                .collect();
            return format!("SELECT {} FROM articles ORDER BY id", list.join(", "));
        }
        let list: Vec<String> = cols[1..]
            .iter()
            .map(|(c, _)| format!("t.\"{c}\""))
            .collect();
        format!(
            "SELECT a.doc_id, {} FROM {} t JOIN articles a ON a.id = t.article ORDER BY t.article, t.idx",
            list.join(", "),
            self.name()
        )
    }
}

impl Store {
    /// Calls `row` with each row of `table` in order (articles in the order they were stored,
    /// layer rows by article then position), streaming: memory does not grow with the table.
    pub fn export<E: From<Error>>(
        &self,
        table: Table,
        mut row: impl FnMut(&[Value]) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        let mut st = self
            .conn
            .prepare(&table.sql())
            .map_err(|e| E::from(self.err(e)))?;
        let cols = table.columns();
        let mut rows = st.query([]).map_err(|e| E::from(self.err(e)))?;
        let mut values = Vec::with_capacity(cols.len());
        let mut n = 0;
        while let Some(r) = rows.next().map_err(|e| E::from(self.err(e)))? {
            values.clear();
            for (i, (_, kind)) in cols.iter().enumerate() {
                use rusqlite::types::ValueRef;
                let v = match r.get_ref(i).map_err(|e| E::from(self.err(e)))? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(x) if *kind == Column::Real => Value::Real(x as f64),
                    ValueRef::Integer(x) => Value::Int(x),
                    ValueRef::Real(x) => Value::Real(x),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        Value::Text(String::from_utf8_lossy(t).into_owned())
                    }
                };
                values.push(v);
            }
            row(&values)?;
            n += 1;
        }
        Ok(n)
    }
}
