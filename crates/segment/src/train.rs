//! Training the sentence boundary classifier on UD treebanks.
//!
//! Each training document's raw text (sentences joined by a space, paragraphs by a blank line,
//! as `dateline eval ud` feeds the pipeline) is segmented by the rules; every gap the classifier
//! would decide becomes one example, labelled by whether a gold sentence ends at that token's
//! end. Only training files are read: the epochs are fixed, not chosen on dev, so the dev sets
//! stay a fair measure of the whole pipeline.

use crate::boundary::{Context, ENDS, FEATURES};
use crate::{for_each_gap, sentences, GapDecision, Result, Segmenter};
use dateline_learn::{checksum_files, Header, ModelFile, Rng, Trainer};
use std::collections::HashSet;
use std::path::PathBuf;

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// CoNLL-U training files.
    pub train: Vec<PathBuf>,
    /// Passes over the examples.
    pub epochs: u32,
    /// Seed for shuffling; the same seed and data give the same model.
    pub seed: u64,
    /// Rows whose largest averaged weight is below this are dropped from the model.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            train: vec![],
            epochs: 5,
            seed: 1,
            prune: 0.05,
        }
    }
}

/// Trains the boundary classifier; the model's header records the data and its checksum.
pub fn train(opts: &TrainOptions) -> Result<ModelFile> {
    let rules = Segmenter::rules_only();
    let mut examples: Vec<(Vec<u64>, bool)> = Vec::new();
    for path in &opts.train {
        let docs = dateline_conllu::documents(dateline_conllu::read_file(path)?);
        for d in docs {
            let gold: HashSet<usize> = d.sentence_spans.iter().map(|s| s.end).collect();
            let (spans, paragraphs) = rules.tokens(&d.text);
            let splitter = sentences::Splitter {
                text: &d.text,
                tokens: &spans,
                lists: &rules.lists,
            };
            let (mut cands, mut ctx, mut feats) = (Vec::new(), Context::default(), Vec::new());
            for p in paragraphs.iter().filter(|p| !p.is_empty()) {
                cands.clear();
                splitter.candidates(p.start, p.end, &mut cands);
                for_each_gap(
                    &splitter,
                    p.clone(),
                    &cands,
                    &mut ctx,
                    &mut feats,
                    |i, g| {
                        if let GapDecision::Classify(f, _) = g {
                            examples.push((f.to_vec(), gold.contains(&spans[i].end)));
                        }
                    },
                );
            }
        }
    }
    let mut t = Trainer::new(2);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (f, ends) = &examples[k];
            t.learn(f, if *ends { ENDS } else { 1 - ENDS });
        }
    }
    let mut w = t.average();
    w.prune(opts.prune);
    Ok(ModelFile {
        header: Header {
            kind: "segmenter".into(),
            features: FEATURES.into(),
            data: opts.train.iter().map(|p| p.display().to_string()).collect(),
            data_checksum: checksum_files(&opts.train)?,
            seed: opts.seed,
            epochs: opts.epochs,
            ..Default::default()
        },
        sections: vec![("weights".into(), w.to_bytes())],
    })
}
