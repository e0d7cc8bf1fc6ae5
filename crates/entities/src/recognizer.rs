//! [`Recognizer`]: mentions from the tagger, refined by the gazetteers, with titles and
//! countries, grouped into entities.

use crate::aliases;
use crate::attrs::{self, View};
use crate::coref::{self, Found};
use crate::features::{sentence_infos, DocStats, Scratch, WordInfo};
use crate::gazetteer::{self, Cat};
use crate::spans::{classify, span_features, Elsewhere, NONE};
use crate::tagger::{decode, spans, TYPES};
use crate::{Error, Result, FEATURES};
use dateline_document::{Document, Entity, EntityType, Mention};
use dateline_learn::{Header, ModelFile, Scorer, SparseWeights, Weights};

/// Finds entity mentions and entities in a tagged (and ideally parsed) document; load once,
/// share across threads.
#[derive(Debug)]
pub struct Recognizer {
    /// The mention tagger's weights, sparse: a row touches a few of its classes, and scoring
    /// is most of the stage's time.
    weights: SparseWeights,
    /// The span typer (see `spans.rs`).
    typer: Weights,
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
        let weights = SparseWeights::from_bytes(model.section("weights", name)?)
            .ok_or_else(|| bad("weights section is malformed".into()))?;
        let typer = Weights::from_bytes(model.section("spans", name)?)
            .filter(|w| w.n_classes() == crate::spans::N_CLASSES)
            .ok_or_else(|| bad("spans section is malformed".into()))?;
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
            typer,
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
        let ok = |i: usize| {
            let w = &doc.words[i];
            w.span.end <= doc.text.len()
                && doc.text.is_char_boundary(w.span.start)
                && doc.text.is_char_boundary(w.span.end)
                && w.span.start <= w.span.end
        };
        let mut stats = DocStats::default();
        for s in &doc.sentences {
            let (start, end) = (s.words.start.min(n), s.words.end.min(n));
            if start < end && (start..end).all(ok) {
                stats.add((start..end).map(|i| doc.word_text(i)));
            }
        }
        // Pass 1: the tagger's spans, sentence by sentence, with titles cut from their front.
        let mut tagged: Vec<Tagged> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let start = s.words.start.min(n);
            let end = s.words.end.min(n).max(start);
            if start == end || !(start..end).all(ok) {
                continue;
            }
            words_of(doc, start..end, has_pos, &mut forms, &mut tags);
            sentence_infos(&forms, &tags, gaz, &stats, &mut scratch, &mut infos);
            gaz.late_matches(&scratch.lower, &scratch.exact, &mut scratch.matches);
            let mut found_spans = Vec::new();
            if self.weights.n_classes() > 0 {
                decode(&self.weights, &infos, true, &mut labels, &mut scratch);
                for (a, b, t) in spans(&labels) {
                    // Titles in front of a name are not part of it ("President Tomas Reyes"):
                    // the titles step reads them from before the name.
                    let mut a = a;
                    while a + 1 < b {
                        let title_end = scratch
                            .matches
                            .iter()
                            .filter(|m| m.start == a && gaz.entry(m.entry).cat == Cat::Title)
                            .map(|m| m.end)
                            .max();
                        // A place or nationality before a title ("U.S. Ambassador Meg
                        // Whitman") goes with the title: the titles step reads its country.
                        let place_end = || {
                            scratch
                                .matches
                                .iter()
                                .filter(|m| {
                                    let cat = gaz.entry(m.entry).cat;
                                    m.start == a && (cat.is_place() || cat == Cat::Demonym)
                                })
                                .map(|m| m.end)
                                .max()
                                .filter(|&e| gaz.starts_at(&scratch.matches, e, Cat::Title))
                        };
                        let next = match title_end {
                            Some(e) => e,
                            None if gaz.is_modifier(scratch.lower[a]) => a + 1,
                            None => match place_end() {
                                Some(e) => e,
                                None => break,
                            },
                        };
                        if next >= b || !is_name_like(forms[next]) {
                            break;
                        }
                        a = next;
                    }
                    found_spans.push((a, b, t));
                }
            }
            tagged.push(Tagged {
                infos: std::mem::take(&mut infos),
                found: found_spans,
                work: SentenceWork {
                    si,
                    start,
                    end,
                    lower: scratch.lower.clone(),
                    exact: scratch.exact.clone(),
                    matches: scratch.matches.clone(),
                    glued: glued_words(doc, start..end),
                    spans: Vec::new(),
                },
            });
        }
        // Pass 2: the span typer reads each span with the same name's other places in the
        // article; then the gazetteers fix what the tagger cut or missed.
        let mut elsewhere = Elsewhere::default();
        let mut id = 0;
        for t in &tagged {
            elsewhere.add_sentence(&t.infos, &t.found, id);
            id += t.found.len();
        }
        let mut id = 0;
        let mut work: Vec<SentenceWork> = Vec::new();
        for t in tagged {
            let Tagged {
                infos: t_infos,
                found: t_found,
                work: mut w,
            } = t;
            words_of(doc, w.start..w.end, has_pos, &mut forms, &mut tags);
            let mut sent_spans: Vec<(usize, usize, EntityType)> = Vec::new();
            for &(a, b, t_ty) in &t_found {
                span_features(
                    &t_infos,
                    &w.lower,
                    &w.exact,
                    gaz,
                    a,
                    b,
                    t_ty,
                    elsewhere.of(&t_infos, a, b),
                    id,
                    &mut scratch.feats,
                );
                id += 1;
                let ty = classify(&self.typer, &scratch.feats, &mut scratch.scores);
                // A first name the tagger found alone before a capitalised word ("Tim" of "Tim
                // Cook", where "Cook" reads as a common noun) is that person's name.
                let first_name = b == a + 1
                    && b < forms.len()
                    && is_name_like(forms[b])
                    && !t_found.iter().any(|&(s, _, _)| s == b)
                    && gaz.is_word(&w.matches, a, Cat::FirstName);
                if first_name && ty == NONE {
                    if let Some(sp) = by_convention(&forms, &w.glued, a, b + 1, EntityType::PER) {
                        sent_spans.push(sp);
                    }
                    continue;
                }
                // A name right after a person's title ("Sen. Maria Lopez, D-Calif.,") is a
                // person's, whatever else the typer made of its context; and one that opens
                // with a first name is, even where the typer rejected it
                // ("Secretary-General Maria Fernandes", split by the hyphen's tokens).
                let titled = a > 0 && gaz.ends_at(&w.matches, a, Cat::Title);
                let opens_with_first_name = || gaz.is_word(&w.matches, a, Cat::FirstName);
                // A place run on into a person ("its envoy to Chile Arjun Mehta") reads to the
                // typer as neither; it goes on as a place for the split below.
                let of_type = |k| TYPES.iter().position(|&t| t == k).unwrap_or(NONE);
                let ty = if ty == NONE && titled && opens_with_first_name() {
                    of_type(EntityType::PER)
                } else if ty == NONE && place_then_person(&w.matches, gaz, a, b).is_some() {
                    of_type(EntityType::LOC)
                } else if ty == NONE && b > a + 1 && LEGAL_FORMS.contains(&forms[b - 1]) {
                    // "Harlow & Finch Plc": a legal form ends only a company's name.
                    of_type(EntityType::ORG)
                } else {
                    ty
                };
                // A person run on into an organization and rejected as a whole ("Inspector
                // Elena Ruiz of the National Police"): the person and the organization.
                if ty == NONE {
                    if let Some((p, k)) = person_of_the(&forms, &w.matches, gaz, a, b) {
                        sent_spans.push((p, k, EntityType::PER));
                        sent_spans.push((k + 2, b, EntityType::ORG));
                        continue;
                    }
                }
                // A surname the tagger found as a person after a title, with the first name
                // between them left out ("Chief executive Priya Nair" gave "Nair", which the
                // typer rejected): the person is the whole name.
                if ty == NONE && TYPES.get(t_ty) == Some(&EntityType::PER) {
                    let from = (a.saturating_sub(2)..a).find(|&s| {
                        gaz.ends_at(&w.matches, s, Cat::Title)
                            && forms[s..a].iter().all(|f| is_name_like(f))
                    });
                    if let Some(s) = from {
                        if let Some(sp) = by_convention(&forms, &w.glued, s, b, EntityType::PER) {
                            sent_spans.push(sp);
                        }
                        continue;
                    }
                }
                if ty != NONE {
                    let kind = match TYPES[ty] {
                        EntityType::MISC if titled => EntityType::PER,
                        k => k,
                    };
                    let (a, b, kind) = without_addresses(&forms, a, b, kind);
                    if let Some(sp) = by_convention(&forms, &w.glued, a, b, kind) {
                        sent_spans.push(sp);
                    }
                }
            }
            hyphenated(&forms, &w.glued, &mut sent_spans);
            legal_forms(&forms, &mut sent_spans);
            let (lower, matches) = (&w.lower, &w.matches);
            signatures(&forms, &tags, matches, gaz, &mut sent_spans);
            gazetteer_names(&forms, &tags, matches, gaz, &mut sent_spans);
            split_place_person(matches, gaz, &mut sent_spans);
            titled_names(&forms, matches, gaz, &mut sent_spans);
            dateline_agency(&forms, &mut sent_spans);
            affiliations(&forms, matches, gaz, &mut sent_spans);
            cued_names(doc, w.start, &forms, matches, gaz, &mut sent_spans);
            listed_people(&forms, &mut sent_spans);
            possessed_by_places(&forms, matches, gaz, &mut sent_spans);
            places_run_on(&forms, &mut sent_spans);
            place_then_state(&forms, &tags, matches, gaz, &mut sent_spans);
            businesses(&forms, &tags, &mut sent_spans);
            display_names(&forms, &mut sent_spans);
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
            w.spans = sent_spans;
            work.push(w);
        }
        // The same name is one thing throughout an article.
        vote(doc, &mut work);
        // Acronyms the article defines ("... Trust (BIRT)") name the same thing everywhere.
        let aliases = aliases::find(doc, &work);
        aliases::apply(doc, &aliases, &mut work);
        // Pass 2: types refined, titles and countries, descriptions and pronouns.
        for w in work {
            let SentenceWork {
                si,
                start,
                end,
                lower,
                exact,
                matches,
                glued,
                spans: mut sent_spans,
            } = w;
            words_of(doc, start..end, has_pos, &mut forms, &mut tags);
            // The vote's surnames ("Sadr" of "Muqtada al-Sadr") are found whole too.
            hyphenated(&forms, &glued, &mut sent_spans);
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
            let first_name = |k: usize| gaz.is_word(&matches, k, Cat::FirstName);
            join_first_names(&mut sent_spans, first_name);
            sent_spans.retain(|&(a, b, _)| !(b == a + 1 && is_function_word(forms[a])));
            let view = View {
                doc,
                base: start,
                lower: &lower,
                matches: &matches,
                gaz,
            };
            for (a, b, mut kind) in sent_spans {
                let entries: Vec<_> = gaz
                    .lookup_written(&lower[a..b], &exact[a..b])
                    .copied()
                    .collect();
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
                        let known = has(Cat::News).or(has(Cat::Intl));
                        if let Some(o) = known.filter(|o| o.code.is_some()) {
                            f.country = o.code;
                        } else if let (Some(c), None) = (has(Cat::Country), known) {
                            // A country's name is the country's, even where it acts ("North
                            // Korea has ..."): the entity sets mark it a place throughout.
                            kind = EntityType::GPE;
                            f.country = c.code;
                            f.is_country = true;
                        } else if let (Some(p), None) = (place, known) {
                            // A country or capital named as an actor ("New Delhi said") is
                            // still the place: it keeps its country and can join it.
                            f.country = p.code;
                            f.capital = p.cat == Cat::Capital;
                            f.is_country = p.cat == Cat::Country;
                        } else if a >= 2 && matches!(forms[a - 1], "'s" | "\u{2019}s") {
                            // "China's Commerce Ministry", "Russia's Defense Ministry" (a
                            // known name of no country of its own): the ministry is China's.
                            f.country = matches
                                .iter()
                                .filter(|m| m.end == a - 1)
                                .map(|m| gaz.entry(m.entry))
                                .find(|e| e.cat.is_place())
                                .and_then(|e| e.code);
                        }
                    }
                    // A news agency or known organization by its exact name ("Xinhua
                    // alleged") acts as the organization, not as a person.
                    EntityType::PER if has(Cat::News).or(has(Cat::Intl)).is_some() => {
                        kind = EntityType::ORG;
                        f.country = has(Cat::News).or(has(Cat::Intl)).and_then(|o| o.code);
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
        }
        coref::resolve(doc, found, &aliases)
    }
}

