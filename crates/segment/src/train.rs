//! Training the sentence boundary classifier on UD treebanks.
//!
//! Each training document's raw text (sentences joined by a space, paragraphs by a blank line,
//! as `dateline eval ud` feeds the pipeline) is segmented by the rules; every gap the classifier
//! would decide becomes one example, labelled by whether a gold sentence ends at that token's
//! end. Only training files are read: the epochs are fixed, not chosen on dev, so the dev sets
//! stay a fair measure of the whole pipeline.
//!
//! Each document is read twice: as it is, and with every short paragraph run on into the next.
//! The treebanks put most greetings, signatures, headers and list items in paragraphs of their
//! own, where no gap is classified, while e-mail and web text runs them into the next sentence;
//! the second reading shows the classifier those ends. Several perceptrons, each over its own
//! shuffle of the examples, are averaged into the model, so it does not depend on one lucky or
//! unlucky order.

use crate::boundary::{Context, ENDS, FEATURES};
use crate::{for_each_gap, sentences, GapDecision, Result, Segmenter};
use dateline_learn::{checksum_files, Header, ModelFile, Rng, Trainer, Weights};
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
    /// Perceptrons averaged into the model, each trained on its own shuffle.
    pub models: u32,
    /// Rows whose largest averaged weight is below this are dropped from the model.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            train: vec![],
            epochs: 5,
            seed: 1,
            models: 8,
            prune: 0.5,
        }
    }
}

/// Trains the boundary classifier; the model's header records the data and its checksum.
pub fn train(opts: &TrainOptions) -> Result<ModelFile> {
    let rules = Segmenter::rules_only();
    let mut examples: Vec<(Vec<u64>, bool)> = Vec::new();
    for path in &opts.train {
        for d in dateline_conllu::documents(dateline_conllu::read_file(path)?) {
            let gold: HashSet<usize> = d.sentence_spans.iter().map(|s| s.end).collect();
            add_examples(&rules, &d.text, &gold, &mut examples);
            let merged = merge_short_paragraphs(&d.text);
            add_examples(&rules, &merged, &gold, &mut examples);
        }
    }
    let mut w = Weights::default();
    for m in 0..opts.models.max(1) {
        let model = train_one(&examples, opts.epochs, opts.seed + 1 + u64::from(m));
        w.add_scaled(&model, 1.0 / opts.models.max(1) as f32);
    }
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

/// Adds the classifier's examples from one document's text: every gap it would decide,
/// labelled by whether a gold sentence ends there.
fn add_examples(
    rules: &Segmenter,
    text: &str,
    gold: &HashSet<usize>,
    examples: &mut Vec<(Vec<u64>, bool)>,
) {
    let (spans, paragraphs) = rules.tokens(text);
    let splitter = sentences::Splitter {
        text,
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
                if let GapDecision::Classify(f) = g {
                    examples.push((f.to_vec(), gold.contains(&spans[i].end)));
                }
            },
        );
    }
}

/// Paragraphs of at most this many words run on into the next in the second reading of a
/// document: greetings, signatures, headers and list items.
const SHORT_PARAGRAPH: usize = 4;

/// `text` with the paragraph break (the blank line `dateline_conllu` puts between paragraphs)
/// after every short paragraph turned into spaces, byte for byte, so the gold offsets still
/// hold. Long paragraphs stay apart: a speaker's turn broken off with a dash is not how a
/// sentence ends inside a paragraph.
fn merge_short_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split("\n\n");
    let mut prev = parts.next().unwrap_or_default();
    out.push_str(prev);
    for part in parts {
        let short = prev.split_whitespace().count() <= SHORT_PARAGRAPH;
        out.push_str(if short { "  " } else { "\n\n" });
        out.push_str(part);
        prev = part;
    }
    out
}

/// One averaged perceptron over `examples`, shuffled anew each epoch from `seed`.
fn train_one(examples: &[(Vec<u64>, bool)], epochs: u32, seed: u64) -> Weights {
    let mut t = Trainer::new(2);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (f, ends) = &examples[k];
            t.learn(f, if *ends { ENDS } else { 1 - ENDS });
        }
    }
    t.average()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paragraphs_run_on_in_place() {
        let text = "Hi Mary,\n\nThe two files you asked for are attached.\n\nThanks";
        let merged = merge_short_paragraphs(text);
        assert_eq!(
            merged,
            "Hi Mary,  The two files you asked for are attached.\n\nThanks"
        );
        assert_eq!(merged.len(), text.len(), "gold offsets still hold");
    }
}
