//! Feature templates of the mention tagger.
//!
//! Each word's hashes (form, lower case, shapes, affixes, tags, gazetteer matches) are computed
//! once per sentence; the templates only combine them, so extraction allocates nothing.

use crate::gazetteer::{lower, Gazetteer, Match, N_CATS};
use dateline_learn::Feat;

/// Hashes of one word that the templates combine.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub form: u64,
    pub lower: u64,
    pub shape: u64,
    pub short: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 4],
    /// Bit 0: initial capital; 1: all capitals; 2: digit; 3: hyphen; 4: period; 5: no letters.
    pub flags: u64,
    pub upos: u64,
    pub xpos: u64,
    /// Gazetteer bits: `cat * 4 + position` (0 begin, 1 inside, 2 last, 3 unit).
    pub gaz: u64,
    /// How the same word is written elsewhere in the document: bit 0 capitalised in the middle
    /// of a sentence, bit 1 in lower case, bit 2 it occurs elsewhere at all.
    pub doc: u64,
    /// Case of the whole sentence: 0 mixed, 1 (nearly) all lower case, 2 (nearly) all capitals.
    pub scase: u64,
    /// No capital and no digit (lower-case words, punctuation): not a feature, but what lets the
    /// decoder skip words that cannot start a name (see `tagger::decode`).
    pub plain: bool,
}

/// How each word (by lower-cased hash) is written across one document: capitalised in the
/// middle of a sentence, in lower case, in all. A real article gives this; the tagger uses it
/// to tell a name at the start of a sentence ("Player said") from a common word.
#[derive(Debug, Default)]
pub(crate) struct DocStats {
    counts: rustc_hash::FxHashMap<u64, [u32; 3]>,
}

/// Case class of one occurrence: 0 capitalised mid-sentence, 1 lower case, 2 other.
fn case_class(form: &str, initial: bool) -> usize {
    match form.chars().next() {
        Some(c) if c.is_uppercase() && !initial => 0,
        Some(c) if c.is_lowercase() => 1,
        _ => 2,
    }
}

impl DocStats {
    /// Adds one sentence.
    pub fn add<'a>(&mut self, forms: impl IntoIterator<Item = &'a str>) {
        for (i, f) in forms.into_iter().enumerate() {
            let c = self.counts.entry(Feat::hash_str(&lower(f))).or_default();
            let k = case_class(f, i == 0);
            if k < 2 {
                c[k] += 1;
            }
            c[2] += 1;
        }
    }

    /// The `doc` bits of word `form` (lower-cased hash `h`) at sentence position `i`, not
    /// counting this occurrence.
    fn bits(&self, h: u64, form: &str, i: usize) -> u64 {
        let Some(c) = self.counts.get(&h) else {
            return 0;
        };
        let mut c = *c;
        let k = case_class(form, i == 0);
        if k < 2 {
            c[k] = c[k].saturating_sub(1);
        }
        c[2] = c[2].saturating_sub(1);
        (c[0] > 0) as u64 | ((c[1] > 0) as u64) << 1 | ((c[2] > 0) as u64) << 2
    }
}

/// Case class of a sentence from its words' flags.
fn sentence_case(out: &[WordInfo], forms: &[&str]) -> u64 {
    let (mut up, mut low, mut n) = (0, 0, 0);
    for (w, f) in out.iter().zip(forms) {
        if f.chars().count() < 2 || w.flags & 32 != 0 {
            continue;
        }
        n += 1;
        if w.flags & 2 != 0 {
            up += 1;
        } else if w.flags & 1 == 0 {
            low += 1;
        }
    }
    if n >= 3 && up * 10 >= n * 8 {
        2
    } else if n >= 3 && low == n {
        1
    } else {
        0
    }
}

const PAD: u64 = 0x0f1e_2d3c_4b5a_6978;

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    pub buf: String,
    pub lower: Vec<u64>,
    pub exact: Vec<u64>,
    pub matches: Vec<Match>,
    pub feats: Vec<u64>,
    pub scores: Vec<f32>,
}

fn affix_hashes(lower: &str) -> ([u64; 3], [u64; 4]) {
    let mut pre = [PAD; 3];
    for (k, (i, c)) in lower.char_indices().take(3).enumerate() {
        pre[k] = Feat::hash_str(&lower[..i + c.len_utf8()]);
    }
    let mut suf = [PAD; 4];
    for (k, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
        suf[k] = Feat::hash_str(&lower[i..]);
    }
    (pre, suf)
}

