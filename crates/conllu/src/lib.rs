//! CoNLL-U in and out.
//!
//! Reading gives [`Sentence`]s with their surface tokens (multi-word tokens kept) and syntactic
//! words, and [`GoldDocument`]s: the raw text of each treebank document rebuilt from its
//! `# text` lines, with the gold token, word and sentence spans placed on it. Training uses the
//! words; `dateline eval ud` feeds only the raw text to the pipeline and writes the result with
//! [`write_document`].
#![warn(missing_docs)]

use dateline_document::{Document, Span};
use std::io::{BufRead, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Errors reading CoNLL-U.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A line that is not valid CoNLL-U.
    #[error("{path}:{line}: {reason}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// One syntactic word row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Treebank POS tag.
    pub xpos: String,
    /// Head, 1-based within the sentence; 0 for the root.
    pub head: usize,
    /// Relation to the head, with subtype.
    pub deprel: String,
}

/// A surface token: a plain word or a multi-word token range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Surface form.
    pub form: String,
    /// Indices into [`Sentence::words`].
    pub words: Range<usize>,
    /// False when `SpaceAfter=No`.
    pub space_after: bool,
}

/// One sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text`, or the tokens joined by their spacing when the line is missing.
    pub text: String,
    /// `# newdoc id`, when this sentence starts a document.
    pub newdoc: Option<String>,
    /// True when this sentence starts a paragraph (`# newpar`) or a document.
    pub newpar: bool,
    /// Surface tokens.
    pub tokens: Vec<Token>,
    /// Syntactic words.
    pub words: Vec<Word>,
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read(std::io::BufReader::new(file), path)
}

