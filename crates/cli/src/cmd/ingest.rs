//! `dateline ingest`: articles in, stored in the database with every layer the pipeline finds.

use anyhow::Context;
use dateline::read::{self, Format, Item};
use dateline::{Document, Layer, Pipeline};
use dateline_store::{Extra, Store, Stored};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Run the pipeline over articles and store them, with their layers, in a SQLite database.
///
/// PATHs are files (text, JSON Lines, HTML, WARC or .warc.gz) or directories (every such
/// file below them, sorted). With no PATH, the example articles bundled in the binary are
/// ingested. An article already in the database (same canonical URL or same text) is skipped,
/// so running the same command again resumes an interrupted run. Each article is stored in its
/// own transaction: stopping the process never loses an article counted as stored.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to ingest (default: the bundled example articles).
    pub paths: Vec<PathBuf>,
    /// The database file; created if missing.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    pub db: PathBuf,
    /// Input format: auto, text, jsonl, html or warc.
    #[arg(long, default_value = "auto")]
    pub format: Format,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Load models from DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Print no progress and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The bundled examples (invented articles in `examples/`), for a first run with no input.
const EXAMPLES: &[(&str, &[u8])] = &[
    (
        "examples/river-treaty.txt",
        include_bytes!("../../../../examples/river-treaty.txt"),
    ),
    (
        "examples/port-strike.txt",
        include_bytes!("../../../../examples/port-strike.txt"),
    ),
    (
        "examples/council-budget.txt",
        include_bytes!("../../../../examples/council-budget.txt"),
    ),
    (
        "examples/articles.jsonl",
        include_bytes!("../../../../examples/articles.jsonl"),
    ),
    (
        "examples/lisbon-docks.html",
        include_bytes!("../../../../examples/lisbon-docks.html"),
    ),
    (
        "examples/kenya-power-refund.html",
        include_bytes!("../../../../examples/kenya-power-refund.html"),
    ),
    (
        "examples/tea-pickers-blog.html",
        include_bytes!("../../../../examples/tea-pickers-blog.html"),
    ),
];

/// Articles run through the pipeline together: enough to keep every core busy, few enough
/// that an interrupted run has little unstored work in flight.
const BATCH: usize = 64;

