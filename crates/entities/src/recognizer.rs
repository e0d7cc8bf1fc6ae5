//! [`Recognizer`]: mentions from the tagger, refined by the gazetteers, with titles and
//! countries, grouped into entities.

use crate::attrs::{self, View};
use crate::coref::{self, Found};
use crate::features::{sentence_infos, Scratch, WordInfo};
use crate::gazetteer::{self, Cat};
use crate::tagger::{decode, spans, TYPES};
use crate::{Error, Result, FEATURES};
use dateline_document::{Document, Entity, EntityType, Mention};
use dateline_learn::{Header, ModelFile, Weights};

/// Finds entity mentions and entities in a tagged (and ideally parsed) document; load once,
/// share across threads.
#[derive(Debug)]
pub struct Recognizer {
    weights: Weights,
    header: Header,
}

impl Recognizer {
    /// Builds a recognizer from a model file written by [`crate::train`]; `name` names it in
    /// errors.
    pub fn from_model(model: &ModelFile, name: &str) -> Result<Recognizer> {
        let bad = |reason: String| Error::Incompatible {
            name: name.to_string(),
            reason,
        };
        if model.header.kind != "ner" {
            return Err(bad(format!(
                "this is a {} model, not an entity (ner) model",
                model.header.kind
            )));
        }
        if model.header.features != FEATURES {
            return Err(bad(format!(
                "model has features {}, this build extracts {FEATURES}",
                model.header.features
            )));
        }
        let weights = Weights::from_bytes(model.section("weights", name)?)
            .ok_or_else(|| bad("weights section is malformed".into()))?;
        let types = String::from_utf8_lossy(model.section("types", name)?).into_owned();
        let want: Vec<&str> = TYPES.iter().map(|t| t.as_str()).collect();
        if types.lines().collect::<Vec<_>>() != want
            || weights.n_classes() != crate::tagger::N_LABELS
        {
            return Err(bad("type table and weights disagree".into()));
        }
        // Build the gazetteers now rather than on the first document.
        let _ = gazetteer::shared();
        Ok(Recognizer {
            weights,
            header: model.header.clone(),
        })
    }

    /// How the model was trained.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Reads words, sentences, pos and deps; returns the mentions (text order) and the
    /// entities they point to (`Mention::entity` indexes the returned entities).
    ///
    /// Works without the `pos` or `deps` layer (worse); never panics on a malformed document.
    pub fn recognize(&self, doc: &Document) -> (Vec<Mention>, Vec<Entity>) {
        let gaz = gazetteer::shared();
        let n = doc.words.len();
        let has_pos = doc.pos.len() == n;
        let mut scratch = Scratch::default();
        let mut infos: Vec<WordInfo> = Vec::new();
        let mut labels = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        let mut forms: Vec<&str> = Vec::new();
        let mut tags: Vec<(&str, &str)> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let start = s.words.start.min(n);
            let end = s.words.end.min(n).max(start);
            if start == end
                || doc.words[start..end].iter().any(|w| {
                    w.span.end > doc.text.len()
                        || !doc.text.is_char_boundary(w.span.start)
                        || !doc.text.is_char_boundary(w.span.end)
                        || w.span.start > w.span.end
                })
            {
                continue;
            }
            forms.clear();
            tags.clear();
            for i in start..end {
                forms.push(doc.word_text(i));
                if has_pos {
                    tags.push((doc.pos[i].upos.as_str(), doc.pos[i].xpos));
                }
            }
            sentence_infos(&forms, &tags, gaz, &mut scratch, &mut infos);
            let mut sent_spans: Vec<(usize, usize, EntityType)> = Vec::new();
            if self.weights.n_classes() > 0 {
                decode(&self.weights, &infos, &mut labels, &mut scratch);
                for (a, b, t) in spans(&labels) {
                    sent_spans.push((a, b, TYPES[t]));
                }
            }
            let lower = std::mem::take(&mut scratch.lower);
            let exact = std::mem::take(&mut scratch.exact);
            let matches = std::mem::take(&mut scratch.matches);
            gazetteer_names(&forms, &tags, &matches, gaz, &mut sent_spans);
            split_place_person(&matches, gaz, &mut sent_spans);
            // A span that is only a nationality is NORP whatever the tagger said; one that is
            // only a title or modifier ("Deputy") is no name.
            sent_spans.retain_mut(|sp| {
                let only = |cats: &[Cat]| {
                    matches.iter().any(|m| {
                        m.start == sp.0 && m.end == sp.1 && cats.contains(&gaz.entry(m.entry).cat)
                    })
                };
                if only(&[Cat::Demonym]) && !only(&[Cat::Country]) {
                    sp.2 = EntityType::NORP;
                }
                let all_title = (sp.0..sp.1).all(|k| {
                    gaz.is_modifier(lower[k])
                        || matches.iter().any(|m| {
                            m.start <= k && k < m.end && gaz.entry(m.entry).cat == Cat::Title
                        })
                });
                !all_title
            });
            // Nationality and group words the tagger left out become NORP mentions.
            for m in &matches {
                let e = gaz.entry(m.entry);
                let capital = forms[m.start]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                if matches!(e.cat, Cat::Demonym | Cat::Group)
                    && capital
                    && !sent_spans.iter().any(|&(a, b, _)| a < m.end && m.start < b)
                    && !(m.end < forms.len() && is_name_like(forms[m.end]) && e.cat == Cat::Group)
                {
                    sent_spans.push((m.start, m.end, EntityType::NORP));
                }
            }
            sent_spans.sort_by_key(|s| s.0);
            let view = View {
                doc,
                base: start,
                lower: &lower,
                matches: &matches,
                gaz,
            };
            for (a, b, mut kind) in sent_spans {
                let entries: Vec<_> = gaz.lookup(&lower[a..b], &exact[a..b]).copied().collect();
                let has = |c: Cat| entries.iter().find(|e| e.cat == c);
                let place = has(Cat::Country).or(has(Cat::Capital)).or(has(Cat::City));
                let mut f = Found::new(start + a..start + b, kind, si);
                match kind {
                    EntityType::LOC | EntityType::GPE => {
                        if let Some(p) = place {
                            kind = EntityType::GPE;
                            f.country = p.code;
                            f.capital = p.cat == Cat::Capital;
                            f.is_country = p.cat == Cat::Country;
                        }
                    }
                    EntityType::MISC | EntityType::NORP => {
                        if let Some(d) = has(Cat::Demonym).or(has(Cat::Group)) {
                            kind = EntityType::NORP;
                            f.country = d.code;
                        }
                    }
                    EntityType::ORG => {
                        if let Some(o) = has(Cat::News).or(has(Cat::Intl)) {
                            f.country = o.code;
                        } else if let Some(p) = place {
                            // A country or capital named as an actor ("New Delhi said") is
                            // still the place: it keeps its country and can join it.
                            f.country = p.code;
                            f.capital = p.cat == Cat::Capital;
                            f.is_country = p.cat == Cat::Country;
                        }
                    }
                    EntityType::PER => {
                        let a2 = attrs::person(&view, a, b, end - start);
                        f.titles = a2.titles;
                        f.country = a2.country;
                        f.country_from_possessive = a2.country_from_possessive;
                        if f.country.is_none() {
                            f.country = has(Cat::Actor).and_then(|e| e.code);
                        }
                        if let Some(fname) = gaz
                            .lookup(&lower[a..a + 1], &exact[a..a + 1])
                            .find(|e| e.cat == Cat::FirstName)
                        {
                            f.gender = fname.gender;
                        }
                        if a > 0 {
                            let g = attrs::honorific_gender(&gazetteer::lower(forms[a - 1]));
                            if g != 0 {
                                f.gender = g;
                            }
                        }
                        for t in &f.titles {
                            let last = t.rsplit(' ').next().unwrap_or("");
                            let g = attrs::honorific_gender(&gazetteer::lower(last));
                            if g != 0 && f.gender == 0 {
                                f.gender = g;
                            }
                        }
                    }
                }
                f.kind = kind;
                found.push(f);
            }
            // Descriptions and pronouns are found by the coreference step, sentence by sentence.
            coref::candidates(&view, si, end - start, &mut found);
            scratch.lower = lower;
            scratch.exact = exact;
            scratch.matches = matches;
        }
        coref::resolve(doc, found)
    }
}

