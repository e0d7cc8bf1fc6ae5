//! The coder on hand-built sentences: words, tags and heads written out, no model needed.

use crate::{Coder, Options};
use dateline_document::{
    Dep, Document, Entity, EntityType, Mention, MentionForm, PosTag, Segmentation, Sentence, Span,
    Token, Upos, Word,
};
use std::sync::OnceLock;

fn phoenix() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| Coder::phoenix().expect("embedded dictionaries load"))
}

/// One word: text, lemma, tag, head (1-based within the sentence, 0 = root), relation.
type W = (&'static str, &'static str, Upos, usize, &'static str);

/// A document of hand-parsed sentences, words joined by single spaces.
fn doc(sentences: &[&[W]], published: &str) -> Document {
    let mut text = String::new();
    let mut seg = Segmentation::default();
    let mut pos = Vec::new();
    let mut deps = Vec::new();
    for s in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        let first = seg.words.len();
        let start = text.len();
        for (k, (w, lemma, upos, head, rel)) in s.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let span = Span::new(text.len(), text.len() + w.len());
            text.push_str(w);
            let i = seg.words.len();
            seg.tokens.push(Token {
                span,
                words: i..i + 1,
            });
            seg.words.push(Word { span, token: i });
            pos.push(PosTag {
                upos: *upos,
                xpos: "",
                lemma: lemma.to_string(),
            });
            deps.push(Dep {
                head: (*head > 0).then(|| first + head - 1),
                rel,
            });
        }
        seg.sentences.push(Sentence {
            span: Span::new(start, text.len()),
            tokens: first..seg.words.len(),
            words: first..seg.words.len(),
        });
    }
    let mut d = Document::new("t", text);
    d.set_segmentation(seg);
    d.pos = pos;
    d.deps = deps;
    d.meta.published = Some(published.to_string());
    d
}

/// Adds a name mention over words `words` with an entity of the given kind, titles and country.
fn mention(
    d: &mut Document,
    words: std::ops::Range<usize>,
    kind: EntityType,
    titles: &[&str],
    country: &str,
) {
    let span = Span::new(
        d.words[words.start].span.start,
        d.words[words.end - 1].span.end,
    );
    d.entities.push(Entity {
        name: d.slice(span).to_string(),
        kind,
        titles: titles.iter().map(|t| t.to_string()).collect(),
        country: Some(country.to_string()),
    });
    d.mentions.push(Mention {
        span,
        words,
        kind,
        form: MentionForm::Name,
        entity: Some(d.entities.len() - 1),
    });
}

fn codes(d: &Document) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = phoenix()
        .code(d)
        .into_iter()
        .map(|e| (e.source.code, e.target.code, e.cameo))
        .collect();
    v.sort();
    v
}

