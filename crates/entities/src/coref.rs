//! Coreference within an article: names, short names, descriptions and pronouns grouped into
//! entities.
//!
//! - A name joins an earlier entity of the same type with the same name ("India" ... "India"),
//!   or, for people, whose name ends with it ("Helena Duarte" ... "Duarte").
//! - A country's names join each other ("U.S." ... "United States"), and a capital used as an
//!   actor (subject or object: "urging New Delhi to send") joins its country.
//! - A description "the minister", "the Indian leader" joins the most recent person with that
//!   title or country.
//! - "he"/"she" join the most recent person of compatible gender (from first names, honorifics
//!   and gendered titles), within a few sentences; "they" the most recent country or
//!   organization of the last two sentences.

use crate::attrs::View;
use crate::gazetteer::{lower, Cat};
use dateline_document::{Document, Entity, EntityType, Mention, MentionForm, Span};
use std::ops::Range;

/// A mention before resolution.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub words: Range<usize>,
    pub kind: EntityType,
    pub form: MentionForm,
    pub sentence: usize,
    pub titles: Vec<String>,
    pub country: Option<[u8; 3]>,
    /// "its"/"their" (this word) stood where the country goes.
    pub country_from_possessive: Option<usize>,
    pub gender: u8,
    /// A capital city (may stand for its government).
    pub capital: bool,
    /// A country name.
    pub is_country: bool,
    /// For descriptions: the title word that must match ("minister").
    pub head: Option<String>,
    /// For pronouns: plural ("they").
    pub plural: bool,
}

impl Found {
    pub fn new(words: Range<usize>, kind: EntityType, sentence: usize) -> Found {
        Found {
            words,
            kind,
            form: MentionForm::Name,
            sentence,
            titles: Vec::new(),
            country: None,
            country_from_possessive: None,
            gender: 0,
            capital: false,
            is_country: false,
            head: None,
            plural: false,
        }
    }
}

/// Finds descriptions ("the minister", "the Indian leader") and pronouns in one sentence.
pub(crate) fn candidates(v: &View, si: usize, n: usize, found: &mut Vec<Found>) {
    let covered = |i: usize, found: &Vec<Found>| {
        found
            .iter()
            .rev()
            .take_while(|f| f.sentence == si)
            .any(|f| f.words.contains(&(v.base + i)))
    };
    let mut i = 0;
    while i < n {
        let w = v.doc.word_text(v.base + i);
        let l = lower(w);
        let (gender, plural, pron) = match l.as_str() {
            "he" | "him" | "his" | "himself" => (b'm', false, true),
            "she" | "her" | "hers" | "herself" => (b'f', false, true),
            "they" | "them" | "their" | "themselves" => (0, true, true),
            _ => (0, false, false),
        };
        if pron {
            let mut f = Found::new(v.base + i..v.base + i + 1, EntityType::PER, si);
            f.form = MentionForm::Pronoun;
            f.gender = gender;
            f.plural = plural;
            found.push(f);
            i += 1;
            continue;
        }
        if l == "the" && !covered(i, found) {
            // the (nationality) title, not followed by a capitalised name.
            let mut k = i + 1;
            let mut country = None;
            if let Some(m) = v
                .matches
                .iter()
                .find(|m| m.start == k && v.gaz.entry(m.entry).cat == Cat::Demonym)
            {
                country = v.gaz.entry(m.entry).code;
                k = m.end;
            }
            while k < n && v.gaz.is_modifier(v.lower[k]) {
                k += 1;
            }
            let title = v
                .matches
                .iter()
                .filter(|m| m.start == k && v.gaz.entry(m.entry).cat == Cat::Title)
                .map(|m| m.end)
                .max();
            if let Some(te) = title {
                let next_is_name = te < n
                    && v.doc
                        .word_text(v.base + te)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                let next_is_of = te < n && v.lower[te] == dateline_learn::Feat::hash_str("of");
                if !next_is_name && !next_is_of && !covered(te - 1, found) {
                    let mut f = Found::new(v.base + i..v.base + te, EntityType::PER, si);
                    f.form = MentionForm::Nominal;
                    f.country = country;
                    f.head = Some(lower(v.doc.word_text(v.base + te - 1)));
                    found.push(f);
                    i = te;
                    continue;
                }
            }
        }
        i += 1;
    }
}

