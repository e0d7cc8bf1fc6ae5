//! The model file: a readable header, then a checksummed body of named sections.
//!
//! ```text
//! DATELINE-MODEL\n
//! {"format":4,"kind":"tagger",...}\n      <- one JSON line: see Header
//! <sections>                              <- (name, bytes) pairs
//! ```
//!
//! Formats 1 to 3 deflated the body. Format 4 stores it as it is: its weight rows are already
//! compact (see `Weights::to_bytes`), deflate saved only a fifth of them, and inflating the
//! parser's twenty megabytes was the largest single cost of starting up.
//!
//! The header is plain text so `head -2 models/tagger.dlm` tells what a model is, how it was
//! trained and how well it scored, without any tool.

use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The model file format this build reads and writes. Format 3 stores weight rows compactly
/// (see `Weights::to_bytes`); format 4 keeps 40 bits of each feature key (see
/// [`crate::KEY_BITS`]) and leaves the body uncompressed. An older build refuses a newer file
/// with a clear message rather than misreading it.
pub const FORMAT_VERSION: u32 = 4;

/// The first format whose body is not deflated.
const FIRST_RAW: u32 = 4;

/// The oldest format this build still reads (format 1 checksummed the body byte by byte).
const OLDEST_READABLE: u32 = 1;

const MAGIC: &[u8] = b"DATELINE-MODEL\n";

/// Errors loading or saving a model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The model file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The bytes are not a dateline model.
    #[error("{name}: not a dateline model file ({reason})")]
    NotAModel {
        /// The model file or embedded model name.
        name: String,
        /// What was wrong.
        reason: String,
    },
    /// Written by another format version.
    #[error("{name}: {kind} model is format {found}, this build reads {OLDEST_READABLE} to {FORMAT_VERSION}: run `dateline train {kind}`")]
    Version {
        /// The model file or embedded model name.
        name: String,
        /// Model kind from the header.
        kind: String,
        /// The version found.
        found: u32,
    },
    /// The body does not match the checksum in the header.
    #[error("{name}: model body is corrupt (checksum mismatch): run `dateline train {kind}` or restore the file")]
    Checksum {
        /// The model file or embedded model name.
        name: String,
        /// Model kind from the header.
        kind: String,
    },
    /// A section a stage needs is missing or malformed.
    #[error("{name}: model section '{section}' is missing or malformed")]
    Section {
        /// The model file or embedded model name.
        name: String,
        /// Section name.
        section: String,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// What a model is and how it was made.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// File format version ([`FORMAT_VERSION`]).
    pub format: u32,
    /// Which stage the model serves ("tagger", "parser", ...).
    pub kind: String,
    /// Name and version of the feature set; a stage refuses a model whose features it does not
    /// extract.
    pub features: String,
    /// The training files, as given to `dateline train`.
    pub data: Vec<String>,
    /// Checksum of the training files' contents.
    pub data_checksum: String,
    /// Scores on the dev data at the chosen epoch ("upos": 0.95, ...).
    pub dev_score: serde_json::Map<String, serde_json::Value>,
    /// Seed of the training run.
    pub seed: u64,
    /// Epochs trained (the best by dev score).
    pub epochs: u32,
    /// Checksum of the uncompressed body, checked on load.
    pub body_checksum: String,
}

/// A header and named binary sections.
#[derive(Clone, Debug, Default)]
pub struct ModelFile {
    /// What the model is.
    pub header: Header,
    /// Named sections, in order: weights, label tables, dictionaries.
    pub sections: Vec<(String, Vec<u8>)>,
}

impl ModelFile {
    /// The bytes of a section, or an error naming it.
    pub fn section(&self, name: &str, file: &str) -> Result<&[u8]> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
            .ok_or_else(|| Error::Section {
                name: file.to_string(),
                section: name.to_string(),
            })
    }

    /// Serializes: header line, then the body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut header = self.header.clone();
        header.format = FORMAT_VERSION;
        header.body_checksum = format!("{:016x}", self.body_checksum(FORMAT_VERSION));
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(
            serde_json::to_string(&header)
                .unwrap_or_default()
                .as_bytes(),
        );
        out.push(b'\n');
        out.extend_from_slice(&self.body());
        out
    }

    /// Parses model bytes; `name` (a path or "embedded tagger") names it in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<ModelFile> {
        let bad = |reason: &str| Error::NotAModel {
            name: name.to_string(),
            reason: reason.to_string(),
        };
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("no DATELINE-MODEL line"))?;
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("no header line"))?;
        let header: Header =
            serde_json::from_slice(&rest[..nl]).map_err(|e| bad(&format!("header: {e}")))?;
        if !(OLDEST_READABLE..=FORMAT_VERSION).contains(&header.format) {
            return Err(Error::Version {
                name: name.to_string(),
                kind: header.kind.clone(),
                found: header.format,
            });
        }
        let body = &rest[nl + 1..];
        let sections = if header.format >= FIRST_RAW {
            raw_sections(body)
        } else {
            inflate_sections(body)
        }
        .map_err(|reason| bad(&reason))?;
        let m = ModelFile { header, sections };
        if format!("{:016x}", m.body_checksum(m.header.format)) != m.header.body_checksum {
            return Err(Error::Checksum {
                name: name.to_string(),
                kind: m.header.kind.clone(),
            });
        }
        Ok(m)
    }

    /// The body checksum of `format`, over the sections as [`ModelFile::body`] lays them out.
    fn body_checksum(&self, format: u32) -> u64 {
        let len = self
            .sections
            .iter()
            .map(|(name, data)| 12 + name.len() + data.len())
            .sum();
        let mut h = BodyHash::new(format, len);
        for (name, data) in &self.sections {
            h.write(&(name.len() as u32).to_le_bytes());
            h.write(name.as_bytes());
            h.write(&(data.len() as u64).to_le_bytes());
            h.write(data);
        }
        h.finish()
    }

    /// The uncompressed body.
    fn body(&self) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, data) in &self.sections {
            body.extend_from_slice(&(name.len() as u32).to_le_bytes());
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(&(data.len() as u64).to_le_bytes());
            body.extend_from_slice(data);
        }
        body
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<ModelFile> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        ModelFile::from_bytes(&bytes, &path.display().to_string())
    }

    /// Writes a model file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// The body checksum of a format: FNV-1a byte by byte in format 1; from format 2 a word-at-a-time
