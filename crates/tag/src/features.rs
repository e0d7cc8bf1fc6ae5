//! Feature templates of the tagger.
//!
//! Each word's hashes (form, lower case, prefix, suffixes, shape) are computed once per
//! sentence; the templates then only combine hashes, so extraction allocates nothing.

use dateline_learn::Feat;

/// Hashes of one word that the templates combine.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub form: u64,
    pub lower: u64,
    pub pre1: u64,
    pub suf: [u64; 4],
    pub shape: u64,
    /// Bit 0: has an upper-case letter; 1: has a digit; 2: has a hyphen; 3: all upper case.
    pub flags: u64,
    /// The set of classes the word took in training (its "ambiguity class"), hashed: a cheap
    /// view of the right context, whose tags greedy decoding has not chosen yet.
    pub ambig: u64,
}

/// Ambiguity classes by hash of the lower-cased form.
pub(crate) type AmbiguityClasses = rustc_hash::FxHashMap<u64, u64>;

const PAD: u64 = 0x1234_5678_9abc_def0;

impl WordInfo {
    /// Computes the hashes of `form`; `buf` is scratch space reused across words.
    pub fn new(form: &str, buf: &mut String, ambig: &AmbiguityClasses) -> WordInfo {
        buf.clear();
        for c in form.chars() {
            buf.extend(c.to_lowercase());
        }
        let lower = buf.as_str();
        // Byte offsets where the last 1..=4 characters start.
        let mut starts = [usize::MAX; 4];
        for (k, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
            starts[k] = i;
        }
        let suffix = |k: usize| -> u64 {
            match starts[k - 1] {
                usize::MAX => PAD ^ k as u64,
                s => Feat::hash_str(&lower[s..]),
            }
        };
        let pre1 = lower
            .chars()
            .next()
            .map(|c| Feat::hash_str(c.encode_utf8(&mut [0; 4])))
            .unwrap_or(PAD);
        let mut shape = [0u8; 24];
        let mut sn = 0;
        let mut last = '\0';
        let mut run = 0;
        let (mut upper, mut digit, mut hyphen, mut lowerc) = (false, false, false, false);
        for c in form.chars() {
            let s = if c.is_uppercase() {
                upper = true;
                'X'
            } else if c.is_lowercase() {
                lowerc = true;
                'x'
            } else if c.is_ascii_digit() {
                digit = true;
                'd'
            } else {
                if c == '-' {
                    hyphen = true;
                }
                c
            };
            if s == last {
                run += 1;
            } else {
                run = 0;
                last = s;
            }
            if run < 3 && sn + 4 <= shape.len() {
                sn += s.encode_utf8(&mut shape[sn..]).len();
            }
        }
        let lower_hash = Feat::hash_str(lower);
        WordInfo {
            form: Feat::hash_str(form),
            lower: lower_hash,
            ambig: ambig.get(&lower_hash).copied().unwrap_or(PAD ^ 99),
            pre1,
            suf: [suffix(1), suffix(2), suffix(3), suffix(4)],
            shape: Feat::hash_str(std::str::from_utf8(&shape[..sn]).unwrap_or("")),
            flags: upper as u64
                | (digit as u64) << 1
                | (hyphen as u64) << 2
                | ((upper && !lowerc) as u64) << 3,
        }
    }

    fn pad(k: u64) -> WordInfo {
        WordInfo {
            form: PAD ^ k,
            lower: PAD ^ k,
            pre1: PAD ^ k,
            suf: [PAD ^ k; 4],
            shape: PAD ^ k,
            flags: 16 + k,
            ambig: PAD ^ k,
        }
    }
}

/// Writes the features of word `i` into `out`, given the classes already chosen for the two
/// words before it (`u64::MAX - k` stands for "before the sentence").
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
    let i = i as isize;
    let w = at(i);
    let (m1, m2, n1, n2) = (at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    let f = Feat::new;
    out.push(f(0).done());
    out.push(f(1).hash(w.lower).done());
    out.push(f(2).hash(w.form).done());
    out.push(f(3).hash(w.pre1).done());
    for (k, s) in w.suf.iter().enumerate() {
        out.push(f(4 + k as u32).hash(*s).done());
    }
    out.push(f(8).hash(w.shape).done());
    out.push(f(9).int(w.flags).done());
    out.push(f(10).int(p1).done());
    out.push(f(11).int(p1).int(p2).done());
    out.push(f(12).int(p1).hash(w.lower).done());
    out.push(f(13).hash(m1.lower).done());
    out.push(f(14).hash(m1.suf[2]).done());
    out.push(f(15).hash(m2.lower).done());
    out.push(f(16).hash(n1.lower).done());
    out.push(f(17).hash(n1.suf[2]).done());
    out.push(f(18).hash(n2.lower).done());
    out.push(f(19).hash(n1.shape).done());
    out.push(f(20).hash(m1.lower).hash(w.lower).done());
    out.push(f(21).hash(w.lower).hash(n1.lower).done());
    out.push(f(22).int(p1).hash(n1.lower).done());
    out.push(f(23).hash(w.suf[2]).hash(n1.suf[1]).done());
    out.push(f(24).int(i.min(3) as u64).int(w.flags & 1).done());
    out.push(f(25).hash(n1.suf[0]).hash(n1.flags).done());
    out.push(f(26).int(p1).hash(w.suf[2]).done());
    out.push(f(27).hash(w.ambig).done());
    out.push(f(28).hash(n1.ambig).done());
    out.push(f(29).hash(n2.ambig).done());
    out.push(f(30).int(p1).hash(n1.ambig).done());
    out.push(f(31).hash(w.ambig).hash(n1.ambig).done());
    out.push(f(32).hash(w.lower).hash(n1.ambig).done());
}
