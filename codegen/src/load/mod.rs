//! Reads a YAML node tree into the `spec` structures, checking every key and value type.
//!
//! A key the generator does not know is an error (a typo such as `requried:` would otherwise
//! silently drop a constraint). Problems are collected, not thrown, so one run reports them all.
//! `ctx` collects the problems, `obj` reads one mapping; `paths`, `components`, `schema` and
//! `security` read the parts of a document.

mod components;
mod ctx;
mod extensions;
mod lifecycle;
mod obj;
mod paths;
mod schema;
mod secret_names;
mod security;

use crate::diagnostics::Diagnostic;
use crate::spec::*;
use crate::yaml::{Node, Pos, Value};
use obj::Obj;
use security::read_security;

pub use ctx::Ctx;
pub use schema::read_schema;

/// Reads a whole document. Always returns what could be read; problems go to `ctx`.
pub fn document(ctx: &Ctx, root: &Node) -> Document {
    let mut doc = Document {
        profile: ctx.profile(),
        ..Document::default()
    };
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
