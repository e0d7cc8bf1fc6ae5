//! The rules: quoted stretches, clauses of speech verbs, and who said them.

use crate::lexicon::Lexicon;
use crate::marks::{self, Marked};
use dateline_document::{
    Document, EntityType, MentionForm, Quote, QuoteKind, Span, Upos, Via, ViaRelation,
};

/// Who said it, locally: a span and, when the entities stage resolved it, an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Speaker {
    span: Span,
    entity: Option<usize>,
}

/// A quotation being built.
#[derive(Clone, Debug)]
struct Cand {
    content: Span,
    kind: QuoteKind,
    cue: Option<Span>,
    speaker: Option<Speaker>,
    via: Option<Via>,
    date: Option<usize>,
    /// Dropped: merged into another quotation.
    dead: bool,
}

/// Paragraph labels that end in a colon but name no speaker.
const NOT_SPEAKERS: &[&str] = &[
    "related",
    "update",
    "updated",
    "note",
    "editor's note",
    "editor’s note",
    "correction",
    "photo",
    "photos",
    "video",
    "watch",
    "read more",
    "read",
    "see also",
    "abstract",
    "full text",
    "disclosure",
    "source",
    "sources",
    "credit",
    "more",
    "listen",
    "transcript",
    "background",
];

/// Verbs that take an object and an infinitive clause as the thing said ("urged Y to ...").
const OBJ_TO: &[&str] = &[
    "urge",
    "warn",
    "ask",
    "tell",
    "advise",
    "order",
    "beg",
    "remind",
    "call",
    "encourage",
    "instruct",
    "implore",
];

/// Everything the rules look up about the words of one document.
struct Ctx<'a> {
    doc: &'a Document,
    lex: &'static Lexicon,
    /// Children of each word: `kids[kid_start[i]..kid_start[i + 1]]`.
    kid_start: Vec<usize>,
    kids: Vec<usize>,
    /// First and last word of each word's subtree (within its sentence).
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Sentence of each word.
    sent: Vec<usize>,
    /// The quoted stretch each word lies in.
    quoted: Vec<Option<usize>>,
    marks: Vec<Marked>,
}

pub(crate) fn find(doc: &Document) -> Vec<Quote> {
    let n = doc.words.len();
    let parsed = n > 0 && doc.deps.len() == n && doc.pos.len() == n;
    let marks = marks::scan(&doc.text, &doc.paragraphs);
    if !parsed {
        // Without a parse, quoted stretches are all there is.
        return marks
            .iter()
            .filter(|m| word_count(&doc.text[m.content.range()]) >= 4)
            .map(|m| Quote {
                content: m.content,
                kind: QuoteKind::Direct,
                cue: None,
                speaker: None,
                speaker_entity: None,
                via: None,
                date: None,
            })
            .collect();
    }
    let ctx = Ctx::new(doc, marks);
    let mut cands = ctx.clauses();
    ctx.direct(&mut cands);
    ctx.lead_ins(&mut cands);
    // A clause before its cue with nobody named for it is seldom a report ("..., to signal").
    cands.retain(|c| {
        let unnamed_before_cue = c.kind == QuoteKind::Indirect
            && c.speaker.is_none()
            && c.cue.is_some_and(|q| q.start >= c.content.end);
        !c.dead && !unnamed_before_cue
    });
    cands.sort_by_key(|c| (c.content.start, c.content.end));
    cands.dedup_by(|a, b| a.content == b.content);
    ctx.drop_nested(&mut cands);
    cands
        .into_iter()
        .map(|c| Quote {
            content: c.content,
            kind: c.kind,
            cue: c.cue,
            speaker: c.speaker.map(|s| s.span),
            speaker_entity: c.speaker.and_then(|s| s.entity),
            via: c.via,
            date: c.date,
        })
        .collect()
}

/// Whether a quoted stretch is the title of a work or a web address rather than someone's
/// words: "The Late Show With Stephen Colbert", "Crippled America: How to Make America Great
/// Again", "http://nyti.ms/1RHiWiu". Titles capitalize their content words; speech does not.
fn is_title(s: &str) -> bool {
    let s = s.trim_end_matches([',', '.', ' ']);
    if s.starts_with("http") || s.starts_with("www.") {
        return true;
    }
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().count() > 3 && w.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 2 || words.len() > 10 {
        return false;
    }
    let upper = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    upper == words.len()
}

fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document, marks: Vec<Marked>) -> Ctx<'a> {
        let n = doc.words.len();
        let mut count = vec![0usize; n + 1];
        for d in &doc.deps {
            if let Some(h) = d.head.filter(|&h| h < n) {
                count[h + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut fill = count.clone();
        let mut kids = vec![0usize; count[n]];
        for (i, d) in doc.deps.iter().enumerate() {
            if let Some(h) = d.head.filter(|&h| h < n) {
                kids[fill[h]] = i;
                fill[h] += 1;
            }
        }
        let mut lo: Vec<usize> = (0..n).collect();
        let mut hi: Vec<usize> = (0..n).collect();
        for i in 0..n {
            let mut h = doc.deps[i].head;
            let mut steps = 0;
            while let Some(x) = h.filter(|&x| x < n) {
                lo[x] = lo[x].min(i);
                hi[x] = hi[x].max(i);
                h = doc.deps[x].head;
                steps += 1;
                if steps > 64 {
                    break;
                }
            }
        }
        let mut sent = vec![0usize; n];
        for (s, sentence) in doc.sentences.iter().enumerate() {
            for w in sentence.words.clone() {
                if let Some(x) = sent.get_mut(w) {
                    *x = s;
                }
            }
        }
        let mut quoted = vec![None; n];
        let mut k = 0;
        for (i, w) in doc.words.iter().enumerate() {
            while k < marks.len() && marks[k].close <= w.span.start {
                k += 1;
            }
            if let Some(m) = marks.get(k) {
                if m.open <= w.span.start && w.span.end <= m.close {
                    quoted[i] = Some(k);
                }
            }
        }
        Ctx {
            doc,
            lex: Lexicon::get(),
            kid_start: count,
            kids,
            lo,
            hi,
            sent,
            quoted,
            marks,
        }
    }

    fn kids(&self, i: usize) -> &[usize] {
        &self.kids[self.kid_start[i]..self.kid_start[i + 1]]
    }

    fn rel(&self, i: usize) -> &'static str {
        self.doc.deps[i].rel
    }

    fn base_rel(&self, i: usize) -> &'static str {
        let r = self.rel(i);
        r.split(':').next().unwrap_or(r)
    }

    fn head(&self, i: usize) -> Option<usize> {
        self.doc.deps[i].head.filter(|&h| h < self.doc.words.len())
    }

    fn upos(&self, i: usize) -> Upos {
        self.doc.pos[i].upos
    }

    fn lemma_is(&self, i: usize, set: &rustc_hash::FxHashSet<&'static str>) -> bool {
        let l = self.doc.pos[i].lemma.as_str();
        if l.bytes().any(|b| b.is_ascii_uppercase()) {
            set.contains(l.to_ascii_lowercase().as_str())
        } else {
            set.contains(l)
        }
    }

    fn lemma(&self, i: usize) -> &str {
        &self.doc.pos[i].lemma
    }

    fn text(&self, i: usize) -> &str {
        self.doc.word_text(i)
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.doc.words[a].span.start, self.doc.words[b].span.end)
    }

    fn is_punct(&self, i: usize) -> bool {
        self.upos(i) == Upos::PUNCT
    }

    /// The child of `top` through which `w` hangs from it (`w` itself when `w == top`), if it does.
    fn under(&self, w: usize, top: usize) -> Option<usize> {
        let mut x = w;
        for _ in 0..64 {
            if x == top {
                return Some(w);
            }
            let h = self.head(x)?;
            if h == top {
                return Some(x);
            }
            x = h;
        }
        None
    }

    /// The span of a subtree, trimmed of punctuation and "that" at its edges.
    fn clause_span(&self, c: usize, avoid: usize) -> Option<Span> {
        let (mut a, mut b) = (self.lo[c], self.hi[c]);
        // A non-projective tree may wrap the cue: keep the side of the clause's head.
        if a <= avoid && avoid <= b {
            if c > avoid {
                a = avoid + 1;
            } else {
                b = avoid.saturating_sub(1);
            }
        }
        // The complementizer stays: "said that ..." reports "that ...", as annotators mark it.
        while a < b && self.is_punct(a) {
            a += 1;
        }
        b = self.content_end(a, b);
        if a > b || self.is_punct(a) {
            return None;
        }
        Some(self.span(a, b))
    }

    /// The last word of what was said in words `a..=b`: before a tail that is the speaker's
    /// own comment ([`Ctx::cut_tail`]) and without closing punctuation outside quotation marks.
    fn content_end(&self, a: usize, b: usize) -> usize {
        let mut b = self.cut_tail(a, b);
        while b > a && self.is_punct(b) && self.quoted[b].is_none() {
            b -= 1;
        }
        b
    }

    /// The end of what was said in words `a..=b`, before a tail that is the speaker's own
    /// comment rather than the content: ", insisting that ...", "; ...", " — though ...".
    fn cut_tail(&self, a: usize, b: usize) -> usize {
        for j in a + 1..b {
            if self.quoted[j].is_some() {
                continue;
            }
            let t = self.text(j);
            let cut = matches!(t, ";" | "—" | "–" | "--")
                // ", according to X" names the source, it is not what was said.
                || (t == "," && self.text(j + 1).eq_ignore_ascii_case("according"))
                || (t == ","
                    && self.doc.pos[j + 1].xpos == "VBG"
                    && matches!(
                        self.base_rel(j + 1),
                        "advcl" | "xcomp" | "conj" | "parataxis"
                    ));
            if cut {
                return j - 1;
            }
        }
        b
    }

    /// The noun phrase headed by `w`, without relative clauses, appositions and what follows a
    /// comma.
    fn np(&self, w: usize) -> (usize, usize) {
        let stop = |j: usize| -> bool {
            if self.is_punct(j) {
                return true;
            }
            match self.under(j, w) {
                Some(c) if c == j && j == w => false,
                Some(c) => matches!(
                    self.rel(c),
                    "acl:relcl" | "acl" | "appos" | "parataxis" | "conj" | "cc" | "punct"
                ),
                None => true,
            }
        };
        let mut a = w;
        while a > self.lo[w] && !stop(a - 1) {
            a -= 1;
        }
        let mut b = w;
        while b < self.hi[w] && !stop(b + 1) {
            b += 1;
        }
        (a, b)
    }

    /// The speaker whose noun phrase is headed by `w`: the best mention in it, or the phrase.
    fn speaker_np(&self, w: usize) -> Speaker {
        let (a, b) = self.np(w);
        let span = self.span(a, b);
        let doc = self.doc;
        let first = doc.mentions.partition_point(|m| m.span.end <= span.start);
        let mut best: Option<(u8, usize)> = None;
        for (k, m) in doc.mentions.iter().enumerate().skip(first) {
            if m.span.start >= span.end {
                break;
            }
            let head_in = m.words.contains(&w);
            let possessive = m
                .words
                .clone()
                .next()
                .and_then(|x| self.under(x, w))
                .is_some_and(|c| c != w && self.rel(c) == "nmod:poss");
            if possessive && !head_in {
                continue;
            }
            let kind = match m.kind {
                EntityType::PER => 4,
                EntityType::ORG => 3,
                _ => 1,
            };
            let score = kind + if head_in { 2 } else { 0 };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, k));
            }
        }
        // A nationality heading the phrase ("Brazilian Foreign Minister Helena Duarte", misparsed):
        // the person in its subtree speaks.
        let weak = best.is_none_or(|(_, k)| {
            matches!(doc.mentions[k].kind, EntityType::NORP | EntityType::GPE)
        });
        if weak && self.hi[w] > b {
            let full = self.span(self.lo[w], self.hi[w]);
            let i = doc.mentions.partition_point(|m| m.span.end <= full.start);
            if let Some(m) = doc.mentions[i..]
                .iter()
                .take_while(|m| m.span.start < full.end)
                .find(|m| m.kind == EntityType::PER && m.form == MentionForm::Name)
            {
                return Speaker {
                    span: m.span,
                    entity: m.entity,
                };
            }
            if self.upos(w) == Upos::ADJ {
                // No person found in it: the whole phrase names the speaker.
                return Speaker {
                    span: full,
                    entity: None,
                };
            }
        }
        match best {
            Some((s, k)) if s >= 3 || doc.mentions[k].words.contains(&w) => {
                let m = &doc.mentions[k];
                Speaker {
                    span: m.span,
                    entity: m.entity,
                }
            }
            _ => Speaker { span, entity: None },
        }
    }

    /// The speaker of cue verb `v`: its subject, the subject it shares with the verb it hangs
    /// from, the noun a relative clause describes, the agent of a passive.
    fn speaker_of(&self, v: usize) -> Option<Speaker> {
        let mut v = v;
        let quoted_as = self.lemma(v) == "quote";
        for _ in 0..3 {
            // Several subjects (a misparse): the one nearest the verb, before it first.
            let mut kids: Vec<usize> = self.kids(v).to_vec();
            kids.sort_by_key(|&c| if c < v { v - c } else { 1000 + c - v });
            for c in kids {
                match self.rel(c) {
                    "nsubj" | "nsubj:outer" => {
                        let l = self.lemma(c).to_ascii_lowercase();
                        if matches!(l.as_str(), "who" | "that" | "which") {
                            if self.rel(v) == "acl:relcl" {
                                // The relative pronoun is the local mention; the noun it
                                // describes says who it is.
                                let described = self.head(v).map(|h| self.speaker_np(h));
                                return Some(Speaker {
                                    span: self.doc.words[c].span,
                                    entity: described.and_then(|s| s.entity),
                                });
                            }
                            if l == "who" {
                                // A relative clause the parser did not label: "who" still
                                // speaks for the person named just before it.
                                let at = self.doc.words[c].span.start;
                                let i = self.doc.mentions.partition_point(|m| m.span.end <= at);
                                let before = i
                                    .checked_sub(1)
                                    .and_then(|k| self.doc.mentions.get(k))
                                    .filter(|m| m.kind == EntityType::PER && at - m.span.end < 40);
                                return Some(Speaker {
                                    span: self.doc.words[c].span,
                                    entity: before.and_then(|m| m.entity),
                                });
                            }
                            continue;
                        }
                        if matches!(l.as_str(), "it" | "there") && self.upos(c) == Upos::PRON {
                            return None;
                        }
                        return Some(self.speaker_np(c));
                    }
                    "nsubj:pass" if quoted_as || self.lemma(v) == "quote" => {
                        return Some(self.speaker_np(c));
                    }
                    "obl:agent" => return Some(self.speaker_np(c)),
                    _ => {}
                }
            }
            match self.base_rel(v) {
                "conj" | "xcomp" | "advcl" => match self.head(v) {
                    Some(h) if matches!(self.upos(h), Upos::VERB | Upos::AUX) => v = h,
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    /// The channel of cue verb `v`: "told AFP", "said on CNN", "in an interview with X",
    /// "citing Y".
    fn via_of(&self, v: usize, speaker: &mut Option<Speaker>) -> Option<Via> {
        let lex = self.lex;
        let phrase = |w: usize| {
            let (a, b) = self.np(w);
            let span = self.span(a, b);
            (self.doc.slice(span).to_string(), span)
        };
        let mut via = None;
        for &c in self.kids(v) {
            let r = self.rel(c);
            if self.lemma(v) == "tell" && matches!(r, "obj" | "iobj") && self.upos(c) != Upos::PRON
            {
                let (name, span) = phrase(c);
                via = Some(Via {
                    name,
                    span,
                    relation: ViaRelation::Told,
                });
            } else if r.starts_with("obl") {
                let case = self
                    .kids(c)
                    .iter()
                    .copied()
                    .find(|&k| self.rel(k) == "case");
                let case = case.map(|k| self.text(k).to_ascii_lowercase());
                if case.as_deref() == Some("on") {
                    let (name, span) = phrase(c);
                    let low = name.to_lowercase();
                    let low = low.strip_prefix("the ").unwrap_or(&low);
                    if lex.channels.contains(low)
                        || lex.channels.contains(name.to_lowercase().as_str())
                    {
                        via = Some(Via {
                            name,
                            span,
                            relation: ViaRelation::Interview,
                        });
                    }
                } else if self.lemma_is(c, &lex.occasions) {
                    // "in an interview with CNN"
                    let with = self.kids(c).iter().copied().find(|&k| {
                        self.base_rel(k) == "nmod"
                            && self.kids(k).iter().any(|&x| {
                                self.rel(x) == "case" && self.text(x).eq_ignore_ascii_case("with")
                            })
                    });
                    if let Some(w) = with {
                        let (name, span) = phrase(w);
                        via = Some(Via {
                            name,
                            span,
                            relation: ViaRelation::Interview,
                        });
                    }
                }
            } else if r == "advcl" && self.lemma(c) == "cite" {
                if let Some(&o) = self.kids(c).iter().find(|&&k| self.rel(k) == "obj") {
                    let (name, span) = phrase(o);
                    let reporter = speaker.filter(|s| {
                        let t = self.doc.slice(s.span).to_lowercase();
                        let t = t.strip_prefix("the ").unwrap_or(&t).to_string();
                        lex.channels.contains(t.as_str())
                            || s.entity.is_some_and(|e| {
                                self.doc
                                    .entities
                                    .get(e)
                                    .is_some_and(|e| e.kind == EntityType::ORG)
                            })
                    });
                    if let (Some(rep), "report") = (reporter, self.lemma(v)) {
                        // "the Associated Press reported, citing Y": Y said it, the AP carried it.
                        let name = match rep.entity.and_then(|e| self.doc.entities.get(e)) {
                            Some(e) => e.name.clone(),
                            None => self.doc.slice(rep.span).to_string(),
                        };
                        *speaker = Some(self.speaker_np(o));
                        via = Some(Via {
                            name,
                            span: rep.span,
                            relation: ViaRelation::Reported,
                        });
                    } else if via.is_none() {
                        via = Some(Via {
                            name,
                            span,
                            relation: ViaRelation::Citing,
                        });
                    }
                }
            }
        }
        via
    }

    /// The time expression that says when cue `v` happened ("said in January").
    fn date_of(&self, v: usize) -> Option<usize> {
        let doc = self.doc;
        let (a, b) = (self.lo[v], self.hi[v]);
        let span = self.span(a, b);
        let first = doc.timexes.partition_point(|t| t.span.end <= span.start);
        for (k, t) in doc.timexes.iter().enumerate().skip(first) {
            if t.span.start >= span.end {
                break;
            }
            let w0 = doc.words.partition_point(|w| w.span.end <= t.span.start);
            for w in w0..doc.words.len() {
                if doc.words[w].span.start >= t.span.end {
                    break;
                }
                if self.head(w) == Some(v) {
                    return Some(k);
                }
            }
        }
        None
    }

    fn cand(&self, content: Span, cue: usize, cue_span: Span) -> Cand {
        // Without a subject in the parse, the person or organization the sentence names before
        // the cue is the best guess ("Trump has conceded ... and says ...").
        let outside = |s: &Speaker| s.span.end <= content.start || s.span.start >= content.end;
        let mut speaker = self
            .speaker_of(cue)
            .filter(|s| !self.in_quote(s.span))
            .or_else(|| self.speaker_before(cue).filter(outside));
        let via = self.via_of(cue, &mut speaker);
        Cand {
            content,
            kind: QuoteKind::Indirect,
            cue: Some(cue_span),
            speaker,
            via,
            date: self.date_of(cue),
            dead: false,
        }
    }

    /// Indirect speech: clauses of speech and cognition verbs, "according to", cue nouns.
    fn clauses(&self) -> Vec<Cand> {
        let doc = self.doc;
        let lex = self.lex;
        let n = doc.words.len();
        let mut out = Vec::new();
        for v in 0..n {
            if self.quoted[v].is_some() {
                continue;
            }
            if self.text(v).eq_ignore_ascii_case("according")
                && v + 1 < n
                && self.text(v + 1).eq_ignore_ascii_case("to")
            {
                if let Some(c) = self.according_to(v) {
                    out.push(c);
                }
                continue;
            }
            let up = self.upos(v);
            if up == Upos::VERB {
                if let Some(c) = self.raising(v) {
                    out.push(c);
                    continue;
                }
                let strong = self.lemma_is(v, &lex.speech);
                let weak = !strong && self.lemma_is(v, &lex.weak);
                if !strong && !weak {
                    out.extend(self.complement_of(v));
                    continue;
                }
                if let Some((c, who)) = self.parenthetical(v) {
                    let mut cand = self.cand(c, v, doc.words[v].span);
                    // Unless a channel rewrote it ("X reported, citing Y": Y speaks).
                    if cand.via.is_none() {
                        cand.speaker = who.or(cand.speaker);
                    }
                    out.push(cand);
                    continue;
                }
                let comp = self
                    .kids(v)
                    .iter()
                    .copied()
                    .find(|&c| self.rel(c) == "ccomp");
                if let Some(c) = comp {
                    if weak && self.speaker_of(v).is_none() {
                        continue;
                    }
                    if let Some(span) = self.clause_span(c, v) {
                        let span = self.second_that(v, c, span);
                        out.push(self.cand(span, v, doc.words[v].span));
                    }
                    continue;
                }
                if !strong {
                    // "wants to ...", "hopes to ...": weak verbs of intention take an infinitive.
                    out.extend(self.complement_of(v));
                    continue;
                }
                let l = self.lemma(v).to_ascii_lowercase();
                if OBJ_TO.contains(&l.as_str()) {
                    let obj = self.kids(v).iter().copied().find(|&c| self.rel(c) == "obj");
                    let xc = self
                        .kids(v)
                        .iter()
                        .copied()
                        .find(|&c| self.rel(c) == "xcomp");
                    if let (Some(o), Some(x)) = (obj, xc) {
                        if o < x && o > v {
                            let b = self.hi[x];
                            out.push(self.cand(self.span(self.lo[o], b), v, doc.words[v].span));
                            continue;
                        }
                    }
                }
                // "The plan is dead, officials said." : the cue and its subject close the
                // sentence, and what comes before is what was said.
                // Only finite verbs that report what precedes them ("said", "told reporters",
                // "noted"): "..., Clinton continued", "..., he asked", "..., saying" or "to
                // tell" after a sentence are the cue of something else.
                let finite = match self.doc.pos[v].xpos {
                    "VBG" | "VB" => false,
                    "VBN" => self.kids(v).iter().any(|&k| self.rel(k) == "aux"),
                    _ => true,
                };
                let tail = (finite && self.lemma_is(v, &lex.tail))
                    .then(|| self.tail_clause(v))
                    .flatten();
                if let Some((c, from)) = tail {
                    let mut cand = self.cand(c, v, doc.words[v].span);
                    if cand.speaker.is_none_or(|s| self.in_quote(s.span)) {
                        cand.speaker = self.speaker_in(from, v);
                    }
                    // With nobody before the cue, the words before it are not a report.
                    if cand.speaker.is_some() {
                        out.push(cand);
                    }
                } else if let Some(c) = self.clause_after(v) {
                    out.push(self.cand(c, v, doc.words[v].span));
                } else if let Some(c) = self.object_of(v) {
                    out.push(c);
                }
            } else if up == Upos::ADJ && self.lemma_is(v, &lex.intention_adjs) {
                // "Sanders is willing to compromise": what the subject is ready to do.
                let x = self.kids(v).iter().copied().find(|&c| {
                    self.rel(c) == "xcomp"
                        && c > v
                        && self.kids(c).iter().any(|&k| self.lemma(k) == "to")
                });
                let speaker = x.and(self.speaker_of(v));
                if let (Some(x), Some(who)) = (x, speaker) {
                    if let Some(span) = self.clause_span(x, v) {
                        let mut cand = self.cand(span, v, doc.words[v].span);
                        cand.speaker = Some(who);
                        out.push(cand);
                    }
                }
            } else if up == Upos::NOUN
                && (self.lemma_is(v, &lex.nouns) || self.lemma_is(v, &lex.intention_nouns))
            {
                // "the claim that ...", and for nouns of intention "his decision to ...".
                let to = self.lemma_is(v, &lex.intention_nouns);
                let comp = self.kids(v).iter().copied().find(|&c| {
                    matches!(self.rel(c), "acl" | "ccomp")
                        && c > v
                        && self.kids(c).iter().any(|&k| {
                            self.rel(k) == "mark"
                                && (self.lemma(k) == "that" || to && self.lemma(k) == "to")
                        })
                });
                if let Some(c) = comp {
                    if let Some(span) = self.clause_span(c, v) {
                        let speaker = self
                            .kids(v)
                            .iter()
                            .copied()
                            .find(|&k| self.rel(k) == "nmod:poss")
                            .map(|k| self.speaker_np(k));
                        out.push(Cand {
                            content: span,
                            kind: QuoteKind::Indirect,
                            cue: Some(doc.words[v].span),
                            speaker,
                            via: None,
                            date: None,
                            dead: false,
                        });
                    }
                }
            }
        }
        // "..., urging Y to ...", "..., adding that ...": a participle with no subject of its
        // own speaks for the cue before it in the sentence.
        for i in 1..out.len() {
            if out[i].speaker.is_some() {
                continue;
            }
            let Some(cue) = out[i].cue else { continue };
            let w = doc.words.partition_point(|w| w.span.start < cue.start);
            if w >= n || !self.text(w).ends_with("ing") {
                continue;
            }
            let s = self.sent[w];
            let prev = out[..i].iter().rev().find(|c| {
                c.cue.is_some_and(|p| {
                    let pw = doc.words.partition_point(|x| x.span.start < p.start);
                    pw < n && self.sent[pw] == s
                }) && c.speaker.is_some()
            });
            if let Some(p) = prev {
                out[i].speaker = p.speaker;
            }
        }
        out
    }

    /// A cue set off by commas inside the sentence it reports ("The only problem, Ms. Bigbee
    /// said, is that ...", "Rather than ..., said Marcia Smith, Teck wants ..."): the whole
    /// sentence is what was said, cue included, as annotators mark it. Returns the sentence and
    /// the speaker read from the words between the commas.
    fn parenthetical(&self, v: usize) -> Option<(Span, Option<Speaker>)> {
        let s = self.doc.sentences.get(self.sent[v])?;
        let (first, last) = (s.words.start, s.words.end.checked_sub(1)?);
        let clear = |a: usize, b: usize| {
            (a..b).all(|k| {
                self.quoted[k].is_none()
                    && !matches!(self.upos(k), Upos::VERB | Upos::AUX)
                    && !matches!(self.text(k), "." | ";" | ":" | "?" | "!")
            })
        };
        // Quoted words make it the direct pass's business.
        if (first..=last).any(|k| self.quoted[k].is_some()) {
            return None;
        }
        let j0 = (first..v).rev().take(9).find(|&k| self.text(k) == ",")?;
        let j1 = (v + 1..=last).take(9).find(|&k| self.text(k) == ",")?;
        if !clear(j0 + 1, v) || !clear(v + 1, j1) {
            return None;
        }
        let words = |a: usize, b: usize| (a..b).filter(|&k| !self.is_punct(k)).count();
        // ", citing Y", ", adding ...": a participle after the cue's comma is the cue's own
        // phrase, not the rest of the reported sentence.
        if words(first, j0) < 2
            || words(j1 + 1, last + 1) < 2
            || matches!(self.doc.pos[j1 + 1].xpos, "VBG" | "VBN")
        {
            return None;
        }
        let mut b = last;
        while b > j1 && self.is_punct(b) && self.quoted[b].is_none() {
            b -= 1;
        }
        let mut a = first;
        while a < j0 && self.is_punct(a) && self.quoted[a].is_none() {
            a += 1;
        }
        let speaker = if j0 + 1 < v {
            self.speaker_in(j0 + 1, v)
        } else {
            self.speaker_in(v + 1, j1)
        };
        Some((self.span(a, b), speaker))
    }

    /// The clause after speech verb `v` when the parser hung it elsewhere: "said during a call
    /// last week that ...", "said their speeches would focus ...": from after "that" (or from
    /// the word after the verb, when a finite verb follows before any punctuation) to the end
    /// of the sentence.
    fn clause_after(&self, v: usize) -> Option<Span> {
        let s = self.doc.sentences.get(self.sent[v])?;
        let last = s.words.end.checked_sub(1)?;
        let finite = |w: usize| {
            matches!(self.doc.pos[w].xpos, "VBD" | "VBZ" | "VBP" | "MD") && self.quoted[w].is_none()
        };
        let mut start = None;
        for k in v + 1..(v + 12).min(last) {
            if self.quoted[k].is_some()
                || finite(k)
                || matches!(self.text(k), "." | ":" | ";" | "?")
            {
                break;
            }
            if self.text(k).eq_ignore_ascii_case("that") && self.upos(k) == Upos::SCONJ {
                start = Some(k);
                break;
            }
            // "asked (him) whether ...", "wondered what ...": the question asked.
            let wh = matches!(
                self.text(k).to_ascii_lowercase().as_str(),
                "whether" | "if" | "what" | "why" | "how" | "when" | "where" | "who" | "which"
            );
            if wh && self.lemma_is(v, &self.lex.asking) {
                start = Some(k);
                break;
            }
        }
        let start = match start {
            Some(x) => x,
            None => {
                let first = v + 1;
                let opens = first <= last
                    && matches!(
                        self.upos(first),
                        Upos::PRON | Upos::DET | Upos::PROPN | Upos::NOUN
                    )
                    && !matches!(self.lemma(first), "it" | "this" | "so")
                    && (first..(first + 8).min(last))
                        .take_while(|&k| !self.is_punct(k))
                        .any(finite);
                if !opens {
                    return None;
                }
                first
            }
        };
        // Quoted words inside make it a mixed quotation (the direct pass decides); a clause
        // that opens with the marks is a direct quotation's, which the direct pass attributes.
        let opener = start + usize::from(self.text(start).eq_ignore_ascii_case("that"));
        if start > last
            || opener > last
            || self.quoted[opener].is_some() && self.quoted[last].is_some()
        {
            return None;
        }
        let mut b = self.cut_tail(start, last);
        while b > start && self.is_punct(b) {
            b -= 1;
        }
        (b >= start + 2).then(|| self.span(start, b))
    }

    /// A verb outside the cue lists whose subject is a person or organization and whose
    /// complement is a clause ("the Labor Department calculates that ...") or, for verbs of
    /// intention, an infinitive ("Clinton plans to focus on ..."): attributed content, as
    /// news annotation counts it.
    fn other_clause(&self, v: usize) -> Option<Cand> {
        let kids = self.kids(v);
        let comp = kids.iter().copied().find(|&c| {
            self.rel(c) == "ccomp"
                && c > v
                && self.kids(c).iter().any(|&k| {
                    self.rel(k) == "mark" && self.lemma(k) == "that"
                        || self.rel(k).starts_with("nsubj")
                })
        });
        let comp = comp.or_else(|| {
            self.lemma_is(v, &self.lex.intention)
                .then(|| {
                    kids.iter().copied().find(|&c| {
                        self.rel(c) == "xcomp"
                            && c > v
                            && self.upos(c) == Upos::VERB
                            && self.kids(c).iter().any(|&k| self.lemma(k) == "to")
                    })
                })
                .flatten()
        })?;
        let speaker = self.speaker_of(v)?;
        // A subject that names someone: a person, an organization, a pronoun, or a noun
        // phrase (\"analysts\", \"the report\"); not an expletive or a clause.
        let head = self
            .doc
            .words
            .partition_point(|w| w.span.end <= speaker.span.start);
        if self.mention_at(speaker.span).is_none()
            && !matches!(
                self.upos(head),
                Upos::NOUN | Upos::PROPN | Upos::PRON | Upos::DET | Upos::NUM | Upos::ADJ
            )
        {
            return None;
        }
        let mut span = self.clause_span(comp, v)?;
        // "want Germany to do more": the object is the infinitive's subject and part of it.
        if self.rel(comp) == "xcomp" {
            let obj = kids
                .iter()
                .copied()
                .find(|&o| self.rel(o) == "obj" && v < o && o < comp);
            if let Some(o) = obj {
                span = Span::new(self.doc.words[self.lo[o]].span.start, span.end);
            }
        }
        let mut cand = self.cand(span, v, self.doc.words[v].span);
        cand.speaker = Some(speaker);
        Some(cand)
    }

    /// What a verb outside the speech list reports, when it reports anything: a clause or
    /// intended infinitive ([`Ctx::other_clause`]), a stance's object ([`Ctx::object_of`]) or
    /// a topic ([`Ctx::topic_of`]), tried in that order.
    fn complement_of(&self, v: usize) -> Option<Cand> {
        self.other_clause(v)
            .or_else(|| self.object_of(v))
            .or_else(|| self.topic_of(v))
    }

    /// "Howard endorsed Ted Cruz", "The campaign announced a new ad": the object of a verb of
    /// stance or announcement (data/object_verbs.txt) is what its subject holds or made known.
    /// Pronoun objects ("denied it") and a one-word object with nothing after it ("praised
    /// Obama") are left out: they carry too little to be a report.
    fn object_of(&self, v: usize) -> Option<Cand> {
        if !self.lemma_is(v, &self.lex.object) {
            return None;
        }
        let o = self
            .kids(v)
            .iter()
            .copied()
            .find(|&c| self.rel(c) == "obj" && c > v)?;
        if self.upos(o) == Upos::PRON
            || (self.hi[o] <= self.lo[o] && self.hi[v] <= o)
            || (self.lo[o]..=self.hi[o]).any(|k| self.quoted[k].is_some())
        {
            return None;
        }
        // What the stance is about, after the object, belongs to it: "blamed police shootings
        // on implicit bias", "dismissed the story about her emails"; when and where do not
        // ("criticized Clinton during a rally").
        let mut end = self.hi[o];
        for &k in self.kids(v).iter().filter(|&&k| k > self.hi[o]) {
            let setting = matches!(
                self.rel(k),
                "advcl" | "conj" | "cc" | "parataxis" | "obl:tmod" | "advmod" | "punct"
            ) || self.rel(k) == "obl"
                && self.kids(k).iter().any(|&c| {
                    self.rel(c) == "case"
                        && matches!(
                            self.lemma(c),
                            "during" | "in" | "at" | "after" | "before" | "since" | "until"
                        )
                });
            if setting {
                break;
            }
            end = self.hi[k];
        }
        let span = self.span(self.lo[o], self.content_end(self.lo[o], end));
        Some(self.cand(span, v, self.doc.words[v].span))
    }

    /// "Trump talked about the wall": what someone talks or speaks about is reported too.
    fn topic_of(&self, v: usize) -> Option<Cand> {
        if !matches!(self.lemma(v), "talk" | "speak") {
            return None;
        }
        let k = self.kids(v).iter().copied().find(|&k| {
            k > v
                && self.rel(k) == "obl"
                && self
                    .kids(k)
                    .iter()
                    .any(|&c| self.rel(c) == "case" && self.lemma(c) == "about")
        })?;
        let a = self
            .kids(k)
            .iter()
            .copied()
            .find(|&c| self.rel(c) == "case")?
            + 1;
        if a > self.hi[k] || (a..=self.hi[k]).any(|j| self.quoted[j].is_some()) {
            return None;
        }
        let b = self.content_end(a, self.hi[k]);
        Some(self.cand(self.span(a, b), v, self.doc.words[v].span))
    }

    /// "Nabisco is expected to cut 277 workers", "Democrats appeared headed for a contest": a
    /// raising verb reports the whole clause, its subject included, as someone's belief;
    /// nobody is named unless "by" names them.
    fn raising(&self, v: usize) -> Option<Cand> {
        let kids = self.kids(v);
        let passive = kids
            .iter()
            .any(|&k| matches!(self.rel(k), "aux:pass" | "nsubj:pass"));
        let l = self.lemma(v).to_ascii_lowercase();
        let raising = matches!(l.as_str(), "seem" | "appear")
            || passive && matches!(l.as_str(), "expect" | "believe" | "think" | "say" | "rumor");
        if !raising {
            return None;
        }
        let x = kids
            .iter()
            .copied()
            .find(|&c| self.rel(c) == "xcomp" && c > v)?;
        let s = kids
            .iter()
            .copied()
            .find(|&c| self.rel(c).starts_with("nsubj") && c < v)?;
        if matches!(self.lemma(s), "it" | "there" | "which" | "that") {
            return None;
        }
        let a = self.lo[s];
        if (a..=self.hi[x]).any(|k| self.quoted[k].is_some()) {
            return None;
        }
        let b = self.content_end(a, self.hi[x]);
        if b < a + 2 {
            return None;
        }
        let mut cand = self.cand(self.span(a, b), v, self.doc.words[v].span);
        let agent = kids.iter().copied().find(|&k| self.rel(k) == "obl:agent");
        cand.speaker = agent.map(|k| self.speaker_np(k));
        Some(cand)
    }

    /// "said that A, and that B": the parser often hangs the second clause on the verb; it is
    /// part of what was said.
    fn second_that(&self, v: usize, c: usize, span: Span) -> Span {
        let second = self.kids(v).iter().copied().find(|&k| {
            k > self.hi[c]
                && self.rel(k) == "conj"
                && self
                    .kids(k)
                    .iter()
                    .any(|&m| self.rel(m) == "mark" && self.lemma(m) == "that")
        });
        match second.and_then(|k| self.clause_span(k, v)) {
            Some(more) if more.end > span.end => Span::new(span.start, more.end),
            _ => span,
        }
    }

    /// Drops a reported clause whose cue lies inside another report's content and which covers
    /// most of it ("Democrats say those revelations show that ...", "said he would refuse to
    /// leave"): it is one attribution, read at the outer cue, and the inner one would only
    /// repeat it.
    fn drop_nested(&self, cands: &mut Vec<Cand>) {
        let words = &self.doc.words;
        let mut count = vec![0usize; words.len() + 1];
        for i in 0..words.len() {
            count[i + 1] = count[i] + usize::from(!self.is_punct(i));
        }
        let range = |s: Span| {
            let a = words.partition_point(|w| w.span.start < s.start);
            let b = words.partition_point(|w| w.span.end <= s.end);
            (a, b.max(a))
        };
        let overlap = |x: Span, y: Span| {
            let ((a1, b1), (a2, b2)) = (range(x), range(y));
            let (a, b) = (a1.max(a2), b1.min(b2));
            let both = if a < b { count[b] - count[a] } else { 0 };
            let union = count[b1] - count[a1] + count[b2] - count[a2] - both;
            both as f64 / union.max(1) as f64
        };
        let nested: Vec<bool> = cands
            .iter()
            .enumerate()
            .map(|(j, c)| {
                c.kind != QuoteKind::Direct
                    && c.cue.is_some_and(|cue| {
                        cands.iter().enumerate().any(|(k, o)| {
                            // Each inside the other ("Clinton plans to visit, according to an
                            // aide"): two readings of one sentence, both kept.
                            let mutual = o.cue.is_some_and(|p| {
                                c.content.start <= p.start && p.end <= c.content.end
                            });
                            k != j
                                && o.content.start <= cue.start
                                && cue.end <= o.content.end
                                && !mutual
                                && overlap(c.content, o.content) >= 0.4
                        })
                    })
            })
            .collect();
        let mut i = 0;
        cands.retain(|_| {
            i += 1;
            !nested[i - 1]
        });
    }

    /// The mention with exactly this span, if the entities stage made one.
    fn mention_at(&self, span: Span) -> Option<&dateline_document::Mention> {
        let doc = self.doc;
        let i = doc.mentions.partition_point(|m| m.span.start < span.start);
        doc.mentions.get(i).filter(|m| m.span == span)
    }

    /// "X said" at the end of a sentence: the words before it are what was said. Returns them
    /// and the first word of the cue's own phrase (where its subject starts).
    fn tail_clause(&self, v: usize) -> Option<(Span, usize)> {
        let s = self.doc.sentences.get(self.sent[v])?;
        let (first, last) = (s.words.start, s.words.end.checked_sub(1)?);
        let mut end = last;
        while end > v && self.is_punct(end) {
            end -= 1;
        }
        if self.hi[v] < end || !matches!(self.base_rel(v), "parataxis" | "root" | "conj" | "advcl")
        {
            return None;
        }
        // The cue's own phrase: from the first word of its subtree at or after the comma.
        let mut start = self.lo[v];
        // `"...," Doug Usher, director of research at Widmeyer, said`: after a quotation, the
        // words up to the cue are its subject however the parser hung them.
        let after_quote = (first..v)
            .rev()
            .find(|&j| self.quoted[j].is_some())
            .filter(|&j| {
                j + 1 < v
                    && (j + 1..v).all(|x| {
                        self.quoted[x].is_none() && !matches!(self.upos(x), Upos::VERB | Upos::AUX)
                    })
            });
        if let Some(j) = after_quote {
            start = j + 1;
        } else if start <= first {
            // The parser hung the clause under the cue: find the comma before the subject.
            start = (first..v).rev().find(|&j| self.text(j) == ",")? + 1;
            // Only a subject between the comma and the cue: with nothing there ("The aides,
            // led by ..., told the group") the words before the comma are the subject.
            if v - start > 6 || !(start..v).any(|k| !self.is_punct(k)) {
                return None;
            }
        }
        if start < first + 3 {
            return None;
        }
        let mut b = start - 1;
        while b > first && self.is_punct(b) && self.quoted[b].is_none() {
            b -= 1;
        }
        let mut a = first;
        while a < b && self.is_punct(a) && self.quoted[a].is_none() {
            a += 1;
        }
        if b < a + 2 {
            return None;
        }
        // What was said is a clause; "Shortly afterward, McCain said", "Speaking after his
        // daughter, Trump said", "Although ..., X said" front an adverbial instead.
        let opens_adverbial = matches!(self.upos(a), Upos::SCONJ | Upos::ADP)
            || matches!(self.doc.pos[a].xpos, "VBG" | "VBN");
        let has_verb = (a..=b).any(|k| matches!(self.upos(k), Upos::VERB | Upos::AUX));
        if opens_adverbial || !has_verb {
            return None;
        }
        Some((self.span(a, b), start))
    }

    /// "according to X": X said the rest of the sentence.
    fn according_to(&self, v: usize) -> Option<Cand> {
        let doc = self.doc;
        let to = v + 1;
        let x = match self.head(v) {
            Some(h) if self.rel(v) == "case" && h > to => h,
            _ => {
                let mut j = to + 1;
                while j < doc.words.len()
                    && !matches!(self.upos(j), Upos::NOUN | Upos::PROPN | Upos::PRON)
                {
                    j += 1;
                }
                let s = self.sent[v];
                if j >= doc.words.len() || self.sent[j] != s {
                    return None;
                }
                // climb to the phrase head
                let mut h = j;
                while let Some(p) = self.head(h) {
                    if p > to
                        && p <= self.hi[h].max(p)
                        && matches!(self.base_rel(h), "compound" | "flat" | "amod" | "det")
                    {
                        h = p;
                    } else {
                        break;
                    }
                }
                h
            }
        };
        let s = doc.sentences.get(self.sent[v])?;
        let (first, last) = (s.words.start, s.words.end.checked_sub(1)?);
        let phrase_end = self.hi[x].max(x).min(last);
        let mut speaker = Some(self.speaker_np(x));
        let mut via = None;
        if self.lemma_is(x, &self.lex.occasions) || self.lemma_is(x, &self.lex.nouns) {
            if let Some(&src) = self.kids(x).iter().find(|&&k| self.base_rel(k) == "nmod") {
                let (a, b) = self.np(x);
                let span = self.span(a, b);
                via = Some(Via {
                    name: doc.slice(span).to_string(),
                    span,
                    relation: ViaRelation::AccordingTo,
                });
                speaker = Some(self.speaker_np(src));
            }
        }
        let trim = |mut a: usize, mut b: usize| -> Option<(usize, usize)> {
            while a < b && self.is_punct(a) {
                a += 1;
            }
            while b > a && self.is_punct(b) {
                b -= 1;
            }
            (b >= a + 2 && !self.is_punct(a)).then_some((a, b))
        };
        let left = if v > first { trim(first, v - 1) } else { None };
        let right = if phrase_end < last {
            trim(phrase_end + 1, last)
        } else {
            None
        };
        let (a, b) = match (left, right) {
            (Some(l), None) => l,
            (None, Some(r)) => r,
            (Some(l), Some(r)) => {
                if r.1 - r.0 > 2 * (l.1 - l.0 + 1) {
                    r
                } else if l.1 - l.0 > 2 * (r.1 - r.0 + 1) {
                    l
                } else {
                    (l.0, r.1)
                }
            }
            (None, None) => return None,
        };
        Some(Cand {
            content: self.span(a, b),
            kind: QuoteKind::Indirect,
            cue: Some(self.span(v, to)),
            speaker,
            via,
            date: None,
            dead: false,
        })
    }

    /// Direct quotations: each quoted stretch joins the clause it lies in (a mixed quotation),
    /// or takes the cue next to it, a lead-in, a dash, or the speaker of the paragraph before.
    fn direct(&self, cands: &mut Vec<Cand>) {
        let doc = self.doc;
        let text = doc.text.as_str();
        let mut absorbed = vec![false; self.marks.len()];
        // Mixed: clauses holding quoted stretches and words of their own.
        for c in cands.iter_mut() {
            let inside: Vec<usize> = self
                .marks
                .iter()
                .enumerate()
                .filter(|(_, m)| m.content.start < c.content.end && c.content.start < m.content.end)
                .map(|(k, _)| k)
                .collect();
            if inside.is_empty() {
                continue;
            }
            let mut own = 0;
            let mut pos = c.content.start;
            for &k in &inside {
                let m = &self.marks[k];
                if m.open > pos {
                    own += word_count(&text[pos..m.open]);
                }
                pos = pos.max(m.close);
            }
            if c.content.end > pos {
                own += word_count(&text[pos..c.content.end]);
            }
            let contained = inside.iter().all(|&k| {
                let m = &self.marks[k];
                m.open + 2 >= c.content.start && m.content.end <= c.content.end + 2
            });
            if own >= 2 && contained {
                c.kind = QuoteKind::Mixed;
                for &k in &inside {
                    absorbed[k] = true;
                }
            } else if own >= 2 && !contained {
                // A quoted stretch reaching past the clause: the clause keeps its words.
            } else {
                c.dead = true;
            }
        }
        let mut found: Vec<Cand> = Vec::new();
        for (k, m) in self.marks.iter().enumerate() {
            if absorbed[k] {
                continue;
            }
            // A clause of a cue overlapping it gives the cue.
            let from_clause = cands
                .iter()
                .filter(|c| c.kind != QuoteKind::Mixed)
                .find(|c| c.content.start < m.content.end && m.content.start < c.content.end)
                .cloned();
            let mut q = match from_clause {
                Some(c) if c.speaker.is_some_and(|s| !self.in_quote(s.span)) => Cand {
                    content: m.content,
                    kind: QuoteKind::Direct,
                    ..c
                },
                // The clause's parse found no speaker outside the quotation: read the words
                // around the marks instead.
                Some(c) => {
                    let q = self.attribute(k, m);
                    if q.speaker.is_some() {
                        q
                    } else {
                        Cand {
                            content: m.content,
                            kind: QuoteKind::Direct,
                            speaker: None,
                            ..c
                        }
                    }
                }
                None => self.attribute(k, m),
            };
            q.dead = false;
            // No cue next to the marks, but the quotation sits inside a sentence of its own
            // verb ("called him "unfit to serve" as president", "vowed to "take our fight" to
            // ..."): the verb's phrase around it is a mixed quotation of the verb's subject.
            if q.cue.is_none() {
                if let Some(mixed) = self.embedded(m) {
                    found.push(mixed);
                    continue;
                }
            }
            // One to three quoted words outside any clause are a label or scare quotes
            // ("a fighter"), not a quotation.
            if word_count(&text[m.content.range()]) < 4 || is_title(&text[m.content.range()]) {
                continue;
            }
            if q.speaker.is_none() && q.cue.is_none() {
                if let Some(s) = self.continuation(m, cands, &found) {
                    q.speaker = Some(s);
                } else if word_count(&text[m.content.range()]) < 5 {
                    continue;
                }
            }
            found.push(q);
        }
        cands.extend(found);
    }

    /// Paragraphs that open with a speaker and a colon and no quotation marks: transcripts
    /// ("TRUMP: The deaths of ...", "Q: ...") and headlines ("Bernie Sanders: Clinton Is
    /// Qualified"). The rest of the paragraph is what the speaker said.
    fn lead_ins(&self, cands: &mut Vec<Cand>) {
        let doc = self.doc;
        for para in &doc.paragraphs {
            let a = doc.words.partition_point(|w| w.span.start < para.start);
            let b = doc.words.partition_point(|w| w.span.start < para.end);
            let Some(colon) = (a..b.min(a + 7)).find(|&k| self.text(k) == ":") else {
                continue;
            };
            if colon == a || colon + 3 >= b || (a..b).any(|k| self.quoted[k].is_some()) {
                continue;
            }
            let lead = &doc.text[doc.words[a].span.start..doc.words[colon].span.start];
            let low = lead.to_lowercase();
            let named = (a..colon).any(|k| self.upos(k) == Upos::PROPN)
                || lead.chars().all(|c| !c.is_lowercase());
            let verb = (a..colon).any(|k| matches!(self.upos(k), Upos::VERB | Upos::AUX));
            if !named
                || verb
                || !lead.starts_with(char::is_uppercase)
                || NOT_SPEAKERS.contains(&low.as_str())
            {
                continue;
            }
            let mut end = b - 1;
            while end > colon && self.is_punct(end) {
                end -= 1;
            }
            if end <= colon + 2 {
                continue;
            }
            // A report found inside what follows the colon is part of the lead-in's words
            // ("Blumenthal: No idea if I would have told Hillary ..."); any other report in the
            // paragraph means the colon is not a lead-in.
            let after = doc.words[colon].span.end;
            let inside = |c: &Cand| c.cue.is_some_and(|q| q.start >= after);
            let overlaps = |c: &Cand| c.content.start < para.end && para.start < c.content.end;
            if cands.iter().any(|c| !c.dead && overlaps(c) && !inside(c)) {
                continue;
            }
            for c in cands.iter_mut().filter(|c| overlaps(c)) {
                c.dead = true;
            }
            cands.push(Cand {
                content: self.span(colon + 1, end),
                kind: QuoteKind::Indirect,
                cue: Some(doc.words[colon].span),
                speaker: self.speaker_in(a, colon),
                via: None,
                date: None,
                dead: false,
            });
        }
    }

    /// The mixed quotation around quoted stretch `m` when a verb outside the marks governs it
    /// and has a speaker for subject: the verb's phrase from its object (or the branch that
    /// holds the quotation) to the end of the branches that follow. Short stretches (scare
    /// quotes) count only under verbs of saying and naming ("called it "a disaster"").
    fn embedded(&self, m: &Marked) -> Option<Cand> {
        let doc = self.doc;
        let a = doc.words.partition_point(|w| w.span.start < m.open);
        let b = doc.words.partition_point(|w| w.span.start < m.close);
        if a >= b {
            return None;
        }
        // The quotation's own head: the word inside whose head lies outside.
        let h = (a..b).find(|&w| self.head(w).is_some_and(|x| x < a || x >= b))?;
        let mut c = h;
        let mut v = self.head(h)?;
        for _ in 0..4 {
            if self.upos(v) == Upos::VERB && self.quoted[v].is_none() {
                break;
            }
            c = v;
            v = self.head(v)?;
        }
        if self.upos(v) != Upos::VERB
            || self.quoted[v].is_some()
            || v > a
            || self.sent[v] != self.sent[h]
        {
            return None;
        }
        let lex = self.lex;
        let short = word_count(&doc.text[m.content.range()]) < 4;
        if short
            && !(self.lemma_is(v, &lex.speech)
                || self.lemma_is(v, &lex.weak)
                || self.lemma_is(v, &lex.naming))
        {
            return None;
        }
        let speaker = self.speaker_of(v).filter(|s| !self.in_quote(s.span))?;
        let kids = self.kids(v);
        let mut start = self.lo[c];
        if let Some(&o) = kids
            .iter()
            .find(|&&o| o > v && o < c && matches!(self.rel(o), "obj" | "iobj"))
        {
            start = start.min(self.lo[o]);
        }
        while start < a && (self.is_punct(start) || self.rel(start) == "case") {
            start += 1;
        }
        let mut end = self.hi[c].max(b - 1);
        for &sib in kids.iter().filter(|&&x| x > c) {
            let joined =
                (end + 1..self.lo[sib]).all(|x| self.is_punct(x) && self.quoted[x].is_some());
            if joined && matches!(self.base_rel(sib), "obj" | "xcomp" | "obl" | "ccomp") {
                end = self.hi[sib];
            }
        }
        while end > start && self.is_punct(end) && self.quoted[end].is_none() {
            end -= 1;
        }
        let content = self.span(start, end);
        // Words of its own outside the marks, else it is a plain direct quotation.
        let own = word_count(&doc.text[content.start..m.open.max(content.start)])
            + word_count(&doc.text[m.close.min(content.end)..content.end]);
        if own == 0 || start > a {
            return None;
        }
        let mut speaker = Some(speaker);
        let via = self.via_of(v, &mut speaker);
        Some(Cand {
            content,
            kind: QuoteKind::Mixed,
            cue: Some(doc.words[v].span),
            speaker,
            via,
            date: self.date_of(v),
            dead: false,
        })
    }

    /// The cue verb next to quoted stretch `m` (after it first, then before), or a lead-in or
    /// trailing dash naming the speaker.
    fn attribute(&self, k: usize, m: &Marked) -> Cand {
        let doc = self.doc;
        let text = doc.text.as_str();
        let mut cand = Cand {
            content: m.content,
            kind: QuoteKind::Direct,
            cue: None,
            speaker: None,
            via: None,
            date: None,
            dead: false,
        };
        let para = doc
            .paragraphs
            .get(m.paragraph)
            .copied()
            .unwrap_or(Span::new(0, text.len()));
        let next_open = self
            .marks
            .get(k + 1)
            .filter(|n| n.paragraph == m.paragraph)
            .map_or(para.end, |n| n.open);
        let prev_close = k
            .checked_sub(1)
            .and_then(|j| self.marks.get(j))
            .filter(|p| p.paragraph == m.paragraph)
            .map_or(para.start, |p| p.close);
        let w_first = doc.words.partition_point(|w| w.span.start < m.open);
        let w_after = doc.words.partition_point(|w| w.span.start < m.close);
        let last_in = w_after.checked_sub(1);
        let speech = |w: usize| {
            self.quoted[w].is_none()
                && self.upos(w) == Upos::VERB
                && self.lemma_is(w, &self.lex.speech)
        };
        // After: `," she said.` / `," said Smith` / `." Smith said.`
        let mut cue = None;
        if let Some(li) = last_in {
            for w in w_after..doc.words.len() {
                let ws = doc.words[w].span;
                if ws.start >= next_open || ws.start > m.close + 120 {
                    break;
                }
                let same = self.sent[w] == self.sent[li]
                    || (self.sent[w] == self.sent[li] + 1 && w < w_after + 8);
                if !same {
                    break;
                }
                if speech(w) {
                    cue = Some(w);
                    break;
                }
            }
        }
        // A quotation that ends in a comma goes on with who said it, whatever the verb:
        // `," remembered Roy Verley` / `," the pollster recalled`.
        if cue.is_none() && text[m.content.range()].ends_with(',') {
            cue = self.any_cue_after(w_after, next_open);
        }
        // Before: `Smith said: "` / `Smith said, "`
        if cue.is_none() && w_first > 0 {
            let s0 = self.sent.get(w_first).copied();
            let mut w = w_first;
            while w > 0 {
                w -= 1;
                let ws = doc.words[w].span;
                if ws.end <= prev_close || ws.start < para.start {
                    break;
                }
                if Some(self.sent[w]) != s0
                    && !(Some(self.sent[w] + 1) == s0
                        && text[ws.end..m.open].trim_end().ends_with(':'))
                {
                    break;
                }
                if speech(w) {
                    cue = Some(w);
                    break;
                }
            }
        }
        if let Some(v) = cue {
            // Next to a quotation the order of words says who speaks more surely than a parse
            // of the inverted "said X, the ..." does; the parse decides when words stand between.
            let mut speaker = if v >= w_after {
                self.speaker_after(w_after, v)
                    .or_else(|| self.speaker_of(v).filter(|s| !self.in_quote(s.span)))
            } else {
                self.speaker_of(v)
                    .filter(|s| !self.in_quote(s.span))
                    .or_else(|| self.speaker_before(v))
                    // `Continued Stone: "...`
                    .or_else(|| self.speaker_after(v + 1, v))
            };
            cand.via = self.via_of(v, &mut speaker);
            cand.speaker = speaker;
            cand.cue = Some(doc.words[v].span);
            cand.date = self.date_of(v);
            return cand;
        }
        // Lead-in without a verb: `Smith: "..."`.
        let before = text.get(prev_close.max(para.start)..m.open).unwrap_or("");
        if before.trim_end().ends_with(':') {
            let colon = prev_close.max(para.start) + before.trim_end().len() - 1;
            if let Some(s) = self.mention_ending_near(colon) {
                cand.speaker = Some(s);
                cand.cue = Some(Span::new(colon, colon + 1));
                return cand;
            }
            // "X delivered a blunt message: ...": the subject of the lead-in's main verb.
            let w = doc.words.partition_point(|w| w.span.end <= colon);
            if let Some(root) = w.checked_sub(1).and_then(|w| {
                let mut x = w;
                for _ in 0..64 {
                    match self.head(x) {
                        Some(h) if self.sent[h] == self.sent[w] => x = h,
                        _ => break,
                    }
                }
                (self.upos(x) == Upos::VERB && self.quoted[x].is_none()).then_some(x)
            }) {
                if let Some(s) = self.speaker_of(root) {
                    cand.speaker = Some(s);
                    cand.cue = Some(doc.words[root].span);
                    return cand;
                }
            }
        }
        // Trailing dash: `"..." — Smith`, also on a line of its own (`-President Obama`).
        let mut limit = next_open.min(para.end);
        if text[m.close..limit].trim().is_empty() {
            if let Some(next) = doc.paragraphs.get(m.paragraph + 1) {
                limit = self
                    .marks
                    .get(k + 1)
                    .map_or(next.end, |n| n.open.min(next.end))
                    .max(m.close);
            }
        }
        let after = text.get(m.close..limit).unwrap_or("");
        let t = after.trim_start();
        if let Some(rest) = t
            .strip_prefix('—')
            .or_else(|| t.strip_prefix('–'))
            .or_else(|| t.strip_prefix("--"))
            .or_else(|| {
                t.strip_prefix('-')
                    .filter(|r| r.starts_with(char::is_uppercase) || r.starts_with(' '))
            })
        {
            let at = m.close + (after.len() - rest.trim_start().len());
            let a = doc.words.partition_point(|w| w.span.start < at);
            let mut b = a;
            while b < doc.words.len() && b < a + 10 && !self.is_punct(b) {
                b += 1;
            }
            cand.speaker = self.speaker_in(a, b);
        }
        cand
    }

    /// The finite verb right after a quotation, or after the noun phrase that follows it
    /// (`," remembered Roy Verley` / `," Roy Verley remembered`), before byte `limit`.
    fn any_cue_after(&self, after: usize, limit: usize) -> Option<usize> {
        let doc = self.doc;
        let s = doc.sentences.get(*self.sent.get(after)?)?;
        let finite = |w: usize| {
            self.upos(w) == Upos::VERB && matches!(self.doc.pos[w].xpos, "VBD" | "VBZ" | "VBP")
        };
        let mut w = after;
        while w < s.words.end && self.is_punct(w) && self.quoted[w].is_some() {
            w += 1;
        }
        let start = w;
        while w < s.words.end && w < start + 14 && doc.words[w].span.start < limit {
            if self.quoted[w].is_some() {
                return None;
            }
            if finite(w) {
                return Some(w);
            }
            if matches!(self.upos(w), Upos::VERB | Upos::AUX)
                || (self.is_punct(w) && self.text(w) != "," && w > start)
            {
                return None;
            }
            w += 1;
        }
        None
    }

    /// Whether `span` starts inside a quoted stretch: a speaker is never among the words quoted.
    fn in_quote(&self, span: Span) -> bool {
        let w = self.doc.words.partition_point(|w| w.span.end <= span.start);
        self.quoted.get(w).copied().flatten().is_some()
    }

    /// The speaker of a cue `v` that follows a quotation ending before word `after`:
    /// `," Smith said` names it between the two, `," said Smith, the ...` right after the cue.
    fn speaker_after(&self, after: usize, v: usize) -> Option<Speaker> {
        let between = (after..v).any(|w| !self.is_punct(w));
        if between {
            // `," the Vatican spokesman, Federico Lombardi, told`: the words up to the cue.
            return self.speaker_in(after, v);
        }
        let s = self.doc.sentences.get(self.sent[v])?;
        let mut end = v + 1;
        while end < s.words.end && end < v + 14 && !self.is_punct(end) {
            end += 1;
        }
        self.speaker_in(v + 1, end)
    }

    /// The speaker of a cue `v` that precedes its quotation, when the parse gave none: the first
    /// person, organization or pronoun of the cue's sentence before it.
    fn speaker_before(&self, v: usize) -> Option<Speaker> {
        let doc = self.doc;
        let s = doc.sentences.get(self.sent[v])?;
        // The first person or organization: subjects come first in English.
        let from = doc.words.get(s.words.start)?.span.start;
        let to = doc.words.get(v)?.span.start;
        let i = doc.mentions.partition_point(|m| m.span.start < from);
        let before = || doc.mentions[i..].iter().take_while(|m| m.span.end <= to);
        // A person named right before the cue is its subject, whatever came first ("In
        // Washington, Senate Majority Leader John Thune said"). The mention ends at the word
        // before the cue.
        let last_word = v
            .checked_sub(1)
            .and_then(|k| doc.words.get(k))
            .map(|w| w.span.end);
        let adjacent = before().find(|m| {
            m.kind == EntityType::PER
                && m.form == MentionForm::Name
                && Some(m.span.end) == last_word
                && !self.in_quote(m.span)
        });
        let first = adjacent.or_else(|| {
            before().find(|m| {
                matches!(m.kind, EntityType::PER | EntityType::ORG) && !self.in_quote(m.span)
            })
        });
        match first {
            Some(m) => Some(Speaker {
                span: m.span,
                entity: m.entity,
            }),
            None => self.speaker_in(s.words.start, v),
        }
    }

    /// The speaker among words `a..b` (none of them quoted): the first person named, else the
    /// first organization, else a pronoun, else the words up to the first comma when they hold a
    /// noun.
    fn speaker_in(&self, a: usize, b: usize) -> Option<Speaker> {
        let doc = self.doc;
        if a >= b || (a..b).any(|w| self.quoted[w].is_some()) {
            return None;
        }
        let span = self.span(a, b - 1);
        let first = doc.mentions.partition_point(|m| m.span.end <= span.start);
        let inside = doc.mentions[first..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .filter(|m| m.span.end <= span.end);
        let mut best: Option<(u8, &dateline_document::Mention)> = None;
        for m in inside {
            let rank = match (m.kind, m.form) {
                (EntityType::PER, MentionForm::Name) => 4,
                (EntityType::PER, MentionForm::Pronoun) => 3,
                (EntityType::ORG, _) => 2,
                (EntityType::PER, _) => 2,
                // "Cuban said": a surname the entity tagger took for a nationality.
                (EntityType::NORP, MentionForm::Name) => 1,
                _ => 0,
            };
            if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, m));
            }
        }
        if let Some((_, m)) = best {
            return Some(Speaker {
                span: m.span,
                entity: m.entity,
            });
        }
        let mut w = a;
        while w < b && self.is_punct(w) {
            w += 1;
        }
        let start = w;
        while w < b && !self.is_punct(w) {
            w += 1;
        }
        let nouny = (start..w).any(|x| {
            matches!(self.upos(x), Upos::NOUN | Upos::PROPN | Upos::PRON)
                || self.text(x).starts_with(|c: char| c.is_uppercase())
        });
        (nouny && w > start).then(|| Speaker {
            span: self.span(start, w - 1),
            entity: None,
        })
    }

    /// A person or organization mention ending right before byte `at`.
    fn mention_ending_near(&self, at: usize) -> Option<Speaker> {
        let doc = self.doc;
        let i = doc.mentions.partition_point(|x| x.span.end <= at);
        let m = doc.mentions.get(i.checked_sub(1)?)?;
        let gap = doc.text.get(m.span.end..at)?;
        (gap.trim().is_empty() && matches!(m.kind, EntityType::PER | EntityType::ORG)).then_some(
            Speaker {
                span: m.span,
                entity: m.entity,
            },
        )
    }

    /// A quoted stretch with no cue: the speaker of the last quotation in this paragraph or the
    /// one before, else a person named as a subject in its paragraph outside the quotation.
    fn continuation(&self, m: &Marked, cands: &[Cand], found: &[Cand]) -> Option<Speaker> {
        let doc = self.doc;
        let para = doc.paragraphs.get(m.paragraph)?;
        let prev_para = m
            .paragraph
            .checked_sub(1)
            .and_then(|p| doc.paragraphs.get(p));
        let from = prev_para.map_or(para.start, |p| p.start);
        let last = cands
            .iter()
            .chain(found.iter())
            .filter(|c| !c.dead && c.content.end <= m.open && c.content.start >= from)
            .max_by_key(|c| c.content.end);
        if let Some(c) = last {
            return c.speaker;
        }
        let first = doc.mentions.partition_point(|x| x.span.end <= para.start);
        for x in doc.mentions.iter().skip(first) {
            if x.span.start >= para.end {
                break;
            }
            if x.kind != EntityType::PER || x.form == MentionForm::Pronoun {
                continue;
            }
            if self.quoted.get(x.words.start).copied().flatten().is_some() {
                continue;
            }
            if x.words.clone().any(|w| self.base_rel(w) == "nsubj") {
                return Some(Speaker {
                    span: x.span,
                    entity: x.entity,
                });
            }
        }
        None
    }
}