fn shapes(form: &str) -> (u64, u64, u64) {
    let mut long = [0u8; 24];
    let mut short = [0u8; 12];
    let (mut ln, mut sn) = (0, 0);
    let (mut last, mut run) = ('\0', 0);
    let mut slast = '\0';
    let (mut upper, mut lowerc, mut digit, mut hyphen, mut period, mut first_upper) =
        (false, false, false, false, false, false);
    for (k, c) in form.chars().enumerate() {
        let s = if c.is_uppercase() {
            upper = true;
            if k == 0 {
                first_upper = true;
            }
            'X'
        } else if c.is_lowercase() {
            lowerc = true;
            'x'
        } else if c.is_numeric() {
            digit = true;
            'd'
        } else {
            if c == '-' {
                hyphen = true;
            }
            if c == '.' {
                period = true;
            }
            if c.is_ascii() {
                c
            } else {
                '*'
            }
        };
        if s == last {
            run += 1;
        } else {
            run = 0;
            last = s;
        }
        if run < 3 && ln + 4 <= long.len() {
            ln += s.encode_utf8(&mut long[ln..]).len();
        }
        if s != slast && sn + 4 <= short.len() {
            sn += s.encode_utf8(&mut short[sn..]).len();
            slast = s;
        }
    }
    let flags = first_upper as u64
        | ((upper && !lowerc) as u64) << 1
        | (digit as u64) << 2
        | (hyphen as u64) << 3
        | (period as u64) << 4
        | ((!upper && !lowerc) as u64) << 5;
    (
        Feat::hash_str(std::str::from_utf8(&long[..ln]).unwrap_or("")),
        Feat::hash_str(std::str::from_utf8(&short[..sn]).unwrap_or("")),
        flags,
    )
}

/// Computes the word infos of one sentence. `tags` gives (UPOS, XPOS) per word, or is empty
/// when the document has no `pos` layer.
pub(crate) fn sentence_infos(
    forms: &[&str],
    tags: &[(&str, &str)],
    gaz: &Gazetteer,
    stats: &DocStats,
    s: &mut Scratch,
    out: &mut Vec<WordInfo>,
) {
    out.clear();
    s.lower.clear();
    s.exact.clear();
    for (k, form) in forms.iter().enumerate() {
        s.buf.clear();
        s.buf.push_str(&lower(form));
        let l = s.buf.as_str();
        let (pre, suf) = affix_hashes(l);
        let (shape, short, flags) = shapes(form);
        let lower_h = Feat::hash_str(l);
        let form_h = Feat::hash_str(form);
        s.lower.push(lower_h);
        s.exact.push(form_h);
        let (u, x) = tags.get(k).copied().unwrap_or(("_", "_"));
        out.push(WordInfo {
            form: form_h,
            lower: lower_h,
            shape,
            short,
            pre,
            suf,
            flags,
            upos: Feat::hash_str(u),
            xpos: Feat::hash_str(x),
            gaz: 0,
            doc: stats.bits(lower_h, form, k),
            scase: 0,
            plain: !form.chars().any(|c| c.is_uppercase() || c.is_numeric()),
        });
    }
    let sc = sentence_case(out, forms);
    out.iter_mut().for_each(|w| w.scase = sc);
    gaz.matches(&s.lower, &s.exact, &mut s.matches);
    for m in &s.matches {
        let cat = gaz.entry(m.entry).cat as u64;
        debug_assert!((cat as usize) < N_CATS);
        for (j, w) in out[m.start..m.end].iter_mut().enumerate() {
            let pos = if m.end - m.start == 1 {
                3
            } else if j == 0 {
                0
            } else if m.start + j + 1 == m.end {
                2
            } else {
                1
            };
            w.gaz |= 1 << (cat * 4 + pos);
        }
    }
}

impl WordInfo {
    fn pad(k: u64) -> WordInfo {
        WordInfo {
            form: PAD ^ k,
            lower: PAD ^ k,
            shape: PAD ^ k,
            short: PAD ^ k,
            pre: [PAD ^ k; 3],
            suf: [PAD ^ k; 4],
            flags: 64 + k,
            upos: PAD ^ k,
            xpos: PAD ^ k,
            gaz: 1 << 63,
            doc: 8,
            scase: 3,
            plain: false,
        }
    }
}

