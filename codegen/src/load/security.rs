//! Security: the schemes of `components.securitySchemes` and the `security` requirements of
//! the document and of an operation.

use super::ctx::{Ctx, at_key};
use super::obj::Obj;
use crate::diagnostics::Diagnostic;
use crate::spec::*;
use crate::yaml::{Node, Value};

pub(super) fn read_security_scheme(ctx: &Ctx, node: &Node) -> Option<SecurityScheme> {
    let mut obj = Obj::new(ctx, node, "a security scheme")?;
    let kind = obj.required_string("type");
    let scheme = obj.string("scheme");
    let location = obj.string("in");
    let name = obj.string("name");
    obj.check_string("description");
    let signing = obj.string("x-signing");
    // The client takes a token the user obtained: it runs no flow and asks no discovery
    // document (`lower` warns, at the scheme).
    obj.ignore(&["bearerFormat", "flows"]);
    obj.check_string("openIdConnectUrl");
    obj.finish();
    Some(SecurityScheme {
        pos: node.pos,
        kind: kind?,
        scheme,
        location,
        name,
        signing,
    })
}

pub(super) fn read_security(ctx: &Ctx, node: Option<&Node>) -> Vec<At<String>> {
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
