//! Reads a YAML node tree into the `spec` structures, checking every key and value type.
//!
//! A key the generator does not know is an error (a typo such as `requried:` would otherwise
//! silently drop a constraint). Problems are collected, not thrown, so one run reports them all.
//! `obj` reads one mapping; `paths`, `components` and `schema` read the parts of a document.

mod components;
mod extensions;
mod obj;
mod paths;
mod schema;

use crate::Profile;
use crate::diagnostics::Diagnostic;
use crate::spec::*;
use crate::yaml::{Key, Node, Pos, Value};
use obj::Obj;
use std::cell::RefCell;

pub use schema::read_schema;

/// Collects problems (errors and warnings) while reading.
pub struct Ctx {
    diags: RefCell<Vec<Diagnostic>>,
    profile: Profile,
}

impl Ctx {
    /// Reading one of the project's own specs.
    pub fn new() -> Self {
        Ctx::with_profile(Profile::ProjectSpec)
    }

    pub fn with_profile(profile: Profile) -> Self {
        Ctx {
            diags: RefCell::new(Vec::new()),
            profile,
        }
    }

    pub fn error(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    /// Something accepted but not acted on.
    pub fn warn(&self, pos: Pos, message: impl Into<String>) {
        self.diags
            .borrow_mut()
            .push(Diagnostic::warning(pos, message));
    }

    pub fn profile(&self) -> Profile {
        self.profile
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags.into_inner()
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Self::new()
    }
}

fn at_key(key: &Key) -> At<String> {
    At::new(key.pos, key.text.clone())
}

/// Reads a whole document. Always returns what could be read; problems go to `ctx`.
pub fn document(ctx: &Ctx, root: &Node) -> Document {
    let mut doc = Document::default();
    if root.value == Value::Null {
        ctx.error(
            Diagnostic::new(Pos { line: 1, column: 1 }, "the file holds no document")
                .with_hint("a spec starts with `openapi: 3.0.3`, `info` and `paths`"),
        );
        return doc;
    }
    let Some(mut obj) = Obj::new(ctx, root, "the document") else {
        return doc;
    };
    if let Some(pos) = obj.key_pos("swagger") {
        ctx.error(
            Diagnostic::new(pos, "this is a Swagger 2.0 document")
                .with_hint("the generator reads OpenAPI 3.0.x; convert the document (e.g. with swagger2openapi) and write `openapi: 3.0.3`"),
        );
        return doc;
    }
    doc.openapi = obj.required_string("openapi");
    if let Some(info) = obj.get("info") {
        read_info(ctx, info, &mut doc);
    } else {
        ctx.error(Diagnostic::new(
            root.pos,
            "the document is missing the required key `info`",
        ));
    }
    for server in obj.list("servers") {
        if let Some(mut s) = Obj::new(ctx, server, "a server") {
            if let Some(url) = s.required_string("url") {
                doc.servers.push(url.value);
            }
            s.ignore(&["description", "variables"]);
            s.finish();
        }
    }
    match obj.get("paths") {
        Some(node) => doc.paths = paths::read_paths(ctx, node),
        None => ctx.error(Diagnostic::new(
            root.pos,
            "the document is missing the required key `paths`",
        )),
    }
    if let Some(components) = obj.get("components") {
        doc.components = components::read_components(ctx, components);
    }
    doc.security = read_security(ctx, obj.get("security"));
    doc.envelope = obj.get("x-envelope").and_then(|n| read_envelope(ctx, n));
    doc.body_error = obj
        .get("x-body-error")
        .and_then(|n| read_body_error(ctx, n));
    for item in obj.list("x-retryable-errors") {
        if let Some(mut e) = Obj::new(ctx, item, "a retryable error") {
            let status = e.count("status");
            let code = e.required_string("code");
            if status.is_none() && !e.has("status") {
                ctx.error(Diagnostic::new(
                    item.pos,
                    "a retryable error is missing the required key `status`",
                ));
            }
            let status = status.and_then(|s| match u16::try_from(s.value) {
                Ok(status) if (100..600).contains(&status) => Some(status),
                _ => {
                    ctx.error(
                        Diagnostic::new(s.pos, format!("`{}` is not an HTTP status", s.value))
                            .with_hint("use a status from 100 to 599, e.g. `409`"),
                    );
                    None
                }
            });
            if let (Some(status), Some(code)) = (status, code) {
                doc.retryable_errors.push(RetryableError {
                    status,
                    code: code.value,
                });
            }
            e.finish();
        }
    }
    obj.ignore(&["tags", "externalDocs"]);
    obj.finish();
    doc
}

fn read_info(ctx: &Ctx, node: &Node, doc: &mut Document) {
    let Some(mut info) = Obj::new(ctx, node, "`info`") else {
        return;
    };
    doc.title = info
        .required_string("title")
        .map(|t| t.value)
        .unwrap_or_default();
    doc.version = info
        .required_string("version")
        .map(|t| t.value)
        .unwrap_or_default();
    doc.description = info.text("description");
    info.ignore(&["contact", "license", "termsOfService"]);
    info.finish();
}

fn read_security(ctx: &Ctx, node: Option<&Node>) -> Vec<At<String>> {
    let Some(node) = node else { return Vec::new() };
    let Value::Seq(items) = &node.value else {
        ctx.error(Diagnostic::new(
            node.pos,
            format!("`security` must be a list, found {}", node.kind()),
        ));
        return Vec::new();
    };
    let mut names = Vec::new();
    for item in items {
        match &item.value {
            Value::Map(entries) => names.extend(entries.iter().map(|(k, _)| at_key(k))),
            _ => ctx.error(Diagnostic::new(
                item.pos,
                format!(
                    "each `security` requirement must be a mapping, found {}",
                    item.kind()
                ),
            )),
        }
    }
    names
}

fn read_envelope(ctx: &Ctx, node: &Node) -> Option<Envelope> {
    let mut obj = Obj::new(ctx, node, "`x-envelope`")?;
    let data = obj.required_string("data");
    let success = obj.required_string("success");
    let trace_id = obj.string("trace-id");
    obj.finish();
    Some(Envelope {
        pos: node.pos,
        data: data?,
        success: success?,
        trace_id,
    })
}

fn read_body_error(ctx: &Ctx, node: &Node) -> Option<BodyError> {
    let mut obj = Obj::new(ctx, node, "`x-body-error`")?;
    let code = obj.required_string("code");
    let success = obj.get("success").map(|n| At::new(n.pos, n.to_json()));
    if success.is_none() {
        ctx.error(Diagnostic::new(
            node.pos,
            "`x-body-error` is missing the required key `success`",
        ));
    }
    let message = obj.string("message");
    obj.finish();
    Some(BodyError {
        code: code?,
        success: success?,
        message,
    })
}
