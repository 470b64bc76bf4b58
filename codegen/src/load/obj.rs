//! One mapping being read: typed getters that report a value of the wrong type, and the
//! report of every key nobody asked for.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::spec::At;
use crate::yaml::{Key, Node, Pos, Value};

use super::ctx::Ctx;
use std::collections::{HashMap, HashSet};

/// A mapping being read: remembers which keys were asked for, so the rest can be reported.
pub(super) struct Obj<'a> {
    ctx: &'a Ctx,
    pos: Pos,
    what: &'a str,
    entries: &'a [(Key, Node)],
    /// Each key's first entry.
    by_key: HashMap<&'a str, usize>,
    /// The keys asked for, in the order asked (the order "did you mean" weighs ties in).
    known: Vec<&'static str>,
    known_set: HashSet<&'static str>,
}

impl<'a> Obj<'a> {
    /// `None` (with an error) when the node is not a mapping.
    pub(super) fn new(ctx: &'a Ctx, node: &'a Node, what: &'a str) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => {
                let mut by_key = HashMap::new();
                for (i, (key, _)) in entries.iter().enumerate() {
                    by_key.entry(key.text.as_str()).or_insert(i);
                }
                Some(Obj {
                    ctx,
                    pos: node.pos,
                    what,
                    entries,
                    by_key,
                    known: Vec::new(),
                    known_set: HashSet::new(),
                })
            }
            _ => {
                ctx.error(Diagnostic::new(
                    node.pos,
                    format!("{what} must be a mapping, found {}", node.kind()),
                ));
                None
            }
        }
    }

    /// Where `key` is written, if it is.
    pub(super) fn key_pos(&self, key: &str) -> Option<Pos> {
        self.by_key.get(key).map(|&i| self.entries[i].0.pos)
    }

    /// Whether `key` is written (whatever its value).
    pub(super) fn has(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The value of `key`, without marking the key as read.
    pub(super) fn peek(&self, key: &str) -> Option<&'a Node> {
        self.by_key.get(key).map(|&i| &self.entries[i].1)
    }

    fn mark_known(&mut self, key: &'static str) {
        if self.known_set.insert(key) {
            self.known.push(key);
        }
    }

    pub(super) fn get(&mut self, key: &'static str) -> Option<&'a Node> {
        self.mark_known(key);
        self.peek(key)
    }

    /// Known keys whose value the generator does not use (examples, tags, ...).
    pub(super) fn ignore(&mut self, keys: &[&'static str]) {
        for key in keys {
            self.mark_known(key);
        }
    }

    pub(super) fn wrong_type(&self, key: &str, node: &Node, expected: &str) {
        self.ctx.error(Diagnostic::new(
            node.pos,
            format!(
                "`{key}` in {} must be {expected}, found {}",
                self.what,
                node.kind()
            ),
        ));
    }

    pub(super) fn string(&mut self, key: &'static str) -> Option<At<String>> {
        let node = self.get(key)?;
        match &node.value {
            Value::Str(s) => Some(At::new(node.pos, s.clone())),
            _ => {
                self.wrong_type(key, node, "a string");
                None
            }
        }
    }

    pub(super) fn text(&mut self, key: &'static str) -> Option<String> {
        self.string(key).map(|s| s.value)
    }

    pub(super) fn required_string(&mut self, key: &'static str) -> Option<At<String>> {
        let found = self.string(key);
        if found.is_none() && !self.has(key) {
            self.ctx.error(Diagnostic::new(
                self.pos,
                format!("{} is missing the required key `{key}`", self.what),
            ));
        }
        found
    }

    pub(super) fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let node = self.get(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(key, node, "true or false");
                None
            }
        }
    }

    pub(super) fn flag(&mut self, key: &'static str) -> bool {
        self.boolean(key).unwrap_or(false)
    }

    /// Checks that a key the generator does not use is a boolean, as OpenAPI says.
    pub(super) fn check_boolean(&mut self, key: &'static str) {
        self.boolean(key);
    }

    /// Checks that a key the generator does not use is a string, as OpenAPI says.
    pub(super) fn check_string(&mut self, key: &'static str) {
        self.string(key);
    }

    pub(super) fn count(&mut self, key: &'static str) -> Option<At<u64>> {
        let node = self.get(key)?;
        match node.value {
            Value::Int(i) if i >= 0 => Some(At::new(node.pos, i as u64)),
            _ => {
                self.wrong_type(key, node, "a non-negative integer");
                None
            }
        }
    }

    pub(super) fn number(&mut self, key: &'static str) -> Option<At<f64>> {
        let node = self.get(key)?;
        match node.value {
            Value::Int(i) => Some(At::new(node.pos, i as f64)),
            Value::Float(f) if f.is_finite() => Some(At::new(node.pos, f)),
            Value::Float(_) => {
                self.wrong_type(key, node, "a finite number");
                None
            }
            _ => {
                self.wrong_type(key, node, "a number");
                None
            }
        }
    }

    pub(super) fn mapping(&mut self, key: &'static str) -> &'a [(Key, Node)] {
        match self.get(key) {
            None => &[],
            Some(node) => match &node.value {
                Value::Map(entries) => entries,
                _ => {
                    self.wrong_type(key, node, "a mapping");
                    &[]
                }
            },
        }
    }

    pub(super) fn list(&mut self, key: &'static str) -> &'a [Node] {
        match self.get(key) {
            None => &[],
            Some(node) => match &node.value {
                Value::Seq(items) => items,
                _ => {
                    self.wrong_type(key, node, "a list");
                    &[]
                }
            },
        }
    }

    pub(super) fn strings(&mut self, key: &'static str) -> Vec<At<String>> {
        let what = self.what;
        let ctx = self.ctx;
        self.list(key)
            .iter()
            .filter_map(|item| match &item.value {
                Value::Str(s) => Some(At::new(item.pos, s.clone())),
                _ => {
                    ctx.error(Diagnostic::new(
                        item.pos,
                        format!(
                            "each item of `{key}` in {what} must be a string, found {}",
                            item.kind()
                        ),
                    ));
                    None
                }
            })
            .collect()
    }

    /// Reports every key nobody asked for.
    pub(super) fn finish(self) {
        for (key, _) in self.entries {
            if self.known_set.contains(key.text.as_str()) {
                continue;
            }
            let mut d = Diagnostic::new(
                key.pos,
                format!("unknown key `{}` in {}", key.text, self.what),
            );
            if let Some(close) = did_you_mean(&key.text, self.known.iter().copied()) {
                d = d.with_hint(format!("did you mean `{close}`?"));
            } else if key.text.starts_with("x-") {
                d = d.with_hint("the generator knows the extensions listed in specs/README.md; any other would be ignored, so it is refused");
            }
            self.ctx.error(d);
        }
    }
}
