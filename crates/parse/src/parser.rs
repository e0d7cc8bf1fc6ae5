//! Greedy decoding with the two classifiers, and the public [`Parser`].

use crate::certain::CertainLabels;
use crate::dateline::dateline_len;
use crate::features::{action_feats, label_feats, Lex, FEATURES};
use crate::system::{State, LEFT, NONE, NO_LABEL, N_ACTIONS, RIGHT, SHIFT};
use crate::table::ActionTable;
use crate::{Error, Result};
use dateline_document::{Dep, Document};
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
pub(crate) fn parse_lex(
    actions: &ActionTable,
    labels: &SparseWeights,
    certain: &CertainLabels,
    punct: Option<u16>,
    work: &mut Work,
) {
    let Work {
        state: st,
        lex,
        feats,
        lscores,
        ..
    } = work;
    st.reset(lex.len());
    lscores.resize(labels.n_classes(), 0.0);
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
            }
        }
        st.apply(a, label);
    }
    crate::pairs::share_heads(st, &lex.pairs, |i| lex.is_punct(i));
}

/// A trained dependency parser.
///
/// It reads the words of each sentence with their parts of speech and lemmas, and returns one
/// [`Dep`] per word. See the crate docs for the algorithm.
#[derive(Debug)]
pub struct Parser {
    header: Header,
    actions: ActionTable,
    labels: SparseWeights,
    /// Arc types whose relation training settled (empty for a model without them).
    certain: CertainLabels,
    /// Relation names, leaked once at load so every [`Dep::rel`] can point into them.
    names: &'static [&'static str],
    /// The relation of a leading dateline to the rest of its sentence.
    dateline_rel: &'static str,
    /// Index of `punct` among the relations, if the model has it.
    punct: Option<u16>,
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
        if h.features != FEATURES {
            return Err(Error::Features {
                name: name.to_string(),
                found: h.features.clone(),
            });
        }
        let section = |s: &str| {
            Error::Model(dateline_learn::Error::Section {
                name: name.to_string(),
                section: s.to_string(),
            })
        };
        // The table as it sits in memory (`train` writes it); a model written before that
        // holds rows, packed here.
        let actions = match model.section("action_table", name) {
            Ok(b) => ActionTable::from_table_bytes(b).ok_or_else(|| section("action_table"))?,
            Err(_) => ActionTable::from_bytes(model.section("actions", name)?)
                .ok_or_else(|| section("actions"))?,
        };
        // Labels are sparse weights: a label feature's row touches about 5 of the 48 labels.
        let labels = SparseWeights::from_bytes(model.section("labels", name)?)
            .ok_or_else(|| section("labels"))?;
        let text = std::str::from_utf8(model.section("label_names", name)?)
            .map_err(|_| section("label_names"))?;
        let names: Vec<&'static str> = text
            .lines()
            .map(|l| &*Box::leak(l.to_string().into_boxed_str()))
            .collect();
        if names.len() != labels.n_classes() {
            return Err(section("label_names"));
        }
        let certain = match model.section("certain_labels", name) {
            Ok(b) => CertainLabels::from_bytes(b, names.len())
                .ok_or_else(|| section("certain_labels"))?,
            Err(_) => CertainLabels::default(),
        };
        Ok(Parser {
            header: h.clone(),
            actions,
            labels,
            certain,
            punct: punct_index(&names),
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
        work.lex.fill(doc, range.clone(), &mut work.buf);
        parse_lex(&self.actions, &self.labels, &self.certain, self.punct, work);
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
