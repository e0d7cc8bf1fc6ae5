//! Prints the mentions and entities the pipeline (segment, tag, parse, entities) finds in a
//! text given as arguments. Run from the repository root:
//!
//! ```text
//! cargo run --release -p dateline-entities --example ner_text -- "Chilean President Tomas Reyes said ..."
//! ```
use dateline_document::Document;
use dateline_learn::ModelFile;

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let load = |p: &str| {
        ModelFile::load(p.as_ref()).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        })
    };
    let tagger = dateline_tag::Tagger::from_model(&load("models/tagger.dlm"), "tagger");
    let parser = dateline_parse::Parser::from_model(&load("models/parser.dlm"), "parser");
    let rec = dateline_entities::Recognizer::from_model(&load("models/ner.dlm"), "ner")
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let mut doc = Document::new("text", text);
    doc.set_segmentation(dateline_segment::segment(&doc.text));
    match (tagger, parser) {
        (Ok(t), Ok(p)) => {
            doc.pos = t.tag(&doc);
            doc.deps = p.parse(&doc);
        }
        (t, p) => eprintln!(
            "no pos/deps layers: {:?} {:?}",
            t.err().map(|e| e.to_string()),
            p.err().map(|e| e.to_string())
        ),
    }
    let (mentions, entities) = rec.recognize(&doc);
    for m in &mentions {
        println!(
            "{:?}\t{}\t{:?}\te{}",
            m.kind,
            doc.slice(m.span),
            m.form,
            m.entity.map(|e| e.to_string()).unwrap_or_default()
        );
    }
    for (i, e) in entities.iter().enumerate() {
        println!(
            "e{i}\t{:?}\t{}\t{:?}\t{}",
            e.kind,
            e.name,
            e.titles,
            e.country.as_deref().unwrap_or("-")
        );
    }
}
