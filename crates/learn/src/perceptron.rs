//! The averaged perceptron: training with lazy averaging, and frozen weights for prediction.

use rustc_hash::FxHashMap;

/// Learns weights for `n` classes from hashed features.
///
/// Rows (one weight per class) are created the first time a feature takes part in an update,
/// so features that never matter cost nothing. Averaging is lazy: each weight remembers when it
/// last changed, and the running sum is brought up to date only when it changes again.
#[derive(Clone, Debug)]
pub struct Trainer {
    n: usize,
    index: FxHashMap<u64, u32>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    time: u32,
    scratch: Vec<f32>,
}

impl Trainer {
    /// A trainer for `n_classes` classes.
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n: n_classes,
            index: FxHashMap::default(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            time: 0,
            scratch: vec![0.0; n_classes],
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n
    }

    /// Adds the current weights of `feats` into `out` (length `n_classes`, zeroed by the caller).
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        let n = self.n;
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * n..(r as usize + 1) * n];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += *w;
                }
            }
        }
    }

    /// The best-scoring class under the current weights.
    pub fn predict(&mut self, feats: &[u64]) -> usize {
        let mut s = std::mem::take(&mut self.scratch);
        s.iter_mut().for_each(|x| *x = 0.0);
        self.scores(feats, &mut s);
        let best = argmax(&s);
        self.scratch = s;
        best
    }

    /// Moves weights towards `truth` and away from `guess` for these features.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = self.row(f);
            self.bump(r, truth, 1.0);
            self.bump(r, guess, -1.0);
        }
    }

    /// Marks the end of one training instance (the clock averaging counts in).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Predicts, updates when wrong, ticks; returns the prediction made before the update.
    pub fn learn(&mut self, feats: &[u64], truth: usize) -> usize {
        let guess = self.predict(feats);
        self.update(feats, truth, guess);
        self.tick();
        guess
    }

    fn row(&mut self, f: u64) -> usize {
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next) as usize;
        if r == next as usize {
            self.w.resize(self.w.len() + self.n, 0.0);
            self.total.resize(self.total.len() + self.n, 0.0);
            self.stamp.resize(self.stamp.len() + self.n, 0);
        }
        r
    }

    fn bump(&mut self, r: usize, c: usize, d: f32) {
        let i = r * self.n + c;
        self.total[i] += (self.time - self.stamp[i]) as f64 * self.w[i] as f64;
        self.stamp[i] = self.time;
        self.w[i] += d;
    }

    /// The averaged weights: each weight is its mean over every instance seen.
    ///
    /// Rows are keyed by [`stored_key`]; two features whose stored keys collide share one row,
    /// the sum of theirs.
    pub fn average(&self) -> Weights {
        let t = self.time.max(1) as f64;
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((&w, &tot), &st)| ((tot + (self.time - st) as f64 * w as f64) / t) as f32)
            .collect();
        let n = self.n;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut out = Weights {
            n,
            index: FxHashMap::with_capacity_and_hasher(keys.len(), Default::default()),
            w: Vec::with_capacity(avg.len()),
        };
        for (k, r) in keys {
            out.add_row(stored_key(k), &avg[r as usize * n..(r as usize + 1) * n]);
        }
        out
    }
}

/// Bits of a feature key that frozen weights keep: [`stored_key`] of every key.
///
/// A feature key is a 64-bit hash, but a model holds about a million rows, and a lookup of an
/// absent key collides with one of them only once in a million at 40 bits. Stored as gaps
/// between sorted keys, 40-bit keys take three bytes a row instead of seven: the parser's
/// transition rows shrink by a quarter.
pub const KEY_BITS: u32 = 40;

/// The part of a feature key that frozen weights store and look up (see [`KEY_BITS`]).
#[inline]
pub fn stored_key(key: u64) -> u64 {
    key & ((1 << KEY_BITS) - 1)
}

/// Frozen weights for prediction.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    n: usize,
    index: FxHashMap<u64, u32>,
    w: Vec<f32>,
}

