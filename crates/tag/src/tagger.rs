//! The tagger: greedy left-to-right decoding over (UPOS, XPOS) classes.

use crate::features::{extract, AmbiguityClasses, WordInfo};
use crate::{Error, Lemmatizer, Result, FEATURES};
use dateline_document::{Document, PosTag, Upos};
use dateline_learn::{Feat, Header, ModelFile, Scorer, SparseWeights};
use rustc_hash::FxHashMap;

/// History value for "no word before" (and two before).
pub(crate) const START: [u64; 2] = [u64::MAX, u64::MAX - 1];

/// Predicts part of speech and lemma; load once, share across threads.
#[derive(Debug)]
pub struct Tagger {
    weights: SparseWeights,
    classes: Vec<(Upos, &'static str)>,
    tagdict: FxHashMap<u64, u16>,
    ambig: AmbiguityClasses,
    lemmatizer: Lemmatizer,
    header: Header,
}

impl Tagger {
    /// Builds a tagger from a model file written by [`crate::train`]; `name` names it in errors.
    pub fn from_model(model: &ModelFile, name: &str) -> Result<Tagger> {
        let bad = |reason: String| Error::Incompatible {
            name: name.to_string(),
            reason,
        };
        if model.header.kind != "tagger" {
            return Err(bad(format!(
                "this is a {} model, not a tagger",
                model.header.kind
            )));
        }
        if model.header.features != FEATURES {
            return Err(bad(format!(
                "model has features {}, this build extracts {FEATURES}",
                model.header.features
            )));
        }
        let weights = SparseWeights::from_bytes(model.section("weights", name)?)
            .ok_or_else(|| bad("weights section is malformed".into()))?;
        let classes = parse_classes(model.section("classes", name)?)
            .ok_or_else(|| bad("classes section is malformed".into()))?;
        if classes.len() != weights.n_classes() {
            return Err(bad("class table and weights disagree".into()));
        }
        let mut tagdict = FxHashMap::default();
        for line in String::from_utf8_lossy(model.section("tagdict", name)?).lines() {
            if let Some((form, c)) = line.rsplit_once('\t') {
                if let Ok(c) = c.parse::<u16>() {
                    if (c as usize) < classes.len() {
                        tagdict.insert(Feat::hash_str(form), c);
                    }
                }
            }
        }
        let mut ambig = AmbiguityClasses::default();
        for line in String::from_utf8_lossy(model.section("ambiguity", name)?).lines() {
            if let Some((form, h)) = line.rsplit_once('\t') {
                if let Ok(h) = u64::from_str_radix(h, 16) {
                    ambig.insert(Feat::hash_str(form), h);
                }
            }
        }
        let lemmatizer = Lemmatizer::from_sections(
            model.section("lemma_table", name)?,
            model.section("lemma_rules", name)?,
        );
        Ok(Tagger {
            weights,
            classes,
            tagdict,
            ambig,
            lemmatizer,
            header: model.header.clone(),
        })
    }

    /// How the model was trained.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Tags one sentence given as word forms (no lemmas): used to jackknife training data.
    pub fn tag_words(&self, forms: &[&str]) -> Vec<(Upos, &'static str)> {
        let mut scratch = Scratch::default();
        let infos: Vec<WordInfo> = forms
            .iter()
            .map(|f| WordInfo::new(f, &mut scratch.lower, &self.ambig))
            .collect();
        let mut classes = Vec::new();
        predict(
            &self.weights,
            &self.tagdict,
            &infos,
            &mut classes,
            &mut scratch,
        );
        classes.iter().map(|&c| self.classes[c as usize]).collect()
    }

    /// Replaces the UPOS, XPOS and lemma of every word of a treebank sentence by this tagger's
    /// (heads and relations stay): training material for a parser that will read this tagger's
    /// output at run time, and dev data scored under run-time conditions.
    pub fn retag(&self, s: &mut dateline_conllu::Sentence) {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = self.tag_words(&forms);
        for (w, (upos, xpos)) in s.words.iter_mut().zip(tags) {
            w.lemma = self.lemmatizer.lemma(&w.form, upos, xpos);
            w.upos = upos.as_str().to_string();
            w.xpos = xpos.to_string();
        }
    }

    /// Tags every word of a segmented document; returns the `pos` layer.
    pub fn tag(&self, doc: &Document) -> Vec<PosTag> {
        let mut out = Vec::with_capacity(doc.words.len());
        let mut infos = Vec::new();
        let mut classes = Vec::new();
        let mut scratch = Scratch::default();
        for s in &doc.sentences {
            infos.clear();
            for i in s.words.clone() {
                infos.push(WordInfo::new(
                    doc.word_text(i),
                    &mut scratch.lower,
                    &self.ambig,
                ));
            }
            predict(
                &self.weights,
                &self.tagdict,
                &infos,
                &mut classes,
                &mut scratch,
            );
            for (k, &c) in classes.iter().enumerate() {
                let (upos, xpos) = self.classes[c as usize];
                let form = doc.word_text(s.words.start + k);
                out.push(PosTag {
                    upos,
                    xpos,
                    lemma: self.lemmatizer.lemma(form, upos, xpos),
                });
            }
        }
        // Words outside every sentence (none when the segmenter is consistent) still get a tag,
        // so the layer stays parallel to the words.
        while out.len() < doc.words.len() {
            let form = doc.word_text(out.len());
            out.push(PosTag {
                upos: Upos::X,
                xpos: "FW",
                lemma: form.to_string(),
            });
        }
        out
    }
}

/// Buffers reused across sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    pub lower: String,
    feats: Vec<u64>,
    scores: Vec<f32>,
}

/// Greedy decoding of one sentence into class ids.
pub(crate) fn predict(
    weights: &impl Scorer,
    tagdict: &FxHashMap<u64, u16>,
    infos: &[WordInfo],
    out: &mut Vec<u16>,
    s: &mut Scratch,
) {
    out.clear();
    let (mut p1, mut p2) = (START[0], START[1]);
    s.scores.resize(weights.n_classes(), 0.0);
    for i in 0..infos.len() {
        let c = match tagdict.get(&infos[i].form) {
            Some(&c) => c,
            None => {
                extract(infos, i, p1, p2, &mut s.feats);
                s.scores.iter_mut().for_each(|x| *x = 0.0);
                weights.scores(&s.feats, &mut s.scores);
                argmax(&s.scores) as u16
            }
        };
        out.push(c);
        p2 = p1;
        p1 = c as u64;
    }
}

pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in s.iter().enumerate() {
        if x > s[best] {
            best = i;
        }
    }
    best
}

/// Class table: one "UPOS\tXPOS" line per class. Labels are leaked once per load so the `pos`
/// layer can hold `&'static str` without copying.
fn parse_classes(b: &[u8]) -> Option<Vec<(Upos, &'static str)>> {
    let text = std::str::from_utf8(b).ok()?;
    text.lines()
        .map(|l| {
            let (u, x) = l.split_once('\t')?;
            let x: &'static str = Box::leak(x.to_string().into_boxed_str());
            Some((Upos::parse(u)?, x))
        })
        .collect()
}
