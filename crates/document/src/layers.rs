//! The layer types a stage adds to a [`crate::Document`].

use crate::Span;
use serde::Serialize;
use std::ops::Range;

/// The layers a user can ask for, named as in `--layers` and in the output's JSON keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// Surface tokens and the syntactic words inside them ("don't" -> "do" + "n't").
    Tokens,
    /// Sentence and paragraph spans.
    Sentences,
    /// Universal and treebank parts of speech and lemmas.
    Pos,
    /// Dependency heads and relations.
    Deps,
    /// People, organizations and places with titles and countries (JSON keys `entities` and
    /// `mentions`).
    Entities,
    /// Time expressions normalized against the publication date (JSON key `timexes`).
    Time,
    /// Quotations with cue, speaker and channel (JSON key `quotes`).
    Quotes,
    /// Political events coded in CAMEO and PLOVER (JSON key `events`).
    Events,
}

impl Layer {
    /// Every layer, in pipeline order.
    pub const ALL: [Layer; 8] = [
        Layer::Tokens,
        Layer::Sentences,
        Layer::Pos,
        Layer::Deps,
        Layer::Entities,
        Layer::Time,
        Layer::Quotes,
        Layer::Events,
    ];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Tokens => "tokens",
            Layer::Sentences => "sentences",
            Layer::Pos => "pos",
            Layer::Deps => "deps",
            Layer::Entities => "entities",
            Layer::Time => "time",
            Layer::Quotes => "quotes",
            Layer::Events => "events",
        }
    }

    /// Parses a layer name; the error lists the valid names.
    pub fn parse(name: &str) -> Result<Layer, String> {
        Layer::ALL
            .into_iter()
            .find(|l| l.name() == name)
            .ok_or_else(|| {
                let names: Vec<_> = Layer::ALL.iter().map(|l| l.name()).collect();
                format!(
                    "unknown layer '{name}': valid layers are {}",
                    names.join(", ")
                )
            })
    }

    /// Layers this one cannot be computed without.
    pub fn needs(self) -> &'static [Layer] {
        match self {
            Layer::Tokens | Layer::Sentences => &[],
            Layer::Pos => &[Layer::Tokens, Layer::Sentences],
            Layer::Deps => &[Layer::Tokens, Layer::Sentences, Layer::Pos],
            Layer::Entities => &[Layer::Tokens, Layer::Sentences, Layer::Pos, Layer::Deps],
            Layer::Time => &[Layer::Tokens, Layer::Sentences, Layer::Pos],
            Layer::Quotes => &[
                Layer::Tokens,
                Layer::Sentences,
                Layer::Pos,
                Layer::Deps,
                Layer::Entities,
                Layer::Time,
            ],
            Layer::Events => &[
                Layer::Tokens,
                Layer::Sentences,
                Layer::Pos,
                Layer::Deps,
                Layer::Entities,
                Layer::Time,
            ],
        }
    }
}

/// A sentence: its span and the tokens and words it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// From the first byte of its first token to the end of its last.
    pub span: Span,
    /// Indices into `Document::tokens`.
    pub tokens: Range<usize>,
    /// Indices into `Document::words`.
    pub words: Range<usize>,
}

/// A surface token: what a reader sees as one unit between spaces and punctuation
/// ("Duarte", "don't", "U.S.", "3.5", `"https://example.org/a"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the text.
    pub span: Span,
    /// Indices into `Document::words`: one word for most tokens, two or more for contractions
    /// and possessives ("Duarte's" -> "Duarte" + "'s"), as Universal Dependencies splits them.
    pub words: Range<usize>,
}

/// A syntactic word: the unit that gets a part of speech and a head.
///
/// Its span always lies inside its token's span, so a word is always a slice of the text
/// ("won't" -> "wo" + "n't", "cannot" -> "can" + "not").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte span in the text.
    pub span: Span,
    /// Index of the token it belongs to.
    pub token: usize,
}

/// What the segment stage adds: paragraphs, sentences, tokens and words together, since each
/// refers to the others by index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Surface tokens.
    pub tokens: Vec<Token>,
    /// Syntactic words.
    pub words: Vec<Word>,
}

/// Universal part-of-speech tags (UD v2).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Upos {
    ADJ,
    ADP,
    ADV,
    AUX,
    CCONJ,
    DET,
    INTJ,
    NOUN,
    NUM,
    PART,
    PRON,
    PROPN,
    PUNCT,
    SCONJ,
    SYM,
    VERB,
    X,
}

