//! Alias cycles: `A: {$ref: B}`, `B: {type: array, items: {$ref: A}}` cannot be written in
//! Rust. Each alias names at most one type (the leaf of its target), so the aliases form
//! chains; an alias on a loop of such a chain is defined in terms of itself.

use super::graph::leaf_name;
use crate::ir::{Type, TypeKind};
use crate::lower::TypeTable;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// On the walk in progress, at this index of its path.
    OnPath(usize),
    Done,
}

/// Makes every alias defined in terms of itself an alias of any JSON value, so later steps
/// see finite types, and returns their names in printing order for `lower` to report.
pub(crate) fn break_alias_cycles(types: &mut TypeTable) -> Vec<String> {
    // The alias each alias leads to.
    let next: HashMap<&str, &str> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias { ty } => Some((t.name.as_str(), leaf_name(ty)?)),
            _ => None,
        })
        .filter(|(_, target)| matches!(types.kind(target), Some(TypeKind::Alias { .. })))
        .collect();
    let mut state: HashMap<&str, State> = HashMap::new();
    let mut cyclic: HashSet<&str> = HashSet::new();
    for start in types.iter().map(|t| t.name.as_str()) {
        if state.contains_key(start) {
            continue;
        }
        let mut path: Vec<&str> = Vec::new();
        let mut current = Some(start);
        while let Some(name) = current {
            match state.get(name) {
                Some(State::Done) => break,
                Some(&State::OnPath(from)) => {
                    // The walk came back to `name`: every alias from it on is on the loop.
                    cyclic.extend(&path[from..]);
                    break;
                }
                None => {
                    state.insert(name, State::OnPath(path.len()));
                    path.push(name);
                    current = next.get(name).copied();
                }
            }
        }
        for name in path {
            state.insert(name, State::Done);
        }
    }
    let names: Vec<String> = types
        .iter()
        .filter(|t| cyclic.contains(t.name.as_str()))
        .map(|t| t.name.clone())
        .collect();
    for name in &names {
        if let Some(t) = types.get_mut(name) {
            t.kind = TypeKind::Alias { ty: Type::Any };
        }
    }
    names
}
