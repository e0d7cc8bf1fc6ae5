//! The store commands: ingest, search, quotes, entities, export; bad input; kill and resume.

use crate::hay;
use crate::util::{records, stderr, Dir};
use std::io::Write;
use std::time::{Duration, Instant};

const PAGE: &str = "<html><head><title>Port strike ends | Example News</title>
<meta property=\"article:published_time\" content=\"2025-03-07T10:00:00Z\">
<meta property=\"og:site_name\" content=\"Example News\">
<link rel=\"canonical\" href=\"https://news.example/port-strike\"></head>
<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>
<article><h1>Port strike ends</h1>
<p>Dock workers in Valparaíso ended a nine-day strike on Friday after the port company agreed to raise night-shift pay by twelve percent, the union said.</p>
<p>Ships that had waited outside the bay began to unload on Saturday morning, and exporters of fruit said the delay had cost them millions.</p></article>
<aside class=\"related\"><a href=\"/x\">Copper prices climb again</a></aside>
<footer>Copyright Example News</footer></body></html>";

/// One gzip member per WARC record, as `.warc.gz` files are written.
fn warc_gz(pages: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (uri, html) in pages {
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        let rec = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(rec.as_bytes()).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn export_ids(dir: &Dir, db: &str) -> Vec<String> {
    let out = dir.run(
        &[
            "export", "--what", "articles", "--format", "jsonl", "--db", db,
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn ingest_a_directory_then_search_and_export() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.path().join("in/web")).unwrap();
    dir.create("in/river.txt", hay::RIVER_TREATY);
    dir.create("in/web/strike.html", PAGE);
    dir.create(
        "in/wire.jsonl",
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "w1", "text": hay::PORT, "published": "2025-05-02", "source": "Wire"}),
            serde_json::json!({"id": "w2", "text": "Council approves budget. The vote was close.", "title": "Budget"})
        ),
    );
    dir.create(
        "in/arch.warc.gz",
        warc_gz(&[(
            "https://news.example/b",
            &PAGE
                .replace("Valparaíso", "San Antonio")
                .replace("port-strike", "b"),
        )]),
    );
    let out = dir.run(&["ingest", "in", "--db", "t.db"], b"");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("5 stored, 0 skipped"), "{err}");
    // Again: everything is skipped, nothing duplicated.
    let out = dir.run(&["ingest", "in", "--db", "t.db"], b"");
    assert!(
        stderr(&out).contains("0 stored, 5 skipped"),
        "{}",
        stderr(&out)
    );

    let out = dir.run(&["search", "valparaiso", "--db", "t.db", "--json"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let hits = records(&out);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], "strike.html");
    assert_eq!(hits[0]["title"], "Port strike ends");
    assert!(hits[0]["snippet"]
        .as_str()
        .unwrap()
        .contains("[Valparaíso]"));
    // The table on standard output has a header and a row.
    let out = dir.run(&["search", "delegation", "--db", "t.db"], b"");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.starts_with("id") && table.contains("river.txt"),
        "{table}"
    );
    let out = dir.run(&["search", "\"unclosed", "--db", "t.db"], b"");
    assert!(
        !out.status.success() && stderr(&out).contains("bad search query"),
        "{}",
        stderr(&out)
    );

    let dir_db = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["--db", "t.db"]);
        dir.run(&a, b"")
    };
    let out = dir_db(&["export", "--what", "articles"]);
    let arts = records(&out);
    assert_eq!(arts.len(), 5);
    let strike = arts.iter().find(|a| a["id"] == "strike.html").unwrap();
    assert_eq!(strike["published"], "2025-03-07");
    assert_eq!(strike["source"], "Example News");
    assert_eq!(strike["url"], "https://news.example/port-strike");
    assert!(strike["text"].as_str().unwrap().starts_with("Dock workers"));
    assert!(!strike["text"].as_str().unwrap().contains("Copper"));
    let warc = arts
        .iter()
        .find(|a| a["id"] == "https://news.example/b")
        .unwrap();
    assert!(warc["text"].as_str().unwrap().contains("San Antonio"));
    let out = dir_db(&[
        "export", "--format", "csv", "--what", "articles", "-o", "a.csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(dir.path().join("a.csv")).unwrap();
    assert!(
        csv.starts_with("id,url,canonical_url,title,published,source,byline,text,"),
        "{csv}"
    );
    for what in ["quotes", "entities", "timexes", "events"] {
        let out = dir_db(&["export", "--what", what, "--format", "csv"]);
        assert!(out.status.success(), "{what}: {}", stderr(&out));
    }
    let out = dir_db(&[
        "quotes",
        "--speaker",
        "Duarte",
        "--since",
        "2025-01-01",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dir_db(&["entities", "--type", "PER"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dir.run(&["search", "x", "--db", "missing.db"], b"");
    assert!(
        stderr(&out).contains("no database at missing.db"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_inputs_are_named_and_the_rest_is_stored() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    dir.create("in/good.txt", hay::RIVER_TREATY);
    dir.create(
        "in/broken.html",
        "<html><head><title>Oops</title></head><body><div class=\"nav\">",
    );
    dir.create("in/latin1.txt", b"Gen\xe8ve a vot\xe9 dimanche.".as_slice());
    let whole = warc_gz(&[
        ("https://a.example/1", PAGE),
        (
            "https://a.example/2",
            &PAGE.replace("Valparaíso", "Iquique"),
        ),
    ]);
    dir.create("in/cut.warc.gz", &whole[..whole.len() - 30]);
    let big = std::fs::File::create(dir.path().join("in/huge.txt")).unwrap();
    big.set_len(50 << 20).unwrap();
    let out = dir.run(&["ingest", "in", "empty", "--db", "t.db"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for needle in [
        "broken.html: no article text",
        "latin1.txt: not valid UTF-8",
        "cut.warc.gz:2: archive is truncated or damaged",
        "huge.txt: 50.0 MB is too long for one article",
        "empty: directory holds no articles",
        "2 stored, 0 skipped (already stored), 5 failed",
    ] {
        assert!(err.contains(needle), "missing '{needle}' in:\n{err}");
    }
    assert_eq!(export_ids(&dir, "t.db").len(), 2);
}

#[test]
fn a_killed_ingest_keeps_what_it_stored_and_a_rerun_completes() {
    let dir = Dir::new();
    let n = 600;
    let mut jsonl = String::new();
    for i in 0..n {
        let text = format!("Article {i}. {}", hay::RIVER_TREATY);
        jsonl.push_str(&serde_json::json!({"id": format!("a{i}"), "text": text}).to_string());
        jsonl.push('\n');
    }
    dir.create("many.jsonl", jsonl);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["ingest", "many.jsonl", "--db", "k.db", "--threads", "1"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start dateline");
    // Kill it once some articles are stored (or after a deadline, whatever it did by then).
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
        if dir.path().join("k.db-wal").exists()
            && dateline_store::Store::open(&dir.path().join("k.db"))
                .and_then(|s| s.count(dateline_store::Table::Articles))
                .unwrap_or(0)
                > 0
        {
            break;
        }
    }
    child.kill().expect("kill");
    child.wait().unwrap();
    let store = dateline_store::Store::open(&dir.path().join("k.db")).unwrap();
    store.check().expect("consistent after kill");
    let before = store.count(dateline_store::Table::Articles).unwrap() as usize;
    drop(store);
    eprintln!("stored before the kill: {before} of {n}");
    let out = dir.run(&["ingest", "many.jsonl", "--db", "k.db"], b"");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("{} stored, {before} skipped", n - before)),
        "{err}"
    );
    let mut ids = export_ids(&dir, "k.db");
    assert_eq!(ids.len(), n);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicates after resume");
}
