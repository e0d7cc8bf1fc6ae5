//! Readers: files, directories and standard input in, [`Document`]s out, streaming, one bad
//! record never stopping the rest.
//!
//! Four formats:
//! - **text**: the whole file is one article; its id is the file name;
//! - **jsonl**: one record per line, `{"id", "text", "published"?, "title"?, "url"?, "source"?}`;
//! - **html**: one saved web page per file; the article body is separated from navigation, ads,
//!   related links and comments, and the metadata (title, publication date, byline, site name,
//!   canonical URL) is taken from meta tags, JSON-LD or the URL ([`html::extract`]);
//! - **warc**: a web archive, plain or gzip (`.warc.gz`, as Common Crawl News ships it); every
//!   HTML response inside is read as an html page, one record at a time.
//!
//! [`open`] turns one path into an iterator of [`Item`]s: JSON Lines and WARC stream with
//! constant memory; a text or HTML file is read whole, and refused above [`MAX_ARTICLE_BYTES`]
//! (no article is that long; a file that big is a dump in the wrong format). [`expand`] turns
//! directory arguments into the supported files below them, sorted, so a run is reproducible.
//!
//! ```
//! use dateline_read::html;
//! let page = html::extract(
//!     b"<html><head><title>Rain</title><meta property='article:published_time' content='2025-03-08T10:00Z'></head>
//!       <body><nav>Home | World</nav><article><p>It rained in Lisbon on Saturday, the first rain in
//!       forty days, and farmers said the harvest may yet be saved.</p></article>
//!       <footer>Copyright 2025</footer></body></html>",
//!     None,
//!     None,
//! ).unwrap();
//! assert!(page.text.starts_with("It rained in Lisbon"));
//! assert!(!page.text.contains("Copyright"));
//! assert_eq!(page.meta.published.as_deref(), Some("2025-03-08"));
//! ```
#![warn(missing_docs)]

pub mod html;
mod jsonl;
mod text;
mod walk;
mod warc;

pub use dateline_document::{Document, Meta};
pub use walk::{expand, is_supported};

use std::io::{BufRead, BufReader};
use std::path::Path;

/// Largest text or HTML file read as one article (10 MB). Longer files are refused with a
/// message rather than read whole: they are almost always a dump that should be JSON Lines.
pub const MAX_ARTICLE_BYTES: u64 = 10 << 20;

