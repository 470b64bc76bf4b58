//! What the passes share about the graph of types: the named type an edge points to. A leaf:
//! it uses no other passes module.

use crate::ir::Type;

/// The named type at the bottom of a type, through lists and maps: `Vec<Map<User>>` → `User`.
pub(super) fn leaf_name(ty: &Type) -> Option<&str> {
    match ty {
        Type::Named(n) => Some(n),
        Type::List(inner) | Type::Map(inner) => leaf_name(inner),
        _ => None,
    }
}
