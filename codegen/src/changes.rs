//! What changed between two models of one service, and whether it breaks a caller of the
//! generated client (code that compiled against the old client, or requests it sent).

use crate::ir::*;
use std::fmt;

/// One change and whether it breaks callers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub breaking: bool,
    pub what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = if self.breaking {
            "BREAKING"
        } else {
            "ok      "
        };
        write!(f, "{tag}  {}", self.what)
    }
}

/// Every change from `old` to `new`, in a stable order.
pub fn compare(old: &Service, new: &Service) -> Vec<Change> {
    let mut inputs = request_types(old);
    inputs.extend(request_types(new));
    let mut out = Changes {
        list: Vec::new(),
        inputs,
    };
    out.service(old, new);
    out.list
}

/// Types a caller builds to send: those reachable from a request body or a parameter.
/// Rules are checked on these only, and only these are written as struct literals.
fn request_types(service: &Service) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut todo: Vec<&Type> = Vec::new();
    for op in &service.operations {
        todo.extend(op.body.iter().map(|b| &b.ty));
        todo.extend(op.params.iter().map(|p| &p.ty));
    }
    while let Some(ty) = todo.pop() {
        match ty {
            Type::List(inner) | Type::Map(inner) => todo.push(inner),
            Type::Named(n) if !found.contains(n) => {
                found.push(n.clone());
                match service.types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
                    Some(TypeKind::Struct { fields, .. }) => {
                        todo.extend(fields.iter().map(|f| &f.ty))
                    }
                    Some(TypeKind::Alias { ty }) => todo.push(ty),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    found
}

struct Changes {
    list: Vec<Change>,
    /// Types callers build (see [`request_types`]), in the old or the new model.
    inputs: Vec<String>,
}

impl Changes {
    fn push(&mut self, breaking: bool, what: String) {
        self.list.push(Change { breaking, what });
    }

    /// "`subject` is now `property`" or "is no longer", when a yes-or-no property changed.
    fn toggled(&mut self, breaking: bool, subject: &str, property: &str, old: bool, new: bool) {
        if old != new {
            let now = if new { "now" } else { "no longer" };
            self.push(breaking, format!("{subject} is {now} {property}"));
        }
    }

    fn is_input(&self, type_name: &str) -> bool {
        self.inputs.iter().any(|t| t == type_name)
    }

    fn service(&mut self, old: &Service, new: &Service) {
        if old.description != new.description || old.title != new.title {
            self.push(false, "service description changed".into());
        }
        for a in &old.auth {
            if !new.auth.contains(a) {
                self.push(true, format!("authentication {a:?} is no longer accepted"));
            }
        }
        for a in &new.auth {
            if !old.auth.contains(a) {
                self.push(false, format!("authentication {a:?} is now accepted"));
            }
        }
        for p in &new.client_params {
            if !old.client_params.iter().any(|o| o.name == p.name) {
                self.push(true, format!("client setting `{}` is now required", p.name));
            }
        }
        for p in &old.client_params {
            if !new.client_params.iter().any(|n| n.name == p.name) {
                self.push(
                    false,
                    format!("client setting `{}` is no longer used", p.name),
                );
            }
        }
        if old.envelope != new.envelope
            || old.body_error != new.body_error
            || old.error_fields != new.error_fields
        {
            self.push(
                false,
                "answer conventions (envelope, error fields) changed".into(),
            );
        }
        if old.retryable_errors != new.retryable_errors {
            self.push(false, "retryable error codes changed".into());
        }
        for op in &old.operations {
            match new.operations.iter().find(|n| n.name == op.name) {
                None => self.push(true, format!("operation `{}` removed", op.name)),
                Some(n) => self.operation(op, n),
            }
        }
        for op in &new.operations {
            if !old.operations.iter().any(|o| o.name == op.name) {
                self.push(
                    false,
                    format!("operation `{}` added ({} {})", op.name, op.method, op.path),
                );
            }
        }
        for t in &old.types {
            match new.types.iter().find(|n| n.name == t.name) {
                None => self.push(true, format!("type `{}` removed", t.name)),
                Some(n) => self.type_def(t, n),
            }
        }
        for t in &new.types {
            if !old.types.iter().any(|o| o.name == t.name) {
                self.push(false, format!("type `{}` added", t.name));
            }
        }
    }

    fn operation(&mut self, old: &Operation, new: &Operation) {
        let name = &old.name;
        if old.method != new.method || old.path != new.path {
            self.push(
                false,
                format!(
                    "operation `{name}` moved from {} {} to {} {}",
                    old.method, old.path, new.method, new.path
                ),
            );
        }
        if old.summary != new.summary || old.doc != new.doc || old.source != new.source {
            self.push(
                false,
                format!("documentation of operation `{name}` changed"),
            );
        }
        let operation = format!("operation `{name}`");
        self.toggled(
            false,
            &operation,
            "deprecated",
            old.deprecated,
            new.deprecated,
        );
        self.toggled(
            false,
            &operation,
            "idempotent (retry behaviour)",
            old.idempotent,
            new.idempotent,
        );
        for p in &old.params {
            match new.params.iter().find(|n| n.name == p.name) {
                None => self.push(true, format!("parameter `{}` of `{name}` removed", p.name)),
                Some(n) => {
                    let argument = |l: &ParamLocation| *l != ParamLocation::Client;
                    if argument(&p.location) != argument(&n.location) {
                        let now = if argument(&n.location) {
                            "an argument of the method (was a client setting)"
                        } else {
                            "a client setting (was an argument of the method)"
                        };
                        self.push(
                            true,
                            format!("parameter `{}` of `{name}` is now {now}", p.name),
                        );
                    } else if p.location != n.location {
                        self.push(
                            false,
                            format!(
                                "parameter `{}` of `{name}` is now sent in the {} (was the {})",
                                p.name,
                                location(&n.location),
                                location(&p.location)
                            ),
                        );
                    }
                    if p.wire != n.wire {
                        self.push(
                            false,
                            format!(
                                "parameter `{}` of `{name}` is now sent as `{}` (was `{}`)",
                                p.name, n.wire, p.wire
                            ),
                        );
                    }
                    if p.ty != n.ty {
                        self.push(
                            true,
                            format!(
                                "parameter `{}` of `{name}` changed type from {} to {}",
                                p.name,
                                p.ty.describe(),
                                n.ty.describe()
                            ),
                        );
                    }
                    if p.required != n.required {
                        self.push(
                            true,
                            format!(
                                "parameter `{}` of `{name}` became {}",
                                p.name,
                                if n.required { "required" } else { "optional" }
                            ),
                        );
                    }
                    self.constraints(
                        &format!("parameter `{}` of `{name}`", p.name),
                        &p.constraints,
                        &n.constraints,
                        true,
                    );
                }
            }
        }
        // Arguments are positional: the same arguments in another order break every call.
        let arguments = |op: &Operation| -> Vec<String> {
            op.params
                .iter()
                .filter(|p| p.location != ParamLocation::Client)
                .map(|p| p.name.clone())
                .collect()
        };
        let (old_args, new_args) = (arguments(old), arguments(new));
        let kept_old: Vec<&String> = old_args.iter().filter(|a| new_args.contains(a)).collect();
        let kept_new: Vec<&String> = new_args.iter().filter(|a| old_args.contains(a)).collect();
        if kept_old != kept_new {
            self.push(
                true,
                format!(
                    "the arguments of `{name}` changed order from ({}) to ({})",
                    old_args.join(", "),
                    new_args.join(", ")
                ),
            );
        }
        for p in &new.params {
            if !old.params.iter().any(|o| o.name == p.name) {
                let kind = if p.required { "required" } else { "optional" };
                self.push(
                    true,
                    format!(
                        "{kind} parameter `{}` added to `{name}` (the method takes a new argument)",
                        p.name
                    ),
                );
            }
        }
        match (&old.body, &new.body) {
            (Some(a), Some(b)) if a.ty != b.ty => self.push(
                true,
                format!(
                    "request body of `{name}` changed from {} to {}",
                    a.ty.describe(),
                    b.ty.describe()
                ),
            ),
            (Some(a), Some(b)) if a.required != b.required => self.push(
                true,
                format!(
                    "request body of `{name}` became {}",
                    if b.required { "required" } else { "optional" }
                ),
            ),
            (None, Some(_)) => self.push(true, format!("`{name}` now takes a request body")),
            (Some(_), None) => self.push(true, format!("`{name}` no longer takes a request body")),
            _ => {}
        }
        if old.response != new.response {
            self.push(
                true,
                format!(
                    "`{name}` now returns {} (was {})",
                    new.response.describe(),
                    old.response.describe()
                ),
            );
        }
        for status in &old.success {
            if !new.success.contains(status) {
                self.push(
                    true,
                    format!("status {status} of `{name}` is no longer a success (the call now fails with it)"),
                );
            }
        }
        for status in &new.success {
            if !old.success.contains(status) {
                self.push(
                    false,
                    format!("status {status} of `{name}` is now a success"),
                );
            }
        }
        self.toggled(
            false,
            &format!("an empty success answer of `{name}`"),
            "accepted",
            old.response_body_optional,
            new.response_body_optional,
        );
        let statuses = |e: &[ErrorResponse]| e.iter().map(|e| e.status.clone()).collect::<Vec<_>>();
        if statuses(&old.errors) != statuses(&new.errors) {
            self.push(
                false,
                format!(
                    "documented errors of `{name}` changed from {:?} to {:?}",
                    statuses(&old.errors),
                    statuses(&new.errors)
                ),
            );
        }
        // Error bodies are data (`Error::body`), so another shape breaks no code.
        for e in &old.errors {
            if let Some(n) = new.errors.iter().find(|n| n.status == e.status)
                && n.ty != e.ty
            {
                self.push(
                    false,
                    format!(
                        "the `{}` error body of `{name}` is now {} (was {})",
                        e.status,
                        n.ty.describe(),
                        e.ty.describe()
                    ),
                );
            }
        }
    }

    fn type_def(&mut self, old: &TypeDef, new: &TypeDef) {
        let name = &old.name;
        if old.doc != new.doc {
            self.push(false, format!("documentation of `{name}` changed"));
        }
        match (&old.kind, &new.kind) {
            (
                TypeKind::Struct {
                    fields: old_fields,
                    min_properties: old_min,
                    requires: old_requires,
                },
                TypeKind::Struct {
                    fields: new_fields,
                    min_properties: new_min,
                    requires: new_requires,
                },
            ) => {
                for f in old_fields {
                    match new_fields.iter().find(|n| n.name == f.name) {
                        None => self.push(true, format!("field `{name}.{}` removed", f.name)),
                        Some(n) => self.field(name, f, n),
                    }
                }
                let input = self.is_input(name);
                for f in new_fields {
                    if !old_fields.iter().any(|o| o.name == f.name) {
                        if !f.optional() {
                            self.push(true, format!("required field `{name}.{}` added", f.name));
                        } else if input {
                            // Callers write request models as struct literals, which must
                            // now name the new field.
                            self.push(
                                true,
                                format!(
                                    "optional field `{name}.{}` added to a request model (struct literals must set it)",
                                    f.name
                                ),
                            );
                        } else {
                            self.push(false, format!("optional field `{name}.{}` added", f.name));
                        }
                    }
                }
                if old_min != new_min {
                    let tighter = input && new_min.unwrap_or(0) > old_min.unwrap_or(0);
                    self.push(
                        tighter,
                        format!(
                            "`{name}` minimum number of set fields changed from {} to {}",
                            old_min.unwrap_or(0),
                            new_min.unwrap_or(0)
                        ),
                    );
                }
                for r in new_requires {
                    if !old_requires.contains(r) {
                        self.push(
                            input,
                            format!(
                                "`{name}`: `{}` containing `{}` now requires `{}` to contain `{}`",
                                r.when_field, r.when_value, r.then_field, r.then_value
                            ),
                        );
                    }
                }
                for r in old_requires {
                    if !new_requires.contains(r) {
                        self.push(false, format!("`{name}`: `{}` containing `{}` no longer requires `{}` to contain `{}`", r.when_field, r.when_value, r.then_field, r.then_value));
                    }
                }
            }
            (TypeKind::Enum { variants: old_v }, TypeKind::Enum { variants: new_v }) => {
                for v in old_v {
                    if !new_v.iter().any(|n| n.wire == v.wire) {
                        self.push(
                            true,
                            format!("value `{}` removed from enum `{name}`", v.wire),
                        );
                    }
                }
                for v in new_v {
                    match old_v.iter().find(|o| o.wire == v.wire) {
                        None => {
                            self.push(false, format!("value `{}` added to enum `{name}`", v.wire))
                        }
                        Some(o) if o.name != v.name => self.push(
                            true,
                            format!(
                                "value `{}` of enum `{name}` is now the variant `{}` (was `{}`)",
                                v.wire, v.name, o.name
                            ),
                        ),
                        Some(_) => {}
                    }
                }
            }
            (TypeKind::Alias { ty: a }, TypeKind::Alias { ty: b }) if a != b => {
                self.push(
                    true,
                    format!("`{name}` changed from {} to {}", a.describe(), b.describe()),
                );
            }
            (a, b) if std::mem::discriminant(a) != std::mem::discriminant(b) => {
                self.push(
                    true,
                    format!("`{name}` changed kind (struct, enum or alias)"),
                );
            }
            _ => {}
        }
    }

    fn field(&mut self, owner: &str, old: &Field, new: &Field) {
        let what = format!("field `{owner}.{}`", old.name);
        if old.wire != new.wire {
            self.push(
                false,
                format!("{what} is now sent as `{}` (was `{}`)", new.wire, old.wire),
            );
        }
        if old.ty != new.ty {
            self.push(
                true,
                format!(
                    "{what} changed type from {} to {}",
                    old.ty.describe(),
                    new.ty.describe()
                ),
            );
        }
        if old.optional() != new.optional() {
            let now = if new.optional() {
                "optional"
            } else {
                "required"
            };
            let was = if old.optional() {
                "optional"
            } else {
                "required"
            };
            self.push(true, format!("{what} became {now} (was {was})"));
        }
        self.toggled(true, &what, "held in a `Box`", old.boxed, new.boxed);
        self.toggled(false, &what, "deprecated", old.deprecated, new.deprecated);
        if old.doc != new.doc {
            self.push(false, format!("documentation of {what} changed"));
        }
        // Rules are checked before sending, so they only matter in request models.
        let enforced = self.is_input(owner);
        self.constraints(&what, &old.constraints, &new.constraints, enforced);
        self.constraints(
            &format!("items of {what}"),
            &old.item_constraints,
            &new.item_constraints,
            enforced,
        );
    }

    /// A tighter rule refuses requests that were valid before: breaking, when the rule is
    /// `enforced` (checked before sending). A looser one is not.
    fn constraints(&mut self, what: &str, old: &Constraints, new: &Constraints, enforced: bool) {
        let before = self.list.len();
        self.constraint_changes(what, old, new);
        if !enforced {
            for change in &mut self.list[before..] {
                change.breaking = false;
            }
        }
    }

    fn constraint_changes(&mut self, what: &str, old: &Constraints, new: &Constraints) {
        let mins = [
            ("minimum length", old.min_length, new.min_length),
            ("minimum items", old.min_items, new.min_items),
        ];
        for (rule, a, b) in mins {
            if a != b {
                let tighter = b.unwrap_or(0) > a.unwrap_or(0);
                self.push(
                    tighter,
                    format!("{what}: {rule} changed from {} to {}", show(a), show(b)),
                );
            }
        }
        let maxes = [
            ("maximum length", old.max_length, new.max_length),
            ("maximum items", old.max_items, new.max_items),
        ];
        for (rule, a, b) in maxes {
            if a != b {
                let tighter = b.unwrap_or(u64::MAX) < a.unwrap_or(u64::MAX);
                self.push(
                    tighter,
                    format!("{what}: {rule} changed from {} to {}", show(a), show(b)),
                );
            }
        }
        if old.minimum != new.minimum || old.exclusive_minimum != new.exclusive_minimum {
            let tighter = new.minimum.unwrap_or(f64::MIN) > old.minimum.unwrap_or(f64::MIN)
                || (new.exclusive_minimum && !old.exclusive_minimum);
            self.push(
                tighter,
                format!(
                    "{what}: minimum changed from {} to {}",
                    showf(old.minimum),
                    showf(new.minimum)
                ),
            );
        }
        if old.maximum != new.maximum || old.exclusive_maximum != new.exclusive_maximum {
            let tighter = new.maximum.unwrap_or(f64::MAX) < old.maximum.unwrap_or(f64::MAX)
                || (new.exclusive_maximum && !old.exclusive_maximum);
            self.push(
                tighter,
                format!(
                    "{what}: maximum changed from {} to {}",
                    showf(old.maximum),
                    showf(new.maximum)
                ),
            );
        }
        if old.unique_items != new.unique_items {
            self.push(
                new.unique_items,
                format!(
                    "{what}: items {} be unique",
                    if new.unique_items {
                        "must now"
                    } else {
                        "no longer need to"
                    }
                ),
            );
        }
    }
}

fn location(l: &ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path | ParamLocation::Client => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "headers",
    }
}

fn show(v: Option<u64>) -> String {
    v.map_or("none".into(), |v| v.to_string())
}

fn showf(v: Option<f64>) -> String {
    v.map_or("none".into(), |v| v.to_string())
}
