//! Rust names for wire names: `snake_case` for fields and functions, `UpperCamel` for types
//! and variants, never a keyword, always a valid ASCII identifier.

use std::collections::HashSet;

/// Splits `createDDMUsers-info_v2` into `create`, `DDM`, `Users`, `info`, `v2`.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_ascii_uppercase() => {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Type names the generated module already uses or takes from the prelude: a model with one
/// of these names would clash with, or shadow, what the generated code means.
pub const RESERVED_TYPES: &[&str] = &[
    "Client",
    "String",
    "Option",
    "Some",
    "None",
    "Vec",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "ToString",
    "ToOwned",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
];

/// Methods every generated `Client` has besides its operations.
pub const RESERVED_METHODS: &[&str] = &["builder", "runtime", "service"];

/// Names the body of a generated method uses for its own variables; a parameter with one of
/// these names is renamed (`path` → `path_2`) so it cannot be shadowed.
/// `client` and `send` are taken by the call builder, `answer` by the doc example.
pub const RESERVED_LOCALS: &[&str] = &[
    "body", "path", "request", "v", "value", "item", "rt", "client", "send", "answer",
];

fn not_keyword(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// `snake_case`; `fallback` is used when the name has no ASCII letter or digit at all.
pub fn snake(name: &str, fallback: &str) -> String {
    let joined = words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    let joined = if joined.is_empty() {
        fallback.to_string()
    } else {
        joined
    };
    let joined = if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{joined}")
    } else {
        joined
    };
    not_keyword(joined)
}

/// `UpperCamel`; `fallback` is used when the name has no ASCII letter or digit at all.
pub fn camel(name: &str, fallback: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect();
    let joined = if joined.is_empty() {
        fallback.to_string()
    } else {
        joined
    };
    let joined = if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{joined}")
    } else {
        joined
    };
    not_keyword(joined)
}

/// Whether `name` can stand as a Rust identifier as it is: ASCII letters, digits and `_`,
/// not starting with a digit, not `_` alone, not a keyword.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !KEYWORDS.contains(&name)
}

/// Makes `name` unique among `taken` by appending `_2`, `_3`, ... (or `2`, `3` for camel names).
pub fn unique(name: String, taken: &HashSet<String>, camel_case: bool) -> String {
    if !taken.contains(&name) {
        return name;
    }
    (2..)
        .map(|n| {
            if camel_case {
                format!("{name}{n}")
            } else {
                format!("{name}_{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_cases() {
        assert_eq!(snake("createDDMUsers", "x"), "create_ddm_users");
        assert_eq!(snake("base_authority", "x"), "base_authority");
        assert_eq!(snake("X-Request-Id", "x"), "x_request_id");
        assert_eq!(snake("type", "x"), "type_");
        assert_eq!(snake("self", "x"), "self_");
        assert_eq!(snake("2fa", "x"), "_2fa");
        assert_eq!(snake("名前", "field"), "field");
        assert_eq!(camel("CreateDDMUsersInfo", "X"), "CreateDdmUsersInfo");
        assert_eq!(camel("fulltableSelect", "X"), "FulltableSelect");
        assert_eq!(camel("STORED_PROCEDURE", "X"), "StoredProcedure");
        assert_eq!(camel("on", "X"), "On");
        assert_eq!(camel("1", "X"), "V1");
        assert_eq!(camel("Self", "X"), "Self_");
    }

    #[test]
    fn every_converted_name_is_an_identifier() {
        for name in [
            "", "_", "__", "1", "type", "Self", "self", "名前", "a-b", "-", "9x", "crate",
        ] {
            assert!(is_identifier(&snake(name, "field")), "{name}");
            assert!(is_identifier(&camel(name, "Field")), "{name}");
        }
        assert!(!is_identifier("type"));
        assert!(!is_identifier("9a"));
        assert!(!is_identifier("_"));
    }

    #[test]
    fn makes_names_unique() {
        let taken = HashSet::from(["user_name".to_string()]);
        assert_eq!(unique("user_name".into(), &taken, false), "user_name_2");
        assert_eq!(unique("other".into(), &taken, false), "other");
    }
}
