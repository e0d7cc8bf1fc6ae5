//! `dateline train tagger`: learn the tagger and lemmatizer from UD treebanks.

use crate::features::{extract, AmbiguityClasses, WordInfo};
use crate::tagger::{predict, Scratch, START};
use crate::{Lemmatizer, Result, FEATURES};
use dateline_conllu::Sentence;
use dateline_learn::{checksum_files, Feat, Header, ModelFile, Rng, Trainer, Weights};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// CoNLL-U training files.
    pub train: Vec<PathBuf>,
    /// CoNLL-U dev files: the epoch with the best dev UPOS accuracy is kept.
    pub dev: Vec<PathBuf>,
    /// Most epochs to run.
    pub epochs: u32,
    /// Seed for shuffling; the same seed and data give the same model.
    pub seed: u64,
    /// Rows whose largest averaged weight (after mixing) is below this are dropped from the
    /// model.
    pub prune: f32,
    /// Taggers trained with the seeds `seed`, `seed + 1`, ... (in parallel), each at its best
    /// dev epoch, whose weights are averaged into the model (parameter mixing). The shipped
    /// tagger is one. Measured: four (pruned at 0.7, 4.9 MB) tag EWT + GUM dev (gold words)
    /// at UPOS/XPOS 96.08/95.58 against 96.00/95.52, and with the shipped parser take EWT dev
    /// from raw text to UAS/LAS 84.75/81.57 from 84.60/81.46 (GUM 85.50/82.50 from
    /// 85.57/82.52). But the entity model learnt from the single tagger's tags: with four,
    /// GUM dev F1 fell from 0.7551 to 0.7531 and Wikigold from 0.7166 to 0.7137, and
    /// retrained on them (seeds 1 to 4) it did worse (GUM 0.7120-0.7488), its UNER
    /// cross-validated figure 0.7509 (PER 0.8353) against 0.7633 (0.8518). Nor did mixing
    /// four mention taggers rescue it (GUM 0.7423, Wikigold 0.7042 with seeds 1-4; 0.7422 and
    /// 0.6976 with 3-6), and with the single tagger it moved Wikigold from 0.7166 to 0.6625:
    /// the entity model's training is what needs steadying before the tagger can change.
    /// Three mixed, pruned at 0.7 (4.71 MB), take EWT dev from raw text to 85.11/82.03 and GUM
    /// to 85.73/82.63 with the lookahead parser; but with them at run time the entity model's
    /// UNER cross-validated figure falls from 0.7633 (PER 0.8518) to 0.7584 (PER 0.8444), and
    /// retrained on their tags, seeds 1-8 give GUM dev F1 70.30-74.22 (mean 72.60) against
    /// 71.17-75.51 (mean 73.86), Wikigold 69.32-72.58 (71.12) against 63.66-72.69 (69.24).
    pub mix: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            train: Vec::new(),
            dev: Vec::new(),
            epochs: 14,
            seed: 1,
            prune: 0.05,
            mix: 1,
        }
    }
}

/// Folds for [`jackknife`] when training the parser: each fold's tagger sees 80% of the data,
/// and five folds keep `dateline train parser` near ten minutes.
pub const JACKKNIFE_FOLDS: usize = 5;

/// A (UPOS, XPOS) class needs this many training words to get its own class.
const MIN_CLASS: u32 = 20;
/// A word goes into the tag dictionary when seen this often...
const DICT_MIN: u32 = 20;
/// ... and with its most frequent class at least this share of the time.
const DICT_SHARE: f64 = 0.995;
/// A word gets an ambiguity class when seen this often...
const AMBIG_MIN: u32 = 5;
/// ... made of the classes it takes at least this share of the time.
const AMBIG_SHARE: f64 = 0.05;

