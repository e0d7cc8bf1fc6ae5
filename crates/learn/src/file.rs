//! The model file: a readable header, then a compressed, checksummed body of named sections.
//!
//! ```text
//! DATELINE-MODEL\n
//! {"format":1,"kind":"tagger",...}\n      <- one JSON line: see Header
//! <deflate stream of sections>            <- (name, bytes) pairs
//! ```
//!
//! The header is plain text so `head -2 models/tagger.dlm` tells what a model is, how it was
//! trained and how well it scored, without any tool.

use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The model file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;

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

    /// Serializes: header line, then the compressed body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, data) in &self.sections {
            body.extend_from_slice(&(name.len() as u32).to_le_bytes());
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(&(data.len() as u64).to_le_bytes());
            body.extend_from_slice(data);
        }
        let mut header = self.header.clone();
        header.format = FORMAT_VERSION;
        header.body_checksum = format!("{:016x}", body_checksum(&body, FORMAT_VERSION));
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(
            serde_json::to_string(&header)
                .unwrap_or_default()
                .as_bytes(),
        );
        out.push(b'\n');
        let mut z = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = z.write_all(&body);
        z.finish().unwrap_or_default()
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
        // Bodies deflate to about two thirds of their size: room for the whole body up front
        // spares the copies and page faults of growing the buffer while inflating.
        let mut body = Vec::with_capacity(rest.len().saturating_mul(2));
        flate2::read::DeflateDecoder::new(&rest[nl + 1..])
            .read_to_end(&mut body)
            .map_err(|e| bad(&format!("body: {e}")))?;
        if format!("{:016x}", body_checksum(&body, header.format)) != header.body_checksum {
            return Err(Error::Checksum {
                name: name.to_string(),
                kind: header.kind.clone(),
            });
        }
        let mut sections = Vec::new();
        let mut b = body.as_slice();
        while !b.is_empty() {
            let trunc = || bad("truncated section");
            let (l, t) = b.split_at_checked(4).ok_or_else(trunc)?;
            let l = u32::from_le_bytes(l.try_into().map_err(|_| trunc())?) as usize;
            let (n, t) = t.split_at_checked(l).ok_or_else(trunc)?;
            let (l, t) = t.split_at_checked(8).ok_or_else(trunc)?;
            let l = u64::from_le_bytes(l.try_into().map_err(|_| trunc())?) as usize;
            let (d, t) = t.split_at_checked(l).ok_or_else(trunc)?;
            sections.push((String::from_utf8_lossy(n).into_owned(), d.to_vec()));
            b = t;
        }
        Ok(ModelFile { header, sections })
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
/// multiply-xor hash, eight times faster on the tens of megabytes a parser model holds.
fn body_checksum(b: &[u8], format: u32) -> u64 {
    if format < 2 {
        return fnv(b);
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
    for &x in chunks.remainder() {
        h = (h ^ x as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV-1a, 64 bits: a stable checksum that needs no dependency.
fn fnv(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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
        let text = String::from_utf8_lossy(&bytes).replace("\"format\":2", "\"format\":9");
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
    fn still_reads_format_1() {
        // A format-1 file: same layout, body checksummed with byte-wise FNV.
        let m = sample();
        let mut body = Vec::new();
        for (name, data) in &m.sections {
            body.extend_from_slice(&(name.len() as u32).to_le_bytes());
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(&(data.len() as u64).to_le_bytes());
            body.extend_from_slice(data);
        }
        let mut header = m.header.clone();
        header.format = 1;
        header.body_checksum = format!("{:016x}", fnv(&body));
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(serde_json::to_string(&header).unwrap().as_bytes());
        out.push(b'\n');
        let mut z = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        z.write_all(&body).unwrap();
        let bytes = z.finish().unwrap();
        let back = ModelFile::from_bytes(&bytes, "old").expect("format 1 still loads");
        assert_eq!(back.section("labels", "old").unwrap(), b"NN\nVB");
    }
}
