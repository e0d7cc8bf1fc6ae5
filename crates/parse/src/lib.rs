//! The parse stage: adds a labelled dependency tree to every sentence of a tagged
//! [`dateline_document::Document`].
//!
//! Pipeline: segment -> tag -> **parse** -> entities -> coreference -> time -> quotes -> events.
//! The parser reads the words, the sentences and the pos layer (tags and lemmas) and returns the
//! deps layer: one [`dateline_document::Dep`] per word.
//!
//! - [`Parser`] loads a model ([`Parser::from_model`]) and parses documents ([`Parser::parse`]).
//! - [`train`] builds a model from Universal Dependencies treebanks ([`TrainOptions`]).
//!
//! # Algorithm
//!
//! A greedy transition-based parser, the well-trodden road for a fast parser without a GPU:
//!
//! - **Arc-hybrid transitions** (SHIFT, LEFT, RIGHT) with no artificial root token: the last word
//!   left on the stack is the root. Every transition sequence gives a well-formed tree (one root,
//!   no cycles) in `2n - 1` steps, so parsing is linear and cannot fail.
//! - **Two averaged perceptrons** from `dateline-learn`: one picks among the 3 transitions
//!   (120 Zhang & Nivre (2011)-style features: stack and buffer words, tags, lemmas, leftmost
//!   and rightmost children and their labels, distance, valency, label sets, punctuation and
//!   verbs in between, pairs and triples, and s1 and s2 as the heads RIGHT would give), and one
//!   labels the arc (~35 features of head, dependent and the dependent's finished subtree) only
//!   when an arc is made. A joint labelled classifier would score ~100 classes for every
//!   template at every step; splitting makes a step cost ~120 x 3 plus, once per word, ~35 x L
//!   (L = 48 relations).
//! - **Speed** is bound by weight lookups (~270 per word), so at load time the weights are
//!   re-laid out: the transition weights in cache-line buckets compared without branches, the
//!   label weights next to their keys (`table.rs`). The transition weights are 16-bit integers
//!   on one scale, eight rows to a cache line, so the 1.06 million rows take 16 MB and stay in
//!   this machine's 32 MB L3 cache. Against 32-bit floats four to a line (64 MB), in `dateline
//!   bench` runs on PolNeAR dev interleaved with the previous build, parsing took 4.43, 4.26 and
//!   4.45 s against 5.07, 4.79 and 4.64 s (with the sparse-weight layout of `dateline-learn`
//!   of the same change); under cachegrind, last-level read misses halved. From raw text 13
//!   of EWT dev's 25,148 words change head or relation and none of GUM's, the scores stay (EWT
//!   84.07/80.90, GUM 84.84/81.80), and peak memory fell from 280 to 232 MB. (Sixteen-bit floats six to a line, 32 MB, were slower than either:
//!   their compare and conversions did not vectorize.)
//!   The model file holds this table's used slots where they sit in memory
//!   ([`pack_actions`]), so loading the parser is one pass of copies: packing a million rows
//!   at load time had been the largest part of starting dateline (`dateline bench` model
//!   load, ten runs each interleaved with the build before: median 176 ms against 260 ms).
//!   Leaving the empty slots out of the file (table format 2) took the unguided parser from
//!   18.61 to 10.58 MB with the same parses, so the guided parser's two tables fit in the
//!   models' 30 MB. Lookups that cannot change the result are
//!   skipped: a transition with one valid choice (SHIFT on an empty stack, RIGHT once the
//!   buffer is empty) is not scored, and an arc to punctuation is `punct` without scoring.
//!   Nor is the relation of an arc whose type (both tags, side, dependent's word) the
//!   treebanks settle (`certain.rs`, 299 types at 99.5% or more over at least 50 arcs:
//!   "the" before a noun is `det`), about a third of the arcs. From raw text 25 of EWT dev's
//!   words and 21 of GUM's change relation, and the scores stay (LAS 80.90, 81.80); under
//!   cachegrind, segmenting, tagging and parsing GUM dev took 4.5% fewer instructions and 7%
//!   fewer first-level data misses. (Run apart from the label classifier, parsing PolNeAR
//!   dev took about half as long, but the arcs settled are mostly those whose weights sit in
//!   cache already; wall-clock runs could not tell the two builds apart on this machine.)
//! - **Dynamic oracle with error exploration** (Goldberg & Nivre 2012, 2013): training asks, in
//!   any state, which transitions lose no reachable gold arc, and after the first epoch follows
//!   the model's own (possibly wrong) prediction most of the time, so the model learns to act
//!   well after its own mistakes, which is where greedy parsers lose accuracy.
//! - Non-projective training trees (about 2.5% of EWT and GUM) are made projective by lifting
//!   each crossing arc to the head's head (799 arcs): the oracle is exact only for projective
//!   trees, and lifting keeps the rest of those long sentences for training instead of dropping
//!   them whole.
//! - Relations keep frequent subtypes (`nsubj:pass`, `acl:relcl`, `nmod:poss`, ...; at least
//!   50 occurrences in training); rare ones fall back to their universal part.
//! - **Punctuation context**: quotation marks and brackets between the two candidate words, and
//!   which side of an open quote or bracket each stands on, since a wrong head for punctuation
//!   is the most common single error.
//! - The shipped model learns from the tags it will see: the training trees carry jackknifed
//!   tagger output ([`TrainOptions::train_sentences`]), and the epoch is chosen on dev tagged by
//!   the shipped tagger ([`TrainOptions::dev_sentences`]). `dateline train parser` does both.
//! - **Parameter mixing**: four parsers, trained alike but for the seed that shuffles the data
//!   and drives exploration, are averaged into one ([`TrainOptions::mix`]). A greedy parser
//!   learns some accidents of its shuffle; the mean keeps what the four agree on. Same speed,
//!   and a smaller model, since rows they disagree on fall below the pruning threshold.
//! - **A guide reading backwards** (stacking, after Nivre & McDonald 2008; `guide.rs`): a
//!   greedy left-to-right parser decides each arc before it has seen the words to the right.
//!   So a first parser (the guide) reads each sentence backwards, with its final punctuation
//!   still last, and the shipped parser reads the guide's tree as 13 more transition features
//!   (does the guide make `b0` the head of `s0`, or `s1`; where does it put `s0`'s head; has
//!   `s0` dependents still to come in the buffer) and 3 more label features (the guide's
//!   relation when it agrees on the head). It parses every sentence twice. Trained by
//!   [`train_guided`]: the guided parser learns from training trees parsed by a jackknife of
//!   five guides that did not see them, so it trusts the guide as much as it deserves; the
//!   guide and the guided parser are both mixes of four, in one model file (the guide's
//!   sections under `guide.`). Measured with gold words and the shipped tagger's tags, one
//!   seed: UAS/LAS 85.51/82.39 alone, 86.14/82.92 guided (EWT 85.72/82.48 -> 86.03/82.77,
//!   GUM 85.32/82.30 -> 86.23/83.05). A guide reading plainly backwards was itself much
//!   worse (EWT dev UAS 80.3 against 83.5: the full stop came first, lay at the bottom of the
//!   stack and was too often left the root) but guided about as well (86.08/82.96), and
//!   five more guide features (its relations of `s0` and `b0`, its heads' tags, the distance
//!   to its heads) did not help (86.11/82.97). Yet a guide made weaker on purpose, with a
//!   third of the features, cost the guided parser about 0.25 on both sets, and a guide
//!   pruned harder at run time than in training cost 0.37 (EWT) and 0.25 (GUM) from raw text. EWT's web text is seen twice by the
//!   guided parser ([`TrainOptions::repeats`]; `dateline train parser` does it): EWT 86.03/82.77
//!   -> 86.44/83.18, GUM 86.23/83.05 -> 85.98/82.80 (three times: no better). Shipped, from
//!   raw text: EWT dev UAS/LAS 84.09/80.90 -> 84.54/81.34, GUM 84.85/81.81 -> 85.58/82.43.
//!   Parsing takes two to two and a half times as long (PolNeAR dev in `dateline bench` on
//!   an idle machine: 3.9-4.0 s against 1.6-1.9 s); the lookups in the two tables dominate.
//! - **A relabeller** (`relabel.rs`): the label classifier names each arc when it is made,
//!   before the head's later children exist, so in "give me the book" `me` is named before
//!   `book` is attached (`obj` or `iobj`?). Once the tree is finished, a second relation
//!   classifier reads what the first could not (the head's other children and their
//!   relations, the nearest siblings, the head's own relation and head) and its scores are
//!   added to the first's. It is trained beside the parser on the trees training builds,
//!   on the arcs whose head is right, with the first classifier's guesses as the other
//!   words' relations. It does not read the first classifier's relation for the arc itself:
//!   during training that comes from weights still moving and is the gold one half the time,
//!   so a relabeller that read it learnt to copy it (dev LAS unchanged, one seed). Summing
//!   the scores did better than replacing the relation (EWT/GUM raw-text LAS +0.12/+0.06
//!   against +0.06/-0.03, one seed). Shipped, pruned at 3 (0.68 MB): raw-text LAS EWT dev
//!   81.39 -> 81.46, GUM 82.43 -> 82.52; UAS unchanged (with the parser's relations then
//!   pruned at 3 too, to keep the file under 20 MiB: 84.59/81.48 and 85.58/82.46). Only the arcs the label classifier
//!   was unsure of are relabelled (13% of those it labels): relabelling every arc made
//!   parsing about a tenth slower for the same figures, and now `dateline bench` cannot tell
//!   the two builds apart (parse 3.6-3.9 s against 3.7-3.9 s, runs interleaved).
//! - **A lookahead where the classifier hesitates** ([`Lookahead`], after Choi & McCallum's
//!   (2013) selectional branching): where the best valid transition beats the runner-up by
//!   less than a margin, both are followed greedily for two more transitions, and the path
//!   with the larger summed log-probability (a softmax of the scores at a temperature) is
//!   kept. Both paths have taken as many transitions, so they compare as a beam's items do;
//!   the losing path's work is thrown away. Both the guide and the guided parser do it, each
//!   with values tuned on dev for its score scale, stored in the model file
//!   ([`add_lookahead`], [`MAIN_LOOKAHEAD`], [`GUIDE_LOOKAHEAD`]); training and its dev
//!   evaluations decode greedily, so `dateline train parser` trains as before. From raw text,
//!   EWT dev UAS/LAS 84.66/81.57 -> 85.07/81.98, GUM 85.57/82.45 -> 85.65/82.51; parsing
//!   PolNeAR dev took 4.19 and 4.62 s against 3.74 and 3.85 s greedily (`dateline bench`,
//!   runs interleaved; core 111k-122k tokens/s), and 5.10 and 5.27 s against 4.96 and 4.74 s
//!   on another occasion, when the host was slow for both (core 97k-100k, greedy 100k-105k). It forks at 3% of the
//!   scored steps (EWT dev: 2,445 of 78,985), takes the runner-up at one fork in five, and
//!   each fork costs three transitions that are thrown away. Measured on the way:
//!   - wider margins and windows of 4 gave about the same (85.01/81.92 and 85.74/82.60 with
//!     margins 35 and 20), forking more often and following more steps;
//!   - the guided parser alone, re-running the whole rest of the sentence from its K least
//!     certain steps: 84.90/81.83 (K = 1) and 84.95/81.89 (K = 5; 10 or 30 no better); with
//!     the guide at K = 1 too, parsing took 60% longer;
//!   - adding the label classifier's log-probabilities to the paths' scores lost 0.4;
//!   - training the guided parser on trees its jackknifed guides decoded with the lookahead
//!     (a full `dateline train parser`): 84.95/81.81 and 85.65/82.52, so training stays
//!     greedy.
//! - **A lexicon of modifiers** (`modifiers.rs`, [`add_modifiers`]): a word the training
//!   treebanks attach as `amod` or as `compound` at least 5 times, and at least 90% of those
//!   times the same way, takes that relation whenever the parser names it one of the two
//!   (the tagger's ADJ/NOUN confusions are what most often mislead it there). Learnt from
//!   the training files alone and stored in the model (17 KB), so `dateline train parser`
//!   rebuilds it. From raw text, EWT dev LAS 81.99 -> 82.02 (8 words right, none made
//!   wrong), GUM 82.51 -> 82.52 (4 right, 1 wrong); UAS unchanged. The thresholds are the
//!   middle of a grid measured on both dev sets (at least 3, 5 or 10 times; 80, 90 or 95%),
//!   where every setting gained on both: EWT 4-12 words right and none made wrong, GUM 3-7
//!   right and 1-2 wrong.
//! - **Paired punctuation**: when the two marks of a bracket or quotation pair come out with
//!   different heads, both are hung on the highest word between them, as UD does.
//! - **Datelines**: a sentence that starts with a news dateline ("BRASÍLIA (Wire) —",
//!   "NEW YORK, March 3 (AP) -") is parsed as two units, the dateline and the rest, and the
//!   dateline's root is attached to the root of the rest as `parataxis`. The treebanks keep
//!   datelines as sentences of their own, so glued to a sentence they would otherwise lure the
//!   parser into making the city the subject.
//!
//! Measured and left out (raw text, one seed, against the shipped design's 83.87/80.66 EWT and
//! 84.79/81.71 GUM UAS/LAS): an artificial ROOT that lets the parser keep several roots, trained
//! on runs of sentences without final punctuation so that it could cut web text the segmenter
//! ran together (branch `exp-root-split`: EWT 83.57/80.33, 9 of 143 missed boundaries found
//! against 38 more wrong cuts, 74 instead of 36); perceptron steps scaled by the oracle cost (83.53/80.13,
//! 84.51/81.36); features for the number of words left in the buffer (83.62/80.36,
//! 84.74/81.64).
//!
//! Also left out (raw text, one guided seed trained with the relabeller, against its EWT
//! 84.74/81.59 and GUM 85.40/82.34): training on run-on sentences too, each pair of training
//! sentences of one paragraph whose first lacks final punctuation run together as one with
//! the second root as `parataxis`, so the parser would meet what the segmenter runs
//! together (84.48/81.35, 85.31/82.20); and a reviser that, once the tree was finished,
//! could move each word to its head's head or a nearest sibling (the right head for 52% of
//! EWT dev's wrong ones), a ranker trained beside the parser on the trees training built
//! (84.77/81.61, 85.46/82.40, for 2.6 MB: training trees are nearly right by the late
//! epochs, so it learnt to leave words be; trained on the noisier trees of the first two or
//! four epochs only, it gained less or lost).
//!
//! ```
//! use dateline_document::{Document, PosTag, Segmentation, Sentence, Span, Token, Upos, Word};
//! use dateline_parse::{train, Parser, TrainOptions};
//! let treebank = "1\tDuarte\tDuarte\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";
//! let dir = std::env::temp_dir().join(format!("dateline-parse-doctest-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("tiny.conllu");
//! std::fs::write(&path, treebank).unwrap();
//! let opts = TrainOptions { train: vec![path.clone()], dev: vec![path], epochs: 3,
//!     prune: 0.0, prune_labels: 0.0, ..Default::default() };
//! let parser = Parser::from_model(&train(&opts).unwrap(), "tiny").unwrap();
//!
//! // A two-sentence invented article, tagged by hand.
//! let mut doc = Document::new("a1", "Duarte spoke. Reyes spoke");
//! let spans = [(0, 6), (7, 12), (14, 19), (20, 25)];
//! let mut seg = Segmentation::default();
//! for (i, &(s, e)) in spans.iter().enumerate() {
//!     seg.tokens.push(Token { span: Span::new(s, e), words: i..i + 1 });
//!     seg.words.push(Word { span: Span::new(s, e), token: i });
//! }
//! seg.sentences.push(Sentence { span: Span::new(0, 13), tokens: 0..2, words: 0..2 });
//! seg.sentences.push(Sentence { span: Span::new(14, 25), tokens: 2..4, words: 2..4 });
//! doc.set_segmentation(seg);
//! for (upos, xpos, lemma) in [(Upos::PROPN, "NNP", "Duarte"), (Upos::VERB, "VBD", "speak")].repeat(2) {
//!     doc.pos.push(PosTag { upos, xpos, lemma: lemma.into() });
//! }
//! let deps = parser.parse(&doc);
//! assert_eq!(deps[0].head, Some(1));
//! assert_eq!(deps[0].rel, "nsubj");
//! assert_eq!(deps[3].head, None);
//! assert_eq!(deps[2].head, Some(3), "heads are document-wide word indices");
//! ```
#![warn(missing_docs)]

