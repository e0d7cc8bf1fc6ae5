//! One learner for every statistical stage: an averaged perceptron.
//!
//! The tagger, the parser and (later) the entity tagger all train and predict with the same
//! three types:
//!
//! - features are `u64` hashes built with [`Feat`], so a stage never keeps a string table;
//! - [`Trainer`] learns weights with the perceptron rule and keeps the running sums that
//!   averaging needs (averaging is what makes a perceptron generalise like a regularised model);
//! - [`Weights`] is the averaged, pruned, frozen result that scores at prediction time.
//!
//! A stage saves its weights and its own tables into a [`ModelFile`]: a versioned header
//! (format, feature set, training data checksum, dev score, seed) followed by a compressed body
//! whose checksum is checked on load.
//!
//! ```
//! use dateline_learn::{Feat, Trainer};
//! let mut t = Trainer::new(2);
//! let (a, b) = (Feat::new(1).str("rain").done(), Feat::new(1).str("sun").done());
//! for _ in 0..5 {
//!     t.learn(&[a], 0);
//!     t.learn(&[b], 1);
//! }
//! let w = t.average();
//! assert_eq!(w.best(&[a]), 0);
//! assert_eq!(w.best(&[b]), 1);
//! ```
#![warn(missing_docs)]

mod feat;
mod file;
mod huge;
mod perceptron;
mod prefetch;
mod rng;
mod sparse;

pub use feat::Feat;
pub use file::{checksum_files, Error, Header, ModelFile, Result, FORMAT_VERSION};
pub use huge::{huge_vec, huge_vec_filled};
pub use perceptron::{stored_key, RowReader, Trainer, Weights, KEY_BITS};
pub use prefetch::prefetch;
pub use rng::Rng;
pub use sparse::{Scorer, SparseWeights};
