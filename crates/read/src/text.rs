//! Plain text: the whole file is one article.

use crate::{Document, InputError, Item};

/// Checks a whole-file article and makes its document.
pub(crate) fn text_document(name: &str, id: String, bytes: Vec<u8>) -> Item {
    let err = |reason: String| InputError {
        source_name: name.to_string(),
        line: None,
        reason,
    };
    if looks_binary(&bytes) {
        return Err(err("looks like a binary file, not text: skipped".into()));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "not valid UTF-8 (first bad byte at offset {}): convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(err("empty: no text to extract".into()));
    }
    Ok(Document::new(id, text))
}

/// NUL bytes, or many control characters, mean this is not an article.
pub(crate) fn looks_binary(b: &[u8]) -> bool {
    let head = &b[..b.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let ctrl = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    ctrl * 10 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_files_are_checked() {
        assert!(text_document("f", "f".into(), b"Hello.".to_vec()).is_ok());
        let e = text_document("f", "f".into(), vec![0xff, 0xfe, b'a']).unwrap_err();
        assert!(e.to_string().contains("not valid UTF-8"), "{e}");
        let e = text_document("f", "f".into(), vec![0, 1, 2, 3]).unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
        let e = text_document("f", "f".into(), b"  \n".to_vec()).unwrap_err();
        assert_eq!(e.to_string(), "f: empty: no text to extract");
    }
}