/// Input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Decide per input (see the crate doc and [`detect`]).
    #[default]
    Auto,
    /// One article per file.
    Text,
    /// One JSON record per line.
    Jsonl,
    /// One web page per file.
    Html,
    /// A WARC archive, plain or gzip.
    Warc,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "auto" => Ok(Format::Auto),
            "text" | "txt" => Ok(Format::Text),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "html" | "htm" => Ok(Format::Html),
            "warc" => Ok(Format::Warc),
            _ => Err(format!(
                "unknown format '{s}': valid formats are auto, text, jsonl, html, warc"
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
    /// 1-based line for JSON Lines, 1-based record number for WARC.
    pub line: Option<usize>,
    /// What is wrong and, where it helps, what to do.
    pub reason: String,
}

impl InputError {
    pub(crate) fn new(source_name: &str, line: Option<usize>, reason: impl Into<String>) -> Self {
        InputError {
            source_name: source_name.to_string(),
            line,
            reason: reason.into(),
        }
    }
}

/// `Result` with this crate's [`InputError`].
pub type Result<T> = std::result::Result<T, InputError>;

/// One item from an input: a document, or a record that could not be read.
pub type Item = Result<Document>;

/// The format of a file named `path` whose first bytes are `head`.
///
/// The extension decides when it is known (`.txt`, `.jsonl`/`.ndjson`, `.html`/`.htm`,
/// `.warc`/`.warc.gz`); otherwise the content: `{` is JSON Lines, `WARC/` or gzip is WARC,
/// `<html` or `<!doctype` is HTML, anything else text.
pub fn detect(path: &Path, head: &[u8]) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        return Format::Warc;
    }
    match name.rsplit('.').next().unwrap_or("") {
        "jsonl" | "ndjson" => return Format::Jsonl,
        "txt" | "text" => return Format::Text,
        "html" | "htm" | "xhtml" => return Format::Html,
        _ => {}
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    let lower: Vec<u8> = head.iter().take(64).map(u8::to_ascii_lowercase).collect();
    if head.starts_with(b"{") {
        Format::Jsonl
    } else if head.starts_with(b"WARC/") || head.starts_with(&[0x1f, 0x8b]) {
        Format::Warc
    } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Opens `path` (`-` for standard input) and returns its records in order.
///
/// JSON Lines and WARC stream (constant memory); a text or HTML file is read whole, up to
/// [`MAX_ARTICLE_BYTES`]. A directory is an error here: pass it through [`expand`] first.
pub fn open(path: &Path, format: Format) -> Result<Box<dyn Iterator<Item = Item> + Send>> {
    let name = path.display().to_string();
    let err = |reason: String| InputError::new(&name, None, reason);
    let stdin = name == "-";
    let reader: Box<dyn BufRead + Send> = if stdin {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        if path.is_dir() {
            return Err(err("is a directory: give the files in it".into()));
        }
        let f = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
        if let Ok(m) = f.metadata() {
            if m.len() > MAX_ARTICLE_BYTES {
                let head = &mut [0u8; 64];
                let n = std::io::Read::read(&mut &f, head).unwrap_or(0);
                if !matches!(detect(path, &head[..n]), Format::Jsonl | Format::Warc)
                    && !matches!(format, Format::Jsonl | Format::Warc)
                {
                    return Err(err(format!(
                        "{:.1} MB is too long for one article (limit {} MB): split it into \
                         articles, one per file or one JSON Lines record each",
                        m.len() as f64 / (1 << 20) as f64,
                        MAX_ARTICLE_BYTES >> 20
                    )));
                }
                std::io::Seek::rewind(&mut &f).map_err(|e| err(e.to_string()))?;
            }
        }
        Box::new(BufReader::with_capacity(1 << 16, f))
    };
    from_reader(path, reader, format)
}

/// Reads the records of an input held in memory (articles bundled into a binary, tests);
/// `name` names it in messages and decides the format as a file name would.
pub fn open_bytes(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
) -> Result<Box<dyn Iterator<Item = Item> + Send>> {
    from_reader(
        Path::new(name),
        Box::new(std::io::Cursor::new(bytes)),
        format,
    )
}

fn from_reader(
    path: &Path,
    mut reader: Box<dyn BufRead + Send>,
    format: Format,
) -> Result<Box<dyn Iterator<Item = Item> + Send>> {
    let name = path.display().to_string();
    let err = |reason: String| InputError::new(&name, None, reason);
    let stdin = name == "-";
    let format = match format {
        Format::Auto => {
            let head = reader.fill_buf().map_err(|e| err(e.to_string()))?;
            detect(path, head)
        }
        f => f,
    };
    let id = || {
        path.file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .filter(|_| !stdin)
            .unwrap_or_else(|| "stdin".into())
    };
    match format {
        Format::Jsonl => Ok(Box::new(jsonl::JsonLines::new(name, reader))),
        Format::Warc => Ok(Box::new(warc::WarcReader::new(name, reader)?)),
        Format::Html | Format::Text | Format::Auto => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(reader, MAX_ARTICLE_BYTES + 1),
                &mut bytes,
            )
            .map_err(|e| err(e.to_string()))?;
            if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                return Err(err(format!(
                    "longer than {} MB, too long for one article: split it into articles",
                    MAX_ARTICLE_BYTES >> 20
                )));
            }
            let item = if format == Format::Html {
                html_document(&name, id(), &bytes, None, None)
            } else {
                text::text_document(&name, id(), bytes)
            };
            Ok(Box::new(std::iter::once(item)))
        }
    }
}

/// Makes a document of a web page: the extracted body as text, the page's metadata as [`Meta`].
fn html_document(
    name: &str,
    id: String,
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
) -> Item {
    if text::looks_binary(bytes) {
        return Err(InputError::new(
            name,
            None,
            "looks like a binary file, not a web page: skipped",
        ));
    }
    let page = html::extract(bytes, charset, url).map_err(|e| InputError::new(name, None, e))?;
    let mut doc = Document::new(id, page.text);
    doc.meta = page.meta;
    Ok(doc)
}
