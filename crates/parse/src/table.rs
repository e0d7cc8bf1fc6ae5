//! The transition classifier's weights packed for speed.
//!
//! Parsing is bound by weight lookups: each transition looks up ~100 features among a million
//! rows. With a general hash map each lookup costs two or three dependent cache misses (control
//! bytes, bucket, weight row) and a hard-to-predict branch. Here eight keys' fingerprints and
//! weights share one aligned cache line, a lookup compares all eight without branching (one
//! vector compare), and all of a transition's cache lines are requested before any is used, so
//! their misses overlap.
//!
//! The weights are 16-bit integers on one scale for the whole table (the largest weight is
//! 32767), so a cache line holds eight rows instead of four and the table takes 16 MB instead
//! of 64: it fits in this machine's 32 MB L3 cache, which the 64 MB one did not (under
//! cachegrind, a bench run's last-level read misses halved). The sums are exact integer sums,
//! scaled back once per transition.
//! Measured against 32-bit floats four rows to a line: see the crate docs.

use crate::system::N_ACTIONS;
use dateline_learn::{stored_key, RowReader, Weights};

/// Rows per bucket.
const SLOTS: usize = 8;

/// One cache line: eight 15-bit key fingerprints and their weights, class-major
/// (`w[class][slot]`) so the eight slots are scored as one vector. The top bit of `fp[0]`
/// marks a bucket that overflowed into the following ones.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct Bucket {
    fp: [u16; SLOTS],
    w: [[i16; SLOTS]; N_ACTIONS],
}

const OVERFLOW: u16 = 1 << 15;

/// Version of the `action_table` section's layout: 1 wrote every bucket's 64 bytes, 2 writes
/// only the slots in use.
const TABLE_FORMAT: u32 = 2;

/// Bytes of the `action_table` section before its buckets.
const TABLE_HEAD: usize = 16;

/// Rows packed at a time when loading: enough cache misses in flight to keep memory busy.
const BATCH: usize = 32;

/// Features scored at a time: a whole transition's (about 110) in one pass.
const CHUNK: usize = 128;

/// The fingerprint of a key: 15 of its low bits (the bucket number comes from the high bits),
/// never 0, which marks an empty slot. A key absent from the table (a feature never seen in
/// training) matches one of a bucket's stored fingerprints, on average four, with probability
/// about 4 / 32767, and then adds a stray row. Measured: the dev sets' parses barely change
/// (see the crate docs).
#[inline]
fn fingerprint(key: u64) -> u16 {
    ((key as u16) & !OVERFLOW).max(1)
}

