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
        self.segment(doc);
        self.tag(doc);
        self.parse(doc);
        self.entities(doc);
        self.time(doc);
        self.quotes(doc);
        self.events(doc);
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
