//! Greedy decoding with the two classifiers, and the public [`Parser`].

use crate::certain::CertainLabels;
use crate::dateline::dateline_len;
use crate::features::{action_feats, label_feats, Lex, FEATURES};
use crate::guide::{backwards_order, GUIDED_FEATURES, GUIDE_PREFIX, LEFT_TO_RIGHT};
use crate::modifiers::{Modifiers, MODIFIERS_SECTION};
use crate::relabel::{relabel, Siblings};
use crate::system::{State, NONE, NO_LABEL, N_ACTIONS, SHIFT};
use crate::table::ActionTable;
use crate::{Error, Result};
use dateline_document::{Dep, Document, Upos};
use dateline_learn::{Header, ModelFile, Scorer, SparseWeights};

/// Reusable buffers for parsing: one per thread, reused across sentences, so a transition
/// allocates nothing.
#[derive(Default)]
pub(crate) struct Work {
    pub state: State,
    /// The runner-up path's state where decoding forks ([`Lookahead`]), and its copy of
    /// `attach_scores`.
    pub fork: State,
    pub fork_scores: Vec<f32>,
    pub lex: Lex,
    pub feats: Vec<u64>,
    pub lscores: Vec<f32>,
    pub buf: String,
    /// The guide's tree in text order, between the guide's pass and the guided one.
    pub guide_head: Vec<u32>,
    pub guide_label: Vec<u16>,
    /// The order in which the guide reads the sentence's words.
    pub order: Vec<usize>,
    /// The relabeller's view of the finished tree.
    pub siblings: Siblings,
    /// The relabeller's relations, before they replace the parser's.
    pub relabelled: Vec<u16>,
    /// Per word, the label classifier's scores when its arc was made (for the relabeller).
    pub attach_scores: Vec<f32>,
}

/// Index of the `punct` relation among `names`.
pub(crate) fn punct_index<S: AsRef<str>>(names: &[S]) -> Option<u16> {
    names
        .iter()
        .position(|n| n.as_ref() == "punct")
        .map(|i| i as u16)
}

/// The best valid transition under `scores` (the first on ties).
#[inline]
pub(crate) fn best_valid(st: &State, scores: &[f32; N_ACTIONS]) -> usize {
    let mut best = usize::MAX;
    for a in 0..N_ACTIONS {
        if st.valid(a) && (best == usize::MAX || scores[a] > scores[best]) {
            best = a;
        }
    }
    best
}

/// Index of the largest score.
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

/// Where the transition classifier hesitates, a greedy parser is often wrong: it decides
/// before it sees what the choice leads to. Decoding with a lookahead follows both the best
/// and the runner-up transition a few steps and keeps the path the classifier likes better
/// along the way (selectional branching, after Choi & McCallum 2013, with a window instead
/// of whole paths). The values suit one model's score scale, so they travel in its file
/// ([`add_lookahead`]); a model without them decodes greedily. See the crate docs for what
/// it gained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lookahead {
    /// A step forks when the best valid transition beats the runner-up by less than this
    /// (in the classifier's score units).
    pub margin: f32,
    /// Scores are divided by this before the softmax that makes them log-probabilities, so
    /// the two paths can be compared step by step.
    pub temperature: f32,
    /// Transitions each path is followed after the fork before they are compared.
    pub window: usize,
}

/// The lookahead of the shipped parser (the guided one), which `dateline train parser`
/// stores with it. Tuned on EWT and GUM dev from raw text, where it is a plateau: margins
/// 20-50, temperatures 50-100 and windows 2-6 all gave EWT UAS 84.9-85.05 with the guide
/// greedy. A narrow margin and a short window fork least often and follow the fewest steps.
pub const MAIN_LOOKAHEAD: Lookahead = Lookahead {
    margin: 25.0,
    temperature: 70.0,
    window: 2,
};

/// The lookahead of the shipped parser's guide, whose scores run smaller: margins 10-40,
/// temperatures 20-30 and windows 2-4 gave EWT UAS 85.0-85.1 with the main parser's.
pub const GUIDE_LOOKAHEAD: Lookahead = Lookahead {
    margin: 15.0,
    temperature: 25.0,
    window: 2,
};

