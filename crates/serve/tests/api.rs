//! The API and the pages against a real server on a loopback port, with a tiny HTTP client
//! over `TcpStream` (no HTTP client crate to build). The store is filled through its public
//! API: articles run through the pipeline, plus hand-written quotations and events, so these
//! tests do not wait for the quotes and events stages.

use dateline::{Document, Layer, Pipeline};
use dateline_serve::{AppState, Settings};
use dateline_store::{Actor, Event, Extra, Quote, Store};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;

const DUARTE: &str = "BRASÍLIA (Wire) — Brazilian Foreign Minister Helena Duarte said she wants to work with countries like India with \"real weight in Beijing\", urging New Delhi to send a delegation next month.";
const STRIKE: &str = "LISBON — Dock workers walked out on Monday. \"We will not load a single ship,\" union leader Joana Ferreira told Reuters.";

struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn pipeline() -> Pipeline {
    Pipeline::new(&Layer::ALL, None).expect("models load")
}

/// A shared pipeline for filling stores (loading the models once).
fn shared_pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(pipeline)
}

fn char_span(text: &str, needle: &str) -> [usize; 2] {
    let b = text.find(needle).expect("needle in text");
    let s = text[..b].chars().count();
    [s, s + needle.chars().count()]
}

/// A database with two articles: Duarte's (a mixed quote with a speaker entity, an event
/// BRA -> IND) and the strike (a direct quote through Reuters).
fn fill(store: &mut Store) {
    let p = shared_pipeline();
    let mut a = Document::new("duarte", DUARTE);
    a.meta.published = Some("2025-03-08".into());
    a.meta.source = Some("Wire".into());
    a.meta.title = Some("Brazil seeks Indian support".into());
    p.run(&mut a);
    let duarte = a.entities.iter().position(|e| e.name.contains("Duarte"));
    let extra = Extra {
        quotes: vec![
            Quote {
                content: char_span(DUARTE, "real weight in Beijing"),
                kind: "mixed".into(),
                cue: Some(char_span(DUARTE, "said")),
                speaker: Some(char_span(DUARTE, "Helena Duarte")),
                speaker_name: Some("Helena Duarte".into()),
                speaker_entity: duarte,
                via: None,
            },
            Quote {
                content: char_span(DUARTE, "New Delhi to send a delegation next month"),
                kind: "indirect".into(),
                cue: Some(char_span(DUARTE, "urging")),
                speaker: Some(char_span(DUARTE, "Helena Duarte")),
                speaker_name: Some("Helena Duarte".into()),
                speaker_entity: duarte,
                via: None,
            },
        ],
        events: vec![Event {
            source: Actor {
                entity: duarte,
                code: Some("BRAGOV".into()),
            },
            target: Actor {
                entity: None,
                code: Some("IND".into()),
            },
            cameo: "026".into(),
            plover: Some("REQUEST".into()),
            goldstein: Some(3.0),
            span: char_span(DUARTE, "urging New Delhi to send a delegation"),
            date: Some("2025-03-08".into()),
        }],
    };
    store.add(&a, &extra).expect("stored");
    let mut b = Document::new("strike", STRIKE);
    b.meta.published = Some("2025-03-10".into());
    b.meta.source = Some("Courier".into());
    p.run(&mut b);
    let ferreira = b.entities.iter().position(|e| e.name.contains("Ferreira"));
    let extra = Extra {
        quotes: vec![Quote {
            content: char_span(STRIKE, "We will not load a single ship,"),
            kind: "direct".into(),
            cue: Some(char_span(STRIKE, "told")),
            speaker: Some(char_span(STRIKE, "Joana Ferreira")),
            speaker_name: Some("Joana Ferreira".into()),
            speaker_entity: ferreira,
            via: Some(("Reuters".into(), "told".into())),
        }],
        events: Vec::new(),
    };
    store.add(&b, &extra).expect("stored");
}

fn start(token: Option<&str>, with_pipeline: bool, max_body: usize) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    fill(&mut Store::open(&db).expect("store"));
    let mut settings = Settings::new(db);
    settings.write_token = token.map(str::to_string);
    settings.max_body = max_body;
    let state = AppState::open(settings, with_pipeline.then(pipeline)).expect("state");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (atx, arx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            atx.send(listener.local_addr().expect("addr"))
                .expect("send addr");
            dateline_serve::run(listener, state, async {
                let _ = rx.await;
            })
            .await
            .expect("serve");
        });
    });
    let addr = arx.recv().expect("server address");
    Server {
        addr,
        stop: Some(tx),
        thread: Some(thread),
        _dir: dir,
    }
}

