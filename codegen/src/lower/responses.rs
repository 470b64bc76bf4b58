//! Responses of an operation: the success statuses and the type they return (one type, or
//! an enum by status when they differ), and the documented errors with their body types.
//! Without a 2xx, `default` is the success; `2XX` makes every 2xx one; 1xx and 3xx answers
//! are documented errors.

use super::context::Lowering;
use crate::ir::*;
use crate::profile::Profile;
use crate::spec::{self, At};
use crate::yaml::Pos;

/// What an operation's responses say.
pub(super) struct Responses {
    /// Statuses that mean success (none listed under `SuccessRule::Any2xx`).
    pub(super) success: Vec<u16>,
    pub(super) success_rule: SuccessRule,
    /// The type every success returns (before unwrapping an envelope), `Unit` for none.
    pub(super) success_type: Type,
    /// Where the first success is written (the operation's place when there is none).
    pub(super) success_pos: Pos,
    /// `x-body-optional` on a success.
    pub(super) body_optional: bool,
    pub(super) errors: Vec<ErrorResponse>,
    /// Successes of different types: one enum arm per status.
    pub(super) arms: Vec<SuccessArm>,
    /// A document published elsewhere documents no success for the operation (only a
    /// redirect, a protocol upgrade or errors): it is left out, with a warning.
    pub(super) left_out: bool,
}

/// A documented status read before the success is decided.
struct Documented {
    status: u16,
    ty: Type,
    pos: Pos,
    body_optional: bool,
}

impl<'a> Lowering<'a> {
    pub(super) fn lower_responses(
        &mut self,
        op: &'a spec::Operation,
        id: &At<String>,
        type_prefix: &str,
    ) -> Responses {
        let mut successes: Vec<Documented> = Vec::new();
        let mut errors = Vec::new();
        // `default`, and where it stands among the errors: without a 2xx it is the success.
        let mut default: Option<(usize, ErrorResponse, Documented)> = None;
        let has_2xx = op.responses.iter().any(|(s, _)| s.value.starts_with('2'));
        // A response already reported as wrong may be the missing success.
        let mut skipped = false;
        // `2XX`: every 2xx status is a success (where it is written).
        let mut range_2xx = None;
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
            if code == "2XX" {
                range_2xx = Some(status.pos);
            }
            let what = format!("the `{code}` response of `{}`", id.value);
            let success = code.starts_with('2') || (code == "default" && !has_2xx);
            let wanted = if success {
                format!("{type_prefix}Response")
            } else {
                format!(
                    "{type_prefix}Error{}",
                    if code == "default" { "Default" } else { code }
                )
            };
            let ty = match self.answer_schema(&r.content, &what) {
                Ok(Some(schema)) => self.type_of(schema, &wanted),
                Ok(None) => Type::Unit,
                Err(()) => Type::Bytes,
            };
            let documented = Documented {
                status: code.parse().unwrap_or(200),
                ty: ty.clone(),
                pos: status.pos,
                body_optional: r.body_optional,
            };
            // 1xx and 3xx answers are documented, never a success: read as errors.
            let error = ErrorResponse {
                status: code.to_string(),
                description: r.description.clone(),
                ty,
            };
            if code.starts_with('2') {
                successes.push(documented);
            } else if code == "default" {
                default = Some((errors.len(), error, documented));
            } else {
                errors.push(error);
            }
        }
        let mut default_is_success = false;
        match default {
            Some((_, _, documented)) if successes.is_empty() => {
                successes.push(documented);
                default_is_success = true;
            }
            Some((at, error, _)) => errors.insert(at, error),
            None => {}
        }
        let no_success = successes.is_empty() && !skipped && op.responses_complete;
        let left_out = no_success && self.doc.profile == Profile::Outside;
        if left_out {
            let listed: Vec<&str> = op.responses.iter().map(|(s, _)| s.value.as_str()).collect();
            self.warn(
                op.pos,
                format!(
                    "operation `{}` documents no success (2xx or `default`) response, only {}: it is not generated (the client follows no redirect and upgrades no protocol)",
                    id.value,
                    listed.join(", ")
                ),
            );
        } else if no_success {
            self.error_hint(
                op.pos,
                format!(
                    "operation `{}` documents no success (2xx or `default`) response",
                    id.value
                ),
                "add e.g. `'200': {description: OK}`",
            );
        }
        let body_optional = successes.iter().any(|s| s.body_optional);
        let (success_type, success_pos) = successes
            .first()
            .map_or((Type::Unit, op.pos), |s| (s.ty.clone(), s.pos));
        let differ = successes.iter().any(|s| s.ty != success_type);
        let (success_type, arms) = if differ {
            let name = self.types.fresh_name(&format!("{type_prefix}Success"));
            self.types.reserve(&name);
            let arms = successes
                .iter()
                .map(|s| SuccessArm {
                    status: s.status,
                    variant: format!("Status{}", s.status),
                    ty: s.ty.clone(),
                })
                .collect();
            (Type::Named(name), arms)
        } else {
            (success_type, Vec::new())
        };
        if body_optional && (differ || !self.all_fields_optional(&success_type)) {
            self.error_hint(
                success_pos,
                "`x-body-optional` needs a success type whose fields are all optional",
                "an empty answer is read as `{}`, which must decode",
            );
        }
        if let Some(pos) = range_2xx
            && differ
        {
            self.error_hint(
                pos,
                "a `2XX` range beside 2xx statuses of another type is not supported",
                "give the listed 2xx statuses the range's type, or list each status instead of the range",
            );
        }
        let (success, success_rule) = if default_is_success || range_2xx.is_some() {
            // `default` stands for every status not documented, `2XX` for every 2xx: each
            // 2xx is a success.
            (Vec::new(), SuccessRule::Any2xx)
        } else {
            let listed = successes.iter().map(|s| s.status).collect();
            (listed, SuccessRule::Listed)
        };
        Responses {
            success,
            success_rule,
            success_type,
            success_pos,
            body_optional,
            errors,
            arms,
            left_out,
        }
    }

    fn all_fields_optional(&self, ty: &Type) -> bool {
        match self.types.kind_of(ty) {
            Some(TypeKind::Struct { fields, .. }) => fields.iter().all(|f| !f.required),
            _ => false,
        }
    }
}
