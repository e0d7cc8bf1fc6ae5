//! JSON Lines: one record per line, read one line at a time.

use crate::{Document, InputError, Item, Meta};
use std::io::BufRead;

pub(crate) struct JsonLines {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    buf: Vec<u8>,
}

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(self.err(e.to_string())));
                }
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(self.record());
        }
    }
}

impl JsonLines {
    fn err(&self, reason: String) -> InputError {
        InputError {
            source_name: self.name.clone(),
            line: Some(self.line),
            reason,
        }
    }

    fn record(&self) -> Item {
        let line = std::str::from_utf8(&self.buf).map_err(|e| {
            self.err(format!(
                "not valid UTF-8 (byte {} of the line)",
                e.valid_up_to()
            ))
        })?;
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| self.err(format!("not JSON: {e}")))?;
        let serde_json::Value::Object(mut obj) = value else {
            return Err(self
                .err("not a JSON object: each line must be {\"id\": ..., \"text\": ...}".into()));
        };
        let text = match obj.remove("text") {
            Some(serde_json::Value::String(t)) => t,
            Some(_) => return Err(self.err("field \"text\" is not a string".into())),
            None => {
                return Err(self.err("no \"text\" field: each record needs the article text".into()))
            }
        };
        let mut field = |k: &str| -> Result<Option<String>, InputError> {
            match obj.remove(k) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s)),
                Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
                Some(_) => Err(self.err(format!("field \"{k}\" must be a string"))),
            }
        };
        let id = field("id")?.unwrap_or_else(|| format!("{}:{}", self.name, self.line));
        let meta = Meta {
            published: field("published")?,
            title: field("title")?,
            url: field("url")?,
            source: field("source")?,
            byline: field("byline")?,
            canonical_url: field("canonical_url")?,
        };
        let mut doc = Document::new(id, text);
        doc.meta = meta;
        Ok(doc)
    }
}

impl JsonLines {
    /// Reads records from `reader`; `name` is used in messages.
    pub(crate) fn new(name: String, reader: Box<dyn BufRead + Send>) -> Self {
        JsonLines {
            name,
            reader,
            line: 0,
            buf: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(s: &str) -> Vec<Item> {
        JsonLines {
            name: "in.jsonl".into(),
            reader: Box::new(std::io::Cursor::new(s.as_bytes().to_vec())),
            line: 0,
            buf: Vec::new(),
        }
        .collect()
    }

    #[test]
    fn reads_records_and_reports_bad_lines_by_number() {
        let items = jsonl(
            "{\"id\": \"a\", \"text\": \"One.\", \"published\": \"2025-03-08\"}\n\n[1]\n{\"id\": 7}\nnot json\n{\"text\": \"Two.\"}\n",
        );
        assert_eq!(items.len(), 5);
        let a = items[0].as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.meta.published.as_deref()),
            ("a", Some("2025-03-08"))
        );
        assert_eq!(
            items[1].as_ref().unwrap_err().to_string(),
            "in.jsonl:3: not a JSON object: each line must be {\"id\": ..., \"text\": ...}"
        );
        assert!(items[2]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("in.jsonl:4: no \"text\""));
        assert!(items[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("in.jsonl:5: not JSON"));
        assert_eq!(items[4].as_ref().unwrap().id, "in.jsonl:6");
    }
}
