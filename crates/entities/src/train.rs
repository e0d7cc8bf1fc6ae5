//! `dateline train ner`: learn the mention tagger from the entity sets in `../shared/data/ner`.

use crate::features::{extract, sentence_infos, DocStats, Scratch, WordInfo};
use crate::gazetteer;
use crate::spans::{classify, span_features, Elsewhere, NONE};
use crate::tagger::{best_valid, decode, labels_of, parts, spans, N_LABELS, START, TYPES};
use crate::{Error, Result, FEATURES};
use dateline_learn::{checksum_files, Feat, Header, ModelFile, Rng, Trainer, Weights};
use std::path::{Path, PathBuf};

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// NER JSONL training files (`id`, `text`, `tokens`, `entities` with code point spans).
    pub train: Vec<PathBuf>,
    /// How many times each file of `train` is seen per epoch, in the same order (a missing
    /// entry is 1, 0 leaves the file out): the only web-text set is small next to GUM and Wikigold, and repeating it
    /// weighs it up without changing the other sets.
    pub repeats: Vec<usize>,
    /// NER JSONL dev files: the epoch with the best mean PER/ORG/LOC F1 over them is kept.
    pub dev: Vec<PathBuf>,
    /// Most epochs to run.
    pub epochs: u32,
    /// Seed for shuffling; the same seed and data give the same model.
    pub seed: u64,
    /// Rows whose largest averaged weight is below this are dropped from the model.
    pub prune: f32,
    /// The shipped tagger, used to tag the training sentences as the pipeline tags at run time.
    pub tagger: PathBuf,
    /// Epochs of the two jackknife taggers that find the span typer's training spans.
    pub jackknife_epochs: u32,
    /// Most epochs of the span typer; the best on dev is kept.
    pub typer_epochs: u32,
    /// Every `case_every`-th training sentence is also added in lower case, and the one after
    /// it in capitals (web text writes names both ways); 0 turns this off.
    pub case_every: usize,
    /// How many models (seeds `seed`, `seed + 1`, ...) are trained and averaged into the one
    /// shipped, each of its two classifiers with its own kind (parameter mixing). One model's
    /// dev figures (the whole pipeline, `dateline eval ner`) move by points from seed to seed:
    /// seeds 1-8 gave GUM dev F1 71.17-75.51 (mean 73.86) and Wikigold 63.66-72.69 (mean
    /// 69.24); the shipped model is seed 3, the best of them on the two together. Four mixed
    /// (seeds 1-4, 3-6, 5-8) gave 74.35-74.96 and 68.91-69.88: steadier, a mean no higher,
    /// so the shipped recipe stays at one. Neither did tags nearer to run-time's help: with
    /// the training sets tagged by a tagger that had not seen GUM train, seeds 1-8 gave means
    /// of 73.73 and 69.71.
    pub mix: u32,
}

impl Default for TrainOptions {
    /// The standard recipe, with paths relative to the repository root: GUM and Wikigold train
    /// and UNER EWT dev (the only web text; its figure is measured by cross-validation, `dateline
    /// train ner --cv 5`), GUM and Wikigold dev to pick the epochs, the shipped tagger.
    fn default() -> Self {
        let ner = Path::new("../shared/data/ner");
        TrainOptions {
            train: vec![
                ner.join("gum-train.jsonl"),
                ner.join("wikigold-train.jsonl"),
                ner.join(UNER),
            ],
            repeats: vec![1, 1, UNER_REPEATS],
            dev: vec![ner.join("gum-dev.jsonl"), ner.join("wikigold-dev.jsonl")],
            epochs: 12,
            seed: 1,
            prune: 0.5,
            tagger: PathBuf::from("models/tagger.dlm"),
            case_every: 10,
            jackknife_epochs: 5,
            typer_epochs: 8,
            mix: 1,
        }
    }
}

/// Index of MISC in [`TYPES`].
const MISC: usize = 3;

/// The web-text entity set: trained on by the shipped model, cross-validated for its figure.
pub const UNER: &str = "uner_ewt-dev.jsonl";

/// How many times the web-text set is seen per epoch by default (see [`TrainOptions::repeats`]).
pub const UNER_REPEATS: usize = 2;

