//! Loaders for the PETRARCH dictionary formats, compiled once into hash maps keyed on upper-case
//! words.
//!
//! Formats (see `../shared/data/events/README.md`): `#` starts a comment, `<!-- -->` lines are
//! comments in the validation files, words in a phrase are joined by `_` (or a blank), and
//! matching is on upper-cased words.

use crate::{Error, Result};
use rustc_hash::FxHashMap;

/// A CAMEO code as a dictionary gives it: a code, or `---` (explicitly no event).
pub(crate) type Code = Option<Box<str>>;

fn parse_code(s: &str) -> Code {
    let s = s.trim();
    if s.is_empty() || s.starts_with("---") {
        None
    } else {
        Some(s.into())
    }
}

/// `[CODE]` or `[CODE:PAIRED]` on a block or verb line: the code and the code of the paired
/// event the target does in return (`LEFT [040:040]`: a visit and the receiving of it).
fn parse_code_pair(s: &str) -> (Code, Code) {
    match s.split_once(':') {
        Some((a, b)) => (parse_code(a), parse_code(b)),
        None => (parse_code(s), None),
    }
}

/// Strips a `#` comment.
fn uncomment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// The words of a dictionary phrase: `GEORGE_W._BUSH` -> [GEORGE, W., BUSH]; a trailing `_`
/// (no plural) is dropped; "CHILDREN'S" splits like the segmenter ("CHILDREN", "'S").
fn phrase_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in s.split(['_', ' ', '\t']).filter(|w| !w.is_empty()) {
        let w = w.to_uppercase();
        if let Some(stem) = w.strip_suffix("'S").filter(|s| !s.is_empty()) {
            out.push(stem.to_string());
            out.push("'S".to_string());
        } else {
            out.push(w);
        }
    }
    out
}

/// Regular plural of an upper-case noun (+S, Y -> IES, SS/SH/CH/X -> ES).
pub(crate) fn plural(w: &str) -> String {
    let b = w.as_bytes();
    if w.ends_with('Y') && b.len() > 1 && !b"AEIOU".contains(&b[b.len() - 2]) {
        format!("{}IES", &w[..w.len() - 1])
    } else if w.ends_with("SS") || w.ends_with("SH") || w.ends_with("CH") || w.ends_with('X') {
        format!("{w}ES")
    } else {
        format!("{w}S")
    }
}

/// Regular verb forms: base, 3rd person, past, gerund.
fn verb_forms(v: &str) -> Vec<String> {
    let b = v.as_bytes();
    let cons_y = v.ends_with('Y') && b.len() > 1 && !b"AEIOU".contains(&b[b.len() - 2]);
    let mut out = vec![v.to_string(), plural(v)];
    if v.ends_with('E') {
        out.push(format!("{v}D"));
        if let (false, Some(stem)) = (v.ends_with("EE"), v.strip_suffix('E')) {
            out.push(format!("{stem}ING"));
        } else {
            out.push(format!("{v}ING"));
        }
    } else if cons_y {
        out.push(format!("{}IED", &v[..v.len() - 1]));
        out.push(format!("{v}ING"));
    } else {
        out.push(format!("{v}ED"));
        out.push(format!("{v}ING"));
    }
    out
}

/// Reads dictionary bytes: UTF-8, else Latin-1 (the Phoenix country file has a few such bytes).
pub(crate) fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Verbs

/// One word of a pattern: a literal word or a synonym set.
#[derive(Clone, Debug)]
pub(crate) enum Term {
    Word(Box<str>),
    Synset(u32),
}

/// One element of a pattern.
#[derive(Clone, Debug)]
pub(crate) enum Elem {
    /// A noun (`AID`) or noun phrase (`{FINANCIAL AID}`, head last).
    Noun(Vec<Term>),
    /// A prepositional phrase: `(FOR AID)`, `(TO)`.
    Prep(Box<str>, Vec<Term>),
}

/// `- PRE * POST [active:passive]`.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    pub active: Code,
    /// The code when the verb is passive or its subject is the recipient (`[:030]`).
    pub passive: Option<Code>,
    /// `[:CODE]`: the grammatical subject is the recipient.
    pub subject_is_target: bool,
}

