//! Relations the training data settles: an arc whose head's tag, dependent's tag, direction and
//! dependent's word came with one relation nearly every time in training ("the" before a noun
//! is `det`, "to" before a verb is `mark`) takes that relation without asking the label
//! classifier.
//!
//! The label classifier reads ~37 rows at random places of a table of megabytes for every arc,
//! which was half of the parser's time; about a third of the arcs in EWT and GUM dev are
//! settled this way, by one binary search in a few hundred keys.

use crate::features::Lex;
use dateline_learn::Feat;

/// An arc type must be seen at least this often in training...
pub(crate) const MIN_COUNT: u32 = 50;

/// ...and have one relation at least this share of those times.
pub(crate) const PURITY: f64 = 0.995;

/// Arc types (see [`CertainLabels::key`]) with the relation they take, sorted by key.
#[derive(Clone, Debug, Default)]
pub(crate) struct CertainLabels {
    keys: Vec<u64>,
    labels: Vec<u16>,
}

impl CertainLabels {
    /// The arc type of `head` -> `dep` in a sentence's [`Lex`]: both treebank tags, the side
    /// of the head the dependent is on, and the dependent's lower-cased word.
    #[inline]
    pub fn key(lex: &Lex, head: u32, dep: u32) -> u64 {
        let at = |v: &[u64], i: u32| v.get(i as usize).copied().unwrap_or(0);
        Feat::new(0xCE27)
            .hash(at(&lex.p, head))
            .hash(at(&lex.p, dep))
            .int(u64::from(dep < head))
            .hash(at(&lex.w, dep))
            .done()
    }

    /// The relation arc type `key` takes, if training settled it.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u16> {
        self.keys.binary_search(&key).ok().map(|i| self.labels[i])
    }

    /// Number of settled arc types.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// From per-arc-type relation counts: the types seen [`MIN_COUNT`] times whose most
    /// frequent relation has a share of at least [`PURITY`].
    pub fn from_counts<'a>(counts: impl IntoIterator<Item = (u64, &'a [u32])>) -> CertainLabels {
        let mut pairs: Vec<(u64, u16)> = counts
            .into_iter()
            .filter_map(|(key, c)| {
                let total: u32 = c.iter().sum();
                let (best, &n) = c
                    .iter()
                    .enumerate()
                    .max_by_key(|&(i, &n)| (n, usize::MAX - i))?;
                (total >= MIN_COUNT && f64::from(n) >= PURITY * f64::from(total))
                    .then_some((key, best as u16))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        CertainLabels {
            keys: pairs.iter().map(|p| p.0).collect(),
            labels: pairs.iter().map(|p| p.1).collect(),
        }
    }

    /// The model file's `certain_labels` section: a count, then each key (8 bytes) and
    /// relation (2 bytes), little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.keys.len() * 10);
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for (k, l) in self.keys.iter().zip(&self.labels) {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&l.to_le_bytes());
        }
        out
    }

    /// Reads [`CertainLabels::to_bytes`]; `None` if the bytes are not such a section or name a
    /// relation at or past `n_labels`.
    pub fn from_bytes(b: &[u8], n_labels: usize) -> Option<CertainLabels> {
        let n = u32::from_le_bytes(b.get(..4)?.try_into().ok()?) as usize;
        let body = b.get(4..)?;
        if body.len() != n.checked_mul(10)? {
            return None;
        }
        let mut c = CertainLabels::default();
        for e in body.chunks_exact(10) {
            c.keys.push(u64::from_le_bytes(e[..8].try_into().ok()?));
            c.labels.push(u16::from_le_bytes([e[8], e[9]]));
        }
        let sorted = c.keys.windows(2).all(|w| w[0] < w[1]);
        let known = c.labels.iter().all(|&l| usize::from(l) < n_labels);
        (sorted && known).then_some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_arc_types_settled_often_enough() {
        let settled = [0u32, 200, 0];
        let mixed = [100u32, 100, 0];
        let rare = [0u32, 0, 10];
        let nearly = [2u32, 0, 300];
        let c = CertainLabels::from_counts([
            (7, &settled[..]),
            (3, &mixed[..]),
            (5, &rare[..]),
            (9, &nearly[..]),
        ]);
        assert_eq!(c.get(7), Some(1));
        assert_eq!(c.get(3), None, "two relations");
        assert_eq!(c.get(5), None, "too rare");
        assert_eq!(c.get(9), None, "2 in 302 is more than half a percent");
        let back = CertainLabels::from_bytes(&c.to_bytes(), 3).expect("reads its own bytes");
        assert_eq!((back.keys, back.labels), (c.keys.clone(), c.labels.clone()));
        assert!(
            CertainLabels::from_bytes(&c.to_bytes(), 1).is_none(),
            "unknown relation"
        );
        assert!(CertainLabels::from_bytes(&[1, 0, 0, 0, 9], 3).is_none());
        assert!(CertainLabels::from_bytes(&[], 3).is_none());
    }
}