struct Reply {
    status: u16,
    ctype: String,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }
}

fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write");
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    let body = if header("transfer-encoding") == "chunked" {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        ctype: header("content-type"),
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], b"")
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| start(None, true, 64 * 1024))
}

#[test]
fn articles_list_paginates_and_searches() {
    let s = server();
    let r = get(s.addr, "/articles?limit=1");
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["items"][0]["doc_id"], "strike", "newest first: {v}");
    assert_eq!(v["next_offset"], 1);
    let v = get(s.addr, "/articles?limit=1&offset=1").json();
    assert_eq!(v["items"][0]["doc_id"], "duarte");
    assert!(v["next_offset"].is_null());
    let v = get(s.addr, "/articles?q=delegation").json();
    assert_eq!(v["items"][0]["doc_id"], "duarte");
    assert!(
        v["items"][0]["snippet"]
            .as_str()
            .unwrap_or("")
            .contains("[delegation]"),
        "{v}"
    );
    let v = get(s.addr, "/articles?source=Courier").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1));
    let v = get(s.addr, "/articles?since=2025-03-09").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1), "{v}");
}

#[test]
fn one_article_has_every_layer() {
    let s = server();
    let list = get(s.addr, "/articles?q=delegation").json();
    let id = list["items"][0]["id"].as_i64().expect("id");
    let v = get(s.addr, &format!("/articles/{id}")).json();
    assert_eq!(v["doc_id"], "duarte");
    assert!(v["text"].as_str().unwrap_or("").starts_with("BRASÍLIA"));
    for layer in ["entities", "mentions", "timexes", "quotes", "events"] {
        assert!(
            !v[layer].as_array().map(Vec::is_empty).unwrap_or(true),
            "{layer} empty: {v}"
        );
    }
    assert_eq!(v["quotes"][0]["text"], "real weight in Beijing");
    let t = &v["timexes"];
    assert!(
        t.as_array()
            .unwrap()
            .iter()
            .any(|t| t["value"] == "2025-04"),
        "{t}"
    );
    assert_eq!(v["events"][0]["cameo"], "026");
}

#[test]
fn quotes_filter_by_speaker_text_dates_and_source() {
    let s = server();
    let v = get(s.addr, "/quotes?speaker=Helena%20Duarte").json();
    let items = v["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{v}");
    assert!(items.iter().all(|q| q["speaker_name"] == "Helena Duarte"));
    let v = get(s.addr, "/quotes?q=ship").json();
    assert_eq!(v["items"][0]["speaker_name"], "Joana Ferreira");
    assert_eq!(v["items"][0]["via"]["name"], "Reuters");
    assert_eq!(v["items"][0]["via"]["relation"], "told");
    let v = get(s.addr, "/quotes?until=2025-03-08").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(2), "{v}");
    let v = get(s.addr, "/quotes?since=2025-03-09&until=2025-03").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1), "{v}");
    let v = get(s.addr, "/quotes?source=Wire&limit=1").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["next_offset"], 1);
    let v = get(s.addr, "/quotes?via=reuters").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1));
    let v = get(s.addr, "/quotes?speaker=Nobody").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0));
}

#[test]
fn entities_have_counts_and_a_page_of_their_own() {
    let s = server();
    let v = get(s.addr, "/entities?type=per").json();
    let items = v["items"].as_array().expect("items");
    assert!(items.iter().all(|e| e["type"] == "PER"), "{v}");
    let duarte = items
        .iter()
        .find(|e| e["name"].as_str().unwrap_or("").contains("Duarte"));
    if let Some(d) = duarte {
        // The entity stage found her: the quotes tied to her entity count, and her page
        // has titles, country, quotes in date order and whom she speaks about.
        assert_eq!(d["quotes"], 2, "{d}");
        let name = d["name"].as_str().unwrap_or("").replace(' ', "%20");
        let e = get(s.addr, &format!("/entities/{name}")).json();
        assert_eq!(e["quotes"].as_array().map(Vec::len), Some(2), "{e}");
        assert!(!e["co_mentioned"].as_array().unwrap().is_empty(), "{e}");
        assert!(
            e["speaks_about"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["name"] == "Beijing" || o["name"] == "New Delhi"),
            "{e}"
        );
    }
    let r = get(s.addr, "/entities/No%20Such%20Person");
    assert_eq!(r.status, 404);
    assert!(r.json()["error"]
        .as_str()
        .unwrap_or("")
        .contains("No Such Person"));
}