impl Pattern {
    /// How many words the pattern names: the more, the more specific.
    pub fn size(&self) -> usize {
        self.pre
            .iter()
            .chain(&self.post)
            .map(|e| match e {
                Elem::Noun(t) => 2 * t.len(),
                Elem::Prep(_, t) => 1 + 2 * t.len(),
            })
            .sum()
    }
}

/// A verb block: its label, default code and patterns.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub code: Code,
    /// The code of the paired event, target to source (`--- MEET [040:040] ---`).
    pub paired: Code,
    pub patterns: Vec<Pattern>,
}

/// A verb form of a block: `SAY`, or a multi-word verb `ASK_FOR` keyed on `ASK` with `FOR` after.
#[derive(Clone, Debug)]
pub(crate) struct VerbEntry {
    pub block: u32,
    /// The verb's own code (`EXPRESS [110]`), overriding the block's.
    pub code: Option<Code>,
    /// The verb's own paired code (`LEFT [040:040]`).
    pub paired: Code,
    /// Words required right before the verb word (`WIRE_+TAP`).
    pub before: Vec<Box<str>>,
    /// Words required after the verb word (`+ASK_FOR`).
    pub after: Vec<Box<str>>,
    /// The base form, as the dictionary lists it ("SAY").
    pub base: Box<str>,
}

/// A transformation of a verb-in-verb structure (`~ a (b . ATTACK) SAY = a b 112`).
#[derive(Clone, Debug)]
pub(crate) struct Transform {
    /// The outer verb's base form ("SAY").
    pub outer: Box<str>,
    /// The inner verb's base form ("ATTACK") or `Q` (any verb).
    pub inner: Box<str>,
    /// Inner source: `a` (= the outer source), `b`, `.` (any) or `_` (absent, control).
    pub inner_source: char,
    /// The code of the result; `None` = the inner code (`Q`).
    pub code: Option<Box<str>>,
}

/// The verb dictionary (CAMEO 2.0 format).
#[derive(Debug, Default)]
pub(crate) struct Verbs {
    pub synsets: Vec<Vec<Vec<Box<str>>>>,
    synset_ids: FxHashMap<String, u32>,
    pub blocks: Vec<Block>,
    /// Upper-case verb form -> entries (multi-word entries first).
    pub forms: FxHashMap<Box<str>, Vec<VerbEntry>>,
    pub transforms: Vec<Transform>,
}

