//! Recursive structs: a struct that holds itself (`Node { next: Option<Node> }`), directly
//! or through other structs, would have no size. Structs that hold one another form a
//! strongly connected component of the "holds directly" graph (not through a list or a map,
//! which give the indirection already); a field from a struct to one of its own component
//! closes such a loop and is boxed. A union holds its arms directly, so it is a node of the
//! same graph: a struct holding a union one of whose arms holds the struct is boxed too.

use crate::ir::{Type, TypeKind};
use crate::lower::TypeTable;
use std::collections::HashMap;

pub(crate) fn box_recursive_fields(types: &mut TypeTable) {
    let structs = StructOf::new(types);
    // Struct → the structs its fields hold directly, by index in printing order.
    // (Indexes are positions in `types.iter()`, which is printing order.)
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    for (from, t) in types.iter().enumerate() {
        edges[from] = match &t.kind {
            TypeKind::Struct { fields, .. } => {
                fields.iter().filter_map(|f| structs.of(&f.ty)).collect()
            }
            TypeKind::Union { arms, .. } => arms.iter().filter_map(|a| structs.of(&a.ty)).collect(),
            _ => continue,
        };
    }
    let component = strongly_connected(&edges);
    let mut boxed: Vec<(String, usize)> = Vec::new();
    for (from, t) in types.iter().enumerate() {
        let TypeKind::Struct { fields, .. } = &t.kind else {
            continue;
        };
        for (fi, f) in fields.iter().enumerate() {
            if let Some(to) = structs.of(&f.ty)
                && component[to] == component[from]
            {
                boxed.push((t.name.clone(), fi));
            }
        }
    }
    for (name, fi) in boxed {
        if let Some(TypeKind::Struct { fields, .. }) = types.get_mut(&name).map(|t| &mut t.kind) {
            fields[fi].boxed = true;
        }
    }
}

/// The struct a value of a type is, seen through aliases (by index in printing order);
/// `None` for anything held behind a list or map, or not a struct. Each alias is followed
/// once.
struct StructOf {
    by_name: HashMap<String, Option<usize>>,
}

impl StructOf {
    fn new(types: &TypeTable) -> Self {
        let mut by_name: HashMap<String, Option<usize>> = HashMap::new();
        for t in types.iter() {
            let mut chain: Vec<&str> = Vec::new();
            let mut name = t.name.as_str();
            let found = loop {
                if let Some(known) = by_name.get(name) {
                    break *known;
                }
                // An alias loop was broken before this pass; the bound keeps a bug finite.
                if chain.len() > types.len() {
                    break None;
                }
                chain.push(name);
                match types.kind(name) {
                    Some(TypeKind::Struct { .. } | TypeKind::Union { .. }) => {
                        break types.position(name);
                    }
                    Some(TypeKind::Alias {
                        ty: Type::Named(target),
                    }) => name = target,
                    _ => break None,
                }
            };
            for name in chain {
                by_name.insert(name.to_string(), found);
            }
        }
        StructOf { by_name }
    }

    fn of(&self, ty: &Type) -> Option<usize> {
        match ty {
            Type::Named(n) => self.by_name.get(n.as_str()).copied().flatten(),
            _ => None,
        }
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, without recursion so
/// a deep spec cannot overflow the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, how many of its edges were followed)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(top) = work.len().checked_sub(1) {
            let (node, followed) = work[top];
            if followed == 0 && index[node] == UNSEEN {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&to) = edges[node].get(followed) {
                work[top].1 += 1;
                if index[to] == UNSEEN {
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn finds_loops_of_any_length() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0
        let c = strongly_connected(&[vec![1], vec![2], vec![0], vec![3], vec![0]]);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
    }
}
