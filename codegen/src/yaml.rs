//! A YAML document as a tree of nodes that remember where they stand in the source.
//!
//! serde-saphyr parses; we keep the positions (`Spanned`) of every key and value so that
//! every later error can point at the exact line and column a person has to edit.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A 1-based line and column in a spec file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// One YAML node and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order; keys are always text (a YAML key `200` reads as "200").
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub pos: Pos,
    pub text: String,
}

impl Node {
    /// A short name of the node's kind, for messages such as "expected a mapping, found a list".
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(f) if !f.is_finite() => "an infinite or NaN number",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The node as plain JSON (the `success` value of `x-body-error`).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Int(i) => (*i).into(),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Str(s) => s.clone().into(),
            Value::Seq(items) => items.iter().map(Node::to_json).collect(),
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| (k.text.clone(), v.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
}

/// Why a text is not a YAML document we can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

/// How deeply a spec may nest lists and mappings. Real specs stay near 15; reading each
/// level takes stack, and the limit keeps a hostile file from exhausting a 2 MiB thread.
pub const MAX_DEPTH: usize = 40;

/// Parses one YAML document. Duplicate keys, tabs and other syntax errors come back located.
pub fn parse(source: &str) -> Result<Node, ParseError> {
    // YAML 1.1 reads `no`, `off` and `n` as false; OpenAPI documents mean the text.
    // serde-saphyr's default budget stops at 250,000 nodes, which a spec of about 2,000
    // operations passes. Every node or event takes at least one byte of text (aliases are
    // limited on their own), so limits that grow with the input keep the work linear in its
    // size without refusing large, real specs.
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_nodes: source.len().max(250_000),
            max_events: source.len().saturating_mul(2).max(1_000_000),
        },
    };
    match serde_saphyr::from_str_with_options::<Spanned<RawValue>>(source, options) {
        Ok(root) => Ok(node_of(root)),
        Err(error) => {
            let pos = error
                .location()
                .map(|loc| Pos {
                    line: loc.line() as usize,
                    column: loc.column() as usize,
                })
                .unwrap_or(Pos { line: 1, column: 1 });
            // The parser's limit on nested flow collections and the budget's on depth are
            // one rule to the person reading the message.
            let too_deep = matches!(
                error.without_snippet(),
                serde_saphyr::Error::Budget {
                    breach: serde_saphyr::budget::BudgetBreach::Depth { .. },
                    ..
                }
            );
            let message = first_line_of(&error.to_string());
            let message = if too_deep || message == "recursion limit exceeded" {
                format!("lists and mappings nest deeper than {MAX_DEPTH} levels")
            } else {
                message
            };
            Err(ParseError { pos, message })
        }
    }
}

/// serde-saphyr's message starts with "error: line L column C: what"; keep only "what",
/// without advice meant for the program that calls the parser.
fn first_line_of(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message);
    let line = line.strip_prefix("error: ").unwrap_or(line);
    let line = match line.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => line,
    };
    let line = line
        .split_once(", set DuplicateKeyPolicy")
        .map_or(line, |(what, _)| what);
    match line.strip_suffix(" rejected by the configured policy") {
        Some(what) => format!("{what}: write a finite number"),
        None => line.to_string(),
    }
}

fn pos_of<T>(spanned: &Spanned<T>) -> Pos {
    Pos {
        line: spanned.referenced.line() as usize,
        column: spanned.referenced.column() as usize,
    }
}

/// A node read with its position, straight into the tree: lists and mappings are built
/// once, as they are read, with no intermediate tree to convert.
fn node_of(spanned: Spanned<RawValue>) -> Node {
    Node {
        pos: pos_of(&spanned),
        value: spanned.value.0,
    }
}

/// What serde-saphyr hands us inside its `Spanned` position wrapper.
struct RawValue(Value);

/// A mapping key read as text whatever its YAML type (`200:` is the status "200").
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<KeyText, E> {
                Ok(KeyText(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_string()))
            }
        }
        deserializer.deserialize_string(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_unit<E>(self) -> Result<RawValue, E> {
                Ok(RawValue(Value::Null))
            }
            fn visit_none<E>(self) -> Result<RawValue, E> {
                Ok(RawValue(Value::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
                RawValue::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue(Value::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue(Value::Int(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                i64::try_from(v)
                    .map(|i| RawValue(Value::Int(i)))
                    .map_err(|_| E::custom(format!("integer {v} is too large")))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue(Value::Float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue(Value::Str(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
                Ok(RawValue(Value::Str(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
                    items.push(node_of(item));
                }
                Ok(RawValue(Value::Seq(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) =
                    map.next_entry::<Spanned<KeyText>, Spanned<RawValue>>()?
                {
                    let key = Key {
                        pos: pos_of(&key),
                        text: key.value.0,
                    };
                    entries.push((key, node_of(value)));
                }
                Ok(RawValue(Value::Map(entries)))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let doc = parse("a: 1\nb:\n  c: [x, 'no']\n").expect("valid yaml");
        let Value::Map(entries) = &doc.value else {
            panic!("root is a mapping")
        };
        assert_eq!(entries[1].0.text, "b");
        assert_eq!(entries[1].0.pos, Pos { line: 2, column: 1 });
        let Value::Map(inner) = &entries[1].1.value else {
            panic!("b is a mapping")
        };
        assert_eq!(inner[0].0.pos, Pos { line: 3, column: 3 });
        let Value::Seq(items) = &inner[0].1.value else {
            panic!("c is a list")
        };
        assert_eq!(items[1].value, Value::Str("no".into()));
    }

    #[test]
    fn numeric_keys_are_text_and_no_is_not_false() {
        let doc = parse("200: ok\nn: no\n").expect("valid yaml");
        let Value::Map(entries) = &doc.value else {
            panic!("root is a mapping")
        };
        assert_eq!(entries[0].0.text, "200");
        assert_eq!(entries[1].0.text, "n");
        assert_eq!(entries[1].1.value, Value::Str("no".into()));
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = parse("a: [1, 2\nb: c: d\n").unwrap_err();
        assert_eq!(err.pos.line, 2);
        assert!(!err.message.is_empty());
        let dup = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(dup.pos, Pos { line: 2, column: 1 });
        assert!(dup.message.contains("duplicate"), "{}", dup.message);
    }

    #[test]
    fn large_documents_are_not_refused_by_a_fixed_node_budget() {
        // 300,000 list items: over serde-saphyr's default budget of 250,000 nodes, the size
        // of a spec with about 2,500 operations.
        let items = vec!["1"; 300_000].join("\n- ");
        let doc = parse(&format!("- {items}\n")).expect("a large document is read");
        let Value::Seq(items) = doc.value else {
            panic!("a list")
        };
        assert_eq!(items.len(), 300_000);
    }
}
