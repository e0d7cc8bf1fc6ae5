//! The guide: a first parser that reads the sentence backwards, whose tree the guided
//! (left-to-right) parser then reads as features.
//!
//! A greedy left-to-right parser decides each arc before it has seen the words to its right;
//! a parser reading from the other end has seen them, and errs elsewhere. Giving the second
//! parser the first one's tree as features ("stacking", Nivre & McDonald 2008) lets it
//! borrow that view: whether a word still in the buffer will take the word on the stack as
//! a dependent, whether the stack word has dependents to come.

use crate::system::NONE;

/// The feature set of a guided parser: [`crate::features::FEATURES`] and the guide's tree
/// (see [`Guide`]).
pub(crate) const GUIDED_FEATURES: &str = "parse-archybrid-zn11-v4+guide-v1";

/// Prefix of the guide's sections in a guided parser's model file.
pub(crate) const GUIDE_PREFIX: &str = "guide.";

/// The `guide.direction` of a guide that reads sentences backwards, and of one that does not.
pub(crate) const RIGHT_TO_LEFT: &str = "right-to-left";
pub(crate) const LEFT_TO_RIGHT: &str = "left-to-right";

/// A first parser's tree over the sentence, which a guided parser reads as features: it
/// tells a left-to-right parser what the words still in its buffer will take as dependents.
#[derive(Clone, Debug, Default)]
pub(crate) struct Guide {
    /// Head of each word, [`NONE`] for the root.
    pub head: Vec<u32>,
    /// Relation of each word (label id, `NO_LABEL` for the root).
    pub label: Vec<u16>,
    /// Leftmost and rightmost dependent of each word ([`NONE`] when it has none).
    pub leftmost: Vec<u32>,
    pub rightmost: Vec<u32>,
}

impl Guide {
    /// Sets the tree; `head` and `label` have one entry per word.
    pub fn set(&mut self, head: &[u32], label: &[u16]) {
        let n = head.len();
        self.head.clear();
        self.head.extend_from_slice(head);
        self.label.clear();
        self.label.extend_from_slice(label);
        self.leftmost.clear();
        self.leftmost.resize(n, NONE);
        self.rightmost.clear();
        self.rightmost.resize(n, NONE);
        for (d, &h) in head.iter().enumerate() {
            let h = h as usize;
            if h < n {
                let d = d as u32;
                if self.leftmost[h] == NONE || d < self.leftmost[h] {
                    self.leftmost[h] = d;
                }
                if self.rightmost[h] == NONE || d > self.rightmost[h] {
                    self.rightmost[h] = d;
                }
            }
        }
    }

    /// True when there is a guide tree.
    #[inline]
    pub fn is_set(&self) -> bool {
        !self.head.is_empty()
    }

    /// How words `a` and `b` relate in the guide: 1 if `b` heads `a`, 2 if `a` heads `b`,
    /// 3 if they share a head, 0 otherwise or when either is missing.
    #[inline]
    pub fn rel(&self, a: u32, b: u32) -> u64 {
        if a == NONE || b == NONE {
            return 0;
        }
        let (ha, hb) = (self.head[a as usize], self.head[b as usize]);
        if ha == b {
            1
        } else if hb == a {
            2
        } else if ha == hb && ha != NONE {
            3
        } else {
            0
        }
    }

    /// Where the guide puts the head of word `i` against the parser's state: 0 missing,
    /// 1 the root, 2 left of `s0`'s position on the stack side, 3 at `s0`, 4 in the buffer.
    #[inline]
    pub fn side(&self, i: u32, s0: u32, b0: u32) -> u64 {
        if i == NONE {
            return 0;
        }
        match self.head[i as usize] {
            NONE => 1,
            h if h == s0 => 3,
            h if b0 != NONE && h >= b0 => 4,
            _ => 2,
        }
    }