/// One training or dev sentence: gold words, predicted tags, gold spans over the words.
pub(crate) struct Sentence {
    /// The document the sentence belongs to (the record's `doc`, else its `id`).
    pub doc: String,
    pub forms: Vec<String>,
    pub tags: Vec<(&'static str, &'static str)>,
    pub gold: Vec<(usize, usize, usize)>,
    /// Does the set annotate MISC? UNER has only PER, ORG and LOC, so an unmarked word there
    /// may still be a MISC name: training takes no MISC guess there as a mistake.
    pub misc: bool,
}

/// Reads a NER JSONL file into sentences tagged by `tagger`.
pub(crate) fn read_ner(path: &Path, tagger: &dateline_tag::Tagger) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let bad = |line: usize, reason: String| Error::Data {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: serde_json::Value =
            serde_json::from_str(line).map_err(|e| bad(n + 1, e.to_string()))?;
        let t = r["text"].as_str().unwrap_or("");
        // Code point -> byte offsets.
        let mut byte_of: Vec<usize> = t.char_indices().map(|(b, _)| b).collect();
        byte_of.push(t.len());
        let span = |v: &serde_json::Value| -> Option<(usize, usize)> {
            let s = v.get(0)?.as_u64()? as usize;
            let e = v.get(1)?.as_u64()? as usize;
            Some((s, e))
        };
        let mut forms = Vec::new();
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        for tok in r["tokens"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let (s, e) = span(tok).ok_or_else(|| bad(n + 1, "bad token span".into()))?;
            let (bs, be) = (byte_of.get(s).copied(), byte_of.get(e).copied());
            let (Some(bs), Some(be)) = (bs, be) else {
                return Err(bad(n + 1, "token span outside the text".into()));
            };
            forms.push(t[bs..be].to_string());
            starts.push(s);
            ends.push(e);
        }
        let mut gold = Vec::new();
        for e in r["entities"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let (s, en) = span(&e["span"]).ok_or_else(|| bad(n + 1, "bad entity span".into()))?;
            let ty = e["type"].as_str().unwrap_or("");
            let Some(ti) = TYPES.iter().position(|x| x.as_str() == ty) else {
                continue;
            };
            let ws = starts.iter().position(|&x| x == s);
            let we = ends.iter().position(|&x| x == en);
            if let (Some(ws), Some(we)) = (ws, we) {
                if we >= ws {
                    gold.push((ws, we + 1, ti));
                }
            }
        }
        let doc = r["doc"]
            .as_str()
            .or(r["id"].as_str())
            .unwrap_or("")
            .to_string();
        out.push(sentence(doc, forms, gold, tagger));
    }
    // A set without a single MISC name does not annotate MISC.
    let misc = out.iter().any(|s| s.gold.iter().any(|g| g.2 == MISC));
    out.iter_mut().for_each(|s| s.misc = misc);
    Ok(out)
}

fn sentence(
    doc: String,
    forms: Vec<String>,
    gold: Vec<(usize, usize, usize)>,
    tagger: &dateline_tag::Tagger,
) -> Sentence {
    let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let tags = tagger
        .tag_words(&refs)
        .into_iter()
        .map(|(u, x)| (u.as_str(), x))
        .collect();
    Sentence {
        doc,
        forms,
        tags,
        gold,
        misc: true,
    }
}

/// Lower-case and all-capitals copies of some sentences, each set in its own document.
fn case_copies(sents: &[Sentence], every: usize, tagger: &dateline_tag::Tagger) -> Vec<Sentence> {
    let mut out = Vec::new();
    if every == 0 {
        return out;
    }
    for (k, s) in sents.iter().enumerate() {
        let (suffix, f): (&str, fn(&str) -> String) = match k % every {
            0 => ("#lower", |w| w.to_lowercase()),
            1 => ("#upper", |w| w.to_uppercase()),
            _ => continue,
        };
        let forms = s.forms.iter().map(|w| f(w)).collect();
        let mut copy = sentence(format!("{}{suffix}", s.doc), forms, s.gold.clone(), tagger);
        copy.misc = s.misc;
        out.push(copy);
    }
    out
}

/// Word infos of every sentence, with the document statistics of its document.
fn infos_of(sents: &[Sentence], scratch: &mut Scratch) -> Vec<Vec<WordInfo>> {
    let mut by_doc: rustc_hash::FxHashMap<&str, DocStats> = Default::default();
    for s in sents {
        by_doc
            .entry(s.doc.as_str())
            .or_default()
            .add(s.forms.iter().map(String::as_str));
    }
    sents
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            let mut out = Vec::new();
            let stats = &by_doc[s.doc.as_str()];
            sentence_infos(
                &forms,
                &s.tags,
                gazetteer::shared(),
                stats,
                scratch,
                &mut out,
            );
            out
        })
        .collect()
}

