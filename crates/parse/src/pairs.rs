//! Paired punctuation shares one head.
//!
//! UD attaches both marks of a pair (brackets, quotation marks) to the head of what they
//! enclose. The parser decides each mark on its own, one at a time, and on EWT and GUM dev
//! (gold segmentation) it gave the two marks of a pair different heads in about 35 pairs each,
//! so at least one of the two was wrong. When it does, both marks are hung on the highest word
//! between them: with the single-seed parser, about 34 marks on EWT and 26 on GUM came right
//! and 3 and 6 that were right went wrong (UAS +0.11 and +0.08). The same rule for every
//! punctuation mark (the head of the adjacent phrase) is right for 94-95% of marks on gold
//! trees, but on the parser's own trees it lost 0.03-0.20 UAS.

use crate::system::{State, NONE};

/// Finds the pairs among a sentence's punctuation marks, fed one at a time in order.
#[derive(Default)]
pub(crate) struct Matcher {
    /// Opening marks waiting for their closing one: (word, the closing form).
    open: Vec<(u32, &'static str)>,
    /// A straight quotation mark waiting for the next one.
    straight: Option<u32>,
}

impl Matcher {
    /// Takes punctuation mark `form` at word `i`; returns the pair it closes, if any.
    pub fn push(&mut self, i: u32, form: &str) -> Option<(u32, u32)> {
        let closer = match form {
            "(" => Some(")"),
            "[" => Some("]"),
            "{" => Some("}"),
            "“" => Some("”"),
            "‘" => Some("’"),
            "«" => Some("»"),
            _ => None,
        };
        if let Some(c) = closer {
            self.open.push((i, c));
            return None;
        }
        if matches!(form, "\"" | "''" | "``") {
            return match self.straight.take() {
                Some(j) => Some((j, i)),
                None => {
                    self.straight = Some(i);
                    None
                }
            };
        }
        // A closing mark closes the nearest opening one of its kind, and any left open
        // inside it stay unpaired.
        let k = self.open.iter().rposition(|&(_, c)| c == form)?;
        let (j, _) = self.open[k];
        self.open.truncate(k);
        Some((j, i))
    }
}

/// Where the parser gave the two marks of a pair different heads, hangs both on the highest
/// word between them (the first such word on a tie). A mark that heads other words, or is the
/// root, is left alone, so the tree stays a tree.
pub(crate) fn share_heads(st: &mut State, pairs: &[(u32, u32)], is_punct: impl Fn(u32) -> bool) {
    for &(a, b) in pairs {
        let (ha, hb) = (st.head[a as usize], st.head[b as usize]);
        if ha == hb || ha == NONE || hb == NONE || st.head.iter().any(|&h| h == a || h == b) {
            continue;
        }
        let inside = a + 1..b;
        let top = inside
            .clone()
            .filter(|&x| !is_punct(x) && !inside.contains(&st.head[x as usize]))
            .min_by_key(|&x| (depth(st, x), x));
        if let Some(h) = top {
            st.head[a as usize] = h;
            st.head[b as usize] = h;
        }
    }
}

/// Number of arcs from word `x` up to the root.
fn depth(st: &State, mut x: u32) -> usize {
    let mut d = 0;
    while st.head[x as usize] != NONE && d <= st.head.len() {
        x = st.head[x as usize];
        d += 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(forms: &[&str]) -> Vec<(u32, u32)> {
        let mut m = Matcher::default();
        forms
            .iter()
            .enumerate()
            .filter_map(|(i, f)| m.push(i as u32, f))
            .collect()
    }

    #[test]
    fn marks_pair_by_kind_and_straight_quotes_in_turn() {
        // He said " yes ( really [ ] ) " and “ no ” ) .
        let f = [
            "He", "said", "\"", "yes", "(", "really", "[", "]", ")", "\"", "and", "“", "no", "”",
            ")", ".",
        ];
        assert_eq!(pairs(&f), vec![(6, 7), (4, 8), (2, 9), (11, 13)]);
        // A closing bracket closes the nearest of its kind; what was open inside stays alone.
        assert_eq!(pairs(&["(", "[", "x", ")", "]"]), vec![(0, 3)]);
    }

    #[test]
    fn both_marks_of_a_pair_hang_on_the_highest_word_inside() {
        // 0 said 1 " 2 rates 3 will 4 rise 5 " : "rise" heads the quote, "said" the sentence;
        // the parser hung the opening mark on "said" and the closing one on "rise".
        let mut st = State::default();
        st.reset(6);
        st.head = vec![NONE, 0, 4, 4, 0, 4];
        let punct = |i: u32| i == 1 || i == 5;
        share_heads(&mut st, &[(1, 5)], punct);
        assert_eq!(st.head, vec![NONE, 4, 4, 4, 0, 4]);
        // Already sharing a head: left as the parser had it.
        st.head = vec![NONE, 0, 4, 4, 0, 0];
        share_heads(&mut st, &[(1, 5)], punct);
        assert_eq!(st.head, vec![NONE, 0, 4, 4, 0, 0]);
        // A mark that heads a word is left alone.
        st.head = vec![NONE, 0, 1, 4, 0, 4];
        share_heads(&mut st, &[(1, 5)], punct);
        assert_eq!(st.head[1], 0);
    }
}
