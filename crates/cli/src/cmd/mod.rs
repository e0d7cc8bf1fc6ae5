//! One module per subcommand: an `Args` struct whose doc comments are the help text, and `run`.

pub mod bench;
pub mod entities;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod quotes;
pub mod search;
pub mod train;

use dateline::Layer;

/// Parses `--layers tokens,pos` into layers.
pub fn parse_layers(s: &str) -> Result<Vec<Layer>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(Layer::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_parse_and_unknown_names_list_the_valid_ones() {
        assert_eq!(
            parse_layers("tokens, deps").unwrap(),
            vec![Layer::Tokens, Layer::Deps]
        );
        let e = parse_layers("tokens,quotes").unwrap_err();
        assert!(
            e.contains("valid layers are tokens, sentences, pos, deps"),
            "{e}"
        );
    }
}