/// The model file section that holds a lookahead (under `guide.` for the guide's).
pub(crate) const LOOKAHEAD_SECTION: &str = "lookahead";

impl Lookahead {
    fn to_text(self) -> String {
        format!(
            "margin={} temperature={} window={}",
            self.margin, self.temperature, self.window
        )
    }

    /// Reads [`Lookahead::to_text`]; `None` unless all three values are there and sensible.
    fn from_text(text: &str) -> Option<Lookahead> {
        let (mut margin, mut temperature, mut window) = (None, None, None);
        for kv in text.split_whitespace() {
            match kv.split_once('=')? {
                ("margin", v) => margin = v.parse::<f32>().ok(),
                ("temperature", v) => temperature = v.parse::<f32>().ok(),
                ("window", v) => window = v.parse::<usize>().ok(),
                _ => return None,
            }
        }
        let l = Lookahead {
            margin: margin?,
            temperature: temperature?,
            window: window?,
        };
        (l.margin.is_finite() && l.temperature.is_finite() && l.temperature > 0.0).then_some(l)
    }
}

/// Stores the lookahead a parser model decodes with: `main` for its parser and `guide` for
/// its guide (if it is guided). Replaces any stored before.
pub fn add_lookahead(model: &mut ModelFile, main: &Lookahead, guide: Option<&Lookahead>) {
    let guide_section = format!("{GUIDE_PREFIX}{LOOKAHEAD_SECTION}");
    model
        .sections
        .retain(|(n, _)| n != LOOKAHEAD_SECTION && *n != guide_section);
    model
        .sections
        .push((LOOKAHEAD_SECTION.into(), main.to_text().into_bytes()));
    if let Some(g) = guide {
        model
            .sections
            .push((guide_section, g.to_text().into_bytes()));
    }
}

/// The classifiers one greedy pass uses, borrowed.
struct Decoder<'a> {
    actions: &'a ActionTable,
    labels: &'a SparseWeights,
    certain: &'a CertainLabels,
    punct: Option<u16>,
    /// Keep the label classifier's scores per word (the relabeller reads them).
    keep_scores: bool,
}

impl Decoder<'_> {
    /// The best valid transition with the transition scores, or `Err` with the only valid
    /// transition when there is one (nothing to score then).
    #[inline]
    fn choose(
        &self,
        st: &State,
        lex: &Lex,
        feats: &mut Vec<u64>,
    ) -> std::result::Result<(usize, [f32; 3]), usize> {
        if let Some(only) = st.only_valid() {
            return Err(only);
        }
        action_feats(st, lex, feats);
        let mut s = [0f32; N_ACTIONS];
        self.actions.scores(feats, &mut s);
        Ok((best_valid(st, &s), s))
    }

    /// Labels the arc that `a` makes, if any, and applies `a`.
    ///
    /// An arc to a word tagged punctuation takes `punct` without scoring (UD attaches
    /// punctuation with `punct` only; in EWT and GUM train every non-root punctuation mark
    /// has it), which spares the label classifier one arc in nine; so does an arc whose type
    /// the treebanks settle ([`CertainLabels`]).
    #[inline]
    fn take(
        &self,
        a: usize,
        st: &mut State,
        lex: &Lex,
        feats: &mut Vec<u64>,
        lscores: &mut [f32],
        attach_scores: &mut [f32],
    ) {
        let mut label = NO_LABEL;
        if a != SHIFT {
            let (h, d) = st.arc_of(a);
            if let Some(p) = self.punct.filter(|_| lex.is_punct(d)) {
                label = p;
            } else if let Some(l) = self.certain.get(CertainLabels::key(lex, h, d)) {
                label = l;
            } else {
                label_feats(st, lex, a, feats);
                lscores.iter_mut().for_each(|x| *x = 0.0);
                self.labels.scores(feats, lscores);
                if !lscores.is_empty() {
                    label = argmax(lscores) as u16;
                }
                if self.keep_scores {
                    let k = lscores.len();
                    attach_scores[d as usize * k..(d as usize + 1) * k].copy_from_slice(lscores);
                }
            }
        }
        st.apply(a, label);
    }

    /// Takes up to `steps` greedy transitions; returns their summed log-probability at
    /// temperature `t`.
    #[allow(clippy::too_many_arguments)]
    fn follow(
        &self,
        steps: usize,
        t: f32,
        st: &mut State,
        lex: &Lex,
        feats: &mut Vec<u64>,
        lscores: &mut [f32],
        attach_scores: &mut [f32],
    ) -> f32 {
        let mut total = 0.0;
        for _ in 0..steps {
            if st.is_final() {
                break;
            }
            let a = match self.choose(st, lex, feats) {
                Ok((a, s)) => {
                    total += log_prob(st, &s, a, t);
                    a
                }
                Err(only) => only,
            };
            self.take(a, st, lex, feats, lscores, attach_scores);
        }
        total
    }
}