impl Upos {
    /// All tags, in a fixed order (the order of their numeric ids).
    pub const ALL: [Upos; 17] = [
        Upos::ADJ,
        Upos::ADP,
        Upos::ADV,
        Upos::AUX,
        Upos::CCONJ,
        Upos::DET,
        Upos::INTJ,
        Upos::NOUN,
        Upos::NUM,
        Upos::PART,
        Upos::PRON,
        Upos::PROPN,
        Upos::PUNCT,
        Upos::SCONJ,
        Upos::SYM,
        Upos::VERB,
        Upos::X,
    ];

    /// The tag as written in CoNLL-U.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::ADJ => "ADJ",
            Upos::ADP => "ADP",
            Upos::ADV => "ADV",
            Upos::AUX => "AUX",
            Upos::CCONJ => "CCONJ",
            Upos::DET => "DET",
            Upos::INTJ => "INTJ",
            Upos::NOUN => "NOUN",
            Upos::NUM => "NUM",
            Upos::PART => "PART",
            Upos::PRON => "PRON",
            Upos::PROPN => "PROPN",
            Upos::PUNCT => "PUNCT",
            Upos::SCONJ => "SCONJ",
            Upos::SYM => "SYM",
            Upos::VERB => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a CoNLL-U tag.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// Part of speech and lemma of one word (tag stage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PosTag {
    /// Universal tag.
    pub upos: Upos,
    /// Penn Treebank tag ("NNP", "VBD"); a label from the tagger model's table.
    pub xpos: &'static str,
    /// Dictionary form ("said" -> "say", "n't" -> "not").
    pub lemma: String,
}

/// Head and relation of one word (parse stage).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dep {
    /// Index into `Document::words` of the head, `None` for the sentence root.
    pub head: Option<usize>,
    /// Universal Dependencies relation, with subtype where the model keeps it ("nsubj:pass").
    pub rel: &'static str,
}

/// Types of entity mentions.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntityType {
    /// A person: "Helena Duarte", "the minister", "she".
    PER,
    /// An organization: "Reuters", "the Foreign Ministry", "NATO".
    ORG,
    /// A country, city or state: "India", "New Delhi", "Texas".
    GPE,
    /// Another place: "the Amazon", "Mount Everest".
    LOC,
    /// A nationality, religious or political group: "Brazilian", "Catholic", "Republicans".
    NORP,
    /// Anything else named: events, laws, works ("the Paris Agreement").
    MISC,
}

impl EntityType {
    /// All types, in a fixed order.
    pub const ALL: [EntityType; 6] = [
        EntityType::PER,
        EntityType::ORG,
        EntityType::GPE,
        EntityType::LOC,
        EntityType::NORP,
        EntityType::MISC,
    ];

    /// The type as written in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::GPE => "GPE",
            EntityType::LOC => "LOC",
            EntityType::NORP => "NORP",
            EntityType::MISC => "MISC",
        }
    }

    /// Parses a type name.
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// How a mention refers to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum MentionForm {
    /// A proper name: "Helena Duarte", "Duarte".
    Name,
    /// A description: "the minister", "its envoy to Chile".
    Nominal,
    /// A pronoun: "she", "its".
    Pronoun,
}

impl MentionForm {
    /// The form as written in the output: "name", "nominal" or "pronoun".
    pub fn as_str(self) -> &'static str {
        match self {
            MentionForm::Name => "name",
            MentionForm::Nominal => "nominal",
            MentionForm::Pronoun => "pronoun",
        }
    }
}

/// One mention of an entity in the text (entities stage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the text.
    pub span: Span,
    /// Indices into `Document::words`.
    pub words: Range<usize>,
    /// Entity type.
    pub kind: EntityType,
    /// Name, description or pronoun.
    pub form: MentionForm,
    /// Index into `Document::entities` of the entity it refers to, once resolved.
    pub entity: Option<usize>,
}

/// One entity: what the mentions that refer to it say about it (entities stage). Its mentions
/// are the ones whose `entity` points here; they are not listed twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The longest proper name among its mentions.
    pub name: String,
    /// Entity type.
    pub kind: EntityType,
    /// Titles and roles: "Foreign Minister", "envoy to Chile".
    pub titles: Vec<String>,
    /// ISO 3166 alpha-3 code of the country it belongs to or is: "BRA".
    pub country: Option<String>,
}

/// TIMEX3 types.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TimexType {
    /// A calendar date or period: "on Tuesday" (2025-03-04), "next month" (2025-04), "the 1990s".
    DATE,
    /// A time of day: "at 3 p.m.", "Friday morning" (2025-03-07TMO).
    TIME,
    /// A length of time: "two days" (P2D), "a decade" (P10Y).
    DURATION,
    /// A recurrence: "every year" (P1Y), "daily".
    SET,
}

impl TimexType {
    /// The type as written in TimeML and the output.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::DATE => "DATE",
            TimexType::TIME => "TIME",
            TimexType::DURATION => "DURATION",
            TimexType::SET => "SET",
        }
    }
}