/// multiply-xor hash, eight times faster on the tens of megabytes a parser model holds. It is fed
/// in pieces (a section's header, then its data) so a body read section by section is never
/// copied into one buffer to be checked.
struct BodyHash {
    format: u32,
    h: u64,
    /// Bytes of an 8-byte word split between two pieces.
    tail: [u8; 8],
    n: usize,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl BodyHash {
    /// A hash of a body of `len` bytes (format 2 mixes the length in first).
    fn new(format: u32, len: usize) -> BodyHash {
        let h = if format < 2 {
            FNV_OFFSET
        } else {
            FNV_OFFSET ^ len as u64
        };
        BodyHash {
            format,
            h,
            tail: [0; 8],
            n: 0,
        }
    }

    #[inline]
    fn word(&mut self, w: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(w))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }

    fn write(&mut self, mut b: &[u8]) {
        if self.format < 2 {
            self.h = b
                .iter()
                .fold(self.h, |h, &x| (h ^ x as u64).wrapping_mul(FNV_PRIME));
            return;
        }
        if self.n > 0 {
            let take = (8 - self.n).min(b.len());
            self.tail[self.n..self.n + take].copy_from_slice(&b[..take]);
            self.n += take;
            b = &b[take..];
            if self.n < 8 {
                return;
            }
            self.word(self.tail);
            self.n = 0;
        }
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.word(w);
        }
        let r = chunks.remainder();
        self.tail[..r.len()].copy_from_slice(r);
        self.n = r.len();
    }

    /// The last bytes, fewer than a word, go in one at a time.
    fn finish(self) -> u64 {
        self.tail[..self.n]
            .iter()
            .fold(self.h, |h, &x| (h ^ x as u64).wrapping_mul(FNV_PRIME))
    }
}

type Sections = Vec<(String, Vec<u8>)>;

/// The sections of an uncompressed body (format 4 on); the error says what is wrong.
fn raw_sections(mut body: &[u8]) -> std::result::Result<Sections, String> {
    fn take<'a>(b: &mut &'a [u8], n: u64) -> std::result::Result<&'a [u8], String> {
        let n = usize::try_from(n).map_err(|_| "truncated section")?;
        let (head, tail) = b.split_at_checked(n).ok_or("truncated section")?;
        *b = tail;
        Ok(head)
    }
    let mut sections = Vec::new();
    while !body.is_empty() {
        let n = u32::from_le_bytes(take(&mut body, 4)?.try_into().unwrap_or_default());
        let name = String::from_utf8_lossy(take(&mut body, n.into())?).into_owned();
        let l = u64::from_le_bytes(take(&mut body, 8)?.try_into().unwrap_or_default());
        let data = take(&mut body, l)?;
        // Tens of megabytes of weights go on huge pages: fewer page faults to fill them.
        let mut d = crate::huge_vec(data.len());
        d.extend_from_slice(data);
        sections.push((name, d));
    }
    Ok(sections)
}

/// The sections of a deflated body (formats 1 to 3); the error says what is wrong.
fn inflate_sections(body: &[u8]) -> std::result::Result<Sections, String> {
    // Sections are inflated straight into their own buffers: going through one buffer for
    // the whole body would copy (and page in) the tens of megabytes of a parser twice.
    let mut z = flate2::read::DeflateDecoder::new(body);
    let trunc = || "truncated section".to_string();
    let mut sections = Vec::new();
    loop {
        let mut l = [0u8; 4];
        match read_full(&mut z, &mut l).map_err(|e| format!("body: {e}"))? {
            0 => break,
            4 => {}
            _ => return Err(trunc()),
        }
        let mut n = vec![0u8; u32::from_le_bytes(l) as usize];
        z.read_exact(&mut n).map_err(|_| trunc())?;
        let mut l = [0u8; 8];
        z.read_exact(&mut l).map_err(|_| trunc())?;
        let l = u64::from_le_bytes(l);
        // A corrupt length must not reserve absurd memory: deflate expands at most ~1000x.
        let room = (l as usize).min(body.len().saturating_mul(1032));
        let mut d = Vec::with_capacity(room);
        (&mut z)
            .take(l)
            .read_to_end(&mut d)
            .map_err(|e| format!("body: {e}"))?;
        if d.len() as u64 != l {
            return Err(trunc());
        }
        sections.push((String::from_utf8_lossy(&n).into_owned(), d));
    }
    Ok(sections)
}

