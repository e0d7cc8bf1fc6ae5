//! Quotation marks: where the words inside them start and end, paragraph by paragraph.

use dateline_document::Span;

/// A stretch of text between quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marked {
    /// The words inside, without the marks, trimmed of white space.
    pub content: Span,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// One past the closing mark, or the end of the paragraph when none closed it.
    pub close: usize,
    /// Whether a closing mark was found (else the paragraph end closed it).
    pub closed: bool,
    /// Index of the paragraph.
    pub paragraph: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Curly,
    Straight,
    Guillemet,
    Low,
    Backticks,
}

/// Finds the quoted stretches of each paragraph. A paragraph end closes an open quotation, so a
/// missing closing mark never swallows more than one paragraph, and a quotation spread over
/// several paragraphs (the opening mark repeated on each) comes out one piece per paragraph.
pub(crate) fn scan(text: &str, paragraphs: &[Span]) -> Vec<Marked> {
    let mut out = Vec::new();
    let whole = [Span::new(0, text.len())];
    let paragraphs = if paragraphs.is_empty() {
        &whole[..]
    } else {
        paragraphs
    };
    for (p, para) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(para.range()) else {
            continue;
        };
        scan_paragraph(body, para.start, p, &mut out);
    }
    out
}

fn scan_paragraph(body: &str, base: usize, paragraph: usize, out: &mut Vec<Marked>) {
    let bytes = body.as_bytes();
    let mut open: Option<(usize, usize, Style)> = None; // (mark start, content start, style)
    let mut it = body.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let mark_len;
        let mut as_open: Option<Style> = None;
        let mut as_close = false;
        match c {
            '“' => {
                mark_len = c.len_utf8();
                // A left mark used by mistake as a closing one ("Yes,“ he said), or the
                // closing mark of a „low” quotation.
                let typo = open.is_some()
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && next.is_none_or(|n| n.is_whitespace() || is_punct(n));
                if typo || matches!(open, Some((_, _, Style::Low))) {
                    as_close = true;
                } else {
                    as_open = Some(Style::Curly);
                }
            }
            '”' => {
                mark_len = c.len_utf8();
                if open.is_some() {
                    as_close = true;
                } else if prev.is_none_or(|p| p.is_whitespace())
                    && next.is_some_and(|n| n.is_alphanumeric())
                {
                    // A right mark used as an opening one.
                    as_open = Some(Style::Curly);
                }
            }
            '«' => {
                mark_len = c.len_utf8();
                as_open = Some(Style::Guillemet);
            }
            '»' => {
                mark_len = c.len_utf8();
                as_close = open.is_some();
            }
            '„' => {
                mark_len = c.len_utf8();
                as_open = Some(Style::Low);
            }
            '"' => {
                mark_len = 1;
                if open.is_some() {
                    as_close = true;
                } else {
                    as_open = Some(Style::Straight);
                }
            }
            '`' if bytes.get(i + 1) == Some(&b'`') => {
                mark_len = 2;
                it.next();
                as_open = Some(Style::Backticks);
            }
            '\'' if bytes.get(i + 1) == Some(&b'\'') => {
                mark_len = 2;
                it.next();
                as_close = open.is_some();
                if !as_close && prev.is_none_or(|p| p.is_whitespace()) {
                    as_open = Some(Style::Backticks);
                }
            }
            _ => {
                prev = Some(c);
                continue;
            }
        }
        if as_close {
            if let Some((o, s, _)) = open.take() {
                push(body, base, paragraph, o, s, i, i + mark_len, true, out);
            }
        } else if let Some(style) = as_open {
            if let Some((o, s, _)) = open.take() {
                // A new opening mark while one is open: the first was never closed. End it
                // before this one, at the last sentence end if there is one.
                push(body, base, paragraph, o, s, i, i, false, out);
            }
            open = Some((i, i + mark_len, style));
        }
        prev = Some(c);
    }
    if let Some((o, s, _)) = open {
        push(
            body,
            base,
            paragraph,
            o,
            s,
            body.len(),
            body.len(),
            false,
            out,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    body: &str,
    base: usize,
    paragraph: usize,
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    closed: bool,
    out: &mut Vec<Marked>,
) {
    let Some(inner) = body.get(start..end) else {
        return;
    };
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    let s = base + start + lead;
    out.push(Marked {
        content: Span::new(s, s + trimmed.len()),
        open: base + open,
        close: base + close,
        closed,
        paragraph,
    });
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '—' | '–' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        let paras: Vec<Span> = {
            let mut v = Vec::new();
            let mut start = 0;
            for (i, _) in text.match_indices("\n\n") {
                v.push(Span::new(start, i));
                start = i + 2;
            }
            v.push(Span::new(start, text.len()));
            v
        };
        scan(text, &paras)
            .into_iter()
            .map(|m| &text[m.content.range()])
            .collect()
    }

    #[test]
    fn styles() {
        let table: &[(&str, &[&str])] = &[
            ("\"We will win,\" Smith said.", &["We will win,"]),
            ("“We will win,” Smith said.", &["We will win,"]),
            ("« Nous gagnerons », a dit Smith.", &["Nous gagnerons"]),
            ("„Wir gewinnen“, sagte Smith.", &["Wir gewinnen"]),
            ("``We will win,'' Smith said.", &["We will win,"]),
            (
                "“He said ‘no’ twice,” Smith said.",
                &["He said ‘no’ twice,"],
            ),
            ("“Yes,“ he said. “No.”", &["Yes,", "No."]),
            (
                "“First part.\n\n“Second part,” he said.",
                &["First part.", "Second part,"],
            ),
            (
                "“Never closed. Rest of it.\n\nNext paragraph is plain.",
                &["Never closed. Rest of it."],
            ),
            ("Nothing quoted here.", &[]),
        ];
        for (text, want) in table {
            assert_eq!(&contents(text), want, "{text}");
        }
    }
}
