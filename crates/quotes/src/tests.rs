//! The rules on hand-parsed sentences: the segmenter splits the text, the test gives each word
//! its tag, lemma, head and relation, so no trained model is needed.

use crate::find;
use dateline_document::{
    Dep, Document, Entity, EntityType, Mention, MentionForm, PosTag, QuoteKind, Timex, TimexType,
    Upos, ViaRelation,
};

/// A document from `text` and one `form/UPOS/lemma/head/rel` item per word, heads counted from
/// 1 over the whole document (0 = root).
fn parsed(text: &str, analysis: &str) -> Document {
    let mut doc = Document::new("t", text);
    doc.set_segmentation(dateline_segment::segment(text));
    let items: Vec<&str> = analysis.split_whitespace().collect();
    let forms: Vec<&str> = (0..doc.words.len()).map(|i| doc.word_text(i)).collect();
    assert_eq!(
        items.len(),
        doc.words.len(),
        "one analysis per word: {forms:?}"
    );
    for (i, item) in items.iter().enumerate() {
        let f: Vec<&str> = item.split('/').collect();
        assert_eq!(f.len(), 5, "{item}");
        assert_eq!(f[0], doc.word_text(i), "word {i}");
        let upos = Upos::parse(f[1]).expect("a UPOS tag");
        doc.pos.push(PosTag {
            upos,
            xpos: "_",
            lemma: f[2].to_string(),
        });
        let head: usize = f[3].parse().expect("a head");
        let rel: &'static str = Box::leak(f[4].to_string().into_boxed_str());
        doc.deps.push(Dep {
            head: head.checked_sub(1),
            rel,
        });
    }
    doc
}

/// Adds a mention of a new entity over the first occurrence of `name` (or of `form` pointing to
/// entity `of`).
fn mention(doc: &mut Document, form: &str, kind: EntityType, of: Option<usize>) {
    let start = doc.text.find(form).expect("mention text");
    let span = dateline_document::Span::new(start, start + form.len());
    let words: Vec<usize> = (0..doc.words.len())
        .filter(|&w| doc.words[w].span.start >= span.start && doc.words[w].span.end <= span.end)
        .collect();
    let entity = match of {
        Some(e) => e,
        None => {
            doc.entities.push(Entity {
                name: form.to_string(),
                kind,
                titles: vec![],
                country: None,
            });
            doc.entities.len() - 1
        }
    };
    let pron = form.chars().next().is_some_and(char::is_lowercase);
    doc.mentions.push(Mention {
        span,
        words: words[0]..words[words.len() - 1] + 1,
        kind,
        form: if pron {
            MentionForm::Pronoun
        } else {
            MentionForm::Name
        },
        entity: Some(entity),
    });
    doc.mentions.sort_by_key(|m| m.span.start);
}

fn show(doc: &Document) -> Vec<(String, &'static str, Option<String>, Option<String>)> {
    find(doc)
        .iter()
        .map(|q| {
            (
                doc.slice(q.content).to_string(),
                q.kind.as_str(),
                q.speaker.map(|s| doc.slice(s).to_string()),
                q.cue.map(|s| doc.slice(s).to_string()),
            )
        })
        .collect()
}

fn row(
    content: &str,
    kind: &'static str,
    speaker: &str,
    cue: &str,
) -> (String, &'static str, Option<String>, Option<String>) {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    (content.to_string(), kind, opt(speaker), opt(cue))
}

#[test]
fn direct_quote_then_cue() {
    let doc = parsed(
        "\"We will win the vote,\" Smith said.",
        "\"/PUNCT/\"/3/punct We/PRON/we/3/nsubj will/AUX/will/3/aux win/VERB/win/10/ccomp \
         the/DET/the/6/det vote/NOUN/vote/4/obj ,/PUNCT/,/4/punct \"/PUNCT/\"/4/punct \
         Smith/PROPN/Smith/10/nsubj said/VERB/say/0/root ./PUNCT/./10/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row("We will win the vote,", "direct", "Smith", "said")]
    );
}

