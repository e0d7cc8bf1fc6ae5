//! The transition classifier's weights packed for speed.
//!
//! Parsing is bound by weight lookups: each transition looks up ~100 features among a million
//! rows. With a general hash map each lookup costs two or three dependent cache misses (control
//! bytes, bucket, weight row) and a hard-to-predict branch. Here four keys' fingerprints and
//! weights share one aligned cache line, a lookup compares all four without branching (as a
//! vector operation), and all of a transition's cache lines are requested before any is used, so
//! their misses overlap.

use crate::system::N_ACTIONS;
use dateline_learn::{stored_key, RowReader, Weights};

/// One cache line: four 31-bit key fingerprints and their weights, class-major (`w[class][slot]`)
/// so the four slots are scored as one 4-wide vector. The top bit of `fp[0]` marks a bucket that
/// overflowed into the following ones.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct Bucket {
    fp: [u32; 4],
    w: [[f32; 4]; N_ACTIONS],
}

const OVERFLOW: u32 = 1 << 31;

/// Rows packed at a time when loading: enough cache misses in flight to keep memory busy.
const BATCH: usize = 32;

/// Features scored at a time: a whole transition's (about 110) in one pass.
const CHUNK: usize = 128;

/// The fingerprint of a key: its low 31 bits (the bucket number comes from the high bits), never
/// 0, which marks an empty slot. A key absent from the table matches a stored fingerprint with
/// probability 2^-31 per slot compared, which is negligible.
#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key as u32) & !OVERFLOW).max(1)
}

/// Table from feature key to the 3 transition weights: buckets of one cache line.
///
/// A lookup reads one aligned cache line and compares its four fingerprints without branching,
/// so a hit or a miss costs the same and never mispredicts; only a key whose home bucket
/// overflowed (rare at the load kept here) looks further.
#[derive(Clone, Debug, Default)]
pub(crate) struct ActionTable {
    buckets: Vec<Bucket>,
    shift: u32,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl ActionTable {
    /// Packs 3-class weights, at most 2 rows per bucket on average (so few buckets overflow).
    pub fn new(w: &Weights) -> ActionTable {
        let rows = w.rows_sorted();
        let mut t = ActionTable::with_rows(rows.len());
        for (key, row) in rows {
            t.insert(key, row);
        }
        t
    }

    /// Packs the weights straight from their serialized bytes (rows in key order, as
    /// [`ActionTable::new`] inserts them, so the table is the same), without the hash map and
    /// sort of a [`Weights`]; `None` if the bytes are not 3-class weights.
    pub fn from_bytes(b: &[u8]) -> Option<ActionTable> {
        let rows = RowReader::new(b).filter(|r| r.n_classes() == N_ACTIONS)?;
        let mut t = ActionTable::with_rows(rows.rows());
        // Each insert misses the cache at a random bucket. Rows are inserted in batches whose
        // buckets are all requested first, so the misses overlap (the order of inserts, and so
        // the table, stays the same).
        let mut batch: Vec<(u64, [f32; N_ACTIONS])> = Vec::with_capacity(BATCH);
        rows.for_each(|key, row| {
            let mut ws = [0f32; N_ACTIONS];
            for (o, x) in ws.iter_mut().zip(row) {
                *o = *x;
            }
            batch.push((key, ws));
            if batch.len() == BATCH {
                t.insert_batch(&batch);
                batch.clear();
            }
        })?;
        t.insert_batch(&batch);
        Some(t)
    }

    fn insert_batch(&mut self, rows: &[(u64, [f32; N_ACTIONS])]) {
        for &(key, _) in rows {
            dateline_learn::prefetch(&self.buckets[self.home(key)]);
        }
        for (key, row) in rows {
            self.insert(*key, row);
        }
    }

    fn with_rows(rows: usize) -> ActionTable {
        let n = (rows / 2 + 1).next_power_of_two().max(2);
        ActionTable {
            buckets: dateline_learn::huge_vec_filled(n, Bucket::default()),
            shift: 64 - n.trailing_zeros(),
        }
    }

    /// Stores a row in the first free slot from its home bucket on, marking the home bucket as
    /// overflowed when that slot is further on.
    fn insert(&mut self, key: u64, row: &[f32]) {
        let mask = self.buckets.len() - 1;
        let mut ws = [0f32; N_ACTIONS];
        for (o, x) in ws.iter_mut().zip(row) {
            *o = *x;
        }
        let home = self.home(key);
        let mut i = home;
        loop {
            let b = &mut self.buckets[i];
            if let Some(j) = (0..4).find(|&j| b.fp[j] & !OVERFLOW == 0) {
                b.fp[j] |= fingerprint(key);
                for (wc, x) in b.w.iter_mut().zip(ws) {
                    wc[j] = x;
                }
                return;
            }
            self.buckets[home].fp[0] |= OVERFLOW;
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(K) >> self.shift) as usize
    }

    /// Adds the weights of `feats` into `out`.
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut [f32; N_ACTIONS]) {
        let mask = self.buckets.len() - 1;
        let mut acc = [[0f32; 4]; N_ACTIONS];
        let mut homes = [0usize; CHUNK];
        for chunk in feats.chunks(CHUNK) {
            // Request every home bucket first, so the cache misses overlap instead of each
            // waiting for the previous comparison.
            for (h, &f) in homes.iter_mut().zip(chunk) {
                *h = self.home(stored_key(f));
                dateline_learn::prefetch(&self.buckets[*h]);
            }
            for (&home, &f) in homes.iter().zip(chunk) {
                let fp = fingerprint(stored_key(f));
                let b = &self.buckets[home];
                let m = b.fp.map(|x| f32::from(u8::from(x & !OVERFLOW == fp)));
                for (a, w) in acc.iter_mut().zip(&b.w) {
                    for j in 0..4 {
                        a[j] += w[j] * m[j];
                    }
                }
                if b.fp[0] & OVERFLOW != 0 && m == [0.0; 4] {
                    self.overflow(home, fp, mask, out);
                }
            }
        }
        for (o, a) in out.iter_mut().zip(&acc) {
            *o += a.iter().sum::<f32>();
        }
    }

