//! Greedy decoding with the two classifiers, and the public [`Parser`].

use crate::certain::CertainLabels;
use crate::dateline::dateline_len;
use crate::features::{action_feats, label_feats, Lex, FEATURES};
use crate::guide::{backwards_order, GUIDED_FEATURES, GUIDE_PREFIX, LEFT_TO_RIGHT};
use crate::relabel::{relabel, Siblings};
use crate::system::{State, LEFT, NONE, NO_LABEL, N_ACTIONS, RIGHT, SHIFT};
use crate::table::ActionTable;
use crate::{Error, Result};
use dateline_document::{Dep, Document, Upos};
use dateline_learn::{Header, ModelFile, Scorer, SparseWeights};

/// Reusable buffers for parsing: one per thread, reused across sentences, so a transition
/// allocates nothing.
#[derive(Default)]
pub(crate) struct Work {
    pub state: State,
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

/// Parses the sentence in `work.lex`; the tree is left in `work.state` (`head`, `label`, and the
/// root is the one word left on the stack).
///
/// `punct` is the index of the `punct` relation: an arc to a word tagged punctuation takes it
/// without scoring (UD attaches punctuation with `punct` only; in EWT and GUM train every
/// non-root punctuation mark has it), which spares the label classifier one arc in nine.
/// With `relabels`, the relabeller then revises the relations of the finished tree
/// ([`crate::relabel`]).
pub(crate) fn parse_lex(
    actions: &ActionTable,
    labels: &SparseWeights,
    relabels: Option<&SparseWeights>,
    certain: &CertainLabels,
    punct: Option<u16>,
    work: &mut Work,
) {
    let Work {
        state: st,
        lex,
        feats,
        lscores,
        siblings,
        relabelled,
        attach_scores,
        ..
    } = work;
    st.reset(lex.len());
    lscores.resize(labels.n_classes(), 0.0);
    if relabels.is_some() {
        attach_scores.resize(lex.len() * labels.n_classes(), 0.0);
    }
    while !st.is_final() {
        let a = st.only_valid().unwrap_or_else(|| {
            action_feats(st, lex, feats);
            let mut s = [0f32; N_ACTIONS];
            actions.scores(feats, &mut s);
            best_valid(st, &s)
        });
        if let Some(p) = punct.filter(|_| a != SHIFT && lex.is_punct(st.arc_of(a).1)) {
            st.apply(a, p);
            continue;
        }
        let mut label = NO_LABEL;
        if a == LEFT || a == RIGHT {
            let (h, d) = st.arc_of(a);
            if let Some(l) = certain.get(CertainLabels::key(lex, h, d)) {
                label = l;
            } else {
                label_feats(st, lex, a, feats);
                lscores.iter_mut().for_each(|x| *x = 0.0);
                labels.scores(feats, lscores);
                if !lscores.is_empty() {
                    label = argmax(lscores) as u16;
                }
                if relabels.is_some() {
                    let k = lscores.len();
                    attach_scores[d as usize * k..(d as usize + 1) * k].copy_from_slice(lscores);
                }
            }
        }
        st.apply(a, label);
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
        let (main, names) = Classifiers::from_model(model, name, "")?;
        let guide = if h.features == GUIDED_FEATURES {
            let (guide, guide_names) = Classifiers::from_model(model, name, GUIDE_PREFIX)?;
            // The guided model reads the guide's relation ids as its own.
            if guide_names != names {
                return Err(Error::Model(dateline_learn::Error::Section {
                    name: name.to_string(),
                    section: format!("{GUIDE_PREFIX}label_names"),
                }));
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
        Ok(Parser {
            header: h.clone(),
            main,
            guide,
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
        for i in 0..range.len() {
            let h = st.head[i];
            deps[start + i] = if h == NONE {
                Dep {
                    head: None,
                    rel: "root",
                }
            } else {
                Dep {
                    head: Some(start + h as usize),
                    rel: self
                        .names
                        .get(st.label[i] as usize)
                        .copied()
                        .unwrap_or("dep"),
                }
            };
        }
        start + st.stack.first().map_or(0, |&r| r as usize)
    }

    /// The model's header: feature set, training data, dev scores.
    pub fn header(&self) -> &Header {
        &self.header
    }
}