/// Trains the tagger; progress goes to stderr. Returns the model file to save.
pub fn train(opts: &TrainOptions) -> Result<ModelFile> {
    let train = read_all(&opts.train)?;
    let dev = read_all(&opts.dev)?;
    let mut model = train_on(&train, &dev, opts)?;
    model.header.data = opts.train.iter().map(|p| p.display().to_string()).collect();
    model.header.data_checksum = checksum_files(&opts.train)?;
    Ok(model)
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(dateline_conllu::read_file(p)?);
    }
    Ok(out)
}

/// The training sentences of `opts.train` with their gold UPOS, XPOS and lemma replaced by the
/// ones that a tagger trained on the *other* `folds` parts predicts (jackknifing).
///
/// A parser trained on gold tags learns to trust them and stumbles over the tagger's errors at
/// run time; trained on jackknifed tags it sees errors like the ones it will meet.
///
/// The folds are tagged in turn, and each fold's tagger learns from the other folds as they
/// stand: the folds already tagged carry the earlier taggers' tags, not gold ones. That was an
/// accident, but it was measured against the textbook jackknife (every fold's tagger on gold
/// tags only: XPOS on the training words 96.18% against 96.25%) and kept: parsers trained on
/// the textbook jackknife's tags (single seeds, EWT train seen four times) parsed EWT dev from
/// raw text at UAS 84.70 and 84.57 against 84.89 and 84.77, GUM dev at 85.43 and 85.43
/// against 85.30 and 85.51.
pub fn jackknife(opts: &TrainOptions, folds: usize) -> Result<Vec<Sentence>> {
    let mut train = read_all(&opts.train)?;
    let dev = read_all(&opts.dev)?;
    let folds = folds.max(2);
    let mut rng = Rng::new(opts.seed ^ 0x6a6b);
    let mut fold_of: Vec<usize> = (0..train.len()).map(|i| i % folds).collect();
    rng.shuffle(&mut fold_of);
    for k in 0..folds {
        let rest: Vec<Sentence> = train
            .iter()
            .zip(&fold_of)
            .filter(|(_, &f)| f != k)
            .map(|(s, _)| s.clone())
            .collect();
        eprintln!("tagger: jackknife fold {}/{folds}", k + 1);
        let model = train_on(&rest, &dev, opts)?;
        let tagger = crate::Tagger::from_model(&model, "jackknife fold")?;
        for (s, _) in train.iter_mut().zip(&fold_of).filter(|(_, &f)| f == k) {
            tagger.retag(s);
        }
    }
    Ok(train)
}

/// The sentences of `files`, each with the index of its file, with the UPOS, XPOS and lemma
/// that `tagger` gives them ([`crate::Tagger::retag`]): dev data for choosing a parser's epoch
/// under run-time conditions.
pub fn retag_files(tagger: &crate::Tagger, files: &[PathBuf]) -> Result<Vec<(usize, Sentence)>> {
    let mut out = Vec::new();
    for (fi, p) in files.iter().enumerate() {
        for mut s in dateline_conllu::read_file(p)? {
            tagger.retag(&mut s);
            out.push((fi, s));
        }
    }
    Ok(out)
}

