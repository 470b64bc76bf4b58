//! Paths and operations: parameters, request bodies, responses and their media types.

use super::ctx::{Ctx, at_key};
use super::obj::Obj;
use super::schema::read_schema;
use super::security::read_security;
use crate::diagnostics::Diagnostic;
use crate::ir::Method;
use crate::spec::*;
use crate::yaml::{Node, Value};

pub(super) fn read_paths(ctx: &Ctx, node: &Node) -> Vec<PathItem> {
    let Value::Map(entries) = &node.value else {
        ctx.error(Diagnostic::new(
            node.pos,
            format!("`paths` must be a mapping, found {}", node.kind()),
        ));
        return Vec::new();
    };
    let mut items = Vec::new();
    for (key, value) in entries {
        if super::extensions::is_extension(&key.text) {
            super::extensions::unread(ctx, key, "`paths`");
            continue;
        }
        if !key.text.starts_with('/') {
            ctx.error(
                Diagnostic::new(key.pos, format!("path `{}` must start with `/`", key.text))
                    .with_hint(
                        "write the path relative to the server URL, e.g. `/v1/{project_id}/users`",
                    ),
            );
            continue;
        }
        let what = format!("path `{}`", key.text);
        let Some(mut obj) = Obj::new(ctx, value, &what) else {
            continue;
        };
        let parameters = read_parameter_list(ctx, obj.list("parameters"));
        let mut operations = Vec::new();
        for (method_key, method) in Method::ALL {
            let method_pos = obj.key_pos(method_key);
            if let Some(op) = obj.get(method_key)
                && let Some(mut op) = read_operation(ctx, op, method, &key.text)
            {
                op.method_pos = method_pos.unwrap_or(op.pos);
                operations.push(op);
            }
        }
        obj.ignore(&["summary", "description", "servers"]);
        obj.finish();
        items.push(PathItem {
            path: at_key(key),
            parameters,
            operations,
        });
    }
    items
}

pub(super) fn read_operation(
    ctx: &Ctx,
    node: &Node,
    method: Method,
    path: &str,
) -> Option<Operation> {
    let what = format!("operation `{method} {path}`");
    let mut obj = Obj::new(ctx, node, &what)?;
    // Without one, `lower` derives it from the method and path.
    let operation_id = obj.string("operationId");
    let summary = obj.text("summary");
    let description = obj.text("description");
    let deprecated = obj.flag("deprecated");
    let parameters = read_parameter_list(ctx, obj.list("parameters"));
    let request_body = obj
        .get("requestBody")
        .and_then(|n| read_ref_or(ctx, n, read_request_body));
    let mut responses = Vec::new();
    let mut responses_complete = false;
    match obj.get("responses") {
        Some(r) => match &r.value {
            Value::Map(entries) if entries.is_empty() => ctx.error(
                Diagnostic::new(r.pos, format!("{what} lists no response")).with_hint(
                    "document at least the success answer, e.g. `'200': {description: OK}`",
                ),
            ),
            Value::Map(entries) => {
                responses_complete = true;
                for (status, response) in entries {
                    if super::extensions::is_extension(&status.text) {
                        super::extensions::unread(ctx, status, "`responses`");
                        continue;
                    }
                    match read_ref_or(ctx, response, read_response) {
                        Some(response) => responses.push((at_key(status), response)),
                        None => responses_complete = false,
                    }
                }
            }
            _ => obj.wrong_type("responses", r, "a mapping"),
        },
        None => ctx.error(Diagnostic::new(
            node.pos,
            format!("{what} is missing the required key `responses`"),
        )),
    }
    // Only the project's own specs must name the page each operation comes from.
    let source = match ctx.profile() {
        crate::profile::Profile::ProjectSpec => obj.required_string("x-source"),
        crate::profile::Profile::Outside => obj.string("x-source"),
    };
    let idempotent = obj.boolean("x-idempotent");
    let pagination = obj
        .get("x-pagination")
        .and_then(|n| super::lifecycle::read_pagination(ctx, n));
    let waiter = obj
        .get("x-waiter")
        .and_then(|n| super::lifecycle::read_waiter(ctx, n));
    let and_wait = obj
        .get("x-and-wait")
        .and_then(|n| super::lifecycle::read_and_wait(ctx, n));
    let security = obj.get("security").map(|n| read_security(ctx, Some(n)));
    obj.ignore(&["tags", "externalDocs", "servers", "callbacks", "x-drift"]);
    obj.finish();
    Some(Operation {
        pos: node.pos,
        method_pos: node.pos,
        method,
        operation_id,
        summary,
        description,
        deprecated,
        parameters,
        request_body,
        responses,
        responses_complete,
        source,
        idempotent,
        security,
        pagination,
        waiter,
        and_wait,
    })
}