/// Per-type (tp, predicted, gold) counts over PER, ORG, LOC.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts([[usize; 3]; 3]);

impl Counts {
    pub fn f1(&self, t: Option<usize>) -> f64 {
        let (tp, p, g) = match t {
            Some(t) => (self.0[t][0], self.0[t][1], self.0[t][2]),
            None => self
                .0
                .iter()
                .fold((0, 0, 0), |a, c| (a.0 + c[0], a.1 + c[1], a.2 + c[2])),
        };
        if tp == 0 {
            return 0.0;
        }
        let (pr, rc) = (tp as f64 / p as f64, tp as f64 / g as f64);
        2.0 * pr * rc / (pr + rc)
    }
}

/// The spans a tagger finds in each sentence, retyped (or dropped) by the span typer if given;
/// `docs` names each sentence's document, whose other spans the typer reads.
fn predict(
    weights: &Weights,
    typer: Option<&Weights>,
    infos: &[Vec<WordInfo>],
    docs: &[&str],
) -> Vec<Vec<(usize, usize, usize)>> {
    let mut s = Scratch::default();
    let mut labels = Vec::new();
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let mut found: Vec<Vec<(usize, usize, usize)>> = infos
        .iter()
        .map(|inf| {
            decode(weights, inf, false, &mut labels, &mut s);
            spans(&labels)
        })
        .collect();
    let Some(typer) = typer else {
        return found;
    };
    let ids = span_ids(&found);
    let elsewhere = elsewhere_by_doc(infos, docs, &found, &ids);
    for (k, sp) in found.iter_mut().enumerate() {
        let inf = &infos[k];
        let (lower, exact) = hashes(inf);
        let mut j = 0;
        sp.retain_mut(|x| {
            let own = ids[k] + j;
            j += 1;
            let occ = elsewhere
                .get(docs.get(k).copied().unwrap_or(""))
                .map_or(&[][..], |e| e.of(inf, x.0, x.1));
            span_features(
                inf,
                &lower,
                &exact,
                gazetteer::shared(),
                x.0,
                x.1,
                x.2,
                occ,
                own,
                &mut feats,
            );
            x.2 = classify(typer, &feats, &mut scores);
            x.2 != NONE
        });
    }
    found
}

/// The id of each sentence's first span: spans are numbered in order across all sentences.
fn span_ids(found: &[Vec<(usize, usize, usize)>]) -> Vec<usize> {
    let mut next = 0;
    found
        .iter()
        .map(|sp| {
            let id = next;
            next += sp.len();
            id
        })
        .collect()
}

/// Every document's spans, by name, for the typer.
fn elsewhere_by_doc<'a>(
    infos: &[Vec<WordInfo>],
    docs: &[&'a str],
    found: &[Vec<(usize, usize, usize)>],
    ids: &[usize],
) -> rustc_hash::FxHashMap<&'a str, Elsewhere> {
    let mut out: rustc_hash::FxHashMap<&str, Elsewhere> = Default::default();
    for (k, sp) in found.iter().enumerate() {
        let e = out.entry(docs.get(k).copied().unwrap_or("")).or_default();
        e.add_sentence(&infos[k], sp, ids[k]);
    }
    out
}

fn hashes(inf: &[WordInfo]) -> (Vec<u64>, Vec<u64>) {
    (
        inf.iter().map(|w| w.lower).collect(),
        inf.iter().map(|w| w.form).collect(),
    )
}

