//! Accuracy floor on TempEval-3 dev: strict span F1 and value accuracy, computed here the way
//! `score_time.py` does (one-to-one matching, exact spans first, then largest overlaps).

use dateline_document::{CharOffsets, Document};
use std::path::Path;

#[test]
fn tempeval3_dev_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../../../shared/data/time/tempeval3-dev.jsonl");
    if !data.exists() {
        eprintln!("skipped: ../shared/data not found");
        return;
    }
    let model = root.join("../../models/tagger.dlm");
    let tagger = match dateline_learn::ModelFile::load(&model)
        .ok()
        .and_then(|m| dateline_tag::Tagger::from_model(&m, "tagger").ok())
    {
        Some(t) => t,
        None => {
            eprintln!("skipped: tagger model not loadable by this build");
            return;
        }
    };
    let text = std::fs::read_to_string(&data).expect("read dev");
    let (mut n_gold, mut n_pred, mut strict, mut relaxed, mut value_ok) = (0, 0, 0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let r: serde_json::Value = serde_json::from_str(line).expect("json");
        let t = r["text"].as_str().unwrap_or("");
        let mut doc = Document::new(r["id"].as_str().unwrap_or(""), t);
        doc.set_segmentation(dateline_segment::segment(t));
        doc.pos = tagger.tag(&doc);
        let dct = r["dct"].as_str().and_then(dateline_time::Date::parse);
        let offs = CharOffsets::new(t);
        let pred: Vec<(usize, usize, String)> = dateline_time::find(&doc, dct)
            .into_iter()
            .map(|x| {
                let [s, e] = offs.span(x.span);
                (s, e, x.value.to_uppercase())
            })
            .collect();
        let gold: Vec<(usize, usize, String)> = r["timexes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        (
                            x["span"][0].as_u64().unwrap_or(0) as usize,
                            x["span"][1].as_u64().unwrap_or(0) as usize,
                            x["value"].as_str().unwrap_or("").to_uppercase(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        n_gold += gold.len();
        n_pred += pred.len();
        let mut used_g = vec![false; gold.len()];
        let mut used_p = vec![false; pred.len()];
        let mut pairs = Vec::new();
        for (i, g) in gold.iter().enumerate() {
            if let Some(j) =
                (0..pred.len()).find(|&j| !used_p[j] && pred[j].0 == g.0 && pred[j].1 == g.1)
            {
                used_g[i] = true;
                used_p[j] = true;
                pairs.push((i, j));
                strict += 1;
            }
        }
        let mut cands = Vec::new();
        for (i, g) in gold.iter().enumerate() {
            for (j, p) in pred.iter().enumerate() {
                let ov = g.1.min(p.1) as i64 - g.0.max(p.0) as i64;
                if !used_g[i] && !used_p[j] && ov > 0 {
                    cands.push((-ov, g.0, p.0, i, j));
                }
            }
        }
        cands.sort();
        for (_, _, _, i, j) in cands {
            if !used_g[i] && !used_p[j] {
                used_g[i] = true;
                used_p[j] = true;
                pairs.push((i, j));
            }
        }
        relaxed += pairs.len();
        value_ok += pairs
            .iter()
            .filter(|&&(i, j)| gold[i].2 == pred[j].2)
            .count();
    }
    let f1 = |tp: usize| 2.0 * tp as f64 / (n_gold + n_pred) as f64;
    let strict_f1 = f1(strict);
    let relaxed_f1 = f1(relaxed);
    let value_acc = value_ok as f64 / relaxed.max(1) as f64;
    eprintln!("dev strict F1 {strict_f1:.4} relaxed F1 {relaxed_f1:.4} value acc {value_acc:.4}");
    assert!(
        strict_f1 >= 0.90,
        "strict F1 {strict_f1:.4} under the floor 0.90"
    );
    assert!(
        relaxed_f1 >= 0.935,
        "relaxed F1 {relaxed_f1:.4} under the floor 0.935"
    );
    assert!(
        value_acc >= 0.93,
        "value accuracy {value_acc:.4} under the floor 0.93"
    );
}