/// The best valid transition other than `best`.
#[inline]
fn runner_up(st: &State, s: &[f32; N_ACTIONS], best: usize) -> Option<usize> {
    (0..N_ACTIONS)
        .filter(|&a| a != best && st.valid(a))
        .max_by(|&a, &b| s[a].total_cmp(&s[b]))
}

/// The log-probability of `a` under a softmax of the valid transitions' scores divided by `t`.
fn log_prob(st: &State, s: &[f32; N_ACTIONS], a: usize, t: f32) -> f32 {
    let valid = || (0..N_ACTIONS).filter(|&v| st.valid(v)).map(|v| s[v] / t);
    let max = valid().fold(f32::NEG_INFINITY, f32::max);
    let z = valid().map(|x| (x - max).exp()).sum::<f32>().ln() + max;
    s[a] / t - z
}

/// Parses the sentence in `work.lex`; the tree is left in `work.state` (`head`, `label`, and the
/// root is the one word left on the stack).
///
/// `punct` is the index of the `punct` relation (see [`Decoder::take`]). With `lookahead`, the
/// steps where the classifier hesitates fork ([`Lookahead`]); without, decoding is plainly
/// greedy. With `relabels`, the relabeller then revises the relations of the finished tree
/// ([`crate::relabel`]).
pub(crate) fn parse_lex(
    actions: &ActionTable,
    labels: &SparseWeights,
    relabels: Option<&SparseWeights>,
    certain: &CertainLabels,
    punct: Option<u16>,
    lookahead: Option<&Lookahead>,
    work: &mut Work,
) {
    let Work {
        state: st,
        fork,
        fork_scores,
        lex,
        feats,
        lscores,
        siblings,
        relabelled,
        attach_scores,
        ..
    } = work;
    let dec = Decoder {
        actions,
        labels,
        certain,
        punct,
        keep_scores: relabels.is_some(),
    };
    st.reset(lex.len());
    lscores.resize(labels.n_classes(), 0.0);
    if relabels.is_some() {
        attach_scores.resize(lex.len() * labels.n_classes(), 0.0);
    }
    while !st.is_final() {
        let (a, s) = match dec.choose(st, lex, feats) {
            Ok(chosen) => chosen,
            Err(only) => {
                dec.take(only, st, lex, feats, lscores, attach_scores);
                continue;
            }
        };
        let fork_to = lookahead.and_then(|l| {
            runner_up(st, &s, a)
                .filter(|&b| s[a] - s[b] < l.margin)
                .map(|b| (l, b))
        });
        match fork_to {
            Some((l, b)) => {
                // Both paths are followed for the same number of transitions, so their
                // summed log-probabilities compare like a beam's items. Each keeps its own
                // relation scores for the relabeller.
                let t = l.temperature;
                let (mut pa, mut pb) = (log_prob(st, &s, a, t), log_prob(st, &s, b, t));
                fork.clone_from(st);
                fork_scores.clone_from(attach_scores);
                dec.take(a, st, lex, feats, lscores, attach_scores);
                pa += dec.follow(l.window, t, st, lex, feats, lscores, attach_scores);
                dec.take(b, fork, lex, feats, lscores, fork_scores);
                pb += dec.follow(l.window, t, fork, lex, feats, lscores, fork_scores);
                if pb > pa {
                    std::mem::swap(st, fork);
                    std::mem::swap(attach_scores, fork_scores);
                }
            }
            None => dec.take(a, st, lex, feats, lscores, attach_scores),
        }
    }
    crate::pairs::share_heads(st, &lex.pairs, |i| lex.is_punct(i));
    if let Some(r) = relabels {
        let keep = |st: &State, d: u32| {
            let h = st.head[d as usize];
            certain.get(CertainLabels::key(lex, h, d)).is_some()
        };
        relabel(
            r,
            st,
            lex,
            siblings,
            feats,
            lscores,
            relabelled,
            attach_scores,
            keep,
        );
    }
}

