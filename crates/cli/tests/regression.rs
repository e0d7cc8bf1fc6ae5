//! One test per fixed bug, named after the issue that reported it.

use crate::util::{records, stderr, Dir};

/// Issue 2: input with no text at all must not panic or print a record.
#[test]
fn issue2_whitespace_only_jsonl_text_gives_an_empty_record() {
    let out = Dir::new().run(&["extract"], b"{\"id\": \"w\", \"text\": \"  \\n\\n \"}\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["tokens"], serde_json::json!([]));
}

/// Issue 2: `--models DIR` loaded every model but the sentence boundary model, so a segmenter
/// freshly trained with `dateline train segmenter -o DIR/segmenter.dlm` could not be evaluated.
#[test]
fn issue2_models_dir_supplies_the_segmenter() {
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    let dir = Dir::new();
    let models = dir.path().join("models");
    std::fs::create_dir(&models).expect("models directory");
    for m in ["tagger", "parser", "ner", "segmenter"] {
        let from = shipped.join(format!("{m}.dlm"));
        std::fs::copy(&from, models.join(format!("{m}.dlm"))).expect("copy a shipped model");
    }
    let text = b"It rained in Lisbon. Then it stopped\n";
    let args = ["extract", "--layers", "sentences", "--models", "models"];
    let with_dir = dir.run(&args, text);
    assert!(with_dir.status.success(), "{}", stderr(&with_dir));
    let embedded = dir.run(&["extract", "--layers", "sentences"], text);
    assert_eq!(records(&with_dir), records(&embedded));
    assert_eq!(
        records(&with_dir)[0]["sentences"].as_array().map(Vec::len),
        Some(2)
    );

    // Another stage's model in its place is refused, by name.
    std::fs::copy(shipped.join("tagger.dlm"), models.join("segmenter.dlm")).expect("copy");
    let out = dir.run(&args, text);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("segmenter.dlm") && err.contains("not a sentence boundary model"),
        "{err}"
    );

    // Without one, the embedded segmenter is used.
    std::fs::remove_file(models.join("segmenter.dlm")).expect("remove");
    let out = dir.run(&args, text);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(&out), records(&embedded));
}
