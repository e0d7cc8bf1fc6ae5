//! The `dateline/1` output record: one JSON object per article, one per line.
//!
//! ```text
//! {"schema": "dateline/1", "id": "...", "source": null, "url": null, "title": null,
//!  "published": "2025-03-08", "text": "... (only with --text)",
//!  "paragraphs": [[0, 120], ...],                               <- layer "sentences"
//!  "sentences": [{"span": [0, 58], "tokens": [0, 12], "words": [0, 13]}, ...],
//!  "tokens": [[0, 6], ...],                                      <- layer "tokens"
//!  "words": [{"span": [0, 6], "token": 0,                        <- layer "tokens"
//!             "upos": "PROPN", "xpos": "NNP", "lemma": "Duarte",  <- layer "pos"
//!             "head": 1, "deprel": "nsubj"}, ...],                <- layer "deps"
//!  "entities": [{"id": "e1", "name": "Helena Duarte", "type": "PER",   <- layer "entities"
//!                "titles": ["Foreign Minister"], "country": "BRA", "mentions": [[28, 41], ...]}],
//!  "mentions": [{"span": [28, 41], "type": "PER", "form": "name", "entity": "e1"}, ...],
//!  "dct": {"date": "2025-03-08", "source": "published"},         <- layer "time"
//!  "timexes": [{"span": [210, 220], "type": "DATE", "value": "2025-04"}, ...],
//!  "quotes": [{"content": [68, 140], "kind": "mixed", "cue": [59, 63],   <- layer "quotes"
//!              "speaker": [45, 58], "speaker_name": "Helena Duarte", "speaker_entity": "e3",
//!              "via": {"name": "AFP", "relation": "told"}, "date": "2025-01"}, ...],
//!  "events": [{"source": {"entity": "e3", "code": "BRAGOV"},         <- layer "events"
//!              "target": {"entity": "e5", "code": "INDGOV"}, "cameo": "026",
//!              "plover": "REQUEST", "goldstein": 3.0, "quad_class": 1, "span": [0, 98],
//!              "date": "2025-03-08", "reports": 1}, ...]}
//! ```
//!
//! All spans are **Unicode code point** offsets into the article text (Python `str` indices),
//! end exclusive, converted from the byte offsets used inside by [`CharOffsets`]. Index ranges
//! (`"tokens": [a, b]`) are half-open too. `head` is the index in `words` of the head word, or
//! `null` for the root of a sentence. `dct` is the
//! publication date relative time expressions were resolved against and where it came from
//! (`published` in the record, `argument` on the command line, the article's `dateline`), or
//! `null` when none was known: relative values then stay underspecified ("XXXX-WXX-2"). A
//! timex carries `mod` ("APPROX", "START", ...) when TimeML gives it one. A quote's `kind` is
//! `direct` (its `content` excludes the quotation marks), `indirect` or `mixed`; `cue`, `speaker`
//! (the local mention, a pronoun included), `speaker_entity`, `via` (`relation` one of `told`,
//! `citing`, `according_to`, `reported`, `interview`) and `date` (the value of the time
//! expression that says when it was said) are `null` when unknown; `speaker_name` is the
//! speaker entity's name, or the speaker's own words when no entity was resolved. An event's
//! actors carry a CAMEO actor `code` and the `entity` when one is known (else `null`); `cameo`
//! is the event code, `plover` its PLOVER category (`null` for CAMEO codes PLOVER drops),
//! `goldstein` its score, `quad_class` 1-4, `span` the evidence (source, verb and target),
//! `date` the sentence's date else the publication date, `reports` how many times the
//! article reports the same event. Fields may be added in later versions of `dateline/1`;
//! none is renamed or removed without a new schema version.

use crate::{Document, Layer};
use dateline_document::CharOffsets;
use serde::Serialize;
use std::io::Write;

/// The schema name every record carries.
pub const SCHEMA: &str = "dateline/1";

/// What to put in each record.
#[derive(Clone, Debug, Default)]
pub struct OutputOptions {
    /// Layers to include.
    pub layers: Vec<Layer>,
    /// Include the article text (off by default: the input has it already).
    pub text: bool,
}

#[derive(Serialize)]
struct Record<'a> {
    schema: &'static str,
    id: &'a str,
    source: Option<&'a str>,
    url: Option<&'a str>,
    title: Option<&'a str>,
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<Vec<[usize; 2]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<SentenceOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<[usize; 2]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    words: Option<Vec<WordOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<EntityOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<Vec<MentionOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dct: Option<Option<DctOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timexes: Option<Vec<TimexOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<Vec<QuoteOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<Vec<EventOut<'a>>>,
}

#[derive(Serialize)]
struct EventActorOut<'a> {
    entity: Option<String>,
    code: &'a str,
}

#[derive(Serialize)]
struct EventOut<'a> {
    source: EventActorOut<'a>,
    target: EventActorOut<'a>,
    cameo: &'a str,
    plover: Option<&'a str>,
    goldstein: f32,
    quad_class: u8,
    span: [usize; 2],
    date: Option<&'a str>,
    reports: usize,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    content: [usize; 2],
    kind: &'static str,
    cue: Option<[usize; 2]>,
    speaker: Option<[usize; 2]>,
    speaker_name: Option<&'a str>,
    speaker_entity: Option<String>,
    via: Option<ViaOut<'a>>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct ViaOut<'a> {
    name: &'a str,
    relation: &'static str,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: String,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    titles: &'a [String],
    country: Option<&'a str>,
    mentions: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct MentionOut {
    span: [usize; 2],
    #[serde(rename = "type")]
    kind: &'static str,
    form: &'static str,
    entity: Option<String>,
}

#[derive(Serialize)]
struct DctOut<'a> {
    date: &'a str,
    source: &'static str,
}