/// A person's name the tagger ran on into the organization after it ("Senator Carla Munoz of
/// the Socialist Party") is cut at "of the": the person before, the organization after. Only
/// for a span that opens with a known first name and has two words before "of", so that
/// titles GUM writes as names ("Emperor of the United States") stay whole.
fn affiliations(
    forms: &[&str],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    let mut added = Vec::new();
    for sp in spans.iter_mut() {
        let (a, b, kind) = *sp;
        if kind != EntityType::PER {
            continue;
        }
        if let Some((_, k)) = person_of_the(forms, matches, gaz, a, b).filter(|&(p, _)| p == a) {
            sp.1 = k;
            added.push((k + 2, b, EntityType::ORG));
        }
    }
    spans.extend(added);
}

/// In the span `a..b`, a person's name (from a known first name, two words or more) followed
/// by "of the" and a capitalised name: the person's words and where "of" stands.
fn person_of_the(
    forms: &[&str],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    a: usize,
    b: usize,
) -> Option<(usize, usize)> {
    if b > forms.len() || b < a + 5 {
        return None;
    }
    let k = (a + 2..b - 2).find(|&k| forms[k] == "of" && forms[k + 1] == "the")?;
    let p = (a..k.saturating_sub(1)).find(|&p| gaz.is_word(matches, p, Cat::FirstName))?;
    let ok = forms[p..k].iter().all(|f| is_name_like(f)) && is_name_like(forms[k + 2]);
    ok.then_some((p, k))
}

/// The agency in brackets that ends a news dateline ("NAIROBI, Kenya (Wire) —", "BEIJING
/// (Reuters) -") is an organization, and the city in capitals that opens it a place: the
/// segmenter makes the dateline a sentence of its own, and without a verb around them the
/// tagger and typer took "Wire" for a place, "PARIS" for a person and "BEIJING" for nothing.
fn dateline_agency(forms: &[&str], spans: &mut Vec<(usize, usize, EntityType)>) {
    let n = forms.len();
    let dash = n >= 4 && matches!(forms[n - 1], "—" | "–" | "-" | "--");
    if !dash || forms[n - 2] != ")" {
        return;
    }
    let Some(open) = (0..n - 2).rev().find(|&k| forms[k] == "(") else {
        return;
    };
    let (a, b) = (open + 1, n - 2);
    let agency = a < b
        && forms[a..b]
            .iter()
            .all(|w| is_name_like(w) || matches!(*w, "&" | "-" | "."));
    if agency {
        spans.retain(|&(s, e, _)| !(s < b && a < e));
        spans.push((a, b, EntityType::ORG));
    }
    // The place it opens with, in capitals ("BEIJING", "NEW YORK"), is the city it was
    // written in, not a person ("PARIS" had been one) and not nothing ("BEIJING" had been).
    let place = forms[..open]
        .iter()
        .position(|w| matches!(*w, "," | "("))
        .unwrap_or(open);
    let capitals =
        |w: &&str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    if place > 0 && forms[..place].iter().all(capitals) {
        spans.retain(|&(s, e, _)| !(s < place && 0 < e));
        spans.push((0, place, EntityType::GPE));
    }
}

/// A run of capitalised words after a one-word title written with its period ("Dr. Grace
/// Wanjiru", "Sen. Maria Lopez") is a person's name, whatever the tagger made of it: the
/// tagger, which does not see these titles, can break such a name into pieces the typer then
/// rejects ("former central bank governor Dr. Grace Wanjiru" gave "Dr." and "Wanjiru"). Spans
/// inside the run give way to it; one reaching outside it is left alone.
fn titled_names(
    forms: &[&str],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    const LONGEST: usize = 4;
    for m in matches {
        // British writing leaves the period out of the short ones ("Dr Mcdonald").
        let abbreviated = |t: &str| {
            t.ends_with('.') || matches!(t, "Dr" | "Mr" | "Mrs" | "Ms" | "Prof" | "Sgt" | "Capt")
        };
        let title = m.end == m.start + 1
            && forms.get(m.start).is_some_and(|t| abbreviated(t))
            && gaz.entry(m.entry).cat == Cat::Title;
        if !title {
            continue;
        }
        let a = m.end;
        let mut b = a;
        while b < forms.len().min(a + LONGEST)
            && is_name_like(forms[b])
            && !gaz.starts_at(matches, b, Cat::Title)
        {
            b += 1;
        }
        if b == a {
            continue;
        }
        let overlaps = |&(s, e, _): &(usize, usize, EntityType)| s < b && a < e;
        if spans
            .iter()
            .any(|sp| overlaps(sp) && (sp.0 < a || sp.1 > b))
        {
            continue;
        }
        spans.retain(|sp| !overlaps(sp));
        spans.push((a, b, EntityType::PER));
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
    // A writer who capitalises nothing after the first word still names places.
    let lower_case = forms.len() > 3
        && forms[1..]
            .iter()
            .all(|w| !w.chars().any(char::is_uppercase));
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
            let lower_place = lower_case
                && kind == EntityType::LOC
                && m.start > 0
                && !tags.is_empty()
                && tags[m.start..m.end].iter().all(|(u, _)| *u == "PROPN")
                && forms[m.start..m.end].iter().all(|w| w.chars().count() >= 4);
            (caps || lower_place).then_some((m.start, m.end, kind))
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
        if let Some(at) = place_then_person(matches, gaz, sp.0, sp.1) {
            extra.push((at, sp.1, EntityType::PER));
            *sp = (sp.0, at, EntityType::LOC);
        }
    }
    spans.extend(extra);
}

/// Where the span `a..b` goes on from a place to a first name, if it does.
fn place_then_person(
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    a: usize,
    b: usize,
) -> Option<usize> {
    let m = matches.iter().find(|m| {
        m.start == a
            && m.end < b
            && gaz.entry(m.entry).cat.is_place()
            && gaz.starts_at(matches, m.end, Cat::FirstName)
    })?;
    Some(m.end)
}

/// A web address, e-mail address or file name ("www.adobe.com", "RobBrnglsn@aol.com",
/// "CrudeStocks.pdf"): on web text the tagger takes these for names of people and places.
fn is_address(w: &str) -> bool {
    const EXTENSIONS: [&str; 24] = [
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "htm", "html", "jpg", "jpeg",
        "gif", "png", "zip", "csv", "mp3", "exe", "asp", "com", "org", "net", "edu", "gov",
    ];
    let w = w.to_ascii_lowercase();
    if w.contains("://") || w.starts_with("www.") {
        return true;
    }
    if let Some((user, host)) = w.split_once('@') {
        if !user.is_empty() && host.contains('.') {
            return true;
        }
    }
    match w.rsplit_once('.') {
        Some((stem, ext)) => !stem.is_empty() && EXTENSIONS.contains(&ext),
        None => false,
    }
}

/// A span with the addresses at its end cut off ("Michael J. McDermott mjmcdermott@hotmail.com"
/// is the person); a span of addresses only is MISC, as GUM marks them.
fn without_addresses(
    forms: &[&str],
    a: usize,
    mut b: usize,
    kind: EntityType,
) -> (usize, usize, EntityType) {
    if !forms[a..b].iter().any(|w| is_address(w)) {
        return (a, b, kind);
    }
    while b > a + 1 && is_address(forms[b - 1]) {
        b -= 1;
    }
    if forms[a..b].iter().any(|w| is_address(w)) {
        (a, b, EntityType::MISC)
    } else {
        (a, b, kind)
    }
}

/// The conventions all three entity sets share, where the tagger strays from them:
///
/// - a day or month alone ("Fri", "September") is a time, not a name: dropped;
/// - a named storm ("Hurricane Katrina", "Cyclone Phailin") is an event (MISC), not a person;
/// - a transcript's stage direction ("(Applause.)") is no name;
/// - a name ending in "University", "Corp.", "Ministry", "Council", ... is an organization's;
/// - a person's name ends before a dash in a list ("Brandon Luna - Analyst"), though not
///   before a hyphen inside a word ("Muqtada al-Sadr"; `glued` tells which words follow the
///   one before them with no space).
fn by_convention(
    forms: &[&str],
    glued: &[bool],
    a: usize,
    b: usize,
    kind: EntityType,
) -> Option<(usize, usize, EntityType)> {
    const CALENDAR: [&str; 39] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    const DIRECTIONS: [&str; 4] = ["applause", "laughter", "inaudible", "crosstalk"];
    let low = |w: &str| w.trim_end_matches('.').to_lowercase();
    // "P.S. Tom, please call": the postscript's mark is no part of the name.
    let a = if b > a + 1 && matches!(forms[a], "P.S." | "PS") {
        a + 1
    } else {
        a
    };
    // A hyphen ends no name: "Ron Paul-" of "Ron Paul-style politics".
    let b = if b > a + 1 && matches!(forms[b - 1], "-" | "\u{2010}") {
        b - 1
    } else {
        b
    };
    if b == a + 1
        && (CALENDAR.contains(&low(forms[a]).as_str())
            || DIRECTIONS.contains(&low(forms[a]).as_str()))
    {
        return None;
    }
    if b > a + 1 && STORMS.contains(&low(forms[a]).as_str()) {
        return Some((a, b, EntityType::MISC));
    }
    // "Hurricane Rita" where the tagger left the storm word out of the name.
    if a > 0 && is_name_like(forms[a - 1]) && STORMS.contains(&low(forms[a - 1]).as_str()) {
        return Some((a - 1, b, EntityType::MISC));
    }
    // A planet is no person and no place on Earth: the entity sets leave it out or call it
    // MISC ("transit Venus in the fourth house").
    if b == a + 1 && kind != EntityType::ORG && PLANETS.contains(&forms[a]) {
        return Some((a, b, EntityType::MISC));
    }
    // "Hayes Street Grill", "GG Bridge": a street, bridge or eating place is no person.
    const VENUES: [&str; 15] = [
        "Street",
        "Avenue",
        "Road",
        "Boulevard",
        "Bridge",
        "Square",
        "Grill",
        "Restaurant",
        "Cafe",
        "Café",
        "Bistro",
        "Diner",
        "Pizzeria",
        "Tavern",
        "Steakhouse",
    ];
    if kind == EntityType::PER && b > a + 1 && forms[a + 1..b].iter().any(|w| VENUES.contains(w)) {
        return Some((a, b, EntityType::LOC));
    }
    // "Banco Santander", "Grupo Televisa": words that open only an organization's name.
    const ORG_OPENERS: [&str; 7] = [
        "Banco", "Banca", "Banque", "Bank", "Grupo", "Groupe", "Gruppo",
    ];
    if kind == EntityType::PER && b > a + 1 && ORG_OPENERS.contains(&forms[a]) {
        return Some((a, b, EntityType::ORG));
    }
    // "the Brussels-based think tank": what something is based in is a place.
    let based = b + 1 < forms.len()
        && forms[b] == "-"
        && glued.get(b).copied().unwrap_or(false)
        && matches!(forms[b + 1], "based" | "born" | "headquartered");
    if based && matches!(kind, EntityType::ORG | EntityType::PER) {
        return Some((a, b, EntityType::LOC));
    }
    // "St. Thomas residents": a name after "St." is a place or a church, not a person the
    // text talks about as such.
    if kind == EntityType::PER && b > a + 1 && matches!(forms[a], "St." | "St" | "Ste.") {
        return Some((a, b, EntityType::LOC));
    }
    // "Georgetown University", "Enron Corp.", "Housing Authority": an organization, though
    // not "Claudia Mo of the Civic Party", a person GUM marks with her party.
    if kind != EntityType::ORG
        && org_head(forms, b - 1)
        && !(kind == EntityType::PER && forms[a..b].contains(&"of"))
    {
        return Some((a, b, EntityType::ORG));
    }
    if kind == EntityType::PER {
        let dash = (a + 1..b).find(|&k| {
            let inside_word = glued[k] && glued.get(k + 1).copied().unwrap_or(false);
            matches!(forms[k], "-" | "--" | "–" | "—") && !inside_word
        });
        if let Some(k) = dash {
            return Some((a, k, kind));
        }
    }
    Some((a, b, kind))
}