/// One model's classifiers: the transition table, the relation weights and the relations the
/// treebanks settle.
#[derive(Debug)]
struct Classifiers {
    actions: ActionTable,
    labels: SparseWeights,
    /// The relabeller, for a model that has one.
    relabels: Option<SparseWeights>,
    /// Arc types whose relation training settled (empty for a model without them).
    certain: CertainLabels,
    /// Index of `punct` among the relations, if the model has it.
    punct: Option<u16>,
    /// How decoding forks where the classifier hesitates.
    lookahead: Option<Lookahead>,
}

impl Classifiers {
    /// Reads the sections `{prefix}action_table` (or `{prefix}actions`), `{prefix}labels`,
    /// `{prefix}label_names` and `{prefix}certain_labels`; returns them with the relation names.
    fn from_model(
        model: &ModelFile,
        name: &str,
        prefix: &str,
    ) -> Result<(Classifiers, Vec<String>)> {
        let section = |s: &str| {
            Error::Model(dateline_learn::Error::Section {
                name: name.to_string(),
                section: format!("{prefix}{s}"),
            })
        };
        let get = |s: &str| model.section(&format!("{prefix}{s}"), name);
        // The table as it sits in memory (`train` writes it); a model written before that
        // holds rows, packed here.
        let actions = match get("action_table") {
            Ok(b) => ActionTable::from_table_bytes(b).ok_or_else(|| section("action_table"))?,
            Err(_) => ActionTable::from_bytes(get("actions")?).ok_or_else(|| section("actions"))?,
        };
        // Labels are sparse weights: a label feature's row touches about 5 of the 48 labels.
        let labels = SparseWeights::from_bytes(get("labels")?).ok_or_else(|| section("labels"))?;
        let text = std::str::from_utf8(get("label_names")?).map_err(|_| section("label_names"))?;
        let names: Vec<String> = text.lines().map(str::to_string).collect();
        if names.len() != labels.n_classes() {
            return Err(section("label_names"));
        }
        // A model trained before the relabeller has none.
        let relabels = match get(crate::relabel::SECTION) {
            Ok(b) => Some(
                SparseWeights::from_bytes(b)
                    .filter(|r| r.n_classes() == labels.n_classes())
                    .ok_or_else(|| section(crate::relabel::SECTION))?,
            ),
            Err(_) => None,
        };
        // A model stored without one decodes greedily.
        let lookahead = match get(LOOKAHEAD_SECTION) {
            Ok(b) => Some(
                std::str::from_utf8(b)
                    .ok()
                    .and_then(Lookahead::from_text)
                    .ok_or_else(|| section(LOOKAHEAD_SECTION))?,
            ),
            Err(_) => None,
        };
        let certain = match get("certain_labels") {
            Ok(b) => CertainLabels::from_bytes(b, names.len())
                .ok_or_else(|| section("certain_labels"))?,
            Err(_) => CertainLabels::default(),
        };
        Ok((
            Classifiers {
                actions,
                labels,
                relabels,
                certain,
                punct: punct_index(&names),
                lookahead,
            },
            names,
        ))
    }

    /// Parses the sentence in `work.lex` (see [`parse_lex`]).
    fn parse(&self, work: &mut Work) {
        parse_lex(
            &self.actions,
            &self.labels,
            self.relabels.as_ref(),
            &self.certain,
            self.punct,
            self.lookahead.as_ref(),
            work,
        );
    }
}