#[derive(Serialize)]
struct TimexOut<'a> {
    span: [usize; 2],
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'a str>,
}

#[derive(Serialize)]
struct SentenceOut {
    span: [usize; 2],
    tokens: [usize; 2],
    words: [usize; 2],
}

#[derive(Serialize)]
struct WordOut<'a> {
    span: [usize; 2],
    token: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    upos: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    xpos: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lemma: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    head: Option<Option<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deprel: Option<&'static str>,
}

/// Writes `doc` as one `dateline/1` JSON line.
pub fn write_json<W: Write + ?Sized>(
    doc: &Document,
    opts: &OutputOptions,
    out: &mut W,
) -> std::io::Result<()> {
    let offsets = CharOffsets::new(&doc.text);
    let has = |l: Layer| opts.layers.contains(&l);
    let words = has(Layer::Tokens).then(|| {
        doc.words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let pos = doc.pos.get(i).filter(|_| has(Layer::Pos));
                let dep = doc.deps.get(i).filter(|_| has(Layer::Deps));
                WordOut {
                    span: offsets.span(w.span),
                    token: w.token,
                    upos: pos.map(|p| p.upos.as_str()),
                    xpos: pos.map(|p| p.xpos),
                    lemma: pos.map(|p| p.lemma.as_str()),
                    head: dep.map(|d| d.head),
                    deprel: dep.map(|d| d.rel),
                }
            })
            .collect()
    });
    let rec = Record {
        schema: SCHEMA,
        id: &doc.id,
        source: doc.meta.source.as_deref(),
        url: doc.meta.url.as_deref(),
        title: doc.meta.title.as_deref(),
        published: doc.meta.published.as_deref(),
        text: opts.text.then_some(doc.text.as_str()),
        paragraphs: has(Layer::Sentences)
            .then(|| doc.paragraphs.iter().map(|&p| offsets.span(p)).collect()),
        sentences: has(Layer::Sentences).then(|| {
            doc.sentences
                .iter()
                .map(|s| SentenceOut {
                    span: offsets.span(s.span),
                    tokens: [s.tokens.start, s.tokens.end],
                    words: [s.words.start, s.words.end],
                })
                .collect()
        }),
        tokens: has(Layer::Tokens)
            .then(|| doc.tokens.iter().map(|t| offsets.span(t.span)).collect()),
        words,
        entities: has(Layer::Entities).then(|| {
            doc.entities
                .iter()
                .enumerate()
                .map(|(i, e)| EntityOut {
                    id: entity_id(i),
                    name: &e.name,
                    kind: e.kind.as_str(),
                    titles: &e.titles,
                    country: e.country.as_deref(),
                    mentions: doc
                        .mentions
                        .iter()
                        .filter(|m| m.entity == Some(i))
                        .map(|m| offsets.span(m.span))
                        .collect(),
                })
                .collect()
        }),
        mentions: has(Layer::Entities).then(|| {
            doc.mentions
                .iter()
                .map(|m| MentionOut {
                    span: offsets.span(m.span),
                    kind: m.kind.as_str(),
                    form: m.form.as_str(),
                    entity: m.entity.map(entity_id),
                })
                .collect()
        }),
        dct: has(Layer::Time).then(|| {
            doc.dct.as_ref().map(|d| DctOut {
                date: &d.date,
                source: d.source,
            })
        }),
        timexes: has(Layer::Time).then(|| {
            doc.timexes
                .iter()
                .map(|t| TimexOut {
                    span: offsets.span(t.span),
                    kind: t.kind.as_str(),
                    value: &t.value,
                    modifier: t.modifier.as_deref(),
                })
                .collect()
        }),
        quotes: has(Layer::Quotes).then(|| {
            doc.quotes
                .iter()
                .map(|q| QuoteOut {
                    content: offsets.span(q.content),
                    kind: q.kind.as_str(),
                    cue: q.cue.map(|c| offsets.span(c)),
                    speaker: q.speaker.map(|c| offsets.span(c)),
                    speaker_name: speaker_name(doc, q),
                    speaker_entity: q.speaker_entity.map(entity_id),
                    via: q.via.as_ref().map(|v| ViaOut {
                        name: &v.name,
                        relation: v.relation.as_str(),
                    }),
                    date: q
                        .date
                        .and_then(|t| doc.timexes.get(t))
                        .map(|t| t.value.as_str()),
                })
                .collect()
        }),
        events: has(Layer::Events).then(|| {
            doc.events
                .iter()
                .map(|e| EventOut {
                    source: event_actor(&e.source),
                    target: event_actor(&e.target),
                    cameo: &e.cameo,
                    plover: e.plover.as_deref(),
                    goldstein: e.goldstein,
                    quad_class: e.quad_class,
                    span: offsets.span(e.span),
                    date: e.date.as_deref(),
                    reports: e.reports,
                })
                .collect()
        }),
    };
    serde_json::to_writer(&mut *out, &rec)?;
    out.write_all(b"\n")
}

/// The speaker entity's name, or the speaker's own words when no entity was resolved.
pub fn speaker_name<'a>(doc: &'a Document, q: &dateline_document::Quote) -> Option<&'a str> {
    doc.speaker_name(q)
}

fn event_actor(a: &dateline_document::EventActor) -> EventActorOut<'_> {
    EventActorOut {
        entity: a.entity.map(entity_id),
        code: &a.code,
    }
}

/// Entity ids are "e1", "e2", ... in the order of `Document::entities`.
fn entity_id(i: usize) -> String {
    format!("e{}", i + 1)
}