impl Verbs {
    pub fn parse(text: &str, name: &str) -> Result<Verbs> {
        let mut v = Verbs::default();
        #[derive(PartialEq)]
        enum Part {
            Synsets,
            Verbs,
            Transforms,
        }
        let mut part = Part::Synsets;
        let mut cur_synset: Option<usize> = None;
        let mut synset_plural = true;
        let mut lines: Vec<(usize, &str)> = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let t = raw.trim_end();
            if t.starts_with("####") && t.contains("VERB PATTERNS") {
                part = Part::Verbs;
                continue;
            }
            if t.starts_with("####") && t.contains("TRANSFORMATIONS") {
                part = Part::Transforms;
                continue;
            }
            if part == Part::Synsets {
                let l = uncomment(t).trim();
                if let Some(label) = l.strip_prefix('&') {
                    let label = label.split_whitespace().next().unwrap_or("");
                    synset_plural = !label.ends_with('_');
                    let key = format!("&{}", label.trim_end_matches('_'));
                    v.synset_ids.insert(key, v.synsets.len() as u32);
                    cur_synset = Some(v.synsets.len());
                    v.synsets.push(Vec::new());
                } else if let (Some(m), Some(s)) = (l.strip_prefix('+'), cur_synset) {
                    let m = m.trim();
                    let words = phrase_words(m);
                    if words.is_empty() {
                        continue;
                    }
                    let boxed = |ws: &[String]| ws.iter().map(|w| w.as_str().into()).collect();
                    v.synsets[s].push(boxed(&words));
                    if synset_plural && !m.ends_with('_') {
                        let mut p = words.clone();
                        if let Some(last) = p.last_mut() {
                            *last = plural(last);
                        }
                        v.synsets[s].push(boxed(&p));
                    }
                }
                continue;
            }
            lines.push((n + 1, t));
        }
        let mut block: Option<u32> = None;
        for (n, t) in lines {
            let l = t.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if let Some(rest) = l.strip_prefix('~') {
                if let Some(tr) = parse_transform(rest) {
                    v.transforms.push(tr);
                }
                continue;
            }
            if l.starts_with("---") {
                // --- LABEL [CODE] ---
                let inner = l.trim_start_matches('-').trim_end_matches('-').trim();
                let (_label, code) = split_code(inner);
                let (code, paired) = code.map(parse_code_pair).unwrap_or((None, None));
                v.blocks.push(Block {
                    code,
                    paired,
                    patterns: Vec::new(),
                });
                block = Some(v.blocks.len() as u32 - 1);
                continue;
            }
            let Some(b) = block else {
                return Err(Error::Dictionary {
                    name: name.to_string(),
                    line: n,
                    reason: "a verb or pattern before the first `--- LABEL [CODE] ---` block"
                        .into(),
                });
            };
            if let Some(p) = l.strip_prefix('-') {
                if let Some(p) = v.parse_pattern(uncomment(p)) {
                    v.blocks[b as usize].patterns.push(p);
                }
                continue;
            }
            v.add_verb_line(uncomment(l), b);
        }
        for entries in v.forms.values_mut() {
            entries.sort_by_key(|e| std::cmp::Reverse(e.before.len() + e.after.len()));
        }
        Ok(v)
    }

    fn add_verb_line(&mut self, l: &str, block: u32) {
        let (head, code) = split_code(l);
        let (code, paired) = match code.map(parse_code_pair) {
            Some((c, p)) => (Some(c), p),
            None => (None, None),
        };
        let (main, irregular) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if b > a => (&head[..a], Some(&head[a + 1..b])),
            _ => (head, None),
        };
        let main = main.trim();
        if main.is_empty() {
            return;
        }
        let parts: Vec<&str> = main.split('_').filter(|s| !s.is_empty()).collect();
        let Some(vi) = parts
            .iter()
            .position(|p| p.starts_with('+'))
            .or(if parts.len() == 1 { Some(0) } else { None })
        else {
            return;
        };
        let up = |s: &str| -> Box<str> { s.trim_start_matches('+').to_uppercase().into() };
        let before: Vec<Box<str>> = parts[..vi].iter().map(|s| up(s)).collect();
        let after: Vec<Box<str>> = parts[vi + 1..].iter().map(|s| up(s)).collect();
        let base = up(parts[vi]);
        let mut forms = verb_forms(&base);
        if let Some(irr) = irregular {
            for f in irr.split_whitespace() {
                let fp: Vec<&str> = f.split('_').filter(|s| !s.is_empty()).collect();
                let w = fp
                    .iter()
                    .find(|p| p.starts_with('+'))
                    .copied()
                    .unwrap_or(fp.first().copied().unwrap_or(""));
                if !w.is_empty() {
                    forms.push(up(w).to_string());
                }
            }
        }
        forms.sort();
        forms.dedup();
        for f in forms {
            let entry = VerbEntry {
                block,
                code: code.clone(),
                paired: paired.clone(),
                before: before.clone(),
                after: after.clone(),
                base: base.clone(),
            };
            self.forms.entry(f.into()).or_default().push(entry);
        }
    }

    fn term(&self, w: &str) -> Option<Term> {
        let w = w.trim_end_matches('_');
        if w.is_empty() {
            return None;
        }
        if w.starts_with('&') {
            self.synset_ids.get(w).map(|&i| Term::Synset(i))
        } else {
            Some(Term::Word(w.to_uppercase().into()))
        }
    }

    fn parse_pattern(&self, p: &str) -> Option<Pattern> {
        let (body, code) = split_code(p);
        let code = code?;
        let (active, passive, subject_is_target) = match code.split_once(':') {
            Some((a, b)) => (parse_code(a), Some(parse_code(b)), a.trim().is_empty()),
            None => (parse_code(code), None, false),
        };
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut seen_verb = false;
        let toks = tokenize_pattern(body);
        for t in toks {
            let side = if seen_verb { &mut post } else { &mut pre };
            match t {
                PTok::Star => seen_verb = true,
                PTok::Word(w) => {
                    if matches!(w.as_str(), "$" | "+" | "%" | "^") {
                        continue;
                    }
                    if let Some(term) = self.term(&w) {
                        side.push(Elem::Noun(vec![term]));
                    }
                }
                PTok::Phrase(ws) => {
                    let terms: Vec<Term> = ws.iter().filter_map(|w| self.term(w)).collect();
                    if !terms.is_empty() {
                        side.push(Elem::Noun(terms));
                    }
                }
                PTok::Prep(ws) => {
                    let mut it = ws.into_iter();
                    let Some(prep) = it.next() else { continue };
                    let terms: Vec<Term> = it.filter_map(|w| self.term(&w)).collect();
                    side.push(Elem::Prep(prep.to_uppercase().into(), terms));
                }
            }
        }
        if !seen_verb {
            return None;
        }
        Some(Pattern {
            pre,
            post,
            active,
            passive,
            subject_is_target,
        })
    }

    /// The synset members (as word sequences) of synset `i`.
    pub fn synset(&self, i: u32) -> &[Vec<Box<str>>] {
        self.synsets
            .get(i as usize)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }
}

