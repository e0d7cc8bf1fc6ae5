//! `dateline_entities::train` on a tiny invented entity set, with the shipped tagger.

use dateline_entities::{train, Recognizer, TrainOptions};
use dateline_learn::ModelFile;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Invented sentences in the entity sets' format: code point spans for tokens and names.
fn tiny_set(dir: &Path) -> PathBuf {
    let sentences = [
        (
            "Mayor Duarte visited Lisbon .",
            &[(6, 12, "PER"), (21, 27, "LOC")][..],
        ),
        (
            "Duarte spoke to Acme Corp .",
            &[(0, 6, "PER"), (16, 25, "ORG")],
        ),
        (
            "Reyes left Oporto on Monday .",
            &[(0, 5, "PER"), (11, 17, "LOC")],
        ),
        ("Acme Corp hired Reyes .", &[(0, 9, "ORG"), (16, 21, "PER")]),
    ];
    let mut out = String::new();
    for (k, (text, names)) in sentences.iter().enumerate() {
        let mut tokens = Vec::new();
        let mut start = 0;
        for w in text.split(' ') {
            tokens.push(serde_json::json!([start, start + w.len()]));
            start += w.len() + 1;
        }
        let entities: Vec<_> = names
            .iter()
            .map(|(s, e, t)| serde_json::json!({"span": [s, e], "type": t}))
            .collect();
        let record = serde_json::json!({
            "id": format!("s{k}"), "doc": format!("d{}", k / 2), "text": text,
            "tokens": tokens, "entities": entities,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    let path = dir.join("tiny-ner.jsonl");
    std::fs::write(&path, out).expect("writing the tiny set");
    path
}

#[test]
fn several_seeds_mix_into_one_model_that_loads() {
    let tagger = root().join("models/tagger.dlm");
    if !tagger.exists() {
        eprintln!("skipped: models/tagger.dlm is missing");
        return;
    }
    let dir = std::env::temp_dir().join(format!("dateline-ner-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let set = tiny_set(&dir);
    let opts = |mix| TrainOptions {
        train: vec![set.clone()],
        repeats: vec![1],
        dev: vec![set.clone()],
        epochs: 3,
        jackknife_epochs: 2,
        typer_epochs: 2,
        prune: 0.0,
        tagger: tagger.clone(),
        mix,
        ..Default::default()
    };
    let one = train(&opts(1)).expect("one seed trains");
    let again = train(&opts(1)).expect("one seed trains again");
    assert_eq!(
        one.to_bytes(),
        again.to_bytes(),
        "the same seed gives the same model"
    );
    let mixed = train(&opts(3)).expect("three seeds train");
    assert_ne!(one.to_bytes(), mixed.to_bytes(), "three seeds are not one");
    let path = dir.join("mixed.dlm");
    mixed.save(&path).expect("saving");
    let loaded = ModelFile::load(&path).expect("loading");
    Recognizer::from_model(&loaded, "mixed.dlm").expect("the mixed model is a recognizer");
    std::fs::remove_dir_all(&dir).ok();
}
