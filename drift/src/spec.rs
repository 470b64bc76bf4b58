//! A spec as drift needs it: codegen's resolved model for the comparison, and the YAML
//! tree for positions, `x-source` page names and `x-drift` entries.

use codegen::diagnostics::Diagnostic;
use codegen::ir;
use codegen::yaml::{self, Key, Node, Pos, Value};
use std::path::Path;

pub struct SpecFile {
    /// The path shown in messages (`specs/ddm.yaml`).
    pub file: String,
    pub text: String,
    pub root: Node,
    pub service: ir::Service,
}

/// A departure from the page on purpose: the spec says why it differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriftEntry {
    pub scope: Scope,
    /// A property name (in a schema) or a finding's subject (in an operation).
    pub field: String,
    pub rule: String,
    pub page_says: String,
    pub why: String,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// `paths.<path>.<method>`: applies to that operation's findings.
    Operation { path: String, method: String },
    /// `components.schemas.<name>`: applies to that schema's fields, in every operation.
    Schema(String),
}

/// The entry with `key` in a mapping node.
pub fn entry<'a>(node: &'a Node, key: &str) -> Option<(&'a Key, &'a Node)> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(k, v)| (k, v)),
        _ => None,
    }
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    entry(node, key).map(|(_, v)| v)
}

fn entries(node: &Node) -> &[(Key, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        _ => &[],
    }
}

/// `pages/ddm-create-users.zh.txt: URI, ...` → `pages/ddm-create-users.zh.txt`; a title
/// (the older form) names no stored page.
pub fn page_name(source: &str) -> Option<&str> {
    let head = source.split(": ").next().unwrap_or(source).trim();
    head.starts_with("pages/").then_some(head)
}

/// Every `x-source` of a spec that names a page missing from `specs_dir`, located at the
/// value: regen refuses these.
pub fn missing_pages(source: &str, specs_dir: &Path) -> Vec<Diagnostic> {
    let Ok(root) = yaml::parse(source) else {
        return Vec::new(); // codegen reports the YAML error itself.
    };
    let mut out = Vec::new();
    for (_, item) in get(&root, "paths").map(entries).unwrap_or_default() {
        for (_, op) in entries(item) {
            let Some(value) = get(op, "x-source") else {
                continue;
            };
            let Some(page) = value.as_str().and_then(page_name) else {
                continue;
            };
            if !specs_dir.join(page).is_file() {
                out.push(
                    Diagnostic::new(value.pos, format!("`x-source` names the page `{page}`, which is not stored"))
                        .with_hint("store the page under specs/pages/ (see specs/pages/README.md) or fix the file name"),
                );
            }
        }
    }
    out
}

impl SpecFile {
    pub fn load(file: &str, text: &str) -> Result<SpecFile, codegen::Diagnostics> {
        let service = codegen::load(file, text)?;
        let root = yaml::parse(text).map_err(|e| {
            codegen::Diagnostics::new(file, text, vec![Diagnostic::new(e.pos, e.message)])
        })?;
        Ok(SpecFile {
            file: file.to_string(),
            text: text.to_string(),
            root,
            service,
        })
    }

    pub fn operation_node(&self, op: &ir::Operation) -> Option<&Node> {
        let item = get(get(&self.root, "paths")?, &op.path)?;
        get(item, &op.method.as_str().to_ascii_lowercase())
    }

    /// Where the operation's method key is written (the document's start if nowhere).
    pub fn operation_pos(&self, op: &ir::Operation) -> Pos {
        get(&self.root, "paths")
            .and_then(|paths| get(paths, &op.path))
            .and_then(|item| entry(item, &op.method.as_str().to_ascii_lowercase()))
            .map_or(self.root.pos, |(k, _)| k.pos)
    }

    pub fn path_pos(&self, op: &ir::Operation) -> Pos {
        get(&self.root, "paths")
            .and_then(|paths| entry(paths, &op.path))
            .map_or(self.root.pos, |(k, _)| k.pos)
    }

    /// The page `x-source` names, and where the value stands.
    pub fn page_of(&self, op: &ir::Operation) -> Option<(String, Pos)> {
        let value = get(self.operation_node(op)?, "x-source")?;
        page_name(value.as_str()?).map(|p| (p.to_string(), value.pos))
    }

    pub fn schema(&self, name: &str) -> Option<(&Key, &Node)> {
        entry(get(get(&self.root, "components")?, "schemas")?, name)
    }

    /// Where a field of a component schema is written; with `keyword`, that keyword of it
    /// when the field has it.
    pub fn field_pos(&self, schema: &str, wire: &str, keyword: Option<&str>) -> Option<Pos> {
        let (key, node) = self.schema(schema)?;
        let Some((field_key, field)) = get(node, "properties").and_then(|p| entry(p, wire)) else {
            return Some(get(node, "properties").map_or(key.pos, |p| p.pos));
        };
        let rule = keyword.and_then(|k| entry(field, k)).map(|(k, _)| k.pos);
        Some(rule.unwrap_or(field_key.pos))
    }

