//! The arc-hybrid transition system (Kuhlmann et al. 2011) and its dynamic oracle
//! (Goldberg & Nivre 2013).
//!
//! Why arc-hybrid rather than arc-eager: its dynamic oracle is a simple count of gold arcs that
//! become unreachable ("arc-decomposable"), and a word leaves the stack only once all its
//! dependents are attached, so the label classifier sees the dependent's complete subtree.
//!
//! There is no artificial ROOT token: the parse ends when the buffer is empty and one word is left
//! on the stack, and that word becomes the root. Every word is popped exactly once with exactly one
//! head, so any transition sequence yields a tree with one root and no cycles, in `2n - 1`
//! transitions (linear time).

/// Moves the buffer front onto the stack.
pub(crate) const SHIFT: usize = 0;
/// Attaches the stack top to the buffer front (head on the right) and pops it.
pub(crate) const LEFT: usize = 1;
/// Attaches the stack top to the word below it (head on the left) and pops it.
pub(crate) const RIGHT: usize = 2;
/// Number of unlabelled transitions.
pub(crate) const N_ACTIONS: usize = 3;
/// "No word" (an empty stack or buffer slot, a missing child, the root's head).
pub(crate) const NONE: u32 = u32::MAX;
/// "No label" (the root, or an arc label unknown to the model).
pub(crate) const NO_LABEL: u16 = u16::MAX;

/// A parser configuration for one sentence of `n` words (indices are sentence-relative).
///
/// Buffers are kept between sentences ([`State::reset`]) so parsing allocates nothing per
/// transition.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// Buffer front: the buffer is `b..n`.
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    /// Leftmost and second leftmost left child.
    pub lc1: Vec<u32>,
    pub lc2: Vec<u32>,
    /// Rightmost and second rightmost right child.
    pub rc1: Vec<u32>,
    pub rc2: Vec<u32>,
    /// Number of left and right children (valency).
    pub nl: Vec<u16>,
    pub nr: Vec<u16>,
    /// Sets of the labels of left and right children, as bits (label id mod 64).
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

impl State {
    /// Starts a sentence of `n` words: empty stack, every word in the buffer.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [
            &mut self.head,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(n, NONE);
        }
        self.label.clear();
        self.label.resize(n, NO_LABEL);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n, 0);
        }
    }

    /// Stack item `i` from the top (0 = top), or [`NONE`].
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            NONE
        }
    }

    /// Buffer item `i` from the front, or [`NONE`].
    #[inline]
    pub fn buf(&self, i: usize) -> u32 {
        if self.b + i < self.n {
            (self.b + i) as u32
        } else {
            NONE
        }
    }

    /// True when no transition is left: the one word on the stack is the root.
    pub fn is_final(&self) -> bool {
        self.b >= self.n && self.stack.len() <= 1
    }

    /// The transition to take when it is the only valid one (SHIFT on an empty stack, RIGHT
    /// once the buffer is empty): nothing to score then.
    #[inline]
    pub fn only_valid(&self) -> Option<usize> {
        let mut valid = (0..N_ACTIONS).filter(|&a| self.valid(a));
        match (valid.next(), valid.next()) {
            (Some(a), None) => Some(a),
            _ => None,
        }
    }

    /// Whether transition `a` can be applied.
    #[inline]
    pub fn valid(&self, a: usize) -> bool {
        match a {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && self.b < self.n,
            _ => self.stack.len() >= 2,
        }
    }

    /// The (head, dependent) arc that `LEFT` or `RIGHT` would add.
    #[inline]
    pub fn arc_of(&self, a: usize) -> (u32, u32) {
        if a == LEFT {
            (self.b as u32, self.s(0))
        } else {
            (self.s(1), self.s(0))
        }
    }

    /// Applies a valid transition; `label` is the arc label for `LEFT` and `RIGHT`.
    pub fn apply(&mut self, a: usize, label: u16) {
        match a {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            _ => {
                let (h, d) = self.arc_of(a);
                self.stack.pop();
                self.attach(h, d, label);
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, label: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            // Left children are attached from the nearest outwards: the latest is the leftmost.
            self.lc2[hu] = self.lc1[hu];
            self.lc1[hu] = d;
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
        } else {
            // Right children are attached left to right: the latest is the rightmost.
            self.rc2[hu] = self.rc1[hu];
            self.rc1[hu] = d;
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
        }
    }

    /// The dynamic oracle: for each transition, how many gold arcs it makes unreachable
    /// (`u32::MAX` if invalid). `gold[d]` is the gold head of `d`, [`NONE`] for the root.
    ///
    /// Arc-hybrid is arc-decomposable, so for a projective gold tree the cost is exact: a
    /// transition with cost 0 keeps the best reachable tree. Words on the stack or in the buffer
    /// have no head yet, so only their gold arcs can still be lost.
    pub fn costs(&self, gold: &[u32]) -> [u32; N_ACTIONS] {
        let mut c = [u32::MAX; N_ACTIONS];
        let b = self.b as u32;
        let n = self.n as u32;
        let deps_in_buffer = |w: u32| (b..n).filter(|&k| gold[k as usize] == w).count() as u32;
        if self.valid(SHIFT) {
            // b can no longer take a head deeper than s0, nor become the root (the words below it
            // can only leave the stack after it), nor take a dependent on the stack.
            let g = gold[b as usize];
            let l = self.stack.len();
            let mut cost = match g {
                NONE => u32::from(l > 0),
                _ => u32::from(self.stack[..l.saturating_sub(1)].contains(&g)),
            };
            cost += self
                .stack
                .iter()
                .filter(|&&k| gold[k as usize] == b)
                .count() as u32;
            c[SHIFT] = cost;
        }
        if !self.stack.is_empty() {
            let s0 = self.s(0);
            let s1 = self.s(1);
            let g = gold[s0 as usize];
            let lost_deps = deps_in_buffer(s0);
            if self.valid(LEFT) {
                // s0 takes b as head: it loses a head s1 or further in the buffer, and its
                // dependents still in the buffer.
                let lost_head = match g {
                    NONE => 1,
                    _ => u32::from(g != b && (g == s1 || (g > b && g < n))),
                };
                c[LEFT] = lost_head + lost_deps;
            }
            if self.valid(RIGHT) {
                // s0 takes s1 as head: it loses a head in the buffer, and its dependents there.
                let lost_head = match g {
                    NONE => 1,
                    _ => u32::from(g != s1 && g >= b && g < n),
                };
                c[RIGHT] = lost_head + lost_deps;
            }
        }
        c
    }
}

