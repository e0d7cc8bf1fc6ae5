use super::*;
use dateline_document::{Entity, EntityType, Mention, MentionForm, Span, Timex, TimexType};

fn article(id: &str, text: &str) -> Document {
    let mut d = Document::new(id, text);
    d.meta.published = Some("2025-03-08".into());
    d
}

/// The design's example, with hand-made layers ("Helena Duarte said ... next month").
fn river() -> (Document, Extra) {
    let text = "Brazilian Foreign Minister Helena Duarte said she wants \"real weight in Beijing\" next month.";
    let mut d = article("river", text);
    d.meta.canonical_url = Some("https://wire.example/river".into());
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    d.entities = vec![Entity {
        name: "Helena Duarte".into(),
        kind: EntityType::PER,
        titles: vec!["Foreign Minister".into()],
        country: Some("BRA".into()),
    }];
    d.mentions = vec![
        Mention {
            span: at("Helena Duarte"),
            words: 3..5,
            kind: EntityType::PER,
            form: MentionForm::Name,
            entity: Some(0),
        },
        Mention {
            span: at("she"),
            words: 6..7,
            kind: EntityType::PER,
            form: MentionForm::Pronoun,
            entity: Some(0),
        },
    ];
    d.timexes = vec![Timex {
        span: at("next month"),
        kind: TimexType::DATE,
        value: "2025-04".into(),
        modifier: None,
    }];
    let c = |s: Span| {
        [
            text[..s.start].chars().count(),
            text[..s.end].chars().count(),
        ]
    };
    let extra = Extra {
        quotes: vec![Quote {
            content: c(at("real weight in Beijing")),
            kind: "mixed".into(),
            cue: Some(c(at("said"))),
            speaker: Some(c(at("Helena Duarte"))),
            speaker_name: Some("Helena Duarte".into()),
            speaker_entity: Some(0),
            via: None,
        }],
        events: vec![Event {
            source: Actor {
                entity: Some(0),
                code: Some("BRAGOV".into()),
            },
            target: Actor {
                entity: None,
                code: Some("CHN".into()),
            },
            cameo: "010".into(),
            plover: Some("STATEMENT".into()),
            goldstein: Some(0.0),
            span: c(at("Helena Duarte said")),
            date: Some("2025-03-08".into()),
        }],
    };
    (d, extra)
}

#[test]
fn layers_are_stored_and_queried() {
    let mut s = Store::open_in_memory().unwrap();
    let (d, x) = river();
    assert!(matches!(s.add(&d, &x).unwrap(), Stored::New(_)));
    s.add(
        &article("b", "Dock workers in Valparaíso ended a strike."),
        &Extra::default(),
    )
    .unwrap();
    for (t, n) in [
        (Table::Articles, 2),
        (Table::Entities, 1),
        (Table::Mentions, 2),
        (Table::Timexes, 1),
        (Table::Quotes, 1),
        (Table::Events, 1),
    ] {
        assert_eq!(s.count(t).unwrap(), n, "{t:?}");
    }
    // Diacritics fold: "valparaiso" finds "Valparaíso".
    let hits = s.search("valparaiso", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].snippet.contains("[Valparaíso]"),
        "{}",
        hits[0].snippet
    );
    let q = s
        .quotes(&QuoteFilter {
            speaker: Some("duarte".into()),
            about: Some("beijing".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].content, "real weight in Beijing");
    let none = s
        .quotes(&QuoteFilter {
            since: Some("2025-03-09".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
    let e = s.entities(Some("PER"), 10).unwrap();
    assert_eq!(
        e,
        vec![EntityCount {
            name: "Helena Duarte".into(),
            kind: "PER".into(),
            articles: 1,
            mentions: 2
        }]
    );
    let mut rows = Vec::new();
    s.export::<Error>(Table::Timexes, |r| {
        rows.push(r.to_vec());
        Ok(())
    })
    .unwrap();
    assert_eq!(rows[0][0], Value::Text("river".into()));
    assert_eq!(rows[0][6], Value::Null);
    assert_eq!(rows[0][7], Value::Text("next month".into()));
    s.check().unwrap();
}

#[test]
fn duplicates_by_text_or_canonical_url_are_not_stored_twice() {
    let mut s = Store::open_in_memory().unwrap();
    let (d, x) = river();
    let Stored::New(id) = s.add(&d, &x).unwrap() else {
        panic!()
    };
    // Same text, re-wrapped.
    let mut again = d.clone();
    again.text = again.text.replace(' ', "\n ");
    assert_eq!(s.add(&again, &x).unwrap(), Stored::Duplicate(id));
    // Same canonical URL, corrected text.
    let mut fixed = d.clone();
    fixed.text.push_str(" Updated.");
    assert_eq!(s.add(&fixed, &x).unwrap(), Stored::Duplicate(id));
    assert_eq!(s.count(Table::Quotes).unwrap(), 1);
}

#[test]
fn bad_queries_say_how_to_write_one() {
    let s = Store::open_in_memory().unwrap();
    let e = s.search("\"unclosed", 5).unwrap_err().to_string();
    assert!(
        e.contains("bad search query") && e.contains("a phrase"),
        "{e}"
    );
}

#[test]
fn a_file_is_migrated_once_and_a_newer_one_refused() {
    let dir = std::env::temp_dir().join(format!("dateline-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.db");
    let _ = std::fs::remove_file(&path);
    {
        let mut s = Store::open(&path).unwrap();
        s.add(&article("a", "One article."), &Extra::default())
            .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.count(Table::Articles).unwrap(), 1);
    s.conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(s);
    let e = Store::open(&path).unwrap_err().to_string();
    assert!(e.contains("schema version 99 is newer"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn quotes_of_a_document_become_rows_with_code_point_offsets_and_names() {
    use dateline_document::{Quote, QuoteKind, Via, ViaRelation};
    // "Brasília" has a two-byte character before the quotation, so bytes and code points differ.
    let text = "In Brasília, Duarte told AFP: \"We will talk.\"";
    let mut d = article("q", text);
    let at = |s: &str| {
        let b = text.find(s).expect("in text");
        Span::new(b, b + s.len())
    };
    d.entities.push(Entity {
        name: "Helena Duarte".into(),
        kind: EntityType::PER,
        titles: vec![],
        country: Some("BRA".into()),
    });
    d.quotes.push(Quote {
        content: at("We will talk."),
        kind: QuoteKind::Direct,
        cue: Some(at("told")),
        speaker: Some(at("Duarte")),
        speaker_entity: Some(0),
        via: Some(Via {
            name: "AFP".into(),
            span: at("AFP"),
            relation: ViaRelation::Told,
        }),
        date: None,
    });
    let extra = Extra::from_document(&d);
    let q = &extra.quotes[0];
    let chars: Vec<char> = text.chars().collect();
    let content: String = chars[q.content[0]..q.content[1]].iter().collect();
    assert_eq!(content, "We will talk.");
    assert_eq!(q.speaker_name.as_deref(), Some("Helena Duarte"));
    assert_eq!(q.via, Some(("AFP".to_string(), "told".to_string())));
    // Without a resolved entity the name is the speaker as written.
    d.quotes[0].speaker_entity = None;
    let extra = Extra::from_document(&d);
    assert_eq!(extra.quotes[0].speaker_name.as_deref(), Some("Duarte"));
}