/// Whether each word of `words` follows the word before it with no space between them ("al",
/// "-", "Sadr" in "al-Sadr": false, true, true). The first word is never glued, and neither is
/// a word whose span is not after the previous one's.
fn glued_words(doc: &Document, words: std::ops::Range<usize>) -> Vec<bool> {
    words
        .clone()
        .map(|i| {
            i > words.start
                && doc
                    .words
                    .get(i - 1)
                    .zip(doc.words.get(i))
                    .is_some_and(|(p, w)| p.span.end == w.span.start)
        })
        .collect()
}

/// Arabic articles and name particles written with a hyphen: "al-Sadr", "el-Sisi", "az-Zaman".
const PARTICLES: [&str; 12] = [
    "al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ath", "ud", "ul",
];

fn is_particle(w: &str) -> bool {
    PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w))
}

/// Names go on across a hyphen inside a word, where the tagger, which sees the hyphen as a
/// word of its own, often stops:
///
/// - after an Arabic article or particle ("Muqtada al" + "-Sadr", "al-" + "Qaida");
/// - in a person's double-barrelled name ("Hartsell" + "-Gundy").
///
/// Hyphens between places or peoples ("Pittsburgh-Cleveland", "Israeli-Palestinian") keep
/// their names apart, as the entity sets do. A span the extension reaches is merged in.
fn hyphenated(forms: &[&str], glued: &[bool], spans: &mut Vec<(usize, usize, EntityType)>) {
    let n = forms.len();
    let hyphen = |k: usize| forms[k] == "-" && glued[k] && k + 1 < n && glued[k + 1];
    let mut out: Vec<(usize, usize, EntityType)> = Vec::with_capacity(spans.len());
    for &(mut a, mut b, kind) in spans.iter() {
        loop {
            if b + 1 < n
                && hyphen(b)
                && is_name_like(forms[b + 1])
                && (is_particle(forms[b - 1]) || kind == EntityType::PER)
            {
                b += 2;
            } else if b + 1 < n
                && hyphen(b)
                && kind == EntityType::PER
                && given_syllable(forms, a, b)
            {
                // A Korean given name: "Lee Jae" + "-myung", "Kim Jong" + "-un".
                b += 2;
            } else if a >= 2
                && hyphen(a - 1)
                && (is_particle(forms[a - 2])
                    || (kind == EntityType::PER && is_name_like(forms[a - 2])))
            {
                a -= 2;
            } else {
                break;
            }
        }
        out.push((a, b, kind));
    }
    // A span the extension reached (overlaps) gives way to the longer one.
    out.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
    out.dedup_by_key(|sp| (sp.0, sp.1));
    let all = out.clone();
    out.retain(|&(s, e, _)| !all.iter().any(|&(a, b, _)| a < e && s < b && b - a > e - s));
    *spans = out;
}

/// Whether the word after the hyphen that ends the person `a..b` is the second syllable of a
/// Korean given name written in lower case ("Lee Jae-myung", "Moon Jae-in"): the name has two
/// words or more, its last one short and capitalised, and the syllable is a short lower-case
/// word that is no English compound's second half ("Ron Paul-style", "Obama-era").
fn given_syllable(forms: &[&str], a: usize, b: usize) -> bool {
    const COMPOUNDS: [&str; 16] = [
        "era", "led", "like", "style", "type", "backed", "based", "born", "linked", "owned", "run",
        "made", "free", "esque", "ite", "ism",
    ];
    let Some(syllable) = forms.get(b + 1) else {
        return false;
    };
    let last = forms[b - 1];
    b >= a + 2
        && last.chars().count() <= 4
        && is_name_like(last)
        && (1..=5).contains(&syllable.chars().count())
        && syllable.chars().all(|c| c.is_ascii_lowercase())
        && !COMPOUNDS.contains(syllable)
}

