//! Output destinations shared by the subcommands.

use anyhow::Context;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Opens `-o FILE`, or standard output when absent or `-`.
pub fn open(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) if p.as_os_str() != "-" => Box::new(BufWriter::with_capacity(
            1 << 16,
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        _ => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
    })
}

/// True when the error is a closed pipe (`dateline extract | head`): that ends quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
