//! Runs the entities stage over a NER JSONL file the way the pipeline does (segment, the shipped
//! tagger and parser, then `recognize` on the raw `text`), writes predictions for
//! `../shared/eval/score_ner.py` and measures speed. Run from the repository root:
//!
//! ```text
//! cargo run --release -p dateline-entities --example eval_ner -- GOLD.jsonl PRED.jsonl [--model models/ner.dlm]
//! python3 ../shared/eval/score_ner.py GOLD.jsonl PRED.jsonl --types PER,ORG,LOC
//! ```
//!
//! Only name mentions are written: descriptions ("the minister") and pronouns are not named
//! entities.
use dateline_document::{CharOffsets, Document, MentionForm};
use dateline_learn::ModelFile;
use std::io::Write;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: eval_ner GOLD.jsonl PRED.jsonl [--model models/ner.dlm] [--models DIR]");
        std::process::exit(2);
    }
    let mut model = String::from("models/ner.dlm");
    let mut dir = String::from("models");
    let mut i = 2;
    while i + 1 < args.len() {
        match args[i].as_str() {
            "--model" => model = args[i + 1].clone(),
            "--models" => dir = args[i + 1].clone(),
            _ => {}
        }
        i += 2;
    }
    let load = |p: &str| {
        ModelFile::load(p.as_ref()).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        })
    };
    let tagger = dateline_tag::Tagger::from_model(&load(&format!("{dir}/tagger.dlm")), "tagger")
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let parser = dateline_parse::Parser::from_model(&load(&format!("{dir}/parser.dlm")), "parser")
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let rec =
        dateline_entities::Recognizer::from_model(&load(&model), &model).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let text = std::fs::read_to_string(&args[0]).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[0]);
        std::process::exit(1)
    });
    let mut out = std::io::BufWriter::new(std::fs::File::create(&args[1]).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[1]);
        std::process::exit(1)
    }));
    let (mut core, mut ent) = (Duration::ZERO, Duration::ZERO);
    let mut words = 0usize;
    for (n, line) in text.lines().enumerate() {
        let Ok(r) = serde_json::from_str::<serde_json::Value>(line) else {
            eprintln!("{}:{}: not JSON", args[0], n + 1);
            continue;
        };
        let id = r["id"].as_str().unwrap_or("").to_string();
        let t0 = Instant::now();
        let mut doc = Document::new(id.clone(), r["text"].as_str().unwrap_or(""));
        doc.set_segmentation(dateline_segment::segment(&doc.text));
        doc.pos = tagger.tag(&doc);
        doc.deps = parser.parse(&doc);
        let t1 = Instant::now();
        let (mentions, _entities) = rec.recognize(&doc);
        ent += t1.elapsed();
        core += t1 - t0;
        words += doc.words.len();
        let offsets = CharOffsets::new(&doc.text);
        let ents: Vec<serde_json::Value> = mentions
            .iter()
            .filter(|m| m.form == MentionForm::Name)
            .map(|m| serde_json::json!({"span": offsets.span(m.span), "type": m.kind.as_str()}))
            .collect();
        let _ = writeln!(out, "{}", serde_json::json!({"id": id, "entities": ents}));
    }
    eprintln!(
        "{words} words: core (segment+tag+parse) {:.0} words/s, entities {:.0} words/s (+{:.1}% of core)",
        words as f64 / core.as_secs_f64().max(1e-9),
        words as f64 / ent.as_secs_f64().max(1e-9),
        100.0 * ent.as_secs_f64() / core.as_secs_f64().max(1e-9)
    );
}