#[test]
fn events_filter_by_actor_cameo_and_date() {
    let s = server();
    let v = get(s.addr, "/events?actor=bra&cameo=02").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["items"][0]["source"]["code"], "BRAGOV");
    assert_eq!(v["items"][0]["goldstein"], 3.0);
    let v = get(s.addr, "/events?actor=UKR").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0));
    let v = get(s.addr, "/events?since=2025-04").json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(get(s.addr, "/events?cameo=abc").status, 400);
}

#[test]
fn bad_requests_get_4xx_json_and_never_crash_the_server() {
    let s = server();
    let cases = [
        ("GET", "/articles/abc", 400),
        ("GET", "/articles/999999", 404),
        ("GET", "/articles?limit=0", 400),
        ("GET", "/articles?limit=100000", 400),
        ("GET", "/articles?limit=-3", 400),
        ("GET", "/articles?offset=99999999999999999999999", 400),
        ("GET", "/articles?q=%22unbalanced", 400),
        ("GET", "/articles?q=nosuchcol%3Afoo", 400),
        ("GET", "/quotes?q=AND", 400),
        ("GET", "/quotes?since=yesterday", 400),
        ("GET", "/quotes?order=sideways", 400),
        ("GET", "/nowhere", 404),
        ("DELETE", "/quotes", 405),
        ("POST", "/articles", 403),
    ];
    for (method, path, want) in cases {
        let r = request(s.addr, method, path, &[], b"x");
        assert_eq!(r.status, want, "{method} {path}: {}", r.body);
        assert!(
            r.ctype.starts_with("application/json"),
            "{method} {path}: {}",
            r.ctype
        );
        assert!(r.json()["error"].is_string(), "{method} {path}: {}", r.body);
    }
    // A request that is not HTTP at all, then the server still answers.
    let mut raw = TcpStream::connect(s.addr).expect("connect");
    let _ = raw.write_all(b"\x00\x01garbage\r\n\r\n");
    let mut sink = Vec::new();
    let _ = raw.read_to_end(&mut sink);
    assert_eq!(get(s.addr, "/articles").status, 200);
}

#[test]
fn openapi_lists_every_json_route() {
    let s = server();
    let r = get(s.addr, "/openapi.json");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["openapi"], "3.1.0");
    for p in [
        "/articles",
        "/articles/{id}",
        "/quotes",
        "/entities",
        "/entities/{name}",
        "/events",
        "/extract",
    ] {
        assert!(v["paths"][p].is_object(), "{p} missing from openapi.json");
    }
}

#[test]
fn extract_runs_the_pipeline_without_storing() {
    let s = server();
    let text = "Brazilian Foreign Minister Helena Duarte said talks resume next month.";
    let r = request(
        s.addr,
        "POST",
        "/extract?published=2025-03-08",
        &[("Content-Type", "text/plain")],
        text.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["schema"], "dateline/1");
    assert!(
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Helena Duarte"),
        "{v}"
    );
    assert!(
        v["timexes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["value"] == "2025-04"),
        "{v}"
    );
    let jsonl = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "x1", "text": text, "published": "2025-03-08"}),
        serde_json::json!({"id": "x2", "text": "Talks resume on Friday."})
    );
    let r = request(
        s.addr,
        "POST",
        "/extract?layers=time",
        &[("Content-Type", "application/x-ndjson")],
        jsonl.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.ctype.starts_with("application/x-ndjson"));
    let ids: Vec<String> = r
        .body
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"x1\"", "\"x2\""]);
    // Nothing was stored.
    assert_eq!(
        get(s.addr, "/articles").json()["items"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    for (ctype, body, want) in [
        ("text/plain", &b"   "[..], 400),
        ("application/json", &b"{not json"[..], 400),
        ("application/json", &b"{\"id\": \"no text\"}"[..], 400),
        ("text/plain", &b"\xff\xfe bad utf-8"[..], 400),
    ] {
        let r = request(s.addr, "POST", "/extract", &[("Content-Type", ctype)], body);
        assert_eq!(
            r.status,
            want,
            "{ctype} {:?}: {}",
            String::from_utf8_lossy(body),
            r.body
        );
        assert!(r.json()["error"].is_string());
    }
    let r = request(s.addr, "POST", "/extract?layers=nonsense", &[], b"text");
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap_or("")
            .contains("valid layers"),
        "{}",
        r.body
    );
    let big = vec![b'a'; 70 * 1024];
    let r = request(
        s.addr,
        "POST",
        "/extract",
        &[("Content-Type", "text/plain")],
        &big,
    );
    assert_eq!(r.status, 413, "{}", r.body);
}

