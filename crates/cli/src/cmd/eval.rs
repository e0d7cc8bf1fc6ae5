//! `dateline eval`: gold file in, predictions in the scorer's format out.

use crate::out;
use anyhow::Context;
use dateline::{Document, Layer, OutputOptions, Pipeline};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Run the pipeline over a gold file and write predictions for the matching scorer in
/// ../shared/eval: score_ud.py for `ud`, score_ner.py for `ner`, score_time.py for `time`,
/// score_quotes.py for `quotes`, score_events.py for `events`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to evaluate: ud (CoNLL-U gold), ner (JSON Lines records with id, text), time
    /// (JSON Lines records with id, dct, text) or quotes (JSON Lines records with id, text).
    ///
    /// events: JSON Lines sentence records with id, text, date (YYYYMMDD) and optionally
    /// dictionaries (phoenix, petr-validate-2.0) and config (require_dyad); dateline parses the
    /// text itself (a gold parse in the record is not used).
    #[arg(value_parser = ["ud", "ner", "time", "quotes", "events"])]
    pub task: String,
    /// The gold file: only its raw text (and, for time, its creation date) reaches the pipeline.
    pub gold: PathBuf,
    /// Write predictions to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// ud: use the gold tokens and sentences instead of segmenting the raw text, to measure
    /// the tagger and parser apart from segmentation errors.
    #[arg(long)]
    pub gold_segmentation: bool,
    /// events: write event codes in this ontology: cameo (default) or plover (PLOVER
    /// categories under the names of the plover_gsr gold: DEMAND, DISAPPROVE, FIGHT, ...).
    #[arg(long, value_parser = ["cameo", "plover"], default_value = "cameo")]
    pub ontology: String,
    /// quotes: write only the quotations dateline classed as one of these kinds
    /// (comma-separated: direct, indirect, mixed), to score dateline as a direct-quote
    /// extractor with `score_quotes.py --kinds direct`, as the peers that find only quoted
    /// text are scored. All kinds by default.
    #[arg(long, value_delimiter = ',', value_parser = ["direct", "indirect", "mixed"])]
    pub kinds: Vec<String>,
    /// Load models from DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.task.as_str() {
        "time" => time(&args),
        "ner" => ner(&args),
        "quotes" => quotes(&args),
        "events" => events(&args),
        _ => ud(&args),
    }
}

fn ud(args: &Args) -> anyhow::Result<ExitCode> {
    let pipeline =
        Pipeline::new(&[Layer::Deps], args.models.as_deref()).context("loading models")?;
    let gold = dateline_conllu::read_file(&args.gold)?;
    let gold_seg = args.gold_segmentation;
    let mut docs: Vec<Document> = dateline_conllu::documents(gold)
        .into_iter()
        .map(|g| {
            if gold_seg {
                g.to_document()
            } else {
                Document::new(g.id, g.text)
            }
        })
        .collect();
    docs.par_iter_mut().for_each(|d| {
        if !gold_seg {
            pipeline.segment(d);
        }
        pipeline.tag(d);
        pipeline.parse(d);
    });
    let mut out = out::open(args.output.as_deref())?;
    for d in &docs {
        dateline_conllu::write_document(d, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the pipeline on every document, in parallel. A stage that fails on one (a bug) is
/// named on stderr, and that document keeps the layers before it: its predictions are scored
/// as they are. Returns how many failed.
fn run_all<'a>(pipeline: &Pipeline, docs: impl ParallelIterator<Item = &'a mut Document>) -> usize {
    docs.map(|d| match pipeline.try_run(d) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!(
                "dateline: article {}: {e}; scored without the {} layer and those after it",
                d.id, e.stage
            );
            1
        }
    })
    .sum()
}

