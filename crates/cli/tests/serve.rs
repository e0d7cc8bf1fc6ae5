//! `dateline serve`: the real binary over a database of the bundled examples, checked in
//! headless Chromium (skipped, with a message, when Chromium is not installed; CI installs it).

use crate::util::Dir;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running `dateline serve`, killed when dropped.
struct Serving {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Dir, db: &str) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dateline serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = String::new();
    let addr = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            panic!("dateline serve stopped before serving: {seen}");
        };
        seen.push_str(&line);
        if let Some(rest) = line.split("http://").nth(1) {
            let a = rest.split('/').next().unwrap_or("");
            break a.parse().expect("address in the serving line");
        }
    };
    // Keep reading stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Serving { child, addr }
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read");
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_string();
    (status, body)
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// Runs headless Chromium on `url` with extra `args`, in a fresh profile under `dir`.
fn browse(browser: &Path, dir: &Path, args: &[String], url: &str) -> std::process::Output {
    let profile = dir.join(format!("chromium-profile-{}", args.len()));
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .output()
        .expect("run chromium")
}

#[test]
fn serve_refuses_a_missing_database_without_a_write_token() {
    let dir = Dir::new();
    let out = dir.run(
        &["serve", "--db", "missing.db", "--addr", "127.0.0.1:0"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dateline ingest"), "{err}");
    let out = dir.run(&["serve", "--write-token", "short"], b"");
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8"));
}

#[test]
fn the_article_page_shows_highlights_in_a_real_browser() {
    let dir = Dir::new();
    let out = dir.run(&["ingest", "--db", "ex.db", "--quiet"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = serve(&dir, "ex.db");
    let (status, body) = get(server.addr, "/articles?q=Duarte");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let id = v["items"][0]["id"]
        .as_i64()
        .expect("the river treaty example is stored");
    let url = format!("http://{}/ui/articles/{id}", server.addr);

    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED the_article_page_shows_highlights_in_a_real_browser: chromium is not installed \
             (apt-get install chromium; .ci/run installs it)"
        );
        return;
    };
    let out = browse(&browser, dir.path(), &["--dump-dom".into()], &url);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("id=\"text\""),
        "chromium rendered no article: {}\n{}",
        dom,
        String::from_utf8_lossy(&out.stderr)
    );
    // The DOM after the browser parsed it: the highlights are elements, with their values.
    if dom.contains("class=\"quote") {
        // The quotes stage ran at ingest: a quotation is highlighted with its speaker.
        let speakers: Vec<&str> = dom
            .split("data-speaker=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert!(
            speakers.iter().any(|s| !s.is_empty() && *s != "unknown"),
            "no quotation carries its speaker: {speakers:?}"
        );
    }
    assert!(
        dom.contains("class=\"timex\""),
        "no time expression highlighted: {dom}"
    );
    assert!(dom.contains("data-value=\""), "{dom}");
    let people: Vec<&str> = dom
        .split("<span class=\"ent PER\" data-entity=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        !people.is_empty(),
        "no person highlighted with its entity: {dom}"
    );

    // A screenshot for review, kept under target/.
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let shot = shots.join("article.png");
    let _ = std::fs::remove_file(&shot);
    let out = browse(
        &browser,
        dir.path(),
        &[
            "--window-size=1100,1400".into(),
            "--hide-scrollbars".into(),
            format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "no screenshot ({size} bytes): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("screenshot of the article page: {}", shot.display());
}