fn score(
    weights: &Weights,
    typer: Option<&Weights>,
    sents: &[Sentence],
    infos: &[Vec<WordInfo>],
) -> Counts {
    let mut c = Counts::default();
    let docs: Vec<&str> = sents.iter().map(|s| s.doc.as_str()).collect();
    for (sent, pred) in sents.iter().zip(predict(weights, typer, infos, &docs)) {
        for &(a, b, t) in &pred {
            if t < 3 {
                c.0[t][1] += 1;
                if sent.gold.contains(&(a, b, t)) {
                    c.0[t][0] += 1;
                }
            }
        }
        for &(_, _, t) in &sent.gold {
            if t < 3 {
                c.0[t][2] += 1;
            }
        }
    }
    c
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Trains the mention tagger; progress goes to stderr. Returns the model file to save.
pub fn train(opts: &TrainOptions) -> Result<ModelFile> {
    let tagger_model = ModelFile::load(&opts.tagger)?;
    let tagger =
        dateline_tag::Tagger::from_model(&tagger_model, &opts.tagger.display().to_string())?;
    let mut train = Vec::new();
    // How many times each sentence is seen per epoch.
    let mut repeats = Vec::new();
    for (k, p) in opts.train.iter().enumerate() {
        let r = opts.repeats.get(k).copied().unwrap_or(1);
        if r == 0 {
            continue;
        }
        let sents = read_ner(p, &tagger)?;
        repeats.extend(std::iter::repeat_n(r, sents.len()));
        train.extend(sents);
    }
    let copies = case_copies(&train, opts.case_every, &tagger);
    train.extend(copies);
    repeats.resize(train.len(), 1);
    let mut dev = Vec::new();
    for p in &opts.dev {
        dev.push((p.clone(), read_ner(p, &tagger)?));
    }
    eprintln!(
        "ner: {} training sentences, {} dev sets",
        train.len(),
        dev.len()
    );
    let mut scratch = Scratch::default();
    let train_infos = infos_of(&train, &mut scratch);
    let train_gold: Vec<Vec<usize>> = train
        .iter()
        .map(|s| labels_of(s.forms.len(), &s.gold))
        .collect();
    let dev_infos: Vec<Vec<Vec<WordInfo>>> =
        dev.iter().map(|(_, d)| infos_of(d, &mut scratch)).collect();
    let data = Data {
        train: &train,
        repeats: &repeats,
        infos: &train_infos,
        gold: &train_gold,
        dev: &dev,
        dev_infos: &dev_infos,
    };

    // One model per seed (in parallel); their weights are averaged (parameter mixing).
    let mix = u64::from(opts.mix.max(1));
    let runs: Vec<Option<Run>> = std::thread::scope(|sc| {
        let data = &data;
        let handles: Vec<_> = (0..mix)
            .map(|k| sc.spawn(move || train_one(opts, opts.seed.wrapping_add(k), data)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let Some(runs) = runs.into_iter().collect::<Option<Vec<Run>>>() else {
        return Err(Error::Incompatible {
            name: "training".into(),
            reason: "no epochs were run (--epochs 0)".into(),
        });
    };
    // The header's epoch is the first seed's.
    let epoch = runs.first().map_or(0, |r| r.epoch);
    let rows = runs.first().map_or(0, |r| r.rows);
    let (weights, typer) = if runs.len() == 1 {
        let mut runs = runs;
        let r = runs.remove(0);
        (r.tagger, r.typer)
    } else {
        let mean = |pick: fn(&Run) -> &Weights| {
            let mut w =
                Weights::mean(&runs.iter().map(pick).collect::<Vec<_>>()).ok_or_else(|| {
                    Error::Incompatible {
                        name: "training".into(),
                        reason: "the mixed models differ in their classes".into(),
                    }
                })?;
            w.prune(opts.prune);
            Ok::<Weights, Error>(w)
        };
        (mean(|r| &r.tagger)?, mean(|r| &r.typer)?)
    };
    let mut dev_score = serde_json::Map::new();
    for ((p, d), inf) in dev.iter().zip(&dev_infos) {
        let c = score(&weights, Some(&typer), d, inf);
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut m = serde_json::Map::new();
        m.insert("f1".into(), round4(c.f1(None)).into());
        for (t, ty) in TYPES.iter().take(3).enumerate() {
            m.insert(ty.as_str().into(), round4(c.f1(Some(t))).into());
        }
        eprintln!("ner: {name}: {}", serde_json::Value::Object(m.clone()));
        dev_score.insert(name, m.into());
    }
    if opts.mix > 1 {
        eprintln!(
            "ner: {} seeds mixed (the first kept epoch {epoch}); {} rows",
            opts.mix,
            weights.rows()
        );
    } else {
        eprintln!(
            "ner: kept epoch {epoch}; pruned {rows} -> {} rows",
            weights.rows()
        );
    }
    let labels: String = TYPES.iter().map(|t| format!("{}\n", t.as_str())).collect();
    Ok(ModelFile {
        header: Header {
            kind: "ner".into(),
            features: FEATURES.into(),
            data: opts
                .train
                .iter()
                .enumerate()
                .map(|(k, p)| match opts.repeats.get(k) {
                    Some(&r) if r > 1 => format!("{} (x{r})", p.display()),
                    _ => p.display().to_string(),
                })
                .collect(),
            data_checksum: checksum_files(&opts.train)?,
            dev_score,
            seed: opts.seed,
            epochs: epoch,
            ..Default::default()
        },
        sections: vec![
            ("weights".into(), weights.to_bytes()),
            ("types".into(), labels.into_bytes()),
            ("spans".into(), typer.to_bytes()),
        ],
    })
}

/// The training and dev sentences with their word infos, as every seed's run reads them.
struct Data<'a> {
    train: &'a [Sentence],
    /// How many times each training sentence is seen per epoch.
    repeats: &'a [usize],
    infos: &'a [Vec<WordInfo>],
    gold: &'a [Vec<usize>],
    dev: &'a [(PathBuf, Vec<Sentence>)],
    dev_infos: &'a [Vec<Vec<WordInfo>>],
}

/// One seed's model: the mention tagger of its best dev epoch and the span typer trained
/// with it, both pruned.
struct Run {
    epoch: u32,
    /// The tagger's rows before pruning.
    rows: usize,
    tagger: Weights,
    typer: Weights,
}

/// Trains one model with `seed`; `None` when no epochs are run. Progress lines name the seed
/// when several are mixed.
fn train_one(opts: &TrainOptions, seed: u64, data: &Data) -> Option<Run> {
    let train = data.train;
    let who = if opts.mix > 1 {
        format!("ner: seed {seed}:")
    } else {
        "ner:".to_string()
    };
    let repeated = |keep: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..train.len())
            .filter(|&i| keep(i))
            .flat_map(|i| std::iter::repeat_n(i, data.repeats[i]))
            .collect()
    };
    // Jackknife: the spans that a tagger trained on the other half of the documents finds,
    // for training the span typer.
    let fold = |s: &Sentence| (Feat::hash_str(&s.doc) & 1) as usize;
    let mut cands: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); train.len()];
    for k in 0..2 {
        let mut t = Trainer::new(N_LABELS);
        let mut rng = Rng::new(seed + 1 + k as u64);
        let mut order = repeated(&|i| fold(&train[i]) != k);
        for _ in 0..opts.jackknife_epochs {
            tagger_epoch(&mut t, &mut rng, &mut order, data.infos, data.gold, train);
        }
        let w = t.average();
        let held: Vec<usize> = (0..train.len()).filter(|&i| fold(&train[i]) == k).collect();
        let inf: Vec<Vec<WordInfo>> = held.iter().map(|&i| data.infos[i].clone()).collect();
        for (i, sp) in held.iter().zip(predict(&w, None, &inf, &[])) {
            cands[*i] = sp;
        }
    }
    eprintln!("{who} jackknifed candidate spans for the span typer");

    let mut trainer = Trainer::new(N_LABELS);
    let mut rng = Rng::new(seed);
    let mut order = repeated(&|_| true);
    let mut best: Option<(f64, u32, Weights)> = None;
    for epoch in 1..=opts.epochs {
        let started = std::time::Instant::now();
        let (right, total) = tagger_epoch(
            &mut trainer,
            &mut rng,
            &mut order,
            data.infos,
            data.gold,
            train,
        );
        let weights = trainer.average();
        let f1s: Vec<f64> = data
            .dev
            .iter()
            .zip(data.dev_infos)
            .map(|((_, d), inf)| score(&weights, None, d, inf).f1(None))
            .collect();
        let mean = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
        eprintln!(
            "{who} epoch {epoch}: train {:.4}, dev F1 {} mean {mean:.4} ({:.0}s)",
            right as f64 / total.max(1) as f64,
            f1s.iter()
                .map(|f| format!("{f:.4}"))
                .collect::<Vec<_>>()
                .join(" "),
            started.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|b| mean > b.0) {
            best = Some((mean, epoch, weights));
        }
    }
    let (_, epoch, mut weights) = best?;
    let rows = weights.rows();
    weights.prune(opts.prune);
    let typer = train_typer(opts, seed, &who, data, &cands, &weights);
    Some(Run {
        epoch,
        rows,
        tagger: weights,
        typer,
    })
}

