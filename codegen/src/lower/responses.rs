//! Responses of an operation: the success statuses and the one type they return, and the
//! documented errors with their body types.

use super::context::Lowering;
use crate::ir::*;
use crate::spec::{self, At};
use crate::yaml::Pos;

/// What an operation's responses say.
pub(super) struct Responses {
    /// Statuses that mean success.
    pub(super) success: Vec<u16>,
    /// The type every success returns (before unwrapping an envelope), `Unit` for none.
    pub(super) success_type: Type,
    /// Where the first success is written (the operation's place when there is none).
    pub(super) success_pos: Pos,
    /// `x-body-optional` on a success.
    pub(super) body_optional: bool,
    pub(super) errors: Vec<ErrorResponse>,
}

impl<'a> Lowering<'a> {
    pub(super) fn lower_responses(
        &mut self,
        op: &'a spec::Operation,
        id: &At<String>,
        type_prefix: &str,
    ) -> Responses {
        let mut success: Vec<u16> = Vec::new();
        let mut response: Option<(Type, Pos)> = None;
        let mut body_optional = false;
        let mut errors = Vec::new();
        // A response already reported as wrong may be the missing success.
        let mut skipped = false;
        let index = self.index;
        for (status, r) in &op.responses {
            let Some(r) = self.resolve(r, &index.responses, "responses", "response") else {
                skipped = true;
                continue;
            };
            let code = status.value.as_str();
            let numeric = code.len() == 3
                && code.bytes().all(|b| b.is_ascii_digit())
                && ("100".."600").contains(&code);
            let range = matches!(code, "1XX" | "2XX" | "3XX" | "4XX" | "5XX");
            if !(numeric || range || code == "default") {
                self.error_hint(
                    status.pos,
                    format!("`{code}` is not a response status"),
                    "use a status such as `200`, a range such as `4XX`, or `default`",
                );
                skipped = true;
                continue;
            }
            let what = format!("the `{code}` response of `{}`", id.value);
            let schema = self.json_schema(&r.content, &what);
            if code.starts_with('2') {
                if range {
                    self.error_hint(
                        status.pos,
                        "success ranges (`2XX`) are not supported",
                        "list each success status",
                    );
                    skipped = true;
                    continue;
                }
                let ty = match schema {
                    Some(schema) => self.type_of(schema, &format!("{type_prefix}Response")),
                    None => Type::Unit,
                };
                success.push(code.parse().unwrap_or(200));
                body_optional |= r.body_optional;
                match &response {
                    Some((first, _)) if *first != ty => {
                        let message = format!(
                            "{what} is {}, but another success of the same operation is {}",
                            ty.describe(),
                            first.describe()
                        );
                        self.error_hint(
                            status.pos,
                            message,
                            "every success status of one operation must return the same type",
                        );
                    }
                    Some(_) => {}
                    None => response = Some((ty, status.pos)),
                }
            } else if code.starts_with('1') || code.starts_with('3') {
                self.error_hint(
                    status.pos,
                    format!("status `{code}` is not supported"),
                    "document success (2xx) and error (4xx, 5xx, default) answers",
                );
            } else {
                let ty = match schema {
                    Some(schema) => self.type_of(
                        schema,
                        &format!(
                            "{type_prefix}Error{}",
                            if code == "default" { "Default" } else { code }
                        ),
                    ),
                    None => Type::Unit,
                };
                errors.push(ErrorResponse {
                    status: code.to_string(),
                    description: r.description.clone(),
                    ty,
                });
            }
        }
        if success.is_empty() && !skipped && op.responses_complete {
            self.error_hint(
                op.pos,
                format!(
                    "operation `{}` documents no success (2xx) response",
                    id.value
                ),
                "add e.g. `'200': {description: OK}`",
            );
        }
        let (success_type, success_pos) = response.unwrap_or((Type::Unit, op.pos));
        if body_optional && !self.all_fields_optional(&success_type) {
            self.error_hint(
                success_pos,
                "`x-body-optional` needs a success type whose fields are all optional",
                "an empty answer is read as `{}`, which must decode",
            );
        }
        Responses {
            success,
            success_type,
            success_pos,
            body_optional,
            errors,
        }
    }

    fn all_fields_optional(&self, ty: &Type) -> bool {
        match self.types.kind_of(ty) {
            Some(TypeKind::Struct { fields, .. }) => fields.iter().all(|f| !f.required),
            _ => false,
        }
    }
}
