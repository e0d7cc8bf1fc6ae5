//! Surface tokens: one left-to-right scan over each whitespace-free chunk of a paragraph.
//!
//! A chunk is split into word runs and punctuation. A word run is letters and digits joined by
//! connectors that UD English keeps inside a token: the period of "U.S" and "3.5", the comma of
//! "1,000", the colon of "10:30", the apostrophe of "don't", the hyphen of a date, a phone number or
//! a prefix ("non-profit"), the slash of "9/11". Everything else splits, because UD English splits
//! compounds at hyphens ("al-Ani" -> "al" "-" "Ani"). After a run, a period joins it when the run
//! is an abbreviation or an initial, and an apostrophe joins it as a plural possessive.

use crate::lists::Lists;
use dateline_document::Span;

/// The character at byte `i`, which must be a char boundary below `text.len()`.
#[inline]
pub(crate) fn ch(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b as char,
        _ => text
            .get(i..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{FFFD}'),
    }
}

/// True for characters that make up words: letters, digits, and the combining marks and joiners
/// that modify them (so "é" written as "e" + U+0301 stays one token).
#[inline]
pub(crate) fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

/// Lower-cases an ASCII word into `buf`; `None` when it is not ASCII or too long to be in a list.
#[inline]
pub(crate) fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

/// Splits paragraphs into surface tokens. Holds the state that crosses chunks: whether a single
/// quotation mark is open, which decides if "workers'" is a possessive or a closing quote.
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    lists: &'a Lists,
    open_single: bool,
    /// End of the paragraph being scanned.
    para_end: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(text: &'a str, lists: &'a Lists) -> Self {
        Tokenizer {
            text,
            lists,
            open_single: false,
            para_end: 0,
        }
    }

    /// Appends the tokens of `text[start..end]` to `out`.
    pub fn paragraph(&mut self, start: usize, end: usize, out: &mut Vec<Span>) {
        self.open_single = false;
        self.para_end = end;
        let text = self.text;
        let mut i = start;
        while i < end {
            let c = ch(text, i);
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let mut j = i;
            while j < end {
                let c = ch(text, j);
                if c.is_whitespace() {
                    break;
                }
                j += c.len_utf8();
            }
            self.chunk(i, j, out);
            i = j;
        }
    }

    /// Tokenizes one whitespace-free chunk `text[a..b]`.
    fn chunk(&mut self, a: usize, b: usize, out: &mut Vec<Span>) {
        let text = self.text;
        let has_at = text.as_bytes()[a..b].contains(&b'@');
        let mut i = a;
        while i < b {
            let c = ch(text, i);
            let e = if is_word(c) {
                match self.url(i, b) {
                    Some(e) => e,
                    None => match if has_at { self.email(i, b) } else { None } {
                        Some(e) => e,
                        None => self.word(i, b, out.last().map(|p| &text[p.range()])),
                    },
                }
            } else {
                self.punct(a, i, b, c)
            };
            // A scan always moves forward; guard anyway so no input can loop forever.
            let e = if e <= i { i + c.len_utf8() } else { e };
            out.push(Span::new(i, e));
            i = e;
        }
    }

    /// A URL starting at `i`: up to the end of the chunk, less trailing punctuation.
    fn url(&self, i: usize, b: usize) -> Option<usize> {
        let rest = &self.text.as_bytes()[i..b];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"ftp://") || starts(b"www.")) {
            return None;
        }
        Some(self.trim_trailing(i, b))
    }

    /// An e-mail address starting at `i` ("name@example.org").
    fn email(&self, i: usize, b: usize) -> Option<usize> {
        let bytes = &self.text.as_bytes()[i..b];
        let at = bytes.iter().position(|&c| c == b'@')?;
        if at == 0
            || !bytes[..at]
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || b"._%+-".contains(&c))
        {
            return None;
        }
        let mut end = at + 1;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'.' || bytes[end] == b'-')
        {
            end += 1;
        }
        while end > at + 1 && (bytes[end - 1] == b'.' || bytes[end - 1] == b'-') {
            end -= 1;
        }
        let domain = &bytes[at + 1..end];
        let Some(dot) = domain.iter().rposition(|&c| c == b'.') else {
            // An intranet address as mail clients print it ("Warner@ENRON"): one word of
            // letters and digits after the @, starting with a letter.
            let host = domain.first().is_some_and(|c| c.is_ascii_alphabetic())
                && domain.iter().all(|c| c.is_ascii_alphanumeric());
            return host.then_some(i + end);
        };
        let tld = &domain[dot + 1..];
        if dot == 0 || tld.len() < 2 || !tld.iter().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        Some(i + end)
    }

    /// Drops closing punctuation from the end of `text[i..b]`, keeping a closing bracket that
    /// matches an opening one inside ("https://en.wikipedia.org/wiki/Foo_(bar)").
    fn trim_trailing(&self, i: usize, b: usize) -> usize {
        let mut e = b;
        while e > i {
            let s = &self.text[i..e];
            let Some(last) = s.chars().next_back() else {
                break;
            };
            let trim = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '“' | '‘' | '»'
                | '>' => true,
                ')' => s.matches('(').count() < s.matches(')').count(),
                ']' => s.matches('[').count() < s.matches(']').count(),
                _ => false,
            };
            if !trim {
                break;
            }
            e -= last.len_utf8();
        }
        if e == i {
            b
        } else {
            e
        }
    }

    /// A word run starting at `i` (a word character), with its abbreviation period or possessive
    /// apostrophe.
    fn word(&mut self, i: usize, b: usize, before: Option<&str>) -> usize {
        let text = self.text;
        let mut j = i;
        let mut prev = ' ';
        let mut seg = i; // start of the current alphanumeric piece
        let mut has_period = false;
        let mut digit_chain = false; // inside a kept digit-hyphen chain (date, phone)
        let mut slash_chain = false; // after a kept slash (a date "11/28/2000")
        loop {
            while j < b {
                let c = ch(text, j);
                if !is_word(c) {
                    break;
                }
                prev = c;
                j += c.len_utf8();
            }
            if j >= b {
                break;
            }
            let c = ch(text, j);
            let n = j + c.len_utf8();
            if n >= b {
                break;
            }
            let next = ch(text, n);
            if !is_word(next) {
                break;
            }
            let keep = match c {
                // "U.S", "3.5", "example.com"; not a missing space as in "end.The".
                '.' => !(prev.is_lowercase() && next.is_uppercase() && j - seg >= 3),
                // "1,000" but not "1,2".
                ',' => prev.is_ascii_digit() && self.thousands(n, b),
                ':' => prev.is_ascii_digit() && next.is_ascii_digit(),
                '\'' | '’' => prev.is_alphanumeric() && next.is_alphabetic(),
                '-' | '\u{2010}' => {
                    let k = self.keep_hyphen(seg, j, n, b, digit_chain);
                    digit_chain = k && prev.is_ascii_digit();
                    k
                }
                '/' => {
                    if prev.is_ascii_digit() && next.is_ascii_digit() {
                        // "9/11", "1/2" and dates "11/28/2000" stay; "20/20", "19/20" split.
                        j - seg == 1
                            || slash_chain
                            || text.as_bytes().get(n + self.piece_len(n, b)) == Some(&b'/')
                    } else {
                        j - seg == 1 && !prev.is_ascii_digit() && self.piece_len(n, b) == 1
                    }
                }
                '&' => prev.is_uppercase() && next.is_uppercase(),
                '_' => true,
                _ => false,
            };
            if !keep {
                break;
            }
            has_period |= c == '.';
            slash_chain = c == '/';
            j = n;
            seg = n;
        }
        let bytes = text.as_bytes();
        if let Some(d) = self.number_unit(i, j) {
            return d;
        }
        if j < b && bytes[j] == b'.' {
            // "etc..." keeps its ellipsis whole; "D.C.." gives its first period to the abbreviation.
            let periods = bytes[j..b].iter().take_while(|&&c| c == b'.').count();
            if periods <= 2 && self.keeps_period(&text[i..j], has_period, j + 1, before) {
                return j + 1;
            }
        } else if j < b
            && matches!(prev, 's' | 'S')
            && !self.open_single
            && matches!(ch(text, j), '\'' | '’')
        {
            let n = j + ch(text, j).len_utf8();
            if n >= b || !is_word(ch(text, n)) {
                return n;
            }
        } else if j + 1 == b
            && bytes[j] == b'-'
            && has_only_letters(&text[i..j])
            && (j - i <= 3
                || self.is_hyphen_prefix(&text[i..j])
                || cut_off(&text[i..j], &text[b..]))
        {
            // A cut-off word in speech, or a suspended prefix: "th-", "pre- and post-war". A
            // longer word keeps its hyphen apart ("reviews- this", "Finance- Joe"), as 35 of
            // 50 such words of four letters or more do in EWT and GUM train; the others are
            // speech cut off before a dash or a fresh start ("exper- experimenting").
            return b;
        } else if j < b
            && bytes[j] == b'$'
            && j - i <= 2
            && text[i..j].bytes().all(|c| c.is_ascii_uppercase())
        {
            // Currency with a country: "US$", "C$".
            return j + 1;
        }
        j
    }

    /// Where a number ends when a unit is glued to it ("10am" -> "10" "am", "5m", "65k"); `None`
    /// when the run is not a number followed by a known unit ("1970s" and "20th" stay whole).
    fn number_unit(&self, i: usize, j: usize) -> Option<usize> {
        let run = &self.text.as_bytes()[i..j];
        if !run.first()?.is_ascii_digit() {
            return None;
        }
        let d = run.iter().position(|c| c.is_ascii_alphabetic())?;
        if !run[..d]
            .iter()
            .all(|&c| c.is_ascii_digit() || c == b'.' || c == b',' || c == b':')
        {
            return None;
        }
        let unit = &run[d..];
        if !unit.iter().all(u8::is_ascii_alphabetic) || unit.len() > 3 {
            return None;
        }
        let mut buf = [0u8; 24];
        let u = ascii_lower(std::str::from_utf8(unit).ok()?, &mut buf)?;
        UNITS.contains(&u).then_some(i + d)
    }

    /// Length in bytes of the alphanumeric piece starting at `n`.
    fn piece_len(&self, n: usize, b: usize) -> usize {
        let mut k = n;
        while k < b {
            let c = ch(self.text, k);
            if !is_word(c) {
                break;
            }
            k += c.len_utf8();
        }
        k - n
    }

    /// Whether exactly three digits follow at `n` ("1,000").
    fn thousands(&self, n: usize, b: usize) -> bool {
        let bytes = &self.text.as_bytes()[n..b];
        bytes.len() >= 3
            && bytes[..3].iter().all(u8::is_ascii_digit)
            && bytes.get(3).is_none_or(|c| !c.is_ascii_digit())
    }

    /// UD English splits hyphenated compounds but keeps dates, phone numbers and a few prefixes.
    fn keep_hyphen(&self, seg: usize, j: usize, n: usize, b: usize, digit_chain: bool) -> bool {
        let left = &self.text[seg..j];
        let rlen = self.piece_len(n, b);
        let right = &self.text[n..n + rlen];
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if digits(left) && digits(right) {
            if digit_chain {
                return true;
            }
            let bytes = self.text.as_bytes();
            let after = n + rlen;
            let date = left.len() == 4
                && right.len() == 2
                && after + 2 < b + 1
                && bytes.get(after) == Some(&b'-')
                && bytes.get(after + 1).is_some_and(u8::is_ascii_digit);
            return date || (right.len() >= 3 && left.len() <= 3);
        }
        self.is_hyphen_prefix(left)
    }

    /// Whether `word` is a prefix UD keeps with its hyphen ("non-", "pre-"), in any case.
    fn is_hyphen_prefix(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        ascii_lower(word, &mut buf).is_some_and(|l| self.lists.hyphen_prefixes.contains(l))
    }

    /// Whether the period after `word` belongs to it (an abbreviation, an initial, a list
    /// number). `after` is the byte after the period; `before` the previous token.
    fn keeps_period(
        &self,
        word: &str,
        has_period: bool,
        after: usize,
        before: Option<&str>,
    ) -> bool {
        let l = self.lists;
        let mut cs = word.chars();
        let first = cs.next();
        let single = first.is_some() && cs.next().is_none();
        if single && first.is_some_and(char::is_uppercase) {
            return true; // an initial: "George W. Bush"
        }
        if l.titles.contains(word) {
            return true;
        }
        if word.len() <= 2 && word.bytes().all(|c| c.is_ascii_digit()) {
            // A list number at the start of a line or sentence: "2. The purpose".
            let starts = before.is_none_or(|t| matches!(t, "." | "?" | "!" | ":" | ";"));
            return starts
                && self
                    .text
                    .get(after..)
                    .is_some_and(|r| r.starts_with(char::is_whitespace));
        }
        let abbreviation = if has_period {
            // "U.S", "e.g", "a.m", "Ph.D": short alphabetic pieces.
            word.split('.')
                .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(char::is_alphabetic))
        } else if l.abbreviations.contains(word) {
            true
        } else if l.before_number.contains(word) {
            let rest = self.text.get(after..).unwrap_or("");
            return rest
                .trim_start()
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit);
        } else {
            false
        };
        // UD lets the sentence's own period stand alone after an abbreviation that ends the
        // sentence ("... taxes, etc ." / "in the U.S ."), so keep it only if the sentence goes on.
        abbreviation && !self.sentence_ends_at(after)
    }

    /// True when the text after byte `k` (just after a period) reads as a new sentence: the
    /// paragraph ends, or a capitalized word that usually starts sentences follows.
    fn sentence_ends_at(&self, k: usize) -> bool {
        let rest = self.text.get(k..self.para_end).unwrap_or("");
        if !rest.starts_with(char::is_whitespace) {
            return rest.is_empty();
        }
        let rest = rest.trim_start();
        if rest.is_empty() {
            return true;
        }
        let rest = rest.trim_start_matches(['"', '“', '\'', '‘', '(']);
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        self.lists.starters.contains(&rest[..end])
    }

    /// A punctuation or symbol token starting at `i` in chunk `text[a..b]`.
    fn punct(&mut self, a: usize, i: usize, b: usize, c: char) -> usize {
        let text = self.text;
        let run = |pred: &dyn Fn(char) -> bool| {
            let mut j = i;
            while j < b {
                let c = ch(text, j);
                if !pred(c) {
                    break;
                }
                j += c.len_utf8();
            }
            j
        };
        let next = |k: usize| if k < b { Some(ch(text, k)) } else { None };
        match c {
            '.' | '!' | '?' => run(&|c| matches!(c, '.' | '!' | '?')),
            // Rules and separators stay one token, as in UD ("$$$", "+++", "----==", "//").
            '-' | '=' => run(&|x| matches!(x, '-' | '=')),
            '…' | '*' | '<' | '>' | '~' | '`' | '_' | '$' | '+' | '\\' => run(&|x| x == c),
            '/' if next(i + 1) == Some('/') => run(&|x| x == '/'),
            '\'' => {
                if next(i + 1) == Some('\'') {
                    return run(&|x| x == '\'');
                }
                let bytes = &text.as_bytes()[i..b];
                // A clitic written apart ("FERC 's") or a clipped year ("'72", "'90s").
                if i == a && (bytes.eq_ignore_ascii_case(b"'s") || is_clipped_year(&bytes[1..])) {
                    return b;
                }
                let before_word = next(i + 1).is_some_and(is_word);
                if i == a && before_word {
                    self.open_single = true;
                } else if i > a {
                    self.open_single = false;
                }
                i + 1
            }
            '‘' => {
                self.open_single = true;
                i + c.len_utf8()
            }
            '’' => {
                self.open_single = false;
                i + c.len_utf8()
            }
            '#' if next(i + 1).is_some_and(|c| c.is_alphabetic()) => {
                // A hashtag: "#argument".
                let mut j = i + 1;
                while j < b && is_word(ch(text, j)) {
                    j += ch(text, j).len_utf8();
                }
                j
            }
            '(' if i == a
                && b - a == 3
                && text.as_bytes()[a + 1].is_ascii_lowercase()
                && text.as_bytes()[a + 2] == b')' =>
            {
                // A list label: "(a)".
                b
            }
            ':' | ';' => {
                for emo in [":-)", ":-(", ";-)", ":)", ":(", ";)", ":D", ":P", ":p"] {
                    let e = i + emo.len();
                    if text.as_bytes()[i..b].starts_with(emo.as_bytes())
                        && next(e).is_none_or(|c| !is_word(c))
                    {
                        return e;
                    }
                }
                i + 1
            }
            _ => i + c.len_utf8(),
        }
    }
}

/// Units that UD splits from a number glued to them ("10am" -> "10" "am").
const UNITS: &[&str] = &[
    "am", "pm", "m", "k", "mm", "cm", "km", "ft", "kg", "lb", "lbs", "bn", "mb", "gb", "kb", "ml",
    "hz", "mph", "oz", "b", "p", "f",
];

/// Whether `word` followed by a hyphen is speech cut off: what follows is a dash, or the word
/// again ("Stoddar- Stoddart").
fn cut_off(word: &str, after: &str) -> bool {
    let next = after.trim_start();
    if next.starts_with(['-', '\u{2013}', '\u{2014}']) {
        return true;
    }
    fn start(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().take(3).flat_map(char::to_lowercase)
    }
    start(word).eq(start(next))
}

fn has_only_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}

/// "72" or "90s" after an apostrophe.
fn is_clipped_year(rest: &[u8]) -> bool {
    rest.len() >= 2
        && rest[..2].iter().all(u8::is_ascii_digit)
        && (rest.len() == 2 || (rest.len() == 3 && rest[2] == b's'))
}
