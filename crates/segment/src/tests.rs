//! Hand-written cases for every hard spot of news English, robustness on odd input, and accuracy
//! floors on the UD dev sets when `../shared/data` is present.

use super::*;

fn tokens(text: &str) -> Vec<&str> {
    segment(text)
        .tokens
        .iter()
        .map(|t| &text[t.span.range()])
        .collect()
}

fn words(text: &str) -> Vec<&str> {
    segment(text)
        .words
        .iter()
        .map(|w| &text[w.span.range()])
        .collect()
}

fn sentences(text: &str) -> Vec<&str> {
    segment(text)
        .sentences
        .iter()
        .map(|s| &text[s.span.range()])
        .collect()
}

/// Checks every invariant the later stages rely on.
fn check_invariants(text: &str) {
    let seg = segment(text);
    let mut prev_end = 0;
    for (ti, t) in seg.tokens.iter().enumerate() {
        assert!(t.span.start >= prev_end && t.span.start < t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(
            !text[t.span.range()].contains(char::is_whitespace),
            "{:?}",
            &text[t.span.range()]
        );
        assert!(!t.words.is_empty());
        let mut w_end = t.span.start;
        for wi in t.words.clone() {
            let w = seg.words[wi];
            assert_eq!(w.token, ti);
            assert_eq!(w.span.start, w_end, "words tile their token");
            assert!(w.span.end > w.span.start && w.span.end <= t.span.end);
            w_end = w.span.end;
        }
        assert_eq!(w_end, t.span.end);
        prev_end = t.span.end;
    }
    // Sentences tile the tokens, in order.
    let mut next_tok = 0;
    for s in &seg.sentences {
        assert_eq!(s.tokens.start, next_tok);
        assert!(!s.tokens.is_empty());
        next_tok = s.tokens.end;
        assert_eq!(s.span.start, seg.tokens[s.tokens.start].span.start);
        assert_eq!(s.span.end, seg.tokens[s.tokens.end - 1].span.end);
        assert_eq!(s.words.start, seg.tokens[s.tokens.start].words.start);
        assert_eq!(s.words.end, seg.tokens[s.tokens.end - 1].words.end);
    }
    assert_eq!(next_tok, seg.tokens.len());
    // Every non-whitespace character is in a token.
    let covered: usize = seg.tokens.iter().map(|t| t.span.len()).sum();
    let visible: usize = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    assert_eq!(covered, visible);
}

#[test]
fn token_table() {
    let cases: &[(&str, &[&str])] = &[
        ("U.S. officials met Gov. Smith.", &["U.S.", "officials", "met", "Gov.", "Smith", "."]),
        ("Sen. Rep. Jan. Feb. Mr. Mrs. Dr. St. Inc. Corp. Ltd. Co. Jr. vs. e.g. i.e. a.m. p.m. today", &[
            "Sen.", "Rep.", "Jan.", "Feb.", "Mr.", "Mrs.", "Dr.", "St.", "Inc.", "Corp.", "Ltd.", "Co.", "Jr.", "vs.", "e.g.",
            "i.e.", "a.m.", "p.m.", "today",
        ]),
        ("the U.K. and No. 10", &["the", "U.K.", "and", "No.", "10"]),
        ("J. K. Rowling met George W. Bush", &["J.", "K.", "Rowling", "met", "George", "W.", "Bush"]),
        ("It cost $4.2 billion, up 10%.", &["It", "cost", "$", "4.2", "billion", ",", "up", "10", "%", "."]),
        ("1,000 people at 10:30 on 2025-03-08", &["1,000", "people", "at", "10:30", "on", "2025-03-08"]),
        ("3.5 and 9/11 and 20/20", &["3.5", "and", "9/11", "and", "20", "/", "20"]),
        ("See https://example.org/a?b=1, or mail info@example.com.", &[
            "See", "https://example.org/a?b=1", ",", "or", "mail", "info@example.com", ".",
        ]),
        ("(www.example.org)", &["(", "www.example.org", ")"]),
        ("al-Ani, a well-known 30-year-old", &["al", "-", "Ani", ",", "a", "well", "-", "known", "30", "-", "year", "-", "old"]),
        ("e-mail the non-profit", &["e-mail", "the", "non-profit"]),
        ("pre- and post-war, th- that, reviews- this", &[
            "pre-", "and", "post-war", ",", "th-", "that", ",", "reviews", "-", "this",
        ]),
        ("process mis-matches", &["process", "mis-matches"]),
        ("Sarah Stoddar- Stoddart, I think- — no", &[
            "Sarah", "Stoddar-", "Stoddart", ",", "I", "think-", "—", "no",
        ]),
        ("“Yes,” she said. ‘No.’", &["“", "Yes", ",", "”", "she", "said", ".", "‘", "No", ".", "’"]),
        ("\"Go\" and 'stop' «now»", &["\"", "Go", "\"", "and", "'", "stop", "'", "«", "now", "»"]),
        ("Wait—no–yes -- maybe", &["Wait", "—", "no", "–", "yes", "--", "maybe"]),
        ("Well... no… fine", &["Well", "...", "no", "…", "fine"]),
        ("[a] (b) {c} and/or", &["[", "a", "]", "(b)", "{", "c", "}", "and", "/", "or"]),
        ("WASHINGTON (AP) — The", &["WASHINGTON", "(", "AP", ")", "—", "The"]),
        ("BEIJING (Reuters) - The", &["BEIJING", "(", "Reuters", ")", "-", "The"]),
        ("don't can't won't cannot I'm", &["don't", "can't", "won't", "cannot", "I'm"]),
        ("Duarte’s workers' union", &["Duarte’s", "workers'", "union"]),
        ("Really?! Yes!!", &["Really", "?!", "Yes", "!!"]),
        ("at 10am in the '90s", &["at", "10", "am", "in", "the", "'90s"]),
        ("the 1970s and 20th", &["the", "1970s", "and", "20th"]),
        ("Call 713-853-3989 now", &["Call", "713-853-3989", "now"]),
        ("US$4.5", &["US$", "4.5"]),
    ];
    for (text, expected) in cases {
        assert_eq!(&tokens(text), expected, "tokens of {text:?}");
    }
}

#[test]
fn words_alone_are_the_words_of_a_full_segmentation() {
    let seg = Segmenter::rules_only();
    for text in [
        "Prime Minister Kavya Rao's office",
        "U.S. Rep. Dan O'Neill can't go. He won't.",
        "Sen. Chris Murphy, D-Conn.",
        "",
    ] {
        let alone: Vec<&str> = seg.words(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(alone, words(text), "{text}");
    }
}

#[test]
fn word_table() {
    let cases: &[(&str, &[&str])] = &[
        ("don't", &["do", "n't"]),
        ("can't", &["ca", "n't"]),
        ("won't", &["wo", "n't"]),
        ("cannot", &["can", "not"]),
        ("I'm", &["I", "'m"]),
        ("we'll", &["we", "'ll"]),
        ("they've", &["they", "'ve"]),
        ("you're", &["you", "'re"]),
        ("he'd", &["he", "'d"]),
        ("it's", &["it", "'s"]),
        ("Duarte's", &["Duarte", "'s"]),
        ("Duarte’s", &["Duarte", "’s"]),
        ("don’t", &["do", "n’t"]),
        ("workers'", &["workers", "'"]),
        ("gonna", &["gon", "na"]),
        ("wanna", &["wan", "na"]),
        ("gotta", &["got", "ta"]),
        // Web text drops the apostrophe; EWT still splits.
        ("thats", &["that", "s"]),
        ("Ive", &["I", "ve"]),
        ("whats", &["what", "s"]),
        ("outta", &["out", "ta"]),
        ("alot", &["a", "lot"]),
        ("kinda", &["kind", "a"]),
        ("Kinda", &["Kinda"]),
        ("lotta", &["lot", "ta"]),
        ("aint", &["ai", "nt"]),
        ("youll", &["you", "ll"]),
        ("O'Brien", &["O'Brien"]),
        ("'s", &["'s"]),
        ("70's", &["70's"]),
        // "its" is "it" + "s" only before a word the possessive never precedes.
        ("its a shame", &["it", "s", "a", "shame"]),
        ("Its not fair", &["It", "s", "not", "fair"]),
        ("its own staff", &["its", "own", "staff"]),
        ("its very existence", &["its", "very", "existence"]),
        ("and its", &["and", "its"]),
        // "lets" likewise, before a verb only: news writes "lets" as a verb.
        ("Lets go", &["Let", "s", "go"]),
        (
            "the fund lets the campaign",
            &["the", "fund", "lets", "the", "campaign"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&words(text), expected, "words of {text:?}");
    }
}

#[test]
fn sentence_table() {
    let cases: &[(&str, &[&str])] = &[
        ("It rained. We left.", &["It rained.", "We left."]),
        ("Why? Because. Really!", &["Why?", "Because.", "Really!"]),
        (
            "\"Why?\" he asked. She left.",
            &["\"Why?\" he asked.", "She left."],
        ),
        (
            "She said: \"We won.\" Then she left.",
            &["She said: \"We won.\"", "Then she left."],
        ),
        ("“We won.” Then", &["“We won.”", "Then"]),
        ("(See below.) Next one.", &["(See below.)", "Next one."]),
        ("Mr. Smith met Dr. Jones.", &["Mr. Smith met Dr. Jones."]),
        ("U.S. officials said so.", &["U.S. officials said so."]),
        (
            "It happened in the U.S. The next day, it stopped.",
            &["It happened in the U.S.", "The next day, it stopped."],
        ),
        ("J. K. Rowling wrote it.", &["J. K. Rowling wrote it."]),
        (
            "He left at 3 p.m. on Monday.",
            &["He left at 3 p.m. on Monday."],
        ),
        ("Apple Inc. said it would.", &["Apple Inc. said it would."]),
        (
            "It rose 3.5 percent. Shares fell.",
            &["It rose 3.5 percent.", "Shares fell."],
        ),
        ("Wait... what?", &["Wait... what?"]),
        ("He said this: it works.", &["He said this: it works."]),
        // A dateline is a sentence of its own, so the story's first sentence is parsed as it
        // would stand alone.
        (
            "WASHINGTON (AP) — The president spoke. He left.",
            &["WASHINGTON (AP) —", "The president spoke.", "He left."],
        ),
        (
            "BEIJING (Reuters) - China said it would act. More.",
            &["BEIJING (Reuters) -", "China said it would act.", "More."],
        ),
        (
            "WASHINGTON (AP) —\nThe president spoke.",
            &["WASHINGTON (AP) —", "The president spoke."],
        ),
        (
            "VALPARAÍSO, Chile, Aug. 19 (Wire) - Dockworkers voted on Monday.",
            &[
                "VALPARAÍSO, Chile, Aug. 19 (Wire) -",
                "Dockworkers voted on Monday.",
            ],
        ),
        (
            "NATO - the alliance - met.",
            &["NATO - the alliance - met."],
        ),
        (
            "US - China talks resumed today.",
            &["US - China talks resumed today."],
        ),
        (
            "Headline Without Period\nThe story starts here.",
            &["Headline Without Period", "The story starts here."],
        ),
        (
            "a line that is\nwrapped in the middle.",
            &["a line that is\nwrapped in the middle."],
        ),
        (
            "First paragraph\n\nSecond paragraph.",
            &["First paragraph", "Second paragraph."],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&sentences(text), expected, "sentences of {text:?}");
    }
}

#[test]
fn paragraphs_split_at_blank_lines() {
    let text = "One. Two.\n\n  \n\nThree.\r\n\r\nFour\nfive.";
    let seg = segment(text);
    let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &text[p.range()]).collect();
    assert_eq!(paras, ["One. Two.", "Three.", "Four\nfive."]);
    assert_eq!(seg.sentences.len(), 4);
}

#[test]
fn empty_and_blank_input() {
    for text in ["", " ", "\n\n\n", " \t\r\n \u{a0}"] {
        let seg = segment(text);
        assert!(seg.tokens.is_empty() && seg.sentences.is_empty() && seg.paragraphs.is_empty());
        check_invariants(text);
    }
}

#[test]
fn odd_input_never_panics() {
    let mut odd: Vec<String> = [
        "\u{0}\u{1}\u{7f}\u{1b}[31m red \u{200b}zero\u{200d}width",
        "e\u{301}te\u{301} caf\u{e9} na\u{ef}ve \u{1F600}\u{1F3FD}!",
        "عربي. 中文。 日本語、テスト… हिन्दी।",
        "'''\"\"\"...---!!!???'s'90s(a)#",
        "http:// www. @ a@b .@. mailto: x@y.z",
        "’’’ ‘‘ ”” “ ’s ’ 's' '",
        "9/ /9 1,00 1,0000 ,5 .5 5. -5 1-- -- 1-2-3-4 2025-03- 12:",
        "U.S.. etc... D.C... No. No.. Mr.Smith Dr.-Ing. A.B.C.D.E.F.G.H.I.J.K.L.M.N",
        "\u{2028}\u{2029}\u{85}\u{feff}text\u{fffd}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Pseudo-random bytes, decoded lossily so the string is valid UTF-8.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..64)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x & 0xff) as u8
            })
            .collect();
        odd.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for text in &odd {
        check_invariants(text);
    }
}

#[test]
fn invariants_hold_on_the_table_texts() {
    check_invariants(
        "WASHINGTON (AP) — Brazil's Foreign Minister Helena Duarte said she wants to work with countries \
         like India with \"real weight in Beijing\" as talks resume.\n\n\"Nobody should mistake patience \
         for weakness.\"\n\nIndia hasn't confirmed, though its envoy to Chile Arjun Mehta said in January \
         that New Delhi was weighing the invitation.",
    );
}

#[test]
fn candidates_match_the_sentences() {
    let text = "It rained. We left.\nA headline\nMr. Smith spoke in the U.S. The end.";
    let s = Segmenter::new();
    let seg = s.segment(text);
    let cands = s.candidates(text, &seg);
    let ends: Vec<usize> = cands.iter().filter(|c| c.ends).map(|c| c.token).collect();
    let sentence_ends: Vec<usize> = seg.sentences.iter().map(|s| s.tokens.end - 1).collect();
    assert_eq!(ends, sentence_ends[..sentence_ends.len() - 1]);
    assert!(cands.iter().any(|c| c.kind == CandidateKind::LineBreak));
    assert!(cands
        .iter()
        .any(|c| c.kind == CandidateKind::Abbreviation && !c.ends));
}

/// F1 of exact byte spans.
fn f1(gold: &[Span], pred: &[Span]) -> f64 {
    let g: rustc_hash::FxHashSet<Span> = gold.iter().copied().collect();
    let correct = pred.iter().filter(|p| g.contains(p)).count() as f64;
    if correct == 0.0 {
        return 0.0;
    }
    let (p, r) = (correct / pred.len() as f64, correct / gold.len() as f64);
    2.0 * p * r / (p + r)
}

/// Token and sentence F1 of the segmenter over a UD file, from its raw text.
fn ud_scores(path: &std::path::Path) -> (f64, f64) {
    let docs = match dateline_conllu::read_file(path) {
        Ok(s) => dateline_conllu::documents(s),
        Err(e) => panic!("{e}"),
    };
    let (mut gt, mut pt, mut gs, mut ps) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Offsets are per document; shift them so spans of different documents never collide.
    let mut base = 0;
    for d in &docs {
        let seg = segment(&d.text);
        let shift = |s: Span| Span::new(s.start + base, s.end + base);
        gt.extend(d.token_spans.iter().flatten().map(|&s| shift(s)));
        gs.extend(d.sentence_spans.iter().map(|&s| shift(s)));
        pt.extend(seg.tokens.iter().map(|t| shift(t.span)));
        ps.extend(seg.sentences.iter().map(|s| shift(s.span)));
        base += d.text.len() + 1;
    }
    (f1(&gt, &pt), f1(&gs, &ps))
}

#[test]
fn accuracy_floors_on_ud_dev() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud");
    if !dir.join("en_ewt-ud-dev.conllu").exists() {
        println!("skipped: ../shared/data not found");
        return;
    }
    // Floors sit 0.005 below the scores measured when they were set (see the crate's report).
    for (file, tok_floor, sent_floor) in [
        (
            "en_ewt-ud-dev.conllu",
            EWT_TOKENS - 0.005,
            EWT_SENTENCES - 0.005,
        ),
        (
            "en_gum-ud-dev.conllu",
            GUM_TOKENS - 0.005,
            GUM_SENTENCES - 0.005,
        ),
    ] {
        let (tok, sent) = ud_scores(&dir.join(file));
        println!("{file}: tokens F1 {tok:.4}, sentences F1 {sent:.4}");
        assert!(
            tok >= tok_floor,
            "{file}: tokens F1 {tok:.4} below {tok_floor:.4}"
        );
        assert!(
            sent >= sent_floor,
            "{file}: sentences F1 {sent:.4} below {sent_floor:.4}"
        );
    }
}

