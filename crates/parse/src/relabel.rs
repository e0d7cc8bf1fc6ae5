//! Relabelling: a second relation classifier that runs once the tree is complete.
//!
//! The parser labels each arc when it makes it, because the transition classifier reads the
//! labels of finished children. At that moment the head's later children are not attached
//! yet: in "give me the book", "me" is labelled before "book" exists, so `obj` and `iobj`
//! look alike; a conjunct or a passive subject can hang on words still to come. The relabeller
//! sees the whole tree: the head's other children and their relations, the head's own relation
//! and head, the dependent's children; its scores are added to the parser's for the arc.

use crate::features::{lab, Lex};
use crate::parser::argmax;
use crate::system::{State, NONE};
use dateline_learn::{Feat, Scorer, SparseWeights};

/// The name of the relabeller's weights in a parser model.
pub(crate) const SECTION: &str = "relabels";

/// Per word, its previous and next sibling (a word with the same head), or [`NONE`]; and its
/// first and last child.
#[derive(Clone, Debug, Default)]
pub(crate) struct Siblings {
    prev: Vec<u32>,
    next: Vec<u32>,
    first: Vec<u32>,
    last: Vec<u32>,
}

impl Siblings {
    /// Links the children of every word of the tree in `st` in text order.
    pub fn fill(&mut self, st: &State) {
        let n = st.n;
        for v in [
            &mut self.prev,
            &mut self.next,
            &mut self.first,
            &mut self.last,
        ] {
            v.clear();
            v.resize(n, NONE);
        }
        for d in 0..n {
            let h = st.head[d];
            if h == NONE {
                continue;
            }
            let h = h as usize;
            let before = self.last[h];
            if before == NONE {
                self.first[h] = d as u32;
            } else {
                self.next[before as usize] = d as u32;
                self.prev[d] = before;
            }
            self.last[h] = d as u32;
        }
    }

    /// How many other children of `d`'s head carry `label` (at most 2).
    fn others_with(&self, st: &State, d: u32, label: u16) -> u64 {
        let h = st.head[d as usize];
        if h == NONE {
            return 0;
        }
        let mut c = self.first[h as usize];
        let mut k = 0;
        while c != NONE && k < 2 {
            if c != d && st.label[c as usize] == label {
                k += 1;
            }
            c = self.next[c as usize];
        }
        k
    }
}

#[inline]
fn get<T: Copy>(v: &[T], i: u32, none: T) -> T {
    if i == NONE {
        none
    } else {
        v.get(i as usize).copied().unwrap_or(none)
    }
}

/// Arcs whose relation the label classifier chose by a margin over this (in its score units)
/// are not relabelled. On EWT and GUM dev, 87% of the arcs the classifier labels are this
/// sure; relabelling only the others keeps the relabeller's whole gain (raw-text LAS 81.46
/// and 82.52, as with every arc; 81.44 and 82.50 at 10) and sheds its cost: in `dateline
/// bench` runs on PolNeAR dev, parsing took 4.1-5.5 s relabelling every arc, against 3.9-4.1
/// s for the parser without a relabeller.
const CONFIDENT: f32 = 20.0;

/// How far the best score is ahead of the second.
fn margin(s: &[f32]) -> f32 {
    let (mut a, mut b) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for &x in s {
        if x > a {
            b = a;
            a = x;
        } else if x > b {
            b = x;
        }
    }
    a - b
}

/// Hash standing for "no word".
const NW: u64 = 0x006e_6f6e_655f_7772;

