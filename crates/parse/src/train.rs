//! Training: dynamic-oracle perceptron training with error exploration (Goldberg & Nivre 2012).

use crate::certain::CertainLabels;
use crate::features::{action_feats, label_feats, Lex, FEATURES};
use crate::guide::{backwards_order, GUIDED_FEATURES, GUIDE_PREFIX, LEFT_TO_RIGHT, RIGHT_TO_LEFT};
use crate::parser::{best_valid, parse_lex, punct_index, Parser, Work};
use crate::relabel::{relabel_feats, Siblings};
use crate::system::{is_projective, projectivize, State, LEFT, NONE, NO_LABEL, N_ACTIONS, RIGHT};
use crate::table::ActionTable;
use crate::{Error, Result};
use dateline_conllu::Sentence as ConllSentence;
use dateline_document::{Document, PosTag, Sentence, Span, Token, Upos, Word};
use dateline_learn::{checksum_files, Header, ModelFile, Rng, SparseWeights, Trainer, Weights};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// CoNLL-U training files.
    pub train: Vec<PathBuf>,
    /// CoNLL-U dev files: the epoch with the best LAS over all of them is kept.
    pub dev: Vec<PathBuf>,
    /// Passes over the training data.
    pub epochs: u32,
    /// Seed for shuffling and exploration: the same seed and data give the same model.
    pub seed: u64,
    /// Relation subtypes (`nsubj:pass`) seen fewer times than this in training are mapped to
    /// their universal part (`nsubj`).
    pub min_label_count: usize,
    /// From this epoch on (1-based), the trainer follows its own prediction, right or wrong,
    /// with probability [`TrainOptions::explore_prob`], so it learns to recover from mistakes.
    pub explore_from: u32,
    /// Probability of following the model's prediction when exploring.
    pub explore_prob: f64,
    /// Lift the crossing arcs of non-projective training trees to the nearest head that makes
    /// the tree projective (`system::projectivize`) instead of leaving the tree out.
    /// Measured (dev tagged by the shipped tagger, unpruned, best epoch): with the v4 features
    /// dev LAS 0.8218 left out, 0.8230 lifted; with v3 lifted 0.8206 (epoch 16), about as
    /// shipped.
    pub lift_nonprojective: bool,
    /// Leave out training trees with crossing arcs (the oracle is exact only for projective
    /// ones); with [`TrainOptions::lift_nonprojective`] no tree is left crossing.
    pub skip_nonprojective: bool,
    /// Transition-classifier weight rows whose largest absolute weight is below this are dropped
    /// from the saved model (measured on EWT dev: 1.0 keeps 40% of the rows and loses nothing;
    /// 1.15 kept the v3 model under 20 MiB for 0.06 raw-text LAS on EWT and GUM dev; the v4
    /// features make more rows, and 1.25 keeps that model at 21.0 MB with dev LAS (tagged by
    /// the shipped tagger) 82.23 EWT / 82.19 GUM against 82.16 / 82.15 at 1.15 and 22.1 MB).
    pub prune: f32,
    /// The same for the label classifier (2.0 keeps a third of its rows and loses nothing).
    /// The guided parser's relations are pruned at 3.0 (its guide's stay at 2.0,
    /// [`GuideOptions::prune_labels`]), which keeps its model file under 20 MiB: with the
    /// relabeller it was 21.48 MB at 2.0. Raw-text UAS/LAS at 3.0: EWT dev 84.59/81.48, GUM
    /// 85.58/82.46, against 84.60/81.46 and 85.57/82.52 at 2.0.
    pub prune_labels: f32,
    /// Probability of replacing a training word's gold tags by another tag seen for the same
    /// form, so the parser learns to live with tagger errors; 0 = gold tags. Measured at 0.05
    /// with the run-time tagger's tags: EWT dev LAS +0.5, GUM dev -0.2, gold-tag LAS -0.4.
    pub tag_noise: f64,
    /// Training sentences to use instead of reading `train`, for instance with the tags a
    /// tagger predicts (`dateline_tag::jackknife`): a parser trained on gold tags trusts them
    /// and stumbles over the tagger's errors at run time. `train` still names the data in the
    /// model header.
    pub train_sentences: Option<Vec<ConllSentence>>,
    /// With [`TrainOptions::train_sentences`], also train on the `train` files with their gold
    /// tags, so each tree is seen once with clean tags and once with the tagger's. Measured
    /// (dev tagged by the shipped tagger, after pruning): LAS 81.87 against 81.96 for the
    /// jackknifed copy alone, and a 24 MB model instead of 20 MB, so it is off by default.
    pub also_gold_tags: bool,
    /// Dev sentences to use instead of reading `dev` (with the run-time tagger's tags, so the
    /// epoch is chosen under run-time conditions), each with the index of its file in `dev`.
    pub dev_sentences: Option<Vec<(usize, ConllSentence)>>,
    /// Parsers trained (in parallel) with the seeds `seed`, `seed + 1`, ...: their weights
    /// are averaged before pruning (parameter mixing), which smooths what one shuffle's
    /// accidents taught. Measured from raw text, each parser at its best dev epoch, pruned at
    /// 1.25: seed 1 alone EWT dev UAS/LAS 83.87/80.66 and GUM 84.79/81.71 (seeds 2-4 alone:
    /// EWT 83.34-83.71, GUM 84.32-84.53); seeds 1-2 83.94/80.74 and 84.67/81.62; seeds 1-4
    /// 84.07/80.90 and 84.84/81.80, and a model 10% smaller (rows the seeds disagree on
    /// average out below the pruning threshold).
    pub mix: u32,
    /// A first parser's trees for [`TrainOptions::train_sentences`] (one sentence each, same
    /// order and words): the parser trains as a guided parser that reads them as features.
    /// They should come from parsers that did not see the sentence (a jackknife), or the
    /// guided parser learns to trust them more than it should.
    pub train_guides: Option<Vec<ConllSentence>>,
    /// The first parser's trees for [`TrainOptions::dev_sentences`].
    pub dev_guides: Option<Vec<ConllSentence>>,
    /// Train a right-to-left parser: every sentence is read backwards (the guide of a guided
    /// parser, see [`train_guided`]).
    pub reverse: bool,
    /// How many times each `train` file's sentences are seen per epoch (a missing entry:
    /// once). [`TrainOptions::train_sentences`] are taken to be in the order of the files, as
    /// `dateline_tag::jackknife` returns them; when their number differs from the files',
    /// every sentence is seen once.
    pub repeats: Vec<u32>,
    /// Also train a relabeller: a second relation classifier that reads the finished tree
    /// (the head's later children, its own relation) and revises the relations the parser
    /// gave when it made each arc. It learns from the trees training builds, on the arcs
    /// whose head is right.
    pub relabel: bool,
    /// Pruning threshold of the relabeller's rows (as [`TrainOptions::prune_labels`]).
    pub prune_relabels: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            train: Vec::new(),
            dev: Vec::new(),
            epochs: 12,
            seed: 1,
            min_label_count: 50,
            explore_from: 2,
            explore_prob: 0.9,
            lift_nonprojective: true,
            skip_nonprojective: true,
            prune: 1.25,
            prune_labels: 3.0,
            tag_noise: 0.0,
            train_sentences: None,
            also_gold_tags: false,
            dev_sentences: None,
            mix: 4,
            train_guides: None,
            dev_guides: None,
            reverse: false,
            repeats: Vec::new(),
            relabel: true,
            prune_relabels: 3.0,
        }
    }
}