struct Cluster {
    kind: EntityType,
    name: Option<(usize, String)>,
    name_words: Vec<String>,
    titles: Vec<String>,
    country: Option<[u8; 3]>,
    gender: u8,
    last: usize,
    /// First word of the cluster's latest mention: recency for pronouns and descriptions.
    last_word: usize,
    is_country: bool,
}

/// The country "its" at word `at` of sentence `sent` stands for: that of the last place or
/// organization that is the subject of this sentence or the one before (none if it has none),
/// else that of the last country-bearing name. "India also wants a share of Chile's lithium.
/// Its ambassador ..." is India's, not Chile's; "The group Freiheit Online welcomed it. Its
/// lawyer ..." has no country.
fn its_country(
    countries: &[(usize, Option<[u8; 3]>, usize, bool)],
    at: usize,
    sent: usize,
) -> Option<[u8; 3]> {
    let before = countries.iter().rev().filter(|c| c.0 <= at);
    match before.clone().take_while(|c| c.2 + 1 >= sent).find(|c| c.3) {
        Some(subject) => subject.1,
        None => before.clone().find_map(|c| c.1),
    }
}

/// The most recently mentioned cluster that passes `ok`.
fn most_recent(clusters: &[Cluster], ok: impl Fn(&Cluster) -> bool) -> Option<usize> {
    (0..clusters.len())
        .filter(|&i| ok(&clusters[i]))
        .max_by_key(|&i| clusters[i].last_word)
}

fn word_list(doc: &Document, r: &Range<usize>) -> Vec<String> {
    r.clone()
        .filter(|&i| i < doc.words.len())
        .map(|i| lower(doc.word_text(i)))
        .collect()
}

fn span_of(doc: &Document, r: &Range<usize>) -> Span {
    Span::new(doc.words[r.start].span.start, doc.words[r.end - 1].span.end)
}

fn title_head(t: &str) -> String {
    lower(t.rsplit(' ').next().unwrap_or(""))
}