/// Features of the arc into `d` in the complete tree `st` (`d` has a head).
///
/// The relation the parser chose for `d` itself is not among them: in training that relation
/// comes from weights still moving (and is the gold one half the time while exploring), so
/// the relabeller learned to copy it; at run time the two classifiers' scores are added
/// instead (see [`relabel`]). The other words' relations are read as the parser left them.
pub(crate) fn relabel_feats(st: &State, x: &Lex, sib: &Siblings, d: u32, out: &mut Vec<u64>) {
    out.clear();
    let h = st.head[d as usize];
    let w = |i| get(&x.w, i, NW);
    let p = |i| get(&x.p, i, NW);
    let l = |i| get(&x.l, i, NW);
    let dir = u64::from(h > d);
    let (hp, dp, hw, dw) = (p(h), p(d), w(h), w(d));
    let gh = get(&st.head, h, NONE);
    let (prev, next) = (sib.prev[d as usize], sib.next[d as usize]);
    let dl1 = get(&st.lc1, d, NONE);
    let dr1 = get(&st.rc1, d, NONE);
    let same = sib.others_with(st, d, st.label[d as usize]);
    let f = |t: u32| Feat::new(t).int(dir);
    let mut push = |k: Feat| out.push(k.done());
    // The arc itself: the words, tags and lemmas of both ends, and how far apart they are.
    push(f(1));
    push(f(2).hash(dp));
    push(f(3).hash(dp).hash(hp));
    push(f(4).hash(dw));
    push(f(5).hash(hw));
    push(f(6).hash(hw).hash(dp));
    push(f(7).hash(hp).hash(dw));
    push(f(8).hash(l(h)).hash(l(d)));
    push(f(9).hash(l(h)).hash(dp));
    push(f(10).int(u64::from(h.abs_diff(d).min(10))));
    // The dependent's children: its label sets, first and last child, first child's word.
    push(
        f(11)
            .hash(dp)
            .int(get(&st.lset, d, 0))
            .int(get(&st.rset, d, 0)),
    );
    push(f(12).int(lab(st, dl1)).int(lab(st, dr1)));
    push(f(13).hash(w(dl1)));
    push(f(14).hash(hp).hash(dw).hash(w(dl1)));
    // The head's complete children (what the parser could not see yet), its relation and
    // its own head.
    push(
        f(15)
            .hash(hp)
            .int(get(&st.lset, h, 0))
            .int(get(&st.rset, h, 0)),
    );
    push(f(16).int(lab(st, h)).hash(hp));
    push(f(17).hash(hp).hash(p(gh)));
    push(f(18).int(u64::from(gh == NONE)).hash(hp));
    push(
        f(19)
            .int(u64::from(get(&st.nl, h, 0).min(3)))
            .int(u64::from(get(&st.nr, h, 0).min(3))),
    );
    // The nearest siblings ("me" before "the book": `iobj`) and how many share its relation.
    push(
        f(20)
            .int(lab(st, next))
            .hash(p(next))
            .int(u64::from(next > h)),
    );
    push(
        f(21)
            .int(lab(st, prev))
            .hash(p(prev))
            .int(u64::from(prev > h)),
    );
    push(
        f(22)
            .hash(dp)
            .hash(hp)
            .int(lab(st, next))
            .int(lab(st, prev)),
    );
    push(f(23).int(same));
    push(f(24).hash(dp).int(same));
    // The words around the dependent and the guide's relation.
    push(f(25).hash(dp).hash(w(d + 1)));
    push(f(26).hash(dp).hash(p(d.wrapping_sub(1))).hash(p(d + 1)));
    if x.guide.is_set() {
        push(f(27).int(x.guide.label_if(h, d)));
    }
}