impl Weights {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n
    }

    /// Number of feature rows kept.
    pub fn rows(&self) -> usize {
        self.index.len()
    }

    /// Every row as (feature key, one weight per class), sorted by key, so a stage can lay the
    /// weights out for its own scoring path (the parser packs key and weights into one slot).
    pub fn rows_sorted(&self) -> Vec<(u64, &[f32])> {
        let n = self.n;
        let mut rows: Vec<(u64, &[f32])> = self
            .index
            .iter()
            .map(|(&k, &r)| (k, &self.w[r as usize * n..(r as usize + 1) * n]))
            .collect();
        rows.sort_unstable_by_key(|&(k, _)| k);
        rows
    }

    /// Adds `row` to the row of `key` (a stored key), creating it if needed.
    fn add_row(&mut self, key: u64, row: &[f32]) {
        let n = self.n;
        match self.index.get(&key) {
            Some(&r) => {
                for (o, x) in self.w[r as usize * n..(r as usize + 1) * n]
                    .iter_mut()
                    .zip(row)
                {
                    *o += *x;
                }
            }
            None => {
                self.index.insert(key, (self.w.len() / n) as u32);
                self.w.extend_from_slice(row);
            }
        }
    }

    /// The mean of several weight sets over the same classes (a row missing from one counts
    /// as zeros there); `None` if they differ in their number of classes. Averaging models
    /// trained in different orders (seeds) is parameter mixing: it smooths what one order's
    /// accidents taught, at the cost of the rows of all of them.
    pub fn mean(all: &[&Weights]) -> Option<Weights> {
        let n = all.first()?.n;
        if all.iter().any(|w| w.n != n) {
            return None;
        }
        let k = all.len() as f32;
        let mut keys: Vec<u64> = all.iter().flat_map(|w| w.index.keys().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut out = Weights {
            n,
            index: FxHashMap::with_capacity_and_hasher(keys.len(), Default::default()),
            w: Vec::with_capacity(keys.len() * n),
        };
        let mut row = vec![0f32; n];
        for key in keys {
            row.iter_mut().for_each(|x| *x = 0.0);
            for w in all {
                if let Some(&r) = w.index.get(&key) {
                    for (o, x) in row
                        .iter_mut()
                        .zip(&w.w[r as usize * n..(r as usize + 1) * n])
                    {
                        *o += *x / k;
                    }
                }
            }
            out.add_row(key, &row);
        }
        Some(out)
    }

    /// Adds the weights of `feats` into `out` (length `n_classes`, zeroed by the caller).
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        let n = self.n;
        for f in feats {
            if let Some(&r) = self.index.get(&stored_key(*f)) {
                let row = &self.w[r as usize * n..(r as usize + 1) * n];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += *w;
                }
            }
        }
    }

    /// The best-scoring class.
    pub fn best(&self, feats: &[u64]) -> usize {
        let mut s = vec![0.0; self.n];
        self.scores(feats, &mut s);
        argmax(&s)
    }

    /// Drops rows whose largest weight is below `threshold` in absolute value: they barely move
    /// any decision, and dropping them keeps the shipped model small.
    pub fn prune(&mut self, threshold: f32) {
        let n = self.n;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut index = FxHashMap::default();
        let mut w = Vec::new();
        for (k, r) in keys {
            let row = &self.w[r as usize * n..(r as usize + 1) * n];
            if row.iter().any(|x| x.abs() >= threshold) {
                index.insert(k, (w.len() / n) as u32);
                w.extend_from_slice(row);
            }
        }
        self.index = index;
        self.w = w;
    }

    /// Serializes the weights compactly: rows sorted by key, each quantized to 16 bits with
    /// its own scale and stored sparsely (most rows touch only a few classes). The keys are
    /// written as varint gaps from the previous one, and a row of a classifier with at most 8
    /// classes says which are nonzero in one bit mask, and keys are cut to [`stored_key`]: the
    /// parser's million transition rows take ~13 bytes each instead of ~25, which is less to
    /// read at every start.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.n;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut out = Vec::with_capacity(keys.len() * 16);
        out.extend_from_slice(&(n as u32 | COMPACT).to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (k, r) in keys {
            let row = &self.w[r as usize * n..(r as usize + 1) * n];
            let max = row.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            let nz: Vec<(usize, i16)> = row
                .iter()
                .enumerate()
                .filter_map(|(c, &x)| {
                    let q = (x / scale).round() as i16;
                    (q != 0).then_some((c, q))
                })
                .collect();
            varint(&mut out, k - prev);
            prev = k;
            out.extend_from_slice(&scale.to_le_bytes());
            if n <= MASK_CLASSES {
                out.push(nz.iter().fold(0u8, |m, &(c, _)| m | 1 << c));
            } else {
                varint(&mut out, nz.len() as u64);
            }
            for (c, q) in nz {
                if n > MASK_CLASSES {
                    varint(&mut out, c as u64);
                }
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// Reads weights written by [`Weights::to_bytes`] (or by builds before the compact rows);
    /// `None` if the bytes are not such weights.
    pub fn from_bytes(b: &[u8]) -> Option<Weights> {
        let rows = RowReader::new(b)?;
        let n = rows.n_classes();
        let index = FxHashMap::with_capacity_and_hasher(rows.rows(), Default::default());
        // Capacity is a hint: corrupt counts must not reserve absurd memory.
        let w = Vec::with_capacity(rows.rows().saturating_mul(n).min(b.len() * 16));
        let mut out = Weights { n, index, w };
        // Keys of files before format 4 collide rarely once cut to 40 bits: their rows add up,
        // as in `Trainer::average`.
        rows.for_each(|k, row| out.add_row(k, row))?;
        Some(out)
    }
}

/// Marks the compact row encoding in the class-count word (class counts fit in 16 bits).
const COMPACT: u32 = 1 << 31;

/// Classifiers with at most this many classes store which classes a row has as a bit mask.
const MASK_CLASSES: usize = 8;

/// LEB128: seven bits a byte, low first, high bit set on every byte but the last.
fn varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push(x as u8 | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

/// Weights serialized by [`Weights::to_bytes`], read one row at a time in the file's key order
/// without building a [`Weights`].
///
/// A stage that lays weights out its own way for prediction (the parser's packed tables) reads
/// the model bytes with this instead of going through a hash map and a sort: the file is already
/// sorted by key, so the rows come in the order `Weights::rows_sorted` would give, with the same
/// values.
pub struct RowReader<'a> {
    n: usize,
    rows: usize,
    compact: bool,
    r: Reader<'a>,
}

impl<'a> RowReader<'a> {
    /// Reads the count of classes and rows; `None` if the bytes cannot be such weights.
    pub fn new(b: &'a [u8]) -> Option<RowReader<'a>> {
        let mut r = Reader(b);
        let head = r.u32()?;
        let compact = head & COMPACT != 0;
        let n = (head & !COMPACT) as usize;
        let rows = r.u32()? as usize;
        // A row takes at least 6 bytes (key gap, scale, count or mask; 14 before the compact
        // rows), so a larger count is corrupt and must not size an allocation.
        let least = if compact { 6 } else { 14 };
        if n == 0 || n > u16::MAX as usize || rows > b.len() / least {
            return None;
        }
        Some(RowReader {
            n,
            rows,
            compact,
            r,
        })
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n
    }

    /// Number of rows the bytes announce.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Calls `f` with each row as (stored feature key, its nonzero (class, weight) entries), in
    /// file order; `None` if the bytes end early or name a class out of range. Files before
    /// format 4 hold whole 64-bit keys: they are cut to [`stored_key`] here, so such a key may
    /// come twice.
    pub fn for_each_sparse(mut self, mut f: impl FnMut(u64, &[(u16, f32)])) -> Option<()> {
        let n = self.n;
        let mut entries: Vec<(u16, f32)> = Vec::with_capacity(n.min(64));
        let mut key = 0u64;
        for _ in 0..self.rows {
            entries.clear();
            let r = &mut self.r;
            if self.compact {
                key = key.checked_add(r.varint()?)?;
                let scale = f32::from_bits(r.u32()?);
                if n <= MASK_CLASSES {
                    let mask = r.u8()?;
                    if (mask as u32) >> n != 0 {
                        return None;
                    }
                    for c in (0..n).filter(|c| mask >> c & 1 == 1) {
                        entries.push((c as u16, r.u16()? as i16 as f32 * scale));
                    }
                } else {
                    for _ in 0..r.varint()?.min(n as u64) {
                        let c = r.varint()?;
                        let q = r.u16()? as i16;
                        entries.push((
                            u16::try_from(c).ok().filter(|&c| (c as usize) < n)?,
                            q as f32 * scale,
                        ));
                    }
                }
            } else {
                key = r.u64()?;
                let scale = f32::from_bits(r.u32()?);
                for _ in 0..r.u16()? {
                    let c = r.u16()?;
                    let q = r.u16()? as i16;
                    if c as usize >= n {
                        return None;
                    }
                    entries.push((c, q as f32 * scale));
                }
            }
            f(stored_key(key), &entries);
        }
        Some(())
    }

    /// Calls `f` with each row as (stored feature key, one weight per class), in file order;
    /// `None` if the bytes end early or name a class out of range.
    pub fn for_each(self, mut f: impl FnMut(u64, &[f32])) -> Option<()> {
        let mut row = vec![0f32; self.n];
        self.for_each_sparse(|key, entries| {
            row.iter_mut().for_each(|x| *x = 0.0);
            for &(c, w) in entries {
                row[c as usize] = w;
            }
            f(key, &row);
        })
    }
}

pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (h, t) = self.0.split_at_checked(N)?;
        self.0 = t;
        h.try_into().ok()
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }
    /// A LEB128 varint (see [`varint`]); `None` past 10 bytes.
    pub(crate) fn varint(&mut self) -> Option<u64> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            x |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(x);
            }
        }
        None
    }
    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.take::<2>().map(u16::from_le_bytes)
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take::<4>().map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take::<8>().map(u64::from_le_bytes)
    }
}

