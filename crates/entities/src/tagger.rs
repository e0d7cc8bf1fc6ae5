//! The mention tagger: BIO labels over the words of a sentence, decoded greedily left to
//! right with only well-formed label sequences allowed.

use crate::features::{extract, Scratch, WordInfo};
use dateline_document::EntityType;
use dateline_learn::Scorer;

/// The types the statistical tagger learns; GPE and NORP come from refining LOC and MISC.
pub(crate) const TYPES: [EntityType; 4] = [
    EntityType::PER,
    EntityType::ORG,
    EntityType::LOC,
    EntityType::MISC,
];

/// O, then B, I (and two unused slots, for a BILOU variant) for each type.
pub(crate) const N_LABELS: usize = 1 + 4 * TYPES.len();

/// History value for "before the sentence".
pub(crate) const START: [u64; 2] = [100, 101];

/// Label of position `pos` (0 B, 1 I, 2 L, 3 U) of type index `t`.
pub(crate) fn label(t: usize, pos: usize) -> usize {
    1 + t * 4 + pos
}

/// (type index, position) of a label other than O.
pub(crate) fn parts(l: usize) -> Option<(usize, usize)> {
    (l > 0).then(|| ((l - 1) / 4, (l - 1) % 4))
}

/// Can `next` follow `prev` (`None` = sentence start)? BIO: an I continues a B or I of its
/// type. (`last` is kept for a BILOU variant.)
pub(crate) fn valid(prev: Option<usize>, next: usize, _last: bool) -> bool {
    match parts(next) {
        Some((t, 1)) => prev.and_then(parts).is_some_and(|(u, p)| u == t && p <= 1),
        Some((_, p)) => p == 0,
        None => true,
    }
}

/// The best valid label given the scores.
pub(crate) fn best_valid(scores: &[f32], prev: Option<usize>, last: bool) -> usize {
    let mut best = 0;
    let mut best_s = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        if s > best_s && valid(prev, l, last) {
            best = l;
            best_s = s;
        }
    }
    best
}

/// Whether word `i` is outside every name without asking the model: no name is open, the word
/// has no capital or digit, is in no gazetteer, and is no particle before a capitalised word
/// (as "bin" in "bin Laden" or "de" in "de Tocqueville" are), in a sentence not written all in
/// lower case and longer than three words (a line such as "alcatraz island" or a signature
/// "dp" may be a name alone). Most words of news are such words: skipping them takes 62% of the
/// decoder's instructions away and leaves the dev sets' output as it was. (Any word before a
/// capitalised one was scored until the particles were listed: "said", "in", "commentator".
/// Listing them took another 13% of the entity stage's instructions away (cachegrind, 100
/// PolNeAR dev articles) with GUM, Wikigold and UNER dev output unchanged.)
fn outside(infos: &[WordInfo], i: usize, prev: Option<usize>) -> bool {
    let w = &infos[i];
    prev.unwrap_or(0) == 0
        && infos.len() > 3
        && w.plain
        && w.gaz == 0
        && w.scase != 1
        && (infos.get(i + 1).is_none_or(|n| n.flags & 1 == 0) || !name_particle(w.lower))
}

/// Whether a lower-cased word hash is one of the particles that open names written in lower
/// case before a capitalised word ("bin Laden", "de Gaulle", "van Gogh", "al-Sadr").
fn name_particle(lower: u64) -> bool {
    static PARTICLES: std::sync::LazyLock<rustc_hash::FxHashSet<u64>> =
        std::sync::LazyLock::new(|| {
            [
                "bin", "ibn", "bint", "al", "el", "abu", "ben", "de", "del", "della", "der", "di",
                "da", "das", "dos", "du", "van", "von", "la", "le", "les", "ter", "ten", "den",
                "op", "mac", "zu", "y", "e", "st", "st.", "the", "of", "-", "&",
            ]
            .iter()
            .map(|w| dateline_learn::Feat::hash_str(w))
            .collect()
        });
    PARTICLES.contains(&lower)
}

/// Labels one sentence. With `skip`, words [`outside`] every name are labelled O unscored (at
/// run time); training scores every word, so the shipped model is what `dateline train ner`
/// rebuilds.
pub(crate) fn decode(
    weights: &impl Scorer,
    infos: &[WordInfo],
    skip: bool,
    out: &mut Vec<usize>,
    s: &mut Scratch,
) {
    out.clear();
    let (mut p1, mut p2) = (START[0], START[1]);
    let mut prev = None;
    s.scores.resize(weights.n_classes(), 0.0);
    for i in 0..infos.len() {
        let l = if skip && outside(infos, i, prev) {
            0
        } else {
            extract(infos, i, p1, p2, &mut s.feats);
            s.scores.iter_mut().for_each(|x| *x = 0.0);
            weights.scores(&s.feats, &mut s.scores);
            best_valid(&s.scores, prev, i + 1 == infos.len())
        };
        out.push(l);
        prev = Some(l);
        p2 = p1;
        p1 = l as u64;
    }
}

/// Spans (start, end, type index) of a well-formed label sequence.
pub(crate) fn spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let p = parts(l);
        let continues = matches!((p, open), (Some((t, 1)), Some((_, u))) if t == u);
        if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
            if let Some((t, _)) = p {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), t));
    }
    out
}

/// BIO labels of a sentence of `n` words from its spans.
pub(crate) fn labels_of(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut out = vec![0; n];
    for &(s, e, t) in spans {
        if e > n || s >= e {
            continue;
        }
        out[s] = label(t, 0);
        for o in &mut out[s + 1..e] {
            *o = label(t, 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_words_outside_a_name_are_skipped() {
        // "the police said bin Laden left, said Smith", by the fields `outside` reads: a
        // particle before a capitalised word may open the name, another word does not.
        let words = [
            ("the", 0),
            ("police", 0),
            ("said", 0),
            ("bin", 0),
            ("Laden", 1),
            ("left", 0),
            (",", 0),
            ("said", 0),
            ("Smith", 1),
        ];
        let infos: Vec<WordInfo> = words
            .iter()
            .map(|&(f, cap)| WordInfo {
                lower: dateline_learn::Feat::hash_str(&f.to_lowercase()),
                plain: !f.chars().any(char::is_uppercase),
                flags: cap,
                ..Default::default()
            })
            .collect();
        let skipped: Vec<bool> = (0..infos.len())
            .map(|i| outside(&infos, i, Some(0)))
            .collect();
        assert_eq!(
            skipped,
            [true, true, true, false, false, true, true, true, false]
        );
        // Inside a name, in a gazetteer, in a short line or an all-lower-case sentence: scored.
        assert!(!outside(&infos, 5, Some(label(0, 0))));
        let mut gaz = infos.clone();
        gaz[0].gaz = 1;
        assert!(!outside(&gaz, 0, None));
        assert!(!outside(&infos[..3], 0, None));
        let mut lower = infos.clone();
        lower.iter_mut().for_each(|w| w.scase = 1);
        assert!(!outside(&lower, 0, None));
    }

    #[test]
    fn labels_round_trip_and_transitions_are_checked() {
        let sp = vec![(0, 2, 0), (2, 3, 0), (3, 4, 2), (5, 8, 1)];
        let l = labels_of(9, &sp);
        assert_eq!(spans(&l), sp);
        assert!(valid(None, label(0, 0), false));
        assert!(!valid(None, label(0, 1), false));
        assert!(!valid(Some(label(0, 0)), label(1, 1), false));
        assert!(valid(Some(label(0, 1)), label(0, 1), true));
        assert!(valid(Some(label(0, 1)), 0, false));
    }
}
