//! Writes the tagged treebanks `dateline train parser` trains on, so parser experiments can
//! skip the five jackknife taggers (minutes) and start from the files:
//! `train-jk.conllu` (EWT + GUM train, each sentence tagged by a tagger that did not see it) and
//! `DEV.tagged.conllu` per dev file (tagged by the shipped tagger).
//!
//! ```text
//! cargo run --release -p dateline-tag --example tag_cache -- OUTDIR [--data DIR] [--seed S] [--tagger models/tagger.dlm]
//! cargo run --release -p dateline-parse --example train_parser -- OUT.dlm --given OUTDIR
//! ```
use dateline_conllu::Sentence;
use dateline_learn::ModelFile;
use dateline_tag::{jackknife, retag_files, Tagger, TrainOptions, JACKKNIFE_FOLDS};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes the words of `sents` as CoNLL-U (no multi-word token lines: the parser trains on words).
fn write(path: &Path, sents: &[Sentence]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for s in sents {
        if !s.id.is_empty() {
            writeln!(out, "# sent_id = {}", s.id)?;
        }
        for (i, w) in s.words.iter().enumerate() {
            let d = |x: &str| {
                if x.is_empty() {
                    "_".to_string()
                } else {
                    x.to_string()
                }
            };
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_",
                i + 1,
                w.form,
                d(&w.lemma),
                d(&w.upos),
                d(&w.xpos),
                w.head,
                d(&w.deprel)
            )?;
        }
        writeln!(out)?;
    }
    out.flush()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut data = PathBuf::from("../shared/data/ud");
    let mut tagger = PathBuf::from("models/tagger.dlm");
    let mut seed = 1;
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(val()?),
            "--seed" => seed = val()?.parse()?,
            "--tagger" => tagger = PathBuf::from(val()?),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let out = out.ok_or("usage: tag_cache OUTDIR [--data DIR] [--seed S] [--tagger FILE]")?;
    std::fs::create_dir_all(&out)?;
    let opts = TrainOptions {
        train: vec![
            data.join("en_ewt-ud-train.conllu"),
            data.join("en_gum-ud-train.conllu"),
        ],
        dev: vec![
            data.join("en_ewt-ud-dev.conllu"),
            data.join("en_gum-ud-dev.conllu"),
        ],
        seed,
        ..Default::default()
    };
    let tagger = Tagger::from_model(&ModelFile::load(&tagger)?, &tagger.display().to_string())?;
    for (fi, dev) in opts.dev.iter().enumerate() {
        let sents: Vec<Sentence> = retag_files(&tagger, std::slice::from_ref(dev))?
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let name = dev.file_stem().map(|f| f.to_string_lossy().into_owned());
        let path = out.join(format!("{}.tagged.conllu", name.unwrap_or(fi.to_string())));
        write(&path, &sents)?;
        eprintln!("wrote {}", path.display());
    }
    let jk = jackknife(&opts, JACKKNIFE_FOLDS)?;
    write(&out.join("train-jk.conllu"), &jk)?;
    eprintln!("wrote {}", out.join("train-jk.conllu").display());
    Ok(())
}
