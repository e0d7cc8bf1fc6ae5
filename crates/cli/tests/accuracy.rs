//! Accuracy floors on the dev sets, scored by the official scorer from raw text.
//!
//! These need ../shared/data and python3 and skip (with a note) without them; CI has both.
//! The floors sit a little under the figures measured when the models were committed, so a
//! change that makes things worse fails here.

use crate::util::{shared_data, Dir};
use std::process::Command;

fn score_ud(gold_name: &str) -> Option<serde_json::Value> {
    let data = shared_data()?;
    let gold = data.join("ud").join(gold_name);
    let scorer = data.join("../eval/score_ud.py");
    let dir = Dir::new();
    let pred = dir.path().join("pred.conllu");
    let out = dir.run(
        &[
            "eval",
            "ud",
            &gold.to_string_lossy(),
            "-o",
            &pred.to_string_lossy(),
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scored = Command::new("python3")
        .arg(&scorer)
        .arg(&gold)
        .arg(&pred)
        .arg("--json")
        .output();
    let scored = match scored {
        Ok(s) if s.status.success() => s,
        Ok(s) => panic!("scorer failed: {}", String::from_utf8_lossy(&s.stderr)),
        Err(e) => {
            eprintln!("skipped: python3 not available ({e})");
            return None;
        }
    };
    let v: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("scorer JSON");
    eprintln!("{gold_name}: {v}");
    Some(v)
}

fn f1(v: &serde_json::Value, metric: &str) -> f64 {
    v[metric]["f1"]
        .as_f64()
        .unwrap_or_else(|| panic!("no {metric}.f1 in {v}"))
}

fn check(v: &serde_json::Value, floors: &[(&str, f64)]) {
    let mut failed = Vec::new();
    for &(metric, floor) in floors {
        let got = f1(v, metric);
        if got < floor {
            failed.push(format!("{metric}: {got:.4} < floor {floor}"));
        }
    }
    assert!(
        failed.is_empty(),
        "below the floor: {failed:?}\nscores: {v}"
    );
}

#[test]
fn ewt_dev_from_raw_text() {
    if let Some(v) = score_ud("en_ewt-ud-dev.conllu") {
        check(
            &v,
            &[
                ("Tokens", 0.985),
                ("Sentences", 0.80),
                ("UPOS", 0.94),
                ("UAS", 0.84),
                ("LAS", 0.81),
            ],
        );
    }
}

#[test]
fn gum_dev_from_raw_text() {
    if let Some(v) = score_ud("en_gum-ud-dev.conllu") {
        check(
            &v,
            &[
                ("Tokens", 0.985),
                ("Sentences", 0.88),
                ("UPOS", 0.94),
                ("UAS", 0.84),
                ("LAS", 0.81),
            ],
        );
    }
}