/// A trained dependency parser.
///
/// It reads the words of each sentence with their parts of speech and lemmas, and returns one
/// [`Dep`] per word. See the crate docs for the algorithm.
#[derive(Debug)]
pub struct Parser {
    header: Header,
    main: Classifiers,
    /// The first parser whose tree a guided model reads as features, when the model is
    /// guided, and whether it reads the words backwards.
    guide: Option<(Classifiers, bool)>,
    /// Relation names, leaked once at load so every [`Dep::rel`] can point into them.
    names: &'static [&'static str],
    /// The relation of a leading dateline to the rest of its sentence.
    dateline_rel: &'static str,
    /// Words that take `amod` or `compound` whatever their tag (see `modifiers.rs`), with the
    /// two relations' ids; `None` in a model stored without them.
    modifiers: Option<(Modifiers, u16, u16)>,
}

impl Parser {
    /// From a loaded model file; `name` is used in error messages.
    pub fn from_model(model: &ModelFile, name: &str) -> Result<Parser> {
        let h = &model.header;
        if h.kind != "parser" {
            return Err(Error::WrongKind {
                name: name.to_string(),
                kind: h.kind.clone(),
            });
        }
        if h.features != FEATURES && h.features != GUIDED_FEATURES {
            return Err(Error::Features {
                name: name.to_string(),
                found: h.features.clone(),
            });
        }
        let malformed = |section: &str| {
            Error::Model(dateline_learn::Error::Section {
                name: name.to_string(),
                section: section.to_string(),
            })
        };
        let (main, names) = Classifiers::from_model(model, name, "")?;
        let guide = if h.features == GUIDED_FEATURES {
            let (guide, guide_names) = Classifiers::from_model(model, name, GUIDE_PREFIX)?;
            // The guided model reads the guide's relation ids as its own.
            if guide_names != names {
                return Err(malformed(&format!("{GUIDE_PREFIX}label_names")));
            }
            let reverse = model
                .section(&format!("{GUIDE_PREFIX}direction"), name)
                .map_or(true, |d| d != LEFT_TO_RIGHT.as_bytes());
            Some((guide, reverse))
        } else {
            None
        };
        let names: Vec<&'static str> = names
            .into_iter()
            .map(|l| &*Box::leak(l.into_boxed_str()))
            .collect();
        let modifiers = match model.section(MODIFIERS_SECTION, name) {
            Ok(b) => {
                let lexicon =
                    Modifiers::from_text(b).ok_or_else(|| malformed(MODIFIERS_SECTION))?;
                let find = |rel: &str| names.iter().position(|&r| r == rel).map(|i| i as u16);
                // A lexicon for relations the model does not have is as broken as bad bytes.
                match (find("amod"), find("compound")) {
                    (Some(a), Some(c)) => Some((lexicon, a, c)),
                    _ => return Err(malformed(MODIFIERS_SECTION)),
                }
            }
            Err(_) => None,
        };
        Ok(Parser {
            header: h.clone(),
            main,
            guide,
            modifiers,
            dateline_rel: names
                .iter()
                .copied()
                .find(|&r| r == "parataxis")
                .unwrap_or("dep"),
            names: Box::leak(names.into_boxed_slice()),
        })
    }

    /// Parses every sentence of a document that has words and the pos layer; returns the deps
    /// layer: one [`Dep`] per word, heads are document-global word indices, `None` for the root,
    /// exactly one root per sentence.
    ///
    /// Never panics: words without a pos entry get a fallback tag (and a worse parse), sentence
    /// ranges are clipped to the words, and words outside every sentence become roots.
    pub fn parse(&self, doc: &Document) -> Vec<Dep> {
        let n = doc.words.len();
        let mut deps = vec![
            Dep {
                head: None,
                rel: "root"
            };
            n
        ];
        let mut work = Work::default();
        for s in &doc.sentences {
            let start = s.words.start.min(n);
            let end = s.words.end.min(n).max(start);
            if start == end {
                continue;
            }
            // A leading dateline is parsed apart and hung on the root of the rest.
            match dateline_len(doc, start..end) {
                Some(k) => {
                    let head = self.parse_unit(doc, start..start + k, &mut work, &mut deps);
                    let root = self.parse_unit(doc, start + k..end, &mut work, &mut deps);
                    deps[head] = Dep {
                        head: Some(root),
                        rel: self.dateline_rel,
                    };
                }
                None => {
                    self.parse_unit(doc, start..end, &mut work, &mut deps);
                }
            }
        }
        deps
    }

