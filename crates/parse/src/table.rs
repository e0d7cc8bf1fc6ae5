//! The transition classifier's weights packed for speed.
//!
//! Parsing is memory-bound: each transition looks up ~90 features among hundreds of thousands of
//! rows, and with a general hash map each lookup costs two or three dependent cache misses
//! (control bytes, bucket, weight row). Here key and the 3 weights share one 24-byte slot of an
//! open-addressing table, so a lookup is usually one miss, and lookups of different features are
//! independent so the CPU overlaps them.

use crate::system::N_ACTIONS;
use dateline_learn::Weights;

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    w: [f32; N_ACTIONS],
}

/// Open-addressing table from feature key to the 3 transition weights.
#[derive(Clone, Debug, Default)]
pub(crate) struct ActionTable {
    slots: Vec<Slot>,
    shift: u32,
    /// Weights of the key 0, which marks empty slots.
    zero: Option<[f32; N_ACTIONS]>,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl ActionTable {
    /// Packs 3-class weights (at most 2/3 full).
    pub fn new(w: &Weights) -> ActionTable {
        let rows = w.rows_sorted();
        let cap = (rows.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let shift = 64 - cap.trailing_zeros();
        let mut t = ActionTable {
            slots: vec![Slot::default(); cap],
            shift,
            zero: None,
        };
        let mask = cap - 1;
        for (key, row) in rows {
            let mut ws = [0f32; N_ACTIONS];
            for (o, x) in ws.iter_mut().zip(row) {
                *o = *x;
            }
            if key == 0 {
                t.zero = Some(ws);
                continue;
            }
            let mut i = t.home(key);
            while t.slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            t.slots[i] = Slot { key, w: ws };
        }
        t
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(K) >> self.shift) as usize
    }

    /// Adds the weights of `feats` into `out`.
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut [f32; N_ACTIONS]) {
        let mask = self.slots.len() - 1;
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
                let s = &self.slots[i];
                if s.key == f {
                    for (o, x) in out.iter_mut().zip(&s.w) {
                        *o += *x;
                    }
                    break;
                }
                if s.key == 0 {
                    break;
                }
                i = (i + 1) & mask;
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
        let feats: Vec<u64> = (0..500).map(|i| Feat::new(1).int(i).done()).collect();
        for (i, f) in feats.iter().enumerate() {
            t.learn(&[*f, 0], i % N_ACTIONS);
        }
        let w = t.average();
        let table = ActionTable::new(&w);
        for chunk in feats.chunks(7) {
            let mut a = [0f32; N_ACTIONS];
            let mut b = [0f32; N_ACTIONS];
            let mut v = chunk.to_vec();
            v.push(0);
            v.push(12345);
            w.scores(&v, &mut a);
            table.scores(&v, &mut b);
            assert_eq!(a, b);
        }
    }
}
