//! The coder: verbs, their subjects and objects in the dependency parse, actors from the
//! dictionaries and the entity layer, and the CAMEO code of the best-matching verb pattern.

use crate::dict::{self, Actor, Agent, Discard, Elem, Phrases, Term, Transform, VerbEntry, Verbs};
use crate::ontology::{Countries, Ontology};
use dateline_document::{Document, EntityType, Event, EventActor, MentionForm, Span, Upos};
use rustc_hash::FxHashMap;

/// The dictionaries one coding run uses, compiled.
#[derive(Debug)]
pub(crate) struct Dictionaries {
    pub verbs: Verbs,
    pub actors: Vec<Actor>,
    pub actor_phrases: Phrases<u32>,
    pub agents: Phrases<Agent>,
    pub discards: Phrases<Discard>,
    pub issues: Vec<(String, Box<str>)>,
    /// Blocks of the verbs SAY and CLAIM (reporting verbs), WANT and ATTEMPT.
    say_blocks: Vec<u32>,
}

impl Dictionaries {
    pub fn new(verbs: Verbs, actors: &[&str], agents: &str, discards: &str, issues: &str) -> Self {
        let mut actor_list = Vec::new();
        let mut actor_phrases = Phrases::default();
        for a in actors {
            dict::parse_actors(a, &mut actor_list, &mut actor_phrases);
        }
        let mut ag = Phrases::default();
        dict::parse_agents(agents, &mut ag);
        let mut di = Phrases::default();
        dict::parse_discards(discards, &mut di);
        let block_of = |w: &str| {
            verbs
                .forms
                .get(w)
                .and_then(|e| e.iter().find(|e| e.before.is_empty() && e.after.is_empty()))
                .map(|e| e.block)
        };
        let say_blocks = ["SAY", "CLAIM", "REPORT", "ANNOUNCE"]
            .iter()
            .filter_map(|w| block_of(w))
            .collect();
        Dictionaries {
            verbs,
            actors: actor_list,
            actor_phrases,
            agents: ag,
            discards: di,
            issues: dict::parse_issues(issues),
            say_blocks,
        }
    }
}

/// Options of a coding run (the PETRARCH options the gold records switch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// An event needs both a source and a target (PETRARCH's default). Without it, an event
    /// with no target gets target code `---`.
    pub require_dyad: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { require_dyad: true }
    }
}

/// An actor found for a noun phrase.
#[derive(Clone, Debug)]
struct ActorRef {
    code: String,
    entity: Option<usize>,
    span: Span,
    /// The phrase is a pronoun that found no actor of its own.
    pronoun: bool,
    /// The actor is a name that only modifies the phrase's head ("the Beijing Olympics").
    attributive: bool,
}

/// An event before it is written: actors, code and the verb it came from.
#[derive(Clone, Debug)]
struct Ev {
    source: ActorRef,
    target: Option<ActorRef>,
    code: Box<str>,
    verb: usize,
}

/// One sentence's view of the parse.
struct Sent<'a> {
    doc: &'a Document,
    start: usize,
    end: usize,
    up: Vec<String>,
    lem: Vec<String>,
    children: Vec<Vec<usize>>,
    /// Words the parser made a second subject of a verb though they only continue the first
    /// subject's phrase ("minister Calimehtar warned", "lawmakers Tuesday endorsed"), by the
    /// subject they belong to (sentence-relative).
    appended: Vec<Vec<usize>>,
    /// The word is such a continuation, not a subject of its own.
    is_appended: Vec<bool>,
}

impl<'a> Sent<'a> {
    fn new(doc: &'a Document, s: usize) -> Sent<'a> {
        let r = doc.sentences[s].words.clone();
        let up: Vec<String> = r.clone().map(|i| doc.word_text(i).to_uppercase()).collect();
        let lem: Vec<String> = r
            .clone()
            .map(|i| {
                doc.pos
                    .get(i)
                    .map(|p| p.lemma.to_uppercase())
                    .unwrap_or_default()
            })
            .collect();
        let mut children = vec![Vec::new(); r.len()];
        for i in r.clone() {
            if let Some(h) = doc.deps.get(i).and_then(|d| d.head) {
                if h >= r.start && h < r.end {
                    children[h - r.start].push(i);
                }
            }
        }
        let mut sent = Sent {
            doc,
            start: r.start,
            end: r.end,
            up,
            lem,
            children,
            appended: vec![Vec::new(); r.len()],
            is_appended: vec![false; r.len()],
        };
        // An English clause has one subject: two subject words before their verb with only
        // words of a noun phrase between them are one phrase the parser split, a title and
        // its name or a noun and a date, and code as one actor.
        for v in r.clone() {
            let subj: Vec<usize> = sent.raw_subjects(v).collect();
            for pair in subj.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let inside = (a + 1..b).all(|k| {
                    matches!(
                        sent.upos(k),
                        Some(Upos::DET | Upos::ADJ | Upos::NOUN | Upos::PROPN | Upos::NUM)
                    )
                });
                if b < v && inside && !is_rel(sent.rel(b), "conj") {
                    let first = sent.subject_of_phrase(a);
                    sent.appended[first - r.start].push(b);
                    sent.is_appended[b - r.start] = true;
                }
            }
        }
        sent
    }
    /// The first subject whose phrase `a` continues, or `a`.
    fn subject_of_phrase(&self, mut a: usize) -> usize {
        for _ in 0..16 {
            match (self.start..a).find(|&f| self.appended[f - self.start].contains(&a)) {
                Some(f) => a = f,
                None => break,
            }
        }
        a
    }
    /// A noun the parser made the object of a verb it comes before: English objects follow
    /// their verb (a fronted object is a pronoun: "which", "what"), so "Ukrainian lawmakers
    /// Tuesday endorsed" with `lawmakers` as object is a subject misread.
    fn fronted_object(&self, v: usize, o: usize) -> bool {
        o < v && self.rel(o) == "obj" && matches!(self.upos(o), Some(Upos::NOUN | Upos::PROPN))
    }
    /// The subject words of `v` as parsed, with fronted objects, in text order.
    fn raw_subjects(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids(v)
            .iter()
            .copied()
            .filter(move |&c| is_rel(self.rel(c), "nsubj") || self.fronted_object(v, c))
    }
    /// The subjects of `v`: its `nsubj` children and fronted objects, each phrase once.
    fn subjects(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.raw_subjects(v)
            .filter(move |&c| !self.is_appended[c - self.start])
    }
    /// The objects of `v`: `obj` and `iobj` children that are not fronted subjects.
    fn objects(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids(v)
            .iter()
            .copied()
            .filter(move |&c| matches!(self.rel(c), "obj" | "iobj") && !self.fronted_object(v, c))
    }
    fn rel(&self, i: usize) -> &'static str {
        self.doc.deps.get(i).map(|d| d.rel).unwrap_or("")
    }
    fn head(&self, i: usize) -> Option<usize> {
        self.doc
            .deps
            .get(i)
            .and_then(|d| d.head)
            .filter(|&h| h >= self.start && h < self.end)
    }
    fn upos(&self, i: usize) -> Option<Upos> {
        self.doc.pos.get(i).map(|p| p.upos)
    }
    /// A verb, or a word the tagger took for an adjective that has a subject and an object as
    /// only a verb has ("it would free prisoners").
    fn is_verb(&self, i: usize) -> bool {
        match self.upos(i) {
            Some(Upos::VERB) => true,
            Some(Upos::ADJ) => {
                let has = |rel: &str| self.kids(i).iter().any(|&c| is_rel(self.rel(c), rel));
                has("obj") && has("nsubj") && !has("cop")
            }
            _ => false,
        }
    }
    fn kids(&self, i: usize) -> &[usize] {
        &self.children[i - self.start]
    }
    fn kids_rel<'b>(
        &'b self,
        i: usize,
        pred: impl Fn(&str) -> bool + 'b,
    ) -> impl Iterator<Item = usize> + 'b {
        self.kids(i)
            .iter()
            .copied()
            .filter(move |&c| pred(self.rel(c)))
    }
    fn up(&self, i: usize) -> &str {
        &self.up[i - self.start]
    }
    fn lem(&self, i: usize) -> &str {
        &self.lem[i - self.start]
    }
    /// The preposition of a prepositional phrase headed by `i` ("to" in "to Gondor").
    fn case(&self, i: usize) -> Option<&str> {
        self.kids_rel(i, |r| r == "case")
            .find(|&c| self.up(c) != "'S")
            .map(|c| self.up(c))
    }
}

