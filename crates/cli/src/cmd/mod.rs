//! One module per subcommand: an `Args` struct whose doc comments are the help text, and `run`.

pub mod bench;
pub mod entities;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod quotes;
pub mod search;
pub mod serve;
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

/// Parses `--published 2025-03-08`.
pub fn parse_date(s: &str) -> Result<dateline::Date, String> {
    dateline::Date::parse(s).ok_or_else(|| format!("'{s}' is not a date: write it as YYYY-MM-DD"))
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
        let e = parse_layers("tokens,nonsense").unwrap_err();
        assert!(
            e.contains("valid layers are tokens, sentences, pos, deps"),
            "{e}"
        );
    }
}