#[test]
fn colon_lead_in_curly_quotes_and_pronoun_speaker() {
    let mut doc = parsed(
        "Duarte spoke. She added: “They listen, but we have yet to see it.”",
        "Duarte/PROPN/Duarte/2/nsubj spoke/VERB/speak/0/root ./PUNCT/./2/punct \
         She/PRON/she/5/nsubj added/VERB/add/0/root :/PUNCT/:/9/punct “/PUNCT/“/9/punct \
         They/PRON/they/9/nsubj listen/VERB/listen/5/ccomp ,/PUNCT/,/13/punct but/CCONJ/but/13/cc \
         we/PRON/we/13/nsubj have/VERB/have/9/conj yet/ADV/yet/13/advmod to/PART/to/16/mark \
         see/VERB/see/13/xcomp it/PRON/it/16/obj ./PUNCT/./9/punct ”/PUNCT/”/9/punct",
    );
    mention(&mut doc, "Duarte", EntityType::PER, None);
    mention(&mut doc, "She", EntityType::PER, Some(0));
    let q = find(&doc);
    assert_eq!(q.len(), 1, "{:?}", show(&doc));
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(
        doc.slice(q[0].content),
        "They listen, but we have yet to see it."
    );
    assert_eq!(q[0].speaker_entity, Some(0));
}

#[test]
fn indirect_with_date_and_channel() {
    let mut doc = parsed(
        "Mehta told AFP in January that Delhi was weighing the invitation.",
        "Mehta/PROPN/Mehta/2/nsubj told/VERB/tell/0/root AFP/PROPN/AFP/2/obj in/ADP/in/5/case \
         January/PROPN/January/2/obl that/SCONJ/that/9/mark Delhi/PROPN/Delhi/9/nsubj \
         was/AUX/be/9/aux weighing/VERB/weigh/2/ccomp the/DET/the/11/det \
         invitation/NOUN/invitation/9/obj ./PUNCT/./2/punct",
    );
    mention(&mut doc, "Mehta", EntityType::PER, None);
    let start = doc.text.find("January").expect("January");
    doc.timexes.push(Timex {
        span: dateline_document::Span::new(start, start + 7),
        kind: TimexType::DATE,
        value: "2025-01".into(),
        modifier: None,
    });
    let q = find(&doc);
    assert_eq!(q.len(), 1);
    assert_eq!(
        doc.slice(q[0].content),
        "that Delhi was weighing the invitation"
    );
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(q[0].speaker_entity, Some(0));
    assert_eq!(q[0].date, Some(0));
    let via = q[0].via.as_ref().expect("a channel");
    assert_eq!(
        (via.name.as_str(), via.relation),
        ("AFP", ViaRelation::Told)
    );
}

#[test]
fn mixed_quote() {
    let doc = parsed(
        "Duarte said she wants partners with \"real weight in Beijing\" now.",
        "Duarte/PROPN/Duarte/2/nsubj said/VERB/say/0/root she/PRON/she/4/nsubj \
         wants/VERB/want/2/ccomp partners/NOUN/partner/4/obj with/ADP/with/9/case \
         \"/PUNCT/\"/9/punct real/ADJ/real/9/amod weight/NOUN/weight/5/nmod in/ADP/in/11/case \
         Beijing/PROPN/Beijing/9/nmod \"/PUNCT/\"/9/punct now/ADV/now/4/advmod ./PUNCT/./2/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row(
            "she wants partners with \"real weight in Beijing\" now",
            "mixed",
            "Duarte",
            "said"
        )]
    );
}

#[test]
fn according_to_and_tail_cue() {
    let doc = parsed(
        "The plan is dead, officials said. Prices will rise, according to the ministry.",
        "The/DET/the/2/det plan/NOUN/plan/4/nsubj is/AUX/be/4/cop dead/ADJ/dead/0/root \
         ,/PUNCT/,/7/punct officials/NOUN/official/7/nsubj said/VERB/say/4/parataxis \
         ./PUNCT/./4/punct Prices/NOUN/price/11/nsubj will/AUX/will/11/aux rise/VERB/rise/0/root \
         ,/PUNCT/,/16/punct according/VERB/accord/16/case to/ADP/to/14/fixed the/DET/the/16/det \
         ministry/NOUN/ministry/11/obl ./PUNCT/./11/punct",
    );
    assert_eq!(
        show(&doc),
        vec![
            row("The plan is dead", "indirect", "officials", "said"),
            row(
                "Prices will rise",
                "indirect",
                "the ministry",
                "according to"
            ),
        ]
    );
}

