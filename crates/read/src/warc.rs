//! WARC archives (ISO 28500), plain or gzip: the HTML responses inside, one record at a time.
//!
//! Only what a news archive needs: `response` records (an HTTP response, as Common Crawl News
//! stores them) and `resource` records, whose payload is HTML. Other records (`request`,
//! `metadata`, `warcinfo`, images, redirects) are passed over without a word, since they are not
//! articles. Memory stays constant: each record is read, turned into a document and dropped.
//!
//! A gzip archive is a series of gzip members, one per record; a damaged or truncated one ends
//! the archive with an error naming the first record that could not be read, after every record
//! before it has been returned.

use crate::{html_document, InputError, Item, Result, MAX_ARTICLE_BYTES};
use flate2::bufread::MultiGzDecoder;
use std::io::{BufRead, BufReader, Read};

pub(crate) struct WarcReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    /// Records started so far (1-based number of the current one).
    record: usize,
    done: bool,
    line: Vec<u8>,
}

/// The WARC headers dateline uses.
#[derive(Default)]
struct Head {
    kind: String,
    uri: Option<String>,
    content_type: String,
    length: Option<u64>,
}

impl WarcReader {
    /// Reads records from `reader`, gunzipping when it starts with the gzip magic bytes.
    pub(crate) fn new(name: String, mut reader: Box<dyn BufRead + Send>) -> Result<Self> {
        let head = reader
            .fill_buf()
            .map_err(|e| InputError::new(&name, None, e.to_string()))?;
        let reader: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            Box::new(BufReader::with_capacity(
                1 << 16,
                MultiGzDecoder::new(reader),
            ))
        } else {
            reader
        };
        Ok(WarcReader {
            name,
            reader,
            record: 0,
            done: false,
            line: Vec::new(),
        })
    }

    fn err(&self, reason: impl Into<String>) -> InputError {
        InputError::new(&self.name, Some(self.record), reason)
    }

    /// Ends the archive with an error: nothing after damage can be trusted to be aligned.
    fn damaged(&mut self, what: &str) -> Option<Item> {
        self.done = true;
        let before = self.record.saturating_sub(1);
        Some(Err(self.err(format!(
            "archive is truncated or damaged at record {} ({what}); the {before} records before \
             it were read",
            self.record
        ))))
    }

    /// Reads one header line into `self.line`, without its line ending; `Ok(false)` at the end.
    fn read_line(&mut self) -> std::io::Result<bool> {
        self.line.clear();
        if self.reader.read_until(b'\n', &mut self.line)? == 0 {
            return Ok(false);
        }
        while matches!(self.line.last(), Some(b'\n' | b'\r')) {
            self.line.pop();
        }
        Ok(true)
    }

    fn read_head(&mut self) -> std::result::Result<Head, String> {
        let mut head = Head::default();
        loop {
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => return Err("the archive ends inside a record's headers".into()),
                Err(e) => return Err(e.to_string()),
            }
            if self.line.is_empty() {
                return Ok(head);
            }
            let line = String::from_utf8_lossy(&self.line);
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "warc-type" => head.kind = v.to_ascii_lowercase(),
                "warc-target-uri" => head.uri = Some(v.trim_matches(['<', '>']).to_string()),
                "content-type" => head.content_type = v.to_ascii_lowercase(),
                "content-length" => head.length = v.parse().ok(),
                _ => {}
            }
        }
    }

    fn skip(&mut self, n: u64) -> std::io::Result<u64> {
        std::io::copy(&mut (&mut self.reader).take(n), &mut std::io::sink())
    }
}

impl Iterator for WarcReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            // The version line, after the blank lines that end the previous record.
            match self.read_line() {
                Ok(false) => return None,
                Ok(true) if self.line.is_empty() => continue,
                Ok(true) => {}
                Err(e) => {
                    self.record += 1;
                    return self.damaged(&e.to_string());
                }
            }
            self.record += 1;
            if !self.line.starts_with(b"WARC/") {
                let found = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]);
                return self.damaged(&format!("expected a WARC/1.x record, found '{found}'"));
            }
            let head = match self.read_head() {
                Ok(h) => h,
                Err(e) => return self.damaged(&e),
            };
            let Some(len) = head.length else {
                return self.damaged("record has no Content-Length");
            };
            let wanted = match head.kind.as_str() {
                "response" => head.content_type.starts_with("application/http"),
                "resource" => head.content_type.contains("html"),
                _ => false,
            };
            if !wanted || len > MAX_ARTICLE_BYTES {
                match self.skip(len) {
                    Ok(n) if n == len => {}
                    Ok(_) => return self.damaged("the archive ends inside a record"),
                    Err(e) => return self.damaged(&e.to_string()),
                }
                if wanted {
                    return Some(Err(
                        self.err(format!("{len} bytes is too long for one web page: skipped"))
                    ));
                }
                continue;
            }
            let mut block = Vec::with_capacity(len as usize);
            match (&mut self.reader).take(len).read_to_end(&mut block) {
                Ok(n) if n as u64 == len => {}
                Ok(_) => return self.damaged("the archive ends inside a record"),
                Err(e) => return self.damaged(&e.to_string()),
            }
            let uri = head.uri.clone();
            let id = uri
                .clone()
                .unwrap_or_else(|| format!("{}#{}", self.name, self.record));
            let (charset, body) = if head.kind == "response" {
                match http_payload(&block) {
                    Ok(Some(p)) => p,
                    Ok(None) => continue, // not an HTML page, or not a 2xx answer
                    Err(e) => return Some(Err(self.err(e))),
                }
            } else {
                (charset_of(&head.content_type), block)
            };
            let item = html_document(&self.name, id, &body, charset.as_deref(), uri.as_deref())
                .map_err(|e| self.err(e.reason));
            return Some(item);
        }
    }
}

