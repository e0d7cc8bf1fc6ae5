//! The span typer: a second look at each span the tagger found, with features of the whole
//! span (its first and last words, every word in it, the gazetteer entries of the whole
//! phrase, its context), deciding PER, ORG, LOC, MISC or no name at all ("Applause").
//!
//! The tagger decides word by word and sees a name only through a window; the typer sees the
//! name at once, and also the words around the same name at its other places in the article
//! ([`Elsewhere`]): one sentence rarely says what "Coron" is, the article does ("in Coron",
//! "the population of Coron"). It is trained on the spans taggers that had not seen the
//! sentence found (two-fold jackknife), plus the gold spans, so it learns the tagger's real
//! mistakes.
//!
//! Measured, `dateline train ner` with seeds 1, 2, 3 (the full pipeline, PER/ORG/LOC F1):
//! GUM dev 0.7155 / 0.7057 / 0.7283 without the other places, 0.7239 / 0.7294 / 0.7471 with
//! them; Wikigold dev 0.6814 / 0.6747 / 0.6881 and 0.6774 / 0.6867 / 0.6734; UNER EWT
//! cross-validated (seed 3) 0.7011 and 0.7043. Passing on the tagger's type at the other places
//! as well, or their words' tags, did worse (seed 3: GUM 0.7330 and 0.7134).

use crate::features::WordInfo;
use crate::gazetteer::Gazetteer;
use dateline_learn::{Feat, Weights};

/// Classes: the tagger's four types, then "no name".
pub(crate) const N_CLASSES: usize = 5;
/// The "no name" class.
pub(crate) const NONE: usize = 4;

/// One place a name stands in a document: the words around it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Occurrence {
    /// Which span this is (unique within the document), so a span can skip itself.
    pub id: usize,
    pub before: u64,
    pub after: u64,
}

/// The spans the tagger found in one document, by name (the lower-cased words): what the
/// typer reads of a name's other occurrences. One sentence rarely says what "Coron" or
/// "Harrow" is; the article as a whole does ("in Coron", "Coron's mayor", "at Harrow").
#[derive(Debug, Default)]
pub(crate) struct Elsewhere {
    by_name: rustc_hash::FxHashMap<u64, Vec<Occurrence>>,
}

/// At most this many other occurrences are read per span.
const MAX_ELSEWHERE: usize = 8;

impl Elsewhere {
    /// The name key of span `a..b`.
    pub fn key(infos: &[WordInfo], a: usize, b: usize) -> u64 {
        let mut f = Feat::new(139);
        for w in &infos[a..b] {
            f = f.hash(w.lower);
        }
        f.done()
    }

    /// Records span `a..b` of a sentence as occurrence `id`.
    pub fn add(&mut self, infos: &[WordInfo], a: usize, b: usize, id: usize) {
        let (before, after) = context(infos, a, b);
        self.by_name
            .entry(Elsewhere::key(infos, a, b))
            .or_default()
            .push(Occurrence { id, before, after });
    }

    /// Records the spans the tagger found in one sentence (ids `first_id`, `first_id + 1`, ...).
    /// (Adding the capitalised words outside them as one-word names did worse: seed 3 GUM dev
    /// 0.7326, Wikigold 0.6773; seed 1 0.7126 and 0.6653.)
    pub fn add_sentence(
        &mut self,
        infos: &[WordInfo],
        spans: &[(usize, usize, usize)],
        first_id: usize,
    ) {
        for (j, &(a, b, _)) in spans.iter().enumerate() {
            self.add(infos, a, b, first_id + j);
        }
    }

    /// The occurrences of the name of span `a..b` (the span's own among them, if recorded).
    pub fn of(&self, infos: &[WordInfo], a: usize, b: usize) -> &[Occurrence] {
        self.by_name
            .get(&Elsewhere::key(infos, a, b))
            .map_or(&[], Vec::as_slice)
    }
}