#[test]
fn continuation_paragraph_and_unbalanced_mark() {
    let doc = parsed(
        "\"We will win the vote,\" Smith said.\n\n\"Nobody should mistake patience for weakness.\n\nThe vote is on Friday.",
        "\"/PUNCT/\"/3/punct We/PRON/we/3/nsubj will/AUX/will/3/aux win/VERB/win/10/ccomp \
         the/DET/the/6/det vote/NOUN/vote/4/obj ,/PUNCT/,/4/punct \"/PUNCT/\"/4/punct \
         Smith/PROPN/Smith/10/nsubj said/VERB/say/0/root ./PUNCT/./10/punct \
         \"/PUNCT/\"/15/punct Nobody/PRON/nobody/15/nsubj should/AUX/should/15/aux \
         mistake/VERB/mistake/0/root patience/NOUN/patience/15/obj for/ADP/for/18/case \
         weakness/NOUN/weakness/15/obl ./PUNCT/./15/punct The/DET/the/21/det vote/NOUN/vote/24/nsubj \
         is/AUX/be/24/cop on/ADP/on/24/case Friday/PROPN/Friday/0/root ./PUNCT/./24/punct",
    );
    assert_eq!(
        show(&doc),
        vec![
            row("We will win the vote,", "direct", "Smith", "said"),
            row(
                "Nobody should mistake patience for weakness.",
                "direct",
                "Smith",
                ""
            ),
        ]
    );
}

#[test]
fn inverted_cue_read_from_word_order_when_the_parse_is_wrong() {
    // The parser took the speaker for the object of "said" and hung the quote's subject on it:
    // the words after the cue still name who spoke, and a quoted word never does.
    let mut doc = parsed(
        "\"We have never seen a market like this,\" said Roy Hermann, a farmer.",
        "\"/PUNCT/\"/5/punct We/PRON/we/11/nsubj have/AUX/have/5/aux never/ADV/never/5/advmod \
         seen/VERB/see/11/ccomp a/DET/a/7/det market/NOUN/market/5/obj like/ADP/like/9/case \
         this/PRON/this/7/nmod ,/PUNCT/,/5/punct \"/PUNCT/\"/5/punct said/VERB/say/0/root \
         Roy/PROPN/Roy/11/obj Hermann/PROPN/Hermann/12/flat ,/PUNCT/,/16/punct a/DET/a/16/det \
         farmer/NOUN/farmer/12/appos ./PUNCT/./11/punct",
    );
    mention(&mut doc, "Roy Hermann", EntityType::PER, None);
    assert_eq!(
        show(&doc),
        vec![row(
            "We have never seen a market like this,",
            "direct",
            "Roy Hermann",
            "said"
        )]
    );
}

#[test]
fn any_verb_after_a_quote_ending_in_a_comma_and_a_dash_line() {
    let doc = parsed(
        "\"Nobody thought the plan would work,\" recalled Ana Ruiz.\n\n\"Keep the river open for all.\"\n\n-Tomas Reyes, Lima.",
        "\"/PUNCT/\"/7/punct Nobody/PRON/nobody/3/nsubj thought/VERB/think/9/ccomp \
         the/DET/the/5/det plan/NOUN/plan/7/nsubj would/AUX/would/7/aux work/VERB/work/3/ccomp \
         ,/PUNCT/,/3/punct \"/PUNCT/\"/3/punct recalled/VERB/recall/0/root Ana/PROPN/Ana/9/nsubj \
         Ruiz/PROPN/Ruiz/10/flat ./PUNCT/./9/punct \
         \"/PUNCT/\"/15/punct Keep/VERB/keep/0/root the/DET/the/17/det river/NOUN/river/15/obj \
         open/ADJ/open/15/xcomp for/ADP/for/20/case all/PRON/all/15/obl ./PUNCT/./15/punct \
         \"/PUNCT/\"/15/punct -/PUNCT/-/24/punct Tomas/PROPN/Tomas/0/root Reyes/PROPN/Reyes/24/flat \
         ,/PUNCT/,/27/punct Lima/PROPN/Lima/24/appos ./PUNCT/./24/punct",
    );
    let mut doc = doc;
    for p in &mut doc.pos {
        if p.lemma == "recall" {
            p.xpos = "VBD";
        }
    }
    assert_eq!(
        show(&doc),
        vec![
            row(
                "Nobody thought the plan would work,",
                "direct",
                "Ana Ruiz",
                "recalled"
            ),
            row("Keep the river open for all.", "direct", "Tomas Reyes", ""),
        ]
    );
}