#[test]
fn writing_needs_the_token() {
    let s = start(Some("correct-horse-battery"), true, 1 << 20);
    let body = serde_json::json!({"id": "new1", "text": "Minister Ana Lima said on Friday that talks would resume.", "published": "2025-03-14"}).to_string();
    let json = ("Content-Type", "application/json");
    let r = request(s.addr, "POST", "/articles", &[json], body.as_bytes());
    assert_eq!(r.status, 401, "{}", r.body);
    assert!(!r.body.contains("correct-horse"), "{}", r.body);
    let r = request(
        s.addr,
        "POST",
        "/articles",
        &[json, ("Authorization", "Bearer wrong-token-here")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 401);
    let auth = ("Authorization", "Bearer correct-horse-battery");
    let r = request(s.addr, "POST", "/articles", &[json, auth], body.as_bytes());
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["stored"][0]["status"], "new");
    let r = request(s.addr, "POST", "/articles", &[json, auth], body.as_bytes());
    assert_eq!(r.json()["stored"][0]["status"], "duplicate");
    let v = get(s.addr, "/articles?q=Lima").json();
    assert_eq!(v["items"][0]["doc_id"], "new1");
}

#[test]
fn without_a_pipeline_extract_is_unavailable() {
    let s = start(None, false, 1 << 20);
    let r = request(s.addr, "POST", "/extract", &[], b"Some text.");
    assert_eq!(r.status, 503);
    assert_eq!(get(s.addr, "/quotes").status, 200);
}

#[test]
fn the_article_page_highlights_quotes_speakers_cues_entities_and_times() {
    let s = server();
    let id = get(s.addr, "/articles?q=delegation").json()["items"][0]["id"]
        .as_i64()
        .expect("id");
    let r = get(s.addr, &format!("/ui/articles/{id}"));
    assert_eq!(r.status, 200);
    assert!(r.ctype.starts_with("text/html"));
    let html = &r.body;
    assert!(html.contains("class=\"quote q-mixed\""), "{html}");
    assert!(html.contains("data-speaker=\"Helena Duarte\""), "{html}");
    assert!(html.contains("class=\"cue\""));
    assert!(html.contains("class=\"speaker\""));
    assert!(html.contains("data-value=\"2025-04\""), "{html}");
    assert!(html.contains("class=\"ent PER\""), "{html}");
    // The quotation's words are inside the quote's span, escaped text intact.
    assert!(html.contains("&quot;"));
    assert_eq!(get(s.addr, "/ui/articles/424242").status, 404);
    let r = get(s.addr, "/ui/articles/x");
    assert_eq!(r.status, 400);
    assert!(
        r.ctype.starts_with("text/html"),
        "pages answer errors as pages: {}",
        r.ctype
    );
}

#[test]
fn person_search_timeline_and_home_pages_render() {
    let s = server();
    let r = get(s.addr, "/ui/people/Joana%20Ferreira?type=PER");
    if r.status == 200 {
        assert!(
            r.body.contains("We will not load a single ship"),
            "{}",
            r.body
        );
        assert!(r.body.contains("Reuters"));
    } else {
        assert_eq!(r.status, 404, "{}", r.body);
    }
    let r = get(s.addr, "/ui/search?q=ship");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("We will not load a single ship"));
    assert!(r.body.contains("id=\"article-hits\""));
    assert_eq!(get(s.addr, "/ui/search?q=%22oops").status, 400);
    let r = get(s.addr, "/ui/timeline?a=BRA&b=IND");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<svg id=\"chart\""), "{}", r.body);
    assert!(r.body.contains("class=\"bar q1\""), "{}", r.body);
    let r = get(s.addr, "/ui/timeline?a=UKR&b=CHN");
    assert!(r.body.contains("id=\"no-events\""), "{}", r.body);
    assert_eq!(get(s.addr, "/ui/timeline?a=%3Cscript%3E&b=X").status, 400);
    let r = get(s.addr, "/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Brazil seeks Indian support"));
}
