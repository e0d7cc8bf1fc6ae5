//! `dateline bench`: speed per stage and end to end, model load time and peak memory.

use anyhow::Context;
use dateline::read::{self, Format};
use dateline::{Document, Layer, Pipeline};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Measure speed per stage and end to end on one core, model load time and peak memory.
///
/// Reads the `text` of every record of a JSON Lines file (by default the PolNeAR dev set of
/// news articles) and runs each stage over all of them in turn, on one thread.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSON Lines file of articles.
    #[arg(default_value = "../shared/data/quotes/PolNeAR.dev.jsonl")]
    pub input: PathBuf,
    /// Passes over the input; the fastest pass is reported.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Load models from DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let t = Instant::now();
    let pipeline = Pipeline::new(&[Layer::Quotes, Layer::Events], args.models.as_deref())
        .context("loading models")?;
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;

    let mut docs = Vec::new();
    for item in read::open(&args.input, Format::Jsonl)? {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => eprintln!("dateline: {e}"),
        }
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "{}: no articles to measure",
        args.input.display()
    );
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();

    // Time each stage over all documents, keeping the fastest of `repeat` passes.
    let names = [
        "segment", "tag", "parse", "entities", "time", "quotes", "events",
    ];
    let stages: [&(dyn Fn(&mut Document) + Sync); 7] = [
        &|d| pipeline.segment(d),
        &|d| pipeline.tag(d),
        &|d| pipeline.parse(d),
        &|d| pipeline.entities(d),
        &|d| pipeline.time(d),
        &|d| pipeline.quotes(d),
        &|d| pipeline.events(d),
    ];
    let mut best = [f64::MAX; 7];
    let mut tokens = 0;
    for _ in 0..args.repeat.max(1) {
        let mut work: Vec<Document> = docs.clone();
        for (k, stage) in stages.iter().enumerate() {
            let t = Instant::now();
            for d in work.iter_mut() {
                stage(d);
            }
            best[k] = best[k].min(t.elapsed().as_secs_f64());
        }
        tokens = work.iter().map(|d| d.tokens.len()).sum();
        std::hint::black_box(&work);
    }
    let core: f64 = best[..3].iter().sum();
    let total: f64 = best.iter().sum();
    let peak_mb = peak_memory_mb();
    let rate = |s: f64| tokens as f64 / s.max(1e-12);
    if args.json {
        let mut v = serde_json::json!({
            "articles": docs.len(), "tokens": tokens, "words": words,
            "core_tokens_per_s": rate(core).round(),
            "end_to_end_tokens_per_s": rate(total).round(),
            "end_to_end_words_per_s": (words as f64 / total).round(),
            "model_load_ms": load_ms.round(),
            "peak_memory_mb": peak_mb,
        });
        for (name, s) in names.iter().zip(best) {
            v[format!("{name}_tokens_per_s")] = rate(s).round().into();
        }
        println!("{v}");
    } else {
        println!(
            "{} articles, {tokens} tokens, {words} whitespace words; one thread",
            docs.len()
        );
        println!(
            "{:<22} {:>10} {:>14} {:>10}",
            "stage", "seconds", "tokens/s", "share"
        );
        for (name, s) in names.iter().zip(best) {
            println!(
                "{name:<22} {s:>10.3} {:>14.0} {:>9.1}%",
                rate(s),
                100.0 * s / total
            );
        }
        println!(
            "{:<22} {core:>10.3} {:>14.0}",
            "core (segment+tag+parse)",
            rate(core)
        );
        println!("{:<22} {total:>10.3} {:>14.0}", "end to end", rate(total));
        println!("end to end: {:.0} whitespace words/s", words as f64 / total);
        println!("models loaded in {load_ms:.0} ms; peak memory {peak_mb} MB (all articles held in memory)");
    }
    Ok(ExitCode::SUCCESS)
}

/// Peak resident memory of this process (Linux `VmHWM`), in MB; 0 where unknown.
fn peak_memory_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