enum PTok {
    Star,
    Word(String),
    Phrase(Vec<String>),
    Prep(Vec<String>),
}

/// Splits a pattern body into `*`, words, `{phrases}` and `(prep phrases)` (whose nouns may
/// themselves be `{phrases}`: their words are flattened).
fn tokenize_pattern(s: &str) -> Vec<PTok> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<PTok>| {
        if !word.is_empty() {
            if word == "*" {
                out.push(PTok::Star);
            } else {
                out.push(PTok::Word(std::mem::take(word)));
            }
            word.clear();
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '{' | '(' => {
                flush(&mut word, &mut out);
                let close = if c == '{' { '}' } else { ')' };
                let mut inner = String::new();
                for d in chars.by_ref() {
                    if d == close {
                        break;
                    }
                    inner.push(d);
                }
                let ws: Vec<String> = inner
                    .split(|ch: char| ch.is_whitespace() || ch == '{' || ch == '}')
                    .filter(|w| !w.is_empty())
                    .flat_map(|w| {
                        w.split('_')
                            .filter(|x| !x.is_empty())
                            .map(str::to_string)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                if c == '{' {
                    out.push(PTok::Phrase(ws));
                } else {
                    out.push(PTok::Prep(ws));
                }
            }
            c if c.is_whitespace() => flush(&mut word, &mut out),
            '*' => {
                flush(&mut word, &mut out);
                out.push(PTok::Star);
            }
            _ => word.push(c),
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Splits `TEXT [CODE] rest` into (`TEXT`, `Some("CODE")`).
fn split_code(s: &str) -> (&str, Option<&str>) {
    match (s.find('['), s.find(']')) {
        (Some(a), Some(b)) if b > a => (&s[..a], Some(&s[a + 1..b])),
        _ => (s, None),
    }
}

/// `a (b . ATTACK) SAY = a b 112`.
fn parse_transform(s: &str) -> Option<Transform> {
    let s = uncomment(s);
    let (lhs, rhs) = s.split_once('=')?;
    let open = lhs.find('(')?;
    let close = lhs.find(')')?;
    let inner: Vec<&str> = lhs[open + 1..close].split_whitespace().collect();
    let outer = lhs[close + 1..].split_whitespace().next()?;
    if inner.len() != 3 {
        return None;
    }
    let r: Vec<&str> = rhs.split_whitespace().collect();
    let code = r.get(2)?;
    Some(Transform {
        outer: outer.into(),
        inner: inner[2].into(),
        inner_source: inner[0].chars().next()?,
        code: if *code == "Q" {
            None
        } else {
            Some((*code).into())
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Actors

/// Codes of one actor, by date.
#[derive(Clone, Debug, Default)]
pub(crate) struct Actor {
    /// `(code, from, to)` with dates as `YYYYMMDD` numbers, inclusive.
    pub dated: Vec<(Box<str>, u32, u32)>,
    /// The code outside every restriction.
    pub default: Option<Box<str>>,
}

impl Actor {
    /// The code on `date` (`YYYYMMDD`), if any.
    pub fn code(&self, date: Option<u32>) -> Option<&str> {
        if let Some(d) = date {
            if let Some((c, _, _)) = self.dated.iter().find(|(_, a, b)| *a <= d && d <= *b) {
                return Some(c);
            }
        }
        self.default.as_deref().or_else(|| {
            // No default: with no date, the open-ended latest restriction.
            if date.is_none() {
                self.dated
                    .iter()
                    .find(|(_, _, b)| *b == u32::MAX)
                    .map(|(c, _, _)| &**c)
            } else {
                None
            }
        })
    }
}

/// A phrase dictionary over word sequences: first word -> (rest of the words, value).
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    map: FxHashMap<Box<str>, Vec<Continuation<T>>>,
}

/// The words after the first of a phrase, and the phrase's value.
type Continuation<T> = (Vec<Box<str>>, T);

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            map: FxHashMap::default(),
        }
    }
}

impl<T> Phrases<T> {
    fn insert(&mut self, words: Vec<String>, value: T) {
        let mut it = words.into_iter();
        let Some(first) = it.next() else { return };
        let rest: Vec<Box<str>> = it.map(|w| w.into()).collect();
        // No order to keep: `longest` takes the longest match, the last inserted on ties,
        // whatever the order (sorting here after every insert was a quarter of loading them).
        self.map
            .entry(first.into())
            .or_default()
            .push((rest, value));
    }

    /// The longest phrase starting at `words[i]`: (length in words, value). `alt` gives a second
    /// spelling of a word (its lemma) that may match instead.
    pub fn longest<'a>(
        &'a self,
        words: &[&str],
        alts: &[&str],
        i: usize,
    ) -> Option<(usize, &'a T)> {
        let ok = |j: usize, w: &str| {
            words.get(j).is_some_and(|x| *x == w) || alts.get(j).is_some_and(|x| *x == w)
        };
        let mut cands = self
            .map
            .get(words[i])
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        if alts.get(i).is_some_and(|a| *a != words[i]) {
            cands.extend(self.map.get(alts[i]).into_iter().flatten());
        }
        cands
            .into_iter()
            .filter(|(rest, _)| rest.iter().enumerate().all(|(k, w)| ok(i + 1 + k, w)))
            .max_by_key(|(rest, _)| rest.len())
            .map(|(rest, v)| (rest.len() + 1, v))
    }

    /// Number of phrases (for tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.values().map(Vec::len).sum()
    }
}

/// Parses `YYYYMMDD` or `YYMMDD` (YY 00-30 -> 20YY).
fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    match s.len() {
        8 => Some(n),
        6 => {
            let yy = n / 10000;
            Some(if yy <= 30 {
                20_000_000 + n
            } else {
                19_000_000 + n
            })
        }
        _ => None,
    }
}

/// `CODE <date`, `CODE >date`, `CODE date-date`, `CODE`.
fn parse_restriction(s: &str) -> Option<(Box<str>, u32, u32)> {
    let s = s.trim();
    let (code, rest) = match s.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    };
    let code: Box<str> = code.trim().to_uppercase().into();
    if code.is_empty() {
        return None;
    }
    if rest.is_empty() {
        return Some((code, 0, 0));
    }
    if let Some(d) = rest.strip_prefix('<') {
        return Some((code, 0, parse_date(d)?));
    }
    if let Some(d) = rest.strip_prefix('>') {
        return Some((code, parse_date(d)?, u32::MAX));
    }
    let (a, b) = rest.split_once('-')?;
    Some((code, parse_date(a)?, parse_date(b)?))
}

