//! Frozen weights laid out for fast, small prediction.
//!
//! Averaged perceptron rows are sparse: a feature row of the tagger touches three of its 73
//! classes on average, because a feature only moves the weights of the classes it was updated
//! for. [`SparseWeights`] keeps only those entries, behind an open-addressing table whose slot
//! holds a fingerprint of the key and where its entries start, so a lookup is one probe into a
//! small table and one short read — against a hash probe plus a whole dense row in
//! [`crate::Weights`]. Each entry keeps its class next to its weight (and a row's first, the
//! row's length), so the slot is 8 bytes and the row one read (it was 16 bytes, and a class
//! array and a weight array read apart). It is built straight from the model file's bytes, so
//! loading never materializes the model's dense rows.
//!
//! The few rows that fire for nearly every word (the bias, the previous tag, a common suffix)
//! are long, and adding one entry by entry is a chain of loads and stores to the same score
//! slots; rows at least a quarter full are therefore written out in full and added as a
//! straight run the compiler vectorizes (`keep_dense`). Same sums in the same order, so the
//! same predictions: EWT and GUM dev parses, GUM and Wikigold dev entities and PolNeAR dev
//! quotations came out byte-identical. In `dateline bench` on PolNeAR dev, five runs
//! interleaved with the build before, tagging took 1.28-1.56 s against 1.64-2.23 s and
//! segment+tag+parse 4.45-5.38 s against 5.29-6.23 s; peak memory stayed at 234-237 MB.

use crate::Weights;

/// Anything that adds per-class scores for a set of features: dense weights while training,
/// sparse ones when predicting.
pub trait Scorer {
    /// Number of classes.
    fn n_classes(&self) -> usize;
    /// Adds the weights of `feats` into `out` (length `n_classes`, zeroed by the caller).
    fn scores(&self, feats: &[u64], out: &mut [f32]);
}

impl Scorer for Weights {
    fn n_classes(&self) -> usize {
        Weights::n_classes(self)
    }
    fn scores(&self, feats: &[u64], out: &mut [f32]) {
        Weights::scores(self, feats, out)
    }
}

/// A row's place: the fingerprint of its key and where its entries start. Eight bytes, so a
/// cache line holds eight slots of a probe sequence.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C)]
struct Slot {
    /// The low 32 bits of the stored key, never 0 (0 marks an empty slot). Two keys of one
    /// probe sequence share it with probability 2^-32.
    fp: u32,
    /// Index of the row's first entry; with the [`DENSE`] bit, the row's number among the
    /// rows kept in full; [`EMPTY_ROW`] for a row without nonzero weights.
    start: u32,
}

/// `Slot::start` of a row that has no entries.
const EMPTY_ROW: u32 = u32::MAX;

/// One weight of a row: its class next to the weight, so a row is one read, not one in a
/// class array and one in a weight array. The row's first entry also holds the row's length
/// (in what would otherwise be padding).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C)]
struct Entry {
    class: u16,
    /// In a row's first entry, the number of entries in the row; 0 in the others.
    len: u16,
    w: f32,
}

/// Sparse frozen weights; see the module doc.
#[derive(Clone, Debug, Default)]
pub struct SparseWeights {
    n: usize,
    slots: Vec<Slot>,
    shift: u32,
    entries: Vec<Entry>,
    /// Long rows, written out in full: `stride` weights each (the classes, padded).
    dense: Vec<f32>,
    stride: usize,
}

/// `Slot::start` bit marking a row kept in `dense`; the rest of `start` is its row number.
const DENSE: u32 = 1 << 31;