const EWT_TOKENS: f64 = 0.9963;
const EWT_SENTENCES: f64 = 0.8961;
const GUM_TOKENS: f64 = 0.9982;
const GUM_SENTENCES: f64 = 0.9611;

#[test]
fn boundary_model_is_embedded_and_finds_unpunctuated_ends() {
    let seg = Segmenter::new();
    assert!(seg.has_model(), "models/segmenter.dlm did not load");
    // An e-mail signature and time stamp end sentences without punctuation; the rules alone
    // run them into one.
    let text = "See you there. Best regards, Debra Perlingiere 03/27/2001 01:58 PM Please find the attached draft.";
    let with_model: Vec<&str> = seg
        .segment(text)
        .sentences
        .iter()
        .map(|s| &text[s.span.range()])
        .collect();
    let rules = Segmenter::rules_only().segment(text).sentences.len();
    assert!(with_model.len() > rules, "{with_model:?}");
    assert_eq!(with_model.last(), Some(&"Please find the attached draft."));
}

#[test]
fn the_classifier_leans_towards_ending_unpunctuated_sentences() {
    // The model's even decision runs this greeting into the letter; leaning towards an end
    // (`SPLIT_LEAN`) cuts it where EWT's annotators do.
    assert_eq!(
        sentences("Good Morning Debra - I have attached a revised draft."),
        ["Good Morning Debra -", "I have attached a revised draft."]
    );
    // No lean between two capitalised words (a name runs on), nor after an abbreviation's
    // period (a clock time runs on into its day).
    assert_eq!(
        sentences("North Korea's Kim Jong Ill also has the bomb at the top of his list."),
        ["North Korea's Kim Jong Ill also has the bomb at the top of his list."]
    );
    assert_eq!(
        sentences("It resumes at 9 a.m. Tuesday and ends at 3 p.m. EST."),
        ["It resumes at 9 a.m. Tuesday and ends at 3 p.m. EST."]
    );
}