#[derive(Default)]
struct Counts {
    stored: usize,
    skipped: usize,
    failed: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The plan first: pool, models, database, inputs; only then the first article.
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .ok();
    }
    let pipeline = Pipeline::new(&Layer::ALL, args.models.as_deref()).context("loading models")?;
    let open = || Store::open(&args.db).with_context(|| format!("opening {}", args.db.display()));
    // Two connections: this thread asks what is stored already, the writer thread stores.
    let reader = open()?;
    let writer_store = open()?;
    let mut counts = Counts::default();
    let (files, errors) = read::expand(&args.paths);
    for e in errors {
        eprintln!("dateline: {e}");
        counts.failed += 1;
    }
    type Source = Box<dyn FnOnce() -> read::Result<Box<dyn Iterator<Item = Item> + Send>>>;
    let sources: Vec<Source> = if args.paths.is_empty() {
        EXAMPLES
            .iter()
            .map(|&(name, bytes)| {
                let f = args.format;
                Box::new(move || read::open_bytes(name, bytes.to_vec(), f))
                    as Box<dyn FnOnce() -> _>
            })
            .collect()
    } else {
        files
            .into_iter()
            .map(|p| {
                let f = args.format;
                Box::new(move || read::open(&p, f)) as Box<dyn FnOnce() -> _>
            })
            .collect()
    };

    let mut progress = Progress::new(!args.quiet && std::io::stderr().is_terminal());
    // The writer stores batch N while the pipeline runs on batch N + 1; the channel holds at
    // most one batch, so memory stays bounded whatever the input size.
    let (stored, duplicates) = (AtomicUsize::new(0), AtomicUsize::new(0));
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Document>>(1);
        let (stored, duplicates) = (&stored, &duplicates);
        let writer = scope.spawn(move || -> anyhow::Result<()> {
            let mut store = writer_store;
            for batch in rx {
                for d in batch {
                    match store.add(&d, &Extra::from_document(&d))? {
                        Stored::New(_) => stored.fetch_add(1, Ordering::Relaxed),
                        Stored::Duplicate(_) => duplicates.fetch_add(1, Ordering::Relaxed),
                    };
                }
            }
            Ok(())
        });
        let snapshot = |c: &Counts| Counts {
            stored: stored.load(Ordering::Relaxed),
            skipped: c.skipped + duplicates.load(Ordering::Relaxed),
            failed: c.failed,
        };
        let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
        // An article a stage fails on (a bug) is not stored, so that a rerun after the fix
        // processes it instead of skipping it as stored.
        let send = |batch: &mut Vec<Document>, progress: &mut Progress, failed: &mut usize| {
            let ran: Vec<_> = batch.par_iter_mut().map(|d| pipeline.try_run(d)).collect();
            let mut keep = Vec::with_capacity(batch.len());
            for (d, r) in batch.drain(..).zip(ran) {
                match r {
                    Ok(()) => keep.push(d),
                    Err(e) => {
                        progress.clear();
                        eprintln!("dateline: article {}: {e}; not stored", d.id);
                        *failed += 1;
                    }
                }
            }
            tx.send(keep).is_ok()
        };
        'sources: for source in sources {
            let items = match source() {
                Ok(items) => items,
                Err(e) => {
                    progress.clear();
                    eprintln!("dateline: {e}");
                    counts.failed += 1;
                    continue;
                }
            };
            for item in items {
                match item {
                    Ok(doc) => {
                        if reader.contains(&doc)?.is_some() {
                            counts.skipped += 1;
                            continue;
                        }
                        batch.push(doc);
                        if batch.len() == BATCH {
                            if !send(&mut batch, &mut progress, &mut counts.failed) {
                                break 'sources; // the writer stopped: its error follows
                            }
                            progress.show(&snapshot(&counts));
                        }
                    }
                    Err(e) => {
                        progress.clear();
                        eprintln!("dateline: {e}");
                        counts.failed += 1;
                    }
                }
            }
        }
        if !batch.is_empty() {
            send(&mut batch, &mut progress, &mut counts.failed);
        }
        drop(tx);
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the database writer stopped unexpectedly"))??;
        counts = snapshot(&counts);
        Ok(())
    })?;
    progress.clear();
    if !args.quiet {
        let secs = progress.started.elapsed().as_secs_f64();
        eprintln!(
            "dateline: {} stored, {} skipped (already stored), {} failed in {secs:.2} s ({:.1} articles/s) -> {}",
            counts.stored,
            counts.skipped,
            counts.failed,
            counts.stored as f64 / secs.max(1e-9),
            args.db.display()
        );
    }
    Ok(if counts.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One line on a terminal, redrawn at most five times a second.
struct Progress {
    on: bool,
    started: Instant,
    last: Instant,
    drawn: bool,
}

impl Progress {
    fn new(on: bool) -> Progress {
        let now = Instant::now();
        Progress {
            on,
            started: now,
            last: now,
            drawn: false,
        }
    }

    fn show(&mut self, c: &Counts) {
        if !self.on || self.last.elapsed() < Duration::from_millis(200) {
            return;
        }
        self.last = Instant::now();
        let rate = c.stored as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
        eprint!(
            "\r\x1b[2Kingest: {} stored, {} skipped, {} failed, {rate:.1} articles/s",
            c.stored, c.skipped, c.failed
        );
        let _ = std::io::stderr().flush();
        self.drawn = true;
    }

    fn clear(&mut self) {
        if self.drawn {
            eprint!("\r\x1b[2K");
            self.drawn = false;
        }
    }
}
