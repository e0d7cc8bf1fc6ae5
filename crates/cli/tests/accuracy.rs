//! Accuracy floors on the dev sets, scored by the official scorer from raw text.
//!
//! These need ../shared/data and python3 and skip (with a note) without them; CI has both.
//! The floors sit a little under the figures measured when the models were committed, so a
//! change that makes things worse fails here.

use crate::util::{shared_data, Dir};
use std::process::Command;

/// Runs `dateline eval TASK GOLD -o PRED`, then `python3 SCORER GOLD PRED --json`.
fn score(task: &str, gold: &std::path::Path, scorer: &str) -> Option<serde_json::Value> {
    score_types(task, gold, scorer, "")
}

/// As [`score`], with `--types TYPES` for the scorer when not empty.
fn score_types(
    task: &str,
    gold: &std::path::Path,
    scorer: &str,
    types: &str,
) -> Option<serde_json::Value> {
    let data = shared_data()?;
    let scorer = data.join("../eval").join(scorer);
    let dir = Dir::new();
    let pred = dir.path().join("pred");
    let out = dir.run(
        &[
            "eval",
            task,
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
    let mut cmd = Command::new("python3");
    cmd.arg(&scorer).arg(gold).arg(&pred).arg("--json");
    if !types.is_empty() {
        cmd.arg("--types").arg(types);
    }
    let scored = match cmd.output() {
        Ok(s) if s.status.success() => s,
        Ok(s) => panic!("scorer failed: {}", String::from_utf8_lossy(&s.stderr)),
        Err(e) => {
            eprintln!("skipped: python3 not available ({e})");
            return None;
        }
    };
    let v: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("scorer JSON");
    eprintln!("{task} {}: {v}", gold.display());
    Some(v)
}

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
        // Measured at commit: Tokens 0.9965, Sentences 0.8961, UPOS 0.9477, UAS 0.8508,
        // LAS 0.8202 (the treebanks' lexicon of modifiers decides amod or compound, which took
        // LAS from 0.8199; informal fusions split as UD does, "alot" a + lot: 0.8198 ->
        // 0.8199, UAS 0.8507 -> 0.8508; the parser and its guide look ahead where they
        // hesitate, which took UAS/LAS from 0.8466/0.8157; learned sentence boundaries, leaning towards ending a
        // sentence, which took UAS/LAS from 0.8449/0.8138; the guided parser: a backwards guide and
        // the parser reading its tree, each four parsers mixed, EWT train seen twice, and the
        // relabeller; before the guide 0.8409 / 0.8090, before the relabeller LAS 0.8139).
        // Sentences were 0.8960 before "PM" stopped ending sentences unless a clock time
        // comes before it: the boundary model, retrained without those gaps, decides a few
        // unrelated web-text gaps differently (GUM went from 0.9626 to 0.9639). That model
        // predated the tokenizer's trailing hyphens, and `dateline train segmenter` no longer
        // reproduced it; retrained, it finds more of the sentences (0.8919 -> 0.8952; GUM
        // 0.9639 -> 0.9610) and moves UAS/LAS from 0.8459/0.8148 (seeds 2 and 3: 0.8452 and
        // 0.8448).
        let floors = [
            ("Tokens", 0.995),
            ("Sentences", 0.893),
            ("UPOS", 0.945),
            ("UAS", 0.849),
            ("LAS", 0.819),
        ];
        check(&v, &floors);
    }
}

#[test]
fn gum_dev_from_raw_text() {
    if let Some(v) = score_ud("en_gum-ud-dev.conllu") {
        // Measured at commit: Tokens 0.9981, Sentences 0.9611, UPOS 0.9636, UAS 0.8565,
        // LAS 0.8252 (the same models as EWT above; 0.8251 before the lexicon of modifiers; greedy decoding 0.8557 / 0.8245; before
        // the guide 0.8485 / 0.8181).
        let floors = [
            ("Tokens", 0.995),
            ("Sentences", 0.96),
            ("UPOS", 0.96),
            ("UAS", 0.855),
            ("LAS", 0.824),
        ];
        check(&v, &floors);
    }
}

/// TempEval-3 dev through `dateline eval time` and score_time.py. Measured at commit: strict F1
/// 0.9079, relaxed F1 0.9408, type accuracy 0.9860, value accuracy 0.9371, value F1 0.8816
/// (train, for the record: 0.8608, 0.9346, 0.9561, 0.8428, 0.7876).
#[test]
fn tempeval3_dev_time_expressions() {
    let Some(data) = shared_data() else { return };
    let Some(v) = score(
        "time",
        &data.join("time/tempeval3-dev.jsonl"),
        "score_time.py",
    ) else {
        return;
    };
    let get = |path: &[&str]| {
        path.iter()
            .fold(&v, |x, k| &x[*k])
            .as_f64()
            .unwrap_or_else(|| panic!("no {path:?} in {v}"))
    };
    let floors = [
        (get(&["strict", "f1"]), 0.90, "strict F1"),
        (get(&["relaxed", "f1"]), 0.935, "relaxed F1"),
        (get(&["type_accuracy"]), 0.98, "type accuracy"),
        (get(&["value_accuracy"]), 0.93, "value accuracy"),
        (get(&["value_f1"]), 0.875, "value F1"),
    ];
    for (got, floor, what) in floors {
        assert!(got >= floor, "{what}: {got:.4} < floor {floor}\n{v}");
    }
}

