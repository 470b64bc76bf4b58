//! The lifecycle extensions checked against their operation once every type exists:
//! `x-pagination` (which parameters move, where the items and the total are),
//! `x-waiter` (the id parameter, where the state is, which states end the wait) and
//! `x-and-wait` (which waiter follows, where the id is). Each problem is located at the
//! key that carries it.

use super::context::Lowering;
use crate::ir::*;
use crate::names::{RESERVED_METHODS, is_identifier};
use crate::spec::{self, At};
use std::collections::{HashMap, HashSet};

impl Lowering<'_> {
    pub(super) fn resolve_lifecycle(&mut self, operations: &mut [Operation]) {
        let by_id: HashMap<String, usize> = operations
            .iter()
            .enumerate()
            .map(|(i, op)| (op.operation_id.clone(), i))
            .collect();
        let mut methods: HashSet<String> = operations.iter().map(|o| o.name.clone()).collect();
        let doc = self.doc;
        let written: Vec<(usize, &spec::Operation)> = doc
            .paths
            .iter()
            .flat_map(|item| item.operations.iter())
            .filter_map(|op| {
                let id = op.operation_id.as_ref()?;
                by_id.get(&id.value).map(|&i| (i, op))
            })
            .collect();
        // Waiters first: `x-and-wait` names one.
        for (i, op) in &written {
            if let Some(w) = &op.waiter {
                operations[*i].waiter = self.lower_waiter(&operations[*i], w, &mut methods);
            }
            if let Some(p) = &op.pagination {
                operations[*i].pagination = self.lower_pagination(&operations[*i], p);
            }
        }
        for (i, op) in &written {
            if let Some(a) = &op.and_wait {
                let waited = a.waiter.as_ref().and_then(|w| by_id.get(&w.value)).copied();
                let lowered =
                    self.lower_and_wait(&operations[*i], a, waited.map(|w| &operations[w]));
                operations[*i].and_wait = lowered;
            }
        }
    }

    fn lower_pagination(&mut self, op: &Operation, p: &spec::PaginationSpec) -> Option<Pagination> {
        let (style, moving) = match (&p.offset, &p.page) {
            (Some(offset), None) => {
                if let Some(first) = &p.first_page {
                    self.error_hint(
                        first.pos,
                        "`first-page` in `x-pagination` applies to `page`, not `offset`",
                        "an offset counts items from 0; remove `first-page`",
                    );
                }
                (PageStyle::Offset, offset)
            }
            (None, Some(page)) => {
                let first = p.first_page.as_ref().map_or(1, |f| f.value);
                (PageStyle::Page { first }, page)
            }
            _ => {
                self.error_hint(
                    p.pos,
                    format!(
                        "`x-pagination` of `{}` must name either `offset` or `page`",
                        op.operation_id
                    ),
                    "`offset: <parameter>` when it counts items, `page: <parameter>` (with `first-page`) when it counts pages",
                );
                return None;
            }
        };
        let position = self.paging_param(op, moving);
        let limit = p.limit.as_ref().and_then(|l| self.paging_param(op, l));
        let items = p.items.as_ref().and_then(|path| {
            let (steps, ty) = self.answer_path(op, path)?;
            match ty {
                Type::List(item) => Some((steps, *item)),
                other => {
                    self.error(
                        path.pos,
                        format!(
                            "`items: {}` of `{}` is {}, not a list",
                            path.value,
                            op.operation_id,
                            other.describe()
                        ),
                    );
                    None
                }
            }
        });
        let total = match &p.total {
            None => Some(Vec::new()),
            Some(path) => self.answer_path(op, path).and_then(|(steps, ty)| {
                if ty.is_numeric() && ty != Type::Number {
                    Some(steps)
                } else {
                    self.error(
                        path.pos,
                        format!(
                            "`total: {}` of `{}` is {}, not an integer",
                            path.value,
                            op.operation_id,
                            ty.describe()
                        ),
                    );
                    None
                }
            }),
        };
        let (position, limit, (items, item_ty), total) = (position?, limit?, items?, total?);
        Some(Pagination {
            style,
            position: position.name.clone(),
            position_wire: position.wire.clone(),
            position_ty: position.ty.clone(),
            limit: limit.name.clone(),
            default_limit: limit.default.as_deref().and_then(|d| d.parse().ok()),
            items,
            item_ty,
            total,
        })
    }

    /// The optional integer query parameter a paginator sets, by wire name.
    fn paging_param<'o>(&mut self, op: &'o Operation, wire: &At<String>) -> Option<&'o Param> {
        let found = op
            .params
            .iter()
            .find(|p| p.wire == wire.value && p.location == ParamLocation::Query);
        match found {
            None => {
                self.error_hint(
                    wire.pos,
                    format!(
                        "`x-pagination` names `{}`, which is not a query parameter of `{}`",
                        wire.value, op.operation_id
                    ),
                    "name the query parameter as its `name:` spells it",
                );
                None
            }
            Some(p) if p.required || !p.ty.is_numeric() || p.ty == Type::Number => {
                self.error_hint(
                    wire.pos,
                    format!(
                        "`x-pagination` needs `{}` of `{}` to be an optional integer, not {}{}",
                        wire.value,
                        op.operation_id,
                        if p.required { "required " } else { "" },
                        p.ty.describe()
                    ),
                    "the paginator sets it on every page; declare it `type: integer` and not `required`",
                );
                None
            }
            Some(p) => Some(p),
        }
    }

    /// A dotted path of wire names through the operation's answer: the steps and the type
    /// at its end.
    fn answer_path(&mut self, op: &Operation, path: &At<String>) -> Option<(Vec<FieldStep>, Type)> {
        let mut ty = op.response.clone();
        let mut steps = Vec::new();
        for wire in path.value.split('.') {
            let fields = match self.struct_fields(&ty) {
                Some(fields) => fields,
                None => {
                    self.error(
                        path.pos,
                        format!(
                            "`{}` in the answer of `{}`: {} has no fields, so it has no `{wire}`",
                            path.value,
                            op.operation_id,
                            ty.describe()
                        ),
                    );
                    return None;
                }
            };
            let Some(field) = fields.iter().find(|f| f.wire == wire) else {
                let known: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
                self.error_hint(
                    path.pos,
                    format!(
                        "`{}` in the answer of `{}`: {} has no field `{wire}`",
                        path.value,
                        op.operation_id,
                        ty.describe()
                    ),
                    format!("its fields are: {}", known.join(", ")),
                );
                return None;
            };
            steps.push(FieldStep {
                field: field.name.clone(),
                optional: field.optional(),
            });
            ty = field.ty.clone();
        }
        Some((steps, ty))
    }

    /// The fields of a struct type, through aliases.
    fn struct_fields(&self, ty: &Type) -> Option<Vec<Field>> {
        let mut ty = ty.clone();
        // Aliases of aliases end: cycles were broken before this pass.
        for _ in 0..self.types.len() + 1 {
            match self.types.kind_of(&ty)? {
                TypeKind::Struct { fields, .. } => return Some(fields.clone()),
                TypeKind::Alias { ty: inner } => ty = inner.clone(),
                TypeKind::Enum { .. } | TypeKind::IntEnum { .. } | TypeKind::Union { .. } => {
                    return None;
                }
            }
        }
        None
    }

    fn lower_waiter(
        &mut self,
        op: &Operation,
        w: &spec::WaiterSpec,
        methods: &mut HashSet<String>,
    ) -> Option<Waiter> {
        let name = w.name.as_ref()?;
        let method = format!("wait_for_{}", name.value);
        if !is_identifier(&name.value) || name.value != name.value.to_ascii_lowercase() {
            self.error_hint(
                name.pos,
                format!(
                    "`x-waiter` name `{}` is not a snake_case Rust name",
                    name.value
                ),
                "e.g. `name: job` gives `wait_for_job`",
            );
            return None;
        }
        // `<method>_from` is the private method `and_wait` calls.
        if RESERVED_METHODS.contains(&method.as_str())
            || !methods.insert(method.clone())
            || !methods.insert(format!("{method}_from"))
        {
            self.error_hint(
                name.pos,
                format!("the waiter `{method}` would take the name of another method"),
                "give the waiter another `name`",
            );
            return None;
        }
        let ids: Vec<&Param> = op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .collect();
        let others_required = op.params.iter().any(|p| {
            p.required && matches!(p.location, ParamLocation::Query | ParamLocation::Header)
        }) || op.body.as_ref().is_some_and(|b| b.required);
        let id = match ids.as_slice() {
            [id] if id.ty == Type::String && !others_required => id,
            _ => {
                self.error_hint(
                    w.pos,
                    format!(
                        "`x-waiter` on `{}` needs an operation polled by one string path parameter (the id) and nothing else required",
                        op.operation_id
                    ),
                    "a waiter polls `GET .../jobs/{job_id}`-like operations",
                );
                return None;
            }
        };
        let state = w.state.as_ref()?;
        let (steps, ty) = self.answer_path(op, state)?;
        let allowed = self.state_values(&ty, state, &op.operation_id)?;
        if w.done.is_empty() {
            self.error_hint(
                w.pos,
                "`x-waiter` lists no `done` state",
                "e.g. `done: [Completed]`",
            );
            return None;
        }
        let mut ok = true;
        for value in w.done.iter().chain(&w.failed) {
            if let Some(allowed) = &allowed
                && !allowed.contains(&value.value)
            {
                self.error_hint(
                    value.pos,
                    format!(
                        "`{}` is not a value of the waiter's state `{}`",
                        value.value, state.value
                    ),
                    format!("its values are: {}", allowed.join(", ")),
                );
                ok = false;
            }
        }
        let done: Vec<String> = w.done.iter().map(|d| d.value.clone()).collect();
        for f in &w.failed {
            if done.contains(&f.value) {
                self.error(f.pos, format!("`{}` is both `done` and `failed`", f.value));
                ok = false;
            }
        }
        ok.then(|| Waiter {
            method,
            what: name.value.clone(),
            id: id.name.clone(),
            state: steps,
            done,
            failed: w.failed.iter().map(|f| f.value.clone()).collect(),
        })
    }

    /// What a state may be: `Some(values)` for an enum, `None` (anything) for a string.
    fn state_values(
        &mut self,
        ty: &Type,
        state: &At<String>,
        id: &str,
    ) -> Option<Option<Vec<String>>> {
        if *ty == Type::String {
            return Some(None);
        }
        if let Some(TypeKind::Enum { variants }) = self.types.kind_of(ty) {
            return Some(Some(variants.iter().map(|v| v.wire.clone()).collect()));
        }
        self.error(
            state.pos,
            format!(
                "`state: {}` of `{id}` is {}, not a string or a string enum",
                state.value,
                ty.describe()
            ),
        );
        None
    }

    fn lower_and_wait(
        &mut self,
        op: &Operation,
        a: &spec::AndWaitSpec,
        waited: Option<&Operation>,
    ) -> Option<AndWait> {
        let waiter_id = a.waiter.as_ref()?;
        let Some((waited, waiter)) = waited.and_then(|w| w.waiter.as_ref().map(|x| (w, x))) else {
            self.error_hint(
                waiter_id.pos,
                format!(
                    "`x-and-wait` of `{}` names `{}`, which is not an operation with `x-waiter`",
                    op.operation_id, waiter_id.value
                ),
                "name the operationId of the operation that polls (e.g. `showJob`)",
            );
            return None;
        };
        let id = a.id.as_ref()?;
        let (steps, ty) = self.answer_path(op, id)?;
        if ty != Type::String {
            self.error(
                id.pos,
                format!(
                    "`id: {}` of `{}` is {}, not a string",
                    id.value,
                    op.operation_id,
                    ty.describe()
                ),
            );
            return None;
        }
        Some(AndWait {
            waiter: waiter.method.clone(),
            polls: waited.name.clone(),
            answer: waited.response.clone(),
            id: steps,
            id_wire: id.value.clone(),
        })
    }
}