/// Relabels the arcs of the complete tree in `st`, except arcs to punctuation, those `keep`
/// says to keep (the relations the treebanks settle) and those the label classifier was
/// sure of ([`CONFIDENT`]).
///
/// Each relation is chosen by the sum of the relabeller's scores and the label classifier's
/// when the arc was made (`attach`, `n_classes` per word): the two see different evidence.
/// New labels are decided from the parser's and written afterwards, so the order of the
/// words does not matter.
#[allow(clippy::too_many_arguments)]
pub(crate) fn relabel(
    weights: &SparseWeights,
    st: &mut State,
    lex: &Lex,
    sib: &mut Siblings,
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
    new: &mut Vec<u16>,
    attach: &[f32],
    keep: impl Fn(&State, u32) -> bool,
) {
    sib.fill(st);
    new.clear();
    new.extend_from_slice(&st.label);
    let k = weights.n_classes();
    scores.resize(k, 0.0);
    for d in 0..st.n as u32 {
        if st.head[d as usize] == NONE || lex.is_punct(d) || keep(st, d) {
            continue;
        }
        let Some(before) = attach.get(d as usize * k..(d as usize + 1) * k) else {
            continue;
        };
        if margin(before) > CONFIDENT {
            continue;
        }
        relabel_feats(st, lex, sib, d, feats);
        scores.copy_from_slice(before);
        weights.scores(feats, scores);
        if k > 0 {
            new[d as usize] = argmax(scores) as u16;
        }
    }
    st.label.copy_from_slice(new);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::{LEFT, RIGHT, SHIFT};
    use crate::train::{sentence_doc, Interner};
    use dateline_learn::Trainer;

    /// "She gave me books ." with its tags.
    fn lex() -> Lex {
        let text = "1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tgave\tgive\tVERB\tVBD\t_\t0\troot\t_\t_\n\
                    3\tme\tI\tPRON\tPRP\t_\t2\tiobj\t_\t_\n4\tbooks\tbook\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\
                    5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let s = &dateline_conllu::read(text.as_bytes(), std::path::Path::new("t")).unwrap()[0];
        let doc = sentence_doc(s, &mut Interner::default());
        let mut lex = Lex::default();
        lex.fill(&doc, 0..5, &mut String::new());
        lex
    }

    /// The tree of "She gave me books .", every arc labelled 1 (the full stop 9).
    fn tree() -> State {
        let mut st = State::default();
        st.reset(5);
        for (a, l) in [
            (SHIFT, 0),
            (LEFT, 1),
            (SHIFT, 0),
            (SHIFT, 0),
            (RIGHT, 1),
            (SHIFT, 0),
            (RIGHT, 1),
            (SHIFT, 0),
            (RIGHT, 9),
        ] {
            st.apply(a, l);
        }
        assert!(st.is_final());
        st
    }

    /// Why: the relabeller's evidence is the head's other children in order; a broken chain
    /// would read the wrong sibling ("books" after "me" is what makes "me" an `iobj`).
    #[test]
    fn links_each_head_s_children_in_text_order() {
        let st = tree();
        let mut sib = Siblings::default();
        sib.fill(&st);
        assert_eq!(sib.first[1], 0);
        assert_eq!((sib.prev[2], sib.next[2]), (0, 3));
        assert_eq!((sib.prev[3], sib.next[3]), (2, 4));
        assert_eq!(sib.next[4], NONE);
        assert_eq!(sib.first[2], NONE);
        // "She" and "books" share the relation 1 with "me"; the full stop does not.
        assert_eq!(sib.others_with(&st, 2, 1), 2);
        assert_eq!(sib.others_with(&st, 4, 9), 0);
        assert_eq!(sib.others_with(&st, 1, 0), 0);
    }

    /// Why: the relabeller must add its scores to the parser's, leave punctuation, the arcs
    /// it is told to keep and those the parser was sure of alone, and never touch the root.
    #[test]
    fn revises_relations_by_summed_scores_and_keeps_the_rest() {
        let x = lex();
        let mut st = tree();
        let mut sib = Siblings::default();
        sib.fill(&st);
        let mut feats = Vec::new();
        // A relabeller that learnt "me" is relation 2.
        let mut t = Trainer::new(3);
        relabel_feats(&st, &x, &sib, 2, &mut feats);
        for _ in 0..3 {
            t.learn(&feats, 2);
        }
        let weights = SparseWeights::from(&t.average());
        // The parser preferred relation 1 everywhere, by a small margin.
        let mut attach = vec![0.0; 5 * 3];
        for d in 0..5 {
            attach[d * 3 + 1] = 0.1;
        }
        let run = |st: &mut State, attach: &[f32], keep: &dyn Fn(&State, u32) -> bool| {
            let (mut sib, mut feats) = (Siblings::default(), Vec::new());
            let (mut scores, mut new) = (Vec::new(), Vec::new());
            relabel(
                &weights,
                st,
                &x,
                &mut sib,
                &mut feats,
                &mut scores,
                &mut new,
                attach,
                keep,
            );
        };
        run(&mut st, &attach, &|_, d| d == 3);
        assert_eq!(st.label[2], 2, "me");
        assert_eq!(st.label[3], 1, "books is kept");
        assert_eq!(st.label[4], 9, "punctuation is not relabelled");
        assert_eq!(st.head[1], NONE);
        // An arc the label classifier was sure of keeps its relation.
        let mut st = tree();
        for d in 0..5 {
            attach[d * 3 + 1] = CONFIDENT + 1.0;
        }
        run(&mut st, &attach, &|_, _| false);
        assert_eq!(st.label[2], 1);
    }
}
