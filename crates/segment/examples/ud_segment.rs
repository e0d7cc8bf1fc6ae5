//! Segments the raw text of a UD treebank and writes CoNLL-U for `score_ud.py`.
//!
//! Usage: `cargo run --release -p dateline-segment --example ud_segment -- GOLD.conllu > PRED.conllu`
//! Prints the segmentation speed (tokens per second, over all documents) on stderr.

use dateline_document::Document;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: ud_segment GOLD.conllu > PRED.conllu");
        std::process::exit(2);
    };
    let sentences = match dateline_conllu::read_file(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ud_segment: {e}");
            std::process::exit(1);
        }
    };
    let docs = dateline_conllu::documents(sentences);
    let segmenter = dateline_segment::Segmenter::new();
    // Time the segmenter alone, several rounds, before writing anything.
    let rounds = 5;
    let start = Instant::now();
    let mut tokens = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            tokens += segmenter.segment(&d.text).tokens.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "segmented {} tokens in {:.3}s: {:.0} tokens/s",
        tokens,
        secs,
        tokens as f64 / secs.max(1e-9)
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for d in docs {
        let seg = segmenter.segment(&d.text);
        let mut doc = Document::new(d.id, d.text);
        doc.set_segmentation(seg);
        if let Err(e) = dateline_conllu::write_document(&doc, &mut out) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return;
            }
            eprintln!("ud_segment: {e}");
            std::process::exit(1);
        }
    }
    let _ = out.flush();
}