/// Index of the largest score (the first on ties).
#[inline]
pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in s.iter().enumerate() {
        if x > s[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Feat;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let xs: Vec<(Vec<u64>, usize)> = (0..30)
            .map(|i| {
                let c = i % 3;
                (
                    vec![
                        Feat::new(0).int(c as u64).done(),
                        Feat::new(1).int(i as u64).done(),
                    ],
                    c,
                )
            })
            .collect();
        for _ in 0..3 {
            for (f, c) in &xs {
                t.learn(f, *c);
            }
        }
        let w = t.average();
        for (f, c) in &xs {
            assert_eq!(w.best(f), *c);
        }
        let back = Weights::from_bytes(&w.to_bytes()).expect("round trip");
        assert_eq!(back.rows(), w.rows());
        for (f, c) in &xs {
            assert_eq!(back.best(f), *c);
        }
        assert!(Weights::from_bytes(&[1, 2, 3]).is_none());
        // The row reader sees the rows `rows_sorted` gives, with the same values.
        let bytes = w.to_bytes();
        let mut read = Vec::new();
        let reader = RowReader::new(&bytes).expect("header");
        assert_eq!((reader.n_classes(), reader.rows()), (3, w.rows()));
        reader
            .for_each(|k, row| read.push((k, row.to_vec())))
            .expect("rows");
        let sorted: Vec<(u64, Vec<f32>)> = back
            .rows_sorted()
            .into_iter()
            .map(|(k, r)| (k, r.to_vec()))
            .collect();
        assert_eq!(read, sorted);
        assert!(RowReader::new(&bytes[..bytes.len() - 1])
            .and_then(|r| r.for_each(|_, _| {}))
            .is_none());
    }

    /// Weights of `n` classes whose rows touch a few classes each, keys spread over all of u64.
    fn spread(n: usize) -> Weights {
        let mut t = Trainer::new(n);
        for i in 0..300u64 {
            let f = [Feat::new(1).int(i).done(), Feat::new(2).int(i % 7).done()];
            t.learn(&f, (i as usize * 7) % n);
        }
        t.average()
    }

    /// The rows of serialized weights, as read back.
    fn rows(b: &[u8]) -> Vec<(u64, Vec<(u16, f32)>)> {
        let mut out = Vec::new();
        RowReader::new(b)
            .expect("weights")
            .for_each_sparse(|k, e| out.push((k, e.to_vec())))
            .expect("all rows");
        out
    }

    #[test]
    fn compact_rows_round_trip_with_masks_and_class_lists() {
        for n in [2, 3, 8, 9, 73] {
            let w = spread(n);
            let bytes = w.to_bytes();
            let back = Weights::from_bytes(&bytes).expect("reads back");
            assert_eq!(back.to_bytes(), bytes, "{n} classes");
            let rs = rows(&bytes);
            assert_eq!(rs.len(), w.rows());
            assert!(rs.windows(2).all(|p| p[0].0 < p[1].0), "keys in order");
            for (k, entries) in rs {
                let mut dense = vec![0f32; n];
                w.scores(&[k], &mut dense);
                // 16-bit quantization against the row's largest weight.
                let max = dense.iter().fold(0f32, |m, x| m.max(x.abs()));
                for (c, x) in entries {
                    assert!((dense[c as usize] - x).abs() <= max / 30000.0);
                }
            }
        }
    }

    #[test]
    fn rows_written_before_the_compact_encoding_still_read() {
        // The earlier layout: class count, row count, then per row key, scale, count and
        // (class, quantized weight) pairs, the largest weight of a row at 32767.
        let mut old = Vec::new();
        old.extend_from_slice(&3u32.to_le_bytes());
        old.extend_from_slice(&2u32.to_le_bytes());
        for (key, scale, pairs) in [
            (5u64, 0.5f32, vec![(0u16, 32767i16), (2, -7)]),
            (9, 0.25, vec![(1, -32767)]),
        ] {
            old.extend_from_slice(&key.to_le_bytes());
            old.extend_from_slice(&scale.to_le_bytes());
            old.extend_from_slice(&(pairs.len() as u16).to_le_bytes());
            for (c, q) in pairs {
                old.extend_from_slice(&c.to_le_bytes());
                old.extend_from_slice(&q.to_le_bytes());
            }
        }
        assert_eq!(
            rows(&old),
            vec![(5, vec![(0, 16383.5), (2, -3.5)]), (9, vec![(1, -8191.75)])]
        );
        let w = Weights::from_bytes(&old).expect("old layout");
        assert_eq!(rows(&w.to_bytes()), rows(&old), "re-encoded without change");
    }

    #[test]
    fn frozen_weights_keep_forty_bits_of_a_key() {
        let (a, b, c) = (7u64, 7 | 1 << 45, 1 << 41);
        let mut t = Trainer::new(2);
        // Each is new and predicted as class 0, so each gets a row.
        for f in [a, b, c] {
            t.learn(&[f], 1);
        }
        assert!(t.predict(&[b]) == 1 && t.predict(&[12345]) == 0);
        let w = t.average();
        // `a` and `b` agree in their low 40 bits: one row, the sum of theirs; `c` is key 0.
        assert_eq!(w.rows(), 2);
        let score = |w: &Weights, f: u64| {
            let mut s = [0.0; 2];
            w.scores(&[f], &mut s);
            s
        };
        assert_eq!(score(&w, a), score(&w, b));
        assert_eq!(score(&w, c), score(&w, 0));
        assert_ne!(score(&w, c), [0.0, 0.0], "a whole key finds its stored row");
        let back = Weights::from_bytes(&w.to_bytes()).expect("round trip");
        for f in [a, b, c, 12345] {
            assert_eq!(score(&back, f), score(&w, f));
        }
        assert!(rows(&w.to_bytes()).iter().all(|(k, _)| *k < 1 << KEY_BITS));
    }

    #[test]
    fn the_mean_of_weights_averages_rows_and_counts_missing_ones_as_zero() {
        let (a, b) = (Feat::new(1).done(), Feat::new(2).done());
        let mut t1 = Trainer::new(2);
        t1.learn(&[a], 1);
        let mut t2 = Trainer::new(2);
        t2.learn(&[a, b], 1);
        let (w1, w2) = (t1.average(), t2.average());
        let m = Weights::mean(&[&w1, &w2]).expect("same classes");
        assert_eq!(m.rows(), 2);
        let score = |w: &Weights, f: u64| {
            let mut s = [0.0; 2];
            w.scores(&[f], &mut s);
            s
        };
        for f in [a, b] {
            let (x, y, z) = (score(&w1, f), score(&w2, f), score(&m, f));
            for c in 0..2 {
                assert!((z[c] - (x[c] + y[c]) / 2.0).abs() < 1e-6, "{f}: {z:?}");
            }
        }
        assert_eq!(
            score(&Weights::mean(&[&w1]).expect("one"), a),
            score(&w1, a)
        );
        assert!(Weights::mean(&[&w1, &Trainer::new(3).average()]).is_none());
        assert!(Weights::mean(&[]).is_none());
    }

    #[test]
    fn corrupt_compact_rows_are_refused() {
        let bytes = spread(3).to_bytes();
        assert!(Weights::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        // A mask naming a fourth class of three: the first row's mask follows its key gap
        // (one to ten bytes) and scale.
        let mut bad = bytes.clone();
        let gap = bad[8..].iter().position(|&b| b < 0x80).expect("varint end") + 1;
        bad[8 + gap + 4] |= 1 << 3;
        assert!(Weights::from_bytes(&bad).is_none());
        assert!(Weights::from_bytes(&[0xff; 40]).is_none());
    }

    #[test]
    fn averaging_discounts_late_flips() {
        let mut t = Trainer::new(2);
        let f = [Feat::new(0).done()];
        for _ in 0..100 {
            t.update(&f, 0, 1);
            t.tick();
        }
        for _ in 0..101 {
            t.update(&f, 1, 0);
        }
        t.tick();
        assert_eq!(t.predict(&f), 1, "current weights follow the last updates");
        assert_eq!(
            t.average().best(&f),
            0,
            "averaged weights remember the long history"
        );
    }
}
