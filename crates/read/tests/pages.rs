//! Body extraction on invented pages of different layouts: each `pages/NAME.html` has the
//! article text it holds in `pages/NAME.txt`. Prints the per-page token F1 and holds a floor.

use dateline_read::html;
use std::collections::HashMap;

/// Token F1 of the extracted text against the expected one (multisets of whitespace tokens).
fn token_f1(got: &str, want: &str) -> (f64, f64, f64) {
    let count = |s: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for t in s.split_whitespace() {
            *m.entry(t.to_string()).or_default() += 1;
        }
        m
    };
    let (g, w) = (count(got), count(want));
    let common: usize = g
        .iter()
        .map(|(t, n)| (*n).min(*w.get(t).unwrap_or(&0)))
        .sum();
    let (ng, nw) = (g.values().sum::<usize>(), w.values().sum::<usize>());
    let p = common as f64 / ng.max(1) as f64;
    let r = common as f64 / nw.max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

#[test]
fn every_page_body_matches_its_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    assert!(names.len() >= 10);
    let mut failures = Vec::new();
    let mut sum = 0.0;
    eprintln!("{:<16} {:>6} {:>6} {:>6}", "page", "P", "R", "F1");
    for page in &names {
        let bytes = std::fs::read(page).unwrap();
        let want = std::fs::read_to_string(page.with_extension("txt")).unwrap();
        let got = html::extract(&bytes, None, None).unwrap().text;
        let (p, r, f) = token_f1(&got, &want);
        sum += f;
        let name = page.file_stem().unwrap().to_string_lossy();
        eprintln!("{name:<16} {p:>6.3} {r:>6.3} {f:>6.3}");
        if f < 0.97 {
            failures.push(format!(
                "{name}: F1 {f:.3}\n--- expected\n{want}\n--- got\n{got}\n"
            ));
        }
    }
    eprintln!(
        "mean F1 {:.3} over {} pages",
        sum / names.len() as f64,
        names.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn page_metadata() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let meta = |name: &str| {
        html::extract(&std::fs::read(dir.join(name)).unwrap(), None, None)
            .unwrap()
            .meta
    };
    let m = meta("news-site.html");
    assert_eq!(
        m.title.as_deref(),
        Some("Lisbon docks to become homes for 4,000 families")
    );
    assert_eq!(m.published.as_deref(), Some("2025-03-13"));
    assert_eq!(m.byline.as_deref(), Some("Marta Sousa"));
    assert_eq!(m.source.as_deref(), Some("The Atlantic Courier"));
    assert_eq!(
        m.canonical_url.as_deref(),
        Some("https://atlanticcourier.example/europe/2025/03/13/lisbon-docks-housing")
    );
    // JSON-LD only.
    let m = meta("json-ld.html");
    assert_eq!(m.published.as_deref(), Some("2025-02-27"));
    assert_eq!(m.byline.as_deref(), Some("Ignacio Morales"));
    assert_eq!(m.source.as_deref(), Some("Andes Science Review"));
    assert_eq!(
        m.canonical_url.as_deref(),
        Some("https://andesscience.example/2025/fog-collectors")
    );
    // Date from the URL only; byline from the markup.
    let m = meta("blog.html");
    assert_eq!(m.published.as_deref(), Some("2025-03-09"));
    assert_eq!(m.title.as_deref(), Some("Paying tea pickers by the hour"));
    // Old meta names, a Windows-1252 page.
    assert_eq!(
        meta("no-paragraphs.html").published.as_deref(),
        Some("2025-03-12")
    );
    let m = meta("latin1-table.html");
    assert_eq!(m.published.as_deref(), Some("2025-03-11"));
    assert_eq!(
        m.title.as_deref(),
        Some("Swiss to vote on rent cap for pension fund flats")
    );
    assert_eq!(meta("amp.html").byline.as_deref(), Some("Tran Minh Duc"));
}