/// Whether a row of `len` nonzero weights over `n` classes is kept in full. A long row (the
/// bias, the previous tag, a common suffix: these fire for nearly every word) added entry by
/// entry is a chain of loads and stores to the same few score slots, one after another; in
/// full it is a straight run of additions the compiler vectorizes. A quarter full costs no
/// more memory than its entries would, at eight bytes each.
fn keep_dense(len: usize, n: usize) -> bool {
    n >= 8 && len * 4 >= n
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// A feature key as stored ([`crate::stored_key`]).
#[inline]
fn norm(key: u64) -> u64 {
    crate::stored_key(key)
}

/// The fingerprint of a stored key (see [`Slot::fp`]).
#[inline]
fn fingerprint(key: u64) -> u32 {
    (key as u32).max(1)
}

impl SparseWeights {
    fn with_rows(n: usize, rows: usize, entries: usize) -> SparseWeights {
        let cap = (rows + rows / 3 + 1).next_power_of_two().max(8);
        SparseWeights {
            n,
            slots: crate::huge_vec_filled(cap, Slot::default()),
            shift: 64 - cap.trailing_zeros(),
            entries: crate::huge_vec(entries),
            dense: Vec::new(),
            stride: n.next_multiple_of(8),
        }
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(K) >> self.shift) as usize
    }

    /// Adds a row; `entries` are (class, weight) pairs, zeros skipped. A key added twice keeps
    /// its first row.
    fn insert(&mut self, key: u64, entries: &[(u16, f32)]) {
        let key = norm(key);
        let fp = fingerprint(key);
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].fp != 0 {
            if self.slots[i].fp == fp {
                return;
            }
            i = (i + 1) & mask;
        }
        let nonzero = entries.iter().filter(|(_, w)| *w != 0.0);
        let len = nonzero.clone().count();
        let start = if len == 0 {
            EMPTY_ROW
        } else if keep_dense(len, self.n) {
            let row = self.dense.len() / self.stride;
            self.dense.resize(self.dense.len() + self.stride, 0.0);
            for &(c, w) in nonzero {
                if let Some(x) = self.dense.get_mut(row * self.stride + usize::from(c)) {
                    *x = w;
                }
            }
            DENSE | row as u32
        } else {
            let first = self.entries.len();
            self.entries
                .extend(nonzero.map(|&(class, w)| Entry { class, len: 0, w }));
            // A row has at most one entry per class, and classes are u16.
            self.entries[first].len = len.min(u16::MAX as usize) as u16;
            first as u32
        };
        self.slots[i] = Slot { fp, start };
    }

    /// Number of feature rows.
    pub fn rows(&self) -> usize {
        self.slots.iter().filter(|s| s.fp != 0).count()
    }

    /// Reads the bytes written by [`Weights::to_bytes`] without building dense rows; `None` if
    /// they are not such weights.
    pub fn from_bytes(b: &[u8]) -> Option<SparseWeights> {
        let rows = crate::RowReader::new(b)?;
        let mut w = SparseWeights::with_rows(rows.n_classes(), rows.rows(), b.len() / 2);
        let mut batch = Batch::default();
        rows.for_each_sparse(|key, row| {
            batch.push(key, row);
            if batch.keys.len() == Batch::ROWS {
                batch.insert_into(&mut w);
            }
        })?;
        batch.insert_into(&mut w);
        Some(w)
    }
}

/// Rows waiting to be inserted. Each insert misses the cache at a random slot, so rows are
/// inserted a batch at a time with the batch's slots requested before any is written: the
/// misses overlap. Rows still go in in file order, so the table is the same as inserting one by
/// one.
#[derive(Default)]
struct Batch {
    keys: Vec<u64>,
    /// Where each row's entries end in `entries`.
    ends: Vec<usize>,
    entries: Vec<(u16, f32)>,
}

impl Batch {
    const ROWS: usize = 32;

    fn push(&mut self, key: u64, row: &[(u16, f32)]) {
        self.entries.extend_from_slice(row);
        self.keys.push(key);
        self.ends.push(self.entries.len());
    }

    fn insert_into(&mut self, w: &mut SparseWeights) {
        for &k in &self.keys {
            crate::prefetch(&w.slots[w.home(norm(k))]);
        }
        let mut start = 0;
        for (&k, &end) in self.keys.iter().zip(&self.ends) {
            w.insert(k, &self.entries[start..end]);
            start = end;
        }
        self.keys.clear();
        self.ends.clear();
        self.entries.clear();
    }
}

impl From<&Weights> for SparseWeights {
    fn from(dense: &Weights) -> SparseWeights {
        let rows = dense.rows_sorted();
        let nnz = rows
            .iter()
            .map(|(_, r)| r.iter().filter(|x| **x != 0.0).count())
            .sum();
        let mut w = SparseWeights::with_rows(dense.n_classes(), rows.len(), nnz);
        let mut entries = Vec::new();
        for (key, row) in rows {
            entries.clear();
            entries.extend(row.iter().enumerate().map(|(c, &x)| (c as u16, x)));
            w.insert(key, &entries);
        }
        w
    }
}

impl Scorer for SparseWeights {
    fn n_classes(&self) -> usize {
        self.n
    }

