//! The rustdoc of an operation's method: what it does, its parameters with their rules and
//! defaults, its documented errors, and an example that compiles (a `no_run` doctest).

use super::models::describe_constraints;
use super::tokens::rust_type;
use crate::ir::*;

/// The doc of one parameter: its description, its rules, its default.
pub(super) fn param_doc(p: &Param) -> String {
    let mut parts = Vec::new();
    if let Some(doc) = &p.doc {
        parts.push(doc.trim().trim_end_matches('.').to_string());
    }
    let rules = describe_constraints(&p.constraints);
    if !rules.is_empty() {
        parts.push(format!("checked before sending: {rules}"));
    }
    if let Some(default) = &p.default {
        parts.push(format!("default `{default}`"));
    }
    if parts.is_empty() {
        return format!("The `{}` parameter.", p.wire);
    }
    format!("{}.", parts.join("; "))
}

pub(super) fn operation_doc(module: &str, op: &Operation) -> String {
    let mut doc = String::new();
    if let Some(summary) = &op.summary {
        doc.push_str(summary.trim());
        doc.push_str("\n\n");
    }
    if let Some(text) = &op.doc {
        doc.push_str(text.trim());
        doc.push_str("\n\n");
    }
    doc.push_str(&format!("`{} {}`", op.method, op.path));
    // An outside document names no page.
    if !op.source.is_empty() {
        doc.push_str(&format!(" (source: {})", op.source));
    }
    doc.push_str(&parameters(op));
    doc.push_str(&errors(op));
    doc.push_str(&example(module, op));
    doc
}

fn location(p: &Param) -> &'static str {
    match p.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Client => "client setting",
    }
}

fn parameters(op: &Operation) -> String {
    let mut lines = Vec::new();
    for p in op.params.iter() {
        let line = match p.location {
            ParamLocation::Client => format!(
                "- `{}` ({}): filled from the client's `.{}(..)` setting.",
                p.wire,
                location(p),
                p.name
            ),
            _ if p.required || p.location == ParamLocation::Path => format!(
                "- `{}` ({}, required, argument `{}`): {}",
                p.wire,
                location(p),
                p.name,
                param_doc(p)
            ),
            _ => format!(
                "- `{}` ({}, optional, set with [`.{}(..)`]({}::{})): {}",
                p.wire,
                location(p),
                p.name,
                op.call,
                p.name,
                param_doc(p)
            ),
        };
        lines.push(line);
    }
    if let Some(body) = &op.body {
        let how = if body.required {
            "required, argument `body`".to_string()
        } else {
            format!("optional, set with [`.body(..)`]({}::body)", op.call)
        };
        let what = body
            .doc
            .as_deref()
            .map(|d| format!(": {}", d.trim()))
            .unwrap_or_default();
        let sent = match (body.media, body.content_type.as_deref()) {
            (BodyMedia::Json, _) => "checked before sending".to_string(),
            (BodyMedia::Form, _) => "sent as a form, checked before sending".to_string(),
            (BodyMedia::Multipart, _) => {
                "sent as `multipart/form-data`, checked before sending".to_string()
            }
            (_, content_type) => {
                format!("sent as is (`{}`)", content_type.unwrap_or_default())
            }
        };
        lines.push(format!(
            "- body ({how}): `{}`, {sent}{what}",
            body.ty.describe()
        ));
    }
    if lines.is_empty() {
        return String::new();
    }
    format!("\n\n# Parameters\n\n{}", lines.join("\n"))
}

fn errors(op: &Operation) -> String {
    let mut doc = String::from(
        "\n\n# Errors\n\n[`rt::Error::Validation`] when an input breaks a rule above (nothing is \
         sent); otherwise the service's answer, a transport failure or a timeout as [`rt::Error`].",
    );
    if !op.errors.is_empty() {
        doc.push_str(" Documented answers:\n");
        for e in &op.errors {
            let shape = match &e.ty {
                Type::Unit => String::new(),
                ty => format!(" (body: `{}`)", ty.describe()),
            };
            doc.push_str(&format!(
                "\n- `{}`: {}{shape}",
                e.status,
                e.description.trim()
            ));
        }
    }
    doc
}

/// A literal for an example value of a plain type, or `None` when the example takes the
/// value as an argument of its own.
fn literal(p: &Param) -> Option<String> {
    let number = |integer: bool| {
        let wanted = p
            .default
            .as_deref()
            .and_then(|d| d.parse::<f64>().ok())
            .or(p.constraints.minimum)
            .unwrap_or(1.0);
        if integer {
            format!("{}", wanted as i64)
        } else {
            format!("{wanted:?}")
        }
    };
    match &p.ty {
        Type::String => Some(format!("{:?}", p.wire)),
        Type::Int32 | Type::Int64 => Some(number(true)),
        Type::Number => Some(number(false)),
        Type::Boolean => Some("true".into()),
        _ => None,
    }
}

fn example(module: &str, op: &Operation) -> String {
    // Inputs the example cannot spell as a literal arrive as arguments of the example.
    let mut given = vec![format!("client: &{module}::Client")];
    let mut args = Vec::new();
    for p in &op.params {
        if p.location == ParamLocation::Client || !(p.required || p.location == ParamLocation::Path)
        {
            continue;
        }
        match (&p.ty, literal(p)) {
            (Type::List(_), _) => args.push("&[]".to_string()),
            (_, Some(lit)) => args.push(lit),
            (ty, None) => {
                given.push(format!("{}: {}", p.name, rust_type(ty)));
                args.push(p.name.clone());
            }
        }
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        given.push(format!("body: &{}", rust_type(&body.ty)));
        args.push("body".into());
    }
    let setters: String = op
        .params
        .iter()
        .filter(|p| {
            !p.required && p.location != ParamLocation::Path && p.location != ParamLocation::Client
        })
        .filter_map(|p| literal(p).map(|lit| format!(".{}({lit})", p.name)))
        .take(2)
        .collect();
    let call = format!("client.{}({}){setters}.await?", op.name, args.join(", "));
    let line = match op.response {
        Type::Unit => format!("{call};"),
        _ => format!("let answer = {call};\nprintln!(\"{{answer:?}}\");"),
    };
    let signature = given.join(", ");
    format!(
        "\n\n# Example\n\n```no_run\n# use generated_client::{module};\n# use generated_client::{module}::*;\n\
         # use generated_client::runtime as rt;\n\
         # async fn example({signature}) -> Result<(), generated_client::Error> {{\n{line}\n# Ok(()) }}\n```"
    )
}