/// The lower-cased words right before and after span `a..b` (a pad at the sentence's ends).
fn context(infos: &[WordInfo], a: usize, b: usize) -> (u64, u64) {
    let pad = 0x5eed_u64;
    let before = if a >= 1 { infos[a - 1].lower } else { pad + 1 };
    let after = if b < infos.len() {
        infos[b].lower
    } else {
        pad ^ 1
    };
    (before, after)
}

/// Writes the features of span `a..b` (tagger type `t`, 4 = the tagger did not find it) of a
/// sentence into `out`; `elsewhere` are the name's occurrences in the document, where the
/// span's own (`own`) is skipped.
#[allow(clippy::too_many_arguments)]
pub(crate) fn span_features(
    infos: &[WordInfo],
    lower: &[u64],
    exact: &[u64],
    gaz: &Gazetteer,
    a: usize,
    b: usize,
    t: usize,
    elsewhere: &[Occurrence],
    own: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let f = Feat::new;
    let t = t as u64;
    let n = infos.len();
    let (first, last) = (&infos[a], &infos[b - 1]);
    let len = (b - a).min(5) as u64;
    out.push(f(100).done());
    out.push(f(101).int(t).done());
    out.push(f(102).int(t).int(len).done());
    out.push(f(103).hash(first.lower).done());
    out.push(f(104).hash(last.lower).done());
    out.push(f(105).hash(last.lower).int(t).done());
    out.push(f(106).hash(last.suf[2]).done());
    out.push(f(107).hash(last.suf[1]).int(t).done());
    out.push(f(108).hash(first.form).done());
    let mut whole = Feat::new(109);
    let mut shape = Feat::new(110);
    for w in &infos[a..b] {
        out.push(f(111).hash(w.lower).done());
        out.push(f(112).hash(w.lower).int(t).done());
        out.push(f(113).hash(w.suf[2]).done());
        whole = whole.hash(w.lower);
        shape = shape.hash(w.short);
        let mut g = w.gaz;
        while g != 0 {
            let bit = g.trailing_zeros() as u64;
            g &= g - 1;
            out.push(f(114).int(bit).done());
        }
    }
    out.push(whole.done());
    out.push(shape.int(t).done());
    // Gazetteer entries of exactly this phrase.
    for e in gaz.lookup(&lower[a..b], &exact[a..b]) {
        out.push(f(115).int(e.cat as u64).done());
        out.push(f(116).int(e.cat as u64).int(t).done());
    }
    // Context.
    let pad = 0x5eed_u64;
    let before = |k: usize| {
        if a >= k {
            infos[a - k].lower
        } else {
            pad + k as u64
        }
    };
    let after = |k: usize| {
        if b + k - 1 < n {
            infos[b + k - 1].lower
        } else {
            pad ^ k as u64
        }
    };
    let xb = if a >= 1 { infos[a - 1].xpos } else { pad };
    let xa = if b < n { infos[b].xpos } else { pad };
    out.push(f(120).hash(before(1)).done());
    out.push(f(121).hash(before(1)).hash(before(2)).done());
    out.push(f(122).hash(after(1)).done());
    out.push(f(123).hash(after(1)).hash(after(2)).done());
    out.push(f(124).hash(xb).hash(xa).done());
    out.push(f(125).hash(before(1)).int(t).done());
    out.push(f(126).hash(after(1)).int(t).done());
    out.push(f(127).hash(before(1)).hash(last.lower).done());
    if a >= 1 {
        out.push(f(128).int(infos[a - 1].gaz).done());
    }
    // Case: of the span, its place, the sentence, the same words elsewhere.
    out.push(
        f(130)
            .int(first.flags & 3)
            .int(last.flags & 3)
            .int((a == 0) as u64)
            .int(first.scase)
            .done(),
    );
    out.push(
        f(131)
            .int(first.doc)
            .int(last.doc)
            .int((a == 0) as u64)
            .done(),
    );
    out.push(f(132).hash(first.xpos).hash(last.xpos).done());
    // The same name elsewhere in the document.
    let mut seen = 0;
    for o in elsewhere.iter().filter(|o| o.id != own).take(MAX_ELSEWHERE) {
        out.push(f(140).hash(o.before).done());
        out.push(f(141).hash(o.after).done());
        seen += 1;
    }
    out.push(f(143).int(seen.min(3) as u64).done());
}

