//! A cache hint for the scoring loops.
//!
//! Scoring is bound by weight lookups at random places in tables of tens of megabytes. The
//! loops first request every row they will read and only then read them, so the cache misses
//! overlap. A plain load cannot do the requesting well: each one waits in the reorder buffer
//! until its data arrives, so after a few dozen misses the core stops issuing. A prefetch
//! instruction retires at once and the miss goes on in the background, which lets a whole
//! transition's lookups be in flight together.

/// Asks the cache to fetch the line holding `*r`; no effect on the program's results.
#[inline(always)]
pub fn prefetch<T>(r: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and changes no memory or register the program can see;
    // the address comes from a live reference besides.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((r as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    std::hint::black_box(r);
}