    /// Features are scored a chunk at a time in three passes: every home slot is requested,
    /// then every found row's entries, then the weights are added. Each lookup misses the
    /// cache at a random place; requesting them all (with [`crate::prefetch`]) before using
    /// any lets the misses overlap instead of paying for them one after another.
    #[inline]
    fn scores(&self, feats: &[u64], out: &mut [f32]) {
        const CHUNK: usize = 32;
        let mask = self.slots.len() - 1;
        let mut rows = [0u32; CHUNK];
        for chunk in feats.chunks(CHUNK) {
            for &f in chunk {
                crate::prefetch(&self.slots[self.home(norm(f))]);
            }
            let mut found = 0;
            for &f in chunk {
                let key = norm(f);
                let fp = fingerprint(key);
                let mut i = self.home(key);
                loop {
                    let s = self.slots[i];
                    if s.fp == fp {
                        if s.start != EMPTY_ROW {
                            rows[found] = s.start;
                            found += 1;
                        }
                        break;
                    }
                    if s.fp == 0 {
                        break;
                    }
                    i = (i + 1) & mask;
                }
            }
            for &a in &rows[..found] {
                if a & DENSE != 0 {
                    let at = (a & !DENSE) as usize * self.stride;
                    for line in self.dense.iter().skip(at).take(self.stride).step_by(16) {
                        crate::prefetch(line);
                    }
                } else {
                    crate::prefetch(&self.entries[a as usize]);
                }
            }
            let m = out.len().min(self.n);
            for &a in &rows[..found] {
                if a & DENSE != 0 {
                    let at = (a & !DENSE) as usize * self.stride;
                    if let Some(row) = self.dense.get(at..at + m) {
                        for (o, w) in out[..m].iter_mut().zip(row) {
                            *o += *w;
                        }
                    }
                    continue;
                }
                let a = a as usize;
                let len = usize::from(self.entries[a].len);
                for e in &self.entries[a..a + len] {
                    if let Some(o) = out.get_mut(usize::from(e.class)) {
                        *o += e.w;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Feat, Trainer};

    #[test]
    fn scores_like_the_dense_weights_it_came_from() {
        let mut t = Trainer::new(5);
        let feats: Vec<Vec<u64>> = (0..200u64)
            .map(|i| {
                vec![
                    Feat::new(0).int(i % 17).done(),
                    Feat::new(1).int(i % 5).done(),
                    0,
                ]
            })
            .collect();
        for (i, f) in feats.iter().enumerate() {
            t.learn(f, i % 5);
        }
        let dense = t.average();
        let sparse = SparseWeights::from(&dense);
        let loaded = SparseWeights::from_bytes(&dense.to_bytes()).expect("loads");
        assert_eq!(sparse.rows(), dense.rows());
        for f in &feats {
            let (mut a, mut b, mut c) = (vec![0.0; 5], vec![0.0; 5], vec![0.0; 5]);
            dense.scores(f, &mut a);
            Scorer::scores(&sparse, f, &mut b);
            Scorer::scores(&loaded, f, &mut c);
            for k in 0..5 {
                assert!((a[k] - b[k]).abs() < 1e-6);
                assert!((a[k] - c[k]).abs() < 1e-3 * a[k].abs().max(1.0));
            }
        }
        // Unknown features add nothing.
        let mut z = vec![0.0; 5];
        Scorer::scores(&sparse, &[Feat::new(9).done()], &mut z);
        assert_eq!(z, vec![0.0; 5]);
        assert!(SparseWeights::from_bytes(&[0, 0, 0]).is_none());
    }

    #[test]
    fn long_rows_kept_in_full_score_the_same() {
        // 24 classes: the bias row touches most of them and is kept in full; a word's row
        // touches its own class and the few it was mistaken for, and stays entries.
        let n = 24;
        let mut t = Trainer::new(n);
        let feats: Vec<Vec<u64>> = (0..300u64)
            .map(|i| vec![Feat::new(0).done(), Feat::new(1).int(i % 40).done()])
            .collect();
        for _ in 0..3 {
            for (i, f) in feats.iter().enumerate() {
                t.learn(f, (i % 40 * 7) % n);
            }
        }
        let dense = t.average();
        let sparse = SparseWeights::from(&dense);
        assert!(!sparse.dense.is_empty(), "the bias row is kept in full");
        assert!(!sparse.entries.is_empty(), "short rows stay entries");
        let loaded = SparseWeights::from_bytes(&dense.to_bytes()).expect("loads");
        for f in &feats {
            let (mut a, mut b, mut c) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
            dense.scores(f, &mut a);
            Scorer::scores(&sparse, f, &mut b);
            Scorer::scores(&loaded, f, &mut c);
            assert_eq!(a, b, "same sums in the same order");
            for k in 0..n {
                assert!((a[k] - c[k]).abs() < 1e-3 * a[k].abs().max(1.0));
            }
        }
    }
}
