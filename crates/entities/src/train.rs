//! `dateline train ner`: learn the mention tagger from the entity sets in `../shared/data/ner`.

use crate::features::{extract, sentence_infos, Scratch, WordInfo};
use crate::gazetteer;
use crate::tagger::{best_valid, decode, labels_of, spans, N_LABELS, START, TYPES};
use crate::{Error, Result, FEATURES};
use dateline_learn::{checksum_files, Header, ModelFile, Rng, Trainer, Weights};
use std::path::{Path, PathBuf};

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// NER JSONL training files (`id`, `text`, `tokens`, `entities` with code point spans).
    pub train: Vec<PathBuf>,
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
}

impl Default for TrainOptions {
    /// The standard recipe, with paths relative to the repository root: GUM and Wikigold train,
    /// the three dev sets, the shipped tagger.
    fn default() -> Self {
        let ner = Path::new("../shared/data/ner");
        TrainOptions {
            train: vec![
                ner.join("gum-train.jsonl"),
                ner.join("wikigold-train.jsonl"),
            ],
            dev: vec![
                ner.join("uner_ewt-dev.jsonl"),
                ner.join("gum-dev.jsonl"),
                ner.join("wikigold-dev.jsonl"),
            ],
            epochs: 12,
            seed: 1,
            prune: 0.5,
            tagger: PathBuf::from("models/tagger.dlm"),
        }
    }
}

/// One training or dev sentence: gold words, predicted tags, gold spans over the words.
pub(crate) struct Sentence {
    pub forms: Vec<String>,
    pub tags: Vec<(&'static str, &'static str)>,
    pub gold: Vec<(usize, usize, usize)>,
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
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let tags = tagger
            .tag_words(&refs)
            .into_iter()
            .map(|(u, x)| (u.as_str(), x))
            .collect();
        out.push(Sentence { forms, tags, gold });
    }
    Ok(out)
}

fn infos_of(s: &Sentence, scratch: &mut Scratch) -> Vec<WordInfo> {
    let forms: Vec<&str> = s.forms.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    sentence_infos(&forms, &s.tags, gazetteer::shared(), scratch, &mut out);
    out
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

fn score(weights: &Weights, sents: &[Sentence], infos: &[Vec<WordInfo>]) -> Counts {
    let mut c = Counts::default();
    let mut s = Scratch::default();
    let mut labels = Vec::new();
    for (sent, inf) in sents.iter().zip(infos) {
        decode(weights, inf, &mut labels, &mut s);
        let pred = spans(&labels);
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
    for p in &opts.train {
        train.extend(read_ner(p, &tagger)?);
    }
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
    let train_infos: Vec<Vec<WordInfo>> = train.iter().map(|s| infos_of(s, &mut scratch)).collect();
    let train_gold: Vec<Vec<usize>> = train
        .iter()
        .map(|s| labels_of(s.forms.len(), &s.gold))
        .collect();
    let dev_infos: Vec<Vec<Vec<WordInfo>>> = dev
        .iter()
        .map(|(_, d)| d.iter().map(|s| infos_of(s, &mut scratch)).collect())
        .collect();

    let mut trainer = Trainer::new(N_LABELS);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, u32, Weights)> = None;
    let mut feats = Vec::new();
    let mut scores = vec![0f32; N_LABELS];
    for epoch in 1..=opts.epochs {
        let started = std::time::Instant::now();
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let ws = &train_infos[si];
            let g = &train_gold[si];
            let (mut p1, mut p2) = (START[0], START[1]);
            let mut prev = None;
            for (i, &gold) in g.iter().enumerate() {
                extract(ws, i, p1, p2, &mut feats);
                scores.iter_mut().for_each(|x| *x = 0.0);
                trainer.scores(&feats, &mut scores);
                let guess = best_valid(&scores, prev, i + 1 == ws.len());
                trainer.update(&feats, gold, guess);
                trainer.tick();
                right += (guess == gold) as usize;
                total += 1;
                prev = Some(guess);
                p2 = p1;
                p1 = guess as u64;
            }
        }
        let weights = trainer.average();
        let f1s: Vec<f64> = dev
            .iter()
            .zip(&dev_infos)
            .map(|((_, d), inf)| score(&weights, d, inf).f1(None))
            .collect();
        let mean = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
        eprintln!(
            "ner: epoch {epoch}: train {:.4}, dev F1 {} mean {mean:.4} ({:.0}s)",
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
    let Some((_, epoch, mut weights)) = best else {
        return Err(Error::Incompatible {
            name: "training".into(),
            reason: "no epochs were run (--epochs 0)".into(),
        });
    };
    let rows = weights.rows();
    weights.prune(opts.prune);
    let mut dev_score = serde_json::Map::new();
    for ((p, d), inf) in dev.iter().zip(&dev_infos) {
        let c = score(&weights, d, inf);
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
    eprintln!(
        "ner: kept epoch {epoch}; pruned {rows} -> {} rows",
        weights.rows()
    );
    let labels: String = TYPES.iter().map(|t| format!("{}\n", t.as_str())).collect();
    Ok(ModelFile {
        header: Header {
            kind: "ner".into(),
            features: FEATURES.into(),
            data: opts.train.iter().map(|p| p.display().to_string()).collect(),
            data_checksum: checksum_files(&opts.train)?,
            dev_score,
            seed: opts.seed,
            epochs: epoch,
            ..Default::default()
        },
        sections: vec![
            ("weights".into(), weights.to_bytes()),
            ("types".into(), labels.into_bytes()),
        ],
    })
}
