//! Invented news articles shared by the tests (written for dateline; not real events).

/// The design's example article, published 2025-03-08.
pub const RIVER_TREATY: &str = "BRASÍLIA (Wire) — Brazilian Foreign Minister Helena Duarte said she wants to work with countries like India with \"real weight in Beijing\" as talks on the river treaty resume, urging New Delhi to send a delegation next month.

The conference has drawn delegations from 30 countries so far, the Associated Press reported on Tuesday, citing Chilean President Tomas Reyes. Asked about India's promises, she added: \"They listen, but what they will do, we have yet to see.\"

“Nobody should mistake patience for weakness.”

India has not confirmed, though its envoy to Chile Arjun Mehta said in January that New Delhi was weighing the invitation.
";

/// A short two-sentence article with a contraction and an abbreviation.
pub const PORT: &str =
    "Mr. Carvajal didn't say whether the U.S. firm had helped. Exports rose 6.5% in May.";

/// One plain news sentence.
pub const DUARTE: &str =
    "Brazilian Foreign Minister Helena Duarte said she wants to work with India.";
