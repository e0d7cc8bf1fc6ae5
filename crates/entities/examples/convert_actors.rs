//! Converts the PETRARCH/Phoenix country actor dictionary (MIT licence, Open Event Data
//! Alliance) into `data/actors.tsv`: one "Person Name<TAB>ISO3" line per political figure.
//!
//! ```text
//! cargo run -p dateline-entities --example convert_actors -- \
//!     ../shared/data/events/dictionaries/petrarch2/Phoenix.Countries.actors.txt \
//!     crates/entities/data/actors.tsv
//! ```
//!
//! Only entries marked `# CountryInfo.txt` (people, from the CIA World Leaders lists) are kept,
//! with their primary name and synonyms of two to four words; the country is the first three
//! letters of the default code, or of the most recent date restriction.
use std::collections::BTreeMap;
use std::io::Write;

/// Words that make a synonym a title phrase ("PRESIDENT_VLADIMIR_PUTIN") rather than a name.
const TITLE_WORDS: &[&str] = &[
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "GENERAL",
    "GEN",
    "KING",
    "QUEEN",
    "PRINCE",
    "SHEIKH",
    "SECRETARY",
    "CHAIRMAN",
    "LEADER",
    "DR",
    "MR",
    "MRS",
    "MS",
    "SIR",
    "COL",
    "CHIEF",
    "JUDGE",
    "AMBASSADOR",
    "SENATOR",
    "SEN",
    "REP",
    "MAYOR",
    "GOVERNOR",
    "FOREIGN",
    "DEFENSE",
    "HEAD",
    "EMIR",
    "SULTAN",
    "POPE",
    "VICE",
    "DEPUTY",
    "FORMER",
    "THE",
    "OF",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: convert_actors Phoenix.Countries.actors.txt OUT.tsv");
        std::process::exit(2);
    };
    let bytes = std::fs::read(input).unwrap_or_else(|e| {
        eprintln!("{input}: {e}");
        std::process::exit(1)
    });
    // The file is mostly ASCII with a few Latin-1 bytes.
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut person = false;
    let mut default: Option<String> = None;
    let mut last: Option<String> = None;
    let mut flush =
        |names: &mut Vec<String>, person: bool, d: &Option<String>, l: &Option<String>| {
            if let (true, Some(code)) = (person, d.as_ref().or(l.as_ref())) {
                let code: String = code.chars().take(3).collect();
                if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
                    for n in names.iter() {
                        out.entry(n.clone()).or_insert_with(|| code.clone());
                    }
                }
            }
            names.clear();
        };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let code_in = |s: &str| -> Option<String> {
            let a = s.find('[')?;
            let b = s[a..].find(']')? + a;
            let inner = s[a + 1..b].trim();
            Some(inner.split_whitespace().next()?.to_string())
        };
        if line.starts_with('\t') || line.starts_with(' ') {
            let t = line.trim();
            if let Some(c) = code_in(t) {
                if t.trim_start_matches('[').split_whitespace().count() == 1 {
                    default = Some(c);
                } else {
                    last = Some(c);
                }
            }
            continue;
        }
        let syn = line.starts_with('+');
        if !syn {
            flush(&mut names, person, &default, &last);
            person = line.contains("CountryInfo");
            default = None;
            last = None;
        }
        let phrase = line.trim_start_matches('+');
        let phrase = phrase.split('#').next().unwrap_or("");
        if let Some(c) = code_in(phrase) {
            default = Some(c);
        }
        let phrase = phrase
            .split('[')
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches('_');
        let words: Vec<&str> = phrase.split('_').filter(|w| !w.is_empty()).collect();
        if words.len() < 2 || words.len() > 4 {
            continue;
        }
        if words.iter().any(|w| {
            TITLE_WORDS.contains(&w.trim_end_matches('.'))
                || !w
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
        }) {
            continue;
        }
        let name: Vec<String> = words
            .iter()
            .map(|w| {
                let lower = w.to_lowercase();
                let mut cs = lower.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            })
            .collect();
        names.push(name.join(" "));
    }
    flush(&mut names, person, &default, &last);
    let mut f = std::io::BufWriter::new(std::fs::File::create(output).unwrap_or_else(|e| {
        eprintln!("{output}: {e}");
        std::process::exit(1)
    }));
    let _ = writeln!(
        f,
        "# Political figures -> ISO 3166 alpha-3 country, from the PETRARCH/Phoenix actor dictionary\n\
         # (openeventdata/petrarch2, Phoenix.Countries.actors.txt, MIT licence, (c) 2014 Open Event\n\
         # Data Alliance). Regenerate with `cargo run -p dateline-entities --example convert_actors`."
    );
    for (n, c) in &out {
        let _ = writeln!(f, "{n}\t{c}");
    }
    eprintln!("{} names", out.len());
}