/// `$ref` or the item itself; a `$ref` may not have siblings (OpenAPI 3.0 ignores them).
pub(super) fn read_ref_or<T>(
    ctx: &Ctx,
    node: &Node,
    read: fn(&Ctx, &Node) -> Option<T>,
) -> Option<RefOr<T>> {
    if let Value::Map(entries) = &node.value
        && entries.iter().any(|(k, _)| k.text == "$ref")
    {
        let mut obj = Obj::new(ctx, node, "a `$ref`")?;
        let reference = obj.string("$ref");
        obj.finish();
        return reference.map(RefOr::Ref);
    }
    read(ctx, node).map(RefOr::Item)
}

pub(super) fn read_parameter_list(ctx: &Ctx, nodes: &[Node]) -> Vec<RefOr<Parameter>> {
    nodes
        .iter()
        .filter_map(|n| read_ref_or(ctx, n, read_parameter))
        .collect()
}

pub(super) fn read_parameter(ctx: &Ctx, node: &Node) -> Option<Parameter> {
    let mut obj = Obj::new(ctx, node, "a parameter")?;
    let name = obj.required_string("name");
    let location = obj.required_string("in");
    // A `required` that is not a boolean was reported; read as `true`, it adds no second
    // message about a path parameter that must be required.
    let required = obj
        .boolean("required")
        .unwrap_or_else(|| obj.key_pos("required").is_some());
    let description = obj.text("description");
    let schema = obj.get("schema").map(|n| read_schema(ctx, n));
    obj.check_boolean("deprecated");
    let from_client = obj.flag("x-client-param");
    obj.ignore(&["example", "examples", "style", "explode", "allowEmptyValue"]);
    obj.finish();
    if schema.is_none() {
        ctx.error(Diagnostic::new(
            node.pos,
            "a parameter is missing the required key `schema`",
        ));
    }
    if let (Some(name), Some(schema)) = (&name, &schema) {
        super::secret_names::check_secret_name(ctx, name, schema, "parameter");
    }
    Some(Parameter {
        pos: node.pos,
        name: name?,
        location: location?,
        required,
        description,
        schema,
        from_client,
    })
}

pub(super) fn read_content(ctx: &Ctx, obj: &mut Obj) -> Vec<MediaType> {
    obj.mapping("content")
        .iter()
        .filter_map(|(media, node)| {
            let what = format!("media type `{}`", media.text);
            let mut m = Obj::new(ctx, node, &what)?;
            let schema = m.get("schema").map(|n| read_schema(ctx, n));
            // Examples document the page; the generator checks their shape only (and that
            // one given by `$ref` exists).
            let examples = m
                .mapping("examples")
                .iter()
                .filter_map(|(_, example)| read_ref_or(ctx, example, read_example))
                .collect();
            m.ignore(&["example", "encoding"]);
            m.finish();
            Some(MediaType {
                media_type: at_key(media),
                schema,
                examples,
            })
        })
        .collect()
}

pub(super) fn read_request_body(ctx: &Ctx, node: &Node) -> Option<RequestBody> {
    let mut obj = Obj::new(ctx, node, "a request body")?;
    let description = obj.text("description");
    let required = obj.flag("required");
    let content = read_content(ctx, &mut obj);
    obj.finish();
    Some(RequestBody {
        description,
        required,
        content,
    })
}

pub(super) fn read_response(ctx: &Ctx, node: &Node) -> Option<Response> {
    let mut obj = Obj::new(ctx, node, "a response")?;
    let description = obj
        .required_string("description")
        .map(|d| d.value)
        .unwrap_or_default();
    let content = read_content(ctx, &mut obj);
    let body_optional = obj.flag("x-body-optional");
    obj.ignore(&["headers", "links"]);
    obj.finish();
    Some(Response {
        description,
        content,
        body_optional,
    })
}

/// An Example object: its `value` as JSON (`externalValue` names a file elsewhere, which
/// the generator does not fetch).
pub(super) fn read_example(ctx: &Ctx, node: &Node) -> Option<Option<serde_json::Value>> {
    let mut obj = Obj::new(ctx, node, "an example")?;
    let value = obj.get("value").map(Node::to_json);
    obj.ignore(&["summary", "description", "externalValue"]);
    obj.finish();
    Some(value)
}