/// One epoch of the tagger over the sentences in `order` (shuffled first); returns (right,
/// total) labels.
fn tagger_epoch(
    trainer: &mut Trainer,
    rng: &mut Rng,
    order: &mut [usize],
    infos: &[Vec<WordInfo>],
    gold: &[Vec<usize>],
    sents: &[Sentence],
) -> (usize, usize) {
    let mut feats = Vec::new();
    let mut scores = vec![0f32; N_LABELS];
    rng.shuffle(order);
    let (mut right, mut total) = (0usize, 0usize);
    for &si in order.iter() {
        let ws = &infos[si];
        let (mut p1, mut p2) = (START[0], START[1]);
        let mut prev = None;
        for (i, &g) in gold[si].iter().enumerate() {
            extract(ws, i, p1, p2, &mut feats);
            scores.iter_mut().for_each(|x| *x = 0.0);
            trainer.scores(&feats, &mut scores);
            let guess = best_valid(&scores, prev, i + 1 == ws.len());
            // Where MISC is not annotated, a MISC guess on an unmarked word may be right.
            let unknown = !sents[si].misc && g == 0 && parts(guess).is_some_and(|p| p.0 == MISC);
            if !unknown {
                trainer.update(&feats, g, guess);
            }
            trainer.tick();
            right += (guess == g) as usize;
            total += 1;
            prev = Some(guess);
            p2 = p1;
            p1 = guess as u64;
        }
    }
    (right, total)
}