/// Lets capitalised gazetteer names (countries, cities, news and international organizations,
/// known political figures) fix the tagger's spans: a name the tagger cut ("New" + "Delhi
/// was") or missed becomes one mention of the gazetteer's type. A predicted span that
/// contains the name and more ("New Delhi Television") is kept.
fn gazetteer_names(
    forms: &[&str],
    tags: &[(&str, &str)],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    let mut cands: Vec<(usize, usize, EntityType)> = matches
        .iter()
        .filter_map(|m| {
            let kind = match gaz.entry(m.entry).cat {
                Cat::Country | Cat::Capital | Cat::City => EntityType::LOC,
                Cat::News | Cat::Intl => EntityType::ORG,
                Cat::Actor => EntityType::PER,
                _ => return None,
            };
            let caps = forms[m.start..m.end]
                .iter()
                .all(|w| is_name_like(w) || w.chars().all(|c| !c.is_alphabetic()) || w.len() <= 3)
                && is_name_like(forms[m.start])
                && is_name_like(forms[m.end - 1]);
            caps.then_some((m.start, m.end, kind))
        })
        .collect();
    // Longest first; ties keep the list order (a country before a city of the same name).
    cands.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (s, e, kind) in cands {
        if taken.iter().any(|&(a, b)| a < e && s < b) {
            continue;
        }
        let overlapping: Vec<usize> = (0..spans.len())
            .filter(|&k| spans[k].0 < e && s < spans[k].1)
            .collect();
        if overlapping
            .iter()
            .any(|&k| spans[k].0 <= s && spans[k].1 >= e)
        {
            // The tagger's span covers the whole name (or more): keep it.
            taken.push((s, e));
            continue;
        }
        let proper = tags.is_empty() || tags[s..e].iter().any(|(u, _)| *u == "PROPN") || e - s > 1;
        if overlapping.is_empty() && !proper {
            continue;
        }
        for k in overlapping.into_iter().rev() {
            spans.remove(k);
        }
        spans.push((s, e, kind));
        taken.push((s, e));
    }
}

/// Splits a span that starts with a place and goes on with a first name ("Chile Arjun
/// Mehta" in "its envoy to Chile Arjun Mehta") into the place and the person.
fn split_place_person(
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    let mut extra = Vec::new();
    for sp in spans.iter_mut() {
        let split = matches.iter().find(|m| {
            m.start == sp.0
                && m.end < sp.1
                && matches!(
                    gaz.entry(m.entry).cat,
                    Cat::Country | Cat::Capital | Cat::City
                )
                && matches
                    .iter()
                    .any(|f| f.start == m.end && gaz.entry(f.entry).cat == Cat::FirstName)
        });
        if let Some(m) = split {
            extra.push((m.end, sp.1, EntityType::PER));
            *sp = (sp.0, m.end, EntityType::LOC);
        }
    }
    spans.extend(extra);
}

/// Capitalised word that could continue a name.
fn is_name_like(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}
