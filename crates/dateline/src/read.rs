//! Readers: files and standard input in, [`Document`]s out, one bad record never stopping the rest.
//!
//! Two formats for now:
//! - **text**: the whole file is one article; its id is the file name;
//! - **jsonl**: one record per line, `{"id", "text", "published"?, "title"?, "url"?, "source"?}`.
//!
//! [`Format::Auto`] picks JSON Lines for `.jsonl`/`.ndjson` files and for input whose first
//! non-blank byte is `{`, and text otherwise.

use crate::{Document, Meta};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Decide per input (see the module doc).
    #[default]
    Auto,
    /// One article per file.
    Text,
    /// One JSON record per line.
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(Format::Auto),
            "text" | "txt" => Ok(Format::Text),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            _ => Err(format!(
                "unknown format '{s}': valid formats are auto, text, jsonl"
            )),
        }
    }
}

/// A record that could not be read, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {reason}", .source_name, .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    /// File name, or `-` for standard input.
    pub source_name: String,
    /// 1-based line, for line-oriented formats.
    pub line: Option<usize>,
    /// What is wrong and, where it helps, what to do.
    pub reason: String,
}

/// One item from an input: a document, or a record that could not be read.
pub type Item = Result<Document, InputError>;

/// Opens `path` (`-` for standard input) and returns its records in order.
///
/// The iterator streams JSON Lines (constant memory); a text file is read whole.
pub fn open(
    path: &Path,
    format: Format,
) -> Result<Box<dyn Iterator<Item = Item> + Send>, InputError> {
    let name = path.display().to_string();
    let err = |reason: String| InputError {
        source_name: name.clone(),
        line: None,
        reason,
    };
    let mut reader: Box<dyn BufRead + Send> = if name == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        if path.is_dir() {
            return Err(err("is a directory: give the files in it".into()));
        }
        let f = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
        Box::new(BufReader::with_capacity(1 << 16, f))
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let format = match format {
        Format::Auto if matches!(ext, "jsonl" | "ndjson") => Format::Jsonl,
        Format::Auto if matches!(ext, "txt" | "text") => Format::Text,
        Format::Auto => {
            let head = reader.fill_buf().map_err(|e| err(e.to_string()))?;
            let first = head.iter().find(|b| !b.is_ascii_whitespace());
            if first == Some(&b'{') {
                Format::Jsonl
            } else {
                Format::Text
            }
        }
        f => f,
    };
    match format {
        Format::Jsonl => Ok(Box::new(JsonLines {
            name,
            reader,
            line: 0,
            buf: Vec::new(),
        })),
        _ => {
            let mut bytes = Vec::new();
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| err(e.to_string()))?;
            let id = path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .filter(|_| name != "-")
                .unwrap_or_else(|| "stdin".into());
            Ok(Box::new(std::iter::once(text_document(&name, id, bytes))))
        }
    }
}

/// Checks a whole-file article and makes its document.
fn text_document(name: &str, id: String, bytes: Vec<u8>) -> Item {
    let err = |reason: String| InputError {
        source_name: name.to_string(),
        line: None,
        reason,
    };
    if looks_binary(&bytes) {
        return Err(err("looks like a binary file, not text: skipped".into()));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "not valid UTF-8 (first bad byte at offset {}): convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(err("empty: no text to extract".into()));
    }
    Ok(Document::new(id, text))
}

/// NUL bytes, or many control characters, mean this is not an article.
fn looks_binary(b: &[u8]) -> bool {
    let head = &b[..b.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let ctrl = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    ctrl * 10 > head.len().max(1)
}

struct JsonLines {
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
        };
        let mut doc = Document::new(id, text);
        doc.meta = meta;
        Ok(doc)
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

    #[test]
    fn text_files_are_checked() {
        assert!(text_document("f", "f".into(), b"Hello.".to_vec()).is_ok());
        let e = text_document("f", "f".into(), vec![0xff, 0xfe, b'a']).unwrap_err();
        assert!(e.to_string().contains("not valid UTF-8"), "{e}");
        let e = text_document("f", "f".into(), vec![0, 1, 2, 3]).unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
        let e = text_document("f", "f".into(), b"  \n".to_vec()).unwrap_err();
        assert_eq!(e.to_string(), "f: empty: no text to extract");
    }
}
