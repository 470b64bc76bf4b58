//! What changed between two models of one service, and whether it breaks a caller of the
//! generated client (code that compiled against the old client, or requests it sent).

mod lifecycle;
mod operations;
#[cfg(test)]
mod tests;
mod types;

use crate::ir::*;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Whether a change breaks callers of the generated client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Impact {
    /// Code that compiled against the old client, or requests it sent, may now fail.
    Breaking,
    /// Every caller of the old client keeps working.
    Compatible,
}

impl Impact {
    pub fn breaking_if(breaking: bool) -> Self {
        if breaking {
            Impact::Breaking
        } else {
            Impact::Compatible
        }
    }
}

/// One change and whether it breaks callers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub impact: Impact,
    pub what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.impact {
            Impact::Breaking => "BREAKING",
            Impact::Compatible => "ok      ",
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
fn request_types(service: &Service) -> HashSet<String> {
    let types = by_name(&service.types, |t| &t.name);
    let mut found: HashSet<String> = HashSet::new();
    let mut todo: Vec<&Type> = Vec::new();
    for op in &service.operations {
        todo.extend(op.body.iter().map(|b| &b.ty));
        todo.extend(op.params.iter().map(|p| &p.ty));
    }
    while let Some(ty) = todo.pop() {
        match ty {
            Type::List(inner) | Type::Map(inner) => todo.push(inner),
            Type::Named(n) if !found.contains(n) => {
                found.insert(n.clone());
                match types.get(n.as_str()).map(|t| &t.kind) {
                    Some(TypeKind::Struct { fields, .. }) => {
                        todo.extend(fields.iter().map(|f| &f.ty))
                    }
                    Some(TypeKind::Alias { ty }) => todo.push(ty),
                    Some(TypeKind::Union { arms, .. }) => todo.extend(arms.iter().map(|a| &a.ty)),
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
    inputs: HashSet<String>,
}

impl Changes {
    fn push(&mut self, impact: Impact, what: String) {
        self.list.push(Change { impact, what });
    }

    /// "`subject` is now `property`" or "is no longer", when a yes-or-no property changed.
    fn toggled(&mut self, impact: Impact, subject: &str, property: &str, old: bool, new: bool) {
        if old != new {
            let now = if new { "now" } else { "no longer" };
            self.push(impact, format!("{subject} is {now} {property}"));
        }
    }

    fn is_input(&self, type_name: &str) -> bool {
        self.inputs.contains(type_name)
    }

    fn service(&mut self, old: &Service, new: &Service) {
        if old.description != new.description || old.title != new.title {
            self.push(Impact::Compatible, "service description changed".into());
        }
        for a in &old.auth {
            if !new.auth.contains(a) {
                self.push(
                    Impact::Breaking,
                    format!("authentication {a:?} is no longer accepted"),
                );
            }
        }
        for a in &new.auth {
            if !old.auth.contains(a) {
                self.push(
                    Impact::Compatible,
                    format!("authentication {a:?} is now accepted"),
                );
            }
        }
        let old_settings = by_name(&old.client_params, |p| &p.name);
        let new_settings = by_name(&new.client_params, |p| &p.name);
        for p in &new.client_params {
            if !old_settings.contains_key(p.name.as_str()) {
                self.push(
                    Impact::Breaking,
                    format!("client setting `{}` is now required", p.name),
                );
            }
        }
        for p in &old.client_params {
            if !new_settings.contains_key(p.name.as_str()) {
                self.push(
                    Impact::Compatible,
                    format!("client setting `{}` is no longer used", p.name),
                );
            }
        }
        if old.envelope != new.envelope
            || old.body_error != new.body_error
            || old.error_fields != new.error_fields
        {
            self.push(
                Impact::Compatible,
                "answer conventions (envelope, error fields) changed".into(),
            );
        }
        if old.retryable_errors != new.retryable_errors {
            self.push(Impact::Compatible, "retryable error codes changed".into());
        }
        let old_operations = by_name(&old.operations, |o| &o.name);
        let new_operations = by_name(&new.operations, |o| &o.name);
        for op in &old.operations {
            match new_operations.get(op.name.as_str()) {
                None => self.push(Impact::Breaking, format!("operation `{}` removed", op.name)),
                Some(n) => {
                    self.operation(op, n);
                    self.lifecycle(op, n);
                }
            }
        }
        for op in &new.operations {
            if !old_operations.contains_key(op.name.as_str()) {
                self.push(
                    Impact::Compatible,
                    format!("operation `{}` added ({} {})", op.name, op.method, op.path),
                );
            }
        }
        let old_types = by_name(&old.types, |t| &t.name);
        let new_types = by_name(&new.types, |t| &t.name);
        for t in &old.types {
            match new_types.get(t.name.as_str()) {
                None => self.push(Impact::Breaking, format!("type `{}` removed", t.name)),
                Some(n) => self.type_def(t, n),
            }
        }
        for t in &new.types {
            if !old_types.contains_key(t.name.as_str()) {
                self.push(Impact::Compatible, format!("type `{}` added", t.name));
            }
        }
    }
}

/// The items of a list by their (unique) name.
fn by_name<'t, T>(items: &'t [T], name: impl Fn(&'t T) -> &'t str) -> HashMap<&'t str, &'t T> {
    items.iter().map(|item| (name(item), item)).collect()
}