/// Adds an actor file to `phrases`.
pub(crate) fn parse_actors(text: &str, actors: &mut Vec<Actor>, phrases: &mut Phrases<u32>) {
    let mut cur: Option<usize> = None;
    for raw in text.lines() {
        if raw.trim_start().starts_with("<!--") || raw.trim().is_empty() {
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        let l = uncomment(raw).trim();
        if l.is_empty() {
            continue;
        }
        if indented || l.starts_with('[') {
            // Date restriction or default for the current actor.
            if let (Some(a), Some(i)) = (parse_bracket(l), cur) {
                if let Some((code, from, to)) = parse_restriction(a) {
                    if from == 0 && to == 0 {
                        actors[i].default = Some(code);
                    } else {
                        actors[i].dated.push((code, from, to));
                    }
                }
            }
            continue;
        }
        let (head, code) = split_code(l);
        let (synonym, head) = match head.strip_prefix('+') {
            Some(h) => (true, h),
            None => (false, head),
        };
        let words = phrase_words(head.trim());
        if words.is_empty() {
            continue;
        }
        if !synonym || cur.is_none() {
            actors.push(Actor::default());
            cur = Some(actors.len() - 1);
        }
        let Some(i) = cur else { continue };
        if let Some(c) = code.and_then(parse_restriction) {
            if c.1 == 0 && c.2 == 0 {
                actors[i].default = Some(c.0);
            } else {
                actors[i].dated.push(c);
            }
        }
        phrases.insert(words, i as u32);
    }
}

fn parse_bracket(s: &str) -> Option<&str> {
    let a = s.find('[')?;
    let b = s[a..].find(']')? + a;
    Some(&s[a + 1..b])
}

/// An agent's role code: `~GOV` appends to the actor's country, `NGM~` prefixes.
#[derive(Clone, Debug)]
pub(crate) struct Agent {
    pub code: Box<str>,
    pub prefix: bool,
}

pub(crate) fn parse_agents(text: &str, phrases: &mut Phrases<Agent>) {
    let mut subst: Vec<(String, Vec<String>)> = Vec::new();
    for raw in text.lines() {
        let l = uncomment(raw).trim();
        if l.is_empty() || l.starts_with("<!--") {
            continue;
        }
        if l.starts_with('!') && l.contains('=') {
            if let Some((k, v)) = l.split_once('=') {
                let vals = v
                    .split(',')
                    .map(|x| x.trim().to_uppercase())
                    .filter(|x| !x.is_empty())
                    .collect();
                subst.push((k.trim().to_string(), vals));
            }
            continue;
        }
        let (head, code) = split_code(l);
        let Some(code) = code else { continue };
        let code = code.trim();
        let agent = if let Some(c) = code.strip_prefix('~') {
            Agent {
                code: c.into(),
                prefix: false,
            }
        } else if let Some(c) = code.strip_suffix('~') {
            Agent {
                code: c.into(),
                prefix: true,
            }
        } else {
            Agent {
                code: code.into(),
                prefix: false,
            }
        };
        let (phrase, plurals) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if b > a => (head[..a].trim(), Some(head[a + 1..b].trim())),
            _ => (head.trim(), None),
        };
        let mut variants = vec![phrase.to_string()];
        for (k, vals) in &subst {
            if phrase.contains(k.as_str()) {
                variants = vals.iter().map(|v| phrase.replace(k.as_str(), v)).collect();
                break;
            }
        }
        for v in variants {
            let words = phrase_words(&v);
            if words.is_empty() {
                continue;
            }
            match plurals {
                Some("") => {}
                Some(p) => {
                    for pl in p.split_whitespace() {
                        phrases.insert(phrase_words(pl), agent.clone());
                    }
                }
                None if !v.ends_with('_') => {
                    let mut pw = words.clone();
                    if let Some(last) = pw.last_mut() {
                        *last = plural(last);
                    }
                    phrases.insert(pw, agent.clone());
                }
                None => {}
            }
            phrases.insert(words, agent.clone());
        }
    }
}

