//! The pipeline: the stages a request needs, in order, over one document at a time.

use crate::{Document, Layer, Result};
use dateline_document::Dct;
use dateline_entities::Recognizer;
use dateline_parse::Parser;
use dateline_tag::Tagger;
use dateline_time::Date;
use std::path::Path;

/// Runs the stages that the requested layers need. Load once; share across threads (`&self`).
#[derive(Debug)]
pub struct Pipeline {
    layers: Vec<Layer>,
    /// A segmenter from the models directory; `None` uses the embedded one.
    segmenter: Option<dateline_segment::Segmenter>,
    tagger: Option<Tagger>,
    parser: Option<Parser>,
    recognizer: Option<Recognizer>,
    coder: Option<dateline_events::Coder>,
    /// Publication date for records that give none (`--published`).
    published: Option<Date>,
}

impl Pipeline {
    /// A pipeline producing `layers` (and everything they need), with models from `models_dir`
    /// or the embedded ones. Only the models the layers need are loaded.
    pub fn new(layers: &[Layer], models_dir: Option<&Path>) -> Result<Pipeline> {
        let layers = closure(layers);
        let wants = |l: Layer| layers.contains(&l);
        // Loading is four pieces of similar size: the parser, the entity gazetteers and the
        // event dictionaries (both built from text), and the tagger with the entity weights.
        // Each has a thread, so on two cores the models are ready in about half the total
        // (with three threads the one holding two lists finished last); measured with
        // `dateline bench`.
        let (parser, coder, rest) = std::thread::scope(|s| {
            let parser = s.spawn(|| {
                wants(Layer::Deps)
                    .then(|| crate::Models::parser(models_dir))
                    .transpose()
            });
            let gazetteers = s.spawn(|| {
                if wants(Layer::Entities) {
                    dateline_entities::prepare_gazetteers();
                }
            });
            let events = s.spawn(|| {
                wants(Layer::Events)
                    .then(dateline_events::Coder::phoenix)
                    .transpose()
            });
            let rest = (|| -> Result<_> {
                let tagger = wants(Layer::Pos)
                    .then(|| crate::Models::tagger(models_dir))
                    .transpose()?;
                let recognizer = wants(Layer::Entities)
                    .then(|| crate::Models::recognizer(models_dir))
                    .transpose()?;
                Ok((tagger, recognizer))
            })();
            join(gazetteers);
            (join(parser), join(events), rest)
        });
        let (tagger, recognizer) = rest?;
        let coder = coder?;
        let parser = parser?;
        Ok(Pipeline {
            layers,
            segmenter: crate::Models::segmenter(models_dir)?,
            tagger,
            parser,
            recognizer,
            coder,
            published: None,
        })
    }

    /// Sets the publication date used for records that carry none, before the article's own
    /// dateline is looked at.
    pub fn with_published(mut self, date: Option<Date>) -> Pipeline {
        self.published = date;
        self
    }

    /// Every layer this pipeline produces, prerequisites included, in pipeline order.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Runs each stage in order on `doc`, adding its layer.
    pub fn run(&self, doc: &mut Document) {
        for (_, stage) in STAGES {
            stage(self, doc);
        }
    }

    /// Runs each stage in order like [`Pipeline::run`], but a stage that panics on this
    /// document (a bug, never a bad input: stages take any text) fails only this document:
    /// its layer and those of the stages after it are left empty, the earlier ones stay, and
    /// the error names the stage. A batch of millions of articles goes on past it.
    pub fn try_run(&self, doc: &mut Document) -> std::result::Result<(), StageFailure> {
        self.try_stages(doc, &STAGES)
    }

    /// [`Pipeline::try_run`] over `stages` (the pipeline's own, or a test's).
    fn try_stages(
        &self,
        doc: &mut Document,
        stages: &[Stage],
    ) -> std::result::Result<(), StageFailure> {
        for (k, (name, stage)) in stages.iter().enumerate() {
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| stage(self, doc)));
            if let Err(payload) = ran {
                clear_from(doc, k);
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".into());
                return Err(StageFailure {
                    stage: name,
                    message,
                });
            }
        }
        Ok(())
    }

    /// The events stage alone; needs the parse, and uses entities and time when present.
    pub fn events(&self, doc: &mut Document) {
        if let Some(c) = &self.coder {
            doc.events = c.code(doc);
        }
    }

    /// The event coder, when the pipeline produces events.
    pub fn coder(&self) -> Option<&dateline_events::Coder> {
        self.coder.as_ref()
    }

    /// The quotes stage alone; needs the parse, and uses entities and time when present.
    pub fn quotes(&self, doc: &mut Document) {
        if self.layers.contains(&Layer::Quotes) {
            doc.quotes = dateline_quotes::find(doc);
        }
    }

    /// The entities stage alone; needs the parse.
    pub fn entities(&self, doc: &mut Document) {
        if let Some(r) = &self.recognizer {
            (doc.mentions, doc.entities) = r.recognize(doc);
        }
    }

    /// The time stage alone; needs tags. Picks the publication date: the record's own
    /// `published`, else the pipeline's (`--published`), else the article's dateline.
    pub fn time(&self, doc: &mut Document) {
        if !self.layers.contains(&Layer::Time) {
            return;
        }
        let record = doc.meta.published.as_deref().and_then(Date::parse);
        let dct = record
            .map(|d| (d, "published"))
            .or(self.published.map(|d| (d, "argument")))
            .or_else(|| dateline_time::dct_from_text(&doc.text, None).map(|d| (d, "dateline")));
        doc.timexes = dateline_time::find(doc, dct.map(|(d, _)| d));
        doc.dct = dct.map(|(d, source)| Dct {
            date: d.to_string(),
            source,
        });
    }

    /// The segment stage alone (used by benchmarks to time stages apart).
    pub fn segment(&self, doc: &mut Document) {
        let seg = match &self.segmenter {
            Some(s) => s.segment(&doc.text),
            None => dateline_segment::segment(&doc.text),
        };
        doc.set_segmentation(seg);
    }

    /// The tag stage alone; needs segmentation.
    pub fn tag(&self, doc: &mut Document) {
        if let Some(t) = &self.tagger {
            doc.pos = t.tag(doc);
        }
    }

    /// The parse stage alone; needs tags.
    pub fn parse(&self, doc: &mut Document) {
        if let Some(p) = &self.parser {
            doc.deps = p.parse(doc);
        }
    }
}