/// How much more "no name" must score than the best type to drop a span the tagger found.
/// (0 gives up a name the gazetteers and tagger agree on too easily: "Chilean President Tomas
/// Reyes"; with the address, calendar and storm rules, 5 is a little better than 0, 10 or 20 on
/// all three dev sets.)
pub(crate) const DROP_MARGIN: f32 = 5.0;

/// The class of one span given its features: the best type, or [`NONE`] when "no name" wins
/// by more than [`DROP_MARGIN`].
pub(crate) fn classify(weights: &Weights, feats: &[u64], scores: &mut Vec<f32>) -> usize {
    scores.clear();
    scores.resize(N_CLASSES, 0.0);
    weights.scores(feats, scores);
    let mut best = 0;
    for k in 1..NONE {
        if scores[k] > scores[best] {
            best = k;
        }
    }
    if scores[NONE] - scores[best] > DROP_MARGIN {
        NONE
    } else {
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{sentence_infos, DocStats, Scratch};
    use crate::gazetteer;

    /// Word infos of one hand-written sentence (no tags, no document statistics).
    fn infos(text: &str) -> (Vec<WordInfo>, Scratch) {
        let forms: Vec<&str> = text.split(' ').collect();
        let mut s = Scratch::default();
        let mut out = Vec::new();
        let stats = DocStats::default();
        sentence_infos(&forms, &[], gazetteer::shared(), &stats, &mut s, &mut out);
        (out, s)
    }

    fn lower(w: &str) -> u64 {
        Feat::hash_str(w)
    }

    #[test]
    fn a_name_reads_the_words_around_its_other_places() {
        // An invented article about a town: the first sentence alone does not say what
        // "Moravel" is; the others do.
        let (s1, x1) = infos("Moravel voted on Sunday .");
        let (s2, _) = infos("The population of Moravel grew .");
        let (s3, _) = infos("Buses run to Moravel daily .");
        let mut e = Elsewhere::default();
        e.add_sentence(&s1, &[(0, 1, 0)], 0);
        e.add_sentence(&s2, &[(3, 4, 2)], 1);
        e.add_sentence(&s3, &[(3, 4, 2)], 2);
        // Case does not matter; another name has its own places.
        let (s4, _) = infos("MORAVEL is quiet .");
        assert_eq!(e.of(&s4, 0, 1).len(), 3);
        assert!(e.of(&s2, 0, 1).is_empty(), "'The' is no name here");

        let gaz = gazetteer::shared();
        let mut with = Vec::new();
        let places = e.of(&s1, 0, 1);
        span_features(
            &s1, &x1.lower, &x1.exact, gaz, 0, 1, 0, places, 0, &mut with,
        );
        let mut alone = Vec::new();
        span_features(
            &s1,
            &x1.lower,
            &x1.exact,
            gaz,
            0,
            1,
            0,
            &[],
            usize::MAX,
            &mut alone,
        );
        let f = Feat::new;
        for k in [
            f(140).hash(lower("of")).done(),
            f(141).hash(lower("grew")).done(),
            f(140).hash(lower("to")).done(),
            f(141).hash(lower("daily")).done(),
            f(143).int(2).done(),
        ] {
            assert!(with.contains(&k) && !alone.contains(&k));
        }
        // Its own place is not read as another: "voted" follows only this occurrence.
        assert!(!with.contains(&f(141).hash(lower("voted")).done()));
        assert!(alone.contains(&f(143).int(0).done()));
    }
}