/// A first name found as a person of its own right before another person ("Ben" + "Player",
/// where the tagger took the surname for a common noun and the vote found it as a surname) is
/// the start of that person's name. `spans` are sorted.
fn join_first_names(
    spans: &mut Vec<(usize, usize, EntityType)>,
    first_name: impl Fn(usize) -> bool,
) {
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b, kind) = spans[k];
        let (c, d, next) = spans[k + 1];
        if kind == EntityType::PER
            && next == EntityType::PER
            && b == c
            && b == a + 1
            && first_name(a)
        {
            spans[k] = (a, d, kind);
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// A pronoun, question word or determiner alone is no name, even capitalised: "Who" of
/// "Doctor Who" once "Doctor" is cut off as a title, "It" at the start of a title. An
/// acronym written in capitals ("WHO") is left alone.
fn is_function_word(w: &str) -> bool {
    const WORDS: [&str; 24] = [
        "who", "what", "when", "where", "why", "how", "which", "whom", "whose", "it", "this",
        "that", "these", "those", "they", "we", "you", "he", "she", "i", "me", "us", "them", "the",
    ];
    w.chars().any(char::is_lowercase) && WORDS.contains(&w.to_lowercase().as_str())
}

/// Words that say the name right after them is an organization's: "the band Gigi", "the
/// company Keyhole", "a broadcaster called Racing Radio".
const ORG_CUES: [&str; 32] = [
    "band",
    "tank",
    "startup",
    "lender",
    "insurer",
    "carrier",
    "automaker",
    "conglomerate",
    "nonprofit",
    "watchdog",
    "regulator",
    "group",
    "company",
    "firm",
    "club",
    "team",
    "party",
    "label",
    "magazine",
    "newspaper",
    "network",
    "agency",
    "organization",
    "organisation",
    "charity",
    "airline",
    "retailer",
    "manufacturer",
    "broadcaster",
    "orchestra",
    "publisher",
    "outlet",
];

/// A run of capitalised words the tagger left out right after a word that calls it an
/// organization ("digital rights group Freiheit Online", "the newspaper Die Zeit") is that
/// organization's name.
fn cued_names(
    doc: &Document,
    start: usize,
    forms: &[&str],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    const LONGEST: usize = 4;
    for a in 1..forms.len() {
        if !is_name_like(forms[a]) || !org_cue(doc, start, a) {
            continue;
        }
        let mut b = a;
        while b < forms.len().min(a + LONGEST)
            && is_name_like(forms[b])
            && !gaz.starts_at(matches, b, Cat::Title)
        {
            b += 1;
        }
        if b > a && !spans.iter().any(|&(s, e, _)| s < b && a < e) {
            spans.push((a, b, EntityType::ORG));
        }
    }
}

/// Whether the name starting at sentence word `a` (the sentence starting at document word
/// `start`) comes right after a lower-case [`ORG_CUES`] word, a "called" or "named" and an
/// opening quotation mark allowed between them.
fn org_cue(doc: &Document, start: usize, a: usize) -> bool {
    let mut k = start + a;
    let mut skipped = 0;
    while k > start {
        k -= 1;
        let w = doc.word_text(k);
        if skipped < 2 && matches!(w, "called" | "named" | "\"" | "“" | "'" | "‘") {
            skipped += 1;
            continue;
        }
        return ORG_CUES.contains(&w);
    }
    false
}

/// A person's span that runs over a comma ("Rumsfeld, Wolfowitz and Feith staffed") is a list
/// of people: each name between the commas is one. The tagger, which reads a few words at a
/// time, had made "Rumsfeld, Wolfowitz" one person. A part that is not a name is dropped.
fn listed_people(forms: &[&str], spans: &mut Vec<(usize, usize, EntityType)>) {
    let mut parts = Vec::new();
    spans.retain(|&(a, b, kind)| {
        if kind != EntityType::PER || a >= b || b > forms.len() || !forms[a..b].contains(&",") {
            return true;
        }
        let mut s = a;
        for k in a..=b {
            if k == b || forms[k] == "," {
                if s < k && forms[s..k].iter().all(|f| is_name_like(f)) {
                    parts.push((s, k, kind));
                }
                s = k + 1;
            }
        }
        false
    });
    spans.extend(parts);
}

/// A place's possessive opens no organization's name: "China's Commerce Ministry" is China
/// and its "Commerce Ministry", as "Britain's Foreign Office" is Britain and its office. The
/// tagger, which sees "'s" inside names such as "McDonald's", made one name of them.
fn possessed_by_places(
    forms: &[&str],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    let mut places = Vec::new();
    for sp in spans.iter_mut() {
        let (a, b, kind) = *sp;
        if b > forms.len() || kind == EntityType::PER {
            continue;
        }
        let Some(k) =
            (a + 1..b.saturating_sub(1)).find(|&k| matches!(forms[k], "'s" | "\u{2019}s"))
        else {
            continue;
        };
        let place = matches
            .iter()
            .any(|m| m.start == a && m.end == k && gaz.entry(m.entry).cat.is_place());
        if place && is_name_like(forms[k + 1]) {
            *sp = (k + 1, b, kind);
            places.push((a, k, EntityType::GPE));
        }
    }
    spans.extend(places);
}

/// A name with a possessive "'s" that possesses nothing is a business named so: "going to
/// Del Frisco's for dinner", "thinking Kenneally's at around 5", "Alan's refused to work on
/// my bike". The entity sets write the "'s" as part of the name, a place where one goes and
/// an organization where it acts. "Obama's plan" possesses, and "Smith's going" is "is".
fn businesses(forms: &[&str], tags: &[(&str, &str)], spans: &mut [(usize, usize, EntityType)]) {
    if tags.len() != forms.len() {
        return;
    }
    for sp in spans.iter_mut() {
        let (a, b, kind) = *sp;
        let possessive = b < forms.len() && tags[b].1 == "POS" && forms[b] != "'";
        if !possessive || !matches!(kind, EntityType::PER | EntityType::LOC | EntityType::ORG) {
            continue;
        }
        // Only before a preposition, the end of a clause or a verb: an adverb or a quotation
        // mark is still on the way to what the name possesses ("Israel's partially completed
        // barrier").
        let next = tags.get(b + 1).map_or(".", |t| t.1);
        if !matches!(next, "IN" | "." | "," | ":" | "VBD" | "VBZ" | "VBP" | "MD") {
            continue;
        }
        let acts = matches!(next, "VBD" | "VBZ" | "VBP" | "MD");
        let kind = match kind {
            _ if acts => EntityType::ORG,
            EntityType::PER => EntityType::LOC,
            k => k,
        };
        *sp = (a, b + 1, kind);
    }
}

/// The two-letter codes of the states of the United States, as addresses write them after a
/// town ("Chillicothe, OH", "San Rafael Ca").
const STATE_CODES: [&str; 51] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

/// A town written before its state or country is two places, as the entity sets mark them:
/// the tagger makes one of "Miramar California" and "San Rafael Ca", and leaves out the state's
/// code after a comma ("Chillicothe, OH area"). A known name that holds both ("West
/// Virginia", "Kansas City") is one place, and so is a direction before a place ("Northern
/// Ireland").
fn place_then_state(
    forms: &[&str],
    tags: &[(&str, &str)],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    const DIRECTIONS: [&str; 14] = [
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
        "New", "Greater", "Upper", "Lower", "Old",
    ];
    let code = |w: &str| {
        let up = w.to_ascii_uppercase();
        // "IN" in capitals is more often the preposition than Indiana.
        w.len() == 2
            && w.is_ascii()
            && w != "IN"
            && (w == up || w[1..] == w[1..].to_lowercase())
            && STATE_CODES.contains(&up.as_str())
    };
    let n = forms.len();
    let mut added = Vec::new();
    for sp in spans.iter_mut() {
        let (a, b, kind) = *sp;
        if !matches!(kind, EntityType::LOC | EntityType::GPE) || b > n || b < a + 2 {
            continue;
        }
        // Where the state starts: a known place that ends the span, or a state's code.
        let k = if code(forms[b - 1]) {
            Some(b - 1)
        } else {
            matches
                .iter()
                .filter(|m| m.end == b && m.start > a && gaz.entry(m.entry).cat.is_place())
                .map(|m| m.start)
                .min()
        };
        let Some(k) = k else { continue };
        let whole = matches.iter().any(|m| m.start < k && k < m.end);
        // The town is a proper noun, not in a run of capitals ("To Renew America" is a
        // title), and not a name with a place at its end ("Food Standards Australia New
        // Zealand" is an agency).
        let town = (a == 0 || !is_name_like(forms[a - 1]))
            && (a..k).all(|i| is_name_like(forms[i]) && tags.get(i).is_none_or(|t| t.0 == "PROPN"))
            && !matches
                .iter()
                .any(|m| m.end == k && m.start > a && gaz.entry(m.entry).cat.is_place());
        if whole || DIRECTIONS.contains(&forms[k - 1]) || !town {
            continue;
        }
        *sp = (a, k, kind);
        added.push((k, b, kind));
    }
    // "Chillicothe, OH": the code after a place and a comma.
    for &(_, b, kind) in spans.iter() {
        let after = b + 1 < n && forms[b] == "," && code(forms[b + 1]);
        if matches!(kind, EntityType::LOC | EntityType::GPE)
            && after
            && forms[b + 1] == forms[b + 1].to_ascii_uppercase()
            && !spans.iter().any(|&(s, e, _)| s <= b + 1 && b + 1 < e)
        {
            added.push((b + 1, b + 2, kind));
        }
    }
    spans.extend(added);
}

/// Words that go on a place's name after it ("Tampa Bay", "Texas City", "Florida Keys",
/// "Gaza Strip"): the tagger, sure of the place, often stops before them.
const PLACE_HEADS: [&str; 14] = [
    "Bay",
    "City",
    "Keys",
    "Island",
    "Islands",
    "Strip",
    "Valley",
    "Peninsula",
    "Coast",
    "Hills",
    "Mountains",
    "Lake",
    "River",
    "Beach",
];

/// A place the tagger found at the edge of a longer name:
///
/// - a place's head word after it is part of the place ("Tampa" + "Bay");
/// - capitalised words after it that end in an organization's head word make the whole an
///   organization ("Georgetown" + "University", "US" + "National Hurricane Center");
/// - so do such words before it and "of" ("Housing Authority of" + "New Orleans"), before
///   any name ("Law Offices of Armando Villega");
/// - an organization ending in its head word goes on over "of" and the capitalised words
///   after it ("Oregon Department" + "of Transportation").
///
/// Only words no other span holds are taken.
fn places_run_on(forms: &[&str], spans: &mut [(usize, usize, EntityType)]) {
    const LONGEST: usize = 4;
    let n = forms.len();
    let taken: Vec<(usize, usize)> = spans.iter().map(|&(a, b, _)| (a, b)).collect();
    let free = |k: usize| is_name_like(forms[k]) && !taken.iter().any(|&(a, b)| a <= k && k < b);
    // "Law Offices of" + "Armando Villega", "Association of" + "Muslim Scholars": whatever
    // the span after "of" was taken for.
    let of_org = |a: usize| a >= 3 && forms[a - 1] == "of" && org_head(forms, a - 2) && free(a - 2);
    // Where the organization's name before "of" (at `a - 1`) starts.
    let org_start = |a: usize| {
        let mut s = a - 2;
        while s > 0 && a - 1 - s < LONGEST && free(s - 1) {
            s -= 1;
        }
        s
    };
    for sp in spans.iter_mut() {
        let (a, b, kind) = *sp;
        if b > n || a >= b {
            continue;
        }
        if !matches!(kind, EntityType::LOC | EntityType::GPE) {
            if of_org(a) && kind != EntityType::NORP {
                *sp = (org_start(a), b, EntityType::ORG);
            } else if kind == EntityType::ORG
                && org_head(forms, b - 1)
                && b + 1 < n
                && forms[b] == "of"
            {
                // "Oregon Department" + "of Transportation".
                let mut k = b + 1;
                while k < n.min(b + 1 + LONGEST) && free(k) {
                    k += 1;
                }
                if k > b + 1 {
                    *sp = (a, k, kind);
                }
            }
            continue;
        }
        let mut k = b;
        while k < n.min(b + LONGEST) && free(k) {
            k += 1;
        }
        if k > b && org_head(forms, k - 1) {
            // "Georgia Institute" + "of Technology".
            if k + 1 < n && forms[k] == "of" && free(k + 1) {
                k += 1;
                while k < n.min(b + 2 * LONGEST) && free(k) {
                    k += 1;
                }
            }
            *sp = (a, k, EntityType::ORG);
        } else if k > b && PLACE_HEADS.contains(&forms[b]) {
            *sp = (a, b + 1, kind);
        } else if of_org(a) {
            *sp = (org_start(a), b, EntityType::ORG);
        }
    }
}

/// The name an e-mail header quotes before the address, written surname first
/// (`"Townsend, George" <gtownsend@...>`, or alone on its line), is one person: the entity
/// sets mark it whole. Spans inside the quotes give way to it.
fn display_names(forms: &[&str], spans: &mut Vec<(usize, usize, EntityType)>) {
    const LONGEST: usize = 3;
    let quote = |w: &str| matches!(w, "\"" | "\u{201c}" | "\u{201d}");
    for q in 0..forms.len() {
        if !quote(forms[q]) || (q > 0 && forms[q - 1] != ":") {
            continue;
        }
        let a = q + 1;
        let run = |from: usize| {
            (from..forms.len().min(from + LONGEST))
                .take_while(|&k| is_name_like(forms[k]))
                .count()
        };
        let first = run(a);
        let comma = a + first;
        if first == 0 || forms.get(comma) != Some(&",") {
            continue;
        }
        let b = comma + 1 + run(comma + 1);
        let closed = b > comma + 1 && forms.get(b).is_some_and(|w| quote(w));
        let after = forms.get(b + 1).copied();
        if closed && matches!(after, None | Some("<")) {
            spans.retain(|&(s, e, _)| !(s < b && a < e));
            spans.push((a, b, EntityType::PER));
        }
    }
}

/// Last words that make a name an organization's (as written, capitalised).
const ORG_HEADS: [&str; 34] = [
    "University",
    "Marines",
    "Army",
    "Navy",
    "Center",
    "Centre",
    "Fund",
    "Society",
    "Bureau",
    "Board",
    "League",
    "Federation",
    "Offices",
    "Corporation",
    "Corp.",
    "Corp",
    "Inc.",
    "Inc",
    "Ltd.",
    "Ltd",
    "Company",
    "Co.",
    "Department",
    "Ministry",
    "Agency",
    "Authority",
    "Council",
    "Committee",
    "Commission",
    "Association",
    "Institute",
    "Foundation",
    "Party",
    "Court",
];

/// Whether word `k` is an organization's head word ending a name ("Georgetown University",
/// "Housing Authority"). A city's or town's centre is a district, not an organization
/// ("Hayward City Center"), while its council is one ("New York City Council").
fn org_head(forms: &[&str], k: usize) -> bool {
    let district =
        matches!(forms[k], "Center" | "Centre") && k > 0 && matches!(forms[k - 1], "City" | "Town");
    ORG_HEADS.contains(&forms[k]) && !district
}

/// Words that make the name after them a storm's.
const STORMS: [&str; 4] = ["hurricane", "cyclone", "typhoon", "superstorm"];

/// Planets and the lunar nodes of astrology, as written in a name.
const PLANETS: [&str; 10] = [
    "Mercury", "Venus", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune", "Pluto", "Rahu", "Ketu",
];

/// Legal forms that end a company's name: "Enron Corp.", "CCNG, Inc.".
const LEGAL_FORMS: [&str; 13] = [
    "Corp.", "Corp", "Inc.", "Inc", "Ltd.", "Ltd", "LLC", "L.P.", "PLC", "plc", "Plc", "Co.",
    "GmbH",
];

/// A name followed by a company's legal form ("Enron" + "Corp.", "CCNG" + ", Inc.") is the
/// company's, and the legal form is part of it, as the entity sets write it. A span the
/// extension reaches gives way.
fn legal_forms(forms: &[&str], spans: &mut Vec<(usize, usize, EntityType)>) {
    let n = forms.len();
    let mut grown = Vec::new();
    for sp in spans.iter_mut() {
        let b = sp.1;
        if sp.0 >= b || b > n {
            continue;
        }
        // After a comma only when the name does not already end like a company's: GUM
        // writes "Atlantic Lottery Corporation, Inc." as the name and a legal form apart.
        let head = ORG_HEADS.contains(&forms[b - 1]);
        let end = if b < n && LEGAL_FORMS.contains(&forms[b]) {
            b + 1
        } else if b + 1 < n && forms[b] == "," && LEGAL_FORMS.contains(&forms[b + 1]) && !head {
            b + 2
        } else {
            continue;
        };
        if sp.2 == EntityType::PER || sp.2 == EntityType::NORP {
            continue;
        }
        *sp = (sp.0, end, EntityType::ORG);
        grown.push(*sp);
    }
    spans.retain(|&(a, b, _)| {
        !grown
            .iter()
            .any(|&(s, e, _)| (s, e) != (a, b) && s <= a && b <= e)
    });
}

/// A signature line runs a person into the company (`Traci Warner Enron Broadband Services,
/// Inc. Phone ...`) and the tagger makes one name of both. Where a name opens with a known
/// first name and a surname (an initial may stand between) and goes on for three words or
/// more to a company's legal form or head word, with no verb after it ("Morgan Stanley
/// Capital International Inc. said" is the company), it is the person and the company. So is
/// a name with a middle initial followed, up to a dash or the line's end, by one or two more
/// capitalised words ("Kevin A. Boone Accenture -- Houston Consultant").
fn signatures(
    forms: &[&str],
    tags: &[(&str, &str)],
    matches: &[crate::gazetteer::Match],
    gaz: &gazetteer::Gazetteer,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    let n = forms.len();
    let initial = |w: &str| w.len() == 2 && w.ends_with('.') && is_name_like(w);
    let company = |w: &str| LEGAL_FORMS.contains(&w) || ORG_HEADS.contains(&w);
    let mut split = Vec::new();
    for sp in spans.iter_mut() {
        let (a, b, kind) = *sp;
        let person_or_org = matches!(kind, EntityType::PER | EntityType::ORG);
        if !person_or_org || b > n || !gaz.is_word(matches, a, Cat::FirstName) {
            continue;
        }
        let p = if forms.get(a + 1).is_some_and(|w| initial(w)) {
            a + 3
        } else {
            a + 2
        };
        // The legal form the tagger left out of a person's span (", Inc.").
        let e = if b + 1 < n && forms[b] == "," && LEGAL_FORMS.contains(&forms[b + 1]) {
            b + 2
        } else {
            b
        };
        let verb_after = tags.get(e).is_some_and(|t| matches!(t.0, "VERB" | "AUX"));
        // The company is a run of capitalised words ("of the Socialist Party" is the person's
        // affiliation, which a step after this one reads).
        let capitalised = forms
            .get(p..e)
            .is_some_and(|r| r.iter().all(|f| is_name_like(f) || matches!(*f, "," | "&")));
        if e >= p + 3
            && company(forms[e - 1])
            && !verb_after
            && capitalised
            && is_name_like(forms[p - 1])
        {
            *sp = (a, p, EntityType::PER);
            split.push((p, e, EntityType::ORG));
            continue;
        }
        // A person's name with a middle initial ends at the surname: what a signature line
        // writes after it, up to a dash or the end, is the employer ("Kevin A. Boone
        // Accenture -- Houston Consultant"). A suffix ("John F. Kennedy Jr.") is the name's.
        const SUFFIXES: [&str; 7] = ["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];
        let line_ends = b == n || matches!(forms[b], "-" | "--" | "–" | "—" | "|");
        if kind == EntityType::PER
            && p == a + 3
            && b > p
            && b <= p + 2
            && line_ends
            && !SUFFIXES.contains(&forms[p])
            && forms[p..b].iter().all(|f| is_name_like(f))
        {
            *sp = (a, p, EntityType::PER);
            split.push((p, b, EntityType::ORG));
        }
    }
    spans.extend(split);
}

/// Capitalised word that could continue a name.
fn is_name_like(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// One sentence between the two passes of [`Recognizer::recognize`].
/// Fills `forms` with the words `range` of `doc`, and `tags` with their (UPOS, XPOS) when the
/// document has the pos layer.
fn words_of<'d>(
    doc: &'d Document,
    range: std::ops::Range<usize>,
    has_pos: bool,
    forms: &mut Vec<&'d str>,
    tags: &mut Vec<(&'d str, &'d str)>,
) {
    forms.clear();
    tags.clear();
    for i in range {
        forms.push(doc.word_text(i));
        if has_pos {
            tags.push((doc.pos[i].upos.as_str(), doc.pos[i].xpos));
        }
    }
}

/// One sentence after the tagger: its word infos and the spans found, waiting for the typer.
struct Tagged {
    infos: Vec<WordInfo>,
    /// Sentence-relative spans with the tagger's type index.
    found: Vec<(usize, usize, usize)>,
    /// The sentence, its spans still empty.
    work: SentenceWork,
}

pub(crate) struct SentenceWork {
    pub si: usize,
    /// First word of the sentence (document-relative).
    pub start: usize,
    pub end: usize,
    pub lower: Vec<u64>,
    pub exact: Vec<u64>,
    pub matches: Vec<crate::gazetteer::Match>,
    /// Whether each word follows the one before it with no space ([`glued_words`]).
    pub glued: Vec<bool>,
    /// Sentence-relative spans with their types.
    pub spans: Vec<(usize, usize, EntityType)>,
}

/// The name types a document-level vote may change.
fn votes(kind: EntityType) -> Option<usize> {
    match kind {
        EntityType::PER => Some(0),
        EntityType::ORG => Some(1),
        EntityType::LOC | EntityType::GPE => Some(2),
        EntityType::MISC => Some(3),
        EntityType::NORP => None,
    }
}

/// One name, one type within an article:
///
/// - every mention of the same name (same words, any case) takes the type most of its
///   mentions have (a tie changes nothing);
/// - a one-word name that is the last word of a longer person's name in the article
///   ("Joshua Norton" ... "Norton") is that person, and so is such a word the tagger left
///   out when it is capitalised in the middle of a sentence;
/// - a storm's name alone ("Rita" after "Hurricane Rita") is the storm's (MISC), not a
///   person's;
/// - a name of two or more capitalised words the tagger found somewhere is found everywhere.
fn vote(doc: &Document, work: &mut [SentenceWork]) {
    use rustc_hash::FxHashMap;
    let mut counts: FxHashMap<&[u64], [u32; 4]> = FxHashMap::default();
    let mut surnames: rustc_hash::FxHashSet<u64> = Default::default();
    let mut storms: rustc_hash::FxHashSet<u64> = Default::default();
    for w in work.iter() {
        for &(a, b, kind) in &w.spans {
            let first = doc.word_text(w.start + a).to_lowercase();
            if kind == EntityType::MISC && b == a + 2 && STORMS.contains(&first.as_str()) {
                storms.insert(w.lower[b - 1]);
            }
            if let Some(t) = votes(kind) {
                counts.entry(&w.lower[a..b]).or_default()[t] += 1;
                // A planet ending a person's name ("FMs Rahu" of an astrologer's chart) does
                // not make the planet a person wherever it stands alone.
                let planet = PLANETS.contains(&doc.word_text(w.start + b - 1));
                if t == 0 && b - a >= 2 && !planet {
                    surnames.insert(w.lower[b - 1]);
                }
            }
        }
    }
    let winner = |c: &[u32; 4]| -> Option<usize> {
        let max = *c.iter().max()?;
        let mut best = c.iter().enumerate().filter(|(_, &x)| x == max);
        let (t, _) = best.next()?;
        best.next().is_none().then_some(t)
    };
    const KINDS: [EntityType; 4] = [
        EntityType::PER,
        EntityType::ORG,
        EntityType::LOC,
        EntityType::MISC,
    ];
    let mut decided: FxHashMap<Vec<u64>, EntityType> = counts
        .iter()
        .filter_map(|(k, c)| winner(c).map(|t| (k.to_vec(), KINDS[t])))
        .collect();
    // A name the article calls an organization ("the band Gigi") is one wherever it is used.
    for w in work.iter() {
        for &(a, b, kind) in &w.spans {
            if votes(kind).is_some() && org_cue(doc, w.start, a) {
                decided.insert(w.lower[a..b].to_vec(), EntityType::ORG);
            }
        }
    }
    let capital = |i: usize| {
        doc.word_text(i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    for w in work.iter_mut() {
        for sp in w.spans.iter_mut() {
            let Some(t) = votes(sp.2) else { continue };
            let key = &w.lower[sp.0..sp.1];
            if sp.1 - sp.0 == 1 && storms.contains(&key[0]) {
                sp.2 = EntityType::MISC;
            } else if sp.1 - sp.0 == 1 && t != 0 && surnames.contains(&key[0]) {
                sp.2 = EntityType::PER;
            } else if let Some(&k) = decided.get(key) {
                if votes(k) != Some(t) {
                    sp.2 = k;
                }
            }
        }
        let n = w.end - w.start;
        // A person's name that stops before a word the article calls a person elsewhere
        // ("Economy Minister Marcelo" + "Ebrard", who is "Ebrard" in the next sentence).
        let taken: Vec<(usize, usize)> = w.spans.iter().map(|&(a, b, _)| (a, b)).collect();
        for sp in w.spans.iter_mut() {
            let b = sp.1;
            let next_free =
                b < n && capital(w.start + b) && !taken.iter().any(|&(s, e)| s <= b && b < e);
            if sp.2 == EntityType::PER
                && next_free
                && decided.get(&w.lower[b..b + 1]) == Some(&EntityType::PER)
            {
                sp.1 = b + 1;
            }
        }
        // Names the tagger left out here but found elsewhere.
        let mut extra = Vec::new();
        let free = |a: usize, b: usize, spans: &[(usize, usize, EntityType)]| {
            !spans.iter().any(|&(s, e, _)| s < b && a < e)
        };
        for a in 0..n {
            if !capital(w.start + a) {
                continue;
            }
            // Longest known multi-word name starting here.
            let mut found = None;
            for b in (a + 2..=n.min(a + 6)).rev() {
                if !capital(w.start + b - 1) {
                    continue;
                }
                if let Some(&k) = decided.get(&w.lower[a..b]) {
                    found = Some((a, b, k));
                    break;
                }
            }
            // A capitalised word the gazetteers do not know, before a word the article
            // calls a person, mid-sentence: that person's first name ("Finance Minister
            // Katsunobu Kato", who is "Kato" later on).
            // The pair ends the run of capitals ("Movement Bodyboarding Magazine" is not one),
            // and the first word is a proper noun ("If Iodine" is not one).
            let first_name_of = |a: usize| {
                a > 0
                    && a + 2 <= n
                    && capital(w.start + a + 1)
                    && (a + 2 == n || !capital(w.start + a + 2))
                    && doc
                        .pos
                        .get(w.start + a)
                        .is_some_and(|p| p.upos == dateline_document::Upos::PROPN)
                    && !w.matches.iter().any(|m| m.start <= a && a < m.end)
                    && decided.get(&w.lower[a + 1..a + 2]) == Some(&EntityType::PER)
            };
            if let Some((a, b, k)) = found {
                if free(a, b, &w.spans) && free(a, b, &extra) {
                    extra.push((a, b, k));
                }
            } else if first_name_of(a) && free(a, a + 2, &w.spans) && free(a, a + 2, &extra) {
                extra.push((a, a + 2, EntityType::PER));
            } else if a > 0 && surnames.contains(&w.lower[a]) && free(a, a + 1, &w.spans) {
                let next_cap = a + 1 < n && capital(w.start + a + 1);
                if !next_cap && free(a, a + 1, &extra) {
                    extra.push((a, a + 1, EntityType::PER));
                }
            }
        }
        w.spans.extend(extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_learn::Feat;

    /// A sentence-relative span with its type.
    type Span = (usize, usize, EntityType);

    /// The gazetteer's matches in a sentence of `forms`, as the recognizer finds them.
    fn gazetteer_matches(forms: &[&str]) -> Vec<crate::gazetteer::Match> {
        let lower: Vec<u64> = forms
            .iter()
            .map(|f| Feat::hash_str(&gazetteer::lower(f)))
            .collect();
        let exact: Vec<u64> = forms.iter().map(|f| Feat::hash_str(f)).collect();
        let mut matches = Vec::new();
        gazetteer::shared().matches(&lower, &exact, &mut matches);
        matches
    }

    /// The sentences of `text` with the given sentence-relative spans.
    fn work(doc: &Document, spans: &[&[(usize, usize, EntityType)]]) -> Vec<SentenceWork> {
        doc.sentences
            .iter()
            .enumerate()
            .map(|(si, s)| {
                let lower: Vec<u64> = s
                    .words
                    .clone()
                    .map(|i| Feat::hash_str(&gazetteer::lower(doc.word_text(i))))
                    .collect();
                SentenceWork {
                    si,
                    start: s.words.start,
                    end: s.words.end,
                    exact: lower.clone(),
                    lower,
                    matches: Vec::new(),
                    glued: vec![false; s.words.len()],
                    spans: spans[si].to_vec(),
                }
            })
            .collect()
    }

    fn doc(text: &str) -> Document {
        let mut d = Document::new("t", text);
        d.set_segmentation(dateline_segment::segment(text));
        d
    }

    #[test]
    fn one_name_one_type_within_the_article() {
        use EntityType::*;
        // (sentence text, spans the tagger gave, spans after the vote)
        let d = doc(
            "Acme Bank grew. Acme Bank said so. Staff of Acme Bank left. Acme Bank rose. \
                     Then Acme Bank fell.",
        );
        let mut w = work(
            &d,
            &[
                &[(0, 2, ORG)],
                &[(0, 2, ORG)],
                &[(2, 4, LOC)],
                &[(0, 2, ORG)],
                &[],
            ],
        );
        vote(&d, &mut w);
        let got: Vec<_> = w.iter().map(|w| w.spans.clone()).collect();
        assert_eq!(
            got,
            [
                vec![(0, 2, ORG)],
                vec![(0, 2, ORG)],
                vec![(2, 4, ORG)],
                vec![(0, 2, ORG)],
                vec![(1, 3, ORG)]
            ]
        );
    }

    #[test]
    fn a_surname_is_the_person_named_in_full() {
        use EntityType::*;
        let d = doc("Gary Player won. Player said so. Then Player left. The player left.");
        let mut w = work(&d, &[&[(0, 2, PER)], &[(0, 1, ORG)], &[], &[]]);
        vote(&d, &mut w);
        let got: Vec<_> = w.iter().map(|w| w.spans.clone()).collect();
        // Lower-case "player" is a word, not the name.
        assert_eq!(
            got,
            [
                vec![(0, 2, PER)],
                vec![(0, 1, PER)],
                vec![(1, 2, PER)],
                vec![]
            ]
        );
    }

    #[test]
    fn titles_are_cut_from_the_front_of_a_name() {
        let (mut d, _) = (
            doc("They met President Tomas Reyes and Former Deputy Minister Li Wei."),
            (),
        );
        // Hand-made tags are enough: the tagger and typer come from the shipped model.
        d.pos = Vec::new();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.dlm");
        let model = dateline_learn::ModelFile::load(path.as_ref()).unwrap();
        let rec = Recognizer::from_model(&model, path).unwrap();
        let (ms, _) = rec.recognize(&d);
        let names: Vec<&str> = ms
            .iter()
            .filter(|m| m.form == dateline_document::MentionForm::Name)
            .map(|m| d.slice(m.span))
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("President") || n.starts_with("Former")),
            "{names:?}"
        );
    }

    #[test]
    fn addresses_and_file_names_are_no_people_or_places() {
        use EntityType::*;
        // (words of the span, type given, span and type kept)
        let cases: [(&[&str], EntityType, Span); 6] = [
            (&["CrudeStocks.pdf"], LOC, (0, 1, MISC)),
            (&["RobBrnglsn@aol.com"], LOC, (0, 1, MISC)),
            (
                &["Michael", "McDermott", "mm@hotmail.com"],
                PER,
                (0, 2, PER),
            ),
            (&["http://www.adobe.com"], ORG, (0, 1, MISC)),
            // A mail system's "name@NODE" is how a person is named in an e-mail header.
            (&["Traci", "Warner@ENRON"], PER, (0, 2, PER)),
            (&["Enron", "Corp."], ORG, (0, 2, ORG)),
        ];
        for (forms, kind, want) in cases {
            assert_eq!(
                without_addresses(forms, 0, forms.len(), kind),
                want,
                "{forms:?}"
            );
        }
    }

    #[test]
    fn days_storms_and_dashes_follow_the_conventions() {
        use EntityType::*;
        // (words, span given, span kept)
        let cases: [(&[&str], Span, Option<Span>); 13] = [
            (&["on", "Fri", ","], (1, 2, PER), None),
            // The tagger left the storm word out.
            (
                &["strengthening", "Hurricane", "Rita", ","],
                (2, 3, PER),
                Some((1, 3, MISC)),
            ),
            (&["hurricane", "season"], (0, 1, LOC), Some((0, 1, LOC))),
            (&["transit", "Venus", "in"], (1, 2, PER), Some((1, 2, MISC))),
            (&["Mars", "Inc."], (0, 1, ORG), Some((0, 1, ORG))),
            (&["(", "Applause", ".", ")"], (1, 2, PER), None),
            (&["in", "September"], (1, 2, LOC), None),
            (
                &["Hurricane", "Katrina", "hit"],
                (0, 2, PER),
                Some((0, 2, MISC)),
            ),
            (
                &["Brandon", "Luna", "-", "Analyst"],
                (0, 4, PER),
                Some((0, 2, PER)),
            ),
            (
                &["Mass", "Transit", "-", "Athens"],
                (0, 4, ORG),
                Some((0, 4, ORG)),
            ),
            (&["Ms", "April", "Ryan"], (1, 3, PER), Some((1, 3, PER))),
            (
                &["Georgetown", "University"],
                (0, 2, LOC),
                Some((0, 2, ORG)),
            ),
            (
                &["Claudia", "Mo", "of", "the", "Civic", "Party"],
                (0, 6, PER),
                Some((0, 6, PER)),
            ),
        ];
        for (forms, (a, b, kind), want) in cases {
            let glued = vec![false; forms.len()];
            assert_eq!(by_convention(forms, &glued, a, b, kind), want, "{forms:?}");
        }
        // A span may end at a dash at the sentence's end.
        let forms = ["Vince", "Kaminski", "-"];
        assert_eq!(
            by_convention(&forms, &[false, false, true], 0, 3, PER),
            Some((0, 2, PER))
        );
        // A hyphen inside a word is no list dash.
        let forms = ["Muqtada", "al", "-", "Sadr"];
        let glued = [false, false, true, true];
        assert_eq!(by_convention(&forms, &glued, 0, 4, PER), Some((0, 4, PER)));
    }

    #[test]
    fn a_legal_form_ends_a_companys_name() {
        use EntityType::*;
        let forms = ["shares", "of", "Enron", "Corp.", "rose"];
        let mut spans = vec![(2, 3, ORG)];
        legal_forms(&forms, &mut spans);
        assert_eq!(spans, [(2, 4, ORG)]);
        // After a comma, the span the tagger gave the legal form gives way; a place becomes
        // the company.
        let forms = ["Constellation", "Power", "Source", ",", "Inc.", "("];
        let mut spans = vec![(0, 3, LOC), (4, 5, ORG)];
        legal_forms(&forms, &mut spans);
        assert_eq!(spans, [(0, 5, ORG)]);
        // A person is not a company, and a comma alone continues nothing.
        let forms = ["Traci", "Warner", ",", "Inc."];
        let mut spans = vec![(0, 2, PER)];
        legal_forms(&forms, &mut spans);
        assert_eq!(spans, [(0, 2, PER)]);
        let forms = ["Atlantic", "Lottery", "Corporation", ",", "Inc."];
        let mut spans = vec![(0, 3, ORG)];
        legal_forms(&forms, &mut spans);
        assert_eq!(spans, [(0, 3, ORG)], "a company's name already");
        // An empty or out-of-range span is left alone.
        let mut spans = vec![(2, 2, ORG), (4, 9, ORG)];
        legal_forms(&["a", "b", "c", "Inc."], &mut spans);
        assert_eq!(spans, [(2, 2, ORG), (4, 9, ORG)]);
        let forms = ["Enron", ",", "Houston"];
        let mut spans = vec![(0, 1, ORG), (2, 3, LOC)];
        legal_forms(&forms, &mut spans);
        assert_eq!(spans, [(0, 1, ORG), (2, 3, LOC)]);
    }

    #[test]
    fn a_person_over_a_comma_is_a_list_of_people() {
        use EntityType::*;
        let forms = ["Rumsfeld", ",", "Wolfowitz", "and", "Feith", "staffed"];
        let mut spans = vec![(0, 3, PER), (4, 5, PER)];
        listed_people(&forms, &mut spans);
        spans.sort();
        assert_eq!(spans, [(0, 1, PER), (2, 3, PER), (4, 5, PER)]);
        // Only people: a place written "Austin, Texas" as one span is left alone.
        let forms = ["Austin", ",", "Texas"];
        let mut spans = vec![(0, 3, GPE)];
        listed_people(&forms, &mut spans);
        assert_eq!(spans, [(0, 3, GPE)]);
        // A part that is no name is dropped.
        let forms = ["Smith", ",", "however"];
        let mut spans = vec![(0, 3, PER)];
        listed_people(&forms, &mut spans);
        assert_eq!(spans, [(0, 1, PER)]);
    }

    #[test]
    fn a_possessive_that_possesses_nothing_names_a_business() {
        use EntityType::*;
        let run = |words: &str, spans: &[Span]| {
            // "form/XPOS" pairs; UPOS is not read.
            let (forms, tags): (Vec<&str>, Vec<(&str, &str)>) = words
                .split(' ')
                .map(|w| w.rsplit_once('/').unwrap())
                .map(|(f, x)| (f, ("X", x)))
                .unzip();
            let mut spans = spans.to_vec();
            businesses(&forms, &tags, &mut spans);
            spans
        };
        // Somewhere one goes: a place, the "'s" included.
        let s = "going/VBG to/IN Del/NNP Frisco/NNP 's/POS for/IN dinner/NN";
        assert_eq!(run(s, &[(2, 4, LOC)]), [(2, 5, LOC)]);
        let s = "thinking/VBG Kenneally/NNP 's/POS at/IN around/RB 5/CD";
        assert_eq!(run(s, &[(1, 2, PER)]), [(1, 3, LOC)]);
        // Something that acts: an organization.
        let s = "when/WRB Alan/NNP 's/POS refused/VBD to/TO work/VB";
        assert_eq!(run(s, &[(1, 2, PER)]), [(1, 3, ORG)]);
        // A possessive that possesses, on the way through an adverb or a quotation mark.
        let s = "Obama/NNP 's/POS plan/NN failed/VBD";
        assert_eq!(run(s, &[(0, 1, PER)]), [(0, 1, PER)]);
        let s = "against/IN Israel/NNP 's/POS partially/RB completed/VBN barrier/NN";
        assert_eq!(run(s, &[(1, 2, GPE)]), [(1, 2, GPE)]);
        let s = "from/IN Dan/NNP Froomkin/NNP 's/POS \"/`` White/NNP";
        assert_eq!(run(s, &[(1, 3, PER)]), [(1, 3, PER)]);
        // "is", not a possessive.
        let s = "Smith/NNP 's/VBZ going/VBG to/TO win/VB";
        assert_eq!(run(s, &[(0, 1, PER)]), [(0, 1, PER)]);
    }

    #[test]
    fn a_town_before_its_state_is_two_places() {
        use EntityType::*;
        let gaz = gazetteer::shared();
        let run = |words: &str, spans: &[Span]| {
            let (forms, tags): (Vec<&str>, Vec<(&str, &str)>) = words
                .split(' ')
                .map(|w| w.rsplit_once('/').unwrap())
                .map(|(f, u)| (f, (u, "")))
                .unzip();
            let matches = gazetteer_matches(&forms);
            let mut spans = spans.to_vec();
            place_then_state(&forms, &tags, &matches, gaz, &mut spans);
            spans.sort();
            spans
        };
        let s = "Miramar/PROPN California/PROPN is/AUX north/ADV";
        assert_eq!(run(s, &[(0, 2, GPE)]), [(0, 1, GPE), (1, 2, GPE)]);
        let s = "from/ADP Portland/PROPN Oregon/PROPN last/ADJ year/NOUN";
        assert_eq!(run(s, &[(1, 3, LOC)]), [(1, 2, LOC), (2, 3, LOC)]);
        let s = "in/ADP San/PROPN Rafael/PROPN Ca/PROPN ?/PUNCT";
        assert_eq!(run(s, &[(1, 4, LOC)]), [(1, 3, LOC), (3, 4, LOC)]);
        let s = "the/DET Chillicothe/PROPN ,/PUNCT OH/PROPN area/NOUN";
        assert_eq!(run(s, &[(1, 2, GPE)]), [(1, 2, GPE), (3, 4, GPE)]);
        // One known name, a direction, a title's words, or a place of its own before it.
        for s in [
            "in/ADP in/ADP West/PROPN Virginia/PROPN",
            "in/ADP in/ADP Northern/PROPN Ireland/PROPN",
            "book/NOUN To/PROPN Renew/PROPN America/PROPN",
            "for/ADP for/ADP Standards/PROPN Australia/PROPN New/PROPN Zealand/PROPN",
        ] {
            let n = s.split(' ').count();
            assert_eq!(run(s, &[(2, n, GPE)]), [(2, n, GPE)], "{s}");
        }
        // "IN" and words in lower case are no state's code.
        let s = "Austin/PROPN ,/PUNCT IN/ADP the/DET";
        assert_eq!(run(s, &[(0, 1, GPE)]), [(0, 1, GPE)]);
    }

    #[test]
    fn a_place_at_the_edge_of_a_longer_name() {
        use EntityType::*;
        let run = |forms: &[&str], spans: &[Span]| {
            let mut spans = spans.to_vec();
            places_run_on(forms, &mut spans);
            spans
        };
        // A place's head word after it.
        let forms = ["in", "Tampa", "Bay", "that", "sells"];
        assert_eq!(run(&forms, &[(1, 2, GPE)]), [(1, 3, GPE)]);
        // An organization's head word after it, with "of ..." after that.
        let forms = ["at", "Georgetown", "University", ";"];
        assert_eq!(run(&forms, &[(1, 2, GPE)]), [(1, 3, ORG)]);
        let forms = ["The", "US", "National", "Hurricane", "Center", "said"];
        assert_eq!(run(&forms, &[(1, 2, GPE)]), [(1, 5, ORG)]);
        let forms = ["in", "Georgia", "Institute", "of", "Technology", "now"];
        assert_eq!(run(&forms, &[(1, 2, GPE)]), [(1, 5, ORG)]);
        // Before it and "of".
        let forms = ["the", "Housing", "Authority", "of", "New", "Orleans", "("];
        assert_eq!(run(&forms, &[(4, 6, GPE)]), [(1, 6, ORG)]);
        // Not a city's centre, not words another span holds, and not a person.
        let forms = ["the", "Hayward", "City", "Center", "district"];
        assert_eq!(run(&forms, &[(1, 2, GPE)]), [(1, 3, GPE)]);
        let forms = ["Paris", "Saint-Germain", "Football", "Club"];
        assert_eq!(
            run(&forms, &[(0, 1, GPE), (1, 4, ORG)]),
            [(0, 1, GPE), (1, 4, ORG)]
        );
        let forms = ["Bay", "Council"];
        assert_eq!(run(&forms, &[(0, 1, PER)]), [(0, 1, PER)]);
        // An organization's head word goes on over "of" and the capitals after it.
        let forms = [
            "of",
            "the",
            "Oregon",
            "Department",
            "of",
            "Transportation",
            ".",
        ];
        assert_eq!(run(&forms, &[(2, 4, ORG)]), [(2, 6, ORG)]);
        // Not over a span of its own.
        let forms = ["the", "University", "of", "Texas"];
        assert_eq!(
            run(&forms, &[(1, 2, ORG), (3, 4, GPE)]),
            [(1, 2, ORG), (3, 4, GPE)]
        );
    }

    #[test]
    fn an_organizations_head_and_of_take_the_name_after_them() {
        use EntityType::*;
        let forms = ["contact", "Law", "Offices", "of", "Armando", "Villega"];
        let mut spans = vec![(4, 6, PER)];
        places_run_on(&forms, &mut spans);
        assert_eq!(spans, [(1, 6, ORG)]);
        let forms = [
            "the",
            "respected",
            "Association",
            "of",
            "Muslim",
            "Scholars",
            ".",
        ];
        let mut spans = vec![(4, 6, PER)];
        places_run_on(&forms, &mut spans);
        assert_eq!(spans, [(2, 6, ORG)]);
        // Not a title's "of" ("Emperor of the United States" is no organization's head).
        let forms = ["the", "Emperor", "of", "Norton", "I"];
        let mut spans = vec![(3, 5, PER)];
        places_run_on(&forms, &mut spans);
        assert_eq!(spans, [(3, 5, PER)]);
    }

    #[test]
    fn a_name_with_a_middle_initial_ends_at_the_surname_on_a_signature_line() {
        use EntityType::*;
        let gaz = gazetteer::shared();
        let run = |forms: &[&str], spans: &[Span]| {
            let matches = gazetteer_matches(forms);
            let mut spans = spans.to_vec();
            signatures(forms, &[], &matches, gaz, &mut spans);
            spans.sort();
            spans
        };
        let forms = ["Kevin", "A.", "Boone", "Accenture", "--", "Houston"];
        assert_eq!(run(&forms, &[(0, 4, PER)]), [(0, 3, PER), (3, 4, ORG)]);
        // A suffix is the name's, and a name going on into the sentence is left alone.
        let forms = ["John", "F.", "Kennedy", "Jr.", "--"];
        assert_eq!(run(&forms, &[(0, 4, PER)]), [(0, 4, PER)]);
        let forms = ["John", "F.", "Kennedy", "Airport", "is", "busy"];
        assert_eq!(run(&forms, &[(0, 4, PER)]), [(0, 4, PER)]);
    }

    #[test]
    fn a_places_possessive_is_cut_from_an_organizations_name() {
        use EntityType::*;
        let forms = ["Britain", "'s", "Foreign", "Office", "said"];
        let mut spans = vec![(0, 4, ORG)];
        possessed_by_places(
            &forms,
            &gazetteer_matches(&forms),
            gazetteer::shared(),
            &mut spans,
        );
        assert_eq!(spans, [(2, 4, ORG), (0, 1, GPE)]);
        // Not a business named with "'s", nor a person's.
        let forms = ["McDonald", "'s", "Corp", "said"];
        let mut spans = vec![(0, 3, ORG)];
        possessed_by_places(
            &forms,
            &gazetteer_matches(&forms),
            gazetteer::shared(),
            &mut spans,
        );
        assert_eq!(spans, [(0, 3, ORG)]);
    }

    #[test]
    fn a_quoted_surname_first_display_name_is_one_person() {
        use EntityType::*;
        let forms = [
            "\"",
            "Townsend",
            ",",
            "George",
            "\"",
            "<",
            "gt@example.org",
            ">",
        ];
        let mut spans = vec![(3, 4, PER)];
        display_names(&forms, &mut spans);
        assert_eq!(spans, [(1, 4, PER)]);
        // Alone on its line, or after a header's colon.
        let forms = ["\"", "Lenhart", ",", "Matthew", "\""];
        let mut spans = vec![(1, 2, PER)];
        display_names(&forms, &mut spans);
        assert_eq!(spans, [(1, 4, PER)]);
        let forms = [
            "From", ":", "\"", "Lenhart", ",", "Matthew", "\"", "<", "m@x.org", ">",
        ];
        let mut spans = vec![];
        display_names(&forms, &mut spans);
        assert_eq!(spans, [(3, 6, PER)]);
        // A quotation that lists two names inside a sentence is not a header.
        let forms = [
            "he", "said", "\"", "Paris", ",", "Rome", "\"", "and", "left",
        ];
        let mut spans = vec![(3, 4, GPE), (5, 6, GPE)];
        display_names(&forms, &mut spans);
        assert_eq!(spans, [(3, 4, GPE), (5, 6, GPE)]);
    }

    #[test]
    fn a_postscript_mark_is_no_part_of_a_name() {
        let forms = ["P.S.", "Tom", ",", "please", "call"];
        let glued = [false; 5];
        let got = by_convention(&forms, &glued, 0, 2, EntityType::PER);
        assert_eq!(got, Some((1, 2, EntityType::PER)));
        // "PS" alone is left to the typer.
        assert_eq!(
            by_convention(&forms, &glued, 0, 1, EntityType::ORG),
            Some((0, 1, EntityType::ORG))
        );
    }

    #[test]
    fn a_name_ending_in_an_organizations_head_word_is_one() {
        let glued = [false; 8];
        let forms = [
            "the", "Greater", "Fair", "Housing", "Action", "Center", "filed",
        ];
        let got = by_convention(&forms, &glued, 1, 6, EntityType::LOC);
        assert_eq!(got, Some((1, 6, EntityType::ORG)));
        // A city's centre is a district.
        let forms = ["the", "Hayward", "City", "Center", "district"];
        let got = by_convention(&forms, &glued, 1, 4, EntityType::LOC);
        assert_eq!(got, Some((1, 4, EntityType::LOC)));
        // Its council is an organization.
        let forms = ["the", "New", "York", "City", "Council", "voted"];
        let got = by_convention(&forms, &glued, 1, 5, EntityType::LOC);
        assert_eq!(got, Some((1, 5, EntityType::ORG)));
    }

    #[test]
    fn a_signature_is_the_person_and_the_company() {
        use EntityType::*;
        let gaz = gazetteer::shared();
        let run = |forms: &[&str], tags: &[(&str, &str)], spans: &mut Vec<Span>| {
            let matches = gazetteer_matches(forms);
            signatures(forms, tags, &matches, gaz, spans);
            spans.sort();
        };
        let forms = [
            "Maria", "Lopez", "Harlow", "Finch", "Holdings", ",", "Inc.", "Phone",
        ];
        let mut spans = vec![(0, 5, PER)];
        run(&forms, &[], &mut spans);
        assert_eq!(spans, [(0, 2, PER), (2, 7, ORG)]);
        // With an initial between the names.
        let forms = ["Kevin", "A.", "Boone", "North", "Field", "Energy", "Corp."];
        let mut spans = vec![(0, 7, ORG)];
        run(&forms, &[], &mut spans);
        assert_eq!(spans, [(0, 3, PER), (3, 7, ORG)]);
        // A company named after a person that then acts is the company.
        let forms = [
            "Morgan",
            "Stanley",
            "Capital",
            "International",
            "Inc.",
            "said",
        ];
        let tags = [("PROPN", "NNP"); 5]
            .into_iter()
            .chain([("VERB", "VBD")])
            .collect::<Vec<_>>();
        let mut spans = vec![(0, 5, ORG)];
        run(&forms, &tags, &mut spans);
        assert_eq!(spans, [(0, 5, ORG)]);
        // Too short to hold a company after the person.
        let forms = ["Walt", "Disney", "Co."];
        let mut spans = vec![(0, 3, ORG)];
        run(&forms, &[], &mut spans);
        assert_eq!(spans, [(0, 3, ORG)]);
    }

    #[test]
    fn names_go_on_across_a_hyphen_inside_a_word() {
        use EntityType::*;
        // "cleric Muqtada al-Sadr said", the tagger stopping at the hyphen.
        let forms = ["cleric", "Muqtada", "al", "-", "Sadr", "said"];
        let glued = [false, false, false, true, true, false];
        let mut spans = vec![(1, 3, PER)];
        hyphenated(&forms, &glued, &mut spans);
        assert_eq!(spans, [(1, 5, PER)]);
        // "keep al-Qaida out", the tagger finding only "Qaida", and a span reached merged in.
        let forms = ["keep", "al", "-", "Qaida", "out"];
        let glued = [false, false, true, true, false];
        let mut spans = vec![(3, 4, ORG)];
        hyphenated(&forms, &glued, &mut spans);
        assert_eq!(spans, [(1, 4, ORG)]);
        let forms = ["Claire", "Bailey", "-", "Ross", "and", "Luis", "Ortiz"];
        let glued = [false, false, true, true, false, false, false];
        let mut spans = vec![(0, 2, PER), (3, 4, PER), (5, 7, PER)];
        hyphenated(&forms, &glued, &mut spans);
        assert_eq!(spans, [(0, 4, PER), (5, 7, PER)]);
        // Places joined by a hyphen stay apart; so does a dash between spaces.
        let forms = ["the", "Pittsburgh", "-", "Cleveland", "game"];
        let glued = [false, false, true, true, false];
        let mut spans = vec![(1, 2, LOC), (3, 4, LOC)];
        hyphenated(&forms, &glued, &mut spans);
        assert_eq!(spans, [(1, 2, LOC), (3, 4, LOC)]);
        let forms = ["Brandon", "Luna", "-", "Analyst"];
        let mut spans = vec![(0, 2, PER)];
        hyphenated(&forms, &[false; 4], &mut spans);
        assert_eq!(spans, [(0, 2, PER)]);
    }

    #[test]
    fn a_korean_given_name_goes_on_across_its_hyphen() {
        use EntityType::*;
        let run = |forms: &[&str], span: Span| {
            // Every word is glued to the one before except the name's first.
            let glued: Vec<bool> = (0..forms.len()).map(|k| k > span.0 + 1).collect();
            let mut spans = vec![span];
            hyphenated(forms, &glued, &mut spans);
            spans
        };
        let forms = ["Lee", "Jae", "-", "myung", "met"];
        assert_eq!(run(&forms, (0, 2, PER)), [(0, 4, PER)]);
        // Not an English compound's second half, nor after a long or lone name.
        let forms = ["Ron", "Paul", "-", "style", "politics"];
        assert_eq!(run(&forms, (0, 2, PER)), [(0, 2, PER)]);
        let forms = ["Joe", "Biden", "-", "led", "talks"];
        assert_eq!(run(&forms, (0, 2, PER)), [(0, 2, PER)]);
        let forms = ["Lee", "-", "ish", "ideas"];
        assert_eq!(run(&forms, (0, 1, PER)), [(0, 1, PER)]);
    }

    #[test]
    fn a_first_name_joins_the_person_after_it() {
        use EntityType::*;
        // "says Ben Player , one of": "Ben" a first name, "Player" found as a surname.
        let mut spans = vec![(1, 2, PER), (2, 3, PER), (5, 6, ORG)];
        join_first_names(&mut spans, |k| k == 1);
        assert_eq!(spans, [(1, 3, PER), (5, 6, ORG)]);
        // Two surnames side by side stay two people; so does a person before a place.
        let mut spans = vec![(0, 1, PER), (1, 2, PER), (2, 3, LOC)];
        join_first_names(&mut spans, |_| false);
        assert_eq!(spans, [(0, 1, PER), (1, 2, PER), (2, 3, LOC)]);
        let mut spans = vec![(0, 1, PER), (1, 2, LOC)];
        join_first_names(&mut spans, |_| true);
        assert_eq!(spans, [(0, 1, PER), (1, 2, LOC)]);
    }

    #[test]
    fn function_words_alone_are_no_names() {
        for w in ["Who", "It", "They", "who"] {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["WHO", "Whoopi", "Iran", "US"] {
            assert!(!is_function_word(w), "{w}");
        }
    }

    #[test]
    fn a_name_the_article_calls_an_organization_is_one_everywhere() {
        use EntityType::*;
        let d = doc("He joined the band Gigi in 1994. Gigi toured Java. Gigi sang.");
        let mut w = work(&d, &[&[(4, 5, PER)], &[(0, 1, PER)], &[(0, 1, PER)]]);
        vote(&d, &mut w);
        assert_eq!(w[0].spans, [(4, 5, ORG)]);
        assert_eq!(w[1].spans, [(0, 1, ORG)]);
        assert_eq!(w[2].spans, [(0, 1, ORG)]);
        // A capitalised "Band" is part of a name, and a cue must come right before it.
        let d = doc("The Band Aid single sold. A band led by Geldof played.");
        let mut w = work(&d, &[&[(1, 3, ORG)], &[(5, 6, PER)]]);
        vote(&d, &mut w);
        assert_eq!(w[1].spans, [(5, 6, PER)]);
    }

    #[test]
    fn a_storms_name_alone_is_the_storm() {
        use EntityType::*;
        let d = doc("Hurricane Rita hit. Rita moved on.");
        let mut w = work(&d, &[&[(0, 2, MISC)], &[(0, 1, PER)]]);
        vote(&d, &mut w);
        assert_eq!(w[1].spans, [(0, 1, MISC)]);
    }

    #[test]
    fn a_planet_ending_a_persons_name_is_no_surname() {
        use EntityType::*;
        let d = doc("It was seen by FMs Rahu. It was aspected by Rahu.");
        let mut w = work(&d, &[&[(4, 6, PER)], &[(4, 5, MISC)]]);
        vote(&d, &mut w);
        assert_eq!(w[1].spans, [(4, 5, MISC)]);
        // A surname is, as before.
        let d = doc("It was seen by Anna Rahul. It was aspected by Rahul.");
        let mut w = work(&d, &[&[(4, 6, PER)], &[(4, 5, LOC)]]);
        vote(&d, &mut w);
        assert_eq!(w[1].spans, [(4, 5, PER)]);
    }

    #[test]
    fn streets_venues_and_saints_are_no_people() {
        let glued = [false; 6];
        for forms in [
            ["I", "like", "Hayes", "Street", "Grill", "."],
            ["to", "the", "GG", "Bridge", ",", "Haight"],
        ] {
            let b = if forms[3] == "Bridge" { 4 } else { 5 };
            let got = by_convention(&forms, &glued, 2, b, EntityType::PER);
            assert_eq!(got, Some((2, b, EntityType::LOC)), "{forms:?}");
        }
        let forms = ["Ron", "Paul", "-", "style"];
        let got = by_convention(&forms, &glued, 0, 3, EntityType::PER);
        assert_eq!(got, Some((0, 2, EntityType::PER)), "a hyphen ends no name");
        let forms = ["analysts", "at", "Banco", "Santander", "expect"];
        let got = by_convention(&forms, &glued, 2, 4, EntityType::PER);
        assert_eq!(got, Some((2, 4, EntityType::ORG)));
        let forms = ["former", "St.", "Thomas", "residents"];
        let got = by_convention(&forms, &glued, 1, 3, EntityType::PER);
        assert_eq!(got, Some((1, 3, EntityType::LOC)));
        // A venue word alone, or an organization's, is left to the typer.
        let forms = ["Street", "said"];
        let got = by_convention(&forms, &glued, 0, 1, EntityType::PER);
        assert_eq!(got, Some((0, 1, EntityType::PER)));
    }

    #[test]
    fn a_person_stopped_before_a_word_the_article_calls_a_person_takes_it() {
        use EntityType::*;
        let d = doc("Minister Marcelo Ebrard will travel. Ebrard said so. Ebrard left.");
        let mut w = work(&d, &[&[(1, 2, PER)], &[(0, 1, PER)], &[(0, 1, PER)]]);
        vote(&d, &mut w);
        assert_eq!(w[0].spans, [(1, 3, PER)]);
        // Not over a word of another span, nor into a word the article calls otherwise.
        let d = doc("Minister Marcelo Ebrard will travel. Ebrard is a town. Ebrard grew.");
        let mut w = work(&d, &[&[(1, 2, PER)], &[(0, 1, LOC)], &[(0, 1, LOC)]]);
        vote(&d, &mut w);
        assert_eq!(w[0].spans, [(1, 2, PER)]);
    }

    #[test]
    fn a_proper_noun_before_a_word_the_article_calls_a_person_is_the_first_name() {
        use dateline_document::{PosTag, Upos};
        use EntityType::*;
        let tagged = |text: &str| {
            let mut d = doc(text);
            d.pos = (0..d.words.len())
                .map(|i| {
                    let w = d.word_text(i);
                    let upos = if w.chars().next().is_some_and(char::is_uppercase) {
                        Upos::PROPN
                    } else {
                        Upos::NOUN
                    };
                    PosTag {
                        upos,
                        xpos: "_",
                        lemma: w.to_string(),
                    }
                })
                .collect();
            d
        };
        let d = tagged("Finance Minister Katsunobu Kato spoke. Kato left.");
        let mut w = work(&d, &[&[], &[(0, 1, PER)]]);
        vote(&d, &mut w);
        assert_eq!(w[0].spans, [(2, 4, PER)]);
        // Not in a longer run of capitals, and not at the sentence's start.
        let d = tagged("He runs Movement Kato Magazine now. Kato left.");
        let mut w = work(&d, &[&[], &[(0, 1, PER)]]);
        vote(&d, &mut w);
        assert_eq!(w[0].spans, []);
        let d = tagged("Yesterday Kato spoke. Kato left.");
        let mut w = work(&d, &[&[], &[(0, 1, PER)]]);
        vote(&d, &mut w);
        assert_eq!(w[0].spans, [], "no sentence-initial word is taken");
    }

    #[test]
    fn a_tie_changes_nothing() {
        use EntityType::*;
        let d = doc("Jordan spoke. Jordan won.");
        let mut w = work(&d, &[&[(0, 1, PER)], &[(0, 1, LOC)]]);
        vote(&d, &mut w);
        assert_eq!(w[0].spans, [(0, 1, PER)]);
        assert_eq!(w[1].spans, [(0, 1, LOC)]);
    }
}
