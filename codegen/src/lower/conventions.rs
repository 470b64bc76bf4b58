//! The service's answer conventions: the envelope every answer is wrapped in, the error a
//! 200 can carry (`x-body-error`), the codes that mean "try again" (`x-retryable-errors`),
//! and where an error answer puts its code, message and request id (`x-error-role`).

use super::context::Lowering;
use super::roles::Role;
use crate::ir::*;
use crate::spec::{self, At};
use crate::yaml::Pos;
use std::collections::{HashMap, HashSet};

/// `x-envelope`, as the runtime reads it.
pub(super) fn envelope(doc: &spec::Document) -> Option<Envelope> {
    doc.envelope.as_ref().map(|e| Envelope {
        data: e.data.value.clone(),
        success: e.success.value.clone(),
        trace_id: e.trace_id.as_ref().map(|t| t.value.clone()),
    })
}

/// `x-body-error`, as the runtime reads it.
pub(super) fn body_error(doc: &spec::Document) -> Option<BodyError> {
    doc.body_error.as_ref().map(|b| BodyError {
        code: b.code.value.clone(),
        success: b.success.value.clone(),
        message: b.message.as_ref().map(|m| m.value.clone()),
    })
}

pub(super) fn retryable_errors(doc: &spec::Document) -> Vec<RetryableError> {
    doc.retryable_errors
        .iter()
        .map(|r| RetryableError {
            status: r.status,
            code: r.code.clone(),
        })
        .collect()
}

/// How deep, in an error answer, a role is looked for.
const MAX_ERROR_DEPTH: usize = 4;

impl Lowering<'_> {
    pub(super) fn record_error_role(&mut self, owner: &str, wire: &str, role: &At<String>) {
        let known = match role.value.as_str() {
            "code" => Role::Code,
            "message" => Role::Message,
            "request-id" => Role::RequestId,
            _ => {
                self.error_hint(
                    role.pos,
                    format!("unknown `x-error-role` `{}`", role.value),
                    "use `code`, `message` or `request-id`",
                );
                return;
            }
        };
        self.roles
            .by_field
            .entry((owner.to_string(), wire.to_string()))
            .or_insert(known);
        self.roles.owners.push(owner.to_string());
    }

    /// The payload type of an enveloped success: the type of its `data` property.
    pub(super) fn unwrap_envelope(
        &mut self,
        envelope: &spec::Envelope,
        ty: Type,
        pos: Pos,
        op: &str,
    ) -> Type {
        if ty == Type::Unit {
            return ty;
        }
        let fields: Option<HashMap<&str, &Field>> = match self.types.kind_of(&ty) {
            Some(TypeKind::Struct { fields, .. }) => {
                Some(fields.iter().map(|f| (f.wire.as_str(), f)).collect())
            }
            _ => None,
        };
        let Some(fields) = fields else {
            self.error_hint(
                pos,
                format!("the success answer of `{op}` must be an envelope object"),
                "`x-envelope` says every answer wraps its payload",
            );
            return ty;
        };
        let missing: Vec<&str> = [&envelope.data, &envelope.success]
            .into_iter()
            .filter(|wanted| !fields.contains_key(wanted.value.as_str()))
            .map(|wanted| wanted.value.as_str())
            .collect();
        let payload = fields
            .get(envelope.data.value.as_str())
            .map(|f| f.ty.clone());
        for wanted in missing {
            self.error_hint(
                pos,
                format!("the success answer of `{op}` has no `{wanted}` property, which `x-envelope` names"),
                format!("`x-envelope` is declared at line {}", envelope.pos.line),
            );
        }
        payload.unwrap_or(ty)
    }

    /// Key paths to the code, message and request id of error answers, found by walking the
    /// error types (and every type that declares an `x-error-role`) through their fields.
    pub(super) fn error_fields(&self, operations: &[Operation]) -> ErrorFields {
        let mut roots: Vec<&str> = Vec::new();
        let mut seen_roots: HashSet<&str> = HashSet::new();
        for op in operations {
            for e in &op.errors {
                if let Type::Named(n) = &e.ty
                    && seen_roots.insert(n)
                {
                    roots.push(n);
                }
            }
        }
        let mut walk = RoleWalk {
            out: ErrorFields::default(),
            visited: HashSet::new(),
        };
        for root in roots {
            self.collect_roles(root, &mut Vec::new(), &mut walk, 0);
        }
        // Shapes the service also uses that no documented error names (e.g. a gateway's).
        for owner in &self.roles.owners {
            if !walk.visited.contains(owner) {
                self.collect_roles(owner, &mut Vec::new(), &mut walk, 0);
            }
        }
        walk.out
    }

    fn collect_roles(&self, ty: &str, path: &mut Vec<String>, walk: &mut RoleWalk, depth: usize) {
        if depth > MAX_ERROR_DEPTH {
            return;
        }
        walk.visited.insert(ty.to_string());
        let Some(TypeKind::Struct { fields, .. }) = self.types.kind(ty) else {
            return;
        };
        for field in fields {
            path.push(field.wire.clone());
            let key = (ty.to_string(), field.wire.clone());
            if let Some(role) = self.roles.by_field.get(&key) {
                let list = match role {
                    Role::Code => &mut walk.out.code,
                    Role::Message => &mut walk.out.message,
                    Role::RequestId => &mut walk.out.request_id,
                };
                if !list.contains(path) {
                    list.push(path.clone());
                }
            }
            if let Type::Named(inner) = &field.ty {
                self.collect_roles(inner, path, walk, depth + 1);
            }
            path.pop();
        }
    }
}

/// The walk of error types for roles: the key paths found, and the types looked at.
struct RoleWalk {
    out: ErrorFields,
    visited: HashSet<String>,
}
