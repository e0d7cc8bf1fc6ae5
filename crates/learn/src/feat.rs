//! Hashed feature keys.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Builds one feature key: a template id followed by the values it combines.
///
/// Keys are 64-bit hashes; with a few million distinct features, collisions are negligible.
#[derive(Clone, Copy, Debug)]
pub struct Feat(u64);

impl Feat {
    /// Starts a feature of template `template`.
    #[inline]
    pub fn new(template: u32) -> Feat {
        Feat(mix(template as u64 ^ 0x5bd1_e995))
    }
    /// Adds a string value.
    #[inline]
    pub fn str(self, s: &str) -> Feat {
        self.hash(hash_bytes(s.as_bytes()))
    }
    /// Adds a precomputed hash (see [`Feat::hash_str`]), so per-word hashes are computed once.
    #[inline]
    pub fn hash(self, h: u64) -> Feat {
        Feat(mix(self.0.rotate_left(5) ^ h))
    }
    /// Adds a small integer value.
    #[inline]
    pub fn int(self, v: u64) -> Feat {
        self.hash(mix(v ^ 0x2545_f491))
    }
    /// The key.
    #[inline]
    pub fn done(self) -> u64 {
        self.0
    }
    /// Hash of a string, for use with [`Feat::hash`].
    #[inline]
    pub fn hash_str(s: &str) -> u64 {
        hash_bytes(s.as_bytes())
    }
}

#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 32;
    x = x.wrapping_mul(K);
    x ^= x >> 29;
    x
}

/// FxHash-style byte hash, finished with a mix so short strings spread well.
#[inline]
fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    mix(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_values_separate_keys() {
        let a = Feat::new(1).str("said").done();
        assert_eq!(a, Feat::new(1).str("said").done());
        assert_ne!(a, Feat::new(2).str("said").done());
        assert_ne!(a, Feat::new(1).str("says").done());
        assert_ne!(
            Feat::new(3).str("a").str("bc").done(),
            Feat::new(3).str("ab").str("c").done()
        );
        assert_eq!(
            Feat::new(4).str("x").done(),
            Feat::new(4).hash(Feat::hash_str("x")).done()
        );
    }
}