/// Trains the span typer on the jackknifed spans (a span that is not exactly a gold name is
/// "no name") and the gold spans; keeps the epoch with the best dev mean F1 together with
/// `tagger`.
fn train_typer(
    opts: &TrainOptions,
    seed: u64,
    who: &str,
    data: &Data,
    cands: &[Vec<(usize, usize, usize)>],
    tagger: &Weights,
) -> Weights {
    let (train, repeats, infos) = (data.train, data.repeats, data.infos);
    let (dev, dev_infos) = (data.dev, data.dev_infos);
    let gaz = gazetteer::shared();
    // The jackknifed spans of each document, as the typer reads them at run time.
    let docs: Vec<&str> = train.iter().map(|s| s.doc.as_str()).collect();
    let ids = span_ids(cands);
    let elsewhere = elsewhere_by_doc(infos, &docs, cands, &ids);
    // (sentence, start, end, tagger type, truth, span id)
    let mut inst: Vec<(usize, usize, usize, usize, usize, usize)> = Vec::new();
    for (si, s) in train.iter().enumerate() {
        for (j, &(a, b, t)) in cands[si].iter().enumerate() {
            let truth = s
                .gold
                .iter()
                .find(|g| g.0 == a && g.1 == b)
                .map_or(NONE, |g| g.2);
            inst.extend(std::iter::repeat_n(
                (si, a, b, t, truth, ids[si] + j),
                repeats[si],
            ));
        }
        for &(a, b, g) in &s.gold {
            if !cands[si].iter().any(|c| c.0 == a && c.1 == b) {
                inst.extend(std::iter::repeat_n(
                    (si, a, b, NONE, g, usize::MAX),
                    repeats[si],
                ));
            }
        }
    }
    let hashes: Vec<(Vec<u64>, Vec<u64>)> = infos.iter().map(|i| hashes(i)).collect();
    let mut trainer = Trainer::new(crate::spans::N_CLASSES);
    let mut rng = Rng::new(seed + 7);
    let mut feats = Vec::new();
    let mut best: Option<(f64, Weights)> = None;
    for epoch in 1..=opts.typer_epochs {
        rng.shuffle(&mut inst);
        let mut right = 0;
        for &(si, a, b, t, truth, id) in &inst {
            let (l, x) = &hashes[si];
            let occ = elsewhere
                .get(docs[si])
                .map_or(&[][..], |e| e.of(&infos[si], a, b));
            span_features(&infos[si], l, x, gaz, a, b, t, occ, id, &mut feats);
            let guess = trainer.predict(&feats);
            // Where MISC is not annotated, "no name" may be a MISC name.
            if train[si].misc || truth != NONE || guess != MISC {
                trainer.update(&feats, truth, guess);
            }
            trainer.tick();
            right += (guess == truth) as usize;
        }
        let w = trainer.average();
        let f1s: Vec<f64> = dev
            .iter()
            .zip(dev_infos)
            .map(|((_, d), inf)| score(tagger, Some(&w), d, inf).f1(None))
            .collect();
        let mean = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
        eprintln!(
            "{who} typer epoch {epoch}: train {:.4}, dev F1 {} mean {mean:.4}",
            right as f64 / inst.len().max(1) as f64,
            f1s.iter()
                .map(|f| format!("{f:.4}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        if best.as_ref().is_none_or(|b| mean > b.0) {
            best = Some((mean, w));
        }
    }
    let mut w = best.map(|b| b.1).unwrap_or_else(|| trainer.average());
    w.prune(opts.prune);
    w
}