/// Groups the mentions into entities.
pub(crate) fn resolve(
    doc: &Document,
    mut found: Vec<Found>,
    aliases: &[crate::aliases::Alias],
) -> (Vec<Mention>, Vec<Entity>) {
    found.sort_by_key(|f| (f.words.start, f.words.end));
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut assigned: Vec<Option<usize>> = vec![None; found.len()];
    // The country of each place or organization mentioned, for "its envoy": where its name
    // ends, the code, its sentence and whether it is a subject.
    let mut countries: Vec<(usize, Option<[u8; 3]>, usize, bool)> = Vec::new();
    for k in 0..found.len() {
        let f = found[k].clone();
        let sent = f.sentence;
        let pick = match f.form {
            MentionForm::Name => {
                let words = crate::aliases::expand(word_list(doc, &f.words), f.kind, aliases);
                let text = doc.slice(span_of(doc, &f.words)).to_string();
                let same_kind = |c: &Cluster| {
                    c.kind == f.kind
                        || (matches!(c.kind, EntityType::GPE | EntityType::LOC | EntityType::ORG)
                            && matches!(
                                f.kind,
                                EntityType::GPE | EntityType::LOC | EntityType::ORG
                            )
                            && f.country.is_some()
                            && c.country == f.country
                            && c.is_country
                            && f.is_country)
                };
                let mut pick = clusters.iter().rposition(|c| {
                    same_kind(c)
                        && (c.name_words == words
                            || (f.kind == EntityType::PER
                                && c.name_words.len() > words.len()
                                && c.name_words.ends_with(&words))
                            || (c.is_country && f.is_country && c.country == f.country))
                });
                // A capital as subject or object stands for its government.
                if pick.is_none() && f.capital {
                    let head = f.words.end - 1;
                    let actor = doc.deps.get(head).is_some_and(|d| {
                        d.rel.starts_with("nsubj") || d.rel == "obj" || d.rel == "iobj"
                    });
                    if actor {
                        pick = clusters
                            .iter()
                            .rposition(|c| c.is_country && c.country == f.country);
                    }
                }
                if f.kind != EntityType::PER && f.kind != EntityType::NORP {
                    let subject = f
                        .words
                        .clone()
                        .any(|w| doc.deps.get(w).is_some_and(|d| d.rel.starts_with("nsubj")));
                    countries.push((f.words.end, f.country, sent, subject));
                }
                let _ = text;
                pick
            }
            MentionForm::Nominal => {
                let head = f.head.clone().unwrap_or_default();
                most_recent(&clusters, |c| {
                    c.kind == EntityType::PER
                        && sent.saturating_sub(c.last) <= 8
                        && (c.titles.iter().any(|t| title_head(t) == head)
                            || (f.country.is_some()
                                && c.country == f.country
                                && ["leader", "official", "diplomat"].contains(&head.as_str())))
                })
            }
            MentionForm::Pronoun => {
                if f.plural {
                    most_recent(&clusters, |c| {
                        matches!(c.kind, EntityType::GPE | EntityType::ORG)
                            && sent.saturating_sub(c.last) <= 1
                    })
                } else {
                    most_recent(&clusters, |c| {
                        c.kind == EntityType::PER
                            && sent.saturating_sub(c.last) <= 4
                            && (c.gender == 0 || c.gender == f.gender)
                    })
                }
            }
        };
        let f = &mut found[k];
        if let (Some(at), None) = (f.country_from_possessive, f.country) {
            f.country = its_country(&countries, at, f.sentence);
        }
        let ci = match pick {
            Some(ci) => ci,
            None if f.form == MentionForm::Name => {
                clusters.push(Cluster {
                    kind: f.kind,
                    name: None,
                    name_words: Vec::new(),
                    titles: Vec::new(),
                    country: None,
                    gender: 0,
                    last: sent,
                    last_word: f.words.start,
                    is_country: f.is_country,
                });
                clusters.len() - 1
            }
            None => continue,
        };
        assigned[k] = Some(ci);
        let c = &mut clusters[ci];
        c.last = sent;
        c.last_word = f.words.start;
        if f.form == MentionForm::Name {
            let text = doc.slice(span_of(doc, &f.words)).to_string();
            if c.name.as_ref().is_none_or(|(l, _)| text.len() > *l)
                && c.kind == f.kind
                && !(f.capital && c.is_country)
            {
                c.name_words = crate::aliases::expand(word_list(doc, &f.words), f.kind, aliases);
                c.name = Some((text.len(), text));
            }
            for t in &f.titles {
                if !c.titles.contains(t) {
                    c.titles.push(t.clone());
                }
            }
            if c.country.is_none() {
                c.country = f.country;
            }
        } else if f.form == MentionForm::Pronoun {
            f.kind = c.kind;
        }
        if c.gender == 0 && f.gender != 0 && c.kind == EntityType::PER {
            c.gender = f.gender;
        }
        if f.form == MentionForm::Nominal {
            f.kind = c.kind;
        }
    }
    let mut mentions = Vec::new();
    for (f, a) in found.iter().zip(&assigned) {
        let Some(ci) = a else { continue };
        mentions.push(Mention {
            span: span_of(doc, &f.words),
            words: f.words.clone(),
            kind: f.kind,
            form: f.form,
            entity: Some(*ci),
        });
    }
    let entities = clusters
        .into_iter()
        .map(|c| Entity {
            name: c.name.map(|(_, n)| n).unwrap_or_default(),
            kind: c.kind,
            titles: c.titles,
            country: c
                .country
                .and_then(|b| std::str::from_utf8(&b).ok().map(str::to_string)),
        })
        .collect();
    (mentions, entities)
}