/// Exit status 1 when the pipeline failed on any document.
fn exit(failed: usize) -> ExitCode {
    if failed > 0 {
        eprintln!("dateline: the pipeline failed on {failed} article(s)");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// TempEval-style records: the gold `dct` becomes the article's publication date, and the
/// dateline/1 record (id and timexes) is what score_time.py reads.
fn time(args: &Args) -> anyhow::Result<ExitCode> {
    let pipeline =
        Pipeline::new(&[Layer::Time], args.models.as_deref()).context("loading models")?;
    let mut docs = read_records(&args.gold, "dct")?;
    let failed = run_all(&pipeline, docs.par_iter_mut());
    let opts = OutputOptions {
        layers: vec![Layer::Time],
        text: false,
    };
    let mut out = out::open(args.output.as_deref())?;
    for d in &docs {
        dateline::write_json(d, &opts, &mut out)?;
    }
    out.flush()?;
    Ok(exit(failed))
}

/// Named-entity records: the name mentions (not descriptions or pronouns), flat, as
/// score_ner.py reads them.
///
/// Records that share a `doc` field are sentences of one article: they are run as one
/// document (joined by blank lines, in file order), as the pipeline runs a real article, and
/// the mentions are given back to each record.
fn ner(args: &Args) -> anyhow::Result<ExitCode> {
    let pipeline =
        Pipeline::new(&[Layer::Entities], args.models.as_deref()).context("loading models")?;
    let mut set = NerSet::read(&args.gold)?;
    let failed = run_all(&pipeline, set.articles.par_iter_mut().map(|a| &mut a.doc));
    let mut per_record: Vec<Vec<serde_json::Value>> = vec![Vec::new(); set.records.len()];
    for a in &set.articles {
        set.names(a, &a.doc.mentions, &mut per_record);
    }
    let mut out = out::open(args.output.as_deref())?;
    set.write(&per_record, &mut out)?;
    out.flush()?;
    Ok(exit(failed))
}

/// A NER gold file with its records grouped into articles (records that share a `doc`).
pub(crate) struct NerSet {
    /// Every record, in file order.
    pub records: Vec<GoldRecord>,
    /// The articles, in order of their first record.
    pub articles: Vec<NerArticle>,
}

/// One article of a [`NerSet`]: its records joined into one document.
pub(crate) struct NerArticle {
    /// The records joined by blank lines, in file order.
    pub doc: Document,
    /// (record index, byte range of the record in `doc`) per record.
    pub ranges: Vec<(usize, std::ops::Range<usize>)>,
}

impl NerSet {
    /// Reads a gold file and groups its records.
    pub fn read(path: &Path) -> anyhow::Result<NerSet> {
        let records = gold_records(path)?;
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut group_of: std::collections::HashMap<String, usize> = Default::default();
        for (r, rec) in records.iter().enumerate() {
            let doc = rec
                .value
                .get("doc")
                .and_then(|x| x.as_str())
                .map_or_else(|| rec.id.clone(), str::to_string);
            let g = *group_of.entry(doc.clone()).or_insert_with(|| {
                groups.push((doc, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(r);
        }
        let articles = groups
            .into_iter()
            .map(|(_, g)| {
                let mut body = String::new();
                let mut ranges = Vec::new();
                for &r in &g {
                    if !body.is_empty() {
                        body.push_str("\n\n");
                    }
                    let start = body.len();
                    body.push_str(&records[r].text);
                    ranges.push((r, start..body.len()));
                }
                let doc = Document::new(records[g[0]].id.clone(), body);
                NerArticle { doc, ranges }
            })
            .collect();
        Ok(NerSet { records, articles })
    }

    /// Adds the name mentions among `mentions` (of article `a`) to the records they fall in,
    /// as score_ner.py entities with code point spans.
    pub fn names(
        &self,
        a: &NerArticle,
        mentions: &[dateline_document::Mention],
        per_record: &mut [Vec<serde_json::Value>],
    ) {
        for (r, range) in &a.ranges {
            let offsets = dateline::CharOffsets::new(&self.records[*r].text);
            for m in mentions.iter().filter(|m| {
                m.form == dateline::MentionForm::Name
                    && m.span.start >= range.start
                    && m.span.end <= range.end
            }) {
                let span =
                    dateline::Span::new(m.span.start - range.start, m.span.end - range.start);
                per_record[*r]
                    .push(serde_json::json!({"span": offsets.span(span), "type": m.kind.as_str()}));
            }
        }
    }

    /// Writes one `{"id", "entities"}` line per record.
    pub fn write(
        &self,
        per_record: &[Vec<serde_json::Value>],
        out: &mut dyn std::io::Write,
    ) -> anyhow::Result<()> {
        for (rec, entities) in self.records.iter().zip(per_record) {
            serde_json::to_writer(
                &mut *out,
                &serde_json::json!({"id": rec.id, "entities": entities}),
            )?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Quotation records: content, local speaker, speaker name and kind per quote, as
/// score_quotes.py reads them.
fn quotes(args: &Args) -> anyhow::Result<ExitCode> {
    let pipeline =
        Pipeline::new(&[Layer::Quotes], args.models.as_deref()).context("loading models")?;
    let mut docs = read_records(&args.gold, "published")?;
    let failed = run_all(&pipeline, docs.par_iter_mut());
    let mut out = out::open(args.output.as_deref())?;
    for d in &docs {
        let offsets = dateline::CharOffsets::new(&d.text);
        let quotes: Vec<serde_json::Value> = d
            .quotes
            .iter()
            .filter(|q| args.kinds.is_empty() || args.kinds.iter().any(|k| k == q.kind.as_str()))
            .map(|q| {
                serde_json::json!({
                    "content": offsets.span(q.content),
                    "speaker": q.speaker.map(|s| offsets.span(s)),
                    "speaker_name": dateline::speaker_name(d, q),
                    "kind": q.kind.as_str(),
                })
            })
            .collect();
        serde_json::to_writer(&mut out, &serde_json::json!({"id": d.id, "quotes": quotes}))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(exit(failed))
}

/// Event records: each sentence coded with the dictionaries and options its record names,
/// written as {"id", "events": [{"source", "target", "code"}]} for score_events.py.
fn events(args: &Args) -> anyhow::Result<ExitCode> {
    use dateline::events::{plover_2016, Coder, Options};
    let pipeline =
        Pipeline::new(&[Layer::Events], args.models.as_deref()).context("loading models")?;
    let mut docs = Vec::new();
    // Per record: dictionary set and options.
    let mut settings: Vec<(String, Options)> = Vec::new();
    for GoldRecord {
        id,
        text: body,
        value: v,
    } in gold_records(&args.gold)?
    {
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let mut d = Document::new(id, body);
        // YYYYMMDD -> YYYY-MM-DD, the form the time stage reads.
        d.meta.published = field("date").map(|s| match s.len() {
            8 if s.bytes().all(|b| b.is_ascii_digit()) => {
                format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])
            }
            _ => s,
        });
        let require_dyad = v
            .get("config")
            .and_then(|c| c.get("require_dyad"))
            .and_then(|x| x.as_str())
            .map(|x| !x.eq_ignore_ascii_case("false"))
            .unwrap_or(true);
        let set = field("dictionaries").unwrap_or_else(|| "phoenix".into());
        settings.push((set, Options { require_dyad }));
        docs.push(d);
    }
    let mut coders: std::collections::HashMap<String, Coder> = Default::default();
    for (set, _) in &settings {
        if set != "phoenix" && !coders.contains_key(set) {
            coders.insert(set.clone(), Coder::for_set(set)?);
        }
    }
    let failed = run_all(&pipeline, docs.par_iter_mut());
    let phoenix = pipeline.coder().context("the events layer has no coder")?;
    let plover = args.ontology == "plover";
    let mut out = out::open(args.output.as_deref())?;
    for (d, (set, options)) in docs.iter().zip(&settings) {
        let coder = coders.get(set).unwrap_or(phoenix);
        let events = if set == "phoenix" && *options == Options::default() {
            d.events.clone()
        } else {
            coder.code_with(d, *options)
        };
        let list: Vec<serde_json::Value> = events
            .iter()
            .flat_map(|e| {
                let code = if plover {
                    let info = coder.ontology().get(&e.cameo);
                    let mode = info.and_then(|i| i.plover_mode.as_deref());
                    e.plover.as_deref().map(|p| plover_2016(&e.cameo, p, mode))
                } else {
                    Some(e.cameo.clone())
                };
                code.map(|c| serde_json::json!({"source": e.source.code, "target": e.target.code, "code": c}))
            })
            .collect();
        serde_json::to_writer(&mut out, &serde_json::json!({"id": d.id, "events": list}))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(exit(failed))
}

/// Reads a gold JSON Lines file of {"id", "text", <date_field>?} records.
fn read_records(path: &Path, date_field: &str) -> anyhow::Result<Vec<Document>> {
    Ok(gold_records(path)?
        .into_iter()
        .map(|r| {
            let mut d = Document::new(r.id, r.text);
            d.meta.published = r
                .value
                .get(date_field)
                .and_then(|x| x.as_str())
                .map(str::to_string);
            d
        })
        .collect())
}

/// One line of a gold JSON Lines file: its id and text, and the whole record for the fields
/// each task reads (`doc`, `dct`, `date`, `config`, ...).
pub(crate) struct GoldRecord {
    pub id: String,
    pub text: String,
    pub value: serde_json::Value,
}

/// Reads every non-blank line of a gold file; a line that is not JSON or lacks `id` or `text`
/// is an error naming the file and line (a gold file is not user input to be skipped past).
fn gold_records(path: &Path) -> anyhow::Result<Vec<GoldRecord>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let field = |k: &str| value.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let (Some(id), Some(text)) = (field("id"), field("text")) else {
            anyhow::bail!(
                "{}:{}: a gold record needs \"id\" and \"text\"",
                path.display(),
                n + 1
            );
        };
        out.push(GoldRecord { id, text, value });
    }
    Ok(out)
}