/// One sentence ready for training or scoring.
struct Example {
    doc: Document,
    lex: Lex,
    /// Gold heads, sentence-relative, [`NONE`] for the root.
    heads: Vec<u32>,
    /// Gold label ids ([`NO_LABEL`] for the root or a label the model lacks).
    labels: Vec<u16>,
    /// Gold relations' universal part, for LAS as the scorer counts it.
    univ: Vec<String>,
    /// Which dev file it comes from.
    file: usize,
}

/// Interns tag strings so training Documents can hold `&'static str` tags.
#[derive(Default)]
pub(crate) struct Interner(HashMap<String, &'static str>);

impl Interner {
    fn get(&mut self, s: &str) -> &'static str {
        if let Some(&v) = self.0.get(s) {
            return v;
        }
        let v: &'static str = Box::leak(s.to_string().into_boxed_str());
        self.0.insert(s.to_string(), v);
        v
    }
}

/// A one-sentence Document from a CoNLL-U sentence: the text is the word forms joined by
/// spaces, one token per word, and the pos layer holds the gold tags.
pub(crate) fn sentence_doc(s: &ConllSentence, tags: &mut Interner) -> Document {
    let mut doc = Document::new(s.id.clone(), String::new());
    for (i, w) in s.words.iter().enumerate() {
        if i > 0 {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(&w.form);
        let span = Span::new(start, doc.text.len());
        doc.tokens.push(Token {
            span,
            words: i..i + 1,
        });
        doc.words.push(Word { span, token: i });
        doc.pos.push(PosTag {
            upos: Upos::parse(&w.upos).unwrap_or(Upos::X),
            xpos: tags.get(&w.xpos),
            lemma: w.lemma.clone(),
        });
    }
    let n = s.words.len();
    doc.sentences.push(Sentence {
        span: Span::new(0, doc.text.len()),
        tokens: 0..n,
        words: 0..n,
    });
    doc
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Reads CoNLL-U files, each sentence with the index of its file.
fn read_all(files: &[PathBuf]) -> Result<Vec<(usize, ConllSentence)>> {
    let mut out = Vec::new();
    for (fi, path) in files.iter().enumerate() {
        out.extend(
            dateline_conllu::read_file(path)?
                .into_iter()
                .map(|s| (fi, s)),
        );
    }
    Ok(out)
}

/// A sentence's heads (sentence-relative, [`NONE`] for the root or a head out of range) and
/// label ids ([`NO_LABEL`] for the root or a relation the model lacks).
fn tree(
    s: &ConllSentence,
    label_ids: &BTreeMap<String, u16>,
    min_count: &dyn Fn(&str) -> String,
) -> (Vec<u32>, Vec<u16>) {
    let n = s.words.len();
    s.words
        .iter()
        .map(|w| {
            if w.head == 0 || w.head > n {
                (NONE, NO_LABEL)
            } else {
                let label = label_ids.get(&min_count(&w.deprel)).copied();
                ((w.head - 1) as u32, label.unwrap_or(NO_LABEL))
            }
        })
        .unzip()
}

/// Turns sentences into examples; sentences whose heads are not one tree are left out.
fn examples(
    sents: &[(usize, ConllSentence)],
    guides: Option<&[ConllSentence]>,
    label_ids: &BTreeMap<String, u16>,
    min_count: &dyn Fn(&str) -> String,
    tags: &mut Interner,
) -> Vec<Example> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for (k, (fi, s)) in sents.iter().enumerate() {
        let fi = *fi;
        let n = s.words.len();
        let (heads, labels) = tree(s, label_ids, min_count);
        if heads.iter().filter(|&&h| h == NONE).count() != 1 {
            continue;
        }
        let univ = s
            .words
            .iter()
            .map(|w| universal(&w.deprel).to_string())
            .collect();
        let doc = sentence_doc(s, tags);
        let mut lex = Lex::default();
        lex.fill(&doc, 0..n, &mut buf);
        if let Some(g) = guides.and_then(|g| g.get(k)).filter(|g| g.words.len() == n) {
            let (head, label) = tree(g, label_ids, min_count);
            lex.guide.set(&head, &label);
        }
        out.push(Example {
            doc,
            lex,
            heads,
            labels,
            univ,
            file: fi,
        });
    }
    out
}

/// Trains `opts.mix` parsers (one per seed, in parallel), each at its best epoch on dev (LAS),
/// averages their weights, prunes, and returns the model file; progress per epoch goes to
/// stderr.
pub fn train(opts: &TrainOptions) -> Result<ModelFile> {
    let t0 = std::time::Instant::now();
    // Label table: subtypes frequent enough are kept, rare ones fall back to the universal part.
    // The treebanks with their gold tags: the sentences to train on when none are given, the
    // file of each given one (for repeats), and the relations that settle (certain labels).
    let gold = read_all(&opts.train)?;
    let mut train_sents = match &opts.train_sentences {
        Some(s) => {
            let mut all: Vec<(usize, ConllSentence)> = s.iter().map(|s| (0, s.clone())).collect();
            if opts.also_gold_tags {
                all.extend(gold.iter().cloned());
            }
            all
        }
        None => gold.clone(),
    };
    let mut dev_sents = match &opts.dev_sentences {
        Some(s) => s.clone(),
        None => read_all(&opts.dev)?,
    };
    let mut train_guides = opts.train_guides.clone();
    if opts.repeats.iter().any(|&r| r > 1) && train_sents.len() == gold.len() {
        let times = |f: usize| opts.repeats.get(f).copied().unwrap_or(1) as usize;
        let again: Vec<usize> = gold
            .iter()
            .enumerate()
            .flat_map(|(i, (f, _))| std::iter::repeat_n(i, times(*f).saturating_sub(1)))
            .collect();
        for i in again {
            train_sents.push(train_sents[i].clone());
            if let Some(g) = train_guides.as_mut().filter(|g| i < g.len()) {
                g.push(g[i].clone());
            }
        }
    }
    if opts.reverse {
        for (_, s) in train_sents.iter_mut().chain(dev_sents.iter_mut()) {
            *s = in_guide_order(s).0;
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, sent) in &train_sents {
        for w in &sent.words {
            if w.head != 0 {
                *counts.entry(w.deprel.clone()).or_default() += 1;
            }
        }
    }
    let min = opts.min_label_count;
    let counts2 = counts.clone();
    let map = move |rel: &str| -> String {
        if counts2.get(rel).copied().unwrap_or(0) >= min || !rel.contains(':') {
            rel.to_string()
        } else {
            universal(rel).to_string()
        }
    };
    let mut names: Vec<String> = counts.keys().map(|r| map(r)).collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return Err(Error::NoData);
    }
    let univ: Vec<String> = names.iter().map(|n| universal(n).to_string()).collect();
    let label_ids: BTreeMap<String, u16> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i as u16))
        .collect();
    let mut tags = Interner::default();
    let mut train = examples(
        &train_sents,
        train_guides.as_deref(),
        &label_ids,
        &map,
        &mut tags,
    );
    drop(train_sents);
    let n_all = train.len();
    let mut n_lifted = 0;
    if opts.lift_nonprojective {
        for e in &mut train {
            n_lifted += projectivize(&mut e.heads);
        }
    }
    if opts.skip_nonprojective {
        train.retain(|e| is_projective(&e.heads));
    }
    let dev = examples(
        &dev_sents,
        opts.dev_guides.as_deref(),
        &label_ids,
        &map,
        &mut tags,
    );
    drop(dev_sents);
    if train.is_empty() {
        return Err(Error::NoData);
    }
    // Tags seen per form, for tag noise.
    let mut seen_tags: BTreeMap<String, Vec<PosTag>> = BTreeMap::new();
    if opts.tag_noise > 0.0 {
        for e in &train {
            for (i, p) in e.doc.pos.iter().enumerate() {
                let form = e.doc.word_text(i).to_lowercase();
                let v = seen_tags.entry(form).or_default();
                if !v.iter().any(|q| q.upos == p.upos && q.xpos == p.xpos) {
                    v.push(p.clone());
                }
            }
        }
    }
    let n_words: usize = train.iter().map(|e| e.heads.len()).sum();
    eprintln!(
        "parser: {} training sentences ({} words; {} arcs lifted; {} left out as non-projective or not one tree), {} dev sentences, {} labels, {:.1}s",
        train.len(),
        n_words,
        n_lifted,
        n_all - train.len(),
        dev.len(),
        names.len(),
        t0.elapsed().as_secs_f64()
    );

    let seeds: Vec<u64> = (0..u64::from(opts.mix.max(1)))
        .map(|k| opts.seed.wrapping_add(k))
        .collect();
    let data = Data {
        train: &train,
        dev: &dev,
        univ: &univ,
        n_labels: names.len(),
        seen_tags: &seen_tags,
    };
    let runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = seeds
            .iter()
            .map(|&seed| s.spawn(move || train_seed(&data, opts, seed)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mean = |f: fn(&Run) -> &Weights| {
        Weights::mean(&runs.iter().map(f).collect::<Vec<_>>()).ok_or(Error::NoData)
    };
    let (mut aw, mut lw) = (mean(|r| &r.actions)?, mean(|r| &r.labels)?);
    let mut rw = if opts.relabel {
        let all: Option<Vec<&Weights>> = runs.iter().map(|r| r.relabels.as_ref()).collect();
        Some(all.and_then(|a| Weights::mean(&a)).ok_or(Error::NoData)?)
    } else {
        None
    };
    let epoch = runs.first().map_or(0, |r| r.epoch);
    if opts.prune > 0.0 {
        aw.prune(opts.prune);
    }
    if opts.prune_labels > 0.0 {
        lw.prune(opts.prune_labels);
    }
    if let Some(rw) = rw.as_mut().filter(|_| opts.prune_relabels > 0.0) {
        rw.prune(opts.prune_relabels);
    }
    // The header reports the model as shipped, after mixing and pruning.
    let (uas, las, per_file) = evaluate(
        &ActionTable::new(&aw),
        &SparseWeights::from(&lw),
        rw.as_ref().map(SparseWeights::from).as_ref(),
        &univ,
        &dev,
        opts.dev.len(),
        &mut Work::default(),
    );
    let mut dev_score = serde_json::Map::new();
    let dev_tags = if opts.dev_sentences.is_some() {
        "given"
    } else {
        "gold"
    };
    dev_score.insert("dev_tags".into(), dev_tags.into());
    if runs.len() > 1 {
        // Each mixed parser's seed and best epoch (the header's own are the first's).
        let mixed: Vec<serde_json::Value> = runs
            .iter()
            .zip(&seeds)
            .map(|(r, s)| serde_json::json!({"seed": s, "epoch": r.epoch}))
            .collect();
        dev_score.insert("mixed".into(), mixed.into());
    }
    dev_score.insert("uas".into(), round4(uas));
    dev_score.insert("las".into(), round4(las));
    for (p, s) in opts.dev.iter().zip(per_file.chunks(2)) {
        let name = p
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        dev_score.insert(format!("{name}:uas"), round4(s[0]));
        dev_score.insert(format!("{name}:las"), round4(s[1]));
    }
    let header = Header {
        kind: "parser".into(),
        features: if opts.train_guides.is_some() {
            GUIDED_FEATURES.into()
        } else {
            FEATURES.into()
        },
        data: opts
            .train
            .iter()
            .chain(&opts.dev)
            .map(|p| p.display().to_string())
            .collect(),
        data_checksum: checksum_files(&[opts.train.clone(), opts.dev.clone()].concat())?,
        dev_score,
        seed: opts.seed,
        epochs: epoch,
        ..Default::default()
    };
    eprintln!(
        "parser: {} parser(s) mixed; kept {} + {} rows after pruning at {} and {}: dev UAS {uas:.4} LAS {las:.4}; {:.1}s in all",
        runs.len(),
        aw.rows(),
        lw.rows(),
        opts.prune,
        opts.prune_labels,
        t0.elapsed().as_secs_f64()
    );
    let mut model = ModelFile {
        header,
        sections: vec![
            ("actions".into(), aw.to_bytes()),
            ("labels".into(), lw.to_bytes()),
            ("label_names".into(), names.join("\n").into_bytes()),
        ],
    };
    if let Some(rw) = &rw {
        eprintln!("parser: relabeller kept {} rows", rw.rows());
        model
            .sections
            .push((crate::relabel::SECTION.into(), rw.to_bytes()));
    }
    pack_actions(&mut model)?;
    let mut gold = gold;
    if opts.reverse {
        for (_, s) in gold.iter_mut() {
            *s = in_guide_order(s).0;
        }
    }
    set_certain_labels(&mut model, &gold)?;
    Ok(model)
}

/// A sentence in the order the guide reads it ([`backwards_order`], by its own tags), and
/// that order.
pub(crate) fn in_guide_order(s: &ConllSentence) -> (ConllSentence, Vec<usize>) {
    let n = s.words.len();
    let mut order = Vec::with_capacity(n);
    backwards_order(n, |k| s.words[k].upos == "PUNCT", &mut order);
    let mut pos = vec![0; n];
    for (r, &k) in order.iter().enumerate() {
        pos[k] = r;
    }
    let mut r = s.clone();
    r.tokens.clear();
    r.words = order
        .iter()
        .map(|&k| {
            let mut w = s.words[k].clone();
            if w.head != 0 && w.head <= n {
                w.head = pos[w.head - 1] + 1;
            }
            w
        })
        .collect();
    (r, order)
}

/// Adds to a parser model (replacing any it has) the `certain_labels` section: the arc types
/// (head's tag, dependent's tag, side, dependent's word) that the treebanks `train`, with
/// their gold tags, gave one relation nearly every time, which the parser then takes without
/// asking the label classifier. [`train`] adds them; this also adds them to a model trained
/// before it did. Relations are counted under the model's own names (a subtype the model
/// lacks as its universal part).
pub fn add_certain_labels(model: &mut ModelFile, train: &[PathBuf]) -> Result<()> {
    set_certain_labels(model, &read_all(train)?)
}

/// [`add_certain_labels`] from sentences already read.
fn set_certain_labels(model: &mut ModelFile, train: &[(usize, ConllSentence)]) -> Result<()> {
    let names: Vec<String> = std::str::from_utf8(model.section("label_names", "parser")?)
        .map_err(|_| {
            Error::Model(dateline_learn::Error::Section {
                name: "parser".into(),
                section: "label_names".into(),
            })
        })?
        .lines()
        .map(str::to_string)
        .collect();
    let id = |rel: &str| -> Option<usize> {
        names
            .iter()
            .position(|n| n == rel)
            .or_else(|| names.iter().position(|n| n == universal(rel)))
    };
    let mut counts: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
    let mut tags = Interner::default();
    let mut lex = Lex::default();
    let mut buf = String::new();
    for (_, s) in train {
        let doc = sentence_doc(s, &mut tags);
        lex.fill(&doc, 0..s.words.len(), &mut buf);
        for (d, w) in s.words.iter().enumerate() {
            if w.head == 0 || w.head > s.words.len() || w.upos == "PUNCT" {
                continue;
            }
            let Some(l) = id(&w.deprel) else { continue };
            let key = CertainLabels::key(&lex, (w.head - 1) as u32, d as u32);
            counts.entry(key).or_insert_with(|| vec![0; names.len()])[l] += 1;
        }
    }
    let certain = CertainLabels::from_counts(counts.iter().map(|(k, c)| (*k, c.as_slice())));
    eprintln!(
        "parser: {} arc types whose relation training settles",
        certain.len()
    );
    let bytes = certain.to_bytes();
    match model
        .sections
        .iter_mut()
        .find(|(n, _)| n == "certain_labels")
    {
        Some(s) => s.1 = bytes,
        None => model.sections.push(("certain_labels".into(), bytes)),
    }
    Ok(())
}

/// Replaces a parser model's transition rows (the `actions` section) by the lookup table the
/// parser packs from them (`action_table`), which loads with a copy instead of a million
/// inserts. The table parses exactly as the rows did; it keeps 15-bit fingerprints instead
/// of keys, so it cannot be mixed or pruned again. [`train`] returns packed models; this
/// also packs one written before it did, and rewrites a table stored in an older layout
/// (the guide's as well).
pub fn pack_actions(model: &mut ModelFile) -> Result<()> {
    for (name, bytes) in &mut model.sections {
        let table = match name.strip_prefix(GUIDE_PREFIX).unwrap_or(name) {
            "actions" => ActionTable::from_bytes(bytes),
            "action_table" => ActionTable::from_table_bytes(bytes),
            _ => continue,
        };
        *bytes = table.ok_or(Error::Actions)?.to_table_bytes();
        if let Some(stem) = name.strip_suffix("actions") {
            *name = format!("{stem}action_table");
        }
    }
    Ok(())
}

/// How [`train_guided`] builds the guide, the first parser whose trees the guided parser reads.
#[derive(Clone, Debug)]
pub struct GuideOptions {
    /// Read sentences backwards: a right-to-left guide errs where a left-to-right parser does
    /// not, so its trees tell the guided parser most.
    pub reverse: bool,
    /// Folds of the jackknife that parses the training sentences: each fold is parsed by a
    /// guide that did not see it, so its trees are as wrong as at run time.
    pub folds: usize,
    /// Parsers mixed into the shipped guide ([`TrainOptions::mix`]).
    pub mix: u32,
    /// Pruning threshold of the shipped guide's transition rows ([`TrainOptions::prune`]).
    pub prune: f32,
    /// Pruning threshold of the guide's relation rows, the shipped one's and the jackknife's
    /// ([`TrainOptions::prune_labels`]).
    pub prune_labels: f32,
}

impl Default for GuideOptions {
    fn default() -> Self {
        GuideOptions {
            reverse: true,
            folds: 5,
            mix: 1,
            prune: 1.5,
            prune_labels: 2.0,
        }
    }
}

/// Trains a guided parser: first a guide (see [`GuideOptions`]), then, on the training
/// sentences with the trees of a jackknife of guides and on dev with the shipped guide's, the
/// parser of `opts` reading those trees as features. The model file holds both (the guide's
/// sections under `guide.`); the parser runs the guide on each sentence first.
pub fn train_guided(opts: &TrainOptions, guide: &GuideOptions) -> Result<ModelFile> {
    let train_sents: Vec<ConllSentence> = match &opts.train_sentences {
        Some(s) => s.clone(),
        None => read_all(&opts.train)?.into_iter().map(|(_, s)| s).collect(),
    };
    let dev_sents = match &opts.dev_sentences {
        Some(s) => s.clone(),
        None => read_all(&opts.dev)?,
    };
    let base = TrainOptions {
        reverse: guide.reverse,
        // The guided parser reads the guide's relations as they were when its arcs were made.
        relabel: false,
        prune_labels: guide.prune_labels,
        repeats: Vec::new(),
        train_sentences: Some(train_sents.clone()),
        dev_sentences: Some(dev_sents.clone()),
        also_gold_tags: false,
        train_guides: None,
        dev_guides: None,
        ..opts.clone()
    };
    eprintln!("parser: training the guide");
    let guide_model = train(&TrainOptions {
        mix: guide.mix,
        prune: guide.prune,
        ..base.clone()
    })?;
    let k = guide.folds.max(2);
    eprintln!("parser: parsing the training sentences with {k} guides that did not see them");
    let folds: Vec<Result<Vec<(usize, ConllSentence)>>> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..k)
            .map(|f| {
                let (base, sents) = (&base, &train_sents);
                sc.spawn(move || -> Result<Vec<(usize, ConllSentence)>> {
                    let rest = sents
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % k != f)
                        .map(|(_, s)| s.clone())
                        .collect();
                    let model = train(&TrainOptions {
                        train_sentences: Some(rest),
                        mix: 1,
                        ..base.clone()
                    })?;
                    let parser = Parser::from_model(&model, "guide")?;
                    let mut tags = Interner::default();
                    Ok(sents
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % k == f)
                        .map(|(i, s)| (i, guide_tree(&parser, s, base.reverse, &mut tags)))
                        .collect())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut train_guides = vec![ConllSentence::default(); train_sents.len()];
    for fold in folds {
        for (i, s) in fold? {
            train_guides[i] = s;
        }
    }
    let parser = Parser::from_model(&guide_model, "guide")?;
    let mut tags = Interner::default();
    let dev_guides = dev_sents
        .iter()
        .map(|(_, s)| guide_tree(&parser, s, guide.reverse, &mut tags))
        .collect();
    eprintln!("parser: training the guided parser");
    let mut model = train(&TrainOptions {
        train_sentences: Some(train_sents),
        dev_sentences: Some(dev_sents),
        train_guides: Some(train_guides),
        dev_guides: Some(dev_guides),
        reverse: false,
        also_gold_tags: false,
        ..opts.clone()
    })?;
    model.header.dev_score.insert(
        "guide".into(),
        serde_json::Value::Object(guide_model.header.dev_score.clone()),
    );
    add_guide(&mut model, &guide_model, guide.reverse)?;
    Ok(model)
}

/// `s` with the heads and relations `parser` gives it (reading it backwards if `reverse`).
fn guide_tree(
    parser: &Parser,
    s: &ConllSentence,
    reverse: bool,
    tags: &mut Interner,
) -> ConllSentence {
    let (r, order) = if reverse {
        in_guide_order(s)
    } else {
        (s.clone(), (0..s.words.len()).collect())
    };
    let deps = parser.parse(&sentence_doc(&r, tags));
    let mut out = s.clone();
    for (d, &k) in deps.iter().zip(&order) {
        let w = &mut out.words[k];
        w.head = d.head.map_or(0, |h| order[h] + 1);
        w.deprel = d.rel.to_string();
    }
    out
}

/// Adds a guide's classifiers to a guided parser's model file (under `guide.`, with the
/// direction it reads in), so one file holds both passes.
pub fn add_guide(model: &mut ModelFile, guide: &ModelFile, reverse: bool) -> Result<()> {
    if model.header.features != GUIDED_FEATURES || guide.header.features != FEATURES {
        return Err(Error::Features {
            name: "guide".into(),
            found: format!("{} + {}", model.header.features, guide.header.features),
        });
    }
    model.sections.retain(|(n, _)| !n.starts_with(GUIDE_PREFIX));
    for (name, bytes) in &guide.sections {
        model
            .sections
            .push((format!("{GUIDE_PREFIX}{name}"), bytes.clone()));
    }
    let direction = if reverse {
        RIGHT_TO_LEFT
    } else {
        LEFT_TO_RIGHT
    };
    model.sections.push((
        format!("{GUIDE_PREFIX}direction"),
        direction.as_bytes().to_vec(),
    ));
    Ok(())
}

/// What every seed's run reads.
#[derive(Clone, Copy)]
struct Data<'a> {
    train: &'a [Example],
    dev: &'a [Example],
    univ: &'a [String],
    n_labels: usize,
    seen_tags: &'a BTreeMap<String, Vec<PosTag>>,
}

/// One seed's parser at its best dev epoch, unpruned.
struct Run {
    epoch: u32,
    las: f64,
    actions: Weights,
    labels: Weights,
    relabels: Option<Weights>,
}

/// Trains one parser with `seed`: `opts.epochs` passes, keeping the epoch with the best dev LAS.
fn train_seed(data: &Data, opts: &TrainOptions, seed: u64) -> Run {
    let (train, dev) = (data.train, data.dev);
    let mut at = Trainer::new(N_ACTIONS);
    let mut lt = Trainer::new(data.n_labels);
    let mut rt = opts.relabel.then(|| Trainer::new(data.n_labels));
    let mut guesses = Vec::new();
    let mut siblings = Siblings::default();
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut work = Work::default();
    let mut gold_feats = Vec::new();
    let mut best: Option<Run> = None;
    for epoch in 1..=opts.epochs.max(1) {
        let te = std::time::Instant::now();
        rng.shuffle(&mut order);
        let explore = epoch >= opts.explore_from;
        let (mut errors, mut steps) = (0usize, 0usize);
        for &k in &order {
            let e = &train[k];
            let lex = if opts.tag_noise > 0.0 {
                let mut doc = e.doc.clone();
                for i in 0..doc.pos.len() {
                    if coin(&mut rng) < opts.tag_noise {
                        let form = doc.word_text(i).to_lowercase();
                        if let Some(v) = data.seen_tags.get(&form).filter(|v| v.len() > 1) {
                            doc.pos[i] = v[rng.below(v.len())].clone();
                        }
                    }
                }
                let mut lex = Lex::default();
                lex.fill(&doc, 0..doc.words.len(), &mut work.buf);
                lex.guide.clone_from(&e.lex.guide);
                Some(lex)
            } else {
                None
            };
            let lex = lex.as_ref().unwrap_or(&e.lex);
            let (er, st) = train_sentence(
                &mut at,
                &mut lt,
                lex,
                e,
                explore.then_some(opts.explore_prob),
                &mut rng,
                &mut work.state,
                &mut gold_feats,
                &mut guesses,
            );
            errors += er;
            steps += st;
            if let Some(rt) = rt.as_mut() {
                train_relabel(
                    rt,
                    lex,
                    e,
                    &guesses,
                    &mut work.state,
                    &mut siblings,
                    &mut gold_feats,
                );
            }
        }
        let aw = at.average();
        let lw = lt.average();
        let rw = rt.as_ref().map(Trainer::average);
        let rs = rw.as_ref().map(SparseWeights::from);
        let (actions, labels) = (ActionTable::new(&aw), SparseWeights::from(&lw));
        let (uas, las, per_file) = evaluate(
            &actions,
            &labels,
            rs.as_ref(),
            data.univ,
            dev,
            opts.dev.len(),
            &mut work,
        );
        // What the relabeller adds, measured on the same trees.
        let without = match rs {
            Some(_) => {
                let (_, las0, _) = evaluate(
                    &actions,
                    &labels,
                    None,
                    data.univ,
                    dev,
                    opts.dev.len(),
                    &mut work,
                );
                format!(" ({las0:.4} without the relabeller)")
            }
            None => String::new(),
        };
        let per: Vec<String> = opts
            .dev
            .iter()
            .zip(per_file.chunks(2))
            .map(|(p, s)| {
                let name = p
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                format!("{name} UAS {:.4} LAS {:.4}", s[0], s[1])
            })
            .collect();
        eprintln!(
            "parser: seed {seed} epoch {epoch}: train action error {:.4}, dev UAS {uas:.4} LAS {las:.4}{without} [{}], {} + {} rows, {:.1}s",
            errors as f64 / steps.max(1) as f64,
            per.join("; "),
            aw.rows(),
            lw.rows(),
            te.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|b| las > b.las) || dev.is_empty() {
            best = Some(Run {
                epoch,
                las,
                actions: aw,
                labels: lw,
                relabels: rw,
            });
        }
    }
    // At least one epoch ran, so there is a best one; the fallback is never built.
    best.unwrap_or_else(|| Run {
        epoch: 0,
        las: 0.0,
        actions: at.average(),
        labels: lt.average(),
        relabels: rt.as_ref().map(Trainer::average),
    })
}

fn round4(x: f64) -> serde_json::Value {
    serde_json::json!((x * 10000.0).round() / 10000.0)
}

fn coin(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// One pass over one sentence. Returns (action errors, transitions).
///
/// At each step the model's best valid transition is compared with the best-scoring transition
/// of least cost (the dynamic oracle); if the prediction costs more, the perceptron moves towards
/// the cheap one. The parser then follows the cheap transition, or, when exploring, its own
/// prediction, so it also sees the states its own mistakes lead to.
#[allow(clippy::too_many_arguments)]
fn train_sentence(
    at: &mut Trainer,
    lt: &mut Trainer,
    lex: &Lex,
    e: &Example,
    explore: Option<f64>,
    rng: &mut Rng,
    st: &mut State,
    feats: &mut Vec<u64>,
    guesses: &mut Vec<u16>,
) -> (usize, usize) {
    st.reset(e.heads.len());
    guesses.clear();
    guesses.resize(e.heads.len(), NO_LABEL);
    let (mut errors, mut steps) = (0, 0);
    while !st.is_final() {
        action_feats(st, lex, feats);
        let mut s = [0f32; N_ACTIONS];
        at.scores(feats, &mut s);
        let pred = best_valid(st, &s);
        let costs = st.costs(&e.heads);
        let min = costs.iter().copied().min().unwrap_or(0);
        let mut gold = usize::MAX;
        for a in 0..N_ACTIONS {
            if costs[a] == min && (gold == usize::MAX || s[a] > s[gold]) {
                gold = a;
            }
        }
        if costs[pred] > min {
            at.update(feats, gold, pred);
            errors += 1;
        }
        at.tick();
        steps += 1;
        let follow = match explore {
            Some(p) if coin(rng) < p => pred,
            _ => gold,
        };
        let mut label = NO_LABEL;
        if follow == LEFT || follow == RIGHT {
            let (h, d) = st.arc_of(follow);
            label_feats(st, lex, follow, feats);
            let g = e.labels[d as usize];
            if e.heads[d as usize] == h && g != NO_LABEL {
                let guess = lt.learn(feats, g as usize) as u16;
                guesses[d as usize] = guess;
                label = if explore.is_some() && coin(rng) < 0.5 {
                    guess
                } else {
                    g
                };
            } else {
                label = lt.predict(feats) as u16;
                guesses[d as usize] = label;
            }
        }
        st.apply(follow, label);
    }
    (errors, steps)
}

/// One relabeller update per correctly attached word of the tree `train_sentence` left in
/// `st`, with the relations the label classifier guessed (the tree was built with gold ones
/// half the time, which the relabeller would otherwise learn to copy).
fn train_relabel(
    rt: &mut Trainer,
    lex: &Lex,
    e: &Example,
    guesses: &[u16],
    st: &mut State,
    siblings: &mut Siblings,
    feats: &mut Vec<u64>,
) {
    st.label.copy_from_slice(guesses);
    siblings.fill(st);
    for d in 0..st.n {
        let g = e.labels[d];
        if st.head[d] == NONE || st.head[d] != e.heads[d] || g == NO_LABEL || lex.is_punct(d as u32)
        {
            continue;
        }
        relabel_feats(st, lex, siblings, d as u32, feats);
        rt.learn(feats, g as usize);
    }
}

/// UAS and LAS (universal part of the relation, as `score_ud.py` counts it) over all dev
/// examples, then [UAS, LAS] per file.
fn evaluate(
    aw: &ActionTable,
    lw: &SparseWeights,
    rw: Option<&SparseWeights>,
    univ: &[String],
    dev: &[Example],
    n_files: usize,
    work: &mut Work,
) -> (f64, f64, Vec<f64>) {
    let mut per = vec![[0usize; 3]; n_files.max(1)];
    for e in dev {
        work.lex.clone_from(&e.lex);
        // Epochs are chosen on the classifiers alone: the settled relations are added after.
        parse_lex(
            aw,
            lw,
            rw,
            &CertainLabels::default(),
            punct_index(univ),
            None,
            work,
        );
        let st = &work.state;
        let c = &mut per[e.file.min(n_files.saturating_sub(1))];
        for i in 0..e.heads.len() {
            c[2] += 1;
            if st.head[i] == e.heads[i] {
                c[0] += 1;
                let ok = e.heads[i] == NONE || univ.get(st.label[i] as usize) == Some(&e.univ[i]);
                c[1] += usize::from(ok);
            }
        }
    }
    let tot = per
        .iter()
        .fold([0usize; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
    let r = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let per_file = per
        .iter()
        .flat_map(|c| [r(c[0], c[2]), r(c[1], c[2])])
        .collect();
    (r(tot[0], tot[2]), r(tot[1], tot[2]), per_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Why: the guide trains on sentences in its reading order, and its trees come back in
    /// text order through the same order: both directions must keep every arc.
    #[test]
    fn a_sentence_read_backwards_keeps_its_tree() {
        let text = "1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tresume\tresume\tVERB\tVBP\t_\t0\troot\t_\t_\n3\tsoon\tsoon\tADV\tRB\t_\t2\tadvmod\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let s = &dateline_conllu::read(text.as_bytes(), &PathBuf::from("t")).unwrap()[0];
        let (r, order) = in_guide_order(s);
        assert_eq!(order, vec![2, 1, 0, 3]);
        let forms: Vec<&str> = r.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["soon", "resume", "Talks", "."]);
        let heads: Vec<usize> = r.words.iter().map(|w| w.head).collect();
        assert_eq!(heads, [2, 0, 2, 2]);
        // Back to text order: each word's head is where it was.
        for (j, &k) in order.iter().enumerate() {
            let h = r.words[j].head;
            let back = if h == 0 { 0 } else { order[h - 1] + 1 };
            assert_eq!(back, s.words[k].head);
        }
    }
}