/// Table from feature key to the 3 transition weights: buckets of one cache line.
///
/// A lookup reads one aligned cache line and compares its eight fingerprints without
/// branching, so a hit or a miss costs the same and never mispredicts; only a key whose home
/// bucket overflowed (rare at the load kept here) looks further.
#[derive(Clone, Debug, Default)]
pub(crate) struct ActionTable {
    buckets: Vec<Bucket>,
    shift: u32,
    /// What one unit of a stored weight is worth.
    scale: f32,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl ActionTable {
    /// Packs 3-class weights.
    pub fn new(w: &Weights) -> ActionTable {
        let rows: Vec<(u64, [f32; N_ACTIONS])> = w
            .rows_sorted()
            .into_iter()
            .map(|(key, row)| (key, three(row)))
            .collect();
        ActionTable::pack(&rows)
    }

    /// Packs the weights straight from their serialized bytes (rows in key order, as
    /// [`ActionTable::new`] inserts them, so the table is the same), without the hash map and
    /// sort of a [`Weights`]; `None` if the bytes are not 3-class weights.
    pub fn from_bytes(b: &[u8]) -> Option<ActionTable> {
        let reader = RowReader::new(b).filter(|r| r.n_classes() == N_ACTIONS)?;
        let mut rows: Vec<(u64, [f32; N_ACTIONS])> = Vec::with_capacity(reader.rows());
        reader.for_each(|key, row| rows.push((key, three(row))))?;
        Some(ActionTable::pack(&rows))
    }

    /// The table as a model file stores it (the `action_table` section): a 16-byte head
    /// (format, bucket count, scale, a reserved word), then per bucket a byte marking its
    /// slots in use and each such slot's fingerprint and weights (8 bytes), little-endian.
    /// Loading it is one pass that puts the slots back where they were, where packing rows at
    /// load time was the largest part of starting dateline; leaving out the empty slots
    /// (half of them at the load kept here) halves the file, so that a guided parser's two
    /// tables fit in the models' size budget. The rows' full keys are not kept: the table
    /// answers lookups, it cannot be mixed or pruned again (train for that).
    pub fn to_table_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(TABLE_HEAD + self.buckets.len() * 40);
        out.extend_from_slice(&TABLE_FORMAT.to_le_bytes());
        out.extend_from_slice(&(self.buckets.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        for b in &self.buckets {
            let used = (0..SLOTS).filter(|&j| b.fp[j] != 0);
            out.push(used.clone().fold(0u8, |m, j| m | 1 << j));
            for j in used {
                out.extend_from_slice(&b.fp[j].to_le_bytes());
                for w in &b.w {
                    out.extend_from_slice(&w[j].to_le_bytes());
                }
            }
        }
        out
    }

    /// Reads [`ActionTable::to_table_bytes`] (and the format-1 layout of every bucket's 64
    /// bytes); `None` if the bytes are not such a table. Any bucket contents are safe to look
    /// up in: lookups stay inside the table and the overflow probe stops after one round.
    pub fn from_table_bytes(b: &[u8]) -> Option<ActionTable> {
        let word = |i: usize| -> Option<[u8; 4]> { b.get(i..i + 4)?.try_into().ok() };
        let format = u32::from_le_bytes(word(0)?);
        let n = u32::from_le_bytes(word(4)?) as usize;
        let scale = f32::from_le_bytes(word(8)?);
        let ok = (format == 1 || format == TABLE_FORMAT)
            && n >= 2
            && n.is_power_of_two()
            && (format != 1 || b.len() == TABLE_HEAD + n * 64)
            && scale.is_finite()
            && scale > 0.0;
        if !ok {
            return None;
        }
        let mut buckets: Vec<Bucket> = dateline_learn::huge_vec(n);
        let half = |c: &[u8]| [c[0], c[1]];
        if format == 1 {
            for line in b[TABLE_HEAD..].chunks_exact(64) {
                let mut bucket = Bucket::default();
                let mut halves = line.chunks_exact(2).map(half);
                for (x, h) in bucket.fp.iter_mut().zip(&mut halves) {
                    *x = u16::from_le_bytes(h);
                }
                for (x, h) in bucket.w.iter_mut().flatten().zip(&mut halves) {
                    *x = i16::from_le_bytes(h);
                }
                buckets.push(bucket);
            }
        } else {
            let mut at = TABLE_HEAD;
            for _ in 0..n {
                let used = *b.get(at)?;
                at += 1;
                let mut bucket = Bucket::default();
                for j in (0..SLOTS).filter(|&j| used & 1 << j != 0) {
                    let slot = b.get(at..at + 2 * (1 + N_ACTIONS))?;
                    at += slot.len();
                    let mut halves = slot.chunks_exact(2).map(half);
                    bucket.fp[j] = u16::from_le_bytes(halves.next()?);
                    for (w, h) in bucket.w.iter_mut().zip(halves) {
                        w[j] = i16::from_le_bytes(h);
                    }
                }
                buckets.push(bucket);
            }
            if at != b.len() {
                return None;
            }
        }
        Some(ActionTable {
            buckets,
            shift: 64 - n.trailing_zeros(),
            scale,
        })
    }

    /// The fewest buckets (a power of two) that leave at most 55% of the slots used, so few
    /// buckets overflow: the shipped model's 1.06M rows fill 262,144 buckets to 51%, and 6,331
    /// of them (2.4%) overflowed.
    fn pack(rows: &[(u64, [f32; N_ACTIONS])]) -> ActionTable {
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, x| m.max(x.abs()));
        let n = (rows.len() * 20 / (SLOTS * 11) + 1)
            .next_power_of_two()
            .max(2);
        let mut t = ActionTable {
            buckets: dateline_learn::huge_vec_filled(n, Bucket::default()),
            shift: 64 - n.trailing_zeros(),
            scale: if max > 0.0 { max / 32767.0 } else { 1.0 },
        };
        // Each insert misses the cache at a random bucket. Rows are inserted in batches whose
        // buckets are all requested first, so the misses overlap (the order of inserts, and so
        // the table, stays the same).
        for batch in rows.chunks(BATCH) {
            for &(key, _) in batch {
                dateline_learn::prefetch(&t.buckets[t.home(key)]);
            }
            for (key, row) in batch {
                t.insert(*key, row);
            }
        }
        t
    }

    /// Stores a row in the first free slot from its home bucket on, marking the home bucket as
    /// overflowed when that slot is further on.
    fn insert(&mut self, key: u64, row: &[f32; N_ACTIONS]) {
        let mask = self.buckets.len() - 1;
        let q = row.map(|x| (x / self.scale).round().clamp(-32767.0, 32767.0) as i16);
        let home = self.home(key);
        let mut i = home;
        loop {
            let b = &mut self.buckets[i];
            if let Some(j) = (0..SLOTS).find(|&j| b.fp[j] & !OVERFLOW == 0) {
                b.fp[j] |= fingerprint(key);
                for (wc, x) in b.w.iter_mut().zip(q) {
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
        let mut homes = [0usize; CHUNK];
        let mut sums = [0i32; N_ACTIONS];
        for chunk in feats.chunks(CHUNK) {
            // Request every home bucket first, so the cache misses overlap instead of each
            // waiting for the previous comparison.
            for (h, &f) in homes.iter_mut().zip(chunk) {
                *h = self.home(stored_key(f));
                dateline_learn::prefetch(&self.buckets[*h]);
            }
            self.add_chunk(&homes[..chunk.len()], chunk, &mut sums);
        }
        for (o, s) in out.iter_mut().zip(sums) {
            *o += s as f32 * self.scale;
        }
    }

    /// Adds into `sums` the weights of the features `chunk`, whose home buckets are `homes`.
    /// Per feature: one 8-wide compare of the fingerprints, and per class a masked
    /// multiply-add of the eight weights into four 32-bit partial sums, added up at the end.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn add_chunk(&self, homes: &[usize], chunk: &[u64], sums: &mut [i32; N_ACTIONS]) {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; each load reads a whole 16-byte field of an aligned
        // `Bucket` (at offsets 0, 16, 32 and 48 of its 64-byte line).
        unsafe {
            let ones = _mm_set1_epi16(1);
            let strip = _mm_set1_epi16(!OVERFLOW as i16);
            let mut acc = [_mm_setzero_si128(); N_ACTIONS];
            for (&home, &f) in homes.iter().zip(chunk) {
                let fp = fingerprint(stored_key(f));
                let b = &self.buckets[home];
                let fps = _mm_and_si128(_mm_load_si128(b.fp.as_ptr().cast()), strip);
                let hit = _mm_cmpeq_epi16(fps, _mm_set1_epi16(fp as i16));
                for (a, w) in acc.iter_mut().zip(&b.w) {
                    let w = _mm_and_si128(_mm_load_si128(w.as_ptr().cast()), hit);
                    *a = _mm_add_epi32(*a, _mm_madd_epi16(w, ones));
                }
                if b.fp[0] & OVERFLOW != 0 && _mm_movemask_epi8(hit) == 0 {
                    self.overflow(home, fp, sums);
                }
            }
            for (s, a) in sums.iter_mut().zip(acc) {
                let a = _mm_add_epi32(a, _mm_shuffle_epi32::<0b01_00_11_10>(a));
                let a = _mm_add_epi32(a, _mm_shuffle_epi32::<0b10_11_00_01>(a));
                *s += _mm_cvtsi128_si32(a);
            }
        }
    }

    /// The same without vector instructions.
    #[cfg(not(target_arch = "x86_64"))]
    #[inline]
    fn add_chunk(&self, homes: &[usize], chunk: &[u64], sums: &mut [i32; N_ACTIONS]) {
        self.add_chunk_portable(homes, chunk, sums)
    }

    /// [`ActionTable::add_chunk`] one slot at a time: the fallback, and the tests' reference.
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    fn add_chunk_portable(&self, homes: &[usize], chunk: &[u64], sums: &mut [i32; N_ACTIONS]) {
        for (&home, &f) in homes.iter().zip(chunk) {
            let fp = fingerprint(stored_key(f));
            let b = &self.buckets[home];
            let mut found = false;
            for j in 0..SLOTS {
                if b.fp[j] & !OVERFLOW == fp {
                    found = true;
                    for (s, w) in sums.iter_mut().zip(&b.w) {
                        *s += i32::from(w[j]);
                    }
                }
            }
            if !found && b.fp[0] & OVERFLOW != 0 {
                self.overflow(home, fp, sums);
            }
        }
    }

    /// Looks for `fp` in the buckets after `home`, up to the first one with a free slot.
    #[cold]
    fn overflow(&self, home: usize, fp: u16, acc: &mut [i32; N_ACTIONS]) {
        let mask = self.buckets.len() - 1;
        let mut i = (home + 1) & mask;
        while i != home {
            let b = &self.buckets[i];
            for j in 0..SLOTS {
                if b.fp[j] & !OVERFLOW == fp {
                    for (a, w) in acc.iter_mut().zip(&b.w) {
                        *a += i32::from(w[j]);
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

/// The first three weights of a row (a row of 3-class weights has exactly three).
fn three(row: &[f32]) -> [f32; N_ACTIONS] {
    let mut ws = [0f32; N_ACTIONS];
    for (o, x) in ws.iter_mut().zip(row) {
        *o = *x;
    }
    ws
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
        // The vector lookup and the one-slot-at-a-time one agree, hits and misses.
        let mut keys = feats.clone();
        keys.extend([0, 12345, 99, u64::MAX]);
        for chunk in keys.chunks(13) {
            let homes: Vec<usize> = chunk.iter().map(|&f| packed.home(stored_key(f))).collect();
            let (mut x, mut y) = ([0i32; N_ACTIONS], [0i32; N_ACTIONS]);
            packed.add_chunk(&homes, chunk, &mut x);
            packed.add_chunk_portable(&homes, chunk, &mut y);
            assert_eq!(x, y);
        }
        assert!(ActionTable::from_bytes(&[1, 2, 3]).is_none());
        // Stored as a table and read back, it is the same table.
        let bytes = packed.to_table_bytes();
        let back = ActionTable::from_table_bytes(&bytes).expect("reads its own bytes");
        assert_eq!((back.shift, back.scale), (packed.shift, packed.scale));
        for (a, b) in packed.buckets.iter().zip(&back.buckets) {
            assert_eq!((a.fp, a.w), (b.fp, b.w));
        }
        assert!(ActionTable::from_table_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(ActionTable::from_table_bytes(&[]).is_none());
        // A model written in format 1 (every bucket's 64 bytes) reads as the same table.
        let mut old = bytes[..TABLE_HEAD].to_vec();
        old[..4].copy_from_slice(&1u32.to_le_bytes());
        for b in &packed.buckets {
            old.extend(b.fp.iter().flat_map(|x| x.to_le_bytes()));
            old.extend(b.w.iter().flatten().flat_map(|x| x.to_le_bytes()));
        }
        assert!(
            old.len() > bytes.len(),
            "format 2 leaves the empty slots out"
        );
        let back = ActionTable::from_table_bytes(&old).expect("reads format 1");
        for (a, b) in packed.buckets.iter().zip(&back.buckets) {
            assert_eq!((a.fp, a.w), (b.fp, b.w));
        }
        let mut odd = bytes.clone();
        odd[4] = 3; // not a power of two
        assert!(ActionTable::from_table_bytes(&odd).is_none());
        for chunk in feats.chunks(7) {
            let mut a = [0f32; N_ACTIONS];
            let mut b = [0f32; N_ACTIONS];
            let mut v = chunk.to_vec();
            v.push(0);
            v.push(12345);
            w.scores(&v, &mut a);
            table.scores(&v, &mut b);
            // Same weights, rounded to the table's 16 bits (half a unit each at most).
            for (x, y) in a.iter().zip(&b) {
                assert!(
                    (x - y).abs() <= table.scale * v.len() as f32,
                    "{a:?} vs {b:?}"
                );
            }
        }
    }
}