/// Entity sets, scored on PER/ORG/LOC as the issue asks (records of one `doc` run as one
/// article). GUM and Wikigold dev are held out (they pick the epochs); measured at commit
/// (overall F1): gum-dev 0.7541, wikigold-dev 0.7073 (session 8's rules: names across hyphens,
/// acronyms an article defines, "the band Gigi", a first name joining the person after it, no
/// pronoun alone as a name, organizations' head words, lower-case places; before them 0.7471
/// and 0.6734; session 9's storms, planets and legal forms left both as they were; session
/// 10's names after abbreviated titles and persons cut from their organization made them
/// 0.7551 and 0.7140; session 11's rules for web text (lists of people, signatures, places at
/// the edge of longer names, businesses named with "'s", towns before their states) left GUM
/// as it was and made Wikigold 0.7166; the boundary model retrained with the tokenizer's
/// trailing hyphens, 0.7111, one entity fewer, as with seed 2, and seed 3 kept 0.7166).
/// The shipped model is trained on uner_ewt-dev (0.9082
/// at commit), so its floor is only a fit check that the web text was learnt, not an accuracy
/// figure: the held-out figure is the cross-validated one of `dateline train ner --cv 5 --seed
/// 3` (0.7633 at commit, PER 0.8518; 0.7629 and 0.8506 with the retrained boundary model
/// before it leaned towards ending sentences), too slow to train here.
#[test]
fn entity_dev_sets() {
    let Some(data) = shared_data() else { return };
    for (set, floor) in [
        ("gum-dev", 0.755),
        ("wikigold-dev", 0.711),
        ("uner_ewt-dev", 0.85),
    ] {
        let gold = data.join("ner").join(format!("{set}.jsonl"));
        let Some(v) = score_types("ner", &gold, "score_ner.py", "PER,ORG,LOC") else {
            return;
        };
        let f1 = v["overall"]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no overall.f1 in {v}"));
        assert!(f1 >= floor, "{set}: F1 {f1:.4} < floor {floor}\n{v}");
    }
}

