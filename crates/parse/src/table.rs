//! The transition classifier's weights packed for speed.
//!
//! Parsing is bound by weight lookups: each transition looks up ~100 features among a million
//! rows. With a general hash map each lookup costs two or three dependent cache misses (control
//! bytes, bucket, weight row) and a hard-to-predict branch. Here four keys' fingerprints and
//! weights share one aligned cache line, a lookup compares all four without branching (as a
//! vector operation), and all of a transition's cache lines are requested before any is used, so
//! their misses overlap.

use crate::system::N_ACTIONS;
use dateline_learn::{RowReader, Weights};

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
        let mut touch = 0u32;
        for &(key, _) in rows {
            touch = touch.wrapping_add(self.buckets[self.home(key)].fp[0]);
        }
        std::hint::black_box(touch);
        for (key, row) in rows {
            self.insert(*key, row);
        }
    }

    fn with_rows(rows: usize) -> ActionTable {
        let n = (rows / 2 + 1).next_power_of_two().max(2);
        ActionTable {
            buckets: vec![Bucket::default(); n],
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
        let mut homes = [0usize; 32];
        for chunk in feats.chunks(32) {
            // Request every home bucket first, with no branch on the loaded values, so the cache
            // misses overlap instead of each waiting for the previous comparison.
            let mut touch = 0u32;
            for (h, &f) in homes.iter_mut().zip(chunk) {
                *h = self.home(f);
                touch = touch.wrapping_add(self.buckets[*h].fp[0]);
            }
            std::hint::black_box(touch);
            for (&home, &f) in homes.iter().zip(chunk) {
                let fp = fingerprint(f);
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

/// Open-addressing table from feature key to one weight per label, each row quantized to 16
/// bits with its own scale and stored next to its key (one or two cache lines per row instead of
/// a hash probe plus a separate 4-byte-per-label row).
#[derive(Clone, Debug, Default)]
pub(crate) struct LabelTable {
    n: usize,
    /// Bytes per slot: key (8), scale (4), `n` weights (2 each), padded to 8.
    stride: usize,
    shift: u32,
    data: Vec<u8>,
    zero: Option<Vec<f32>>,
}

impl LabelTable {
    /// Packs weights of any number of classes (at most 2/3 full).
    pub fn new(w: &Weights) -> LabelTable {
        let rows = w.rows_sorted();
        let mut t = LabelTable::with_rows(w.n_classes(), rows.len());
        for (key, row) in rows {
            t.insert(key, row);
        }
        t
    }

    /// Packs the weights straight from their serialized bytes, as [`ActionTable::from_bytes`]
    /// does; `None` if the bytes are not weights.
    pub fn from_bytes(b: &[u8]) -> Option<LabelTable> {
        let rows = RowReader::new(b)?;
        let n = rows.n_classes();
        let mut t = LabelTable::with_rows(n, rows.rows());
        // Batched as in `ActionTable::from_bytes`, so the cache misses of the inserts overlap.
        let mut keys = Vec::with_capacity(BATCH);
        let mut batch = Vec::with_capacity(BATCH * n);
        rows.for_each(|key, row| {
            keys.push(key);
            batch.extend_from_slice(row);
            if keys.len() == BATCH {
                t.insert_batch(&keys, &batch);
                keys.clear();
                batch.clear();
            }
        })?;
        t.insert_batch(&keys, &batch);
        Some(t)
    }

    fn insert_batch(&mut self, keys: &[u64], rows: &[f32]) {
        let mut touch = 0u64;
        for &k in keys {
            touch = touch.wrapping_add(self.key(self.home(k)));
        }
        std::hint::black_box(touch);
        for (&k, row) in keys.iter().zip(rows.chunks_exact(self.n.max(1))) {
            self.insert(k, row);
        }
    }

    fn with_rows(n: usize, rows: usize) -> LabelTable {
        let cap = (rows * 3 / 2 + 1).next_power_of_two().max(16);
        let stride = (12 + 2 * n).div_ceil(8) * 8;
        LabelTable {
            n,
            stride,
            shift: 64 - cap.trailing_zeros(),
            data: vec![0; cap * stride],
            zero: None,
        }
    }

    /// Stores a row, quantized, in the first free slot from its home on; the row of key 0 (the
    /// bias) is kept apart because key 0 marks a free slot.
    fn insert(&mut self, key: u64, row: &[f32]) {
        if key == 0 {
            self.zero = Some(row.to_vec());
            return;
        }
        let (stride, cap) = (self.stride, self.data.len() / self.stride);
        let mut i = self.home(key);
        while self.key(i) != 0 {
            i = (i + 1) & (cap - 1);
        }
        let max = row.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let slot = &mut self.data[i * stride..(i + 1) * stride];
        slot[..8].copy_from_slice(&key.to_le_bytes());
        slot[8..12].copy_from_slice(&scale.to_le_bytes());
        for (c, x) in row.iter().enumerate() {
            let q = (x / scale).round() as i16;
            slot[12 + 2 * c..14 + 2 * c].copy_from_slice(&q.to_le_bytes());
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(K) >> self.shift) as usize
    }

    #[inline]
    fn key(&self, i: usize) -> u64 {
        let s = i * self.stride;
        self.data
            .get(s..s + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    }

    /// Adds the weights of `feats` into `out` (length `n_classes`).
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        let cap = self.data.len() / self.stride.max(1);
        if cap == 0 {
            return;
        }
        let mut touch = 0u64;
        for &f in feats {
            touch = touch.wrapping_add(self.key(self.home(f)));
        }
        std::hint::black_box(touch);
        for &f in feats {
            if f == 0 {
                if let Some(z) = &self.zero {
                    for (o, x) in out.iter_mut().zip(z) {
                        *o += *x;
                    }
                }
                continue;
            }
            let mut i = self.home(f);
            loop {
                let k = self.key(i);
                if k == f {
                    let slot = &self.data[i * self.stride..(i + 1) * self.stride];
                    let scale = f32::from_le_bytes([slot[8], slot[9], slot[10], slot[11]]);
                    for (o, q) in out
                        .iter_mut()
                        .zip(slot[12..12 + 2 * self.n].chunks_exact(2))
                    {
                        *o += i16::from_le_bytes([q[0], q[1]]) as f32 * scale;
                    }
                    break;
                }
                if k == 0 {
                    break;
                }
                i = (i + 1) & (cap - 1);
            }
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

    #[test]
    fn label_table_scores_within_quantization_error() {
        let n = 40;
        let mut t = Trainer::new(n);
        let feats: Vec<u64> = (0..500).map(|i| Feat::new(1).int(i).done()).collect();
        for (i, f) in feats.iter().enumerate() {
            t.learn(&[*f, 0], (i * 7) % n);
        }
        let w = t.average();
        let table = LabelTable::new(&w);
        let packed = LabelTable::from_bytes(&w.to_bytes()).expect("packs from bytes");
        let loaded = LabelTable::new(&Weights::from_bytes(&w.to_bytes()).expect("loads"));
        assert_eq!(packed.data, loaded.data, "same table either way");
        assert_eq!(packed.zero, loaded.zero);
        for chunk in feats.chunks(7) {
            let mut a = vec![0f32; n];
            let mut b = vec![0f32; n];
            let mut v = chunk.to_vec();
            v.push(0);
            v.push(12345);
            w.scores(&v, &mut a);
            table.scores(&v, &mut b);
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() < 1e-3, "{x} vs {y}");
            }
        }
    }
}