    /// Parses the words `range` as one tree into `deps`; returns the root's word index.
    fn parse_unit(
        &self,
        doc: &Document,
        range: std::ops::Range<usize>,
        work: &mut Work,
        deps: &mut [Dep],
    ) -> usize {
        let start = range.start;
        if let Some((guide, reverse)) = &self.guide {
            work.guide_head.clear();
            work.guide_label.clear();
            if *reverse {
                // The guide reads the words backwards; its tree is turned back to text order.
                let is_punct =
                    |k: usize| doc.pos.get(start + k).map(|t| t.upos) == Some(Upos::PUNCT);
                backwards_order(range.len(), is_punct, &mut work.order);
                let Work {
                    lex, buf, order, ..
                } = &mut *work;
                lex.fill_words(doc, order.iter().map(|&k| start + k), buf);
                guide.parse(work);
                let Work {
                    order,
                    state,
                    guide_head,
                    guide_label,
                    ..
                } = &mut *work;
                guide_head.resize(order.len(), NONE);
                guide_label.resize(order.len(), NO_LABEL);
                for (r, &k) in order.iter().enumerate() {
                    let h = state.head[r];
                    guide_head[k] = if h == NONE {
                        NONE
                    } else {
                        order[h as usize] as u32
                    };
                    guide_label[k] = state.label[r];
                }
            } else {
                work.lex.fill(doc, range.clone(), &mut work.buf);
                guide.parse(work);
                work.guide_head.extend_from_slice(&work.state.head);
                work.guide_label.extend_from_slice(&work.state.label);
            }
            work.lex.fill(doc, range.clone(), &mut work.buf);
            work.lex.guide.set(&work.guide_head, &work.guide_label);
        } else {
            work.lex.fill(doc, range.clone(), &mut work.buf);
        }
        self.main.parse(work);
        let st = &work.state;
        let buf = &mut work.buf;
        for i in 0..range.len() {
            let h = st.head[i];
            let mut label = st.label[i];
            if let Some((lexicon, amod, compound)) = &self.modifiers {
                if label == *amod || label == *compound {
                    if let Some(a) = lexicon.amod(doc.word_text(start + i), buf) {
                        label = if a { *amod } else { *compound };
                    }
                }
            }
            deps[start + i] = if h == NONE {
                Dep {
                    head: None,
                    rel: "root",
                }
            } else {
                Dep {
                    head: Some(start + h as usize),
                    rel: self.names.get(label as usize).copied().unwrap_or("dep"),
                }
            };
        }
        start + st.stack.first().map_or(0, |&r| r as usize)
    }

    /// The lookahead the parser and its guide decode with (`None`: greedily).
    pub fn lookahead(&self) -> (Option<Lookahead>, Option<Lookahead>) {
        (
            self.main.lookahead,
            self.guide.as_ref().and_then(|(g, _)| g.lookahead),
        )
    }

    /// Sets the lookahead of the parser and of its guide, if it has one (`None`: decode
    /// greedily, as training's dev evaluations and the jackknifed guides of
    /// [`crate::train_guided`] do; parsing is then 10-20% faster).
    pub fn set_lookahead(&mut self, main: Option<Lookahead>, guide: Option<Lookahead>) {
        self.main.lookahead = main;
        if let Some((g, _)) = &mut self.guide {
            g.lookahead = guide;
        }
    }

    /// The model's header: feature set, training data, dev scores.
    pub fn header(&self) -> &Header {
        &self.header
    }
}
