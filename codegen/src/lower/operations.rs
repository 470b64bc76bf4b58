//! Operations: one Rust method per `operationId`, named once, with its parameters, path,
//! body, success type and documented errors.

use super::context::Lowering;
use super::operation_ids::derived_operation_id;
use super::paths::{TemplatePart, template_parts};
use crate::ir::*;
use crate::names::{RESERVED_METHODS, camel, snake};
use crate::spec::{self, At};
use crate::yaml::Pos;
use std::collections::{HashMap, HashSet};

/// Where an operationId comes from, to say so when another operation has it too.
struct IdOrigin {
    pos: Pos,
    /// Derived from method and path (the operation has no `operationId`).
    derived: bool,
    /// `GET /pets/{petId}`.
    what: String,
}

/// Client settings met so far: filled once per name, in the order first met.
#[derive(Default)]
pub(super) struct ClientParams {
    pub(super) list: Vec<ClientParam>,
    names: HashSet<String>,
}

impl ClientParams {
    pub(super) fn add(&mut self, name: &str, doc: Option<String>) {
        if self.names.insert(name.to_string()) {
            self.list.push(ClientParam {
                name: name.to_string(),
                doc,
            });
        }
    }
}

impl<'a> Lowering<'a> {
    pub(super) fn lower_operations(&mut self) -> (Vec<Operation>, Vec<ClientParam>) {
        let mut operations: Vec<Operation> = Vec::new();
        // operationId → where it is written (or, derived, where its operation is).
        let mut ids: HashMap<String, IdOrigin> = HashMap::new();
        // Rust method name → the operationId that took it.
        let mut methods: HashMap<String, String> = HashMap::new();
        let mut client_params = ClientParams::default();
        let doc = self.doc;
        for item in &doc.paths {
            let parts = template_parts(&item.path.value);
            self.check_path_template(&item.path, &parts);
            for op in &item.operations {
                let derived = op.operation_id.is_none();
                let id = match &op.operation_id {
                    Some(id) => id.clone(),
                    None => At::new(
                        op.method_pos,
                        derived_operation_id(op.method, &item.path.value),
                    ),
                };
                let origin = IdOrigin {
                    pos: id.pos,
                    derived,
                    what: format!("{} {}", op.method, item.path.value),
                };
                if let Some(first) = ids.get(id.value.as_str()) {
                    self.report_duplicate_id(&id, &origin, first);
                    continue;
                }
                ids.insert(id.value.clone(), origin);
                let name = snake(&id.value, "operation");
                if RESERVED_METHODS.contains(&name.as_str()) {
                    let message = format!(
                        "operationId `{}` would be the Rust method `{name}`, which every generated client already has",
                        id.value
                    );
                    let hint = format!(
                        "rename the operation, e.g. `get{}`",
                        camel(&id.value, "Operation")
                    );
                    self.error_hint(id.pos, message, hint);
                    continue;
                }
                if let Some(other) = methods.get(&name) {
                    let message = format!(
                        "operationIds `{other}` and `{}` would both be the Rust method `{name}`",
                        id.value
                    );
                    self.error_hint(id.pos, message, "rename one of them");
                    continue;
                }
                let lowered =
                    self.lower_operation(item, &parts, op, &id, &name, &mut client_params);
                if let Some(lowered) = lowered {
                    methods.insert(name, id.value.clone());
                    operations.push(lowered);
                }
            }
        }
        (operations, client_params.list)
    }

    /// Two operations with one operationId: written twice, or derived (from method and
    /// path) as another operation's.
    fn report_duplicate_id(&mut self, id: &At<String>, this: &IdOrigin, first: &IdOrigin) {
        let value = &id.value;
        let (message, hint) = match (this.derived, first.derived) {
            (false, false) => (
                format!("duplicate operationId `{value}`"),
                format!(
                    "operationId must be unique; the first is at line {}",
                    first.pos.line
                ),
            ),
            (true, _) => (
                format!(
                    "operation `{}` has no operationId, and the one derived from its method and path, `{value}`, is already the operationId of `{}` (line {})",
                    this.what, first.what, first.pos.line
                ),
                "give one of them an `operationId`".to_string(),
            ),
            (false, true) => (
                format!(
                    "operationId `{value}` is already the one derived for `{}` (line {}), which has no operationId",
                    first.what, first.pos.line
                ),
                "give one of them another `operationId`".to_string(),
            ),
        };
        self.error_hint(id.pos, message, hint);
    }