/// A response body and the charset its headers declare.
type Payload = (Option<String>, Vec<u8>);

/// The body of an HTTP response and the charset its headers declare, or `None` when it is not
/// a successful HTML response. Undoes chunked transfer and gzip content encoding.
fn http_payload(block: &[u8]) -> std::result::Result<Option<Payload>, String> {
    let (head_end, sep) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => match find(block, b"\n\n") {
            Some(i) => (i, 2),
            None => return Err("HTTP response has no end of headers".into()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let (mut ctype, mut chunked, mut gzip) = (String::new(), false, false);
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().to_ascii_lowercase();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ctype = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => gzip = v.contains("gzip"),
                _ => {}
            }
        }
    }
    if !ctype.is_empty() && !ctype.contains("html") {
        return Ok(None);
    }
    let mut body = block[head_end + sep..].to_vec();
    if chunked {
        body = dechunk(&body).ok_or("HTTP chunked body is damaged")?;
    }
    if gzip {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&body[..])
            .take(MAX_ARTICLE_BYTES)
            .read_to_end(&mut out)
            .map_err(|e| format!("HTTP body is declared gzip but does not gunzip: {e}"))?;
        body = out;
    }
    Ok(Some((charset_of(&ctype), body)))
}

/// `text/html; charset=ISO-8859-1` -> `iso-8859-1`.
fn charset_of(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .next()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = find(b, b"\r\n")?;
        let size = std::str::from_utf8(&b[..nl]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        b = &b[nl + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    const PAGE: &str = "<html><head><title>Port strike ends</title></head><body><nav>Home</nav>\
        <article><p>Dock workers in Valparaíso ended a nine-day strike on Friday after the port \
        company agreed to raise night-shift pay by twelve percent, the union said.</p>\
        <p>Ships that had waited outside the bay began to unload on Saturday morning.</p>\
        </article><footer>Copyright Example News</footer></body></html>";

    /// One WARC record with the given type, target and block.
    pub(crate) fn record(kind: &str, uri: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: \
             <urn:uuid:{uri}>\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    /// An HTTP response record for a page.
    pub(crate) fn response(uri: &str, html: &str) -> Vec<u8> {
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        record(
            "response",
            uri,
            "application/http; msgtype=response",
            http.as_bytes(),
        )
    }

    /// Each record gzipped as its own member, as `.warc.gz` files are.
    pub(crate) fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(r).unwrap();
            out.extend(gz.finish().unwrap());
        }
        out
    }

    fn read(bytes: Vec<u8>) -> Vec<Item> {
        WarcReader::new("a.warc.gz".into(), Box::new(std::io::Cursor::new(bytes)))
            .unwrap()
            .collect()
    }

    fn archive() -> Vec<Vec<u8>> {
        vec![
            record(
                "warcinfo",
                "",
                "application/warc-fields",
                b"software: test\r\n",
            ),
            response("https://news.example/a", PAGE),
            record(
                "request",
                "https://news.example/a",
                "application/http",
                b"GET /a HTTP/1.1\r\n\r\n",
            ),
            record(
                "response",
                "https://news.example/logo.png",
                "application/http; msgtype=response",
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
            ),
            record(
                "response",
                "https://news.example/old",
                "application/http; msgtype=response",
                b"HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\n",
            ),
            response(
                "https://news.example/b",
                &PAGE.replace("Valparaíso", "San Antonio"),
            ),
        ]
    }

    #[test]
    fn plain_and_gzip_archives_yield_the_html_responses() {
        for bytes in [archive().concat(), gzip_members(&archive())] {
            let items = read(bytes);
            assert_eq!(items.len(), 2, "{items:?}");
            let a = items[0].as_ref().unwrap();
            assert_eq!(a.id, "https://news.example/a");
            assert_eq!(a.meta.url.as_deref(), Some("https://news.example/a"));
            assert_eq!(a.meta.title.as_deref(), Some("Port strike ends"));
            assert!(
                a.text.starts_with("Dock workers in Valparaíso"),
                "{}",
                a.text
            );
            assert!(!a.text.contains("Copyright"));
            assert!(items[1].as_ref().unwrap().text.contains("San Antonio"));
        }
    }

    #[test]
    fn a_truncated_gzip_archive_yields_the_records_before_and_an_error() {
        let whole = gzip_members(&archive());
        let cut = whole[..whole.len() - 40].to_vec();
        let items = read(cut);
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items[0].is_ok());
        let e = items[1].as_ref().unwrap_err().to_string();
        assert!(
            e.starts_with("a.warc.gz:6: archive is truncated or damaged at record 6"),
            "{e}"
        );
        // Garbage instead of a record ends the archive too.
        let items = read(b"WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\nHELLO\r\n".to_vec());
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("expected a WARC/1.x record"));
    }

    #[test]
    fn chunked_and_gzip_http_bodies_are_undone() {
        let body = b"<p>hi</p>";
        let chunked = [b"9\r\n".as_slice(), body, b"\r\n0\r\n\r\n"].concat();
        assert_eq!(dechunk(&chunked).unwrap(), body);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(body).unwrap();
        let http = [
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Encoding: gzip\r\n\r\n".as_slice(),
            &gz.finish().unwrap(),
        ]
        .concat();
        let (charset, out) = http_payload(&http).unwrap().unwrap();
        assert_eq!(
            (charset.as_deref(), out.as_slice()),
            (Some("iso-8859-1"), body.as_slice())
        );
    }
}