    /// Whether word `i` has guide dependents in the buffer (at `b0` or right of it), and
    /// whether it has some left of `s` (deeper in the stack than `s`).
    #[inline]
    pub fn pending(&self, i: u32, b0: u32, s: u32) -> u64 {
        if i == NONE {
            return 0;
        }
        let r = self.rightmost[i as usize];
        let l = self.leftmost[i as usize];
        u64::from(r != NONE && b0 != NONE && r >= b0)
            | u64::from(l != NONE && s != NONE && l < s) << 1
    }

    /// The guide's relation of `d` when the guide also makes `h` its head, else 0.
    #[inline]
    pub fn label_if(&self, h: u32, d: u32) -> u64 {
        if h == NONE || d == NONE || self.head[d as usize] != h {
            0
        } else {
            self.label[d as usize] as u64 + 1
        }
    }
}

/// The order in which the guide reads a sentence's words: backwards, but with the punctuation
/// that ends the sentence still last. (Read fully backwards, the final full stop came first,
/// lay at the bottom of the stack and was too often left the root: a plain backwards guide
/// had EWT dev UAS 80.3, this one 83.) Written into `order`, which the parser reuses from
/// sentence to sentence.
pub(crate) fn backwards_order(n: usize, is_punct: impl Fn(usize) -> bool, order: &mut Vec<usize>) {
    let mut body = n;
    while body > 0 && is_punct(body - 1) {
        body -= 1;
    }
    if body == 0 {
        body = n;
    }
    order.clear();
    order.extend((0..body).rev().chain(body..n));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Why: the guide must read the body backwards but keep the final full stop (and a
    /// closing quote after it) last, and a sentence of punctuation alone must still be read.
    #[test]
    fn reads_the_body_backwards_and_the_final_punctuation_last() {
        // "Duarte said talks resume ." + closing quote
        let punct = [false, false, false, false, true, true];
        let order = |n: usize, is_punct: &dyn Fn(usize) -> bool| {
            // Starts dirty: the order is rewritten, not appended to.
            let mut o = vec![9];
            backwards_order(n, is_punct, &mut o);
            o
        };
        assert_eq!(order(6, &|k| punct[k]), vec![3, 2, 1, 0, 4, 5]);
        assert_eq!(order(3, &|_| false), vec![2, 1, 0]);
        assert_eq!(order(2, &|_| true), vec![1, 0]);
        assert!(order(0, &|_| true).is_empty());
    }

    /// Why: the guided parser's features are read off these answers; on a hand-built tree
    /// (0 <- 1 -> 3, 2 <- 3, root 1) each must say what the tree says.
    #[test]
    fn answers_from_the_tree() {
        let mut g = Guide::default();
        assert!(!g.is_set());
        g.set(&[1, NONE, 3, 1], &[4, 0, 7, 9]);
        assert!(g.is_set());
        assert_eq!((g.leftmost[1], g.rightmost[1]), (0, 3));
        assert_eq!((g.leftmost[3], g.rightmost[3]), (2, 2));
        assert_eq!(g.leftmost[0], NONE);
        // 1 heads 0; 0's head is 1; 0 and 3 share a head; 0 and 2 are unrelated.
        assert_eq!(g.rel(0, 1), 1);
        assert_eq!(g.rel(1, 0), 2);
        assert_eq!(g.rel(0, 3), 3);
        assert_eq!(g.rel(0, 2), 0);
        assert_eq!(g.rel(NONE, 2), 0);
        // With s0 = 2 and b0 = 3: 2's head is in the buffer; 1 is the root; 0's head is on the
        // stack side.
        assert_eq!(g.side(2, 2, 3), 4);
        assert_eq!(g.side(1, 2, 3), 1);
        assert_eq!(g.side(0, 2, 3), 2);
        // 1 has a dependent at or after b0 = 3 (word 3) and one left of s = 1 (word 0).
        assert_eq!(g.pending(1, 3, 1), 0b11);
        assert_eq!(g.pending(3, NONE, 0), 0);
        assert_eq!(g.label_if(3, 2), 8);
        assert_eq!(g.label_if(1, 2), 0);
    }
}