#[test]
fn quoted_words_inside_a_verb_phrase_are_a_mixed_quotation() {
    let mut doc = parsed(
        "Reyes called the treaty \"a gift to smugglers\" on Monday.",
        "Reyes/PROPN/Reyes/2/nsubj called/VERB/call/0/root the/DET/the/4/det treaty/NOUN/treaty/2/obj \
         \"/PUNCT/\"/7/punct a/DET/a/7/det gift/NOUN/gift/2/xcomp to/ADP/to/9/case \
         smugglers/NOUN/smuggler/7/nmod \"/PUNCT/\"/7/punct on/ADP/on/12/case \
         Monday/PROPN/Monday/2/obl ./PUNCT/./2/punct",
    );
    mention(&mut doc, "Reyes", EntityType::PER, None);
    assert_eq!(
        show(&doc),
        vec![row(
            "the treaty \"a gift to smugglers\" on Monday",
            "mixed",
            "Reyes",
            "called"
        )]
    );
}

#[test]
fn relative_pronoun_is_the_local_speaker_of_the_person_it_describes() {
    let mut doc = parsed(
        "Voters cheered Ana Ruiz, who said the bridge would open in May.",
        "Voters/NOUN/voter/2/nsubj cheered/VERB/cheer/0/root Ana/PROPN/Ana/2/obj \
         Ruiz/PROPN/Ruiz/3/flat ,/PUNCT/,/7/punct who/PRON/who/7/nsubj said/VERB/say/3/acl:relcl \
         the/DET/the/9/det bridge/NOUN/bridge/11/nsubj would/AUX/would/11/aux \
         open/VERB/open/7/ccomp in/ADP/in/13/case May/PROPN/May/11/obl ./PUNCT/./2/punct",
    );
    mention(&mut doc, "Ana Ruiz", EntityType::PER, None);
    let q = find(&doc);
    assert_eq!(q.len(), 1, "{:?}", show(&doc));
    assert_eq!(doc.slice(q[0].content), "the bridge would open in May");
    assert_eq!(q[0].speaker.map(|s| doc.slice(s)), Some("who"));
    assert_eq!(q[0].speaker_entity, Some(0));
}

#[test]
fn titles_of_works_and_web_addresses_are_not_quotations() {
    let doc = parsed(
        "Rao spoke on \"The Late Show With Stephen Colbert\" and linked \"www.example.org\".",
        "Rao/PROPN/Rao/2/nsubj spoke/VERB/speak/0/root on/ADP/on/5/case \"/PUNCT/\"/5/punct \
         The/DET/the/5/det Late/PROPN/Late/6/compound Show/PROPN/Show/2/obl With/ADP/with/9/case \
         Stephen/PROPN/Stephen/9/compound Colbert/PROPN/Colbert/6/nmod \"/PUNCT/\"/6/punct \
         and/CCONJ/and/13/cc linked/VERB/link/2/conj \"/PUNCT/\"/15/punct \
         www.example.org/X/www.example.org/13/obj \"/PUNCT/\"/15/punct \
         ./PUNCT/./2/punct",
    );
    assert_eq!(show(&doc), vec![]);
}

