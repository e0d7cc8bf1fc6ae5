//! Trains the tagger from the shared UD data and writes the model: used while developing; the
//! `dateline train tagger` command does the same.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = std::path::PathBuf::from(args.get(1).map_or("../shared/data/ud", |s| s));
    let out = args.get(2).map_or("models/tagger.dlm", |s| s);
    let epochs = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(14);
    let mix = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(1);
    let opts = dateline_tag::TrainOptions {
        // TRAIN_FILES=a.conllu,b.conllu (names inside the data directory) overrides the files.
        train: match std::env::var("TRAIN_FILES") {
            Ok(v) => v.split(',').map(|f| data.join(f)).collect(),
            Err(_) => vec![
                data.join("en_ewt-ud-train.conllu"),
                data.join("en_gum-ud-train.conllu"),
            ],
        },
        dev: vec![
            data.join("en_ewt-ud-dev.conllu"),
            data.join("en_gum-ud-dev.conllu"),
        ],
        epochs,
        mix,
        ..Default::default()
    };
    let model = dateline_tag::train(&opts)?;
    model.save(out.as_ref())?;
    eprintln!("wrote {out}");
    Ok(())
}
