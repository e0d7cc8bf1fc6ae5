//! Large weight tables on 2 MB pages.
//!
//! Prediction reads a few dozen random rows of a table of tens of megabytes per word. On 4 KB
//! pages nearly every one of those reads also misses the TLB, and the page walk costs as much
//! as the cache miss itself; the same table on 2 MB pages needs a few dozen TLB entries in all.
//! Linux gives an allocation huge pages when it is advised to (`MADV_HUGEPAGE`) before its
//! pages are first touched, which is what [`huge_vec`] does. Elsewhere, or when the kernel says
//! no, the vector is an ordinary one.

/// Tables smaller than this gain nothing: they fit the TLB's reach on small pages.
const MIN_BYTES: usize = 4 << 20;

/// An empty vector with room for `n` items whose memory is advised onto huge pages.
pub fn huge_vec<T>(n: usize) -> Vec<T> {
    let v = Vec::with_capacity(n);
    advise(&v);
    v
}

/// A vector of `n` copies of `fill` on huge pages; see [`huge_vec`].
pub fn huge_vec_filled<T: Clone>(n: usize, fill: T) -> Vec<T> {
    let mut v = huge_vec(n);
    v.resize(n, fill);
    v
}

#[cfg(target_os = "linux")]
fn advise<T>(v: &Vec<T>) {
    const HUGE: usize = 2 << 20;
    let bytes = v.capacity() * std::mem::size_of::<T>();
    if bytes < MIN_BYTES {
        return;
    }
    // Only whole huge pages inside the allocation can be advised.
    let start = v.as_ptr() as usize;
    let first = start.next_multiple_of(HUGE);
    let end = (start + bytes) & !(HUGE - 1);
    if end > first {
        // SAFETY: the range lies inside the vector's own allocation, which stays alive across
        // the call; MADV_HUGEPAGE changes how the kernel backs the pages, never their contents
        // or validity, and a refusal (an error return) leaves the allocation as it was.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise<T>(_: &Vec<T>) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_vectors_are_ordinary_vectors() {
        let v = huge_vec_filled(3 << 20, 7u32);
        assert_eq!(v.len(), 3 << 20);
        assert!(v.iter().all(|&x| x == 7));
        let mut w: Vec<u8> = huge_vec(10);
        assert!(w.is_empty() && w.capacity() >= 10);
        w.push(1);
        assert_eq!(w, [1]);
    }
}