#[test]
fn cue_between_commas_reports_the_whole_sentence() {
    let mut doc = parsed(
        "The only problem, Ms. Ruiz said, is that the bridge is late.",
        "The/DET/the/3/det only/ADJ/only/3/amod problem/NOUN/problem/9/nsubj ,/PUNCT/,/7/punct \
         Ms./PROPN/Ms./6/compound Ruiz/PROPN/Ruiz/7/nsubj said/VERB/say/3/parataxis \
         ,/PUNCT/,/7/punct is/AUX/be/0/root that/SCONJ/that/14/mark the/DET/the/12/det \
         bridge/NOUN/bridge/14/nsubj is/AUX/be/14/cop late/ADJ/late/9/ccomp ./PUNCT/./9/punct",
    );
    mention(&mut doc, "Ms. Ruiz", EntityType::PER, None);
    assert_eq!(
        show(&doc),
        vec![row(
            "The only problem, Ms. Ruiz said, is that the bridge is late",
            "indirect",
            "Ms. Ruiz",
            "said"
        )]
    );
}

#[test]
fn transcript_lead_in_without_quotation_marks() {
    let mut doc = parsed(
        "REYES: The river belongs to both countries.",
        "REYES/PROPN/Reyes/5/vocative :/PUNCT/:/1/punct The/DET/the/4/det river/NOUN/river/5/nsubj \
         belongs/VERB/belong/0/root to/ADP/to/8/case both/DET/both/8/det countries/NOUN/country/5/obl \
         ./PUNCT/./5/punct",
    );
    mention(&mut doc, "REYES", EntityType::PER, None);
    assert_eq!(
        show(&doc),
        vec![row(
            "The river belongs to both countries",
            "indirect",
            "REYES",
            ":"
        )]
    );
}

#[test]
fn object_of_a_stance_verb_without_its_setting() {
    let doc = parsed(
        "Howard endorsed Senator Ted Cruz in November.",
        "Howard/PROPN/Howard/2/nsubj endorsed/VERB/endorse/0/root Senator/PROPN/Senator/5/compound \
         Ted/PROPN/Ted/5/compound Cruz/PROPN/Cruz/2/obj in/ADP/in/7/case \
         November/PROPN/November/2/obl ./PUNCT/./2/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row("Senator Ted Cruz", "indirect", "Howard", "endorsed")]
    );
}

#[test]
fn stance_keeps_what_it_is_about() {
    let doc = parsed(
        "She blamed the shootings on bias.",
        "She/PRON/she/2/nsubj blamed/VERB/blame/0/root the/DET/the/4/det \
         shootings/NOUN/shooting/2/obj on/ADP/on/6/case bias/NOUN/bias/2/obl ./PUNCT/./2/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row("the shootings on bias", "indirect", "She", "blamed")]
    );
}

#[test]
fn raising_verb_reports_its_whole_clause_without_a_speaker() {
    let doc = parsed(
        "Nabisco is expected to cut 277 workers.",
        "Nabisco/PROPN/Nabisco/3/nsubj:pass is/AUX/be/3/aux:pass expected/VERB/expect/0/root \
         to/PART/to/5/mark cut/VERB/cut/3/xcomp 277/NUM/277/7/nummod workers/NOUN/worker/5/obj \
         ./PUNCT/./3/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row(
            "Nabisco is expected to cut 277 workers",
            "indirect",
            "",
            "expected"
        )]
    );
}

#[test]
fn tail_cue_needs_a_reporting_verb() {
    // "continued" after a sentence is not its cue; "said" is.
    let doc = parsed(
        "The plan is dead, Clinton continued. The plan is dead, Clinton said.",
        "The/DET/the/2/det plan/NOUN/plan/4/nsubj is/AUX/be/4/cop dead/ADJ/dead/0/root \
         ,/PUNCT/,/7/punct Clinton/PROPN/Clinton/7/nsubj continued/VERB/continue/4/parataxis \
         ./PUNCT/./4/punct The/DET/the/10/det plan/NOUN/plan/12/nsubj is/AUX/be/12/cop \
         dead/ADJ/dead/0/root ,/PUNCT/,/15/punct Clinton/PROPN/Clinton/15/nsubj \
         said/VERB/say/12/parataxis ./PUNCT/./12/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row("The plan is dead", "indirect", "Clinton", "said")]
    );
}

#[test]
fn report_nested_in_a_report_is_read_once() {
    let doc = parsed(
        "Democrats say the revelations show that the problem is wider.",
        "Democrats/PROPN/Democrat/2/nsubj say/VERB/say/0/root the/DET/the/4/det \
         revelations/NOUN/revelation/5/nsubj show/VERB/show/2/ccomp that/SCONJ/that/10/mark \
         the/DET/the/8/det problem/NOUN/problem/10/nsubj is/AUX/be/10/cop wider/ADJ/wide/5/ccomp \
         ./PUNCT/./2/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row(
            "the revelations show that the problem is wider",
            "indirect",
            "Democrats",
            "say"
        )]
    );
}

