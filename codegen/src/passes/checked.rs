//! Which types hold rules to check before sending, decided once (`TypeDef::checked`): a
//! type has a rule of its own (a constrained field, `minProperties`, `x-requires`), or names
//! a type that holds one. Then, for every value the emitter prints a check for, whether it
//! is checked through `validate`: fields and parameters (`holds_rules`) and request bodies
//! (`Body::validated`).

use super::graph::leaf_name;
use crate::ir::{Operation, Type, TypeDef, TypeKind};
use crate::lower::TypeTable;
use std::collections::{HashMap, HashSet};

pub(crate) fn mark_checked(types: &mut TypeTable, operations: &mut [Operation]) {
    let checked = types_with_rules(types);
    let holds = |ty: &Type| leaf_name(ty).is_some_and(|n| checked.contains(n));
    let mut flags: Vec<Vec<bool>> = Vec::new();
    for t in types.iter() {
        flags.push(match &t.kind {
            TypeKind::Struct { fields, .. } => fields.iter().map(|f| holds(&f.ty)).collect(),
            TypeKind::Union { arms, .. } => arms.iter().map(|a| holds(&a.ty)).collect(),
            _ => Vec::new(),
        });
    }
    for op in operations.iter_mut() {
        for p in &mut op.params {
            p.holds_rules = holds(&p.ty);
        }
        if let Some(body) = &mut op.body {
            body.validated = implements_validate(types, &body.ty);
        }
    }
    for (t, flags) in types.iter_mut().zip(flags) {
        t.checked = checked.contains(t.name.as_str());
        match &mut t.kind {
            TypeKind::Struct { fields, .. } => {
                for (f, holds) in fields.iter_mut().zip(flags) {
                    f.holds_rules = holds;
                }
            }
            TypeKind::Union { arms, .. } => {
                for (a, holds) in arms.iter_mut().zip(flags) {
                    a.holds_rules = holds;
                }
            }
            _ => {}
        }
    }
}

/// The names of the types that hold a rule: those with one of their own, and every type
/// that names one of those (walked backwards from the rules, each type once).
fn types_with_rules(types: &TypeTable) -> HashSet<String> {
    // Type → the types that name it.
    let mut named_by: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut todo: Vec<&str> = Vec::new();
    for t in types.iter() {
        for target in names_in(t) {
            named_by.entry(target).or_default().push(&t.name);
        }
        if has_own_rule(t) {
            todo.push(&t.name);
        }
    }
    let mut found: HashSet<&str> = todo.iter().copied().collect();
    while let Some(name) = todo.pop() {
        for &by in named_by.get(name).into_iter().flatten() {
            if found.insert(by) {
                todo.push(by);
            }
        }
    }
    found.into_iter().map(str::to_string).collect()
}

fn has_own_rule(t: &TypeDef) -> bool {
    match &t.kind {
        TypeKind::Struct {
            fields,
            min_properties,
            requires,
            max_properties,
        } => {
            min_properties.is_some()
                || max_properties.is_some()
                || !requires.is_empty()
                || fields
                    .iter()
                    .any(|f| !f.constraints.is_empty() || !f.item_constraints.is_empty())
        }
        TypeKind::Enum { .. }
        | TypeKind::Alias { .. }
        | TypeKind::Union { .. }
        | TypeKind::IntEnum { .. } => false,
    }
}

/// The types a type's values hold: its fields' (through lists and maps), or its alias
/// target's. An enum holds none.
fn names_in(t: &TypeDef) -> Vec<&str> {
    match &t.kind {
        TypeKind::Struct { fields, .. } => fields.iter().filter_map(|f| leaf_name(&f.ty)).collect(),
        TypeKind::Alias { ty } => leaf_name(ty).into_iter().collect(),
        TypeKind::Union { arms, .. } => arms.iter().filter_map(|a| leaf_name(&a.ty)).collect(),
        TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
    }
}

/// Whether the Rust type implements `rt::Validate`: generated structs and enums do, and so
/// do lists and maps of them; plain values and aliases of plain values do not.
fn implements_validate(types: &TypeTable, ty: &Type) -> bool {
    let mut ty = ty;
    // Alias loops were broken before this pass; the bound keeps a bug finite.
    for _ in 0..=types.len() {
        match ty {
            Type::List(inner) | Type::Map(inner) => ty = inner,
            Type::Named(n) => match types.kind(n) {
                Some(TypeKind::Alias { ty: target }) => ty = target,
                Some(_) => return true,
                None => return false,
            },
            _ => return false,
        }
    }
    false
}
