//! Reads a YAML node tree into the `spec` structures, checking every key and value type.
//!
//! A key the generator does not know is an error (a typo such as `requried:` would otherwise
//! silently drop a constraint). Problems are collected, not thrown, so one run reports them all.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::ir::Method;
use crate::spec::*;
use crate::yaml::{Key, Node, Pos, Value};
use std::cell::RefCell;

/// Collects problems while reading.
pub struct Ctx {
    diags: RefCell<Vec<Diagnostic>>,
}

impl Ctx {
    pub fn new() -> Self {
        Ctx {
            diags: RefCell::new(Vec::new()),
        }
    }

    pub fn error(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
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

/// A mapping being read: remembers which keys were asked for, so the rest can be reported.
struct Obj<'a> {
    ctx: &'a Ctx,
    pos: Pos,
    what: &'a str,
    entries: &'a [(Key, Node)],
    known: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    /// `None` (with an error) when the node is not a mapping.
    fn new(ctx: &'a Ctx, node: &'a Node, what: &'a str) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => Some(Obj {
                ctx,
                pos: node.pos,
                what,
                entries,
                known: Vec::new(),
            }),
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
    fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(k, _)| k.pos)
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Node> {
        self.known.push(key);
        self.entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
    }

    /// Known keys whose value the generator does not use (examples, tags, ...).
    fn ignore(&mut self, keys: &[&'static str]) {
        self.known.extend_from_slice(keys);
    }

    fn wrong_type(&self, key: &str, node: &Node, expected: &str) {
        self.ctx.error(Diagnostic::new(
            node.pos,
            format!(
                "`{key}` in {} must be {expected}, found {}",
                self.what,
                node.kind()
            ),
        ));
    }

    fn string(&mut self, key: &'static str) -> Option<At<String>> {
        let node = self.get(key)?;
        match &node.value {
            Value::Str(s) => Some(At::new(node.pos, s.clone())),
            _ => {
                self.wrong_type(key, node, "a string");
                None
            }
        }
    }

    fn text(&mut self, key: &'static str) -> Option<String> {
        self.string(key).map(|s| s.value)
    }

    fn required_string(&mut self, key: &'static str) -> Option<At<String>> {
        let found = self.string(key);
        if found.is_none() && self.entries.iter().all(|(k, _)| k.text != key) {
            self.ctx.error(Diagnostic::new(
                self.pos,
                format!("{} is missing the required key `{key}`", self.what),
            ));
        }
        found
    }

    fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let node = self.get(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(key, node, "true or false");
                None
            }
        }
    }

    fn flag(&mut self, key: &'static str) -> bool {
        self.boolean(key).unwrap_or(false)
    }

    /// Checks that a key the generator does not use is a boolean, as OpenAPI says.
    fn check_boolean(&mut self, key: &'static str) {
        self.boolean(key);
    }

    /// Checks that a key the generator does not use is a string, as OpenAPI says.
    fn check_string(&mut self, key: &'static str) {
        self.string(key);
    }

    fn count(&mut self, key: &'static str) -> Option<At<u64>> {
        let node = self.get(key)?;
        match node.value {
            Value::Int(i) if i >= 0 => Some(At::new(node.pos, i as u64)),
            _ => {
                self.wrong_type(key, node, "a non-negative integer");
                None
            }
        }
    }

    fn number(&mut self, key: &'static str) -> Option<At<f64>> {
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

    fn mapping(&mut self, key: &'static str) -> &'a [(Key, Node)] {
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

    fn list(&mut self, key: &'static str) -> &'a [Node] {
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

    fn strings(&mut self, key: &'static str) -> Vec<At<String>> {
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
    fn finish(self) {
        for (key, _) in self.entries {
            if self.known.contains(&key.text.as_str()) {
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
        Some(paths) => doc.paths = read_paths(ctx, paths),
        None => ctx.error(Diagnostic::new(
            root.pos,
            "the document is missing the required key `paths`",
        )),
    }
    if let Some(components) = obj.get("components") {
        doc.components = read_components(ctx, components);
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
            if status.is_none() && e.entries.iter().all(|(k, _)| k.text != "status") {
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

fn read_paths(ctx: &Ctx, node: &Node) -> Vec<PathItem> {
    let Value::Map(entries) = &node.value else {
        ctx.error(Diagnostic::new(
            node.pos,
            format!("`paths` must be a mapping, found {}", node.kind()),
        ));
        return Vec::new();
    };
    let mut items = Vec::new();
    for (key, value) in entries {
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
            if let Some(op) = obj.get(method_key)
                && let Some(op) = read_operation(ctx, op, method, &key.text)
            {
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

fn read_operation(ctx: &Ctx, node: &Node, method: Method, path: &str) -> Option<Operation> {
    let what = format!("operation `{method} {path}`");
    let mut obj = Obj::new(ctx, node, &what)?;
    let operation_id = obj.required_string("operationId");
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
    let source = obj.required_string("x-source");
    let idempotent = obj.boolean("x-idempotent");
    let security = obj.get("security").map(|n| read_security(ctx, Some(n)));
    obj.ignore(&["tags", "externalDocs", "servers", "callbacks"]);
    obj.finish();
    Some(Operation {
        pos: node.pos,
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
    })
}

/// `$ref` or the item itself; a `$ref` may not have siblings (OpenAPI 3.0 ignores them).
fn read_ref_or<T>(ctx: &Ctx, node: &Node, read: fn(&Ctx, &Node) -> Option<T>) -> Option<RefOr<T>> {
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

fn read_parameter_list(ctx: &Ctx, nodes: &[Node]) -> Vec<RefOr<Parameter>> {
    nodes
        .iter()
        .filter_map(|n| read_ref_or(ctx, n, read_parameter))
        .collect()
}

fn read_parameter(ctx: &Ctx, node: &Node) -> Option<Parameter> {
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

fn read_content(ctx: &Ctx, obj: &mut Obj) -> Vec<MediaType> {
    obj.mapping("content")
        .iter()
        .filter_map(|(media, node)| {
            let what = format!("media type `{}`", media.text);
            let mut m = Obj::new(ctx, node, &what)?;
            let schema = m.get("schema").map(|n| read_schema(ctx, n));
            // Examples document the page; the generator checks their shape only.
            for (name, example) in m.mapping("examples") {
                let what = format!("example `{}`", name.text);
                if let Some(mut e) = Obj::new(ctx, example, &what) {
                    e.ignore(&["value", "summary", "description"]);
                    e.finish();
                }
            }
            m.ignore(&["example", "encoding"]);
            m.finish();
            Some(MediaType {
                media_type: at_key(media),
                schema,
            })
        })
        .collect()
}

fn read_request_body(ctx: &Ctx, node: &Node) -> Option<RequestBody> {
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

fn read_response(ctx: &Ctx, node: &Node) -> Option<Response> {
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

fn read_security_scheme(ctx: &Ctx, node: &Node) -> Option<SecurityScheme> {
    let mut obj = Obj::new(ctx, node, "a security scheme")?;
    let kind = obj.required_string("type");
    let scheme = obj.string("scheme");
    let location = obj.string("in");
    let name = obj.string("name");
    obj.check_string("description");
    let signing = obj.string("x-signing");
    obj.ignore(&["bearerFormat"]);
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

fn read_components(ctx: &Ctx, node: &Node) -> Components {
    let mut components = Components::default();
    let Some(mut obj) = Obj::new(ctx, node, "`components`") else {
        return components;
    };
    for (name, schema) in obj.mapping("schemas") {
        components
            .schemas
            .push((at_key(name), read_schema(ctx, schema)));
    }
    for (name, p) in obj.mapping("parameters") {
        if let Some(p) = read_ref_or(ctx, p, read_parameter) {
            components.parameters.push((at_key(name), p));
        }
    }
    for (name, b) in obj.mapping("requestBodies") {
        if let Some(b) = read_ref_or(ctx, b, read_request_body) {
            components.request_bodies.push((at_key(name), b));
        }
    }
    for (name, r) in obj.mapping("responses") {
        if let Some(r) = read_ref_or(ctx, r, read_response) {
            components.responses.push((at_key(name), r));
        }
    }
    for (name, s) in obj.mapping("securitySchemes") {
        if let Some(s) = read_security_scheme(ctx, s) {
            components.security_schemes.push((at_key(name), s));
        }
    }
    obj.ignore(&["examples", "headers", "links", "callbacks"]);
    obj.finish();
    components
}

/// Reads a schema; a malformed one comes back empty (an `any` value) after reporting why.
pub fn read_schema(ctx: &Ctx, node: &Node) -> Schema {
    let mut schema = Schema {
        pos: node.pos,
        ..Schema::default()
    };
    let Some(mut obj) = Obj::new(ctx, node, "a schema") else {
        return schema;
    };
    schema.reference = obj.string("$ref");
    schema.ty = obj.string("type");
    schema.format = obj.string("format");
    schema.title = obj.text("title");
    schema.description = obj.text("description");
    for (name, property) in obj.mapping("properties") {
        schema
            .properties
            .push((at_key(name), read_schema(ctx, property)));
    }
    schema.required = obj.strings("required");
    schema.items = obj.get("items").map(|n| Box::new(read_schema(ctx, n)));
    schema.enumeration = obj.list("enum").to_vec();
    if let Some(list) = obj.entries.iter().find(|(k, _)| k.text == "enum")
        && matches!(&list.1.value, Value::Seq(items) if items.is_empty())
    {
        ctx.error(
            Diagnostic::new(list.1.pos, "`enum` lists no value")
                .with_hint("list the accepted values, or remove `enum`"),
        );
    }
    schema.additional_properties = obj.get("additionalProperties").map(|n| match n.value {
        Value::Bool(b) => AdditionalProperties::Allowed(b),
        _ => AdditionalProperties::Schema(Box::new(read_schema(ctx, n))),
    });
    schema.additional_properties_at = obj.key_pos("additionalProperties");
    schema.all_of = obj
        .list("allOf")
        .iter()
        .map(|n| read_schema(ctx, n))
        .collect();
    schema.nullable = obj.flag("nullable");
    obj.check_boolean("readOnly");
    obj.check_boolean("writeOnly");
    schema.deprecated = obj.flag("deprecated");
    schema.min_length = obj.count("minLength");
    schema.max_length = obj.count("maxLength");
    schema.min_items = obj.count("minItems");
    schema.max_items = obj.count("maxItems");
    schema.unique_items = obj.flag("uniqueItems");
    schema.min_properties = obj.count("minProperties");
    schema.minimum = obj.number("minimum");
    schema.maximum = obj.number("maximum");
    schema.exclusive_minimum = obj.flag("exclusiveMinimum");
    schema.exclusive_maximum = obj.flag("exclusiveMaximum");
    schema.error_role = obj.string("x-error-role");
    for item in obj.list("x-requires") {
        if let Some(r) = read_requirement(ctx, item) {
            schema.requires.push(r);
        }
    }
    for key in [
        "oneOf",
        "anyOf",
        "not",
        "discriminator",
        "pattern",
        "maxProperties",
        "multipleOf",
    ] {
        if let Some(n) = obj.get(key) {
            schema.unsupported.push(At::new(n.pos, key.to_string()));
        }
    }
    // Documentation of the value; the generated client does not send defaults for the caller.
    obj.ignore(&["example", "default", "externalDocs", "xml"]);
    obj.finish();
    schema
}

fn read_requirement(ctx: &Ctx, node: &Node) -> Option<Requirement> {
    let mut obj = Obj::new(ctx, node, "an `x-requires` rule")?;
    let when = obj
        .get("when")
        .and_then(|n| read_contains(ctx, n, "`when`"));
    let then = obj
        .get("then")
        .and_then(|n| read_contains(ctx, n, "`then`"));
    if when.is_none() || then.is_none() {
        ctx.error(
            Diagnostic::new(node.pos, "an `x-requires` rule needs `when` and `then`").with_hint(
                "e.g. `{when: {property: a, contains: X}, then: {property: b, contains: Y}}`",
            ),
        );
    }
    obj.finish();
    let ((when_property, when_contains), (then_property, then_contains)) = (when?, then?);
    Some(Requirement {
        when_property,
        when_contains,
        then_property,
        then_contains,
    })
}

fn read_contains(ctx: &Ctx, node: &Node, what: &str) -> Option<(At<String>, At<String>)> {
    let mut obj = Obj::new(ctx, node, what)?;
    let property = obj.required_string("property");
    let contains = obj.required_string("contains");
    obj.finish();
    Some((property?, contains?))
}
