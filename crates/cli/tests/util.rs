//! Running the binary and reading its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary directory with files, where `dateline` runs.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.tmp.path().join(name);
        std::fs::write(&p, contents).expect("write test file");
        p
    }

    /// Runs `dateline ARGS` in this directory with `stdin` as input.
    pub fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(args)
            .current_dir(self.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dateline");
        let mut input = child.stdin.take().expect("stdin");
        let data = stdin.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(&data);
        });
        let out = child.wait_with_output().expect("dateline runs");
        let _ = writer.join();
        out
    }
}

/// Parses JSON Lines output, with the whole output in the message when a line is not JSON.
pub fn records(out: &Output) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| {
                panic!(
                    "not JSON ({e}): {l}\nstderr: {}",
                    String::from_utf8_lossy(&out.stderr)
                )
            })
        })
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The shared data directory, or `None` (and a note) where it does not exist.
pub fn shared_data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/data not found");
        None
    }
}

/// The words of a record as (text, upos, deprel) for assertions.
pub fn words(rec: &serde_json::Value, text: &str) -> Vec<(String, String, String, Option<u64>)> {
    let chars: Vec<char> = text.chars().collect();
    rec["words"]
        .as_array()
        .expect("words")
        .iter()
        .map(|w| {
            let s = w["span"][0].as_u64().expect("span") as usize;
            let e = w["span"][1].as_u64().expect("span") as usize;
            (
                chars[s..e].iter().collect(),
                w["upos"].as_str().unwrap_or("").to_string(),
                w["deprel"].as_str().unwrap_or("").to_string(),
                w["head"].as_u64(),
            )
        })
        .collect()
}
