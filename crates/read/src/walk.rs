//! Directory arguments: all supported files below them, sorted.

use crate::InputError;
use std::path::{Path, PathBuf};

/// True for a file name dateline reads when it walks a directory: `.txt`, `.text`, `.jsonl`,
/// `.ndjson`, `.html`, `.htm`, `.warc`, `.warc.gz`. Other files in a directory (images, notes,
/// `.DS_Store`) are not articles and are passed over in silence.
pub fn is_supported(path: &Path) -> bool {
    let name = match path.file_name() {
        Some(n) => n.to_string_lossy().to_ascii_lowercase(),
        None => return false,
    };
    if name.starts_with('.') {
        return false;
    }
    name.ends_with(".warc.gz")
        || matches!(
            name.rsplit('.').next(),
            Some("txt" | "text" | "jsonl" | "ndjson" | "html" | "htm" | "warc")
        )
}

/// Expands the paths a user gave: a file stays as it is (whatever its name), a directory
/// becomes every supported file below it, sorted so that runs are reproducible.
///
/// A directory with no supported file, or one that cannot be read, yields an error naming it;
/// the other paths are still returned.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let before = files.len();
        walk(p, &mut files, &mut errors);
        files[before..].sort();
        if files.len() == before {
            errors.push(InputError::new(
                &p.display().to_string(),
                None,
                "directory holds no articles (.txt, .jsonl, .html or .warc/.warc.gz files)",
            ));
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError::new(
                &dir.display().to_string(),
                None,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, errors);
        } else if is_supported(&path) {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_expand_sorted_and_empty_ones_are_named() {
        let tmp = std::env::temp_dir().join(format!("dateline-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(tmp.join("b/deep")).unwrap();
        std::fs::create_dir_all(tmp.join("empty")).unwrap();
        for f in [
            "b/z.txt",
            "b/deep/a.html",
            "a.jsonl",
            "c.warc.gz",
            "notes.md",
            ".hidden.txt",
        ] {
            std::fs::write(tmp.join(f), "x").unwrap();
        }
        let (files, errors) = expand(&[tmp.clone(), tmp.join("empty")]);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(&tmp).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.jsonl", "b/deep/a.html", "b/z.txt", "c.warc.gz"]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0]
            .to_string()
            .contains("empty: directory holds no articles"));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