    /// A field's `default`, as JSON text.
    pub fn field_default(&self, schema: &str, wire: &str) -> Option<String> {
        let (_, node) = self.schema(schema)?;
        let value = get(get(get(node, "properties")?, wire)?, "default")?.to_json();
        Some(match value {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        })
    }

    /// Where a parameter of the operation is declared (the list item, or its `$ref`'s target).
    pub fn param_pos(&self, op: &ir::Operation, name: &str) -> Option<Pos> {
        let op_node = self.operation_node(op)?;
        let item = get(&self.root, "paths").and_then(|p| get(p, &op.path));
        let lists = [
            get(op_node, "parameters"),
            item.and_then(|i| get(i, "parameters")),
        ];
        for list in lists.into_iter().flatten() {
            let Value::Seq(params) = &list.value else {
                continue;
            };
            for p in params {
                let target = self.deref(p);
                if get(target, "name").and_then(Node::as_str) == Some(name) {
                    return Some(p.pos);
                }
            }
        }
        None
    }

    /// A node, or what its local `$ref` points at.
    fn deref<'a>(&'a self, node: &'a Node) -> &'a Node {
        let Some(reference) = get(node, "$ref").and_then(Node::as_str) else {
            return node;
        };
        let mut at = &self.root;
        for part in reference.trim_start_matches("#/").split('/') {
            match get(at, part) {
                Some(next) => at = next,
                None => return node,
            }
        }
        at
    }

    /// Where `responses` of the operation is written.
    pub fn responses_pos(&self, op: &ir::Operation) -> Pos {
        self.operation_node(op)
            .and_then(|n| entry(n, "responses"))
            .map_or(self.operation_pos(op), |(k, _)| k.pos)
    }

    pub fn response_pos(&self, op: &ir::Operation, status: &str) -> Option<Pos> {
        let responses = get(self.operation_node(op)?, "responses")?;
        entry(responses, status).map(|(k, _)| k.pos)
    }

    /// The component schema a status answers with, as the spec declares it (an envelope
    /// is kept: the page describes the whole answer).
    pub fn response_schema(&self, op: &ir::Operation, status: &str) -> Option<String> {
        let responses = get(self.operation_node(op)?, "responses")?;
        let response = self.deref(get(responses, status)?);
        let schema = get(
            get(get(response, "content")?, "application/json")?,
            "schema",
        )?;
        let reference = get(schema, "$ref")?.as_str()?;
        reference
            .strip_prefix("#/components/schemas/")
            .map(str::to_string)
    }

    /// The `x-drift` entries of operations and component schemas; a malformed entry is an
    /// error at its position.
    pub fn drift_entries(&self) -> Result<Vec<DriftEntry>, Vec<Diagnostic>> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let paths = get(&self.root, "paths").map(entries).unwrap_or_default();
        for (path, item) in paths {
            for (method, op) in entries(item) {
                let scope = Scope::Operation {
                    path: path.text.clone(),
                    method: method.text.to_ascii_uppercase(),
                };
                read_entries(op, scope, &mut out, &mut problems);
            }
        }
        let schemas = get(&self.root, "components")
            .and_then(|c| get(c, "schemas"))
            .map(entries)
            .unwrap_or_default();
        for (name, schema) in schemas {
            read_entries(
                schema,
                Scope::Schema(name.text.clone()),
                &mut out,
                &mut problems,
            );
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
}

fn read_entries(
    node: &Node,
    scope: Scope,
    out: &mut Vec<DriftEntry>,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(list) = get(node, "x-drift") else {
        return;
    };
    let Value::Seq(items) = &list.value else {
        problems.push(Diagnostic::new(
            list.pos,
            "`x-drift` must be a list of `{field, rule, page-says, why}`",
        ));
        return;
    };
    for item in items {
        let text = |key: &str| {
            get(item, key).map(|n| match n.to_json() {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
        };
        let known = ["field", "rule", "page-says", "why"];
        let unknown = entries(item)
            .iter()
            .find(|(k, _)| !known.contains(&k.text.as_str()));
        match (
            text("field"),
            text("rule"),
            text("page-says"),
            text("why"),
            unknown,
        ) {
            (Some(field), Some(rule), Some(page_says), Some(why), None)
                if !why.trim().is_empty() =>
            {
                out.push(DriftEntry {
                    scope: scope.clone(),
                    field,
                    rule,
                    page_says,
                    why,
                    pos: item.pos,
                });
            }
            (.., Some((key, _))) => problems.push(Diagnostic::new(
                key.pos,
                format!("unknown key `{}` in an `x-drift` entry", key.text),
            )),
            _ => problems.push(
                Diagnostic::new(
                    item.pos,
                    "an `x-drift` entry needs `field`, `rule`, `page-says` and a non-empty `why`",
                )
                .with_hint("see the extension table in specs/README.md"),
            ),
        }
    }
}