/// A time expression with its normalized value (time stage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// Byte span in the text.
    pub span: Span,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value: "2025-04", "2025-W10", "P2D", "PAST_REF", "XXXX-XX-XX".
    pub value: String,
    /// TIMEX3 modifier when present: "START", "END", "APPROX", "MORE_THAN", ...
    pub modifier: Option<String>,
}

/// The publication date the time stage anchored relative expressions on, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dct {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// "published" (the input record), "argument" (`--published`) or "dateline" (the
    /// article's own dateline, "WASHINGTON, Aug. 19 (AP) —").
    pub source: &'static str,
}

/// Direct, indirect or mixed: how much of what was said the text gives word for word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum QuoteKind {
    /// The words themselves, between quotation marks:
    /// `"Nobody should mistake patience for weakness," she said.`
    Direct,
    /// Reported in the writer's words, with no quotation marks:
    /// `Arjun Mehta said in January that New Delhi was weighing the invitation.`
    Indirect,
    /// Reported speech with a quoted fragment:
    /// `Duarte said she wants to work with countries with "real weight in Beijing".`
    Mixed,
}

impl QuoteKind {
    /// The kind as written in the output: "direct", "indirect" or "mixed".
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// How a quotation reached the article, apart from who said it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ViaRelation {
    /// Said to someone: `Duarte told AFP ...` (channel "AFP").
    Told,
    /// The speaker cites a source: `Officials said, citing intelligence reports, ...`.
    Citing,
    /// `According to a statement from the ministry, ...` (channel "a statement").
    AccordingTo,
    /// A news organization reported it: `the Associated Press reported, citing Tomas Reyes`
    /// (speaker Reyes, channel the Associated Press).
    Reported,
    /// `in an interview with CNN`, `said on CNN`.
    Interview,
}

impl ViaRelation {
    /// The relation as written in the output: "told", "citing", "according_to", "reported",
    /// "interview".
    pub fn as_str(self) -> &'static str {
        match self {
            ViaRelation::Told => "told",
            ViaRelation::Citing => "citing",
            ViaRelation::AccordingTo => "according_to",
            ViaRelation::Reported => "reported",
            ViaRelation::Interview => "interview",
        }
    }
}

/// The channel a quotation went through (`via` in the output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Via {
    /// The channel as written: "AFP", "the Associated Press".
    pub name: String,
    /// Byte span of the name in the text.
    pub span: Span,
    /// How the quotation went through it.
    pub relation: ViaRelation,
}

/// One quotation: what was said, by whom, with which cue and through which channel (quotes
/// stage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Byte span of what was said; a direct quote's content excludes its quotation marks.
    pub content: Span,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Byte span of the cue: the verb or phrase that introduces it ("said", "according to").
    pub cue: Option<Span>,
    /// Byte span of the local speaker mention ("she", "Helena Duarte").
    pub speaker: Option<Span>,
    /// Index into `Document::entities` of the speaker, once resolved.
    pub speaker_entity: Option<usize>,
    /// The channel, kept apart from the speaker.
    pub via: Option<Via>,
    /// Index into `Document::timexes` of when it was said ("said in January").
    pub date: Option<usize>,
}

/// One side of an event: the actor's code and, when the entity layer knows it, its entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventActor {
    /// CAMEO actor code: country plus roles ("BRAGOV", "PERMIL", "---GOV" for an official of
    /// unknown country) or an international code ("IGOUNO").
    pub code: String,
    /// Index into `Document::entities`, when a mention of the actor has one.
    pub entity: Option<usize>,
    /// Byte span of the actor's noun phrase in this report.
    pub span: Span,
}

/// One political event: who did what to whom, and when (events stage).
///
/// "Brazil's foreign minister urged New Delhi to send a delegation" -> BRAGOV appeals to INDGOV
/// (CAMEO 026, PLOVER REQUEST, Goldstein 3.0).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Who acts.
    pub source: EventActor,
    /// Who is acted on.
    pub target: EventActor,
    /// CAMEO event code: "026".
    pub cameo: String,
    /// PLOVER event category: "REQUEST"; `None` for CAMEO codes PLOVER drops (01 statements).
    pub plover: Option<String>,
    /// Goldstein conflict-cooperation score of the CAMEO code, -10 to +10.
    pub goldstein: f32,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    pub quad_class: u8,
    /// Byte span of the evidence: from the first to the last of source, verb and target in the
    /// first report.
    pub span: Span,
    /// When: the value of the sentence's date expression, else the publication date.
    pub date: Option<String>,
    /// Index into `Document::sentences` of the first report.
    pub sentence: usize,
    /// How many reports of this event the article holds (same source, target and code).
    pub reports: usize,
}