/// Writes the features of word `i` into `out`, given the labels already chosen for the two
/// words before it.
pub(crate) fn extract(words: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = |j: isize| -> WordInfo {
        if j < 0 {
            WordInfo::pad(j.unsigned_abs() as u64)
        } else {
            words
                .get(j as usize)
                .copied()
                .unwrap_or_else(|| WordInfo::pad(10 + j as u64 - words.len() as u64))
        }
    };
    let ii = i as isize;
    let w = at(ii);
    let (m1, m2, n1, n2) = (at(ii - 1), at(ii - 2), at(ii + 1), at(ii + 2));
    let f = Feat::new;
    out.push(f(0).done());
    out.push(f(1).hash(w.lower).done());
    out.push(f(2).hash(w.form).done());
    out.push(f(3).hash(w.shape).done());
    out.push(f(4).hash(w.short).done());
    for (k, p) in w.pre.iter().enumerate() {
        out.push(f(5 + k as u32).hash(*p).done());
    }
    for (k, s) in w.suf.iter().enumerate() {
        out.push(f(8 + k as u32).hash(*s).done());
    }
    out.push(f(12).int(w.flags).done());
    out.push(f(13).int((i == 0) as u64).int(w.flags & 3).done());
    out.push(f(14).hash(w.upos).done());
    out.push(f(15).hash(w.xpos).done());
    out.push(f(16).hash(w.xpos).int(w.flags & 3).done());
    // Context words and tags.
    out.push(f(20).hash(m1.lower).done());
    out.push(f(21).hash(m2.lower).done());
    out.push(f(22).hash(n1.lower).done());
    out.push(f(23).hash(n2.lower).done());
    out.push(f(24).hash(m1.xpos).done());
    out.push(f(25).hash(n1.xpos).done());
    out.push(f(26).hash(m2.xpos).hash(m1.xpos).done());
    out.push(f(27).hash(n1.xpos).hash(n2.xpos).done());
    out.push(f(28).hash(m1.xpos).hash(w.xpos).hash(n1.xpos).done());
    out.push(f(29).hash(m1.short).hash(w.short).done());
    out.push(f(30).hash(w.short).hash(n1.short).done());
    out.push(f(31).hash(m1.lower).hash(w.lower).done());
    out.push(f(32).hash(w.lower).hash(n1.lower).done());
    out.push(f(33).hash(n1.short).hash(n1.xpos).done());
    out.push(f(34).hash(m1.suf[2]).done());
    out.push(f(35).hash(n1.suf[2]).done());
    // Previous labels.
    out.push(f(40).int(p1).done());
    out.push(f(41).int(p1).int(p2).done());
    out.push(f(42).int(p1).hash(w.lower).done());
    out.push(f(43).int(p1).hash(w.short).done());
    out.push(f(44).int(p1).hash(w.xpos).done());
    out.push(f(45).int(p1).hash(n1.xpos).done());
    out.push(f(46).int(p1).hash(m1.lower).done());
    // Gazetteers: each bit of the word, and the masks around it.
    let mut g = w.gaz;
    while g != 0 {
        let b = g.trailing_zeros() as u64;
        g &= g - 1;
        out.push(f(50).int(b).done());
        out.push(f(51).int(b).int(w.flags & 3).done());
        out.push(f(52).int(b).int(p1).done());
    }
    out.push(f(53).int(m1.gaz).done());
    out.push(f(54).int(n1.gaz).done());
    out.push(f(55).int(w.gaz).int(w.flags & 1).done());
    // The same words elsewhere in the document, and the case of the sentence.
    let first = (i == 0) as u64;
    out.push(f(60).int(w.doc).int(w.flags & 3).int(first).done());
    out.push(f(61).int(w.doc).hash(w.xpos).done());
    out.push(f(62).int(m1.doc).int(w.doc).int(n1.doc).done());
    out.push(f(63).int(w.scase).int(w.flags & 3).done());
    out.push(f(64).int(w.scase).hash(w.lower).done());
    out.push(f(65).int(w.scase).int(w.gaz).done());
}