#[test]
fn a_prime_ministers_pm_ends_no_sentence_but_a_clock_times_may() {
    assert_eq!(
        sentences("In Iraqi society, PM Allawi is responsible. Former PM Tony Blair spoke."),
        [
            "In Iraqi society, PM Allawi is responsible.",
            "Former PM Tony Blair spoke."
        ]
    );
    // The e-mail header the model learned from still ends where it did.
    let text = "Debra Perlingiere 03/27/2001 01:58 PM Please find the attached draft.";
    let seg = Segmenter::new().segment(text);
    assert_eq!(
        seg.sentences.last().map(|s| &text[s.span.range()]),
        Some("Please find the attached draft.")
    );
}

#[test]
fn news_titles_and_clock_times_start_and_end_sentences() {
    // A title after a date's period starts a sentence; after an initialism it is the name's.
    assert_eq!(
        sentences("The bill was signed on Jan. 5. Gov. Reed called it a victory."),
        [
            "The bill was signed on Jan. 5.",
            "Gov. Reed called it a victory."
        ]
    );
    assert_eq!(
        sentences("Aid reached the port on Friday. Dr. Ana Silva said more would come."),
        [
            "Aid reached the port on Friday.",
            "Dr. Ana Silva said more would come."
        ]
    );
    assert_eq!(
        sentences("U.S. Rep. John Lewis spoke. The office on St. Paul Street closed."),
        [
            "U.S. Rep. John Lewis spoke.",
            "The office on St. Paul Street closed."
        ]
    );
    // A clock time's a.m. ends a sentence before a new subject, not before a day or a zone.
    assert_eq!(
        sentences("The vote came at 10 a.m. Officials cheered. It resumes at 9 a.m. Tuesday and ends at 3 p.m. EST."),
        [
            "The vote came at 10 a.m.",
            "Officials cheered.",
            "It resumes at 9 a.m. Tuesday and ends at 3 p.m. EST."
        ]
    );
    assert_eq!(
        sentences("WHEN: JUNE 12, 2005, 2:00 P.M. TO 2:00 A.M."),
        ["WHEN: JUNE 12, 2005, 2:00 P.M. TO 2:00 A.M."]
    );
}

#[test]
fn rules_of_symbols_and_intranet_addresses_stay_whole() {
    assert_eq!(
        tokens("Price : $$$ ----== Posted via Warner@ENRON // ok"),
        [
            "Price",
            ":",
            "$$$",
            "----==",
            "Posted",
            "via",
            "Warner@ENRON",
            "//",
            "ok"
        ]
    );
    // A lone sign still splits off its number, and a handle is not an address.
    assert_eq!(tokens("+1 $5"), ["+", "1", "$", "5"]);
    assert_eq!(tokens("@AP said"), ["@", "AP", "said"]);
}