/// A stage that panicked on one document ([`Pipeline::try_run`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("internal error in the {stage} stage: {message}")]
pub struct StageFailure {
    /// The stage: segment, tag, parse, entities, time, quotes or events.
    pub stage: &'static str,
    /// The panic's message.
    pub message: String,
}

/// A stage of the pipeline: its name and what it adds to a document.
type Stage = (&'static str, fn(&Pipeline, &mut Document));

/// The stages in pipeline order.
const STAGES: [Stage; 7] = [
    ("segment", Pipeline::segment),
    ("tag", Pipeline::tag),
    ("parse", Pipeline::parse),
    ("entities", Pipeline::entities),
    ("time", Pipeline::time),
    ("quotes", Pipeline::quotes),
    ("events", Pipeline::events),
];

/// Empties the layers of stage `k` of [`STAGES`] and of every stage after it.
fn clear_from(doc: &mut Document, k: usize) {
    if k == 0 {
        doc.set_segmentation(Default::default());
    }
    if k <= 1 {
        doc.pos.clear();
    }
    if k <= 2 {
        doc.deps.clear();
    }
    if k <= 3 {
        doc.mentions.clear();
        doc.entities.clear();
    }
    if k <= 4 {
        doc.timexes.clear();
        doc.dct = None;
    }
    if k <= 5 {
        doc.quotes.clear();
    }
    doc.events.clear();
}

/// Waits for a loading thread. A panic while loading is a bug, not a bad input: pass it on.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// The requested layers plus everything they need, in pipeline order.
fn closure(layers: &[Layer]) -> Vec<Layer> {
    let mut want: Vec<Layer> = Vec::new();
    for &l in layers {
        want.push(l);
        want.extend_from_slice(l.needs());
    }
    want.sort();
    want.dedup();
    want
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_hangs_by_punct() {
        let p = Pipeline::new(&[Layer::Deps], None).expect("embedded models load");
        let text = "\"We will not sign,\" said Rao, the minister (who left early) -- and \
                    then, in Lisbon: 'Never.' Talks resume... next week!";
        let mut doc = Document::new("p", text);
        p.run(&mut doc);
        let mut n = 0;
        for (i, t) in doc.pos.iter().enumerate() {
            if t.upos == dateline_document::Upos::PUNCT && doc.deps[i].head.is_some() {
                assert_eq!(
                    doc.deps[i].rel,
                    "punct",
                    "{:?}",
                    doc.slice(doc.words[i].span)
                );
                n += 1;
            }
        }
        assert!(n >= 12, "{n} punctuation marks");
    }

    #[test]
    fn a_stage_that_panics_fails_only_its_article_and_the_layers_after_it() {
        let p = Pipeline::new(&[Layer::Deps], None).expect("embedded models load");
        let broken: fn(&Pipeline, &mut Document) = |_, _| panic!("index out of bounds");
        let mut stages = STAGES;
        stages[2] = ("parse", broken);
        // Silence the default hook's report of the expected panic.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let mut doc = Document::new("a1", "Reyes spoke in Lisbon. He left.");
        let got = p.try_stages(&mut doc, &stages);
        std::panic::set_hook(hook);
        let err = got.expect_err("the parse stage panicked");
        assert_eq!(err.stage, "parse");
        assert_eq!(err.message, "index out of bounds");
        assert!(err.to_string().contains("parse stage"), "{err}");
        // The stages before it kept their layers; it and the ones after it have none.
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.pos.len(), doc.words.len());
        assert!(doc.deps.is_empty() && doc.mentions.is_empty() && doc.quotes.is_empty());
        // The next article is processed whole.
        let mut next = Document::new("a2", "Duarte spoke.");
        assert_eq!(p.try_run(&mut next), Ok(()));
        assert_eq!(next.deps.len(), next.words.len());
    }

    #[test]
    fn prerequisites_are_added() {
        assert_eq!(closure(&[Layer::Deps]), Layer::ALL[..4].to_vec());
        assert_eq!(
            closure(&[Layer::Time]),
            vec![Layer::Tokens, Layer::Sentences, Layer::Pos, Layer::Time]
        );
        assert_eq!(closure(&[Layer::Tokens]), vec![Layer::Tokens]);
        assert_eq!(
            closure(&[Layer::Pos]),
            vec![Layer::Tokens, Layer::Sentences, Layer::Pos]
        );
    }
}
