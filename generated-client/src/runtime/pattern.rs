//! `pattern`: ECMA-262 regular expressions (as OpenAPI specifies them), matched anywhere in
//! the value (JSON Schema patterns are not anchored; `^...$` anchors them). Each pattern is
//! compiled once per process and kept, so a call pays only for the match.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Compiled patterns by their source text; `None` for one that does not compile (the
/// generator refuses those, so only a hand-written call can meet one).
type Cache = HashMap<&'static str, Option<regress::Regex>>;

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Whether `value` matches `pattern`; `Err` with the compiler's message when the pattern is
/// not a valid ECMA-262 expression.
pub(crate) fn matches(pattern: &'static str, value: &str) -> Result<bool, String> {
    // A poisoned lock only means another thread panicked while inserting; the map is
    // still a map of compiled patterns.
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    let compiled = cache
        .entry(pattern)
        .or_insert_with(|| regress::Regex::new(pattern).ok());
    match compiled {
        // ASCII text is matched as bytes: the same answer, without decoding characters.
        Some(regex) if value.is_ascii() => Ok(regex.find_ascii(value).is_some()),
        Some(regex) => Ok(regex.find(value).is_some()),
        None => Err(regress::Regex::new(pattern)
            .err()
            .map_or_else(|| "invalid pattern".to_string(), |e| e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn ecma_semantics_unanchored() {
        assert_eq!(matches("^[a-zA-Z][a-zA-Z0-9_]*$", "user_1"), Ok(true));
        assert_eq!(matches("^[a-zA-Z][a-zA-Z0-9_]*$", "1user"), Ok(false));
        assert_eq!(matches("^[a-zA-Z][a-zA-Z0-9_]*$", "usér"), Ok(false));
        assert_eq!(matches("^\\w+é$", "abé"), Ok(true));
        assert_eq!(matches("^.$", "例"), Ok(true));
        assert_eq!(matches("b", "abc"), Ok(true));
        // Lookahead: ECMA-262 has it (the `regex` crate does not).
        assert_eq!(matches("^(?=.*\\d)\\w+$", "abc1"), Ok(true));
        assert_eq!(matches("^(?=.*\\d)\\w+$", "abc"), Ok(false));
        assert!(matches("(", "x").is_err());
    }
}
