//! Which time expression dates a given word: the timex in its clause or governed by it.

use dateline_document::{Document, TimexType, Upos};

/// Clausal relations: a word attached by one of these heads a clause of its own.
const CLAUSAL: [&str; 8] = [
    "ccomp",
    "xcomp",
    "advcl",
    "acl",
    "parataxis",
    "csubj",
    "conj",
    "root",
];

/// The timex (an index into `doc.timexes`) that dates the word at `word`, typically a speech
/// verb for the quotes stage: "said **on Tuesday**", "told reporters **in January**",
/// "**Friday**, the minister said". Only DATE and TIME expressions count.
///
/// With a parse (`doc.deps` as long as `doc.words`), a timex dates the word when the first
/// verb above it in the tree is that word: in "She said on Tuesday that talks will end in
/// June", "said" gets "Tuesday" and "end" gets "June". Without a parse, it is the nearest
/// timex in the same sentence with no other finite verb between them (tags from `doc.pos`
/// when present). Returns `None` when the clause names no time.
///
/// ```
/// use dateline_document::{Document, PosTag, Upos};
/// use dateline_time::{date_of, find, Date};
///
/// let text = "The minister said on Tuesday that talks will end in June.";
/// let mut doc = Document::new("d", text);
/// doc.set_segmentation(dateline_segment::segment(text));
/// doc.pos = doc.words.iter().map(|w| {
///     let xpos = match &text[w.span.range()] { "said" => "VBD", "will" => "MD", _ => "NN" };
///     PosTag { upos: Upos::NOUN, xpos, lemma: String::new() }
/// }).collect();
/// doc.timexes = find(&doc, Date::parse("2025-03-08"));
/// let said = doc.words.iter().position(|w| &text[w.span.range()] == "said").unwrap();
/// let t = date_of(&doc, said).unwrap();
/// assert_eq!(doc.timexes[t].value, "2025-03-04");
/// ```
pub fn date_of(doc: &Document, word: usize) -> Option<usize> {
    let sent = doc
        .sentences
        .iter()
        .find(|s| s.words.contains(&word))?
        .words
        .clone();
    // The timexes of the sentence, each with its words.
    let mut cands: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (t, tx) in doc.timexes.iter().enumerate() {
        if !matches!(tx.kind, TimexType::DATE | TimexType::TIME) {
            continue;
        }
        let ws: Vec<usize> = sent
            .clone()
            .filter(|&k| {
                let s = doc.words[k].span;
                s.start >= tx.span.start && s.end <= tx.span.end
            })
            .collect();
        if let (Some(&a), Some(&b)) = (ws.first(), ws.last()) {
            cands.push((t, a..b + 1));
        }
    }
    if cands.is_empty() {
        return None;
    }
    if doc.deps.len() == doc.words.len() && !doc.deps.is_empty() {
        by_tree(doc, word, &cands)
    } else {
        by_distance(doc, word, &cands)
    }
}

/// The timex whose first governing verb is `word`; the closest in the text wins a tie.
fn by_tree(
    doc: &Document,
    word: usize,
    cands: &[(usize, std::ops::Range<usize>)],
) -> Option<usize> {
    let is_verb = |k: usize| {
        doc.pos
            .get(k)
            .is_some_and(|p| matches!(p.upos, Upos::VERB | Upos::AUX) || p.xpos.starts_with("VB"))
    };
    let mut best: Option<(usize, usize)> = None;
    for (t, ws) in cands {
        // The word of the timex whose head lies outside it.
        let Some(root) = ws
            .clone()
            .find(|&k| doc.deps[k].head.is_none_or(|h| !ws.contains(&h)))
        else {
            continue;
        };
        let mut x = doc.deps[root].head;
        let mut steps = 0;
        let mut hit = false;
        while let Some(h) = x {
            if h == word {
                hit = true;
                break;
            }
            // Another predicate heads the clause the timex is in.
            if is_verb(h) || CLAUSAL.contains(&base_rel(doc.deps[h].rel)) {
                break;
            }
            steps += 1;
            if steps > 20 {
                break;
            }
            x = doc.deps[h].head;
        }
        if hit {
            let dist = if ws.start > word {
                ws.start - word
            } else {
                word.saturating_sub(ws.end - 1)
            };
            if best.is_none_or(|(_, d)| dist < d) {
                best = Some((*t, dist));
            }
        }
    }
    best.map(|b| b.0)
}

fn base_rel(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// The nearest timex with no other finite verb between it and `word`.
fn by_distance(
    doc: &Document,
    word: usize,
    cands: &[(usize, std::ops::Range<usize>)],
) -> Option<usize> {
    let finite = |k: usize| {
        k != word
            && doc
                .pos
                .get(k)
                .is_some_and(|p| matches!(p.xpos, "VBD" | "VBZ" | "VBP" | "MD"))
    };
    let mut best: Option<(usize, usize)> = None;
    for (t, ws) in cands {
        let between = if ws.start > word {
            word + 1..ws.start
        } else {
            ws.end..word
        };
        if between.clone().any(finite) {
            continue;
        }
        let dist = between.len();
        if best.is_none_or(|(_, d)| dist < d) {
            best = Some((*t, dist));
        }
    }
    best.map(|b| b.0)
}
