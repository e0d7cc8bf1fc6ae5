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
    pub fn average(&self) -> Weights {
        let t = self.time.max(1) as f64;
        let w = self
            .w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((&w, &tot), &st)| ((tot + (self.time - st) as f64 * w as f64) / t) as f32)
            .collect();
        Weights {
            n: self.n,
            index: self.index.clone(),
            w,
        }
    }
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

    /// Adds the weights of `feats` into `out` (length `n_classes`, zeroed by the caller).
    #[inline]
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
    /// its own scale and stored sparsely (most rows touch only a few classes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.n;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut out = Vec::with_capacity(keys.len() * 16);
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (k, r) in keys {
            let row = &self.w[r as usize * n..(r as usize + 1) * n];
            let max = row.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            let nz: Vec<(u16, i16)> = row
                .iter()
                .enumerate()
                .filter_map(|(c, &x)| {
                    let q = (x / scale).round() as i16;
                    (q != 0).then_some((c as u16, q))
                })
                .collect();
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&scale.to_le_bytes());
            out.extend_from_slice(&(nz.len() as u16).to_le_bytes());
            for (c, q) in nz {
                out.extend_from_slice(&c.to_le_bytes());
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// Reads weights written by [`Weights::to_bytes`]; `None` if the bytes are not such weights.
    pub fn from_bytes(b: &[u8]) -> Option<Weights> {
        let mut r = Reader(b);
        let n = r.u32()? as usize;
        let rows = r.u32()? as usize;
        if n == 0 || n > u16::MAX as usize {
            return None;
        }
        let mut index = FxHashMap::with_capacity_and_hasher(rows, Default::default());
        let mut w = vec![0f32; rows.checked_mul(n)?.min(b.len() * 8)];
        for i in 0..rows {
            let k = r.u64()?;
            let scale = f32::from_bits(r.u32()?);
            let nz = r.u16()? as usize;
            let base = i * n;
            if base + n > w.len() {
                return None;
            }
            for _ in 0..nz {
                let c = r.u16()? as usize;
                let q = r.u16()? as i16;
                *w.get_mut(base + c)? = q as f32 * scale;
            }
            index.insert(k, i as u32);
        }
        Some(Weights { n, index, w })
    }
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
    r: Reader<'a>,
}

impl<'a> RowReader<'a> {
    /// Reads the count of classes and rows; `None` if the bytes cannot be such weights.
    pub fn new(b: &'a [u8]) -> Option<RowReader<'a>> {
        let mut r = Reader(b);
        let n = r.u32()? as usize;
        let rows = r.u32()? as usize;
        // A row takes at least 14 bytes (key, scale, count), so a larger count is corrupt and
        // must not size an allocation.
        if n == 0 || n > u16::MAX as usize || rows > b.len() / 14 {
            return None;
        }
        Some(RowReader { n, rows, r })
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n
    }

    /// Number of rows the bytes announce.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Calls `f` with each row as (feature key, one weight per class), in file order; `None` if
    /// the bytes end early or name a class out of range.
    pub fn for_each(mut self, mut f: impl FnMut(u64, &[f32])) -> Option<()> {
        let mut row = vec![0f32; self.n];
        for _ in 0..self.rows {
            let key = self.r.u64()?;
            let scale = f32::from_bits(self.r.u32()?);
            let nz = self.r.u16()? as usize;
            row.iter_mut().for_each(|x| *x = 0.0);
            for _ in 0..nz {
                let c = self.r.u16()? as usize;
                let q = self.r.u16()? as i16;
                *row.get_mut(c)? = q as f32 * scale;
            }
            f(key, &row);
        }
        Some(())
    }
}

pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (h, t) = self.0.split_at_checked(N)?;
        self.0 = t;
        h.try_into().ok()
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