/// Trains on sentences already read; `train` fills in the data paths and checksum.
fn train_on(train: &[Sentence], dev: &[Sentence], opts: &TrainOptions) -> Result<ModelFile> {
    eprintln!(
        "tagger: {} training sentences, {} dev sentences",
        train.len(),
        dev.len()
    );

    // Classes: frequent (UPOS, XPOS) pairs, most frequent first.
    let mut pair_count: BTreeMap<(String, String), u32> = BTreeMap::new();
    for s in train {
        for w in &s.words {
            *pair_count
                .entry((w.upos.clone(), w.xpos.clone()))
                .or_default() += 1;
        }
    }
    let mut classes: Vec<(&(String, String), &u32)> = pair_count
        .iter()
        .filter(|(p, &n)| n >= MIN_CLASS && dateline_document::Upos::parse(&p.0).is_some())
        .collect();
    classes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let classes: Vec<(String, String)> = classes.into_iter().map(|(p, _)| p.clone()).collect();
    let class_of = |upos: &str, xpos: &str| -> u16 {
        let exact = classes.iter().position(|(u, x)| u == upos && x == xpos);
        let same_x = || classes.iter().position(|(_, x)| x == xpos);
        let same_u = || classes.iter().position(|(u, _)| u == upos);
        exact.or_else(same_x).or_else(same_u).unwrap_or(0) as u16
    };
    let gold =
        |s: &Sentence| -> Vec<u16> { s.words.iter().map(|w| class_of(&w.upos, &w.xpos)).collect() };
    let train_gold: Vec<Vec<u16>> = train.iter().map(gold).collect();
    let dev_gold: Vec<Vec<u16>> = dev.iter().map(gold).collect();

    // Tag dictionary of frequent unambiguous forms.
    let mut form_counts: BTreeMap<&str, BTreeMap<u16, u32>> = BTreeMap::new();
    for (s, g) in train.iter().zip(&train_gold) {
        for (w, &c) in s.words.iter().zip(g) {
            *form_counts
                .entry(w.form.as_str())
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    let mut tagdict = FxHashMap::default();
    let mut tagdict_text = String::new();
    for (form, m) in &form_counts {
        let total: u32 = m.values().sum();
        let (&c, &n) = m
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .unwrap_or((&0, &0));
        if total >= DICT_MIN
            && n as f64 / total as f64 >= DICT_SHARE
            && !form.contains(['\t', '\n'])
        {
            tagdict.insert(Feat::hash_str(form), c);
            tagdict_text.push_str(&format!("{form}\t{c}\n"));
        }
    }
    // Ambiguity classes of words seen often enough that their tag set is not just the gold tag
    // of one training sentence.
    let mut lower_counts: BTreeMap<String, BTreeMap<u16, u32>> = BTreeMap::new();
    for (s, g) in train.iter().zip(&train_gold) {
        for (w, &c) in s.words.iter().zip(g) {
            *lower_counts
                .entry(w.form.to_lowercase())
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    let mut ambig = AmbiguityClasses::default();
    let mut ambig_text = String::new();
    for (form, m) in &lower_counts {
        let total: u32 = m.values().sum();
        if total < AMBIG_MIN || form.contains(['\t', '\n']) {
            continue;
        }
        let mut set = Feat::new(99);
        for (&c, &n) in m {
            if n as f64 >= AMBIG_SHARE * total as f64 {
                set = set.int(c as u64);
            }
        }
        ambig.insert(Feat::hash_str(form), set.done());
        ambig_text.push_str(&format!("{form}\t{:x}\n", set.done()));
    }
    eprintln!(
        "tagger: {} classes, {} dictionary words, {} ambiguity classes",
        classes.len(),
        tagdict.len(),
        ambig.len()
    );

    let infos = |s: &Sentence, buf: &mut String| -> Vec<WordInfo> {
        s.words
            .iter()
            .map(|w| WordInfo::new(&w.form, buf, &ambig))
            .collect()
    };
    let mut buf = String::new();
    let train_infos: Vec<Vec<WordInfo>> = train.iter().map(|s| infos(s, &mut buf)).collect();
    let dev_infos: Vec<Vec<WordInfo>> = dev.iter().map(|s| infos(s, &mut buf)).collect();

    // One tagger per seed (in parallel); their weights are averaged (parameter mixing).
    let run = |seed: u64| -> Option<(f64, u32, Weights)> {
        let mut trainer = Trainer::new(classes.len());
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut best: Option<(f64, u32, Weights)> = None;
        let mut feats = Vec::new();
        for epoch in 1..=opts.epochs {
            let started = std::time::Instant::now();
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            for &si in &order {
                let ws = &train_infos[si];
                let g = &train_gold[si];
                let (mut p1, mut p2) = (START[0], START[1]);
                for i in 0..ws.len() {
                    let guess = match tagdict.get(&ws[i].form) {
                        Some(&c) => c as usize,
                        None => {
                            extract(ws, i, p1, p2, &mut feats);
                            trainer.learn(&feats, g[i] as usize)
                        }
                    };
                    right += (guess == g[i] as usize) as usize;
                    total += 1;
                    p2 = p1;
                    p1 = guess as u64;
                }
            }
            let weights = trainer.average();
            let acc = accuracy(&weights, &tagdict, &dev_infos, &dev_gold, &classes);
            eprintln!(
                "tagger: seed {seed} epoch {epoch}: train {:.4}, dev upos {:.4} xpos {:.4} ({:.0}s)",
                right as f64 / total.max(1) as f64,
                acc.0,
                acc.1,
                started.elapsed().as_secs_f64()
            );
            if best.as_ref().is_none_or(|b| acc.0 > b.0) {
                best = Some((acc.0, epoch, weights));
            }
        }
        best
    };
    let runs: Vec<Option<(f64, u32, Weights)>> = std::thread::scope(|sc| {
        let run = &run;
        let handles: Vec<_> = (0..u64::from(opts.mix.max(1)))
            .map(|k| sc.spawn(move || run(opts.seed.wrapping_add(k))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    // The header's epoch is the first seed's.
    let mixed = runs.into_iter().collect::<Option<Vec<_>>>().and_then(|r| {
        let mean = Weights::mean(&r.iter().map(|x| &x.2).collect::<Vec<_>>())?;
        Some((r.first()?.1, mean))
    });
    let Some((epoch, mut weights)) = mixed else {
        return Err(crate::Error::Incompatible {
            name: "training".into(),
            reason: "no epochs were run (--epochs 0)".into(),
        });
    };
    let rows = weights.rows();
    weights.prune(opts.prune);
    let acc = accuracy(&weights, &tagdict, &dev_infos, &dev_gold, &classes);
    eprintln!(
        "tagger: kept epoch {epoch}; pruned {rows} -> {} rows; dev upos {:.4} xpos {:.4}",
        weights.rows(),
        acc.0,
        acc.1
    );

    let (_, table, rules) = Lemmatizer::learn(train.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str()))
    }));
    let classes_text: String = classes.iter().map(|(u, x)| format!("{u}\t{x}\n")).collect();
    let mut dev_score = serde_json::Map::new();
    dev_score.insert("upos".into(), round4(acc.0).into());
    dev_score.insert("xpos".into(), round4(acc.1).into());
    Ok(ModelFile {
        header: Header {
            kind: "tagger".into(),
            features: FEATURES.into(),
            dev_score,
            seed: opts.seed,
            epochs: epoch,
            ..Default::default()
        },
        sections: vec![
            ("weights".into(), weights.to_bytes()),
            ("classes".into(), classes_text.into_bytes()),
            ("tagdict".into(), tagdict_text.into_bytes()),
            ("ambiguity".into(), ambig_text.into_bytes()),
            ("lemma_table".into(), table),
            ("lemma_rules".into(), rules),
        ],
    })
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// UPOS and XPOS accuracy on gold-tokenized sentences.
fn accuracy(
    weights: &Weights,
    tagdict: &FxHashMap<u64, u16>,
    infos: &[Vec<WordInfo>],
    gold: &[Vec<u16>],
    classes: &[(String, String)],
) -> (f64, f64) {
    let mut s = Scratch::default();
    let mut out = Vec::new();
    let (mut u, mut x, mut n) = (0usize, 0usize, 0usize);
    for (ws, g) in infos.iter().zip(gold) {
        predict(weights, tagdict, ws, &mut out, &mut s);
        for (&p, &t) in out.iter().zip(g) {
            let (pu, px) = &classes[p as usize];
            let (tu, tx) = &classes[t as usize];
            u += (pu == tu) as usize;
            x += (px == tx) as usize;
            n += 1;
        }
    }
    (u as f64 / n.max(1) as f64, x as f64 / n.max(1) as f64)
}
