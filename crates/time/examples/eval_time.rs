//! Runs the time stage over a TempEval-3 JSONL file and writes predictions for
//! `../shared/eval/score_time.py`; with `--speed FILE.jsonl` measures tokens per second on the
//! `text` fields of FILE instead.
//!
//!     cargo run --release -p dateline-time --example eval_time -- \
//!         ../shared/data/time/tempeval3-dev.jsonl pred.jsonl
//!     cargo run --release -p dateline-time --example eval_time -- \
//!         --speed ../shared/data/quotes/PolNeAR.dev.jsonl

use dateline_document::{CharOffsets, Document};
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/tagger.dlm");
    let model = dateline_learn::ModelFile::load(&model_path).expect("load tagger model");
    let tagger = dateline_tag::Tagger::from_model(&model, "tagger").expect("tagger");
    let prepare = |id: &str, text: &str| {
        let mut doc = Document::new(id, text);
        doc.set_segmentation(dateline_segment::segment(text));
        doc.pos = tagger.tag(&doc);
        doc
    };
    if args.first().map(String::as_str) == Some("--text") {
        let text = args.get(1).expect("--text TEXT [DCT]");
        let dct = args.get(2).and_then(|d| dateline_time::Date::parse(d));
        let doc = prepare("t", text);
        for (i, w) in doc.words.iter().enumerate() {
            eprint!("{}/{} ", doc.slice(w.span), doc.pos[i].xpos);
        }
        eprintln!();
        for t in dateline_time::find(&doc, dct) {
            println!(
                "{}\t{}\t{}\t{:?}",
                doc.slice(t.span),
                t.kind.as_str(),
                t.value,
                t.modifier
            );
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--speed") {
        let path = args.get(1).expect("--speed FILE.jsonl");
        let docs: Vec<Document> = read(path)
            .iter()
            .enumerate()
            .map(|(n, r)| prepare(&n.to_string(), r["text"].as_str().unwrap_or("")))
            .collect();
        let words: usize = docs.iter().map(|d| d.words.len()).sum();
        let dct = dateline_time::Date::parse("2025-03-08");
        let t0 = Instant::now();
        let mut n = 0;
        let rounds = 20;
        for _ in 0..rounds {
            for d in &docs {
                n += dateline_time::find(d, dct).len();
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "{} docs, {} words x {rounds}: {:.0} words/s ({n} timexes)",
            docs.len(),
            words,
            (words * rounds) as f64 / secs
        );
        return;
    }
    let (gold, out) = match (args.first(), args.get(1)) {
        (Some(g), Some(o)) => (g, o),
        _ => {
            eprintln!("usage: eval_time GOLD.jsonl PRED.jsonl [--show]");
            std::process::exit(2);
        }
    };
    let show = args.iter().any(|a| a == "--show");
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("create output"));
    for r in read(gold) {
        let id = r["id"].as_str().unwrap_or("");
        let text = r["text"].as_str().unwrap_or("");
        let dct = r["dct"].as_str().and_then(dateline_time::Date::parse);
        let doc = prepare(id, text);
        let found = dateline_time::find(&doc, dct);
        let offs = CharOffsets::new(text);
        let timexes: Vec<serde_json::Value> = found
            .iter()
            .map(|t| {
                serde_json::json!({"span": offs.span(t.span), "type": t.kind.as_str(),
                    "value": t.value, "text": doc.slice(t.span)})
            })
            .collect();
        if show {
            for t in &found {
                eprintln!(
                    "{id}\t{}\t{}\t{}",
                    doc.slice(t.span),
                    t.kind.as_str(),
                    t.value
                );
            }
        }
        let rec = serde_json::json!({"id": id, "timexes": timexes});
        writeln!(w, "{rec}").expect("write");
    }
}

fn read(path: &str) -> Vec<serde_json::Value> {
    let f = std::fs::File::open(path).expect("open input");
    std::io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(&l).ok())
        .collect()
}
