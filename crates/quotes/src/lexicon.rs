//! The word lists, loaded once from the data files compiled into the crate.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// Cue verbs, cue nouns, channels and occasions, as sets of lower-case lemmas or names.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Verbs that introduce any quotation ("say", "tell").
    pub speech: FxHashSet<&'static str>,
    /// Verbs that introduce only a clause ("believe that ...").
    pub weak: FxHashSet<&'static str>,
    /// Nouns with a clause ("statement that ...").
    pub nouns: FxHashSet<&'static str>,
    /// News organizations, platforms and programmes ("afp", "cnn").
    pub channels: FxHashSet<&'static str>,
    /// Occasions ("interview", "statement").
    pub occasions: FxHashSet<&'static str>,
    /// Verbs that name or judge with a quoted label ("called it "a disaster"", "rated it
    /// "False""): a short quoted stretch under one of them is someone's words.
    pub naming: FxHashSet<&'static str>,
    /// Verbs of intention whose infinitive is what someone means to do ("plans to ...").
    pub intention: FxHashSet<&'static str>,
    /// Verbs of stance and announcement whose object is what someone holds or made known
    /// ("endorsed Ted Cruz").
    pub object: FxHashSet<&'static str>,
    /// Nouns of intention whose infinitive is what was meant ("his decision to run").
    pub intention_nouns: FxHashSet<&'static str>,
    /// Adjectives of readiness whose infinitive is what the subject means to do ("willing
    /// to compromise").
    pub intention_adjs: FxHashSet<&'static str>,
    /// Verbs of asking, whose question follows as "whether ...", "what ...".
    pub asking: FxHashSet<&'static str>,
    /// Verbs that report the sentence before them ("The plan is dead, officials said").
    pub tail: FxHashSet<&'static str>,
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The shared lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Lexicon::default();
            for l in lines(include_str!("../data/verbs.txt")) {
                match l.strip_suffix('*') {
                    Some(w) => lex.weak.insert(w.trim()),
                    None => lex.speech.insert(l),
                };
            }
            lex.nouns = lines(include_str!("../data/nouns.txt")).collect();
            lex.channels = lines(include_str!("../data/channels.txt")).collect();
            lex.occasions = lines(include_str!("../data/interview_words.txt")).collect();
            lex.naming = lines(include_str!("../data/naming_verbs.txt")).collect();
            lex.intention = lines(include_str!("../data/intention_verbs.txt")).collect();
            lex.object = lines(include_str!("../data/object_verbs.txt")).collect();
            lex.intention_nouns = lines(include_str!("../data/intention_nouns.txt")).collect();
            lex.intention_adjs = lines(include_str!("../data/intention_adjs.txt")).collect();
            lex.asking = ["ask", "wonder", "question", "inquire", "enquire"]
                .into_iter()
                .collect();
            lex.tail = lines(include_str!("../data/tail_verbs.txt")).collect();
            lex
        })
    }
}
