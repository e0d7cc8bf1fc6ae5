//! Parses a gold CoNLL-U file with gold words and gold tags, writes CoNLL-U for
//! `score_ud.py`, and measures parsing speed (words per second, one thread).
//!
//! ```text
//! cargo run --release -p dateline-parse --example eval_parser -- models/parser.dlm GOLD.conllu PRED.conllu
//! python3 /work/shared/eval/score_ud.py GOLD.conllu PRED.conllu
//! ```

use dateline_document::{Document, PosTag, Sentence, Span, Token, Upos, Word};
use dateline_learn::ModelFile;
use dateline_parse::Parser;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (model, gold, pred) = match args.as_slice() {
        [m, g, p] => (m, g, p),
        _ => return Err("usage: eval_parser MODEL GOLD.conllu PRED.conllu ".into()),
    };
    let t = std::time::Instant::now();
    let parser = Parser::from_model(&ModelFile::load(&PathBuf::from(model))?, model)?;
    eprintln!("loaded {model} in {:.2}s", t.elapsed().as_secs_f64());
    let sents = dateline_conllu::read_file(&PathBuf::from(gold))?;
    // One Document per treebank document; text = word forms joined by spaces, one token per word,
    // so the scorer sees the same characters as in gold.
    let mut docs: Vec<Document> = Vec::new();
    let mut tags: HashMap<String, &'static str> = HashMap::new();
    for s in &sents {
        if s.newdoc.is_some() || docs.is_empty() {
            docs.push(Document::new(
                s.newdoc
                    .clone()
                    .unwrap_or_else(|| format!("d{}", docs.len())),
                "",
            ));
        }
        let Some(doc) = docs.last_mut() else { continue };
        if !doc.text.is_empty() {
            doc.text.push(' ');
        }
        let (s_start, t0, w0) = (doc.text.len(), doc.tokens.len(), doc.words.len());
        for (i, w) in s.words.iter().enumerate() {
            if i > 0 {
                doc.text.push(' ');
            }
            let start = doc.text.len();
            doc.text.push_str(&w.form);
            let span = Span::new(start, doc.text.len());
            let k = doc.tokens.len();
            doc.tokens.push(Token {
                span,
                words: k..k + 1,
            });
            doc.words.push(Word { span, token: k });
            let xpos = *tags
                .entry(w.xpos.clone())
                .or_insert_with(|| Box::leak(w.xpos.clone().into_boxed_str()));
            doc.pos.push(PosTag {
                upos: Upos::parse(&w.upos).unwrap_or(Upos::X),
                xpos,
                lemma: w.lemma.clone(),
            });
        }
        let span = Span::new(s_start, doc.text.len());
        let (t1, w1) = (doc.tokens.len(), doc.words.len());
        doc.sentences.push(Sentence {
            span,
            tokens: t0..t1,
            words: w0..w1,
        });
    }
    let n_words: usize = docs.iter().map(|d| d.words.len()).sum();
    // Speed: parse everything ten times, keep the best run.
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = std::time::Instant::now();
        for d in &docs {
            std::hint::black_box(parser.parse(d));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    eprintln!(
        "parsed {n_words} words in {best:.3}s: {:.0} words/s (one thread)",
        n_words as f64 / best
    );
    let mut out = std::io::BufWriter::new(std::fs::File::create(pred)?);
    for d in &mut docs {
        d.deps = parser.parse(d);
        dateline_conllu::write_document(d, &mut out)?;
    }
    out.flush()?;
    Ok(())
}
