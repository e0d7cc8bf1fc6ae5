//! One test per fixed bug, named after the issue that reported it.

use crate::util::{records, stderr, Dir};

/// Issue 2: input with no text at all must not panic or print a record.
#[test]
fn issue2_whitespace_only_jsonl_text_gives_an_empty_record() {
    let out = Dir::new().run(&["extract"], b"{\"id\": \"w\", \"text\": \"  \\n\\n \"}\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["tokens"], serde_json::json!([]));
}