/// Quotations on PolNeAR dev, scored by score_quotes.py on all kinds, on direct quotes and on
/// direct and mixed quotes: once with every prediction, once with only the predictions of
/// those kinds (`eval quotes --kinds`, dateline as a direct-quote extractor). Measured at
/// commit: see the figures next to each floor.
#[test]
fn polnear_dev_quotes() {
    let Some(data) = shared_data() else { return };
    let gold = data.join("quotes/PolNeAR.dev.jsonl");
    let scorer = data.join("../eval/score_quotes.py");
    let dir = Dir::new();
    let pred = dir.path().join("pred");
    let out = dir.run(
        &[
            "eval",
            "quotes",
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
    // The same predictions restricted to their kinds, as `eval quotes --kinds` writes them.
    let all = std::fs::read_to_string(&pred).expect("predictions");
    for kinds in ["direct", "direct,mixed"] {
        let keep: Vec<&str> = kinds.split(',').collect();
        let mut lines = String::new();
        for line in all.lines() {
            let mut v: serde_json::Value = serde_json::from_str(line).expect("prediction JSON");
            if let Some(q) = v["quotes"].as_array_mut() {
                q.retain(|q| q["kind"].as_str().is_some_and(|k| keep.contains(&k)));
            }
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        std::fs::write(dir.path().join(kinds), lines).expect("write predictions");
    }
    // (kinds, predictions of those kinds only, e2e F1 floor, content F1 floor, speaker floor)
    for &(kinds, own, e2e, content, speaker) in QUOTE_FLOORS {
        let file = if own {
            dir.path().join(kinds)
        } else {
            pred.clone()
        };
        let mut cmd = Command::new("python3");
        cmd.arg(&scorer).arg(&gold).arg(&file).arg("--json");
        if !kinds.is_empty() {
            cmd.arg("--kinds").arg(kinds);
        }
        let scored = match cmd.output() {
            Ok(s) if s.status.success() => s,
            Ok(s) => panic!("scorer failed: {}", String::from_utf8_lossy(&s.stderr)),
            Err(e) => {
                eprintln!("skipped: python3 not available ({e})");
                return;
            }
        };
        let v: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("scorer JSON");
        let h = &v["headline"];
        let get = |k: &str| h[k].as_f64().unwrap_or_else(|| panic!("no {k} in {h}"));
        eprintln!("quotes [{kinds}, own kinds only: {own}]: {h}");
        for (got, floor, what) in [
            (get("e2e_f1"), e2e, "e2e F1"),
            (get("content_f1"), content, "content F1"),
            (get("speaker_acc"), speaker, "speaker accuracy"),
        ] {
            assert!(
                got >= floor,
                "quotes [{kinds}, own {own}] {what}: {got:.4} < floor {floor}\n{h}"
            );
        }
    }
}

/// Floors for [`polnear_dev_quotes`], a little under the figures measured at commit.
/// Measured: all 0.595 / 0.654 / 0.909; direct 0.705 / 0.740 / 0.952; direct,mixed 0.704 /
/// 0.757 / 0.930; dateline's direct quotes only 0.877 / 0.920 / 0.953; its direct and mixed
/// quotes only 0.808 / 0.869 / 0.930.
const QUOTE_FLOORS: &[(&str, bool, f64, f64, f64)] = &[
    ("", false, 0.585, 0.645, 0.90),
    ("direct", false, 0.695, 0.73, 0.945),
    ("direct,mixed", false, 0.695, 0.75, 0.92),
    ("direct", true, 0.87, 0.91, 0.945),
    ("direct,mixed", true, 0.80, 0.86, 0.92),
];

/// Runs `dateline eval events GOLD -o PRED ARGS`, then score_events.py on it.
fn score_events(gold_name: &str, args: &[&str]) -> Option<serde_json::Value> {
    let data = shared_data()?;
    let gold = data.join("events/gold").join(gold_name);
    let scorer = data.join("../eval/score_events.py");
    let dir = Dir::new();
    let pred = dir.path().join("pred");
    let (g, p) = (gold.to_string_lossy(), pred.to_string_lossy());
    let mut cmd = vec!["eval", "events", &g, "-o", &p];
    cmd.extend_from_slice(args);
    let out = dir.run(&cmd, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scored = match Command::new("python3")
        .arg(&scorer)
        .arg(&gold)
        .arg(&pred)
        .arg("--json")
        .output()
    {
        Ok(s) if s.status.success() => s,
        Ok(s) => panic!("scorer failed: {}", String::from_utf8_lossy(&s.stderr)),
        Err(e) => {
            eprintln!("skipped: python3 not available ({e})");
            return None;
        }
    };
    let v: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("scorer JSON");
    eprintln!("events {gold_name}: {}", v["summary"]);
    Some(v)
}

/// Events on the dev gold sets, scored by score_events.py from dateline's own parses (issue 7).
/// (set, ontology, exact F1 floor, root F1 floor, record accuracy floor); measured at commit:
/// see the figures next to each floor.
const EVENT_FLOORS: &[(&str, &str, f64, f64, f64)] = &[
    // exact F1 0.776, root F1 0.810, record accuracy 0.702 (greedy decoding: 0.769, 0.803,
    // 0.702; the parser's relations pruned at 3
    // to keep its file under 20 MiB: one event of 60 fewer; at 2.0 with the relabeller 0.780,
    // 0.814, 0.719; before the relabeller 0.786, 0.821, 0.719; the unguided parser: 0.793,
    // 0.828, 0.719; the single-seed v4 parser: 0.769, 0.803, 0.702)
    ("petr2_gsr_ud.jsonl", "cameo", 0.76, 0.79, 0.69),
    // exact F1 0.834, record accuracy 0.791 (the parser's lookahead; greedy decoding gave
    // 0.840 and 0.801, and a lookahead with wider margins and windows 0.828 and 0.780,
    // three of its losses one template, "Arnor is about to restore full diplomatic ties
    // with Gondor's government ...", where "with" came to hang on "years". On the treebanks'
    // dev sets that lookahead attached 22 more subjects right than it lost. The unguided
    // parser: 0.854 and 0.811; of its 9
    // sentences coded differently the guided parse gains 4 and loses 5, among them
    // "Ethiopia has broken relations", now read as having broken relations; the single-seed
    // v4 parser: 0.844 and 0.806)
    ("petr_unittest_ud.jsonl", "cameo", 0.83, 0.83, 0.79),
    // PLOVER F1 0.099, record accuracy 0.071 (the gold's PLOVER 2016 names)
    ("plover_gsr.jsonl", "plover", 0.09, 0.09, 0.05),
];

#[test]
fn event_dev_sets() {
    for &(set, ontology, exact, root, records) in EVENT_FLOORS {
        let Some(v) = score_events(set, &["--ontology", ontology]) else {
            return;
        };
        let get = |level: &str| v[level]["f1"].as_f64().unwrap_or(0.0);
        let acc = v["record_accuracy"].as_f64().unwrap_or(0.0);
        assert!(
            get("exact") >= exact,
            "{set}: exact F1 {:.4} < {exact}\n{}",
            get("exact"),
            v["summary"]
        );
        assert!(
            get("root") >= root,
            "{set}: root F1 {:.4} < {root}\n{}",
            get("root"),
            v["summary"]
        );
        assert!(
            acc >= records,
            "{set}: record accuracy {acc:.4} < {records}\n{}",
            v["summary"]
        );
    }
}