/// Reads until `buf` is full or the stream ends; the number of bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// FNV-1a, 64 bits: a stable checksum that needs no dependency.
fn fnv(b: &[u8]) -> u64 {
    let mut h = BodyHash::new(1, b.len());
    h.write(b);
    h.finish()
}

/// Checksum of several files' contents, for the header's `data_checksum`.
pub fn checksum_files(paths: &[PathBuf]) -> Result<String> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in paths {
        let b = std::fs::read(p).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?;
        h ^= fnv(&b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Ok(format!("{h:016x}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn sample() -> ModelFile {
        ModelFile {
            header: Header {
                kind: "tagger".into(),
                features: "tagger-v1".into(),
                seed: 7,
                ..Default::default()
            },
            sections: vec![
                ("a".into(), vec![1, 2, 3]),
                ("labels".into(), b"NN\nVB".to_vec()),
            ],
        }
    }

    #[test]
    fn round_trips_and_checks() {
        let bytes = sample().to_bytes();
        let back = ModelFile::from_bytes(&bytes, "m").unwrap();
        assert_eq!(back.header.kind, "tagger");
        assert_eq!(back.section("labels", "m").unwrap(), b"NN\nVB");
        assert!(back.section("nope", "m").is_err());
        assert!(matches!(
            ModelFile::from_bytes(b"hello", "m"),
            Err(Error::NotAModel { .. })
        ));
    }

    #[test]
    fn detects_other_versions_and_corruption() {
        let mut bytes = sample().to_bytes();
        let text = String::from_utf8_lossy(&bytes)
            .replace(&format!("\"format\":{FORMAT_VERSION}"), "\"format\":9");
        let err = ModelFile::from_bytes(text.as_bytes(), "m").unwrap_err();
        assert!(
            err.to_string().contains("run `dateline train tagger`"),
            "{err}"
        );
        let last = bytes.len() - 3;
        bytes[last] ^= 0xff;
        assert!(ModelFile::from_bytes(&bytes, "m").is_err());
    }

    #[test]
    fn the_checksum_does_not_depend_on_how_the_body_is_cut() {
        let body: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for format in [1, 2] {
            let mut whole = BodyHash::new(format, body.len());
            whole.write(&body);
            let whole = whole.finish();
            for cuts in [[1, 2, 3], [7, 8, 9], [5, 500, 501], [0, 0, 999]] {
                let mut h = BodyHash::new(format, body.len());
                let mut at = 0;
                for c in cuts {
                    h.write(&body[at..c]);
                    at = c;
                }
                h.write(&body[at..]);
                assert_eq!(h.finish(), whole, "format {format}, cuts {cuts:?}");
            }
        }
    }

    #[test]
    fn a_truncated_body_is_an_error() {
        let bytes = sample().to_bytes();
        for cut in [1, 2, 5, 12] {
            let err = ModelFile::from_bytes(&bytes[..bytes.len() - cut], "cut").unwrap_err();
            assert!(err.to_string().contains("truncated"), "{err}");
        }
        let m = sample();
        let mut body = m.body();
        body.truncate(body.len() - 2);
        let mut header = m.header.clone();
        header.format = 3;
        let err = ModelFile::from_bytes(&deflated_file(&header, &body), "cut").unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
    }

    #[test]
    fn still_reads_deflated_format_3() {
        let m = sample();
        let mut header = m.header.clone();
        header.format = 3;
        header.body_checksum = format!("{:016x}", m.body_checksum(3));
        let back = ModelFile::from_bytes(&deflated_file(&header, &m.body()), "old")
            .expect("format 3 still loads");
        assert_eq!(back.sections, m.sections);
    }

    /// A deflated model file (formats 1 to 3) written by hand.
    fn deflated_file(header: &Header, body: &[u8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(serde_json::to_string(header).unwrap().as_bytes());
        out.push(b'\n');
        let mut z = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        z.write_all(body).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn still_reads_format_1() {
        // A format-1 file: same layout, body checksummed with byte-wise FNV.
        let m = sample();
        let body = m.body();
        let mut header = m.header.clone();
        header.format = 1;
        header.body_checksum = format!("{:016x}", fnv(&body));
        let back = ModelFile::from_bytes(&deflated_file(&header, &body), "old")
            .expect("format 1 still loads");
        assert_eq!(back.section("labels", "old").unwrap(), b"NN\nVB");
    }
}