fn triple(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

use Upos::*;
const PERU_ATTACKED_CHILE: &[W] = &[
    ("Peru", "Peru", PROPN, 2, "nsubj"),
    ("attacked", "attack", VERB, 0, "root"),
    ("Chile", "Chile", PROPN, 2, "obj"),
    (".", ".", PUNCT, 2, "punct"),
];

#[test]
fn source_from_subject_target_from_object() {
    let d = doc(&[PERU_ATTACKED_CHILE], "2020-01-01");
    let ev = phoenix().code(&d);
    assert_eq!(ev.len(), 1);
    let e = &ev[0];
    assert_eq!(
        (e.source.code.as_str(), e.target.code.as_str()),
        ("PER", "CHL")
    );
    assert!(e.cameo.starts_with("19"), "{}", e.cameo);
    assert_eq!(e.plover.as_deref(), Some("ASSAULT"));
    assert_eq!(e.quad_class, 4);
    assert!(e.goldstein < -5.0);
    assert_eq!(e.date.as_deref(), Some("2020-01-01"));
    assert_eq!(d.slice(e.span), "Peru attacked Chile");
}

#[test]
fn passive_source_from_by_phrase() {
    let d = doc(
        &[&[
            ("Chile", "Chile", PROPN, 3, "nsubj:pass"),
            ("was", "be", AUX, 3, "aux:pass"),
            ("attacked", "attack", VERB, 0, "root"),
            ("by", "by", ADP, 5, "case"),
            ("Peru", "Peru", PROPN, 3, "obl:agent"),
        ]],
        "2020-01-01",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("PER", "CHL"));
}

#[test]
fn negation_cancels() {
    // An attack has no negation in the internal code algebra: no event.
    let d = doc(
        &[&[
            ("Peru", "Peru", PROPN, 4, "nsubj"),
            ("did", "do", AUX, 4, "aux"),
            ("not", "not", PART, 4, "advmod"),
            ("attack", "attack", VERB, 0, "root"),
            ("Chile", "Chile", PROPN, 4, "obj"),
        ]],
        "2020-01-01",
    );
    assert!(codes(&d).is_empty());
}

#[test]
fn negation_turns_a_code_into_its_opposite() {
    // "Obama said he would not provide support to Israel": provide support (060) negated is
    // refusing material cooperation (121).
    let d = doc(
        &[&[
            ("Obama", "Obama", PROPN, 2, "nsubj"),
            ("said", "say", VERB, 0, "root"),
            ("he", "he", PRON, 6, "nsubj"),
            ("would", "would", AUX, 6, "aux"),
            ("not", "not", PART, 6, "advmod"),
            ("provide", "provide", VERB, 2, "ccomp"),
            ("support", "support", NOUN, 6, "obj"),
            ("to", "to", ADP, 9, "case"),
            ("Israel", "Israel", PROPN, 6, "obl"),
        ]],
        "2015-06-09",
    );
    assert_eq!(codes(&d), vec![triple("USAGOV", "ISR", "121")]);
    // "Peru didn't clash with Chile": disapproval (110) negated is cooperation (050).
    let o = phoenix().ontology();
    assert_eq!(o.negate("110").as_deref(), Some("050"));
    assert_eq!(o.negate("170").as_deref(), Some("057"));
    assert_eq!(o.negate("190"), None);
}

#[test]
fn pattern_pairs_give_the_reverse_event() {
    // RECEIVE `- * MINISTERS [043:042]`: the demonstrators host, the government visits.
    let d = doc(
        &[&[
            ("Georgian", "Georgian", ADJ, 2, "amod"),
            ("demonstrators", "demonstrator", NOUN, 3, "nsubj"),
            ("received", "receive", VERB, 0, "root"),
            ("ministers", "minister", NOUN, 3, "obj"),
            ("from", "from", ADP, 8, "case"),
            ("the", "the", DET, 8, "det"),
            ("Georgian", "Georgian", ADJ, 8, "amod"),
            ("government", "government", NOUN, 4, "nmod"),
        ]],
        "2008-08-04",
    );
    assert_eq!(
        codes(&d),
        vec![
            triple("GEOGOV", "GEOOPP", "042"),
            triple("GEOOPP", "GEOGOV", "043")
        ]
    );
}

#[test]
fn a_verb_pair_needs_a_party_as_target() {
    // ATTEND [042:043]: "attend the Beijing Olympics" is no visit the Olympics return.
    let d = doc(
        &[&[
            ("Obama", "Obama", PROPN, 2, "nsubj"),
            ("attended", "attend", VERB, 0, "root"),
            ("the", "the", DET, 5, "det"),
            ("Beijing", "Beijing", PROPN, 5, "compound"),
            ("Olympics", "Olympics", PROPN, 2, "obj"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].2, "042");
    // Also when the entity layer tags "Beijing Olympics" as one MISC name.
    let mut m = d.clone();
    m.entities.push(Entity {
        name: "Beijing Olympics".into(),
        kind: EntityType::MISC,
        titles: Vec::new(),
        country: None,
    });
    m.mentions.push(Mention {
        span: Span::new(m.words[3].span.start, m.words[4].span.end),
        words: 3..5,
        kind: EntityType::MISC,
        form: MentionForm::Name,
        entity: Some(0),
    });
    assert_eq!(codes(&m).len(), 1, "{:?}", codes(&m));
    // ... nor "a summit in Switzerland".
    let d = doc(
        &[&[
            ("Obama", "Obama", PROPN, 2, "nsubj"),
            ("attended", "attend", VERB, 0, "root"),
            ("a", "a", DET, 4, "det"),
            ("summit", "summit", NOUN, 2, "obj"),
            ("in", "in", ADP, 6, "case"),
            ("Switzerland", "Switzerland", PROPN, 2, "obl"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("USAGOV", "CHE"));
}

#[test]
fn a_country_takes_every_agent_of_its_phrase() {
    // "exiled leaders of Egypt's Muslim Brotherhood" -> EGY + OPP + MUS.
    let d = doc(
        &[&[
            ("Qatar", "Qatar", PROPN, 2, "nsubj"),
            ("expelled", "expel", VERB, 0, "root"),
            ("exiled", "exile", ADJ, 4, "amod"),
            ("leaders", "leader", NOUN, 2, "obj"),
            ("of", "of", ADP, 9, "case"),
            ("Egypt", "Egypt", PROPN, 9, "nmod:poss"),
            ("'s", "'s", PART, 6, "case"),
            ("Muslim", "Muslim", PROPN, 9, "compound"),
            ("Brotherhood", "Brotherhood", PROPN, 4, "nmod"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("QAT", "EGYOPPMUS"));
}

#[test]
fn an_agent_word_modifying_an_object_is_no_actor() {
    // "Russia is conducting military exercises in Alaska": the target is Alaska, not ---MIL.
    let d = doc(
        &[&[
            ("Russia", "Russia", PROPN, 3, "nsubj"),
            ("is", "be", AUX, 3, "aux"),
            ("conducting", "conduct", VERB, 0, "root"),
            ("military", "military", ADJ, 5, "amod"),
            ("exercises", "exercise", NOUN, 3, "obj"),
            ("in", "in", ADP, 7, "case"),
            ("Alaska", "Alaska", PROPN, 3, "obl"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("RUS", "USA"));
}

#[test]
fn a_title_attached_as_description_counts() {
    // "Bree Prime Minister Romendacil" parsed with the title as nmod:desc of the name, and the
    // name under the country as `flat` or as a bare `nmod` (no preposition: one run of names).
    let c = Coder::validation().expect("validation dictionaries load");
    for rel in ["flat", "nmod"] {
        let d = doc(
            &[&[
                ("Bree", "Bree", PROPN, 5, "nsubj"),
                ("Prime", "prime", ADJ, 3, "amod"),
                ("Minister", "Minister", PROPN, 4, "nmod:desc"),
                ("Romendacil", "Romendacil", PROPN, 1, rel),
                ("abandoned", "abandon", VERB, 0, "root"),
                ("Gondor", "Gondor", PROPN, 5, "obj"),
            ]],
            "1995-01-11",
        );
        let ev = c.code(&d);
        assert_eq!(ev.len(), 1, "{rel}");
        assert_eq!(ev[0].source.code, "BREGOV", "{rel}");
    }
}

#[test]
fn conjoined_subjects_give_one_event_each() {
    let d = doc(
        &[&[
            ("Peru", "Peru", PROPN, 4, "nsubj"),
            ("and", "and", CCONJ, 3, "cc"),
            ("Bolivia", "Bolivia", PROPN, 1, "conj"),
            ("attacked", "attack", VERB, 0, "root"),
            ("Chile", "Chile", PROPN, 4, "obj"),
        ]],
        "2020-01-01",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].0.as_str(), c[1].0.as_str()), ("BOL", "PER"));
    assert!(c.iter().all(|e| e.1 == "CHL"));
}

#[test]
fn nested_says_combine_through_transformations() {
    // "A says B attacked C": A accuses B (~ a (b . ATTACK) SAY = a b 112).
    let d = doc(
        &[&[
            ("Brazil", "Brazil", PROPN, 2, "nsubj"),
            ("said", "say", VERB, 0, "root"),
            ("Peru", "Peru", PROPN, 4, "nsubj"),
            ("attacked", "attack", VERB, 2, "ccomp"),
            ("Chile", "Chile", PROPN, 4, "obj"),
        ]],
        "2020-01-01",
    );
    assert_eq!(codes(&d), vec![triple("BRA", "PER", "112")]);
    // "A says it attacked C": A claims responsibility (~ a (a b ATTACK) SAY = a b 015).
    let d = doc(
        &[&[
            ("Brazil", "Brazil", PROPN, 2, "nsubj"),
            ("said", "say", VERB, 0, "root"),
            ("it", "it", PRON, 4, "nsubj"),
            ("attacked", "attack", VERB, 2, "ccomp"),
            ("Chile", "Chile", PROPN, 4, "obj"),
        ]],
        "2020-01-01",
    );
    assert_eq!(codes(&d), vec![triple("BRA", "CHL", "015")]);
    // "C was attacked by B, officials said": the attribution only reports.
    let d = doc(
        &[&[
            ("Peru", "Peru", PROPN, 2, "nsubj"),
            ("attacked", "attack", VERB, 0, "root"),
            ("Chile", "Chile", PROPN, 2, "obj"),
            (",", ",", PUNCT, 5, "punct"),
            ("officials", "official", NOUN, 5, "nsubj"),
            ("said", "say", VERB, 2, "parataxis"),
        ]],
        "2020-01-01",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("PER", "CHL"));
}

#[test]
fn patterns_match_objects_and_prepositional_phrases() {
    // RUSH: `- * AID [070]`, `- * (TO) [042:043]`.
    let aid = doc(
        &[&[
            ("Peru", "Peru", PROPN, 2, "nsubj"),
            ("rushed", "rush", VERB, 0, "root"),
            ("aid", "aid", NOUN, 2, "obj"),
            ("to", "to", ADP, 5, "case"),
            ("Chile", "Chile", PROPN, 2, "obl"),
        ]],
        "2020-01-01",
    );
    assert_eq!(codes(&aid), vec![triple("PER", "CHL", "070")]);
    let visit = doc(
        &[&[
            ("Peru", "Peru", PROPN, 2, "nsubj"),
            ("rushed", "rush", VERB, 0, "root"),
            ("to", "to", ADP, 4, "case"),
            ("Chile", "Chile", PROPN, 2, "obl"),
        ]],
        "2020-01-01",
    );
    // The pattern's pair: Peru visits, Chile hosts.
    assert_eq!(
        codes(&visit),
        vec![triple("CHL", "PER", "043"), triple("PER", "CHL", "042")]
    );
}

#[test]
fn discards_drop_the_sentence() {
    let d = doc(
        &[&[
            ("Peru", "Peru", PROPN, 2, "nsubj"),
            ("beat", "beat", VERB, 0, "root"),
            ("Chile", "Chile", PROPN, 2, "obj"),
            ("at", "at", ADP, 5, "case"),
            ("baseball", "baseball", NOUN, 2, "obl"),
        ]],
        "2020-01-01",
    );
    assert!(codes(&d).is_empty());
}

#[test]
fn date_restrictions_follow_the_article_date() {
    let s: &[W] = &[
        ("Putin", "Putin", PROPN, 2, "nsubj"),
        ("attacked", "attack", VERB, 0, "root"),
        ("Georgia", "Georgia", PROPN, 2, "obj"),
    ];
    assert_eq!(codes(&doc(&[s], "2010-06-01"))[0].0, "RUSGOV");
    assert_eq!(codes(&doc(&[s], "1980-06-01"))[0].0, "RUSELI");
}

#[test]
fn titled_person_with_a_country_codes_as_government() {
    // "Foreign Minister Helena Duarte urged New Delhi to meet": BRAGOV -> INDGOV, an appeal.
    let mut d = doc(
        &[&[
            ("Foreign", "foreign", ADJ, 2, "amod"),
            ("Minister", "minister", PROPN, 4, "compound"),
            ("Helena", "Helena", PROPN, 4, "compound"),
            ("Duarte", "Duarte", PROPN, 5, "nsubj"),
            ("urged", "urge", VERB, 0, "root"),
            ("New", "New", PROPN, 7, "compound"),
            ("Delhi", "Delhi", PROPN, 5, "obj"),
            ("to", "to", PART, 9, "mark"),
            ("meet", "meet", VERB, 5, "xcomp"),
        ]],
        "2025-03-08",
    );
    mention(&mut d, 2..4, EntityType::PER, &["Foreign Minister"], "BRA");
    let c = codes(&d);
    assert!(
        c.iter()
            .any(|e| e.0 == "BRAGOV" && e.1 == "INDGOV" && e.2.starts_with("02")),
        "{c:?}"
    );
}

#[test]
fn envoy_of_a_country_codes_as_its_government() {
    // "its envoy to Chile Arjun Mehta", of India: the entity layer gives title and country.
    let mut d = doc(
        &[&[
            ("Arjun", "Arjun", PROPN, 3, "nsubj"),
            ("Mehta", "Mehta", PROPN, 1, "flat"),
            ("criticized", "criticize", VERB, 0, "root"),
            ("Peru", "Peru", PROPN, 3, "obj"),
        ]],
        "2025-03-08",
    );
    mention(&mut d, 0..2, EntityType::PER, &["envoy to Chile"], "IND");
    let c = codes(&d);
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("INDGOV", "PER"));
    assert!(c[0].2.starts_with("11"));
}

#[test]
fn demonym_with_agent_noun() {
    let d = doc(
        &[&[
            ("Peruvian", "Peruvian", ADJ, 2, "amod"),
            ("troops", "troop", NOUN, 3, "nsubj"),
            ("attacked", "attack", VERB, 0, "root"),
            ("Chile", "Chile", PROPN, 3, "obj"),
        ]],
        "2025-03-08",
    );
    assert_eq!(codes(&d)[0].0, "PERMIL");
}

#[test]
fn capital_as_government_from_the_entity_layer() {
    // A capital the dictionaries do not know, from the entity layer: Brasília -> BRAGOV.
    let mut d = doc(
        &[&[
            ("Brasilia", "Brasilia", PROPN, 2, "nsubj"),
            ("criticized", "criticize", VERB, 0, "root"),
            ("Peru", "Peru", PROPN, 2, "obj"),
        ]],
        "2025-03-08",
    );
    mention(&mut d, 0..1, EntityType::GPE, &[], "BRA");
    assert_eq!(codes(&d)[0].0, "BRAGOV");
}

#[test]
fn reports_of_the_same_event_are_merged() {
    let d = doc(&[PERU_ATTACKED_CHILE, PERU_ATTACKED_CHILE], "2020-01-01");
    let ev = phoenix().code(&d);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].reports, 2);
    assert_eq!(ev[0].sentence, 0);
}

#[test]
fn no_target_without_dyad_requirement() {
    let d = doc(
        &[&[
            ("Peru", "Peru", PROPN, 2, "nsubj"),
            ("protested", "protest", VERB, 0, "root"),
        ]],
        "2020-01-01",
    );
    assert!(phoenix().code(&d).is_empty());
    let ev = phoenix().code_with(
        &d,
        Options {
            require_dyad: false,
        },
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].target.code, "---");
}

#[test]
fn validation_dictionaries_load() {
    let c = Coder::validation().expect("validation dictionaries load");
    let d = doc(
        &[&[
            ("Arnor", "Arnor", PROPN, 2, "nsubj"),
            ("abandoned", "abandon", VERB, 0, "root"),
            ("Gondor", "Gondor", PROPN, 2, "obj"),
        ]],
        "1995-01-01",
    );
    let ev = c.code(&d);
    assert_eq!(ev.len(), 1);
    assert_eq!(
        (
            ev[0].source.code.as_str(),
            ev[0].target.code.as_str(),
            ev[0].cameo.as_str()
        ),
        ("ARN", "GON", "345")
    );
}

#[test]
fn issues_are_counted() {
    let c = phoenix();
    let issues = c.issues("The ministry of education said schools and universities reopened.");
    assert!(!issues.is_empty(), "{issues:?}");
}

fn validation() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| Coder::validation().expect("validation dictionaries load"))
}

fn validation_codes(d: &Document) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = validation()
        .code(d)
        .into_iter()
        .map(|e| (e.source.code, e.target.code, e.cameo))
        .collect();
    v.sort();
    v
}

#[test]
fn target_inside_a_clause_that_modifies_the_object() {
    // "Calenardhon welcomed cultural memos sent by Bree": WELCOME `{&TIETYPES MEMOS}` [912],
    // the target from the clause on the object.
    let d = doc(
        &[&[
            ("Calenardhon", "Calenardhon", PROPN, 2, "nsubj"),
            ("welcomed", "welcome", VERB, 0, "root"),
            ("cultural", "cultural", ADJ, 4, "amod"),
            ("memos", "memo", NOUN, 2, "obj"),
            ("sent", "send", VERB, 4, "acl"),
            ("by", "by", ADP, 7, "case"),
            ("Bree", "Bree", PROPN, 5, "obl:agent"),
        ]],
        "1995-01-18",
    );
    assert_eq!(validation_codes(&d), vec![triple("CAL", "BRE", "912")]);
    // "cultural secret memos" is not the phrase `{&TIETYPES MEMOS}`: the block's 050.
    let d = doc(
        &[&[
            ("Calenardhon", "Calenardhon", PROPN, 2, "nsubj"),
            ("welcomed", "welcome", VERB, 0, "root"),
            ("cultural", "cultural", ADJ, 5, "amod"),
            ("secret", "secret", ADJ, 5, "amod"),
            ("memos", "memo", NOUN, 2, "obj"),
            ("sent", "send", VERB, 5, "acl"),
            ("by", "by", ADP, 8, "case"),
            ("Bree", "Bree", PROPN, 6, "obl:agent"),
        ]],
        "1995-01-18",
    );
    assert_eq!(validation_codes(&d), vec![triple("CAL", "BRE", "050")]);
}

#[test]
fn target_inside_a_prepositional_phrase_of_the_verb() {
    // "Ethiopia acted on a resolution against Libya": ACT `* (ON RESOLUTION)` [057].
    let d = doc(
        &[&[
            ("Ethiopia", "Ethiopia", PROPN, 2, "nsubj"),
            ("acted", "act", VERB, 0, "root"),
            ("on", "on", ADP, 5, "case"),
            ("a", "a", DET, 5, "det"),
            ("resolution", "resolution", NOUN, 2, "obl"),
            ("against", "against", ADP, 7, "case"),
            ("Libya", "Libya", PROPN, 5, "nmod"),
        ]],
        "1995-01-01",
    );
    assert_eq!(validation_codes(&d), vec![triple("ETH", "LBY", "057")]);
}

#[test]
fn passive_without_agent_takes_the_other_party() {
    // "The Philippines was criticized over its dispute with Eriador": Eriador criticized.
    let d = doc(
        &[&[
            ("The", "the", DET, 2, "det"),
            ("Philippines", "Philippines", PROPN, 4, "nsubj:pass"),
            ("was", "be", AUX, 4, "aux:pass"),
            ("criticized", "criticize", VERB, 0, "root"),
            ("over", "over", ADP, 7, "case"),
            ("its", "its", PRON, 7, "nmod:poss"),
            ("dispute", "dispute", NOUN, 4, "obl"),
            ("with", "with", ADP, 9, "case"),
            ("Eriador", "Eriador", PROPN, 7, "nmod"),
        ]],
        "1995-01-03",
    );
    assert_eq!(validation_codes(&d), vec![triple("ERI", "PHL", "111")]);
}

#[test]
fn the_actor_nearest_before_the_head_describes_it() {
    // "The Al Qaeda-linked Somali militant group attacked Kenya": SOM + UAF, not Al Qaeda.
    let d = doc(
        &[&[
            ("The", "the", DET, 6, "det"),
            ("Al", "Al", PROPN, 3, "compound"),
            ("Qaeda", "Qaeda", PROPN, 6, "compound"),
            ("Somali", "Somali", ADJ, 6, "amod"),
            ("militant", "militant", ADJ, 6, "amod"),
            ("group", "group", NOUN, 7, "nsubj"),
            ("attacked", "attack", VERB, 0, "root"),
            ("Kenya", "Kenya", PROPN, 7, "obj"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("SOMUAF", "KEN"));
}

#[test]
fn a_name_with_a_for_phrase_is_one_actor() {
    // "The Syrian Observatory for Human Rights criticized Turkey": SYROPPHRI, not SYR.
    let d = doc(
        &[&[
            ("The", "the", DET, 3, "det"),
            ("Syrian", "Syrian", ADJ, 3, "amod"),
            ("Observatory", "observatory", NOUN, 7, "nsubj"),
            ("for", "for", ADP, 6, "case"),
            ("Human", "Human", PROPN, 6, "compound"),
            ("Rights", "Rights", PROPN, 3, "nmod"),
            ("criticized", "criticize", VERB, 0, "root"),
            ("Turkey", "Turkey", PROPN, 7, "obj"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("SYROPPHRI", "TUR"));
}

#[test]
fn a_compound_after_its_head_is_a_list_item() {
    // "The US, Russia, and Switzerland met", with Russia misparsed as a compound of US, an
    // unmarked modifier, a `list` item or (a conjunction following it) an apposition: each is
    // an item of the list.
    for rel in ["compound", "nmod:unmarked", "list", "appos"] {
        let d = doc(
            &[&[
                ("The", "the", DET, 2, "det"),
                ("US", "US", PROPN, 8, "nsubj"),
                (",", ",", PUNCT, 4, "punct"),
                ("Russia", "Russia", PROPN, 2, rel),
                (",", ",", PUNCT, 8, "punct"),
                ("and", "and", CCONJ, 7, "cc"),
                ("Switzerland", "Switzerland", PROPN, 8, "nsubj"),
                ("met", "meet", VERB, 0, "root"),
            ]],
            "2015-06-09",
        );
        let c = codes(&d);
        assert_eq!(c.len(), 6, "{rel}: {c:?}");
        assert!(c.contains(&triple("RUS", "CHE", "040")), "{rel}: {c:?}");
    }
}

#[test]
fn an_apposition_with_no_conjunction_after_it_stays_one_actor() {
    // "The US, Russia, attacked Chile": no "and" follows, so Russia is no second attacker.
    let d = doc(
        &[&[
            ("The", "the", DET, 2, "det"),
            ("US", "US", PROPN, 6, "nsubj"),
            (",", ",", PUNCT, 4, "punct"),
            ("Russia", "Russia", PROPN, 2, "appos"),
            (",", ",", PUNCT, 4, "punct"),
            ("attacked", "attack", VERB, 0, "root"),
            ("Chile", "Chile", PROPN, 6, "obj"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert!(c.iter().all(|e| e.0 != "RUS"), "{c:?}");
}

#[test]
fn an_adjective_with_subject_and_object_is_a_verb() {
    // "Peru would free Chilean prisoners" with "free" tagged ADJ.
    let d = doc(
        &[&[
            ("Peru", "Peru", PROPN, 3, "nsubj"),
            ("would", "would", AUX, 3, "aux"),
            ("free", "free", ADJ, 0, "root"),
            ("Chilean", "Chilean", ADJ, 5, "amod"),
            ("prisoners", "prisoner", NOUN, 3, "obj"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "PER");
}

#[test]
fn a_complement_that_codes_nothing_leaves_nothing() {
    // "Peru might want Obama to head back": WANT with nothing coded under it.
    let d = doc(
        &[&[
            ("Peru", "Peru", PROPN, 3, "nsubj"),
            ("might", "might", AUX, 3, "aux"),
            ("want", "want", VERB, 0, "root"),
            ("Obama", "Obama", PROPN, 3, "obj"),
            ("to", "to", PART, 6, "mark"),
            ("head", "head", VERB, 3, "xcomp"),
            ("back", "back", ADV, 6, "advmod"),
        ]],
        "2015-06-09",
    );
    assert!(codes(&d).is_empty(), "{:?}", codes(&d));
}

#[test]
fn the_subject_of_a_verbless_complement_is_the_target() {
    // "Gollum recently allowed that Mordor isn't a such neat place": ALLOW [080]; the
    // adverb before the verb is no pattern word (`- RECENTLY * [025]` does not apply).
    let d = doc(
        &[&[
            ("Gollum", "Gollum", PROPN, 3, "nsubj"),
            ("recently", "recently", ADV, 3, "advmod"),
            ("allowed", "allow", VERB, 0, "root"),
            ("that", "that", SCONJ, 10, "mark"),
            ("Mordor", "Mordor", PROPN, 10, "nsubj"),
            ("is", "be", AUX, 10, "cop"),
            ("n't", "not", PART, 10, "advmod"),
            ("a", "a", DET, 10, "det"),
            ("neat", "neat", ADJ, 10, "amod"),
            ("place", "place", NOUN, 3, "ccomp"),
        ]],
        "1992-01-02",
    );
    assert_eq!(validation_codes(&d), vec![triple("HOB", "MOR", "080")]);
}

#[test]
fn a_capital_under_fire_is_the_place() {
    // Seoul as the target of force codes KOR, not KORGOV;
    // spoken to, a capital is its government.
    let d = doc(
        &[&[
            ("Japan", "Japan", PROPN, 2, "nsubj"),
            ("fired", "fire", VERB, 0, "root"),
            ("shells", "shell", NOUN, 2, "obj"),
            ("at", "at", ADP, 5, "case"),
            ("Seoul", "Seoul", PROPN, 2, "obl"),
        ]],
        "2015-06-09",
    );
    let c = codes(&d);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].0.as_str(), c[0].1.as_str()), ("JPN", "KOR"));
    let d = doc(
        &[&[
            ("Japan", "Japan", PROPN, 2, "nsubj"),
            ("criticized", "criticize", VERB, 0, "root"),
            ("Seoul", "Seoul", PROPN, 2, "obj"),
        ]],
        "2015-06-09",
    );
    assert_eq!(codes(&d)[0].1, "KORGOV");
}

#[test]
fn a_conjunct_shares_the_phrases_of_its_first() {
    // "Lawmakers and officials in Arnor welcomed Eriador": both from Arnor.
    let d = doc(
        &[&[
            ("Lawmakers", "lawmaker", NOUN, 6, "nsubj"),
            ("and", "and", CCONJ, 3, "cc"),
            ("officials", "official", NOUN, 1, "conj"),
            ("in", "in", ADP, 5, "case"),
            ("Arnor", "Arnor", PROPN, 1, "nmod"),
            ("welcomed", "welcome", VERB, 0, "root"),
            ("Eriador", "Eriador", PROPN, 6, "obj"),
        ]],
        "1995-01-04",
    );
    assert_eq!(
        validation_codes(&d),
        vec![
            triple("ARNGOV", "ERI", "050"),
            triple("ARNLEG", "ERI", "050")
        ]
    );
    // "The Danish Islamist media and government warned Gondor": DNK + MUS for both.
    let d = doc(
        &[&[
            ("The", "the", DET, 4, "det"),
            ("Danish", "Danish", ADJ, 4, "amod"),
            ("Islamist", "Islamist", NOUN, 4, "compound"),
            ("media", "medium", NOUN, 7, "nsubj"),
            ("and", "and", CCONJ, 6, "cc"),
            ("government", "government", NOUN, 4, "conj"),
            ("warned", "warn", VERB, 0, "root"),
            ("Gondor", "Gondor", PROPN, 7, "obj"),
        ]],
        "1999-08-09",
    );
    assert_eq!(
        validation_codes(&d),
        vec![
            triple("DNKMUSGOV", "GON", "130"),
            triple("DNKMUSMED", "GON", "130")
        ]
    );
}

#[test]
fn a_second_subject_right_after_the_first_continues_its_phrase() {
    // "Arnor's minister Calimehtar warned of Gondor" with the name as a second subject: one
    // actor, the minister of Arnor, not the person besides.
    let d = doc(
        &[&[
            ("Arnor", "Arnor", PROPN, 3, "nmod:poss"),
            ("'s", "'s", PART, 1, "case"),
            ("minister", "minister", NOUN, 5, "nsubj"),
            ("Calimehtar", "Calimehtar", PROPN, 5, "nsubj"),
            ("warned", "warn", VERB, 0, "root"),
            ("of", "of", ADP, 7, "case"),
            ("Gondor", "Gondor", PROPN, 5, "obl"),
        ]],
        "1995-01-04",
    );
    assert_eq!(validation_codes(&d), vec![triple("ARNGOV", "GON", "130")]);
}

#[test]
fn a_noun_object_before_its_verb_is_its_subject() {
    // "Gondor lawmakers Tuesday welcomed Eriador", the lawmakers misparsed as a fronted object
    // and the day as the subject.
    let d = doc(
        &[&[
            ("Gondor", "Gondor", PROPN, 2, "compound"),
            ("lawmakers", "lawmaker", NOUN, 4, "obj"),
            ("Tuesday", "Tuesday", PROPN, 4, "nsubj"),
            ("welcomed", "welcome", VERB, 0, "root"),
            ("Eriador", "Eriador", PROPN, 4, "obj"),
        ]],
        "1995-01-04",
    );
    assert_eq!(validation_codes(&d), vec![triple("GONLEG", "ERI", "050")]);
}

#[test]
fn an_agent_phrase_hung_on_an_adverb_still_counts() {
    // "Eriador was opposed earlier by Osgiliath", the "by" phrase under "earlier".
    let d = doc(
        &[&[
            ("Eriador", "Eriador", PROPN, 3, "nsubj:pass"),
            ("was", "be", AUX, 3, "aux:pass"),
            ("opposed", "oppose", VERB, 0, "root"),
            ("earlier", "early", ADV, 3, "advmod"),
            ("by", "by", ADP, 6, "case"),
            ("Osgiliath", "Osgiliath", PROPN, 4, "obl"),
        ]],
        "1995-01-04",
    );
    assert_eq!(validation_codes(&d), vec![triple("OSG", "ERI", "110")]);
}

#[test]
fn a_name_hung_on_its_preposition_stays_in_the_phrase() {
    // "Japan fired artillery shells at New Zealand on Thursday", with "New" under "at" and
    // "Thursday" as the head of the phrase.
    let d = doc(
        &[&[
            ("Japan", "Japan", PROPN, 2, "nsubj"),
            ("fired", "fire", VERB, 0, "root"),
            ("artillery", "artillery", NOUN, 4, "compound"),
            ("shells", "shell", NOUN, 2, "obj"),
            ("at", "at", ADP, 9, "case"),
            ("New", "New", PROPN, 5, "flat"),
            ("Zealand", "Zealand", PROPN, 6, "flat"),
            ("on", "on", ADP, 9, "case"),
            ("Thursday", "Thursday", PROPN, 2, "obl"),
        ]],
        "2015-06-09",
    );
    assert_eq!(codes(&d), vec![triple("JPN", "NZL", "193")]);
}

#[test]
fn an_infinitive_on_the_object_names_no_party() {
    // "Arnor met to discuss efforts to counter Mordor": Mordor is what the efforts are
    // against, no party to the talks.
    let d = doc(
        &[&[
            ("Arnor", "Arnor", PROPN, 2, "nsubj"),
            ("met", "meet", VERB, 0, "root"),
            ("to", "to", PART, 4, "mark"),
            ("discuss", "discuss", VERB, 2, "advcl"),
            ("efforts", "effort", NOUN, 4, "obj"),
            ("to", "to", PART, 7, "mark"),
            ("counter", "counter", VERB, 5, "acl"),
            ("Mordor", "Mordor", PROPN, 7, "obj"),
        ]],
        "1995-01-04",
    );
    let c = validation_codes(&d);
    assert!(c.iter().all(|(s, t, _)| s != "MOR" && t != "MOR"), "{c:?}");
}

#[test]
fn the_of_phrase_of_a_place_is_no_party_of_a_passive() {
    // "Civilians were killed in the east of Gondor": Gondor is where, not who.
    let d = doc(
        &[&[
            ("Civilians", "civilian", NOUN, 3, "nsubj:pass"),
            ("were", "be", AUX, 3, "aux:pass"),
            ("killed", "kill", VERB, 0, "root"),
            ("in", "in", ADP, 6, "case"),
            ("the", "the", DET, 6, "det"),
            ("east", "east", NOUN, 3, "obl"),
            ("of", "of", ADP, 8, "case"),
            ("Gondor", "Gondor", PROPN, 6, "nmod"),
        ]],
        "1995-01-04",
    );
    assert!(
        validation_codes(&d).is_empty(),
        "{:?}",
        validation_codes(&d)
    );
}