/// Reads CoNLL-U from any reader; `path` names it in errors.
pub fn read(reader: impl BufRead, path: &Path) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut has_text = false;
    let mut mwt_end = 0usize;
    let fmt = |line: usize, reason: String| Error::Format {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let mut lineno = 0;
    for line in reader.lines() {
        lineno += 1;
        let line = line.map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                finish(&mut cur, has_text);
                out.push(std::mem::take(&mut cur));
            }
            has_text = false;
            mwt_end = 0;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(v) = c.strip_prefix("newdoc") {
                cur.newdoc = Some(
                    v.trim_start()
                        .trim_start_matches("id")
                        .trim_start()
                        .trim_start_matches('=')
                        .trim()
                        .to_string(),
                );
                cur.newpar = true;
            } else if c.starts_with("newpar") {
                cur.newpar = true;
            } else if let Some(v) = c.strip_prefix("sent_id") {
                cur.id = v.trim_start().trim_start_matches('=').trim().to_string();
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = v.trim().to_string();
                has_text = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(fmt(
                lineno,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node
        }
        let space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = id.split_once('-') {
            let a: usize = a
                .parse()
                .map_err(|_| fmt(lineno, format!("bad id '{id}'")))?;
            let b: usize = b
                .parse()
                .map_err(|_| fmt(lineno, format!("bad id '{id}'")))?;
            if b < a {
                return Err(fmt(lineno, format!("bad range '{id}'")));
            }
            cur.tokens.push(Token {
                form: cols[1].to_string(),
                words: a - 1..b,
                space_after,
            });
            mwt_end = b;
            continue;
        }
        let n: usize = id
            .parse()
            .map_err(|_| fmt(lineno, format!("bad id '{id}'")))?;
        if n != cur.words.len() + 1 {
            return Err(fmt(lineno, format!("word id {n} out of sequence")));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h
                .parse()
                .map_err(|_| fmt(lineno, format!("bad head '{h}'")))?,
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
        if n > mwt_end {
            cur.tokens.push(Token {
                form: cols[1].to_string(),
                words: n - 1..n,
                space_after,
            });
        }
    }
    if !cur.words.is_empty() {
        finish(&mut cur, has_text);
        out.push(cur);
    }
    Ok(out)
}

fn finish(s: &mut Sentence, has_text: bool) {
    if !has_text {
        let mut t = String::new();
        for tok in &s.tokens {
            t.push_str(&tok.form);
            if tok.space_after {
                t.push(' ');
            }
        }
        s.text = t.trim_end().to_string();
    }
}

/// A treebank document rebuilt as raw text, with the gold segmentation placed on it.
#[derive(Clone, Debug, Default)]
pub struct GoldDocument {
    /// `# newdoc id`, or a made-up one.
    pub id: String,
    /// Sentence texts joined by a space inside a paragraph and a blank line between paragraphs.
    pub text: String,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Byte span of each sentence in `text`.
    pub sentence_spans: Vec<Span>,
    /// Byte span of each token of each sentence (parallel to `sentences[i].tokens`).
    pub token_spans: Vec<Vec<Span>>,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
}

/// Groups sentences into documents (at `# newdoc`) and rebuilds each document's raw text.
///
/// Token spans are found by matching each token form, whitespace ignored, against the sentence
/// text; a token that cannot be found (a treebank typo) gets an empty span at the cursor.
pub fn documents(sentences: Vec<Sentence>) -> Vec<GoldDocument> {
    let mut docs: Vec<GoldDocument> = Vec::new();
    for s in sentences {
        if s.newdoc.is_some() || docs.is_empty() {
            let id = s
                .newdoc
                .clone()
                .unwrap_or_else(|| format!("doc{}", docs.len() + 1));
            docs.push(GoldDocument {
                id,
                ..Default::default()
            });
        }
        let Some(d) = docs.last_mut() else { continue };
        if !d.text.is_empty() {
            if s.newpar {
                if let Some(p) = d.paragraphs.last_mut() {
                    p.end = d.text.len();
                }
                d.text.push_str("\n\n");
            } else {
                d.text.push(' ');
            }
        }
        if d.paragraphs.is_empty() || s.newpar {
            d.paragraphs.push(Span::new(d.text.len(), d.text.len()));
        }
        let start = d.text.len();
        d.text.push_str(&s.text);
        let end = d.text.len();
        let mut spans = Vec::with_capacity(s.tokens.len());
        let mut cur = start;
        for t in &s.tokens {
            spans.push(locate(&d.text, cur, end, &t.form).unwrap_or(Span::new(cur, cur)));
            cur = spans.last().map_or(cur, |sp| sp.end);
        }
        d.sentence_spans.push(Span::new(start, end));
        d.token_spans.push(spans);
        d.sentences.push(s);
    }
    for d in &mut docs {
        if let Some(p) = d.paragraphs.last_mut() {
            p.end = d.text.len();
        }
    }
    docs
}

impl GoldDocument {
    /// A [`Document`] with the gold segmentation (paragraphs, sentences, tokens, words) and no
    /// other layer, to evaluate later stages apart from segmentation errors.
    ///
    /// A multi-word token's words get sub-spans when their forms spell the token (ignoring
    /// case: "don't" = "do" + "n't"); otherwise the token stays one word.
    pub fn to_document(&self) -> Document {
        let mut doc = Document::new(self.id.clone(), self.text.clone());
        doc.paragraphs = self.paragraphs.clone();
        for (si, s) in self.sentences.iter().enumerate() {
            let (t0, w0) = (doc.tokens.len(), doc.words.len());
            for (ti, t) in s.tokens.iter().enumerate() {
                let span = self.token_spans[si][ti];
                let k = doc.tokens.len();
                let start = doc.words.len();
                let surface = &self.text[span.range()];
                let forms: Vec<&str> = s.words[t.words.clone()]
                    .iter()
                    .map(|w| w.form.as_str())
                    .collect();
                let joined: String = forms.concat();
                if forms.len() > 1
                    && joined.to_lowercase() == surface.to_lowercase()
                    && joined.len() == surface.len()
                {
                    let mut at = span.start;
                    for f in forms {
                        let end = at + f.len();
                        if !self.text.is_char_boundary(end) {
                            break;
                        }
                        doc.words.push(dateline_document::Word {
                            span: Span::new(at, end),
                            token: k,
                        });
                        at = end;
                    }
                } else {
                    doc.words.push(dateline_document::Word { span, token: k });
                }
                doc.tokens.push(dateline_document::Token {
                    span,
                    words: start..doc.words.len(),
                });
            }
            doc.sentences.push(dateline_document::Sentence {
                span: self.sentence_spans[si],
                tokens: t0..doc.tokens.len(),
                words: w0..doc.words.len(),
            });
        }
        doc
    }
}

/// Finds `form` (whitespace inside it ignored) in `text[from..end]` after skipping whitespace.
fn locate(text: &str, from: usize, end: usize, form: &str) -> Option<Span> {
    let hay = &text[from..end];
    let skip = hay.len() - hay.trim_start().len();
    let start = from + skip;
    let mut it = text[start..end].char_indices();
    let mut last = start;
    for fc in form.chars().filter(|c| !c.is_whitespace()) {
        loop {
            let (i, c) = it.next()?;
            if c.is_whitespace() {
                continue;
            }
            if c != fc {
                return None;
            }
            last = start + i + c.len_utf8();
            break;
        }
    }
    Some(Span::new(start, last))
}

/// Writes a segmented (and possibly tagged and parsed) document as CoNLL-U.
///
/// Multi-word tokens get a range line; words without tags get `_`; heads are written
/// sentence-relative as CoNLL-U requires. A head outside the word's sentence (which a stage should
/// never produce) is written as the root.
pub fn write_document(doc: &Document, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "# newdoc id = {}", doc.id)?;
    for (si, s) in doc.sentences.iter().enumerate() {
        writeln!(out, "# sent_id = {}-{}", doc.id, si + 1)?;
        writeln!(out, "# text = {}", doc.slice(s.span).replace('\n', " "))?;
        for ti in s.tokens.clone() {
            let t = &doc.tokens[ti];
            let next_start = doc.tokens.get(ti + 1).map(|n| n.span.start);
            let space_after = match next_start {
                Some(n) if ti + 1 < s.tokens.end => n > t.span.end,
                _ => true,
            };
            let misc = if space_after { "_" } else { "SpaceAfter=No" };
            if t.words.len() > 1 {
                writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    t.words.start - s.words.start + 1,
                    t.words.end - s.words.start,
                    doc.slice(t.span),
                    misc
                )?;
            }
            for wi in t.words.clone() {
                let form = doc.word_text(wi);
                let (lemma, upos, xpos) = match doc.pos.get(wi) {
                    Some(p) => (p.lemma.as_str(), p.upos.as_str(), p.xpos),
                    None => ("_", "_", "_"),
                };
                let (head, rel) = match doc.deps.get(wi) {
                    Some(d) => {
                        let h = match d.head {
                            Some(h) if s.words.contains(&h) => h - s.words.start + 1,
                            _ => 0,
                        };
                        (h.to_string(), if h == 0 { "root" } else { d.rel })
                    }
                    None => ("_".to_string(), "_"),
                };
                let wmisc = if t.words.len() > 1 { "_" } else { misc };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                    wi - s.words.start + 1,
                    form,
                    lemma,
                    upos,
                    xpos,
                    head,
                    rel,
                    wmisc
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n# sent_id = s2\n# newpar\n# text = Yes.\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";

    #[test]
    fn reads_multiword_tokens_and_rebuilds_text() {
        let s = read(SAMPLE.as_bytes(), Path::new("x")).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens.len(), 4);
        assert_eq!(s[0].tokens[1].form, "don't");
        assert_eq!(s[0].tokens[1].words, 1..3);
        assert!(!s[0].tokens[2].space_after);
        let docs = documents(s);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "I don't know.\n\nYes.");
        assert_eq!(docs[0].paragraphs.len(), 2);
        let d = &docs[0];
        assert_eq!(&d.text[d.token_spans[0][1].range()], "don't");
        assert_eq!(&d.text[d.token_spans[1][1].range()], ".");
    }

    #[test]
    fn bad_column_count_names_the_line() {
        let err = read("1\tx\n".as_bytes(), Path::new("f.conllu")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.conllu:1: expected 10 tab-separated columns, found 2"
        );
    }
}
