//! Byte offsets inside, Unicode code points outside: the one place that converts.

/// Converts byte offsets of one text into Unicode code point offsets (Python `str` indices).
///
/// Built once per document by the writers; each lookup is a binary search over the positions of
/// multi-byte characters, so pure-ASCII text costs nothing.
#[derive(Clone, Debug)]
pub struct CharOffsets {
    /// Byte offset of every character that takes more than one byte, with the number of extra
    /// bytes seen up to and including it.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                wide.push((i, extra));
            }
        }
        CharOffsets { wide }
    }

    /// The code point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        // Count the extra bytes of wide characters that start before `byte`.
        let k = self.wide.partition_point(|&(b, _)| b < byte);
        if k == 0 {
            byte
        } else {
            byte - self.wide[k - 1].1
        }
    }

    /// Converts a byte span to a code point span `[start, end]`.
    pub fn span(&self, span: crate::Span) -> [usize; 2] {
        [self.char_of(span.start), self.char_of(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let o = CharOffsets::new("plain text");
        assert_eq!(o.char_of(0), 0);
        assert_eq!(o.char_of(5), 5);
        assert_eq!(o.char_of(10), 10);
    }

    #[test]
    fn multibyte_characters_count_once() {
        let text = "“Zurbarán’s” — ok";
        let o = CharOffsets::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(o.char_of(bi), ci, "byte {bi}");
        }
        assert_eq!(o.char_of(text.len()), text.chars().count());
    }
}