#[test]
fn intention_in_a_noun_an_adjective_and_a_weak_verb() {
    let doc = parsed(
        "Her decision to leave surprised aides. Sanders is willing to compromise. He wants Germany to pay.",
        "Her/PRON/she/2/nmod:poss decision/NOUN/decision/5/nsubj to/PART/to/4/mark \
         leave/VERB/leave/2/acl surprised/VERB/surprise/0/root aides/NOUN/aide/5/obj \
         ./PUNCT/./5/punct Sanders/PROPN/Sanders/10/nsubj is/AUX/be/10/cop \
         willing/ADJ/willing/0/root to/PART/to/12/mark compromise/VERB/compromise/10/xcomp \
         ./PUNCT/./10/punct He/PRON/he/15/nsubj wants/VERB/want/0/root \
         Germany/PROPN/Germany/15/obj to/PART/to/18/mark pay/VERB/pay/15/xcomp ./PUNCT/./15/punct",
    );
    assert_eq!(
        show(&doc),
        vec![
            row("to leave", "indirect", "Her", "decision"),
            row("to compromise", "indirect", "Sanders", "willing"),
            row("Germany to pay", "indirect", "He", "wants"),
        ]
    );
}

#[test]
fn what_someone_talks_about() {
    let doc = parsed(
        "Trump talked about the border wall.",
        "Trump/PROPN/Trump/2/nsubj talked/VERB/talk/0/root about/ADP/about/6/case \
         the/DET/the/6/det border/NOUN/border/6/compound wall/NOUN/wall/2/obl ./PUNCT/./2/punct",
    );
    assert_eq!(
        show(&doc),
        vec![row("the border wall", "indirect", "Trump", "talked")]
    );
}

#[test]
fn according_to_reports_a_plan_once() {
    let doc = parsed(
        "Clinton plans to visit Charlotte on Sunday, according to a campaign aide.",
        "Clinton/PROPN/Clinton/2/nsubj plans/VERB/plan/0/root to/PART/to/4/mark \
         visit/VERB/visit/2/xcomp Charlotte/PROPN/Charlotte/4/obj on/ADP/on/7/case \
         Sunday/PROPN/Sunday/4/obl ,/PUNCT/,/13/punct according/VERB/accord/13/case \
         to/ADP/to/9/fixed a/DET/a/13/det campaign/NOUN/campaign/13/compound \
         aide/NOUN/aide/4/obl ./PUNCT/./2/punct",
    );
    let q = show(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "Clinton plans to visit Charlotte on Sunday");
    assert_eq!(q[0].3.as_deref(), Some("according to"));
}

#[test]
fn a_person_named_right_before_the_cue_speaks_when_the_parse_gives_no_subject() {
    // The parser hung "Senate Majority Leader John Thune" on "Washington" as an apposition,
    // so "said" has no subject; the first organization ("Senate") had been the speaker.
    let mut doc = parsed(
        "In Washington, Senate Majority Leader John Thune said Congress would vote.",
        "In/ADP/in/2/case Washington/PROPN/Washington/9/obl ,/PUNCT/,/6/punct \
         Senate/PROPN/Senate/6/compound Majority/NOUN/majority/6/compound \
         Leader/NOUN/leader/2/appos John/PROPN/John/6/appos Thune/PROPN/Thune/7/flat \
         said/VERB/say/0/root Congress/PROPN/Congress/12/nsubj would/AUX/would/12/aux \
         vote/VERB/vote/9/ccomp ./PUNCT/./9/punct",
    );
    mention(&mut doc, "Washington", EntityType::GPE, None);
    mention(&mut doc, "Senate", EntityType::ORG, None);
    mention(&mut doc, "John Thune", EntityType::PER, None);
    mention(&mut doc, "Congress", EntityType::ORG, None);
    let got = show(&doc);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2.as_deref(), Some("John Thune"), "{got:?}");
}