fn is_rel(rel: &str, base: &str) -> bool {
    rel == base || rel.strip_prefix(base).is_some_and(|r| r.starts_with(':'))
}

/// The coder: dictionaries, ontology and options. Build once, use from many threads.
#[derive(Debug)]
pub struct Coder {
    pub(crate) dict: Dictionaries,
    pub(crate) ontology: Ontology,
    pub(crate) countries: Countries,
    pub(crate) options: Options,
}

impl Coder {
    /// The same coder with other options.
    pub fn with_options(mut self, options: Options) -> Coder {
        self.options = options;
        self
    }

    /// The ontology the coder writes codes from.
    pub fn ontology(&self) -> &Ontology {
        &self.ontology
    }

    /// Codes the events of a parsed document (needs words, pos and deps; uses mentions,
    /// entities and timexes when present). Reports of the same event are merged.
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        self.code_with(doc, self.options)
    }

    /// [`Coder::code`] with other options for this document.
    pub fn code_with(&self, doc: &Document, options: Options) -> Vec<Event> {
        if doc.deps.len() != doc.words.len() || doc.pos.len() != doc.words.len() {
            return Vec::new();
        }
        let date = doc_date(doc);
        let mut sents = Vec::with_capacity(doc.sentences.len());
        for s in 0..doc.sentences.len() {
            let sent = Sent::new(doc, s);
            match self.discarded(&sent) {
                Some(true) => return Vec::new(),
                Some(false) => continue,
                None => sents.push((s, sent)),
            }
        }
        let mut out: Vec<Event> = Vec::new();
        let mut index: FxHashMap<(String, String, Box<str>), usize> = FxHashMap::default();
        for (s, sent) in &sents {
            for ev in self.code_sentence(sent, date, options) {
                let target = match ev.target {
                    Some(t) => t,
                    None if !options.require_dyad => ActorRef {
                        code: "---".into(),
                        entity: None,
                        span: ev.source.span,
                        pronoun: false,
                        attributive: false,
                    },
                    None => continue,
                };
                let target = self.capital_as_place(doc, target, &ev.code);
                if target.code == ev.source.code {
                    continue;
                }
                let key = (ev.source.code.clone(), target.code.clone(), ev.code.clone());
                if let Some(&k) = index.get(&key) {
                    out[k].reports += 1;
                    continue;
                }
                index.insert(key, out.len());
                out.push(self.event(doc, *s, ev.source, target, &ev.code, ev.verb));
            }
        }
        out
    }

    /// A capital is its government when it speaks or is spoken to ("New Delhi said", "urged
    /// New Delhi"), but the place when it is the target of force ("fired two artillery shells
    /// at Seoul"): material conflict (quad class 4) on a capital codes the country.
    fn capital_as_place(&self, doc: &Document, mut target: ActorRef, code: &str) -> ActorRef {
        let conflict = self.ontology.get(code).is_some_and(|c| c.quad_class == 4);
        if conflict && target.code.len() == 6 && target.code.ends_with("GOV") {
            let name = doc.slice(target.span).to_uppercase();
            let name = name.strip_prefix("THE ").unwrap_or(&name);
            if self
                .countries
                .capitals
                .get(name)
                .is_some_and(|c| **c == target.code[..3])
            {
                target.code.truncate(3);
            }
        }
        target
    }

    fn event(
        &self,
        doc: &Document,
        s: usize,
        source: ActorRef,
        target: ActorRef,
        code: &str,
        verb: usize,
    ) -> Event {
        let info = self.ontology.get(code);
        let v = doc.words[verb].span;
        let start = source.span.start.min(target.span.start).min(v.start);
        let end = source.span.end.max(target.span.end).max(v.end);
        Event {
            source: EventActor {
                code: source.code,
                entity: source.entity,
                span: source.span,
            },
            target: EventActor {
                code: target.code,
                entity: target.entity,
                span: target.span,
            },
            cameo: code.to_string(),
            plover: info.and_then(|i| i.plover.as_deref().map(str::to_string)),
            goldstein: info.map(|i| i.goldstein).unwrap_or(0.0),
            quad_class: info.map(|i| i.quad_class).unwrap_or(0),
            span: Span::new(start, end),
            date: sentence_date(doc, s),
            sentence: s,
            reports: 1,
        }
    }

    /// `Some(true)`: the story is dropped; `Some(false)`: the sentence; `None`: code it.
    fn discarded(&self, sent: &Sent) -> Option<bool> {
        let words: Vec<&str> = sent.up.iter().map(String::as_str).collect();
        let lems: Vec<&str> = sent.lem.iter().map(String::as_str).collect();
        let mut found = None;
        for i in 0..words.len() {
            if let Some((_, d)) = self.dict.discards.longest(&words, &lems, i) {
                if d.story {
                    return Some(true);
                }
                found = Some(false);
            }
        }
        found
    }

    fn code_sentence(&self, sent: &Sent, date: Option<u32>, options: Options) -> Vec<Ev> {
        let _ = options;
        let mut out = Vec::new();
        let mut cache: FxHashMap<usize, Vec<ActorRef>> = FxHashMap::default();
        for v in sent.start..sent.end {
            if !sent.is_verb(v) {
                continue;
            }
            // Complements are coded inside their governing verb.
            let rel = sent.rel(v);
            if (is_rel(rel, "xcomp") || is_rel(rel, "ccomp"))
                && sent.head(v).is_some_and(|h| sent.is_verb(h))
            {
                continue;
            }
            out.extend(
                self.code_verb(sent, v, date, &mut cache, 0)
                    .into_iter()
                    .filter(|e| !e.source.pronoun),
            );
        }
        out
    }

    /// The dictionary entry of verb `v`: surface form first, then lemma; multi-word verbs whose
    /// other words are in place win.
    fn lookup(&self, sent: &Sent, v: usize) -> Option<&VerbEntry> {
        let cands = self
            .dict
            .verbs
            .forms
            .get(sent.up(v))
            .into_iter()
            .flatten()
            .chain(self.dict.verbs.forms.get(sent.lem(v)).into_iter().flatten());
        cands.into_iter().find(|e| {
            let before_ok = e
                .before
                .iter()
                .rev()
                .enumerate()
                .all(|(k, w)| v > sent.start + k && sent.up(v - k - 1) == &**w);
            let after_ok = {
                let mut j = v + 1;
                e.after.iter().all(|w| {
                    let lim = (j + 3).min(sent.end);
                    match (j..lim).find(|&x| sent.up(x) == &**w) {
                        Some(x) => {
                            j = x + 1;
                            true
                        }
                        None => false,
                    }
                })
            };
            before_ok && after_ok
        })
    }

    fn negated(&self, sent: &Sent, v: usize) -> bool {
        sent.kids(v).iter().any(|&c| {
            let r = sent.rel(c);
            (r == "advmod" || r == "neg" || r == "det")
                && matches!(sent.lem(c), "NOT" | "NEVER" | "N'T" | "NO")
        })
    }

    fn passive(&self, sent: &Sent, v: usize) -> bool {
        sent.kids(v)
            .iter()
            .any(|&c| matches!(sent.rel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
    }

    /// The subject heads of `v` (conjuncts expanded), following control, coordination and
    /// relative clauses up the tree.
    fn subject_heads(&self, sent: &Sent, v: usize, depth: usize) -> Vec<usize> {
        let own: Vec<usize> = sent.subjects(v).collect();
        if !own.is_empty() {
            let mut heads = Vec::new();
            for s in own {
                // "the army, which attacked ..." -> the army.
                if is_rel(sent.rel(v), "acl") && matches!(sent.lem(s), "WHO" | "WHICH" | "THAT") {
                    if let Some(h) = sent.head(v) {
                        heads.extend(conjuncts(sent, h));
                        continue;
                    }
                }
                heads.extend(conjuncts(sent, s));
            }
            return heads;
        }
        if depth > 4 {
            return Vec::new();
        }
        let Some(h) = sent.head(v) else {
            return Vec::new();
        };
        let rel = sent.rel(v);
        if is_rel(rel, "xcomp") {
            // Object control: "urged New Delhi to send", "wants Putin to attack".
            let objs: Vec<usize> = sent.objects(h).collect();
            if let Some(&o) = objs.first() {
                return conjuncts(sent, o);
            }
            return self.subject_heads(sent, h, depth + 1);
        }
        if is_rel(rel, "conj") || is_rel(rel, "advcl") {
            return self.subject_heads(sent, h, depth + 1);
        }
        if is_rel(rel, "acl")
            && !self.passive(sent, v)
            && sent
                .upos(h)
                .is_some_and(|u| matches!(u, Upos::NOUN | Upos::PROPN | Upos::PRON))
        {
            return conjuncts(sent, h);
        }
        Vec::new()
    }

    fn actors_of(
        &self,
        sent: &Sent,
        heads: &[usize],
        date: Option<u32>,
        cache: &mut FxHashMap<usize, Vec<ActorRef>>,
    ) -> Vec<ActorRef> {
        let mut out = Vec::new();
        for &h in heads {
            if let std::collections::hash_map::Entry::Vacant(slot) = cache.entry(h) {
                let mut a: Vec<ActorRef> = self.actor(sent, h, date).into_iter().collect();
                // "Lawmakers in Arnor and Gondor": an agent takes its country from a
                // prepositional phrase.
                if a.len() == 1 && a[0].code.starts_with("---") {
                    let role = a[0].code[3..].to_string();
                    let mut found = Vec::new();
                    // A conjunct shares the phrases of the noun it is joined to: "lawmakers and
                    // officials in Arnor", "the Danish Islamist media and government".
                    let first = (sent.rel(h) == "conj").then(|| sent.head(h)).flatten();
                    let owners: Vec<usize> = std::iter::once(h).chain(first).collect();
                    for c in owners
                        .iter()
                        .flat_map(|&o| sent.kids_rel(o, |r| is_rel(r, "nmod")))
                    {
                        if !matches!(sent.case(c), Some("IN" | "FROM" | "OF" | "AT")) {
                            continue;
                        }
                        for k in conjuncts(sent, c) {
                            if let Some(x) = self
                                .actor(sent, k, date)
                                .filter(|x| !x.pronoun && !x.code.starts_with("---"))
                            {
                                let code = if x.code.len() == 3 {
                                    format!("{}{}", x.code, role)
                                } else {
                                    x.code
                                };
                                found.push(ActorRef {
                                    code,
                                    ..a[0].clone()
                                });
                            }
                        }
                    }
                    if found.is_empty() {
                        if let Some(p) = first {
                            // The first conjunct's own code without its role: DNKMUS(MED) + GOV.
                            let own_role = self
                                .dict
                                .agents
                                .longest(&[sent.up(p)], &[sent.lem(p)], 0)
                                .map(|(_, ag)| ag.code.to_string());
                            if let (Some(x), Some(r)) = (self.actor(sent, p, date), own_role) {
                                if let Some(base) = x.code.strip_suffix(r.as_str()) {
                                    if base.len() >= 3 && !base.starts_with("---") {
                                        found.push(ActorRef {
                                            code: format!("{base}{role}"),
                                            ..a[0].clone()
                                        });
                                    }
                                }
                            }
                        }
                    }
                    if !found.is_empty() {
                        a = found;
                    }
                }
                slot.insert(a);
            }
            let a = &cache[&h];
            out.extend(a.iter().cloned());
        }
        out
    }

    /// The words of the noun phrase headed by `h`, in text order: modifiers, compounds,
    /// possessors and "of" phrases, not clauses or other prepositional phrases.
    fn np_words(&self, sent: &Sent, h: usize, out: &mut Vec<usize>, depth: usize) {
        out.push(h);
        if depth > 6 {
            return;
        }
        for &c in sent.kids(h) {
            let r = sent.rel(c);
            if listed_compound(sent, h, c) {
                continue;
            }
            let take = matches!(
                r,
                "compound"
                    | "amod"
                    | "flat"
                    | "flat:name"
                    | "nmod:poss"
                    | "det"
                    | "nummod"
                    | "fixed"
                    | "nmod:desc"
            ) || (r == "case" && sent.up(c) == "'S")
                || ((r == "nmod" || r == "nmod:of") && sent.case(c) == Some("OF"))
                // A name with a "for" phrase: "the Syrian Observatory for Human Rights".
                || (r == "nmod"
                    && sent.case(c) == Some("FOR")
                    && sent.upos(c) == Some(Upos::PROPN)
                    && sent.doc.word_text(h).starts_with(char::is_uppercase))
                || (r == "case" && matches!(sent.up(c), "OF" | "FOR") && is_rel(sent.rel(h), "nmod"))
                // A name hung on a name with no preposition ("Bree Prime Minister Romendacil"
                // with the name as a bare nmod of the country) is one run of names, however
                // the parser labelled it.
                || (r == "nmod" && sent.case(c).is_none() && sent.upos(c) == Some(Upos::PROPN));
            if take {
                self.np_words(sent, c, out, depth + 1);
            } else if r == "case" {
                // A name hung on the preposition ("at New Zealand" with "New" under "at")
                // still belongs to the phrase.
                for &k in sent.kids(c) {
                    if matches!(sent.rel(k), "compound" | "flat" | "flat:name") {
                        self.np_words(sent, k, out, depth + 1);
                    }
                }
            }
        }
        for &b in &sent.appended[h - sent.start] {
            self.np_words(sent, b, out, depth + 1);
        }
        if depth == 0 {
            out.sort_unstable();
        }
    }

    /// The actor code of the noun phrase headed by `h`: the dictionaries first, then the entity
    /// layer, then an agent alone ("a senior official" -> ---GOV).
    fn actor(&self, sent: &Sent, h: usize, date: Option<u32>) -> Option<ActorRef> {
        let mut ws = Vec::new();
        self.np_words(sent, h, &mut ws, 0);
        let words: Vec<&str> = ws.iter().map(|&i| sent.up(i)).collect();
        let lems: Vec<&str> = ws.iter().map(|&i| sent.lem(i)).collect();
        let doc = sent.doc;
        let span = Span::new(
            doc.words[ws[0]].span.start,
            doc.words[ws[ws.len() - 1]].span.end,
        );
        let entity = self.entity_of(sent, &ws, h);
        // Dictionary actors and agents in the phrase.
        let mut actor: Option<(bool, usize, String)> = None;
        let mut agent: Option<(bool, usize, &Agent)> = None;
        // Every agent of the phrase, in text order: "exiled leaders of Egypt's Muslim
        // Brotherhood" -> OPP, MUS.
        let mut agents: Vec<&Agent> = Vec::new();
        let mut actor_has_head = false;
        let mut actor_words: &[usize] = &[];
        let mut i = 0;
        while i < words.len() {
            if let Some((n, &a)) = self.dict.actor_phrases.longest(&words, &lems, i) {
                if let Some(code) = self.dict.actors.get(a as usize).and_then(|a| a.code(date)) {
                    let contains_head = ws[i..i + n].contains(&h);
                    // The actor nearest before the head describes it: "the Al Qaeda-linked
                    // Somali militant group" is Somali; one after it does not ("the US
                    // commander in Iraq").
                    let before_head = ws[i + n - 1] < h && !actor_has_head;
                    if actor.is_none() || contains_head || before_head {
                        let mut code = code.to_string();
                        // A capital used as a government: "New Delhi" -> INDGOV.
                        let text = words[i..i + n].join(" ");
                        if contains_head
                            && code.len() == 3
                            && self
                                .countries
                                .capitals
                                .get(text.as_str())
                                .is_some_and(|c| **c == *code)
                        {
                            code.push_str("GOV");
                        }
                        actor_has_head |= contains_head;
                        actor_words = &ws[i..i + n];
                        actor = Some((contains_head, i, code));
                    }
                    i += n;
                    continue;
                }
            }
            if let Some((n, a)) = self.dict.agents.longest(&words, &lems, i) {
                let contains_head = ws[i..i + n].contains(&h);
                // An agent word that only modifies the noun of an object ("conducting
                // military exercises", "offering military support") names no actor; a
                // subject so modified is an organisation ("the official news agency").
                let modifier = !contains_head
                    && !is_subject(sent, h)
                    && matches!(sent.rel(ws[i + n - 1]), "amod" | "compound")
                    && sent.head(ws[i + n - 1]) == Some(h)
                    && self
                        .dict
                        .agents
                        .longest(&[sent.up(h)], &[sent.lem(h)], 0)
                        .is_none();
                if !modifier {
                    if agent.is_none() || contains_head {
                        agent = Some((contains_head, i, a));
                    }
                    agents.push(a);
                }
                i += n;
                continue;
            }
            i += 1;
        }
        let combine = |country: &str, a: &Agent| -> String {
            if a.prefix {
                format!("{}{}", a.code, country)
            } else {
                format!("{}{}", country, a.code)
            }
        };
        let eid = entity.map(|(_, e)| e);
        // A name used as a modifier of the head: "the Beijing Olympics", not "a bunch of
        // Morgul Orcs".
        let attributive = !actor_has_head
            && !agent.is_some_and(|(head, _, _)| head)
            // A mention over the head counts when it names an actor with a country, not an
            // event such as "the Beijing Olympics".
            && !entity.is_some_and(|(m, e)| {
                doc.mentions[m].words.contains(&h) && doc.entities[e].country.is_some()
            })
            && actor_words.iter().any(|&w| {
                sent.head(w) == Some(h) && matches!(sent.rel(w), "compound" | "amod" | "nmod:poss")
            });
        let found = |code: String| ActorRef {
            code,
            entity: eid,
            span,
            pronoun: false,
            attributive,
        };
        if let Some((_, _, code)) = actor.as_ref().filter(|(_, _, c)| c.len() == 3) {
            if agents.len() > 1 {
                // A bare country takes every agent in turn: EGY + OPP + MUS.
                let mut code = code.clone();
                for a in &agents {
                    if !code.ends_with(&*a.code) {
                        code = combine(&code, a);
                    }
                }
                return Some(found(code));
            }
        }
        if let Some((actor_head, actor_at, code)) = actor {
            // "Gondor's opposition group" -> GON + OPP; "the Hamas regime" -> PSEREBHMS + GOV;
            // but "President Obama" stays USAGOV.
            let code = match agent {
                // "Hundreds of UN troops": the agent follows the actor that modifies it.
                Some((agent_head, agent_at, a))
                    if (code.len() == 3
                        || (!actor_head && (agent_head || agent_at > actor_at)))
                        && !code.ends_with(&*a.code) =>
                {
                    combine(&code, a)
                }
                // No agent in the dictionary, but a government title: "Bree Prime Minister
                // Romendacil" -> BREGOV.
                None if code.len() == 3 && words.iter().any(|w| GOV_TITLES.contains(w)) => {
                    format!("{code}GOV")
                }
                _ => code,
            };
            return Some(found(code));
        }
        // The entity layer.
        if let Some((m, e)) = entity {
            let mention = &doc.mentions[m];
            let ent = &doc.entities[e];
            if matches!(mention.form, MentionForm::Pronoun | MentionForm::Nominal) {
                // What the entity's name codes as.
                let name: Vec<String> = ent
                    .name
                    .split_whitespace()
                    .map(|w| w.to_uppercase())
                    .collect();
                let nw: Vec<&str> = name.iter().map(String::as_str).collect();
                for k in 0..nw.len() {
                    if let Some((_, &a)) = self.dict.actor_phrases.longest(&nw, &[], k) {
                        if let Some(code) =
                            self.dict.actors.get(a as usize).and_then(|a| a.code(date))
                        {
                            return Some(found(code.to_string()));
                        }
                    }
                }
            }
            if let Some(country) = ent.country.as_deref() {
                let cc = self.countries.cameo(country).to_string();
                let title_agent = ent.titles.iter().find_map(|t| {
                    let tw: Vec<String> = t.split_whitespace().map(|w| w.to_uppercase()).collect();
                    let tw: Vec<&str> = tw.iter().map(String::as_str).collect();
                    (0..tw.len())
                        .find_map(|k| self.dict.agents.longest(&tw, &[], k).map(|(_, a)| a))
                });
                let code = match ent.kind {
                    EntityType::GPE => {
                        let up = ent.name.to_uppercase();
                        if self
                            .countries
                            .capitals
                            .get(up.as_str())
                            .is_some_and(|c| **c == *cc)
                        {
                            format!("{cc}GOV")
                        } else {
                            cc
                        }
                    }
                    EntityType::PER => match (agent, title_agent) {
                        (Some((_, _, a)), _) | (None, Some(a)) => combine(&cc, a),
                        _ => cc,
                    },
                    _ => match agent {
                        Some((_, _, a)) => combine(&cc, a),
                        None => cc,
                    },
                };
                return Some(found(code));
            }
        }
        if let Some((_, _, a)) = agent {
            let code = if a.prefix {
                a.code.to_string()
            } else {
                format!("---{}", a.code)
            };
            return Some(found(code));
        }
        if sent.upos(h) == Some(Upos::PRON) {
            return Some(ActorRef {
                code: String::new(),
                entity: eid,
                span,
                pronoun: true,
                attributive: false,
            });
        }
        None
    }

    /// The mention (and its entity) covering the head, else any word of the phrase.
    fn entity_of(&self, sent: &Sent, ws: &[usize], h: usize) -> Option<(usize, usize)> {
        let doc = sent.doc;
        let find = |w: usize| {
            doc.mentions
                .iter()
                .position(|m| m.words.contains(&w) && m.entity.is_some())
        };
        // The head, or a word of a name compound with it ("the Hamas regime"), never a
        // possessor ("his license").
        let m = find(h).or_else(|| {
            ws.iter()
                .rev()
                .filter(|&&w| {
                    matches!(sent.rel(w), "compound" | "flat" | "flat:name")
                        && sent.head(w) == Some(h)
                })
                .find_map(|&w| find(w))
        })?;
        Some((m, doc.mentions[m].entity?))
    }

    /// Prepositional phrases of `v` and of its objects, in text order.
    fn preps(&self, sent: &Sent, v: usize, objs: &[usize]) -> Vec<Phrase> {
        let mut out = Vec::new();
        let phrase = |prep: &str, head: usize, purpose: bool, in_place: bool| Phrase {
            prep: prep.to_string(),
            head,
            purpose,
            in_place,
        };
        for &c in sent.kids(v) {
            let r = sent.rel(c);
            if is_rel(r, "obl") || is_rel(r, "nmod") || r == "advmod" {
                if let Some(p) = sent.case(c) {
                    out.push(phrase(p, c, false, false));
                }
            }
            // A phrase the parser hung on an adverb of the verb modifies the clause:
            // "was opposed earlier by Osgiliath".
            if r == "advmod" {
                for d in sent.kids_rel(c, |r| is_rel(r, "obl") || is_rel(r, "nmod")) {
                    if let Some(p) = sent.case(d) {
                        out.push(phrase(p, d, false, false));
                    }
                }
            }
        }
        // Phrases inside the objects and the verb's own phrases: "resumption of ties with
        // Osgiliath", "acted on a resolution against Libya", and inside clauses that modify
        // them: "memos sent by Bree", "the roads leading into Mordor" (preposition "" for an
        // object there: "the parade supporting Gondor"). Each remembers whether it lies
        // inside an infinitive on a noun ("efforts to counter the militants") and whether it is
        // the "of" phrase of a place ("in the east of the Gaza Strip", not "criticized over its
        // dispute with Eriador").
        let place = |p: &Phrase| p.in_place || PLACE_PREPS.contains(&p.prep.as_str());
        let mut stack: Vec<(usize, usize, bool, bool)> =
            objs.iter().map(|&o| (o, 0, false, false)).collect();
        stack.extend(out.iter().map(|p| (p.head, 1, false, place(p))));
        while let Some((o, depth, purpose, o_place)) = stack.pop() {
            for &c in sent.kids(o) {
                let r = sent.rel(c);
                if is_rel(r, "nmod") && r != "nmod:poss" {
                    let mut c_place = false;
                    if let Some(p) = sent.case(c) {
                        let ph = phrase(p, c, purpose, o_place && p == "OF");
                        c_place = place(&ph);
                        out.push(ph);
                    }
                    if depth < 3 {
                        stack.push((c, depth + 1, purpose, c_place));
                    }
                } else if is_rel(r, "acl") && depth < 3 {
                    let purpose = purpose || infinitive(sent, c);
                    for &d in sent.kids(c) {
                        let rd = sent.rel(d);
                        if is_rel(rd, "obl") {
                            if let Some(p) = sent.case(d) {
                                let ph = phrase(p, d, purpose, false);
                                stack.push((d, depth + 1, purpose, place(&ph)));
                                out.push(ph);
                            }
                        } else if rd == "obj" || is_rel(rd, "nsubj") {
                            // "the parade supporting Gondor"; "hopes that Osgiliath could be
                            // drawn in".
                            out.push(phrase("", d, purpose, false));
                            stack.push((d, depth + 1, purpose, false));
                        }
                    }
                }
            }
        }
        out.sort_by_key(|p| p.head);
        out
    }

    fn term_at(&self, t: &Term, words: &[&str], lems: &[&str], j: usize) -> bool {
        match t {
            Term::Word(w) => words[j] == &**w || lems[j] == &**w,
            Term::Synset(s) => self.dict.verbs.synset(*s).iter().any(|m| {
                let n = m.len();
                n > 0
                    && j + 1 >= n
                    && m.iter().enumerate().all(|(k, w)| {
                        let x = j + 1 - n + k;
                        words[x] == &**w || lems[x] == &**w
                    })
            }),
        }
    }

    /// The terms occur in order among the words; with `adjacent` (a `{NOUN PHRASE}` of a
    /// pattern) one right after the other: "cultural memos" is `{&TIETYPES MEMOS}`, "cultural
    /// secret memos" is not.
    fn terms_match(&self, terms: &[Term], words: &[&str], lems: &[&str], adjacent: bool) -> bool {
        if adjacent && terms.len() > 1 {
            return (0..words.len()).any(|start| {
                terms.iter().enumerate().all(|(k, t)| {
                    start + k < words.len() && self.term_at(t, words, lems, start + k)
                })
            });
        }
        let mut j = 0;
        for t in terms {
            match (j..words.len()).find(|&x| self.term_at(t, words, lems, x)) {
                Some(x) => j = x + 1,
                None => return false,
            }
        }
        true
    }

    /// The best pattern of the verb's block for its context: the code (None = no event) and
    /// whether the subject is the recipient.
    #[allow(clippy::too_many_arguments)]
    fn pattern_code(
        &self,
        sent: &Sent,
        v: usize,
        entry: &VerbEntry,
        objs: &[usize],
        subjects: &[usize],
        preps: &[Phrase],
    ) -> Pick {
        let Some(block) = self.dict.verbs.blocks.get(entry.block as usize) else {
            return Pick::default();
        };
        let mut post_ws = Vec::new();
        for &o in objs {
            self.np_words(sent, o, &mut post_ws, 0);
        }
        // Words of clausal complements and adverbs after the verb count as post words too.
        for &c in sent.kids(v) {
            let r = sent.rel(c);
            if c > v && (is_rel(r, "xcomp") || r == "advmod" || r == "compound:prt") {
                post_ws.push(c);
                for &d in sent.kids(c) {
                    if matches!(sent.rel(d), "obj" | "advmod" | "compound") {
                        self.np_words(sent, d, &mut post_ws, 0);
                    }
                }
            }
        }
        post_ws.sort_unstable();
        post_ws.dedup();
        let mut pre_ws = Vec::new();
        for &s in subjects {
            self.np_words(sent, s, &mut pre_ws, 0);
        }
        pre_ws.sort_unstable();
        let pw: Vec<&str> = post_ws.iter().map(|&i| sent.up(i)).collect();
        let pl: Vec<&str> = post_ws.iter().map(|&i| sent.lem(i)).collect();
        let rw: Vec<&str> = pre_ws.iter().map(|&i| sent.up(i)).collect();
        let rl: Vec<&str> = pre_ws.iter().map(|&i| sent.lem(i)).collect();
        let pp: Vec<(String, Vec<usize>)> = preps
            .iter()
            .map(|p| {
                let mut w = Vec::new();
                self.np_words(sent, p.head, &mut w, 0);
                (p.prep.clone(), w)
            })
            .collect();
        let elem_ok = |e: &Elem, words: &[&str], lems: &[&str]| match e {
            Elem::Noun(terms) => self.terms_match(terms, words, lems, true),
            Elem::Prep(p, terms) => pp.iter().any(|(q, w)| {
                q == &**p && {
                    let ww: Vec<&str> = w.iter().map(|&i| sent.up(i)).collect();
                    let wl: Vec<&str> = w.iter().map(|&i| sent.lem(i)).collect();
                    self.terms_match(terms, &ww, &wl, false)
                }
            }),
        };
        let mut best: Option<(usize, &dict::Pattern)> = None;
        for p in &block.patterns {
            if p.post.iter().all(|e| elem_ok(e, &pw, &pl))
                && p.pre.iter().all(|e| elem_ok(e, &rw, &rl))
            {
                let size = p.size();
                if best.is_none_or(|(s, _)| size >= s) {
                    best = Some((size, p));
                }
            }
        }
        match best {
            Some((_, p)) if p.subject_is_target => Pick {
                code: p.passive.clone().flatten(),
                paired: None,
                from_pattern: true,
                subject_is_target: true,
            },
            Some((_, p)) => Pick {
                code: p.active.clone(),
                paired: p.passive.clone().flatten(),
                from_pattern: true,
                subject_is_target: false,
            },
            None => match &entry.code {
                Some(code) => Pick {
                    code: code.clone(),
                    paired: entry.paired.clone(),
                    from_pattern: false,
                    subject_is_target: false,
                },
                None => Pick {
                    code: block.code.clone(),
                    paired: block.paired.clone(),
                    from_pattern: false,
                    subject_is_target: false,
                },
            },
        }
    }

    /// The events of verb `v` and the verbs nested under it. A negated verb ("did not clash")
    /// turns each code into its negation in the internal code algebra (disapprove -> cooperate,
    /// provide aid -> refuse aid); a code with no negation gives no event.
    fn code_verb(
        &self,
        sent: &Sent,
        v: usize,
        date: Option<u32>,
        cache: &mut FxHashMap<usize, Vec<ActorRef>>,
        depth: usize,
    ) -> Vec<Ev> {
        if depth > 4 {
            return Vec::new();
        }
        let evs = self.code_verb_plain(sent, v, date, cache, depth);
        if !self.negated(sent, v) {
            return evs;
        }
        evs.into_iter()
            .filter_map(|mut e| {
                e.code = self.ontology.negate(&e.code)?;
                Some(e)
            })
            .collect()
    }

    fn code_verb_plain(
        &self,
        sent: &Sent,
        v: usize,
        date: Option<u32>,
        cache: &mut FxHashMap<usize, Vec<ActorRef>>,
        depth: usize,
    ) -> Vec<Ev> {
        let entry = self.lookup(sent, v);
        let passive = self.passive(sent, v);
        let subj_heads = self.subject_heads(sent, v, 0);
        let objs: Vec<usize> = sent.objects(v).flat_map(|o| conjuncts(sent, o)).collect();
        let preps = self.preps(sent, v, &objs);
        let Pick {
            code,
            paired,
            from_pattern: pattern_hit,
            subject_is_target,
        } = match entry {
            Some(e) => self.pattern_code(sent, v, e, &objs, &subj_heads, &preps),
            None => Pick::default(),
        };
        // Source and target.
        let mut sources = self.actors_of(sent, &subj_heads, date, cache);
        let mut targets: Vec<ActorRef>;
        let own_subject = sent.subjects(v).next().is_some();
        // The actors of the first prepositional phrase `want` accepts that has any, with its
        // preposition.
        let pp_actors = |this: &Self,
                         cache: &mut FxHashMap<usize, Vec<ActorRef>>,
                         want: &dyn Fn(&Phrase) -> bool|
         -> (Vec<ActorRef>, &str) {
            for ph in &preps {
                // "met to discuss efforts to counter the militants": the militants are no
                // party to the talks; "abandoned efforts to stop a parade" names them in a
                // pattern.
                if want(ph) && (!ph.purpose || pattern_hit) {
                    let a = this.actors_of(sent, &conjuncts(sent, ph.head), date, cache);
                    let a: Vec<ActorRef> = a
                        .into_iter()
                        .filter(|a| !a.pronoun || a.entity.is_some())
                        .collect();
                    if !a.is_empty() {
                        return (a, ph.prep.as_str());
                    }
                }
            }
            (Vec::new(), "")
        };
        // The target is a place ("meet in Zurich") rather than a party.
        let mut target_prep = "";
        if passive || subject_is_target {
            targets = sources;
            sources = pp_actors(self, cache, &|p| p.prep == "BY").0;
            if sources.is_empty() {
                sources = pp_actors(self, cache, &|p| p.prep == "FROM").0;
            }
            if sources.is_empty() && passive {
                // No agent: the other party named in the clause ("The Philippines was
                // criticized over its dispute with Eriador"), never a place nor part of one
                // ("killed in shelling in the east of the Gaza Strip").
                sources = pp_actors(self, cache, &|p| {
                    let prep = p.prep.as_str();
                    !prep.is_empty()
                        && !p.in_place
                        && !PLACE_PREPS.contains(&prep)
                        && !matches!(prep, "TO" | "INTO")
                })
                .0;
            }
            if targets.iter().all(|t| t.pronoun && t.entity.is_none()) || targets.is_empty() {
                (targets, target_prep) =
                    pp_actors(self, cache, &|p| p.prep != "BY" && p.prep != "FROM");
            }
        } else {
            targets = self.actors_of(sent, &objs, date, cache);
            targets.retain(|t| !t.pronoun || t.entity.is_some());
            if targets.is_empty() {
                targets = pp_actors(self, cache, &|p| p.prep == "WITH").0;
            }
            if targets.is_empty() {
                (targets, target_prep) = pp_actors(self, cache, &|_| true);
            }
            let reporting = entry.is_some_and(|e| self.dict.say_blocks.contains(&e.block));
            if targets.is_empty() && !reporting {
                // "Gollum allowed that Mordor isn't a pleasant place": the subject of a
                // complement clause with no verb of its own to code it (a reporting verb's
                // complement is what it reports, not its target).
                let heads: Vec<usize> = sent
                    .kids_rel(v, |r| is_rel(r, "ccomp"))
                    .filter(|&c| c > v && !sent.is_verb(c))
                    .flat_map(|c| sent.kids_rel(c, |r| is_rel(r, "nsubj")).collect::<Vec<_>>())
                    .flat_map(|h| conjuncts(sent, h))
                    .collect();
                targets = self.actors_of(sent, &heads, date, cache);
            }
        }
        // A pair the verb itself gives ("ATTEND [042:043]") needs a party as target: not a
        // place ("attend a summit in Switzerland") nor a name that only modifies the object
        // ("attend the Beijing Olympics"). A pattern's pair always holds.
        let paired = if pattern_hit
            || !(PLACE_PREPS.contains(&target_prep) || targets.iter().any(|t| t.attributive))
        {
            paired
        } else {
            None
        };
        targets.retain(|t| !t.pronoun || t.entity.is_some());
        // Nested verbs: complements coded first.
        let comps: Vec<usize> = sent
            .kids_rel(v, |r| is_rel(r, "xcomp") || is_rel(r, "ccomp"))
            .filter(|&c| sent.is_verb(c))
            .collect();
        let mut inner: Vec<Ev> = Vec::new();
        for &c in &comps {
            inner.extend(self.code_verb(sent, c, date, cache, depth + 1));
        }
        // An inner pronoun subject that found no actor is the outer source ("Ethiopia
        // indicated it should have acted").
        let real: Vec<&ActorRef> = sources.iter().filter(|s| !s.pronoun).collect();
        let mut expanded = Vec::with_capacity(inner.len());
        for ie in inner {
            if ie.source.pronoun {
                for a in &real {
                    expanded.push(Ev {
                        source: (*a).clone(),
                        ..ie.clone()
                    });
                }
            } else {
                expanded.push(ie);
            }
        }
        let inner = expanded;
        // "X attacked Y, officials said": the attribution at the end only reports.
        let reported = comps_before_verb(sent, v);
        let own = |code: &str| -> Vec<Ev> {
            let mut out = Vec::new();
            if targets.is_empty() && sources.len() >= 2 && own_subject && !code.starts_with("01") {
                // "Arnor and Gondor agreed": each with the other.
                for a in &sources {
                    for b in &sources {
                        if a.code != b.code {
                            out.push(Ev {
                                source: a.clone(),
                                target: Some(b.clone()),
                                code: code.into(),
                                verb: v,
                            });
                        }
                    }
                }
                return out;
            }
            for s in &sources {
                if targets.is_empty() {
                    out.push(Ev {
                        source: s.clone(),
                        target: None,
                        code: code.into(),
                        verb: v,
                    });
                }
                for t in &targets {
                    out.push(Ev {
                        source: s.clone(),
                        target: Some(t.clone()),
                        code: code.into(),
                        verb: v,
                    });
                    // The paired event: "LEFT [040:040]" is a visit and its reception.
                    if let Some(p) = paired.as_deref() {
                        out.push(Ev {
                            source: t.clone(),
                            target: Some(s.clone()),
                            code: p.into(),
                            verb: v,
                        });
                    }
                }
            }
            out
        };
        let Some(entry) = entry else {
            return inner;
        };
        // A verb that controls a complement clause ("want B to do") and names none of its
        // words in a pattern gives no event of its own when the complement has no target
        // ("might want Obama to head back"), unlike "urged Eriador to respond to Gondor".
        let bare_control = !pattern_hit
            && comps.iter().any(|&c| is_rel(sent.rel(c), "xcomp"))
            && inner.iter().all(|e| e.target.is_none());
        if inner.is_empty() {
            // "The tanks might want Obama to head back": a verb whose complement clause
            // codes nothing gives nothing either, unless a pattern named the complement's
            // words ("urged New Delhi to send a delegation").
            if bare_control {
                return Vec::new();
            }
            return code.as_deref().map(own).unwrap_or_default();
        }
        // Transformations of verb-in-verb structures.
        let outer_block = entry.block;
        let mut out = Vec::new();
        let mut inner_left = Vec::new();
        if reported {
            return inner;
        }
        for ie in inner {
            let a = sources
                .iter()
                .find(|s| s.code == ie.source.code)
                .or(sources.first());
            match self.transform(outer_block, &entry.base, &ie, a) {
                Some(evs) => out.extend(evs),
                None => inner_left.push(ie),
            }
        }
        if inner_left.is_empty() {
            return out;
        }
        if self.dict.say_blocks.contains(&outer_block) || code.is_none() {
            out.extend(inner_left);
            return out;
        }
        // The code algebra: "A will [help B]".
        let Some(code) = code else { return out };
        for ie in inner_left {
            match self.ontology.combine(&code, &ie.code) {
                Some(c) => {
                    // "A urged B to meet": A -> B; "A agreed to lift sanctions on B": A -> B.
                    let target = targets.first().cloned().or(ie.target);
                    let srcs: Vec<ActorRef> = if sources.is_empty() {
                        vec![ie.source]
                    } else {
                        sources.clone()
                    };
                    for s in srcs {
                        out.push(Ev {
                            source: s,
                            target: target.clone(),
                            code: c.clone(),
                            verb: v,
                        });
                    }
                }
                None if !targets.is_empty() => {}
                None => out.push(ie),
            }
        }
        if !targets.is_empty() && !bare_control {
            out.extend(own(&code));
        }
        out
    }

    /// Applies a dictionary transformation to an inner event under outer verb `outer`.
    fn transform(
        &self,
        outer_block: u32,
        outer_base: &str,
        ie: &Ev,
        outer_source: Option<&ActorRef>,
    ) -> Option<Vec<Ev>> {
        let a = outer_source?;
        let verbs = &self.dict.verbs;
        let same_block = |w: &str| {
            w == outer_base
                || verbs.forms.get(w).is_some_and(|es| {
                    es.iter().any(|e| {
                        e.block == outer_block && e.before.is_empty() && e.after.is_empty()
                    })
                })
        };
        let inner_is = |w: &str| match w {
            "Q" => true,
            "ATTACK" => {
                ie.code.starts_with("18") || ie.code.starts_with("19") || ie.code.starts_with("20")
            }
            "ASSASSINATE" => ie.code.starts_with("185") || ie.code.starts_with("186"),
            _ => false,
        };
        let t: &Transform = verbs.transforms.iter().find(|t| {
            same_block(&t.outer)
                && inner_is(&t.inner)
                && match t.inner_source {
                    'a' | '_' => ie.source.code == a.code,
                    'b' => ie.source.code != a.code,
                    _ => true,
                }
        })?;
        let code: Box<str> = t.code.clone().unwrap_or_else(|| ie.code.clone());
        // The result's target: the inner target (a (a b X)), else the inner source (a (b . X)).
        let target = if t.inner_source == 'b' {
            Some(ie.source.clone())
        } else {
            ie.target.clone()
        };
        Some(vec![Ev {
            source: a.clone(),
            target,
            code,
            verb: ie.verb,
        }])
    }

    /// Issue codes found in the text with their counts (`Phoenix.IssueCoding.txt`).
    pub fn issues(&self, text: &str) -> Vec<(String, usize)> {
        let lower = text.to_lowercase();
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (phrase, code) in &self.dict.issues {
            let n = lower.matches(phrase.as_str()).count();
            if n > 0 {
                match counts.iter_mut().find(|(c, _)| c.as_str() == &**code) {
                    Some(c) => c.1 += n,
                    None => counts.push((code.to_string(), n)),
                }
            }
        }
        counts
    }
}

/// A prepositional phrase of a verb, of its objects, or inside those.
struct Phrase {
    /// The preposition, upper-case ("" for an object inside a clause on a noun).
    prep: String,
    /// The head of the phrase.
    head: usize,
    /// The phrase lies inside an infinitive on a noun ("efforts to counter the militants").
    purpose: bool,
    /// The phrase is the "of" phrase of a place ("in the east of the Gaza Strip").
    in_place: bool,
}

/// Prepositions of place: a target found through them is where something happened.
const PLACE_PREPS: &[&str] = &["IN", "AT", "ON", "NEAR", "INSIDE", "ACROSS", "OVER"];

/// Title words that make a person of a country part of its government when the agent
/// dictionary names none of them.
const GOV_TITLES: &[&str] = &[
    "MINISTER",
    "PRESIDENT",
    "PREMIER",
    "CHANCELLOR",
    "AMBASSADOR",
    "ENVOY",
    "DIPLOMAT",
    "GOVERNOR",
    "KING",
    "QUEEN",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "GOVERNMENT",
];

/// The code a verb pattern gives.
#[derive(Debug, Default)]
struct Pick {
    /// The code of the event, source to target (`None`: no event).
    code: Option<Box<str>>,
    /// The code of the paired event, target to source (`[040:040]`).
    paired: Option<Box<str>>,
    /// The code comes from a pattern, not from the verb's own code.
    from_pattern: bool,
    /// `[:CODE]`: the grammatical subject is the recipient.
    subject_is_target: bool,
}

/// The verb's clausal complement comes before it ("X attacked Y, officials said").
fn comps_before_verb(sent: &Sent, v: usize) -> bool {
    sent.kids_rel(v, |r| is_rel(r, "ccomp") || is_rel(r, "parataxis"))
        .any(|c| c < v)
}

/// `h` is a subject, or a conjunct of one ("the Danish media and government").
fn is_subject(sent: &Sent, h: usize) -> bool {
    let mut x = h;
    for _ in 0..16 {
        let r = sent.rel(x);
        if is_rel(r, "nsubj") {
            return true;
        }
        match sent.head(x) {
            Some(p) if r == "conj" => x = p,
            _ => return false,
        }
    }
    false
}

/// `c` is an infinitive clause: it has a "to" marker.
fn infinitive(sent: &Sent, c: usize) -> bool {
    sent.kids_rel(c, |r| r == "mark")
        .any(|m| sent.up(m) == "TO")
}

/// `h` and its conjuncts ("Mordor, Rohan and Arnor").
fn conjuncts(sent: &Sent, h: usize) -> Vec<usize> {
    let mut out = vec![h];
    let mut i = 0;
    while i < out.len() && out.len() < 16 {
        let x = out[i];
        out.extend(sent.kids_rel(x, |r| r == "conj"));
        out.extend(
            sent.kids(x)
                .iter()
                .filter(|&&c| listed_compound(sent, x, c)),
        );
        i += 1;
    }
    out
}

/// A name after its head and set off by a comma, attached as a compound, an unmarked
/// modifier or a list item, is an item of a list whose conjunction the parser missed: English
/// compounds come before their heads ("The US, Russia, and Switzerland met"; an apposition,
/// "Putin, Russia's president", stays one actor). A bare name attached as an apposition is a
/// list item too when a conjunction comes right after it (", Russia, and Switzerland").
fn listed_compound(sent: &Sent, h: usize, c: usize) -> bool {
    if c <= h || sent.upos(c) != Some(Upos::PROPN) || !(h + 1..c).any(|k| sent.up(k) == ",") {
        return false;
    }
    match sent.rel(c) {
        "compound" | "nmod:unmarked" | "list" => true,
        "appos" => {
            sent.kids(c)
                .iter()
                .all(|&k| sent.upos(k) == Some(Upos::PUNCT))
                && (c + 1..sent.end)
                    .find(|&k| sent.upos(k) != Some(Upos::PUNCT))
                    .is_some_and(|k| sent.upos(k) == Some(Upos::CCONJ))
        }
        _ => false,
    }
}

/// The article date as `YYYYMMDD` for the actors' date restrictions.
fn doc_date(doc: &Document) -> Option<u32> {
    let s = doc
        .dct
        .as_ref()
        .map(|d| d.date.as_str())
        .or(doc.meta.published.as_deref())?;
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).take(8).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// The date of the sentence's first date expression, else the publication date.
fn sentence_date(doc: &Document, s: usize) -> Option<String> {
    let span = doc.sentences[s].span;
    doc.timexes
        .iter()
        .find(|t| {
            t.span.start >= span.start
                && t.span.end <= span.end
                && t.kind == dateline_document::TimexType::DATE
                && t.value.as_bytes().first().is_some_and(u8::is_ascii_digit)
        })
        .map(|t| t.value.clone())
        .or_else(|| doc.dct.as_ref().map(|d| d.date.clone()))
        .or_else(|| doc.meta.published.clone())
}