    fn lower_operation(
        &mut self,
        item: &'a spec::PathItem,
        parts: &[TemplatePart],
        op: &'a spec::Operation,
        id: &At<String>,
        name: &str,
        client_params: &mut ClientParams,
    ) -> Option<Operation> {
        let type_prefix = camel(&id.value, "Operation");
        let params = self.lower_params(item, parts, op, id, &type_prefix, client_params);
        let path_segments = path_segments(parts, &params);
        let body = self.lower_body(op, id, &type_prefix);
        let responses = self.lower_responses(op, id, &type_prefix);
        if responses.left_out {
            return None;
        }
        let response = match &self.doc.envelope {
            Some(envelope) => self.unwrap_envelope(
                envelope,
                responses.success_type,
                responses.success_pos,
                &id.value,
            ),
            None => responses.success_type,
        };
        let source = op
            .source
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        let idempotent = op.idempotent.unwrap_or(op.method.idempotent_by_default());
        if let Some(security) = &op.security {
            for name in security {
                self.check_scheme_exists(name);
            }
            // `security: []` says the operation needs no credentials; the client sends
            // the same ones on every call.
            if security.is_empty() && !self.doc.components.security_schemes.is_empty() {
                self.warn(
                    op.pos,
                    format!(
                        "`security: []` on `{}` is not acted on: the client sends its credentials on every call",
                        id.value
                    ),
                );
            }
        }
        let response_body = match (&response, responses.body_optional) {
            _ if !responses.arms.is_empty() => ResponseBody::ByStatus,
            (Type::Unit, _) => ResponseBody::None,
            (Type::Bytes, _) => ResponseBody::Bytes,
            (_, true) => ResponseBody::JsonOrEmpty,
            (_, false) => ResponseBody::Json,
        };
        Some(Operation {
            name: name.to_string(),
            call: String::new(),
            operation_id: id.value.clone(),
            method: op.method,
            path: item.path.value.clone(),
            path_segments,
            summary: op.summary.clone(),
            doc: op.description.clone(),
            source,
            deprecated: op.deprecated,
            idempotent,
            params,
            body,
            success: responses.success,
            success_rule: responses.success_rule,
            response,
            response_body_optional: responses.body_optional,
            response_body,
            errors: responses.errors,
            success_arms: responses.arms,
            pagination: None,
            waiter: None,
            and_wait: None,
        })
    }

    fn lower_body(
        &mut self,
        op: &'a spec::Operation,
        id: &At<String>,
        type_prefix: &str,
    ) -> Option<Body> {
        let b = op.request_body.as_ref()?;
        let index = self.index;
        let b = self.resolve(b, &index.request_bodies, "requestBodies", "request body")?;
        let what = format!("the request body of `{}`", id.value);
        let chosen = self.request_media(&b.content, &what)?;
        let ty = match (chosen.media, chosen.schema) {
            (BodyMedia::Text, _) => Type::String,
            (BodyMedia::Bytes, _) => Type::Bytes,
            (_, None) => return None,
            (media, Some(schema)) => {
                let ty = self.type_of(schema, &format!("{type_prefix}Request"));
                if matches!(media, BodyMedia::Form | BodyMedia::Multipart)
                    && !matches!(self.types.kind_of(&ty), Some(TypeKind::Struct { .. }))
                {
                    let message = format!(
                        "{what} is `{}` of {}, which has no fields to send",
                        chosen.written.media_type.value,
                        ty.describe()
                    );
                    self.error_hint(
                        chosen.written.media_type.pos,
                        message,
                        "a form or multipart body is an object schema: each property is a field",
                    );
                }
                ty
            }
        };
        Some(Body {
            ty,
            required: b.required,
            doc: b.description.clone(),
            validated: false,
            media: chosen.media,
            content_type: chosen.content_type,
        })
    }
}

/// The path template tied to the parameters: each placeholder filled by the path parameter
/// (or client setting) of that wire name. A placeholder without one was reported by
/// `lower_params`, so the model is never printed.
fn path_segments(parts: &[TemplatePart], params: &[Param]) -> Vec<PathSegment> {
    let in_path: HashMap<&str, &Param> = params
        .iter()
        .filter(|p| matches!(p.location, ParamLocation::Path | ParamLocation::Client))
        .map(|p| (p.wire.as_str(), p))
        .collect();
    parts
        .iter()
        .filter_map(|part| match part {
            TemplatePart::Literal(text) => Some(PathSegment::Literal(text.to_string())),
            TemplatePart::Placeholder(wire) => in_path.get(wire).map(|p| match p.location {
                ParamLocation::Client => PathSegment::ClientParam(p.name.clone()),
                _ => PathSegment::Argument(p.name.clone()),
            }),
        })
        .collect()
}