mod certain;
mod dateline;
mod features;
mod guide;
mod modifiers;
mod pairs;
mod parser;
mod relabel;
mod system;
mod table;
mod train;

pub use modifiers::add_modifiers;
pub use parser::{add_lookahead, Lookahead, Parser, GUIDE_LOOKAHEAD, MAIN_LOOKAHEAD};
pub use train::{
    add_certain_labels, add_guide, pack_actions, train, train_guided, GuideOptions, TrainOptions,
};

/// Errors loading a parser model or training one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model file could not be read, or is corrupt or of another format version.
    #[error(transparent)]
    Model(#[from] dateline_learn::Error),
    /// A treebank file could not be read.
    #[error(transparent)]
    Treebank(#[from] dateline_conllu::Error),
    /// The model file holds another stage's model.
    #[error("{name}: this is a {kind} model, not a parser model: pass models/parser.dlm or run `dateline train parser`")]
    WrongKind {
        /// The model file.
        name: String,
        /// The kind its header names.
        kind: String,
    },
    /// The model was trained with features this build does not extract.
    #[error("{name}: parser model uses features '{found}', this build extracts '{}': run `dateline train parser`", features::FEATURES)]
    Features {
        /// The model file.
        name: String,
        /// The feature set its header names.
        found: String,
    },
    /// No usable training sentence was found.
    #[error("no training sentences with a dependency tree: check the --train files are CoNLL-U treebanks")]
    NoData,
    /// Trained transition weights that do not score the three transitions (a bug in training).
    #[error(
        "the trained transition weights do not score the {} transitions",
        crate::system::N_ACTIONS
    )]
    Actions,
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
