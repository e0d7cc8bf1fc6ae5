//! Marks spans of an article's text with nested `<span>`s, even when spans cross.

use std::fmt::Write;

/// A span to mark: code point offsets, and the opening tag to wrap it in.
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// Lower is outer when two marks start together and end together (quote 0, speaker and
    /// cue 1, mention 2, time 3).
    pub rank: u8,
    /// `<span ...>`, attribute values already escaped.
    pub open: String,
}

/// The text as HTML with every mark applied. Marks nest when they can; a mark that crosses
/// the end of an outer one is closed there and reopened after it, so the HTML stays well
/// formed and every character keeps all its marks. Spans out of range are clipped.
pub fn highlight(text: &str, mut marks: Vec<Mark>) -> String {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let n = bytes.len() - 1;
    marks.retain_mut(|m| {
        m.end = m.end.min(n);
        m.start < m.end
    });
    marks.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.rank.cmp(&b.rank))
    });
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.extend([0, n]);
    bounds.sort_unstable();
    bounds.dedup();

    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for (bi, &p) in bounds.iter().enumerate() {
        if let Some(k) = stack.iter().position(|&i| marks[i].end <= p) {
            let popped = stack.split_off(k);
            for _ in &popped {
                out.push_str("</span>");
            }
            for i in popped.into_iter().filter(|&i| marks[i].end > p) {
                out.push_str(&marks[i].open);
                stack.push(i);
            }
        }
        while next < marks.len() && marks[next].start == p {
            out.push_str(&marks[next].open);
            stack.push(next);
            next += 1;
        }
        if let Some(&q) = bounds.get(bi + 1) {
            escape_into(&mut out, &text[bytes[p]..bytes[q]]);
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `<span class="CLASS" data-k="v" ... title="TITLE">` with every value escaped.
pub fn open_tag(class: &str, data: &[(&str, &str)], title: &str) -> String {
    let mut s = format!("<span class=\"{}\"", escape(class));
    for (k, v) in data {
        let _ = write!(s, " data-{k}=\"{}\"", escape(v));
    }
    let _ = write!(s, " title=\"{}\" tabindex=\"0\">", escape(title));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, rank: u8, name: &str) -> Mark {
        Mark {
            start,
            end,
            rank,
            open: format!("<span class=\"{name}\">"),
        }
    }

    #[test]
    fn nested_marks_nest() {
        let html = highlight(
            "Duarte said \"we wait\" today.",
            vec![
                mark(0, 6, 1, "s"),
                mark(13, 20, 0, "q"),
                mark(14, 16, 2, "m"),
            ],
        );
        assert_eq!(
            html,
            "<span class=\"s\">Duarte</span> said &quot;<span class=\"q\">w<span class=\"m\">e </span>wait</span>&quot; today."
        );
    }

    #[test]
    fn crossing_marks_are_split_and_stay_well_formed() {
        let html = highlight("abcdef", vec![mark(0, 4, 0, "a"), mark(2, 6, 0, "b")]);
        assert_eq!(
            html,
            "<span class=\"a\">ab<span class=\"b\">cd</span></span><span class=\"b\">ef</span>"
        );
    }

    #[test]
    fn offsets_are_code_points_and_out_of_range_is_clipped() {
        let html = highlight(
            "Brasília é",
            vec![mark(7, 8, 0, "x"), mark(9, 99, 0, "y"), mark(5, 2, 0, "z")],
        );
        assert_eq!(
            html,
            "Brasíli<span class=\"x\">a</span> <span class=\"y\">é</span>"
        );
    }
}