    /// Looks for `fp` in the buckets after `home`, up to the first one with a free slot.
    #[cold]
    fn overflow(&self, home: usize, fp: u32, mask: usize, out: &mut [f32; N_ACTIONS]) {
        let mut i = (home + 1) & mask;
        while i != home {
            let b = &self.buckets[i];
            for j in 0..4 {
                if b.fp[j] & !OVERFLOW == fp {
                    for (o, w) in out.iter_mut().zip(&b.w) {
                        *o += w[j];
                    }
                    return;
                }
            }
            if b.fp.iter().any(|&x| x & !OVERFLOW == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_learn::{Feat, Trainer};

    #[test]
    fn scores_like_the_weights_it_packs() {
        let mut t = Trainer::new(N_ACTIONS);
        // Enough rows that some buckets overflow into their neighbours.
        let feats: Vec<u64> = (0..5000).map(|i| Feat::new(1).int(i).done()).collect();
        for (i, f) in feats.iter().enumerate() {
            t.learn(&[*f, 0], i % N_ACTIONS);
        }
        let w = t.average();
        let table = ActionTable::new(&w);
        let packed = ActionTable::from_bytes(&w.to_bytes()).expect("packs from bytes");
        let loaded = ActionTable::new(&Weights::from_bytes(&w.to_bytes()).expect("loads"));
        assert_eq!(packed.buckets.len(), loaded.buckets.len());
        for (a, b) in packed.buckets.iter().zip(&loaded.buckets) {
            assert_eq!((a.fp, a.w), (b.fp, b.w), "same table either way");
        }
        assert!(ActionTable::from_bytes(&[1, 2, 3]).is_none());
        for chunk in feats.chunks(7) {
            let mut a = [0f32; N_ACTIONS];
            let mut b = [0f32; N_ACTIONS];
            let mut v = chunk.to_vec();
            v.push(0);
            v.push(12345);
            w.scores(&v, &mut a);
            table.scores(&v, &mut b);
            // Same weights, summed in another order.
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() < 1e-5, "{a:?} vs {b:?}");
            }
        }
    }
}