/// True when no two arcs of the tree cross (heads are sentence-relative, [`NONE`] = root).
pub(crate) fn is_projective(gold: &[u32]) -> bool {
    let arcs: Vec<(u32, u32)> = gold
        .iter()
        .enumerate()
        .filter(|(_, &h)| h != NONE)
        .map(|(d, &h)| (h.min(d as u32), h.max(d as u32)))
        .collect();
    // Also the root's implicit arc from outside must not be covered: a word strictly inside an
    // arc whose head chain leaves that arc is non-projective; checking crossing arcs plus the
    // root not being covered is enough for trees.
    let root = gold.iter().position(|&h| h == NONE).map(|r| r as u32);
    for &(a, b) in &arcs {
        if let Some(r) = root {
            if a < r && r < b {
                return false;
            }
        }
        for &(c, d) in &arcs {
            if a < c && c < b && b < d {
                return false;
            }
        }
    }
    true
}

/// Makes a tree projective by lifting: while some arc covers a word its head does not dominate,
/// the shortest such arc is moved up to the head's own head (Kahane et al. 1998; Nivre & Nilsson
/// 2005 without the label encoding). Returns how many arcs were lifted.
///
/// Why: the dynamic oracle is exact only for projective trees, and dropping the ~2.5% of
/// training trees with crossing arcs throws away their (mostly long) sentences whole; lifted,
/// all their other arcs still teach the parser, and a lifted arc is the closest attachment the
/// transition system can build.
pub(crate) fn projectivize(heads: &mut [u32]) -> usize {
    let n = heads.len();
    let dominates = |heads: &[u32], h: u32, mut k: u32| {
        // Follows k's head chain up to the root; the tree has no cycles, so n steps suffice.
        for _ in 0..=n {
            if k == h {
                return true;
            }
            k = heads[k as usize];
            if k == NONE {
                return false;
            }
        }
        false
    };
    let mut lifted = 0;
    while lifted <= n {
        let mut shortest: Option<(u32, usize)> = None;
        for d in 0..n {
            let h = heads[d];
            if h == NONE {
                continue;
            }
            let (a, b) = (h.min(d as u32), h.max(d as u32));
            let len = b - a;
            if shortest.is_some_and(|(l, _)| l <= len) {
                continue;
            }
            if (a + 1..b).any(|k| !dominates(heads, h, k)) {
                shortest = Some((len, d));
            }
        }
        let Some((_, d)) = shortest else { break };
        let h = heads[d] as usize;
        if heads[h] == NONE {
            // An arc from the root dominates everything; cannot happen in a tree.
            break;
        }
        heads[d] = heads[h];
        lifted += 1;
    }
    lifted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gold trees as 1-based CoNLL-U heads (0 = root).
    const TREES: &[&[u32]] = &[
        &[2, 0, 2],
        &[0],
        &[2, 4, 4, 0, 6, 4, 4],
        &[3, 3, 0, 5, 3, 7, 5, 3],
        &[0, 1, 2, 3, 4, 5],
        &[6, 6, 6, 6, 6, 0, 6, 9, 7, 6],
        &[2, 0, 4, 2, 8, 8, 8, 4, 2],
    ];

    fn gold(t: &[u32]) -> Vec<u32> {
        t.iter()
            .map(|&h| if h == 0 { NONE } else { h - 1 })
            .collect()
    }

    fn root_of(st: &State) -> Vec<u32> {
        let mut h = st.head.clone();
        if let Some(&r) = st.stack.first() {
            h[r as usize] = NONE;
        }
        h
    }

    /// The textbook static oracle: reduce s0 as soon as its head is at hand and its dependents
    /// are all attached, otherwise shift.
    fn static_oracle(st: &State, g: &[u32]) -> usize {
        let done = |w: u32| (0..st.n).all(|k| g[k] != w || st.head[k] != NONE);
        if st.valid(LEFT) && g[st.s(0) as usize] == st.b as u32 && done(st.s(0)) {
            return LEFT;
        }
        if st.valid(RIGHT) && (g[st.s(0) as usize] == st.s(1) || !st.valid(SHIFT)) && done(st.s(0))
        {
            return RIGHT;
        }
        if st.valid(SHIFT) {
            SHIFT
        } else {
            RIGHT
        }
    }

    /// Why: the transition system must be able to build every projective tree, or training
    /// teaches the model trees it can never produce.
    #[test]
    fn static_oracle_reproduces_projective_trees() {
        let mut st = State::default();
        for t in TREES {
            let g = gold(t);
            assert!(is_projective(&g), "{t:?}");
            st.reset(g.len());
            while !st.is_final() {
                let a = static_oracle(&st, &g);
                st.apply(a, 0);
            }
            assert_eq!(root_of(&st), g, "{t:?}");
        }
    }

    /// Why: training follows zero-cost transitions, even after mistakes; any path of zero-cost
    /// transitions must end in the gold tree, and a wrong transition must cost something.
    #[test]
    fn dynamic_oracle_zero_cost_paths_reach_gold() {
        let mut st = State::default();
        let mut rng = dateline_learn::Rng::new(3);
        for t in TREES {
            let g = gold(t);
            for _ in 0..20 {
                st.reset(g.len());
                while !st.is_final() {
                    let c = st.costs(&g);
                    let zero: Vec<usize> = (0..N_ACTIONS).filter(|&a| c[a] == 0).collect();
                    assert!(!zero.is_empty(), "{t:?}: no zero-cost transition");
                    let a = zero[rng.below(zero.len())];
                    st.apply(a, 0);
                }
                assert_eq!(root_of(&st), g, "{t:?}");
            }
        }
    }

    #[test]
    fn dynamic_oracle_charges_wrong_transitions() {
        // "She saw him": She <- saw -> him.
        let g = gold(&[2, 0, 2]);
        let mut st = State::default();
        st.reset(3);
        assert_eq!(st.costs(&g), [0, u32::MAX, u32::MAX]);
        st.apply(SHIFT, 0);
        let c = st.costs(&g);
        assert_eq!(c[LEFT], 0, "She <- saw is right");
        assert!(
            c[SHIFT] > 0,
            "shifting 'saw' over 'She' loses She <- saw and the root"
        );
        st.apply(LEFT, 0);
        st.apply(SHIFT, 0);
        let c = st.costs(&g);
        assert_eq!(c[SHIFT], 0);
        assert!(c[LEFT] > 0, "saw <- him is wrong");
        st.apply(SHIFT, 0);
        assert_eq!(st.costs(&g)[RIGHT], 0);
        // A wrong step costs exactly the arcs it loses.
        let mut st = State::default();
        st.reset(3);
        st.apply(SHIFT, 0);
        st.apply(SHIFT, 0);
        st.apply(SHIFT, 0);
        assert_eq!(st.costs(&g)[RIGHT], 0, "saw -> him still fine");
        st.apply(RIGHT, 0);
        assert!(st.costs(&g)[RIGHT] > 0, "She as head of saw is wrong");
    }

    /// Why: lifted training trees must be projective (the oracle is exact only then) and keep
    /// every arc that did not cross.
    #[test]
    fn lifting_makes_trees_projective() {
        // "A hearing is scheduled on the issue today": "issue" attaches to "hearing" across "is
        // scheduled".
        let mut g = gold(&[2, 4, 4, 0, 7, 7, 2, 4]);
        assert!(!is_projective(&g));
        let before = g.clone();
        assert!(projectivize(&mut g) > 0);
        assert!(is_projective(&g), "{g:?}");
        let changed: Vec<usize> = (0..g.len()).filter(|&d| g[d] != before[d]).collect();
        assert_eq!(changed, vec![6], "only the crossing arc moves: {g:?}");
        assert_eq!(g[6], 3, "lifted to the head's head");
        for t in TREES {
            let mut g = gold(t);
            assert_eq!(projectivize(&mut g), 0, "{t:?}");
        }
        let mut g = gold(&[3, 4, 0, 3]);
        projectivize(&mut g);
        assert!(is_projective(&g));
    }

    #[test]
    fn finds_crossing_arcs() {
        assert!(!is_projective(&gold(&[3, 4, 0, 3])));
        assert!(is_projective(&gold(&[2, 0, 2])));
    }
}