/// A discard phrase (matched on whole words, their lemmas included): does it drop the story
/// or only the sentence?
#[derive(Clone, Debug)]
pub(crate) struct Discard {
    pub story: bool,
}

pub(crate) fn parse_discards(text: &str, phrases: &mut Phrases<Discard>) {
    for raw in text.lines() {
        let l = uncomment(raw).trim();
        if l.is_empty() || l.starts_with("<!--") {
            continue;
        }
        let (story, l) = match l.strip_prefix('+') {
            Some(r) => (true, r.trim()),
            None => (false, l),
        };
        let words = phrase_words(l);
        if words.is_empty() {
            continue;
        }
        phrases.insert(words, Discard { story });
    }
}

/// Issue phrases (`Phoenix.IssueCoding.txt`): lower-case phrase -> issue code.
pub(crate) fn parse_issues(text: &str) -> Vec<(String, Box<str>)> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let l = uncomment(raw).trim();
        if l.is_empty() || l.starts_with('<') || l.starts_with('~') {
            continue;
        }
        let (head, code) = split_code(l);
        let Some(code) = code else { continue };
        let head = head.trim();
        let (kind, phrase) = match head.split_once(':') {
            Some((k @ ("n" | "v"), p)) => (k, p.trim()),
            _ => ("", head),
        };
        let phrase = phrase.to_lowercase();
        let joins: Vec<String> = if phrase.contains('+') {
            vec![phrase.replace('+', " "), phrase.replace('+', "-")]
        } else {
            vec![phrase]
        };
        for p in joins {
            if kind == "n" {
                out.push((format!("{p}s"), code.trim().into()));
            } else if kind == "v" {
                for f in verb_forms(&p.to_uppercase()) {
                    out.push((f.to_lowercase(), code.trim().into()));
                }
                continue;
            }
            out.push((p, code.trim().into()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_lines_and_patterns() {
        let text = "&FOOD\n+RICE\n+WHEAT_\n####### VERB PATTERNS #######\n--- RUSH [---] ---\nRUSH\nSPEED {SPEEDING SPEEDS SPED }\n+ASK_FOR {+ASKED_FOR} [020]\n- * (TO) [042:043] # RUSH\n- * &FOOD [073]\n- * POLICE (TO {NORTH BORDER}) [153]\n- RECEIVE * ASSURANCE [:030]\n######## TRANSFORMATIONS ##########\n~ a (b . ATTACK) SAY = a b 112\n";
        let v = Verbs::parse(text, "t").unwrap();
        assert_eq!(v.blocks.len(), 1);
        assert!(v.blocks[0].code.is_none());
        assert_eq!(v.blocks[0].patterns.len(), 4);
        assert!(
            v.forms.contains_key("SPED")
                && v.forms.contains_key("RUSHES")
                && v.forms.contains_key("RUSHED")
        );
        let ask = &v.forms["ASKED"][0];
        assert_eq!(&*ask.after[0], "FOR");
        assert_eq!(ask.code.clone().flatten().as_deref(), Some("020"));
        let p = &v.blocks[0].patterns[0];
        assert_eq!(p.active.as_deref(), Some("042"));
        assert!(matches!(&p.post[0], Elem::Prep(w, t) if &**w == "TO" && t.is_empty()));
        assert_eq!(v.synset(0).len(), 3, "RICE, RICES, WHEAT");
        assert!(v.blocks[0].patterns[3].subject_is_target);
        assert_eq!(v.transforms.len(), 1);
        assert_eq!(v.transforms[0].code.as_deref(), Some("112"));
    }

    #[test]
    fn actors_with_dates() {
        let text = "VLADIMIR_PUTIN_  # x\n+PUTIN_\n\t[RUSELI 700101-990809]\n\t[RUSGOV >080508]\nHOBBIT [HOB]\nGOLLUM\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n";
        let mut actors = Vec::new();
        let mut ph = Phrases::default();
        parse_actors(text, &mut actors, &mut ph);
        assert_eq!(ph.len(), 4);
        let (n, &i) = ph.longest(&["PUTIN"], &[], 0).unwrap();
        assert_eq!(n, 1);
        assert_eq!(actors[i as usize].code(Some(20100101)), Some("RUSGOV"));
        assert_eq!(actors[i as usize].code(Some(19800101)), Some("RUSELI"));
        assert_eq!(actors[i as usize].code(Some(20000101)), None);
        let (_, &g) = ph.longest(&["GOLLUM"], &[], 0).unwrap();
        assert_eq!(actors[g as usize].code(Some(19940101)), Some("HOB"));
        assert_eq!(actors[g as usize].code(Some(19960101)), Some("HOBGOV"));
    }

    #[test]
    fn agents_with_substitutions() {
        let text = "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPRESIDENT [~GOV]\nHUMAN_RIGHTS_ACTIVISTS {} [NGM~]\n";
        let mut ph = Phrases::default();
        parse_agents(text, &mut ph);
        assert!(ph.longest(&["CONGRESSMEN"], &[], 0).is_some());
        assert!(ph.longest(&["PRESIDENTS"], &[], 0).is_some());
        let (n, a) = ph
            .longest(&["HUMAN", "RIGHTS", "ACTIVISTS"], &[], 0)
            .unwrap();
        assert_eq!((n, a.prefix, &*a.code), (3, true, "NGM"));
    }
}
