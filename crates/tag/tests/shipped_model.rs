//! The shipped tagger on hand-written news sentences. The documents are built by hand (words
//! split on spaces), so these tests need no segmenter.

use dateline_document::{Document, Segmentation, Sentence, Span, Token, Upos, Word};
use dateline_tag::Tagger;

fn tagger() -> Tagger {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tagger.dlm");
    let model = dateline_learn::ModelFile::load(path.as_ref()).expect("shipped model loads");
    Tagger::from_model(&model, path).expect("shipped model fits this build")
}

/// One sentence, words separated by single spaces.
fn doc(text: &str) -> Document {
    let mut d = Document::new("t", text);
    let mut seg = Segmentation::default();
    let mut at = 0;
    for (i, w) in text.split(' ').enumerate() {
        let span = Span::new(at, at + w.len());
        seg.tokens.push(Token {
            span,
            words: i..i + 1,
        });
        seg.words.push(Word { span, token: i });
        at += w.len() + 1;
    }
    let n = seg.words.len();
    seg.sentences.push(Sentence {
        span: Span::new(0, text.len()),
        tokens: 0..n,
        words: 0..n,
    });
    d.set_segmentation(seg);
    d
}

fn tags(text: &str) -> Vec<(String, Upos, &'static str, String)> {
    let d = doc(text);
    let pos = tagger().tag(&d);
    assert_eq!(pos.len(), d.words.len());
    d.words
        .iter()
        .zip(pos)
        .map(|(w, p)| (d.slice(w.span).to_string(), p.upos, p.xpos, p.lemma))
        .collect()
}

#[test]
fn tags_and_lemmas_of_a_news_sentence() {
    let t = tags("Brazilian Foreign Minister Helena Duarte said she wants to work with India .");
    let expect = [
        ("Brazilian", Upos::ADJ, "Brazilian"),
        ("Minister", Upos::PROPN, "Minister"),
        ("Helena", Upos::PROPN, "Helena"),
        ("Duarte", Upos::PROPN, "Duarte"),
        ("said", Upos::VERB, "say"),
        ("she", Upos::PRON, "she"),
        ("wants", Upos::VERB, "want"),
        ("to", Upos::PART, "to"),
        ("work", Upos::VERB, "work"),
        ("with", Upos::ADP, "with"),
        ("India", Upos::PROPN, "India"),
        (".", Upos::PUNCT, "."),
    ];
    // "Foreign" in a title is ADJ or PROPN depending on the treebank: not asserted.
    let t: Vec<_> = t.into_iter().filter(|x| x.0 != "Foreign").collect();
    for ((form, upos, _, lemma), (ef, eu, el)) in t.iter().zip(expect) {
        assert_eq!(
            (form.as_str(), *upos, lemma.as_str()),
            (ef, eu, el),
            "in {t:?}"
        );
    }
}

#[test]
fn contraction_words_and_irregular_lemmas() {
    let t = tags("They did n't go , but the talks were held in cities .");
    let get = |w: &str| t.iter().find(|x| x.0 == w).cloned().expect("word present");
    assert_eq!(get("n't").1, Upos::PART);
    assert_eq!(get("n't").3, "not");
    assert_eq!(get("did").3, "do");
    assert_eq!(get("were").3, "be");
    assert_eq!(get("cities").3, "city");
    assert_eq!(get("held").3, "hold");
    assert_eq!(get("talks").1, Upos::NOUN);
}

#[test]
fn odd_input_gets_a_tag_per_word() {
    for text in ["x", "€€€ ??? 12:30", "ÅÄÖ ẞ 日本 🙂"] {
        let t = tags(text);
        assert_eq!(t.len(), text.split(' ').count());
    }
    let empty = Document::new("e", "");
    assert!(tagger().tag(&empty).is_empty());
}

#[test]
fn refuses_a_model_of_another_kind() {
    let mut model = dateline_learn::ModelFile::default();
    model.header.kind = "parser".into();
    let err = Tagger::from_model(&model, "p.dlm").unwrap_err().to_string();
    assert!(
        err.contains("not a tagger") && err.contains("dateline train tagger"),
        "{err}"
    );
}
